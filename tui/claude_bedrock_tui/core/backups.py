"""Backups of the files we overwrite: one private folder per file, bounded by count and by bytes.

Each folder holds the copies (named by UTC time, so name order is time order) and `target.txt`, the
full path of the file they belong to, so `backups list` can say whose they are.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from claude_bedrock_tui.core.locations import backups_dir
from claude_bedrock_tui.core.safe_read import read_regular, read_regular_or_none

KEEP_COUNT = 10
KEEP_BYTES = 64 * 1024 * 1024  # per file; the newest copy is kept even if it alone is larger
_BACKUP_NAME = re.compile(r"^\d{8}T\d{6}\.\d{6}Z\.json\Z")
_BACKUP_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"
_TARGET_NOTE = "target.txt"


class BackupFailed(OSError):
    """The backup could not be written, so the file was not written either."""

    def __init__(self, folder: Path, cause: OSError) -> None:
        why = cause.strerror or str(cause)
        super().__init__(
            cause.errno,
            f"could not keep a backup in {folder}: {why}. Nothing was written. Fix that folder "
            "(or the state folder it is in).",
        )
        self.folder = folder

    def __str__(self) -> str:
        return str(self.strerror)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    size: int

    def read(self) -> bytes:
        return read_regular(self.path)


def default_backup_dir() -> Path:
    return backups_dir(os.environ)


def folder_name(target: Path) -> str:
    """Readable tail of the path plus a hash of all of it, so two files never share a folder."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", str(target)).strip("_")[-80:]
    return f"{readable}-{hashlib.sha256(str(target).encode()).hexdigest()[:12]}"


def folder_for(target: Path, backup_dir: Path | None = None) -> Path:
    return (default_backup_dir() if backup_dir is None else Path(backup_dir)) / folder_name(target)


def _taken_at(path: Path) -> datetime:
    return datetime.strptime(path.name[: -len(".json")], _BACKUP_TIME_FORMAT).replace(tzinfo=UTC)


def list_backups(target: Path, backup_dir: Path | None = None) -> list[Backup]:
    """The backups of `target` (its final path), newest first."""
    folder = folder_for(target, backup_dir)
    try:
        names = sorted((p for p in folder.iterdir() if _BACKUP_NAME.match(p.name)), reverse=True)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for path in names:
        try:
            found.append(Backup(path, _taken_at(path), path.lstat().st_size))
        except (OSError, ValueError):
            continue
    return found


def _make_private_dir(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # ours alone even if it was made laxly before


def write_backup(
    target: Path, data: bytes, backup_dir: Path | None = None, keep: int = KEEP_COUNT, keep_bytes: int = KEEP_BYTES
) -> Path:
    """Keep `data` as the newest backup of `target`; raises BackupFailed if the folder cannot take it."""
    folder = folder_for(target, backup_dir)
    try:
        return _write_backup(target, data, folder, keep, keep_bytes)
    except OSError as exc:
        raise BackupFailed(folder, exc) from exc


def _write_backup(target: Path, data: bytes, folder: Path, keep: int, keep_bytes: int) -> Path:
    _make_private_dir(folder.parent)
    _make_private_dir(folder)
    note = folder / _TARGET_NOTE
    if read_regular_or_none(note) != str(target).encode():
        note.write_text(str(target), encoding="utf-8")
    existing = list_backups(target, folder.parent)
    if existing and existing[0].size == len(data) and read_regular(existing[0].path, len(data)) == data:
        return existing[0].path  # the same content again: keep older, different backups instead
    stamp = datetime.now(UTC)
    if existing:
        # Names must keep increasing even if the clock steps back, or pruning would drop the newest.
        stamp = max(stamp, existing[0].taken_at + timedelta(microseconds=1))
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
    _prune(list_backups(target, folder.parent), keep, keep_bytes)
    return backup


def _prune(newest_first: list[Backup], keep: int, keep_bytes: int) -> None:
    """Drop the oldest copies beyond `keep`, then beyond `keep_bytes` in all (never the newest)."""
    total = 0
    for index, backup in enumerate(newest_first):
        total += backup.size
        if index > 0 and (index >= keep or total > keep_bytes):
            backup.path.unlink(missing_ok=True)
