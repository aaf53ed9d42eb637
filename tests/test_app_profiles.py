"""Named profiles in the TUI: save the current setup, apply one through the save flow, rename, delete,
a broken profiles file, the matching-profile indicator; and a picture of the profiles screen."""

from __future__ import annotations

import os
import threading
import tomllib
from pathlib import Path

from textual.widgets import Button, OptionList

from app_support import (
    BARE_SONNET_45,
    SONNET_45,
    USER_SETTINGS,
    FakeValidator,
    asking,
    field,
    fixed_clock,
    make_world,
    ready,
    settled,
    wait_until,
)
from claude_bedrock_tui.app.app import BedrockApp
from claude_bedrock_tui.app.profiles_state import config_for_apply, load_plan, profiles_path_for
from claude_bedrock_tui.app.screens.profile_dialogs import ProfileNameScreen
from claude_bedrock_tui.app.screens.profiles import ProfilesScreen
from claude_bedrock_tui.app.screens.save import SaveScreen
from claude_bedrock_tui.app.session import EditSession
from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.profiles import default_profiles_path
from claude_bedrock_tui.standin import Scenario, StandIn

API_KEY = "bedrock-api-key-PERSONALSECRETVALUE0001"
# Matches the world of app_support: the user settings plus the project's output limit.
MATCHING_PROFILE = f"""\
# Hand-written: this comment must survive every write.
[profiles.dev-us]
description = "The dev account in N. Virginia"
AWS_PROFILE = "dev"
AWS_REGION = "us-east-1"
ANTHROPIC_MODEL = "{BARE_SONNET_45}"
CLAUDE_CODE_MAX_OUTPUT_TOKENS = 16384

[profiles.team-eu]
AWS_PROFILE = "corp-sso"
AWS_REGION = "eu-west-1"
ANTHROPIC_MODEL = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
awsAuthRefresh = "aws sso login --profile corp-sso"

[profiles.gateway]
AWS_REGION = "us-west-2"
keys_from_env = {{ AWS_BEARER_TOKEN_BEDROCK = "BEDROCK_KEY" }}
"""
WEST = f"""\
[profiles.west]
AWS_PROFILE = "dev"
AWS_REGION = "us-west-2"
ANTHROPIC_MODEL = "{SONNET_45}"
CLAUDE_CODE_MAX_OUTPUT_TOKENS = "16384"
"""


def profiles_file(world) -> Path:
    return world.home / ".config" / "claude-bedrock-tui" / "profiles.toml"


def write_profiles(world, text: str) -> Path:
    path = profiles_file(world)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def app_for(world, standin: StandIn | None = None) -> BedrockApp:
    if standin is None:
        return BedrockApp(
            project_dir=world.project, environ=world.environ, clock=fixed_clock, validator=FakeValidator()
        )
    return BedrockApp(project_dir=world.project, environ={**world.environ, **standin.endpoint_env()}, clock=fixed_clock)


async def open_profiles(pilot, key: str = "f7") -> ProfilesScreen:
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProfilesScreen))
    await pilot.pause()
    return pilot.app.screen  # type: ignore[return-value]


async def highlight(pilot, screen: ProfilesScreen, name: str) -> None:
    options = screen.query_one(OptionList)
    options.highlighted = next(i for i in range(options.option_count) if options.get_option_at_index(i).id == name)
    await pilot.pause()


def listed(screen: ProfilesScreen) -> dict[str, str]:
    options = screen.query_one(OptionList)
    return {
        options.get_option_at_index(i).id: str(options.get_option_at_index(i).prompt)
        for i in range(options.option_count)
    }


def plain(screen, selector: str) -> str:
    return screen.query_one(selector).render().plain


def test_profiles_path_follows_the_apps_environment(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    assert profiles_path_for(world.environ) == world.home / ".config" / "claude-bedrock-tui" / "profiles.toml"
    xdg = {**world.environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    assert profiles_path_for(xdg) == tmp_path / "cfg" / "claude-bedrock-tui" / "profiles.toml"
    assert profiles_path_for(os.environ) == default_profiles_path()  # the command line's file


def test_applying_replaces_the_scopes_pending_edits_and_keeps_the_others(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    session = EditSession(load(world.project, world.environ, read_aws=False))
    session.set("AWS_REGION", "ap-south-1", "user")
    session.set("CLAUDE_CODE_MAX_OUTPUT_TOKENS", "8000", "project")
    config = config_for_apply(session, "user")
    assert config.file("user").env["AWS_REGION"] == "us-east-1"  # the target as on disk
    assert config.file("project").env["CLAUDE_CODE_MAX_OUTPUT_TOKENS"] == "8000"
    load_plan(session, "user", {"ANTHROPIC_MODEL": SONNET_45, "AWS_PROFILE": None})
    assert session.pending["user"] == {"ANTHROPIC_MODEL": SONNET_45, "AWS_PROFILE": None}
    assert session.pending["project"] == {"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "8000"}


async def test_save_current_as_a_profile_stores_no_secret(tmp_path: Path) -> None:
    user = {**USER_SETTINGS, "env": {**USER_SETTINGS["env"], "AWS_BEARER_TOKEN_BEDROCK": API_KEY}}
    world = make_world(tmp_path, user=user)
    app = app_for(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        field(app, "AWS_REGION").value = "us-west-2"  # an unsaved edit is part of it
        await pilot.pause()
        screen = await open_profiles(pilot)
        assert "not created yet" in plain(screen, "#profiles-file")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileNameScreen))
        notes = plain(app.screen, "#profile-name-notes")
        assert "unsaved edits included" in notes and "Keys are never stored" in notes
        await pilot.press(*"off")
        await pilot.pause()
        assert app.screen.query_one("#ok", Button).disabled  # `off` is built in
        await pilot.press("backspace", "backspace", "backspace", *"work-api", "enter")
        await wait_until(pilot, lambda: app.screen is screen)

        text = profiles_file(world).read_text(encoding="utf-8")
        assert API_KEY not in text and "PERSONALSECRET" not in text
        saved = tomllib.loads(text)["profiles"]["work-api"]
        assert saved["AWS_REGION"] == "us-west-2" and saved["AWS_PROFILE"] == "dev"
        assert saved["keys_from_env"] == {"AWS_BEARER_TOKEN_BEDROCK": "AWS_BEARER_TOKEN_BEDROCK"}
        assert listed(screen)["work-api"].startswith("✔ work-api")  # the current setup is that profile
        assert "matches work-api" in plain(screen, "#profiles-detail")
        await pilot.press("escape")
        await pilot.pause()
        assert "profile: work-api" in app.main.sub_title
        assert app.session.pending["user"] == {"AWS_REGION": "us-west-2"}  # saving a profile writes no settings
        assert world.read_user()["env"]["AWS_REGION"] == "us-east-1"


async def test_apply_a_profile_to_the_user_scope_through_the_save_dialog(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    write_profiles(world, MATCHING_PROFILE + "\n" + WEST)
    original = world.read_user()
    project_before = world.project_file.read_bytes()
    with StandIn(Scenario.preset("healthy")) as standin:
        app = app_for(world, standin)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            screen = await open_profiles(pilot, "ctrl+f")
            await highlight(pilot, screen, "west")
            assert str(screen.query_one("#apply", Button).label) == "Apply to user"
            await pilot.press("a")
            await wait_until(
                pilot,
                lambda: isinstance(app.screen, SaveScreen) and app.run_state.phase in ("done", "error"),
                timeout=25,
            )
            assert app.run_state.ok, app.run_state.verdict()
            assert app.session.pending["user"] == {
                "AWS_REGION": "us-west-2",
                "ANTHROPIC_MODEL": SONNET_45,
                "CLAUDE_CODE_MAX_OUTPUT_TOKENS": "16384",
            }
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not app.session.dirty)
            assert "profile: west" in app.main.sub_title

    saved = world.read_user()
    assert saved["env"] == {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_PROFILE": "dev",
        "AWS_REGION": "us-west-2",
        "ANTHROPIC_MODEL": SONNET_45,
        "CLAUDE_CODE_MAX_OUTPUT_TOKENS": "16384",
    }
    for key in ("$schema", "permissions", "hooks", "statusLine"):
        assert saved[key] == original[key]
    assert list(saved) == list(original)
    assert world.project_file.read_bytes() == project_before


async def test_apply_off_cancels_a_shell_export(tmp_path: Path) -> None:
    user = {**USER_SETTINGS, "env": {**USER_SETTINGS["env"], "ANTHROPIC_MODEL": SONNET_45}}
    world = make_world(tmp_path, user=user, shell={"CLAUDE_CODE_USE_BEDROCK": "1"})
    with StandIn(Scenario.preset("healthy")) as standin:
        app = app_for(world, standin)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            screen = await open_profiles(pilot)
            await highlight(pilot, screen, "off")
            assert screen.query_one("#rename", Button).disabled and screen.query_one("#delete", Button).disabled
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
            await pilot.pause()
            assert app.session.pending["user"] == {"CLAUDE_CODE_USE_BEDROCK": ""}
            # Turning Bedrock off is not validated against Bedrock: Save is available at once.
            assert app.run_state.phase == "idle"
            assert "Bedrock is off after saving" in app.screen.query_one("#verdict").render().plain
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not app.session.dirty)
            assert "profile: off" in app.main.sub_title
    saved = world.read_user()
    assert saved["env"]["CLAUDE_CODE_USE_BEDROCK"] == ""
    assert saved["env"]["AWS_PROFILE"] == "dev" and saved["permissions"] == USER_SETTINGS["permissions"]


async def test_rename_and_delete_keep_the_files_comments(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    path = write_profiles(world, MATCHING_PROFILE)
    app = app_for(world)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await open_profiles(pilot)
        await highlight(pilot, screen, "gateway")
        await pilot.press("a")  # its API key comes from $BEDROCK_KEY, which is not exported
        await wait_until(pilot, lambda: asking(app.screen, "error"))
        assert "$BEDROCK_KEY" in plain(app.screen, "#error-message") and not app.session.dirty
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)

        await highlight(pilot, screen, "team-eu")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileNameScreen))
        await pilot.press("end", "ctrl+u", *"gateway")
        await pilot.pause()
        assert app.screen.query_one("#ok", Button).disabled  # taken
        assert "already exists" in plain(app.screen, "#profile-name-problem")
        await pilot.press("end", "ctrl+u", *"team-ireland", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        data = tomllib.loads(path.read_text(encoding="utf-8"))["profiles"]
        assert list(data) == ["dev-us", "team-ireland", "gateway"]  # its place is kept
        assert screen.highlighted == "team-ireland"

        await pilot.press("d")
        await wait_until(pilot, lambda: asking(app.screen, "profile-delete"))
        await pilot.press("enter")  # Cancel has the focus
        await wait_until(pilot, lambda: app.screen is screen)
        assert "team-ireland" in tomllib.loads(path.read_text(encoding="utf-8"))["profiles"]
        await pilot.press("delete")
        await wait_until(pilot, lambda: asking(app.screen, "profile-delete"))
        await pilot.click("#delete")
        await wait_until(pilot, lambda: app.screen is screen)
        text = path.read_text(encoding="utf-8")
        assert list(tomllib.loads(text)["profiles"]) == ["dev-us", "gateway"]
        assert text.startswith("# Hand-written: this comment must survive every write.\n")
        assert list(listed(screen)) == ["off", "dev-us", "gateway"]


async def test_a_broken_profiles_file_shows_its_line_and_is_never_written(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    broken = '[profiles.dev]\nAWS_REGION = "us-east-1"\nAWS_PROFILE = dev\n'
    path = write_profiles(world, broken)
    app = app_for(world)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await open_profiles(pilot)
        shown = plain(screen, "#profiles-file")
        assert "~/.config/claude-bedrock-tui/profiles.toml, line 3" in shown and "Traceback" not in shown
        assert list(listed(screen)) == ["off"]
        for button in ("save-as", "rename", "delete"):
            assert screen.query_one(f"#{button}", Button).disabled
        assert not screen.query_one("#apply", Button).disabled  # `off` needs no profiles file
        await pilot.press("n", "r", "d")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and app.is_running

        # Broken after the screen read it: the write is refused with the line, the file left as it is.
        write_profiles(world, "")
        screen = await open_profiles(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileNameScreen))
        await pilot.press(*"mine")
        path.write_text(broken, encoding="utf-8")
        await pilot.press("enter")
        await wait_until(pilot, lambda: asking(app.screen, "error"))
        assert "profiles.toml:3:" in plain(app.screen, "#error-message")
    assert path.read_text(encoding="utf-8") == broken


async def test_the_main_screen_names_the_matching_profile(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    write_profiles(world, MATCHING_PROFILE)
    app = app_for(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: app.saved_profiles is not None)
        await pilot.pause()
        assert app.main.sub_title == "profile: dev-us · ~/project"
        field(app, "AWS_REGION").value = "eu-west-1"
        await settled(pilot)
        assert app.main.sub_title == "1 unsaved edit · ~/project"
        await pilot.press("f9", "d", "f8")  # discard (confirmed), then Bedrock off
        await settled(pilot)
        assert app.main.sub_title == "1 unsaved edit · profile: off · ~/project"


def test_profiles_screen(snap_compare, tmp_path: Path) -> None:
    world = make_world(tmp_path)
    write_profiles(world, MATCHING_PROFILE)

    async def open_screen(pilot) -> None:
        await ready(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app_for(world), terminal_size=(80, 24), run_before=open_screen)


# -- the profiles file is written in a thread: the screen answers keys meanwhile, and says how it went ---
def hold_writes(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """Make each profiles-file write wait for `release` (as a slow disk would); `started` says one began."""
    from claude_bedrock_tui.profiles import store

    started, release = threading.Event(), threading.Event()
    real = store.atomic_write

    def slow(*args, **kwargs):
        started.set()
        assert release.wait(30), "the test never released the write"
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "atomic_write", slow)
    return started, release


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_slow_profiles_write_leaves_the_screen_answering_keys(tmp_path: Path, monkeypatch) -> None:
    started, release = hold_writes(monkeypatch)
    world = make_world(tmp_path)
    path = write_profiles(world, MATCHING_PROFILE)
    app = app_for(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_profiles(pilot)
        await highlight(pilot, screen, "team-eu")
        await pilot.press("d")
        await wait_until(pilot, lambda: asking(app.screen, "profile-delete"))
        await pilot.press("left", "enter")  # from Cancel to Delete
        await wait_until(pilot, lambda: app.screen is screen and started.is_set())
        box = screen.query_one("#profiles-dialog")
        assert box.border_subtitle == "deleting profile 'team-eu'…"
        for button in ("save-as", "rename", "delete"):  # one write at a time
            assert screen.query_one(f"#{button}", Button).disabled
        await pilot.press("down")  # handled while the write waits
        await wait_until(pilot, lambda: screen.highlighted == "gateway")
        await pilot.press("n")  # off meanwhile: no second write is started
        await pilot.pause()
        assert app.screen is screen and "team-eu" in path.read_text(encoding="utf-8")
        # A rename asked for before the delete is done (a dialog's answer racing it) waits its turn.
        screen._rename("dev-us", "dev-east")
        release.set()
        done = ["Deleted profile 'team-eu'.", "Renamed profile 'dev-us' to 'dev-east'."]
        await wait_until(pilot, lambda: notices(app) == done)  # in the order asked
        assert list(listed(screen)) == ["off", "dev-east", "gateway"]
        assert list(tomllib.loads(path.read_text(encoding="utf-8"))["profiles"]) == ["dev-east", "gateway"]
        await wait_until(pilot, lambda: not screen.query_one("#delete", Button).disabled)
        assert box.border_subtitle.startswith("a apply")
        assert screen.highlighted == "dev-east"


async def test_a_failed_profiles_write_says_why_and_keeps_the_screen(tmp_path: Path, monkeypatch) -> None:
    from claude_bedrock_tui.profiles import store

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store, "atomic_write", refused)
    world = make_world(tmp_path)
    path = write_profiles(world, MATCHING_PROFILE)
    app = app_for(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        field(app, "AWS_REGION").value = "eu-west-1"
        await settled(pilot)
        screen = await open_profiles(pilot)
        await highlight(pilot, screen, "gateway")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileNameScreen))
        await pilot.press(*"mine", "enter")
        await wait_until(pilot, lambda: asking(app.screen, "error"))
        assert app.screen.query_one("#error-dialog").border_title == "Not saved: mine"
        message = plain(app.screen, "#error-message")
        assert "profiles.toml: Permission denied. Nothing was changed." in message
        assert "Press n to try again once that is fixed." in message
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.highlighted == "gateway" and "mine" not in listed(screen)  # as it was
        assert not screen.query_one("#save-as", Button).disabled
        assert app.session.pending["user"] == {"AWS_REGION": "eu-west-1"}
    assert path.read_text(encoding="utf-8") == MATCHING_PROFILE


async def test_an_unforeseen_write_error_is_shown_not_swallowed(tmp_path: Path, monkeypatch) -> None:
    from claude_bedrock_tui.profiles import store

    def broken(*args, **kwargs):
        raise RuntimeError("the disk driver fell over")  # not an error the store knows how to word

    monkeypatch.setattr(store, "atomic_write", broken)
    world = make_world(tmp_path)
    write_profiles(world, MATCHING_PROFILE)
    app = app_for(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_profiles(pilot)
        await highlight(pilot, screen, "gateway")
        await pilot.press("d", "left", "enter")
        await wait_until(pilot, lambda: asking(app.screen, "error"))
        assert app.screen.query_one("#error-dialog").border_title == "Not deleted: gateway"
        assert "the disk driver fell over" in plain(app.screen, "#error-message")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        assert not screen.query_one("#delete", Button).disabled and "gateway" in listed(screen)
        assert app.is_running
