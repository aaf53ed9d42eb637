"""What the user is editing: the configuration on disk, the target scope and the pending edits.

Pure Python (no Textual): the screens read from it and tell it what changed, and the tests can
drive it directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.configuration import Configuration, load
from claude_bedrock_tui.core.fields import KEY_NAMES, key_text
from claude_bedrock_tui.core.locations import SHARED_SCOPES, WRITABLE_SCOPES, Scope, backups_dir
from claude_bedrock_tui.core.secrets import holds_secret

if TYPE_CHECKING:  # writing and the AWS profile files are not on the first frame's path: imported when needed
    from claude_bedrock_tui.core.aws_profiles import AwsProfileReader
    from claude_bedrock_tui.core.edits import FileChange
    from claude_bedrock_tui.core.safe_write import WriteResult

Changes = dict[str, str | None]  # name -> new value, None removes the key


def file_value(config: Configuration, scope: Scope, name: str) -> str | None:
    """The value a scope's file holds for a setting (env variable or settings key), else None."""
    f = config.file(scope)
    if not f.readable:
        return None
    if name in KEY_NAMES:
        return key_text(name, (f.data or {}).get(name))  # JSON-valued keys as compact JSON, like `show`
    return f.env.get(name)


def write_changes(
    changes: list[FileChange], environ: Mapping[str, str]
) -> tuple[list[WriteResult], list[FileChange], Exception | None]:
    """Write each change (atomic, fsynced, with a backup): (results, changes written, the failure if one
    stopped it). Touches no session: it runs in a worker, off the UI thread."""
    from claude_bedrock_tui.core.edits import EditRefused, write_change
    from claude_bedrock_tui.core.safe_write import ChangedOnDisk, LockBusy, UnsafeTarget

    results: list[WriteResult] = []
    written: list[FileChange] = []
    backup_dir = backup_dir_for(environ)
    for change in changes:
        try:
            result = write_change(change, backup_dir=backup_dir)
        except (ChangedOnDisk, LockBusy, UnsafeTarget, OSError, EditRefused) as exc:
            return results, written, exc
        if result is not None:
            results.append(result)
        written.append(change)
    return results, written, None


def backup_dir_for(environ: Mapping[str, str]) -> Path:
    """Where backups go for this environment, so a sandboxed run never writes outside its HOME."""
    return backups_dir(environ)


@dataclass
class EditSession:
    """The configuration as read, plus the edits not yet written, per scope."""

    base: Configuration
    scope: Scope = "user"
    pending: dict[Scope, Changes] = field(default_factory=dict)
    _preview: Configuration | None = field(default=None, init=False, repr=False)

    # -- reading -------------------------------------------------------------------------------
    @property
    def preview(self) -> Configuration:
        """The configuration as it would be once every pending edit is written."""
        if self._preview is None:
            config = self.base
            for scope, changes in self.pending.items():
                if changes:
                    config = config.with_changes(scope, changes)
            self._preview = config
        return self._preview

    @property
    def dirty(self) -> bool:
        return any(self.pending.values())

    def value(self, name: str, scope: Scope | None = None) -> str | None:
        """What the field shows: the pending value if edited, else what the file holds."""
        scope = scope or self.scope
        changes = self.pending.get(scope, {})
        if name in changes:
            return changes[name]
        return file_value(self.base, scope, name)

    def is_edited(self, name: str, scope: Scope | None = None) -> bool:
        return name in self.pending.get(scope or self.scope, {})

    # -- editing -------------------------------------------------------------------------------
    def set(self, name: str, value: str | None, scope: Scope | None = None) -> None:
        """Record an edit; an edit back to what is on disk is no edit at all."""
        scope = scope or self.scope
        changes = self.pending.setdefault(scope, {})
        if value == file_value(self.base, scope, name):
            changes.pop(name, None)
        else:
            changes[name] = value
        self._preview = None

    def set_bedrock(self, on: bool) -> list[str]:
        """Turn Bedrock on or off from the target scope; returns notes on what this scope cannot do."""
        from claude_bedrock_tui.core.edits import bedrock_off_changes, bedrock_on_changes

        if on:
            changes, notes = bedrock_on_changes(self.preview, self.scope)
            for name, value in changes.items():
                self.set(name, value)
            return notes

        without = dict(self.pending.get(self.scope, {}))
        without.pop("CLAUDE_CODE_USE_BEDROCK", None)
        config = self.base
        for scope, changes in self.pending.items():
            edits = without if scope == self.scope else changes
            if edits:
                config = config.with_changes(scope, edits)
        changes, notes = bedrock_off_changes(config, self.scope)
        for name, value in changes.items():
            self.set(name, value)
        return notes

    @property
    def bedrock_on(self) -> bool:
        return is_truthy(self.preview.value("CLAUDE_CODE_USE_BEDROCK"))

    def shared_secret_edits(self) -> list[str]:
        """Secrets typed into a scope that is shared through git (Save refuses to write them there)."""
        return sorted(
            name
            for scope, changes in self.pending.items()
            if scope in SHARED_SCOPES
            for name, value in changes.items()
            if holds_secret(name, value)
        )

    def revert(self) -> None:
        self.pending.clear()
        self._preview = None

    def set_aws(self, reader: AwsProfileReader) -> None:
        """Adopt the AWS profiles scanned in the background (the reader holds them)."""
        self.base = self.base.with_aws(reader)
        self._preview = None

    # -- saving --------------------------------------------------------------------------------
    def plan(self) -> list[FileChange]:
        """One planned change per scope with edits; raises EditRefused when one must not be made."""
        from claude_bedrock_tui.core.edits import plan_change

        planned = []
        for scope in WRITABLE_SCOPES:
            changes = self.pending.get(scope)
            if changes:
                change = plan_change(self.base, scope, changes)
                if not change.is_noop:
                    planned.append(change)
        return planned

    def save(self, changes: list[FileChange], environ: Mapping[str, str]) -> list[WriteResult]:
        """Write every planned change, then reload from disk; stops at the first failure (raised)."""
        results, written, error = write_changes(changes, environ)
        self.adopt(written, environ)
        if error is not None:
            raise error
        return results

    def adopt(self, written: list[FileChange], environ: Mapping[str, str]) -> None:
        """The written changes are on disk: they are edits no more, and every file is read again.

        Only the edits that were written go: one typed while the file was being written stays pending.
        """
        for change in written:
            pending = self.pending.get(change.scope, {})
            for name, value in change.changes.items():
                if pending.get(name, value) == value:
                    pending.pop(name, None)
        self.reload(environ)

    def reload(self, environ: Mapping[str, str]) -> None:
        """Read every file again, keeping the AWS profiles already scanned."""
        fresh = load(self.base.project_dir, environ, read_aws=False, book=self.base.book)
        self.base = fresh.with_aws(self.base.read_aws) if self.base.read_aws else fresh
        self._preview = None
