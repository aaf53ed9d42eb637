"""The Claude models each Claude Code version knows on Bedrock: the ID it sends when a tier is not pinned.

Read from each version's own model table (docs/claude-code-behaviour.md, "Built-in models") and checked
by the conformance suite. `bedrock_id` carries the `us.` prefix; Claude Code swaps in the region's prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claude_bedrock_tui.core.claude_code.rules import Rule, register

TIERS: tuple[str, ...] = ("opus", "sonnet", "haiku")


@dataclass(frozen=True)
class BuiltinModel:
    """A model Claude Code knows by name, with the Bedrock ID it picks for it."""

    key: str  # Claude Code's own ID, e.g. claude-opus-4-5 (the "needle" it looks for in profile IDs)
    family: str  # opus | sonnet | haiku
    name: str  # e.g. "Opus 4.5", as Claude Code prints it
    bedrock_id: str  # us.anthropic.claude-opus-4-5-20251101-v1:0

    @property
    def first_party(self) -> str:
        """claude-opus-4-5-20251101: what Claude Code looks for in listed profile IDs; modelOverrides' key."""
        return re.sub(r"-v\d+(:\d+)?$", "", self.bare_id.removeprefix("anthropic."))

    @property
    def bare_id(self) -> str:
        return self.bedrock_id.split(".", 1)[1]


def _m(key: str, family: str, name: str, bedrock_id: str) -> BuiltinModel:
    return BuiltinModel(key, family, name, bedrock_id)


# Both measured versions carry these with the same Bedrock IDs; 2.1.332 adds the newer ones.
# fmt: off
_COMMON = (
    _m("claude-3-5-haiku", "haiku", "Haiku 3.5", "us.anthropic.claude-3-5-haiku-20241022-v1:0"),
    _m("claude-haiku-4-5", "haiku", "Haiku 4.5", "us.anthropic.claude-haiku-4-5-20251001-v1:0"),
    _m("claude-3-5-sonnet", "sonnet", "Sonnet 3.5", "us.anthropic.claude-3-5-sonnet-20241022-v2:0"),
    _m("claude-3-7-sonnet", "sonnet", "Sonnet 3.7", "us.anthropic.claude-3-7-sonnet-20250219-v1:0"),
    _m("claude-sonnet-4-0", "sonnet", "Sonnet 4", "us.anthropic.claude-sonnet-4-20250514-v1:0"),
    _m("claude-sonnet-4-5", "sonnet", "Sonnet 4.5", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
    _m("claude-sonnet-4-6", "sonnet", "Sonnet 4.6", "us.anthropic.claude-sonnet-4-6"),
    _m("claude-sonnet-5", "sonnet", "Sonnet 5", "us.anthropic.claude-sonnet-5"),
    _m("claude-opus-4-0", "opus", "Opus 4", "us.anthropic.claude-opus-4-20250514-v1:0"),
    _m("claude-opus-4-1", "opus", "Opus 4.1", "us.anthropic.claude-opus-4-1-20250805-v1:0"),
    _m("claude-opus-4-5", "opus", "Opus 4.5", "us.anthropic.claude-opus-4-5-20251101-v1:0"),
    _m("claude-opus-4-6", "opus", "Opus 4.6", "us.anthropic.claude-opus-4-6-v1"),
    _m("claude-opus-4-7", "opus", "Opus 4.7", "us.anthropic.claude-opus-4-7"),
    _m("claude-opus-4-8", "opus", "Opus 4.8", "us.anthropic.claude-opus-4-8"),
)
_NEWER_IN_2_1_332 = (
    _m("claude-haiku-5-5", "haiku", "Haiku 5.5", "us.anthropic.claude-haiku-5-5"),
    _m("claude-sonnet-5-5", "sonnet", "Sonnet 5.5", "us.anthropic.claude-sonnet-5-5"),
    _m("claude-opus-5", "opus", "Opus 5", "us.anthropic.claude-opus-5"),
    _m("claude-opus-5-5", "opus", "Opus 5.5", "us.anthropic.claude-opus-5-5"),
)
# fmt: on

BUILTIN_MODELS: Rule[tuple[BuiltinModel, ...]] = Rule(
    "builtin-models",
    "The Claude models a version knows, with the Bedrock inference-profile ID it sends for each.",
    (("2.1.197", _COMMON), ("2.1.332", _COMMON + _NEWER_IN_2_1_332)),
)

# What each tier resolves to when nothing pins it, then the models it falls back to, in order, when the
# start-up probe finds the preferred one unavailable ("Opus 5.5 not available — using Opus 4.5 for this
# session"). The whole list is probed at start-up.
TIER_CANDIDATES: Rule[dict[str, tuple[str, ...]]] = Rule(
    "tier-candidates",
    "Each tier's default model on Bedrock and its fallbacks, probed at start-up when the tier is not pinned.",
    (
        (
            "2.1.197",
            {
                "opus": ("claude-opus-4-6", "claude-opus-4-5", "claude-opus-4-1", "claude-opus-4-0"),
                "sonnet": ("claude-sonnet-4-5", "claude-sonnet-4-0", "claude-3-7-sonnet", "claude-3-5-sonnet"),
                "haiku": ("claude-haiku-4-5", "claude-3-5-haiku"),
            },
        ),
        (
            "2.1.332",
            {
                "opus": (
                    "claude-opus-5-5",
                    "claude-opus-5",
                    "claude-opus-4-8",
                    "claude-opus-4-7",
                    "claude-opus-4-6",
                    "claude-opus-4-5",
                    "claude-opus-4-1",
                    "claude-opus-4-0",
                ),
                "sonnet": ("claude-sonnet-4-5", "claude-sonnet-4-0", "claude-3-7-sonnet", "claude-3-5-sonnet"),
                "haiku": ("claude-haiku-4-5", "claude-3-5-haiku"),
            },
        ),
    ),
)

register(BUILTIN_MODELS, TIER_CANDIDATES)


def by_key(models: tuple[BuiltinModel, ...]) -> dict[str, BuiltinModel]:
    return {m.key: m for m in models}
