"""Keys are a contract: ids, alternatives, help, command palette, no dead keys; and a fast first frame."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input

from app_support import FakeValidator, asking, field, fixed_clock, make_world, ready, wait_until
from claude_bedrock_tui.app.app import BedrockApp
from claude_bedrock_tui.app.keys import APP_KEYS, F_KEY_ONLY, PALETTE_TITLES
from claude_bedrock_tui.app.screens.help import HelpScreen

# Keys a terminal or multiplexer commonly eats: never the only way to reach an action.
SWALLOWED = {"ctrl+a", "ctrl+b", "ctrl+c", "ctrl+h", "ctrl+i", "ctrl+j", "ctrl+m", "ctrl+[", "f11"}


def app_in(tmp_path: Path, **kwargs) -> BedrockApp:
    world = make_world(tmp_path, **kwargs)
    return BedrockApp(project_dir=world.project, environ=world.environ, clock=fixed_clock, validator=FakeValidator())


def test_every_binding_has_a_stable_id_a_description_and_two_safe_keys() -> None:
    text_field_keys = {k.strip() for b in Input.BINDINGS for k in b.key.split(",")} | {"ctrl+z", "ctrl+y"}
    ids = [b.id for b in APP_KEYS]
    assert all(ids) and len(set(ids)) == len(ids)
    for binding in APP_KEYS:
        keys = [k.strip() for k in binding.key.split(",")]
        assert binding.description and binding.tooltip, binding.id
        assert any(k.startswith("f") and k[1:].isdigit() for k in keys), binding.id
        # The second way is a ctrl letter, or (for actions that must never fire while typing) the palette.
        assert any(k.startswith("ctrl+") for k in keys) or binding.action in F_KEY_ONLY, binding.id
        assert not set(keys) & SWALLOWED, binding.id
        assert not set(keys) & text_field_keys, binding.id  # a text field's undo or editing key never fires it


async def test_help_lists_every_binding(tmp_path: Path) -> None:
    app = app_in(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text").render().plain
        for binding in APP_KEYS:
            assert binding.description in text
            for key in binding.key.split(","):
                assert key in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main


async def test_help_wraps_a_description_under_itself_at_80x24(tmp_path: Path) -> None:
    """At 80 columns a long description went on at column 0, under the keys, where it read as a key."""
    from textual.geometry import Region

    from claude_bedrock_tui.app.keys import BUILTIN_KEYS
    from claude_bedrock_tui.app.screens.help import key_names

    app = app_in(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = app.screen.query_one("#help-text")
        rows = [strip.text.rstrip() for strip in text.render_lines(Region(0, 0, *text.size))]
        keys = [key_names(b) for b in APP_KEYS] + [k for k, _ in BUILTIN_KEYS]
        column = max(len(k) for k in keys) + 2
        first = next(i for i, row in enumerate(rows) if row.startswith(keys[0]))
        last = max(i for i, row in enumerate(rows) if any(row.startswith(k + " ") for k in keys))
        wrapped = [row for row in rows[first : last + 1] if not any(row.startswith(k + " ") for k in keys)]
        assert wrapped, rows  # some descriptions are too long for 80 columns
        assert all(row.startswith(" " * column) and row[column] != " " for row in wrapped), wrapped


def acting(screen) -> set[str]:
    """The keys whose own action runs now (F2 and F3 otherwise only say why they do nothing)."""
    return {key for key, active in screen.active_bindings.items() if not active.binding.action.startswith("explain")}


async def test_footer_hides_keys_that_do_nothing_now(tmp_path: Path) -> None:
    app = app_in(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        active = acting(app.screen)
        assert "f2" not in active and "f9" not in active  # nothing to save or undo yet
        assert "f3" not in active  # the focused field has no list
        assert "f5" in active
        field(app, "ANTHROPIC_MODEL").focus()
        await pilot.pause()
        assert "f3" in acting(app.screen)
        await pilot.press("end", "x")
        await pilot.pause()
        assert {"f2", "f9", "ctrl+s"} <= set(acting(app.screen))
        await pilot.press("f9")  # discard every edit, once confirmed
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert not app.session.dirty and "f2" not in acting(app.screen)


async def test_command_palette_offers_every_available_action(tmp_path: Path) -> None:
    app = app_in(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        field(app, "ANTHROPIC_MODEL").focus()
        await pilot.press("end", "x")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for binding in APP_KEYS:
            assert PALETTE_TITLES.get(binding.action, binding.description) in titles, binding.id
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Validate")
        await wait_until(pilot, lambda: "Validate" in highlighted_command(app))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.run_state.phase == "done" and app.validator.calls


def highlighted_command(app) -> str:
    """The command palette's highlighted command, once its search has answered ("" before)."""
    found = app.screen.query("CommandList")
    option = found.first().highlighted_option if found else None
    return str(option.prompt) if option is not None else ""


async def test_next_pane_and_tabs_at_80x24(tmp_path: Path) -> None:
    app = app_in(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert not app.main.wide
        visible = [p.id for p in app.main.query(".pane") if p.display and p.has_class("-active")]
        assert visible == ["pane-edit"]
        await pilot.press("f6")
        await pilot.pause()
        assert app.main.query_one("#pane-sources").has_class("-active")
        assert app.main.query_one("#environment").has_focus
        await pilot.press("ctrl+o", "ctrl+o")
        await pilot.pause()
        assert app.main.query_one("#pane-checks").has_class("-active")


async def test_scope_cycle_and_bedrock_toggle_by_key(tmp_path: Path) -> None:
    app = app_in(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f4")
        await pilot.pause()
        assert app.session.scope == "project"
        await pilot.press("ctrl+t", "ctrl+t")
        await pilot.pause()
        assert app.session.scope == "user"
        await pilot.press("f8")
        await pilot.pause()
        assert not app.session.bedrock_on
        assert app.session.pending["user"] == {"CLAUDE_CODE_USE_BEDROCK": None}


async def test_errors_are_dialogs_not_tracebacks(tmp_path: Path) -> None:
    app = app_in(tmp_path)
    world_file = tmp_path / "home" / ".claude" / "settings.json"
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        field(app, "AWS_REGION").focus()
        await pilot.press("end", "backspace", "2")
        await pilot.press("f2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        world_file.write_text(world_file.read_text() + " ", encoding="utf-8")  # another program writes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert asking(app.screen, "error")
        message = app.screen.query_one("#error-message").render().plain
        assert "modified by another program" in message and "Traceback" not in message
        assert app.session.dirty  # the edit is kept, to save again on the fresh content
        await pilot.press("escape")
        await pilot.pause()
        app.session.scope = "project"
        app.session.set("AWS_SECRET_ACCESS_KEY", "abcdefghijklmnopqrstuvwxyz")
        await pilot.press("f2")
        await pilot.pause()
        assert asking(app.screen, "error")
        assert "shared through git" in app.screen.query_one("#error-message").render().plain


async def test_engine_failure_shows_in_the_panel(tmp_path: Path) -> None:
    def broken(candidate, **kwargs):
        raise RuntimeError("child process died")

    world = make_world(tmp_path)
    app = BedrockApp(project_dir=world.project, environ=world.environ, validator=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.run_state.phase == "error"
        assert "child process died" in app.main.validation_panel.query_one(".pane-body").render().plain
        assert app.is_running


async def test_no_color_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_in(tmp_path)
    async with app.run_test() as pilot:
        await ready(pilot)
        # Textual turns colour off (its NoColor or Monochrome filter) exactly when no_color is set, and
        # styles can test the app's :nocolor pseudo-class.
        assert app.no_color and app.has_pseudo_class("nocolor")


FIRST_FRAME_PROBE = textwrap.dedent("""
    import asyncio, json, sys
    from claude_bedrock_tui.app.app import BedrockApp

    seen = {}

    class Probe(BedrockApp):
        def _display(self, screen, renderable):
            super()._display(screen, renderable)
            if renderable is not None and "first_frame" not in seen:
                seen["first_frame"] = True
                seen["boto3"] = "boto3" in sys.modules
                seen["validation_engine"] = "claude_bedrock_tui.validation.runner" in sys.modules
                seen["profiles_read"] = self.session is not None and self.session.base.aws is not None

    async def main():
        app = Probe(project_dir=sys.argv[1], environ=json.loads(sys.argv[2]))
        async with app.run_test() as pilot:
            while not (app.is_ready and app.session.base.aws is not None):
                await pilot.pause(0.02)
            seen["profiles_later"] = sorted(app.session.base.aws.profiles)
            await app.workers.wait_for_complete()  # every background read done: nothing left to import it
            await pilot.pause()
            # No profiles file: the header's matching profile costs no pydantic (memory benchmark).
            seen["pydantic"] = "pydantic" in sys.modules
        print(json.dumps(seen))

    asyncio.run(main())
""")


def test_first_frame_waits_for_neither_boto3_nor_the_profile_scan(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE, str(world.project), json.dumps(world.environ)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "first_frame": True,
        "boto3": False,
        "validation_engine": False,
        "profiles_read": False,
        "profiles_later": ["corp-sso", "dev"],
        "pydantic": False,
    }


async def test_profile_picker_suggests_the_sso_refresh_command(tmp_path: Path) -> None:
    from claude_bedrock_tui.app.screens.pickers import PickerScreen

    app = app_in(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await app.workers.wait_for_complete()  # the AWS profile scan
        await pilot.pause()
        field(app, "AWS_PROFILE").focus()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"sso", "enter")
        await pilot.pause()
        assert app.session.pending["user"] == {
            "AWS_PROFILE": "corp-sso",
            "awsAuthRefresh": "aws sso login --profile corp-sso",
        }
        # the environment pane now describes the profile in use
        assert (
            "corp-sso  sso  region eu-west-1"
            in app.main.query_one("#environment").query_one(".pane-body").render().plain
        )
