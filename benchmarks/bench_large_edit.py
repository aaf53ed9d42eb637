"""Editing a very large settings file costs about one parse plus one write.

Run: .venv/bin/python benchmarks/bench_large_edit.py [MB]. Two measurements, each next to a baseline
taken in the same run on the same file:

1. The core at 50 MB (the size from issue 9): what `set` and `unset` do after the command line has
   parsed its arguments (read, parse, plan the edit, mask and diff, back up, write atomically), in this
   process, against `json.loads` of the text plus a write (and fsync) of the same bytes. The command
   line itself refuses files over 16 MiB (core/safe_read.py), so the reader's cap is lifted here.
2. The real command line at 14 MB (just under the 16 MiB cap): `set --no-validate` and `unset` as fresh
   processes, against a fresh process doing `json.loads` plus the write.
Target (issue 9): under 2 s for 50 MB.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claude_bedrock_tui.core import settings_files
from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.core.edits import plan_change, write_change
from claude_bedrock_tui.core.safe_read import read_regular

BASELINE = """
import json, os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
json.loads(text)
with open(path + ".copy", "w", encoding="utf-8") as handle:
    handle.write(text)
    handle.flush()
    os.fsync(handle.fileno())
"""


def settings_text(megabytes: float) -> str:
    """A realistic shape: a few env settings and a very long permissions.allow list."""
    count = int(megabytes * 1_000_000 / 71.5)  # about 71.5 bytes a line, indentation included
    allow = [f"Bash(npm run test:{i} -- --filter packages/service-{i % 97}/src)" for i in range(count)]
    data = {
        "$schema": "https://json.schemastore.org/claude-code-settings.json",
        "env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "dev"},
        "permissions": {"allow": allow, "deny": ["Read(./.env)"]},
        "model": "sonnet",
    }
    return json.dumps(data, indent=2) + "\n"


def baseline_in_process(path: Path) -> float:
    start = time.perf_counter()
    text = path.read_text(encoding="utf-8")
    json.loads(text)
    with open(path.with_suffix(".copy"), "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return time.perf_counter() - start


def edit_in_process(home: Path, changes: dict[str, str | None], backups: Path) -> float:
    start = time.perf_counter()
    config = load(home / "project", {"HOME": str(home), "CLAUDE_BEDROCK_TUI_MANAGED_DIR": str(home / "managed")})
    change = plan_change(config, "user", changes)
    diff = change.diff()
    write_change(change, backup_dir=backups)
    elapsed = time.perf_counter() - start
    assert diff and not change.is_noop
    return elapsed


def core_at(megabytes: float, runs: int) -> None:
    # Lift the reader's cap for this measurement only (the CLI refuses files over 16 MiB).
    def uncapped(path: Path) -> bytes:
        return read_regular(path, max_bytes=1 << 31)

    setattr(settings_files, "read_regular", uncapped)  # noqa: B010 - a module attribute mypy cannot see
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "project").mkdir()
        path = home / ".claude" / "settings.json"
        path.parent.mkdir()
        text = settings_text(megabytes)
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size / 1e6
        base, set_times, unset_times = [], [], []
        for run in range(runs):
            base.append(baseline_in_process(path))
            set_times.append(edit_in_process(home, {f"FOO_{run}": "1"}, home / "backups"))
            unset_times.append(edit_in_process(home, {f"FOO_{run}": None}, home / "backups"))
        b, s, u = statistics.median(base), statistics.median(set_times), statistics.median(unset_times)
        print(f"core, {size:.1f} MB settings file ({runs} runs, medians):")
        print(f"  json.loads + write   {b:6.2f} s")
        print(f"  set (one key)        {s:6.2f} s   ratio {s / b:.2f}x")
        print(f"  unset (one key)      {u:6.2f} s   ratio {u / b:.2f}x")
        print(f"  target: under 2 s -> {'met' if max(s, u) < 2 else 'NOT met'}")


def _run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cli_at(megabytes: float, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        path = home / ".claude" / "settings.json"
        path.parent.mkdir()
        path.write_text(settings_text(megabytes), encoding="utf-8")
        size = path.stat().st_size / 1e6
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ANTHROPIC_", "CLAUDE_", "XDG_"))}
        env.update(HOME=str(home), CLAUDE_BEDROCK_TUI_MANAGED_DIR=str(home / "managed"))
        env["XDG_STATE_HOME"] = str(home / "state")
        cli = [sys.executable, "-m", "claude_bedrock_tui"]
        base, set_times, unset_times = [], [], []
        for run in range(runs):
            base.append(_run([sys.executable, "-c", BASELINE, str(path)], env))
            set_times.append(_run([*cli, "set", "--no-validate", f"FOO_{run}=1"], env))
            unset_times.append(_run([*cli, "unset", f"FOO_{run}"], env))
        b, s, u = statistics.median(base), statistics.median(set_times), statistics.median(unset_times)
        print(f"command line, {size:.1f} MB settings file ({runs} runs, medians, fresh processes):")
        print(f"  python: json.loads + write   {b:6.2f} s")
        print(f"  set --no-validate            {s:6.2f} s   ratio {s / b:.2f}x")
        print(f"  unset                        {u:6.2f} s   ratio {u / b:.2f}x")


if __name__ == "__main__":
    core_at(float(sys.argv[1]) if len(sys.argv) > 1 else 50, runs=3)
    cli_at(14, runs=3)
