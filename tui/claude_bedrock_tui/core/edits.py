"""Planning and writing changes to one settings scope: surgical, atomic, backed up, never shared secrets."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.effective import SHELL
from claude_bedrock_tui.core.fields import KEY_NAMES, SECRET_NAMES, is_secret
from claude_bedrock_tui.core.json_edit import REMOVE, JsonEditError, apply_edits
from claude_bedrock_tui.core.locations import SCOPES_BY_PRECEDENCE, SHARED_SCOPES, WRITABLE_SCOPES, Scope
from claude_bedrock_tui.core.problems import SHARED_SECRET
from claude_bedrock_tui.core.safe_write import Fingerprint, WriteResult, atomic_write, fingerprint_text
from claude_bedrock_tui.core.secrets import mask

ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class EditRefused(Exception):
    """A change that must not be made; the message says why and what to do instead.

    `code` names refusals a face adds its own way out to (e.g. SHARED_SECRET: the CLI's --scope).
    """

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class FileChange:
    scope: Scope
    path: Path
    old_text: str
    new_text: str
    changes: dict[str, str | None]
    private: bool  # holds a secret: written 0600
    expected: Fingerprint

    @property
    def is_noop(self) -> bool:
        return self.old_text == self.new_text

    def diff(self) -> str:
        """A unified diff with secret values masked."""
        old, new = _masked(self.old_text), _masked(self.new_text)
        lines = difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{self.path} (on disk)",
            tofile=f"{self.path} (new)",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _masked(text: str) -> str:
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        return text
    env = data.get("env") if isinstance(data, dict) else None
    if not isinstance(env, dict):
        return text
    for name, value in env.items():
        if is_secret(name) and isinstance(value, str) and value:
            text = text.replace(json.dumps(value, ensure_ascii=False), json.dumps(mask(value)))
            text = text.replace(json.dumps(value), json.dumps(mask(value)))
    return text


def check_name(name: str) -> None:
    if name in KEY_NAMES or (ENV_NAME_RE.match(name) and name.upper() == name):
        return
    raise EditRefused(
        f"{name!r} is neither an environment variable name (UPPER_CASE) nor one of the settings keys "
        f"{', '.join(KEY_NAMES)}."
    )


def plan_change(
    config: Configuration, scope: Scope, changes: Mapping[str, str | None], *, allow_shared_secrets: bool = False
) -> FileChange:
    """What writing `changes` (None removes) to `scope` would do; raises EditRefused if it must not."""
    if scope not in WRITABLE_SCOPES:
        raise EditRefused(f"The {scope} scope is read-only; choose one of {', '.join(WRITABLE_SCOPES)}.")
    target = config.file(scope)
    for name in changes:
        check_name(name)
    if scope in SHARED_SCOPES and not allow_shared_secrets:
        leaked = sorted(n for n, v in changes.items() if v and n in SECRET_NAMES)
        if leaked:
            raise EditRefused(
                f"Refusing to write {', '.join(leaked)} to the project settings {target.path}: that file is "
                "shared through git. Write it to the local scope (.claude/settings.local.json, git-ignored) "
                "or the user scope instead.",
                code=SHARED_SECRET,
            )
    old_text = target.writable_text
    if old_text is None:
        where = (
            f" (line {target.line}, column {target.column})"
            if target.line and target.column
            else f" (line {target.line})"
            if target.line
            else ""
        )
        raise EditRefused(
            f"Not writing {target.path}: it is {target.state}: {target.error}{where}. "
            f"{target.hint or ''} Fix it by hand first; nothing was changed.".strip()
        )
    edits = {(_path_for(name)): (REMOVE if value is None else value) for name, value in changes.items()}
    try:
        new_text = apply_edits(old_text, edits)
    except JsonEditError as exc:
        raise EditRefused(f"Not writing {target.path}: {exc}") from exc
    if old_text == "" and new_text.strip() in ("{}", ""):
        new_text = ""  # removing keys from a missing file creates nothing
    return FileChange(
        scope, target.path, old_text, new_text, dict(changes), _holds_secret(new_text), fingerprint_text(target.raw)
    )


def _path_for(name: str) -> tuple[str, ...]:
    return (name,) if name in KEY_NAMES else ("env", name)


def _holds_secret(text: str) -> bool:
    try:
        env = json.loads(text).get("env", {}) if text.strip() else {}
    except (ValueError, AttributeError):
        return False
    return isinstance(env, dict) and any(is_secret(n) and v for n, v in env.items())


def write_change(change: FileChange, *, backup_dir: Path | None = None) -> WriteResult | None:
    """Write atomically with a backup; refuses if the file changed since it was read."""
    if change.is_noop:
        return None
    return atomic_write(
        change.path, change.new_text, expected=change.expected, private=change.private, backup_dir=backup_dir
    )


def bedrock_off_changes(config: Configuration, scope: Scope) -> tuple[dict[str, str | None], list[str]]:
    """Changes that turn Bedrock off from `scope`, and notes on what this scope cannot override.

    Removing the key is not enough when the shell or a lower scope still turns Bedrock on: then ""
    is written, which cancels it (docs/claude-code-behaviour.md, "Environment and the Bedrock switch").
    """
    changes: dict[str, str | None] = {"CLAUDE_CODE_USE_BEDROCK": None}
    after = config.with_changes(scope, changes).effective["CLAUDE_CODE_USE_BEDROCK"]
    notes: list[str] = []
    if is_truthy(after.value):
        if after.origin == SHELL or _lower(after.origin, scope):
            changes["CLAUDE_CODE_USE_BEDROCK"] = ""
        else:
            notes.append(
                f"{after.origin} settings still turn Bedrock on and beat the {scope} scope; "
                f"turn it off there ({config.file(after.origin).path})."
            )
    return changes, notes


def _lower(origin: str | None, scope: Scope) -> bool:
    if origin not in SCOPES_BY_PRECEDENCE:
        return False
    return SCOPES_BY_PRECEDENCE.index(origin) > SCOPES_BY_PRECEDENCE.index(scope)
