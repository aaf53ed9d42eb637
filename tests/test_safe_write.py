"""Atomic writes: symlinks followed, concurrent changes refused, backups kept private, crashes harmless."""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claude_bedrock_tui.core import safe_write
from claude_bedrock_tui.core.safe_write import (
    ChangedOnDisk,
    Fingerprint,
    WriteResult,
    atomic_write,
    default_backup_dir,
    fingerprint,
    fingerprint_text,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes, symlinks and SIGKILL are POSIX")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def test_writes_utf8_and_creates_missing_parent_folders(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "project" / ".claude" / "settings.json"
    result = atomic_write(target, '{"note": "Überprüfung ✓ 设置"}\r\n', backup_dir=backups)
    assert result == WriteResult(path=target, backup=None)
    assert target.read_bytes() == '{"note": "Überprüfung ✓ 设置"}\r\n'.encode()
    assert not backups.exists()  # nothing to back up for a new file


def test_a_normal_run_leaves_no_temporary_files(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "claude" / "settings.json"
    for round_number in range(3):
        atomic_write(target, f"{round_number}\n", backup_dir=backups)
    assert [p.name for p in target.parent.iterdir()] == ["settings.json"]
    assert target.read_text() == "2\n"


@posix_only
def test_symlink_chain_writes_the_final_target_and_keeps_the_links(tmp_path: Path, backups: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "claude-settings.json"
    real.write_text("{}\n")
    middle = tmp_path / "middle.json"
    middle.symlink_to(real)
    link = tmp_path / "settings.json"
    link.symlink_to(middle)

    result = atomic_write(link, '{"model": "m"}\n', backup_dir=backups)

    assert result.path == real.resolve()
    assert link.is_symlink() and middle.is_symlink()
    assert os.readlink(link) == str(middle)
    assert real.read_text() == '{"model": "m"}\n'
    assert result.backup is not None and result.backup.read_text() == "{}\n"
    assert fingerprint(link) == fingerprint(real) == fingerprint_text(b'{"model": "m"}\n')
    assert leftovers(dotfiles) == [] and leftovers(tmp_path) == []


@posix_only
def test_dangling_symlink_gets_its_target_created(tmp_path: Path, backups: Path) -> None:
    link = tmp_path / "settings.json"
    link.symlink_to(tmp_path / "store" / "real.json")
    assert fingerprint(link) == Fingerprint(exists=False, size=0, sha256="")
    atomic_write(link, "{}\n", backup_dir=backups)
    assert link.is_symlink()
    assert (tmp_path / "store" / "real.json").read_text() == "{}\n"


@posix_only
def test_symlink_loop_is_refused(tmp_path: Path, backups: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.symlink_to(second)
    second.symlink_to(first)
    with pytest.raises(OSError):
        atomic_write(first, "{}", backup_dir=backups)
    assert first.is_symlink() and second.is_symlink()


def test_fingerprint_matches_the_bytes_read() -> None:
    data = b'{"env": {}}\n'
    assert fingerprint_text(data) == Fingerprint(True, len(data), hashlib.sha256(data).hexdigest())
    assert fingerprint_text(None) == Fingerprint(False, 0, "")
    assert fingerprint_text(b"") != fingerprint_text(None)  # an empty file is not a missing one


@pytest.mark.parametrize("change", ["modified", "deleted", "created"])
def test_changed_on_disk_refuses_to_write(tmp_path: Path, backups: Path, change: str) -> None:
    target = tmp_path / "settings.json"
    if change != "created":
        target.write_text('{"model": "a"}\n')
    seen = fingerprint(target)
    if change == "modified":
        target.write_text('{"model": "b"}\n')  # same size, different content
    elif change == "deleted":
        target.unlink()
    else:
        target.write_text("{}\n")
    on_disk = target.read_bytes() if target.exists() else None

    with pytest.raises(ChangedOnDisk) as caught:
        atomic_write(target, '{"model": "mine"}\n', expected=seen, backup_dir=backups)

    assert str(target) in str(caught.value)
    assert change in str(caught.value) and "Reload" in str(caught.value)
    assert (target.read_bytes() if target.exists() else None) == on_disk
    assert not backups.exists()


def test_unchanged_fingerprint_allows_the_write(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "settings.json"
    assert atomic_write(target, "{}\n", expected=fingerprint(target), backup_dir=backups).path == target
    atomic_write(target, '{"a": 1}\n', expected=fingerprint_text(b"{}\n"), backup_dir=backups)
    assert target.read_text() == '{"a": 1}\n'


@posix_only
def test_backups_are_private_bounded_and_newest_first_pruned(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("version 0\n")
    target.chmod(0o644)
    made = []
    for version in range(1, 9):
        made.append(atomic_write(target, f"version {version}\n", backup_dir=backups, keep_backups=3).backup)

    (folder,) = backups.iterdir()
    kept = sorted(p for p in folder.iterdir() if p.suffix == ".json")
    assert [p.read_text() for p in kept] == ["version 5\n", "version 6\n", "version 7\n"]
    assert kept == made[-3:]
    assert [p.name for p in kept] == sorted(p.name for p in made[-3:])  # names sort by time
    assert all(p.name.endswith(".json") for p in kept)
    assert all(mode_of(p) == 0o600 for p in kept)
    assert mode_of(folder) == 0o700 and mode_of(backups) == 0o700
    assert "settings.json" in folder.name


def test_same_content_again_reuses_the_newest_backup(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("original\n")
    first = atomic_write(target, "original\n", backup_dir=backups).backup
    second = atomic_write(target, "original\n", backup_dir=backups).backup
    assert first == second and first is not None
    assert len([p for p in first.parent.iterdir() if p.suffix == ".json"]) == 1


def test_backup_folders_differ_for_files_with_the_same_name(tmp_path: Path, backups: Path) -> None:
    user = tmp_path / "home" / ".claude" / "settings.json"
    project = tmp_path / "work" / ".claude" / "settings.json"
    for target in (user, project):
        target.parent.mkdir(parents=True)
        target.write_text("{}\n")
        atomic_write(target, '{"x": 1}\n', backup_dir=backups)
    assert len(list(backups.iterdir())) == 2


def test_keep_backups_zero_makes_none(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("{}\n")
    assert atomic_write(target, "[]\n", backup_dir=backups, keep_backups=0).backup is None
    assert not backups.exists()


def test_default_backup_dir_is_in_the_user_state_folder(tmp_path: Path) -> None:
    # conftest points XDG_STATE_HOME at tmp_path/xdg/state
    assert default_backup_dir() == tmp_path / "xdg" / "state" / "claude-bedrock-tui" / "backups"
    target = tmp_path / "settings.json"
    target.write_text("old\n")
    backup = atomic_write(target, "new\n").backup
    assert backup is not None and backup.parent.parent == default_backup_dir()
    assert backup.read_text() == "old\n"


@posix_only
@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o644)])
def test_new_file_mode_is_0644_masked_by_umask(tmp_path: Path, umask: int, expected: int) -> None:
    old = os.umask(umask)
    try:
        target = tmp_path / "new.json"
        atomic_write(target, "{}\n", backup_dir=tmp_path / "b")
    finally:
        os.umask(old)
    assert mode_of(target) == expected


@posix_only
def test_private_forces_0600_for_new_and_existing_files(tmp_path: Path, backups: Path) -> None:
    new = tmp_path / "new.local.json"
    atomic_write(new, "{}\n", private=True, backup_dir=backups)
    assert mode_of(new) == 0o600
    existing = tmp_path / "settings.local.json"
    existing.write_text("{}\n")
    existing.chmod(0o644)
    atomic_write(existing, '{"env": {"AWS_BEARER_TOKEN_BEDROCK": "secret"}}\n', private=True, backup_dir=backups)
    assert mode_of(existing) == 0o600


@posix_only
@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664])
def test_existing_mode_is_kept(tmp_path: Path, backups: Path, mode: int) -> None:
    target = tmp_path / "settings.json"
    target.write_text("{}\n")
    target.chmod(mode)
    atomic_write(target, '{"a": 1}\n', backup_dir=backups)
    assert mode_of(target) == mode


def test_failed_replace_leaves_the_original_and_no_temp_file(
    tmp_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "settings.json"
    target.write_text("original\n")

    def broken_rename(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(safe_write, "_rename_into_place", broken_rename)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "new\n", backup_dir=backups)
    assert target.read_text() == "original\n"
    assert leftovers(tmp_path) == []


def test_unencodable_text_writes_nothing(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("original\n")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, '{"bad": "\ud800"}', backup_dir=backups)
    assert target.read_text() == "original\n"
    assert not backups.exists() and leftovers(tmp_path) == []


# --- crash safety ------------------------------------------------------------------------------


def _read_line(stream, deadline: float) -> str:
    """One line from a child's stdout, or fail once `deadline` passes."""
    ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
    assert ready, "the writer child did not start in time"
    return stream.readline().decode().strip()


@posix_only
@pytest.mark.slow  # 20 writer processes killed one after another: several seconds
def test_sigkill_at_random_moments_never_leaves_a_partial_file(tmp_path: Path) -> None:
    old_text = "Überprüfung ✓ " + "A" * 2_000_000 + "\n"
    new_text = "设置 " + "B" * 2_300_000 + "\n"
    file_a, file_b = tmp_path / "a.txt", tmp_path / "b.txt"
    file_a.write_bytes(old_text.encode())
    file_b.write_bytes(new_text.encode())
    folder = tmp_path / "target"
    target = folder / "settings.json"
    atomic_write(target, old_text, backup_dir=tmp_path / "backups")
    allowed = {old_text.encode(), new_text.encode()}
    writer = Path(__file__).with_name("_crash_writer.py")
    chance = random.Random(20240601)
    completed_writes = 0
    seen = set()
    killed_mid_write = 0
    temp_files_before: set[str] = set()

    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, str(writer), str(target), str(file_a), str(file_b)],
            stdout=subprocess.PIPE,
        )
        try:
            assert _read_line(child.stdout, time.monotonic() + 30) == "ready"
            time.sleep(chance.uniform(0.0, 0.25))  # the random moment of the kill: the point of the test
            child.send_signal(signal.SIGKILL)
            output, _ = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        counts = [int(line) for line in output.split()]
        completed_writes += counts[-1] if counts else 0
        content = target.read_bytes()
        assert content in allowed, f"partial file: {len(content)} bytes"
        seen.add(content)
        temp_files = set(leftovers(folder))
        killed_mid_write += bool(temp_files - temp_files_before)
        temp_files_before = temp_files

    assert completed_writes > 0  # the children really were writing when they were killed
    assert len(seen) == 2  # and both contents were seen after kills
    print(f"{completed_writes} writes, {killed_mid_write} of 20 kills left a temp file")
    assert killed_mid_write > 0  # some kills landed between creating the temp file and the rename


# --- concurrent writers, unsafe targets, leftovers (core/file_lock, core/swap) -------------------


def test_the_lock_is_exclusive_bounded_and_leaves_nothing(tmp_path: Path) -> None:
    from claude_bedrock_tui.core.file_lock import LockBusy, locked

    folder = tmp_path / "claude"
    folder.mkdir()
    target = folder / "settings.json"
    with locked(target):
        assert (folder / ".settings.json.lock").exists()
        with pytest.raises(LockBusy, match="being written by another") as busy, locked(target, wait_s=0.1):
            pass
        assert busy.value.lock_path.name == ".settings.json.lock"
        with pytest.raises(LockBusy):
            atomic_write(target, "x\n", lock_wait_s=0.1)
        assert not target.exists()
    assert list(folder.iterdir()) == []  # the lock file is removed with the lock


def test_an_outside_edit_landing_after_the_last_check_is_not_lost(
    tmp_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claude Code does not take our lock: an edit between the re-check and the rename must survive."""
    target = tmp_path / "settings.json"
    target.write_text('{"ours": 0}\n')
    expected = fingerprint(target)
    real_recheck = safe_write._recheck

    def recheck_then_outside_edit(path: Path, wanted: Fingerprint, before: bytes | None) -> None:
        real_recheck(path, wanted, before)
        path.write_text('{"claude code": "wrote this"}\n')  # in place, as an editor would

    monkeypatch.setattr(safe_write, "_recheck", recheck_then_outside_edit)
    with pytest.raises(ChangedOnDisk):
        atomic_write(target, '{"ours": 1}\n', expected=expected, backup_dir=backups)
    assert target.read_text() == '{"claude code": "wrote this"}\n'
    assert leftovers(tmp_path) == []


def test_an_outside_rename_landing_after_the_last_check_is_not_lost(
    tmp_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "settings.json"
    target.write_text('{"ours": 0}\n')
    expected = fingerprint(target)
    real_recheck = safe_write._recheck

    def recheck_then_outside_rename(path: Path, wanted: Fingerprint, before: bytes | None) -> None:
        real_recheck(path, wanted, before)
        (tmp_path / "theirs").write_text('{"theirs": 1}\n')
        os.replace(tmp_path / "theirs", path)

    monkeypatch.setattr(safe_write, "_recheck", recheck_then_outside_rename)
    with pytest.raises(ChangedOnDisk):
        atomic_write(target, '{"ours": 1}\n', expected=expected, backup_dir=backups)
    assert target.read_text() == '{"theirs": 1}\n'


def test_a_file_created_after_the_last_check_is_not_replaced(
    tmp_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "settings.json"
    real_recheck = safe_write._recheck

    def recheck_then_create(path: Path, wanted: Fingerprint, before: bytes | None) -> None:
        real_recheck(path, wanted, before)
        path.write_text('{"new": "theirs"}\n')

    monkeypatch.setattr(safe_write, "_recheck", recheck_then_create)
    with pytest.raises(ChangedOnDisk, match="was created"):
        atomic_write(target, '{"ours": 1}\n', expected=fingerprint_text(None), backup_dir=backups)
    assert target.read_text() == '{"new": "theirs"}\n'


def test_the_recheck_under_the_lock_sees_an_edit_made_while_the_temp_file_was_written(
    tmp_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "settings.json"
    target.write_text("{}\n")
    expected = fingerprint(target)
    real_write_temp = safe_write._write_temp

    def slow_temp(*args: object) -> Path:
        temp = real_write_temp(*args)
        target.write_text('{"meanwhile": true}\n')
        return temp

    monkeypatch.setattr(safe_write, "_write_temp", slow_temp)
    with pytest.raises(ChangedOnDisk):
        atomic_write(target, '{"ours": 1}\n', expected=expected, backup_dir=backups)
    assert target.read_text() == '{"meanwhile": true}\n' and leftovers(tmp_path) == []


@posix_only
def test_a_fifo_target_is_never_replaced(tmp_path: Path, backups: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "settings.json").symlink_to(tmp_path / "pipe")
    with pytest.raises(safe_write.UnsafeTarget, match="only regular files are written"):
        atomic_write(tmp_path / "settings.json", "{}\n", backup_dir=backups)
    assert stat.S_ISFIFO(os.stat(tmp_path / "pipe").st_mode)


@posix_only
def test_hard_links_are_refused_unless_forced_then_written_in_place(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("{}\n")
    os.link(target, tmp_path / "other-name.json")
    with pytest.raises(safe_write.UnsafeTarget, match="2 hard links") as refused:
        atomic_write(target, '{"a": 1}\n', backup_dir=backups)
    assert refused.value.force_hint and target.read_text() == "{}\n"
    result = atomic_write(target, '{"a": 1}\n', backup_dir=backups, force=True)
    assert (tmp_path / "other-name.json").read_text() == '{"a": 1}\n'  # the link holds
    assert result.backup is not None and result.backup.read_text() == "{}\n"


@posix_only
def test_read_only_files_are_refused_unless_forced_and_stay_read_only(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("{}\n")
    target.chmod(0o444)
    with pytest.raises(safe_write.UnsafeTarget, match="read-only"):
        atomic_write(target, '{"a": 1}\n', backup_dir=backups)
    atomic_write(target, '{"a": 1}\n', backup_dir=backups, force=True)
    assert target.read_text() == '{"a": 1}\n' and mode_of(target) == 0o444


def test_stale_temp_files_of_our_naming_are_removed_others_kept(tmp_path: Path, backups: Path) -> None:
    folder = tmp_path / "claude"
    folder.mkdir()
    target = folder / "settings.json"
    target.write_text("{}\n")
    (folder / ".settings.json.0123456789ab.tmp").write_text("half")
    (folder / ".settings.json.0123456789ab.tmp.keep").write_text("not ours")
    (folder / ".other.json.0123456789ab.tmp").write_text("another file's")
    atomic_write(target, '{"a": 1}\n', backup_dir=backups)
    assert sorted(p.name for p in folder.iterdir()) == [
        ".other.json.0123456789ab.tmp",
        ".settings.json.0123456789ab.tmp.keep",
        "settings.json",
    ]


def test_backups_are_bounded_by_bytes_keeping_the_newest(tmp_path: Path, backups: Path) -> None:
    target = tmp_path / "settings.json"
    for version in range(6):
        target.write_text(f"{version}" * 100)
        atomic_write(target, "new\n", backup_dir=backups, keep_backups=10, keep_backup_bytes=250)
    (folder,) = backups.iterdir()
    kept = sorted(p.read_text() for p in folder.iterdir() if p.suffix == ".json")
    assert kept == ["4" * 100, "5" * 100]  # 200 bytes fit in 250; a third would not
    atomic_write(target, "x" * 1000, backup_dir=backups, keep_backup_bytes=250)
    atomic_write(target, "y\n", backup_dir=backups, keep_backup_bytes=250)
    assert [p.read_text() for p in folder.iterdir() if p.suffix == ".json"] == ["x" * 1000]  # the newest stays


def test_an_unusable_backup_folder_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    from claude_bedrock_tui.core.backups import BackupFailed

    target = tmp_path / "settings.json"
    target.write_text("{}\n")
    not_a_folder = tmp_path / "state"
    not_a_folder.write_text("a file where the backups folder should be")
    with pytest.raises(BackupFailed) as failed:
        atomic_write(target, '{"a": 1}\n', backup_dir=not_a_folder / "backups")
    message = str(failed.value)
    assert message.startswith("could not keep a backup in") and "Nothing was written" in message
    cli_message = safe_write.describe_write_failure(failed.value, target, no_backup_flag="--no-backup")
    assert cli_message == message + " Or pass --no-backup to write without a backup."
    assert target.read_text() == "{}\n"
    atomic_write(target, '{"a": 1}\n', backup_dir=not_a_folder / "backups", keep_backups=0)
    assert target.read_text() == '{"a": 1}\n'
