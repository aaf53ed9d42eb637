"""Child process for the crash-safety test: atomic_write two contents in turn until it is killed.

Usage: _crash_writer.py TARGET FILE_A FILE_B. Prints "ready", then the count after each write.
No backups, so nearly all the time is spent inside the temp-file write the test wants to interrupt.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claude_bedrock_tui.core.safe_write import atomic_write


def main() -> None:
    target, file_a, file_b = (Path(arg) for arg in sys.argv[1:4])
    contents = (file_a.read_bytes().decode("utf-8"), file_b.read_bytes().decode("utf-8"))
    print("ready", flush=True)
    written = 0
    while True:
        atomic_write(target, contents[written % 2], keep_backups=0)
        written += 1
        print(written, flush=True)


if __name__ == "__main__":
    main()
