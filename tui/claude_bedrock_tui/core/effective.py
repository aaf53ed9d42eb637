"""The value Claude Code will use for each setting, where it comes from, and what it shadows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from claude_bedrock_tui.core import catalog
from claude_bedrock_tui.core.aws_profiles import AwsProfiles
from claude_bedrock_tui.core.fields import ENV_NAMES, KEY_NAMES, RELATED_ENV
from claude_bedrock_tui.core.settings_files import SettingsFile

SHELL = "shell"
DEFAULT = "default"


@dataclass(frozen=True)
class Source:
    origin: str  # managed | local | project | user | shell | aws-profile:NAME | default
    value: str
    key: str | None = None  # set when the value comes from another setting (e.g. the `model` key)

    def to_json(self) -> dict:
        data = {"origin": self.origin, "value": self.value}
        if self.key:
            data["key"] = self.key
        return data


@dataclass(frozen=True)
class EffectiveValue:
    """`value` is None when unset, including when a settings `env` value of "" cancels an export."""

    name: str
    value: str | None
    origin: str | None
    shadowed: tuple[Source, ...] = ()
    note: str = ""

    @property
    def is_set(self) -> bool:
        return self.value is not None


def _env_sources(name: str, files: Sequence[SettingsFile], shell: Mapping[str, str]) -> list[Source]:
    sources = [Source(f.scope, f.env[name]) for f in files if f.readable and name in f.env]
    if name in shell:
        sources.append(Source(SHELL, shell[name]))
    return sources


def _key_sources(name: str, files: Sequence[SettingsFile]) -> list[Source]:
    return [Source(f.scope, f.data[name]) for f in files if f.readable and isinstance(f.data.get(name), str)]


def _from_sources(name: str, sources: list[Source]) -> EffectiveValue:
    if not sources:
        return EffectiveValue(name, None, None)
    top, rest = sources[0], tuple(sources[1:])
    if top.value == "":
        note = "cleared" if top.origin == SHELL else f"cleared by {top.origin} settings"
        return EffectiveValue(name, None, top.origin, rest, note)
    return EffectiveValue(name, top.value, top.origin, rest)


def resolve(
    files: Sequence[SettingsFile],
    shell: Mapping[str, str],
    aws: AwsProfiles | None,
) -> dict[str, EffectiveValue]:
    """Resolve every setting; `files` must be in precedence order, highest first."""
    result: dict[str, EffectiveValue] = {}
    for name in (*ENV_NAMES, *RELATED_ENV):
        result[name] = _from_sources(name, _env_sources(name, files, shell))
    for name in KEY_NAMES:
        result[name] = _from_sources(name, _key_sources(name, files))
    result["ANTHROPIC_MODEL"] = _primary_model(result["ANTHROPIC_MODEL"], result["model"])
    result["AWS_REGION"] = _region(result, aws)
    return result


def _primary_model(env_model: EffectiveValue, key_model: EffectiveValue) -> EffectiveValue:
    """ANTHROPIC_MODEL beats the `model` settings key; without either Claude Code uses its default."""
    via_key = tuple(
        Source(s.origin, s.value, "model")
        for s in ((Source(key_model.origin, key_model.value),) if key_model.is_set else ())
    )
    if env_model.is_set:
        return EffectiveValue(
            env_model.name, env_model.value, env_model.origin, env_model.shadowed + via_key, env_model.note
        )
    if key_model.is_set:
        return EffectiveValue(
            env_model.name, key_model.value, key_model.origin, env_model.shadowed, "from the `model` setting"
        )
    return EffectiveValue(env_model.name, catalog.DEFAULT_PRIMARY, DEFAULT, env_model.shadowed, "Claude Code's default")


def _region(result: Mapping[str, EffectiveValue], aws: AwsProfiles | None) -> EffectiveValue:
    """AWS_REGION, then AWS_DEFAULT_REGION, the profile's region, us-east-1 (Claude Code >= 2.1.172)."""
    region = result["AWS_REGION"]
    if region.is_set:
        return region
    fallback = "fallback: AWS_REGION is not set (Claude Code before 2.1.172 requires it)"
    default_region = result["AWS_DEFAULT_REGION"]
    if default_region.is_set:
        return EffectiveValue(
            region.name,
            default_region.value,
            default_region.origin,
            region.shadowed,
            f"from AWS_DEFAULT_REGION; {fallback}",
        )
    profile_name = result["AWS_PROFILE"].value or "default"
    profile = aws.get(profile_name) if aws else None
    if profile and profile.region:
        return EffectiveValue(
            region.name,
            profile.region,
            f"aws-profile:{profile_name}",
            region.shadowed,
            f"from the profile's region; {fallback}",
        )
    return EffectiveValue(region.name, "us-east-1", DEFAULT, region.shadowed, fallback)


def claude_environment(files: Sequence[SettingsFile], shell: Mapping[str, str]) -> dict[str, str]:
    """The process environment Claude Code would have: the shell overlaid by merged settings env."""
    env = dict(shell)
    for f in reversed([f for f in files if f.readable]):  # lowest precedence first, so higher wins
        for name, value in f.env.items():
            if value == "":
                env.pop(name, None)
            else:
                env[name] = value
    return env
