"""`claude-bedrock-tui profile ...` on the command line: flows, exit codes and messages."""

from __future__ import annotations

import argparse
import io
import json
import os
from pathlib import Path

import pytest

from claude_bedrock_tui.cli import export_cmd, profile_cmd
from claude_bedrock_tui.cli.main import build_parser
from claude_bedrock_tui.profiles import ProfileStore

SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
SETTINGS = {
    "permissions": {"allow": ["Bash(ls)"]},
    "env": {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_PROFILE": "demo",
        "AWS_REGION": "us-east-1",
        "ANTHROPIC_MODEL": SONNET,
    },
    "hooks": {},
}


def make_parser() -> argparse.ArgumentParser:
    """The real parser, with the commands added unless the lead has wired them already."""
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, module in (("profile", profile_cmd), ("export", export_cmd)):
        if name not in commands.choices:
            module.register(commands)
    return parser


def cli(*argv: str) -> tuple[int, str, str]:
    args = make_parser().parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    module = profile_cmd if args.command == "profile" else export_cmd
    code = module.run(args, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def home(isolated_env: Path) -> Path:
    home = isolated_env / "home"
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text(
        "[profile demo]\nregion = us-east-1\n[profile other]\nregion = eu-west-1\n", encoding="utf-8"
    )
    (home / ".claude").mkdir()
    (home / ".claude" / "settings.json").write_text(json.dumps(SETTINGS, indent=2) + "\n", encoding="utf-8")
    return home


def user_settings(home: Path) -> dict:
    return json.loads((home / ".claude" / "settings.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "argv",
    [
        ["profile"],
        ["profile", "list"],
        ["profile", "save"],
        ["profile", "apply"],
        ["profile", "show"],
        ["profile", "delete"],
        ["profile", "rename"],
        ["export"],
    ],
)
def test_every_subcommand_has_help(argv: list[str], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        make_parser().parse_args([*argv, "--help"])
    assert exit_.value.code == 0
    assert len(capsys.readouterr().out) > 100


def test_a_missing_action_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_:
        make_parser().parse_args(["profile"])
    assert exit_.value.code == 2


def test_save_list_show_rename_delete(home: Path) -> None:
    code, out, err = cli("profile", "list")
    assert code == 0 and "off" in out and "No saved profiles yet" in err
    code, _, err = cli("profile", "save", "work", "--description", "day job")
    assert code == 0 and "Saved profile 'work'" in err
    code, out, _ = cli("profile", "list")
    lines = out.splitlines()
    assert lines[0].startswith("  off") and lines[1].startswith("* work")  # the current setup matches
    assert "AWS profile demo, us-east-1" in lines[1]
    code, out, _ = cli("profile", "show", "work")
    assert code == 0 and "[profiles.work]" in out and 'AWS_PROFILE = "demo"' in out and "day job" in out
    assert cli("profile", "rename", "work", "job")[0] == 0
    assert list(ProfileStore().load()) == ["job"]
    code, _, err = cli("profile", "delete", "job")
    assert code == 0 and "Deleted" in err
    assert ProfileStore().load() == {}


def test_saving_again_keeps_the_description(home: Path) -> None:
    cli("profile", "save", "work", "--description", "day job")
    code, _, err = cli("profile", "save", "work")
    assert code == 0 and "Updated profile 'work'" in err
    assert ProfileStore().load()["work"].description == "day job"


def test_save_says_a_secret_is_stored_only_by_reference(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-CLISECRETVALUE0009")
    code, _, err = cli("profile", "save", "key")
    assert code == 0 and "stores only where to find it" in err
    assert "CLISECRETVALUE0009" not in ProfileStore().path.read_text(encoding="utf-8")


def test_save_from_an_empty_scope_is_refused(home: Path) -> None:
    code, _, err = cli("profile", "save", "nothing", "--from-scope", "local")
    assert code == 2 and "holds no Bedrock settings" in err
    assert not ProfileStore().path.exists()


def test_apply_writes_through_the_shared_path_and_prints_the_diff(home: Path) -> None:
    store = ProfileStore()
    cli("profile", "save", "demo")
    other = {
        **SETTINGS,
        "env": {
            **SETTINGS["env"],
            "AWS_PROFILE": "other",
            "AWS_REGION": "eu-west-1",
            "ANTHROPIC_MODEL": "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
        },
    }
    (home / ".claude" / "settings.json").write_text(json.dumps(other, indent=2) + "\n", encoding="utf-8")
    assert "* demo" not in cli("profile", "list")[1]
    code, out, err = cli("profile", "apply", "demo", "--no-validate")
    assert code == 0, err
    assert out.startswith("---") and '-    "AWS_PROFILE": "other"' in out and '+    "AWS_PROFILE": "demo"' in out
    assert "Applied profile 'demo' to the user settings" in err
    assert user_settings(home) == SETTINGS
    assert "* demo" in cli("profile", "list")[1]
    assert store.load()["demo"].settings()["AWS_PROFILE"] == "demo"


def test_apply_refuses_an_invalid_profile_with_exit_1(home: Path) -> None:
    path = ProfileStore().path
    path.parent.mkdir(parents=True)
    path.write_text('[profiles.bad]\nANTHROPIC_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"\n', encoding="utf-8")
    code, _, err = cli("profile", "apply", "bad", "--no-validate")
    assert code == 1 and "bare model ID" in err and "Nothing was written" in err
    assert user_settings(home) == SETTINGS


def test_apply_off_against_a_shell_export(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAUDE_CODE_USE_BEDROCK", "1")
    code, _, err = cli("profile", "apply", "off")
    assert code == 0, err
    after = user_settings(home)
    assert after["env"]["CLAUDE_CODE_USE_BEDROCK"] == ""
    assert after["env"]["AWS_PROFILE"] == "demo" and after["permissions"] == SETTINGS["permissions"]
    assert cli("profile", "list")[1].startswith("* off")


def test_unknown_profile_exits_2(home: Path) -> None:
    code, _, err = cli("profile", "apply", "nope")
    assert code == 2 and "No profile named 'nope'" in err


def test_a_missing_project_dir_exits_2(home: Path, isolated_env: Path) -> None:
    code, _, err = cli("profile", "save", "x", "--project-dir", str(isolated_env / "missing"))
    assert code == 2 and "no such folder" in err


def test_project_dir_before_the_command_is_kept(home: Path, isolated_env: Path) -> None:
    project = isolated_env / "elsewhere"
    (project / ".claude").mkdir(parents=True)
    (project / ".claude" / "settings.local.json").write_text('{"env": {"AWS_REGION": "ap-south-1"}}', encoding="utf-8")
    code, _, err = cli("--project-dir", str(project), "profile", "save", "p", "--from-scope", "local")
    assert code == 0, err
    assert ProfileStore().load()["p"].settings() == {"AWS_REGION": "ap-south-1"}


def test_a_broken_profiles_file_exits_2_and_is_never_written(home: Path) -> None:
    path = ProfileStore().path
    path.parent.mkdir(parents=True)
    broken = '# mine\n[profiles.a]\nAWS_REGION = "us-east-1"\nAWS_REGON = "typo"\n'
    path.write_text(broken, encoding="utf-8")
    for argv in (["list"], ["show", "a"], ["save", "b"], ["apply", "a"], ["delete", "a"], ["rename", "a", "c"]):
        code, _, err = cli("profile", *argv)
        assert code == 2, argv
        assert f"{path}:4:" in err and "AWS_REGON" in err
    assert path.read_text(encoding="utf-8") == broken
    # the rest of the app keeps working: the built-in profile and export need no profiles file
    assert cli("profile", "apply", "off")[0] == 0
    assert cli("export")[0] == 0
    assert os.path.exists(path)
