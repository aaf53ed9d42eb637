"""The one question dialog: a title, a message that wraps, two or three buttons; it returns the choice.

Quitting with unsaved edits, discarding them, deleting a profile, applying one over unrelated edits,
trusting a project's command and showing an error all use it. Escape always gives the cancel value,
whose button has the focus, so Enter on a fresh dialog is the safe answer. Tab and the arrow keys move
between the buttons; a choice may have a key of its own (s for Save, y for yes), shown in the footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static
from textual.widgets.button import ButtonVariant

T = TypeVar("T")


@dataclass(frozen=True)
class Choice(Generic[T]):
    """One button: what it returns, its label and colour; `keys` choose it too (escape is the cancel's)."""

    value: T
    label: str
    variant: ButtonVariant = "default"
    id: str = ""  # the button's id; a str value is its own id
    keys: str = ""  # more keys for it, comma-separated, as a Binding takes them
    footer: str = ""  # its name in the footer, where shorter than the label

    @property
    def button_id(self) -> str:
        return self.id or str(self.value)


class ChoiceScreen(ModalScreen[T]):
    """Asks `message` (then `detail` set apart, then `after`), and dismisses with the chosen value.

    `name` says which question this is (the binding ids, and what the app checks: "quit" while the
    quit question is open); `message_id` is the message's widget id.
    """

    BINDINGS = [
        Binding("left", "app.focus_previous", "Previous button", show=False, id="choice-previous"),
        Binding("right", "app.focus_next", "Next button", show=False, id="choice-next"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        choices: Sequence[Choice[T]],
        *,
        cancel: T,
        name: str = "choice",
        message_id: str = "choice-message",
        detail: str = "",
        after: str = "",
        wide: bool = False,
        error: bool = False,
    ) -> None:
        super().__init__(name=name, classes="dialog-screen")
        self.title_text, self.message, self.detail, self.after = title, message, detail, after
        self.choices = list(choices)
        self.cancel = cancel
        self.message_id = message_id
        self.box_classes = " ".join(["dialog", *(["-wide"] if wide else []), *(["-error"] if error else [])])
        # Escape first, then each choice's own keys in button order: the footer lists them so.
        cancel_choice = self._cancel_choice()
        escape = ",".join(["escape", *([cancel_choice.keys] if cancel_choice and cancel_choice.keys else [])])
        about = (cancel_choice.footer or cancel_choice.label) if cancel_choice else "Cancel"
        bindings = [Binding(escape, "cancel", about, id=f"{name}-cancel")]
        bindings += [
            Binding(choice.keys, f"choose({index})", choice.footer or choice.label, id=f"{name}-{choice.button_id}")
            for index, choice in enumerate(self.choices)
            if choice.keys and choice is not cancel_choice
        ]
        # Per dialog: the class map's lists are shared by every instance, so each key gets a new list.
        keys = self._bindings.key_to_bindings
        for binding in Binding.make_bindings(bindings):
            keys[binding.key] = [*keys.get(binding.key, []), binding]

    def _cancel_choice(self) -> Choice[T] | None:
        return next((choice for choice in self.choices if choice.value == self.cancel), None)

    def compose(self) -> ComposeResult:
        with Vertical(classes=self.box_classes, id=f"{self.name}-dialog") as box:
            box.border_title = self.title_text
            with VerticalScroll(classes="dialog-body"):  # a long message scrolls; the buttons stay
                yield Static(self.message, markup=False, id=self.message_id)  # a Static wraps; a Label is cut
                if self.detail:
                    yield Static(self.detail, markup=False, id="confirm-detail", classes="confirm-detail")
                if self.after:
                    yield Static(self.after, markup=False)
            with Horizontal(classes="dialog-buttons"):
                for choice in self.choices:
                    yield Button(choice.label, variant=choice.variant, id=choice.button_id)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        cancel_choice = self._cancel_choice()
        if cancel_choice is not None:
            self.query_one(f"#{cancel_choice.button_id}", Button).focus()

    def action_cancel(self) -> None:
        self.dismiss(self.cancel)

    def action_choose(self, index: int) -> None:
        self.dismiss(self.choices[index].value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        index = [choice.button_id for choice in self.choices].index(event.button.id or "")
        self.dismiss(self.choices[index].value)


def error_dialog(title: str, message: str) -> ChoiceScreen[None]:
    """An error as a message and what to do next, never a traceback; Close (escape, enter) dismisses it."""
    return ChoiceScreen(
        title,
        message,
        [Choice(None, "Close", "primary", id="close", keys="enter")],
        cancel=None,
        name="error",
        message_id="error-message",
        error=True,
    )


def confirm_dialog(
    title: str, question: str, *, yes: str, no: str, detail: str = "", after: str = "", wide: bool = False
) -> ChoiceScreen[bool]:
    """A yes/no question whose safe answer, `no`, is the default (focused, and escape); y says yes.

    `detail` is shown by itself between two paragraphs (a command to read before running it, say).
    """
    return ChoiceScreen(
        title,
        question,
        [
            Choice(False, no, "primary", id="no", footer="No"),
            Choice(True, yes, "warning", id="yes", keys="y", footer="Yes"),
        ],
        cancel=False,
        name="confirm",
        message_id="confirm-question",
        detail=detail,
        after=after,
        wide=wide,
    )
