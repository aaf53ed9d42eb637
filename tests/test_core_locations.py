"""The app's own folders: one rule (core.locations.app_dir), read from the environment it is given."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from claude_bedrock_tui.core.backups import default_backup_dir
from claude_bedrock_tui.core.locations import app_dir, backups_dir, profiles_file
from claude_bedrock_tui.profiles import default_profiles_path


def test_a_sandboxed_environment_keeps_the_folders_in_its_home() -> None:
    environ = {"HOME": "/sandbox"}
    assert backups_dir(environ) == Path("/sandbox/.local/state/claude-bedrock-tui/backups")
    assert profiles_file(environ) == Path("/sandbox/.config/claude-bedrock-tui/profiles.toml")


def test_xdg_folders_win_over_home() -> None:
    environ = {"HOME": "/h", "XDG_STATE_HOME": "/st", "XDG_CONFIG_HOME": "/cf"}
    assert app_dir("state", environ) == Path("/st/claude-bedrock-tui")
    assert app_dir("config", environ) == Path("/cf/claude-bedrock-tui")


def test_the_rule_agrees_with_platformdirs_for_this_process() -> None:
    # conftest points HOME and the XDG folders at the test's own folder
    assert app_dir("state", os.environ) == platformdirs.user_state_path("claude-bedrock-tui")
    assert app_dir("config", os.environ) == platformdirs.user_config_path("claude-bedrock-tui")
    assert default_backup_dir() == backups_dir(os.environ)
    assert default_profiles_path() == profiles_file(os.environ)


def test_without_home_platformdirs_decides() -> None:
    assert app_dir("state", {}) == platformdirs.user_state_path("claude-bedrock-tui")
    assert app_dir("config", {}) == platformdirs.user_config_path("claude-bedrock-tui")
