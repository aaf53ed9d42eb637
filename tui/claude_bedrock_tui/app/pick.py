"""Opening the right picker for a field, and putting the choice back into the editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_bedrock_tui.app.hints import no_profiles_note
from claude_bedrock_tui.app.screens.pickers import PickerScreen, model_choices, profile_choices
from claude_bedrock_tui.app.widgets.field_editor import STRUCTURED
from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.fields import SPEC_BY_NAME

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp

NO_PROFILES_YET = (
    "No inference profiles fetched yet: validate (F5) to list this region's profiles. You can also type an ID or ARN."
)
# Offered before a validation has listed the region's own profiles: Claude models on Bedrock by base ID,
# and whether a `global.` profile serves them. A suggestion only: F5 tells what the region offers.
OFFLINE_MODELS: tuple[tuple[str, bool], ...] = (
    ("anthropic.claude-sonnet-4-5-20250929-v1:0", True),
    ("anthropic.claude-haiku-4-5-20251001-v1:0", True),
    ("anthropic.claude-opus-4-5-20251101-v1:0", True),
    ("anthropic.claude-opus-4-1-20250805-v1:0", False),
    ("anthropic.claude-sonnet-4-20250514-v1:0", True),
    ("anthropic.claude-3-7-sonnet-20250219-v1:0", False),
)


def offline_pairs(region: str | None) -> list[tuple[str, str]]:
    """(profile ID, label) from the offline catalogue: the region's geography first, then global."""
    prefix = model_ids.geography_prefix(region)
    pairs = []
    for head in (prefix, "global"):
        for bare, has_global in OFFLINE_MODELS:
            if head == "global" and not has_global:
                continue
            info = model_ids.model_info(bare)
            name = info[0] if info else bare
            pairs.append((f"{head}.{bare}", f"{name} · offline suggestion"))
    return pairs


def model_pairs(profiles: list, prefix: str) -> list[tuple[str, str]]:
    """(value, name) per inference profile: the region's own prefix first, application profiles by ARN."""

    def rank(p) -> int:
        if p.type == "APPLICATION":
            return 3
        head = p.id.split(".", 1)[0]
        return 0 if head == prefix else (1 if head == "global" else 2)

    return [(p.arn if p.type == "APPLICATION" else p.id, p.name) for p in sorted(profiles, key=rank)]


def open_picker(app: BedrockApp, name: str) -> None:
    session = app.session
    current = session.value(name)
    if name in STRUCTURED:
        _open_structured(app, name, current)
        return
    if name == "AWS_PROFILE":
        aws = session.base.aws
        profiles = list(aws.profiles.values()) if aws else []
        login_only = app.main.editors.method == "login"
        if login_only:
            profiles = [p for p in profiles if p.kind == "login"]
        note = "Still reading the AWS profile files…"
        if aws:
            clause = no_profiles_note(aws, session.base.shell, login_only)
            note = clause[:1].upper() + clause[1:] + "."
        screen = PickerScreen("AWS profile", profile_choices(profiles), current=current, empty_note=note)
        app.push_screen(screen, lambda value: _profile_picked(app, value))
        return
    region = session.preview.value("AWS_REGION")
    pairs = model_pairs(app.known_profiles, model_ids.geography_prefix(region))
    title = f"{SPEC_BY_NAME[name].title} · {name}"
    note = ""
    if not pairs:
        pairs = offline_pairs(region)
        note = "offline suggestions: F5 validates and lists the region's own"
    screen = PickerScreen(
        title, model_choices(pairs), current=current, free_entry=True, empty_note=NO_PROFILES_YET, note=note, one_m=True
    )

    def picked(value: str | None) -> None:
        if value:
            app.set_field(name, value)

    app.push_screen(screen, picked)


def _profile_picked(app: BedrockApp, value: str | None) -> None:
    """Put the profile in; suggest its refresh command, withdrawing an earlier suggestion left as it was."""
    if not value:
        return
    session = app.session
    if app.refresh_suggestion is not None and session.value("awsAuthRefresh") == app.refresh_suggestion:
        session.set("awsAuthRefresh", None)  # our suggestion for another profile, not edited since: withdrawn
    app.refresh_suggestion = None
    app.set_field("AWS_PROFILE", value)
    aws = session.base.aws
    profile = aws.get(value) if aws else None
    refresh = profile.refresh_command if profile else None
    if profile and refresh and not session.value("awsAuthRefresh"):
        session.set("awsAuthRefresh", refresh)
        app.refresh_suggestion = refresh
        app.notify(f"awsAuthRefresh suggested for this {profile.kind} profile: {refresh}")
    app.session_changed()


def _open_structured(app: BedrockApp, name: str, current: str | None) -> None:
    """The guardrail dialog or the modelOverrides table; "" from either removes the setting."""
    from claude_bedrock_tui.app.screens.structured import GuardrailScreen, OverridesScreen, override_pairs

    if name == "modelOverrides" and override_pairs(current) is None:
        app.notify(
            "modelOverrides is not a JSON object of IDs, so it cannot be shown as a table: fix it in the editor.",
            severity="warning",
        )
        return
    screen = GuardrailScreen(current) if name == "ANTHROPIC_CUSTOM_HEADERS" else OverridesScreen(current)

    def done(value: str | None) -> None:
        if value is not None:
            app.set_field(name, value)

    app.push_screen(screen, done)
