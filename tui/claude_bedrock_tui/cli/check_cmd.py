"""`check`: validate the effective configuration against Bedrock, as Claude Code would call it."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any, TextIO

from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.records import CheckResult, at

if TYPE_CHECKING:
    from claude_bedrock_tui.validation.report import ValidationReport

# `check --json`'s shape, documented by docs/check.schema.json: raise it when a field changes meaning or
# goes away (adding a field keeps it).
CHECK_SCHEMA_VERSION = 1

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


FIX_FIRST = "Fix the file first: Claude Code would ignore it, so checking without it would mislead."


def broken_files(config: Configuration) -> list[str]:
    return [line for _, line in _broken(config)]


def _broken(config: Configuration) -> list[tuple[str, str]]:
    """(scope, what is wrong and where) for every settings file Claude Code could not use."""
    return [
        (f.scope, f"{f.scope} settings {f.path}: {f.error}{at(f.line)}")
        for f in config.files
        if f.state in ("invalid", "unreadable")
    ]


def check_json(config: Configuration, report: ValidationReport) -> dict[str, Any]:
    """`check --json`: the report with what a fleet run gates on (versions, the managed files' fingerprint)."""
    from claude_bedrock_tui import __version__
    from claude_bedrock_tui.core.locations import managed_dir
    from claude_bedrock_tui.core.managed_export import managed_fingerprint

    return {
        "schema_version": CHECK_SCHEMA_VERSION,
        "tool": {"name": "claude-bedrock-tui", "version": __version__},
        "claude_code": config.prediction.to_json()["claude_code"],
        "project_dir": str(config.project_dir),
        "managed": managed_fingerprint(config.files, managed_dir(config.shell)),
        **report.to_json(),
    }


def run_check(
    config: Configuration,
    *,
    as_json: bool,
    invoke: bool,
    out: TextIO,
    err: TextIO,
    prestarted=None,
    trust_project_commands: bool = False,
    quiet: bool = False,
) -> int:
    """Validate and print; `prestarted` is a validation child started before the configuration was read.

    `quiet` prints nothing at all: the exit status is the answer."""
    broken = _broken(config)
    if broken:
        if prestarted is not None:
            prestarted.discard()
        if not quiet:
            for _, line in broken:
                err.write(f"error: {line}\n")
            err.write(FIX_FIRST + "\n")
        if as_json:  # a fleet run reads the answer from stdout: the broken files, as failed checks
            from claude_bedrock_tui.validation.report import ValidationReport

            checks = [CheckResult(f"settings:{scope}", "fail", line, FIX_FIRST) for scope, line in broken]
            json.dump(check_json(config, ValidationReport(checks, [])), out, indent=2, ensure_ascii=False)
            out.write("\n")
        return EXIT_BAD_INPUT
    from claude_bedrock_tui.validation import run_validation

    report = run_validation(
        config.candidate(), invoke=invoke, prestarted=prestarted, trust_project_commands=trust_project_commands
    )
    if quiet:
        pass
    elif as_json:
        json.dump(check_json(config, report), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(format_checks(report.checks))
        skipped = any(c.status == "skip" for c in report.checks)
        passed = "All checks passed. Some were skipped: see above." if skipped else "All checks passed."
        out.write(f"\n{passed}\n" if report.ok else "\nSome checks failed.\n")
    return EXIT_OK if report.ok else EXIT_INVALID


SET_DEADLINE_S = 15.0  # the whole online validation of `set` (both runs together) ends within this


def online_validator(*, trust_project_commands: bool = False):
    """The hook `set` runs before writing: the failing checks of a configuration, invoking each model.

    It is called as validate(config, ends_at, cancel): `ends_at` (time.monotonic) is shared by every
    run of one command, so running the before and after validations side by side keeps its deadline.
    """

    def validate(config: Configuration, ends_at: float, cancel=None) -> list[CheckResult]:
        from claude_bedrock_tui.validation import run_validation

        report = run_validation(
            config.candidate(),
            invoke=True,
            deadline_s=max(0.5, ends_at - time.monotonic()),
            cancel=cancel,
            trust_project_commands=trust_project_commands,
        )
        return [c for c in report.checks if c.status == "fail"]

    return validate
