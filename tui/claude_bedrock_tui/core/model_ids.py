"""What Bedrock accepts as a Claude model ID, and what it knows about each model: shapes, geographic
prefixes and output caps (docs/bedrock.md, "Model IDs"). Which ID Claude Code sends is the behaviour
model's business (core/claude_code/models.py)."""

from __future__ import annotations

import re

# Geographic / global prefixes of system-defined inference profiles (docs/bedrock.md, "Model IDs").
PROFILE_PREFIXES = ("us", "eu", "apac", "jp", "au", "global", "us-gov")

REGION_RE = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d\Z")
PROFILE_ID_RE = re.compile(r"^(?P<prefix>[a-z]{2,6}(?:-gov)?)\.(?P<model>anthropic\.claude-[a-z0-9.\-]+(?::\d+)?)\Z")
BARE_ID_RE = re.compile(r"^anthropic\.claude-[a-z0-9.\-]+(?::\d+)?\Z")
# A Bedrock Mantle model ID: anthropic.claude-... without a -vN(:N) version suffix (docs/claude-code-behaviour.md,
# "Mantle"); a bare Bedrock ID such as anthropic.claude-sonnet-4-5-20250929-v1:0 has the suffix.
_VERSION_SUFFIX_RE = re.compile(r"-v\d+(:\d+)?\Z")


def is_mantle_id(value: str) -> bool:
    return value.startswith("anthropic.claude-") and not _VERSION_SUFFIX_RE.search(value)


ANTHROPIC_STYLE_RE = re.compile(r"^claude-[a-z0-9.\-]+\Z")
ARN_RE = re.compile(
    r"^arn:aws(?:-[a-z]+)*:bedrock:(?P<region>[a-z0-9-]*):(?P<account>\d{12})?:"
    r"(?P<kind>inference-profile|application-inference-profile|custom-model|provisioned-model|"
    r"foundation-model|imported-model|custom-model-deployment)/(?P<id>.+)\Z"
)
ONE_M_SUFFIX = "[1m]"

# (pattern on the model part of an ID, output cap in tokens, display name, supports [1m]), first
# match wins. A minor version is one or two digits: `claude-opus-4-20250514` is Opus 4 of that date,
# not a version 4.20250514. Bedrock rejects a max_tokens equal to the cap: stay strictly below it.
_CAPS: tuple[tuple[re.Pattern[str], int, str, bool], ...] = tuple(
    (re.compile(p), cap, name, one_m)
    for p, cap, name, one_m in (
        (r"claude-3-5-haiku", 8192, "Claude 3.5 Haiku", False),
        (r"claude-3-haiku", 4096, "Claude 3 Haiku", False),
        (r"claude-3-7-sonnet", 65536, "Claude 3.7 Sonnet", False),
        (r"claude-3-5-sonnet", 8192, "Claude 3.5 Sonnet", False),
        (r"claude-sonnet-4-5(?!\d)", 65536, "Claude Sonnet 4.5", True),
        (r"claude-sonnet-4-\d{1,2}(?!\d)", 131072, "Claude Sonnet 4.6+", True),
        (r"claude-sonnet-4(?!\d)", 65536, "Claude Sonnet 4", True),
        (r"claude-haiku-4-5(?!\d)", 65536, "Claude Haiku 4.5", False),
        (r"claude-opus-4-5(?!\d)", 65536, "Claude Opus 4.5", False),
        (r"claude-opus-4-1(?!\d)", 32768, "Claude Opus 4.1", False),
        (r"claude-opus-4-\d{1,2}(?!\d)", 131072, "Claude Opus 4.6+", True),
        (r"claude-opus-4(?!\d)", 32768, "Claude Opus 4", False),
        (r"claude-opus-5(?!\d)", 131072, "Claude Opus 5+", True),
        (r"claude-sonnet-5(?!\d)", 131072, "Claude Sonnet 5+", True),
        (r"claude-haiku-5(?!\d)", 131072, "Claude Haiku 5+", True),
    )
)


def strip_one_m(model_id: str) -> tuple[str, bool]:
    """Split a `[1m]` suffix off a model ID."""
    if model_id.endswith(ONE_M_SUFFIX):
        return model_id[: -len(ONE_M_SUFFIX)], True
    return model_id, False


def model_info(model_id: str) -> tuple[str, int, bool] | None:
    """(display name, output cap, supports [1m]) for a known Claude model ID, else None."""
    base, _ = strip_one_m(model_id)
    for pattern, cap, name, one_m in _CAPS:
        if pattern.search(base):
            return name, cap, one_m
    return None


def output_cap(model_id: str) -> int | None:
    info = model_info(model_id)
    return info[1] if info else None


def profile_id_for(bare_id: str, region: str | None) -> str:
    """The inference-profile ID to use instead of a bare `anthropic.claude-...` ID."""
    return f"{geography_prefix(region)}.{bare_id}"


def geography_prefix(region: str | None) -> str:
    """The geographic inference profiles Bedrock offers in a region (us-east-1 -> us).

    Bedrock's geography, not Claude Code's choice of prefix (me-, il-, af- regions are served by eu.
    profiles, while Claude Code sends global. there: core/claude_code/models.region_prefix).
    """
    if not region:
        return "us"
    if region.startswith("us-gov"):
        return "us-gov"
    head = region.split("-", 1)[0]
    if head == "ap":
        return "apac"
    if head in ("eu", "me", "il", "af"):
        return "eu"
    return "us"
