"""`trace`: run the installed Claude Code once against the local stand-in and show what it sent."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from claude_bedrock_tui.cli.args import UsageError, load_configuration, managed_dir_arg, project_dir_arg, trust_arg
from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK

if TYPE_CHECKING:
    from claude_bedrock_tui.trace.observed import SentRequest

INSTALL = "Install it with `npm install -g @anthropic-ai/claude-code` (then `claude --version`)."


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
    from claude_bedrock_tui.trace.session import TraceRefused, cautions, run_trace

    config = load_configuration(args)
    found = installed_claude(config.shell)
    if found.path is None:
        raise UsageError(f"Claude Code is not installed (no `claude` on the PATH). {INSTALL}")
    if found.version is None:
        raise UsageError(f"{found.problem}. {INSTALL}")
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
        for warning in report.warnings:
            out.write(f"Claude Code warned: {warning}\n")
        for note in report.notes:
            out.write(f"note: {note}\n")
        for path in report.changed:
            out.write(f"CHANGED: {path} changed while Claude Code ran; it should have used the copy.\n")
        if report.agrees:
            out.write(f"\nAgrees: Claude Code {report.version} did what this tool predicts.\n")
        else:
            out.write(f"\nDiffers from the prediction (Claude Code {report.version}):\n")
            for difference in report.differences:
                out.write(f"  {difference}\n")
    return EXIT_OK if report.agrees else EXIT_INVALID


def _print_requests(requests: tuple[SentRequest, ...], out: TextIO) -> None:
    """One row per request (the listing's pages as one), in 80 columns; the credentials once if all agree."""
    from claude_bedrock_tui.trace.session import masked_credential

    credentials = {masked_credential(r) for r in requests}
    same = len(credentials) == 1
    if same:
        out.write(f"Every request: {credentials.pop()}\n")
    rows: list[tuple[str, str, str, str]] = []
    for request in requests:
        row = (request.kind, request.model_id or "-", request.region or "-", masked_credential(request))
        if rows and request.kind == "listing" and rows[-1][0].startswith("listing"):
            pages = int(rows[-1][0].split("(")[1].split()[0]) + 1 if "(" in rows[-1][0] else 2
            rows[-1] = (f"listing ({pages} pages)", *rows[-1][1:])
            continue
        rows.append(row)
    out.write(f"{'request':<18} {'model':<45} region\n")
    for kind, model, region, credential in rows:
        out.write(f"{kind:<18} {model:<45} {region}" + ("" if same else f"  {credential}") + "\n")
