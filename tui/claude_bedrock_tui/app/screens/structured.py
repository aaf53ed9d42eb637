"""F3 on two settings that hold structure in one value: the guardrail inside ANTHROPIC_CUSTOM_HEADERS, and
modelOverrides as a table. Each dialog gives back the whole new value (text), "" to remove the setting,
or None when cancelled; the composing rules are the core's (value_checks.with_guardrail, json).
"""

from __future__ import annotations

import json

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Input, Label, Static

from claude_bedrock_tui.core.value_checks import (
    GUARDRAIL_ID,
    GUARDRAIL_VERSION,
    guardrail_of,
    parse_headers,
    with_guardrail,
)


class GuardrailScreen(ModalScreen[str | None]):
    """The Bedrock Guardrail Claude Code's requests name: its two headers, every other header kept."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="guardrail-cancel")]

    def __init__(self, headers: str | None) -> None:
        super().__init__(classes="dialog-screen")
        self.headers = headers

    def compose(self) -> ComposeResult:
        identifier, version = guardrail_of(self.headers)
        guardrail = (GUARDRAIL_ID, GUARDRAIL_VERSION)
        others = [name for name in parse_headers(self.headers or "")[0] if name.lower() not in guardrail]
        with Vertical(classes="dialog", id="guardrail-dialog") as box:
            box.border_title = "Guardrail · ANTHROPIC_CUSTOM_HEADERS"
            yield Static(
                "Claude Code sends these as X-Amzn-Bedrock-GuardrailIdentifier and -Version on every Bedrock "
                "request. Empty the identifier to turn the guardrail off.",
                classes="dialog-intro",
            )
            yield Label("Guardrail ID or ARN")
            yield Input(identifier or "", placeholder="e.g. gr-abc123", id="guardrail-id")
            yield Label("Version")
            yield Input(version or "", placeholder="a number, or DRAFT", id="guardrail-version")
            kept = ", ".join(others) if others else "none"
            yield Static(f"Other headers, kept as they are: {kept}", id="guardrail-others", classes="muted")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Set", variant="primary", id="set")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#guardrail-id", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#set")
    def _set(self) -> None:
        identifier = self.query_one("#guardrail-id", Input).value
        version = self.query_one("#guardrail-version", Input).value
        self.dismiss(with_guardrail(self.headers, identifier, version) or "")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def override_pairs(value: str | None) -> list[tuple[str, str]] | None:
    """modelOverrides as (Claude Code's model ID, ID to send) rows; None when it is not a JSON object of strings."""
    try:
        data = json.loads(value) if value and value.strip() else {}
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    return list(data.items())


class OverridesScreen(ModalScreen[str | None]):
    """modelOverrides as a table: highlight a row to change or remove it, or type a new one."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="overrides-cancel"),
        Binding("delete", "remove", "Remove row", id="overrides-remove"),
    ]

    def __init__(self, value: str | None) -> None:
        super().__init__(classes="dialog-screen")
        self.pairs = override_pairs(value) or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="overrides-dialog") as box:
            box.border_title = "Model overrides · modelOverrides"
            box.border_subtitle = "enter sets · delete removes · escape cancels"
            yield Static(
                "Claude Code's own model ID → the Bedrock ID or ARN to send instead. It rewrites only IDs it "
                "resolves itself (aliases and defaults), not a model you pinned.",
                classes="dialog-intro",
            )
            yield DataTable(id="overrides-table", cursor_type="row")
            yield Label("Claude Code's model ID")
            yield Input(placeholder="e.g. claude-opus-4-5-20251101", id="override-from")
            yield Label("Send instead (inference profile ID or ARN)")
            yield Input(placeholder="e.g. us.anthropic.claude-opus-4-5-20251101-v1:0", id="override-to")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Remove row", id="remove")
                yield Button("Done", variant="primary", id="done")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Claude Code's ID", "sent instead")
        self._fill()
        self.query_one("#override-from", Input).focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for source, target in self.pairs:
            table.add_row(source, target, key=source)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.pairs):
            source, target = self.pairs[event.cursor_row]
            self.query_one("#override-from", Input).value = source
            self.query_one("#override-to", Input).value = target

    @on(Input.Submitted)
    def _put(self) -> None:
        """Add the typed row, or replace the row of the same ID."""
        source = self.query_one("#override-from", Input).value.strip()
        target = self.query_one("#override-to", Input).value.strip()
        if not source or not target:
            self.notify("Type both IDs: Claude Code's and the one to send.", severity="warning")
            return
        rows = dict(self.pairs)
        rows[source] = target
        self.pairs = list(rows.items())
        self._fill()
        for field_id in ("#override-from", "#override-to"):
            self.query_one(field_id, Input).value = ""
        self.query_one("#override-from", Input).focus()

    @on(Button.Pressed, "#remove")
    def action_remove(self) -> None:
        source = self.query_one("#override-from", Input).value.strip()
        if source in dict(self.pairs):
            self.pairs = [pair for pair in self.pairs if pair[0] != source]
            self._fill()

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        self.dismiss(json.dumps(dict(self.pairs)) if self.pairs else "")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
