"""Credential checks that need no network and no boto3: token caches, API keys, expiry stamps."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claude_bedrock_tui.core.aws_profiles import AwsProfiles, expand_path, read_aws_profiles
from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.claude_code.credentials import CredentialPrediction
from claude_bedrock_tui.core.locations import home_dir
from claude_bedrock_tui.core.problems import stale_refresh
from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.core.safe_read import read_regular
from claude_bedrock_tui.core.secrets import shown
from claude_bedrock_tui.validation.api_key import decode_api_key
from claude_bedrock_tui.validation.local_checks import SEVERITY_STATUS
from claude_bedrock_tui.validation.report import record

CHECK_ID = "credentials"


def _result(status: str, message: str, advice: str = "") -> CheckResult:
    return record(CHECK_ID, status, message, advice)


def parse_timestamp(raw: str) -> datetime | None:
    """Parse the ISO-ish timestamps the AWS caches write (`...Z`, `...UTC`, offsets)."""
    text = raw.strip()
    if text.endswith("UTC"):
        text = text[:-3] + "+00:00"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def refresh_advice(command: str, auth_refresh: str | None) -> str:
    """Tell the person what to run, and how to let Claude Code run it for them."""
    if auth_refresh:
        shown_refresh = shown("awsAuthRefresh", auth_refresh)
        return f"Run `{command}`. (Claude Code runs awsAuthRefresh `{shown_refresh}` when credentials expire.)"
    return f"Run `{command}`, and set awsAuthRefresh to `{command}` so Claude Code runs it when credentials expire."


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(read_regular(path).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _config(files: AwsProfiles, name: str) -> dict[str, str]:
    profile = files.get(name)
    return profile.config if profile else {}


def sso_checks(
    files: AwsProfiles, profile: str, env: dict[str, str], auth_refresh: str | None, now: datetime
) -> list[CheckResult]:
    """SSO token cache: ~/.aws/sso/cache/<sha1(sso_session name or start URL)>.json, field expiresAt."""
    config = _config(files, profile)
    advice = refresh_advice(f"aws sso login --profile {profile}", auth_refresh)
    session_name = config.get("sso_session")
    if session_name:
        if session_name not in files.sso_sessions:
            message = f"Profile {profile} names sso-session {session_name}, which {files.config_path} does not define."
            return [_result("fail", message, f"Add an [sso-session {session_name}] section (run `aws configure sso`).")]
        key_source = session_name
    else:
        key_source = config.get("sso_start_url", "")
    cache_name = hashlib.sha1(key_source.encode()).hexdigest() + ".json"
    cache_file = home_dir(env) / ".aws" / "sso" / "cache" / cache_name
    token = _read_json(cache_file)
    if token is None:
        return [_result("fail", f"No SSO login is cached for profile {profile} ({cache_file} is missing).", advice)]
    expires = parse_timestamp(str(token.get("expiresAt", "")))
    if expires is None:
        return [_result("fail", f"The SSO token cache {cache_file} has no readable expiresAt.", advice)]
    if expires > now:
        return [_result("pass", f"SSO token for profile {profile} is valid until {_stamp(expires)}.")]
    registration = parse_timestamp(str(token.get("registrationExpiresAt", "")))
    # Only sso-session profiles refresh, and only while the client registration lasts (botocore.tokens).
    refreshable = session_name and token.get("refreshToken") and token.get("clientSecret")
    if refreshable and registration and registration > now:
        message = f"SSO access token for profile {profile} expired at {_stamp(expires)}; the SDK will try a refresh."
        return [_result("warn", message, advice)]
    return [_result("fail", f"SSO token for profile {profile} expired at {_stamp(expires)}.", advice)]


def login_checks(
    files: AwsProfiles, profile: str, env: dict[str, str], auth_refresh: str | None, now: datetime
) -> list[CheckResult]:
    """`aws login` profiles: botocore[crt] must be installed; cache is <login cache>/<sha256(login_session)>.json."""
    session = _config(files, profile).get("login_session", "")
    found: list[CheckResult] = []
    if importlib.util.find_spec("awscrt") is None:
        message = f"Profile {profile} uses `aws login`, which needs botocore[crt] (awscrt is not installed)."
        found.append(_result("fail", message, 'Run `pip install "botocore[crt]"` where this tool runs.'))
    raw_dir = env.get("AWS_LOGIN_CACHE_DIRECTORY")
    cache_dir = expand_path(raw_dir, env) if raw_dir else home_dir(env) / ".aws" / "login" / "cache"
    cache_file = cache_dir / (hashlib.sha256(session.encode()).hexdigest() + ".json")
    advice = refresh_advice(f"aws login --profile {profile}", auth_refresh)
    token = _read_json(cache_file)
    if token is None:
        message = f"No `aws login` session is cached for profile {profile} ({cache_file} is missing)."
        return found + [_result("fail", message, advice)]
    missing = [k for k in ("accessToken", "refreshToken", "dpopKey", "clientId") if k not in token]
    if missing:
        return found + [_result("fail", f"The `aws login` cache {cache_file} lacks {', '.join(missing)}.", advice)]
    access = token["accessToken"] if isinstance(token["accessToken"], dict) else {}
    expires = parse_timestamp(str(access.get("expiresAt", "")))
    if expires and expires > now:
        return found + [_result("pass", f"`aws login` session for profile {profile} is valid until {_stamp(expires)}.")]
    # Access tokens last minutes by design; the stored refresh token renews them on first use.
    message = f"`aws login` session for profile {profile} is cached; its access token is renewed on first use."
    return found + [_result("pass", message)]


def api_key_checks(candidate: Candidate, now: datetime) -> list[CheckResult]:
    """Short-term keys carry their expiry and region; API keys only travel over HTTPS."""
    env = candidate.env
    found: list[CheckResult] = []
    for var in (
        "ANTHROPIC_BEDROCK_BASE_URL",
        "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
        "AWS_ENDPOINT_URL_BEDROCK",
        "AWS_ENDPOINT_URL",
    ):
        if env.get(var, "").lower().startswith("http://"):
            found.append(
                _result(
                    "fail",
                    f"{var} is plain http; Bedrock API keys are only sent over HTTPS.",
                    f"Use an https:// URL in {var}, or IAM credentials instead of an API key.",
                )
            )
    info = decode_api_key(env["AWS_BEARER_TOKEN_BEDROCK"])
    if not info.short_term:
        return found + [_result("pass", "Long-term Bedrock API key (its expiry is not visible offline).")]
    regenerate = "Generate a new API key (Bedrock console > API keys) and update AWS_BEARER_TOKEN_BEDROCK."
    if info.error:
        message = f"AWS_BEARER_TOKEN_BEDROCK looks like a short-term key but cannot be read: {info.error}."
        return found + [_result("fail", message, regenerate)]
    if info.expires and info.expires <= now:
        message = f"The short-term Bedrock API key expired at {_stamp(info.expires)}."
        return found + [_result("fail", message, regenerate)]
    if info.region and info.region != candidate.region:
        message = f"The API key was issued for {info.region} but Claude Code will use {candidate.region}."
        advice = f"Generate the key in {candidate.region}, or set AWS_REGION={info.region}."
        found.append(_result("warn", message, advice))
    until = f" until {_stamp(info.expires)}" if info.expires else ""
    region = info.region or "an unknown region"
    return found + [_result("pass", f"Short-term Bedrock API key for {region}, valid{until}.")]


def _profile_chain_checks(
    candidate: Candidate, plan: CredentialPrediction, files: AwsProfiles, now: datetime
) -> list[CheckResult]:
    """Follow source_profile links (assume-role) to the profile that really holds a login."""
    for name in files.source_chain(plan.profile) if plan.profile else []:
        config = _config(files, name)
        if "sso_session" in config or "sso_start_url" in config:
            return sso_checks(files, name, candidate.env, candidate.aws_auth_refresh, now)
        if "login_session" in config:
            return login_checks(files, name, candidate.env, candidate.aws_auth_refresh, now)
    return []


def offline_credential_checks(candidate: Candidate, now: datetime | None = None) -> list[CheckResult]:
    """Fast findings about the credentials Claude Code would use; the first record names the method."""
    now = now or datetime.now(UTC)
    files = read_aws_profiles(candidate.env)
    plan = CredentialPrediction.from_json(candidate.credentials)
    found = [_result("skip" if plan.source == "skip-auth" else "pass", f"Claude Code would use {plan.describe()}.")]
    # The AWS SDK reads these files too: it fails on a broken one and blocks on a FIFO, so do not start it.
    found += [
        _result("fail", f"Cannot read an AWS file: {error}.", "Fix or replace it; the AWS SDK cannot use it either.")
        for error in files.errors
    ]
    env = candidate.env
    if plan.source == "api-key":
        found += api_key_checks(candidate, now)
    elif plan.source in ("profile", "default-profile") and plan.profile:
        if plan.profile_kind is None:
            message = f"AWS_PROFILE={plan.profile} is not defined in {files.config_path} or {files.credentials_path}."
            advice = f"Create it (`aws configure --profile {plan.profile}` or `aws configure sso`) or fix AWS_PROFILE."
            found.append(_result("fail", message, advice))
        elif plan.profile_kind == "no credentials":
            found.append(
                _result(
                    "fail",
                    f"Profile {plan.profile} defines no way to get credentials.",
                    f"Add keys, SSO or a role to it (`aws configure --profile {plan.profile}`).",
                )
            )
        found += _profile_chain_checks(candidate, plan, files, now)
    elif plan.source == "env-keys":
        if not env.get("AWS_SECRET_ACCESS_KEY"):
            message = "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not."
            found.append(_result("fail", message, "Set both, or neither."))
        expiry = parse_timestamp(env.get("AWS_CREDENTIAL_EXPIRATION") or "")
        if expiry and expiry <= now:
            message = f"The access keys in the environment expired at {_stamp(expiry)} (AWS_CREDENTIAL_EXPIRATION)."
            advice = "Export fresh keys, or use a profile that refreshes itself (SSO, `aws login`)."
            found.append(_result("fail", message, advice))
    stale = stale_refresh(candidate.aws_auth_refresh, env, files)
    if stale is not None:
        found.append(_result(SEVERITY_STATUS[stale.severity], stale.message, stale.advice))
    return found
