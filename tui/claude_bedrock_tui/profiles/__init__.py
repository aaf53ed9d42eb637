"""Named profiles: save, switch and share Bedrock setups; the built-in `off` profile."""

from claude_bedrock_tui.profiles.apply import (
    ApplyPlan,
    configured_values,
    matching_profile,
    plan_apply,
    profile_from_configuration,
    reference_notes,
)
from claude_bedrock_tui.profiles.model import OFF, OFF_PROFILE, OffProfile, Profile, check_profile_name
from claude_bedrock_tui.profiles.store import (
    FileIssue,
    ProfileError,
    ProfileFileError,
    ProfileStore,
    default_profiles_path,
)

__all__ = [
    "OFF",
    "OFF_PROFILE",
    "ApplyPlan",
    "FileIssue",
    "OffProfile",
    "Profile",
    "ProfileError",
    "ProfileFileError",
    "ProfileStore",
    "check_profile_name",
    "configured_values",
    "default_profiles_path",
    "matching_profile",
    "plan_apply",
    "profile_from_configuration",
    "reference_notes",
]
