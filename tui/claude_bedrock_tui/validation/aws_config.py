"""Helpers for reading AWS caches as a candidate environment would see them (no boto3).

The profile files themselves are read by core.aws_profiles.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from claude_bedrock_tui.core.aws_profiles import AwsProfiles, expand_path, read_aws_profiles
from claude_bedrock_tui.core.locations import home_dir

__all__ = ["AwsProfiles", "expand_path", "home_of", "parse_timestamp", "read_aws_profiles"]


def home_of(env: dict[str, str]) -> Path:
    """The home folder of the candidate environment (not necessarily this process's)."""
    return home_dir(env)


def parse_timestamp(raw: str) -> datetime | None:
    """Parse the ISO-ish timestamps the AWS caches write (`...Z`, `...UTC`, offsets)."""
    text = raw.strip()
    if text.endswith("UTC"):
        text = text[:-3] + "+00:00"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
