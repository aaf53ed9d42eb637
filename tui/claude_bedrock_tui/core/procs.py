"""Run helper commands (awsCredentialExport, `claude --version`) with a hard time bound.

Each command gets its own process group so a timeout kills the whole tree (a shell's
grandchildren too), and `kill_all` lets the validation child clean up when it is stopped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from dataclasses import dataclass

_running: set[int] = set()
_lock = threading.Lock()


@dataclass(frozen=True)
class Finished:
    """A command that ran to its end within its bound."""

    returncode: int
    stdout: str
    stderr: str


class TimedOut(Exception):
    """The command did not finish within its bound (and has been killed)."""


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_bounded(args: str | list[str], timeout_s: float, *, shell: bool = False) -> Finished:
    """Run a command to completion or kill its process group after `timeout_s`."""
    process = subprocess.Popen(
        args,
        shell=shell,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        process_group=0,
    )
    with _lock:
        _running.add(process.pid)
    try:
        stdout, stderr = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _kill_group(process.pid)
        process.communicate()
        raise TimedOut(f"did not finish within {timeout_s:g} s") from None
    finally:
        with _lock:
            _running.discard(process.pid)
    return Finished(process.returncode, stdout, stderr)


def kill_all() -> None:
    """Kill every command still running (called when the validation child is told to stop)."""
    with _lock:
        groups = list(_running)
    for pgid in groups:
        _kill_group(pgid)
