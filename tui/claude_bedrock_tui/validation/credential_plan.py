"""Which credentials Claude Code would use for a candidate, decided offline in Claude Code's order."""

from __future__ import annotations

from dataclasses import dataclass

from claude_bedrock_tui.core.aws_profiles import AwsProfiles, read_aws_profiles
from claude_bedrock_tui.core.candidate import Candidate


def env_flag(env: dict[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class CredentialPlan:
    """The credential source, in the order Claude Code picks it (awsCredentialExport first)."""

    kind: str  # skip-auth | export | api-key | profile | env-keys | default-chain
    profile: str | None = None  # the named (or default-chain "default") profile
    profile_kind: str | None = None  # static keys | sso | assume-role | credential_process | login | ...

    @property
    def is_sso(self) -> bool:
        return self.profile_kind == "sso"

    def describe(self) -> str:
        if self.kind == "skip-auth":
            return "no credentials (CLAUDE_CODE_SKIP_BEDROCK_AUTH=1: requests are sent unsigned)"
        if self.kind == "export":
            return "the awsCredentialExport command"
        if self.kind == "api-key":
            return "a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)"
        if self.kind == "profile":
            kind = self.profile_kind or "not defined"
            return f"AWS profile {self.profile} ({kind})"
        if self.kind == "env-keys":
            return "access keys from the environment (AWS_ACCESS_KEY_ID)"
        if self.profile:
            return f"the AWS default chain (profile default: {self.profile_kind})"
        return "the AWS default chain (no profile named; container or instance role if any)"


def choose_credentials(candidate: Candidate, files: AwsProfiles | None = None) -> CredentialPlan:
    """Mirror Claude Code: export command, API key, AWS_PROFILE, env keys, then the default chain.

    AWS_PROFILE beats exported access keys here, as in Claude Code; plain boto3 would do the
    opposite (FACTS §3.4).
    """
    env = candidate.env
    if env_flag(env, "CLAUDE_CODE_SKIP_BEDROCK_AUTH"):
        return CredentialPlan("skip-auth")
    if candidate.aws_credential_export:
        return CredentialPlan("export")
    if env.get("AWS_BEARER_TOKEN_BEDROCK"):
        return CredentialPlan("api-key")
    files = files or read_aws_profiles(env)
    if env.get("AWS_PROFILE"):
        name = env["AWS_PROFILE"]
        return CredentialPlan("profile", name, _kind(files, name))
    if env.get("AWS_ACCESS_KEY_ID"):
        return CredentialPlan("env-keys")
    default_kind = _kind(files, "default")
    return CredentialPlan("default-chain", "default" if default_kind else None, default_kind)


def _kind(files: AwsProfiles, name: str) -> str | None:
    profile = files.get(name)
    return profile.kind if profile else None
