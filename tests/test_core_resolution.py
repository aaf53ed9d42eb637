"""Precedence, origins, shadowing and the region fallback, as Claude Code resolves them
(docs/claude-code-behaviour.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claude_bedrock_tui.core.configuration import load
from settings_helpers import (
    aws_config,
    local_settings,
    managed_settings,
    project_settings,
    user_settings,
    write_json,
)


def test_scopes_beat_each_other_in_claude_code_order(monkeypatch):
    monkeypatch.setenv("AWS_REGION", "ca-central-1")
    user_settings({"env": {"AWS_REGION": "eu-west-1"}})
    project_settings({"env": {"AWS_REGION": "eu-west-2"}})
    local_settings({"env": {"AWS_REGION": "eu-west-3"}})
    managed_settings({"env": {"AWS_REGION": "us-west-2"}})
    region = load().effective["AWS_REGION"]
    assert (region.value, region.origin) == ("us-west-2", "managed")
    assert [(s.origin, s.value) for s in region.shadowed] == [
        ("local", "eu-west-3"),
        ("project", "eu-west-2"),
        ("user", "eu-west-1"),
        ("shell", "ca-central-1"),
    ]


def test_env_merges_per_variable_across_scopes():
    user_settings({"env": {"AWS_REGION": "eu-west-1", "AWS_PROFILE": "dev"}})
    local_settings({"env": {"AWS_PROFILE": "prod"}})
    config = load()
    assert (config.value("AWS_REGION"), config.effective["AWS_REGION"].origin) == ("eu-west-1", "user")
    assert (config.value("AWS_PROFILE"), config.effective["AWS_PROFILE"].origin) == ("prod", "local")


def test_settings_env_beats_the_shell_and_the_dead_export_is_a_problem(monkeypatch):
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    path = user_settings({"env": {"AWS_REGION": "eu-west-1"}})
    config = load()
    assert config.value("AWS_REGION") == "eu-west-1"
    dead = [p for p in config.problems if p.key == "AWS_REGION" and p.severity == "warning"]
    assert len(dead) == 1
    assert "us-west-2" in dead[0].message and "dead" in dead[0].message
    assert dead[0].path == str(path)


def test_empty_string_in_settings_env_cancels_a_shell_export(monkeypatch):
    monkeypatch.setenv("CLAUDE_CODE_USE_BEDROCK", "1")
    local_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": ""}})
    config = load()
    ev = config.effective["CLAUDE_CODE_USE_BEDROCK"]
    assert ev.value is None and ev.origin == "local" and "cleared" in ev.note
    assert "CLAUDE_CODE_USE_BEDROCK" not in config.claude_env()


def test_anthropic_model_beats_the_model_key():
    user_settings({"model": "opus", "env": {"ANTHROPIC_MODEL": "us.anthropic.claude-opus-4-1-20250805-v1:0"}})
    primary = load().effective["ANTHROPIC_MODEL"]
    assert primary.value == "us.anthropic.claude-opus-4-1-20250805-v1:0"
    assert [(s.origin, s.value, s.key) for s in primary.shadowed] == [("user", "opus", "model")]


def test_model_key_is_used_when_anthropic_model_is_unset_and_default_otherwise():
    project_settings({"model": "sonnet"})
    primary = load().effective["ANTHROPIC_MODEL"]
    assert (primary.value, primary.origin) == ("sonnet", "project")
    (Path.cwd() / ".claude" / "settings.json").unlink()
    config = load(claude_version="2.1.197")
    primary = config.effective["ANTHROPIC_MODEL"]
    # Nothing configured: Claude Code 2.1.197's own default, Sonnet 4.5 with the region's prefix.
    assert (primary.value, primary.origin) == ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "default")
    assert config.prediction.models["primary"].how == "default"


@pytest.mark.parametrize(
    ("shell", "settings_env", "profile_section", "expected"),
    [
        ({"AWS_REGION": "eu-central-1"}, {}, "", ("eu-central-1", "shell")),
        ({"AWS_DEFAULT_REGION": "ap-south-1"}, {}, "", ("ap-south-1", "shell")),
        ({}, {"AWS_DEFAULT_REGION": "eu-north-1"}, "", ("eu-north-1", "user")),
        ({}, {}, "[default]\nregion = sa-east-1\n", ("sa-east-1", "aws-profile:default")),
        ({}, {"AWS_PROFILE": "dev"}, "[profile dev]\nregion = eu-west-3\n", ("eu-west-3", "aws-profile:dev")),
        ({}, {}, "", ("us-east-1", "default")),
    ],
)
def test_region_falls_back_as_claude_code_does(monkeypatch, shell, settings_env, profile_section, expected):
    for name, value in shell.items():
        monkeypatch.setenv(name, value)
    if settings_env:
        user_settings({"env": settings_env})
    if profile_section:
        aws_config(profile_section)
    region = load().effective["AWS_REGION"]
    assert (region.value, region.origin) == expected


def test_aws_config_file_variable_is_honoured(monkeypatch, tmp_path):
    elsewhere = tmp_path / "elsewhere.ini"
    elsewhere.write_text("[profile x]\nregion = me-south-1\nsso_session = corp\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(elsewhere))
    monkeypatch.setenv("AWS_PROFILE", "x")
    config = load()
    assert config.value("AWS_REGION") == "me-south-1"
    assert config.aws.get("x").kind == "sso"
    assert config.aws.get("x").refresh_command == "aws sso login --profile x"


def test_profile_kinds_are_recognised():
    aws_config(
        "[default]\naws_access_key_id = AKIA1\n"
        "[profile sso]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\n"
        "[profile role]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n"
        "[profile proc]\ncredential_process = /bin/creds\n"
        "[profile web]\nlogin_session = arn:aws:iam::1:user/me\n"
    )
    profiles = load().aws.profiles
    assert {n: p.kind for n, p in profiles.items()} == {
        "default": "static keys",
        "proc": "credential_process",
        "role": "assume-role",
        "sso": "sso",
        "web": "login",
    }
    assert profiles["sso"].sso_start_url == "https://x.awsapps.com/start"


def test_claude_config_dir_moves_the_user_scope(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(tmp_path / "cfg"))
    write_json(tmp_path / "cfg" / "settings.json", {"env": {"AWS_PROFILE": "moved"}})
    user_settings({"env": {"AWS_PROFILE": "ignored"}})
    config = load()
    assert config.value("AWS_PROFILE") == "moved"
    assert config.file("user").path == tmp_path / "cfg" / "settings.json"


def test_project_settings_come_from_the_current_folder_not_the_git_root(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "src" / "deep").mkdir(parents=True)
    write_json(repo / ".claude" / "settings.json", {"env": {"AWS_REGION": "eu-west-1"}})
    write_json(repo / ".claude" / "settings.local.json", {"env": {"AWS_PROFILE": "root-local"}})
    os.chdir(repo / "src" / "deep")
    for version, local in (("2.1.197", None), ("2.1.332", "root-local")):
        config = load(claude_version=version)
        assert config.project_dir == (repo / "src" / "deep").resolve()
        assert config.value("AWS_REGION") == "us-east-1"  # the root's project settings are not read
        assert config.value("AWS_PROFILE") == local, version  # its local settings only by 2.1.332


def test_explicit_project_dir_overrides_discovery(tmp_path):
    other = tmp_path / "other"
    write_json(other / ".claude" / "settings.local.json", {"env": {"AWS_PROFILE": "p"}})
    config = load(other)
    assert config.value("AWS_PROFILE") == "p" and config.effective["AWS_PROFILE"].origin == "local"


def test_home_settings_local_json_is_not_a_scope():
    from settings_helpers import home

    write_json(home() / ".claude" / "settings.local.json", {"env": {"AWS_PROFILE": "nope"}})
    assert load().value("AWS_PROFILE") is None


def test_candidate_carries_what_claude_code_would_start_with(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIASHELL")
    user_settings(
        {
            "awsAuthRefresh": "aws sso login --profile dev",
            "modelOverrides": {
                "claude-opus-4-1": "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x"
            },
            "env": {
                "AWS_PROFILE": "dev",
                "ANTHROPIC_DEFAULT_HAIKU_MODEL": "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "us-west-2",
                "CLAUDE_CODE_MAX_OUTPUT_TOKENS": "16000",
            },
        }
    )
    candidate = load(claude_version="2.1.332").candidate()
    assert candidate.env["AWS_PROFILE"] == "dev" and candidate.env["AWS_ACCESS_KEY_ID"] == "AKIASHELL"
    assert candidate.credentials["source"] == "profile" and candidate.credentials["profile"] == "dev"
    assert candidate.claude_version == "2.1.332"
    haiku, background = candidate.models["haiku"], candidate.models["background"]
    assert (haiku["resolved"], haiku["how"]) == ("us.anthropic.claude-haiku-4-5-20251001-v1:0", "pinned")
    assert (background["resolved"], background["region"]) == (
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        "us-west-2",
    )
    assert candidate.aws_auth_refresh == "aws sso login --profile dev"
    assert candidate.max_output_tokens == 16000
    assert "claude-opus-4-1" in candidate.model_overrides
    assert os.environ.get("AWS_PROFILE") is None  # building a candidate never touches os.environ


def test_with_changes_previews_without_touching_disk():
    path = user_settings({"env": {"AWS_REGION": "eu-west-1"}})
    before = path.read_text()
    preview = load().with_changes("user", {"AWS_REGION": "us-west-2", "model": "opus"})
    assert preview.value("AWS_REGION") == "us-west-2"
    assert preview.value("model") == "opus"
    assert path.read_text() == before
