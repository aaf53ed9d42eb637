"""Where each settings scope lives, and which folder is the project."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
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


def find_project_dir(start: Path) -> Path:
    """The git root above `start`, else `start` itself (as Claude Code picks the project)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


@dataclass(frozen=True)
class SettingsLocation:
    scope: Scope
    path: Path


def settings_locations(project_dir: Path, environ: Mapping[str, str]) -> list[SettingsLocation]:
    """Every settings file Claude Code reads, highest precedence first.

    Managed drop-ins (`managed-settings.d/*.json`) come after the main managed file; within the
    managed scope a later drop-in wins, so they are listed last-wins-first.
    """
    mdir = managed_dir(environ)
    dropins = sorted((mdir / "managed-settings.d").glob("*.json")) if (mdir / "managed-settings.d").is_dir() else []
    managed = [SettingsLocation("managed", p) for p in reversed(dropins)]
    managed.append(SettingsLocation("managed", mdir / "managed-settings.json"))
    return [
        *managed,
        SettingsLocation("local", project_dir / ".claude" / "settings.local.json"),
        SettingsLocation("project", project_dir / ".claude" / "settings.json"),
        SettingsLocation("user", user_settings_path(environ)),
    ]


def scope_path(scope: Scope, project_dir: Path, environ: Mapping[str, str]) -> Path:
    for loc in settings_locations(project_dir, environ):
        if loc.scope == scope:
            return loc.path
    raise ValueError(scope)


APP_NAME = "claude-bedrock-tui"


def app_dir(kind: Literal["config", "state"], environ: Mapping[str, str]) -> Path | None:
    """This app's config or state folder by platformdirs' rule, read from `environ` (not os.environ).

    So a sandboxed run (the demo, the tests) keeps its backups and profiles inside its own HOME.
    None where the rule needs more than the environment (Windows): use platformdirs then.
    """
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
