"""Shell completion through argcomplete: the `completion` command, and completers for the names this tool knows.

argcomplete is imported only when a shell asks for completions (or for the script): plain commands never pay
for it. Completers are called by argcomplete with keyword arguments (prefix, action, parser, parsed_args); it
filters their answers by the prefix typed, and shows the descriptions of a mapping in zsh and fish.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any, TextIO

from claude_bedrock_tui.cli.exit_codes import EXIT_OK

if TYPE_CHECKING:  # not at run time: every command imports this module, so it stays cheap to import
    from collections.abc import Callable, Mapping

    Completer = Callable[..., Mapping[str, str] | list[str]]

PROG = "claude-bedrock-tui"
SHELLS = ("bash", "zsh", "fish")


def completes(action: argparse.Action, completer: Completer) -> None:
    """Attach `completer` to an argument (argcomplete reads the `completer` attribute)."""
    action.completer = completer  # type: ignore[attr-defined]  # argparse has no slot for it; argcomplete's protocol


def complete_if_asked(parser: argparse.ArgumentParser) -> None:
    """When a shell asks for completions (argcomplete's _ARGCOMPLETE protocol), print them and exit."""
    if "_ARGCOMPLETE" not in os.environ:
        return
    import argcomplete

    # Options are offered once a "-" is typed: a bare TAB lists commands and arguments, not every flag.
    argcomplete.autocomplete(parser, always_complete_options=False)


def register(subparsers: Any) -> None:
    """Add `completion SHELL` to the command line."""
    parser = subparsers.add_parser(
        "completion",
        help="print the shell completion script for bash, zsh or fish",
        description="Print the script that makes SHELL complete this tool's commands, options, setting "
        "names, saved profile names and scopes. Load it from your shell's start-up files.",
        epilog=f"""bash, in ~/.bashrc:
  eval "$({PROG} completion bash)"
zsh, in ~/.zshrc (after compinit):
  eval "$({PROG} completion zsh)"
fish, once:
  {PROG} completion fish \\
      > ~/.config/fish/completions/{PROG}.fish""",
    )
    parser.add_argument("shell", choices=SHELLS, metavar="SHELL", help="one of " + ", ".join(SHELLS))


def run(args: argparse.Namespace, out: TextIO) -> int:
    import argcomplete

    out.write(argcomplete.shellcode([PROG], shell=args.shell))
    return EXIT_OK


# -- completers ---------------------------------------------------------------------------------


def setting_names(**_: object) -> dict[str, str]:
    """Every setting this tool knows, by its Claude Code name, with its title."""
    from claude_bedrock_tui.core.fields import SPECS

    return {spec.name: spec.title for spec in SPECS}


def setting_assignments(prefix: str, **_: object) -> dict[str, str]:
    """`NAME=` for `set`; the value after the = is the user's to type."""
    if "=" in prefix:
        return {}
    return {f"{name}=": title for name, title in setting_names().items()}


def profile_names(**_: object) -> dict[str, str]:
    """The built-in `off` and the saved profiles, each with its summary."""
    from claude_bedrock_tui.profiles import OFF, OFF_PROFILE

    return {OFF: OFF_PROFILE.description, **saved_profile_names()}


def saved_profile_names(**_: object) -> dict[str, str]:
    """The saved profiles; none when the profiles file is missing or broken (completion never complains)."""
    from claude_bedrock_tui.profiles import ProfileError, ProfileStore

    try:
        return {name: profile.summary() for name, profile in ProfileStore().load().items()}
    except (ProfileError, OSError):
        return {}


# The file behind each writable scope, shown beside the scope's name in zsh and fish.
SCOPE_FILES: dict[str, str] = {
    "user": "~/.claude/settings.json: all your projects",
    "project": ".claude/settings.json: shared through git",
    "local": ".claude/settings.local.json: this project on this machine",
}


def scopes(**_: object) -> dict[str, str]:
    """The scopes a command can write, with their files."""
    from claude_bedrock_tui.core.locations import WRITABLE_SCOPES

    return {scope: SCOPE_FILES[scope] for scope in WRITABLE_SCOPES}


def scenario_names(**_: object) -> list[str]:
    """The demo stand-in's scenarios."""
    from claude_bedrock_tui.standin.scenario import PRESETS

    return list(PRESETS)


def directories(prefix: str, **_: object) -> list[str]:
    """Folders only, for --project-dir."""
    from argcomplete.completers import DirectoriesCompleter

    return list(DirectoriesCompleter()(prefix))
