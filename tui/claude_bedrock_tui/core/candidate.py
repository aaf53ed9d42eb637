"""A configuration to validate: exactly what Claude Code would start with, as the behaviour model predicts it.

Plain data, so it crosses into the validation child as JSON; the child re-resolves the models with what
Bedrock lists and answers (core/claude_code/models.py), under the rules of `claude_version`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Candidate:
    """What validation checks: Claude Code's environment, region, credentials and models, as predicted."""

    env: dict[str, str]  # the complete process environment Claude Code would get
    region: str  # the region Claude Code calls
    region_origin: str  # e.g. "user", "shell", "aws-profile:dev", "default"
    claude_version: str = ""  # the Claude Code version the prediction is for ("" = the newest rules)
    credentials: dict[str, Any] = field(default_factory=dict)  # CredentialPrediction.to_json()
    model_key: str | None = None  # the effective `model` settings key
    model_overrides: dict[str, str] = field(default_factory=dict)
    models: dict[str, dict[str, Any]] = field(default_factory=dict)  # slot -> SlotPrediction.to_json(), offline
    aws_credential_export: str | None = None
    aws_auth_refresh: str | None = None
    max_output_tokens: int | None = None
    max_thinking_tokens: int | None = None
    # settings key -> the scope it came from, for the commands (awsCredentialExport, awsAuthRefresh):
    # one from a cloned repository (project, local) is never run without the user's say-so.
    command_scopes: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Candidate:
        return cls(**data)
