"""Scenarios: how the stand-in behaves (healthy, slow, hanging, or failing in one of the known ways)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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
    access: dict[str, str] = field(default_factory=dict)
    """Base model ID (or "*" for every model) -> an ACCESS_STATES name, for GetFoundationModelAvailability."""
    use_case_submitted: bool = True
    """False: GetUseCaseForModelAccess answers ResourceNotFoundException (the form was never sent)."""
    tokens_per_minute: int | None = None
    """Every model's InvokeModel tokens-per-minute quota (None: a realistic default)."""
    requests_per_minute: int | None = None
    """Every model's requests-per-minute quota (None: a realistic default)."""
    throttles_24h: int = 0
    """InvocationThrottles CloudWatch reports for each model over the last day."""
    guardrails: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Guardrail ID -> its versions ("DRAFT" among them if wanted), for GetGuardrail."""
    denied_actions: set[str] = field(default_factory=set)
    """IAM actions (`bedrock:InvokeModel`, `servicequotas:ListServiceQuotas`, ...) no policy allows: the call
    answers AccessDenied and SimulatePrincipalPolicy says implicitDeny."""

    @classmethod
    def preset(cls, name: str) -> Scenario:
        """A named preset: one of PRESETS."""
        if name == "healthy":
            return cls()
        if name == "slow":
            return cls(name=name, latency_ms=300)
        if name == "hanging":
            return cls(name=name, hang=True)
        if name in ACCOUNT_PRESETS:
            return cls(name=name, **ACCOUNT_PRESETS[name]())
        if name in ERRORS:
            return cls(name=name, error=name)
        raise ValueError(f"unknown stand-in scenario {name!r}; choose one of: {', '.join(PRESETS)}")


# Every action the account checks read (validation/account.py); one preset denies them all.
ACCOUNT_READ_ACTIONS = frozenset(
    {
        "bedrock:GetFoundationModelAvailability",
        "bedrock:GetUseCaseForModelAccess",
        "servicequotas:ListServiceQuotas",
        "cloudwatch:GetMetricData",
        "iam:SimulatePrincipalPolicy",
    }
)

# Account states, each as a real account shows it: the availability answer and what an invoke then gets.
ACCOUNT_PRESETS: dict[str, Callable[[], dict[str, Any]]] = {
    "use_case_missing": lambda: {"error": "use_case_missing", "use_case_submitted": False},
    "model_access_denied": lambda: {"error": "model_access_denied", "access": {"*": "not_authorized"}},
    "not_entitled": lambda: {"error": "model_access_denied", "access": {"*": "not_entitled"}},
    "agreement_pending": lambda: {"error": "model_access_denied", "access": {"*": "agreement_pending"}},
    "region_unavailable": lambda: {"error": "invalid_model", "access": {"*": "region_unavailable"}},
    "tiny_quota": lambda: {"tokens_per_minute": 100_000, "requests_per_minute": 20},
    "throttled_metrics": lambda: {"throttles_24h": 42},
    "iam_denied_account_reads": lambda: {"denied_actions": set(ACCOUNT_READ_ACTIONS)},
    "iam_denied_streaming": lambda: {"denied_actions": {"bedrock:InvokeModelWithResponseStream"}},
}

PRESETS: tuple[str, ...] = tuple(dict.fromkeys(("healthy", "slow", "hanging", *ERRORS, *ACCOUNT_PRESETS)))
