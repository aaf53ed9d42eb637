"""Opening the right picker for a field, and putting the choice back into the editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_bedrock_tui.app.screens.pickers import PickerScreen, model_choices, profile_choices
from claude_bedrock_tui.core import catalog
from claude_bedrock_tui.core.fields import SPEC_BY_NAME

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp

NO_PROFILES_YET = ("No inference profiles fetched yet: validate (F5) to list this region's profiles. "
                   "You can also type an ID or ARN.")


def model_pairs(profiles: list, prefix: str) -> list[tuple[str, str]]:
    """(value, name) per inference profile: the region's own prefix first, application profiles by ARN."""
    def rank(p) -> int:
        if p.type == "APPLICATION":
            return 3
        head = p.id.split(".", 1)[0]
        return 0 if head == prefix else (1 if head == "global" else 2)

    return [(p.arn if p.type == "APPLICATION" else p.id, p.name) for p in sorted(profiles, key=rank)]


def open_picker(app: "BedrockApp", name: str) -> None:
    session = app.session
    current = session.value(name)
    if name == "AWS_PROFILE":
        aws = session.base.aws
        profiles = list(aws.profiles.values()) if aws else []
        if app.main.editors.method == "login":
            profiles = [p for p in profiles if p.kind == "login"]
        note = "No AWS profiles found." if aws else "Still reading the AWS profile files…"
        screen = PickerScreen("AWS profile", profile_choices(profiles), current=current, empty_note=note)
        app.push_screen(screen, lambda value: _profile_picked(app, value))
        return
    pairs = model_pairs(app.known_profiles, catalog.region_prefix(session.preview.value("AWS_REGION")))
    title = f"{SPEC_BY_NAME[name].title} · {name}"
    screen = PickerScreen(title, model_choices(pairs), current=current, free_entry=True,
                          empty_note=NO_PROFILES_YET, one_m=True)
    app.push_screen(screen, lambda value: value and app.set_field(name, value))


def _profile_picked(app: "BedrockApp", value: str | None) -> None:
    if not value:
        return
    app.set_field("AWS_PROFILE", value)
    aws = app.session.base.aws
    profile = aws.get(value) if aws else None
    refresh = profile.refresh_command if profile else None
    if refresh and not app.session.value("awsAuthRefresh"):
        app.main.editors.editor("awsAuthRefresh").load(refresh, True)
        app.session.set("awsAuthRefresh", refresh)
        app.notify(f"awsAuthRefresh suggested for this {profile.kind} profile: {refresh}")
    app.main.editors.editor("AWS_PROFILE").control.focus()
