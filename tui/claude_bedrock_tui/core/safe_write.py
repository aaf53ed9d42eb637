"""Atomic, careful file writes: never a half-written settings file, never a lost edit, always a backup.

A write goes to a temporary file in the same folder, is flushed to disk and then renamed over the
target, so a crash leaves either the old or the new content. Symlinked settings (dotfile managers)
are written through to their target and stay links.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import platformdirs

from claude_bedrock_tui.core.locations import APP_NAME

_BACKUP_NAME = re.compile(r"^\d{8}T\d{6}\.\d{6}Z\.json$")
_BACKUP_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"


@dataclass(frozen=True)
class Fingerprint:
    """What a file held when it was read, to notice another program changing it before we write."""

    exists: bool
    size: int
    sha256: str


@dataclass(frozen=True)
class WriteResult:
    path: Path  # the real file written (the final target when the given path was a symlink)
    backup: Path | None  # the copy of the previous content, if there was a file before


class ChangedOnDisk(Exception):
    """The file changed between reading it and saving: writing now would lose someone else's edit."""

    def __init__(self, path: Path, expected: Fingerprint, actual: Fingerprint) -> None:
        self.path = path
        self.expected = expected
        self.actual = actual
        if expected.exists and not actual.exists:
            what = "was deleted"
        elif not expected.exists:
            what = "was created"
        else:
            what = "was modified"
        super().__init__(
            f"{path} {what} by another program since it was read; nothing was written. "
            "Reload it to see the current content, then make your change again."
        )


def fingerprint_text(data: bytes | None) -> Fingerprint:
    """Fingerprint of content already read (None for a file that does not exist)."""
    if data is None:
        return Fingerprint(exists=False, size=0, sha256="")
    return Fingerprint(exists=True, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def fingerprint(path: Path) -> Fingerprint:
    """Fingerprint of a file now (of the final target if `path` is a symlink)."""
    return fingerprint_text(_read_or_none(Path(path)))


def default_backup_dir() -> Path:
    return platformdirs.user_state_path(APP_NAME) / "backups"


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _final_target(path: Path) -> Path:
    """Follow a symlink chain to the file it ends at (which may not exist yet)."""
    target = Path(os.path.realpath(Path(path).absolute()))
    if target.is_symlink():  # realpath gives up on a loop and returns a link
        raise OSError(errno.ELOOP, "Too many levels of symbolic links", str(path))
    return target


def _backup_folder_name(target: Path) -> str:
    """Readable tail of the path plus a hash of all of it, so two files never share a folder."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", str(target)).strip("_")[-80:]
    return f"{readable}-{hashlib.sha256(str(target).encode()).hexdigest()[:12]}"


def _make_private_dir(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)


def _write_backup(target: Path, data: bytes, backup_dir: Path, keep: int) -> Path:
    _make_private_dir(backup_dir)
    folder = backup_dir / _backup_folder_name(target)
    _make_private_dir(folder)
    os.chmod(folder, 0o700)  # the folder is ours alone even if it was made laxly before
    existing = sorted(p for p in folder.iterdir() if _BACKUP_NAME.match(p.name))
    if existing and existing[-1].read_bytes() == data:
        return existing[-1]  # the same content again: keep older, different backups instead
    stamp = datetime.now(UTC)
    if existing:
        # Names must keep increasing even if the clock steps back, or pruning would drop the newest.
        newest = datetime.strptime(existing[-1].name[: -len(".json")], _BACKUP_TIME_FORMAT)
        stamp = max(stamp, newest.replace(tzinfo=UTC) + timedelta(microseconds=1))
    while True:
        backup = folder / f"{stamp.strftime(_BACKUP_TIME_FORMAT)}.json"
        try:
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            break
        except FileExistsError:
            stamp += timedelta(microseconds=1)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    for old in sorted(p for p in folder.iterdir() if _BACKUP_NAME.match(p.name))[:-keep]:
        old.unlink(missing_ok=True)
    return backup


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on every platform."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _replace_atomically(target: Path, data: bytes, mode: int | None, owner: tuple[int, int] | None) -> None:
    """Write a sibling temporary file, flush it to disk, rename it over `target`."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            # 0644 lets the umask decide for a new file; an existing or private one starts closed
            # and gets its final mode below, so a secret is never readable in between.
            fd = os.open(temp, flags, 0o644 if mode is None else 0o600)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            if owner is not None and hasattr(os, "fchown"):
                try:
                    os.fchown(handle.fileno(), *owner)
                except PermissionError:
                    pass  # only root can give a file away; the content matters more
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None and not hasattr(os, "fchmod"):
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def atomic_write(
    path: Path,
    text: str,
    *,
    expected: Fingerprint | None = None,
    private: bool = False,
    backup_dir: Path | None = None,
    keep_backups: int = 10,
) -> WriteResult:
    """Replace the file's content with `text` (UTF-8) atomically, after backing up what was there.

    Raises ChangedOnDisk (writing nothing) if `expected` no longer matches the file.
    `private=True` makes the file 0600; otherwise an existing file keeps its mode.
    """
    if keep_backups < 0:
        raise ValueError("keep_backups must be 0 (no backups) or more")
    data = text.encode("utf-8")  # fail on unencodable text before touching anything
    target = _final_target(path)
    current = _read_or_none(target)
    if expected is not None:
        actual = fingerprint_text(current)
        if actual != expected:
            raise ChangedOnDisk(target, expected, actual)
    target.parent.mkdir(parents=True, exist_ok=True)

    backup = None
    if current is not None and keep_backups > 0:
        folder = default_backup_dir() if backup_dir is None else Path(backup_dir)
        backup = _write_backup(target, current, folder, keep_backups)

    mode: int | None = None
    owner: tuple[int, int] | None = None
    if current is not None:
        status = os.stat(target)
        mode = status.st_mode & 0o7777
        if hasattr(os, "getuid") and status.st_uid != os.getuid():
            owner = (status.st_uid, status.st_gid)
    if private:
        mode = 0o600
    _replace_atomically(target, data, mode, owner)
    return WriteResult(path=target, backup=backup)
