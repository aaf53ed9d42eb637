"""Atomic, careful file writes: never a half-written settings file, never a lost edit, always a backup.

A write takes the lock next to the file (core/file_lock.py), checks that the file is still what was
read, writes a sibling temporary file, flushes it and swaps it in (core/swap.py), so a crash leaves
either the old or the new content and a concurrent writer is refused, never silently overwritten.
Only regular files (or a missing one) are written: a symlink is followed to its final target, which
stays a link; a FIFO or device is refused. A hard-linked or read-only file is refused unless forced.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from claude_bedrock_tui.core.backups import KEEP_BYTES, KEEP_COUNT, BackupFailed, default_backup_dir, write_backup
from claude_bedrock_tui.core.file_lock import DEFAULT_WAIT_S, LockBusy, locked
from claude_bedrock_tui.core.safe_read import MAX_BYTES, FileTooLarge, NotARegularFile, read_with_status

__all__ = [
    "ChangedOnDisk",
    "Fingerprint",
    "LockBusy",
    "UnsafeTarget",
    "WriteResult",
    "atomic_write",
    "default_backup_dir",
    "describe_write_failure",
    "fingerprint",
    "fingerprint_text",
]


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

    def __init__(self, path: Path, expected: Fingerprint, actual: Fingerprint | None) -> None:
        self.path = path
        self.expected = expected
        self.actual = actual
        if actual is not None and expected.exists and not actual.exists:
            what = "was deleted"
        elif not expected.exists:
            what = "was created"
        else:
            what = "was modified"
        super().__init__(
            f"{path} {what} by another program since it was read; nothing was written. "
            "Reload it to see the current content, then make your change again."
        )


class UnsafeTarget(Exception):
    """A file this tool must not replace as it stands; `force_hint` says what forcing would do, if allowed."""

    def __init__(self, message: str, *, force_hint: str | None = None) -> None:
        super().__init__(message)
        self.force_hint = force_hint


def fingerprint_text(data: bytes | None) -> Fingerprint:
    """Fingerprint of content already read (None for a file that does not exist)."""
    if data is None:
        return Fingerprint(exists=False, size=0, sha256="")
    return Fingerprint(exists=True, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def fingerprint(path: Path) -> Fingerprint:
    """Fingerprint of a file now (of the final target if `path` is a symlink)."""
    current, _ = _read_current(Path(path), MAX_BYTES)
    return fingerprint_text(current)


def _read_current(target: Path, limit: int) -> tuple[bytes | None, os.stat_result | None]:
    try:
        return read_with_status(target, limit)
    except FileNotFoundError:
        return None, None


def final_target(path: Path) -> Path:
    """Follow a symlink chain to the file it ends at (which may not exist yet)."""
    target = Path(os.path.realpath(Path(path).absolute()))
    if target.is_symlink():  # realpath gives up on a loop and returns a link
        raise OSError(errno.ELOOP, "Too many levels of symbolic links", str(path))
    return target


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")


def _remove_stale_temps(target: Path) -> None:
    """Temporary files of our naming left by a writer that was killed; only called under the lock."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.[0-9a-f]{{12}}\.tmp\Z")
    try:
        names = [entry for entry in os.scandir(target.parent) if pattern.match(entry.name)]
    except OSError:
        return
    for entry in names:
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
        except OSError:
            pass


def _refuse_unsafe(target: Path, info: os.stat_result, force: bool) -> None:
    if force:
        return
    if info.st_nlink > 1:
        raise UnsafeTarget(
            f"{target} has {info.st_nlink} hard links: replacing it would leave the other names with the old "
            "content. Nothing was written.",
            force_hint="writes it in place, so every link sees the change",
        )
    if not info.st_mode & stat.S_IWUSR:
        raise UnsafeTarget(
            f"{target} is read-only (mode {stat.S_IMODE(info.st_mode):04o}): someone protected it. Nothing was "
            "written.",
            force_hint="writes it anyway; it stays read-only",
        )


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


def _write_temp(target: Path, data: bytes, mode: int | None, owner: tuple[int, int] | None) -> Path:
    """A sibling temporary file holding `data`, flushed to disk, with its final mode and owner."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = _temp_name(target)
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
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _recheck(target: Path, expected: Fingerprint, before: bytes | None) -> None:
    """The last look before the swap: raises ChangedOnDisk if the file no longer holds `before`."""
    now, _ = _read_current(target, max(MAX_BYTES, expected.size) + 1)
    if now != before:  # the bytes themselves: no second hash of a big file
        raise ChangedOnDisk(target, expected, fingerprint_text(now))


def _rename_into_place(temp: Path, target: Path, before: bytes | None, expected: Fingerprint) -> None:
    """Swap `temp` in; if what it replaced is not `before` (an outside write just landed), undo and refuse."""
    from claude_bedrock_tui.core import swap

    try:
        if before is None:
            try:
                swap.rename_new(temp, target)
            except FileExistsError:
                raise ChangedOnDisk(target, expected, None) from None
            return
        swap.exchange(temp, target)
    except swap.Unsupported:
        os.replace(temp, target)
        return
    # `temp` now names the file we replaced.
    replaced, _ = _read_current(temp, max(MAX_BYTES, len(before)) + 1)
    if replaced == before:
        temp.unlink()
        return
    swap.exchange(temp, target)  # theirs back in place; ours is at `temp` again, removed by the caller
    raise ChangedOnDisk(target, expected, fingerprint_text(replaced))


def _write_in_place(target: Path, data: bytes) -> None:
    """For a forced write of a hard-linked file: same inode, so every link sees it (not atomic; backed up)."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(
    path: Path,
    text: str,
    *,
    expected: Fingerprint | None = None,
    private: bool = False,
    backup_dir: Path | None = None,
    keep_backups: int = KEEP_COUNT,
    keep_backup_bytes: int = KEEP_BYTES,
    force: bool = False,
    lock_wait_s: float = DEFAULT_WAIT_S,
) -> WriteResult:
    """Replace the file's content with `text` (UTF-8) atomically, after backing up what was there.

    Raises ChangedOnDisk (writing nothing) if `expected` no longer matches the file, LockBusy when
    another writer holds the lock, UnsafeTarget for a file that must not be replaced (a FIFO or
    device always; a hard-linked or read-only file unless `force`), BackupFailed when the backup
    cannot be written. `private=True` makes the file 0600; otherwise an existing file keeps its mode.
    """
    if keep_backups < 0:
        raise ValueError("keep_backups must be 0 (no backups) or more")
    data = text.encode("utf-8")  # fail on unencodable text before touching anything
    target = final_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with locked(target, lock_wait_s):
        limit = max(MAX_BYTES, expected.size) + 1 if expected is not None else MAX_BYTES
        try:
            current, info = _read_current(target, limit)
        except NotARegularFile as exc:
            raise UnsafeTarget(
                f"{target} {exc.strerror}: only regular files are written. Nothing was written."
            ) from None
        except FileTooLarge:
            if expected is not None:
                raise ChangedOnDisk(target, expected, None) from None
            raise
        actual = fingerprint_text(current)
        if expected is not None and actual != expected:
            raise ChangedOnDisk(target, expected, actual)
        expected = actual
        mode: int | None = None
        owner: tuple[int, int] | None = None
        if info is not None:
            _refuse_unsafe(target, info, force)
            mode = stat.S_IMODE(info.st_mode)
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                owner = (info.st_uid, info.st_gid)
        if private:
            mode = 0o600 if mode is None or mode & stat.S_IWUSR else 0o400
        _remove_stale_temps(target)
        backup = None
        if current is not None and keep_backups > 0:
            backup = write_backup(target, current, backup_dir, keep_backups, keep_backup_bytes)
        if info is not None and info.st_nlink > 1:
            _write_in_place(target, data)  # only reached with force: a rename would split the links
            if private and hasattr(os, "fchmod"):
                os.chmod(target, mode)  # type: ignore[arg-type]
            return WriteResult(path=target, backup=backup)
        temp = _write_temp(target, data, mode, owner)
        try:
            _recheck(target, expected, current)
            _rename_into_place(temp, target, current, expected)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    _fsync_folder(target.parent)
    return WriteResult(path=target, backup=backup)


def describe_write_failure(
    exc: BaseException, path: object, *, force_flag: str | None = None, no_backup_flag: str | None = None
) -> str | None:
    """The one-line message for a write that did not happen, or None if `exc` is not about writing.

    `force_flag` and `no_backup_flag` name the face's ways around a refusal (the CLI's --force and
    --no-backup), when it has them.
    """
    if isinstance(exc, UnsafeTarget):
        if exc.force_hint and force_flag:
            return f"{exc} {force_flag} {exc.force_hint}."
        return str(exc)
    if isinstance(exc, BackupFailed) and no_backup_flag:
        return f"{exc} Or pass {no_backup_flag} to write without a backup."
    if isinstance(exc, (ChangedOnDisk, LockBusy, BackupFailed)):
        return str(exc)
    if isinstance(exc, OSError):
        return f"could not write {path}: {exc.strerror or exc}. Nothing was changed."
    return None
