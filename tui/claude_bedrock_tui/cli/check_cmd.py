"""`check`: validate the effective configuration against Bedrock, as Claude Code would call it."""

from __future__ import annotations

import json
from typing import TextIO

from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.records import CheckResult

MARKS = {"pass": "ok  ", "warn": "warn", "fail": "FAIL", "skip": "skip", "running": "... "}


def format_checks(checks: list[CheckResult]) -> str:
    """The readable table: one line per check, its advice indented below."""
    width = max((len(c.id) for c in checks), default=0)
    lines = []
    for check in checks:
        lines.append(f"  {MARKS.get(check.status, check.status)}  {check.id:<{width}}  {check.message}")
        if check.advice:
            lines.append(f"  {'':4}  {'':<{width}}  -> {check.advice}")
    return "\n".join(lines) + "\n"


def _broken_files(config: Configuration) -> list[str]:
    return [
        f"{f.scope} settings {f.path}: {f.error}" + (f" (line {f.line})" if f.line else "")
        for f in config.files
        if f.state in ("invalid", "unreadable")
    ]


def run_check(config: Configuration, *, as_json: bool, invoke: bool, out: TextIO, err: TextIO, prestarted=None) -> int:
    """Validate and print; `prestarted` is a validation child started before the configuration was read."""
    broken = _broken_files(config)
    if broken:
        if prestarted is not None:
            prestarted.discard()
        for line in broken:
            err.write(f"error: {line}\n")
        err.write("Fix the file first: Claude Code would ignore it, so checking without it would mislead.\n")
        return EXIT_BAD_INPUT
    from claude_bedrock_tui.validation import run_validation

    report = run_validation(config.candidate(), invoke=invoke, prestarted=prestarted)
    if as_json:
        json.dump(report.to_json(), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(format_checks(report.checks))
        out.write("\nAll checks passed.\n" if report.ok else "\nSome checks failed.\n")
    return EXIT_OK if report.ok else EXIT_INVALID


def online_validator():
    """The hook `set` runs before writing: the failing checks of a configuration, invoking each model."""

    def validate(config: Configuration) -> list[CheckResult]:
        from claude_bedrock_tui.validation import run_validation

        return [c for c in run_validation(config.candidate(), invoke=True).checks if c.status == "fail"]

    return validate
