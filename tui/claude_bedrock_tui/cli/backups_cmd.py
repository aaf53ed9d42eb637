"""`backups`: list the backups of each settings scope, show one as a diff, restore one."""

from __future__ import annotations

import argparse
from typing import TextIO

from claude_bedrock_tui.cli.args import WriteOptions, project_dir_arg, scope_arg, write_args
from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from claude_bedrock_tui.core.locations import WRITABLE_SCOPES, Scope


def register(subparsers) -> None:
    """Add `backups` and its actions to the command line."""
    parser = subparsers.add_parser(
        "backups",
        help="list, show and restore the backups kept of each settings file",
        description="Every write keeps a backup of what the file held before (the newest 10, at most 64 MiB, "
        "per file). List them, show one as a diff against the current file, or restore one; a restore is "
        "itself backed up.",
    )
    actions = parser.add_subparsers(dest="backups_action", metavar="ACTION", required=True)

    list_ = actions.add_parser("list", help="the backups of each scope, newest first, numbered")
    scope_arg(list_, default=None, help="only this scope (default: all)")
    project_dir_arg(list_)

    show = actions.add_parser("show", help="what restoring backup N would change (secrets masked)")
    show.add_argument("number", type=int, metavar="N", help="the number `backups list` gives it (1 is the newest)")
    scope_arg(show, help="which scope's backups (default: user)")
    project_dir_arg(show)

    restore = actions.add_parser("restore", help="put backup N back (the current content is backed up first)")
    restore.add_argument("number", type=int, metavar="N", help="the number `backups list` gives it (1 is the newest)")
    scope_arg(restore, help="which scope's backups (default: user)")
    restore.add_argument(
        "--allow-shared-secrets", action="store_true", help="allow a backup holding a secret into the project scope"
    )
    write_args(restore)
    project_dir_arg(restore)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.core.configuration import load
    from claude_bedrock_tui.core.edits import EditRefused

    try:
        config = load(getattr(args, "project_dir", None), read_aws=False)
        if args.backups_action == "list":
            return _list(config, args.scope, out, err)
        if args.backups_action == "show":
            return _show(config, args, out, err)
        return _restore(config, args, out, err)
    except EditRefused as exc:
        err.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT


def _list(config, only: Scope | None, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.core.restore import scope_backups

    for scope in [only] if only else WRITABLE_SCOPES:
        found = scope_backups(config, scope)
        out.write(f"{scope} settings {found.path}\n")
        if not found.backups:
            out.write("  (no backups)\n")
        for number, backup in enumerate(found.backups, start=1):
            taken = backup.taken_at.strftime("%Y-%m-%d %H:%M:%S UTC")
            out.write(f"  {number:>2}  {taken}  {backup.size:>9,} bytes\n")
    err.write("Show one with `backups show N --scope SCOPE`; restore it with `backups restore N --scope SCOPE`.\n")
    return EXIT_OK


def _show(config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.core.restore import pick, plan_restore, scope_backups

    found = scope_backups(config, args.scope)
    backup = pick(found, args.number)
    change = plan_restore(found, backup, allow_shared_secrets=True)  # only shown: the project check is restore's
    if change.is_noop:
        err.write(f"Backup {args.number} is what {found.path} holds now.\n")
        return EXIT_OK
    out.write(change.diff())
    err.write(f"That is what `backups restore {args.number} --scope {args.scope}` would change ({backup.path}).\n")
    return EXIT_OK


def _restore(config, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.cli.set_cmd import write_planned
    from claude_bedrock_tui.core.restore import pick, plan_restore, scope_backups

    found = scope_backups(config, args.scope)
    backup = pick(found, args.number)
    change = plan_restore(found, backup, allow_shared_secrets=args.allow_shared_secrets)
    if change.is_noop:
        err.write(f"{found.path} already holds backup {args.number}; nothing to write.\n")
        return EXIT_OK
    return write_planned(change, WriteOptions.from_args(args), out=out, err=err)
