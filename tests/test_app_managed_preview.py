"""`claude-bedrock-tui --managed-dir DIR`: the TUI previews a candidate managed folder before it is pushed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app_support import FakeValidator, fixed_clock, make_world, ready
from claude_bedrock_tui.app.app import BedrockApp
from cli_helpers import cli


def opened_with(monkeypatch: pytest.MonkeyPatch, *argv: str) -> dict:
    """What the command line hands the app (the app itself is not started)."""
    calls: list[dict] = []
    monkeypatch.setattr("claude_bedrock_tui.app.run.run_app", lambda **kwargs: calls.append(kwargs) or 0)
    result = cli(*argv)
    assert result.code == 0, result.err
    (kwargs,) = calls
    return kwargs


async def test_the_app_shows_a_candidate_managed_folder_over_every_scope(tmp_path: Path, monkeypatch) -> None:
    world = make_world(tmp_path)
    for name, value in world.environ.items():
        monkeypatch.setenv(name, value)
    candidate = tmp_path / "candidate"
    candidate.mkdir()
    (candidate / "managed-settings.json").write_text(
        json.dumps({"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-central-1"}}), encoding="utf-8"
    )
    kwargs = opened_with(monkeypatch, "--managed-dir", str(candidate), "--project-dir", str(world.project))
    assert kwargs["project_dir"] == world.project
    environ = kwargs["environ"]
    assert environ["CLAUDE_BEDROCK_TUI_MANAGED_DIR"] == str(candidate.resolve())
    assert os.environ["CLAUDE_BEDROCK_TUI_MANAGED_DIR"] == world.environ["CLAUDE_BEDROCK_TUI_MANAGED_DIR"]

    app = BedrockApp(project_dir=world.project, environ=environ, clock=fixed_clock, validator=FakeValidator())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        region = app.session.base.effective["AWS_REGION"]
        assert (region.value, region.origin) == ("eu-central-1", "managed")
        assert [s.origin for s in region.shadowed] == ["user"]  # what every developer's own value becomes
        files = app.main.query_one("#files").query_one(".pane-body").render().plain
        assert "managed" in files and "eu-central-1" in files


def test_a_managed_dir_that_is_not_a_folder_is_refused_before_the_app_opens(tmp_path: Path, monkeypatch) -> None:
    calls: list[dict] = []
    monkeypatch.setattr("claude_bedrock_tui.app.run.run_app", lambda **kwargs: calls.append(kwargs) or 0)
    result = cli("--managed-dir", str(tmp_path / "nope"))
    assert result.code == 2 and "--managed-dir" in result.err and "no such folder" in result.err
    assert calls == []
