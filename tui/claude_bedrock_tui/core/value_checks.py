"""The one offline checker: every value of every scope, and the combinations Claude Code will run with.

Field hints, `set`, `show` problems and `check` all take their verdicts from here, so a value gets the
same severity and message everywhere. Values are checked where they are written, shadowed or not: a
malformed value takes effect the day the scope above it lets go.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.claude_code.environment import FALSY_VALUES, is_truthy, truthy_values
from claude_bedrock_tui.core.claude_code.requests import header_lines
from claude_bedrock_tui.core.fields import SPEC_BY_NAME, Kind
from claude_bedrock_tui.core.records import Problem

# Claude Code fails long answers with "response exceeded the N output token maximum" at or below this.
LOW_OUTPUT = 4096
# Settings whose model value may be an alias: the primary model and the subagent model.
ALIAS_SLOTS = frozenset(
    {
        "ANTHROPIC_MODEL",
        "model",
        "CLAUDE_CODE_SUBAGENT_MODEL",
        "ANTHROPIC_DEFAULT_MODEL",
        "fallbackModel",
        "availableModels",
    }
)
ALIASES = ("opus", "sonnet", "haiku", "opusplan", "best", "default")
TOKEN_NAMES = ("CLAUDE_CODE_MAX_OUTPUT_TOKENS", "MAX_THINKING_TOKENS")


@dataclass(frozen=True)
class ValueContext:
    """What a value's verdict can depend on: the region it will be used in, and modelOverrides."""

    region: str | None = None
    overrides: Mapping[str, str] = field(default_factory=dict)
    overrides_rewrite_configured: bool = True  # the Claude Code version maps a configured key (2.1.332)
    mantle: bool = False  # CLAUDE_CODE_USE_MANTLE is on: Mantle-format IDs are valid


def check_region(name: str, value: str) -> Problem | None:
    if model_ids.REGION_RE.match(value):
        return None
    suggestion = "-".join(value.strip().lower().replace("_", " ").split())
    advice = "Use a region code such as us-east-1."
    if model_ids.REGION_RE.match(suggestion):
        advice = f"Did you mean {suggestion}? Region codes are lower case with dashes."
    return Problem("error", f"{name}={value!r} is not an AWS region code.", advice, key=name)


def check_model(name: str, value: str, context: ValueContext) -> Problem | None:
    """The shape check of one configured model value (docs/bedrock.md, "Model IDs")."""
    base, one_m = model_ids.strip_one_m(value.strip())  # Claude Code trims it (see check_value)
    if base.lower() in (*ALIASES, "inherit") and name == "ANTHROPIC_DEFAULT_MODEL":
        return Problem(
            "warning",
            f"ANTHROPIC_DEFAULT_MODEL={value}: Claude Code ignores an alias here (2.1.332).",
            "Set an inference profile ID, or put the alias in ANTHROPIC_MODEL.",
            key=name,
        )
    if base.lower() in ALIASES:
        if name in ALIAS_SLOTS:
            return None
        return Problem(
            "error",
            f"{name}={value} is an alias; only the primary and subagent models take aliases.",
            "Set an inference profile ID such as us.anthropic.claude-haiku-4-5-20251001-v1:0.",
            key=name,
        )
    if base in context.overrides:
        if context.overrides_rewrite_configured:
            return None
        return Problem(
            "error",
            f"{name}: {base} is a modelOverrides key, but this Claude Code version sends a "
            "configured model as written, and Bedrock rejects it.",
            f"Set {name} to {context.overrides[base]} itself, or update Claude Code.",
            key=name,
        )
    if model_ids.is_mantle_id(base):
        if context.mantle:
            return None
        return Problem(
            "error",
            f"{name}: {base} is a Bedrock Mantle model ID, but CLAUDE_CODE_USE_MANTLE is off: it goes to "
            "bedrock-runtime, which does not know it.",
            "Set CLAUDE_CODE_USE_MANTLE=1, or use an inference profile ID such as "
            f"{model_ids.geography_prefix(context.region)}.anthropic.claude-sonnet-4-5-20250929-v1:0.",
            key=name,
        )
    if profile := model_ids.PROFILE_ID_RE.match(base):
        if profile["prefix"] not in model_ids.PROFILE_PREFIXES:
            return Problem(
                "error",
                f"{name}: unknown inference-profile prefix {profile['prefix']!r} in {value}.",
                f"Use one of {', '.join(model_ids.PROFILE_PREFIXES)}.",
                key=name,
            )
        return _check_one_m(name, value, base, one_m)
    if arn := model_ids.ARN_RE.match(base):
        if arn["kind"] != "foundation-model":
            return None
        bare = arn["id"]
        return Problem(
            "error",
            f"{name}: a foundation-model ARN is invoked on demand, which Bedrock refuses for "
            'Claude ("on-demand throughput isn’t supported").',
            f"Use the inference profile ID {model_ids.profile_id_for(bare, context.region)} instead.",
            key=name,
        )
    if model_ids.BARE_ID_RE.match(base):
        return Problem(
            "error",
            f'{name}: {base} is a bare model ID; Bedrock answers "on-demand throughput isn’t supported".',
            f"Use the inference profile ID {model_ids.profile_id_for(base, context.region)} instead.",
            key=name,
        )
    if model_ids.ANTHROPIC_STYLE_RE.match(base):
        return Problem(
            "error",
            f"{name}: {base} is an Anthropic API model name, not a Bedrock ID.",
            "Use an inference profile ID such as us.anthropic.claude-sonnet-4-5-20250929-v1:0, "
            "or map the name in modelOverrides.",
            key=name,
        )
    aliases = " or an alias (opus, sonnet, haiku, opusplan)" if name in ALIAS_SLOTS else ""
    return Problem(
        "error",
        f"{name}: {value!r} is not a Bedrock model ID.",
        f"Use an inference profile ID (e.g. us.anthropic.claude-sonnet-4-5-20250929-v1:0), "
        f"an inference-profile ARN{aliases}.",
        key=name,
    )


def _check_one_m(name: str, value: str, base: str, one_m: bool) -> Problem | None:
    info = model_ids.model_info(base)
    if one_m and info is not None and not info[2]:
        return Problem(
            "warning",
            f"{name}: {info[0]} has no 1M-token context window; [1m] is ignored.",
            f"Remove the [1m] suffix from {value}.",
            key=name,
        )
    return None


def parse_positive(name: str, value: str) -> tuple[int | None, Problem | None]:
    """(the number, None) for a positive whole number, else (None, why not)."""
    text = value.strip()
    if not text.isdigit() or text != value:
        problem = Problem(
            "error", f"{name}={value!r} is not a whole number.", "Write digits only, e.g. 32000.", key=name
        )
        return None, problem
    number = int(text)
    if number <= 0:
        return None, Problem("error", f"{name}={value} must be positive.", "Use a number above 0.", key=name)
    return number, None


def check_value(name: str, value: str, context: ValueContext | None = None) -> list[Problem]:
    """Everything wrong with one value on its own, wherever it is written."""
    spec = SPEC_BY_NAME.get(name)
    if spec is None or value == "":
        return []
    context = context or ValueContext()
    found: Problem | None = None
    trimmed: list[Problem] = []
    if spec.kind in (Kind.REGION, Kind.MODEL) and value.strip() != value:
        # Claude Code trims regions and model IDs (docs/claude-code-behaviour.md), but every command it runs
        # gets the variable as written: `aws` refuses "eu-west-1\n".
        trimmed.append(
            Problem(
                "error",
                f"{name}={value!r} has spaces or a line break around it: Claude Code trims them, but the "
                "commands it runs get the value as written.",
                f"Write {value.strip()!r}.",
                key=name,
            )
        )
        value = value.strip()
    if spec.kind is Kind.REGION:
        found = check_region(name, value)
    elif spec.kind is Kind.MODEL:
        found = check_model(name, value, context)
    elif spec.kind is Kind.INTEGER:
        found = parse_positive(name, value)[1]
    elif spec.kind is Kind.FLAG and value.strip().lower() not in truthy_values() | FALSY_VALUES:
        found = Problem(
            "warning",
            f"{name}={value!r} is neither on nor off: Claude Code reads it as off.",
            "Use 1 to turn it on, or remove it.",
            key=name,
        )
    elif spec.kind is Kind.URL and not value.startswith(("http://", "https://")):
        example = (
            "http://proxy.example.com:8080"
            if name.endswith("_PROXY")
            else "https://bedrock-runtime.us-east-1.amazonaws.com"
        )
        found = Problem(
            "error", f"{name}={value!r} is not an http(s) URL.", f"Write the full URL, e.g. {example}.", key=name
        )
    elif spec.kind is Kind.CHOICE:
        found = check_choice(name, value, spec.choices)
    elif spec.kind is Kind.HEADERS:
        found = check_headers(name, value)
    elif spec.kind is Kind.PEM_FILE:
        found = check_pem_file(name, value)
    elif spec.json_valued:
        return [*trimmed, *check_json_key(name, value, context)]
    return [*trimmed, found] if found else trimmed


# Settings Claude Code uses exactly as written (docs/claude-code-behaviour.md, "Headers", "Region prefix"):
# a wrong value is sent, not ignored, and so is a value in the wrong case.
SENT_AS_WRITTEN = {
    "ANTHROPIC_BEDROCK_SERVICE_TIER": "Claude Code sends it as written in X-Amzn-Bedrock-Service-Tier",
    "ANTHROPIC_BEDROCK_REGION_PREFIX": "Claude Code puts it as written in front of its own model IDs",
}


def check_choice(name: str, value: str, choices: tuple[str, ...]) -> Problem | None:
    allowed = ", ".join(choices)
    consequence = SENT_AS_WRITTEN.get(name)
    if value.strip().lower() not in choices:
        return Problem(
            "error",
            f"{name}={value!r} is not one of {allowed}: {consequence or 'Claude Code ignores it'}.",
            f"Use one of {allowed}, or remove it.",
            key=name,
        )
    if consequence and value not in choices:
        return Problem(
            "warning",
            f"{name}={value!r}: {consequence}, spaces and capitals included.",
            f"Write {value.strip().lower()!r}.",
            key=name,
        )
    return None


HEADER_NAME_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
GUARDRAIL_ID = "x-amzn-bedrock-guardrailidentifier"
GUARDRAIL_VERSION = "x-amzn-bedrock-guardrailversion"


def parse_headers(value: str) -> tuple[dict[str, str], list[str]]:
    """ANTHROPIC_CUSTOM_HEADERS as Claude Code splits it: one `Name: value` a line. (headers by name as
    written, the lines that are not a header)."""
    headers: dict[str, str] = {}
    bad: list[str] = []
    for item in header_lines(value):
        if isinstance(item, str) or not HEADER_NAME_RE.match(item[0]):
            bad.append(item if isinstance(item, str) else f"{item[0]}: {item[1]}")
            continue
        headers[item[0]] = item[1]
    return headers, bad


def guardrail_of(value: str | None) -> tuple[str | None, str | None]:
    """(guardrail identifier, version) that ANTHROPIC_CUSTOM_HEADERS turns on, either may be None."""
    if not value:
        return None, None
    lower = {k.lower(): v for k, v in parse_headers(value)[0].items()}
    return lower.get(GUARDRAIL_ID) or None, lower.get(GUARDRAIL_VERSION) or None


def with_guardrail(value: str | None, identifier: str, version: str) -> str | None:
    """ANTHROPIC_CUSTOM_HEADERS with its guardrail headers set to `identifier` and `version` (both removed
    when `identifier` is empty); every other line is kept as written, in its place. None when nothing is left."""
    kept = [
        line
        for line in (value or "").replace("\r\n", "\n").split("\n")
        if line.strip() and line.partition(":")[0].strip().lower() not in (GUARDRAIL_ID, GUARDRAIL_VERSION)
    ]
    if identifier.strip():
        kept += [f"X-Amzn-Bedrock-GuardrailIdentifier: {identifier.strip()}"]
        kept += [f"X-Amzn-Bedrock-GuardrailVersion: {version.strip()}"] if version.strip() else []
    return "\n".join(kept) or None


def check_headers(name: str, value: str) -> Problem | None:
    bad = parse_headers(value)[1]
    if bad:
        return Problem(
            "error",
            f"{name}: {bad[0]!r} is not a `Name: value` header line; Claude Code skips it.",
            "Write one header a line, e.g. X-Amzn-Bedrock-GuardrailIdentifier: gr-abc123.",
            key=name,
        )
    guardrail, version = guardrail_of(value)
    if guardrail and not version:
        return Problem(
            "error",
            f"{name} names guardrail {guardrail} but no X-Amzn-Bedrock-GuardrailVersion: Bedrock refuses the request.",
            "Add a line X-Amzn-Bedrock-GuardrailVersion: 1 (or DRAFT).",
            key=name,
        )
    if version and not guardrail:
        return Problem(
            "warning",
            f"{name} has X-Amzn-Bedrock-GuardrailVersion but no X-Amzn-Bedrock-GuardrailIdentifier.",
            "Add the guardrail's ID or ARN as X-Amzn-Bedrock-GuardrailIdentifier, or remove the version.",
            key=name,
        )
    if version and not (version.isdigit() or version == "DRAFT"):
        return Problem(
            "error",
            f"{name}: guardrail version {version!r} is neither a number nor DRAFT.",
            "Use the version number shown by the guardrail (e.g. 1), or DRAFT.",
            key=name,
        )
    return None


PEM_BLOCK_RE = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\s+[A-Za-z0-9+/=\s:,-]+?-----END \1-----")


def check_pem_file(name: str, value: str) -> Problem | None:
    """The file exists, is readable and holds at least one PEM block of the right kind."""
    path = Path(value).expanduser()
    if not path.is_absolute():
        return Problem(
            "warning",
            f"{name}={value} is a relative path: it depends on the folder Claude Code starts in.",
            f"Write the absolute path, e.g. {path.resolve()}.",
            key=name,
        )
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except OSError as exc:
        reason = "does not exist" if isinstance(exc, FileNotFoundError) else f"cannot be read ({exc.strerror})"
        return Problem("error", f"{name}: {value} {reason}.", "Point it at the PEM file, or remove it.", key=name)
    kinds = [m[1] for m in PEM_BLOCK_RE.finditer(text)]
    wanted = "PRIVATE KEY" if name == "CLAUDE_CODE_CLIENT_KEY" else "CERTIFICATE"
    if not any(kind.endswith(wanted) for kind in kinds):
        found = f" (it holds {', '.join(kinds)})" if kinds else ""
        return Problem(
            "error",
            f"{name}: {value} holds no PEM {wanted.lower()}{found}.",
            f"Use a PEM file with a -----BEGIN {wanted}----- block (convert DER with openssl).",
            key=name,
        )
    return None


def check_json_key(name: str, value: str, context: ValueContext) -> list[Problem]:
    """fallbackModel, availableModels (lists of models), modelOverrides (a map), enforceAvailableModels."""
    try:
        data: Any = json.loads(value)
    except ValueError:
        return [Problem("error", f"{name}: {value!r} is not JSON.", _json_example(name), key=name)]
    spec = SPEC_BY_NAME[name]
    if spec.kind is Kind.BOOLEAN:
        if isinstance(data, bool):
            return []
        return [Problem("error", f"{name} must be true or false, not {value}.", "Write true or false.", key=name)]
    if spec.kind is Kind.MODEL_LIST:
        if not isinstance(data, list) or not all(isinstance(v, str) for v in data):
            return [Problem("error", f"{name} must be a list of model IDs.", _json_example(name), key=name)]
        out = [p for v in data if v.strip().lower() != "default" and (p := _list_model(name, v, context))]
        if name == "fallbackModel" and len(data) > 3:
            out.append(
                Problem(
                    "warning",
                    f"fallbackModel lists {len(data)} models; Claude Code's documentation allows at most 3.",
                    "Keep the three you want tried first.",
                    key=name,
                )
            )
        return out
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return [Problem("error", f"{name} must map model IDs to Bedrock IDs.", _json_example(name), key=name)]
    plain = ValueContext(region=context.region, mantle=context.mantle)
    return [p for v in data.values() if (p := check_model(name, v, plain))]


def _list_model(name: str, value: str, context: ValueContext) -> Problem | None:
    if name == "availableModels" and not model_ids.PROFILE_ID_RE.match(value) and not value.startswith("arn:"):
        return None  # family aliases and version prefixes ("opus", "opus-4-5") are allowed here
    return check_model(name, value, context)


def _json_example(name: str) -> str:
    examples = {
        "fallbackModel": '["us.anthropic.claude-sonnet-4-5-20250929-v1:0"]',
        "availableModels": '["sonnet", "haiku", "us.anthropic.claude-opus-4-1-20250805-v1:0"]',
        "modelOverrides": '{"claude-opus-4-5-20251101": "us.anthropic.claude-opus-4-5-20251101-v1:0"}',
    }
    return f"Write JSON, e.g. {examples.get(name, 'true')}."


@dataclass(frozen=True)
class CalledModel:
    """A model Claude Code will call: the slot, the variable that configures it (if any), the ID sent."""

    slot: str
    variable: str | None
    model_id: str


def check_tokens(values: Mapping[str, str | None], called: list[CalledModel]) -> list[Problem]:
    """Max output strictly below every called model's cap; thinking strictly below max output and the caps."""
    out: list[Problem] = []
    max_out = values.get("CLAUDE_CODE_MAX_OUTPUT_TOKENS")
    thinking = values.get("MAX_THINKING_TOKENS")
    max_n = parse_positive("CLAUDE_CODE_MAX_OUTPUT_TOKENS", max_out)[0] if max_out else None
    think_n = parse_positive("MAX_THINKING_TOKENS", thinking)[0] if thinking else None
    capped = [(m, info) for m in called if (info := model_ids.model_info(m.model_id))]
    if max_n is not None:
        for model, (name, cap, _) in capped:
            if max_n >= cap:
                out.append(
                    Problem(
                        "error",
                        f"CLAUDE_CODE_MAX_OUTPUT_TOKENS={max_n} is not below the {cap}-token "
                        f"output cap of {name} (model:{model.slot}).",
                        f"Use at most {cap - 1}; Bedrock rejects a max_tokens equal to the cap.",
                        key="CLAUDE_CODE_MAX_OUTPUT_TOKENS",
                    )
                )
        if max_n <= LOW_OUTPUT:
            out.append(
                Problem(
                    "warning",
                    f"CLAUDE_CODE_MAX_OUTPUT_TOKENS={max_n} is low: long answers fail with "
                    f'"response exceeded the {max_n} output token maximum".',
                    "Raise it (16000 to 32000 suits most work), or unset it.",
                    key="CLAUDE_CODE_MAX_OUTPUT_TOKENS",
                )
            )
    if think_n is not None:
        if max_n is not None and think_n >= max_n:
            out.append(
                Problem(
                    "error",
                    f"MAX_THINKING_TOKENS ({think_n}) must stay below CLAUDE_CODE_MAX_OUTPUT_TOKENS ({max_n}).",
                    f"Lower MAX_THINKING_TOKENS below {max_n} (e.g. {max_n // 4}), or raise the output limit.",
                    key="MAX_THINKING_TOKENS",
                )
            )
        for model, (name, cap, _) in capped:
            if think_n >= cap and (max_n is None or max_n > cap):
                out.append(
                    Problem(
                        "error",
                        f"MAX_THINKING_TOKENS={think_n} is not below the {cap}-token output cap "
                        f"of {name} (model:{model.slot}).",
                        f"Set MAX_THINKING_TOKENS below {cap}.",
                        key="MAX_THINKING_TOKENS",
                    )
                )
    return out


def check_combinations(values: Mapping[str, str | None], called: list[CalledModel]) -> list[Problem]:
    """What is wrong between effective values: limits against the called models, stale switches."""
    out = check_tokens(values, called)
    if values.get("ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION") and not (
        values.get("ANTHROPIC_DEFAULT_HAIKU_MODEL") or values.get("ANTHROPIC_SMALL_FAST_MODEL")
    ):
        out.append(
            Problem(
                "warning",
                "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION moves only the start-up Haiku probe: "
                "no background model is pinned.",
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
        for other in NEIGHBOURS:
            if is_truthy(values.get(other)):
                out.append(
                    Problem(
                        "warning",
                        f"Both CLAUDE_CODE_USE_BEDROCK and {other} are on: Claude Code picks Bedrock.",
                        f"Remove the stale {other} (claude-bedrock-tui unset {other}).",
                        key=other,
                    )
                )
    elif is_truthy(values.get("CLAUDE_CODE_USE_MANTLE")):
        out.append(
            Problem(
                "info",
                "CLAUDE_CODE_USE_MANTLE is on without CLAUDE_CODE_USE_BEDROCK: every request goes to Bedrock Mantle "
                "(unless a provider before it in Claude Code's order is on: Foundry, Anthropic on AWS).",
                "Set CLAUDE_CODE_USE_BEDROCK=1 too to keep inference-profile IDs on bedrock-runtime.",
                key="CLAUDE_CODE_USE_MANTLE",
            )
        )
    out.extend(_newer_setting_combinations(values))
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


# The other providers Claude Code can be switched to; Bedrock comes first in its order in 2.1.197 and 2.1.332
# (bedrock, foundry, anthropicAws, [anthropicGoogleCloud in 2.1.332], mantle, vertex).
NEIGHBOURS = ("CLAUDE_CODE_USE_FOUNDRY", "CLAUDE_CODE_USE_ANTHROPIC_AWS", "CLAUDE_CODE_USE_VERTEX")


def one_hour_cache_asked(values: Mapping[str, str | None]) -> bool:
    """ENABLE_PROMPT_CACHING_1H, or its deprecated _BEDROCK name, is on."""
    return is_truthy(values.get("ENABLE_PROMPT_CACHING_1H")) or is_truthy(
        values.get("ENABLE_PROMPT_CACHING_1H_BEDROCK")
    )


def one_hour_cache(values: Mapping[str, str | None]) -> bool:
    """The 1-hour prompt cache is in effect: asked for, not forced back to 5 minutes, caching not off (the
    variables Claude Code 2.1.332's binary names)."""
    off = is_truthy(values.get("FORCE_PROMPT_CACHING_5M")) or is_truthy(values.get("DISABLE_PROMPT_CACHING"))
    return one_hour_cache_asked(values) and not off


def _newer_setting_combinations(values: Mapping[str, str | None]) -> list[Problem]:
    """Caching switches that contradict each other, a deprecated name, an allow-list enforced empty,
    a region prefix in GovCloud."""
    out = []
    if is_truthy(values.get("ENABLE_PROMPT_CACHING_1H_BEDROCK")):
        out.append(
            Problem(
                "info",
                "ENABLE_PROMPT_CACHING_1H_BEDROCK is deprecated.",
                "Use ENABLE_PROMPT_CACHING_1H=1 instead.",
                key="ENABLE_PROMPT_CACHING_1H_BEDROCK",
            )
        )
    one_hour = one_hour_cache_asked(values)
    if one_hour and is_truthy(values.get("FORCE_PROMPT_CACHING_5M")):
        out.append(
            Problem(
                "warning",
                "ENABLE_PROMPT_CACHING_1H and FORCE_PROMPT_CACHING_5M are both on: the 5-minute cache wins.",
                "Remove the one you do not mean.",
                key="FORCE_PROMPT_CACHING_5M",
            )
        )
    if is_truthy(values.get("DISABLE_PROMPT_CACHING")) and one_hour:
        out.append(
            Problem(
                "warning",
                "DISABLE_PROMPT_CACHING is on, so ENABLE_PROMPT_CACHING_1H has no effect.",
                "Remove one of them.",
                key="ENABLE_PROMPT_CACHING_1H",
            )
        )
    if values.get("enforceAvailableModels") == "true" and not values.get("availableModels"):
        out.append(
            Problem(
                "warning",
                "enforceAvailableModels is true but availableModels is not set.",
                "Set availableModels to the models you allow, or remove enforceAvailableModels.",
                key="enforceAvailableModels",
            )
        )
    cert, key = values.get("CLAUDE_CODE_CLIENT_CERT"), values.get("CLAUDE_CODE_CLIENT_KEY")
    if bool(cert) != bool(key):
        have, lack = (
            ("CLAUDE_CODE_CLIENT_CERT", "CLAUDE_CODE_CLIENT_KEY")
            if cert
            else ("CLAUDE_CODE_CLIENT_KEY", "CLAUDE_CODE_CLIENT_CERT")
        )
        out.append(
            Problem(
                "warning",
                f"{have} is set without {lack}: mutual TLS needs both.",
                f"Set {lack} to the matching PEM file, or remove {have}.",
                key=lack,
            )
        )
    if values.get("CLAUDE_CODE_CLIENT_KEY_PASSPHRASE") and not key:
        out.append(
            Problem(
                "info",
                "CLAUDE_CODE_CLIENT_KEY_PASSPHRASE is set but there is no CLAUDE_CODE_CLIENT_KEY.",
                "Remove the passphrase, or set the key it unlocks.",
                key="CLAUDE_CODE_CLIENT_KEY_PASSPHRASE",
            )
        )
    region = values.get("AWS_REGION") or ""
    if values.get("ANTHROPIC_BEDROCK_REGION_PREFIX") and region.startswith("us-gov-"):
        out.append(
            Problem(
                "info",
                f"ANTHROPIC_BEDROCK_REGION_PREFIX is ignored in GovCloud ({region}): Claude Code uses us-gov.",
                "Remove it, or leave it for when you work outside GovCloud.",
                key="ANTHROPIC_BEDROCK_REGION_PREFIX",
            )
        )
    return out


MODEL_VARIABLES = {
    "primary": "ANTHROPIC_MODEL",
    "opus": "ANTHROPIC_DEFAULT_OPUS_MODEL",
    "sonnet": "ANTHROPIC_DEFAULT_SONNET_MODEL",
    "haiku": "ANTHROPIC_DEFAULT_HAIKU_MODEL",
    "background": "ANTHROPIC_SMALL_FAST_MODEL",
    "subagent": "CLAUDE_CODE_SUBAGENT_MODEL",
}


def check_values(
    values: Mapping[str, str | None], *, model_overrides: Mapping[str, str] | None = None, region: str | None = None
) -> list[Problem]:
    """Every value on its own, and their combinations, where only the values are known (no prediction):
    the models called are the configured ones."""
    context = ValueContext(
        region=region, overrides=model_overrides or {}, mantle=is_truthy(values.get("CLAUDE_CODE_USE_MANTLE"))
    )
    found = [p for name, value in values.items() if value for p in check_value(name, value, context)]
    called = [CalledModel(slot, var, value) for slot, var in MODEL_VARIABLES.items() if (value := values.get(var))]
    return found + check_combinations(values, called)
