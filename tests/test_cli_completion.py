"""Shell completion, exercised for real: the installed console script answers argcomplete's protocol
(_ARGCOMPLETE, COMP_LINE, COMP_POINT, answers on file descriptor 8) as the bash, zsh and fish scripts call it,
and bash itself completes through the script `completion bash` prints.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claude_bedrock_tui.cli.completion import PROG
from claude_bedrock_tui.profiles import Profile, ProfileStore

SCRIPT = Path(sys.executable).parent / PROG  # the console script, as a shell finds it on PATH
COMMANDS = {
    "show",
    "check",
    "set",
    "unset",
    "demo",
    "profile",
    "export",
    "managed",
    "completion",
    "backups",
    "trace",
    "iam-policy",
}


def complete(line: str, shell: str = "bash") -> list[str]:
    """What the tool offers for the cursor at the end of `line`, as its completion script asks for it."""
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_SHELL": shell,
        "_ARGCOMPLETE_IFS": "\n",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
    }
    if shell == "fish":
        env["_ARGCOMPLETE_DFS"] = "\t"  # fish's script asks for "completion<TAB>description"
    # The scripts' own redirections: answers on fd 8, the program's stdout and stderr thrown away.
    result = subprocess.run(
        ["sh", "-c", '"$0" 8>&1 9>/dev/null 1>/dev/null 2>&1', str(SCRIPT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result
    return [item.rstrip() for item in result.stdout.split("\n") if item]


@pytest.fixture
def saved_profiles() -> ProfileStore:
    store = ProfileStore()
    store.save_profile("dev", Profile.from_settings({"AWS_PROFILE": "dev", "AWS_REGION": "us-west-2"}))
    store.save_profile("prod", Profile.from_settings({"AWS_PROFILE": "prod"}))
    return store


def test_subcommands() -> None:
    assert set(complete(f"{PROG} ")) == COMMANDS
    assert complete(f"{PROG} pro") == ["profile"]
    assert set(complete(f"{PROG} profile ")) == {"list", "show", "save", "apply", "delete", "rename"}


def test_flags_once_a_dash_is_typed() -> None:
    assert {"--json", "--no-invoke", "--project-dir", "--help"} <= set(complete(f"{PROG} check -"))
    assert set(complete(f"{PROG} set --no-")) == {"--no-validate", "--no-backup"}
    assert complete(f"{PROG} export --format ") == ["sh", "fish", "json"]
    assert complete(f"{PROG} managed ") == ["export"]
    assert complete(f"{PROG} managed export --format ") == ["json", "dropin", "mobileconfig", "reg"]
    for command in ("show", "check", "managed export"):
        assert "--managed-dir" in complete(f"{PROG} {command} --man"), command


def test_managed_export_completes_profile_names(saved_profiles) -> None:
    assert set(complete(f"{PROG} managed export --profile ")) >= {"dev", "prod"}


def test_setting_names() -> None:
    assert complete(f"{PROG} set AWS_REG") == ["AWS_REGION="]  # the value is the user's to type
    assert set(complete(f"{PROG} set aws")) == {"awsAuthRefresh=", "awsCredentialExport="}
    assert set(complete(f"{PROG} unset ANTHROPIC_DEFAULT_")) == {
        "ANTHROPIC_DEFAULT_MODEL",
        "ANTHROPIC_DEFAULT_OPUS_MODEL",
        "ANTHROPIC_DEFAULT_SONNET_MODEL",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL",
    }
    assert complete(f"{PROG} set AWS_REGION=") == []


def test_saved_profile_names(saved_profiles: ProfileStore) -> None:
    assert set(complete(f"{PROG} profile apply ")) == {"off", "dev", "prod"}
    assert complete(f"{PROG} profile show d") == ["dev"]
    assert set(complete(f"{PROG} profile delete ")) == {"dev", "prod"}  # the built-in `off` cannot be deleted
    assert set(complete(f"{PROG} profile rename ")) == {"dev", "prod"}


def test_a_broken_profiles_file_still_completes_quietly(saved_profiles: ProfileStore) -> None:
    saved_profiles.path.write_text("[profiles.dev\n", encoding="utf-8")
    assert complete(f"{PROG} profile apply ") == ["off"]


def test_scopes() -> None:
    assert complete(f"{PROG} set --scope ") == ["user", "project", "local"]
    assert complete(f"{PROG} unset --scope p") == ["project"]
    assert complete(f"{PROG} profile save work --from-scope l") == ["local"]
    assert complete(f"{PROG} profile apply dev --scope ") == ["user", "project", "local"]
    fish = dict(item.split("\t", 1) for item in complete(f"{PROG} set --scope ", shell="fish"))
    assert ".claude/settings.local.json" in fish["local"]  # each scope shown with its file


def test_demo_scenarios_and_project_folders(isolated_env: Path) -> None:
    assert complete(f"{PROG} demo --scenario model_acc") == ["model_access_denied"]
    (isolated_env / "work" / "proj").mkdir()
    (isolated_env / "work" / "profile.txt").write_text("", encoding="utf-8")
    assert complete(f"{PROG} show --project-dir pro") == ["proj/"]  # folders only


def test_zsh_and_fish_get_descriptions(saved_profiles: ProfileStore) -> None:
    assert "AWS_REGION=:Region" in complete(f"{PROG} set AWS_REGION", shell="zsh")
    fish = dict(item.split("\t", 1) for item in complete(f"{PROG} profile apply ", shell="fish"))
    assert set(fish) == {"off", "dev", "prod"}
    assert "us-west-2" in fish["dev"]  # the profile's summary


def test_bash_completes_through_the_printed_script(saved_profiles: ProfileStore) -> None:
    """bash loads `completion bash` and runs the completion function the way TAB does."""
    driver = r"""
eval "$("$PROG" completion bash)"
COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; COMP_TYPE=9
_python_argcomplete "$PROG"
printf '%s\n' "${COMPREPLY[@]}"
"""
    env = {**os.environ, "PROG": PROG, "PATH": f"{SCRIPT.parent}{os.pathsep}{os.environ['PATH']}"}

    def bash(line: str) -> list[str]:
        done = subprocess.run(
            ["bash", "--norc", "-c", driver, "bash", line], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done
        return [item.rstrip() for item in done.stdout.splitlines() if item.strip()]

    assert bash(f"{PROG} exp") == ["export"]
    assert bash(f"{PROG} set --scope lo") == ["local"]
    assert set(bash(f"{PROG} profile apply ")) == {"off", "dev", "prod"}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script_for_each_shell(shell: str) -> None:
    done = subprocess.run([str(SCRIPT), "completion", shell], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert PROG in done.stdout and "_ARGCOMPLETE" in done.stdout
    if shell == "fish":
        assert f"complete --command {PROG}" in done.stdout
    else:
        assert f"complete -o nospace -o default -o bashdefault -F _python_argcomplete {PROG}" in done.stdout


def test_an_unknown_shell_is_refused() -> None:
    done = subprocess.run([str(SCRIPT), "completion", "tcsh"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "invalid choice: 'tcsh'" in done.stderr and done.stdout == ""
