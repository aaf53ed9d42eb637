"""A yes/no question whose safe answer is the default (focused, and on escape)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


class ConfirmScreen(ModalScreen[bool]):
    """Asks `question`; the `yes` button (or y) dismisses True, the `no` button (escape, the focus) False.

    `detail` is shown by itself between two paragraphs (a command to read before running it, say).
    """

    BINDINGS = [
        Binding("escape", "choose(False)", "No", id="confirm-no"),
        Binding("y", "choose(True)", "Yes", id="confirm-yes"),
    ]

    def __init__(
        self, title: str, question: str, *, yes: str, no: str, detail: str = "", after: str = "", wide: bool = False
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.question, self.detail, self.after = title, question, detail, after
        self.yes, self.no, self.wide = yes, no, wide

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide" if self.wide else "dialog", id="confirm-dialog") as box:
            box.border_title = self.title_text
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.question, markup=False, id="confirm-question")
                if self.detail:
                    yield Static(self.detail, markup=False, id="confirm-detail", classes="confirm-detail")
                if self.after:
                    yield Static(self.after, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, variant="primary", id="no")
                yield Button(self.yes, variant="warning", id="yes")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_choose(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
