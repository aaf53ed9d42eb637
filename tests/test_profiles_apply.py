"""Profiles against the configuration: save, apply (surgically), `off`, matching, and no secret in the file."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from claude_bedrock_tui.cli.set_cmd import apply_changes
from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.core.edits import EditRefused
from claude_bedrock_tui.profiles import (
    OFF,
    OFF_PROFILE,
    Profile,
    ProfileStore,
    matching_profile,
    plan_apply,
    profile_from_configuration,
    reference_notes,
)

SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
OPUS = "us.anthropic.claude-opus-4-1-20250805-v1:0"
HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
API_KEY = "bedrock-api-key-PERSONALSECRETVALUE0001"

REALISTIC = {
    "$schema": "https://json.schemastore.org/claude-code-settings.json",
    "permissions": {"allow": ["Bash(npm run lint)", "Read(~/.zshrc)"], "deny": ["Read(./.env)"]},
    "env": {
        "NODE_OPTIONS": "--max-old-space-size=4096",
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_PROFILE": "old",
        "AWS_REGION": "us-west-2",
        "ANTHROPIC_DEFAULT_OPUS_MODEL": OPUS,
        "BASH_DEFAULT_TIMEOUT_MS": "60000",
    },
    "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "echo ok"}]}]},
    "statusLine": {"type": "command", "command": "~/.claude/statusline.sh"},
    "enabledPlugins": {"formatter@marketplace": True},
    "spinnerTipsEnabled": False,
    "note": "Grüße, 設定 — non-ASCII survives",
}


@pytest.fixture
def project(isolated_env: Path) -> Path:
    folder = isolated_env / "work"
    (folder / ".git").mkdir()
    aws = isolated_env / "home" / ".aws"
    aws.mkdir()
    (aws / "config").write_text(
        "[profile demo]\nregion = us-east-1\n[profile old]\nregion = us-west-2\n", encoding="utf-8"
    )
    return folder


def user_file() -> Path:
    return Path(os.environ["HOME"]) / ".claude" / "settings.json"


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def config_for(project: Path, **shell: str):
    return load(project_dir=project, environ={**os.environ, **shell})


def apply(profile: Profile, project: Path, scope: str = "user", **shell: str) -> tuple[int, str, list[str]]:
    config = config_for(project, **shell)
    plan = plan_apply(profile, config, scope)
    err = io.StringIO()
    code = apply_changes(config, scope, plan.changes, err=err, out=io.StringIO())
    return code, err.getvalue(), plan.notes


DEMO = Profile.from_settings(
    {
        "AWS_PROFILE": "demo",
        "AWS_REGION": "us-east-1",
        "ANTHROPIC_MODEL": SONNET,
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU,
        "CLAUDE_CODE_MAX_OUTPUT_TOKENS": "32000",
    }
)


def test_apply_writes_the_profile_and_keeps_every_unrelated_key(project: Path) -> None:
    write_json(user_file(), REALISTIC)
    code, err, notes = apply(DEMO, project)
    assert code == 0, err
    after = read_json(user_file())
    assert list(after) == list(REALISTIC)  # key order survives
    assert {k: v for k, v in after.items() if k != "env"} == {k: v for k, v in REALISTIC.items() if k != "env"}
    assert after["env"] == {
        "NODE_OPTIONS": "--max-old-space-size=4096",  # not a Bedrock setting: untouched
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_PROFILE": "demo",
        "AWS_REGION": "us-east-1",
        "BASH_DEFAULT_TIMEOUT_MS": "60000",
        "ANTHROPIC_MODEL": SONNET,
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU,
        "CLAUDE_CODE_MAX_OUTPUT_TOKENS": "32000",
    }  # the opus pin the profile does not have is gone: a switch leaves nothing stale behind
    assert "Grüße, 設定" in user_file().read_text(encoding="utf-8")
    assert notes == []
    assert matching_profile(config_for(project), {"demo": DEMO}) == "demo"


def test_apply_to_an_empty_scope_creates_the_file(project: Path) -> None:
    code, err, _ = apply(DEMO, project, scope="local")
    assert code == 0, err
    local = read_json(project / ".claude" / "settings.local.json")
    assert local["env"]["CLAUDE_CODE_USE_BEDROCK"] == "1" and local["env"]["AWS_PROFILE"] == "demo"


def test_applying_what_is_already_there_changes_nothing(project: Path) -> None:
    write_json(user_file(), REALISTIC)
    assert apply(DEMO, project)[0] == 0
    text = user_file().read_text(encoding="utf-8")
    assert plan_apply(DEMO, config_for(project), "user").changes == {}
    assert user_file().read_text(encoding="utf-8") == text


def test_off_against_a_shell_that_exports_bedrock_on(project: Path) -> None:
    write_json(user_file(), REALISTIC)
    shell = {"CLAUDE_CODE_USE_BEDROCK": "1"}
    plan = plan_apply(OFF_PROFILE, config_for(project, **shell), "user")
    assert plan.changes == {"CLAUDE_CODE_USE_BEDROCK": ""}
    code, err, _ = apply(OFF_PROFILE, project, **shell)
    assert code == 0, err
    after = read_json(user_file())
    assert after["env"]["CLAUDE_CODE_USE_BEDROCK"] == ""
    assert {k: v for k, v in after["env"].items() if k != "CLAUDE_CODE_USE_BEDROCK"} == {
        k: v for k, v in REALISTIC["env"].items() if k != "CLAUDE_CODE_USE_BEDROCK"
    }  # every other setting kept
    assert {k: v for k, v in after.items() if k != "env"} == {k: v for k, v in REALISTIC.items() if k != "env"}
    config = config_for(project, **shell)
    assert config.value("CLAUDE_CODE_USE_BEDROCK") is None  # effectively off despite the export
    assert matching_profile(config, {}) == OFF


def test_off_without_a_shell_export_just_removes_the_key(project: Path) -> None:
    write_json(user_file(), REALISTIC)
    assert apply(OFF_PROFILE, project)[0] == 0
    assert "CLAUDE_CODE_USE_BEDROCK" not in read_json(user_file())["env"]


def test_off_says_when_a_higher_scope_still_turns_bedrock_on(project: Path) -> None:
    write_json(user_file(), REALISTIC)
    write_json(project / ".claude" / "settings.local.json", {"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}})
    plan = plan_apply(OFF_PROFILE, config_for(project), "user")
    assert any("local settings still turn Bedrock on" in note for note in plan.notes)


def test_a_key_is_taken_from_the_named_variable(project: Path) -> None:
    personal = Profile.from_settings({"AWS_REGION": "us-east-1"}, {"AWS_BEARER_TOKEN_BEDROCK": "PERSONAL_KEY"})
    code, err, _ = apply(personal, project, PERSONAL_KEY=API_KEY)
    assert code == 0, err
    assert read_json(user_file())["env"]["AWS_BEARER_TOKEN_BEDROCK"] == API_KEY
    assert stat.S_IMODE(user_file().stat().st_mode) == 0o600
    assert matching_profile(config_for(project, PERSONAL_KEY=API_KEY), {"personal": personal}) == "personal"


def test_a_key_is_never_written_to_the_shared_project_scope(project: Path) -> None:
    personal = Profile.from_settings({"AWS_REGION": "us-east-1"}, {"AWS_BEARER_TOKEN_BEDROCK": "PERSONAL_KEY"})
    code, err, _ = apply(personal, project, scope="project", PERSONAL_KEY=API_KEY)
    assert code == 2 and "shared through git" in err
    assert not (project / ".claude" / "settings.json").exists()


def test_a_missing_key_variable_refuses_and_writes_nothing(project: Path) -> None:
    write_json(user_file(), REALISTIC)
    personal = Profile.from_settings({"AWS_REGION": "us-east-1"}, {"AWS_BEARER_TOKEN_BEDROCK": "PERSONAL_KEY"})
    with pytest.raises(EditRefused, match=r"\$PERSONAL_KEY, which is not set"):
        plan_apply(personal, config_for(project), "user")
    assert read_json(user_file()) == REALISTIC


def test_a_key_the_profile_does_not_use_is_removed(project: Path) -> None:
    write_json(user_file(), {**REALISTIC, "env": {**REALISTIC["env"], "AWS_BEARER_TOKEN_BEDROCK": API_KEY}})
    plan = plan_apply(DEMO, config_for(project), "user")
    assert plan.changes["AWS_BEARER_TOKEN_BEDROCK"] is None  # a stale API key would beat the profile's SigV4


def test_a_key_cancelled_with_empty_string_stays_cancelled(project: Path) -> None:
    write_json(user_file(), {"env": {"AWS_BEARER_TOKEN_BEDROCK": ""}})
    plan = plan_apply(DEMO, config_for(project, AWS_BEARER_TOKEN_BEDROCK=API_KEY), "user")
    assert "AWS_BEARER_TOKEN_BEDROCK" not in plan.changes


def test_a_same_name_reference_lets_the_shell_export_win(project: Path) -> None:
    write_json(user_file(), {"env": {"AWS_BEARER_TOKEN_BEDROCK": "bedrock-api-key-STALESTALESTALE0002"}})
    profile = Profile.from_settings(
        {"AWS_REGION": "us-east-1"}, {"AWS_BEARER_TOKEN_BEDROCK": "AWS_BEARER_TOKEN_BEDROCK"}
    )
    with_export = plan_apply(profile, config_for(project, AWS_BEARER_TOKEN_BEDROCK=API_KEY), "user")
    assert with_export.changes["AWS_BEARER_TOKEN_BEDROCK"] is None
    without = plan_apply(profile, config_for(project), "user")
    assert "AWS_BEARER_TOKEN_BEDROCK" not in without.changes
    assert any("is kept" in note and "****0002" in note for note in without.notes)


def test_notes_say_when_another_scope_beats_the_target(project: Path) -> None:
    write_json(project / ".claude" / "settings.local.json", {"env": {"AWS_REGION": "eu-west-1"}})
    code, err, notes = apply(DEMO, project)
    assert code == 0, err
    assert any(n.startswith("AWS_REGION will be eu-west-1, not us-east-1: the local settings") for n in notes)
    assert matching_profile(config_for(project), {"demo": DEMO}) is None


def test_save_takes_the_effective_configuration(project: Path) -> None:
    write_json(
        user_file(),
        {
            "env": {
                "CLAUDE_CODE_USE_BEDROCK": "1",
                "AWS_PROFILE": "demo",
                "AWS_SECRET_ACCESS_KEY": "from/the/user/file/SECRET0003",
            },
            "model": SONNET,
            "awsAuthRefresh": "aws sso login --profile demo",
        },
    )
    config = config_for(
        project, AWS_REGION="us-east-1", MAX_THINKING_TOKENS="2048", AWS_ACCESS_KEY_ID="AKIASHELLEXPORTED000"
    )
    profile = profile_from_configuration(config, description="from tests")
    assert profile.settings() == {
        "AWS_PROFILE": "demo",
        "awsAuthRefresh": "aws sso login --profile demo",
        "AWS_REGION": "us-east-1",
        "ANTHROPIC_MODEL": SONNET,
        "MAX_THINKING_TOKENS": "2048",
    }
    assert profile.keys_from_env == {
        "AWS_ACCESS_KEY_ID": "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY": "AWS_SECRET_ACCESS_KEY",
    }
    notes = reference_notes(profile, config)
    assert len(notes) == 2 and "in your user settings, not your shell" in notes[1]
    assert "not your shell" not in notes[0]


def test_save_leaves_out_fallbacks_and_defaults(project: Path) -> None:
    write_json(user_file(), {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "demo"}})
    profile = profile_from_configuration(config_for(project))
    # the region comes from the AWS profile and the model is Claude Code's default: neither is pinned
    assert profile.settings() == {"AWS_PROFILE": "demo"}


def test_save_from_one_scope_takes_only_that_file(project: Path) -> None:
    write_json(user_file(), REALISTIC)
    write_json(
        project / ".claude" / "settings.local.json",
        {"model": OPUS, "env": {"AWS_REGION": "eu-west-1", "NODE_OPTIONS": "x"}},
    )
    profile = profile_from_configuration(config_for(project, AWS_PROFILE="shell"), "local")
    assert profile.settings() == {"AWS_REGION": "eu-west-1", "ANTHROPIC_MODEL": OPUS}


def test_save_from_a_broken_scope_is_refused(project: Path) -> None:
    user_file().parent.mkdir(parents=True)
    user_file().write_text('{"env": {"AWS_REGION": "us-east-1",}}', encoding="utf-8")
    with pytest.raises(EditRefused, match="invalid"):
        profile_from_configuration(config_for(project), "user")


def test_no_secret_ever_lands_in_the_profiles_file(project: Path) -> None:
    secrets = {
        "AWS_SECRET_ACCESS_KEY": "shell/secret/access/key/SECRET0004",
        "AWS_SESSION_TOKEN": "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0005",
        "AWS_BEARER_TOKEN_BEDROCK": API_KEY,
    }
    write_json(
        user_file(),
        {
            "env": {
                "CLAUDE_CODE_USE_BEDROCK": "1",
                "AWS_REGION": "us-east-1",
                "AWS_ACCESS_KEY_ID": "AKIAUSERFILEKEY00006",
                "AWS_BEARER_TOKEN_BEDROCK": API_KEY,
            }
        },
    )
    write_json(
        project / ".claude" / "settings.local.json", {"env": {"AWS_SECRET_ACCESS_KEY": "local/secret/key/SECRET0007"}}
    )
    write_json(
        project / ".claude" / "settings.json",  # a shared file that wrongly holds a key
        {"env": {"DISABLE_PROMPT_CACHING": "1", "AWS_SESSION_TOKEN": "IQoJprojectSESSION0008"}},
    )
    config = config_for(project, **{k: v for k, v in secrets.items() if k != "AWS_BEARER_TOKEN_BEDROCK"})
    store = ProfileStore()
    store.save_profile("effective", profile_from_configuration(config))
    for scope in ("user", "local", "project"):
        store.save_profile(scope, profile_from_configuration(config, scope))
    text = store.path.read_text(encoding="utf-8")
    for value in (*secrets.values(), "AKIAUSERFILEKEY00006", "local/secret/key/SECRET0007", "IQoJprojectSESSION0008"):
        assert value not in text
        assert value[-8:] not in text  # not even a tail
    saved = store.load()
    assert set(saved["effective"].keys_from_env) == {
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_BEARER_TOKEN_BEDROCK",
    }
    assert all(name == var for name, var in saved["effective"].keys_from_env.items())
    assert saved["project"].settings() == {"DISABLE_PROMPT_CACHING": "1"}
    assert saved["project"].keys_from_env == {"AWS_SESSION_TOKEN": "AWS_SESSION_TOKEN"}


def test_a_saved_profile_reproduces_the_setup_elsewhere(project: Path, isolated_env: Path) -> None:
    write_json(user_file(), REALISTIC)
    saved = profile_from_configuration(config_for(project))
    other = isolated_env / "other"
    (other / ".git").mkdir(parents=True)
    write_json(user_file(), {"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}})
    code, err, _notes = apply(saved, other)
    assert code == 0, err
    assert profile_from_configuration(config_for(other)).same_setup(saved)
    assert matching_profile(config_for(other), {"x": DEMO, "saved": saved}) == "saved"


def test_matching_is_none_after_a_change(project: Path) -> None:
    write_json(user_file(), REALISTIC)
    assert apply(DEMO, project)[0] == 0
    assert matching_profile(config_for(project), {"demo": DEMO}) == "demo"
    assert matching_profile(config_for(project, MAX_THINKING_TOKENS="1024"), {"demo": DEMO}) is None
