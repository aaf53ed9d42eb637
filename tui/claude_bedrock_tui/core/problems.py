"""Problems found without the network: broken files, dead exports, secrets in shared files, bad values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.claude_code.models import OVERRIDES_CONFIGURED_ID
from claude_bedrock_tui.core.claude_code.region import profile_name
from claude_bedrock_tui.core.effective import SHELL
from claude_bedrock_tui.core.fields import KEY_NAMES, SPEC_BY_NAME, is_secret, key_text
from claude_bedrock_tui.core.locations import SHARED_SCOPES, Scope
from claude_bedrock_tui.core.records import Problem
from claude_bedrock_tui.core.secrets import holds_secret, shown
from claude_bedrock_tui.core.settings_files import LONE_SURROGATE, SettingsFile
from claude_bedrock_tui.core.value_checks import CalledModel, ValueContext, check_combinations, check_value

if TYPE_CHECKING:
    from claude_bedrock_tui.core.aws_profiles import AwsProfiles
    from claude_bedrock_tui.core.configuration import Configuration


SHARED_SECRET = "shared-secret"


def find_problems(config: Configuration) -> list[Problem]:
    problems: list[Problem] = []
    problems.extend(_file_problems(config))
    problems.extend(_source_conflicts(config))
    problems.extend(_secrets_in_shared_files(config))
    problems.extend(_profile_problems(config))
    problems.extend(_value_problems(config))
    values = config.values()
    for problem in check_combinations(values, called_models(config)):
        problems.append(_locate(problem, config))
    problems.extend(_model_notes(config))
    problems.extend(_network_problems(config))
    for name in sorted(config.prediction.unread):
        problems.append(
            _locate(
                Problem(
                    "info",
                    f"{name} is set, but Claude Code {config.book.version_text} does not read it (2.1.332 does).",
                    "Update Claude Code, or remove it.",
                    key=name,
                ),
                config,
            )
        )
    if not config.prediction.bedrock:
        problems.append(
            Problem(
                "info",
                "Bedrock is off: CLAUDE_CODE_USE_BEDROCK is not set to 1.",
                "Set CLAUDE_CODE_USE_BEDROCK=1 to use Amazon Bedrock.",
                key="CLAUDE_CODE_USE_BEDROCK",
            )
        )
    return problems


def _locate(problem: Problem, config: Configuration) -> Problem:
    """Attach the file that holds the offending effective value, so the message says where to fix it."""
    if problem.key is None or problem.path is not None:
        return problem
    origin = config.effective.get(problem.key)
    if origin is None or origin.origin in (None, SHELL) or ":" in (origin.origin or ""):
        return problem
    for f in config.files:
        if f.scope == origin.origin and f.counted and (problem.key in f.env or problem.key in (f.data or {})):
            return replace(problem, path=str(f.path))
    return problem


def value_context(config: Configuration) -> ValueContext:
    """What a value's verdict depends on, as this configuration stands."""
    return ValueContext(
        region=config.prediction.region.value,
        overrides=config.model_overrides(),
        overrides_rewrite_configured=config.book(OVERRIDES_CONFIGURED_ID),
        mantle=is_truthy(config.prediction.env.get("CLAUDE_CODE_USE_MANTLE")),
    )


def _value_problems(config: Configuration) -> list[Problem]:
    """Every value in every readable file and in the shell, checked where it is written."""
    context = value_context(config)
    out: list[Problem] = []
    for f in config.files:
        if not f.readable:
            continue
        keys = {k: text for k, v in (f.data or {}).items() if k in KEY_NAMES and (text := key_text(k, v)) is not None}
        written = {**f.env, **keys}
        for name, value in written.items():
            for problem in check_value(name, value, context):
                out.append(replace(problem, path=str(f.path)))
    for name, value in config.shell.items():
        out.extend(check_value(name, value, context))
    return out


def called_models(config: Configuration) -> list[CalledModel]:
    """The models Claude Code will call with this configuration (the ones token limits must fit)."""
    if config.aws is None and not config.prediction.models:
        return []
    slots = config.prediction.models
    called = [CalledModel(s.slot, s.configured_by, s.resolved) for s in slots.values() if s.slot != "subagent"]
    if slots["subagent"].configured:
        called.append(CalledModel("subagent", "CLAUDE_CODE_SUBAGENT_MODEL", slots["subagent"].resolved))
    unique = {(m.model_id): m for m in reversed(called)}
    return list(reversed(unique.values()))


def _model_notes(config: Configuration) -> list[Problem]:
    """What the prediction says that a person should know: the cost of the default model, a stale refresh command."""
    out = []
    primary = config.prediction.models["primary"]
    if config.prediction.bedrock and primary.configured is None and "opus" in primary.resolved:
        out.append(
            Problem(
                "warning",
                f"No model is pinned: Claude Code {config.book.version_text} uses "
                f"{primary.resolved} (Opus), billed at Opus rates.",
                "Pin a model (ANTHROPIC_MODEL, e.g. a Sonnet inference profile) if that is not what you want.",
                key="ANTHROPIC_MODEL",
            )
        )
    stale = stale_refresh(config.value("awsAuthRefresh"), config.claude_env(), config.aws)
    if stale is not None:
        out.append(_locate(stale, config))
    return out


def stale_refresh(refresh: str | None, env: Mapping[str, str], aws: AwsProfiles | None) -> Problem | None:
    """awsAuthRefresh renewing another profile's login than the one Claude Code uses, which is AWS_PROFILE
    from its merged environment, else `default` (docs/claude-code-behaviour.md, "Region"). A profile
    in use that takes its credentials from the named one (source_profile), or shares its SSO or
    `aws login` session, is renewed by the command too."""
    if not refresh:
        return None
    from claude_bedrock_tui.core.aws_profiles import profiles_named  # not on the first frame's path (shlex)

    in_use = profile_name(env)
    for named in profiles_named(refresh):
        if named == in_use or "$" in named:  # a variable ($AWS_PROFILE) is only known when the command runs
            continue
        if aws is not None and named in aws.source_chain(in_use):
            continue
        login = aws.login_of(named) if aws is not None else None
        if login is not None and aws is not None and login == aws.login_of(in_use):
            continue
        return Problem(
            "warning",
            f"awsAuthRefresh refreshes profile {named}, but Claude Code uses AWS profile {in_use}.",
            f"Make the command name profile {in_use} (the one AWS_PROFILE selects), or set AWS_PROFILE={named}.",
            key="awsAuthRefresh",
        )
    return None


def _file_problems(config: Configuration) -> list[Problem]:
    out = []
    for f in config.files:
        if f.state in ("invalid", "unreadable"):
            out.append(
                Problem(
                    "error",
                    f"{f.scope} settings {f.path}: {f.error}",
                    (f.hint or "") + _until_fixed(f),
                    path=str(f.path),
                    line=f.line,
                    column=f.column,
                )
            )
        elif f.ignored:
            out.append(
                Problem(
                    "error",
                    f"{f.scope} settings {f.path}: {f.ignored}.",
                    "Fix the value's type; until then none of the file's settings apply (its env, "
                    "permissions and hooks included).",
                    path=str(f.path),
                    line=f.line,
                )
            )
        for name in f.coerced:
            out.append(
                Problem(
                    "info",
                    f"env {name} in {f.path} is not a string; Claude Code reads it as {f.env[name]!r}.",
                    f'Quote it: "{name}": "{f.env[name]}".',
                    key=name,
                    path=str(f.path),
                )
            )
    return out


def _until_fixed(f: SettingsFile) -> str:
    if (f.error or "").startswith(LONE_SURROGATE):  # JavaScript's JSON.parse accepts those
        return " Until it is fixed, this tool will neither use nor write it."
    return " Until it is fixed, Claude Code ignores it and this tool will not write it."


def _source_conflicts(config: Configuration) -> list[Problem]:
    """A shell export that a settings file overrides is dead: Claude Code never sees it
    (docs/claude-code-behaviour.md, "Environment and the Bedrock switch")."""
    out = []
    for name, ev in config.effective.items():
        shell_values = [s for s in ev.shadowed if s.origin == SHELL]
        if not shell_values or ev.origin in (None, SHELL):
            continue
        exported = shown(name, shell_values[0].value)
        if ev.value is None:
            out.append(
                Problem(
                    "info",
                    f"{ev.origin} settings clear the shell's {name}={exported}.",
                    "Claude Code runs as if it were not exported.",
                    key=name,
                )
            )
        elif (
            ev.value != shell_values[0].value
            and ev.origin not in ("default",)
            and not ev.origin.startswith("aws-profile")
        ):
            out.append(
                Problem(
                    "warning",
                    f"The shell exports {name}={exported}, but {ev.origin} settings set "
                    f"{shown(name, ev.value)}: the shell value is dead.",
                    f"Remove the export from your shell profile, or remove {name} from "
                    f"{ev.origin} settings if the shell should win.",
                    key=name,
                    path=str(config.file(cast(Scope, ev.origin)).path),
                )
            )
    return out


def _secrets_in_shared_files(config: Configuration) -> list[Problem]:
    out = []
    for f in config.files:
        if f.scope not in SHARED_SCOPES or not f.readable:
            continue
        keys = {k: v for k, v in (f.data or {}).items() if k in KEY_NAMES and isinstance(v, str)}
        for name, value in sorted({**f.env, **keys}.items()):
            if holds_secret(name, value):
                out.append(
                    Problem(
                        "error",
                        f"{name} {'is' if is_secret(name) else 'carries a secret (a key, token or password), and is'}"
                        f" in the shared project settings {f.path}, which is committed to git.",
                        "Move it to .claude/settings.local.json (git-ignored) "
                        "or to your user settings, and rotate the secret if it was pushed.",
                        key=name,
                        path=str(f.path),
                        code=SHARED_SECRET,
                    )
                )
    return out


def _profile_problems(config: Configuration) -> list[Problem]:
    out: list[Problem] = []
    if config.aws is None:
        return out
    for error in config.aws.errors:
        out.append(
            Problem(
                "warning",
                f"AWS profile file could not be read: {error}",
                "Fix the file's syntax; boto3 and Claude Code will fail on it too.",
            )
        )
    profile = config.value("AWS_PROFILE")
    if profile and config.aws.get(profile) is None:
        out.append(
            Problem(
                "error",
                f"AWS_PROFILE={profile} names a profile that is not in "
                f"{config.aws.config_path} or {config.aws.credentials_path}.",
                f"Create it with `aws configure --profile {profile}` (or `aws configure sso`), "
                "or pick an existing profile.",
                key="AWS_PROFILE",
            )
        )
    return out


def _network_problems(config: Configuration) -> list[Problem]:
    """A proxy or certificate exported only in the shell: Claude Code's background agents do not inherit
    the shell, so it belongs in settings `env` (docs/claude-code-behaviour.md, "Corporate networks")."""
    out = []
    for name, spec in SPEC_BY_NAME.items():
        if not spec.machine or name == "API_TIMEOUT_MS":
            continue
        effective = config.effective[name]
        if effective.value and effective.origin == SHELL:
            out.append(
                Problem(
                    "warning",
                    f"{name} is exported only in the shell: Claude Code's background agents and IDE launches miss it.",
                    f"Put {name} in the user settings `env` (claude-bedrock-tui set {name}=...).",
                    key=name,
                )
            )
    return out
