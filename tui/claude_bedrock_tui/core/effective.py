"""The value Claude Code will use for each setting, where it comes from, and what it shadows.

The sources of a variable are the settings files Claude Code counts and the shell, highest precedence
first; the answers that need more than "the highest source wins" (the region, the primary model) come
from the behaviour model's prediction, so nothing here re-derives them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claude_bedrock_tui.core.claude_code.prediction import Prediction
from claude_bedrock_tui.core.fields import ENV_NAMES, KEY_NAMES, RELATED_ENV, key_text
from claude_bedrock_tui.core.settings_files import SettingsFile

SHELL = "shell"
DEFAULT = "default"


@dataclass(frozen=True)
class Source:
    """One place a setting's value comes from."""

    origin: str  # managed | local | project | user | shell | aws-profile:NAME | default
    value: str
    key: str | None = None  # set when the value comes from another setting (e.g. the `model` key)

    def to_json(self) -> dict[str, Any]:
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
    sources = [Source(f.scope, f.env[name]) for f in files if f.counted and name in f.env]
    if name in shell:
        sources.append(Source(SHELL, shell[name]))
    return sources


def _key_sources(name: str, files: Sequence[SettingsFile]) -> list[Source]:
    return [
        Source(f.scope, value)
        for f in files
        if f.counted and (value := key_text(name, (f.data or {}).get(name))) is not None
    ]


def _from_sources(name: str, sources: list[Source]) -> EffectiveValue:
    if not sources:
        return EffectiveValue(name, None, None)
    top, rest = sources[0], tuple(sources[1:])
    if top.value == "":
        note = "cleared" if top.origin == SHELL else f"cleared by {top.origin} settings"
        return EffectiveValue(name, None, top.origin, rest, note)
    return EffectiveValue(name, top.value, top.origin, rest)


def resolve(
    files: Sequence[SettingsFile], shell: Mapping[str, str], prediction: Prediction
) -> dict[str, EffectiveValue]:
    """Resolve every setting; `files` must be in precedence order, highest first."""
    result: dict[str, EffectiveValue] = {}
    for name in (*ENV_NAMES, *RELATED_ENV):
        result[name] = _from_sources(name, _env_sources(name, files, shell))
    for name in KEY_NAMES:
        result[name] = _from_sources(name, _key_sources(name, files))
    result["ANTHROPIC_MODEL"] = _primary_model(
        result["ANTHROPIC_MODEL"], result["model"], result["ANTHROPIC_DEFAULT_MODEL"], prediction
    )
    result["AWS_REGION"] = _region(result, prediction)
    version = prediction.claude_code.get("version", "")
    for name in prediction.unread:
        ev = result[name]
        note = f"Claude Code {version} does not read it"
        result[name] = EffectiveValue(
            ev.name, ev.value, ev.origin, ev.shadowed, f"{ev.note}; {note}" if ev.note else note
        )
    return result


def _primary_model(
    env_model: EffectiveValue, key_model: EffectiveValue, default_model: EffectiveValue, prediction: Prediction
) -> EffectiveValue:
    """ANTHROPIC_MODEL beats the `model` settings key, which beats ANTHROPIC_DEFAULT_MODEL (2.1.332); without
    any, Claude Code's own default."""
    primary = prediction.models["primary"]
    via_key = (
        (Source(key_model.origin, key_model.value, "model"),)
        if key_model.value is not None and key_model.origin
        else ()
    )
    if env_model.is_set:
        return EffectiveValue(
            env_model.name, env_model.value, env_model.origin, env_model.shadowed + via_key, env_model.note
        )
    if key_model.is_set:
        return EffectiveValue(
            env_model.name, key_model.value, key_model.origin, env_model.shadowed, "from the `model` setting"
        )
    if primary.configured_by == "ANTHROPIC_DEFAULT_MODEL":
        return EffectiveValue(
            env_model.name, primary.resolved, default_model.origin, env_model.shadowed, "from ANTHROPIC_DEFAULT_MODEL"
        )
    note = f"Claude Code's default ({primary.how}; candidates in order: {', '.join(primary.candidates)})"
    return EffectiveValue(env_model.name, primary.resolved, DEFAULT, env_model.shadowed, note)


def _region(result: Mapping[str, EffectiveValue], prediction: Prediction) -> EffectiveValue:
    """The region Claude Code calls, with the origin of the source the prediction chose."""
    region, own = prediction.region, result["AWS_REGION"]
    skipped = "; ".join(region.skipped)
    if region.source == "AWS_REGION":
        return EffectiveValue(own.name, region.value, own.origin, own.shadowed, skipped)
    note = "; ".join(part for part in (f"from {region.describe()}", skipped) if part)
    if region.source == "AWS_DEFAULT_REGION":
        return EffectiveValue(own.name, region.value, result["AWS_DEFAULT_REGION"].origin, own.shadowed, note)
    if region.source == "aws-profile":
        return EffectiveValue(own.name, region.value, f"aws-profile:{region.profile}", own.shadowed, note)
    return EffectiveValue(own.name, region.value, DEFAULT, own.shadowed, note)
