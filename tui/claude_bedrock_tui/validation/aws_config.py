"""Read ~/.aws/config and ~/.aws/credentials as a candidate environment would see them (no boto3)."""

from __future__ import annotations

import configparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path


def home_of(env: dict[str, str]) -> Path:
    """The home folder of the candidate environment (not necessarily this process's)."""
    return Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())


def expand_path(raw: str, env: dict[str, str]) -> Path:
    """Expand a leading `~` against the candidate's HOME, as boto3 in that environment would."""
    if raw == "~" or raw.startswith("~/"):
        return home_of(env) / raw[2:]
    return Path(raw)


@dataclass
class AwsFiles:
    """Profiles and sso-sessions from the shared config and credentials files."""

    config_path: Path
    credentials_path: Path
    profiles: dict[str, dict[str, str]] = field(default_factory=dict)  # from the config file
    sso_sessions: dict[str, dict[str, str]] = field(default_factory=dict)
    credentials: dict[str, dict[str, str]] = field(default_factory=dict)  # from the credentials file
    errors: list[str] = field(default_factory=list)

    def has_profile(self, name: str) -> bool:
        return name in self.profiles or name in self.credentials


def _read_ini(path: Path, errors: list[str]) -> configparser.ConfigParser:
    # No interpolation: values such as credential_process commands may contain '%'.
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError) as exc:
        errors.append(f"{path}: {exc}")
    return parser


def load_aws_files(env: dict[str, str]) -> AwsFiles:
    """Parse both files, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE from `env`."""
    config_path = expand_path(env.get("AWS_CONFIG_FILE") or "~/.aws/config", env)
    credentials_path = expand_path(env.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials", env)
    files = AwsFiles(config_path, credentials_path)
    config = _read_ini(config_path, files.errors)
    for section in config.sections():
        values = dict(config.items(section))
        if section == "default":
            files.profiles["default"] = values
        elif section.startswith("profile "):
            files.profiles[section[len("profile ") :].strip()] = values
        elif section.startswith("sso-session "):
            files.sso_sessions[section[len("sso-session ") :].strip()] = values
    credentials = _read_ini(credentials_path, files.errors)
    for section in credentials.sections():
        files.credentials[section.strip()] = dict(credentials.items(section))
    return files


def profile_kind(files: AwsFiles, name: str) -> str | None:
    """How a profile gets credentials, in botocore's provider order; None when it is not defined."""
    if not files.has_profile(name):
        return None
    config = files.profiles.get(name, {})
    creds = files.credentials.get(name, {})
    if "role_arn" in config or "role_arn" in creds:
        return "assume-role"
    if "web_identity_token_file" in config:
        return "web identity"
    if "sso_session" in config or "sso_start_url" in config:
        return "sso"
    if "aws_access_key_id" in creds:
        return "static keys"
    if "login_session" in config:
        return "login"
    if "credential_process" in config or "credential_process" in creds:
        return "credential_process"
    if "aws_access_key_id" in config:
        return "static keys"
    return "no credentials"


def parse_timestamp(raw: str) -> datetime | None:
    """Parse the ISO-ish timestamps the AWS caches write (`...Z`, `...UTC`, offsets)."""
    text = raw.strip()
    if text.endswith("UTC"):
        text = text[:-3] + "+00:00"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
