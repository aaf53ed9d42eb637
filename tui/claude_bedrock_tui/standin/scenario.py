"""Scenarios: how the stand-in behaves (healthy, slow, hanging, or failing in one of the known ways)."""

from __future__ import annotations

from dataclasses import dataclass, field

from claude_bedrock_tui.standin.errors import ERRORS


@dataclass
class Scenario:
    """What the stand-in answers.

    `error` applies by kind: "bad_token"/"expired_token" fail every SigV4 call (every service),
    "bad_api_key" every bearer call, "server_error" every call; any other name every runtime invoke.
    """

    name: str = "healthy"
    latency_ms: int = 0
    """Added to every request, before it is answered."""
    hang: bool = False
    """Accept requests but never answer them (until the stand-in stops)."""
    error: str | None = None
    """An ERRORS name (see the class docstring for what it applies to)."""
    model_errors: dict[str, str] = field(default_factory=dict)
    """Model ID, profile ID or ARN -> ERRORS name, for invokes of that model (checked before the ID is)."""
    accounts: dict[str, str] | None = None
    """Access key id -> caller ARN; None accepts any key as a user of `account_id`."""
    expired_keys: set[str] = field(default_factory=set)
    """Access keys answered with expired_token (ExpiredToken on STS)."""
    api_keys: set[str] | None = None
    """Accepted bearer tokens (Bedrock API keys); None accepts any."""
    page_size: int = 3
    """Most profiles per page unless the client asks for fewer: forces pagination."""
    profiles: list[dict] | None = None
    """Replaces default_catalogue(account_id); ARNs are rewritten to the caller's region."""
    account_id: str = "123456789012"
    control_error: str | None = None
    """An ERRORS name for every ListInferenceProfiles / GetInferenceProfile call (e.g. iam_denied)."""
    allow_anonymous: bool = False
    """Answer unsigned requests (a gateway that signs for you) instead of MissingAuthenticationToken."""
    default_region: str = "us-east-1"
    """The region of a call whose auth names none (bearer tokens other than short-term keys)."""

    @classmethod
    def preset(cls, name: str) -> Scenario:
        """A named preset: one of PRESETS."""
        if name == "healthy":
            return cls()
        if name == "slow":
            return cls(name=name, latency_ms=300)
        if name == "hanging":
            return cls(name=name, hang=True)
        if name in ERRORS:
            return cls(name=name, error=name)
        raise ValueError(f"unknown stand-in scenario {name!r}; choose one of: {', '.join(PRESETS)}")


PRESETS: tuple[str, ...] = ("healthy", "slow", "hanging", *ERRORS)
