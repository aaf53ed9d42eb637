"""The AWS profile files (~/.aws/config and ~/.aws/credentials): every profile, its kind and region."""

from __future__ import annotations

import configparser
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from claude_bedrock_tui.core.locations import home_dir

ProfileKind = Literal["static", "sso", "assume-role", "credential-process", "login", "unknown"]


@dataclass(frozen=True)
class AwsProfile:
    name: str
    kind: ProfileKind
    region: str | None = None
    sso_session: str | None = None
    sso_start_url: str | None = None
    source: str = ""  # which file(s) define it
    settings: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def refresh_command(self) -> str | None:
        """The awsAuthRefresh command that renews this profile's credentials, where there is one."""
        if self.kind == "sso":
            return f"aws sso login --profile {self.name}"
        if self.kind == "login":
            return f"aws login --profile {self.name}"
        return None


@dataclass(frozen=True)
class AwsProfiles:
    profiles: dict[str, AwsProfile]
    config_path: Path
    credentials_path: Path
    errors: tuple[str, ...] = ()

    def get(self, name: str | None) -> AwsProfile | None:
        return self.profiles.get(name or "default")


def aws_file_paths(environ: Mapping[str, str]) -> tuple[Path, Path]:
    home = home_dir(environ)
    config = environ.get("AWS_CONFIG_FILE") or str(home / ".aws" / "config")
    creds = environ.get("AWS_SHARED_CREDENTIALS_FILE") or str(home / ".aws" / "credentials")
    return Path(config).expanduser(), Path(creds).expanduser()


def _read_ini(path: Path, errors: list[str]) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False, default_section="\0none")
    try:
        parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        errors.append(f"{path}: {str(exc).splitlines()[0]}")
    return parser


def _kind(values: Mapping[str, str]) -> ProfileKind:
    if "login_session" in values:
        return "login"
    if "sso_session" in values or "sso_start_url" in values:
        return "sso"
    if "credential_process" in values:
        return "credential-process"
    if "role_arn" in values:
        return "assume-role"
    if "aws_access_key_id" in values:
        return "static"
    return "unknown"


def read_aws_profiles(environ: Mapping[str, str]) -> AwsProfiles:
    """Every profile defined in either file; the config file's settings win for the region."""
    config_path, creds_path = aws_file_paths(environ)
    errors: list[str] = []
    merged: dict[str, dict[str, str]] = {}
    sources: dict[str, list[str]] = {}
    config = _read_ini(config_path, errors)
    sso_sessions: dict[str, dict[str, str]] = {}
    for section in config.sections():
        if section.startswith("sso-session "):
            sso_sessions[section.split(None, 1)[1].strip()] = dict(config[section])
            continue
        if section == "default":
            name = "default"
        elif section.startswith("profile "):
            name = section.split(None, 1)[1].strip()
        else:
            continue  # services, plugins and other non-profile sections
        merged.setdefault(name, {}).update(config[section])
        sources.setdefault(name, []).append("config")
    credentials = _read_ini(creds_path, errors)
    for name in credentials.sections():
        values = merged.setdefault(name, {})
        for key, value in credentials[name].items():
            values.setdefault(key, value)
        sources.setdefault(name, []).append("credentials")
    profiles = {}
    for name, values in merged.items():
        session = values.get("sso_session")
        start_url = values.get("sso_start_url") or sso_sessions.get(session or "", {}).get("sso_start_url")
        profiles[name] = AwsProfile(
            name=name,
            kind=_kind(values),
            region=values.get("region") or None,
            sso_session=session,
            sso_start_url=start_url,
            source="+".join(sources[name]),
            settings=dict(values),
        )
    return AwsProfiles(dict(sorted(profiles.items())), config_path, creds_path, tuple(errors))
