"""A Bedrock setup as managed settings: managed-settings.json, a drop-in, a macOS profile, a Windows .reg.

Where Claude Code reads managed settings, how drop-ins merge, and the MDM sources (a profile for the
com.anthropic.claudecode domain, the Settings value of the ClaudeCode policy key, which replace the files
rather than merge): docs/claude-code-behaviour.md ("Which files count"). The managed folder is
`locations.managed_dir`; this module only shapes the content.
Secrets are never exported: each machine brings its own credentials, and `ManagedExport.credentials`
says which method Claude Code is expected to use there (the core's own credential order decides it).
"""

from __future__ import annotations

import hashlib
import json
import plistlib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from claude_bedrock_tui.core.claude_code.credentials import CredentialPrediction, predict_credentials
from claude_bedrock_tui.core.claude_code.environment import is_on
from claude_bedrock_tui.core.claude_code.rules import RuleBook
from claude_bedrock_tui.core.claude_code.settings_sources import DROPIN_FOLDER_NAME, MANAGED_FILE_NAME
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.fields import SPECS, is_secret
from claude_bedrock_tui.core.secrets import holds_secret
from claude_bedrock_tui.core.settings_files import SettingsFile

ManagedFormat = Literal["json", "dropin", "mobileconfig", "reg"]
MANAGED_FORMATS: tuple[ManagedFormat, ...] = ("json", "dropin", "mobileconfig", "reg")

# Drop-ins merge over the main file in name order, later names winning (docs/claude-code-behaviour.md):
# 90 lands after the usual 00-89 policy fragments, so these Bedrock keys win over them and the main file.
DROPIN_FILE_NAME = "90-bedrock.json"
MACOS_DOMAIN = "com.anthropic.claudecode"  # the preference domain Claude Code reads managed settings from
REGISTRY_KEY = r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\ClaudeCode"
REGISTRY_VALUE = "Settings"  # a REG_SZ holding the settings as one JSON text
SWITCH = "CLAUDE_CODE_USE_BEDROCK"
TITLE = "Claude Code on Amazon Bedrock"
_UUID_NAMESPACE = uuid.UUID("6f1c8a52-3c1e-4d0b-9a55-0b3f3c6e7d21")  # this tool's; the UUIDs follow the content


class ManagedExportRefused(Exception):
    """The setup cannot become managed settings as it is (Bedrock off, a secret inside a value)."""


@dataclass(frozen=True)
class BedrockSetup:
    """The Bedrock settings of a setup: env variables and settings keys, secrets unmasked (callers mask)."""

    env: dict[str, str]
    keys: dict[str, str]  # settings keys beside env: awsAuthRefresh, awsCredentialExport, model
    cancelled: tuple[str, ...] = ()  # shell exports that settings cancel with ""


def bedrock_setup(config: Configuration) -> BedrockSetup:
    """The Bedrock settings in effect, in SPECS order: what Claude Code's process sees, and the settings keys."""
    claude_env = config.claude_env()
    env: dict[str, str] = {}
    keys: dict[str, str] = {}
    cancelled: list[str] = []
    for spec in SPECS:
        if spec.where == "key":
            if value := config.value(spec.name):
                keys[spec.name] = value
        elif claude_env.get(spec.name):
            env[spec.name] = claude_env[spec.name]
        elif config.shell.get(spec.name):
            cancelled.append(spec.name)
    return BedrockSetup(env, keys, tuple(cancelled))


@dataclass(frozen=True)
class ManagedExport:
    """What goes into managed settings, and what each machine must bring itself."""

    settings: dict[str, Any]  # {"env": {...}, "awsAuthRefresh": ...}: the managed-settings.json content
    left_out: tuple[str, ...]  # secrets the source holds that are not exported
    credentials: CredentialPrediction  # what Claude Code signs with on a machine given only these settings
    expectation: str  # that, in one sentence for the admin

    @property
    def method(self) -> str:
        return _METHODS[self.credentials.source]


# The credential methods by the name README and profiles use for them.
_METHODS = {
    "api-key": "api-key",
    "skip-auth": "skip-auth",
    "export": "credential-export",
    "profile": "aws-profile",
    "env-keys": "access-keys",
    "default-profile": "default-chain",
    "ambient": "default-chain",
}


def managed_export(
    setup: BedrockSetup, book: RuleBook, *, secrets_supplied: Iterable[str] = (), profile_kind: str | None = None
) -> ManagedExport:
    """The managed settings for `setup`, every secret left out.

    `secrets_supplied`: secret settings the source has (from the environment or a profile's
    keys_from_env) that each machine must then supply itself. `profile_kind`: what the AWS profile is on
    the machine exporting (sso, static keys, ...), for the advice.
    """
    if not is_on(setup.env.get(SWITCH), book):
        raise ManagedExportRefused(
            f"Bedrock is off in this setup ({SWITCH} is not on), so the managed settings would not use it. "
            "Turn it on first (claude-bedrock-tui set CLAUDE_CODE_USE_BEDROCK=1) or export a saved profile "
            "with --profile NAME. Nothing was exported."
        )
    left_out = sorted({*secrets_supplied, *(name for name in setup.env if is_secret(name))})
    env = {name: value for name, value in setup.env.items() if not is_secret(name)}
    for name, value in (*env.items(), *setup.keys.items()):
        if holds_secret(name, value):
            raise ManagedExportRefused(
                f"{name} holds a secret inside its value (a key, token or password); managed settings are "
                "copied to every machine and readable by every user there. Move the secret out (a profile, "
                "a credential process, the machine's own environment), then export again. Nothing was exported."
            )
    settings: dict[str, Any] = {"env": env, **setup.keys}
    # Each machine's own secrets stand in for the ones left out, so the core's order says which one wins.
    supplied = {**env, **dict.fromkeys(left_out, "(the machine's own)")}
    export = (setup.keys["awsCredentialExport"], "managed") if setup.keys.get("awsCredentialExport") else None
    credentials = predict_credentials(supplied, None, export, book)
    return ManagedExport(settings, tuple(left_out), credentials, _expectation(credentials, setup, profile_kind))


def _expectation(credentials: CredentialPrediction, setup: BedrockSetup, profile_kind: str | None) -> str:
    refresh = setup.keys.get("awsAuthRefresh")
    source = credentials.source
    if source == "api-key":
        return (
            "a Bedrock API key: each machine sets AWS_BEARER_TOKEN_BEDROCK itself (its environment or its "
            "user settings); the key is a secret and is not exported."
        )
    if source == "skip-auth":
        return "no AWS credentials: requests go unsigned to ANTHROPIC_BEDROCK_BASE_URL, a gateway that signs them."
    if source == "export":
        return (
            f"the awsCredentialExport command `{setup.keys['awsCredentialExport']}`: it must work on each "
            "machine and print that machine's credentials."
        )
    if source == "profile":
        text = f"the AWS profile {credentials.profile}: each machine needs it in its own ~/.aws/config"
        if refresh:
            return f"{text}; Claude Code runs awsAuthRefresh `{refresh}` when its credentials have expired."
        if profile_kind == "sso":
            return (
                f"{text}. It is an SSO profile here: add awsAuthRefresh "
                f"'aws sso login --profile {credentials.profile}' so Claude Code can log in again."
            )
        return text + "."
    if source == "env-keys":
        return (
            "access keys: each machine exports AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself; "
            "they are secrets and are not exported."
        )
    return (
        "each machine's default AWS credentials (the default profile, or an instance or container role); "
        "set AWS_PROFILE to name a profile instead."
    )


def over_existing(export: ManagedExport, existing: Mapping[str, Any] | None) -> ManagedExport:
    """The export as a whole managed-settings.json that replaces `existing` (the folder's current one):
    its other keys (permissions, hooks, other env variables) stay, its Bedrock settings and secrets go."""
    if not existing:
        return export
    bedrock = {spec.name for spec in SPECS}
    data = {k: v for k, v in existing.items() if k not in bedrock}
    old_env: Mapping[str, Any] = existing["env"] if isinstance(existing.get("env"), dict) else {}
    env = {k: v for k, v in old_env.items() if k not in bedrock and not is_secret(k)}
    data["env"] = {**env, **export.settings["env"]}
    data.update({k: v for k, v in export.settings.items() if k != "env"})
    return replace(export, settings=data)


def _canonical(settings: Mapping[str, Any]) -> str:
    return json.dumps(settings, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def settings_json(settings: Mapping[str, Any]) -> str:
    """managed-settings.json (or a drop-in): the same JSON shape as settings.json."""
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def mobileconfig(export: ManagedExport, identifier: str = MACOS_DOMAIN + ".bedrock") -> bytes:
    """A macOS configuration profile whose one payload sets the com.anthropic.claudecode domain.

    The payload's keys are the settings keys themselves (`env` a dictionary), as in managed-settings.json.
    The UUIDs follow the content, so exporting the same setup again gives the same profile.
    """
    content = _canonical(export.settings)
    payload: dict[str, Any] = {
        "PayloadType": MACOS_DOMAIN,
        "PayloadIdentifier": f"{identifier}.settings",
        "PayloadUUID": str(uuid.uuid5(_UUID_NAMESPACE, "payload:" + content)).upper(),
        "PayloadVersion": 1,
        "PayloadDisplayName": f"{TITLE}: managed settings",
        "PayloadEnabled": True,
        **export.settings,
    }
    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": identifier,
        "PayloadUUID": str(uuid.uuid5(_UUID_NAMESPACE, "profile:" + content)).upper(),
        "PayloadDisplayName": TITLE,
        "PayloadDescription": "Managed settings for Claude Code on Amazon Bedrock (claude-bedrock-tui managed "
        f"export). Credentials expected on each machine: {export.expectation}",
        "PayloadScope": "System",
        "PayloadContent": [payload],
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=False)


def _reg_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def registry_file(export: ManagedExport) -> bytes:
    """A Windows .reg file: the Settings value (REG_SZ, the settings as one line of JSON) under the
    machine-wide policy key. Regedit's version 5 format: UTF-16 LE with a byte-order mark, CRLF lines."""
    lines = [
        "Windows Registry Editor Version 5.00",
        "",
        f"; {TITLE}: managed settings (claude-bedrock-tui managed export)",
        f"; Credentials expected on each machine: {export.expectation}".replace("\n", " "),
        "",
        f"[{REGISTRY_KEY}]",
        f"{_reg_string(REGISTRY_VALUE)}={_reg_string(_canonical_ordered(export.settings))}",
        "",
    ]
    return "\r\n".join(lines).encode("utf-16")  # Python's utf-16 writes the BOM, little-endian here


def _canonical_ordered(settings: Mapping[str, Any]) -> str:
    return json.dumps(settings, ensure_ascii=False, separators=(",", ":"))


def render(export: ManagedExport, fmt: ManagedFormat) -> bytes:
    """The exported file's bytes (UTF-8, but UTF-16 for .reg)."""
    if fmt in ("json", "dropin"):
        return settings_json(export.settings).encode("utf-8")
    if fmt == "mobileconfig":
        return mobileconfig(export)
    return registry_file(export)


def default_file_name(fmt: ManagedFormat) -> str:
    """Where the export goes on a machine (json, dropin) or what to call the file handed to MDM."""
    return {
        "json": MANAGED_FILE_NAME,
        "dropin": f"{DROPIN_FOLDER_NAME}/{DROPIN_FILE_NAME}",
        "mobileconfig": "claude-code-bedrock.mobileconfig",
        "reg": "claude-code-bedrock.reg",
    }[fmt]


def managed_fingerprint(files: Iterable[SettingsFile], folder: Path) -> dict[str, Any]:
    """This machine's managed layer as a configuration-management run compares it: the folder, each file
    that is there (path, state, SHA-256 of its bytes), the main file first, then the drop-ins in name
    order, and one SHA-256 over them all (None when there is no managed file). Equal fingerprints mean
    byte-identical managed files under the same names."""
    named = [(_relative(f.path, folder), f) for f in files if f.scope == "managed" and f.state != "missing"]
    named.sort(key=lambda item: (item[0] != MANAGED_FILE_NAME, item[0]))
    entries = []
    whole = hashlib.sha256()
    for name, f in named:
        digest = hashlib.sha256(f.raw).hexdigest() if f.raw is not None else None
        entries.append({"path": str(f.path), "state": f.state, "sha256": digest})
        whole.update(f"{name}\0{digest or f.state}\n".encode())
    return {
        "dir": str(folder),
        "fingerprint": f"sha256:{whole.hexdigest()}" if entries else None,
        "files": entries,
    }


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()
