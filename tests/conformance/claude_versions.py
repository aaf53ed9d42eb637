"""The Claude Code versions the conformance suite runs, installed from the npm registry on first use.

They are the versions the rules name as measured (`MEASURED_VERSIONS` in core/claude_code/rules.py):
adding a version is that one line, and the suite then shows every rule it breaks. Installs go to
`.conformance/` at the top of the checkout (git-ignored) with npm's cache beside them, so they survive
between runs and never touch the test HOME.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from claude_bedrock_tui.core.claude_code.rules import MEASURED_VERSIONS, parse_version

PINNED: tuple[str, ...] = MEASURED_VERSIONS

ROOT = Path(__file__).resolve().parents[2] / ".conformance"
# The machine's own environment, taken at import (collection), before tests/conftest.py gives each test an
# isolated one: installing from the npm registry is the machine's business and needs its network settings
# (a corporate CA in NODE_EXTRA_CA_CERTS, a proxy), which the isolated test environment rightly clears.
MACHINE_ENVIRON = dict(os.environ)
PACKAGE = "@anthropic-ai/claude-code"


class Unavailable(Exception):
    """This machine cannot run the given Claude Code (no npm, no registry, a failed install)."""


def _binary(folder: Path) -> Path:
    return folder / "node_modules" / ".bin" / "claude"


def _version_of(binary: Path) -> str | None:
    try:
        done = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = parse_version(done.stdout)
    return ".".join(map(str, found)) if found else None


def install(version: str) -> Path:
    """The `claude` binary of `version`, installing it first if needed."""
    folder = ROOT / "claude-code" / version
    binary = _binary(folder)
    if binary.exists() and _version_of(binary) == version:
        return binary
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable("npm is not installed, so no Claude Code version can be installed")
    folder.mkdir(parents=True, exist_ok=True)
    env = {**MACHINE_ENVIRON, "npm_config_cache": str(ROOT / "npm-cache"), "npm_config_update_notifier": "false"}
    command = [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--no-save", f"{PACKAGE}@{version}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env, check=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise Unavailable(f"npm install {PACKAGE}@{version} failed: {' / '.join(tail)}")
    if _version_of(binary) != version:
        # Without its postinstall step the package holds a placeholder; run it as npm would have.
        script = folder / "node_modules" / "@anthropic-ai" / "claude-code" / "install.cjs"
        subprocess.run(["node", str(script)], cwd=script.parent, capture_output=True, timeout=300, check=False, env=env)
    if _version_of(binary) != version:
        raise Unavailable(f"{binary} does not report version {version} after installing it")
    return binary


_binaries: dict[str, Path | str] = {}


def claude_binary(version: str) -> Path:
    """The installed binary, or a skip naming why this machine cannot run that version."""
    if version not in _binaries:
        try:
            _binaries[version] = install(version)
        except Unavailable as exc:
            _binaries[version] = str(exc)
    found = _binaries[version]
    if isinstance(found, str):
        pytest.skip(f"Claude Code {version} is not available here: {found}")
    return found
