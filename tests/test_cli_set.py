"""`set` and `unset`: surgical, validated, safe with secrets, and honest exit codes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from cli_helpers import cli, cli_process
from settings_helpers import aws_config, home, local_settings, project, project_settings, user_settings

REALISTIC = """{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "permissions": {
    "allow": ["Bash(npm run test:*)", "Read(~/.zshrc)"],
    "deny": ["Read(./.env)"]
  },
  "hooks": {
    "PostToolUse": [{"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "ruff format"}]}]
  },
  "statusLine": {"type": "command", "command": "~/.claude/statusline.sh"},
  "enabledPlugins": {"formatter@team": true},
  "env": {
    "CLAUDE_CODE_USE_BEDROCK": "1",
    "AWS_REGION": "us-east-1",
    "GREETING": "Grüße ✓ 你好"
  },
  "model": "sonnet"
}
"""


def _user_path():
    return home() / ".claude" / "settings.json"


def test_set_changes_only_the_named_keys_in_a_realistic_file():
    path = _user_path()
    path.parent.mkdir(parents=True)
    path.write_text(REALISTIC, encoding="utf-8")
    result = cli(
        "set",
        "--no-validate",
        "AWS_REGION=eu-west-1",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL=eu.anthropic.claude-haiku-4-5-20251001-v1:0",
    )
    assert result.code == 0, result.err
    text = path.read_text(encoding="utf-8")
    haiku = '    "ANTHROPIC_DEFAULT_HAIKU_MODEL": "eu.anthropic.claude-haiku-4-5-20251001-v1:0"\n'
    expected = REALISTIC.replace('"AWS_REGION": "us-east-1",', '"AWS_REGION": "eu-west-1",').replace(
        '"GREETING": "Grüße ✓ 你好"\n', '"GREETING": "Grüße ✓ 你好",\n' + haiku
    )
    assert text == expected
    assert '-    "AWS_REGION": "us-east-1",' in result.out  # the diff is shown


def test_set_then_unset_restores_the_file_byte_for_byte():
    path = _user_path()
    path.parent.mkdir(parents=True)
    path.write_text(REALISTIC, encoding="utf-8")
    assert cli("set", "--no-validate", "CLAUDE_CODE_MAX_OUTPUT_TOKENS=16000").code == 0
    assert cli("unset", "CLAUDE_CODE_MAX_OUTPUT_TOKENS").code == 0
    assert path.read_text(encoding="utf-8") == REALISTIC


def test_set_creates_a_missing_file_and_folder():
    aws_config("[profile dev]\nsso_session = corp\n")
    assert cli("set", "--no-validate", "AWS_PROFILE=dev", "awsAuthRefresh=aws sso login --profile dev").code == 0
    assert json.loads(_user_path().read_text()) == {
        "env": {"AWS_PROFILE": "dev"},
        "awsAuthRefresh": "aws sso login --profile dev",
    }


def test_a_profile_that_does_not_exist_is_refused():
    result = cli("set", "--no-validate", "AWS_PROFILE=typo")
    assert result.code == 1 and "aws configure --profile typo" in result.err
    assert not _user_path().exists()


def test_set_in_local_and_project_scopes():
    aws_config("[profile me]\nregion = eu-west-1\n")
    assert cli("set", "--no-validate", "--scope", "local", "AWS_PROFILE=me").code == 0
    assert cli("set", "--no-validate", "--scope", "project", "AWS_REGION=eu-west-1").code == 0
    assert json.loads((project() / ".claude" / "settings.local.json").read_text())["env"] == {"AWS_PROFILE": "me"}
    assert json.loads((project() / ".claude" / "settings.json").read_text())["env"] == {"AWS_REGION": "eu-west-1"}


def test_offline_validation_refuses_and_writes_nothing():
    path = user_settings({"env": {"AWS_REGION": "us-east-1"}})
    before = path.read_bytes()
    result = cli("set", "--no-validate", "AWS_REGION=us east 1")
    assert result.code == 1
    assert "not an AWS region code" in result.err and "us-east-1" in result.err
    assert "Nothing was written" in result.err
    assert path.read_bytes() == before


def test_bare_model_id_is_refused_with_the_profile_id_to_use():
    result = cli(
        "set", "--no-validate", "AWS_REGION=eu-west-1", "ANTHROPIC_MODEL=anthropic.claude-sonnet-4-5-20250929-v1:0"
    )
    assert result.code == 1
    assert "eu.anthropic.claude-sonnet-4-5-20250929-v1:0" in result.err
    assert not _user_path().exists()


def test_existing_problems_do_not_block_unrelated_changes():
    user_settings({"env": {"ANTHROPIC_MODEL": "anthropic.claude-sonnet-4-5-20250929-v1:0"}})
    assert cli("set", "--no-validate", "AWS_REGION=eu-west-1").code == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["set", "--no-validate", "AWS_REGION"], "not NAME=VALUE"),
        (["set", "--no-validate", "permissions=x"], "neither an environment variable"),
        (["set", "--no-validate", "--scope", "managed", "AWS_REGION=us-east-1"], "invalid choice"),
        (["unset", "hooks"], "neither an environment variable"),
    ],
)
def test_bad_input_is_exit_2(argv, message):
    result = cli(*argv)
    assert result.code == 2 and message in result.err


def test_never_writes_a_file_it_could_not_parse():
    path = _user_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"env": {"AWS_REGION": "us-east-1",}, "hooks": {}}')
    before = path.read_bytes()
    result = cli("set", "--no-validate", "AWS_REGION=eu-west-1")
    assert result.code == 2
    assert "not valid JSON" in result.err and "nothing was changed" in result.err
    assert path.read_bytes() == before


def test_secrets_are_refused_in_the_shared_project_scope():
    result = cli("set", "--no-validate", "--scope", "project", "AWS_SECRET_ACCESS_KEY=abcdefghijklmnop")
    assert result.code == 2 and "shared through git" in result.err and "--scope local" in result.err
    assert not (project() / ".claude" / "settings.json").exists()


def test_secrets_in_project_scope_need_explicit_permission_and_are_0600():
    result = cli(
        "set",
        "--no-validate",
        "--scope",
        "project",
        "--allow-shared-secrets",
        "AWS_BEARER_TOKEN_BEDROCK=ABSKexamplekey1234567890",
    )
    assert result.code == 0
    path = project() / ".claude" / "settings.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_file_holding_a_secret_is_private_and_the_diff_is_masked():
    result = cli(
        "set",
        "--no-validate",
        "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    )
    assert result.code == 0
    assert stat.S_IMODE(_user_path().stat().st_mode) == 0o600
    assert "wJalrXUtnFEMI" not in result.out + result.err
    assert "****EKEY" in result.out


def test_unset_bedrock_with_a_shell_export_writes_an_empty_string(monkeypatch):
    monkeypatch.setenv("CLAUDE_CODE_USE_BEDROCK", "1")
    user_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"}, "hooks": {"x": []}})
    assert cli("unset", "CLAUDE_CODE_USE_BEDROCK").code == 0
    data = json.loads(_user_path().read_text())
    assert data == {"env": {"CLAUDE_CODE_USE_BEDROCK": "", "AWS_REGION": "us-east-1"}, "hooks": {"x": []}}
    shown = cli("show", "--json").json()["effective"]["CLAUDE_CODE_USE_BEDROCK"]
    assert shown["value"] is None and shown["origin"] == "user"


def test_unset_bedrock_without_other_sources_removes_the_key():
    user_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}})
    assert cli("unset", "CLAUDE_CODE_USE_BEDROCK").code == 0
    assert json.loads(_user_path().read_text()) == {"env": {}}


def test_unset_bedrock_in_project_cancels_the_lower_user_scope():
    user_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}})
    project_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}})
    assert cli("unset", "--scope", "project", "CLAUDE_CODE_USE_BEDROCK").code == 0
    assert json.loads((project() / ".claude" / "settings.json").read_text())["env"] == {"CLAUDE_CODE_USE_BEDROCK": ""}


def test_unset_bedrock_says_when_a_higher_scope_still_turns_it_on():
    local_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}})
    user_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}})
    result = cli("unset", "CLAUDE_CODE_USE_BEDROCK")
    assert result.code == 0 and "local settings still turn Bedrock on" in result.err


def test_writes_through_a_symlink_and_keeps_the_link(tmp_path):
    dotfiles = tmp_path / "dotfiles" / "claude-settings.json"
    dotfiles.parent.mkdir()
    dotfiles.write_text('{\n  "env": {}\n}\n')
    aws_config("[profile dev]\nregion = eu-west-1\n")
    _user_path().parent.mkdir(parents=True)
    _user_path().symlink_to(dotfiles)
    assert cli("set", "--no-validate", "AWS_PROFILE=dev").code == 0
    assert _user_path().is_symlink()
    assert json.loads(dotfiles.read_text()) == {"env": {"AWS_PROFILE": "dev"}}


def test_a_backup_of_the_previous_content_is_kept():
    aws_config("[profile old]\n[profile new]\n")
    user_settings({"env": {"AWS_PROFILE": "old"}})
    before = _user_path().read_text()
    result = cli("set", "--no-validate", "AWS_PROFILE=new")
    assert result.code == 0 and "previous version kept in" in result.err
    backup_path = result.err.split("previous version kept in ")[1].split(")")[0]
    assert Path(backup_path).read_text() == before
    assert backup_path.startswith(os.environ["XDG_STATE_HOME"])


def test_restoring_a_backup_that_does_not_exist_names_the_ones_that_do():
    user_settings({"env": {"AWS_REGION": "us-east-1"}})
    assert cli("set", "--no-validate", "AWS_REGION=eu-west-1").code == 0  # one backup
    one = cli("backups", "restore", "3")
    assert one.code != 0 and "There is no backup 3 of the user settings; there is only backup 1." in one.err
    assert cli("set", "--no-validate", "AWS_REGION=eu-west-2").code == 0  # two
    two = cli("backups", "restore", "3")
    assert two.code != 0 and "choose 1 (newest) to 2." in two.err


def test_set_as_a_real_process_exit_codes_and_no_traceback():
    ok = cli_process("set", "--no-validate", "AWS_REGION=eu-west-1")
    bad = cli_process("set", "--no-validate", "MAX_THINKING_TOKENS=lots")
    assert ok.code == 0 and bad.code == 1
    assert "Traceback" not in ok.err + bad.err


def test_a_malformed_value_in_a_shadowed_scope_is_still_refused():
    local_settings({"env": {"MAX_THINKING_TOKENS": "2048"}})
    result = cli("set", "--no-validate", "MAX_THINKING_TOKENS=abc")
    assert result.code == 1 and "not a whole number" in result.err
    assert not _user_path().exists()


def test_a_shadowed_value_is_written_with_a_note():
    local_settings({"env": {"AWS_REGION": "eu-west-3"}})
    result = cli("set", "--no-validate", "AWS_REGION=eu-west-1")
    assert result.code == 0
    assert "shadowed by local" in result.err and "eu-west-3" in result.err


def test_an_unknown_name_is_written_with_a_did_you_mean():
    result = cli("set", "--no-validate", "AWS_REGOIN=eu-west-1")
    assert result.code == 0
    assert "not a setting Claude Code reads" in result.err and "Did you mean AWS_REGION?" in result.err


def test_unsetting_a_key_that_is_not_there_says_so():
    user_settings({"env": {"AWS_REGION": "eu-west-1"}})
    result = cli("unset", "NOPE")
    assert result.code == 0 and "NOPE: not set in user settings" in result.err


def test_the_project_scope_refusal_names_the_command_line_way_out():
    result = cli("set", "--no-validate", "--scope", "project", "AWS_SESSION_TOKEN=abcdefghijklmnopqrst")
    assert result.code == 2 and "--scope local" in result.err and "--allow-shared-secrets" in result.err
