"""Bedrock quotas and what they mean for Claude Code: which quota applies to a model and a way of calling it,
how many requests fit under it at once, and the cost of the settings that change the bill.

Pure functions over the Service Quotas listing and the resolved model IDs (docs/bedrock.md, "Quotas and
throttling" and "Cost hints"); the calls themselves are in account.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.value_checks import one_hour_cache

# Bedrock reserves input + max_tokens when a request starts (docs/bedrock.md, "Quotas and throttling").
# Claude Code's request context is not known before it runs: this is a typical coding turn's input.
ASSUMED_INPUT_TOKENS = 20_000
# When CLAUDE_CODE_MAX_OUTPUT_TOKENS is unset: the figure assumed (not measured; docs/bedrock.md).
ASSUMED_DEFAULT_MAX_OUTPUT = 32_000
# Main loop, a subagent and the background model can be in flight together.
TARGET_CONCURRENCY = 3
# Below this, long answers fail (core/value_checks.LOW_OUTPUT warns at 4096): never suggest less.
LOWEST_SUGGESTION = 8_192
# Output tokens of these models count this many times against tokens per minute ("token burndown").
BURNDOWN = 5

WAYS = {
    "global": "global cross-Region profile",
    "cross-region": "cross-Region profile",
    "on-demand": "in-Region (on-demand)",
}
_NAME_RE = re.compile(
    r"^(?P<way>global cross-region|cross-region|on-demand)\s+(?:model inference|invokemodel)\s+"
    r"(?P<what>tokens per minute|requests per minute)\s+for\s+(?P<model>.+)$",
    re.IGNORECASE,
)
_DAY_RE = re.compile(r"^model invocation max tokens per day for (?P<model>.+?)(?:\s*\(.*\))?$", re.IGNORECASE)
_ID_KEY_RE = re.compile(
    r"claude-(?:(?P<old>\d(?:-\d)?)-)?(?P<family>opus|sonnet|haiku)(?:-(?P<new>\d(?:-\d{1,2})?))?(?!\d)"
)
_NAME_KEY_RE = re.compile(
    r"claude\s+(?:(?P<old>\d(?:\.\d)?)\s+)?(?P<family>opus|sonnet|haiku)(?:\s+(?P<new>\d(?:\.\d{1,2})?))?\b",
    re.IGNORECASE,
)


def model_key(text: str) -> tuple[str, str] | None:
    """(family, version) of a model ID or a quota's model name: ("sonnet", "4.5"), ("sonnet", "3.7")."""
    if match := _ID_KEY_RE.search(text):
        version = (match["old"] or match["new"] or "").replace("-", ".")
        return match["family"], version
    if match := _NAME_KEY_RE.search(text):
        return match["family"].lower(), match["old"] or match["new"] or ""
    return None


def way_of_calling(model_id: str, routes_to: Sequence[str] = ()) -> str:
    """global | cross-region | on-demand, for the ID Claude Code sends (an application profile: by the
    foundation-model ARNs it routes to, from the listing)."""
    base, _ = model_ids.strip_one_m(model_id)
    if base.startswith("global.") or "inference-profile/global." in base:
        return "global"
    if model_ids.PROFILE_ID_RE.match(base) or ":inference-profile/" in base:
        return "cross-region"
    if "application-inference-profile/" in base:
        regions = {arn.split(":")[3] for arn in routes_to if arn.count(":") >= 4}
        return "global" if "" in regions else ("cross-region" if len(regions) > 1 else "on-demand")
    return "on-demand"


@dataclass(frozen=True)
class Limits:
    """The quotas of one model for one way of calling it (None where Service Quotas names none)."""

    tokens_per_minute: float | None = None
    requests_per_minute: float | None = None
    tokens_per_day: float | None = None
    names: tuple[str, ...] = ()  # the quota names, for advice


def limits_for(quotas: Sequence[Mapping[str, object]], model_id: str, way: str) -> Limits:
    """The per-minute quotas named for this model and way, and its tokens-per-day quota."""
    wanted = model_key(model_id)
    found: dict[str, float] = {}
    names: list[str] = []
    for quota in quotas:
        name = str(quota.get("QuotaName", ""))
        value = quota.get("Value")
        if not isinstance(value, int | float) or wanted is None:
            continue
        if (match := _NAME_RE.match(name)) and model_key(match["model"]) == wanted:
            if match["way"].lower().replace("global cross-region", "global") == way:
                found[match["what"].lower()] = float(value)
                names.append(name)
        elif (day := _DAY_RE.match(name)) and model_key(day["model"]) == wanted:
            found["tokens per day"] = float(value)
            names.append(name)
    return Limits(
        found.get("tokens per minute"), found.get("requests per minute"), found.get("tokens per day"), tuple(names)
    )


def max_output(env: Mapping[str, str]) -> tuple[int, bool]:
    """(max_tokens Claude Code sends, whether it was set) from CLAUDE_CODE_MAX_OUTPUT_TOKENS."""
    raw = (env.get("CLAUDE_CODE_MAX_OUTPUT_TOKENS") or "").strip()
    return (int(raw), True) if raw.isdigit() and int(raw) > 0 else (ASSUMED_DEFAULT_MAX_OUTPUT, False)


def concurrent_requests(tokens_per_minute: float, max_tokens: int) -> int:
    """How many requests can start within one minute before the reservation (input + max_tokens) throttles."""
    return int(tokens_per_minute // (ASSUMED_INPUT_TOKENS + max_tokens))


def suggested_max_output(tokens_per_minute: float, model_id: str) -> int | None:
    """The largest max output (in thousands, below the model's cap) that lets TARGET_CONCURRENCY requests
    start together; None when even LOWEST_SUGGESTION does not: the quota itself is too small."""
    room = int(tokens_per_minute // TARGET_CONCURRENCY) - ASSUMED_INPUT_TOKENS
    cap = model_ids.output_cap(model_id) or ASSUMED_DEFAULT_MAX_OUTPUT + 1
    value = min(room, cap - 1, ASSUMED_DEFAULT_MAX_OUTPUT) // 1000 * 1000
    return value if value >= LOWEST_SUGGESTION else None


def burndown(model_id: str) -> int:
    """How many times each output token counts against tokens per minute (1 for older models)."""
    key = model_key(model_id)
    if key is None:
        return 1
    version = key[1]
    recent = version in ("3.7",) or version.split(".")[0] in ("4", "5")
    return BURNDOWN if recent else 1


def cost_hints(slot: str, model_id: str, configured: str | None, context_1m: bool, env: Mapping[str, str]) -> list[str]:
    """What the settings that change the bill cost relative to the default (docs/bedrock.md, "Cost hints")."""
    hints = []
    if slot == "primary" and configured is None and "opus" in model_id:
        hints.append(
            "No model is pinned, so Claude Code calls Opus: Opus 4.5 costs about 1.7x Sonnet 4.5 per token "
            "(Opus 4 and 4.1 about 5x)."
        )
    if context_1m:
        hints.append(
            "[1m]: a request over 200K input tokens is billed at the long-context rate (2x input, 1.5x output)."
        )
    if slot == "primary":
        tier = (env.get("ANTHROPIC_BEDROCK_SERVICE_TIER") or "").strip().lower()
        if tier == "priority":
            hints.append("ANTHROPIC_BEDROCK_SERVICE_TIER=priority: billed at a premium over the standard tier.")
        elif tier == "flex":
            hints.append("ANTHROPIC_BEDROCK_SERVICE_TIER=flex: cheaper than standard, served when capacity allows.")
        if one_hour_cache(env):
            hints.append(
                "ENABLE_PROMPT_CACHING_1H: each cache write costs 2x the input rate (the default 5-minute cache "
                "1.25x); reads stay at 0.1x, so it pays when a cached prefix is reused after more than 5 minutes."
            )
    return hints
