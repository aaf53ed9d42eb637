"""Waiting for a condition in tests that run threads or processes (app tests use app_support.wait_until)."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    """Poll until `condition()` is true; fail naming `what` after `timeout` s.

    The timeout is a generous bound for a loaded machine, not a claim about speed: a test that must not
    wait for something long makes that thing take far longer than any timeout instead.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout:g} s waiting for {what}"
        time.sleep(0.02)
