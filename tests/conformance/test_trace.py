"""`trace` with the real Claude Code: the report, the prediction it is compared with, and the user's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cases import CASES, PROJECT
from claude_versions import PINNED, claude_binary
from world import Case, World, build

from claude_bedrock_tui.core.claude_code import models
from claude_bedrock_tui.core.claude_code.rules import Rule
from claude_bedrock_tui.trace.runner import MANAGED_SYSTEM_DIR
from cli_helpers import cli

pytestmark = pytest.mark.conformance

TRACED = ("user-env-beats-shell", "alias-sonnet-eu", "api-key", "profile-hides-env-keys", "default-eu")


@pytest.fixture
def traced_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A conformance world as this process's own environment, with a Claude Code version on its PATH."""
    if MANAGED_SYSTEM_DIR.exists():
        pytest.skip(f"{MANAGED_SYSTEM_DIR} exists on this machine: trace would (rightly) read it")

    def enter(case: Case, version: str) -> World:
        world = build(case, tmp_path / "world")
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        (bin_dir / "claude").symlink_to(claude_binary(version))
        for name in list(os.environ):
            if name not in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
                monkeypatch.delenv(name)
        for name, value in world.shell.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("PATH", f"{bin_dir}:{world.shell['PATH']}")
        monkeypatch.setenv("CLAUDE_BEDROCK_TUI_MANAGED_DIR", str(world.managed))
        monkeypatch.chdir(world.cwd)
        return world

    return enter


def _case(case_id: str) -> Case:
    return next(c for c in CASES if c.id == case_id)


def _contents(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("version", PINNED)
@pytest.mark.parametrize("case_id", TRACED)
def test_trace_agrees_and_leaves_the_users_files_alone(traced_world, case_id: str, version: str) -> None:
    world = traced_world(_case(case_id), version)
    before = _contents(world.root)
    result = cli("trace", "--json")
    report = result.json()
    assert result.code == 0, report["differences"]
    assert report["agrees"] and report["claude_code"]["version"] == version
    kinds = {r["kind"] for r in report["requests"]}
    assert {"listing", "probe", "conversation", "background"} <= kinds
    shown = " ".join(r["credentials"] for r in report["requests"])
    assert "shell-secret" not in result.out and "conformance-0001" not in shown.replace("****", "")
    assert _contents(world.root) == before  # Claude Code wrote its state into the throw-away copy only
    assert report["changed_user_files"] == []


def test_a_wrong_rule_is_reported_as_a_difference(traced_world, monkeypatch: pytest.MonkeyPatch) -> None:
    traced_world(_case("default-eu"), PINNED[-1])
    wrong: Rule[str] = Rule(models.DEFAULT_PRIMARY_TIER.id, "deliberately wrong", (("2.1.197", "haiku"),))
    monkeypatch.setattr(models, "DEFAULT_PRIMARY_TIER", wrong)
    result = cli("trace")
    assert result.code == 1
    assert "Differs from the prediction" in result.out
    assert "model: predicted 'eu.anthropic.claude-haiku-4-5-20251001-v1:0'" in result.out


def test_an_export_command_from_the_project_is_not_run_without_trust(traced_world) -> None:
    case = Case("project-export", {PROJECT: {"awsCredentialExport": "$ROOT/bin/export.sh"}})
    world = traced_world(case, PINNED[-1])
    refused = cli("trace")
    assert refused.code == 2 and "--trust-project-commands" in refused.err
    assert not world.export_ran
    trusted = cli("trace", "--json", "--trust-project-commands")
    assert trusted.code == 0 and world.export_ran, trusted.json()["differences"]


def test_without_claude_on_the_path_trace_says_how_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = cli("trace")
    assert result.code == 2 and "npm install -g @anthropic-ai/claude-code" in result.err


async def test_the_tui_trace_dialog_shows_the_requests_and_the_verdict(traced_world) -> None:
    from textual.widgets import Button, DataTable

    from app_support import ready, wait_until
    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.app.screens.trace import TraceScreen

    world = traced_world(_case("alias-sonnet-eu"), PINNED[-1])
    app = BedrockApp(project_dir=world.cwd, environ=dict(os.environ))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f17")
        await wait_until(pilot, lambda: isinstance(app.screen, TraceScreen))
        screen = app.screen
        run = screen.query_one("#run", Button)
        await wait_until(pilot, lambda: not run.disabled, timeout=30)
        assert f"Claude Code {PINNED[-1]}" in str(screen.query_one("#trace-intro").render())
        run.press()
        await wait_until(pilot, lambda: screen.report is not None, timeout=60)
        outcome = str(screen.query_one("#trace-outcome").render())
        assert screen.report.agrees and f"Agrees: Claude Code {PINNED[-1]}" in outcome, outcome
        table = screen.query_one(DataTable)
        kinds = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert {"probe", "conversation", "background"} <= kinds
        assert any(str(table.get_row_at(i)[2]) == "eu-west-1" for i in range(table.row_count))
