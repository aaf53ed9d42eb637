"""Every test runs in a sandbox: its own HOME, working directory, config folders and environment.

Nothing of the developer's own (~/.claude, ~/.aws, /etc/claude-code, AWS_* exports) can leak in,
and nothing a test writes can land outside tmp_path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Prefixes and names of variables that change what Claude Code, boto3 or this tool would do.
_CLEARED_PREFIXES = (
    "AWS_",
    "ANTHROPIC_",
    "CLAUDE_CODE_",
    "CLAUDE_BEDROCK_TUI_",
    "XDG_",
    "TEXTUAL",
    "DISABLE_PROMPT_CACHING",
    "ENABLE_PROMPT_CACHING",
    "FORCE_PROMPT_CACHING",
)
_CLEARED_NAMES = (
    "CLAUDE_CONFIG_DIR",
    "MAX_THINKING_TOKENS",
    "NO_COLOR",
    "API_TIMEOUT_MS",
    "NODE_EXTRA_CA_CERTS",
    *(name for proxy in ("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "ALL_PROXY") for name in (proxy, proxy.lower())),
)
_KEPT_NAMES = ("TEXTUAL_SNAPSHOT_TEMPDIR",)  # pytest-textual-snapshot's own hand-off between processes


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, cwd, XDG (platformdirs) and managed settings at tmp_path; clear AWS/Claude vars."""
    for name in list(os.environ):
        if (name.startswith(_CLEARED_PREFIXES) or name in _CLEARED_NAMES) and name not in _KEPT_NAMES:
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    work = tmp_path / "work"
    for folder in (home, work, tmp_path / "managed"):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    for var, sub in (
        ("XDG_CONFIG_HOME", "xdg/config"),
        ("XDG_STATE_HOME", "xdg/state"),
        ("XDG_DATA_HOME", "xdg/data"),
        ("XDG_CACHE_HOME", "xdg/cache"),
    ):
        monkeypatch.setenv(var, str(tmp_path / sub))
    # The managed scope normally lives in /etc/claude-code; never read the machine's own.
    monkeypatch.setenv("CLAUDE_BEDROCK_TUI_MANAGED_DIR", str(tmp_path / "managed"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    # A safety net: any AWS call a test forgets to point at the local stand-in goes to a closed local
    # port and fails at once, instead of reaching for the internet.
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.chdir(work)
    return tmp_path


@pytest.fixture(autouse=True)
def _steady_cursor(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app tests keep the cursor steadily on: a blinking one makes pictures depend on timing.

    Textual has no public switch for every Input at once (cursor_blink is per widget), so this replaces
    the blink timer's callback; the rest of the tests never import Textual for it.
    """
    if request.module.__name__.startswith("test_app"):
        from textual.widgets import Input

        monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
