"""The behaviour model of Claude Code: which settings it reads, the environment, region, credentials and
models it will use, rule by rule with the versions each rule was measured in.

docs/claude-code-behaviour.md describes every rule in prose; the conformance suite
(tests/conformance) proves them against the real Claude Code, version by version.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from claude_bedrock_tui.core.claude_code.prediction import Prediction, ReadAws, predict
from claude_bedrock_tui.core.claude_code.rules import RuleBook
from claude_bedrock_tui.core.claude_code.settings_sources import settings_locations
from claude_bedrock_tui.core.settings_files import SettingsFile, read_settings_file

__all__ = ["Prediction", "RuleBook", "predict", "read_and_predict", "read_settings_files"]


def read_settings_files(cwd: Path, environ: Mapping[str, str], book: RuleBook) -> tuple[SettingsFile, ...]:
    """Every settings file Claude Code started in `cwd` reads, highest precedence first."""
    return tuple(
        read_settings_file(loc.scope, loc.path, main=loc.main) for loc in settings_locations(cwd, environ, book)
    )


def read_and_predict(
    cwd: Path,
    environ: Mapping[str, str],
    book: RuleBook,
    read_aws: ReadAws | None,
    *,
    listing: Sequence[str] | None = None,
    answers: Callable[[str, str], bool] | None = None,
) -> Prediction:
    files = read_settings_files(cwd, environ, book)
    return predict(cwd, environ, files, book, read_aws, listing=listing, answers=answers)
