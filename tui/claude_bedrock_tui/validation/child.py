"""The validation child: `python -m claude_bedrock_tui.validation.child`.

Its environment is exactly the candidate's, so boto3 sees what Claude Code would. It reads
{"candidate": ..., "invoke": bool, "deadline_s": float} on stdin and writes events (see events.py).
"""

from __future__ import annotations

import json
import os
import signal
import sys

from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.validation import procs
from claude_bedrock_tui.validation.events import Emitter
from claude_bedrock_tui.validation.live import LiveRun


def _stop(signum: int, frame: object) -> None:
    # Commands run in their own process groups; take them down before going.
    procs.kill_all()
    os._exit(128 + signum)


def main() -> int:
    signal.signal(signal.SIGTERM, _stop)
    request = json.loads(sys.stdin.read())
    emitter = Emitter(sys.stdout)
    run = LiveRun(
        Candidate.from_json(request["candidate"]),
        emitter,
        invoke=bool(request.get("invoke", True)),
        deadline_s=float(request.get("deadline_s", 15.0)),
    )
    run.run()
    emitter.done()
    return 0


if __name__ == "__main__":
    sys.exit(main())
