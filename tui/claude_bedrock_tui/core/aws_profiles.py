"""The AWS profile files (~/.aws/config and ~/.aws/credentials): every profile, its kind and region.

Read with the environment it is given (HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), so the
validation child and the TUI see the files a candidate environment would, not this process's.
"""

from __future__ import annotations

import configparser
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claude_bedrock_tui.core.locations import home_dir
from claude_bedrock_tui.core.safe_read import read_regular, reason

# How a profile gets credentials; human-readable because messages and the profile picker show it.
STATIC, SSO, ASSUME_ROLE, WEB_IDENTITY = "static keys", "sso", "assume-role", "web identity"
PROCESS, LOGIN, NO_CREDENTIALS = "credential_process", "login", "no credentials"


@dataclass(frozen=True)
class AwsProfile:
    name: str
    kind: str  # one of the constants above
    region: str | None = None
    sso_session: str | None = None
    sso_start_url: str | None = None
    config: dict[str, str] = field(default_factory=dict, repr=False)  # its [profile X] section
    credentials: dict[str, str] = field(default_factory=dict, repr=False)  # its credentials-file section

    @property
    def source(self) -> str:
        return "+".join(n for n, d in (("config", self.config), ("credentials", self.credentials)) if d)

    @property
    def refresh_command(self) -> str | None:
        """The awsAuthRefresh command that renews this profile's credentials, where there is one."""
        if self.kind == SSO:
            return f"aws sso login --profile {self.name}"
        if self.kind == LOGIN:
            return f"aws login --profile {self.name}"
        return None


@dataclass(frozen=True)
class AwsProfiles:
    profiles: dict[str, AwsProfile]
    config_path: Path
    credentials_path: Path
    sso_sessions: dict[str, dict[str, str]] = field(default_factory=dict)
    errors: tuple[str, ...] = ()

    def get(self, name: str | None) -> AwsProfile | None:
        return self.profiles.get(name or "default")

    def source_chain(self, name: str) -> list[str]:
        """`name`, then the profiles its source_profile links lead to (assume-role), each once."""
        chain: list[str] = []
        current: str | None = name
        while current and current not in chain:
            chain.append(current)
            profile = self.get(current)
            if profile is None:
                break
            current = profile.config.get("source_profile") or profile.credentials.get("source_profile")
        return chain

    def login_of(self, name: str) -> tuple[str, str] | None:
        """The login a profile's credentials come from (an SSO session or start URL, an `aws login` session),
        following source_profile: profiles that share one are renewed by the same login command."""
        for link in self.source_chain(name):
            profile = self.get(link)
            config = profile.config if profile else {}
            if "sso_session" in config or "sso_start_url" in config:
                return ("sso", config.get("sso_session") or config.get("sso_start_url", ""))
            if "login_session" in config:
                return ("login", config["login_session"])
        return None


def profiles_named(command: str) -> list[str]:
    """The AWS profiles a shell command names with `--profile X` or `--profile=X`, quoted or not."""
    try:
        lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
    except ValueError:  # an unbalanced quote: the words as written, their quotes dropped
        words = [w.strip("\"'") for w in command.split()]
    named = []
    for i, word in enumerate(words):
        if word == "--profile" and i + 1 < len(words):
            named.append(words[i + 1])
        elif word.startswith("--profile="):
            named.append(word.split("=", 1)[1])
    return [n for n in named if n]


def expand_path(raw: str, environ: Mapping[str, str]) -> Path:
    """Expand a leading `~` against the given environment's HOME, as boto3 running there would."""
    if raw == "~" or raw.startswith("~/"):
        return home_dir(environ) / raw[2:]
    return Path(raw)


def aws_file_paths(environ: Mapping[str, str]) -> tuple[Path, Path]:
    config = expand_path(environ.get("AWS_CONFIG_FILE") or "~/.aws/config", environ)
    creds = expand_path(environ.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials", environ)
    return config, creds


def _read_ini(path: Path, errors: list[str]) -> configparser.ConfigParser:
    # No interpolation: credential_process commands may contain '%'. A section named DEFAULT is a
    # real profile for the AWS CLI, so configparser's special default section is renamed away.
    parser = configparser.ConfigParser(interpolation=None, strict=False, default_section="\0none")
    try:
        parser.read_string(read_regular(path).decode("utf-8"), source=str(path))
    except FileNotFoundError:
        pass
    except OSError as exc:
        errors.append(f"{path}: {reason(exc)}")
    except (UnicodeDecodeError, configparser.Error) as exc:
        errors.append(f"{path}: {str(exc).splitlines()[0]}")
    return parser


def profile_kind(config: Mapping[str, str], credentials: Mapping[str, str]) -> str:
    """How botocore would get this profile's credentials, in its provider order."""
    if "role_arn" in config or "role_arn" in credentials:
        return ASSUME_ROLE
    if "web_identity_token_file" in config:
        return WEB_IDENTITY
    if "sso_session" in config or "sso_start_url" in config:
        return SSO
    if "aws_access_key_id" in credentials:
        return STATIC
    if "login_session" in config:
        return LOGIN
    if "credential_process" in config or "credential_process" in credentials:
        return PROCESS
    if "aws_access_key_id" in config:
        return STATIC
    return NO_CREDENTIALS


def read_aws_profiles(environ: Mapping[str, str]) -> AwsProfiles:
    """Every profile defined in either file, with its sso-session details resolved."""
    config_path, creds_path = aws_file_paths(environ)
    errors: list[str] = []
    configs: dict[str, dict[str, str]] = {}
    sso_sessions: dict[str, dict[str, str]] = {}
    config = _read_ini(config_path, errors)
    for section in config.sections():
        if section.startswith("sso-session "):
            sso_sessions[section.split(None, 1)[1].strip()] = dict(config[section])
        elif section == "default":
            configs.setdefault("default", {}).update(config[section])
        elif section.startswith("profile "):
            configs.setdefault(section.split(None, 1)[1].strip(), {}).update(config[section])
    credentials = _read_ini(creds_path, errors)
    creds = {name.strip(): dict(credentials[name]) for name in credentials.sections()}
    profiles = {}
    for name in sorted(configs.keys() | creds.keys()):
        conf, cred = configs.get(name, {}), creds.get(name, {})
        session = conf.get("sso_session")
        start_url = conf.get("sso_start_url") or sso_sessions.get(session or "", {}).get("sso_start_url")
        profiles[name] = AwsProfile(
            name, profile_kind(conf, cred), conf.get("region") or None, session, start_url, conf, cred
        )
    return AwsProfiles(profiles, config_path, creds_path, sso_sessions, tuple(errors))


class AwsProfileReader:
    """Reads the profile files an environment names, again only when their paths or stamps change.

    The behaviour model reads them with Claude Code's merged environment, which changes with every edit
    in the TUI; most edits do not touch AWS_CONFIG_FILE or the files themselves.
    """

    def __init__(self) -> None:
        self._last: tuple[object, AwsProfiles] | None = None

    @staticmethod
    def _stamp(path: Path) -> tuple[int, int] | None:
        try:
            info = path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def __call__(self, environ: Mapping[str, str]) -> AwsProfiles:
        config, creds = aws_file_paths(environ)
        key = (config, creds, self._stamp(config), self._stamp(creds))
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        profiles = read_aws_profiles(environ)
        self._last = (key, profiles)
        return profiles
