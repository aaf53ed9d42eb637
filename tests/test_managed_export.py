"""`managed export`: each format from the demo sandbox, read back the way Claude Code and MDM read it."""

from __future__ import annotations

import json
import plistlib
import re
import uuid
from pathlib import Path

import pytest

from claude_bedrock_tui.demo.sandbox import BARE_HAIKU_MODEL, PRIMARY_MODEL, fill_sandbox
from claude_bedrock_tui.profiles.store import default_profiles_path
from cli_helpers import cli
from settings_helpers import user_settings

DEMO_ENV = {
    "CLAUDE_CODE_USE_BEDROCK": "1",
    "AWS_PROFILE": "demo",
    "AWS_REGION": "us-east-1",
    "ANTHROPIC_MODEL": PRIMARY_MODEL,
    "ANTHROPIC_DEFAULT_HAIKU_MODEL": BARE_HAIKU_MODEL,
    "CLAUDE_CODE_MAX_OUTPUT_TOKENS": "32000",  # the local settings' value, which wins over the project's
    "MAX_THINKING_TOKENS": "4096",
}
REG_STRING = re.compile(r'"(?:[^"\\]|\\[\\"])*"')
API_KEY = "ABSKdemoBedrockApiKeyThatMustNeverLeave0000"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo sandbox's files and environment (no stand-in: exporting is offline); returns its project."""
    _home, project, environ = fill_sandbox(tmp_path / "sandbox")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return project


def export(project: Path, *args: str):
    return cli("managed", "export", "--project-dir", str(project), *args)


def parse_reg(data: bytes) -> tuple[list[str], dict[str, str]]:
    """A .reg file as regedit reads it: UTF-16 LE with a BOM, CRLF lines; (key lines, value name -> text)."""
    assert data[:2] == b"\xff\xfe", "regedit's version 5 files are UTF-16 LE with a byte-order mark"
    text = data[2:].decode("utf-16-le")
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF"
    lines = text.split("\r\n")
    assert lines[0] == "Windows Registry Editor Version 5.00"
    keys = [line[1:-1] for line in lines if line.startswith("[")]
    values: dict[str, str] = {}
    for line in lines:
        if line.startswith('"'):
            name, _, raw = line.partition("=")
            # Inside the quotes only \\ and \" are escapes; an unescaped quote would end the value early.
            assert REG_STRING.fullmatch(raw), f"not one well-escaped REG_SZ string: {raw[:80]}"
            values[name.strip('"')] = re.sub(r'\\([\\"])', r"\1", raw[1:-1])
    return keys, values


def test_json_is_a_whole_managed_file_that_show_reads_as_the_managed_scope(demo, tmp_path):
    result = export(demo)
    assert result.code == 0, result.err
    settings = json.loads(result.out)
    assert settings == {"env": DEMO_ENV}
    assert "credentials each machine is expected to use (aws-profile)" in result.err
    assert "AWS profile demo" in result.err
    assert "bare model ID" in result.err  # the demo's planted mistake is pointed out, not exported silently

    candidate = tmp_path / "candidate"
    candidate.mkdir()
    (candidate / "managed-settings.json").write_text(result.out, encoding="utf-8")
    shown = cli("show", "--json", "--project-dir", str(demo), "--managed-dir", str(candidate)).json()
    managed = [f for f in shown["files"] if f["scope"] == "managed"]
    assert [f["state"] for f in managed] == ["ok"] and managed[0]["used_by_claude_code"]
    for name, value in DEMO_ENV.items():
        assert shown["effective"][name]["value"] == value, name
        assert shown["effective"][name]["origin"] == "managed", name
    # The file itself names its folder too.
    main_file = candidate / "managed-settings.json"
    by_file = cli("show", "--json", "--project-dir", str(demo), "--managed-dir", str(main_file))
    assert by_file.json()["effective"] == shown["effective"]
    before_the_command = cli("--managed-dir", str(candidate), "show", "--json", "--project-dir", str(demo))
    assert before_the_command.json()["effective"] == shown["effective"]
    # The developers' own values are still there, shadowed by the managed layer.
    shadowed = shown["effective"]["CLAUDE_CODE_MAX_OUTPUT_TOKENS"]["shadowed"]
    assert {s["origin"] for s in shadowed} >= {"local", "project"}


def test_json_keeps_the_other_keys_of_the_managed_file_it_replaces(demo, tmp_path):
    candidate = tmp_path / "candidate"
    candidate.mkdir()
    policy = {
        "permissions": {"deny": ["Read(./.env)"]},
        "env": {"DISABLE_TELEMETRY": "1", "AWS_REGION": "eu-west-1", "AWS_BEARER_TOKEN_BEDROCK": API_KEY},
    }
    (candidate / "managed-settings.json").write_text(json.dumps(policy), encoding="utf-8")
    result = export(demo, "--managed-dir", str(candidate))
    assert result.code == 0, result.err
    settings = json.loads(result.out)
    assert settings["permissions"] == policy["permissions"]
    # The effective configuration already has the managed layer in it (its region wins); its secret is dropped.
    assert settings["env"] == {"DISABLE_TELEMETRY": "1", **DEMO_ENV, "AWS_REGION": "eu-west-1"}
    assert API_KEY not in result.out
    assert "not exported (secrets): AWS_BEARER_TOKEN_BEDROCK" in result.err


def test_dropin_merges_over_the_main_file_and_names_the_drop_ins_that_beat_it(demo, tmp_path):
    result = export(demo, "--format", "dropin")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {"env": DEMO_ENV}  # only the Bedrock keys
    assert "90-bedrock.json" in result.err and "later names winning" in result.err

    candidate = tmp_path / "candidate"
    dropins = candidate / "managed-settings.d"
    dropins.mkdir(parents=True)
    (candidate / "managed-settings.json").write_text(
        json.dumps({"env": {"AWS_REGION": "eu-west-1", "DISABLE_TELEMETRY": "1"}}), encoding="utf-8"
    )
    (dropins / "10-base.json").write_text(json.dumps({"env": {"AWS_PROFILE": "old"}}), encoding="utf-8")
    (dropins / "95-late.json").write_text(json.dumps({"env": {"MAX_THINKING_TOKENS": "1024"}}), encoding="utf-8")
    told = export(demo, "--format", "dropin", "--managed-dir", str(candidate))
    assert "95-late.json, named after it: their keys win over these" in told.err

    (dropins / "90-bedrock.json").write_text(result.out, encoding="utf-8")
    shown = cli("show", "--json", "--project-dir", str(demo), "--managed-dir", str(candidate)).json()
    effective = shown["effective"]
    assert effective["AWS_REGION"]["value"] == "us-east-1"  # the drop-in beats the main file
    assert effective["AWS_REGION"]["shadowed"][0]["value"] == "eu-west-1"
    assert effective["AWS_PROFILE"]["value"] == "demo"  # and the drop-in named before it
    assert effective["MAX_THINKING_TOKENS"]["value"] == "1024"  # the one named after it wins
    assert all(effective[name]["origin"] == "managed" for name in DEMO_ENV)


def test_mobileconfig_is_a_plist_profile_for_the_claude_code_domain(demo, tmp_path):
    first = export(demo, "--format", "mobileconfig", "-o", str(tmp_path / "a.mobileconfig"))
    assert first.code == 0, first.err
    assert first.out == ""
    data = (tmp_path / "a.mobileconfig").read_bytes()
    profile = plistlib.loads(data)
    assert profile["PayloadType"] == "Configuration"
    assert profile["PayloadVersion"] == 1
    assert profile["PayloadScope"] == "System"
    assert "AWS profile demo" in profile["PayloadDescription"]
    (payload,) = profile["PayloadContent"]
    assert payload["PayloadType"] == "com.anthropic.claudecode"
    settings = {k: v for k, v in payload.items() if not k.startswith("Payload")}
    assert settings == {"env": DEMO_ENV}
    for item in (profile, payload):
        assert uuid.UUID(item["PayloadUUID"]).version == 5
    assert profile["PayloadUUID"] != payload["PayloadUUID"]
    assert payload["PayloadIdentifier"].startswith(profile["PayloadIdentifier"] + ".")
    # The same setup gives the same profile (an MDM re-push replaces it); another setup another UUID.
    again = export(demo, "--format", "mobileconfig")
    assert again.out.encode("utf-8") == data
    user_settings({"env": {**DEMO_ENV, "AWS_REGION": "us-west-2"}})
    other = plistlib.loads(export(demo, "--format", "mobileconfig").out.encode("utf-8"))
    assert other["PayloadUUID"] != profile["PayloadUUID"]


def test_reg_is_utf16_registry_text_for_the_policy_key(demo, tmp_path):
    result = export(demo, "--format", "reg", "-o", str(tmp_path / "bedrock.reg"))
    assert result.code == 0, result.err
    keys, values = parse_reg((tmp_path / "bedrock.reg").read_bytes())
    assert keys == [r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\ClaudeCode"]
    assert set(values) == {"Settings"}
    assert json.loads(values["Settings"]) == {"env": DEMO_ENV}


def test_reg_escapes_quotes_and_backslashes(demo, tmp_path):
    command = 'C:\\Tools\\creds.exe --profile "bedrock"'
    user_settings({"env": DEMO_ENV, "awsCredentialExport": command})
    result = export(demo, "--format", "reg", "-o", str(tmp_path / "bedrock.reg"))
    assert result.code == 0, result.err
    _keys, values = parse_reg((tmp_path / "bedrock.reg").read_bytes())
    assert json.loads(values["Settings"])["awsCredentialExport"] == command
    assert "(credential-export)" in result.err


@pytest.mark.parametrize("fmt", ["json", "dropin", "mobileconfig", "reg"])
def test_secrets_are_never_exported_and_each_machine_brings_its_own(demo, tmp_path, monkeypatch, fmt):
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", API_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    target = tmp_path / f"out.{fmt}"
    result = export(demo, "--format", fmt, "-o", str(target))
    assert result.code == 0, result.err
    data = target.read_bytes()
    text = data.decode("utf-16" if fmt == "reg" else "utf-8")
    assert API_KEY not in text and "wJalrXUtnFEMI" not in text
    if fmt in ("json", "dropin"):
        assert "AWS_BEARER_TOKEN_BEDROCK" not in json.loads(text)["env"]
    assert "credentials each machine is expected to use (api-key)" in result.err
    assert "AWS_BEARER_TOKEN_BEDROCK itself" in result.err
    assert "not exported (secrets): AWS_BEARER_TOKEN_BEDROCK" in result.err
    assert API_KEY not in result.err


def test_a_secret_inside_a_value_refuses_the_export(demo):
    user_settings({"env": DEMO_ENV, "awsCredentialExport": "creds --secret-access-key wJalrXUtnFEMI/K7MDENGbPxRfiCY"})
    result = export(demo)
    assert result.code == 2
    assert result.out == ""
    assert "awsCredentialExport holds a secret" in result.err and "Nothing was exported" in result.err
    assert "wJalrXUtnFEMI" not in result.err


def test_bedrock_off_is_refused(demo):
    user_settings({"env": {**DEMO_ENV, "CLAUDE_CODE_USE_BEDROCK": "0"}})
    result = export(demo)
    assert result.code == 2 and "Bedrock is off" in result.err and result.out == ""


def test_a_saved_profile_exports_with_bedrock_on_and_its_key_left_to_each_machine(demo):
    path = default_profiles_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "[profiles.team]\n"
        'AWS_REGION = "us-west-2"\n'
        f'ANTHROPIC_MODEL = "{PRIMARY_MODEL}"\n'
        'awsAuthRefresh = "aws sso login --profile team"\n'
        'keys_from_env = {AWS_BEARER_TOKEN_BEDROCK = "TEAM_BEDROCK_KEY"}\n',
        encoding="utf-8",
    )
    result = export(demo, "--profile", "team")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-west-2", "ANTHROPIC_MODEL": PRIMARY_MODEL},
        "awsAuthRefresh": "aws sso login --profile team",
    }
    assert "Exported profile team" in result.err
    assert "(api-key)" in result.err and "not exported (secrets): AWS_BEARER_TOKEN_BEDROCK" in result.err


def test_an_sso_profile_is_told_to_add_an_auth_refresh(demo):
    user_settings({"env": {**DEMO_ENV, "AWS_PROFILE": "demo-sso"}})
    result = export(demo)
    assert result.code == 0, result.err
    assert "(aws-profile)" in result.err
    assert "SSO profile here: add awsAuthRefresh 'aws sso login --profile demo-sso'" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--profile", "nope"), "No profile named 'nope'"),
        (("--profile", "off"), "turns Bedrock off"),
        (("--managed-dir", "/no/such/folder"), "--managed-dir /no/such/folder: no such folder"),
        (("-o", "/no/such/folder/x.json"), "--output /no/such/folder/x.json"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(demo, args, message):
    result = export(demo, *args)
    assert result.code == 2, result.err
    assert message in result.err and "Traceback" not in result.err
    assert result.out == ""


def test_a_broken_settings_file_stops_the_export_of_the_effective_setup_but_not_of_a_profile(demo):
    (demo / ".claude" / "settings.json").write_text('{"env": {,}}', encoding="utf-8")
    result = export(demo)
    assert result.code == 2 and result.out == ""
    assert "project settings" in result.err and "fix it first" in result.err
    path = default_profiles_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[profiles.team]\nAWS_PROFILE = "team"\n', encoding="utf-8")
    result = export(demo, "--profile", "team")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "team"}}
