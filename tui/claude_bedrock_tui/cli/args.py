"""Arguments several commands share."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claude_bedrock_tui.cli.completion import completes, directories, scopes
from claude_bedrock_tui.core.locations import MANAGED_DIR_OVERRIDE, WRITABLE_SCOPES

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


def managed_dir_arg(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """--managed-dir: read managed settings from a candidate folder (a preview before pushing it)."""
    action = parser.add_argument(
        "--managed-dir",
        metavar="DIR",
        type=Path,
        default=None if top_level else argparse.SUPPRESS,
        help="read managed settings (managed-settings.json, managed-settings.d/) from DIR instead of the "
        f"machine's folder, to preview them; the same as {MANAGED_DIR_OVERRIDE}=DIR",
    )
    completes(action, directories)


def checked_environ(args: argparse.Namespace) -> dict[str, str]:
    """The environment to read the configuration with: os.environ, with --managed-dir when given."""
    from claude_bedrock_tui.core.claude_code.settings_sources import MANAGED_FILE_NAME

    environ = dict(os.environ)
    given: Path | None = getattr(args, "managed_dir", None)
    if given is None:
        return environ
    folder = given.parent if given.is_file() and given.name == MANAGED_FILE_NAME else given
    if not folder.is_dir():
        raise UsageError(
            f"--managed-dir {given}: no such folder. Give the folder that holds {MANAGED_FILE_NAME} and/or "
            "managed-settings.d/ (as /etc/claude-code does), or the managed-settings.json file itself."
        )
    environ[MANAGED_DIR_OVERRIDE] = str(folder.resolve())
    return environ


def scope_arg(
    parser: argparse.ArgumentParser, flag: str = "--scope", *, default: str | None = "user", help: str
) -> None:
    """A choice of one writable scope."""
    completes(parser.add_argument(flag, choices=WRITABLE_SCOPES, default=default, help=help), scopes)


def scope_write_args(parser: argparse.ArgumentParser) -> None:
    """The arguments of a command that writes one settings scope (`set`, `profile apply`)."""
    scope_arg(parser, help="which settings file to change (default: user)")
    parser.add_argument("--no-validate", action="store_true", help="write without validating against Bedrock")
    parser.add_argument(
        "--allow-shared-secrets", action="store_true", help="allow secrets in the shared (git-committed) project scope"
    )
    trust_arg(parser)
    write_args(parser)
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

    return load(checked_project_dir(args), checked_environ(args), claude_version=checked_claude_version(args))


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


def write_args(parser: argparse.ArgumentParser) -> None:
    """--dry-run, --force and --no-backup: every command that writes a file takes them."""
    parser.add_argument("--dry-run", action="store_true", help="print the diff and write nothing")
    parser.add_argument(
        "--force", action="store_true", help="write a hard-linked file in place, or a read-only one (refused otherwise)"
    )
    parser.add_argument(
        "--no-backup", action="store_true", help="write without keeping a backup (when the backup folder is unusable)"
    )


def trust_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trust-project-commands",
        action="store_true",
        help="run an awsCredentialExport that comes from the project or local settings (a cloned repository's)",
    )


def write_failure(exc: BaseException, path: object) -> str | None:
    """The one-line message for a write that did not happen (core/safe_write), with the CLI's --force."""
    from claude_bedrock_tui.core.safe_write import describe_write_failure

    return describe_write_failure(exc, path, force_flag="Passing --force", no_backup_flag="--no-backup")


@dataclass(frozen=True)
class WriteOptions:
    """How a command writes: --dry-run shows the diff only, --force and --no-backup as their help says."""

    dry_run: bool = False
    force: bool = False
    backup: bool = True

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> WriteOptions:
        return cls(
            dry_run=getattr(args, "dry_run", False),
            force=getattr(args, "force", False),
            backup=not getattr(args, "no_backup", False),
        )
