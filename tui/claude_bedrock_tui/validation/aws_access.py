"""Build AWS clients that use exactly the credentials, region and endpoints Claude Code would.

Runs in the validation child only: its os.environ *is* the candidate environment.
"""

from __future__ import annotations

import atexit
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.claude_code.credentials import CredentialPrediction
from claude_bedrock_tui.core.procs import TimedOut, run_bounded
from claude_bedrock_tui.core.records import at
from claude_bedrock_tui.core.secrets import shown
from claude_bedrock_tui.core.wording import counted, plural

EXPORT_TIMEOUT_S = 10.0


class ExportError(Exception):
    """awsCredentialExport failed or printed the wrong shape."""

    status = "fail"

    def __init__(self, message: str, advice: str) -> None:
        super().__init__(message)
        self.advice = advice


class UntrustedCommand(ExportError):
    """The command comes from a cloned repository's settings and the user has not said to run it."""

    status = "skip"


# Scopes a repository brings with it: Claude Code refuses their commands before the workspace is
# trusted (docs/claude-code-behaviour.md), and so do we until the user says so.
REPOSITORY_SCOPES = ("project", "local")
TRUST_HINT = "Pass --trust-project-commands (or confirm it in the app) once you have read the command."


def repository_command(candidate: Candidate) -> tuple[str, str] | None:
    """(command, scope) when validation would run an awsCredentialExport that came with the project."""
    scope = candidate.command_scopes.get("awsCredentialExport")
    if candidate.aws_credential_export and scope in REPOSITORY_SCOPES:
        return candidate.aws_credential_export, scope
    return None


def check_trusted(candidate: Candidate, trusted: bool) -> None:
    """Raise UntrustedCommand unless awsCredentialExport may run: not from the repository, or trusted.

    (awsAuthRefresh is never run by this tool: only Claude Code runs it, when credentials expire.)
    """
    found = repository_command(candidate)
    if trusted or found is None:
        return
    command, scope = shown("awsCredentialExport", found[0]), found[1]
    raise UntrustedCommand(
        f"Skipped: awsCredentialExport `{command}` comes from the {scope} settings, which a cloned repository "
        "can bring, so it was not run.",
        TRUST_HINT,
    )


def run_credential_export(command: str, timeout_s: float = EXPORT_TIMEOUT_S) -> dict[str, str]:
    """Run awsCredentialExport as Claude Code does and return its Credentials block.

    Its output holds credentials, so no message ever repeats it: they say which field or line is
    wrong, never what it holds (nor what the command printed on stderr, which may echo them too).
    """
    shape = '{"Credentials":{"AccessKeyId","SecretAccessKey","SessionToken"}}'
    name = f"awsCredentialExport `{shown('awsCredentialExport', command)}`"
    try:
        done = run_bounded(command, timeout_s, shell=True)
    except TimedOut:
        raise ExportError(
            f"{name} did not finish within {timeout_s:g} s.",
            "Make the command non-interactive and fast; run it by hand to see where it waits.",
        ) from None
    except OSError as exc:
        raise ExportError(f"{name} could not start: {exc.strerror or exc}", "Fix the command.") from None
    if done.returncode != 0:
        lines = len((done.stderr or "").splitlines())
        raise ExportError(
            f"{name} exited with status {done.returncode} ({counted(lines, 'line')} on stderr, not shown here: "
            f"{plural(lines, 'it', 'they')} may hold credentials).",
            "Run the command by hand and fix the error it prints.",
        )
    problem = export_problem(done.stdout)
    if problem:
        raise ExportError(f"{name} did not print the expected JSON: {problem}.", f"Make it print exactly {shape}.")
    block = json.loads(done.stdout)["Credentials"]
    return {k: block[k] for k in ("AccessKeyId", "SecretAccessKey", "SessionToken")}


def export_problem(stdout: str) -> str | None:
    """What is wrong with awsCredentialExport's output, naming lines and fields but never values."""
    if not stdout.strip():
        return "nothing on stdout"
    try:
        data = json.loads(stdout)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        return f"stdout is not JSON{at(line, getattr(exc, 'colno', None))}" if line else "not JSON"
    if not isinstance(data, dict) or not isinstance(data.get("Credentials"), dict):
        return 'no "Credentials" object at the top level'
    block = data["Credentials"]
    missing = [k for k in ("AccessKeyId", "SecretAccessKey", "SessionToken") if k not in block]
    if missing:
        return f"Credentials lacks {', '.join(missing)}"
    wrong = [k for k in ("AccessKeyId", "SecretAccessKey", "SessionToken") if not isinstance(block[k], str)]
    if wrong:
        return f"Credentials.{wrong[0]} is not a string"
    empty = [k for k in ("AccessKeyId", "SecretAccessKey", "SessionToken") if not block[k]]
    if empty:
        return f"Credentials.{empty[0]} is empty"
    return None


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


def network_settings(env: Mapping[str, str]) -> tuple[str | None, tuple[str, str] | None]:
    """(CA bundle, client certificate and key) so that botocore meets the network as Claude Code does.

    Proxies need nothing: botocore reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY from the environment, which in
    the validation child is Claude Code's. Claude Code trusts NODE_EXTRA_CA_CERTS on top of the usual CAs
    (docs/claude-code-behaviour.md, "Corporate networks"); botocore trusts one bundle, so without an
    AWS_CA_BUNDLE of its own it gets botocore's bundle with those certificates appended. The client key must
    be unencrypted: botocore cannot use CLAUDE_CODE_CLIENT_KEY_PASSPHRASE.
    """
    bundle = None
    extra = env.get("NODE_EXTRA_CA_CERTS")
    if extra and not env.get("AWS_CA_BUNDLE"):
        from botocore.httpsession import get_cert_path

        try:
            pem = Path(extra).read_bytes()
        except OSError:
            pem = b""  # the offline check says what is wrong with the file
        if pem:
            with tempfile.NamedTemporaryFile("wb", prefix="cbt-ca-", suffix=".pem", delete=False) as out:
                out.write(Path(get_cert_path(True)).read_bytes().rstrip(b"\n") + b"\n" + pem)
            atexit.register(os.unlink, out.name)
            bundle = out.name
    cert, key = env.get("CLAUDE_CODE_CLIENT_CERT"), env.get("CLAUDE_CODE_CLIENT_KEY")
    return bundle, ((cert, key) if cert and key else None)


def open_access(
    candidate: Candidate, plan: CredentialPrediction, deadline_s: float, *, trusted: bool = False
) -> AwsAccess:
    """A session for the plan; raises botocore errors or ExportError when credentials cannot be had.

    The awsCredentialExport command runs only when check_trusted allows it (`trusted`: the user said so).
    """
    # botocore directly, not boto3: same clients, about 30 ms less to import (no s3transfer).
    import botocore.session
    from botocore.config import Config

    connect, read = timeouts_for(deadline_s)
    if plan.source == "export":
        check_trusted(candidate, trusted)
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
    bundle, client_cert = network_settings(os.environ)
    if bundle:
        session.set_config_variable("ca_bundle", bundle)
    session.set_default_client_config(
        Config(
            connect_timeout=connect,
            read_timeout=read,
            retries={"mode": "standard", "total_max_attempts": 2},
            client_cert=client_cert,
        )
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
