"""The one careful reader: regular files only, never blocking, never more than the cap."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from claude_bedrock_tui.core import safe_read
from claude_bedrock_tui.core.aws_profiles import read_aws_profiles
from claude_bedrock_tui.core.safe_read import FileTooLarge, NotARegularFile, read_regular, read_regular_or_none
from claude_bedrock_tui.core.settings_files import read_settings_file
from claude_bedrock_tui.profiles import ProfileFileError, ProfileStore

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev are POSIX")


def finishes(call, timeout: float = 30.0):
    """Run `call` in a thread; fail (instead of hanging the suite) if it does not return in time."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the test
            outcome["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "blocked: the read never returned"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"env": {}}\n' * 1000)
    assert read_regular(path) == b'{"env": {}}\n' * 1000


def test_missing_and_folder(tmp_path: Path) -> None:
    assert read_regular_or_none(tmp_path / "none.json") is None
    with pytest.raises(IsADirectoryError, match="is a folder"):
        read_regular(tmp_path)


@posix_only
def test_a_fifo_is_refused_at_once_with_no_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "settings.json"
    os.mkfifo(pipe)
    with pytest.raises(NotARegularFile, match="FIFO"):
        finishes(lambda: read_regular(pipe))


@posix_only
def test_a_symlink_to_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "settings.json").symlink_to(tmp_path / "pipe")
    with pytest.raises(NotARegularFile):
        finishes(lambda: read_regular(tmp_path / "settings.json"))


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused_without_reading_them(device: str) -> None:
    with pytest.raises(NotARegularFile, match="character device"):
        finishes(lambda: read_regular(Path(device)))


def test_the_cap_is_named_in_the_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2048)
    with pytest.raises(FileTooLarge, match="larger than 16 MiB"):
        read_regular(path, max_bytes=1024)
    assert len(read_regular(path, max_bytes=2048)) == 2048


def test_a_file_growing_past_the_cap_while_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.json"
    path.write_bytes(b"x" * 100)
    real_read = os.read

    def read_more(fd: int, size: int) -> bytes:
        return real_read(fd, size) or b"y" * size  # never ends, like a file someone keeps appending to

    monkeypatch.setattr(safe_read.os, "read", read_more)
    with pytest.raises(FileTooLarge):
        read_regular(path, max_bytes=1000)


@posix_only
def test_every_reader_reports_a_fifo_instead_of_hanging(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".aws").mkdir(parents=True)
    os.mkfifo(home / ".aws" / "config")
    os.mkfifo(tmp_path / "settings.json")
    os.mkfifo(tmp_path / "profiles.toml")

    settings = finishes(lambda: read_settings_file("user", tmp_path / "settings.json"))
    assert settings.state == "unreadable" and "FIFO" in settings.error
    aws = finishes(lambda: read_aws_profiles({"HOME": str(home)}))
    assert any("FIFO" in error for error in aws.errors)
    with pytest.raises(ProfileFileError, match="FIFO"):
        finishes(lambda: ProfileStore(tmp_path / "profiles.toml").load())
