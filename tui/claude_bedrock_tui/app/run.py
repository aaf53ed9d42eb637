"""Entry point the command line calls: imports Textual only when the TUI is really opened."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Mapping
from pathlib import Path
from types import FrameType


def run_app(project_dir: Path | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Open the TUI on `project_dir` with everything read from `environ` (default: os.environ).

    Closing the terminal (SIGHUP) ends the app the ordinary way, so the caller's clean-up runs (the demo
    removes its sandbox); by default the signal would end the process on the spot.
    """
    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.app.terminal import survives_hang_up

    app = BedrockApp(project_dir=project_dir, environ=environ)
    app.driver_class = survives_hang_up(app.driver_class)

    def hang_up(signum: int, frame: FrameType | None) -> None:
        code = 128 + signum  # as a shell reports a process the hang-up ended (the codes: cli/exit_codes.py)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # before the app's loop starts or after it ends: nothing to close in order
            raise SystemExit(code) from None
        # A Python signal handler runs between bytecodes while the loop sleeps in select(); a plain
        # app.exit() only queues work, and an idle app would sleep on (seen: the demo never ended). The
        # thread-safe call writes to the loop's wake-up pipe.
        loop.call_soon_threadsafe(app.exit, code)

    previous = signal.signal(signal.SIGHUP, hang_up)
    try:
        result = app.run()
    finally:
        signal.signal(signal.SIGHUP, previous)
    return result if isinstance(result, int) else 0
