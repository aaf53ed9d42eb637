"""The stand-in's Bedrock Mantle endpoint and GetGuardrail, and the online guardrail check (issue 12)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from claude_bedrock_tui.standin import Scenario, StandIn
from validation_helpers import SONNET, make_candidate, make_env, report_of, write_aws_files

FAST = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard", "total_max_attempts": 1})
GUARDRAIL = "X-Amzn-Bedrock-GuardrailIdentifier: gr-team\nX-Amzn-Bedrock-GuardrailVersion: {version}"


def mantle(standin: StandIn, body: dict, *, path: str = "/v1/messages") -> tuple[int, dict | str, str]:
    """POST a message to the stand-in's Mantle endpoint, signed as Claude Code signs it (bedrock-mantle)."""
    request = AWSRequest(
        "POST", standin.url + path, data=json.dumps(body), headers={"content-type": "application/json"}
    )
    SigV4Auth(Credentials("AKIAMANTLE", "s"), "bedrock-mantle", "us-east-1").add_auth(request)
    prepared = urllib.request.Request(request.url, data=request.body, headers=dict(request.headers), method="POST")
    try:
        with urllib.request.urlopen(prepared, timeout=5) as answer:
            kind = answer.headers.get("content-type", "")
            raw = answer.read().decode()
            return answer.status, (json.loads(raw) if "json" in kind else raw), kind
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), error.headers.get("content-type", "")


def test_mantle_answers_mantle_ids_and_records_the_call():
    with StandIn() as standin:
        one = {"model": "anthropic.claude-sonnet-4-5", "max_tokens": 1, "messages": [{"role": "user", "content": "."}]}
        status, answer, _ = mantle(standin, one)
        assert status == 200 and answer["type"] == "message" and answer["model"] == "anthropic.claude-sonnet-4-5"
        dated = {**one, "model": "anthropic.claude-haiku-4-5-20251001", "stream": True}
        status, events, kind = mantle(standin, dated, path="/anthropic/v1/messages")
        assert status == 200 and kind == "text/event-stream"
        assert events.startswith("event: message_start\ndata: ") and "event: message_stop" in events
        (recorded, streamed) = standin.requests
        assert (recorded.service, recorded.operation, recorded.model_id) == (
            "bedrock-mantle",
            "CreateMessage",
            "anthropic.claude-sonnet-4-5",
        )
        assert recorded.access_key_id == "AKIAMANTLE" and recorded.region == "us-east-1"
        assert "authorization" not in recorded.headers and recorded.headers["content-type"] == "application/json"
        assert streamed.path == "/anthropic/v1/messages"


@pytest.mark.parametrize(
    ("model", "status", "kind"),
    [
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", 404, "not_found_error"),  # an inference profile ID
        ("anthropic.claude-sonnet-4-5-20250929-v1:0", 404, "not_found_error"),  # a bare Bedrock ID
        ("anthropic.claude-nonexistent-9", 404, "not_found_error"),
    ],
)
def test_mantle_refuses_what_is_not_a_mantle_model(model, status, kind):
    with StandIn() as standin:
        got, answer, _ = mantle(
            standin, {"model": model, "max_tokens": 1, "messages": [{"role": "user", "content": "."}]}
        )
    assert got == status and answer["error"]["type"] == kind and model in answer["error"]["message"]


def test_mantle_follows_the_scenario_errors_and_needs_a_body():
    with StandIn(Scenario(model_errors={"anthropic.claude-sonnet-4-5": "throttled"})) as standin:
        body = {"model": "anthropic.claude-sonnet-4-5", "max_tokens": 1, "messages": [{"role": "user", "content": "."}]}
        assert mantle(standin, body)[0] == 429
        assert mantle(standin, {"model": "anthropic.claude-sonnet-4-5"})[0] == 400


def test_get_guardrail_by_id_and_arn_and_version():
    with StandIn(Scenario(guardrails={"gr-team": ("DRAFT", "1", "2")})) as standin:
        bedrock = boto3.session.Session().client(
            "bedrock",
            region_name="eu-west-1",
            endpoint_url=standin.url,
            aws_access_key_id="AKIAGUARD",
            aws_secret_access_key="s",
            config=FAST,
        )
        found = bedrock.get_guardrail(guardrailIdentifier="gr-team", guardrailVersion="2")
        assert (found["guardrailId"], found["version"], found["status"]) == ("gr-team", "2", "READY")
        assert found["guardrailArn"] == "arn:aws:bedrock:eu-west-1:123456789012:guardrail/gr-team"
        by_arn = bedrock.get_guardrail(guardrailIdentifier=found["guardrailArn"])
        assert by_arn["version"] == "DRAFT"
        for identifier, version in (("gr-team", "7"), ("gr-other", "1")):
            with pytest.raises(ClientError) as caught:
                bedrock.get_guardrail(guardrailIdentifier=identifier, guardrailVersion=version)
            assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"
        assert standin.requests[0].operation == "GetGuardrail" and standin.requests[0].query == {
            "guardrailVersion": "2"
        }


@pytest.mark.parametrize(
    ("version", "status", "words"),
    [("2", "pass", "gr-team (gr-team) version 2 is READY"), ("9", "fail", "version 9 does not exist in us-east-1")],
)
def test_the_guardrail_check_asks_bedrock(tmp_path: Path, version, status, words):
    home = tmp_path / "cand-home"
    write_aws_files(home)
    with StandIn(Scenario(guardrails={"gr-team": ("DRAFT", "2")})) as standin:
        env = make_env(
            home,
            standin.endpoint_env(),
            AWS_ACCESS_KEY_ID="AKIAENVKEY",
            AWS_SECRET_ACCESS_KEY="s",
            ANTHROPIC_CUSTOM_HEADERS=GUARDRAIL.format(version=version),
        )
        _, by_id = report_of(make_candidate(env, {"primary": SONNET}))
        assert any(r.operation == "GetGuardrail" for r in standin.requests)
    assert by_id["guardrail"].status == status and words in by_id["guardrail"].message
    if status == "fail":
        assert "ANTHROPIC_CUSTOM_HEADERS" in by_id["guardrail"].advice


def test_no_guardrail_no_check(tmp_path: Path):
    home = tmp_path / "cand-home"
    write_aws_files(home)
    with StandIn() as standin:
        env = make_env(home, standin.endpoint_env(), AWS_ACCESS_KEY_ID="AKIAENVKEY", AWS_SECRET_ACCESS_KEY="s")
        report, by_id = report_of(make_candidate(env, {"primary": SONNET}), invoke=False)
    assert "guardrail" not in by_id and report.ok


@pytest.mark.parametrize(
    ("model", "status", "words"),
    [
        ("anthropic.claude-sonnet-4-5", "pass", "it answered a 1-token request"),
        ("anthropic.claude-sonnet-9", "fail", "Bedrock Mantle: model: anthropic.claude-sonnet-9"),
    ],
)
def test_the_model_check_asks_mantle_for_a_mantle_id(tmp_path: Path, model, status, words):
    home = tmp_path / "cand-home"
    write_aws_files(home)
    with StandIn() as standin:
        env = make_env(
            home,
            standin.endpoint_env(),
            AWS_ACCESS_KEY_ID="AKIAENVKEY",
            AWS_SECRET_ACCESS_KEY="s",
            CLAUDE_CODE_USE_MANTLE="1",
            ANTHROPIC_BEDROCK_MANTLE_BASE_URL=standin.url,
            ANTHROPIC_CUSTOM_HEADERS="X-Amzn-Bedrock-GuardrailIdentifier: gr-x\nX-Amzn-Bedrock-GuardrailVersion: 1",
        )
        _, by_id = report_of(make_candidate(env, {"primary": model}), invoke=True)
        sent = [r for r in standin.requests if r.service == "bedrock-mantle"]
    assert by_id["model:primary"].status == status and words in by_id["model:primary"].message
    for kind in ("access", "quota"):
        assert (
            by_id[f"{kind}:primary"].status == "skip" and "goes to Bedrock Mantle" in by_id[f"{kind}:primary"].message
        )
    assert by_id["access:haiku"].status == "pass"  # an inference profile is read as before
    (call,) = sent  # one call for the model, shared by the slots that use it
    assert call.model_id == model and call.access_key_id == "AKIAENVKEY" and call.body["max_tokens"] == 1
    assert call.headers["x-amzn-bedrock-guardrailidentifier"] == "gr-x"  # as Claude Code sends it


def test_the_policy_allows_applying_the_guardrail(tmp_path: Path):
    from claude_bedrock_tui.validation.iam_policy import policy_for, required_actions

    home = tmp_path / "cand-home"
    env = make_env(home, None, AWS_ACCESS_KEY_ID="AKIAENVKEY", AWS_SECRET_ACCESS_KEY="s")
    plain = make_candidate(env, {"primary": SONNET})
    guarded = make_candidate({**env, "ANTHROPIC_CUSTOM_HEADERS": GUARDRAIL.format(version="1")}, {"primary": SONNET})
    assert "bedrock:ApplyGuardrail" not in required_actions(plain)
    assert "bedrock:ApplyGuardrail" in required_actions(guarded)
    (statement,) = [s for s in policy_for(guarded, "123456789012")["Statement"] if s["Sid"] == "ApplyTheGuardrail"]
    assert statement["Resource"] == "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr-team"
