"""The one choice dialog (issue 10, Structure): escape is the cancel, keys and arrows choose, texts wrap."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Button, Static

from app_support import app_on_world, asking, ready, same_picture_twice, wait_until
from claude_bedrock_tui.app.screens.choice import Choice, ChoiceScreen, confirm_dialog, error_dialog

LONG_PATH = "~/" + "/".join(["a-rather-deeply-nested-folder"] * 4) + "/.claude/settings.local.json"


def three_way() -> ChoiceScreen[str]:
    choices = [
        Choice("save", "Save…", "primary", keys="s", footer="Save"),
        Choice("discard", "Discard", "error", keys="d"),
        Choice("keep", "Keep editing"),
    ]
    return ChoiceScreen("Three ways", "Pick one.", choices, cancel="keep", name="three")


async def shown(pilot, screen: ChoiceScreen) -> list[object]:
    """Push `screen`; the values it is dismissed with are collected in the list returned."""
    answers: list[object] = []
    pilot.app.push_screen(screen, answers.append)
    await wait_until(pilot, lambda: pilot.app.screen is screen)
    await pilot.pause()
    return answers


@pytest.mark.parametrize(("keys", "answer"), [(["escape"], "keep"), (["s"], "save"), (["d"], "discard")])
async def test_escape_gives_the_cancel_value_and_each_key_its_choice(tmp_path: Path, keys, answer) -> None:
    app = app_on_world(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        answers = await shown(pilot, three_way())
        await pilot.press(*keys)
        await wait_until(pilot, lambda: answers == [answer])
        assert app.screen is app.main


async def test_the_cancel_has_the_focus_and_the_arrows_move_between_the_buttons(tmp_path: Path) -> None:
    app = app_on_world(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = three_way()
        answers = await shown(pilot, screen)
        assert screen.focused is screen.query_one("#keep", Button)  # Enter on a fresh dialog is the safe answer
        await pilot.press("left")
        assert screen.focused is screen.query_one("#discard", Button)
        await pilot.press("left", "right")
        assert screen.focused is screen.query_one("#discard", Button)
        await pilot.press("left", "enter")
        await wait_until(pilot, lambda: answers == ["save"])


async def test_the_footer_names_the_keys_as_each_dialog_did(tmp_path: Path) -> None:
    app = app_on_world(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = three_way()
        await shown(pilot, screen)
        shown_keys = {key: active.binding.description for key, active in screen.active_bindings.items()}
        assert {k: shown_keys[k] for k in ("escape", "s", "d")} == {
            "escape": "Keep editing",
            "s": "Save",
            "d": "Discard",
        }
        # The bindings belong to this dialog alone: another one has none of them.
        other = confirm_dialog("Sure?", "Really?", yes="Do it", no="Don't")
        await pilot.press("escape")
        await shown(pilot, other)
        assert "s" not in other.active_bindings and other.active_bindings["y"].binding.description == "Yes"


def visible_text(widget: Static) -> list[str]:
    """The lines `widget` shows, as text."""
    width, height = widget.content_region.size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))]


def assert_wrapped_whole(text: str, lines: list[str], width: int) -> None:
    """Every character of `text` is shown, and no word that fits a line is split across two."""
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", ""), lines
    words = set(text.split())
    for this, following in pairwise(lines):
        if this and following:
            joined = this.split()[-1] + following.split()[0]
            assert not (joined in words and len(joined) <= width), f"{joined!r} is cut: {lines}"


@pytest.mark.parametrize(
    "make",
    [
        lambda: confirm_dialog(
            "Run a command from the project?",
            f"Validation would run this command, which comes from the local settings ({LONG_PATH}): a cloned "
            "repository can put any command there.",
            detail="my-export --profile build --region eu-west-1 --role arn:aws:iam::123456789012:role/Dev",
            after="Run it only if you have read it and trust it.",
            yes="Run it",
            no="Don't run",
            wide=True,
        ),
        lambda: error_dialog("Not saved", f"could not write {LONG_PATH}: Permission denied. Nothing was changed."),
    ],
    ids=["wide", "error"],
)
async def test_texts_wrap_inside_the_dialog_at_80x24(tmp_path: Path, make) -> None:
    app = app_on_world(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = make()
        await shown(pilot, screen)
        box = screen.query_one(".dialog")
        assert box.region.right <= 80
        await same_picture_twice(pilot)
        for text in screen.query(".dialog-body Static").results(Static):
            assert text.content_region.right <= box.content_region.right
            assert_wrapped_whole(str(text.render()), visible_text(text), text.content_region.width)
        for button in screen.query(Button).results(Button):
            assert button.region.right <= box.region.right and button.region.bottom <= 24


async def test_the_quit_question_blocks_a_second_quit_key(tmp_path: Path) -> None:
    app = app_on_world(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.session.set("AWS_REGION", "eu-west-1")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: asking(app.screen, "quit"))
        assert app.check_action("quit", ()) is False
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert asking(app.screen, "quit") and app.is_running
