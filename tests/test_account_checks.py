"""access:<slot>, quota:<slot> and iam end to end: the validation child through real boto3 over HTTP to the
stand-in, one scenario per account state."""

from __future__ import annotations

from pathlib import Path

import pytest

import test_validation_e2e
from claude_bedrock_tui.standin import Scenario, StandIn
from claude_bedrock_tui.validation.advice import USE_CASE_STEP
from validation_helpers import APP_PROFILE_ARN, HAIKU, SONNET, make_candidate, make_env, report_of

# The end-to-end fixtures: a candidate HOME, and serve(scenario) for a running stand-in.
home = test_validation_e2e.home
serve = test_validation_e2e.serve

ACCOUNT_OPERATIONS = {
    "GetFoundationModelAvailability",
    "GetUseCaseForModelAccess",
    "ListServiceQuotas",
    "GetMetricData",
    "SimulatePrincipalPolicy",
}


def run(home: Path, standin: StandIn, models: dict[str, str] | None = None, **options):
    env = make_env(home, standin.endpoint_env(), AWS_ACCESS_KEY_ID="AKIAENVKEY", AWS_SECRET_ACCESS_KEY="secret")
    max_output = options.pop("max_output_tokens", None)
    candidate = make_candidate(env, models or {"primary": SONNET, "haiku": HAIKU}, max_output_tokens=max_output)
    return report_of(candidate, **options)


def test_healthy_account_reads_every_state_without_extra_invokes(home: Path, serve) -> None:
    standin = serve()
    _report, by_id = run(home, standin)
    for check_id in ("access:primary", "access:haiku", "quota:primary", "quota:haiku", "iam"):
        assert by_id[check_id].status == "pass", by_id[check_id]
    assert "use-case form has been submitted" in by_id["access:primary"].message
    assert "400,000 tokens/min" in by_id["quota:primary"].message and "no throttling" in by_id["quota:primary"].message
    assert "Policy simulation for arn:aws:iam::123456789012:user/standin allows them" in by_id["iam"].message
    operations = [r.operation for r in standin.requests]
    assert set(operations) >= ACCOUNT_OPERATIONS
    assert operations.count("GetUseCaseForModelAccess") == 1  # once per account, not per slot
    # No invoke beyond the model checks' own: one per distinct model.
    invoked = [r.model_id for r in standin.requests if r.operation == "InvokeModel"]
    assert len(invoked) == len(set(invoked))


@pytest.mark.parametrize(
    ("preset", "status", "words", "advice"),
    [
        ("use_case_missing", "fail", "use-case form has not been submitted", USE_CASE_STEP),
        ("model_access_denied", "fail", "is not granted", "Model access"),
        ("not_entitled", "fail", "not entitled", "aws-marketplace:Subscribe"),
        ("agreement_pending", "warn", "agreement for anthropic.claude-sonnet-4-5", "Wait a few minutes"),
        ("region_unavailable", "fail", "is not available in us-east-1", "cross-Region or global"),
    ],
)
def test_access_states(home: Path, serve, preset: str, status: str, words: str, advice: str) -> None:
    _, by_id = run(home, serve(Scenario.preset(preset)))
    check = by_id["access:primary"]
    assert check.status == status and words in check.message and advice in check.advice, check


def test_access_falls_back_to_the_invoke_when_the_reads_are_denied(home: Path, serve) -> None:
    denied = serve(Scenario.preset("iam_denied_account_reads"))
    _, by_id = run(home, denied)
    check = by_id["access:primary"]
    assert check.status == "pass"
    assert "bedrock:GetFoundationModelAvailability or bedrock:GetUseCaseForModelAccess" in check.message
    assert "1-token invoke" in check.message
    assert (
        by_id["quota:primary"].status == "skip" and "servicequotas:ListServiceQuotas" in by_id["quota:primary"].message
    )
    assert "iam:SimulatePrincipalPolicy denied" in by_id["iam"].message
    # Denied reads and a model without access: the invoke's own answer is the verdict.
    scenario = Scenario.preset("iam_denied_account_reads")
    scenario.error = "model_access_denied"
    _, by_id = run(home, serve(scenario))
    assert by_id["access:primary"].status == "fail" and "no access" in by_id["access:primary"].message


def test_access_without_invoke_says_access_is_unknown(home: Path, serve) -> None:
    standin = serve(Scenario.preset("iam_denied_account_reads"))
    _, by_id = run(home, standin, invoke=False)
    assert by_id["access:primary"].status == "warn" and "invoke disabled" in by_id["access:primary"].message
    assert not [r for r in standin.requests if r.service == "bedrock-runtime"]


def test_tiny_quota_warns_and_suggests_a_max_output(home: Path, serve) -> None:
    _, by_id = run(home, serve(Scenario.preset("tiny_quota")))
    check = by_id["quota:primary"]
    assert check.status == "warn" and "100,000 tokens/min" in check.message and "1 request can start" in check.message
    assert "Set CLAUDE_CODE_MAX_OUTPUT_TOKENS=13000" in check.advice
    assert "Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5" in check.advice


def test_quota_too_small_for_any_max_output(home: Path, serve) -> None:
    _, by_id = run(home, serve(Scenario(tokens_per_minute=20_000)))
    check = by_id["quota:primary"]
    assert check.status == "warn" and "0 requests can start" in check.message
    assert check.advice.startswith("The quota is too small for Claude Code: request an increase of Cross-Region")


def test_moderate_quota_suggests_a_max_output(home: Path, serve) -> None:
    _, by_id = run(home, serve(Scenario(tokens_per_minute=120_000)), max_output_tokens=32_000)
    check = by_id["quota:primary"]
    assert check.status == "warn" and "CLAUDE_CODE_MAX_OUTPUT_TOKENS=32000" in check.message
    assert "Set CLAUDE_CODE_MAX_OUTPUT_TOKENS=20000" in check.advice


def test_throttles_in_metrics_warn(home: Path, serve) -> None:
    _, by_id = run(home, serve(Scenario.preset("throttled_metrics")))
    check = by_id["quota:primary"]
    assert check.status == "warn" and "42 calls throttled" in check.message


def test_iam_names_the_denied_action(home: Path, serve) -> None:
    standin = serve(Scenario.preset("iam_denied_streaming"))
    _, by_id = run(home, standin)
    check = by_id["iam"]
    assert check.status == "fail"
    assert "bedrock:InvokeModelWithResponseStream (policy simulation: implicitDeny)" in check.message
    assert "iam-policy" in check.advice
    simulated = [r for r in standin.requests if r.operation == "SimulatePrincipalPolicy"]
    assert any(
        (r.body or {}).get("ResourceArns.member.1", "").endswith("inference-profile/" + HAIKU) for r in simulated
    )


def test_iam_reads_denials_from_bedrock_answers(home: Path, serve) -> None:
    scenario = Scenario(denied_actions={"bedrock:InvokeModel", "iam:SimulatePrincipalPolicy"})
    _, by_id = run(home, serve(scenario))
    assert by_id["iam"].status == "fail" and "bedrock:InvokeModel (refused by Bedrock)" in by_id["iam"].message


def test_application_profile_reads_its_base_model_and_needs_get_profile(home: Path, serve) -> None:
    standin = serve()
    _, by_id = run(home, standin, {"primary": APP_PROFILE_ARN})
    assert by_id["access:primary"].status == "pass"
    assert "anthropic.claude-sonnet-4-5-20250929-v1:0" in by_id["access:primary"].message
    assert "bedrock:GetInferenceProfile" in by_id["iam"].message
    assert "(cross-Region profile" in by_id["quota:primary"].message


def test_redirected_bedrock_does_not_read_services_elsewhere(home: Path, serve) -> None:
    standin = serve()
    names = ("AWS_ENDPOINT_URL_BEDROCK", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL_STS")
    env = make_env(home, dict.fromkeys(names, standin.url), AWS_ACCESS_KEY_ID="AKIA1", AWS_SECRET_ACCESS_KEY="s")
    _, by_id = report_of(make_candidate(env))
    assert by_id["quota:primary"].status == "skip"
    assert "AWS_ENDPOINT_URL_SERVICE_QUOTAS is not" in by_id["quota:primary"].message
    assert "AWS_ENDPOINT_URL_IAM is not" in by_id["iam"].message
    assert {r.service for r in standin.requests} <= {"bedrock", "bedrock-runtime", "sts"}


def test_fallback_never_invokes_an_id_bedrock_refuses(home: Path, serve) -> None:
    standin = serve(Scenario.preset("iam_denied_account_reads"))
    bare = "anthropic.claude-sonnet-4-5-20250929-v1:0"
    _, by_id = run(home, standin, {"primary": bare})
    assert (
        by_id["access:primary"].status == "warn" and "not invoked: see model:primary" in by_id["access:primary"].message
    )
    assert bare not in {r.model_id for r in standin.requests if r.operation == "InvokeModel"}


def test_failed_agreement_says_why(home: Path, serve) -> None:
    _, by_id = run(home, serve(Scenario(access={"*": "agreement_error"})))
    check = by_id["access:primary"]
    assert check.status == "fail" and "is ERROR: The Marketplace subscription failed." in check.message
    assert "aws-marketplace:Subscribe" in check.advice
