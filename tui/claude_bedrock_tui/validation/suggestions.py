"""Which inference profile to suggest instead of an ID Bedrock refuses, from what the region lists."""

from __future__ import annotations

from claude_bedrock_tui.core import model_ids


def suggest_profile(bare_id: str, region: str, offered: list[str]) -> str:
    """The profile ID to use for a bare model: from the region's list when it has one, else by geography."""
    wanted = f"{model_ids.geography_prefix(region)}.{bare_id}"
    if wanted in offered:
        return wanted
    matches = [p for p in offered if p.endswith("." + bare_id)]
    return matches[0] if matches else model_ids.profile_id_for(bare_id, region)


def bare_part(model_id: str) -> str | None:
    """The `anthropic.claude-...` part of a bare ID, a profile ID or a foundation-model ARN."""
    base, _ = model_ids.strip_one_m(model_id)
    if model_ids.BARE_ID_RE.match(base):
        return base
    if profile := model_ids.PROFILE_ID_RE.match(base):
        return profile["model"]
    if (arn := model_ids.ARN_RE.match(base)) and arn["kind"] == "foundation-model":
        return arn["id"]
    return None
