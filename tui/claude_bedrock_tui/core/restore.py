"""A way back: the backups of one scope's settings file, and planning the restore of one of them.

A restore is an ordinary write (core/edits.write_change): backed up itself, under the lock, refused if
the file changed meanwhile, and never putting a secret into the shared project scope unless allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claude_bedrock_tui.core.backups import Backup, list_backups
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.edits import EditRefused, FileChange
from claude_bedrock_tui.core.locations import SHARED_SCOPES, Scope
from claude_bedrock_tui.core.problems import SHARED_SECRET
from claude_bedrock_tui.core.safe_read import read_regular_or_none, reason
from claude_bedrock_tui.core.safe_write import final_target, fingerprint_text
from claude_bedrock_tui.core.secrets import masked_json


@dataclass(frozen=True)
class ScopeBackups:
    scope: Scope
    path: Path  # the settings file as configured (may be a symlink)
    target: Path  # the file the backups belong to (the symlink's final target)
    backups: list[Backup]  # newest first: number N in `backups list` is backups[N - 1]


def scope_backups(config: Configuration, scope: Scope, backup_dir: Path | None = None) -> ScopeBackups:
    path = config.file(scope).path
    target = final_target(path)
    return ScopeBackups(scope, path, target, list_backups(target, backup_dir))


def pick(found: ScopeBackups, number: int) -> Backup:
    """Backup number `number` (1 is the newest); EditRefused with the valid range otherwise."""
    if not found.backups:
        raise EditRefused(f"There are no backups of the {found.scope} settings {found.path}.")
    if not 1 <= number <= len(found.backups):
        choose = "there is only backup 1" if len(found.backups) == 1 else f"choose 1 (newest) to {len(found.backups)}"
        raise EditRefused(f"There is no backup {number} of the {found.scope} settings; {choose}.")
    return found.backups[number - 1]


def plan_restore(found: ScopeBackups, backup: Backup, *, allow_shared_secrets: bool = False) -> FileChange:
    """The change that puts `backup` back; works even when the current file is broken or missing."""
    try:
        current = read_regular_or_none(found.target)
        wanted = backup.read()
    except OSError as exc:
        raise EditRefused(
            f"Cannot restore {found.path}: {exc.filename or ''} {reason(exc)}.".replace("  ", " ")
        ) from None
    try:
        new_text = wanted.decode("utf-8")
    except UnicodeDecodeError:
        raise EditRefused(f"Backup {backup.path} is not UTF-8 text; it was not restored.") from None
    secret = masked_json(new_text) != new_text
    if secret and found.scope in SHARED_SCOPES and not allow_shared_secrets:
        raise EditRefused(
            f"Backup {backup.path} holds a secret; restoring it would put it in the shared project settings "
            f"{found.path}. Nothing was restored.",
            code=SHARED_SECRET,
        )
    old_text = "" if current is None else current.decode("utf-8", "replace")
    return FileChange(found.scope, found.target, old_text, new_text, {}, secret, fingerprint_text(current))
