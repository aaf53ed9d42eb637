"""Running the command line in-process (fast) or as a real subprocess (exit codes, stderr)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass

from claude_bedrock_tui.cli.main import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def cli(*argv: str, capsys=None) -> Result:
    """Run `claude-bedrock-tui ARGV` in this process through main(), as the console script does."""
    out, err = io.StringIO(), io.StringIO()
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdout, sys.stderr = real_out, real_err
    return Result(code, out.getvalue(), err.getvalue())


def cli_process(*argv: str, env: dict | None = None, timeout: float = 60) -> Result:
    """Run the CLI as a child process with this test's (isolated) environment."""
    proc = subprocess.run(
        [sys.executable, "-m", "claude_bedrock_tui", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or dict(os.environ),
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
