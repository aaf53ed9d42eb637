"""A profile: a named Bedrock setup. Its settings are derived from core.fields.SPECS.

Secrets are never part of a profile: `keys_from_env` only names the environment variable that
holds each key when the profile is applied.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator, model_validator

from claude_bedrock_tui.core.fields import SPECS, Group, Kind

# Everything a profile may set: every non-secret setting except the on/off switch (applying a
# profile turns Bedrock on) and the `model` key (ANTHROPIC_MODEL beats it, so the profile uses that).
PROFILE_SPECS = tuple(s for s in SPECS if not s.secret and s.group is not Group.SWITCH and s.name != "model")
PROFILE_SETTING_NAMES: tuple[str, ...] = tuple(s.name for s in PROFILE_SPECS)
SECRET_SETTING_NAMES: tuple[str, ...] = tuple(s.name for s in SPECS if s.secret)
_INTEGER_NAMES = frozenset(s.name for s in PROFILE_SPECS if s.kind is Kind.INTEGER)

OFF = "off"  # the built-in profile that turns Bedrock off
PROFILE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")
ENV_VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")
# A value that is itself a key (an access key ID) rather than the name of a variable holding one.
_LOOKS_LIKE_KEY_RE = re.compile(r"^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}\Z")

# One optional field per setting, generated from the settings list (Any: pydantic's field-definition form).
_FIELDS: dict[str, Any] = {
    spec.attr: (str | None, Field(default=None, alias=spec.name, title=spec.title, description=spec.doc))
    for spec in PROFILE_SPECS
}
_SettingFields: type[BaseModel] = create_model(
    "_SettingFields", __config__=ConfigDict(extra="forbid", frozen=True), **_FIELDS
)


class Profile(_SettingFields):
    """A named Bedrock setup: settings by their Claude Code names, keys only by reference."""

    description: str = Field(default="", description="A note for people; not applied anywhere.")
    keys_from_env: dict[str, str] = Field(
        default_factory=dict,
        description="Secret setting (e.g. AWS_BEARER_TOKEN_BEDROCK) -> the environment variable holding it.",
    )

    @model_validator(mode="before")
    @classmethod
    def _numbers_as_text(cls, data: Any) -> Any:
        """Token limits may be written as TOML integers; settings env values are strings."""
        if isinstance(data, Mapping):
            return {k: (str(v) if k in _INTEGER_NAMES and type(v) is int else v) for k, v in data.items()}
        return data

    @field_validator("keys_from_env")
    @classmethod
    def _references_only(cls, refs: dict[str, str]) -> dict[str, str]:
        for name, var in refs.items():
            if name not in SECRET_SETTING_NAMES:
                raise ValueError(
                    f"{name!r} is not a secret setting; keys_from_env takes {', '.join(SECRET_SETTING_NAMES)}"
                )
            if not ENV_VAR_RE.match(var) or _LOOKS_LIKE_KEY_RE.match(var):
                raise ValueError(
                    f"{name} = {var[:4]!r}... is not the name of an environment variable; "
                    "profiles never hold keys, only the name of the variable that does"
                )
        return refs

    def settings(self) -> dict[str, str]:
        """The settings this profile sets, by setting name, in SPECS order."""
        return {s.name: getattr(self, s.attr) for s in PROFILE_SPECS if getattr(self, s.attr) is not None}

    @property
    def credential_method(self) -> str:
        """aws-profile, credential-export, api-key, access-keys or default-chain."""
        settings = self.settings()
        if settings.get("awsCredentialExport"):
            return "credential-export"
        if "AWS_BEARER_TOKEN_BEDROCK" in self.keys_from_env:
            return "api-key"
        if "AWS_ACCESS_KEY_ID" in self.keys_from_env:
            return "access-keys"
        if settings.get("AWS_PROFILE"):
            return "aws-profile"
        return "default-chain"

    def summary(self) -> str:
        """One line: the credential method with its reference, the region, the primary model."""
        settings, refs = self.settings(), self.keys_from_env
        method = self.credential_method
        if method == "aws-profile":
            creds = f"AWS profile {settings['AWS_PROFILE']}"
        elif method == "credential-export":
            creds = "credential-export command"
        elif method == "api-key":
            creds = f"API key from ${refs['AWS_BEARER_TOKEN_BEDROCK']}"
        elif method == "access-keys":
            creds = f"access keys from ${refs['AWS_ACCESS_KEY_ID']}"
        else:
            creds = "default AWS credentials"
        parts = [creds]
        if settings.get("AWS_REGION"):
            parts.append(settings["AWS_REGION"])
        if settings.get("ANTHROPIC_MODEL"):
            parts.append(settings["ANTHROPIC_MODEL"])
        return ", ".join(parts)

    def to_data(self) -> dict[str, Any]:
        """What the profiles file holds for this profile (description, settings, keys_from_env)."""
        data: dict[str, Any] = {}
        if self.description:
            data["description"] = self.description
        data.update(self.settings())
        if self.keys_from_env:
            data["keys_from_env"] = dict(self.keys_from_env)
        return data

    @classmethod
    def from_settings(
        cls, settings: Mapping[str, str], keys_from_env: Mapping[str, str] | None = None, description: str = ""
    ) -> Profile:
        data: dict[str, Any] = dict(settings)
        if keys_from_env:
            data["keys_from_env"] = dict(keys_from_env)
        if description:
            data["description"] = description
        return cls.model_validate(data)

    def same_setup(self, other: Profile) -> bool:
        """Equal settings and the same secrets referenced (where each comes from does not matter)."""
        return self.settings() == other.settings() and set(self.keys_from_env) == set(other.keys_from_env)


class OffProfile(Profile):
    """The built-in `off` profile: turns Bedrock off and keeps every other setting."""


OFF_PROFILE = OffProfile(
    description="Turn Bedrock off (remove CLAUDE_CODE_USE_BEDROCK, cancel a shell "
    'export with ""), keeping every other setting.'
)


def check_profile_name(name: str) -> str | None:
    """Why `name` cannot name a saved profile, or None if it can."""
    if name == OFF:
        return f"{OFF!r} is the built-in profile that turns Bedrock off; choose another name."
    if not PROFILE_NAME_RE.match(name):
        return (
            f"{name!r} is not a usable profile name: use letters, digits, '.', '_' or '-' "
            "(at most 64, starting with a letter or digit)."
        )
    return None
