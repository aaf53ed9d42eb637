"""Where the named profiles live, without importing the profiles package (pydantic, tomlkit).

The main screen's header names the matching profile; when there is no profiles file (the usual case
and the demo) that needs no parsing at all, so the app never pays for pydantic it does not use.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from claude_bedrock_tui.core.locations import profiles_file

__all__ = ["OFF_NAME", "profiles_path_for"]
OFF_NAME = "off"  # the built-in profile's name, profiles.model.OFF (a test checks)


def profiles_path_for(environ: Mapping[str, str]) -> Path:
    """platformdirs' rule for the profiles file, read from `environ`: a sandboxed run stays in its HOME."""
    return profiles_file(environ)
