"""Pictures of every pane and dialog at fixed sizes (pytest-textual-snapshot).

Stable by construction: the clock is pinned, every path on screen is under the test's HOME and shown
as `~/...`, the theme is Textual's default, the cursor does not blink, validation is a fake (no network)
and workers are awaited before each picture. One picture runs the real validation against the local
stand-in, so a change in the real checks' wording shows here too, not only in the fake's copies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app_support import FAILING, SONNET_45, field, ready, same_picture_twice, settled
from app_support import app_on_world as make_app

NARROW, WIDE = (80, 24), (120, 40)


async def settle(pilot) -> None:
    await ready(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    # A finished validation scrolls its panel to the end after a refresh, and a scrollbar that then
    # appears re-wraps the text: the picture is taken once two frames in a row are the same.
    await same_picture_twice(pilot)


async def _settled(pilot) -> None:
    await settle(pilot)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_main_screen(snap_compare, tmp_path: Path, size) -> None:
    app = make_app(tmp_path, shell={"AWS_REGION": "us-west-2"})
    assert snap_compare(app, terminal_size=size, run_before=_settled)


EDITORS = {
    "profile": ("AWS_PROFILE", None),
    "access-keys": ("AWS_ACCESS_KEY_ID", "keys"),
    "api-key": ("AWS_BEARER_TOKEN_BEDROCK", "api-key"),
    "credential-export": ("awsCredentialExport", "export"),
    "region": ("AWS_REGION", None),
    "model": ("ANTHROPIC_MODEL", None),
    "tokens": ("CLAUDE_CODE_MAX_OUTPUT_TOKENS", None),
    "prompt-caching": ("DISABLE_PROMPT_CACHING", None),
}


@pytest.mark.parametrize("editor", list(EDITORS))
def test_each_editor(snap_compare, tmp_path: Path, editor: str) -> None:
    name, method = EDITORS[editor]

    async def focus_editor(pilot) -> None:
        await settle(pilot)
        if method:
            pilot.app.main.editors.show_method(method, pilot.app.session)
            await pilot.pause()
        field(pilot.app, name).focus()
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=NARROW, run_before=focus_editor)


def test_profile_picker(snap_compare, tmp_path: Path) -> None:
    async def open_picker(pilot) -> None:
        await settle(pilot)
        field(pilot.app, "AWS_PROFILE").focus()
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=NARROW, run_before=open_picker)


def test_model_picker_fed_by_inference_profiles(snap_compare, tmp_path: Path) -> None:
    async def open_picker(pilot) -> None:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("f6")  # back to the editors (validation showed the checks tab)
        field(pilot.app, "ANTHROPIC_MODEL").focus()
        await pilot.press("ctrl+l")
        await pilot.press(*"sonnet")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=NARROW, run_before=open_picker)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_validation_panel_with_failures(snap_compare, tmp_path: Path, size) -> None:
    async def validate(pilot) -> None:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path, checks=FAILING), terminal_size=size, run_before=validate)


def test_validation_panel_from_the_real_checks(snap_compare, tmp_path: Path) -> None:
    from app_support import fixed_clock, make_world, wait_until
    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.standin import Scenario, StandIn

    world = make_world(tmp_path)  # its ANTHROPIC_MODEL is a bare model ID: model:primary fails
    with StandIn(Scenario.preset("healthy")) as standin:
        environ = {**world.environ, **standin.endpoint_env()}
        app = BedrockApp(project_dir=world.project, environ=environ, clock=fixed_clock)

        async def validate(pilot) -> None:
            await settle(pilot)
            await pilot.press("f5")
            await wait_until(pilot, lambda: pilot.app.run_state.phase in ("done", "error", "cancelled"), 30)
            await settle(pilot)

        assert snap_compare(app, terminal_size=NARROW, run_before=validate)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_save_dialog_with_failing_verdict(snap_compare, tmp_path: Path, size) -> None:
    async def edit_and_save(pilot) -> None:
        await settle(pilot)
        control = field(pilot.app, "AWS_REGION")
        control.value = "us-west-2"
        await settled(pilot)
        # Validated first, so the panel behind the dialog is final when it opens (a picture, not a race).
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path, checks=FAILING), terminal_size=size, run_before=edit_and_save)


def test_save_dialog_passing(snap_compare, tmp_path: Path) -> None:
    async def fix_and_save(pilot) -> None:
        await settle(pilot)
        field(pilot.app, "ANTHROPIC_MODEL").value = SONNET_45
        await settled(pilot)
        # Validated first (the F5-then-save flow), so the panel behind the dialog is final when it opens.
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=WIDE, run_before=fix_and_save)


def test_quit_dialog(snap_compare, tmp_path: Path) -> None:
    async def edit_and_quit(pilot) -> None:
        await settle(pilot)
        field(pilot.app, "AWS_REGION").value = "eu-west-1"
        await settled(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=NARROW, run_before=edit_and_quit)


def test_help(snap_compare, tmp_path: Path) -> None:
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=NARROW, run_before=open_help)


@pytest.mark.parametrize("name", ["ANTHROPIC_CUSTOM_HEADERS", "modelOverrides"], ids=["guardrail", "overrides"])
def test_structured_editors(snap_compare, tmp_path: Path, name: str) -> None:
    user = {
        "env": {"CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_CUSTOM_HEADERS": "X-Team: data"},
        "modelOverrides": {"claude-opus-4-5-20251101": "us.anthropic.claude-opus-4-5-20251101-v1:0"},
    }

    async def open_editor(pilot) -> None:
        await settle(pilot)
        pilot.app.main.field_control(name).focus()
        await settled(pilot)
        await pilot.press("f3")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path, user=user, project=None), terminal_size=NARROW, run_before=open_editor)
