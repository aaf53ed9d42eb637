"""The whole picture: every settings file, the shell, the AWS profiles, effective values, problems."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from claude_bedrock_tui.core import catalog
from claude_bedrock_tui.core.aws_profiles import AwsProfiles, read_aws_profiles
from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.effective import EffectiveValue, claude_environment, resolve
from claude_bedrock_tui.core.fields import ENV_NAMES, KEY_NAMES, RELATED_ENV
from claude_bedrock_tui.core.locations import Scope, find_project_dir, settings_locations
from claude_bedrock_tui.core.problems import find_problems
from claude_bedrock_tui.core.records import Problem
from claude_bedrock_tui.core.settings_files import SettingsFile, read_settings_file

REMOVED = None  # a pending change that removes the key


@dataclass(frozen=True)
class Configuration:
    project_dir: Path
    shell: dict[str, str]
    files: tuple[SettingsFile, ...]  # highest precedence first
    aws: AwsProfiles | None
    effective: dict[str, EffectiveValue] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def file(self, scope: Scope) -> SettingsFile:
        """The main file of a scope (for managed: the main managed-settings.json)."""
        matches = [f for f in self.files if f.scope == scope]
        return matches[-1]

    def value(self, name: str) -> str | None:
        return self.effective[name].value

    def values(self) -> dict[str, str | None]:
        return {name: ev.value for name, ev in self.effective.items()}

    def claude_env(self) -> dict[str, str]:
        return claude_environment(self.files, self.shell)

    def with_changes(self, scope: Scope, changes: Mapping[str, str | None]) -> Configuration:
        """The configuration as it would be after writing `changes` (None removes) to `scope`."""
        target = self.file(scope)
        data = dict(target.data or {})
        env = dict(target.env)
        for name, value in changes.items():
            if name in KEY_NAMES:
                if value is None:
                    data.pop(name, None)
                else:
                    data[name] = value
            elif value is None:
                env.pop(name, None)
            else:
                env[name] = value
        if env or "env" in data:
            data["env"] = env
        changed = replace(target, state="ok", data=data, env=env)
        files = tuple(changed if f is target else f for f in self.files)
        return build(self.project_dir, self.shell, files, self.aws)

    def candidate(self) -> Candidate:
        values = self.values()
        models = {
            slot: values[var]
            for slot, var in catalog.SLOTS.items()
            if values.get(var) and not (slot == "primary" and self.effective[var].origin == "default")
        }
        haiku_pinned = values.get("ANTHROPIC_DEFAULT_HAIKU_MODEL") or values.get("ANTHROPIC_SMALL_FAST_MODEL")
        overrides = self.model_overrides()
        return Candidate(
            env=self.claude_env(),
            region=values["AWS_REGION"] or "us-east-1",
            region_origin=self.effective["AWS_REGION"].origin or "default",
            models=models,
            small_fast_region=values.get("ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION") if haiku_pinned else None,
            aws_credential_export=values.get("awsCredentialExport"),
            aws_auth_refresh=values.get("awsAuthRefresh"),
            model_overrides=overrides,
            max_output_tokens=_int_or_none(values.get("CLAUDE_CODE_MAX_OUTPUT_TOKENS")),
            max_thinking_tokens=_int_or_none(values.get("MAX_THINKING_TOKENS")),
            command_scopes={k: self.effective[k].origin or "" for k in ("awsCredentialExport", "awsAuthRefresh")},
        )

    def model_overrides(self) -> dict[str, str]:
        """The `modelOverrides` map of the highest scope that has one."""
        for f in self.files:
            if f.readable and isinstance(f.data.get("modelOverrides"), dict):
                return {k: v for k, v in f.data["modelOverrides"].items() if isinstance(v, str)}
        return {}


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def relevant_shell(environ: Mapping[str, str]) -> dict[str, str]:
    """The shell variables that matter to Claude Code on Bedrock (what the environment pane shows)."""
    names = set(ENV_NAMES) | set(RELATED_ENV)
    return {k: v for k, v in environ.items() if k in names or k.startswith(("AWS_", "ANTHROPIC_", "CLAUDE_CODE_"))}


def build(
    project_dir: Path, shell: Mapping[str, str], files: tuple[SettingsFile, ...], aws: AwsProfiles | None
) -> Configuration:
    effective = resolve(files, shell, aws)
    config = Configuration(project_dir, dict(shell), files, aws, effective)
    return replace(config, problems=tuple(find_problems(config)))


def load(
    project_dir: Path | None = None, environ: Mapping[str, str] | None = None, *, read_aws: bool = True
) -> Configuration:
    """Read every source of configuration. Never raises for broken files: they become problems."""
    environ = dict(os.environ if environ is None else environ)
    project = Path(project_dir).resolve() if project_dir else find_project_dir(Path.cwd())
    files = tuple(read_settings_file(loc.scope, loc.path) for loc in settings_locations(project, environ))
    aws = read_aws_profiles(environ) if read_aws else None
    return build(project, environ, files, aws)
