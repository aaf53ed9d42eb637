"""Typing: a key typed into a field until the frame that shows it, this app vs a bare app with one Input.

    python benchmarks/bench_typing.py [--keys 20] [--rounds 3] [--size 120x40]

Both apps run in this process under Textual's pilot (headless), alternately, `--rounds` times each. A key
is sent the way the terminal driver sends it; its time runs until the first frame handed to the display
step in which the field holds the key (the frame the user would see); keys are spaced by a typist's gaps
(30-250 ms, the same for both apps), and the median and 90th percentile are reported. Then a burst: 200
keys sent at once, timed until the frame that shows all of them, checked to be in order, and compared per
key with a burst of 50 (growth 1.0: no per-key cost growth). Goals (issue 10): per-key ratio <= 1.3,
bursts in order, no growth.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input

FIELD = "ANTHROPIC_MODEL"


class FrameWatch:
    """Records the moment a frame shows the field holding `expected`."""

    expected: str | None = None
    shown_at: float = 0.0
    shown: asyncio.Event
    watched: Input | None = None  # the field, found once the app is ready

    def field(self) -> Input:
        raise NotImplementedError

    def _display(self, screen: object, renderable: object) -> None:
        super()._display(screen, renderable)  # type: ignore[misc]  # App's, mixed in below
        watched = self.watched
        if renderable is not None and self.expected is not None and watched and watched.value == self.expected:
            self.shown_at = time.monotonic()
            self.expected = None
            self.shown.set()


class Bare(FrameWatch, App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(id="bare-input")
        yield Footer()

    def field(self) -> Input:
        return self.query_one("#bare-input", Input)

    def ready(self) -> bool:
        return True


def timed_app(project: Path, environ: dict[str, str]) -> App:
    from claude_bedrock_tui.app.app import BedrockApp

    class Timed(FrameWatch, BedrockApp):
        def field(self) -> Input:
            if hasattr(self.main, "field_input"):
                return self.main.field_input(FIELD)
            return self.query_one(f"#field-{FIELD}", Input)  # the app before issue 10: one Input per setting

        def ready(self) -> bool:
            return self.is_ready

    return Timed(project_dir=project, environ=environ)


async def send(app: App, keys: str, before: str) -> float:
    """Send `keys` at once; seconds until a frame shows the field holding `before + keys`."""
    app.shown = asyncio.Event()  # type: ignore[attr-defined]
    app.expected = before + keys  # type: ignore[attr-defined]
    started = time.monotonic()
    for key in keys:
        event = events.Key(key, key)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]
    await asyncio.wait_for(app.shown.wait(), 30)  # type: ignore[attr-defined]
    return app.shown_at - started  # type: ignore[attr-defined]


async def measure(app: App, size: tuple[int, int], keys: int) -> tuple[list[float], float, float, bool]:
    """(per-key seconds, burst of 50 per key, burst of 200 per key, bursts arrived in order)."""
    async with app.run_test(size=size) as pilot:
        while not app.ready():  # type: ignore[attr-defined]
            await pilot.pause(0.01)
        field = app.watched = app.field()  # type: ignore[attr-defined]
        field.focus()
        field.value = ""
        await pilot.pause(0.5)  # let start-up work (profile scan, debounced refreshes) settle
        singles = []
        text = ""
        gaps = random.Random(7).uniform  # the same gaps, in the same order, for both apps
        for index in range(keys):
            key = string.ascii_lowercase[index % 26]
            singles.append(await send(app, key, text))
            text += key
            # A typist's gap, 30-250 ms, varied: a fixed gap that is a multiple of Textual's refresh tick
            # (1/60 s) would lock every key to the same phase of that tick, and measure the phase instead.
            await pilot.pause(gaps(0.03, 0.25))
        field.value = ""
        await pilot.pause(0.5)
        burst = "".join(string.ascii_lowercase[i % 26] for i in range(200))
        t50 = await send(app, burst[:50], "") / 50
        await pilot.pause(0.5)
        field.value = ""
        await pilot.pause(0.5)
        t200 = await send(app, burst, "") / 200
        await pilot.pause(0.5)
        in_order = field.value == burst
    return singles, t50, t200, in_order


async def main_async(options: argparse.Namespace) -> int:
    from claude_bedrock_tui.demo.sandbox import fill_sandbox

    size = tuple(int(n) for n in options.size.split("x"))
    root = Path(tempfile.mkdtemp(prefix="bench-typing-"))
    try:
        _, project, environ = fill_sandbox(root)
        results: dict[str, list] = {"bare": [], "app": []}
        for _ in range(options.rounds):
            for kind in ("bare", "app"):
                app = Bare() if kind == "bare" else timed_app(project, environ)
                results[kind].append(await measure(app, size, options.keys))  # type: ignore[arg-type]
    finally:
        shutil.rmtree(root, ignore_errors=True)

    def summary(kind: str) -> tuple[float, float, float, bool, float]:
        runs = results[kind]
        keys = [t for singles, *_ in runs for t in singles]
        return (
            statistics.median(keys),
            statistics.median([r[1] for r in runs]),
            statistics.median([r[2] for r in runs]),
            all(r[3] for r in runs),
            statistics.quantiles(keys, n=10)[-1],
        )

    bare, ours = summary("bare"), summary("app")
    print(f"{options.rounds} rounds of each, {options.keys} single keys each, {options.size} headless")
    print(
        f"one key to the screen   bare app with one Input: {bare[0] * 1000:6.1f} ms"
        f"   this app: {ours[0] * 1000:6.1f} ms"
        f"   ratio {ours[0] / bare[0]:.2f} (goal <= 1.3)"
    )
    print(
        f"  90th percentile        bare app: {bare[4] * 1000:6.1f} ms   this app: {ours[4] * 1000:6.1f} ms"
        f"   ratio {ours[4] / bare[4]:.2f}"
    )
    for name, (_, t50, t200, in_order, _) in (("bare app", bare), ("this app", ours)):
        print(
            f"burst, {name:8}: 50 keys {t50 * 1000:5.2f} ms/key, 200 keys {t200 * 1000:5.2f} ms/key"
            f"   growth {t200 / t50:.2f} (goal <= 1.0-ish)   in order: {'yes' if in_order else 'NO'}"
        )
    print(f"200-key burst, this app vs bare: ratio {ours[2] / bare[2]:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", default="120x40", help="terminal size, WxH (default 120x40)")
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
