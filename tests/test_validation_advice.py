"""Error -> advice mapping (every row of docs/bedrock.md), exercised through real botocore errors via Stubber."""

from __future__ import annotations

import io
import json

import boto3
import botocore.exceptions as bx
import pytest
from botocore.stub import Stubber

from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.validation.advice import USE_CASE_STEP, ErrorContext, advise, error_info
from claude_bedrock_tui.validation.events import Emitter
from claude_bedrock_tui.validation.live import Listing, LiveRun
from validation_helpers import HAIKU, SONNET, make_candidate

CTX = ErrorContext(
    region="us-east-1",
    model=SONNET,
    suggested="us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    offered=[SONNET, HAIKU],
    credentials="Run `aws sso login --profile corp`.",
)

# (code, HTTP status, verbatim message, expected status, text in message, text in advice)
ROWS = [
    (
        "ValidationException",
        400,
        "Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand "
        "throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that "
        "contains this model.",
        "fail",
        "bare model ID",
        "Use the inference profile ID us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    ),
    (
        "ValidationException",
        400,
        "The provided model identifier is invalid.",
        "fail",
        "not offered in us-east-1",
        HAIKU,
    ),
    (
        "AccessDeniedException",
        403,
        "You don't have access to the model with the specified model ID.",
        "fail",
        "no access",
        "Model access",
    ),
    (
        "AccessDeniedException",
        403,
        "User: arn:aws:iam::1:user/x is not authorized to perform: bedrock:InvokeModel "
        "on resource: arn:aws:bedrock:us-east-1:1:inference-profile/x",
        "fail",
        "bedrock:InvokeModel",
        "IAM policy in the setup doc",
    ),
    (
        "ResourceNotFoundException",
        404,
        "Model use case details have not been submitted for this account. Fill out the form.",
        "fail",
        "use case form",
        USE_CASE_STEP,
    ),
    (
        "ResourceNotFoundException",
        404,
        "Access denied. This Model is marked by provider as Legacy and you have "
        "not been actively using the model in the last 15 days.",
        "fail",
        "legacy",
        "Pick a current model",
    ),
    (
        "ResourceNotFoundException",
        404,
        "This model version has reached the end of its life. Please refer to the docs.",
        "fail",
        "end-of-life",
        "Pick a current model",
    ),
    (
        "ThrottlingException",
        429,
        "Too many tokens, please wait before trying again.",
        "warn",
        "you are throttled",
        "quota",
    ),
    (
        "UnrecognizedClientException",
        403,
        "The security token included in the request is invalid.",
        "fail",
        "does not recognise",
        "aws sso login --profile corp",
    ),
    (
        "ExpiredTokenException",
        403,
        "The security token included in the request is expired",
        "fail",
        "expired",
        "aws sso login --profile corp",
    ),
    (
        "403",
        403,
        "Authentication failed: Please make sure your API Key is valid.",
        "fail",
        "API key was rejected",
        "Regenerate",
    ),
    (
        "InternalServerException",
        500,
        "The server encountered an internal error.",
        "fail",
        "InternalServerException: The server encountered an internal error.",
        "",
    ),
]


def stubbed_runtime_error(code: str, status: int, message: str) -> tuple[str, str]:
    client = boto3.client("bedrock-runtime", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")
    with Stubber(client) as stub:
        stub.add_client_error("invoke_model", service_error_code=code, service_message=message, http_status_code=status)
        with pytest.raises(bx.ClientError) as caught:
            client.invoke_model(modelId=SONNET, body=b"{}")
    return error_info(caught.value)


@pytest.mark.parametrize(("code", "http", "message", "status", "in_message", "in_advice"), ROWS)
def test_every_bedrock_error_row(code, http, message, status, in_message, in_advice) -> None:
    got_code, got_message = stubbed_runtime_error(code, http, message)
    assert (got_code, got_message) == (code, message)
    _, got_status, text, advice = advise(got_code, got_message, CTX)
    assert got_status == status
    assert in_message in text
    assert in_advice in advice


@pytest.mark.parametrize("code", ["InvalidClientTokenId", "ExpiredToken"])
def test_sts_codes_point_at_credentials(code: str) -> None:
    _, status, _, advice = advise(code, "The security token included in the request is invalid.", CTX)
    assert status == "fail" and "aws sso login --profile corp" in advice


@pytest.mark.parametrize(
    ("error", "rule"),
    [
        (bx.EndpointConnectionError(endpoint_url="https://bedrock.mars-east-1.amazonaws.com/"), "unreachable"),
        (bx.ReadTimeoutError(endpoint_url="https://x/"), "unreachable"),
        (bx.UnauthorizedSSOTokenError(), "sso_expired"),
        (bx.TokenRetrievalError(provider="sso", error_msg="expired"), "sso_expired"),
        (bx.NoCredentialsError(), "no_credentials"),
        (bx.ProfileNotFound(profile="ghost"), "profile_missing"),
        (bx.MissingDependencyException(msg='pip install "botocore[crt]"'), "crt_missing"),
        (bx.CredentialRetrievalError(provider="custom-process", error_msg="boom"), "credential_process"),
    ],
)
def test_botocore_exceptions_map_by_class(error: Exception, rule: str) -> None:
    name, status, text, _ = advise(*error_info(error), CTX)
    assert (name, status) == (rule, "fail")
    if rule == "unreachable":
        assert text.startswith("Bedrock is not reachable in us-east-1: ")


def test_unknown_error_is_verbatim() -> None:
    name, status, text, advice = advise("WeirdException", "Something odd.", CTX)
    assert (name, status, text, advice) == ("unknown", "fail", "WeirdException: Something odd.", "")


def test_iam_advice_names_the_list_action() -> None:
    _, _, text, advice = advise(
        "AccessDeniedException",
        "User: arn:aws:iam::1:user/x is not authorized to perform: bedrock:ListInferenceProfiles on resource: *",
        CTX,
    )
    assert "bedrock:ListInferenceProfiles" in text and "bedrock:ListInferenceProfiles" in advice


# -- the child's logic in-process, with stubbed clients ------------------------------------------


class StubPool:
    def __init__(self, clients: dict[tuple[str, str], object]) -> None:
        self.clients = clients

    def get(self, service: str, region: str) -> object:
        return self.clients[(service, region)]


def summary(profile_id: str, kind: str = "SYSTEM_DEFINED") -> dict:
    return {
        "inferenceProfileId": profile_id,
        "inferenceProfileName": profile_id,
        "type": kind,
        "status": "ACTIVE",
        "inferenceProfileArn": f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/{profile_id}",
        "models": [{"modelArn": "arn:aws:bedrock:us-east-1::foundation-model/" + profile_id.split(".", 1)[-1]}],
    }


def test_listing_follows_every_page_of_both_types() -> None:
    candidate = make_candidate({}, {"primary": SONNET})
    out = io.StringIO()
    run = LiveRun(candidate, Emitter(out), invoke=False, deadline_s=5)
    client = boto3.client("bedrock", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")
    with Stubber(client) as stub:
        first_page = {"inferenceProfileSummaries": [summary(SONNET)], "nextToken": "p2"}
        stub.add_response("list_inference_profiles", first_page, {"typeEquals": "SYSTEM_DEFINED", "maxResults": 1000})
        stub.add_response(
            "list_inference_profiles",
            {"inferenceProfileSummaries": [summary(HAIKU)]},
            {"typeEquals": "SYSTEM_DEFINED", "maxResults": 1000, "nextToken": "p2"},
        )
        run.clients = StubPool({("bedrock", "us-east-1"): client})  # type: ignore[assignment]
        system = run.list_type("SYSTEM_DEFINED")
        stub.assert_no_pending_responses()
    assert [p.id for p in system] == [SONNET, HAIKU]
    assert system[1].models == ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0"]


def test_model_check_without_invoke_uses_the_listing() -> None:
    from concurrent.futures import Future

    from claude_bedrock_tui.validation.model_check import ModelChecker
    from claude_bedrock_tui.validation.report import InferenceProfile

    candidate = make_candidate({}, {"primary": SONNET, "haiku": "us.anthropic.claude-haiku-9-v1:0"})
    run = LiveRun(candidate, Emitter(io.StringIO()), invoke=False, deadline_s=5)
    run.clients = StubPool({})  # type: ignore[assignment]
    listing: Future[Listing] = Future()
    listing.set_result(Listing([InferenceProfile(SONNET, "arn", SONNET, "SYSTEM_DEFINED", [])]))
    run.listing = listing
    checker = ModelChecker(run, invoke=False)
    ok = checker.check("primary")
    missing = checker.check("haiku")
    expected = f"Claude Code sends {SONNET} in us-east-1 (set by ANTHROPIC_MODEL); it is offered; live call skipped"
    assert ok == CheckResult("model:primary", "pass", expected + " (invoke disabled).")
    assert missing.status == "fail" and "not offered" in missing.message and SONNET in missing.advice


def test_events_are_one_json_object_per_line() -> None:
    out = io.StringIO()
    emitter = Emitter(out)
    emitter.start("models")
    emitter.finish(CheckResult("models", "pass", "fine \u2019"))
    emitter.done()
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["start", "result", "done"]
    assert all(line.isascii() for line in lines)


def test_a_profile_of_another_geography_leads_with_the_same_model_in_this_region():
    from claude_bedrock_tui.validation.advice import ErrorContext, advise

    offered = ["global.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-haiku-4-5-20251001-v1:0"]
    ctx = ErrorContext(
        region="us-east-1",
        model="eu.anthropic.claude-haiku-4-5-20251001-v1:0",
        suggested="us.anthropic.claude-haiku-4-5-20251001-v1:0",
        offered=offered,
    )
    name, status, _, advice = advise("ValidationException", "The provided model identifier is invalid.", ctx)
    assert (name, status) == ("invalid_model", "fail")
    assert advice.startswith("Use us.anthropic.claude-haiku-4-5-20251001-v1:0 instead: the same model")
    assert "global.anthropic.claude-sonnet-4-5-20250929-v1:0" in advice  # the rest is still listed
