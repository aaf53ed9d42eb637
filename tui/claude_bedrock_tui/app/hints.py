"""The line under each editor: what the setting resolves to now, and what to know about the value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.content import Content

from claude_bedrock_tui.app.display import SEVERITY_MARK, SEVERITY_STYLE, display_path, origin_label, shown_value
from claude_bedrock_tui.app.session import EditSession
from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.change_checks import change_notes
from claude_bedrock_tui.core.fields import Kind, SettingSpec
from claude_bedrock_tui.core.problems import SHARED_SECRET, called_models
from claude_bedrock_tui.core.value_checks import ALIASES
from claude_bedrock_tui.core.wording import counted, them

if TYPE_CHECKING:
    from claude_bedrock_tui.core.aws_profiles import AwsProfiles


def _model_note(value: str | None) -> str:
    if not value:
        return ""
    base, one_m = model_ids.strip_one_m(value)
    if base in ALIASES:
        return f"alias: Claude Code picks the {base} model"
    info = model_ids.model_info(base)
    if info is None:
        return "model not in the offline catalogue"
    name, cap, supports_1m = info
    window = "[1m] on" if one_m else ("[1m] available" if supports_1m else "no [1m]")
    return f"{name} · output cap {cap} · {window}"


def _region_note(spec: SettingSpec, session: EditSession) -> str:
    preview = session.preview
    if spec.name == "AWS_REGION":
        region = preview.effective["AWS_REGION"]
        return f"Claude Code calls {region.value} ({origin_label(region.origin)})"
    if spec.name == "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION":
        haiku = preview.value("ANTHROPIC_DEFAULT_HAIKU_MODEL") or preview.value("ANTHROPIC_SMALL_FAST_MODEL")
        return "applies to the Haiku model" if haiku else "no effect until a Haiku model is pinned"
    if spec.name == "AWS_DEFAULT_REGION":
        return "used only when AWS_REGION is unset"
    return ""


def _token_note(spec: SettingSpec, session: EditSession) -> str:
    """The cap to stay below: the called models' output cap; for thinking, the max output if lower."""
    caps = []
    for called in called_models(session.preview):
        info = model_ids.model_info(called.model_id)
        if info:
            caps.append((info[1], info[0]))
    if not caps:
        return ""
    cap, name = min(caps)
    if spec.name == "MAX_THINKING_TOKENS":
        output = session.preview.value("CLAUDE_CODE_MAX_OUTPUT_TOKENS") or ""
        if output.isdigit() and int(output) < cap:
            return f"stay below {int(output)} (CLAUDE_CODE_MAX_OUTPUT_TOKENS)"
    return f"stay below {cap} ({name})"


def no_profiles_note(aws: AwsProfiles, shell: Mapping[str, str], login_only: bool = False) -> str:
    """Where the profiles were looked for, and what makes one (the picker and the hint say the same)."""
    config, credentials = display_path(aws.config_path, shell), display_path(aws.credentials_path, shell)
    if login_only:
        return f"no `aws login` profile in {config}: `aws login --profile NAME` makes one"
    return f"no AWS profiles in {config} or {credentials}: `aws configure` (or `aws configure sso`) makes one"


def _profile_note(session: EditSession, value: str | None) -> str:
    aws = session.base.aws
    if aws is None:
        return "reading AWS profiles…"
    name = value or session.preview.value("AWS_PROFILE")
    profile = aws.get(name)
    if profile is not None:
        return f"{profile.name}: {profile.kind}, region {profile.region or 'not set'}"
    count = len(aws.profiles)
    if name:  # a name the files lack (a check says so, and where it looked): how to make it, what there is
        found = f"F3 lists the {counted(count, 'profile')} found · " if count else ""
        return f"{found}`aws configure --profile {name}` makes it"
    if not count:
        return no_profiles_note(aws, session.base.shell)
    return f"{counted(count, 'profile')} found · F3 lists {them(count)}"


def _refresh_note(session: EditSession) -> str:
    aws = session.base.aws
    profile = aws.get(session.preview.value("AWS_PROFILE")) if aws else None
    if profile and profile.refresh_command:
        return f"suggested: {profile.refresh_command}"
    return ""


def field_note(spec: SettingSpec, session: EditSession) -> str:
    """The setting-specific part of the hint."""
    value = session.preview.value(spec.name)
    if spec.kind is Kind.MODEL:
        return _model_note(value)
    if spec.kind is Kind.REGION:
        return _region_note(spec, session)
    if spec.kind is Kind.INTEGER:
        return _token_note(spec, session)
    if spec.name == "AWS_PROFILE":
        return _profile_note(session, value)
    if spec.name == "awsAuthRefresh":
        return _refresh_note(session)
    return ""


def field_hint(spec: SettingSpec, session: EditSession) -> Content:
    """Where the value in effect comes from when not from the target scope, a note, the worst problem."""
    effective = session.preview.effective.get(spec.name)
    parts: list[Content] = []
    from_elsewhere = effective is not None and effective.value is not None and effective.origin != session.scope
    if effective is not None and from_elsewhere and spec.name != "AWS_REGION":  # the region's note says it better
        parts.append(
            Content.from_markup(
                "now [b]$value[/b] from $origin",
                value=shown_value(spec.name, effective.value),
                origin=origin_label(effective.origin),
            )
        )
    note = field_note(spec, session)
    if note:
        parts.append(Content(note))
    hint = Content(" · ").join(parts)
    if session.is_edited(spec.name):
        # An edit a higher scope shadows does nothing until that scope lets go: say so while typing.
        notes = change_notes(session.preview, session.scope, {spec.name: session.value(spec.name)})
        if notes:
            shadowed = Content.styled("▲ " + " ".join(notes), "$text-warning")
            hint = Content("\n").join([hint, shadowed]) if hint else shadowed
    problems = [p for p in session.preview.problems if p.key == spec.name and p.severity != "info"]
    if problems:
        worst = min(problems, key=lambda p: ("error", "warning").index(p.severity))
        message = worst.message
        if worst.code == SHARED_SECRET and spec.name in session.shared_secret_edits():
            # Not written yet (Save refuses): say what would happen and how to avoid it.
            message = (
                f"{spec.name} would be written to the shared project settings (committed to git). "
                "Press F4 to target local or user instead."
            )
        mark = Content.styled(SEVERITY_MARK[worst.severity] + " " + message, SEVERITY_STYLE[worst.severity])
        hint = Content("\n").join([hint, mark]) if hint else mark
    return hint
