"""Between profiles and the configuration: save the current setup, apply one to a scope, find a match."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.edits import EditRefused, bedrock_off_changes
from claude_bedrock_tui.core.effective import DEFAULT, SHELL
from claude_bedrock_tui.core.fields import KEY_NAMES, SPEC_BY_NAME, Group, key_text
from claude_bedrock_tui.core.locations import SCOPES_BY_PRECEDENCE, Scope
from claude_bedrock_tui.core.records import at
from claude_bedrock_tui.core.secrets import shown
from claude_bedrock_tui.profiles.model import (
    OFF,
    PROFILE_SETTING_NAMES,
    SECRET_SETTING_NAMES,
    OffProfile,
    Profile,
)

SWITCH = "CLAUDE_CODE_USE_BEDROCK"


@dataclass(frozen=True)
class ApplyPlan:
    """The changes that make `scope` hold a profile (None removes a key), and what to tell the user."""

    changes: dict[str, str | None]
    notes: list[str] = field(default_factory=list)


def configured_values(config: Configuration, scope: Scope | None = None) -> dict[str, str]:
    """Setting name -> value: what Claude Code will use (scope None), or what one scope's file says.

    Only explicit values count: the region's fallbacks and the default primary model are left out,
    and "" (a cancelled export) counts as unset.
    """
    if scope is None:
        env = config.claude_env()
        values = {name: env[name] for name in (*PROFILE_SETTING_NAMES, *SECRET_SETTING_NAMES, SWITCH) if env.get(name)}
        values.update({k: v for k in KEY_NAMES if (v := config.value(k))})
        primary = config.effective["ANTHROPIC_MODEL"]
        if primary.value and primary.origin != DEFAULT:
            values["ANTHROPIC_MODEL"] = primary.value
        return values
    target = config.file(scope)
    if target.state == "missing":
        return {}
    if not target.readable:
        raise EditRefused(f"The {scope} settings {target.path} are {target.state}: {target.error}{at(target.line)}.")
    data = target.data or {}
    values = {name: value for name, value in target.env.items() if value}
    values.update({k: text for k in KEY_NAMES if (text := key_text(k, data.get(k)))})
    if "ANTHROPIC_MODEL" not in values and values.get("model"):
        values["ANTHROPIC_MODEL"] = values["model"]
    return values


def profile_from_configuration(config: Configuration, scope: Scope | None = None, description: str = "") -> Profile:
    """A profile of the current setup; each secret becomes a reference to a variable of its own name."""
    values = configured_values(config, scope)
    settings = {name: values[name] for name in PROFILE_SETTING_NAMES if name in values}
    refs = {name: name for name in SECRET_SETTING_NAMES if name in values}
    return Profile.from_settings(settings, refs, description)


def reference_notes(profile: Profile, config: Configuration) -> list[str]:
    """What saving left out: each secret is stored as the name of a variable, never its value."""
    notes = []
    for name, var in profile.keys_from_env.items():
        origin = config.effective[name].origin if name in config.effective else None
        note = (
            f"{name} is a secret, so the profile stores only where to find it: the environment "
            f"variable ${var} when the profile is applied."
        )
        if origin not in (None, SHELL):
            note += (
                f" Right now it is in your {origin} settings, not your shell; export it (or name another "
                f"variable under keys_from_env) before applying this profile elsewhere."
            )
        notes.append(note)
    return notes


def plan_apply(profile: Profile, config: Configuration, scope: Scope) -> ApplyPlan:
    """The changes that switch `scope` to `profile`: its values written, Bedrock settings it lacks removed.

    Keys that are not Bedrock settings are never touched. Raises EditRefused when a key the profile
    takes from an environment variable is not set.
    """
    if isinstance(profile, OffProfile):
        return ApplyPlan(*bedrock_off_changes(config, scope))
    target = config.file(scope)
    keys = {k: key_text(k, v) for k, v in (target.data or {}).items() if k in KEY_NAMES}
    in_target = {**target.env, **keys}
    wanted: dict[str, str | None] = {SWITCH: "1"}  # every non-secret Bedrock setting
    settings = profile.settings()
    for name in PROFILE_SETTING_NAMES:
        if name in settings or not SPEC_BY_NAME[name].machine:  # the machine's network stays unless named
            wanted[name] = settings.get(name)
    changes: dict[str, str | None] = {}
    for name, value in wanted.items():
        if name not in in_target:
            if value is not None:
                changes[name] = value
        elif in_target[name] != value and not (value is None and in_target[name] == ""):
            changes[name] = value  # a "" that cancels an export already leaves the setting unset: kept
    notes: list[str] = []
    for name in SECRET_SETTING_NAMES:
        if SPEC_BY_NAME[name].group is not Group.CREDENTIALS and name not in profile.keys_from_env:
            continue  # a client-key passphrase belongs to the machine, not to one Bedrock setup
        change, note = _secret_change(profile, config, scope, name, in_target.get(name))
        if change is not _KEEP:
            changes[name] = change
        if note:
            notes.append(note)
    after = config.with_changes(scope, changes)
    return ApplyPlan(changes, notes + _leftover_notes(profile, after, scope))


class _Keep(Enum):
    KEEP = "keep"  # leave the key in the target scope as it is


_KEEP = _Keep.KEEP


def _secret_change(
    profile: Profile, config: Configuration, scope: Scope, name: str, current: str | None
) -> tuple[str | Literal[_Keep.KEEP] | None, str]:
    """What to do with one secret in the target scope: a value, None (remove) or _KEEP; and a note."""
    var = profile.keys_from_env.get(name)
    if var is None:  # the profile does not use this key: a stale one must not linger
        return (None if current else _KEEP), ""
    if var != name:
        value = config.shell.get(var)
        if not value:
            raise EditRefused(
                f"The profile takes {name} from the environment variable ${var}, which is not "
                "set here. Export it first; nothing was changed."
            )
        return (_KEEP if current == value else value), ""
    if config.shell.get(name):  # the shell exports it: the scope must not override or cancel it
        return (_KEEP if current is None else None), ""
    if current:
        return _KEEP, (
            f"{name} is not exported, so the one already in the {scope} settings "
            f"({shown(name, current)}) is kept: check that it is the key this profile should use."
        )
    return _KEEP, ""


def _leftover_notes(profile: Profile, after: Configuration, scope: Scope) -> list[str]:
    """Where the result still differs from the profile: another scope or the shell still has a say."""
    notes = []
    got = configured_values(after)
    if not is_truthy(got.get(SWITCH)):
        notes.append(f"Bedrock stays off: {_source(after, SWITCH, scope)}; change {SWITCH} there.")
    settings = profile.settings()
    for name in PROFILE_SETTING_NAMES:
        want, have = settings.get(name), got.get(name)
        if want is None and SPEC_BY_NAME[name].machine:
            continue  # the machine's own network settings: the profile leaves them alone
        if want != have:
            notes.append(
                f"{name} will be {have if have is not None else 'unset'}, not "
                f"{want if want is not None else 'unset'}: {_source(after, name, scope)}."
            )
    for name in SECRET_SETTING_NAMES:
        ref = profile.keys_from_env.get(name)
        if ref is None and SPEC_BY_NAME[name].group is not Group.CREDENTIALS:
            continue
        if ref is None and name in got:
            notes.append(
                f"{name} is still set ({shown(name, got[name])}): {_source(after, name, scope)}; "
                "Claude Code will use it although the profile does not."
            )
        elif ref is not None and name not in got:
            notes.append(
                f"The profile expects {name} in the environment (${ref}), but it is not set: "
                "export it before starting Claude Code."
            )
    return notes


def _source(after: Configuration, name: str, scope: Scope) -> str:
    """Why a value is what it is after the change, in words."""
    ev = after.effective[name]
    origin = ev.origin
    if origin == SHELL:
        return "the shell exports it"
    if origin == scope:
        return (
            f"the {scope} settings set it through the `model` key"
            if name == "ANTHROPIC_MODEL"
            else f"the {scope} settings set it"
        )
    if origin in SCOPES_BY_PRECEDENCE and SCOPES_BY_PRECEDENCE.index(origin) < SCOPES_BY_PRECEDENCE.index(scope):
        return f"the {origin} settings ({after.file(origin).path}) beat the {scope} scope"
    if origin in SCOPES_BY_PRECEDENCE:
        return f"the {origin} settings ({after.file(origin).path}) still set it"
    return f"it comes from {origin}"


def matching_profile(config: Configuration, profiles: Mapping[str, Profile]) -> str | None:
    """The name of the profile the current configuration is (`off` when Bedrock is off), or None."""
    if not is_truthy(config.value(SWITCH)):
        return OFF
    current = profile_from_configuration(config)
    for name, profile in profiles.items():
        if not isinstance(profile, OffProfile) and profile.same_setup(current):
            return name
    return None
