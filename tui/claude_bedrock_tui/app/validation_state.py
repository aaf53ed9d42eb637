"""The state of the latest online validation, as the panel and the save dialog show it (pure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.core.wording import counted

Phase = Literal["idle", "running", "done", "cancelled", "error"]
# run_validation's signature (validation package); a fake stands in for it in unit tests.
Validator = Callable[..., Any]


def default_validator(candidate: Candidate, **kwargs: Any) -> Any:
    """The real engine, imported only when a validation starts: boto3 never delays the first frame."""
    from claude_bedrock_tui.validation import run_validation

    return run_validation(candidate, **kwargs)


def candidate_key(candidate: Candidate) -> str:
    """Identifies what was validated, so a verdict is reused only for the very same candidate."""
    import json

    return json.dumps(candidate.to_json(), sort_keys=True)


@dataclass
class ValidationRun:
    """One validation: its checks in the order they started, and how it ended."""

    run_id: int = 0
    phase: Phase = "idle"
    key: str = ""
    checks: dict[str, CheckResult] = field(default_factory=dict)
    profiles: list[Any] = field(default_factory=list)
    error: str = ""
    finished_at: datetime | None = None

    def update(self, result: CheckResult) -> None:
        self.checks[result.id] = result

    @property
    def running(self) -> bool:
        return self.phase == "running"

    @property
    def failed(self) -> list[CheckResult]:
        return [c for c in self.checks.values() if c.status == "fail"]

    @property
    def ok(self) -> bool:
        """Done, with no failing check and no engine error."""
        return self.phase == "done" and not self.failed and not self.error

    def verdict(self) -> str:
        if self.phase == "idle":
            return "not validated yet"
        if self.phase == "running":
            done = sum(c.status != "running" for c in self.checks.values())
            return f"validating… {done} of {counted(len(self.checks), 'check')} done"
        if self.phase == "cancelled":
            return "validation cancelled"
        if self.error:
            return f"validation could not run: {self.error}"
        if self.failed:
            names = ", ".join(c.id for c in self.failed)
            return f"validation failed: {names}"
        warned = [c.id for c in self.checks.values() if c.status == "warn"]
        return "validation passed" + (f" with warnings ({', '.join(warned)})" if warned else "")
