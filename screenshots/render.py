"""Render the README pictures headlessly from the demo sandbox: `python screenshots/render.py`.

Writes main.svg (the main screen), validation-failure.svg (a failing check with its advice) and
save-diff.svg (the save dialog: the diff and the verdict) next to this script. Nothing outside a
throw-away sandbox is read or written; the stand-in answers over HTTPS on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from claude_bedrock_tui.app.app import BedrockApp
from claude_bedrock_tui.demo.sandbox import demo_sandbox

OUT = Path(__file__).resolve().parent
SIZE = (120, 40)
# A fixed folder name keeps the paths in the pictures the same from one rendering to the next.
ROOT = Path(tempfile.gettempdir()) / "claude-bedrock-tui-screenshots"
HAIKU_PROFILE = "us.anthropic.claude-haiku-4-5-20251001-v1:0"


async def _settle(app: BedrockApp, pilot) -> None:
    """Wait until the panes follow the session and any validation has finished."""
    for _ in range(200):  # validation ends within its 15 s deadline; poll up to 20 s
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        if app.is_ready and app.main.settled and not app.run_state.running:
            await pilot.pause(0.2)  # let the panes paint what the last messages changed
            return
    raise TimeoutError("the main screen or the validation did not finish")


async def render(project_dir: Path, environ: dict[str, str]) -> list[Path]:
    app = BedrockApp(project_dir=project_dir, environ=environ, clock=lambda: datetime(2025, 1, 15, 9, 30))
    written = []
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        written.append(Path(app.save_screenshot("main.svg", path=str(OUT))))

        await pilot.press("f5")
        await _settle(app, pilot)
        written.append(Path(app.save_screenshot("validation-failure.svg", path=str(OUT))))

        app.set_field("ANTHROPIC_DEFAULT_HAIKU_MODEL", HAIKU_PROFILE)  # the fix the advice names
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        await pilot.pause(0.3)
        written.append(Path(app.save_screenshot("save-diff.svg", path=str(OUT))))
        await pilot.press("escape")
        await pilot.pause()
        app.session.revert()
    return written


def main() -> int:
    shutil.rmtree(ROOT, ignore_errors=True)
    try:
        with demo_sandbox("healthy", root=ROOT) as sandbox:
            written = asyncio.run(render(sandbox.project_dir, sandbox.environ))
    finally:
        shutil.rmtree(ROOT, ignore_errors=True)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
