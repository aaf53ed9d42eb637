"""`check` and the online validation before `set`, through real HTTP to the local Bedrock stand-in."""

from __future__ import annotations

import json

import pytest

from claude_bedrock_tui.standin import Scenario, StandIn
from cli_helpers import cli, cli_process
from settings_helpers import home, user_settings

SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0"


@pytest.fixture
def standin(monkeypatch):
    """A healthy stand-in, a static-key AWS profile `dev`, and the endpoints pointed at the stand-in."""
    aws = home() / ".aws"
    aws.mkdir()
    (aws / "config").write_text("[profile dev]\nregion = us-east-1\n")
    (aws / "credentials").write_text("[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n")
    with StandIn(Scenario.preset("healthy")) as server:
        for name, value in server.endpoint_env().items():
            monkeypatch.setenv(name, value)
        user_settings(
            {
                "env": {
                    "CLAUDE_CODE_USE_BEDROCK": "1",
                    "AWS_PROFILE": "dev",
                    "AWS_REGION": "us-east-1",
                    "ANTHROPIC_MODEL": SONNET,
                    "ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU,
                }
            }
        )
        yield server


def test_check_json_passes_on_a_healthy_setup(standin):
    result = cli("check", "--json")
    assert result.code == 0, result.out + result.err
    data = result.json()
    assert data["ok"] is True
    ids = [c["id"] for c in data["checks"]]
    for expected in ("credentials", "identity", "region", "models", "model:primary", "model:haiku", "tokens"):
        assert expected in ids
    for check in data["checks"]:
        assert set(check) == {"id", "status", "message", "advice"}
    invoked = {r.model_id for r in standin.requests if r.operation == "InvokeModel"}
    # The configured models, and the Opus tier Claude Code probes at start-up: its first candidate the
    # region lists (Opus 4.5 here); the newer ones it does not list are never worth a call.
    assert invoked == {SONNET, HAIKU, "us.anthropic.claude-opus-4-5-20251101-v1:0"}
    assert "model:opus" in ids
    assert {r.access_key_id for r in standin.requests if r.auth == "sigv4"} == {"AKIADEV"}


def test_check_no_invoke_makes_no_invoke_call(standin):
    result = cli("check", "--json", "--no-invoke")
    assert result.code == 0
    assert not [r for r in standin.requests if r.operation == "InvokeModel"]


def test_check_fails_with_advice_when_model_access_is_missing(standin):
    standin.set_scenario(Scenario(model_errors={HAIKU: "model_access_denied"}))
    result = cli("check")
    assert result.code == 1
    assert "FAIL" in result.out and "model:haiku" in result.out
    assert "Some checks failed." in result.out


def test_check_exit_2_when_a_settings_file_is_broken(standin):
    (home() / ".claude" / "settings.json").write_text('{"env": {,}}')
    result = cli("check", "--json")
    assert result.code == 2 and "not valid JSON" in result.err


def test_set_validates_online_and_refuses_a_model_bedrock_rejects(standin):
    before = (home() / ".claude" / "settings.json").read_bytes()
    standin.set_scenario(Scenario(model_errors={"us.anthropic.claude-opus-4-1-20250805-v1:0": "use_case_missing"}))
    result = cli("set", "ANTHROPIC_DEFAULT_OPUS_MODEL=us.anthropic.claude-opus-4-1-20250805-v1:0")
    assert result.code == 1
    assert "model:opus" in result.err and "nothing was written" in result.err
    assert (home() / ".claude" / "settings.json").read_bytes() == before


def test_set_writes_after_online_validation_passes(standin):
    result = cli("set", "ANTHROPIC_DEFAULT_OPUS_MODEL=us.anthropic.claude-opus-4-1-20250805-v1:0")
    assert result.code == 0, result.err
    data = json.loads((home() / ".claude" / "settings.json").read_text())
    assert data["env"]["ANTHROPIC_DEFAULT_OPUS_MODEL"] == "us.anthropic.claude-opus-4-1-20250805-v1:0"
    assert any(r.model_id == "us.anthropic.claude-opus-4-1-20250805-v1:0" for r in standin.requests)


def test_check_as_a_real_process_prints_a_table(standin):
    result = cli_process("check")
    assert result.code == 0, result.err
    assert "All checks passed." in result.out and "Traceback" not in result.err


def test_set_is_not_blocked_by_a_check_that_already_failed(standin):
    standin.set_scenario(Scenario(model_errors={HAIKU: "model_access_denied"}))
    result = cli("set", "CLAUDE_CODE_MAX_OUTPUT_TOKENS=16000")
    assert result.code == 0, result.err
    assert "model:haiku already fails without this change" in result.err
    data = json.loads((home() / ".claude" / "settings.json").read_text())
    assert data["env"]["CLAUDE_CODE_MAX_OUTPUT_TOKENS"] == "16000"


STALE_REFRESH = "awsAuthRefresh refreshes profile corp, but Claude Code uses AWS profile dev."


def refresh_for_corp() -> None:
    """The fixture's settings (AWS_PROFILE=dev) with an awsAuthRefresh for another profile, quoted."""
    data = json.loads((home() / ".claude" / "settings.json").read_text())
    user_settings({**data, "awsAuthRefresh": 'aws sso login --profile "corp"'})


def test_check_warns_when_the_refresh_command_names_another_profile(standin):
    """issue 10, flow 2: the credentials check says so (test_check_schema holds the JSON to it)."""
    refresh_for_corp()
    table = cli("check", "--no-invoke")
    assert table.code == 0, table.out + table.err  # a warning, not a failure
    line = next(line for line in table.out.splitlines() if " credentials " in line)
    assert line.startswith("  warn  credentials") and STALE_REFRESH in line
    assert "-> Make the command name profile dev (the one AWS_PROFILE selects), or set AWS_PROFILE=corp." in table.out
