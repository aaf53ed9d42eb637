"""The main screen's layout: sources, editors, effective configuration and validation; tabs when space is short.

What its keys do is in screens/main.py (MainScreen, a MainLayout).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Container
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import MountError, Widget
from textual.widgets import Footer, Header, Input, Static

from claude_bedrock_tui.app.keys import PANE_ORDER
from claude_bedrock_tui.app.messages import EditorChanged
from claude_bedrock_tui.app.validation_state import candidate_key
from claude_bedrock_tui.app.widgets.editors import METHOD_ROW, SCOPE_ROW, EditorsPane
from claude_bedrock_tui.app.widgets.field_editor import ChoiceList, FieldEditor, PickRequested
from claude_bedrock_tui.core.wording import counted

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.app.widgets.validation_panel import ValidationPanel

PANE_TABS = {"pane-edit": "Edit", "pane-sources": "Sources", "pane-effective": "Effective", "pane-checks": "Checks"}


class PaneTabs(Static):
    """The pane names when one pane shows at a time: the active one marked, each one clickable.

    One line of text rather than Textual's Tabs (six widgets and their styles) on the first frame.
    """

    active: reactive[str] = reactive("pane-edit")

    def render(self) -> Content:
        parts = []
        for pane, label in PANE_TABS.items():
            style = "bold reverse $accent" if pane == self.active else "$text-muted"
            parts.append(
                Content.from_markup(f"[@click=screen.show_pane('{pane}')] $label [/]", label=label).stylize(style)
            )
        return Content(" ").join(parts)


class AfterFirstFrame(Widget):
    """Holds a pane's place until the first frame has been shown, then mounts the pane in its place.

    Panes hidden behind the tabs (80x24) then cost the first frame nothing. Textual's Lazy does the same
    but says nothing when it is done; the screen must refresh the panes once they are there.
    """

    DEFAULT_CSS = "AfterFirstFrame { display: none; }"

    def __init__(self, pane: Widget) -> None:
        super().__init__()
        self.pane = pane

    def compose_add_child(self, widget: Widget) -> None:
        self.pane.compose_add_child(widget)  # `with AfterFirstFrame(Container(...)):` fills the container


def titled(widget: Widget, title: str) -> Widget:
    widget.border_title = title
    return widget


class MainLayout(Screen):
    """Wide and tall: every pane at once. Otherwise (80x24): one pane at a time behind tabs."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    EVERY_PANE = ("-wide", "-tall")  # the breakpoint classes under which every pane shows (app.tcss)

    # Textual focuses this once the screen is composed; focusing anything else first (its default: the
    # first focusable widget, a pane at 120x40) and then the list would style the screen twice more.
    AUTO_FOCUS = "#settings-list"

    app: BedrockApp
    built = False  # the first frame shows the configuration (the panes in view hold their values)
    complete = False  # every pane is mounted (the hidden ones follow the first frame)
    active_pane = "pane-edit"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # The breakpoint classes for the size known now. Textual sets them at the screen's first resize,
        # after every widget was styled once, and then styles them all again (about 40 style applications
        # at 120x40, some 10 ms); with the classes already right, that resize changes none.
        try:
            size = self.app.size
        except RuntimeError:  # Textual's NoActiveAppError: built outside a running app (a test's own screen)
            return
        self.add_class(*self.breakpoint_classes(size.width, size.height))

    @classmethod
    def breakpoint_classes(cls, width: int, height: int) -> tuple[str, str]:
        """The classes Textual gives this screen at this size (the last breakpoint not above it)."""

        def pick(value: int, breakpoints: list[tuple[int, str]]) -> str:
            return next(name for start, name in sorted(breakpoints, reverse=True) if value >= start)

        return pick(width, cls.HORIZONTAL_BREAKPOINTS), pick(height, cls.VERTICAL_BREAKPOINTS)

    @classmethod
    def shows_every_pane(cls, width: int, height: int) -> bool:
        """At this size, every pane shows at once (the -wide and -tall breakpoints)."""
        return cls.breakpoint_classes(width, height) == cls.EVERY_PANE

    def compose(self) -> ComposeResult:
        # The first frame shows the configuration with a few widgets only: the settings in one list with one
        # editor. Panes hidden behind the tabs are mounted after it; the AWS profile files are read by a
        # worker afterwards.
        from claude_bedrock_tui.app.widgets.panes import InfoPane
        from claude_bedrock_tui.app.widgets.validation_panel import ValidationPanel

        size = self.app.size
        every = self.shows_every_pane(size.width, size.height)

        def later(pane: Widget) -> Widget:
            return pane if every else AfterFirstFrame(pane)

        yield Header()
        yield PaneTabs(id="pane-tabs")
        with Container(id="body"):
            with later(Container(id="pane-sources", classes="pane")):
                yield titled(InfoPane(id="environment", classes="subpane"), "Environment")
                yield titled(InfoPane(id="files", classes="subpane"), "Settings files")
            yield EditorsPane(id="pane-edit", classes="pane -active")
            yield later(titled(InfoPane(id="pane-effective", classes="pane"), "Effective configuration"))
            yield later(titled(ValidationPanel(id="pane-checks", classes="pane"), "Validation"))
        # Compact, without the palette's key (help names it): the keys that matter fit 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    _resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler. The first resume comes right after the mount, where every
        # widget was just styled, and Textual would style the whole screen again (about 40 style
        # applications at 120x40). Coming back from a dialog it restyles as it always does.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        self._reload_values = True  # the editors load the values (their rows, once) with the panes
        self._refresh()
        self.editors.focus_first()
        self.built = True
        self.call_after_refresh(self._mount_the_rest)

    async def _mount_the_rest(self) -> None:
        """After the first frame: the panes it did not need, and the editor's text field."""
        holders = list(self.query(AfterFirstFrame))
        try:
            for holder in holders:
                await self.query_one("#body").mount(holder.pane, after=holder)
                await holder.remove()
            self.editors.field_editor.prepare()
        except MountError:
            return  # the app is closing (quit, or the terminal closed, right after the first frame)
        self.complete = True
        self.show_pane(self.active_pane, focus=False)  # a pane asked for meanwhile
        if holders:
            self.session_changed()  # the panes just mounted are empty: fill them (the others are up to date)
        self.app.configuration_shown()

    # -- one place that follows the session ---------------------------------------------------------
    _pending = False
    _reload_values = False
    _bindings_dirty = False

    def session_changed(self, values: bool = False) -> None:
        """The session changed: refresh what depends on it, once, after the frame that shows the key.

        `values`: the values themselves changed (scope, discard, save, reload), not only by typing.
        Keys arriving together are applied first, then the panes follow with one refresh.
        """
        self._reload_values = self._reload_values or values
        if not self._pending:
            self._pending = True
            self.app.call_after_refresh(self._refresh)

    @property
    def settled(self) -> bool:
        """No refresh is waiting: every pane shows the session as it is."""
        return not self._pending

    def _refresh(self) -> None:
        self._pending = False
        session = self.app.session
        loaded = self._reload_values
        if loaded:
            self._reload_values = False
            self.editors.load(session)
        self.refresh_panes(rows=not loaded)
        if session.dirty != self._bindings_dirty:  # Save and Discard come and go with the edits
            self._bindings_dirty = session.dirty
            self.app.refresh_bindings()

    @property
    def editors(self) -> EditorsPane:
        return self.query_one("#pane-edit", EditorsPane)

    @property
    def validation_panel(self) -> ValidationPanel:
        return self.query_one("#pane-checks")  # type: ignore[return-value]

    @property
    def wide(self) -> bool:
        """Every pane shows now (the screen's classes, which Textual keeps up with its size)."""
        return self.has_class(*self.EVERY_PANE)

    def refresh_panes(self, rows: bool = True) -> None:
        """Re-render everything derived from the session (cheap: the preview is pure).

        `rows`: the settings list too (False right after the editors loaded it: its rows are new).
        """
        from claude_bedrock_tui.app.display import display_path
        from claude_bedrock_tui.app.widgets.panes import InfoPane, effective_content, environment_content, files_content

        session = self.app.session
        for pane_id, content in (
            ("environment", environment_content),
            ("files", files_content),
            ("pane-effective", effective_content),
        ):
            for pane in self.query(f"#{pane_id}").results(InfoPane):  # none before it is mounted
                pane.show(content(session))
        if rows:
            self.editors.refresh_rows(session)
        self.editors.refresh_hint(session)
        self.editors.border_title = f"Edit · target: {session.scope}"
        count = sum(len(c) for c in session.pending.values())
        project = display_path(session.base.project_dir, session.base.shell)
        matched = self.app.matching_profile_name()
        # Most important first: a long project path is what the header cuts at 80 columns.
        parts = [
            *([counted(count, "unsaved edit")] if count else []),
            *([f"profile: {matched}"] if matched else []),
            project,
        ]
        self.sub_title = " · ".join(parts)
        self.refresh_validation()

    def refresh_validation(self) -> None:
        if not self.query("#pane-checks"):
            return  # not mounted yet: it is refreshed once it is
        app = self.app
        run = app.run_state
        stamp = run.finished_at.strftime("%H:%M:%S") if run.finished_at else ""
        session = app.session
        stale = run.phase != "idle" and run.key != candidate_key(session.preview.candidate())
        # The preview holds an edited file as if it parsed; the file on disk is still broken: say so.
        broken = {str(f.path) for f in session.base.files if f.state in ("invalid", "unreadable")}
        problems = session.preview.problems
        problems += tuple(p for p in session.base.problems if p.path in broken and p not in problems)
        self.validation_panel.update_state(problems, run, stamp, stale)

    # -- panes -------------------------------------------------------------------------------------
    def show_pane(self, pane_id: str, focus: bool = True) -> None:
        self.active_pane = pane_id
        if not self.complete and pane_id != "pane-edit":
            return  # mounted in a moment (after the first frame), and then shown
        for pane in self.query(".pane"):
            pane.set_class(pane.id == pane_id, "-active")
        self.query_one(PaneTabs).active = pane_id
        if focus:
            target: Widget = self.query_one(f"#{pane_id}")
            if pane_id == "pane-sources":
                target = self.query_one("#environment")
            if pane_id == "pane-edit":
                target = self.editors.settings_list
            # At once, not after the keys already waiting (Widget.focus waits): keys sent with F6 in one burst
            # (SSH, tmux) go to the pane it shows, not the one it left.
            self.set_focus(target)

    def next_pane(self) -> None:
        """The next pane; when every pane shows, the next box (both boxes of Sources included)."""
        current = self.active_pane
        if not self.wide:
            index = (PANE_ORDER.index(current) + 1) % len(PANE_ORDER) if current in PANE_ORDER else 0
            self.show_pane(PANE_ORDER[index])
            return
        boxes = ("pane-edit", "environment", "files", "pane-effective", "pane-checks")
        focused = self.focused
        if focused is not None:
            current = next((n.id for n in focused.ancestors_with_self if n.id in boxes), current)
        box = boxes[(boxes.index(current) + 1) % len(boxes)] if current in boxes else boxes[0]
        if box in ("environment", "files"):
            self.show_pane("pane-sources", focus=False)
            self.set_focus(self.query_one(f"#{box}"))  # at once, as show_pane does
        else:
            self.show_pane(box)

    # -- the Edit pane ------------------------------------------------------------------------------
    def field_input(self, name: str) -> Input:
        """Edit setting `name` and return its text input (tests, benchmarks and pickers type into it)."""
        self.editors.edit(name, self.app.session)
        return self.editors.field_editor.input

    def field_control(self, name: str) -> Input | ChoiceList:
        """Edit setting `name` and return the widget taking its value (an input, or a choice for flags)."""
        self.editors.edit(name, self.app.session)
        return self.editors.field_editor.control

    def on_editors_pane_row_chosen(self, message: EditorsPane.RowChosen) -> None:
        self.editors.edit(message.row, self.app.session)
        if message.focus:
            self.editors.field_editor.control.focus()

    def on_field_editor_move(self, message: FieldEditor.Move) -> None:
        self.editors.move(message.step, self.app.session)

    def on_field_editor_back(self, message: FieldEditor.Back) -> None:
        self.editors.focus_first()

    def on_pick_requested(self, message: PickRequested) -> None:
        from claude_bedrock_tui.app.pick import open_picker

        open_picker(self.app, message.name)

    def on_editor_changed(self, message: EditorChanged) -> None:
        message.stop()
        app, session = self.app, self.app.session
        if message.name == SCOPE_ROW:
            if message.value:
                app.set_scope(message.value)
        elif message.name == METHOD_ROW:
            if message.value:
                self.editors.show_method(message.value, session)
        else:
            session.set(message.name, message.value)
            self.session_changed()
