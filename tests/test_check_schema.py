"""`check --json` for configuration management: its JSON Schema holds for real output; `--quiet`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import test_cli_check
from claude_bedrock_tui import __version__
from claude_bedrock_tui.standin import Scenario
from cli_helpers import cli
from settings_helpers import managed_settings
from test_cli_check import HAIKU, STALE_REFRESH, refresh_for_corp

standin = test_cli_check.standin  # the fixture: a healthy stand-in, a `dev` AWS profile, user settings using it
SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "check.schema.json").read_text(encoding="utf-8"))


def validated(output: str) -> dict:
    data = json.loads(output)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    return data


def test_the_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_a_passing_check_matches_the_schema(standin) -> None:
    result = cli("check", "--json")
    assert result.code == 0, result.err
    data = validated(result.out)
    assert data["schema_version"] == SCHEMA["properties"]["schema_version"]["const"]
    assert data["tool"] == {"name": "claude-bedrock-tui", "version": __version__}
    assert data["claude_code"]["version"] == data["claude_code"]["rules"]  # no claude on PATH: the newest rules
    assert data["managed"]["fingerprint"] is None and data["managed"]["files"] == []
    assert data["ok"] is True


def test_a_failing_check_with_managed_files_matches_the_schema(standin, tmp_path) -> None:
    standin.set_scenario(Scenario(model_errors={HAIKU: "model_access_denied"}))
    main = managed_settings({"permissions": {"deny": ["Read(./.env)"]}})
    dropin = main.parent / "managed-settings.d" / "90-bedrock.json"
    dropin.parent.mkdir()
    dropin.write_text(json.dumps({"env": {"AWS_REGION": "us-east-1"}}), encoding="utf-8")
    result = cli("check", "--json")
    assert result.code == 1, result.err
    data = validated(result.out)
    assert data["ok"] is False
    assert any(c["status"] == "fail" and c["id"] == "model:haiku" for c in data["checks"])
    managed = data["managed"]
    assert managed["dir"] == str(main.parent)
    assert [f["path"] for f in managed["files"]] == [str(main), str(dropin)]  # main first, then drop-ins
    fingerprint = managed["fingerprint"]

    # The fingerprint follows the bytes: the same files give the same one, one changed byte another.
    again = validated(cli("check", "--json", "--no-invoke").out)["managed"]["fingerprint"]
    assert again == fingerprint
    dropin.write_text(json.dumps({"env": {"AWS_REGION": "us-east-2"}}), encoding="utf-8")
    changed = validated(cli("check", "--json", "--no-invoke").out)["managed"]["fingerprint"]
    assert changed != fingerprint


def test_managed_dir_flag_checks_a_candidate_folder(standin, tmp_path) -> None:
    candidate = tmp_path / "candidate"
    candidate.mkdir()
    (candidate / "managed-settings.json").write_text(
        json.dumps({"env": {"ANTHROPIC_DEFAULT_HAIKU_MODEL": "us.anthropic.claude-nope-v1:0"}}), encoding="utf-8"
    )
    result = cli("check", "--json", "--managed-dir", str(candidate))
    data = validated(result.out)
    assert data["managed"]["dir"] == str(candidate.resolve())
    assert result.code == 1 and not data["ok"]  # the candidate's model is what each machine would call
    assert cli("check", "--json").code == 0  # the machine's own (empty) managed folder is unchanged


def test_quiet_prints_nothing_and_answers_with_the_exit_status(standin) -> None:
    assert cli("check", "--quiet") == cli("check", "--quiet", "--no-invoke")
    result = cli("check", "--quiet")
    assert (result.code, result.out, result.err) == (0, "", "")
    standin.set_scenario(Scenario(model_errors={HAIKU: "model_access_denied"}))
    result = cli("check", "--quiet")
    assert (result.code, result.out, result.err) == (1, "", "")
    managed_settings(None).write_text('{"env": {,}}', encoding="utf-8")
    result = cli("check", "--quiet")
    assert (result.code, result.out, result.err) == (2, "", "")


def test_quiet_and_json_together_are_refused(standin) -> None:
    result = cli("check", "--quiet", "--json")
    assert result.code == 2 and "not allowed with argument" in result.err
    assert result.out == ""


@pytest.mark.parametrize("folder", ["/no/such/folder"])
def test_a_missing_managed_dir_is_bad_input(standin, folder) -> None:
    result = cli("check", "--managed-dir", folder)
    assert result.code == 2 and f"--managed-dir {folder}: no such folder" in result.err


def test_a_broken_settings_file_still_answers_json(standin) -> None:
    """A fleet run reads stdout: a file Claude Code would drop is a failed check there too, exit 2."""
    from settings_helpers import home

    user_file = home() / ".claude" / "settings.json"
    user_file.write_text('{"env": {"AWS_REGION": "us-east-1",}}', encoding="utf-8")  # a trailing comma
    result = cli("check", "--json")
    assert result.code == 2
    data = validated(result.out)
    assert data["ok"] is False
    (broken,) = data["checks"]
    assert broken["id"] == "settings:user" and broken["status"] == "fail"
    assert str(user_file) in broken["message"] and "line 1" in broken["message"]
    assert "Fix the file first" in broken["advice"] and "error:" in result.err
    quiet = cli("check", "--quiet")
    assert quiet.code == 2 and quiet.out == "" and quiet.err == ""


def test_a_refresh_command_for_another_profile_is_a_warning_in_the_json(standin) -> None:
    refresh_for_corp()
    result = cli("check", "--json", "--no-invoke")
    assert result.code == 0, result.err
    data = validated(result.out)
    credentials = next(c for c in data["checks"] if c["id"] == "credentials")
    assert credentials["status"] == "warn" and STALE_REFRESH in credentials["message"]
    assert "AWS_PROFILE=corp" in credentials["advice"] and data["ok"] is True
