"""The one editor of the Edit pane: it edits the row highlighted in the settings list.

One editor instead of one per setting keeps the first frame and every key cheap (the widget count is
the first frame's cost). It shows an input for text, a choice for flags, the target scope and the
credential method.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from claude_bedrock_tui.app.messages import EditorChanged
from claude_bedrock_tui.app.widgets.ordered_input import OrderedInput
from claude_bedrock_tui.core.fields import SPEC_BY_NAME, Kind, SettingSpec

# A flag's three written states; "not in this file" is the first choice, "not set here".
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


def placeholder_for(spec: SettingSpec, limit: int = 45) -> str:
    """A hint for an empty field: by name, by kind, else the doc's first words (cut at a word, never mid-word)."""
    text = NAMED_PLACEHOLDERS.get(spec.name) or PLACEHOLDERS.get(spec.kind) or spec.doc.split(". ")[0].rstrip(".")
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:(") + "…"


def title_of(spec: SettingSpec) -> str:
    return TITLES.get(spec.name, spec.title)


def is_pickable(spec: SettingSpec) -> bool:
    """Settings whose value is best chosen from a list (AWS profiles, inference profiles) or edited in a
    dialog of its own (the guardrail in the custom headers, modelOverrides as a table)."""
    return spec.kind is Kind.MODEL or spec.name in ("AWS_PROFILE", *STRUCTURED)


STRUCTURED = ("ANTHROPIC_CUSTOM_HEADERS", "modelOverrides")  # F3 opens screens/structured.py


class ChoiceList(OptionList):
    """A few choices, all in view: enter or a click chooses (a flag, the target scope, the method).

    One widget (Textual's Select is five, with styles of its own to apply on the first frame).
    """

    UNSET = "unset"

    class Changed(Message):
        def __init__(self, value: str | None) -> None:
            super().__init__()
            self.value = value

    _value: str | None = None

    def set_choices(self, choices: list[tuple[str, str]], value: str | None, blank: str | None) -> None:
        """Offer `choices` ((label, value) pairs; `blank`: a first choice for "not set") with `value` chosen."""
        options = [Option(Content.styled(blank, "$text-muted italic"), id=self.UNSET)] if blank else []
        options += [Option(label, id=f"v:{choice}") for label, choice in choices]
        self.set_options(options)
        self._value = value
        self._mark()

    def _mark(self) -> None:
        index = self.get_option_index(self.UNSET if self._value is None else f"v:{self._value}")
        self.highlighted = index

    @property
    def value(self) -> str | None:
        return self._value

    @value.setter
    def value(self, value: str | None) -> None:
        self._value = value
        self._mark()
        self.post_message(self.Changed(value))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or self.UNSET
        self.value = None if option_id == self.UNSET else option_id.removeprefix("v:")


class PickRequested(Message):
    """The editor's "F3 List" button was pressed for setting `name`."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class FieldEditor(Vertical):
    """Edits one row; posts EditorChanged (name: a setting, `scope` or `method`), never writes anything."""

    BINDINGS = [
        Binding("escape", "back", "Back to the list", show=False),
        Binding("up", "move(-1)", "Previous setting", show=False),
        Binding("down", "move(1)", "Next setting", show=False),
    ]

    class Move(Message):
        """Up/down in the editor: edit the previous/next row (the list follows)."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Back(Message):
        """Escape or enter in the editor: back to the list."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.row = ""  # a setting's name, "scope" or "method"
        self._announced = ""  # the input's text last loaded or announced for this row

    def compose(self) -> ComposeResult:
        # The text field and the F3 button are mounted when first needed (the first row, the target scope,
        # is a choice), or right after the first frame (prepare): an Input is the costliest widget to style.
        yield Static(id="editor-title")
        with Horizontal(id="editor-row"):
            yield ChoiceList(id="field-select", classes="field-input")
        yield Static(id="editor-hint")

    def prepare(self) -> None:
        """Mount the text field and the F3 button now (hidden unless the row needs them)."""
        self.input  # noqa: B018  (the property mounts it)
        self._pick_button()

    @property
    def spec(self) -> SettingSpec | None:
        return SPEC_BY_NAME.get(self.row)

    @property
    def input(self) -> Input:
        """The text field (mounted on first use, hidden)."""
        for field in self.query("#field-input").results(Input):
            return field
        # No select-all on focus: keys typed on the list go to the field as it takes the focus, and a
        # selection made then would let the next key replace the value and the keys before it.
        field = OrderedInput(compact=True, select_on_focus=False, id="field-input", classes="field-input")
        field.display = False
        self.query_one("#editor-row").mount(field, before=self.choices)
        return field

    def _pick_button(self) -> Button:
        for button in self.query("#field-pick").results(Button):
            return button
        pick = Button("F3 List", compact=True, id="field-pick", classes="field-pick")
        pick.can_focus = False  # for the mouse; the keyboard has F3 / ctrl+l
        pick.display = False
        self.query_one("#editor-row").mount(pick)
        return pick

    def _has_input(self) -> bool:
        return bool(self.query("#field-input"))

    @property
    def control(self) -> Input | ChoiceList:
        """The widget that takes the typing (or the choice) for this row."""
        choices = self.choices
        return choices if choices.display else self.input

    @property
    def choices(self) -> ChoiceList:
        return self.query_one(ChoiceList)

    def show(self, row: str, title: str, value: str | None, choices: list[tuple[str, str]] | None) -> None:
        """Edit `row` (its value without announcing it as an edit); `choices`: a choice list instead of text."""
        self._flush()
        self.row = row
        spec = self.spec
        self.query_one("#editor-title", Static).update(Content.styled(title, "bold"))
        self.tooltip = f"{spec.name}: {spec.doc}" if spec else None
        if choices is None:
            field = self.input
            with field.prevent(Input.Changed):
                field.placeholder = placeholder_for(spec) if spec else ""
                field.password = spec is not None and spec.kind is Kind.SECRET
                field.value = self._announced = value or ""
                field.cursor_position = len(field.value)
            field.display = True
            self.choices.display = False
        else:
            choice_list = self.choices
            blank = "not set here" if spec is not None and spec.kind is Kind.FLAG else None
            choice_list.set_choices(choices, value, blank)
            choice_list.display = True
            if self._has_input():
                self.input.display = False
        pickable = spec is not None and is_pickable(spec)
        if pickable or self.query("#field-pick"):
            self._pick_button().display = pickable

    def set_hint(self, content: Content) -> None:
        hint = self.query_one("#editor-hint", Static)
        hint.update(content)
        hint.display = bool(content.plain)

    def _flush(self) -> None:
        """Announce what the input holds for the row it edits now, before it edits another."""
        if self.row and self._has_input() and self.input.display and self.input.value != self._announced:
            self._announce(self.input.value)

    def _announce(self, text: str) -> None:
        self._announced = text
        self.post_message(EditorChanged(self.row, text.strip() or None))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self.input.value and event.value != self._announced:  # else stale, or said already
            self._announce(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Back())

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        if event.value == self.choices.value:  # else stale: the list shows another row's choices since
            self.post_message(EditorChanged(self.row, event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.control.focus()
        self.post_message(PickRequested(self.row))

    def action_back(self) -> None:
        self.post_message(self.Back())

    def action_move(self, step: int) -> None:
        self.post_message(self.Move(step))
