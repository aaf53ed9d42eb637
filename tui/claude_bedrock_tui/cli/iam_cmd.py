"""`iam-policy`: the least-privilege IAM policy for exactly the current configuration, as JSON."""

from __future__ import annotations

import argparse
import json
import re
from typing import Any, TextIO

from claude_bedrock_tui.cli.args import UsageError, load_configuration, project_dir_arg
from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK

ACCOUNT_RE = re.compile(r"\d{12}")


def register(subparsers: Any) -> None:
    """Add `iam-policy` to the command line."""
    parser = subparsers.add_parser(
        "iam-policy",
        help="print the least-privilege IAM policy Claude Code needs for this configuration",
        description="Print, as JSON, an IAM policy that allows exactly what Claude Code needs on Bedrock for "
        "the configuration in effect: the inference profiles of the models it will call (every slot), their "
        "foundation models in every Region a cross-Region profile can route to, and the Marketplace actions "
        "that enable an Anthropic model the first time.",
        epilog="""A tier left to Claude Code (no ANTHROPIC_DEFAULT_*_MODEL pin) names every model it may settle
on, since it tries them in order at start-up; `check` simulates the policy of the models it really resolves.

example:
  %(prog)s --account-id 123456789012 > policy.json""",
    )
    parser.add_argument(
        "--account-id", metavar="ID", help="the 12-digit account named in the profile ARNs (default: any, `*`)"
    )
    project_dir_arg(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.cli.check_cmd import broken_files  # not at import: `--help` stays fast
    from claude_bedrock_tui.validation.iam_policy import policy_for

    account = args.account_id
    if account is not None and not ACCOUNT_RE.fullmatch(account):
        raise UsageError(f"--account-id {account!r} is not a 12-digit AWS account ID (e.g. 123456789012).")
    config = load_configuration(args)
    broken = broken_files(config)
    if broken:
        for line in broken:
            err.write(f"error: {line}\n")
        err.write("Fix the file first: Claude Code would ignore it, so a policy without it would mislead.\n")
        return EXIT_BAD_INPUT
    if account is None:
        err.write("note: the profile ARNs name any account (*); pass --account-id to name yours.\n")
    json.dump(policy_for(config.candidate(), account or "*"), out, indent=2)
    out.write("\n")
    return EXIT_OK
