"""`export`: the effective Bedrock configuration as sh or fish exports, or as settings-shaped JSON."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, TextIO

from claude_bedrock_tui.cli.args import UsageError, load_configuration, project_dir_arg
from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK

if TYPE_CHECKING:
    from claude_bedrock_tui.core.configuration import Configuration

FORMATS = ("sh", "fish", "json")


def register(subparsers) -> None:
    """Add `export` to the command line."""
    parser = subparsers.add_parser(
        "export",
        help="print the effective Bedrock configuration as shell exports or JSON",
        description="Print the Bedrock configuration Claude Code will use, as `export` lines (sh), "
        "`set -gx` lines (fish) or settings-shaped JSON. Secrets are masked (and, in sh and fish, "
        "commented out) unless --reveal-secrets is given.",
        epilog="""examples:
  eval "$(%(prog)s)"  # into this sh, bash or zsh
  %(prog)s --format fish | source
  %(prog)s --format json > bedrock.json
  %(prog)s --reveal-secrets > bedrock.env  # secrets in full""",
    )
    parser.add_argument("--format", choices=FORMATS, default="sh", help="output format (default: sh)")
    parser.add_argument("--reveal-secrets", action="store_true", help="print secrets in full")
    project_dir_arg(parser)


def sh_quote(value: str) -> str:
    """POSIX single quotes: nothing inside is special, a ' is written as '\\''."""
    return "'" + value.replace("'", "'\\''") + "'"


def fish_quote(value: str) -> str:
    """fish single quotes: only \\ and ' are special inside them."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def render(config: Configuration, fmt: str, *, reveal: bool = False) -> str:
    from claude_bedrock_tui.core.managed_export import bedrock_setup
    from claude_bedrock_tui.core.secrets import holds_secret, shown

    setup = bedrock_setup(config)
    if fmt == "json":
        data: dict = {"env": {n: shown(n, v, reveal=reveal) for n, v in setup.env.items()}}
        data.update({k: shown(k, v, reveal=reveal) for k, v in setup.keys.items()})
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    env = dict(setup.env)
    if "ANTHROPIC_MODEL" not in env and "model" in setup.keys:
        env["ANTHROPIC_MODEL"] = setup.keys["model"]  # the `model` key, as the variable that carries it
    quote, assign, remove = (
        (sh_quote, "export {name}={value}", "unset {name}")
        if fmt == "sh"
        else (fish_quote, "set -gx {name} {value}", "set -e {name}")
    )
    lines = [f"# Claude Code on Amazon Bedrock, effective for {config.project_dir} (claude-bedrock-tui export)"]
    for name, value in env.items():
        line = assign.format(name=name, value=quote(shown(name, value, reveal=reveal) or ""))
        if holds_secret(name, value) and not reveal:
            line = f"# {line}  (masked; --reveal-secrets prints it)"
        lines.append(line)
    for name in setup.cancelled:
        lines.append(f'{remove.format(name=name)}  # settings cancel this shell export with ""')
    for name, value in setup.keys.items():
        if name == "model":
            continue  # exported above as ANTHROPIC_MODEL, or shadowed by it
        one_line = (shown(name, value, reveal=reveal) or "").replace("\n", "\\n")
        lines.append(f"# {name} (a settings key; no environment variable carries it): {one_line}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the export; 0 ok, 2 bad input."""
    try:
        config = load_configuration(args)
    except UsageError as exc:
        err.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT
    out.write(render(config, args.format, reveal=args.reveal_secrets))
    return EXIT_OK
