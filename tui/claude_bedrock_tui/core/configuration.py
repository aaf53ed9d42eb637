"""The whole picture: every settings file, the shell, the AWS profiles, Claude Code's prediction,
effective values with origins, and problems."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.claude_code.installed import rulebook
from claude_bedrock_tui.core.claude_code.prediction import Prediction, key_value, model_overrides, predict
from claude_bedrock_tui.core.claude_code.reading import read_settings_files
from claude_bedrock_tui.core.claude_code.rules import RuleBook
from claude_bedrock_tui.core.effective import EffectiveValue, resolve
from claude_bedrock_tui.core.fields import ENV_NAMES, KEY_NAMES, RELATED_ENV, stored_value
from claude_bedrock_tui.core.locations import Scope
from claude_bedrock_tui.core.problems import find_problems
from claude_bedrock_tui.core.records import Problem
from claude_bedrock_tui.core.settings_files import SettingsFile

if TYPE_CHECKING:  # the AWS profile files are read after the first frame, and their module with them
    from claude_bedrock_tui.core.aws_profiles import AwsProfileReader, AwsProfiles


@dataclass(frozen=True)
class Configuration:
    """Every settings file, the shell, Claude Code's prediction, effective values and problems."""

    project_dir: Path  # the folder Claude Code starts in (its "project")
    shell: dict[str, str]
    files: tuple[SettingsFile, ...]  # highest precedence first
    book: RuleBook
    prediction: Prediction
    read_aws: AwsProfileReader | None = field(default=None, repr=False, compare=False)
    effective: dict[str, EffectiveValue] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def aws(self) -> AwsProfiles | None:
        """The AWS profile files as Claude Code's environment names them (None until read)."""
        return self.prediction.aws

    def file(self, scope: Scope) -> SettingsFile:
        """A scope's own file, where edits go (not a managed drop-in or a second local file)."""
        return next(f for f in self.files if f.scope == scope and f.main)

    def value(self, name: str) -> str | None:
        return self.effective[name].value

    def values(self) -> dict[str, str | None]:
        return {name: ev.value for name, ev in self.effective.items()}

    def claude_env(self) -> dict[str, str]:
        """The process environment Claude Code would have."""
        return dict(self.prediction.env)

    def model_overrides(self) -> dict[str, str]:
        return model_overrides(self.files)

    def with_changes(self, scope: Scope, changes: Mapping[str, str | None]) -> Configuration:
        """The configuration as it would be after writing `changes` (None removes) to `scope`."""
        target = self.file(scope)
        data = dict(target.data or {})
        env = dict(data.get("env") or {}) if isinstance(data.get("env"), dict) else {}
        for name, value in changes.items():
            if name in KEY_NAMES:
                if value is None:
                    data.pop(name, None)
                else:
                    try:
                        data[name] = stored_value(name, value)
                    except ValueError:
                        data[name] = value  # not JSON: shown as written, and the value check says so
            elif value is None:
                env.pop(name, None)
            else:
                env[name] = value
        if env or "env" in data:
            data["env"] = env
        changed = target.with_data(data)
        files = tuple(changed if f is target else f for f in self.files)
        return build(self.project_dir, self.shell, files, self.book.fresh(), self.read_aws)

    def with_aws(self, reader: AwsProfileReader | None = None) -> Configuration:
        """The same configuration with the AWS profile files read (through `reader` when given)."""
        from claude_bedrock_tui.core.aws_profiles import AwsProfileReader

        return build(self.project_dir, self.shell, self.files, self.book.fresh(), reader or AwsProfileReader())

    def candidate(self) -> Candidate:
        """What validation needs, exactly as Claude Code would start."""
        prediction = self.prediction
        values = self.values()
        export = key_value(self.files, "awsCredentialExport")
        model_key = key_value(self.files, "model")
        return Candidate(
            env=dict(prediction.env),
            region=prediction.region.value,
            region_origin=self.effective["AWS_REGION"].origin or "default",
            claude_version=self.book.version_text,
            credentials=prediction.credentials.to_json(),
            model_key=model_key[0] if model_key else None,
            model_overrides=self.model_overrides(),
            models={slot: slot_prediction.to_json() for slot, slot_prediction in prediction.models.items()},
            aws_credential_export=export[0] if export else None,
            aws_auth_refresh=values.get("awsAuthRefresh"),
            max_output_tokens=_int_or_none(values.get("CLAUDE_CODE_MAX_OUTPUT_TOKENS")),
            max_thinking_tokens=_int_or_none(values.get("MAX_THINKING_TOKENS")),
            command_scopes={k: self.effective[k].origin or "" for k in ("awsCredentialExport", "awsAuthRefresh")},
        )


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
    project_dir: Path,
    shell: Mapping[str, str],
    files: tuple[SettingsFile, ...],
    book: RuleBook,
    read_aws: AwsProfileReader | None,
) -> Configuration:
    prediction = predict(project_dir, shell, files, book, read_aws)
    effective = resolve(files, shell, prediction)
    config = Configuration(project_dir, dict(shell), files, book, prediction, read_aws, effective)
    return replace(config, problems=tuple(find_problems(config)))


def load(
    project_dir: Path | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    read_aws: bool = True,
    claude_version: str | None = None,
    book: RuleBook | None = None,
) -> Configuration:
    """Read every source of configuration, for Claude Code started in `project_dir` (default: here).

    Never raises for broken files: they become problems. `claude_version` predicts for that version instead
    of the installed one; `book` reuses rules already chosen (the TUI, after its first frame).
    """
    environ = dict(os.environ if environ is None else environ)
    cwd = Path(project_dir).resolve() if project_dir else Path.cwd().resolve()
    book = book.fresh() if book is not None else rulebook(environ, claude_version)
    files = read_settings_files(cwd, environ, book)
    if not read_aws:
        return build(cwd, environ, files, book, None)
    from claude_bedrock_tui.core.aws_profiles import AwsProfileReader

    return build(cwd, environ, files, book, AwsProfileReader())
