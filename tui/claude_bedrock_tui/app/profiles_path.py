"""Where the named profiles live, without importing the profiles package (pydantic, tomlkit).

The main screen's header names the matching profile; when there is no profiles file (the usual case
and the demo) that needs no parsing at all, so the app never pays for pydantic it does not use.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "claude-bedrock-tui"  # the same folder name as profiles.store.APP_NAME (a test checks)
OFF_NAME = "off"  # the built-in profile's name, profiles.model.OFF (a test checks)


def profiles_path_for(environ: Mapping[str, str]) -> Path:
    """platformdirs' rule for the profiles file, read from `environ`: a sandboxed run stays in its HOME."""
    xdg = environ.get("XDG_CONFIG_HOME", "")
    if xdg.startswith("/") and not sys.platform.startswith("win"):
        return Path(xdg) / APP_NAME / "profiles.toml"
    home = environ.get("HOME", "")
    if home.startswith("/") and sys.platform == "darwin":
        return Path(home) / "Library" / "Application Support" / APP_NAME / "profiles.toml"
    if home.startswith("/") and not sys.platform.startswith("win"):
        return Path(home) / ".config" / APP_NAME / "profiles.toml"
    from claude_bedrock_tui.profiles import default_profiles_path

    return default_profiles_path()
