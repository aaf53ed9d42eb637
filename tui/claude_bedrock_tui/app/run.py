"""Entry point the command line calls: imports Textual only when the TUI is really opened."""

from __future__ import annotations

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

    app = BedrockApp(project_dir=project_dir, environ=environ)

    def hang_up(signum: int, frame: FrameType | None) -> None:
        app.exit(128 + signum)  # as a shell reports a process the hang-up ended (the codes: cli/exit_codes.py)

    previous = signal.signal(signal.SIGHUP, hang_up)
    try:
        result = app.run()
    finally:
        signal.signal(signal.SIGHUP, previous)
    return result if isinstance(result, int) else 0
