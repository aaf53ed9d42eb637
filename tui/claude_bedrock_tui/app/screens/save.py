"""The save dialog: the validation verdict, a unified diff per file, and the target scope.

A failing validation disables Save; only the explicit "Save anyway" writes then. Verdict and diffs share
one scrolling area, so the buttons stay on screen at 80x24 however long the advice is. Turning Bedrock
off is not validated online: nothing would call Bedrock afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from claude_bedrock_tui.app.display import display_path
from claude_bedrock_tui.app.validation_state import ValidationRun
from claude_bedrock_tui.app.widgets.hanging import Hanging
from claude_bedrock_tui.app.widgets.validation_panel import SPINNER
from claude_bedrock_tui.core.edits import FileChange
from claude_bedrock_tui.core.wording import counted

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp

SaveChoice = Literal["save", "anyway"]
BEDROCK_OFF_VERDICT = "Bedrock is off after saving: nothing to validate online, Save writes it as shown."


def diff_content(change: FileChange, environ: dict[str, str]) -> Hanging:
    """The unified diff, coloured by line; secrets are already masked by FileChange.diff(). A line too long
    for the dialog goes on deeper than its own indentation, so it never reads as a line of its own."""
    home = environ.get("HOME", "")
    lines: list[tuple[Content, int]] = []
    for line in change.diff().splitlines():
        if home and line.startswith(("--- ", "+++ ")):
            line = line.replace(home + "/", "~/")
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("+"):
            style = "$success"
        elif line.startswith("-"):
            style = "$text-error"
        elif line.startswith("@@"):
            style = "$accent"
        else:
            style = ""
        indent = min(len(line) - len(line[1:].lstrip()) + 2, 24)  # the marker and the JSON indentation, and 2
        lines.append((Content.styled(line, style), indent))
    return Hanging(lines)


class SaveScreen(ModalScreen[SaveChoice | None]):
    """Shows what will be written and waits for the validation that runs before saving."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="save-cancel"),
        Binding("f2,ctrl+s", "confirm('save')", "Save", id="save-confirm"),
        Binding("ctrl+y", "confirm('anyway')", "Save anyway", id="save-anyway"),
        # The diff scrolls at once, whichever button has the focus.
        Binding("pageup", "scroll_diff('page_up')", "Page up", show=False),
        Binding("pagedown", "scroll_diff('page_down')", "Page down", show=False),
        Binding("home", "scroll_diff('home')", "Top", show=False),
        Binding("end", "scroll_diff('end')", "End", show=False),
    ]

    app: BedrockApp

    def __init__(self, changes: list[FileChange], target_scope: str, *, bedrock_off: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.changes = changes
        self.target_scope = target_scope
        self.bedrock_off = bedrock_off  # then the online verdict does not matter
        self._frame = 0

    def compose(self) -> ComposeResult:
        environ = self.app.session.base.shell
        with Vertical(classes="dialog -wide", id="save-dialog") as box:
            box.border_title = f"Save {counted(len(self.changes), 'file')} · target scope: {self.target_scope}"
            with VerticalScroll(id="diffs", classes="dialog-body"):
                yield Static(id="verdict")
                for change in self.changes:
                    yield Static(
                        Content.assemble((f"{change.scope} ", "bold $accent"), display_path(change.path, environ)),
                        classes="diff-title",
                    )
                    yield Static(diff_content(change, environ), classes="diff")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save", disabled=True)
                yield Button("Save anyway", variant="error", id="anyway", disabled=True)
                yield Button("Cancel", id="cancel")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self.bedrock_off:
            self._show_bedrock_off()
            return
        self.app.validation_signal.subscribe(self, self._validation_changed)
        # Called directly: a validation that finished before the dialog opened sends no more signals.
        run = self.app.run_state
        self._validation_changed(run)
        self.query_one("#save" if run.ok else "#cancel", Button).focus()
        self.set_interval(0.1, self._spin)

    def _show_bedrock_off(self) -> None:
        self.query_one("#verdict", Static).update(
            Hanging([(Content.styled("✔ " + BEDROCK_OFF_VERDICT, "$success"), 2)])
        )
        self.query_one("#anyway", Button).display = False
        save = self.query_one("#save", Button)
        save.disabled = False
        save.focus()
        self.refresh_bindings()

    def _spin(self) -> None:
        if self.app.run_state.running:
            self._frame += 1
            self._validation_changed(self.app.run_state)

    def _validation_changed(self, run: ValidationRun) -> None:
        verdict = run.verdict()
        lines: list[tuple[Content, int]]
        if run.running:
            lines = [(Content.assemble((SPINNER[self._frame % len(SPINNER)] + " ", "$accent"), verdict), 2)]
        elif run.ok:
            lines = [(Content.styled("✔ " + verdict, "$success"), 2)]
        else:
            lines = [(Content.styled("✘ " + verdict, "$text-error"), 2)]
            for check in [c for c in run.failed if c.advice][:2]:
                lines.append((Content.styled(f"  {check.id}: {check.advice}", "$text-muted"), 4))
            if run.phase in ("done", "error", "cancelled"):
                fix = "  Fix the configuration, or choose Save anyway (ctrl+y) to write it as it is."
                lines.append((Content.styled(fix, "$warning"), 2))
        text = Hanging(lines)
        self.query_one("#verdict", Static).update(text)
        save, anyway = self.query_one("#save", Button), self.query_one("#anyway", Button)
        save.disabled = not run.ok
        anyway.disabled = run.ok or run.running
        if run.ok and self.focused is self.query_one("#cancel"):
            save.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            if self.bedrock_off:
                return parameters[0] == "save"
            run = self.app.run_state
            return run.ok if parameters[0] == "save" else not (run.ok or run.running)
        return True

    def action_confirm(self, choice: SaveChoice) -> None:
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_scroll_diff(self, where: str) -> None:
        diffs = self.query_one("#diffs", VerticalScroll)
        scroll = {
            "page_up": diffs.scroll_page_up,
            "page_down": diffs.scroll_page_down,
            "home": diffs.scroll_home,
            "end": diffs.scroll_end,
        }[where]
        scroll(animate=False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self.dismiss(event.button.id)  # type: ignore[arg-type]
