"""Which settings files Claude Code reads when started in a folder, highest precedence first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from claude_bedrock_tui.core.claude_code.rules import Rule, RuleBook, always, register
from claude_bedrock_tui.core.locations import Scope, managed_dir, user_settings_path

PROJECT_SETTINGS_FOLDER = always(
    "project-settings-folder",
    "`.claude/settings.json` is read from the folder Claude Code starts in, never from the git root above it.",
    "cwd",
)
LOCAL_SETTINGS_FOLDER: Rule[Literal["cwd", "git-root-and-cwd"]] = Rule(
    "local-settings-folder",
    "`.claude/settings.local.json` is read from the starting folder (2.1.197); 2.1.332 reads the git root's, "
    "and below the root also the starting folder's, the root's winning.",
    (("2.1.197", "cwd"), ("2.1.332", "git-root-and-cwd")),
)
MANAGED_DROPINS = always(
    "managed-dropins",
    "`managed-settings.d/*.json` merge over `managed-settings.json`, later file names winning.",
    True,
)
USER_SETTINGS_FOLDER = always(
    "user-settings-folder",
    "User settings are `$CLAUDE_CONFIG_DIR/settings.json`, else `~/.claude/settings.json`.",
    True,
)
# The managed folder's layout (the folder itself: locations.managed_dir).
MANAGED_FILE_NAME = "managed-settings.json"
DROPIN_FOLDER_NAME = "managed-settings.d"
register(PROJECT_SETTINGS_FOLDER, LOCAL_SETTINGS_FOLDER, MANAGED_DROPINS, USER_SETTINGS_FOLDER)


@dataclass(frozen=True)
class SettingsLocation:
    """A settings file Claude Code reads, and the scope it belongs to."""

    scope: Scope
    path: Path
    main: bool = True  # the scope's own file, where edits go (not a managed drop-in, not a second local file)


def git_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding `.git` (a folder, or a file for worktrees)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def local_settings_dirs(cwd: Path, book: RuleBook) -> list[Path]:
    """Folders whose `.claude/settings.local.json` Claude Code reads, the main (highest) one first."""
    if book(LOCAL_SETTINGS_FOLDER) == "git-root-and-cwd":
        root = git_root(cwd) or cwd
        return [root] if root == cwd else [root, cwd]
    return [cwd]


def settings_locations(cwd: Path, environ: Mapping[str, str], book: RuleBook) -> list[SettingsLocation]:
    """Every settings file Claude Code reads when started in `cwd`, highest precedence first.

    Within the managed scope a later drop-in wins, so drop-ins are listed last-name-first, then the
    main managed-settings.json.
    """
    book(PROJECT_SETTINGS_FOLDER)
    book(USER_SETTINGS_FOLDER)
    mdir = managed_dir(environ)
    dropin_dir = mdir / DROPIN_FOLDER_NAME
    dropins: list[Path] = []
    if book(MANAGED_DROPINS) and dropin_dir.is_dir():
        dropins = sorted(dropin_dir.glob("*.json"))
    managed = [SettingsLocation("managed", p, main=False) for p in reversed(dropins)]
    managed.append(SettingsLocation("managed", mdir / MANAGED_FILE_NAME))
    local = [
        SettingsLocation("local", folder / ".claude" / "settings.local.json", main=index == 0)
        for index, folder in enumerate(local_settings_dirs(cwd, book))
    ]
    return [
        *managed,
        *local,
        SettingsLocation("project", cwd / ".claude" / "settings.json"),
        SettingsLocation("user", user_settings_path(environ)),
    ]
