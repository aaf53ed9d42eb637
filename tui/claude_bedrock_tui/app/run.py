"""Entry point the command line calls: imports Textual only when the TUI is really opened."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def run_app(project_dir: Path | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Open the TUI on `project_dir` with everything read from `environ` (default: os.environ)."""
    from claude_bedrock_tui.app.app import BedrockApp

    result = BedrockApp(project_dir=project_dir, environ=environ).run()
    return result if isinstance(result, int) else 0
