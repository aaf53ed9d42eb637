"""Time to first frame and peak memory: the TUI on a demo sandbox vs a bare Textual app.

    python benchmarks/bench_first_frame.py [--runs 15]

Both apps run the same way, interleaved, each in a fresh interpreter: headless, 120x40, and the child
reports the moment its first frame reaches the display step. The bare app exits then; this app first
reports when its panes show the configuration (printed too), then exits, so its peak memory is that of
the whole app, not of a first frame. Time is measured from just
before the child is spawned (so interpreter start-up and imports count), with the system-wide
monotonic clock. Peak memory is each child's ru_maxrss (os.wait4). Targets: time ratio <= 1.2,
memory ratio <= 1.5.
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
    # Records the first frame handed to the display step (the same hook for both apps).
    _seen = False
    exit_on_first_frame = True

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None and not self._seen and len(screen.children) > 0:
            self._seen = True
            print(json.dumps({"frame_at": time.monotonic()}), flush=True)
            if self.exit_on_first_frame:
                self.exit()

kind = sys.argv[1]
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
        # Stays until the panes show the configuration, so its peak memory is the whole app's.
        exit_on_first_frame = False

        async def open_configuration(self):
            await super().open_configuration()
            self.call_after_refresh(self._report_ready)

        def _report_ready(self):
            print(json.dumps({"ready_at": time.monotonic()}), flush=True)
            self.exit()

    app = Timed(project_dir=sys.argv[2], environ=json.loads(sys.argv[3]))
app.run(headless=True, size=(120, 40))
"""


def run_child(args: list[str]) -> tuple[float, float, int]:
    """(seconds to first frame, seconds until ready, peak RSS in KiB) of one fresh child process."""
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
    ready_at = marks.get("ready_at", marks["frame_at"])
    return marks["frame_at"] - started, ready_at - started, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()

    from claude_bedrock_tui.demo.sandbox import fill_sandbox

    root = Path(tempfile.mkdtemp(prefix="bench-first-frame-"))
    try:
        _, project, environ = fill_sandbox(root)
        app_args = ["app", str(project), json.dumps(environ)]
        run_child(["bare"]), run_child(app_args)  # warm the file cache and .pyc files
        times: dict[str, list[float]] = {"bare": [], "app": []}
        ready: list[float] = []
        memory: dict[str, list[int]] = {"bare": [], "app": []}
        for _ in range(options.runs):
            for kind, args in (("bare", ["bare"]), ("app", app_args)):
                first, until_ready, rss = run_child(args)
                times[kind].append(first)
                memory[kind].append(rss)
                if kind == "app":
                    ready.append(until_ready)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    t_bare, t_app = statistics.median(times["bare"]), statistics.median(times["app"])
    m_bare, m_app = statistics.median(memory["bare"]), statistics.median(memory["app"])
    print(f"runs: {options.runs} of each, interleaved, 120x40 headless")
    print(
        f"first frame  bare Textual app: {t_bare * 1000:7.1f} ms   this app (demo sandbox): {t_app * 1000:7.1f} ms"
        f"   ratio {t_app / t_bare:.2f} (target <= 1.2)"
    )
    print(
        f"this app with every pane built and showing the configuration: {statistics.median(ready) * 1000:.1f} ms "
        f"({statistics.median(ready) / t_bare:.2f} x the bare app's first frame)"
    )
    print(
        f"peak memory  bare Textual app: {m_bare / 1024:7.1f} MiB  this app (demo sandbox): {m_app / 1024:7.1f} MiB"
        f"  ratio {m_app / m_bare:.2f} (target <= 1.5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
