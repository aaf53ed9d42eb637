"""`export`: shell exports that survive any value, fish and JSON forms, secrets masked unless asked."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_bedrock_tui.cli import export_cmd
from claude_bedrock_tui.cli.export_cmd import fish_quote, render, sh_quote
from claude_bedrock_tui.core.configuration import load

NASTY = 'it\'s a "test" with $HOME, `id`, \\back\\slash, ;& | * and a\nnewline'
SECRET = "bedrock-api-key-EXPORTSECRETVALUE0010"
SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"


def write_user(env: dict, **keys: str) -> None:
    path = Path(os.environ["HOME"]) / ".claude" / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"env": env, **keys}, indent=2), encoding="utf-8")


def config(**shell: str):
    return load(environ={**os.environ, **shell})


def run_export(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    export_cmd.register(parser.add_subparsers(dest="command"))
    out, err = io.StringIO(), io.StringIO()
    code = export_cmd.run(parser.parse_args(["export", *argv]), out, err)
    return code, out.getvalue(), err.getvalue()


def fish_unquote(text: str) -> str:
    """fish's rule for a single-quoted word: only \\\\ and \\' are escapes."""
    assert text[0] == text[-1] == "'"
    out, i, body = [], 0, text[1:-1]
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body) and body[i + 1] in "\\'":
            out.append(body[i + 1])
            i += 2
        else:
            assert body[i] != "'", "an unescaped quote ends the word early"
            out.append(body[i])
            i += 1
    return "".join(out)


def test_sh_output_evaluates_back_to_the_exact_values() -> None:
    write_user({"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": NASTY, "ANTHROPIC_MODEL": SONNET})
    script = render(config(), "sh")
    result = subprocess.run(
        ["sh", "-c", script + 'printf "%s|%s|%s" "$CLAUDE_CODE_USE_BEDROCK" "$AWS_PROFILE" "$ANTHROPIC_MODEL"'],
        capture_output=True,
        text=True,
        timeout=10,
        env={"PATH": os.environ["PATH"], "HOME": "/nonexistent"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"1|{NASTY}|{SONNET}"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_fish_quoting_round_trips_any_text(value: str) -> None:
    assert fish_unquote(fish_quote(value)) == value


def test_quoting_of_single_quotes() -> None:
    assert sh_quote("it's") == "'it'\\''s'"
    assert fish_quote("it's \\o/") == "'it\\'s \\\\o/'"


def test_fish_lines() -> None:
    write_user({"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "it's"})
    lines = render(config(), "fish").splitlines()
    assert "set -gx CLAUDE_CODE_USE_BEDROCK '1'" in lines
    assert "set -gx AWS_PROFILE 'it\\'s'" in lines


def test_secrets_are_masked_and_commented_out_by_default() -> None:
    write_user({"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_BEARER_TOKEN_BEDROCK": SECRET})
    for fmt in ("sh", "fish", "json"):
        text = render(config(), fmt)
        assert SECRET not in text and "****0010" in text, fmt
    sh_lines = render(config(), "sh").splitlines()
    [line] = [line for line in sh_lines if "AWS_BEARER_TOKEN_BEDROCK" in line]
    assert line.startswith("# export AWS_BEARER_TOKEN_BEDROCK='****0010'")  # eval never sets a masked key
    assert json.loads(render(config(), "json"))["env"]["AWS_BEARER_TOKEN_BEDROCK"] == "****0010"


def test_reveal_secrets_prints_them(monkeypatch: pytest.MonkeyPatch) -> None:
    write_user({"CLAUDE_CODE_USE_BEDROCK": "1"})
    monkeypatch.setenv("AWS_SESSION_TOKEN", SECRET)
    assert f"export AWS_SESSION_TOKEN='{SECRET}'" in run_export("--reveal-secrets")[1].splitlines()
    assert SECRET not in run_export()[1]
    assert json.loads(run_export("--format", "json", "--reveal-secrets")[1])["env"]["AWS_SESSION_TOKEN"] == SECRET


def test_the_effective_values_are_exported_with_their_precedence() -> None:
    write_user(
        {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1", "MAX_THINKING_TOKENS": ""},
        model=SONNET,
        awsAuthRefresh="aws sso login --profile x",
    )
    text = render(config(AWS_REGION="us-west-2", AWS_PROFILE="x", MAX_THINKING_TOKENS="1024", PATH_EXTRA="1"), "sh")
    lines = text.splitlines()
    assert "export AWS_REGION='eu-west-1'" in lines  # settings beat the shell
    assert "export AWS_PROFILE='x'" in lines  # a shell-only value is in effect too
    assert "export ANTHROPIC_MODEL='us.anthropic.claude-sonnet-4-5-20250929-v1:0'" in lines  # from `model`
    assert any(line.startswith("unset MAX_THINKING_TOKENS") for line in lines)  # "" cancels the export
    assert "# awsAuthRefresh (a settings key; no environment variable carries it): aws sso login --profile x" in lines
    assert "PATH_EXTRA" not in text


def test_json_is_settings_shaped() -> None:
    write_user(
        {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1"},
        model=SONNET,
        awsCredentialExport="vault export-aws",
    )
    data = json.loads(render(config(AWS_PROFILE="x"), "json"))
    assert data == {
        "env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "x", "AWS_REGION": "eu-west-1"},
        "awsCredentialExport": "vault export-aws",
        "model": SONNET,
    }


def test_command_line_formats_and_bad_project_dir(isolated_env: Path) -> None:
    write_user({"CLAUDE_CODE_USE_BEDROCK": "1"})
    assert run_export()[1].splitlines()[1] == "export CLAUDE_CODE_USE_BEDROCK='1'"
    assert run_export("--format", "fish")[1].splitlines()[1] == "set -gx CLAUDE_CODE_USE_BEDROCK '1'"
    assert json.loads(run_export("--format", "json")[1])["env"] == {"CLAUDE_CODE_USE_BEDROCK": "1"}
    code, out, err = run_export("--project-dir", str(isolated_env / "missing"))
    assert code == 2 and out == "" and "no such folder" in err
