"""The profiles screen's own dialog: ask for a profile name, checked as typed (a deletion asks a ChoiceScreen)."""

from __future__ import annotations

from collections.abc import Collection

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from claude_bedrock_tui.profiles import check_profile_name


class ProfileNameScreen(ModalScreen[str | None]):
    """Asks for a profile name; OK stays disabled while the name cannot be used.

    `replaces` are names that may be taken (saving over them replaces the profile); `taken` may not.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="profile-name-cancel")]

    def __init__(
        self,
        title: str,
        *,
        ok_label: str,
        initial: str = "",
        notes: Content | None = None,
        replaces: Collection[str] = (),
        taken: Collection[str] = (),
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.ok_label = ok_label
        self.initial = initial
        self.notes = notes
        self.replaces = set(replaces)
        self.taken = set(taken)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="profile-name-dialog") as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter confirms · escape cancels"
            if self.notes is not None:
                yield Static(self.notes, id="profile-name-notes")
            yield Input(self.initial, placeholder="letters, digits, '.', '_' or '-'", id="profile-name")
            yield Static(id="profile-name-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.ok_label, variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._check(self.initial)
        self.query_one("#profile-name", Input).focus()

    def problem(self, name: str) -> tuple[str, bool]:
        """What to say about `name`, and whether it blocks OK."""
        if not name or name == self.initial:
            return "", True
        if name in self.taken:
            return f"A profile named {name!r} already exists; choose another name.", True
        problem = check_profile_name(name)
        if problem:
            return problem, True
        if name in self.replaces:
            return f"Replaces the saved profile {name!r}.", False
        return "", False

    def _check(self, name: str) -> bool:
        message, blocked = self.problem(name.strip())
        style = "$text-error" if blocked else "$warning"
        self.query_one("#profile-name-problem", Static).update(Content.styled(message, style))
        self.query_one("#ok", Button).disabled = blocked
        return not blocked

    @on(Input.Changed, "#profile-name")
    def _typed(self, event: Input.Changed) -> None:
        self._check(event.value)

    @on(Input.Submitted, "#profile-name")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._check(event.value):
            self.dismiss(event.value.strip())

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.dismiss(self.query_one("#profile-name", Input).value.strip())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
