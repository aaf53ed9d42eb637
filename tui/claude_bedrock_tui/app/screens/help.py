"""F1: every key binding with what it does, read from the bindings themselves (never a second list)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from claude_bedrock_tui.app.keys import APP_KEYS, BUILTIN_KEYS
from claude_bedrock_tui.app.widgets.hanging import Hanging


def key_names(binding: Binding) -> str:
    return " / ".join(key.strip() for key in binding.key.split(","))


def help_content(bindings: list[Binding]) -> Hanging:
    """A line a key, its description wrapping under itself (never at column 0, under the keys)."""
    rows = [(key_names(b), b.description, b.tooltip) for b in bindings]
    rows += [(keys, what, "") for keys, what in BUILTIN_KEYS]
    width = max(len(keys) for keys, _, _ in rows)
    lines = [
        (Content.styled("Every action is also in the command palette (ctrl+p).", "$text-muted"), 0),
        (Content(""), 0),
    ]
    for keys, description, tooltip in rows:
        line = Content.assemble((keys.ljust(width), "bold $accent"), "  ", (description, "bold"))
        if tooltip:
            line = line.append(Content.styled(f"  {tooltip}", "$text-muted"))
        lines.append((line, width + 2))
    lines += [
        (Content(""), 0),
        (
            Content.styled(
                "Edits go to the target scope and nothing is written before Save shows the diff and the validation "
                "verdict. Empty a field to remove the key from the target scope.",
                "$text-muted",
            ),
            0,
        ),
    ]
    return Hanging(lines)


class HelpScreen(ModalScreen[None]):
    """Lists the app's bindings; escape or F1 closes it."""

    BINDINGS = [Binding("escape,f1,ctrl+g,q", "dismiss", "Close help", id="help-close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="help-dialog") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape closes"
            with VerticalScroll(classes="dialog-body"):
                yield Static(help_content(APP_KEYS), id="help-text")
