"""A throw-away HOME for running the user's own Claude Code: copies of what it reads, nothing it may write back.

Claude Code reads the user's settings and AWS files and may write its state, transcripts, refreshed SSO
tokens and model pins. Run with a HOME made of copies (0700, removed afterwards), every one of those writes
lands in the copy. The user's own files are fingerprinted before and after: any change is reported loudly.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.locations import home_dir
from claude_bedrock_tui.core.safe_read import read_regular

# AWS caches Claude Code's SDK may read (and refresh): copied with the profile files.
_AWS_CACHES = (Path(".aws") / "sso" / "cache", Path(".aws") / "login" / "cache")


@dataclass
class TraceHome:
    """The throw-away HOME and the environment that points Claude Code at it."""

    root: Path
    environ: dict[str, str]
    watched: dict[Path, str | None] = field(default_factory=dict)  # the user's files -> fingerprint before


def fingerprint(path: Path) -> str | None:
    """A digest of a regular file's content (None when missing, "unreadable" when it cannot be read)."""
    try:
        return hashlib.sha256(read_regular(path)).hexdigest()
    except FileNotFoundError:
        return None
    except OSError:
        return "unreadable"


def _inside(path: Path, folder: Path) -> Path | None:
    try:
        return path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return None


def _copy(source: Path, target: Path) -> None:
    try:
        data = read_regular(source)
    except OSError:
        return  # missing or not a regular file: Claude Code will not find it in the copy either
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.write_bytes(data)
    target.chmod(0o600)


def user_files(config: Configuration) -> list[Path]:
    """Every file of the user's that Claude Code reads or could write: watched before and after."""
    files = [f.path for f in config.files if f.scope != "managed"]
    home = home_dir(config.shell)
    files.append(home / ".claude.json")
    if config.aws is not None:
        files += [config.aws.config_path, config.aws.credentials_path]
    for cache in _AWS_CACHES:
        folder = home / cache
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.is_file())
    return list(dict.fromkeys(files))


def _copied_environ(config: Configuration, root: Path) -> dict[str, str]:
    """The shell with HOME, and the AWS file paths inside it, moved into the copy. CLAUDE_CONFIG_DIR always
    moves (Claude Code writes its state there), wherever it was."""
    home = home_dir(config.shell)
    environ = dict(config.shell)
    environ["HOME"] = str(root)
    for name in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        value = environ.get(name)
        relative = _inside(Path(value).expanduser(), home) if value else None
        if relative is not None:
            environ[name] = str(root / relative)
    if environ.get("CLAUDE_CONFIG_DIR"):
        environ["CLAUDE_CONFIG_DIR"] = str(root / "claude-config")
    return environ


@contextmanager
def trace_home(config: Configuration) -> Iterator[TraceHome]:
    """A 0700 HOME holding copies of the user's Claude Code settings and AWS files; removed on exit."""
    home = home_dir(config.shell)
    root = Path(tempfile.mkdtemp(prefix="claude-bedrock-trace-"))
    try:
        root.chmod(0o700)
        watched = {path: fingerprint(path) for path in user_files(config)}
        for path in watched:
            relative = _inside(path, home)
            if relative is not None:
                _copy(path, root / relative)
        environ = _copied_environ(config, root)
        if "CLAUDE_CONFIG_DIR" in environ:
            _copy(config.file("user").path, Path(environ["CLAUDE_CONFIG_DIR"]) / "settings.json")
        yield TraceHome(root, environ, watched)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def changed_files(watched: Mapping[Path, str | None]) -> list[Path]:
    """The user's files whose content is not what it was before the run."""
    return [path for path, before in watched.items() if fingerprint(path) != before]
