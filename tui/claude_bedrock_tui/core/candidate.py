"""A configuration to validate: exactly what Claude Code would start with, resolved by the core."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate:
    """Everything validation needs, already resolved as Claude Code resolves it.

    `env` is the complete process environment Claude Code would get: the shell environment
    overlaid by the merged settings `env` (a settings value of "" removes the variable).
    """

    env: dict[str, str]
    region: str  # the region Claude Code would use (FACTS §2 fallback already applied)
    region_origin: str  # e.g. "user", "shell", "aws-profile:dev", "default"
    models: dict[str, str] = field(default_factory=dict)  # slot -> model ID, configured slots only
    small_fast_region: str | None = None  # ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION when it applies
    aws_credential_export: str | None = None  # settings key awsCredentialExport
    aws_auth_refresh: str | None = None  # settings key awsAuthRefresh
    model_overrides: dict[str, str] = field(default_factory=dict)  # settings key modelOverrides
    max_output_tokens: int | None = None
    max_thinking_tokens: int | None = None
    # settings key -> the scope it came from, for the commands (awsCredentialExport, awsAuthRefresh):
    # one from a cloned repository (project, local) is never run without the user's say-so.
    command_scopes: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "env": dict(self.env),
            "region": self.region,
            "region_origin": self.region_origin,
            "models": dict(self.models),
            "small_fast_region": self.small_fast_region,
            "aws_credential_export": self.aws_credential_export,
            "aws_auth_refresh": self.aws_auth_refresh,
            "model_overrides": dict(self.model_overrides),
            "max_output_tokens": self.max_output_tokens,
            "max_thinking_tokens": self.max_thinking_tokens,
            "command_scopes": dict(self.command_scopes),
        }

    @classmethod
    def from_json(cls, data: dict) -> Candidate:
        return cls(**data)
