"""What a validation produces: check records, the inference profiles seen, and a session cache of them."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.records import CheckResult, CheckStatus

# Statuses from best to worst: a merged record takes the worst of its parts.
STATUS_RANK = {"pass": 0, "skip": 1, "warn": 2, "fail": 3}


@dataclass
class InferenceProfile:
    """One Bedrock inference profile, system-defined or an application profile."""

    id: str
    arn: str
    name: str
    type: str  # "SYSTEM_DEFINED" | "APPLICATION"
    models: list[str] = field(default_factory=list)  # model ARNs

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InferenceProfile:
        return cls(
            id=str(data.get("id", "")),
            arn=str(data.get("arn", "")),
            name=str(data.get("name", "")),
            type=str(data.get("type", "")),
            models=[str(m) for m in data.get("models", [])],
        )


@dataclass
class ValidationReport:
    """The outcome of one run_validation: every planned check, in plan order."""

    checks: list[CheckResult]
    profiles: list[InferenceProfile] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        """True when no check failed (a cancelled run can be ok: see `cancelled`)."""
        return all(c.status != "fail" for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": [c.to_json() for c in self.checks]}

    def get(self, check_id: str) -> CheckResult | None:
        return next((c for c in self.checks if c.id == check_id), None)


def worst_status(statuses: list[str]) -> str:
    return max(statuses, key=lambda s: STATUS_RANK.get(s, 0), default="pass")


def record(check_id: str, status: str, message: str, advice: str = "") -> CheckResult:
    """A CheckResult whose status was computed at run time (advice rules, merged findings)."""
    return CheckResult(check_id, cast(CheckStatus, status), message, advice)


def merge_records(check_id: str, records: list[CheckResult]) -> CheckResult:
    """One record from several findings: worst status, messages joined, advice of the worst."""
    status = worst_status([r.status for r in records])
    advice = next((r.advice for r in records if r.status == status and r.advice), "")
    return record(check_id, status, " ".join(r.message for r in records), advice)


# Variables that decide which credentials, endpoints and account a validation talks to.
_CREDENTIAL_VARS = (
    "HOME",
    "AWS_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_BEARER_TOKEN_BEDROCK",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_BEDROCK",
    "ANTHROPIC_BEDROCK_BASE_URL",
    "CLAUDE_CODE_SKIP_BEDROCK_AUTH",
)

_cache_lock = threading.Lock()
_profile_cache: dict[str, list[InferenceProfile]] = {}


def credentials_key(candidate: Candidate) -> str:
    """A digest of what selects credentials and region; secrets are hashed, never kept."""
    parts = [candidate.region, candidate.aws_credential_export or ""]
    parts += [f"{name}={candidate.env.get(name, '')}" for name in _CREDENTIAL_VARS]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def remember_profiles(candidate: Candidate, profiles: list[InferenceProfile]) -> None:
    with _cache_lock:
        _profile_cache[credentials_key(candidate)] = list(profiles)


def cached_profiles(candidate: Candidate) -> list[InferenceProfile] | None:
    """Profiles fetched earlier this session for the same credentials and region, else None."""
    with _cache_lock:
        found = _profile_cache.get(credentials_key(candidate))
    return list(found) if found is not None else None


# The model slots a validation checks, in display order (core/claude_code/models.SLOTS).
CHECKED_SLOTS = ("primary", "background", "opus", "sonnet", "haiku", "subagent")


def checked_slots(candidate: Candidate) -> list[str]:
    """The model slots Claude Code will call: the subagent only when one is configured."""
    return [
        slot
        for slot in CHECKED_SLOTS
        if slot in candidate.models and (slot != "subagent" or candidate.models[slot].get("configured"))
    ]


def planned_check_ids(candidate: Candidate) -> list[str]:
    """Every check a validation of `candidate` reports, in display order."""
    models = [f"model:{slot}" for slot in checked_slots(candidate)]
    return ["credentials", "identity", "region", "models", *models, "tokens", "claude"]
