"""`set` and `unset`: change keys in one scope, refusing anything invalid or unsafe."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TextIO

from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.edits import EditRefused, bedrock_off_changes, check_name, plan_change, write_change
from claude_bedrock_tui.core.problems import SHARED_SECRET
from claude_bedrock_tui.core.records import Problem
from claude_bedrock_tui.core.safe_write import ChangedOnDisk

EXIT_OK, EXIT_INVALID, EXIT_BAD_INPUT = 0, 1, 2

# Online validation hook: given the configuration after the change, return (ok, printable report).
OnlineValidator = Callable[[Configuration], tuple[bool, str]]


def parse_assignments(items: list[str]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise EditRefused(f"{item!r} is not NAME=VALUE.")
        check_name(name)
        changes[name] = value
    return changes


def new_errors(before: Configuration, after: Configuration, *, allow_shared_secrets: bool = False) -> list[Problem]:
    """Errors the change introduces; problems that were already there do not block it."""
    old = {(p.key, p.message) for p in before.problems if p.severity == "error"}
    allowed = {SHARED_SECRET} if allow_shared_secrets else set()
    return [p for p in after.problems
            if p.severity == "error" and (p.key, p.message) not in old and p.code not in allowed]


def apply_changes(config: Configuration, scope, changes: Mapping[str, str | None], *, err: TextIO,
                  out: TextIO, allow_shared_secrets: bool = False,
                  online: OnlineValidator | None = None) -> int:
    """Validate offline (and online unless `online` is None), show the diff, write; an exit code."""
    try:
        change = plan_change(config, scope, changes, allow_shared_secrets=allow_shared_secrets)
    except EditRefused as exc:
        err.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT
    after = config.with_changes(scope, changes)
    blocking = new_errors(config, after, allow_shared_secrets=allow_shared_secrets)
    if blocking:
        for p in blocking:
            err.write(f"error: {p.message}\n")
            if p.advice:
                err.write(f"  -> {p.advice}\n")
        err.write("Nothing was written.\n")
        return EXIT_INVALID
    if change.is_noop:
        err.write(f"{change.path} already says that; nothing to write.\n")
        return EXIT_OK
    if online is not None:
        ok, report = online(after)
        if not ok:
            err.write(report)
            err.write("Validation failed; nothing was written (use --no-validate to write anyway).\n")
            return EXIT_INVALID
    try:
        result = write_change(change)
    except ChangedOnDisk as exc:
        err.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT
    except OSError as exc:
        err.write(f"error: could not write {change.path}: {exc.strerror or exc}. Nothing was changed.\n")
        return EXIT_BAD_INPUT
    out.write(change.diff())
    backup = f" (previous version kept in {result.backup})" if result and result.backup else ""
    err.write(f"Wrote {change.scope} settings {change.path}{backup}.\n")
    return EXIT_OK


def unset_changes(config: Configuration, scope, names: list[str], err: TextIO) -> dict[str, str | None]:
    changes: dict[str, str | None] = {}
    for name in names:
        check_name(name)
        if name == "CLAUDE_CODE_USE_BEDROCK":
            off, notes = bedrock_off_changes(config, scope)
            changes.update(off)
            for note in notes:
                err.write(f"note: {note}\n")
        else:
            changes[name] = None
    return changes
