"""Builders for validation tests: candidates, AWS files, token caches, fake commands, tiny servers."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from claude_bedrock_tui.core.aws_profiles import AwsProfileReader
from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.claude_code.rules import parse_version, rulebook_for
from claude_bedrock_tui.core.configuration import build
from claude_bedrock_tui.core.locations import Scope
from claude_bedrock_tui.core.settings_files import SettingsFile
from claude_bedrock_tui.standin.tls import write_tls_files

SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
OPUS_41 = "us.anthropic.claude-opus-4-1-20250805-v1:0"
APP_PROFILE_ARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def in_hours(hours: float) -> datetime:
    return datetime.now(UTC) + timedelta(hours=hours)


def make_env(home: Path, endpoints: dict[str, str] | None = None, **extra: str) -> dict[str, str]:
    """A minimal candidate environment: its own HOME, AWS files, no IMDS, a PATH without `claude`."""
    bin_dir = home / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(home),
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "CLAUDE_CODE_USE_BEDROCK": "1",
    }
    env.update(endpoints or {})
    env.update(extra)
    return env


# A profile with static keys: (config file, credentials file).
DEV_PROFILE = (
    "[profile dev]\nregion = us-east-1\n",
    "[dev]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = s\n",
)
SSO_CONFIG = (
    "[profile corp]\nsso_session = acme\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n"
    "[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\n"
)


def exported(access_key: str) -> dict:
    """What awsCredentialExport must print."""
    return {"Credentials": {"AccessKeyId": access_key, "SecretAccessKey": "s", "SessionToken": "t"}}


SLOT_VARIABLES = {
    "primary": "ANTHROPIC_MODEL",
    "opus": "ANTHROPIC_DEFAULT_OPUS_MODEL",
    "sonnet": "ANTHROPIC_DEFAULT_SONNET_MODEL",
    "haiku": "ANTHROPIC_DEFAULT_HAIKU_MODEL",
    "small_fast": "ANTHROPIC_SMALL_FAST_MODEL",
    "subagent": "CLAUDE_CODE_SUBAGENT_MODEL",
}


def make_candidate(
    env: dict[str, str],
    models: dict[str, str] | None = None,
    region: str | None = None,
    *,
    small_fast_region: str | None = None,
    aws_credential_export: str | None = None,
    aws_auth_refresh: str | None = None,
    model_overrides: dict[str, str] | None = None,
    max_output_tokens: int | None = None,
    max_thinking_tokens: int | None = None,
    claude_version: str = "2.1.332",
    keys_scope: Scope = "user",
) -> Candidate:
    """A candidate built the way `check` builds one: the core's prediction of Claude Code started with
    `env` as its shell and the given settings keys in one scope's file (`keys_scope`)."""
    shell = {**env, "AWS_REGION": region or env.get("AWS_REGION", "us-east-1")}
    for slot, model in (models if models is not None else {"primary": SONNET}).items():
        shell[SLOT_VARIABLES[slot]] = model
    for name, number in (
        ("CLAUDE_CODE_MAX_OUTPUT_TOKENS", max_output_tokens),
        ("MAX_THINKING_TOKENS", max_thinking_tokens),
    ):
        if number is not None:
            shell[name] = str(number)
    if small_fast_region:
        shell["ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION"] = small_fast_region
    keys = {
        "awsCredentialExport": aws_credential_export,
        "awsAuthRefresh": aws_auth_refresh,
        "modelOverrides": model_overrides,
    }
    user = SettingsFile(keys_scope, Path("/nonexistent/settings.json"), "missing").with_data(
        {name: value for name, value in keys.items() if value}
    )
    book = rulebook_for(parse_version(claude_version), "test")
    return build(Path.cwd(), shell, (user,), book, AwsProfileReader()).candidate()


def write_aws_files(home: Path, config: str = "", credentials: str = "") -> None:
    folder = home / ".aws"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config").write_text(config)
    (folder / "credentials").write_text(credentials)


def write_sso_token(home: Path, key_source: str, expires: datetime, **extra: str) -> Path:
    """An SSO token cache entry as `aws sso login` writes it (named by sha1 of session name or URL)."""
    folder = home / ".aws" / "sso" / "cache"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha1(key_source.encode()).hexdigest() + ".json")
    path.write_text(
        json.dumps(
            {
                "startUrl": "https://example.awsapps.com/start",
                "region": "us-east-1",
                "accessToken": "sso-access-token",
                "expiresAt": iso(expires),
                **extra,
            }
        )
    )
    return path


def write_login_token(home: Path, session: str, access_key: str, expires: datetime) -> Path:
    """An `aws login` cache entry: <login cache>/<sha256(login_session)>.json."""
    folder = home / ".aws" / "login" / "cache"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha256(session.encode()).hexdigest() + ".json")
    path.write_text(
        json.dumps(
            {
                "accessToken": {
                    "accessKeyId": access_key,
                    "secretAccessKey": "login-secret",
                    "sessionToken": "login-token",
                    "accountId": "123456789012",
                    "expiresAt": iso(expires),
                },
                "refreshToken": "refresh",
                "dpopKey": "-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----",
                "clientId": "arn:aws:signin:::devtools/same-device",
                "idToken": "x",
            }
        )
    )
    return path


def write_script(path: Path, body: str) -> Path:
    """An executable script (shell or python, by its shebang line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def python_printing(path: Path, payload: object) -> str:
    """A command (for credential_process / awsCredentialExport) that prints `payload` as JSON."""
    script = path.with_suffix(".py")
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(f"import json\nprint(json.dumps({payload!r}))\n")
    return f"{sys.executable} {script}"


def fake_claude(home: Path, version: str) -> Path:
    return write_script(home / "bin" / "claude", f"#!/bin/sh\necho '{version} (Claude Code)'\n")


class SsoPortal:
    """A tiny stand-in for the SSO portal's GetRoleCredentials (GET /federation/credentials)."""

    def __init__(self, access_key: str) -> None:
        self.access_key = access_key
        self.tokens: list[str] = []
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = parse_qs(urlsplit(self.path).query)
                portal.tokens.append(self.headers.get("x-amz-sso_bearer_token", ""))
                body = json.dumps(
                    {
                        "roleCredentials": {
                            "accessKeyId": portal.access_key,
                            "secretAccessKey": "sso-secret",
                            "sessionToken": "sso-session",
                            "expiration": int((datetime.now(UTC) + timedelta(hours=1)).timestamp() * 1000),
                            "role": query.get("role_name", [""])[0],
                        }
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> SsoPortal:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def report_of(candidate: Candidate, **options):
    """run_validation, plus a dict of the final records by check id."""
    from claude_bedrock_tui.validation import run_validation

    report = run_validation(candidate, **options)
    return report, {c.id: c for c in report.checks}


def tls_files(folder: Path) -> tuple[tuple[str, str], str]:
    """((cert, key) for the stand-in, CA bundle path for AWS_CA_BUNDLE), from a throw-away CA."""
    files = write_tls_files(folder)
    return files.server, files.ca
