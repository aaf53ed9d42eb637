"""The reliability corpus (corpus_cases.py) through the real CLI, and writers racing each other.

Every case: an answer within its timeout (a hang fails the case), no traceback, no "This is a bug",
files that must not change are byte for byte the same, no secret printed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_cases import CASES, PATHS, Case, user_path
from settings_helpers import home, write_json

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="FIFOs, links and signals are POSIX")]


def run_cli(argv: tuple[str, ...], timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "claude_bedrock_tui", *[os.fsencode(a) for a in argv]],
            capture_output=True,
            timeout=timeout,
            env=dict(os.environ),
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"hang: `{' '.join(argv)}` gave no answer within {timeout:g} s")


def snapshot(keys: tuple[str, ...]) -> dict[str, bytes | None]:
    found: dict[str, bytes | None] = {}
    for key in keys:
        path = PATHS[key]()
        found[key] = path.read_bytes() if path.is_file() else None
    return found


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_corpus_case(case: Case) -> None:
    case.setup()
    before = snapshot(case.unchanged)
    done = run_cli(case.argv, case.timeout)
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert "Traceback" not in output, output
    assert "This is a bug" not in output, output
    assert done.returncode in case.codes, f"exit {done.returncode}: {output}"
    for words in case.says:
        assert words in output, output
    for secret in case.secrets:
        assert secret not in output, f"secret echoed: {output}"
    assert snapshot(case.unchanged) == before, "a file that must not change was changed"
    for key in case.valid_json:
        path = PATHS[key]()
        if path.is_file() and not path.is_symlink():
            json.loads(path.read_text(encoding="utf-8"))  # damaged files fail here
    if case.check is not None:
        case.check()


def test_the_corpus_covers_what_the_issue_lists() -> None:
    ids = " ".join(case.id for case in CASES)
    for kind in (
        "fifo-",
        "zero-",
        "null-",
        "oversized-",
        "nested-",
        "surrogate-",
        "non-utf8-",
        "duplicate-escaped",
        "hard-link",
        "read-only",
        "stale-temp",
        "project-command",
        "export-output",
        "dry-run",
    ):
        assert kind in ids, kind
    assert len(CASES) >= 150


def test_a_lock_held_by_another_process_is_explained_and_writes_nothing() -> None:
    write_json(user_path(), {"env": {"AWS_REGION": "us-east-1"}})
    before = user_path().read_bytes()
    holder_code = (
        "import sys, time; from pathlib import Path; from claude_bedrock_tui.core.file_lock import locked\n"
        "with locked(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(120)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", holder_code, str(user_path())], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        done = run_cli(("set", "--no-validate", "FOO_A=1"), timeout=60)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    err = done.stderr.decode()
    assert done.returncode == 2 and "being written by another claude-bedrock-tui" in err, err
    assert ".settings.json.lock" in err
    assert user_path().read_bytes() == before


def test_after_sigkill_mid_write_the_next_write_cleans_up(tmp_path: Path) -> None:
    writer = Path(__file__).with_name("_crash_writer.py")
    contents = [tmp_path / "a.json", tmp_path / "b.json"]
    contents[0].write_text(json.dumps({"env": {"A": "a" * 3_000_000}}) + "\n")
    contents[1].write_text(json.dumps({"env": {"B": "b" * 3_000_000}}) + "\n")
    write_json(user_path(), {"env": {}})
    left_temp = False
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7):
        child = subprocess.Popen(
            [sys.executable, str(writer), str(user_path()), *map(str, contents)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait(timeout=30)
        json.loads(user_path().read_text())  # never a partial file
        left_temp = left_temp or any(p.name.endswith(".tmp") for p in user_path().parent.iterdir())
        if left_temp:
            break
    assert left_temp, "no kill landed mid-write; the cleanup below would prove nothing"
    done = run_cli(("set", "--no-validate", "FOO_A=1"), timeout=60)
    assert done.returncode == 0, done.stderr
    assert not [p for p in user_path().parent.iterdir() if p.name.endswith(".tmp")]


WRITER_ROUNDS = 50


def test_two_writers_fifty_rounds_no_update_lost_every_refusal_explained() -> None:
    """Two `set` processes on one file, started together: each either wrote its key or said why not."""
    write_json(user_path(), {"env": {"AWS_REGION": "us-east-1"}})
    env = dict(os.environ)
    written = refused = 0
    for round_number in range(WRITER_ROUNDS):
        keys = (f"FOO_A_{round_number}", f"FOO_B_{round_number}")
        writers = [
            subprocess.Popen(
                [sys.executable, "-m", "claude_bedrock_tui", "set", "--no-validate", f"{key}=1"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for key in keys
        ]
        results = []
        for writer in writers:
            try:
                _out, err = writer.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                writer.kill()
                pytest.fail("a writer hung")
            results.append((writer.returncode, err))
        data = json.loads(user_path().read_text())
        for key, (code, err) in zip(keys, results, strict=True):
            assert "Traceback" not in err and "This is a bug" not in err, err
            if code == 0:
                assert "Wrote" in err
                assert data["env"].get(key) == "1", f"round {round_number}: {key} was lost ({err})"
                written += 1
            else:
                assert code == 2, err
                assert "since it was read" in err or "being written by another" in err, err
                assert key not in data["env"]
                refused += 1
    assert written >= WRITER_ROUNDS  # at least one writer of each round gets through
    print(f"{written} writes, {refused} refusals (each explained), 0 updates lost in {WRITER_ROUNDS} rounds")


def test_the_settings_file_stays_whole_for_a_reader_during_the_race() -> None:
    """A reader polling the file while writers race never sees it missing or half-written."""
    write_json(user_path(), {"env": {"AWS_REGION": "us-east-1"}})
    env = dict(os.environ)
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "claude_bedrock_tui", "set", "--no-validate", f"FOO_{i}=1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        for i in range(6)
    ]
    reads = 0
    try:
        while any(w.poll() is None for w in writers):
            json.loads(user_path().read_text())
            reads += 1
    finally:
        for writer in writers:
            writer.wait(timeout=60)
    assert reads > 0
    assert (home() / ".claude").is_dir()


def test_a_deleted_current_folder_is_explained(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
            "os.execv(sys.executable, [sys.executable, '-m', 'claude_bedrock_tui', 'show'])",
            str(gone),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    _out, err = child.communicate(timeout=60)
    assert child.returncode == 2 and "the current folder no longer exists" in err and "This is a bug" not in err
