"""F3 on the custom headers (the guardrail dialog) and on modelOverrides (the table), at 80x24 and 120x40."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from app_support import app_on_world, ready, settled, wait_until
from claude_bedrock_tui.app.screens.structured import GuardrailScreen, OverridesScreen
from claude_bedrock_tui.core.value_checks import guardrail_of, with_guardrail

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
OPUS = "claude-opus-4-5-20251101"
OPUS_PROFILE = "us.anthropic.claude-opus-4-5-20251101-v1:0"


def test_with_guardrail_keeps_every_other_header_in_its_place() -> None:
    headers = "X-Team: data\r\nx-amzn-bedrock-guardrailidentifier: old\nX-Trace: on"
    changed = with_guardrail(headers, "gr-new", "2")
    assert changed == (
        "X-Team: data\nX-Trace: on\nX-Amzn-Bedrock-GuardrailIdentifier: gr-new\nX-Amzn-Bedrock-GuardrailVersion: 2"
    )
    assert guardrail_of(changed) == ("gr-new", "2")
    assert with_guardrail(changed, "", "") == "X-Team: data\nX-Trace: on"
    assert with_guardrail("X-Amzn-Bedrock-GuardrailIdentifier: a", " ", "1") is None


async def _open(pilot, name: str) -> None:
    app = pilot.app
    control = app.main.field_control(name)
    control.focus()
    await settled(pilot)
    await pilot.press("f3")


@SIZES
async def test_the_guardrail_dialog_sets_both_headers_and_keeps_the_others(tmp_path: Path, size) -> None:
    user = {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_CUSTOM_HEADERS": "X-Team: data"}}
    app = app_on_world(tmp_path, user=user, project=None)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await _open(pilot, "ANTHROPIC_CUSTOM_HEADERS")
        await wait_until(pilot, lambda: isinstance(app.screen, GuardrailScreen))
        assert "X-Team" in str(app.screen.query_one("#guardrail-others").render())
        app.screen.query_one("#guardrail-id", Input).value = "gr-abc123"
        app.screen.query_one("#guardrail-version", Input).value = "3"
        await pilot.click("#set")
        await wait_until(pilot, lambda: app.screen is app.main)
        await settled(pilot)
        value = app.session.value("ANTHROPIC_CUSTOM_HEADERS")
        assert value is not None and value.startswith("X-Team: data\n")
        assert guardrail_of(value) == ("gr-abc123", "3")


@SIZES
async def test_model_overrides_as_a_table_add_change_remove(tmp_path: Path, size) -> None:
    user = {"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}, "modelOverrides": {"claude-haiku-4-5-20251001": "x"}}
    app = app_on_world(tmp_path, user=user, project=None)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await _open(pilot, "modelOverrides")
        await wait_until(pilot, lambda: isinstance(app.screen, OverridesScreen))
        screen = app.screen
        await wait_until(pilot, lambda: screen.query_one(DataTable).row_count == 1)
        screen.query_one("#override-from", Input).value = OPUS
        screen.query_one("#override-to", Input).value = OPUS_PROFILE
        screen.query_one("#override-to", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.query_one(DataTable).row_count == 2)
        screen.query_one("#override-from", Input).value = "claude-haiku-4-5-20251001"
        await pilot.click("#remove")
        await wait_until(pilot, lambda: screen.query_one(DataTable).row_count == 1)
        await pilot.click("#done")
        await wait_until(pilot, lambda: app.screen is app.main)
        await settled(pilot)
        assert json.loads(app.session.value("modelOverrides") or "") == {OPUS: OPUS_PROFILE}
        (change,) = app.session.plan()  # saved as a JSON object, not as the text of one
        assert json.loads(change.new_text)["modelOverrides"] == {OPUS: OPUS_PROFILE}


async def test_overrides_that_are_not_a_json_object_are_not_turned_into_a_table(tmp_path: Path) -> None:
    user = {"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}, "modelOverrides": ["not", "a", "map"]}
    app = app_on_world(tmp_path, user=user, project=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await _open(pilot, "modelOverrides")
        await pilot.pause()
        assert app.screen is app.main  # nothing replaced; the message says why
        assert json.loads(app.session.value("modelOverrides") or "") == ["not", "a", "map"]
