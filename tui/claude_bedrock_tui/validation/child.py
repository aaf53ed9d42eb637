"""The validation child: `python -m claude_bedrock_tui.validation.child`.

It reads {"candidate": ..., "invoke": bool, "deadline_s": float} on stdin, makes its os.environ
exactly the candidate's environment (so botocore, and every command it runs, see what Claude Code
would), and writes events (see events.py). While it waits for the request it imports the heavy
libraries botocore stands on, but not botocore itself: botocore reads HOME (the SSO token cache
folder) and BOTO_DISABLE_CRT when it is imported, so it must see the candidate's environment.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading

from claude_bedrock_tui.core import procs
from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.validation.events import Emitter
from claude_bedrock_tui.validation.live import LiveRun


def _stop(signum: int, frame: object) -> None:
    # Commands run in their own process groups; take them down before going.
    procs.kill_all()
    os._exit(128 + signum)


# Environment-neutral imports that make up about half of botocore's import time.
_WARM_MODULES = ("logging", "http.client", "email.parser", "urllib3", "jmespath", "dateutil.parser", "awscrt.auth")


def _warm_imports() -> None:
    import importlib

    for name in _WARM_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # awscrt is optional; botocore copes without it


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    warm = threading.Thread(target=_warm_imports, daemon=True)
    warm.start()  # overlaps the parent's reading of the configuration (a prestarted child)
    request = json.loads(sys.stdin.read())
    warm.join()
    os.environ.clear()
    os.environ.update(request["candidate"]["env"])
    emitter = Emitter(sys.stdout)
    run = LiveRun(
        Candidate.from_json(request["candidate"]),
        emitter,
        invoke=bool(request.get("invoke", True)),
        deadline_s=float(request.get("deadline_s", 15.0)),
        trusted=bool(request.get("trust_project_commands", False)),
    )
    run.run()
    emitter.done()
    sys.stdout.flush()
    # Every check has reported and every command it ran is finished; skipping interpreter
    # shutdown (joining idle pool threads, finalising botocore) saves 50-90 ms per validation.
    os._exit(0)


if __name__ == "__main__":
    main()
