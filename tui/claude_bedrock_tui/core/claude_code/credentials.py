"""Which credentials Claude Code signs Bedrock requests with, decided offline in Claude Code's order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from claude_bedrock_tui.core.claude_code.environment import is_on
from claude_bedrock_tui.core.claude_code.region import profile_name
from claude_bedrock_tui.core.claude_code.rules import RuleBook, always, register

if TYPE_CHECKING:  # the AWS profile files are read after the first frame, and their module with them
    from claude_bedrock_tui.core.aws_profiles import AwsProfiles

CredentialSource = Literal["api-key", "skip-auth", "export", "profile", "env-keys", "default-profile", "ambient"]

CREDENTIAL_ORDER = always(
    "credential-order",
    "A non-empty AWS_BEARER_TOKEN_BEDROCK wins, then CLAUDE_CODE_SKIP_BEDROCK_AUTH, then awsCredentialExport, "
    "then the AWS SDK chain.",
    ("api-key", "skip-auth", "export", "sdk-chain"),
)
PROFILE_HIDES_ENV_KEYS = always(
    "profile-hides-env-keys",
    "In the SDK chain, AWS_PROFILE (shell or settings) hides access keys exported in the environment; "
    "without it, environment keys come before the default profile.",
    True,
)
API_KEY_OVER_HTTP = always(
    "api-key-over-http",
    "The Bedrock API key is sent as a Bearer token even to a plain http:// ANTHROPIC_BEDROCK_BASE_URL.",
    True,
)
EXPORT_RUNS_BESIDE_API_KEY = always(
    "export-runs-beside-api-key",
    "awsCredentialExport still runs when the API key wins; its credentials go unused.",
    True,
)
register(CREDENTIAL_ORDER, PROFILE_HIDES_ENV_KEYS, API_KEY_OVER_HTTP, EXPORT_RUNS_BESIDE_API_KEY)


@dataclass(frozen=True)
class CredentialPrediction:
    """How Claude Code will get its AWS credentials (or the Bedrock API key), known offline."""

    source: CredentialSource
    profile: str | None = None  # the AWS profile in use (source profile or default-profile)
    profile_kind: str | None = None  # static keys | sso | assume-role | credential_process | login | ...
    access_key_id: str | None = None  # known offline for environment keys and static profiles
    export_command: str | None = None
    export_scope: str | None = None  # which settings scope awsCredentialExport comes from
    notes: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.source == "api-key":
            return "a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)"
        if self.source == "skip-auth":
            return "no credentials (CLAUDE_CODE_SKIP_BEDROCK_AUTH: requests are sent unsigned)"
        if self.source == "export":
            return f"the awsCredentialExport command ({self.export_scope} settings)"
        if self.source == "profile":
            return f"AWS profile {self.profile} ({self.profile_kind or 'not defined'})"
        if self.source == "env-keys":
            return "access keys from the environment (AWS_ACCESS_KEY_ID)"
        if self.source == "default-profile":
            return f"the default AWS profile ({self.profile_kind})"
        return "the AWS SDK chain with no profile or keys (a container or instance role, if any)"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CredentialPrediction:
        """Back from to_json (the access key ID and export command are not carried: see Candidate)."""
        return cls(
            source=data.get("source", "ambient"),
            profile=data.get("profile"),
            profile_kind=data.get("profile_kind"),
            export_scope=data.get("export_scope"),
            notes=tuple(data.get("notes", ())),
        )

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"source": self.source, "description": self.describe()}
        for name in ("profile", "profile_kind", "export_scope"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        if self.notes:
            data["notes"] = list(self.notes)
        return data


def _static_key(aws: AwsProfiles | None, name: str) -> tuple[str | None, str | None]:
    profile = aws.get(name) if aws else None
    if profile is None:
        return None, None
    from claude_bedrock_tui.core.aws_profiles import STATIC  # loaded: `aws` came from it

    key = profile.credentials.get("aws_access_key_id") or profile.config.get("aws_access_key_id")
    return profile.kind, (key.strip() if key and profile.kind == STATIC else None)


def predict_credentials(
    env: Mapping[str, str],
    aws: AwsProfiles | None,
    export: tuple[str, str] | None,
    book: RuleBook,
) -> CredentialPrediction:
    """`export` is (command, scope) of the effective awsCredentialExport, if any."""
    book(CREDENTIAL_ORDER)
    notes: list[str] = []
    if env.get("AWS_BEARER_TOKEN_BEDROCK", "").strip():
        base_url = env.get("ANTHROPIC_BEDROCK_BASE_URL", "")
        if base_url.startswith("http://") and book(API_KEY_OVER_HTTP):
            notes.append("the API key is sent over plain http:// to ANTHROPIC_BEDROCK_BASE_URL")
        if export and book(EXPORT_RUNS_BESIDE_API_KEY):
            notes.append("awsCredentialExport still runs, but its credentials are not used")
        return CredentialPrediction("api-key", notes=tuple(notes))
    if is_on(env.get("CLAUDE_CODE_SKIP_BEDROCK_AUTH"), book):
        return CredentialPrediction("skip-auth")
    if export:
        return CredentialPrediction("export", export_command=export[0], export_scope=export[1])
    book(PROFILE_HIDES_ENV_KEYS)
    if env.get("AWS_PROFILE", "").strip():
        name = profile_name(env)
        kind, key = _static_key(aws, name)
        if env.get("AWS_ACCESS_KEY_ID"):
            notes.append(f"AWS_PROFILE={name} hides the AWS_ACCESS_KEY_ID exported in the environment")
        return CredentialPrediction("profile", name, kind, key, notes=tuple(notes))
    if env.get("AWS_ACCESS_KEY_ID", "").strip():
        return CredentialPrediction("env-keys", access_key_id=env["AWS_ACCESS_KEY_ID"].strip())
    kind, key = _static_key(aws, "default")
    if kind is not None:
        return CredentialPrediction("default-profile", "default", kind, key)
    return CredentialPrediction("ambient")
