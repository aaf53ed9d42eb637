"""Masking secrets wherever they are shown."""

from __future__ import annotations

from claude_bedrock_tui.core.fields import is_secret


def mask(value: str) -> str:
    """At most the last 4 characters survive; short secrets show none."""
    if not value:
        return value
    tail = value[-4:] if len(value) >= 12 else ""
    return f"****{tail}"


def shown(name: str, value: str | None, *, reveal: bool = False) -> str | None:
    """The value as it may be displayed for a setting called `name`."""
    if value is None or reveal or not is_secret(name):
        return value
    return mask(value)
