"""Arguments several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path


def project_dir_arg(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """--project-dir; on subcommands the default is SUPPRESS so a value given before them survives."""
    parser.add_argument(
        "--project-dir",
        metavar="DIR",
        type=Path,
        default=None if top_level else argparse.SUPPRESS,
        help="project folder (default: the git root above the current folder, else it)",
    )
