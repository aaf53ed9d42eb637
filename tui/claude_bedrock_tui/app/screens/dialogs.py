"""Small modal dialogs: an error a person can act on, Save / Discard / Keep editing on quit, discard all."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

QuitChoice = Literal["save", "discard", "keep"]


class ErrorScreen(ModalScreen[None]):
    """An error as a message and what to do next: never a traceback."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Close", id="error-close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -error") as box:
            box.border_title = self.title_text
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.message, markup=False, id="error-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", variant="primary", id="close")
        yield Footer(compact=True, show_command_palette=False)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)


class QuitScreen(ModalScreen[QuitChoice]):
    """Quitting with unsaved edits: save them, throw them away, or go back."""

    is_quit_dialog = True  # the quit key does nothing more while this asks

    BINDINGS = [
        Binding("escape", "choose('keep')", "Keep editing", id="quit-keep"),
        Binding("s", "choose('save')", "Save", id="quit-save"),
        Binding("d", "choose('discard')", "Discard", id="quit-discard"),
    ]

    def __init__(self, summary: str) -> None:
        super().__init__(classes="dialog-screen")
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = "Unsaved edits"
            yield Static(self.summary, markup=False, id="quit-summary")  # Static wraps; a Label is cut
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save…", variant="primary", id="save")
                yield Button("Discard", variant="error", id="discard")
                yield Button("Keep editing", id="keep")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]


class ConfirmDiscardScreen(ModalScreen[bool]):
    """Forgetting every unsaved edit cannot be undone: ask, with Keep as the default."""

    BINDINGS = [
        Binding("escape", "choose(False)", "Keep", id="discard-keep"),
        Binding("d", "choose(True)", "Discard all edits", id="discard-confirm"),
    ]

    def __init__(self, summary: str) -> None:
        super().__init__(classes="dialog-screen")
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = "Discard all edits?"
            yield Static(self.summary, markup=False, id="discard-summary")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Discard all edits", variant="error", id="discard")
                yield Button("Keep", variant="primary", id="keep")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def action_choose(self, discard: bool) -> None:
        self.dismiss(discard)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "discard")
