"""Which Claude Code is installed: `claude` on the PATH, its version, cached with the binary's mtime.

`claude --version` takes a few hundred milliseconds; the answer is kept in the app's state folder,
keyed by the binary's real path, size and mtime, so `show` pays for it once per installed version.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from claude_bedrock_tui.core.claude_code.rules import RuleBook, Version, parse_version, rulebook_for
from claude_bedrock_tui.core.locations import app_dir
from claude_bedrock_tui.core.procs import TimedOut, run_bounded

VERSION_TIMEOUT_S = 5.0
INSTALL_COMMAND = "npm install -g @anthropic-ai/claude-code"
_CACHE_NAME = "claude-version.json"


@dataclass(frozen=True)
class InstalledClaude:
    """The `claude` on the PATH and its version, or why the version is unknown."""

    path: Path | None  # None when no `claude` is on the PATH
    version: Version | None
    problem: str = ""  # why the version is unknown, when it is


def find_claude(environ: Mapping[str, str]) -> Path | None:
    """`claude` as a shell with this environment's PATH would find it."""
    found = shutil.which("claude", path=environ.get("PATH", ""))
    return Path(found) if found else None


def _cache_path(environ: Mapping[str, str]) -> Path | None:
    return app_dir("state", environ) / _CACHE_NAME


def _stamp(binary: Path) -> str | None:
    try:
        real = binary.resolve()
        info = real.stat()
    except OSError:
        return None
    return f"{real}:{info.st_size}:{info.st_mtime_ns}"


def _cached(cache: Path | None, stamp: str) -> Version | None:
    if cache is None:
        return None
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        text = data.get(stamp) if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None
    return parse_version(text) if isinstance(text, str) else None


def _remember(cache: Path | None, stamp: str, version: Version) -> None:
    if cache is None:
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({stamp: ".".join(map(str, version))}), encoding="utf-8")
        os.replace(temporary, cache)
    except OSError:
        pass  # a cache that cannot be written only costs time next run


def installed_claude(
    environ: Mapping[str, str], *, use_cache: bool = True, timeout_s: float = VERSION_TIMEOUT_S
) -> InstalledClaude:
    binary = find_claude(environ)
    if binary is None:
        return InstalledClaude(None, None, "no `claude` on the PATH")
    stamp = _stamp(binary)
    cache = _cache_path(environ) if use_cache else None
    if stamp and (known := _cached(cache, stamp)):
        return InstalledClaude(binary, known)
    try:
        done = run_bounded([str(binary), "--version"], timeout_s)
    except TimedOut:
        return InstalledClaude(binary, None, f"`{binary} --version` did not answer within {timeout_s:g} s")
    except OSError as exc:
        return InstalledClaude(binary, None, f"`{binary} --version` could not run: {exc.strerror or exc}")
    version = parse_version(done.stdout) if done.returncode == 0 else None
    if version is None:
        return InstalledClaude(binary, None, f"`{binary} --version` printed no version (exit {done.returncode})")
    if stamp:
        _remember(cache, stamp, version)
    return InstalledClaude(binary, version)


def rulebook(environ: Mapping[str, str], claude_version: str | None = None) -> RuleBook:
    """The rules to predict with: for `claude_version` when given, else for the installed Claude Code."""
    if claude_version:
        return rulebook_for(parse_version(claude_version), f"--claude-version {claude_version}")
    found = installed_claude(environ)
    if found.version is None:
        return rulebook_for(None, found.problem)
    return rulebook_for(found.version, f"installed: {found.path}")
