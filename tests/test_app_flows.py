"""Pilot tests of real flows against the local Bedrock stand-in: edit, validate, fix, save, quit."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.widgets import Button

from app_support import (
    BARE_SONNET_45,
    SONNET_45,
    USER_SETTINGS,
    asking,
    field,
    fixed_clock,
    make_world,
    ready,
    wait_until,
)
from claude_bedrock_tui.app.app import BedrockApp
from claude_bedrock_tui.app.screens.pickers import PickerScreen
from claude_bedrock_tui.app.screens.save import SaveScreen
from claude_bedrock_tui.standin import Scenario, StandIn


async def type_into(pilot, name: str, text: str) -> None:
    """Focus a field's input, clear it with the keyboard, and type `text`."""
    control = field(pilot.app, name)
    control.focus()
    await pilot.pause()
    await pilot.press("end", "ctrl+u")  # delete everything left of the cursor
    await pilot.press(*text)
    await pilot.pause()


async def paste_into(pilot, name: str, text: str) -> None:
    """Put a long value into a field at once (as a paste does); it flows through the same messages."""
    control = field(pilot.app, name)
    control.focus()
    control.value = text
    await pilot.pause()


def validation_done(app: BedrockApp) -> bool:
    return app.run_state.phase in ("done", "error", "cancelled")


def app_for(world, standin: StandIn) -> BedrockApp:
    return BedrockApp(project_dir=world.project, environ={**world.environ, **standin.endpoint_env()}, clock=fixed_clock)


async def test_change_region_and_model_validate_fix_and_save(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    before = world.user_file.read_text(encoding="utf-8")
    environ_before = dict(os.environ)
    with StandIn(Scenario.preset("healthy")) as standin:
        app = app_for(world, standin)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await type_into(pilot, "AWS_REGION", "us-west-2")
            assert app.session.pending["user"] == {"AWS_REGION": "us-west-2"}
            assert "us-west-2" in app.main.query_one("#files").query_one(".pane-body").render().plain

            await pilot.press("f5")
            await wait_until(pilot, lambda: validation_done(app))
            primary = app.run_state.checks["model:primary"]
            assert primary.status == "fail"
            assert SONNET_45 in primary.advice  # the advice names the profile ID to use
            panel_text = app.main.validation_panel.query_one(".pane-body").render().plain
            assert "model:primary" in panel_text and SONNET_45 in panel_text

            # Fix it with the picker, fed by the inference profiles the validation listed.
            field(app, "ANTHROPIC_MODEL").focus()
            await pilot.pause()
            await pilot.press("f3")
            await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
            await pilot.press(*"us. sonnet 4-5")
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.session.value("ANTHROPIC_MODEL") == SONNET_45)

            await pilot.press("f2")
            await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen) and validation_done(app))
            assert app.run_state.ok, app.run_state.verdict()
            # The dialog follows the run through a signal: its buttons change when it shows the verdict.
            await wait_until(pilot, lambda: "validation passed" in app.screen.query_one("#verdict").render().plain)
            assert not app.screen.query_one("#save", Button).disabled
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not app.session.dirty)

            saved = world.read_user()
            assert saved["env"]["AWS_REGION"] == "us-west-2"
            assert saved["env"]["ANTHROPIC_MODEL"] == SONNET_45
            original = json.loads(before)
            for key in ("$schema", "permissions", "hooks", "statusLine"):
                assert saved[key] == original[key]
            assert list(saved) == list(original)  # key order kept
            # The panes show the new disk state, with no pending edit left.
            assert app.session.base.file("user").env["AWS_REGION"] == "us-west-2"
            assert "●" not in app.main.query_one("#files").query_one(".pane-body").render().plain
    assert dict(os.environ) == environ_before


async def test_failing_validation_blocks_save_until_save_anyway(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    scenario = Scenario(model_errors={SONNET_45: "model_access_denied"})
    with StandIn(scenario) as standin:
        app = app_for(world, standin)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await paste_into(pilot, "ANTHROPIC_MODEL", SONNET_45)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen) and validation_done(app))
            dialog = app.screen
            # The dialog follows the run through a signal: wait until it shows the verdict (its buttons change
            # in the same step), not only until the run is done.
            await wait_until(pilot, lambda: "Save anyway" in dialog.query_one("#verdict").render().plain)
            assert not app.run_state.ok
            assert dialog.query_one("#save", Button).disabled
            assert not dialog.query_one("#anyway", Button).disabled
            verdict = dialog.query_one("#verdict").render().plain
            assert "model:primary" in verdict and "Save anyway" in verdict

            await pilot.press("ctrl+s")  # blocked: Save is not available while validation fails
            await pilot.pause()
            assert app.screen is dialog
            assert world.read_user()["env"]["ANTHROPIC_MODEL"] == BARE_SONNET_45

            await pilot.press("ctrl+y")  # the explicit choice
            await wait_until(pilot, lambda: not app.session.dirty)
            assert world.read_user()["env"]["ANTHROPIC_MODEL"] == SONNET_45


async def test_typing_stays_responsive_while_a_slow_endpoint_is_validated(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    # The endpoint holds every request until the scenario changes: "still waiting" does not depend
    # on how fast this machine types.
    with StandIn(Scenario(hang=True)) as standin:
        app = app_for(world, standin)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await pilot.press("f5")
            first = app.run_state.run_id
            await wait_until(pilot, lambda: any(c.status == "running" for c in app.run_state.checks.values()))
            await type_into(pilot, "AWS_REGION", "us-west-2")
            # Every key was handled while the checks still waited on the network.
            assert app.run_state.running and app.run_state.run_id == first
            assert app.session.value("AWS_REGION") == "us-west-2"

            standin.set_scenario(Scenario())
            await pilot.press("ctrl+r")  # a newer validation cancels the stale one
            second = app.run_state.run_id
            assert second == first + 1
            await wait_until(pilot, lambda: validation_done(app), timeout=25)
            assert app.run_state.run_id == second
            assert "us-west-2" in app.run_state.checks["region"].message


async def test_quit_without_edits_just_quits(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    app = BedrockApp(project_dir=world.project, environ=world.environ, clock=fixed_clock)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not asking(app.screen, "quit")
    assert app.return_value == 0


async def test_quit_with_edits_asks_keep_then_discard(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    before = world.user_file.read_bytes()
    app = BedrockApp(project_dir=world.project, environ=world.environ, clock=fixed_clock)
    async with app.run_test() as pilot:
        await ready(pilot)
        await type_into(pilot, "AWS_REGION", "eu-west-1")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: asking(app.screen, "quit"))
        await pilot.press("escape")  # keep editing
        await wait_until(pilot, lambda: app.screen is app.main)
        assert app.session.value("AWS_REGION") == "eu-west-1"
        await pilot.press("f10")
        await wait_until(pilot, lambda: asking(app.screen, "quit"))
        await pilot.press("d")  # discard
        await pilot.pause()
    assert app.return_value == 0
    assert world.user_file.read_bytes() == before


async def test_quit_with_edits_can_save_first(tmp_path: Path) -> None:
    world = make_world(tmp_path, user={**USER_SETTINGS, "env": {**USER_SETTINGS["env"], "ANTHROPIC_MODEL": SONNET_45}})
    with StandIn(Scenario.preset("healthy")) as standin:
        app = app_for(world, standin)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await type_into(pilot, "AWS_REGION", "us-west-2")
            await pilot.press("ctrl+q")
            await wait_until(pilot, lambda: asking(app.screen, "quit"))
            await pilot.press("s")
            await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen) and validation_done(app))
            assert app.run_state.ok, app.run_state.verdict()
            await pilot.press("f2")
            await wait_until(pilot, lambda: app.return_value is not None)
    assert world.read_user()["env"]["AWS_REGION"] == "us-west-2"
