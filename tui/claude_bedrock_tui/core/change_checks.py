"""What stands in the way of writing a change, and what a change will not achieve."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.fields import ENV_NAMES, KEY_NAMES, RELATED_ENV
from claude_bedrock_tui.core.locations import Scope
from claude_bedrock_tui.core.problems import SHARED_SECRET, value_context
from claude_bedrock_tui.core.records import Problem
from claude_bedrock_tui.core.secrets import shown
from claude_bedrock_tui.core.value_checks import check_value

KNOWN_NAMES = frozenset(ENV_NAMES) | frozenset(KEY_NAMES) | frozenset(RELATED_ENV)


def blocking_problems(
    before: Configuration,
    after: Configuration,
    changes: Mapping[str, str | None],
    *,
    allow_shared_secrets: bool = False,
) -> list[Problem]:
    """Errors that refuse the change.

    New errors in the resulting configuration block it (problems that were already there do not),
    and so does any written value that is malformed on its own: a value a higher scope shadows
    today is still checked, since it takes effect the day that scope drops the key.
    """
    old = {(p.key, p.message) for p in before.problems if p.severity == "error"}
    allowed = {SHARED_SECRET} if allow_shared_secrets else set()
    found = [
        p for p in after.problems if p.severity == "error" and (p.key, p.message) not in old and p.code not in allowed
    ]
    seen = {(p.key, p.message) for p in found}
    context = value_context(after)
    for name, value in changes.items():
        if not value:
            continue
        for problem in check_value(name, value, context):
            if problem.severity == "error" and (problem.key, problem.message) not in seen:
                found.append(problem)
                seen.add((problem.key, problem.message))
    return found


def change_notes(after: Configuration, scope: Scope, changes: Mapping[str, str | None]) -> list[str]:
    """Warnings about a change that is allowed but will not do what it seems to."""
    notes = []
    for name, value in changes.items():
        if name not in KNOWN_NAMES:
            close = difflib.get_close_matches(name, sorted(KNOWN_NAMES), n=1, cutoff=0.8)
            hint = f" Did you mean {close[0]}?" if close else ""
            notes.append(f"{name} is not a setting Claude Code reads for Bedrock; it is written anyway.{hint}")
            continue
        effective = after.effective.get(name)
        if value and effective is not None and effective.origin not in (scope, None):
            now = shown(name, effective.value) if effective.value is not None else "(unset)"
            notes.append(
                f"{name} in {scope} settings is shadowed by {effective.origin}: Claude Code keeps "
                f"using {now} until that is removed."
            )
    return notes
