"""One careful reader for every file this tool reads from disk: settings, AWS files, profiles, caches.

A FIFO at a settings path would block a plain read forever and /dev/zero would fill memory, so a file
is opened without blocking, checked with fstat to be a regular file, and refused above a size cap.
Symlinks are followed (dotfile managers use them); what they end at must be a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BYTES = 16 * 1024 * 1024
MAX_SIZE_TEXT = "16 MiB"

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotARegularFile(OSError):
    """The path is a FIFO, a device, a socket (or a folder): never read, never written."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EINVAL, f"is {what}, not a regular file", str(path))
        self.what = what


class FileTooLarge(OSError):
    """The file is over the size cap: a settings or AWS file of that size is a mistake or an attack."""

    def __init__(self, path: Path, size: int | None = None) -> None:
        size_text = f" ({size / (1024 * 1024):.1f} MiB)" if size is not None else ""
        super().__init__(errno.EFBIG, f"is larger than {MAX_SIZE_TEXT}{size_text}, the most this tool reads", str(path))


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, never blocking and never more than `max_bytes`.

    Raises FileNotFoundError, PermissionError, IsADirectoryError, NotARegularFile, FileTooLarge
    (all OSError) for what a person can get wrong; the message of each is one line.
    """
    return read_with_status(path, max_bytes)[0]


def read_with_status(path: Path, max_bytes: int = MAX_BYTES) -> tuple[bytes, os.stat_result]:
    """read_regular, plus the fstat of the very file read (links, mode, owner: what a writer must keep)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        what = kind_of(info.st_mode)
        if what == "a folder":
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        if what is not None:
            raise NotARegularFile(Path(path), what)
        if info.st_size > max_bytes:
            raise FileTooLarge(Path(path), info.st_size)
        # One read of the whole size (no joining of chunks: a 50 MB file is copied once), then more
        # only if the file grew meanwhile; the cap holds on what is read, not on what fstat said.
        chunks = [os.read(fd, min(info.st_size, max_bytes) + 1)]
        total = len(chunks[0])
        while chunks[-1] and total <= max_bytes:
            chunks.append(os.read(fd, min(1 << 24, max_bytes + 1 - total)))
            total += len(chunks[-1])
        if total > max_bytes:
            raise FileTooLarge(Path(path))
        return (chunks[0] if len(chunks) <= 2 and not chunks[-1] else b"".join(chunks)), info
    finally:
        os.close(fd)


def read_regular_or_none(path: Path) -> bytes | None:
    """read_regular, with None for a file that does not exist."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        return None


def reason(exc: OSError) -> str:
    """A one-line reason for a failed read, without the path (callers say which file)."""
    if isinstance(exc, (NotARegularFile, FileTooLarge, IsADirectoryError)):
        return exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "does not exist"
    return exc.strerror or str(exc)
