"""What a validation produces: check records, the inference profiles seen, and a session cache of them."""

from __future__ import annotations

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
    slots = checked_slots(candidate)
    models = [f"model:{slot}" for slot in slots]
    account = [f"{kind}:{slot}" for kind in ("access", "quota") for slot in slots]
    return ["credentials", "identity", "region", "models", *models, *account, "iam", "tokens", "claude"]
