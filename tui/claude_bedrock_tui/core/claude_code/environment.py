"""The process environment Claude Code runs with, and how it reads a variable as on or off."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from claude_bedrock_tui.core.claude_code.rules import RuleBook, always, register

SETTINGS_ENV_BEATS_SHELL = always(
    "settings-env-beats-shell",
    'A settings `env` value beats the same variable exported in the shell; `""` cancels the export.',
    True,
)
TRUTHY_VALUES = always(
    "truthy-values",
    "A flag is on for 1, true, yes or on (any case, surrounding spaces ignored), off for anything else.",
    frozenset({"1", "true", "yes", "on"}),
)
register(SETTINGS_ENV_BEATS_SHELL, TRUTHY_VALUES)


def merged_environment(
    shell: Mapping[str, str], envs_lowest_first: Iterable[Mapping[str, str]], book: RuleBook
) -> dict[str, str]:
    """The shell overlaid by each counted settings file's `env`, the highest precedence last."""
    book(SETTINGS_ENV_BEATS_SHELL)
    env = dict(shell)
    for file_env in envs_lowest_first:
        for name, value in file_env.items():
            if value == "":
                env.pop(name, None)
            else:
                env[name] = value
    return env


def is_on(value: str | None, book: RuleBook) -> bool:
    return (value or "").strip().lower() in book(TRUTHY_VALUES)


def truthy_values() -> frozenset[str]:
    """The on-values, for checks that only need the set (every measured version agrees)."""
    return TRUTHY_VALUES.values[-1][1]


# Values that plainly mean "off"; anything else that is not on is off too, but looks like a typo.
FALSY_VALUES = frozenset({"", "0", "false", "no", "off"})


def is_truthy(value: str | None) -> bool:
    """Is a flag on, as Claude Code reads it (every measured version agrees)."""
    return (value or "").strip().lower() in truthy_values()
