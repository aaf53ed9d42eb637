"""Parent side: run the checks in a child process with exactly the candidate environment.

The app's os.environ is never touched, a deadline or a cancel kills the child, and every planned
check ends with a final record whatever happens.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from typing import IO, Any

from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.validation.report import (
    InferenceProfile,
    ValidationReport,
    planned_check_ids,
)

CHILD_MODULE = "claude_bedrock_tui.validation.child"
_CANCEL_POLL_S = 0.05
_KILL_GRACE_S = 0.3


def _spawn(stderr: IO[bytes]) -> subprocess.Popen[str]:
    # -P: never import from the current directory (a user's project could shadow a module).
    # The child starts with this process's environment, so that PYTHON* variables Claude Code's
    # environment may hold cannot break the interpreter; its first act is to replace os.environ with
    # exactly the candidate's, before anything AWS reads it (see child.py).
    return subprocess.Popen(
        [sys.executable, "-P", "-m", CHILD_MODULE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,  # its own process group, so a kill reaches everything it started
    )


class Prestarted:
    """A validation child started before the candidate is known: it imports botocore meanwhile.

    `check` starts one first thing, then reads the configuration; run_validation() takes it over.
    """

    def __init__(self) -> None:
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed by run_validation or discard
        try:
            self.child: subprocess.Popen[str] | None = _spawn(self.stderr)
            self.error: OSError | None = None
        except OSError as exc:
            self.child, self.error = None, exc

    def discard(self) -> None:
        """Stop a child that will not be used (e.g. the configuration could not be read)."""
        if self.child is not None:
            _stop(self.child, finished=False)
        self.stderr.close()


def prestart() -> Prestarted:
    return Prestarted()


def _read_events(stream: IO[str], events: queue.Queue[dict[str, Any] | None]) -> None:
    for line in stream:
        try:
            event = json.loads(line)
        except ValueError:
            continue  # stray output from a library: not part of the protocol
        if isinstance(event, dict):
            events.put(event)
    events.put(None)


def _stop(child: subprocess.Popen[str], *, finished: bool) -> None:
    """SIGTERM the child's group (it kills its helper commands), then SIGKILL what is left."""
    if finished:
        # It said "done" and is exiting by itself: reap it in the background instead of waiting.
        threading.Thread(target=child.wait, daemon=True, name="validation-reaper").start()
        return
    if child.poll() is not None:
        return
    for sig, wait_s in ((signal.SIGTERM, _KILL_GRACE_S), (signal.SIGKILL, 2.0)):
        try:
            os.killpg(child.pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        try:
            child.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


def _stderr_tail(stderr: IO[bytes]) -> str:
    stderr.seek(0)
    lines = [line.strip() for line in stderr.read().decode("utf-8", "replace").splitlines() if line.strip()]
    # A traceback ends with "SomeError: message"; a fatal start-up error puts it mid-way.
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors or lines or ["no error output"])[-1]


def run_validation(
    candidate: Candidate,
    *,
    invoke: bool = True,
    on_result: Callable[[CheckResult], None] | None = None,
    cancel: threading.Event | None = None,
    deadline_s: float = 15.0,
    prestarted: Prestarted | None = None,
    trust_project_commands: bool = False,
) -> ValidationReport:
    """Validate `candidate` as Claude Code would use it; blocks until done, cancelled or past the deadline.

    on_result is called on the calling thread: once with status "running" when a check starts,
    once with its final record. Checks finish in any order; the report keeps plan order.
    A command from project or local settings runs only with `trust_project_commands`.
    """
    planned = planned_check_ids(candidate)
    finals: dict[str, CheckResult] = {}
    profiles: list[InferenceProfile] = []
    notify = on_result or (lambda _result: None)
    ends_at = time.monotonic() + deadline_s
    outcome = "crashed"
    started = prestarted or Prestarted()
    with started.stderr as stderr:
        child = started.child
        if child is None:
            detail = f"cannot start: {started.error}"
            return _finish(planned, finals, profiles, notify, "crashed", deadline_s, detail)
        events: queue.Queue[dict[str, Any] | None] = queue.Queue()
        reader = threading.Thread(
            target=_read_events, args=(child.stdout, events), daemon=True, name="validation-reader"
        )
        reader.start()
        try:
            request = {
                "candidate": candidate.to_json(),
                "invoke": invoke,
                "deadline_s": deadline_s,
                "trust_project_commands": trust_project_commands,
            }
            try:
                assert child.stdin is not None
                child.stdin.write(json.dumps(request))
                child.stdin.close()
            except OSError:
                pass  # the child died at once; its stderr says why
            outcome = _pump(events, finals, profiles, notify, cancel, ends_at)
        finally:
            _stop(child, finished=outcome == "done")
            reader.join(timeout=1.0)
            if not reader.is_alive() and child.stdout is not None:
                child.stdout.close()
        tail = _stderr_tail(stderr) if outcome == "crashed" else ""
    return _finish(planned, finals, profiles, notify, outcome, deadline_s, tail)


def _pump(
    events: queue.Queue[dict[str, Any] | None],
    finals: dict[str, CheckResult],
    profiles: list[InferenceProfile],
    notify: Callable[[CheckResult], None],
    cancel: threading.Event | None,
    ends_at: float,
) -> str:
    """Deliver events until the child is done; returns done | cancelled | timeout | crashed."""
    while True:
        if cancel is not None and cancel.is_set():
            return "cancelled"
        remaining = ends_at - time.monotonic()
        if remaining <= 0:
            return "timeout"
        try:
            event = events.get(timeout=min(remaining, _CANCEL_POLL_S) if cancel is not None else remaining)
        except queue.Empty:
            continue
        if event is None:
            return "crashed"
        kind = event.get("event")
        if kind == "done":
            return "done"
        if kind == "start":
            notify(CheckResult(str(event.get("id")), "running", str(event.get("message") or "Checking...")))
        elif kind == "result":
            result = CheckResult.from_json(event["check"])
            finals[result.id] = result
            notify(result)
        elif kind == "profiles":
            profiles.extend(InferenceProfile.from_json(p) for p in event.get("profiles", []))


def _finish(
    planned: list[str],
    finals: dict[str, CheckResult],
    profiles: list[InferenceProfile],
    notify: Callable[[CheckResult], None],
    outcome: str,
    deadline_s: float,
    detail: str,
) -> ValidationReport:
    """Give every unfinished check its final record and build the report."""
    for check_id in planned:
        if check_id in finals:
            continue
        if outcome == "cancelled":
            result = CheckResult(check_id, "skip", "Cancelled.")
        elif outcome == "timeout":
            result = CheckResult(
                check_id,
                "fail",
                f"Timed out after {deadline_s:g}s.",
                "An endpoint did not answer in time: check the network, proxy and endpoint overrides.",
            )
        else:
            result = CheckResult(
                check_id,
                "fail",
                f"The validation process stopped unexpectedly ({detail}).",
                "This is a bug in claude-bedrock-tui or a broken Python installation; the line "
                "above is the child's last error.",
            )
        finals[check_id] = result
        notify(result)
    ordered = [finals[i] for i in planned] + [r for i, r in finals.items() if i not in planned]
    return ValidationReport(ordered, profiles, cancelled=outcome == "cancelled")
