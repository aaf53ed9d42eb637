"""The record types every face shares: offline problems and validation check results."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
CheckStatus = Literal["pass", "warn", "fail", "skip", "running"]


def at(line: int | None, column: int | None = None) -> str:
    """ " (line N, column M)", " (line N)" or "": where in a file, as every message says it."""
    if line is None:
        return ""
    return f" (line {line}, column {column})" if column is not None else f" (line {line})"


@dataclass(frozen=True)
class Problem:
    """Something wrong or notable found offline: in a file, a value, or between sources."""

    severity: Severity
    message: str
    advice: str = ""
    key: str | None = None  # the setting it concerns (env variable name or settings key)
    path: str | None = None  # the file it concerns
    line: int | None = None
    column: int | None = None
    code: str | None = None  # a stable id for problems callers act on, e.g. "shared-secret"

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}

    def where(self) -> str:
        """`path:line:column` as far as known, for messages a person can jump to."""
        if not self.path:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class CheckResult:
    """One validation check: shared by the TUI panel, `check --json` and the tests."""

    id: str  # credentials, identity, region, models, model:<slot>, tokens, claude
    status: CheckStatus
    message: str
    advice: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "message": self.message, "advice": self.advice}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckResult:
        return cls(
            id=str(data["id"]),
            status=data["status"],
            message=str(data.get("message", "")),
            advice=str(data.get("advice", "")),
        )
