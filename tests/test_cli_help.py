"""Help a person can read in an 80-column terminal, with examples for the commands people script."""

from __future__ import annotations

import argparse

import pytest

from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK
from claude_bedrock_tui.cli.main import build_parser
from cli_helpers import cli
from test_cli_completion import COMMANDS


def command_paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand, as the words that select it (the top level is the empty path)."""
    paths = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):  # argparse has no public walk of its subcommands
            for name, sub in action.choices.items():
                paths += command_paths(sub, (*path, name))
    return paths


PATHS = command_paths(build_parser())


def test_every_command_is_walked() -> None:
    assert {p[0] for p in PATHS if p} == COMMANDS
    assert ("profile", "rename") in PATHS


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "(top)")
def test_help_fits_80_columns(path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli(*path, "--help")
    assert result.code == 0 and result.out.startswith("usage: claude-bedrock-tui")
    too_wide = [line for line in result.out.splitlines() if len(line) > 80]
    assert too_wide == []


@pytest.mark.parametrize("command", ["set", "check", "export", "managed export"])
def test_scripted_commands_show_examples(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_text = cli(*command.split(), "--help").out
    examples = help_text.split("\nexamples:\n", 1)[1].splitlines()
    runnable = [line.strip() for line in examples if line.startswith("  ")]
    assert len(runnable) >= 3
    assert all(f"claude-bedrock-tui {command}" in line for line in runnable)
    assert "%(prog)" not in help_text


@pytest.mark.parametrize("command", ["set", "check"])
def test_scripted_commands_state_their_exit_codes(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = " ".join(cli(command, "--help").out.split())
    assert f"exit status: {EXIT_OK} " in text and f", {EXIT_INVALID} " in text and f", {EXIT_BAD_INPUT} " in text


def test_examples_keep_their_lines_while_prose_wraps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    help_text = cli("set", "--help").out
    assert "\n  claude-bedrock-tui set --no-validate CLAUDE_CODE_MAX_OUTPUT_TOKENS=8192\n" in help_text
    description = help_text.split("\n\n")[1]
    assert all(len(line) <= 60 for line in description.splitlines()) and len(description.splitlines()) > 1
