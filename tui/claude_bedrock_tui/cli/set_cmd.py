"""`set` and `unset`: change keys in one scope, refusing anything invalid or unsafe."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import TextIO

from claude_bedrock_tui.cli.args import WriteOptions, write_failure
from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK
from claude_bedrock_tui.core.change_checks import blocking_problems, change_notes
from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.edits import (
    EditRefused,
    FileChange,
    bedrock_off_changes,
    check_name,
    plan_change,
    write_change,
)
from claude_bedrock_tui.core.problems import SHARED_SECRET
from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.core.safe_write import ChangedOnDisk, LockBusy, UnsafeTarget

PLAIN_WRITE = WriteOptions()

# Online validation hook: the failing checks of a configuration (empty when it validates), given the
# moment (time.monotonic) by which every run must end and an event that cancels it (check_cmd.py).
OnlineValidator = Callable[[Configuration, float, "threading.Event | None"], list[CheckResult]]


def parse_assignments(items: list[str]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise EditRefused(f"{item!r} is not NAME=VALUE.")
        check_name(name)
        changes[name] = value
    return changes


def apply_changes(
    config: Configuration,
    scope,
    changes: Mapping[str, str | None],
    *,
    err: TextIO,
    out: TextIO,
    allow_shared_secrets: bool = False,
    online: OnlineValidator | None = None,
    write: WriteOptions = PLAIN_WRITE,
) -> int:
    """Validate offline (and online unless `online` is None or a dry run), show the diff, write; an exit code."""
    try:
        change = plan_change(config, scope, changes, allow_shared_secrets=allow_shared_secrets)
    except EditRefused as exc:
        err.write(f"error: {exc}\n")
        if exc.code == SHARED_SECRET:
            err.write("  -> Use --scope local or --scope user, or --allow-shared-secrets if you really mean it.\n")
        return EXIT_BAD_INPUT
    after = config.with_changes(scope, changes)
    blocking = blocking_problems(config, after, changes, allow_shared_secrets=allow_shared_secrets)
    if blocking:
        for p in blocking:
            err.write(f"error: {p.message}\n")
            if p.advice:
                err.write(f"  -> {p.advice}\n")
        err.write("Nothing was written.\n")
        return EXIT_INVALID
    if change.is_noop:
        removing = [name for name, value in changes.items() if value is None]
        if removing and len(removing) == len(changes):
            err.write(f"{', '.join(removing)}: not set in {scope} settings {change.path}; nothing to write.\n")
        else:
            err.write(f"{change.path} already says that; nothing to write.\n")
        return EXIT_OK
    for note in change_notes(after, scope, changes):
        err.write(f"note: {note}\n")
    if online is not None and write.dry_run:
        err.write("note: a dry run does not validate against Bedrock.\n")
    elif online is not None:
        failing = new_online_failures(online, config, after, err)
        if failing:
            from claude_bedrock_tui.cli.check_cmd import format_checks

            err.write("Validation against Bedrock failed:\n" + format_checks(failing))
            err.write("Validation failed; nothing was written (use --no-validate to write anyway).\n")
            return EXIT_INVALID
    return write_planned(change, write, out=out, err=err)


def write_planned(change: FileChange, write: WriteOptions, *, out: TextIO, err: TextIO) -> int:
    """Write a planned change (or only show it, for --dry-run) and say what happened; an exit code."""
    if write.dry_run:
        out.write(change.diff())
        err.write(f"Dry run: nothing was written to {change.scope} settings {change.path}.\n")
        return EXIT_OK
    try:
        result = write_change(change, force=write.force, backup=write.backup)
    except (ChangedOnDisk, LockBusy, UnsafeTarget, OSError) as exc:
        err.write(f"error: {write_failure(exc, change.path)}\n")
        return EXIT_BAD_INPUT
    out.write(change.diff())
    backup = f" (previous version kept in {result.backup})" if result and result.backup else ""
    err.write(f"Wrote {change.scope} settings {change.path}{backup}.\n")
    return EXIT_OK


def new_online_failures(
    online: OnlineValidator,
    before: Configuration,
    after: Configuration,
    err: TextIO,
    *,
    deadline_s: float | None = None,
) -> list[CheckResult]:
    """Failing checks the change causes; checks that already failed before it do not block it.

    Both validations run side by side against one deadline, so `set` keeps its promise of an answer
    within SET_DEADLINE_S; the run of the old configuration is cancelled when the new one passes.
    """
    from claude_bedrock_tui.cli.check_cmd import SET_DEADLINE_S

    ends_at = time.monotonic() + (SET_DEADLINE_S if deadline_s is None else deadline_s)
    stop_before = threading.Event()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="set-validation") as pool:
        after_run = pool.submit(online, after, ends_at, None)
        before_run = pool.submit(online, before, ends_at, stop_before)
        failing = after_run.result()
        if not failing:
            stop_before.set()
            return []
        already = {(c.id, c.message) for c in before_run.result()}
    for check in failing:
        if (check.id, check.message) in already:
            err.write(f"note: {check.id} already fails without this change: {check.message}\n")
    return [c for c in failing if (c.id, c.message) not in already]


def unset_changes(config: Configuration, scope, names: list[str], err: TextIO) -> dict[str, str | None]:
    changes: dict[str, str | None] = {}
    for name in names:
        check_name(name)
        if name == "CLAUDE_CODE_USE_BEDROCK":
            off, notes = bedrock_off_changes(config, scope, ("CLAUDE_CODE_USE_BEDROCK",))
            changes.update(off)
            if is_truthy(config.value("CLAUDE_CODE_USE_MANTLE")) and "CLAUDE_CODE_USE_MANTLE" not in names:
                notes.append("CLAUDE_CODE_USE_MANTLE stays on: Claude Code then sends everything to Bedrock Mantle.")
            for note in notes:
                err.write(f"note: {note}\n")
        else:
            changes[name] = None
    return changes
