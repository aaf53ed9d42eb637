"""Which model ID Claude Code sends for every slot, and which IDs it probes at start-up.

The ID of a built-in model depends on the region's inference-profile listing: Claude Code takes the first
listed profile for the model with the region's prefix, else the first listed for it at all, else its own
built-in ID with the region's prefix. Without a listing (offline) the built-in ID is predicted, and without
probe answers the first candidate of a tier is assumed to answer (docs/claude-code-behaviour.md, "Models").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.claude_code.builtin_models import (
    BUILTIN_MODELS,
    TIER_CANDIDATES,
    TIERS,
    BuiltinModel,
    by_key,
)
from claude_bedrock_tui.core.claude_code.environment import is_on
from claude_bedrock_tui.core.claude_code.rules import Rule, RuleBook, always, register

SLOTS: tuple[str, ...] = ("primary", "opus", "sonnet", "haiku", "subagent", "background")
TIER_PIN = {
    "opus": "ANTHROPIC_DEFAULT_OPUS_MODEL",
    "sonnet": "ANTHROPIC_DEFAULT_SONNET_MODEL",
    "haiku": "ANTHROPIC_DEFAULT_HAIKU_MODEL",
}

DEFAULT_PRIMARY_TIER: Rule[str] = Rule(
    "default-primary-tier",
    "With no model configured, the primary model is Sonnet (2.1.197) or Opus, newest that answers (2.1.332).",
    (("2.1.197", "sonnet"), ("2.1.332", "opus")),
)
DEFAULT_MODEL_VARIABLE: Rule[bool] = Rule(
    "default-model-variable",
    "2.1.332 takes ANTHROPIC_DEFAULT_MODEL as the primary model when neither ANTHROPIC_MODEL nor `model` names one, "
    "like a pinned model (it pins its own tier); an alias there (haiku, default, inherit) does nothing. "
    "2.1.197 does not read it.",
    (("2.1.197", False), ("2.1.332", True)),
)
# What ANTHROPIC_DEFAULT_MODEL ignores (measured: `haiku`; the others from the binary's strings).
_INERT_DEFAULTS = frozenset({*TIERS, "opusplan", "best", "default", "inherit"})


def configured_primary(env: Mapping[str, str], model_key: str | None, book: RuleBook) -> tuple[str | None, str | None]:
    """(the configured primary model, the setting it comes from), or (None, None) for Claude Code's default."""
    env_model = env.get("ANTHROPIC_MODEL", "").strip()
    if env_model:
        return env_model, "ANTHROPIC_MODEL"
    if key := (model_key or "").strip():
        return key, "model"
    default = env.get("ANTHROPIC_DEFAULT_MODEL", "").strip()
    if default and book(DEFAULT_MODEL_VARIABLE) and strip_suffix(default)[0].lower() not in _INERT_DEFAULTS:
        return default, "ANTHROPIC_DEFAULT_MODEL"
    return None, None


ALIASES_RESOLVE_TO_TIERS = always(
    "aliases-resolve-to-tiers",
    "`opus`, `sonnet`, `haiku` (in ANTHROPIC_MODEL or `model`) resolve to ANTHROPIC_DEFAULT_<TIER>_MODEL, "
    "else to that tier's default for the region.",
    True,
)
ENV_MODEL_BEATS_KEY = always("env-model-beats-key", "ANTHROPIC_MODEL beats the `model` settings key.", True)
REGION_PREFIX: Rule[bool] = Rule(
    "region-prefix",
    "The inference-profile prefix of a region: us-gov-* us-gov, us-* us, eu-* eu, ap-* apac, other global; "
    "2.1.332 lets ANTHROPIC_BEDROCK_REGION_PREFIX choose it (not in GovCloud).",
    (("2.1.197", False), ("2.1.332", True)),
)
LISTED_PROFILE_CHOSEN = always(
    "listed-profile-chosen",
    "A built-in model is sent as the first listed system profile with the region's prefix, else the first "
    "listed at all, else the built-in ID with the region's prefix.",
    True,
)
OVERRIDES_ONLY_RESOLVED = always(
    "overrides-rewrite-resolved",
    "modelOverrides, keyed by Claude Code's own IDs (claude-sonnet-4-5-20250929), rewrite the IDs Claude Code "
    "resolves itself: tier defaults and fallbacks, and so aliases.",
    True,
)
OVERRIDES_CONFIGURED_ID: Rule[bool] = Rule(
    "overrides-configured-id",
    "A configured model equal to a modelOverrides key is sent literally by 2.1.197, rewritten by 2.1.332.",
    (("2.1.197", False), ("2.1.332", True)),
)
SUFFIX_STRIPPED = always("context-suffix-stripped", "A [1m] or [2m] suffix is not sent in the request path.", True)
BACKGROUND_MODEL = always(
    "background-model",
    "The background model is ANTHROPIC_SMALL_FAST_MODEL, else ANTHROPIC_DEFAULT_HAIKU_MODEL, else the main model; "
    "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION applies only where it differs from the main model.",
    True,
)
BACKGROUND_SONNET_WHEN_UNCONFIGURED: Rule[bool] = Rule(
    "background-sonnet-when-unconfigured",
    "With no model configured at all and Opus not pinned on its own, 2.1.332 gives background work to the "
    "Sonnet tier rather than to the (Opus) main model; 2.1.197 uses the main model.",
    (("2.1.197", False), ("2.1.332", True)),
)
PRIMARY_SEEDS_TIER: Rule[bool] = Rule(
    "primary-seeds-tier",
    "2.1.332 treats a pinned primary model as the pin of its own tier (that tier is not probed); 2.1.197 does not.",
    (("2.1.197", False), ("2.1.332", True)),
)
PROBED_TIERS = always(
    "probed-tiers",
    "At start-up every tier that is not pinned is probed with a 1-token invoke of its default; only when that "
    "fails are all its fallbacks probed at once, and the first that answers is used, with a warning. The Haiku "
    "probe goes to ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION when that is set, with the main region's ID.",
    True,
)
NO_PROBES_WITHOUT_AUTH = always(
    "no-probes-when-skip-auth",
    "With CLAUDE_CODE_SKIP_BEDROCK_AUTH set (even where an API key wins) nothing is probed: each tier takes its "
    "first candidate the listing offers, without a warning.",
    True,
)
OVERRIDDEN_NOT_PROBED: Rule[bool] = Rule(
    "overridden-candidates",
    "A tier candidate rewritten by modelOverrides is never probed, it is assumed to answer; 2.1.332 also stops "
    "the fallback list at it, 2.1.197 keeps probing the candidates after it.",
    (("2.1.197", False), ("2.1.332", True)),
)
BLANK_API_KEY_PROBES: Rule[bool] = Rule(
    "blank-api-key-probes",
    "A whitespace-only AWS_BEARER_TOKEN_BEDROCK is no API key for requests, but 2.1.197 sends its start-up probes "
    "with it (empty, so Bedrock refuses them); 2.1.332 signs them like the rest.",
    (("2.1.197", True), ("2.1.332", False)),
)
LISTING_NEEDS_HOST_REGION = always(
    "listing-needs-valid-region",
    "The inference-profile listing fails for a region that is not a valid host name part (e.g. '[object Object]'); "
    "then every built-in ID is sent with the region's prefix. (2.1.332 never gets there: it skips such a region.)",
    True,
    seen_in=("2.1.197",),
)
register(
    DEFAULT_PRIMARY_TIER,
    DEFAULT_MODEL_VARIABLE,
    ALIASES_RESOLVE_TO_TIERS,
    ENV_MODEL_BEATS_KEY,
    REGION_PREFIX,
    LISTED_PROFILE_CHOSEN,
    OVERRIDES_ONLY_RESOLVED,
    SUFFIX_STRIPPED,
    BACKGROUND_MODEL,
    PRIMARY_SEEDS_TIER,
    PROBED_TIERS,
    BACKGROUND_SONNET_WHEN_UNCONFIGURED,
    NO_PROBES_WITHOUT_AUTH,
    OVERRIDDEN_NOT_PROBED,
    LISTING_NEEDS_HOST_REGION,
    OVERRIDES_CONFIGURED_ID,
    BLANK_API_KEY_PROBES,
)

_SUFFIX_RE = re.compile(r"\[[12]m\]$", re.IGNORECASE)
_PREFIXES = ("us", "eu", "apac", "jp", "au", "us-gov", "global")
_OVERRIDE_PREFIXES = ("us", "eu", "apac", "jp", "au", "global")


def strip_suffix(model: str) -> tuple[str, bool]:
    """(model without a [1m]/[2m] suffix, whether it had one)."""
    stripped = _SUFFIX_RE.sub("", model)
    return stripped, stripped != model


def region_prefix(region: str, env: Mapping[str, str], book: RuleBook) -> str:
    if region.startswith("us-gov-"):
        return "us-gov"
    chosen = env.get("ANTHROPIC_BEDROCK_REGION_PREFIX", "").strip()
    if book(REGION_PREFIX) and chosen in _OVERRIDE_PREFIXES:
        return chosen
    for start, prefix in (("us-", "us"), ("eu-", "eu"), ("ap-", "apac")):
        if region.startswith(start):
            return prefix
    return "global"


def _contains_model(profile_id: str, needle: str) -> bool:
    """Claude Code's match: `needle` not followed by a digit or by a -N / -NN version part."""
    start = profile_id.find(needle)
    while start != -1:
        rest = profile_id[start + len(needle) :]
        if not re.match(r"\d|-\d{1,2}(?!\d)", rest):
            return True
        start = profile_id.find(needle, start + 1)
    return False


def builtin_id(model: BuiltinModel, prefix: str, listing: Sequence[str] | None) -> str:
    """The ID Claude Code sends for a built-in model in a region with `prefix`."""
    if listing:
        matches = [p for p in listing if "anthropic" in p and _contains_model(p, model.first_party)]
        preferred = [p for p in matches if p.startswith(prefix + ".")]
        if preferred or matches:
            return (preferred or matches)[0]
    return f"{prefix}.{model.bare_id}"


@dataclass(frozen=True)
class Probe:
    """One request Claude Code sends to learn whether a model ID answers."""

    model_id: str
    region: str
    tier: str
    signed: bool = True  # False where Claude Code sends it with an empty API key (see blank-api-key-probes)


@dataclass(frozen=True)
class SlotPrediction:
    """The model ID one slot (main, Haiku, ...) resolves to, and how."""

    slot: str
    configured: str | None  # the value as written (an ID, an alias, or None)
    configured_by: str | None  # the variable or settings key it came from
    resolved: str  # the ID in the request path
    how: str  # pinned | alias | default | fallback | override | main-model
    region: str
    candidates: tuple[str, ...] = ()  # what Claude Code tries, in order, for a tier it resolves itself
    context_1m: bool = False
    notes: tuple[str, ...] = ()
    probes: tuple[str, ...] = ()  # what Claude Code probes at start-up for this tier
    warns: bool = False  # Claude Code prints "<default> not available — using <fallback>"

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "configured": self.configured,
            "configured_by": self.configured_by,
            "resolved": self.resolved,
            "how": self.how,
            "candidates": list(self.candidates),
            "region": self.region,
        }
        if self.context_1m:
            data["context_1m"] = True
        if self.notes:
            data["notes"] = list(self.notes)
        return data


@dataclass
class ModelInputs:
    """What model resolution reads; `listing` and `answers` are None when unknown (offline)."""

    env: Mapping[str, str]
    model_key: str | None  # the effective `model` settings key
    overrides: Mapping[str, str]
    region: str
    listing: Sequence[str] | None = None
    answers: Callable[[str, str], bool] | None = None


@dataclass(frozen=True)
class _Candidate:
    """A model ID Claude Code may try for a tier, and whether modelOverrides chose it."""

    model_id: str
    overridden: bool


_HOST_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


class _Resolver:
    def __init__(self, inputs: ModelInputs, book: RuleBook) -> None:
        self.inputs = inputs
        self.book = book
        self.env = inputs.env
        self.models = by_key(book(BUILTIN_MODELS))
        self.prefix = region_prefix(inputs.region, inputs.env, book)
        self.small_fast_region = self.env.get("ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION", "").strip() or None
        self.pins = {tier: self.env.get(var, "").strip() for tier, var in TIER_PIN.items()}
        self.listing = inputs.listing
        if self.listing is not None and not _HOST_LABEL.fullmatch(inputs.region) and book(LISTING_NEEDS_HOST_REGION):
            self.listing = None
        self.probing = not is_on(self.env.get("CLAUDE_CODE_SKIP_BEDROCK_AUTH"), book)

    def tier_region(self, tier: str) -> str:
        return (self.small_fast_region if tier == "haiku" else None) or self.inputs.region

    def tier_candidates(self, tier: str) -> list[_Candidate]:
        """An unpinned tier's candidates in order; modelOverrides rewrite Claude Code's own IDs."""
        self.book(LISTED_PROFILE_CHOSEN)
        found = []
        for key in self.book(TIER_CANDIDATES)[tier]:
            model = self.models[key]
            override = self.inputs.overrides.get(model.first_party)
            if override is None:
                found.append(_Candidate(builtin_id(model, self.prefix, self.listing), False))
                continue
            self.book(OVERRIDES_ONLY_RESOLVED)
            found.append(_Candidate(override, True))
            if self.book(OVERRIDDEN_NOT_PROBED):
                break  # 2.1.332 ends the fallback list at the first rewritten candidate
        return found

    def tier(self, tier: str, seeded: dict[str, str]) -> SlotPrediction:
        pin = self.pins[tier] or seeded.get(tier, "")
        region = self.tier_region(tier)
        if pin:
            sent, one_m = strip_suffix(pin)
            configured_by = TIER_PIN[tier] if self.pins[tier] else "ANTHROPIC_MODEL"
            return SlotPrediction(tier, pin, configured_by, sent, "pinned", region, context_1m=one_m)
        candidates = self.tier_candidates(tier)
        ids = tuple(c.model_id for c in candidates)
        chosen, probes = self.choose(candidates, region)
        picked = candidates[chosen]
        how = "fallback" if chosen > 0 else ("override" if picked.overridden else "default")
        warns = chosen > 0 and self.probing
        notes = (f"{ids[0]} is not available; Claude Code falls back to {picked.model_id}",) if chosen > 0 else ()
        return SlotPrediction(
            tier, None, None, picked.model_id, how, region, ids, notes=notes, probes=probes, warns=warns
        )

    def choose(self, candidates: list[_Candidate], region: str) -> tuple[int, tuple[str, ...]]:
        """(index of the candidate Claude Code uses, the IDs it probes), as far as answers are known."""
        answers = self.inputs.answers
        if not self.probing:
            self.book(NO_PROBES_WITHOUT_AUTH)
            listed = self.listing
            for index, candidate in enumerate(candidates):
                if candidate.overridden or listed is None or candidate.model_id in listed:
                    return index, ()
            return 0, ()
        self.book(PROBED_TIERS)
        first = candidates[0]
        if first.overridden:
            return 0, ()
        if answers is None or answers(first.model_id, region):
            return 0, (first.model_id,)
        rest = candidates[1:]
        probes = (first.model_id, *(c.model_id for c in rest if not c.overridden))
        for index, candidate in enumerate(rest, start=1):
            if candidate.overridden or answers(candidate.model_id, region):
                return index, probes
        return 0, probes

    def configured_id(self, base: str) -> tuple[str, tuple[str, ...]]:
        """The ID sent for a configured concrete model, and a note when modelOverrides matter."""
        override = self.inputs.overrides.get(base)
        if override is None:
            return base, ()
        self.book(OVERRIDES_ONLY_RESOLVED)
        if self.book(OVERRIDES_CONFIGURED_ID):
            return override, (f"modelOverrides rewrites {base} to {override}",)
        return base, (f"{base} is a modelOverrides key, but this version sends a configured ID as written",)

    def primary(self, tiers: dict[str, SlotPrediction]) -> SlotPrediction:
        book = self.book
        book(ENV_MODEL_BEATS_KEY)
        configured, configured_by = configured_primary(self.env, self.inputs.model_key, book)
        region = self.inputs.region
        if configured is None:
            tier = tiers[book(DEFAULT_PRIMARY_TIER)]
            how = "default" if tier.how == "pinned" else tier.how
            return SlotPrediction("primary", None, None, tier.resolved, how, region, tier.candidates, notes=tier.notes)
        base, one_m = strip_suffix(configured)
        book(SUFFIX_STRIPPED)
        alias = base.lower()
        if alias in ("opusplan", "default", "best"):
            alias = {"opusplan": "sonnet", "default": book(DEFAULT_PRIMARY_TIER), "best": "opus"}[alias]
        if alias in TIERS:
            book(ALIASES_RESOLVE_TO_TIERS)
            tier = tiers[alias]
            how = "alias" if tier.how in ("pinned", "default") else tier.how
            return SlotPrediction(
                "primary", configured, configured_by, tier.resolved, how, region, tier.candidates, one_m, tier.notes
            )
        sent, notes = self.configured_id(base)
        how = "override" if sent != base else "pinned"
        return SlotPrediction("primary", configured, configured_by, sent, how, region, context_1m=one_m, notes=notes)

    def family(self, model_id: str) -> str | None:
        """The tier of a concrete model ID, from Claude Code's own model keys; a Mantle ID names the model
        without its date (anthropic.claude-sonnet-4-5: 2.1.332, the case `mantle-routes-mantle-ids`)."""
        for model in self.models.values():
            undated = re.sub(r"-\d{8}$", "", model.first_party)
            if _contains_model(model_id, model.first_party) or model.bare_id in model_id:
                return model.family
            if model_ids.is_mantle_id(model_id) and _contains_model(model_id, undated):
                return model.family
        return None


def predict_models(inputs: ModelInputs, book: RuleBook) -> tuple[dict[str, SlotPrediction], tuple[Probe, ...]]:
    """Every slot's prediction, and the start-up probes in the order of the tiers."""
    resolver = _Resolver(inputs, book)
    env = inputs.env
    seeded: dict[str, str] = {}
    env_model = configured_primary(env, inputs.model_key, book)[0]
    if env_model and book(PRIMARY_SEEDS_TIER):
        base, _ = strip_suffix(env_model)
        family = resolver.family(base) if base.lower() not in TIERS else None
        if family is not None and not resolver.pins[family]:
            seeded[family] = env_model
    tiers = {tier: resolver.tier(tier, seeded) for tier in TIERS}
    primary = resolver.primary(tiers)
    slots: dict[str, SlotPrediction] = {"primary": primary, **tiers}
    slots["subagent"] = _subagent(env, primary, tiers)
    slots["background"] = _background(env, primary, tiers, resolver, book)
    token = env.get("AWS_BEARER_TOKEN_BEDROCK")
    signed = not (token is not None and token != "" and not token.strip() and book(BLANK_API_KEY_PROBES))
    probes = tuple(
        Probe(model_id, resolver.tier_region(tier), tier, signed)
        for tier in ("sonnet", "opus", "haiku")
        for model_id in tiers[tier].probes
    )
    return slots, probes


def _subagent(env: Mapping[str, str], primary: SlotPrediction, tiers: dict[str, SlotPrediction]) -> SlotPrediction:
    configured = env.get("CLAUDE_CODE_SUBAGENT_MODEL", "").strip() or None
    if configured is None:
        return SlotPrediction(
            "subagent",
            None,
            None,
            primary.resolved,
            "main-model",
            primary.region,
            notes=("subagents use the main model unless an agent names its own",),
        )
    base, one_m = strip_suffix(configured)
    if base.lower() in TIERS:
        tier = tiers[base.lower()]
        return SlotPrediction(
            "subagent",
            configured,
            "CLAUDE_CODE_SUBAGENT_MODEL",
            tier.resolved,
            "alias",
            primary.region,
            tier.candidates,
            one_m,
        )
    return SlotPrediction(
        "subagent", configured, "CLAUDE_CODE_SUBAGENT_MODEL", base, "pinned", primary.region, context_1m=one_m
    )


def _background(
    env: Mapping[str, str],
    primary: SlotPrediction,
    tiers: dict[str, SlotPrediction],
    resolver: _Resolver,
    book: RuleBook,
) -> SlotPrediction:
    book(BACKGROUND_MODEL)
    for name in ("ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL"):
        configured = env.get(name, "").strip()
        if configured:
            base, one_m = strip_suffix(configured)
            region = primary.region
            if base != primary.resolved and resolver.small_fast_region:
                region = resolver.small_fast_region
            return SlotPrediction("background", configured, name, base, "pinned", region, context_1m=one_m)
    opus_pinned_alone = bool(resolver.pins["opus"]) and not resolver.pins["sonnet"]
    if primary.configured is None and not opus_pinned_alone and book(BACKGROUND_SONNET_WHEN_UNCONFIGURED):
        sonnet = tiers["sonnet"]
        return SlotPrediction(
            "background",
            None,
            None,
            sonnet.resolved,
            "default",
            primary.region,
            sonnet.candidates,
            notes=("the Sonnet tier, as no model is configured",),
        )
    return SlotPrediction("background", None, None, primary.resolved, "main-model", primary.region)
