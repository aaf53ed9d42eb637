"""Time to the useful first frame and peak memory: the TUI on a demo sandbox vs a bare Textual app.

    python benchmarks/bench_first_frame.py [--runs 15]

Both apps run the same way, interleaved, each in a fresh interpreter: headless, 120x40 (and 80x24 with
--size 80x24). The child reports every frame that reaches the display step. The bare app exits after its
first frame. This app reports its first frame and its *useful* frame: the first one drawn once the panes
hold the configuration (a skeleton such as "Reading the Claude Code settings…" does not count), then
exits, so its peak memory is that of the whole app. Time is measured from just before the child is
spawned (so interpreter start-up and imports count), with the system-wide monotonic clock. Peak memory
is each child's ru_maxrss (os.wait4). Goals (issue 10): useful frame <= 1.3x the bare app's first
frame, memory <= 1.5x.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, sys, time

from textual.app import App

class FirstFrame:
    # Records frames handed to the display step (the same hook for both apps).
    _seen = False

    def useful(self):
        return True

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is None or len(screen.children) == 0:
            return
        now = time.monotonic()
        if not self._seen:
            self._seen = True
            print(json.dumps({"frame_at": now}), flush=True)
        if self.useful():
            print(json.dumps({"useful_at": now}), flush=True)
            self.exit()

kind, size = sys.argv[1], tuple(int(n) for n in sys.argv[2].split("x"))
if kind == "bare":
    from textual.widgets import Footer, Header, Static

    class Bare(FirstFrame, App):
        def compose(self):
            yield Header()
            yield Static("Hello from a bare Textual app.")
            yield Footer()

    app = Bare()
else:
    from claude_bedrock_tui.app.app import BedrockApp

    class Timed(FirstFrame, BedrockApp):
        def useful(self):
            # The panes in view hold the configuration (panes hidden behind the tabs follow this frame).
            return self.main.built

    app = Timed(project_dir=sys.argv[3], environ=json.loads(sys.argv[4]))
app.run(headless=True, size=size)
"""


def run_child(args: list[str]) -> tuple[float, float, int]:
    """(seconds to the first frame, to the useful frame, peak RSS in KiB) of one fresh child process."""
    started = time.monotonic()
    child = subprocess.Popen([sys.executable, "-c", CHILD, *args], stdout=subprocess.PIPE, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 or "frame_at" not in out:
        raise RuntimeError(f"child {args[0]} failed (exit {child.returncode}): {out!r}")
    marks: dict[str, float] = {}
    for line in out.strip().splitlines():
        marks.update(json.loads(line))
    if "useful_at" not in marks:
        raise RuntimeError(f"child {args[0]} never showed a useful frame: {out!r}")
    return marks["frame_at"] - started, marks["useful_at"] - started, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", default="120x40", help="terminal size, WxH (default 120x40)")
    options = parser.parse_args()

    from claude_bedrock_tui.demo.sandbox import fill_sandbox

    root = Path(tempfile.mkdtemp(prefix="bench-first-frame-"))
    try:
        _, project, environ = fill_sandbox(root)
        bare_args = ["bare", options.size]
        app_args = ["app", options.size, str(project), json.dumps(environ)]
        run_child(bare_args), run_child(app_args)  # warm the file cache and .pyc files
        times: dict[str, list[float]] = {"bare": [], "app": []}
        ready: list[float] = []
        memory: dict[str, list[int]] = {"bare": [], "app": []}
        for _ in range(options.runs):
            for kind, args in (("bare", bare_args), ("app", app_args)):
                first, until_ready, rss = run_child(args)
                times[kind].append(first)
                memory[kind].append(rss)
                if kind == "app":
                    ready.append(until_ready)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    t_bare, t_app = statistics.median(times["bare"]), statistics.median(times["app"])
    useful = statistics.median(ready)
    m_bare, m_app = statistics.median(memory["bare"]), statistics.median(memory["app"])
    print(f"runs: {options.runs} of each, interleaved, {options.size} headless")
    print(f"bare Textual app, first frame:        {t_bare * 1000:7.1f} ms")
    print(f"this app, first frame:                {t_app * 1000:7.1f} ms   ratio {t_app / t_bare:.2f}")
    print(
        f"this app, useful frame (configuration): {useful * 1000:5.1f} ms   ratio {useful / t_bare:.2f} (goal <= 1.3)"
    )
    print(
        f"peak memory  bare Textual app: {m_bare / 1024:7.1f} MiB  this app (demo sandbox): {m_app / 1024:7.1f} MiB"
        f"  ratio {m_app / m_bare:.2f} (goal <= 1.5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
