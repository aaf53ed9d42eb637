"""The edit session and the pure helpers behind the panes (no Textual needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app_support import BARE_SONNET_45, SONNET_45, make_world
from claude_bedrock_tui.app.display import display_path, shown_value
from claude_bedrock_tui.app.hints import field_hint
from claude_bedrock_tui.app.session import EditSession, backup_dir_for
from claude_bedrock_tui.app.validation_state import ValidationRun
from claude_bedrock_tui.app.widgets.panes import effective_content, environment_content, files_content
from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.core.edits import EditRefused
from claude_bedrock_tui.core.fields import SPEC_BY_NAME
from claude_bedrock_tui.core.records import CheckResult


def session_for(world, **kwargs) -> EditSession:
    return EditSession(load(world.project, world.environ, read_aws=False), **kwargs)


def test_an_edit_back_to_the_disk_value_is_no_edit(tmp_path: Path) -> None:
    session = session_for(make_world(tmp_path))
    session.set("AWS_REGION", "eu-west-1")
    assert session.dirty and session.preview.value("AWS_REGION") == "eu-west-1"
    session.set("AWS_REGION", "us-east-1")
    assert not session.dirty
    assert session.preview.value("AWS_REGION") == "us-east-1"


def test_edits_in_two_scopes_preview_with_precedence_and_plan_two_files(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    session = session_for(world)
    session.set("AWS_REGION", "eu-west-1")
    session.scope = "local"
    session.set("AWS_REGION", "eu-central-1")
    region = session.preview.effective["AWS_REGION"]
    assert (region.value, region.origin) == ("eu-central-1", "local")
    assert [s.origin for s in region.shadowed] == ["user"]
    changes = session.plan()
    assert [c.scope for c in changes] == ["user", "local"]
    assert '"AWS_REGION": "eu-central-1"' in changes[1].new_text


def test_save_writes_keeps_unrelated_keys_and_reloads(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    original = world.read_user()
    session = session_for(world)
    session.set("ANTHROPIC_MODEL", SONNET_45)
    session.set("AWS_PROFILE", None)
    results = session.save(session.plan(), world.environ)
    saved = world.read_user()
    assert saved["env"]["ANTHROPIC_MODEL"] == SONNET_45 and "AWS_PROFILE" not in saved["env"]
    assert {k: v for k, v in saved.items() if k != "env"} == {k: v for k, v in original.items() if k != "env"}
    assert not session.dirty and session.base.file("user").env["ANTHROPIC_MODEL"] == SONNET_45
    # the backup stays inside the sandbox's own state folder
    assert results[0].backup is not None and str(results[0].backup).startswith(str(world.home))


def test_secrets_are_refused_for_the_shared_project_scope(tmp_path: Path) -> None:
    session = session_for(make_world(tmp_path), scope="project")
    session.set("AWS_SECRET_ACCESS_KEY", "abcdefghijklmnopqrstuvwxyz")
    with pytest.raises(EditRefused, match="shared through git"):
        session.plan()


def test_bedrock_off_cancels_a_shell_export(tmp_path: Path) -> None:
    user = {"env": {"AWS_REGION": "us-east-1"}}
    world = make_world(tmp_path, user=user, shell={"CLAUDE_CODE_USE_BEDROCK": "1"})
    session = session_for(world)
    assert session.bedrock_on
    session.set_bedrock(False)
    assert session.pending["user"] == {"CLAUDE_CODE_USE_BEDROCK": ""}
    assert not session.bedrock_on
    session.set_bedrock(True)
    assert session.pending["user"] == {"CLAUDE_CODE_USE_BEDROCK": "1"}


def test_bedrock_on_switches_cleanly_off_the_other_providers(tmp_path: Path) -> None:
    user = {"env": {"CLAUDE_CODE_USE_VERTEX": "1", "CLAUDE_CODE_USE_FOUNDRY": "1"}}
    world = make_world(tmp_path, user=user, shell={"CLAUDE_CODE_USE_ANTHROPIC_AWS": "1"})
    session = session_for(world)
    assert not session.bedrock_on
    notes = session.set_bedrock(True)
    # In the user file the switches are removed; the shell's export is cancelled with "" (as Bedrock off does).
    assert session.pending["user"] == {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "CLAUDE_CODE_USE_VERTEX": None,
        "CLAUDE_CODE_USE_FOUNDRY": None,
        "CLAUDE_CODE_USE_ANTHROPIC_AWS": "",
    }
    assert notes == [] and session.bedrock_on


def test_a_provider_switch_a_higher_scope_holds_is_named_not_lost(tmp_path: Path) -> None:
    world = make_world(tmp_path, user={"env": {}}, local={"env": {"CLAUDE_CODE_USE_VERTEX": "1"}})
    session = session_for(world)
    notes = session.set_bedrock(True)
    assert session.pending["user"] == {"CLAUDE_CODE_USE_BEDROCK": "1"}
    assert len(notes) == 1 and "Vertex AI" in notes[0] and "local" in notes[0]


def test_display_path_shortens_home_only() -> None:
    environ = {"HOME": "/home/ann"}
    assert display_path("/home/ann/.claude/settings.json", environ) == "~/.claude/settings.json"
    assert display_path("/home/anna/x", environ) == "/home/anna/x"
    assert display_path("/etc/claude-code/managed-settings.json", environ).startswith("/etc/")


def test_secrets_never_reach_the_panes_unmasked(tmp_path: Path) -> None:
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    world = make_world(tmp_path, shell={"AWS_SECRET_ACCESS_KEY": secret})
    session = session_for(world, scope="local")
    session.set("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-SECRETSECRETSECRET1234")
    texts = [environment_content(session).plain, files_content(session).plain, effective_content(session).plain]
    for text in texts:
        assert secret not in text and "SECRETSECRETSECRET" not in text
    assert shown_value("AWS_SECRET_ACCESS_KEY", secret) in texts[0]


def test_files_pane_marks_pending_edits_and_bad_files(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.local_file.write_text('{\n  "env": {"AWS_REGION": "x",}\n}\n', encoding="utf-8")
    session = session_for(world)
    session.set("AWS_REGION", "eu-west-1")
    text = files_content(session).plain
    assert "● AWS_REGION = eu-west-1  was us-east-1" in text
    assert "invalid" in text and "line 2" in text  # the bad file with its line
    assert "also kept: $schema, permissions, hooks, statusLine" in text


def test_effective_pane_shows_origin_shadowing_and_dead_exports(tmp_path: Path) -> None:
    world = make_world(tmp_path, shell={"AWS_REGION": "us-west-2"})
    session = session_for(world)
    text = effective_content(session).plain
    assert "▲ AWS_REGION = us-east-1  user" in text
    assert "shadows shell: us-west-2" in text
    assert "dead: user settings win" in environment_content(session).plain


def test_model_hint_shows_cap_one_m_and_the_offline_problem(tmp_path: Path) -> None:
    session = session_for(make_world(tmp_path))
    hint = field_hint(SPEC_BY_NAME["ANTHROPIC_MODEL"], session).plain
    assert "bare model ID" in hint  # the offline check, as the user types
    session.set("ANTHROPIC_MODEL", SONNET_45)
    hint = field_hint(SPEC_BY_NAME["ANTHROPIC_MODEL"], session).plain
    assert "output cap 65536" in hint and "[1m] available" in hint and "bare" not in hint
    assert BARE_SONNET_45 not in hint


def test_region_hint_says_what_it_resolves_to(tmp_path: Path) -> None:
    world = make_world(tmp_path, user={"env": {"AWS_PROFILE": "corp-sso"}})
    session = EditSession(load(world.project, world.environ))  # with the AWS profiles read
    hint = field_hint(SPEC_BY_NAME["AWS_REGION"], session).plain
    assert "Claude Code calls eu-west-1 (profile corp-sso)" in hint
    refresh = field_hint(SPEC_BY_NAME["awsAuthRefresh"], session).plain
    assert "suggested: aws sso login --profile corp-sso" in refresh


def test_validation_verdict_names_failing_checks() -> None:
    run = ValidationRun(run_id=1, phase="running")
    run.update(CheckResult("models", "running", "…"))
    assert run.verdict().startswith("validating… 0 of 1")
    run.update(CheckResult("models", "fail", "denied", "grant access"))
    run.phase = "done"
    assert not run.ok and run.verdict() == "validation failed: models"


def test_backups_follow_the_given_environment(tmp_path: Path) -> None:
    assert backup_dir_for({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "claude-bedrock-tui" / "backups"
    # without XDG_STATE_HOME: under that HOME (Linux), never the real user's state folder
    assert backup_dir_for({"HOME": "/h"}) == Path("/h/.local/state/claude-bedrock-tui/backups")


def test_every_setting_title_fits_its_column() -> None:
    """The Edit pane gives titles TITLE_WIDTH columns with a gap: a longer one would be cut (it was, for
    six settings at 80x24)."""
    from claude_bedrock_tui.app.widgets.editors import TITLE_WIDTH
    from claude_bedrock_tui.core.fields import SPECS

    too_long = [spec.title for spec in SPECS if len(spec.title) > TITLE_WIDTH - 2]
    assert too_long == []
