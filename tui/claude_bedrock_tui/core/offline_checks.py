"""Offline validation of setting values: shapes, numbers and combinations, with advice."""

from __future__ import annotations

from collections.abc import Mapping

from claude_bedrock_tui.core import catalog
from claude_bedrock_tui.core.fields import SPEC_BY_NAME, Kind
from claude_bedrock_tui.core.records import Problem

TRUTHY = frozenset({"1", "true", "yes", "on"})
FALSY = frozenset({"", "0", "false", "no", "off"})
LOW_OUTPUT_WARNING = 4096


def is_truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in TRUTHY


def check_region(name: str, value: str) -> Problem | None:
    if catalog.REGION_RE.match(value):
        return None
    suggestion = "-".join(value.strip().lower().replace("_", " ").split())
    advice = "Use a region code such as us-east-1."
    if catalog.REGION_RE.match(suggestion):
        advice = f"Did you mean {suggestion}? Region codes are lower case with dashes."
    return Problem("error", f"{name}={value!r} is not an AWS region code.", advice, key=name)


def check_model(
    name: str, value: str, *, primary: bool, overrides: Mapping[str, str], region: str | None = None
) -> Problem | None:
    """The offline shape check for one model slot (FACTS §2)."""
    base, one_m = catalog.strip_one_m(value)  # not stripped: Claude Code sends the ID as written
    if primary and base in catalog.ALIASES:
        return None
    if base in overrides:
        return None
    if catalog.PROFILE_ID_RE.match(base):
        prefix = catalog.PROFILE_ID_RE.match(base)["prefix"]
        if prefix not in catalog.PROFILE_PREFIXES:
            return Problem(
                "error",
                f"{name}: unknown inference-profile prefix {prefix!r} in {value}.",
                f"Use one of {', '.join(catalog.PROFILE_PREFIXES)}.",
                key=name,
            )
        return _check_one_m(name, value, base, one_m)
    if catalog.ARN_RE.match(base):
        return None
    if catalog.BARE_ID_RE.match(base):
        return Problem(
            "error",
            f'{name}: {base} is a bare model ID; Bedrock answers "on-demand throughput isn’t supported".',
            f"Use the inference profile ID {catalog.profile_id_for(base, region)} instead.",
            key=name,
        )
    if catalog.ANTHROPIC_STYLE_RE.match(base):
        return Problem(
            "error",
            f"{name}: {base} is an Anthropic API model name, not a Bedrock ID.",
            "Use an inference profile ID such as us.anthropic.claude-sonnet-4-5-20250929-v1:0, "
            "or map the name in modelOverrides.",
            key=name,
        )
    aliases = " or an alias (opus, sonnet, haiku, opusplan)" if primary else ""
    return Problem(
        "error",
        f"{name}: {value!r} is not a Bedrock model ID.",
        f"Use an inference profile ID (e.g. us.anthropic.claude-sonnet-4-5-20250929-v1:0), "
        f"an inference-profile ARN{aliases}.",
        key=name,
    )


def _check_one_m(name: str, value: str, base: str, one_m: bool) -> Problem | None:
    info = catalog.model_info(base)
    if one_m and info is not None and not info[2]:
        return Problem(
            "warning",
            f"{name}: {info[0]} has no 1M-token context window; [1m] is ignored.",
            f"Remove the [1m] suffix from {value}.",
            key=name,
        )
    return None


def _parse_int(name: str, value: str, problems: list[Problem]) -> int | None:
    try:
        number = int(value.strip())
    except ValueError:
        problems.append(
            Problem("error", f"{name}={value!r} is not a whole number.", "Write digits only, e.g. 32000.", key=name)
        )
        return None
    if number <= 0:
        problems.append(Problem("error", f"{name}={value} must be positive.", "Use a number above 0.", key=name))
        return None
    return number


def check_values(
    values: Mapping[str, str | None], *, model_overrides: Mapping[str, str] | None = None, region: str | None = None
) -> list[Problem]:
    """Every offline problem with a set of effective values (name -> value or None)."""
    overrides = model_overrides or {}
    problems: list[Problem] = []
    for name, value in values.items():
        spec = SPEC_BY_NAME.get(name)
        if spec is None or value in (None, ""):
            continue
        if spec.kind is Kind.REGION:
            problems.append(check_region(name, value))
        elif spec.kind is Kind.MODEL:
            primary = name in ("ANTHROPIC_MODEL", "model")
            problems.append(check_model(name, value, primary=primary, overrides=overrides, region=region))
        elif spec.kind is Kind.FLAG and value.strip().lower() not in TRUTHY | FALSY:
            problems.append(
                Problem(
                    "warning",
                    f"{name}={value!r} is neither on nor off.",
                    "Use 1 to turn it on, or remove it.",
                    key=name,
                )
            )
        elif spec.kind is Kind.URL and not value.startswith(("http://", "https://")):
            problems.append(
                Problem(
                    "error",
                    f"{name}={value!r} is not an http(s) URL.",
                    "Write the full URL, e.g. https://bedrock-runtime.us-east-1.amazonaws.com.",
                    key=name,
                )
            )
    problems.extend(_check_tokens(values, problems))
    problems.extend(_check_combinations(values))
    return [p for p in problems if p is not None]


def _configured_models(values: Mapping[str, str | None]) -> list[tuple[str, str]]:
    return [(var, values[var]) for var in catalog.SLOTS.values() if values.get(var)]


def _check_tokens(values: Mapping[str, str | None], problems: list[Problem]) -> list[Problem]:
    out: list[Problem] = []
    max_out = values.get("CLAUDE_CODE_MAX_OUTPUT_TOKENS")
    thinking = values.get("MAX_THINKING_TOKENS")
    max_n = _parse_int("CLAUDE_CODE_MAX_OUTPUT_TOKENS", max_out, out) if max_out else None
    think_n = _parse_int("MAX_THINKING_TOKENS", thinking, out) if thinking else None
    if max_n is not None and think_n is not None and think_n >= max_n:
        out.append(
            Problem(
                "error",
                f"MAX_THINKING_TOKENS ({think_n}) must stay below CLAUDE_CODE_MAX_OUTPUT_TOKENS ({max_n}).",
                f"Lower MAX_THINKING_TOKENS below {max_n}, or raise the output limit.",
                key="MAX_THINKING_TOKENS",
            )
        )
    if max_n is None:
        return out
    for var, model in _configured_models(values):
        info = catalog.model_info(model)
        if info and max_n >= info[1]:
            out.append(
                Problem(
                    "error",
                    f"CLAUDE_CODE_MAX_OUTPUT_TOKENS={max_n} is not below the "
                    f"{info[1]}-token output cap of {info[0]} ({var}).",
                    f"Use at most {info[1] - 1}; Bedrock rejects a max_tokens equal to the cap.",
                    key="CLAUDE_CODE_MAX_OUTPUT_TOKENS",
                )
            )
    if max_n < LOW_OUTPUT_WARNING:
        out.append(
            Problem(
                "warning",
                f"CLAUDE_CODE_MAX_OUTPUT_TOKENS={max_n} is below 4096.",
                "Long tool uses get cut off and the agent loop can fail; use 4096 or more.",
                key="CLAUDE_CODE_MAX_OUTPUT_TOKENS",
            )
        )
    return out


def _check_combinations(values: Mapping[str, str | None]) -> list[Problem]:
    out: list[Problem] = []
    if values.get("ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION") and not (
        values.get("ANTHROPIC_DEFAULT_HAIKU_MODEL") or values.get("ANTHROPIC_SMALL_FAST_MODEL")
    ):
        out.append(
            Problem(
                "warning",
                "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION has no effect: no Haiku model is pinned.",
                "Set ANTHROPIC_DEFAULT_HAIKU_MODEL too, or remove the region override.",
                key="ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION",
            )
        )
    if is_truthy(values.get("CLAUDE_CODE_USE_BEDROCK")):
        for other in ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"):
            if values.get(other):
                out.append(
                    Problem(
                        "warning",
                        f"Bedrock is on, but {other} is also set.",
                        f"Unset {other} so nothing is sent to the Anthropic API by mistake.",
                        key=other,
                    )
                )
        if is_truthy(values.get("CLAUDE_CODE_USE_VERTEX")):
            out.append(
                Problem(
                    "warning",
                    "Both CLAUDE_CODE_USE_BEDROCK and CLAUDE_CODE_USE_VERTEX are on.",
                    "Remove the stale CLAUDE_CODE_USE_VERTEX.",
                    key="CLAUDE_CODE_USE_VERTEX",
                )
            )
    if values.get("ANTHROPIC_SMALL_FAST_MODEL") and not values.get("ANTHROPIC_DEFAULT_HAIKU_MODEL"):
        out.append(
            Problem(
                "info",
                "ANTHROPIC_SMALL_FAST_MODEL is deprecated.",
                "Use ANTHROPIC_DEFAULT_HAIKU_MODEL instead.",
                key="ANTHROPIC_SMALL_FAST_MODEL",
            )
        )
    return out
