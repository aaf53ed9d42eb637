"""Where each settings scope lives, and which folder is the project."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

Scope = Literal["managed", "local", "project", "user"]
# Highest precedence first (docs/claude-code-behaviour.md); the command-line scope is not ours to see.
SCOPES_BY_PRECEDENCE: tuple[Scope, ...] = ("managed", "local", "project", "user")
WRITABLE_SCOPES: tuple[Scope, ...] = ("user", "project", "local")
SHARED_SCOPES: frozenset[str] = frozenset({"project"})  # committed to git: never hold secrets

# Tests and the demo sandbox point this elsewhere so the machine's /etc/claude-code stays unread.
MANAGED_DIR_OVERRIDE = "CLAUDE_BEDROCK_TUI_MANAGED_DIR"


def managed_dir(environ: Mapping[str, str]) -> Path:
    if environ.get(MANAGED_DIR_OVERRIDE):
        return Path(environ[MANAGED_DIR_OVERRIDE])
    return system_managed_dir()


def system_managed_dir() -> Path:
    """Where Claude Code reads managed settings on this platform (docs/claude-code-behaviour.md)."""
    if sys.platform == "darwin":
        return Path("/Library/Application Support/ClaudeCode")
    if sys.platform.startswith("win"):
        return Path(r"C:\Program Files\ClaudeCode")
    return Path("/etc/claude-code")


def home_dir(environ: Mapping[str, str]) -> Path:
    return Path(environ.get("HOME") or environ.get("USERPROFILE") or Path.home())


def user_settings_path(environ: Mapping[str, str]) -> Path:
    config_dir = environ.get("CLAUDE_CONFIG_DIR")
    base = Path(config_dir).expanduser() if config_dir else home_dir(environ) / ".claude"
    return base / "settings.json"


APP_NAME = "claude-bedrock-tui"


def app_dir(kind: Literal["config", "state"], environ: Mapping[str, str]) -> Path:
    """This app's config or state folder by platformdirs' rule, read from `environ` (not os.environ).

    So a sandboxed run (the demo, the tests) keeps its backups and profiles inside its own HOME. Where
    the rule needs more than the environment (Windows, or no HOME at all), platformdirs decides.
    """
    folder = _app_dir_from(kind, environ)
    if folder is not None:
        return folder
    import platformdirs  # only here: the usual path never needs it

    return platformdirs.user_config_path(APP_NAME) if kind == "config" else platformdirs.user_state_path(APP_NAME)


def backups_dir(environ: Mapping[str, str]) -> Path:
    """Where the backups of every settings file we write are kept (README, "Safety")."""
    return app_dir("state", environ) / "backups"


def profiles_file(environ: Mapping[str, str]) -> Path:
    """The named profiles' TOML file."""
    return app_dir("config", environ) / "profiles.toml"


def _app_dir_from(kind: Literal["config", "state"], environ: Mapping[str, str]) -> Path | None:
    if sys.platform.startswith("win"):
        return None
    home = environ.get("HOME", "")
    if sys.platform == "darwin":
        return Path(home) / "Library" / "Application Support" / APP_NAME if home else None
    xdg = environ.get("XDG_CONFIG_HOME" if kind == "config" else "XDG_STATE_HOME", "").strip()
    if xdg:
        return Path(xdg) / APP_NAME
    if not home:
        return None
    return Path(home) / (".config" if kind == "config" else ".local/state") / APP_NAME
