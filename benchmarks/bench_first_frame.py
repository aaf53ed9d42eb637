"""Time to the useful first frame and peak memory: the TUI on a demo sandbox vs a bare Textual app.

    python benchmarks/bench_first_frame.py [--runs 15] [--size 80x24] [--terminal tmux]

Both apps run the same way, interleaved, each in a fresh interpreter: headless (or, with --terminal tmux,
in a real terminal: a detached tmux session of that size), 120x40 (and 80x24 with --size 80x24). The
child reports every frame that reaches the display step. The bare app exits after its first frame.
A third app gives the floor: the bare app with its one text filling the screen (what drawing a screen
of text costs, before any of this app's work). This package's modules are compiled to bytecode first,
as installing it does (this machine sets PYTHONDONTWRITEBYTECODE, so an editable install would compile
them from source at every start; Textual's own are compiled when pip installs it).

This app reports its first frame and its *useful* frame: the first one drawn once the panes in view hold
the configuration (a skeleton such as "Reading the Claude Code settings…" does not count; panes hidden
behind the tabs at 80x24 are mounted after it). It exits once every pane is mounted, and reports its
peak memory (ru_maxrss) then. Time is measured from just before the child is spawned (so interpreter
start-up and imports count), with the system-wide monotonic clock. Goals (issue 10): useful frame
<= 1.3x the bare app's first frame, memory <= 1.5x. The ratio of the medians is the figure; the median of
each run's ratio to the bare run just before it is printed too, since this machine's speed drifts by tens
of percent within a minute (BENCH_VERBOSE=1 prints every pair).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, os, resource, sys, time

from textual.app import App

REPORT = os.environ.get("BENCH_REPORT")  # a file to write the marks to, when stdout is a terminal

def report(mark):
    line = json.dumps(mark)
    if REPORT:
        with open(REPORT, "a") as out:
            out.write(line + "\n")
    else:
        print(line, flush=True)

class FirstFrame:
    # Records frames handed to the display step (the same hook for every app).
    _seen = False
    _useful = False

    def useful(self):
        return True

    def complete(self):
        return True

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is None or len(screen.children) == 0:
            return
        now = time.monotonic()
        if not self._seen:
            self._seen = True
            report({"frame_at": now})
        if not self._useful and self.useful():
            self._useful = True
            report({"useful_at": now})
        if self._useful and self.complete():
            # Peak memory once the whole app is there (panes mounted after the first frame included).
            report({"rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss})
            self.exit()

kind, size = sys.argv[1], tuple(int(n) for n in sys.argv[2].split("x"))
if kind in ("bare", "text"):
    from textual.widgets import Footer, Header, Static

    LINE = "[b]A setting[/b]  its value, [$accent]where it comes from[/] and what it shadows; more words"
    TEXT = "\n".join(f"{LINE} {n}" for n in range(size[1])) if kind == "text" else "Hello from a bare Textual app."

    class Bare(FirstFrame, App):
        def compose(self):
            yield Header()
            yield Static(TEXT)
            yield Footer()

    app = Bare()
else:
    from claude_bedrock_tui.app.app import BedrockApp

    class Timed(FirstFrame, BedrockApp):
        def useful(self):
            # The panes in view hold the configuration (panes hidden behind the tabs follow this frame).
            return self.main.built

        def complete(self):
            return self.is_ready

    app = Timed(project_dir=sys.argv[3], environ=json.loads(sys.argv[4]))
app.run(headless=not REPORT, size=size if not REPORT else None)
"""


def run_child(args: list[str], terminal: str) -> tuple[float, float, int]:
    """(seconds to the first frame, to the useful frame, peak RSS in KiB) of one fresh child process."""
    if terminal == "tmux":
        return run_in_tmux(args)
    started = time.monotonic()
    child = subprocess.Popen([sys.executable, "-c", CHILD, *args], stdout=subprocess.PIPE, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, _ = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 or "frame_at" not in out:
        raise RuntimeError(f"child {args[0]} failed (exit {child.returncode}): {out!r}")
    marks = read_marks(out, args[0])
    return marks["frame_at"] - started, marks["useful_at"] - started, int(marks["rss_kib"])


def run_in_tmux(args: list[str]) -> tuple[float, float, int]:
    """The child in a detached tmux session of the size asked for, as in a real terminal."""
    width, height = args[1].split("x")
    with tempfile.TemporaryDirectory(prefix="bench-tmux-") as folder:
        report = Path(folder) / "marks.jsonl"
        # In the command itself: a tmux server already running gives new sessions its own environment.
        command = " ".join(
            shlex.quote(part) for part in ["env", f"BENCH_REPORT={report}", sys.executable, "-c", CHILD, *args]
        )
        session = f"bench-first-frame-{os.getpid()}"
        started = time.monotonic()
        subprocess.run(["tmux", "new-session", "-d", "-x", width, "-y", height, "-s", session, command], check=True)
        deadline = started + 30
        while time.monotonic() < deadline and "rss_kib" not in (report.read_text() if report.exists() else ""):
            time.sleep(0.002)
        while subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0:
            time.sleep(0.01)
            if time.monotonic() > deadline:
                subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        marks = read_marks(report.read_text() if report.exists() else "", args[0])
    return marks["frame_at"] - started, marks["useful_at"] - started, int(marks["rss_kib"])


def read_marks(out: str, kind: str) -> dict[str, float]:
    marks: dict[str, float] = {}
    for line in out.strip().splitlines():
        marks.update(json.loads(line))
    if "useful_at" not in marks or "rss_kib" not in marks:
        raise RuntimeError(f"child {kind} never showed a useful frame: {out!r}")
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", default="120x40", help="terminal size, WxH (default 120x40)")
    parser.add_argument("--terminal", choices=("headless", "tmux"), default="headless")
    options = parser.parse_args()
    if options.terminal == "tmux" and not shutil.which("tmux"):
        parser.error("--terminal tmux needs tmux on PATH")

    import claude_bedrock_tui

    compileall.compile_dir(Path(claude_bedrock_tui.__file__).parent, quiet=1)

    from claude_bedrock_tui.demo.sandbox import fill_sandbox

    root = Path(tempfile.mkdtemp(prefix="bench-first-frame-"))
    kinds = ("bare", "text", "app")
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    useful: dict[str, list[float]] = {kind: [] for kind in kinds}
    memory: dict[str, list[int]] = {kind: [] for kind in kinds}
    try:
        _, project, environ = fill_sandbox(root)
        argv = {kind: [kind, options.size] for kind in kinds}
        argv["app"] += [str(project), json.dumps(environ)]
        for kind in kinds:
            run_child(argv[kind], options.terminal)  # warm the file cache
        for _ in range(options.runs):
            for kind in kinds:
                first, until_useful, rss = run_child(argv[kind], options.terminal)
                times[kind].append(first)
                useful[kind].append(until_useful)
                memory[kind].append(rss)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    t_bare, t_text = statistics.median(times["bare"]), statistics.median(times["text"])
    t_app, t_useful = statistics.median(times["app"]), statistics.median(useful["app"])
    m_bare, m_app = statistics.median(memory["bare"]), statistics.median(memory["app"])
    print(f"runs: {options.runs} of each, interleaved, {options.size} {options.terminal}")
    print(f"bare Textual app, first frame:           {t_bare * 1000:7.1f} ms")
    print(f"floor: bare app, a screen of text:       {t_text * 1000:7.1f} ms   ratio {t_text / t_bare:.2f}")
    print(f"this app, first frame:                   {t_app * 1000:7.1f} ms   ratio {t_app / t_bare:.2f}")
    print(
        f"this app, useful frame (configuration):  {t_useful * 1000:7.1f} ms   ratio {t_useful / t_bare:.2f}"
        " (goal <= 1.3)"
    )
    paired = statistics.median(u / b for u, b in zip(useful["app"], times["bare"], strict=True))
    print(f"  each run against the bare run just before it: median ratio {paired:.2f}")
    if os.environ.get("BENCH_VERBOSE"):
        for n, (b, u) in enumerate(zip(times["bare"], useful["app"], strict=True)):
            print(f"  run {n + 1:2d}: bare {b * 1000:6.1f} ms  this app {u * 1000:6.1f} ms  ratio {u / b:.2f}")
    print(
        f"peak memory  bare Textual app: {m_bare / 1024:6.1f} MiB   this app, every pane mounted (demo sandbox):"
        f" {m_app / 1024:6.1f} MiB   ratio {m_app / m_bare:.2f} (goal <= 1.5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
