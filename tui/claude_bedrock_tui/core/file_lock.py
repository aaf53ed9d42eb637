"""A lock file next to a file we write, so two copies of this tool never interleave their writes.

flock (POSIX) or msvcrt (Windows) on `.NAME.lock` beside the target, waited for a bounded time. The
kernel drops the lock when its holder dies, so a crashed writer never leaves a stale lock. The lock
file is removed on release (after checking it is still the file locked), so folders stay clean.
Written here rather than taken from the `filelock` package: that costs 150 ms to import on every `set`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

DEFAULT_WAIT_S = 5.0
_POLL_S = 0.02


class LockBusy(Exception):
    """Another writer held the lock for longer than we wait."""

    def __init__(self, target: Path, lock_path: Path, waited_s: float) -> None:
        self.target = target
        self.lock_path = lock_path
        super().__init__(
            f"{target} is being written by another claude-bedrock-tui (it has held {lock_path.name} for more "
            f"than {waited_s:g} s); nothing was written. Try again in a moment."
        )


def lock_path_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _still_ours(fd: int, path: Path) -> bool:
    """The lock file was not removed and re-created by the previous holder while we waited."""
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)


@contextmanager
def locked(target: Path, wait_s: float = DEFAULT_WAIT_S) -> Iterator[Path]:
    """Hold the lock of `target` (its folder must exist); raises LockBusy after `wait_s`."""
    path = lock_path_for(target)
    ends_at = time.monotonic() + wait_s
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        # fcntl is None on Windows only (mypy, checking for Linux, calls that side dead).
        if _try_lock(fd) and (fcntl is None or _still_ours(fd, path)):  # type: ignore[redundant-expr]
            break
        os.close(fd)
        if time.monotonic() >= ends_at:
            raise LockBusy(target, path, wait_s)
        time.sleep(_POLL_S)
    try:
        yield path
    finally:
        if fcntl is not None:
            try:
                os.unlink(path)  # still holding it: a waiter that opened this file sees it gone and retries
            except OSError:
                pass
        os.close(fd)  # closing releases the lock
