"""Pickers: an AWS profile (with kind and region), and a model from the region's inference profiles.

Both filter as you type; the model picker also takes free entry (what you typed, if nothing matches).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from claude_bedrock_tui.core import model_ids


class MarkCheckbox(Checkbox):
    """A checkbox whose X shows only when checked: the state reads without colour (NO_COLOR)."""

    def render(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super().render()


@dataclass(frozen=True)
class Choice:
    value: str
    label: Content
    search: str  # lower-case text the filter matches against


def profile_choices(profiles: Sequence) -> list[Choice]:
    """AWS profiles as choices: name, kind, region."""
    width = max((len(p.name) for p in profiles), default=0)
    return [
        Choice(
            p.name,
            Content.assemble(
                (p.name.ljust(width), "bold"), f"  {p.kind:<18} ", (p.region or "no region", "$text-muted")
            ),
            f"{p.name} {p.kind} {p.region or ''}".lower(),
        )
        for p in profiles
    ]


def model_choices(profile_ids: Sequence[tuple[str, str]]) -> list[Choice]:
    """Inference profiles (id, name) as choices, with the output cap where the model is known."""
    out = []
    for profile_id, name in profile_ids:
        info = model_ids.model_info(profile_id)
        extra = f"cap {info[1]}" + (" · [1m]" if info[2] else "") if info else ""
        out.append(
            Choice(
                profile_id,
                Content.assemble((profile_id, "bold"), "  ", (f"{name} {extra}".strip(), "$text-muted")),
                f"{profile_id} {name}".lower(),
            )
        )
    return out


class PickerScreen(ModalScreen[str | None]):
    """A filterable list; enter picks the highlighted item (or, with free entry, the typed text)."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="picker-cancel"),
        Binding("down", "move(1)", "Next", show=False, id="picker-down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker-up"),
    ]

    def __init__(
        self,
        title: str,
        choices: list[Choice],
        *,
        current: str | None = None,
        free_entry: bool = False,
        empty_note: str = "",
        note: str = "",
        one_m: bool = False,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.choices = choices
        self.current = current
        self.free_entry = free_entry
        self.empty_note = empty_note
        self.note = note  # after the count: what the list is (the title stays short enough for 80 columns)
        self.one_m = one_m
        self._shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide picker") as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter picks · escape cancels"
            yield Input(
                placeholder="type to filter" + (", or enter any value" if self.free_entry else ""), id="picker-filter"
            )
            yield OptionList(id="picker-options")
            yield Static(self.empty_note, id="picker-note")
            if self.one_m:
                with Horizontal(classes="picker-options-row"):
                    yield MarkCheckbox(
                        Content("add [1m]: the 1M-token context, where the model has it"), id="picker-1m", compact=True
                    )

    def on_mount(self) -> None:
        self._filter("")
        self.query_one("#picker-filter", Input).focus()
        if self.current:
            for index, choice in enumerate(self._shown):
                if choice.value == model_ids.strip_one_m(self.current)[0]:
                    self.query_one(OptionList).highlighted = index
            if self.one_m and model_ids.strip_one_m(self.current)[1]:
                self.query_one("#picker-1m", Checkbox).value = True

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        self._shown = [c for c in self.choices if all(w in c.search for w in words)]
        typed = text.strip()
        if self.free_entry and typed and all(c.value != typed for c in self._shown):
            self._shown.append(
                Choice(typed, Content.from_markup("[$accent]use as typed:[/] $typed", typed=typed), typed.lower())
            )
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(c.label, id=c.value) for c in self._shown])
        if self._shown:
            options.highlighted = 0
        matches = sum(c in self.choices for c in self._shown)
        note = self.empty_note if not self.choices else f"{matches} of {len(self.choices)}"
        note = " · ".join(part for part in (note, self.note) if part)
        self.query_one("#picker-note", Static).update(note)

    @on(Input.Changed, "#picker-filter")
    def _typed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -step
            options.highlighted = (current + step) % options.option_count

    @on(Input.Submitted, "#picker-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and self._shown:
            self._pick(self._shown[options.highlighted].value)
        elif self.free_entry and event.value.strip():
            self._pick(event.value.strip())

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id or "")

    def _pick(self, value: str) -> None:
        if self.one_m and self.query_one("#picker-1m", Checkbox).value:
            info = model_ids.model_info(value)
            if info is None or info[2]:
                value = model_ids.strip_one_m(value)[0] + model_ids.ONE_M_SUFFIX
        self.dismiss(value)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
