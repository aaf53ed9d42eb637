"""The TUI's trace dialog (shift+F5) where Claude Code cannot run; tests/conformance/test_trace.py runs it
with the real Claude Code."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from app_support import app_on_world, ready, wait_until
from claude_bedrock_tui.app.screens.trace import TraceScreen
from claude_bedrock_tui.core.claude_code.installed import INSTALL_COMMAND
from claude_bedrock_tui.trace.observed import SentRequest
from claude_bedrock_tui.trace.session import request_rows


def _text(screen: TraceScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


@pytest.mark.parametrize(("size", "key"), [((80, 24), "shift+f5"), ((120, 40), "f17")])
async def test_without_claude_the_dialog_says_how_to_install_and_cannot_run(tmp_path: Path, size, key) -> None:
    app = app_on_world(tmp_path)  # PATH=/usr/bin:/bin: no `claude`
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press(key)  # shift+F5 as tmux and xterm send it (shift+f5), or as a key of its own (f17)
        await wait_until(pilot, lambda: isinstance(app.screen, TraceScreen))
        screen = app.screen
        await wait_until(pilot, lambda: "not installed" in _text(screen, "#trace-intro"))
        assert INSTALL_COMMAND in _text(screen, "#trace-intro").replace("\n", "")
        assert screen.query_one("#run", Button).disabled
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.main)


async def test_trace_is_in_the_command_palette_and_the_help(tmp_path: Path) -> None:
    app = app_on_world(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [command.title for command in app.get_system_commands(app.main)]
        assert "Trace with Claude Code: what it really sends" in titles
        await pilot.press("f1")
        await wait_until(pilot, lambda: app.screen is not app.main)
        assert "shift+f5 / f17" in str(app.screen.query_one("#help-text").render())


def _request(kind: str, key: str = "AKIAEXAMPLE00001234", model: str | None = None) -> SentRequest:
    return SentRequest(kind, "op", model, "eu-west-1", "sigv4", key)


def test_a_listing_of_several_pages_is_one_row_and_common_credentials_are_said_once() -> None:
    requests = (_request("listing"), _request("listing"), _request("listing"), _request("probe", model="m"))
    common, rows = request_rows(requests)
    assert common is not None and common.endswith("1234") and "AKIAEXAMPLE" not in common
    assert [row[0] for row in rows] == ["listing ×3", "probe"]


def test_different_credentials_are_shown_per_row() -> None:
    common, rows = request_rows((_request("listing"), _request("probe", key="AKIAOTHER00000005678", model="m")))
    assert common is None
    assert rows[0][3].endswith("1234") and rows[1][3].endswith("5678")


async def test_shift_f1_as_tmux_sends_it_opens_the_backups(tmp_path: Path) -> None:
    from claude_bedrock_tui.app.screens.backups import BackupsScreen

    app = app_on_world(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("shift+f1")
        await wait_until(pilot, lambda: isinstance(app.screen, BackupsScreen))
