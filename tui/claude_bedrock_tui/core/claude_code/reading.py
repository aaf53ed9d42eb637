"""Reading the settings files Claude Code reads, and predicting from them in one step."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from claude_bedrock_tui.core.claude_code.prediction import Prediction, ReadAws, predict
from claude_bedrock_tui.core.claude_code.rules import RuleBook
from claude_bedrock_tui.core.claude_code.settings_sources import settings_locations
from claude_bedrock_tui.core.settings_files import SettingsFile, read_settings_file


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
