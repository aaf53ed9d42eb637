"""Which Bedrock settings a Claude Code version reads at all.

Measured in each version's binary: the variable names it holds (`strings claude.exe`), then, for the ones
that change what is sent, by running it against the stand-in (docs/claude-code-behaviour.md, "Settings
each version reads"). A setting a version does not read is shown with a note, never as an error.
"""

from __future__ import annotations

from collections.abc import Mapping

from claude_bedrock_tui.core.claude_code.models import DEFAULT_MODEL_VARIABLE, REGION_PREFIX
from claude_bedrock_tui.core.claude_code.rules import Rule, RuleBook, register

NOT_READ: Rule[frozenset[str]] = Rule(
    "settings-not-read",
    "Bedrock settings this version does not read: CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS and "
    "CLAUDE_CODE_SKIP_AWS_CRED_CACHE are absent from 2.1.197 and read by 2.1.332 (the region prefix and "
    "ANTHROPIC_DEFAULT_MODEL: their own rules in models.py).",
    (
        (
            "2.1.197",
            frozenset(
                {
                    "CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS",
                    "CLAUDE_CODE_SKIP_AWS_CRED_CACHE",
                }
            ),
        ),
        ("2.1.332", frozenset()),
    ),
)
register(NOT_READ)


def unread_settings(env: Mapping[str, str], book: RuleBook) -> frozenset[str]:
    """The settings in Claude Code's environment that this version ignores."""
    not_read: frozenset[str] = book(NOT_READ)
    names = set(not_read)
    for name, rule in (
        ("ANTHROPIC_BEDROCK_REGION_PREFIX", REGION_PREFIX),
        ("ANTHROPIC_DEFAULT_MODEL", DEFAULT_MODEL_VARIABLE),
    ):
        if env.get(name) and not book(rule):
            names.add(name)
    return frozenset(name for name in names if env.get(name))
