"""Planning and writing changes to one settings scope: surgical, atomic, backed up, never shared secrets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from claude_bedrock_tui.core.backups import KEEP_COUNT
from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.diffs import unified_diff
from claude_bedrock_tui.core.effective import SHELL
from claude_bedrock_tui.core.fields import KEY_NAMES, SPEC_BY_NAME, stored_value
from claude_bedrock_tui.core.json_edit import REMOVE, JsonEditError, MemberValue, edit_text
from claude_bedrock_tui.core.locations import SCOPES_BY_PRECEDENCE, SHARED_SCOPES, WRITABLE_SCOPES, Scope
from claude_bedrock_tui.core.problems import SHARED_SECRET
from claude_bedrock_tui.core.records import at
from claude_bedrock_tui.core.safe_write import Fingerprint, WriteResult, atomic_write, fingerprint_text
from claude_bedrock_tui.core.secrets import holds_secret, masked_json

ENV_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # used with fullmatch


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
    # Where the members are in old_text and new_text (None: scan when needed), for masking the diff.
    old_members: list[MemberValue] | None = field(default=None, compare=False, repr=False)
    new_members: list[MemberValue] | None = field(default=None, compare=False, repr=False)

    @property
    def is_noop(self) -> bool:
        return self.old_text == self.new_text

    def diff(self) -> str:
        """A unified diff with every secret masked (core/secrets.masked_json)."""
        return unified_diff(
            masked_json(self.old_text, self.old_members),
            masked_json(self.new_text, self.new_members),
            f"{self.path} (on disk)",
            f"{self.path} (new)",
        )


def check_name(name: str) -> None:
    if name in KEY_NAMES or (ENV_NAME_RE.fullmatch(name) and name.upper() == name):
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
    for name, value in changes.items():
        check_name(name)
        if value is not None and not _encodable(value):
            raise EditRefused(f"The value for {name} is not valid Unicode text (it holds a lone surrogate).")
    if scope in SHARED_SCOPES and not allow_shared_secrets:
        leaked = sorted(n for n, v in changes.items() if holds_secret(n, v))
        if leaked:
            raise EditRefused(
                f"Refusing to write {', '.join(leaked)} to the project settings {target.path}: that file is "
                "shared through git. Write it to the local scope (.claude/settings.local.json, git-ignored) "
                "or the user scope instead.",
                code=SHARED_SECRET,
            )
    old_text = target.writable_text
    if old_text is None:
        where = at(target.line, target.column)
        raise EditRefused(
            f"Not writing {target.path}: it is {target.state}: {target.error}{where}. "
            f"{target.hint or ''} Fix it by hand first; nothing was changed.".strip()
        )
    edits = {(_path_for(name)): (REMOVE if value is None else _stored(name, value)) for name, value in changes.items()}
    try:
        edited = edit_text(old_text, edits, target.scan)
    except JsonEditError as exc:
        raise EditRefused(f"Not writing {target.path}: {exc}") from exc
    new_text, new_members = edited.text, edited.after
    if old_text == "" and new_text.strip() in ("{}", ""):
        new_text, new_members = "", []  # removing keys from a missing file creates nothing
    return FileChange(
        scope,
        target.path,
        old_text,
        new_text,
        dict(changes),
        _holds_secret(new_text, new_members),
        fingerprint_text(target.raw),
        edited.before,
        new_members,
    )


def _stored(name: str, value: str) -> object:
    """The JSON to write: JSON-valued keys (fallbackModel, modelOverrides, ...) are parsed first."""
    try:
        return stored_value(name, value)
    except ValueError:
        raise EditRefused(f"The value for {name} is not JSON: {value!r}. {SPEC_BY_NAME[name].doc}") from None


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _path_for(name: str) -> tuple[str, ...]:
    return (name,) if name in KEY_NAMES else ("env", name)


def _holds_secret(text: str, members: list[MemberValue]) -> bool:
    """Whether the file will hold a secret anywhere we mask one (then it is written 0600)."""
    return masked_json(text, members) != text


def write_change(
    change: FileChange, *, backup_dir: Path | None = None, force: bool = False, backup: bool = True
) -> WriteResult | None:
    """Write atomically (core/safe_write) with a backup unless told not to; refuses if the file changed since read."""
    if change.is_noop:
        return None
    return atomic_write(
        change.path,
        change.new_text,
        expected=change.expected,
        private=change.private,
        backup_dir=backup_dir,
        keep_backups=KEEP_COUNT if backup else 0,
        force=force,
    )


# Turning Bedrock off turns Bedrock Mantle off too: with Mantle alone on, Claude Code still sends everything to
# Bedrock, through Mantle (docs/claude-code-behaviour.md, "Mantle").
OFF_SWITCHES = ("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_MANTLE")
_SWITCH_NAMES = {
    "CLAUDE_CODE_USE_BEDROCK": "Bedrock",
    "CLAUDE_CODE_USE_MANTLE": "Bedrock Mantle",
    "CLAUDE_CODE_USE_VERTEX": "Vertex AI",
    "CLAUDE_CODE_USE_FOUNDRY": "Microsoft Foundry",
    "CLAUDE_CODE_USE_ANTHROPIC_AWS": "the anthropicAws provider",
}


def bedrock_on_changes(config: Configuration, scope: Scope) -> tuple[dict[str, str | None], list[str]]:
    """Changes that switch Claude Code to Bedrock cleanly from `scope`: Bedrock on, and every other
    provider's switch that is on turned off the way Bedrock is turned off (removed, or "" where the shell or a
    lower scope would keep it on), so no stale switch is left to win once Bedrock is off again."""
    from claude_bedrock_tui.core.value_checks import NEIGHBOURS

    changes, notes = bedrock_off_changes(config, scope, NEIGHBOURS)
    return {"CLAUDE_CODE_USE_BEDROCK": "1", **changes}, notes


def bedrock_off_changes(
    config: Configuration, scope: Scope, switches: tuple[str, ...] = OFF_SWITCHES
) -> tuple[dict[str, str | None], list[str]]:
    """Changes that turn Bedrock off from `scope`, and notes on what this scope cannot override.

    Removing the key is not enough when the shell or a lower scope still turns Bedrock on: then ""
    is written, which cancels it (docs/claude-code-behaviour.md, "Environment and the Bedrock switch").
    """
    changes: dict[str, str | None] = {}
    notes: list[str] = []
    target = config.file(scope)
    for switch in switches:
        if switch != "CLAUDE_CODE_USE_BEDROCK" and not is_truthy(config.value(switch)) and switch not in target.env:
            continue
        changes[switch] = None
        after = config.with_changes(scope, changes).effective[switch]
        if not is_truthy(after.value):
            continue
        if after.origin == SHELL or _lower(after.origin, scope):
            changes[switch] = ""
        else:
            notes.append(
                f"{after.origin} settings still turn {_SWITCH_NAMES.get(switch, switch)} on and beat the {scope} "
                "scope; "
                f"turn it off there ({config.file(cast(Scope, after.origin)).path})."
            )
    return changes, notes


def _lower(origin: str | None, scope: Scope) -> bool:
    if origin not in SCOPES_BY_PRECEDENCE:
        return False
    return SCOPES_BY_PRECEDENCE.index(origin) > SCOPES_BY_PRECEDENCE.index(scope)
