"""Arguments several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from claude_bedrock_tui.cli.completion import completes, directories, scopes
from claude_bedrock_tui.core.locations import WRITABLE_SCOPES

if TYPE_CHECKING:
    from claude_bedrock_tui.core.configuration import Configuration


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit 2."""


def project_dir_arg(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """--project-dir and --claude-version: which Claude Code start to predict. On subcommands the default is
    SUPPRESS, so a value given before the subcommand survives."""
    action = parser.add_argument(
        "--project-dir",
        metavar="DIR",
        type=Path,
        default=None if top_level else argparse.SUPPRESS,
        help="the folder Claude Code starts in (default: the current folder)",
    )
    completes(action, directories)
    parser.add_argument(
        "--claude-version",
        metavar="X.Y.Z",
        default=None if top_level else argparse.SUPPRESS,
        help="predict for this Claude Code version (default: the installed one)",
    )


def scope_arg(
    parser: argparse.ArgumentParser, flag: str = "--scope", *, default: str | None = "user", help: str
) -> None:
    """A choice of one writable scope."""
    completes(parser.add_argument(flag, choices=WRITABLE_SCOPES, default=default, help=help), scopes)


def write_args(parser: argparse.ArgumentParser) -> None:
    """The arguments of a command that writes one settings scope (`set`, `profile apply`)."""
    scope_arg(parser, help="which settings file to change (default: user)")
    parser.add_argument("--no-validate", action="store_true", help="write without validating against Bedrock")
    parser.add_argument(
        "--allow-shared-secrets", action="store_true", help="allow secrets in the shared (git-committed) project scope"
    )
    project_dir_arg(parser)


def checked_project_dir(args: argparse.Namespace) -> Path | None:
    """The --project-dir given (None: the default rule); UsageError if it is not a folder."""
    project_dir: Path | None = getattr(args, "project_dir", None)
    if project_dir is not None and not project_dir.is_dir():
        raise UsageError(f"--project-dir {project_dir}: no such folder.")
    return project_dir


def load_configuration(args: argparse.Namespace) -> Configuration:
    """The configuration as Claude Code would read it in the --project-dir given (or the default one)."""
    from claude_bedrock_tui.core.configuration import load  # not at import: `--help` stays fast

    return load(checked_project_dir(args), claude_version=checked_claude_version(args))


def checked_claude_version(args: argparse.Namespace) -> str | None:
    """The --claude-version given, as x.y.z; UsageError when it is not a version."""
    from claude_bedrock_tui.core.claude_code.rules import parse_version, version_text

    given: str | None = getattr(args, "claude_version", None)
    if given is None:
        return None
    version = parse_version(given)
    if version is None or given.strip() != version_text(version):
        raise UsageError(f"--claude-version {given!r}: write a version such as 2.1.332.")
    return version_text(version)
