"""Before validation runs an awsCredentialExport that came with the project: name it and ask."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


class TrustCommandScreen(ModalScreen[bool]):
    """Run this command from the project's settings? "Don't run" is the default (escape, focus)."""

    BINDINGS = [
        Binding("escape", "choose(False)", "Don't run", id="trust-no"),
        Binding("r", "choose(True)", "Run it", id="trust-yes"),
    ]

    def __init__(self, command: str, scope: str, path: str) -> None:
        super().__init__(classes="dialog-screen")
        self.command = command
        self.scope = scope
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="trust-dialog") as box:
            box.border_title = "Run a command from the project?"
            with VerticalScroll(classes="dialog-body"):
                yield Static(
                    f"Validation would run this awsCredentialExport command, which comes from the {self.scope} "
                    f"settings ({self.path}): a cloned repository can put any command there.",
                    markup=False,
                )
                yield Static(self.command, markup=False, id="trust-command", classes="trust-command")
                yield Static(
                    "Run it only if you have read it and trust it. Otherwise validation skips the credentials "
                    "it would give (and says so).",
                    markup=False,
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Don't run", variant="primary", id="no")
                yield Button("Run it", variant="warning", id="yes")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_choose(self, run: bool) -> None:
        self.dismiss(run)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
