"""One editable setting, built from its SettingSpec: a label, an input (or a flag choice) and a hint."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from claude_bedrock_tui.app.messages import EditorChanged
from claude_bedrock_tui.app.widgets.ordered_input import OrderedInput
from claude_bedrock_tui.core.fields import Kind, SettingSpec

# A flag's three written states; "not in this file" is the Select's blank.
FLAG_CHOICES = [("1 (on)", "1"), ("0 (off)", "0"), ('"" (cancel a shell export)', "")]
PLACEHOLDERS = {
    Kind.REGION: "e.g. us-east-1",
    Kind.MODEL: "inference profile ID or ARN (F3 lists them)",
    Kind.INTEGER: "a whole number",
    Kind.SECRET: "secret: shown masked",
    Kind.COMMAND: "a shell command",
    Kind.URL: "https://…",
}
# Where the kind's placeholder or the spec's title reads wrong for one setting.
NAMED_PLACEHOLDERS = {
    "AWS_PROFILE": "a profile from ~/.aws/config (F3 lists them)",
    "ANTHROPIC_MODEL": "alias, inference profile ID or ARN (F3)",
    "model": "alias, inference profile ID or ARN (F3)",
}
TITLES = {"model": "Model (settings key)"}


def placeholder_for(spec: SettingSpec, limit: int = 40) -> str:
    """A hint for an empty field: by name, by kind, else the doc's first words (cut at a word, never mid-word)."""
    text = NAMED_PLACEHOLDERS.get(spec.name) or PLACEHOLDERS.get(spec.kind) or spec.doc.split(". ")[0].rstrip(".")
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:(") + "…"


def field_id(name: str) -> str:
    """The widget id of a setting's input: stable, so tests and keymaps can address it."""
    return f"field-{name}"


def is_pickable(spec: SettingSpec) -> bool:
    """Settings whose value is best chosen from a list (AWS profiles, inference profiles)."""
    return spec.kind is Kind.MODEL or spec.name == "AWS_PROFILE"


class FieldEditor(Vertical):
    """Edits one setting in the target scope; posts EditorChanged, never writes anything itself."""

    DEFAULT_CLASSES = "field"

    def __init__(self, spec: SettingSpec) -> None:
        super().__init__(id=f"editor-{spec.name}")
        self.spec = spec
        self._hint_markup: str | None = None

    def compose(self) -> ComposeResult:
        spec = self.spec
        with Horizontal(classes="field-row"):
            yield Label(TITLES.get(spec.name, spec.title), classes="field-title")
            if spec.kind is Kind.FLAG:
                yield Select(
                    FLAG_CHOICES, prompt="not set here", compact=True, id=field_id(spec.name), classes="field-input"
                )
            else:
                yield OrderedInput(
                    placeholder=placeholder_for(spec),
                    compact=True,
                    password=spec.kind is Kind.SECRET,
                    id=field_id(spec.name),
                    classes="field-input",
                )
            if is_pickable(spec):
                # For the mouse; the keyboard has F3 / ctrl+l, so the button takes no tab stop.
                pick = Button("F3 List", compact=True, id=f"pick-{spec.name}", classes="field-pick")
                pick.can_focus = False
                yield pick
        yield Static(classes="field-hint")
        self.tooltip = f"{spec.name}: {spec.doc}"

    @property
    def control(self) -> Input | Select:
        return self.query_one(".field-input")  # type: ignore[return-value]

    def load(self, value: str | None, edited: bool) -> None:
        """Show the target scope's value without announcing it as an edit."""
        control = self.control
        if isinstance(control, Select):
            with control.prevent(Select.Changed):
                control.value = Select.NULL if value is None else value
        else:
            with control.prevent(Input.Changed):
                control.value = value or ""
        if self.has_class("-edited") != edited:
            self.set_class(edited, "-edited")

    def set_hint(self, content: Content) -> None:
        if content.markup == self._hint_markup:
            return  # unchanged: skip the relayout (this runs on every key press)
        self._hint_markup = content.markup
        hint = self.query_one(".field-hint", Static)
        hint.update(content)
        hint.display = bool(content.plain)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        value = event.value.strip()
        self.post_message(EditorChanged(self.spec.name, value or None))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else str(event.value)
        self.post_message(EditorChanged(self.spec.name, value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        from claude_bedrock_tui.app.pick import open_picker

        self.control.focus()
        open_picker(self.app, self.spec.name)
