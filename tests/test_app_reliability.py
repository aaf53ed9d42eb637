"""The app's side of issue 9: project commands are asked about before validation runs them; backups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList

from app_support import app_on_world, asking, make_world, ready, wait_until
from claude_bedrock_tui.app.screens.backups import BackupsScreen
from claude_bedrock_tui.core.safe_write import atomic_write

EXPORT = "my-export --profile build"


@pytest.mark.parametrize(("answer", "trusted"), [("escape", False), ("y", True)])
async def test_validation_asks_before_running_a_project_command(tmp_path: Path, answer: str, trusted: bool) -> None:
    app = app_on_world(tmp_path, project={"awsCredentialExport": EXPORT})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: asking(app.screen, "confirm"))
        assert EXPORT in str(app.screen.query_one("#confirm-detail").render())
        assert app.validator.calls == []  # nothing runs before the answer
        await pilot.press(answer)
        await wait_until(pilot, lambda: app.run_state.phase == "done")
        assert app.validator.trusted == [trusted]
        await pilot.press("f5")  # the answer is remembered for this command
        await wait_until(pilot, lambda: len(app.validator.calls) == 2 and app.run_state.phase == "done")
        assert not asking(app.screen, "confirm") and app.validator.trusted == [trusted, trusted]


async def test_a_user_scope_command_is_not_asked_about(tmp_path: Path) -> None:
    app = app_on_world(tmp_path, user={"awsCredentialExport": EXPORT, "env": {"CLAUDE_CODE_USE_BEDROCK": "1"}})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: app.run_state.phase == "done")
        assert app.validator.trusted == [False] and not asking(app.screen, "confirm")


async def test_backups_screen_lists_shows_and_restores_with_confirmation(tmp_path: Path) -> None:
    app = app_on_world(tmp_path)
    world = make_world(tmp_path)  # the same files app_on_world made
    secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"
    backups = Path(world.environ["XDG_STATE_HOME"]) / "claude-bedrock-tui" / "backups"
    original = world.user_file.read_text()
    atomic_write(world.user_file, json.dumps({"env": {"AWS_SECRET_ACCESS_KEY": secret}}), backup_dir=backups)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f13")
        await wait_until(pilot, lambda: isinstance(app.screen, BackupsScreen))
        options = app.screen.query_one(OptionList)
        assert "user settings ~/.claude/settings.json" in str(options.get_option_at_index(0).prompt)
        diff = str(app.screen.query_one("#backups-diff").render())
        assert "AWS_SECRET_ACCESS_KEY" in diff and secret not in diff  # masked
        await pilot.press("r")
        await wait_until(pilot, lambda: asking(app.screen, "confirm"))
        await pilot.press("escape")  # Keep: nothing happens
        await wait_until(pilot, lambda: isinstance(app.screen, BackupsScreen))
        assert secret in world.user_file.read_text()
        await pilot.press("r")
        await wait_until(pilot, lambda: asking(app.screen, "confirm"))
        await pilot.press("y")
        await wait_until(pilot, lambda: world.user_file.read_text() == original)
        await wait_until(pilot, lambda: isinstance(app.screen, BackupsScreen))
        # The restore was itself backed up: the secret's version is the newest backup now.
        newest = str(app.screen.query_one(OptionList).get_option_at_index(1).prompt)
        assert newest.strip().startswith("1 ")
        assert len([p for p in next(backups.iterdir()).iterdir() if p.suffix == ".json"]) == 2


async def test_backups_are_in_the_command_palette(tmp_path: Path) -> None:
    app = app_on_world(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert any(title.startswith("Backups") for title in titles)
