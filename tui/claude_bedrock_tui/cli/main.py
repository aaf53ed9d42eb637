"""The command line: a thin face on the configuration core (`show`, `set`, `unset`, `check`, ...)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from typing import TextIO

from claude_bedrock_tui import __version__
from claude_bedrock_tui.cli.args import (
    UsageError,
    WriteOptions,
    checked_environ,
    checked_project_dir,
    load_configuration,
    managed_dir_arg,
    project_dir_arg,
    scope_arg,
    scope_write_args,
    trust_arg,
    write_args,
)
from claude_bedrock_tui.cli.completion import (
    complete_if_asked,
    completes,
    scenario_names,
    setting_assignments,
    setting_names,
)
from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK
from claude_bedrock_tui.cli.parser import Parser

DEBUG_ENV = "CLAUDE_BEDROCK_TUI_DEBUG"  # set to 1 to see tracebacks instead of one-line errors


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="claude-bedrock-tui",
        description="See, edit and validate Claude Code's Amazon Bedrock configuration. "
        "Without a command, opens the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    project_dir_arg(parser, top_level=True)
    managed_dir_arg(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    show = sub.add_parser(
        "show",
        help="the settings files and the effective configuration",
        description="Show every settings scope, the value Claude Code will use for each "
        "setting with its origin and what it shadows, and the problems found.",
    )
    show.add_argument("--json", action="store_true", help="machine-readable output")
    project_dir_arg(show)
    managed_dir_arg(show)

    check = sub.add_parser(
        "check",
        help="validate the effective configuration against Bedrock",
        description="Validate the configuration as Claude Code would use it: credentials, "
        "identity, region, inference profiles and a 1-token call per model.",
        epilog=f"""examples:
  %(prog)s              # with a 1-token call to each model
  %(prog)s --no-invoke  # no model calls
  %(prog)s --json | jq '.checks[] | select(.status == "fail")'
  %(prog)s --quiet --no-invoke || echo "not ready"
exit status: {EXIT_OK} every check passed, {EXIT_INVALID} a check failed,
{EXIT_BAD_INPUT} a settings file cannot be read.""",
    )
    output = check.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="machine-readable output (docs/check.schema.json)")
    output.add_argument("--quiet", action="store_true", help="print nothing: the exit status is the answer")
    check.add_argument("--no-invoke", action="store_true", help="skip the 1-token invoke of each model")
    trust_arg(check)
    project_dir_arg(check)
    managed_dir_arg(check)

    set_ = sub.add_parser(
        "set",
        help="set keys in one settings scope",
        description="Set NAME=VALUE in one scope; NAME is an environment variable or one of "
        "awsAuthRefresh, awsCredentialExport, model. Only these keys change.",
        epilog=f"""examples:
  %(prog)s AWS_PROFILE=bedrock AWS_REGION=us-west-2
  %(prog)s --scope local AWS_PROFILE=dev
  %(prog)s model=us.anthropic.claude-sonnet-4-5-20250929-v1:0
  %(prog)s awsAuthRefresh='aws sso login --profile bedrock'
  %(prog)s --no-validate CLAUDE_CODE_MAX_OUTPUT_TOKENS=8192
exit status: {EXIT_OK} written (or nothing to write), {EXIT_INVALID} validation failed (nothing written),
{EXIT_BAD_INPUT} bad input or an unreadable settings file.""",
    )
    completes(set_.add_argument("assignments", nargs="+", metavar="NAME=VALUE"), setting_assignments)
    scope_write_args(set_)

    unset = sub.add_parser(
        "unset",
        help="remove keys from one settings scope",
        description="Remove NAMEs from one scope. Unsetting CLAUDE_CODE_USE_BEDROCK turns "
        'Bedrock off, cancelling a shell export with "" where needed.',
    )
    completes(unset.add_argument("names", nargs="+", metavar="NAME"), setting_names)
    scope_arg(unset, help="which settings file to change (default: user)")
    project_dir_arg(unset)
    write_args(unset)

    demo = sub.add_parser(
        "demo",
        help="try the whole flow on a throw-away sandbox, no AWS account needed",
        description="Start a local Bedrock stand-in and a temporary HOME and project, and "
        "open the terminal UI on them. Nothing outside the sandbox is touched.",
    )
    scenario = demo.add_argument(
        "--scenario",
        default="healthy",
        help="how the stand-in behaves: healthy (default), slow, hanging, or one Bedrock error such "
        "as model_access_denied, use_case_missing, throttled (an unknown name lists them all)",
    )
    completes(scenario, scenario_names)

    from claude_bedrock_tui.cli import backups_cmd, completion, export_cmd, iam_cmd, managed_cmd, profile_cmd, trace_cmd

    profile_cmd.register(sub)
    iam_cmd.register(sub)
    export_cmd.register(sub)
    managed_cmd.register(sub)
    backups_cmd.register(sub)
    trace_cmd.register(sub)
    completion.register(sub)
    return parser


def _reject_undecodable(args: argparse.Namespace) -> None:
    """Python hands bytes that are not UTF-8 over as lone surrogates; they can never be written to a file."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if name == "project_dir" or not isinstance(item, str):
                continue  # a folder name need not be UTF-8: it is only used as a path
            bad = next((ch for ch in item if "\ud800" <= ch <= "\udfff"), None)
            if bad is not None:
                shown = item.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
                raise UsageError(
                    f"{shown!r} is not valid UTF-8 text; settings files and profiles are UTF-8. Nothing was changed."
                )


def run(argv: list[str] | None, out: TextIO, err: TextIO) -> int:
    parser = build_parser()
    complete_if_asked(parser)
    args = parser.parse_args(argv)
    _reject_undecodable(args)
    if args.command == "show":
        from claude_bedrock_tui.cli.show_cmd import print_show

        config = load_configuration(args)
        print_show(config, out, as_json=args.json)
        # Everything is shown either way; the exit code tells a script that a file is broken.
        broken = any(f.state in ("invalid", "unreadable") for f in config.files) or bool(
            config.aws and config.aws.errors
        )
        return EXIT_BAD_INPUT if broken else EXIT_OK
    if args.command in ("set", "unset"):
        return _set_or_unset(args, out, err)
    if args.command == "check":
        from claude_bedrock_tui.cli.check_cmd import run_check
        from claude_bedrock_tui.validation import prestart

        # The validation child starts first: its Python start-up overlaps reading the configuration.
        prestarted = prestart()
        try:
            config = load_configuration(args)
        except BaseException:
            prestarted.discard()
            raise
        return run_check(
            config,
            as_json=args.json,
            invoke=not args.no_invoke,
            out=out,
            err=err,
            prestarted=prestarted,
            trust_project_commands=args.trust_project_commands,
            quiet=args.quiet,
        )
    if args.command == "completion":
        from claude_bedrock_tui.cli import completion

        return completion.run(args, out)
    if args.command in ("profile", "export", "managed", "backups", "trace", "iam-policy"):
        from claude_bedrock_tui.cli import backups_cmd, export_cmd, iam_cmd, managed_cmd, profile_cmd, trace_cmd

        module = {
            "profile": profile_cmd,
            "export": export_cmd,
            "managed": managed_cmd,
            "backups": backups_cmd,
            "trace": trace_cmd,
            "iam-policy": iam_cmd,
        }[args.command]
        return module.run(args, out, err)
    if args.command == "demo":
        from claude_bedrock_tui.demo.run import run_demo

        return run_demo(scenario=args.scenario)
    from claude_bedrock_tui.app.run import run_app

    # The app reads the configuration itself, after its first frame; only the folders are checked here.
    return run_app(project_dir=checked_project_dir(args), environ=checked_environ(args))


def _set_or_unset(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.cli.set_cmd import apply_changes, parse_assignments, unset_changes
    from claude_bedrock_tui.core.edits import EditRefused

    config = load_configuration(args)
    changes: Mapping[str, str | None]
    try:
        if args.command == "set":
            changes = parse_assignments(args.assignments)
        else:
            changes = unset_changes(config, args.scope, args.names, err)
    except EditRefused as exc:
        err.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT
    online = None
    if args.command == "set" and not args.no_validate:
        from claude_bedrock_tui.cli.check_cmd import online_validator

        online = online_validator(trust_project_commands=args.trust_project_commands)
    return apply_changes(
        config,
        args.scope,
        changes,
        err=err,
        out=out,
        allow_shared_secrets=getattr(args, "allow_shared_secrets", False),
        online=online,
        write=WriteOptions.from_args(args),
    )


def _os_error(exc: OSError) -> str:
    if exc.filename is None:
        try:
            os.getcwd()
        except OSError:
            return "the current folder no longer exists; cd to one that does, or pass --project-dir."
    where = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or exc}{where}. Nothing was changed."


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A value the terminal cannot encode is printed escaped (\ud800), never a crash mid-output.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return run(argv, sys.stdout, sys.stderr)
    except UsageError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the machine's state, not our bug: say what and where, in one line
        sys.stderr.write(f"error: {_os_error(exc)}\n")
        return EXIT_BAD_INPUT
    except Exception as exc:  # the last line of defence: never a traceback on a user's screen
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        sys.stderr.write(
            f"error: {type(exc).__name__}: {exc}\n"
            f"This is a bug in claude-bedrock-tui; run with {DEBUG_ENV}=1 for details.\n"
        )
        return EXIT_BAD_INPUT
