"""Small pure helpers shared by the panes: paths as a person reads them, check status marks."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from claude_bedrock_tui.core.secrets import shown

STATUS_MARK = {"pass": "✔", "warn": "▲", "fail": "✘", "skip": "–", "running": "…"}
STATUS_STYLE = {
    "pass": "$success",
    "warn": "$warning",
    "fail": "$text-error",
    "skip": "$text-muted",
    "running": "$accent",
}
SEVERITY_MARK = {"error": "✘", "warning": "▲", "info": "ℹ"}
SEVERITY_STYLE = {"error": "$text-error", "warning": "$warning", "info": "$text-muted"}


def display_path(path: Path | str, environ: Mapping[str, str]) -> str:
    """`~/...` for paths under HOME: shorter, and the same on every machine (stable snapshots)."""
    text = str(path)
    home = environ.get("HOME")
    if home:
        home = home.rstrip("/")
        if text == home:
            return "~"
        if text.startswith(home + "/"):
            return "~" + text[len(home) :]
    return text


def shown_value(name: str, value: str | None) -> str:
    """A value as it may appear on screen: secrets masked, unset and empty spelled out."""
    if value is None:
        return "(unset)"
    if value == "":
        return '""'
    return shown(name, value) or ""


def origin_label(origin: str | None) -> str:
    if origin is None:
        return "unset"
    if origin.startswith("aws-profile:"):
        return f"profile {origin.split(':', 1)[1]}"
    return origin
