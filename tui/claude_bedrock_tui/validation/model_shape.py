"""Offline verdicts on a configured model ID: its shape, the ID to call, and the region to call it in."""

from __future__ import annotations

from dataclasses import dataclass, field

from claude_bedrock_tui.core import catalog
from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.records import CheckResult

# Slots Claude Code serves from ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION when that is set.
SMALL_FAST_SLOTS = ("haiku", "small_fast")


@dataclass
class ModelPlan:
    """What to do for one model slot; `verdict` set means the shape alone decides the check."""

    slot: str
    configured: str
    call_id: str = ""  # the ID to invoke: modelOverrides applied, "[1m]" stripped
    region: str = ""
    kind: str = "other"  # profile | arn | alias | bare | anthropic-style | other
    verdict: CheckResult | None = None
    notes: list[str] = field(default_factory=list)  # warnings that turn a pass into a warn
    bare_id: str | None = None  # `anthropic.claude-...` part, for suggesting a profile ID

    @property
    def check_id(self) -> str:
        return f"model:{self.slot}"


def slot_region(candidate: Candidate, slot: str) -> str:
    if slot in SMALL_FAST_SLOTS and candidate.small_fast_region:
        return candidate.small_fast_region
    return candidate.region


def suggest_profile(bare_id: str, region: str, offered: list[str]) -> str:
    """The profile ID to use for a bare model: from the region's list when it has one, else by prefix."""
    wanted = f"{catalog.region_prefix(region)}.{bare_id}"
    if wanted in offered:
        return wanted
    matches = [p for p in offered if p.endswith("." + bare_id)]
    return matches[0] if matches else catalog.profile_id_for(bare_id, region)


def suggest_for_anthropic_style(model: str, offered: list[str], region: str) -> str:
    """A listed profile for an Anthropic API ID (claude-sonnet-4-5 -> us.anthropic.claude-sonnet-4-5-...)."""
    prefix = catalog.region_prefix(region)
    matches = [p for p in offered if f".anthropic.{model}" in p]
    preferred = [p for p in matches if p.startswith(prefix + ".")]
    if preferred or matches:
        return (preferred or matches)[0]
    return f"{prefix}.anthropic.{model}-<date>-v1:0"


def _fail(plan: ModelPlan, message: str, advice: str = "") -> ModelPlan:
    plan.verdict = CheckResult(plan.check_id, "fail", message, advice)
    return plan


def plan_model(candidate: Candidate, slot: str, model_id: str) -> ModelPlan:
    """Classify a configured model; fail early on shapes Bedrock always rejects."""
    plan = ModelPlan(slot, model_id, region=slot_region(candidate, slot))
    variable = catalog.SLOTS.get(slot, slot)
    base, one_m = catalog.strip_one_m(model_id.strip())
    if base in catalog.ALIASES:
        plan.kind = "alias"
        if slot != "primary":
            example = catalog.DEFAULT_SMALL_FAST if slot in SMALL_FAST_SLOTS else catalog.DEFAULT_PRIMARY
            return _fail(
                plan,
                f"{variable}={model_id} is an alias; aliases work only for the primary model.",
                f"Set {variable} to an inference profile ID such as {example}.",
            )
        message = f"{model_id} is a Claude Code alias; the model slot it stands for is checked on its own."
        plan.verdict = CheckResult(plan.check_id, "pass", message)
        return plan
    override = candidate.model_overrides.get(model_id) or candidate.model_overrides.get(base)
    if catalog.ANTHROPIC_STYLE_RE.match(base):
        if not override:
            plan.kind = "anthropic-style"
            plan.bare_id = base
            return _fail(
                plan,
                f"{model_id} is an Anthropic API model ID; Bedrock answers it with "
                '"The provided model identifier is invalid."',
                "",
            )
        plan.notes.append(f"mapped by modelOverrides to {override}")
        base, _ = catalog.strip_one_m(override)
    plan.call_id = base
    if catalog.BARE_ID_RE.match(base):
        plan.kind, plan.bare_id = "bare", base
        return _fail(plan, f"{base} is a bare model ID: Bedrock only serves it through an inference profile.", "")
    profile = catalog.PROFILE_ID_RE.match(base)
    if profile:
        plan.kind, plan.bare_id = "profile", profile["model"]
        if profile["prefix"] not in catalog.PROFILE_PREFIXES:
            known = ", ".join(catalog.PROFILE_PREFIXES)
            plan.notes.append(f"unknown profile prefix {profile['prefix']!r} (expected one of {known})")
    elif arn := catalog.ARN_RE.match(base):
        plan.kind = "arn"
        if arn["kind"] == "foundation-model":
            plan.bare_id = arn["id"]  # Bedrock rejects it like a bare ID; advice names a profile
    else:
        plan.notes.append("not a recognised Bedrock model ID shape")
    info = catalog.model_info(base)
    if one_m and info and not info[2]:
        plan.notes.append(f"[1m] is not available for {info[0]}")
    return plan


def finish_shape_verdict(plan: ModelPlan, offered: list[str]) -> CheckResult:
    """Fill in the advice of an early failure, naming a profile from the region's list when known."""
    assert plan.verdict is not None
    verdict = plan.verdict
    if plan.kind == "bare" and plan.bare_id:
        advice = f"Use the inference profile ID {suggest_profile(plan.bare_id, plan.region, offered)} instead."
    elif plan.kind == "anthropic-style" and plan.bare_id:
        target = suggest_for_anthropic_style(plan.bare_id, offered, plan.region)
        advice = f"Use the inference profile ID {target}, or map {plan.bare_id} to it in modelOverrides."
    else:
        return verdict
    return CheckResult(verdict.id, verdict.status, verdict.message, advice)
