"""`show`, `--help` and `--version`: the command-line contract scripts rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from claude_bedrock_tui import __version__
from cli_helpers import cli, cli_process
from settings_helpers import home, project_settings, user_settings


def test_version():
    result = cli("--version")
    assert result.code == 0 and __version__ in result.out


@pytest.mark.parametrize("command", ["show", "set", "unset", "check", "demo", "profile", "export"])
def test_help_on_every_subcommand(command):
    result = cli(command, "--help")
    assert result.code == 0 and f"claude-bedrock-tui {command}" in result.out


def test_show_json_contract(monkeypatch):
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    user_settings({"env": {"AWS_REGION": "eu-west-1", "CLAUDE_CODE_USE_BEDROCK": "1"}})
    result = cli("show", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert {f["scope"] for f in data["files"]} == {"managed", "local", "project", "user"}
    user = next(f for f in data["files"] if f["scope"] == "user")
    assert user == {
        "scope": "user",
        "path": str(home() / ".claude" / "settings.json"),
        "state": "ok",
        "error": None,
        "used_by_claude_code": True,
    }
    region = data["effective"]["AWS_REGION"]
    assert region["value"] == "eu-west-1" and region["origin"] == "user"
    assert region["shadowed"] == [{"origin": "shell", "value": "us-west-2"}]
    secret = data["effective"]["AWS_SECRET_ACCESS_KEY"]
    assert secret["value"] == "****EKEY" and secret["origin"] == "shell"
    assert "wJalrXUtnFEMI" not in result.out
    assert any(p["severity"] == "warning" and "dead" in p["message"] for p in data["problems"])
    for problem in data["problems"]:
        assert set(problem) >= {"severity", "message"}


def test_show_json_says_which_claude_code_and_what_it_will_send(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIASHELLKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s")
    user_settings({"env": {"AWS_REGION": "eu-west-1", "CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_MODEL": "sonnet"}})
    data = cli("show", "--json", "--claude-version", "2.1.197").json()
    assert data["claude_code"] == {
        "version": "2.1.197",
        "rules": "2.1.197",
        "basis": "measured",
        "source": "--claude-version 2.1.197",
    }
    assert data["project_dir"] == str(Path.cwd().resolve())
    assert data["credentials"]["source"] == "env-keys"
    primary = data["models"]["primary"]
    assert primary["configured"] == "sonnet" and primary["how"] == "alias"
    assert primary["resolved"] == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0" and primary["region"] == "eu-west-1"
    assert set(data["models"]) == {"primary", "opus", "sonnet", "haiku", "subagent", "background"}
    newer = cli("show", "--json", "--claude-version", "9.9.9").json()["claude_code"]
    assert newer["rules"] == "2.1.332" and "not measured" in newer["basis"]


def test_claude_version_that_is_not_a_version_is_bad_input():
    result = cli("show", "--claude-version", "latest")
    assert result.code == 2 and "--claude-version" in result.err and "Traceback" not in result.err


def test_show_json_reports_a_bad_file_and_keeps_going():
    (home() / ".claude").mkdir()
    (home() / ".claude" / "settings.json").write_text('{"env": {"AWS_PROFILE": "x",}}')
    project_settings({"env": {"AWS_PROFILE": "team"}})
    result = cli("show", "--json")
    assert result.code == 2  # a broken file is unreadable configuration; everything is still shown
    data = result.json()
    user = next(f for f in data["files"] if f["scope"] == "user")
    assert user["state"] == "invalid" and "line 1" in user["error"]
    assert data["effective"]["AWS_PROFILE"]["value"] == "team"


def test_show_human_output_names_origins():
    user_settings({"env": {"AWS_REGION": "eu-west-1"}})
    result = cli("show")
    assert result.code == 0
    assert "eu-west-1  [user]" in result.out


def test_project_dir_that_does_not_exist_is_bad_input():
    result = cli("show", "--project-dir", "/nonexistent/folder")
    assert result.code == 2 and "no such folder" in result.err


def test_show_as_a_real_process_prints_json_and_no_traceback():
    (home() / ".claude").mkdir()
    (home() / ".claude" / "settings.json").write_bytes(b"\xff\xfe not json")
    result = cli_process("show", "--json")
    assert result.code == 2
    assert "Traceback" not in result.err
    user = next(f for f in result.json()["files"] if f["scope"] == "user")
    assert user["state"] == "invalid" and "UTF-8" in user["error"]


def test_unknown_command_is_a_usage_error():
    result = cli("frobnicate")
    assert result.code == 2 and "invalid choice" in result.err


def test_project_dir_before_or_after_the_subcommand(tmp_path):
    other = tmp_path / "other"
    (other / ".claude").mkdir(parents=True)
    (other / ".claude" / "settings.json").write_text('{"env": {"AWS_REGION": "eu-north-1"}}')
    for argv in (["--project-dir", str(other), "show", "--json"], ["show", "--json", "--project-dir", str(other)]):
        data = cli(*argv).json()
        assert data["project_dir"] == str(other.resolve())
        assert data["effective"]["AWS_REGION"]["value"] == "eu-north-1"
    assert cli("--project-dir", "/nonexistent", "show").code == 2


# awsAuthRefresh naming another profile (issue 10, flow 2): Claude Code uses AWS_PROFILE from its merged
# environment, the settings env beating the shell's export and "" cancelling it, else `default`.
@pytest.mark.parametrize(
    ("settings_env", "shell_profile", "in_use"),
    [
        ({"AWS_PROFILE": "dev"}, "corp", "dev"),
        ({}, "dev", "dev"),
        ({"AWS_PROFILE": ""}, "corp", "default"),
        ({}, "corp", None),  # the shell's profile is the one the command names: nothing to say
    ],
    ids=["settings-beat-the-shell", "shell-only", "settings-cancel-the-shell", "same-profile"],
)
def test_show_warns_when_the_refresh_command_names_another_profile(monkeypatch, settings_env, shell_profile, in_use):
    monkeypatch.setenv("AWS_PROFILE", shell_profile)
    path = user_settings(
        {"awsAuthRefresh": "aws sso login --profile='corp'", "env": {"CLAUDE_CODE_USE_BEDROCK": "1", **settings_env}}
    )
    message = f"awsAuthRefresh refreshes profile corp, but Claude Code uses AWS profile {in_use}."
    text = cli("show")
    json_problems = [p for p in cli("show", "--json").json()["problems"] if p.get("key") == "awsAuthRefresh"]
    if in_use is None:
        assert "awsAuthRefresh refreshes" not in text.out and json_problems == []
        return
    assert f"  warning: {message} ({path})\n" in text.out, text.out
    assert f"      -> Make the command name profile {in_use}" in text.out
    assert [(p["severity"], p["message"], p["path"]) for p in json_problems] == [("warning", message, str(path))]


def test_show_says_plainly_which_claude_code_it_predicts(monkeypatch):
    """Without `claude` on the PATH, `show` began with `Claude Code 2.1.332: newest measured 2.1.332 (no Claude
    Code version known) rules (...)`: a version nobody has, named as if it were installed."""
    from claude_bedrock_tui.core.claude_code.rules import MEASURED_VERSIONS

    monkeypatch.setenv("PATH", "/nonexistent")
    unknown = cli("show").out.splitlines()[1]
    assert unknown.startswith("Claude Code: version unknown (no `claude` on the PATH)"), unknown
    assert unknown.endswith(f"predicted with the rules of {MEASURED_VERSIONS[-1]}, the newest measured"), unknown
    measured = cli("show", "--claude-version", "2.1.197").out.splitlines()[1]
    assert measured == "Claude Code 2.1.197 (--claude-version 2.1.197): rules measured on this version"
    between = cli("show", "--claude-version", "2.1.200").out.splitlines()[1]
    assert between.startswith("Claude Code 2.1.200 (--claude-version 2.1.200): nearest measured 2.1.197"), between
