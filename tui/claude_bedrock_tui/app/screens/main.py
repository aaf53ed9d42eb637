"""The main screen: sources, editors, effective configuration and validation; tabs when space is short."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Header, Select, Static, Tab, Tabs

from claude_bedrock_tui.app.keys import PANE_ORDER
from claude_bedrock_tui.app.validation_state import candidate_key

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.app.widgets.editors import EditorsPane
    from claude_bedrock_tui.app.widgets.validation_panel import ValidationPanel

PANE_TABS = {"pane-edit": "Edit", "pane-sources": "Sources", "pane-effective": "Effective", "pane-checks": "Checks"}


class MainScreen(Screen):
    """Wide and tall: every pane at once. Otherwise (80x24): one pane at a time behind tabs."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]

    app: BedrockApp
    built = False

    def compose(self) -> ComposeResult:
        # The first frame: the panes are built right after it (see build), off its path.
        yield Header()
        with Container(id="body"):
            yield Static("Reading the Claude Code settings…", id="loading")
        # Compact, without the palette's key (help names it): the keys that matter fit 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self.app.open_configuration)

    async def build(self) -> None:
        """Mount the panes and show the session: called once the configuration is read."""
        from claude_bedrock_tui.app.widgets.editors import EditorsPane
        from claude_bedrock_tui.app.widgets.panes import InfoPane
        from claude_bedrock_tui.app.widgets.validation_panel import ValidationPanel

        sources = Container(
            InfoPane(id="environment", classes="subpane"),
            InfoPane(id="files", classes="subpane"),
            id="pane-sources",
            classes="pane",
        )
        body = self.query_one("#body")
        await self.query_one("#loading").remove()
        # The tabs come with the panes they switch, so the first frame stays as light as a bare app's.
        await self.mount(
            Tabs(*(Tab(label, id=f"tab-{pane}") for pane, label in PANE_TABS.items()), id="pane-tabs"), before=body
        )
        await body.mount_all(
            [
                sources,
                EditorsPane(id="pane-edit", classes="pane -active"),
                InfoPane(id="pane-effective", classes="pane"),
                ValidationPanel(id="pane-checks", classes="pane"),
            ]
        )
        self.query_one("#environment").border_title = "Environment"
        self.query_one("#files").border_title = "Settings files"
        self.query_one("#pane-effective").border_title = "Effective configuration"
        self.query_one("#pane-checks").border_title = "Validation"
        self.editors.load(self.app.session)
        self.refresh_panes()
        self.editors.focus_first()
        self.built = True

    @property
    def editors(self) -> EditorsPane:
        return self.query_one("#pane-edit")  # type: ignore[return-value]

    @property
    def validation_panel(self) -> ValidationPanel:
        return self.query_one("#pane-checks")  # type: ignore[return-value]

    @property
    def wide(self) -> bool:
        return self.has_class("-wide") and self.has_class("-tall")

    def refresh_panes(self) -> None:
        """Re-render everything derived from the session (cheap: the preview is pure)."""
        from claude_bedrock_tui.app.display import display_path
        from claude_bedrock_tui.app.widgets.panes import effective_content, environment_content, files_content

        session = self.app.session
        self.query_one("#environment").show(environment_content(session))  # type: ignore[attr-defined]
        self.query_one("#files").show(files_content(session))  # type: ignore[attr-defined]
        self.query_one("#pane-effective").show(effective_content(session))  # type: ignore[attr-defined]
        self.editors.refresh_hints(session)
        self.editors.border_title = f"Edit · target: {session.scope}"
        count = sum(len(c) for c in session.pending.values())
        project = display_path(session.base.project_dir, session.base.shell)
        matched = self.app.matching_profile_name()
        parts = [
            project,
            *([f"profile: {matched}"] if matched else []),
            *([f"{count} unsaved edit{'s' * (count != 1)}"] if count else []),
        ]
        self.sub_title = " · ".join(parts)
        self.refresh_validation()

    def refresh_validation(self) -> None:
        app = self.app
        run = app.run_state
        stamp = run.finished_at.strftime("%H:%M:%S") if run.finished_at else ""
        stale = run.phase != "idle" and run.key != candidate_key(app.session.preview.candidate())
        self.validation_panel.update_state(app.session.preview.problems, run, stamp, stale)

    # -- panes -------------------------------------------------------------------------------------
    def show_pane(self, pane_id: str, focus: bool = True) -> None:
        for pane in self.query(".pane"):
            pane.set_class(pane.id == pane_id, "-active")
        tabs = self.query_one("#pane-tabs", Tabs)
        if tabs.active != f"tab-{pane_id}":
            tabs.active = f"tab-{pane_id}"
        if focus:
            target = self.query_one(f"#{pane_id}")
            if pane_id == "pane-sources":
                target = self.query_one("#environment")
            if pane_id == "pane-edit":
                self.editors.focus_first()
            else:
                target.focus()

    def next_pane(self) -> None:
        current = next((p.id for p in self.query(".pane.-active")), PANE_ORDER[0])
        focused = self.focused
        if self.wide and focused is not None:
            current = next((p.id for p in focused.ancestors_with_self if p.id in PANE_ORDER), current)
        index = (PANE_ORDER.index(current) + 1) % len(PANE_ORDER) if current in PANE_ORDER else 0
        self.show_pane(PANE_ORDER[index])

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        pane_id = (event.tab.id or "").removeprefix("tab-")
        for pane in self.query(".pane"):
            pane.set_class(pane.id == pane_id, "-active")

    # -- editors -----------------------------------------------------------------------------------
    @on(Select.Changed, "#target-scope")
    def _scope_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.app.set_scope(str(event.value))

    @on(Select.Changed, "#credential-method")
    def _method_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.editors.show_method(str(event.value), self.app.session)
