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


async def test_a_long_settings_path_in_the_backups_list_wraps_whole(tmp_path: Path) -> None:
    """At 80x24 the list cut a long project path with an ellipsis, losing the file's name (settings.json or
    settings.local.json: the part that tells the two apart). It wraps between folders, under itself."""
    from textual.geometry import Region

    from claude_bedrock_tui.app.app import BedrockApp

    world = make_world(tmp_path)
    project = tmp_path / "a-folder-with-a-rather-long-name" / "and-another-one-below-it" / "project"
    (project / ".git").mkdir(parents=True)
    app = BedrockApp(project_dir=project, environ=world.environ)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f13")
        await wait_until(pilot, lambda: isinstance(app.screen, BackupsScreen))
        options = app.screen.query_one(OptionList)
        width, height = options.size
        rows = [strip.text.rstrip() for strip in options.render_lines(Region(0, 0, width, height))]
        assert any("project settings " in row for row in rows) and not any("…" in row for row in rows), rows
        # The whole path, laid out for the list's width: each piece under the path's start.
        header = next(
            options.get_option_at_index(i).prompt
            for i in range(options.option_count)
            if "project" in str(options.get_option_at_index(i).prompt)
        )
        lines = header.at(options.scrollable_content_region.width - 2).plain.splitlines()
        head = len("project settings ")
        assert len(lines) > 1 and all(line.startswith(" " * head) and line[head] != " " for line in lines[1:]), lines
        assert lines[0][head:] + "".join(line.strip() for line in lines[1:]) == str(
            project / ".claude" / "settings.json"
        )


async def test_backups_are_in_the_command_palette(tmp_path: Path) -> None:
    app = app_on_world(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert any(title.startswith("Backups") for title in titles)


async def test_a_slow_restore_leaves_the_backups_screen_answering_keys(tmp_path: Path, monkeypatch) -> None:
    """A restore is written in a thread, as saving is: while its write waits (a slow disk, another writer's
    lock), the screen answers keys, says what it is doing and starts no second restore; then it says how
    it went."""
    import threading

    from claude_bedrock_tui.app.screens import backups as screen_module

    started, release = threading.Event(), threading.Event()
    real = screen_module.write_change

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        assert release.wait(30), "the test never released the write"
        return real(*args, **kwargs)

    monkeypatch.setattr(screen_module, "write_change", slow)
    app = app_on_world(tmp_path)
    world = make_world(tmp_path)
    folder = Path(world.environ["XDG_STATE_HOME"]) / "claude-bedrock-tui" / "backups"
    west = json.dumps({"env": {"AWS_REGION": "eu-west-1"}})
    atomic_write(world.user_file, west, backup_dir=folder)  # backup 2: the file as the world made it
    atomic_write(world.user_file, json.dumps({"env": {"AWS_REGION": "eu-central-1"}}), backup_dir=folder)  # 1: west
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f13")
        await wait_until(pilot, lambda: isinstance(app.screen, BackupsScreen))
        screen = app.screen
        await pilot.press("r")
        await wait_until(pilot, lambda: asking(app.screen, "confirm"))
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is screen and started.is_set())
        box = screen.query_one("#backups-dialog")
        assert box.border_subtitle == "restoring backup 1 of the user settings…"
        assert screen.query_one("#restore").disabled
        options = screen.query_one(OptionList)
        await pilot.press("down")  # answered while the write waits
        await wait_until(pilot, lambda: options.highlighted is not None and options.highlighted > 1)
        await pilot.press("r")  # no second restore meanwhile: it says why
        await wait_until(pilot, lambda: any("Still restoring" in str(n.message) for n in app._notifications))
        assert app.screen is screen and "eu-central-1" in world.user_file.read_text()
        release.set()
        await wait_until(pilot, lambda: world.user_file.read_text() == west)
        await wait_until(pilot, lambda: box.border_subtitle == "r restore · escape closes")
        await wait_until(pilot, lambda: any("Restored the user settings" in str(n.message) for n in app._notifications))
        assert app.session.value("AWS_REGION", "user") == "eu-west-1"  # the app read the file again
