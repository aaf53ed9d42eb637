"""`trace`: run the installed Claude Code once against the local stand-in and show what it sent."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from claude_bedrock_tui.cli.args import UsageError, load_configuration, managed_dir_arg, project_dir_arg, trust_arg
from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK

if TYPE_CHECKING:
    from claude_bedrock_tui.trace.observed import SentRequest


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "trace",
        help="run your Claude Code once against a local stand-in and show what it sends",
        description="Run the installed `claude -p` once in the project folder, with your configuration and a "
        "throw-away HOME of copies, against a local Bedrock stand-in (no AWS cost). Show each request it "
        "sent (model, region, credentials) and compare them with this tool's prediction.",
        epilog=f"""exit status: {EXIT_OK} Claude Code did what was predicted, {EXIT_INVALID} it did not (the
differences are listed), {EXIT_BAD_INPUT} it could not be run.""",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="S", help="stop Claude Code after S seconds")
    trust_arg(parser)
    project_dir_arg(parser)
    managed_dir_arg(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.core.claude_code.installed import installed_claude
    from claude_bedrock_tui.trace.session import (
        TraceRefused,
        cautions,
        finding_lines,
        not_runnable,
        run_trace,
        verdict_lines,
    )

    config = load_configuration(args)
    found = installed_claude(config.shell)
    problem = not_runnable(found)
    if problem or found.path is None:
        raise UsageError(problem or "")
    err.write(
        f"Running Claude Code {config.book.version_text} ({found.path}) once against a local\n"
        "Bedrock stand-in, with copies of your settings in a throw-away HOME.\n"
    )
    for caution in cautions(config):
        err.write(f"note: {caution}\n")
    try:
        report = run_trace(
            config, found.path, trust_project_commands=args.trust_project_commands, timeout_s=args.timeout
        )
    except TraceRefused as exc:
        err.write(f"error: not run: {exc}\n")
        return EXIT_BAD_INPUT
    if args.json:
        json.dump(report.to_json(), out, indent=2)
        out.write("\n")
    else:
        _print_requests(report.requests, out)
        out.writelines(line + "\n" for line in finding_lines(report))
        out.write("\n" + "\n".join(verdict_lines(report)) + "\n")
    return EXIT_OK if report.agrees else EXIT_INVALID


def _print_requests(requests: tuple[SentRequest, ...], out: TextIO) -> None:
    """The requests as a table in 80 columns; the credentials once when every request used the same."""
    from claude_bedrock_tui.trace.session import request_rows

    common, rows = request_rows(requests)
    if common is not None:
        out.write(f"Every request: {common}\n")
    out.write(f"{'request':<18} {'model':<45} region\n")
    for kind, model, region, credential in rows:
        out.write(f"{kind:<18} {model:<45} {region}" + ("" if common else f"  {credential}") + "\n")
