"""Pilot tests for what QA found driving the real TUI: each fails without its fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Button

from app_support import FAILING, asking, field, ready, settled, wait_until
from app_support import app_on_world as app_with
from claude_bedrock_tui.app.screens.save import SaveScreen


def text_of(widget) -> str:
    return widget.render().plain


async def edit_region(pilot, value: str = "us-west-2") -> None:
    field(pilot.app, "AWS_REGION").value = value
    await settled(pilot)


# -- #1: the Save dialog after a finished validation ---------------------------------------------------
async def test_save_after_a_passing_validation_shows_the_verdict_and_enables_save(tmp_path: Path) -> None:
    app = app_with(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await edit_region(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: app.run_state.phase == "done")
        calls = len(app.validator.calls)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        await pilot.pause()
        dialog = app.screen
        assert len(app.validator.calls) == calls  # the verdict is reused, not run again
        assert "validation passed" in text_of(dialog.query_one("#verdict"))
        assert not dialog.query_one("#save", Button).disabled
        assert dialog.focused is dialog.query_one("#save")  # enter saves, as when the verdict arrives later
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.session.dirty)
        assert app.session.base.file("user").env["AWS_REGION"] == "us-west-2"


async def test_save_after_a_failing_validation_offers_save_anyway(tmp_path: Path) -> None:
    app = app_with(tmp_path, checks=FAILING)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await edit_region(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: app.run_state.phase == "done")
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        await pilot.pause()
        dialog = app.screen
        verdict = text_of(dialog.query_one("#verdict"))
        assert "validation failed: model:primary" in verdict and "Save anyway" in verdict
        assert dialog.query_one("#save", Button).disabled
        assert not dialog.query_one("#anyway", Button).disabled


# -- #9: turning Bedrock off is not blocked by a failing Bedrock ----------------------------------------
async def test_turning_bedrock_off_saves_without_online_validation(tmp_path: Path) -> None:
    app = app_with(tmp_path, checks=FAILING)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert not app.session.bedrock_on
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        await pilot.pause()
        dialog = app.screen
        assert app.validator.calls == []
        assert "Bedrock is off after saving" in text_of(dialog.query_one("#verdict"))
        assert not dialog.query_one("#save", Button).disabled
        assert dialog.focused is dialog.query_one("#save")  # enter saves, as when the verdict arrives later
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.session.dirty)
        assert "CLAUDE_CODE_USE_BEDROCK" not in app.session.base.file("user").env


# -- #8: online results of an earlier configuration are marked stale ------------------------------------
async def test_results_for_an_earlier_configuration_are_marked_stale(tmp_path: Path) -> None:
    app = app_with(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        panel = app.main.validation_panel.query_one(".pane-body")
        await pilot.press("f5")
        await wait_until(pilot, lambda: app.run_state.phase == "done")
        await pilot.pause()
        assert "validation passed" in text_of(panel) and "earlier configuration" not in text_of(panel)
        await edit_region(pilot, "us-west-1")
        assert "results for an earlier configuration — F5 to re-check" in text_of(panel)
        await edit_region(pilot, "us-east-1")  # back to what was validated: current again
        assert "earlier configuration" not in text_of(panel)


def test_offline_header_counts_each_severity() -> None:
    from claude_bedrock_tui.app.widgets.validation_panel import offline_summary
    from claude_bedrock_tui.core.records import Problem

    notes = (Problem("info", "a"), Problem("info", "b"))
    assert offline_summary(()) == "no problems"
    assert offline_summary(notes) == "2 notes"
    assert offline_summary((Problem("error", "x"), Problem("warning", "y"), *notes)) == "1 error, 1 warning, 2 notes"


# -- #5: discarding every edit asks first; ctrl+z in a field discards nothing ---------------------------
async def test_discard_asks_first_and_ctrl_z_discards_nothing(tmp_path: Path) -> None:
    app = app_with(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        field(app, "AWS_REGION").focus()
        await pilot.press("end", "2")
        await pilot.pause()
        assert app.session.value("AWS_REGION") == "us-east-12"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.dirty and app.screen is app.main
        await pilot.press("f9")
        await wait_until(pilot, lambda: asking(app.screen, "discard"))
        assert "1 unsaved edit (user)" in text_of(app.screen.query_one("#discard-summary"))
        # The whole sentence is on screen at 80 columns (a Label cut it at "The files on disk s").
        summary = app.screen.query_one("#discard-summary")
        await wait_until(pilot, lambda: summary.size.height >= 2)  # wrapped inside the dialog, not cut
        assert summary.content_region.right <= summary.parent.content_region.right
        await pilot.press("enter")  # Keep has the focus
        await wait_until(pilot, lambda: app.screen is app.main)
        assert app.session.value("AWS_REGION") == "us-east-12"
        await pilot.press("f9")
        await wait_until(pilot, lambda: asking(app.screen, "discard"))
        await pilot.click("#discard")
        await wait_until(pilot, lambda: app.screen is app.main)
        assert not app.session.dirty
        assert field(app, "AWS_REGION").value == "us-east-1"


# -- #11: reload from disk, keeping edits; re-read after a file error -----------------------------------
async def test_reload_reads_the_files_again_and_keeps_the_edits(tmp_path: Path) -> None:
    from app_support import write_json

    app = app_with(tmp_path)
    world_project = tmp_path / "home" / "project" / ".claude" / "settings.json"
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await edit_region(pilot, "eu-west-1")
        write_json(world_project, {"env": {"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "8192"}})  # another program
        await pilot.press("f12")
        await pilot.pause()
        assert app.session.base.file("project").env["CLAUDE_CODE_MAX_OUTPUT_TOKENS"] == "8192"
        assert app.session.pending["user"] == {"AWS_REGION": "eu-west-1"}
        assert field(app, "AWS_REGION").value == "eu-west-1"
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Reload from disk" in titles


async def test_a_broken_file_fixed_by_hand_saves_after_the_error_closes(tmp_path: Path) -> None:
    app = app_with(tmp_path)
    user_file = tmp_path / "home" / ".claude" / "settings.json"
    good = user_file.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        user_file.write_text(good.replace('"dev",', '"dev",,'), encoding="utf-8")  # broken by hand
        await pilot.press("f12")
        await pilot.pause()
        await edit_region(pilot, "eu-west-1")
        await pilot.press("f2")
        await wait_until(pilot, lambda: asking(app.screen, "error"))
        assert "Fix it by hand first" in text_of(app.screen.query_one("#error-message"))
        user_file.write_text(good, encoding="utf-8")  # fixed in another window
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.main)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        await wait_until(pilot, lambda: app.run_state.phase == "done")
        await pilot.press("f2")
        await wait_until(pilot, lambda: not app.session.dirty)
        assert '"AWS_REGION": "eu-west-1"' in user_file.read_text(encoding="utf-8")


# -- #10: shared secrets: the dialog names F4, the hint says "would be written" -------------------------
async def test_a_secret_typed_into_the_project_scope_points_to_f4(tmp_path: Path) -> None:
    app = app_with(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f4")
        await pilot.pause()
        assert app.session.scope == "project"
        app.main.editors.show_method("keys", app.session)
        field(app, "AWS_SECRET_ACCESS_KEY").value = "abcdefghijklmnopqrstuvwxyz0123456789ABCD"
        await settled(pilot)
        hint = text_of(app.query_one("#editor-hint"))
        assert "would be written to the shared project settings" in hint and "F4" in hint
        await pilot.press("f2")
        await wait_until(pilot, lambda: asking(app.screen, "error"))
        message = text_of(app.screen.query_one("#error-message"))
        assert "shared through git" in message and "Press F4 to change the target scope" in message
        assert "--scope" not in message


# -- #12: the footer shows every key it advertises at 80 columns; dialogs show their own keys -----------
def footer_keys(screen) -> dict[str, bool]:
    """Each footer key's label, and whether it lies fully inside the screen (queried by the widget's type
    name: the FooterKey class itself is private to Textual)."""
    width = screen.app.size.width
    return {
        f"{key.key_display} {key.description}": key.region.right <= width and key.region.width > 0
        for key in screen.query("FooterKey")
    }


async def test_footer_fits_80_columns_with_every_key_available(tmp_path: Path) -> None:
    app = app_with(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        control = field(app, "ANTHROPIC_MODEL")
        control.focus()
        control.value = "x"  # dirty, and a field with a list: every key is available
        # The footer follows the edit a moment later, and is laid out after that: wait for both.
        await wait_until(
            pilot, lambda: any(k.endswith(" Save") and fits for k, fits in footer_keys(app.screen).items())
        )
        shown = footer_keys(app.screen)
        for label in ("Quit", "Help", "Save", "Scope", "Validate", "Profiles", "Bedrock", "Discard"):
            assert any(k.endswith(" " + label) and fits for k, fits in shown.items()), (label, shown)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen) and app.run_state.phase == "done")
        await wait_until(pilot, lambda: "esc Cancel" in footer_keys(app.screen))
        dialog_keys = footer_keys(app.screen)
        assert {"esc Cancel"} <= set(dialog_keys) and all(dialog_keys.values()), dialog_keys


# -- #2: a burst of keys (SSH, tmux, paste of key sequences) is applied in order ------------------------
def burst(app, *keys: str) -> None:
    """Queue every key at once, as a terminal delivers a burst (Pilot's press waits between keys)."""
    from textual import events

    for key in keys:
        char = key if len(key) == 1 else None
        name = key if char is None or char.isalnum() else {"-": "minus"}[char]
        app.post_message(events.Key(name, char))


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("ctrl+a", "ctrl+k", *"us-east-1"), "us-east-1"),
        (("end", *["backspace"] * 9, *"us-west-2"), "us-west-2"),
        (("end", "backspace", "3"), "us-east-3"),
        (("home", "delete", "delete", "e", "u"), "eu-east-1"),
        (("end", "ctrl+u", *"ap-south-1"), "ap-south-1"),
    ],
)
async def test_a_burst_of_keys_is_applied_in_order(tmp_path: Path, keys, expected) -> None:
    app = app_with(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        control = field(app, "AWS_REGION")
        control.focus()
        await pilot.pause()
        assert control.value == "us-east-1"
        burst(app, *keys)
        # Out of order or lost, the keys would never spell the expected value: waiting for it is the test.
        await wait_until(pilot, lambda: control.value == expected)
        await settled(pilot)
        assert control.value == expected
        assert app.session.value("AWS_REGION") == expected


def test_the_light_profiles_path_agrees_with_the_profiles_package() -> None:
    from claude_bedrock_tui.app.profiles_path import OFF_NAME, profiles_path_for
    from claude_bedrock_tui.profiles import OFF, default_profiles_path

    assert OFF_NAME == OFF
    assert profiles_path_for(os.environ) == default_profiles_path()


async def test_without_a_profiles_file_the_header_still_names_off(tmp_path: Path) -> None:
    app = app_with(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.no_profiles_file and app.saved_profiles is None
        assert "profile:" not in app.main.sub_title
        await pilot.press("f8")
        await pilot.pause()
        assert app.main.sub_title == "1 unsaved edit · profile: off · ~/project"


# -- #16: an edit a higher scope shadows says it has no effect -----------------------------------------
async def test_an_edit_shadowed_by_a_higher_scope_says_so(tmp_path: Path) -> None:
    app = app_with(tmp_path)  # the project settings hold CLAUDE_CODE_MAX_OUTPUT_TOKENS=16384
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        control = field(app, "CLAUDE_CODE_MAX_OUTPUT_TOKENS")
        hint = app.query_one("#editor-hint")
        assert "shadowed" not in text_of(hint)
        control.value = "8000"
        await settled(pilot)
        assert "shadowed by project: Claude Code keeps using 16384" in text_of(hint)


# -- #14: the model picker suggests IDs before any validation -------------------------------------------
async def test_the_model_picker_suggests_offline_ids_for_the_region(tmp_path: Path) -> None:
    from claude_bedrock_tui.app.screens.pickers import PickerScreen

    app = app_with(tmp_path, shell={"AWS_REGION": "eu-west-1"})
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        field(app, "ANTHROPIC_DEFAULT_HAIKU_MODEL").focus()
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
        values = [c.value for c in app.screen.choices]
        # The user settings set us-east-1 (they beat the shell): the us. geography comes first.
        assert values[0].startswith("us.anthropic.") and "global.anthropic.claude-haiku-4-5-20251001-v1:0" in values
        assert not any(v.startswith("eu.") for v in values)
        await pilot.press(*"haiku 4.5", "enter")
        await pilot.pause()
        assert app.session.value("ANTHROPIC_DEFAULT_HAIKU_MODEL") == "us.anthropic.claude-haiku-4-5-20251001-v1:0"


async def test_the_1m_box_is_blank_when_off_and_the_palette_has_one_help(tmp_path: Path) -> None:
    from textual.widgets import Checkbox

    from claude_bedrock_tui.app.screens.pickers import PickerScreen

    app = app_with(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Help" in titles and "Keys" not in titles
        field(app, "ANTHROPIC_MODEL").focus()
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
        box = app.screen.query_one("#picker-1m", Checkbox)
        assert "X" not in box.render().plain  # off: no mark, whatever the colours
        box.value = True
        await pilot.pause()
        assert "X" in box.render().plain
