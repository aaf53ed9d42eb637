"""Build AWS clients that use exactly the credentials, region and endpoints Claude Code would.

Runs in the validation child only: its os.environ *is* the candidate environment.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.claude_code.credentials import CredentialPrediction
from claude_bedrock_tui.core.procs import TimedOut, run_bounded

EXPORT_TIMEOUT_S = 10.0


class ExportError(Exception):
    """awsCredentialExport failed or printed the wrong shape."""

    def __init__(self, message: str, advice: str) -> None:
        super().__init__(message)
        self.advice = advice


def run_credential_export(command: str, timeout_s: float = EXPORT_TIMEOUT_S) -> dict[str, str]:
    """Run awsCredentialExport as Claude Code does and return its Credentials block."""
    shape = '{"Credentials":{"AccessKeyId","SecretAccessKey","SessionToken"}}'
    try:
        done = run_bounded(command, timeout_s, shell=True)
    except TimedOut:
        raise ExportError(
            f"awsCredentialExport `{command}` did not finish within {timeout_s:g} s.",
            "Make the command non-interactive and fast; run it by hand to see where it waits.",
        ) from None
    except OSError as exc:
        raise ExportError(f"awsCredentialExport `{command}` could not start: {exc}", "Fix the command.") from None
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["(no output)"]
        raise ExportError(
            f"awsCredentialExport `{command}` exited with status {done.returncode}: {tail[0]}",
            "Run the command by hand and fix the error it prints.",
        )
    try:
        block = json.loads(done.stdout)["Credentials"]
        creds = {k: block[k] for k in ("AccessKeyId", "SecretAccessKey", "SessionToken")}
    except (ValueError, KeyError, TypeError):
        raise ExportError(
            f"awsCredentialExport `{command}` did not print {shape}.",
            f"Make the command print exactly {shape} on stdout.",
        ) from None
    if not all(isinstance(v, str) and v for v in creds.values()):
        raise ExportError(
            f"awsCredentialExport `{command}` printed empty credential fields.",
            f"Make the command print {shape} with non-empty strings.",
        )
    return creds


def timeouts_for(deadline_s: float) -> tuple[float, float]:
    """(connect, read) timeouts: 3 s / 5 s normally, smaller when the whole run must end sooner."""
    read = max(1.0, min(5.0, (deadline_s - 1.0) / 2))
    return min(3.0, read), read


@dataclass
class AwsAccess:
    """A botocore session set up for one credential plan, and a factory for bounded clients."""

    plan: CredentialPrediction
    session: Any  # botocore.session.Session
    region: str
    connect_timeout: float
    read_timeout: float

    def client(self, service: str, region: str | None = None) -> Any:
        from botocore import UNSIGNED
        from botocore.config import Config

        options: dict[str, Any] = {
            "connect_timeout": self.connect_timeout,
            "read_timeout": self.read_timeout,
            "retries": {"mode": "standard", "total_max_attempts": 2},
        }
        if self.plan.source == "skip-auth":
            options["signature_version"] = UNSIGNED
        elif self.plan.source != "api-key":
            # botocore would otherwise prefer a stray AWS_BEARER_TOKEN_BEDROCK over these credentials.
            options["auth_scheme_preference"] = "sigv4"
        endpoint = None
        if service == "bedrock-runtime":
            endpoint = os.environ.get("ANTHROPIC_BEDROCK_BASE_URL") or None  # Claude Code's own override
        return self.session.create_client(
            service, region_name=region or self.region, endpoint_url=endpoint, config=Config(**options)
        )


def open_access(candidate: Candidate, plan: CredentialPrediction, deadline_s: float) -> AwsAccess:
    """A session for the plan; raises botocore errors or ExportError when credentials cannot be had."""
    # botocore directly, not boto3: same clients, about 30 ms less to import (no s3transfer).
    import botocore.session
    from botocore.config import Config

    connect, read = timeouts_for(deadline_s)
    exported = run_credential_export(candidate.aws_credential_export or "") if plan.source == "export" else None
    # Claude Code's SDK never reads AWS_DEFAULT_PROFILE, and ignores AWS_PROFILE for the other methods;
    # botocore would act on both (a stale one even fails client creation). This environment is the
    # child's own copy, so dropping them here touches nothing else.
    os.environ.pop("AWS_DEFAULT_PROFILE", None)
    if plan.source != "profile":
        os.environ.pop("AWS_PROFILE", None)
    # An explicit profile makes botocore skip env keys, as Claude Code does
    # (docs/claude-code-behaviour.md, "Credentials").
    session = botocore.session.Session(profile=plan.profile if plan.source == "profile" else None)
    session.set_config_variable("region", candidate.region)
    # Nested clients botocore makes itself (SSO portal, STS for assume-role) get the same bounds.
    session.set_default_client_config(
        Config(connect_timeout=connect, read_timeout=read, retries={"mode": "standard", "total_max_attempts": 2})
    )
    if exported:
        session.set_credentials(exported["AccessKeyId"], exported["SecretAccessKey"], exported["SessionToken"])
    elif plan.source in ("api-key", "skip-auth"):
        # Placeholder keys keep botocore from walking the credential chain; they are never sent.
        session.set_credentials("UNUSED", "UNUSED")
    # env-keys and the default chain: with AWS_PROFILE unset, botocore's own order is Claude Code's.
    return AwsAccess(plan, session, candidate.region, connect, read)


def resolve_credentials(access: AwsAccess) -> tuple[str, str]:
    """(botocore method, masked access key id); forces lazy providers (SSO, assume-role) to fetch now."""
    from botocore.exceptions import NoCredentialsError

    credentials = access.session.get_credentials()
    if credentials is None:
        raise NoCredentialsError()
    frozen = credentials.get_frozen_credentials()
    key = frozen.access_key or ""
    return str(credentials.method), (key[:4] + "..." + key[-4:]) if len(key) > 8 else key
