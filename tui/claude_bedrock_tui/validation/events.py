"""The child-to-parent protocol: one JSON object per line on the child's stdout.

{"event": "start", "id": ..., "message": ...}      a check began
{"event": "result", "check": CheckResult.to_json()} a check finished
{"event": "profiles", "profiles": [...]}             inference profiles listed
{"event": "done"}                                    every check finished
"""

from __future__ import annotations

import json
import threading
from typing import Any, TextIO

from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.validation.report import InferenceProfile


class Emitter:
    """Writes events from any thread; each line is flushed at once so the parent sees progress."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, event: dict[str, Any]) -> None:
        line = json.dumps(event)  # ASCII-only: safe whatever locale the candidate environment has
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()

    def start(self, check_id: str, message: str = "") -> None:
        self.send({"event": "start", "id": check_id, "message": message})

    def finish(self, result: CheckResult) -> None:
        self.send({"event": "result", "check": result.to_json()})

    def profiles(self, profiles: list[InferenceProfile]) -> None:
        self.send({"event": "profiles", "profiles": [p.to_json() for p in profiles]})

    def done(self) -> None:
        self.send({"event": "done"})
