"""The Bedrock region Claude Code calls, and where it comes from."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claude_bedrock_tui.core.claude_code.rules import Rule, RuleBook, always, register

if TYPE_CHECKING:  # the AWS profile files are read after the first frame, and their module with them
    from claude_bedrock_tui.core.aws_profiles import AwsProfiles

DEFAULT_REGION = "us-east-1"

REGION_FALLBACK: Rule[bool] = Rule(
    "region-fallback",
    "Without AWS_REGION: AWS_DEFAULT_REGION, then the AWS profile's region, then us-east-1 "
    "(from 2.1.172; older versions require AWS_REGION).",
    (("0.0.0", False), ("2.1.172", True)),
)
PROFILE_REGION_FILES = always(
    "profile-region-files",
    "The profile's `region` in the credentials file beats the one in the config file; AWS_PROFILE, "
    "AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are read from the merged environment; "
    "AWS_DEFAULT_PROFILE is ignored.",
    True,
)
REGION_SHAPE_CHECKED: Rule[bool] = Rule(
    "region-shape-checked",
    "Region values are trimmed; 2.1.332 also skips a value that does not look like a region "
    "(letters, then up to four dash-separated parts), 2.1.197 uses it as it is.",
    (("2.1.197", False), ("2.1.332", True)),
)
register(REGION_FALLBACK, PROFILE_REGION_FILES, REGION_SHAPE_CHECKED)

# Claude Code's own test for "looks like a region" (2.1.332).
_REGION_SHAPE = re.compile(r"[a-z]{2,}(?:-[a-z0-9]+){0,4}", re.IGNORECASE)


@dataclass(frozen=True)
class RegionPrediction:
    """The region Claude Code calls, where it comes from, and what was set but not used."""

    value: str
    source: str  # AWS_REGION | AWS_DEFAULT_REGION | aws-profile | default
    profile: str | None = None  # the profile whose region was used
    profile_file: str | None = None  # "credentials" | "config"
    skipped: tuple[str, ...] = ()  # sources that were set but not used, and why

    def describe(self) -> str:
        if self.source == "aws-profile":
            return f"the {self.profile_file} file's region of AWS profile {self.profile}"
        if self.source == "default":
            return "Claude Code's default"
        return self.source


def profile_name(env: Mapping[str, str]) -> str:
    """The AWS profile the SDK uses: AWS_PROFILE, else "default" (AWS_DEFAULT_PROFILE is ignored)."""
    return env.get("AWS_PROFILE", "").strip() or "default"


def predict_region(env: Mapping[str, str], aws: AwsProfiles | None, book: RuleBook) -> RegionPrediction:
    checked = book(REGION_SHAPE_CHECKED)
    skipped: list[str] = []

    def usable(name: str, raw: str | None) -> str | None:
        value = (raw or "").strip()
        if not value:
            return None
        if checked and not _REGION_SHAPE.fullmatch(value):
            skipped.append(f"{name}={raw!r} does not look like a region")
            return None
        return value

    if value := usable("AWS_REGION", env.get("AWS_REGION")):
        return RegionPrediction(value, "AWS_REGION", skipped=tuple(skipped))
    if not book(REGION_FALLBACK):
        return RegionPrediction(DEFAULT_REGION, "default", skipped=("AWS_REGION is required by this version",))
    if value := usable("AWS_DEFAULT_REGION", env.get("AWS_DEFAULT_REGION")):
        return RegionPrediction(value, "AWS_DEFAULT_REGION", skipped=tuple(skipped))
    book(PROFILE_REGION_FILES)
    name = profile_name(env)
    profile = aws.get(name) if aws else None
    if profile is not None:
        for where, section in (("credentials", profile.credentials), ("config", profile.config)):
            if value := usable(f"region of profile {name}", section.get("region")):
                return RegionPrediction(value, "aws-profile", name, where, tuple(skipped))
    return RegionPrediction(DEFAULT_REGION, "default", skipped=tuple(skipped))
