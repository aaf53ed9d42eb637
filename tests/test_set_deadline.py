"""`set` validates the old and the new configuration side by side, under one deadline."""

from __future__ import annotations

import io
import threading
import time

from claude_bedrock_tui.cli.set_cmd import new_online_failures
from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.core.records import CheckResult
from settings_helpers import user_settings


class Recorder:
    """An online validator that records each call and lets the test decide when each run ends."""

    def __init__(self, results: dict[str, list[CheckResult]]) -> None:
        self.results = results
        self.calls: list[tuple[str, float, threading.Event | None]] = []
        self.both_started = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, config, ends_at: float, cancel: threading.Event | None) -> list[CheckResult]:
        which = "after" if config.value("AWS_REGION") == "eu-west-1" else "before"
        with self.lock:
            self.calls.append((which, ends_at, cancel))
            if len(self.calls) == 2:
                self.both_started.set()
        # Neither run finishes before the other started: sequential runs would wait here forever.
        assert self.both_started.wait(30), "the two validations did not run side by side"
        if which == "before" and cancel is not None:
            cancel.wait(30)
        return self.results[which]


def configs():
    user_settings({"env": {"AWS_REGION": "us-east-1"}})
    before = load()
    return before, before.with_changes("user", {"AWS_REGION": "eu-west-1"})


def test_both_runs_share_one_deadline_and_run_side_by_side() -> None:
    before, after = configs()
    failing = CheckResult("identity", "fail", "no")
    online = Recorder({"after": [failing], "before": []})
    started = time.monotonic()
    found = new_online_failures(online, before, after, io.StringIO(), deadline_s=15)
    assert found == [failing]
    (_, first, _), (_, second, _) = online.calls
    assert first == second and started + 15 <= first <= time.monotonic() + 15


def test_the_old_configuration_run_is_cancelled_when_the_new_one_passes() -> None:
    before, after = configs()
    online = Recorder({"after": [], "before": [CheckResult("identity", "fail", "no")]})
    assert new_online_failures(online, before, after, io.StringIO(), deadline_s=15) == []
    cancel = next(cancel for which, _, cancel in online.calls if which == "before")
    assert cancel is not None and cancel.is_set()


def test_a_check_that_already_failed_does_not_block() -> None:
    before, after = configs()
    same = CheckResult("identity", "fail", "expired token")
    new = CheckResult("model:primary", "fail", "denied")
    err = io.StringIO()
    online = Recorder({"after": [same, new], "before": [same]})
    assert new_online_failures(online, before, after, err, deadline_s=15) == [new]
    assert "identity already fails without this change" in err.getvalue()
