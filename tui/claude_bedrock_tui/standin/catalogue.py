"""The inference profiles the stand-in serves, which of them a region sees, and how invoke IDs resolve."""

from __future__ import annotations

import copy
import re

from claude_bedrock_tui.core.model_ids import PROFILE_PREFIXES, geography_prefix

DEFAULT_REGION = "us-east-1"

# Where each geographic prefix routes requests (the foundation-model ARNs a profile lists).
_DESTINATIONS: dict[str, tuple[str, ...]] = {
    "us": ("us-east-1", "us-east-2", "us-west-2"),
    "eu": ("eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"),
    "apac": ("ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "ap-south-1"),
    "jp": ("ap-northeast-1", "ap-northeast-3"),
    "au": ("ap-southeast-2", "ap-southeast-4"),
    "global": ("",),
}

# (bare model ID, display name, release date, prefixes with a system-defined profile)
_MODELS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "anthropic.claude-sonnet-4-5-20250929-v1:0",
        "Claude Sonnet 4.5",
        "2025-09-29",
        ("global", "us", "eu", "jp", "au"),
    ),
    ("anthropic.claude-haiku-4-5-20251001-v1:0", "Claude Haiku 4.5", "2025-10-01", ("global", "us", "eu", "jp", "au")),
    ("anthropic.claude-opus-4-5-20251101-v1:0", "Claude Opus 4.5", "2025-11-24", ("global", "us", "eu")),
    ("anthropic.claude-opus-4-1-20250805-v1:0", "Claude Opus 4.1", "2025-08-05", ("us",)),
    ("anthropic.claude-opus-4-20250514-v1:0", "Claude Opus 4", "2025-05-22", ("us",)),
    ("anthropic.claude-sonnet-4-20250514-v1:0", "Claude Sonnet 4", "2025-05-22", ("global", "us", "eu", "apac")),
    ("anthropic.claude-3-7-sonnet-20250219-v1:0", "Claude 3.7 Sonnet", "2025-02-24", ("us", "eu", "apac")),
    ("anthropic.claude-3-5-haiku-20241022-v1:0", "Claude 3.5 Haiku", "2024-11-04", ("us",)),
    ("anthropic.claude-3-haiku-20240307-v1:0", "Claude 3 Haiku", "2024-03-13", ("us", "eu", "apac")),
)

# Models newer than the default catalogue, as Bedrock lists them once they launch: a catalogue with
# these lets a test see what Claude Code does when its newest defaults are offered.
NEWER_MODELS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("anthropic.claude-opus-5-5", "Claude Opus 5.5", "2026-10-01", ("global", "us", "eu")),
    ("anthropic.claude-opus-5", "Claude Opus 5", "2026-06-01", ("global", "us", "eu")),
    ("anthropic.claude-opus-4-8", "Claude Opus 4.8", "2026-04-01", ("global", "us", "eu")),
    ("anthropic.claude-opus-4-7", "Claude Opus 4.7", "2026-03-01", ("global", "us", "eu")),
    ("anthropic.claude-opus-4-6-v1", "Claude Opus 4.6", "2026-02-05", ("global", "us", "eu", "apac")),
    ("anthropic.claude-sonnet-4-6", "Claude Sonnet 4.6", "2026-02-17", ("global", "us", "eu", "apac")),
    ("anthropic.claude-haiku-5-5", "Claude Haiku 5.5", "2026-09-01", ("global", "us")),
)

# (name, 12-character id, the system profile it copies, description)
_APPLICATION_PROFILES = (
    (
        "claude-code-team",
        "a1b2c3d4e5f6",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "Claude Code for the platform team (cost tracking)",
    ),
    (
        "claude-code-background",
        "f6e5d4c3b2a1",
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        "Claude Code background model",
    ),
)

_ARN_RE = re.compile(r"^arn:(?P<partition>[^:]+):bedrock:(?P<region>[^:]*):(?P<account>[^:]*):(?P<resource>.+)$")
_VERSION_SUFFIX_RE = re.compile(r"-v\d+(:\d+)?$")


def _system_profile(bare_id: str, name: str, date: str, prefix: str, account_id: str) -> dict:
    profile_id = f"{prefix}.{bare_id}"
    regions = _DESTINATIONS[prefix]
    where = "all commercial AWS Regions" if prefix == "global" else ", ".join(regions)
    stamp = f"{date}T00:00:00Z"
    return {
        "inferenceProfileName": f"{prefix.upper()} Anthropic {name}",
        "description": f"Routes requests to Anthropic {name} in {where}.",
        "createdAt": stamp,
        "updatedAt": stamp,
        "inferenceProfileArn": f"arn:aws:bedrock:{DEFAULT_REGION}:{account_id}:inference-profile/{profile_id}",
        "models": [{"modelArn": f"arn:aws:bedrock:{region}::foundation-model/{bare_id}"} for region in regions],
        "inferenceProfileId": profile_id,
        "status": "ACTIVE",
        "type": "SYSTEM_DEFINED",
    }


def default_catalogue(account_id: str = "123456789012", *, newer_models: bool = False) -> list[dict]:
    """Realistic system-defined profiles for current Claude models plus two application profiles;
    `newer_models` adds NEWER_MODELS first, as a listing shows the newest first."""
    models = (NEWER_MODELS if newer_models else ()) + _MODELS
    profiles = [
        _system_profile(bare_id, name, date, prefix, account_id)
        for bare_id, name, date, prefixes in models
        for prefix in prefixes
    ]
    by_id = {p["inferenceProfileId"]: p for p in profiles}
    for name, app_id, source, description in _APPLICATION_PROFILES:
        profiles.append(
            {
                "inferenceProfileName": name,
                "description": description,
                "createdAt": "2025-10-15T09:30:00Z",
                "updatedAt": "2025-10-15T09:30:00Z",
                "inferenceProfileArn": (
                    f"arn:aws:bedrock:{DEFAULT_REGION}:{account_id}:application-inference-profile/{app_id}"
                ),
                "models": copy.deepcopy(by_id[source]["models"]),
                "inferenceProfileId": app_id,
                "status": "ACTIVE",
                "type": "APPLICATION",
            }
        )
    return profiles


def prefixes_for_region(region: str) -> frozenset[str]:
    """Profile prefixes whose system-defined profiles a region can call (us-east-1 -> us, global)."""
    prefixes = {"global", geography_prefix(region)}
    if region in ("ap-northeast-1", "ap-northeast-3"):
        prefixes.add("jp")
    if region in ("ap-southeast-2", "ap-southeast-4"):
        prefixes.add("au")
    return frozenset(prefixes)


def _with_arn(arn: str, *, region: str, account: str | None) -> str:
    match = _ARN_RE.match(arn)
    if not match:
        return arn
    return f"arn:{match['partition']}:bedrock:{region}:{account or match['account']}:{match['resource']}"


def visible_profiles(catalogue: list[dict], region: str, caller_account: str) -> list[dict]:
    """The profiles a caller in `region` sees, their ARNs rewritten to that region (and account)."""
    prefixes = prefixes_for_region(region)
    visible = []
    for profile in catalogue:
        system = profile.get("type") == "SYSTEM_DEFINED"
        prefix = str(profile.get("inferenceProfileId", "")).split(".", 1)[0]
        if system and prefix in PROFILE_PREFIXES and prefix not in prefixes:
            continue
        local = copy.deepcopy(profile)
        # Application profiles belong to the account that made them; system ones show the caller's.
        local["inferenceProfileArn"] = _with_arn(
            profile["inferenceProfileArn"], region=region, account=caller_account if system else None
        )
        visible.append(local)
    return visible


def find_profile(visible: list[dict], identifier: str) -> dict | None:
    """The visible profile named by an ID or an ARN."""
    for profile in visible:
        if identifier in (profile["inferenceProfileId"], profile["inferenceProfileArn"]):
            return profile
    return None


def resolve_invoke(visible: list[dict], model_id: str) -> tuple[dict | None, str | None]:
    """(profile, None) when `model_id` can be invoked in this region, else (None, ERRORS name)."""
    if model_id.startswith("arn:"):
        if ":foundation-model/anthropic." in model_id:
            return None, "bare_model"
        profile = next((p for p in visible if p["inferenceProfileArn"] == model_id), None)
        return (profile, None) if profile else (None, "invalid_model")
    if model_id.startswith("anthropic."):
        return None, "bare_model"
    # Application profiles answer to their ARN only; a bare 12-character ID is not a model ID.
    profile = next(
        (p for p in visible if p["inferenceProfileId"] == model_id and p.get("type") == "SYSTEM_DEFINED"),
        None,
    )
    return (profile, None) if profile else (None, "invalid_model")


def anthropic_model_name(profile: dict | None, fallback: str) -> str:
    """The `model` an Anthropic response names: claude-sonnet-4-5-20250929 for any of its profiles."""
    if profile and profile.get("models"):
        arn = profile["models"][0].get("modelArn", "")
        bare = arn.rsplit("/", 1)[-1].removeprefix("anthropic.")
        if bare:
            return _VERSION_SUFFIX_RE.sub("", bare)
    return fallback


def model_display_name(bare_id: str) -> str:
    """How Bedrock names a model in its quotas: `Anthropic Claude Sonnet 4.5` (the bare ID when unknown)."""
    for known, name, _, _ in NEWER_MODELS + _MODELS:
        if known == bare_id:
            return f"Anthropic {name}"
    return bare_id


def base_models(catalogue: list[dict]) -> list[str]:
    """The distinct base model IDs the catalogue's profiles route to, in catalogue order."""
    seen: dict[str, None] = {}
    for profile in catalogue:
        for model in profile.get("models", []):
            seen.setdefault(str(model.get("modelArn", "")).rsplit("/", 1)[-1], None)
    return [m for m in seen if m]


_DATE_RE = re.compile(r"-\d{8}$")


def mantle_model_ids(visible: list[dict]) -> set[str]:
    """The IDs Bedrock Mantle answers to for the models of these profiles: anthropic.claude-sonnet-4-5 and
    anthropic.claude-sonnet-4-5-20250929 (never with a -v1:0 suffix or a geographic prefix)."""
    found = set()
    for profile in visible:
        for model in profile.get("models") or []:
            bare = _VERSION_SUFFIX_RE.sub("", str(model.get("modelArn", "")).rsplit("/", 1)[-1])
            if bare.startswith("anthropic."):
                found |= {bare, _DATE_RE.sub("", bare)}
    return found
