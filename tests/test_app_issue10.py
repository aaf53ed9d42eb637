"""The flows issue 10 found wrong, each at 80x24 and 120x40: every test here fails on the app before it."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from app_support import FAILING, USER_SETTINGS, World, app_on, asking, field, make_world, ready, settled, wait_until

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
OPUS_41 = "us.anthropic.claude-opus-4-1-20250805-v1:0"
WEST = """\
[profiles.west]
AWS_PROFILE = "dev"
AWS_REGION = "us-west-2"
"""


@asynccontextmanager
async def opened(world, size, checks=None):
    """The app on `world` at `size`, showing the configuration."""
    app = app_on(world, checks)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        yield app, pilot


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- 1: applying a named profile asks before it drops unrelated unsaved edits ---------------------------
@SIZES
async def test_applying_a_profile_asks_before_dropping_unsaved_edits(tmp_path: Path, size) -> None:
    from claude_bedrock_tui.app.screens.profiles import ProfilesScreen
    from claude_bedrock_tui.app.screens.save import SaveScreen

    world = make_world(tmp_path)
    path = world.home / ".config" / "claude-bedrock-tui" / "profiles.toml"
    path.parent.mkdir(parents=True)
    path.write_text(WEST, encoding="utf-8")
    async with opened(world, size) as (app, pilot):
        field(app, "MAX_THINKING_TOKENS").value = "4000"  # an edit the profile does not set
        await settled(pilot)
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfilesScreen))
        await pilot.press("a")
        await wait_until(pilot, lambda: asking(app.screen, "confirm"))
        assert "MAX_THINKING_TOKENS" in app.screen.query_one("#confirm-detail").render().plain
        assert "scope's 1 unsaved edit it does not set" in app.screen.message  # flow 15: one edit, said so
        assert app.screen.after.startswith("That edit is forgotten;")
        await pilot.press("escape")  # keep my edits
        await wait_until(pilot, lambda: app.screen is app.main)
        assert app.session.pending["user"] == {"MAX_THINKING_TOKENS": "4000"}
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfilesScreen))
        await pilot.press("a")
        await wait_until(pilot, lambda: asking(app.screen, "confirm"))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        assert "MAX_THINKING_TOKENS" not in app.session.pending["user"]  # said, then dropped


# -- 2: a suggested awsAuthRefresh is withdrawn when another profile is picked ---------------------------
async def pick_profile(pilot, name: str) -> None:
    from claude_bedrock_tui.app.screens.pickers import PickerScreen

    field(pilot.app, "AWS_PROFILE").focus()
    await pilot.press("f3")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PickerScreen))
    await pilot.press(*name, "enter")
    await wait_until(pilot, lambda: pilot.app.screen is pilot.app.main)
    await settled(pilot)


@SIZES
async def test_a_refresh_command_suggested_for_another_profile_is_withdrawn(tmp_path: Path, size) -> None:
    async with opened(make_world(tmp_path), size) as (app, pilot):
        await wait_until(pilot, lambda: app.session.base.aws is not None)
        await pick_profile(pilot, "corp-sso")
        assert app.session.value("AWS_PROFILE") == "corp-sso"
        assert app.session.value("awsAuthRefresh") == "aws sso login --profile corp-sso"
        await pick_profile(pilot, "dev")
        assert app.session.value("AWS_PROFILE") is None or app.session.value("AWS_PROFILE") == "dev"
        assert app.session.value("awsAuthRefresh") is None
        assert "awsAuthRefresh" not in app.session.pending.get("user", {})


@SIZES
async def test_a_refresh_command_for_another_profile_is_a_warning_in_checks(tmp_path: Path, size) -> None:
    user = {**USER_SETTINGS, "awsAuthRefresh": "aws sso login --profile 'corp-sso'"}  # AWS_PROFILE is dev
    stale = "awsAuthRefresh refreshes profile corp-sso, but Claude Code uses AWS profile dev."
    async with opened(make_world(tmp_path, user=user), size) as (app, pilot):
        panel = app.main.validation_panel.query_one(".pane-body")
        await wait_until(pilot, lambda: stale in panel.render().plain)
        field(app, "awsAuthRefresh").focus()
        await settled(pilot)
        assert "corp-sso" in app.query_one("#editor-hint").render().plain
        field(app, "AWS_PROFILE").value = "corp-sso"  # now the command renews the profile in use
        await settled(pilot)
        assert "awsAuthRefresh refreshes" not in panel.render().plain


# -- 3: a model ID shows from its start, whole where it fits ---------------------------------------------
@SIZES
async def test_a_model_id_shows_whole_in_its_editor(tmp_path: Path, size) -> None:
    async with opened(make_world(tmp_path), size) as (app, pilot):
        control = field(app, "ANTHROPIC_MODEL")
        control.focus()
        control.value = OPUS_41
        await settled(pilot)
        shown = control.render_line(0).text.strip()
        assert shown.startswith(OPUS_41), shown


# -- 5: the Validation pane opens at its verdict -----------------------------------------------------------
@SIZES
async def test_the_validation_pane_opens_at_the_verdict(tmp_path: Path, size) -> None:
    async with opened(make_world(tmp_path), size, checks=FAILING) as (app, pilot):
        await pilot.press("f5")
        await wait_until(pilot, lambda: app.run_state.phase == "done")
        await settled(pilot)
        panel = app.main.validation_panel

        def first_line() -> str:
            return panel.query_one(".pane-body").render().plain.splitlines()[0]

        await wait_until(pilot, lambda: first_line().startswith("Online checks: validation failed"))
        await wait_until(pilot, lambda: panel.scroll_y == 0)


@SIZES
async def test_a_failed_check_and_its_advice_show_right_under_the_verdict(tmp_path: Path, size) -> None:
    """The checks were listed in the order they ran: four passing ones before the failing model check, whose
    advice (the fix) was out of view at 120x40 and 80x24 alike. Finished, failures come first."""
    async with opened(make_world(tmp_path), size, checks=FAILING) as (app, pilot):
        await pilot.press("f5")
        await wait_until(pilot, lambda: app.run_state.phase == "done")
        await settled(pilot)
        panel = app.main.validation_panel
        await wait_until(pilot, lambda: panel.size.height > 0)  # F5 shows it (at 80x24, its tab)
        body = panel.query_one(".pane-body")
        await wait_until(pilot, lambda: "Online checks: validation failed" in body.render().plain)
        in_view = body.render().plain.splitlines()[: panel.scrollable_content_region.height]
        assert in_view[1].startswith("✘ model:primary"), in_view
        assert any("Use the inference profile ID" in line for line in in_view), in_view
        marks = [line[0] for line in body.render().plain.splitlines() if line[:1] in ("✔", "✘")]
        assert marks[0] == "✘" and set(marks[1:5]) == {"✔"}  # the passing ones after it, in the order they ran


# -- 6: F5 and F2 agree when the edits turn Bedrock off ---------------------------------------------------
@SIZES
async def test_f5_with_bedrock_off_says_there_is_nothing_to_validate(tmp_path: Path, size) -> None:
    async with opened(make_world(tmp_path), size) as (app, pilot):
        await pilot.press("f8")
        await settled(pilot)
        assert not app.session.bedrock_on
        await pilot.press("f5")
        await pilot.pause()
        assert app.run_state.phase == "idle" and not app.validator.calls  # type: ignore[attr-defined]
        assert any("nothing to validate" in n for n in notices(app))


# -- 7: F6 reaches every box, the Settings files one included -----------------------------------------------
@SIZES
async def test_f6_reaches_the_settings_files(tmp_path: Path, size) -> None:
    async with opened(make_world(tmp_path), size) as (app, pilot):
        seen = set()
        for _ in range(6):
            await pilot.press("f6")
            await pilot.pause()
            focused = app.focused
            seen.update(node.id for node in focused.ancestors_with_self if node.id) if focused else None
        # Every pane; when all show at once, both boxes of Sources (at 80x24 its tab shows both).
        sources = "files" if size == (120, 40) else "pane-sources"
        assert sources in seen and "pane-checks" in seen and "pane-effective" in seen


# -- 10: keys with nothing to do say why --------------------------------------------------------------------
@SIZES
async def test_save_without_edits_and_list_without_a_list_say_why(tmp_path: Path, size) -> None:
    async with opened(make_world(tmp_path), size) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        assert any(n.startswith("Nothing to save") for n in notices(app))
        field(app, "AWS_REGION").focus()
        await pilot.press("f3")
        await pilot.pause()
        assert any(n.startswith("No list for this setting") for n in notices(app))


# -- 15: wording -----------------------------------------------------------------------------------------------
@SIZES
async def test_quit_wording_for_one_edit_and_in_the_palette(tmp_path: Path, size) -> None:
    async with opened(make_world(tmp_path), size) as (app, pilot):
        quit_command = next(c for c in app.get_system_commands(app.screen) if c.title == "Quit")
        assert "as soon as possible" not in quit_command.help and "asks first" in quit_command.help
        titles = {c.title for c in app.get_system_commands(app.screen)}
        # Each title says what it does: not a footer label (Scope, Profiles) nor a state (Bedrock on/off).
        assert {"Change the target scope", "Turn Bedrock on or off", "Validate against Bedrock"} <= titles
        assert "Named profiles: save, apply, rename, delete" in titles
        assert not {"Scope", "Profiles", "Bedrock on/off"} & titles
        field(app, "AWS_REGION").value = "eu-west-1"
        await settled(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "1 edit not saved yet. Save it before quitting?" in app.screen.query_one("#quit-summary").render().plain


@SIZES
@pytest.mark.parametrize(("profiles", "said"), [(1, "1 profile"), (2, "2 profiles")])
async def test_counts_agree_with_their_nouns(tmp_path: Path, size, profiles: int, said: str) -> None:
    from claude_bedrock_tui.app.screens.save import SaveScreen

    world = make_world(tmp_path)
    if profiles == 1:  # only dev, of the world's two AWS profiles
        (world.home / ".aws" / "config").write_text("[profile dev]\nregion = us-east-1\n", encoding="utf-8")
    async with opened(world, size) as (app, pilot):
        await wait_until(pilot, lambda: app.session.base.aws is not None)
        await settled(pilot)
        environment = app.query_one("#environment .pane-body").render().plain
        assert f"  {said} in ~/.aws/config" in environment, environment
        field(app, "AWS_PROFILE").value = "nowhere"  # a profile the files do not define
        await settled(pilot)
        hint = app.query_one("#editor-hint").render().plain
        assert f"F3 lists the {said} found" in hint, hint
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        assert str(app.screen.query_one("#save-dialog").border_title).startswith("Save 1 file ·")


# -- 4: an edit to a target whose file is broken keeps the file's error in Checks -----------------------------
@SIZES
async def test_a_broken_target_file_stays_an_error_after_an_edit(tmp_path: Path, size) -> None:
    world = make_world(tmp_path)
    world.user_file.write_text('{"env": {"AWS_REGION": "us-east-1",}', encoding="utf-8")  # broken JSON
    async with opened(world, size) as (app, pilot):
        panel = app.main.validation_panel.query_one(".pane-body")
        assert "Offline checks: no problems" not in panel.render().plain
        field(app, "AWS_REGION").value = "eu-west-1"
        await settled(pilot)
        text = panel.render().plain
        assert "Offline checks: no problems" not in text and "settings.json" in text, text


# -- 14: the thinking-token hint names the lower of the model's cap and the max output ---------------------------
@SIZES
async def test_the_thinking_hint_names_the_max_output_when_lower(tmp_path: Path, size) -> None:
    # The project settings set CLAUDE_CODE_MAX_OUTPUT_TOKENS=16384.
    async with opened(make_world(tmp_path), size) as (app, pilot):
        field(app, "MAX_THINKING_TOKENS").focus()
        await settled(pilot)
        hint = app.query_one("#editor-hint").render().plain
        assert "stay below 16384 (CLAUDE_CODE_MAX_OUTPUT_TOKENS)" in hint, hint


# -- structure: a worker's failure is shown, not swallowed ----------------------------------------------------
async def test_a_failing_profile_scan_is_said(tmp_path: Path, monkeypatch) -> None:
    from claude_bedrock_tui.core.aws_profiles import AwsProfileReader

    def broken(self, environ):
        raise PermissionError("~/.aws/config")

    monkeypatch.setattr(AwsProfileReader, "__call__", broken)
    async with opened(make_world(tmp_path), (80, 24)) as (app, pilot):
        await wait_until(pilot, lambda: any("Could not read the AWS profile files" in n for n in notices(app)))


# -- 9 and 13: toasts stay few and away from the dialog's buttons; the header keeps the edit count -----------
@SIZES
async def test_toasts_stay_few_and_the_header_keeps_the_edit_count(tmp_path: Path, size) -> None:
    async with opened(make_world(tmp_path), size) as (app, pilot):
        for _ in range(4):
            await pilot.press("f4")  # each says where edits now go
            await pilot.pause()
        assert len(list(app._notifications)) <= 2
        field(app, "AWS_REGION").value = "eu-west-1"
        await settled(pilot)
        assert app.main.sub_title.startswith("1 unsaved edit")


# -- 13: a long settings path wraps between its folders, under its own start ---------------------------------
@SIZES
async def test_a_long_settings_path_wraps_between_folders_under_itself(tmp_path: Path, size) -> None:
    import re
    from itertools import takewhile

    world = make_world(tmp_path)
    # The project outside HOME, as in the demo's sandbox: its paths show in full.
    project = tmp_path / "claude-bedrock-demo-sandbox" / "workspace" / "a-project-with-a-rather-long-name"
    (project / ".git").mkdir(parents=True)
    world = World(world.home, project, world.environ)
    async with opened(world, size) as (app, pilot):
        app.main.show_pane("pane-sources")  # at 80x24 the Settings files box is on its own tab
        await settled(pilot)
        body = app.query_one("#files .pane-body")
        rows = [body.render_line(y).text.rstrip() for y in range(body.size.height)]
        shown = {}  # scope -> (its first row, the path's column, the path's rows)
        for scope, name in (("local", "settings.local.json"), ("project", "settings.json")):
            first = next(i for i, row in enumerate(rows) if row.startswith(scope + " "))
            column = rows[first].find("/")
            assert column > 0, rows  # the path starts on its scope's line
            hanging = re.compile(" " * column + "[^ ]")  # a continuation: the path's next folders, under its start
            pieces = [rows[first], *takewhile(hanging.match, rows[first + 1 :])]
            assert len(pieces) > 1 and all(piece.endswith("/") for piece in pieces[:-1]), rows
            assert "".join(piece[column:] for piece in pieces) == str(project / ".claude" / name)
            shown[scope] = first, column, pieces
        # Selected on screen from its start to its end, the local path (in view) is copied whole.
        first, column, pieces = shown["local"]
        end = (len(pieces[-1]), first + len(pieces) - 1)
        await pilot.mouse_down(body, offset=(column, first))
        await pilot.hover(body, offset=end)
        await pilot.mouse_up(body, offset=end)
        assert app.screen.get_selected_text() == str(project / ".claude" / "settings.local.json")


def test_hanging_lines_cut_only_a_word_wider_than_the_room_and_keep_the_target_mark_whole() -> None:
    from textual.content import Content

    from claude_bedrock_tui.app.widgets.hanging import Hanging
    from claude_bedrock_tui.app.widgets.panes import TARGET_MARK

    head = Content("user     ok ~/a/bb.json" + TARGET_MARK)
    expected = ["user     ok ~/a/bb.json", "            " + TARGET_MARK.strip()]
    assert Hanging([(head, 12)]).at(32).plain.split("\n") == expected
    assert TARGET_MARK.strip() == "◀\u00a0target"  # one word: the arrow and its word never part
    assert Hanging([(Content("    K = " + "x" * 30), 6)]).at(24).plain.split("\n") == [
        "    K =",
        "x" * 24,  # no room for the indent: a hanging indent leaves at least MIN_ROOM
        "x" * 6,
    ]


def test_hanging_lines_are_measured_in_terminal_cells() -> None:
    """A CJK folder name takes two cells a character: the lines were laid out by characters, so such a path
    ran past the box's edge and Textual wrapped it again at column 0."""
    from rich.cells import cell_len
    from textual.content import Content

    from claude_bedrock_tui.app.widgets.hanging import Hanging

    path = "user  ok /home/山田/プロジェクト/設定ファイル/settings.json"
    rows = Hanging([(Content(path), 10)]).at(30).plain.split("\n")
    assert all(cell_len(row) <= 30 for row in rows), rows
    assert rows[0] == "user  ok /home/山田/"  # broken between folders, as an ASCII path is
    assert all(row.startswith(" " * 10) and row[10] != " " for row in rows[1:]), rows
    assert "".join(row.strip() for row in rows[1:]) == "プロジェクト/設定ファイル/settings.json"
    # A selection made on screen (in cells) copies the path as written.
    from textual.geometry import Offset
    from textual.selection import Selection

    shown = Hanging([(Content(path), 10)])
    shown.at(30)
    assert shown.selected(Selection(Offset(9, 0), Offset(cell_len(rows[-1]), len(rows) - 1))) == path[9:]
    assert shown.selected(Selection(Offset(14, 1), Offset(30, 1))) == "ジェクト/"  # 4 cells in: 2 characters
    # A word of wide characters wider than the room is cut at a character, never inside one.
    wide = Hanging([(Content("漢" * 30), 0)]).at(21).plain.split("\n")
    assert wide == ["漢" * 10, "漢" * 10, "漢" * 10]


def test_hanging_lines_count_their_height_as_textual_would() -> None:
    """The height is counted from the laid-out rows (each fits its width) instead of wrapping them again:
    the same number as Textual's own count, at every width, wide characters and a line pad included."""
    from textual.content import Content

    from claude_bedrock_tui.app.widgets.hanging import Hanging

    lines = [
        (Content("user     ok ~/a/very/long/path/to/settings.json ◀\u00a0target"), 12),
        (Content("Primary model".ljust(24) + OPUS_41), 24),
        (Content("    K = " + "x" * 70), 6),
        (Content("user  ok /home/山田/プロジェクト/設定ファイル/settings.json"), 10),
        (Content(""), 0),
    ]
    for width in range(3, 90):
        for pad in (0, 1):
            rules = {"line_pad": pad}
            shown = Hanging(lines)
            assert shown.get_height(rules, width) == shown.at(width).get_height(rules, width), (width, pad)


def test_hanging_lines_never_break_inside_their_head() -> None:
    """A settings row's title column is its head: a value too long for the line is wrapped under itself,
    never moved whole under a title left alone on its line (the break at the title's padding)."""
    from textual.content import Content

    from claude_bedrock_tui.app.widgets.hanging import Hanging

    row = Content("Primary model".ljust(24) + OPUS_41)
    assert Hanging([(row, 24)]).at(54).plain.split("\n") == [
        "Primary model".ljust(24) + OPUS_41[:30],
        " " * 24 + OPUS_41[30:],
    ]
    # Where the indent leaves too little room it is dropped, and so is the head: the line breaks as words.
    assert Hanging([(row, 24)]).at(40).plain.split("\n")[0] == "Primary model"


# -- 8: the save dialog's diff scrolls at once with PageDown/End/Home ---------------------------------------------
@SIZES
async def test_the_save_dialogs_diff_scrolls_at_once(tmp_path: Path, size) -> None:
    from claude_bedrock_tui.app.screens.save import SaveScreen

    async with opened(make_world(tmp_path), size) as (app, pilot):
        # Six edits in each scope, set one after the other (each reaches the session): a tall diff.
        for _scope in ("user", "project", "local"):
            for name in ("AWS_DEFAULT_REGION", "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION"):
                field(app, name).value = "eu-west-1"
            for name in (
                "ANTHROPIC_DEFAULT_OPUS_MODEL",
                "ANTHROPIC_DEFAULT_SONNET_MODEL",
                "CLAUDE_CODE_SUBAGENT_MODEL",
            ):
                field(app, name).value = OPUS_41
            field(app, "MAX_THINKING_TOKENS").value = "4000"
            await settled(pilot)
            await pilot.press("f4")
            await settled(pilot)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        diffs = app.screen.query_one("#diffs")
        await wait_until(pilot, lambda: diffs.max_scroll_y > 0)  # laid out: the diff is longer than its box
        await pilot.press("end")
        await wait_until(pilot, lambda: diffs.scroll_y == diffs.max_scroll_y)
        await pilot.press("home")
        await wait_until(pilot, lambda: diffs.scroll_y == 0)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: diffs.scroll_y > 0)


# -- 12: closing the terminal (SIGHUP) with the demo open removes its sandbox -----------------------------------
def _demo_on_a_terminal(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The demo on a pseudo-terminal it owns (its controlling terminal, as in a window or over SSH)."""
    import fcntl
    import os
    import pty
    import subprocess
    import sys
    import termios

    primary, secondary = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "TMPDIR": str(tmp_path)}
    child = subprocess.Popen(
        [sys.executable, "-m", "claude_bedrock_tui", "demo"],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        start_new_session=True,  # then the terminal becomes its own: closing it sends SIGHUP, as a window does
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
    )
    os.close(secondary)
    return child, primary


def _read_until(primary: int, done, seconds: float = 30.0) -> bytes:  # type: ignore[no-untyped-def]
    import os
    import select
    import time

    seen, deadline = b"", time.monotonic() + seconds
    while not done(seen):
        assert time.monotonic() < deadline, seen[-500:]
        if select.select([primary], [], [], 0.1)[0]:
            seen += os.read(primary, 65536)
    return seen


@pytest.mark.parametrize("how", ["window closed while drawing", "hang-up signal while idle"])
def test_a_hang_up_ends_the_demo_and_removes_its_sandbox(tmp_path: Path, how: str) -> None:
    """Both ways once hung (Textual 8.2): a closed terminal killed Textual's writer thread at the first
    failed write and the app's exit then waited on its full queue; a signal handler's app.exit() on an
    idle app only queued the exit, and the loop slept on in select() (app/terminal.py, app/run.py)."""
    import os
    import re
    import signal
    import threading
    import time

    child, primary = _demo_on_a_terminal(tmp_path)
    closed = False
    try:
        seen = _read_until(primary, lambda s: b"Edit" in s and b"Demo sandbox in" in s)  # announced, then drawn
        root = Path(re.search(rb"Demo sandbox in (\S+)", seen).group(1).decode())  # type: ignore[union-attr]
        assert root.is_dir()
        if how == "window closed while drawing":
            os.close(primary)  # the panes after the first frame are still being mounted and drawn
            closed = True
        else:
            quiet_since = [time.monotonic()]

            def drain() -> None:  # a terminal reads all the app writes, before and after the signal
                import select

                while child.poll() is None:
                    if select.select([primary], [], [], 0.05)[0]:
                        try:
                            os.read(primary, 65536)
                        except OSError:
                            return
                        quiet_since[0] = time.monotonic()

            threading.Thread(target=drain, daemon=True).start()
            deadline = time.monotonic() + 30
            while time.monotonic() - quiet_since[0] < 1.0:  # nothing drawn for a second: the app is idle
                assert time.monotonic() < deadline
                time.sleep(0.05)
            child.send_signal(signal.SIGHUP)
        assert child.wait(timeout=30) == 129
        assert not root.exists()
    finally:
        child.kill()
        child.wait()
        if not closed:
            os.close(primary)


# -- 13: a picker's title fits 80 columns (what the list is goes under it, after the count) ---------------------
@SIZES
async def test_the_model_pickers_title_is_not_cut(tmp_path: Path, size) -> None:
    from claude_bedrock_tui.app.screens.pickers import PickerScreen

    async with opened(make_world(tmp_path), size) as (app, pilot):
        field(app, "ANTHROPIC_MODEL").focus()
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.pause()
        box = app.screen.query_one(".picker")
        assert len(str(box.border_title)) <= box.size.width - 4, box.border_title
        assert "F5 validates" in app.screen.query_one("#picker-note").render().plain


# -- structure: saving (fsync) runs in a worker, off the UI thread; an edit typed meanwhile stays -------------
async def test_saving_writes_in_a_worker_thread(tmp_path: Path, monkeypatch) -> None:
    import threading

    from claude_bedrock_tui.app.screens.save import SaveScreen
    from claude_bedrock_tui.core import edits

    threads: list[str] = []
    write_change = edits.write_change

    def recording(change, **kwargs):
        threads.append(threading.current_thread().name)
        return write_change(change, **kwargs)

    monkeypatch.setattr(edits, "write_change", recording)
    world = make_world(tmp_path)
    async with opened(world, (80, 24)) as (app, pilot):
        field(app, "AWS_REGION").value = "us-west-2"
        await settled(pilot)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen) and app.run_state.phase == "done")
        await pilot.press("f2")
        await wait_until(pilot, lambda: not app.session.dirty)
        assert threads and threading.main_thread().name not in threads
        assert world.read_user()["env"]["AWS_REGION"] == "us-west-2"


# -- speed: a key typed into a field repaints the field, never lays out the whole screen -------------------
@SIZES
async def test_a_key_typed_into_a_field_lays_out_nothing(tmp_path: Path, size, monkeypatch) -> None:
    from textual.widget import Widget

    from claude_bedrock_tui.app.widgets.ordered_input import OrderedInput

    asked: list[str] = []
    refresh = Widget.refresh

    def recording(self, *regions, layout: bool = False, **kwargs):
        if layout and isinstance(self, OrderedInput):
            asked.append(self.value)
        return refresh(self, *regions, layout=layout, **kwargs)

    async with opened(make_world(tmp_path), size) as (app, pilot):
        control = field(app, "ANTHROPIC_MODEL")
        control.value = ""
        control.focus()
        await settled(pilot)
        monkeypatch.setattr(Widget, "refresh", recording)
        await pilot.press(*OPUS_41)  # longer than the field at 80 columns: it scrolls inside itself
        await settled(pilot)
        assert control.value == OPUS_41
        assert asked == []
        # The end of the text, where the cursor is, shows: the field scrolled within its own width.
        shown = "".join(segment.text for segment in control.render_line(0))
        assert "v1:0" in shown
        if len(OPUS_41) >= control.content_size.width:
            assert control.scroll_x > 0


# -- speed: the first frame holds what is in view only; the rest follows it, and is there when asked for -------
@SIZES
async def test_the_first_frame_mounts_only_what_is_in_view(tmp_path: Path, size) -> None:
    from textual.widgets import Input

    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.app.widgets.panes import InfoPane

    first: dict[str, object] = {}

    class Watched(BedrockApp):
        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and not first and getattr(screen, "built", False):
                panes = {pane.id: pane for pane in screen.query(InfoPane)}
                first["panes"] = sorted(panes)
                first["effective"] = panes["pane-effective"].query_one(".pane-body").render() if panes else None
                first["inputs"] = len(screen.query(Input))
                first["rows"] = screen.editors._prompts.get("AWS_REGION", "")

    world = make_world(tmp_path)
    app = Watched(project_dir=world.project, environ=world.environ)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        assert "us-east-1" in str(first["rows"])  # the settings list shows values in the first frame
        assert first["inputs"] == 0  # the text field is mounted after it
        if size == (80, 24):
            assert first["panes"] == []  # hidden behind the tabs: mounted after the first frame
        else:
            assert first["panes"] == ["environment", "files", "pane-checks", "pane-effective"]
            assert "AWS_REGION" in first["effective"].plain  # type: ignore[union-attr]
        # Everything is there once ready, and each pane holds its text.
        assert len(app.main.query(InfoPane)) == 4
        await pilot.press("f6")
        await settled(pilot)
        assert "AWS profile in use" in app.main.query_one("#environment .pane-body").render().plain
        assert "AWS_REGION" in app.main.query_one("#pane-effective .pane-body").render().plain
        assert len(app.main.query(Input)) == 1


@SIZES
async def test_the_first_frame_lays_the_settings_list_out_at_its_own_width(tmp_path: Path, size) -> None:
    """The rows were wrapped to a guessed width before the list was laid out (114 columns at 120x40, where
    the list is 54 wide), so the first frame showed them cut again at column 0, and the list was built and
    drawn a second time right after. Now the list lays its rows out at the width it draws them at."""
    from textual.geometry import Region

    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.app.widgets.editors import GROUP_TITLES, TITLE_WIDTH
    from claude_bedrock_tui.app.widgets.field_editor import title_of
    from claude_bedrock_tui.core.fields import SPECS

    def drawn(screen) -> list[str]:
        settings = screen.editors.settings_list
        width, height = settings.size
        return [strip.text.rstrip() for strip in settings.render_lines(Region(0, 0, width, height))]

    first: dict[str, list[str]] = {}

    class Watched(BedrockApp):
        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and not first and getattr(screen, "built", False):
                first["lines"] = drawn(screen)

    builds: list[int] = []
    world = make_world(tmp_path)
    app = Watched(project_dir=world.project, environ=world.environ)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await settled(pilot)
        now = drawn(app.main)
        # In the first frame as now: every line starts with a title (a group's, a row's) or continues in the
        # value's column (the AWS profile's hint changes in between: the profile files are read after it).
        titles = {"Target scope", "Method", *GROUP_TITLES.values(), *(title_of(spec) for spec in SPECS)}
        for line in first["lines"] + now:
            head = line[:TITLE_WIDTH]
            assert head.rstrip() in titles or (head.isspace() and line[TITLE_WIDTH] != " "), line
        # A resize lays the rows out again (without rebuilding them).
        editors = app.main.editors
        editors.refresh_rows = lambda session: builds.append(1)  # type: ignore[method-assign]
        await pilot.resize_terminal(size[0] + 10, size[1])
        await settled(pilot)
        assert builds == []
        assert all(len(line) <= editors.settings_list.size.width for line in drawn(app.main))


@pytest.mark.parametrize(
    ("size", "classes"),
    [
        ((80, 24), {"-narrow", "-short"}),
        ((120, 40), {"-wide", "-tall"}),
        ((130, 30), {"-wide", "-short"}),
        ((100, 40), {"-narrow", "-tall"}),
    ],
    ids=["80x24", "120x40", "130x30", "100x40"],
)
async def test_the_first_frame_styles_each_widget_a_few_times_only(tmp_path: Path, size, classes) -> None:
    """Textual styled every widget about six times before the first frame (183 style applications for 32
    widgets at 120x40): once at mount, again when the first resize set the breakpoint classes, again when
    the screen resumed, and with every focus change. The screen now starts with its breakpoint classes,
    skips the first resume's restyle and focuses the settings list first (main_layout.py)."""
    from textual.css.stylesheet import Stylesheet

    from claude_bedrock_tui.app.app import BedrockApp

    seen: dict[str, object] = {}
    applied = [0]
    apply = Stylesheet.apply

    def counted_apply(self, node, *args, **kwargs):  # type: ignore[no-untyped-def]
        applied[0] += 1
        return apply(self, node, *args, **kwargs)

    class Watched(BedrockApp):
        def get_default_screen(self):  # type: ignore[no-untyped-def]
            screen = super().get_default_screen()
            seen["built with"] = set(screen.classes)
            return screen

        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and "applied" not in seen and getattr(screen, "built", False):
                seen["applied"] = applied[0]
                seen["widgets"] = len(list(screen.walk_children(with_self=True)))
                seen["focused"] = screen.focused.id if screen.focused else None

    world = make_world(tmp_path)
    Stylesheet.apply = counted_apply  # type: ignore[method-assign]
    try:
        app = Watched(project_dir=world.project, environ=world.environ)
        async with app.run_test(size=size) as pilot:
            await ready(pilot)
            assert seen["applied"] < 4 * seen["widgets"], seen  # type: ignore[operator]
            assert seen["built with"] == classes  # what Textual gives the screen at its first resize
            assert set(app.main.classes) >= classes
            assert seen["focused"] == "settings-list"
            # Coming back from a dialog still restyles the screen (its focus styles return with it).
            await pilot.press("f1")
            await wait_until(pilot, lambda: app.screen is not app.main)
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is app.main and app.main.focused is not None)
            assert app.main.focused.id == "settings-list"  # type: ignore[union-attr]
    finally:
        Stylesheet.apply = apply  # type: ignore[method-assign]


async def test_the_collector_waits_while_the_app_opens(tmp_path: Path) -> None:
    """Python's cyclic collector is paused from the app's Load event until every pane is mounted
    (app/collection.py), and runs again afterwards; a collector someone else disabled stays disabled."""
    import gc

    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.app.collection import OpeningPause

    seen: dict[str, bool] = {}

    class Watched(BedrockApp):
        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and "at first frame" not in seen and getattr(screen, "built", False):
                seen["at first frame"] = gc.isenabled()

    assert gc.isenabled()
    world = make_world(tmp_path)
    app = Watched(project_dir=world.project, environ=world.environ)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert seen["at first frame"] is False
        assert gc.isenabled()
    assert gc.isenabled()

    gc.disable()
    try:
        pause = OpeningPause()
        pause.pause()
        pause.resume()
        assert not gc.isenabled()  # not ours to turn on
    finally:
        gc.enable()


async def test_a_quit_while_opening_turns_the_collector_back_on(tmp_path: Path) -> None:
    import gc

    from claude_bedrock_tui.app.app import BedrockApp

    paused_at_exit: list[bool] = []

    class QuitsAtTheFirstFrame(BedrockApp):
        def configuration_shown(self) -> None:  # never reached: the app closes first
            raise AssertionError("the main screen was completed")

        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and getattr(screen, "built", False) and not paused_at_exit:
                paused_at_exit.append(not gc.isenabled())
                self.exit()

    world = make_world(tmp_path)
    app = QuitsAtTheFirstFrame(project_dir=world.project, environ=world.environ)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(paused_at_exit))
    assert paused_at_exit == [True]
    assert gc.isenabled()


async def test_a_pane_asked_for_before_it_is_mounted_is_shown_once_it_is(tmp_path: Path) -> None:
    from claude_bedrock_tui.app.app import BedrockApp

    class Eager(BedrockApp):
        def on_mount(self) -> None:
            self.call_after_refresh(lambda: self.main.show_pane("pane-checks"))

    world = make_world(tmp_path)
    app = Eager(project_dir=world.project, environ=world.environ)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.main.active_pane == "pane-checks"
        assert app.main.query_one("#pane-checks").has_class("-active")
        assert not app.main.query_one("#pane-edit").has_class("-active")


# -- 13: a line too long for the Effective or Environment box wraps under its own start, never at column 0 ---------
@SIZES
async def test_long_effective_lines_wrap_with_a_hanging_indent(tmp_path: Path, size) -> None:
    import re

    long_id = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abcdefghijkl"
    async with opened(make_world(tmp_path), size) as (app, pilot):
        field(app, "ANTHROPIC_DEFAULT_HAIKU_MODEL").value = long_id
        await settled(pilot)
        for pane_id in ("pane-effective", "environment"):
            pane = app.main.query_one(f"#{pane_id}")
            body = pane.query_one(".pane-body")
            rows = body.visual.at(body.content_region.width or pane.size.width - 4).plain.splitlines()
            assert rows
            # A setting's row starts with its mark column; every wrapped row starts with spaces.
            assert all(re.match(r"^(  |[✘▲] )|^[A-Z]|^$", row) for row in rows), rows
        rows = app.main.query_one("#pane-effective .pane-body").visual.at(60).plain.splitlines()
        assert any(row.startswith("  ") and "abcdefghijkl" in row for row in rows), rows


async def test_quitting_at_the_first_frame_leaves_no_error(tmp_path: Path) -> None:
    """ctrl+q, or the terminal closing, before the panes hidden behind the tabs were mounted."""
    from claude_bedrock_tui.app.app import BedrockApp

    class QuitAtOnce(BedrockApp):
        quit_early = False

        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and getattr(screen, "built", False) and not screen.complete:
                self.quit_early = True
                self.exit(0)

    world = make_world(tmp_path)
    app = QuitAtOnce(project_dir=world.project, environ=world.environ)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.quit_early
    assert app.return_code == 0  # no MountError from the panes that were to follow


# -- found in tmux: keys typed on the list, after the field had the focus before, were lost ---------------------
@SIZES
async def test_keys_typed_on_the_list_are_added_to_the_value_never_replace_it(tmp_path: Path, size) -> None:
    async with opened(make_world(tmp_path), size) as (app, pilot):
        control = field(app, "AWS_REGION")
        control.focus()
        await pilot.press("end", "backspace", "2", "enter")  # edit it in the field, then back to the list
        await settled(pilot)
        assert app.session.value("AWS_REGION") == "us-east-2"
        assert app.focused is app.main.editors.settings_list
        await pilot.press("x", "y", "z")  # typed on the list: into the field, as it takes the focus
        await settled(pilot)
        # The field selected all its text when it took the focus, and "y" replaced "us-east-2x".
        assert app.session.value("AWS_REGION") == "us-east-2xyz"


# -- found in tmux: up/down in a text field did nothing (the README says they move to the previous/next setting) -
@SIZES
async def test_up_and_down_in_a_text_field_move_to_the_previous_and_next_setting(tmp_path: Path, size) -> None:
    """OrderedInput ran the field's own "up" binding at once (Textual's scroll, which skips itself in a
    one-line field) and swallowed the key, so the editor's up/down never saw it."""
    async with opened(make_world(tmp_path), size) as (app, pilot):
        editors = app.main.editors
        rows = [row for row in editors._rows if not row.startswith("group-")]
        region = rows.index("AWS_REGION")
        field(app, "AWS_REGION").focus()
        await pilot.press("end", "backspace", "2")  # typed, then up and down, in one burst
        await pilot.press("up")
        await wait_until(pilot, lambda: editors.current == rows[region - 1])
        await pilot.press("down", "down")
        await wait_until(pilot, lambda: editors.current == rows[region + 1])
        await settled(pilot)
        assert app.session.value("AWS_REGION") == "us-east-2"  # the typing before the moves stays


# -- 13: a diff line too long for the save dialog goes on deeper than its own indentation --------------------------
async def test_a_long_diff_line_wraps_deeper_than_its_indentation(tmp_path: Path) -> None:
    from claude_bedrock_tui.app.screens.save import SaveScreen

    long_id = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abcdefghijkl"
    async with opened(make_world(tmp_path), (80, 24)) as (app, pilot):
        field(app, "ANTHROPIC_DEFAULT_HAIKU_MODEL").value = long_id
        await settled(pilot)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        await pilot.pause()
        diff = app.screen.query_one(".diff")
        rows = diff.visual.at(diff.content_region.width).plain.splitlines()
        start = next(i for i, row in enumerate(rows) if row.startswith('+    "ANTHROPIC_DEFAULT_HAIKU_MODEL"'))
        assert rows[start + 1].startswith(" " * 7) and "abcdefghijkl" in "".join(rows[start : start + 3]), rows


# -- 13: the profiles dialog's file path wraps between its folders (it broke 'profiles' / '.toml') ---------------
async def test_the_profiles_file_path_wraps_between_folders(tmp_path: Path) -> None:
    from claude_bedrock_tui.app.screens.profiles import ProfilesScreen

    world = make_world(tmp_path)
    deep = tmp_path / "a-rather-long-folder-name-for-the-xdg-config" / "and-one-more-level-below-it"
    world.environ["XDG_CONFIG_HOME"] = str(deep)
    async with opened(world, (80, 24)) as (app, pilot):
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfilesScreen))
        await pilot.pause()
        head = app.screen.query_one("#profiles-file")
        rows = head.visual.at(head.content_region.width).plain.splitlines()
        assert len(rows) > 1, rows  # long enough to wrap at 80 columns
        assert any("profiles.toml" in row for row in rows), rows  # the file name whole
        assert all(row.rstrip().endswith("/") for row in rows[:-1] if "/" in row), rows


# -- 15: the discard question agrees with the number of edits ---------------------------------------------------
@pytest.mark.parametrize("edits", [1, 2])
async def test_the_discard_question_counts_the_edits(tmp_path: Path, edits: int) -> None:
    async with opened(make_world(tmp_path), (80, 24)) as (app, pilot):
        field(app, "AWS_REGION").value = "us-west-2"
        if edits == 2:
            field(app, "MAX_THINKING_TOKENS").value = "4000"
        await settled(pilot)
        await pilot.press("f9")
        await wait_until(pilot, lambda: asking(app.screen, "discard"))
        expected = "Discard the edit" if edits == 1 else "Discard all edits"
        assert app.screen.title_text == f"{expected}?"
        assert str(app.screen.query_one("#discard").label) == expected
        await pilot.press("d")
        await wait_until(pilot, lambda: not app.session.dirty)


# -- structure: the named-profiles file is read off the UI thread, when the dialog opens too --------------------
async def test_the_profiles_file_is_read_in_a_worker_thread(tmp_path: Path, monkeypatch) -> None:
    import threading

    from claude_bedrock_tui.app.profiles_state import SavedProfiles
    from claude_bedrock_tui.app.screens.profiles import ProfilesScreen

    world = make_world(tmp_path)
    path = world.home / ".config" / "claude-bedrock-tui" / "profiles.toml"
    path.parent.mkdir(parents=True)
    path.write_text(WEST, encoding="utf-8")
    threads: list[str] = []
    read = SavedProfiles.read.__func__  # type: ignore[attr-defined]

    def recording(cls, where):
        threads.append(threading.current_thread().name)
        return read(cls, where)

    monkeypatch.setattr(SavedProfiles, "read", classmethod(recording))
    async with opened(world, (80, 24)) as (app, pilot):
        await wait_until(pilot, lambda: app.saved_profiles is not None)
        path.write_text(WEST + '\n[profiles.east]\nAWS_REGION = "us-east-2"\n', encoding="utf-8")  # edited meanwhile
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfilesScreen))
        await wait_until(pilot, lambda: app.screen.saved is not None and "east" in app.screen.saved.profiles)
        assert len(threads) >= 2 and threading.main_thread().name not in threads, threads


# -- found in tmux: keys sent with F6 in one burst (SSH, tmux) went to the pane it left ---------------------------
async def test_keys_after_f6_in_one_burst_go_to_the_pane_shown(tmp_path: Path) -> None:
    async with opened(make_world(tmp_path), (80, 24)) as (app, pilot):
        editors = app.main.editors
        assert editors.current == "scope"
        await pilot.press("f6")  # Sources: the focus in its Environment box
        await settled(pilot)
        for _ in range(3):  # Effective, Checks, back to Edit: the focus must follow each at once
            app._driver.send_message(_key("f6"))
        for _ in range(2):
            app._driver.send_message(_key("down"))
        await settled(pilot)
        assert app.main.active_pane == "pane-edit"
        assert editors.current == "method", editors.current  # scope -> Use Bedrock -> Method


def _key(name: str):
    from textual import events

    event = events.Key(name, None)
    return event


# -- found in the tmux pass: the AWS profile's hint and picker say where they looked -----------------------------
@SIZES
async def test_the_profile_hint_says_where_it_looked_and_names_an_unknown_profile(tmp_path: Path, size) -> None:
    """With no profile files, the hint said `0 profiles found · F3 lists them` and the picker `No AWS profiles
    found.`; with a profile name the files lack, the hint counted the others and never said the name was
    missing."""
    from claude_bedrock_tui.app.screens.pickers import PickerScreen

    def hint(app) -> str:
        return str(app.main.editors._prompts.get("AWS_PROFILE", ""))

    world = make_world(tmp_path)
    for name in ("config", "credentials"):
        (world.home / ".aws" / name).write_text("", encoding="utf-8")
    async with opened(world, size) as (app, pilot):
        await wait_until(pilot, lambda: "reading AWS profiles" not in hint(app))
        assert "`aws configure --profile dev` makes it" in hint(app), hint(app)  # the check says it is missing
        assert "F3 lists" not in hint(app)
        app.set_field("AWS_PROFILE", "")  # unset: the files have none at all
        await settled(pilot)
        await wait_until(pilot, lambda: "no AWS profiles in ~/.aws/config or ~/.aws/credentials" in hint(app))
        assert "`aws configure` (or `aws configure sso`) makes one" in hint(app), hint(app)
        app.main.editors.edit("AWS_PROFILE", app.session)
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
        note = str(app.screen.query_one("#picker-note").render())
        assert note.startswith("No AWS profiles in ~/.aws/config or ~/.aws/credentials"), note

    async with opened(make_world(tmp_path / "other"), size) as (app, pilot):
        await wait_until(pilot, lambda: "reading AWS profiles" not in hint(app))
        app.set_field("AWS_PROFILE", "nope")
        await settled(pilot)
        await wait_until(pilot, lambda: "`aws configure --profile nope` makes it" in hint(app))
        assert "F3 lists the 2 profiles found" in hint(app), hint(app)
        assert "names a profile that is not in" in hint(app)  # the check's own line, under the hint


# -- found in the pass: the app never said which Claude Code its predictions are for -----------------------------
@SIZES
async def test_the_effective_pane_names_the_claude_code_it_predicts_for(tmp_path: Path, size) -> None:
    """`show` says which Claude Code version it predicts for and with whose rules; the app said nothing."""
    world = make_world(tmp_path)
    tools = tmp_path / "bin"
    tools.mkdir()
    claude = tools / "claude"
    claude.write_text("#!/bin/sh\necho '2.1.197 (Claude Code)'\n", encoding="utf-8")
    claude.chmod(0o755)
    world.environ["PATH"] = f"{tools}:{world.environ['PATH']}"
    async with opened(world, size) as (app, pilot):
        if size == (80, 24):
            await pilot.press("f6", "f6")  # the Effective tab
        await wait_until(pilot, lambda: bool(app.main.query("#pane-effective .pane-body")))
        text = app.main.query_one("#pane-effective .pane-body").render().plain
        assert f"Claude Code 2.1.197 (installed: {claude}): rules measured on this version" in text, text
