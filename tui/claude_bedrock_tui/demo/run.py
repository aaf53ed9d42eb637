"""`claude-bedrock-tui demo`: open the TUI on a throw-away sandbox served by the local Bedrock stand-in."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TextIO

from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT
from claude_bedrock_tui.demo.sandbox import Sandbox, demo_sandbox


@contextmanager
def inside_sandbox(sb: Sandbox) -> Iterator[None]:
    """Make the process live in the sandbox: its environment only, its project as cwd.

    Replacing os.environ (not just passing `environ=`) matters: platformdirs, boto3 and anything
    else that reads the process environment then also stays inside the sandbox.
    """
    saved_environ, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(sb.environ)
    os.chdir(sb.project_dir)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_environ)


def announce(sb: Sandbox) -> str:
    endpoint = sb.environ.get("AWS_ENDPOINT_URL_BEDROCK_RUNTIME") or sb.environ.get("AWS_ENDPOINT_URL_BEDROCK", "")
    return (
        f"Demo sandbox in {sb.root} (temporary HOME and project; Bedrock stand-in at {endpoint}); "
        "nothing outside it is read or written, and it is removed when you quit.\n"
    )


def run_demo(scenario: str = "healthy", *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the TUI on a fresh sandbox; returns the app's exit code (2 if the sandbox cannot start)."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    with ExitStack() as stack:
        try:
            sb = stack.enter_context(demo_sandbox(scenario))
        except (ValueError, OSError) as exc:  # unknown scenario, no free port, no temp folder
            err.write(f"error: cannot start the demo sandbox: {exc}\n")
            return EXIT_BAD_INPUT
        out.write(announce(sb))
        out.flush()
        stack.enter_context(inside_sandbox(sb))
        from claude_bedrock_tui.app.run import run_app

        code = run_app(project_dir=sb.project_dir, environ=sb.environ)
    return code
