"""The Bedrock stand-in, exercised only through real boto3 clients over HTTP and HTTPS."""

from __future__ import annotations

import base64
import json
import select
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ReadTimeoutError

from claude_bedrock_tui.core.model_ids import ARN_RE, PROFILE_ID_RE
from claude_bedrock_tui.standin import (
    ERRORS,
    PRESETS,
    RecordedRequest,
    Scenario,
    StandIn,
    default_catalogue,
    error_message,
)
from claude_bedrock_tui.standin.scenario import ACCOUNT_PRESETS
from claude_bedrock_tui.standin.tls import write_tls_files
from waiting import wait_for

ACCOUNT = "123456789012"
SONNET_US = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
APP_ARN = f"arn:aws:bedrock:us-east-1:{ACCOUNT}:application-inference-profile/a1b2c3d4e5f6"
ONE_TOKEN = json.dumps(
    {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 1, "messages": [{"role": "user", "content": "."}]}
)
FAST = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard", "total_max_attempts": 1})


def client(service: str, standin: StandIn | None, region: str = "us-east-1", *, key: str = "AKIDSTANDINTEST", **extra):
    """A boto3 client with static test keys, short timeouts and no retries."""
    options = {"region_name": region, "config": FAST, **extra}
    if standin is not None:
        options["endpoint_url"] = standin.url
    if key:
        options.update(aws_access_key_id=key, aws_secret_access_key="test-secret")
    return boto3.session.Session().client(service, **options)


def invoke(runtime, model_id: str = SONNET_US) -> dict:
    response = runtime.invoke_model(modelId=model_id, body=ONE_TOKEN)
    return json.loads(response["body"].read())


def client_error(call) -> tuple[str, int, str]:
    """(code, HTTP status, message) of the ClientError a call raises."""
    with pytest.raises(ClientError) as caught:
        call()
    response = caught.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Message"]


def profile_ids(bedrock, profile_type: str) -> list[str]:
    pages = bedrock.get_paginator("list_inference_profiles").paginate(typeEquals=profile_type)
    return [p["inferenceProfileId"] for page in pages for p in page["inferenceProfileSummaries"]]


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with StandIn() as server:
        yield server


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, str]:
    """(CA bundle, server certificate chain, server key) from a throw-away CA."""
    files = write_tls_files(tmp_path_factory.mktemp("tls"))
    return files.ca, files.cert, files.key


@pytest.fixture
def https_standin(tls_files: tuple[str, str, str]) -> Iterator[StandIn]:
    with StandIn(tls=(tls_files[1], tls_files[2])) as server:
        yield server


def bearer_client(service: str, standin: StandIn, ca: str, token: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", token)
    return client(service, standin, key="", verify=ca)


# --- control plane ---------------------------------------------------------------------------


def test_system_profiles_paginate_in_pages_of_page_size(standin: StandIn) -> None:
    bedrock = client("bedrock", standin)
    pages = list(bedrock.get_paginator("list_inference_profiles").paginate(typeEquals="SYSTEM_DEFINED"))
    sizes = [len(page["inferenceProfileSummaries"]) for page in pages]
    ids = [p["inferenceProfileId"] for page in pages for p in page["inferenceProfileSummaries"]]
    assert len(pages) > 2 and max(sizes) == 3
    assert len(ids) == len(set(ids))
    assert {
        SONNET_US,
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "us.anthropic.claude-opus-4-1-20250805-v1:0",
    } <= set(ids)
    assert not [i for i in ids if i.startswith(("eu.", "apac.", "jp.", "au."))]
    summary = pages[0]["inferenceProfileSummaries"][0]
    assert summary["status"] == "ACTIVE" and summary["type"] == "SYSTEM_DEFINED"
    assert (
        summary["inferenceProfileArn"]
        == f"arn:aws:bedrock:us-east-1:{ACCOUNT}:inference-profile/{summary['inferenceProfileId']}"
    )
    assert summary["createdAt"].year >= 2024  # botocore parsed the timestamp
    tokens = [r.query.get("nextToken") for r in standin.requests]
    assert tokens[0] is None and all(tokens[1:]) and len(tokens) == len(pages)
    assert {r.query["type"] for r in standin.requests} == {"SYSTEM_DEFINED"}


def test_application_profiles_paginate_when_the_client_asks_for_small_pages(standin: StandIn) -> None:
    bedrock = client("bedrock", standin)
    paginator = bedrock.get_paginator("list_inference_profiles")
    pages = list(paginator.paginate(typeEquals="APPLICATION", PaginationConfig={"PageSize": 1}))
    arns = [p["inferenceProfileArn"] for page in pages for p in page["inferenceProfileSummaries"]]
    assert len(pages) == 2 and APP_ARN in arns
    assert all(":application-inference-profile/" in arn for arn in arns)
    assert standin.requests[0].query["maxResults"] == "1"


def test_without_a_type_only_system_profiles_come_back(standin: StandIn) -> None:
    bedrock = client("bedrock", standin)
    summaries = bedrock.list_inference_profiles(maxResults=100)["inferenceProfileSummaries"]
    assert summaries and {s["type"] for s in summaries} == {"SYSTEM_DEFINED"}


@pytest.mark.parametrize(
    ("region", "seen", "unseen"),
    [
        (
            "eu-west-1",
            {"eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "global.anthropic.claude-haiku-4-5-20251001-v1:0"},
            ("us.", "apac."),
        ),
        ("ap-southeast-1", {"apac.anthropic.claude-sonnet-4-20250514-v1:0"}, ("us.", "eu.", "jp.", "au.")),
        (
            "ap-northeast-1",
            {"jp.anthropic.claude-sonnet-4-5-20250929-v1:0", "apac.anthropic.claude-3-7-sonnet-20250219-v1:0"},
            ("us.", "eu.", "au."),
        ),
    ],
)
def test_a_region_sees_the_profiles_of_its_prefix(
    standin: StandIn, region: str, seen: set[str], unseen: tuple[str, ...]
) -> None:
    bedrock = client("bedrock", standin, region)
    ids = profile_ids(bedrock, "SYSTEM_DEFINED")
    assert seen <= set(ids)
    assert not [i for i in ids if i.startswith(unseen)]
    app = bedrock.list_inference_profiles(typeEquals="APPLICATION")["inferenceProfileSummaries"][0]
    assert app["inferenceProfileArn"].startswith(f"arn:aws:bedrock:{region}:{ACCOUNT}:application-inference-profile/")


def test_get_inference_profile_by_id_and_by_arn(standin: StandIn) -> None:
    bedrock = client("bedrock", standin, "us-west-2")
    by_id = bedrock.get_inference_profile(inferenceProfileIdentifier=SONNET_US)
    arn = f"arn:aws:bedrock:us-west-2:{ACCOUNT}:inference-profile/{SONNET_US}"
    assert by_id["inferenceProfileArn"] == arn
    assert by_id["models"][0]["modelArn"].endswith("foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0")
    by_arn = bedrock.get_inference_profile(inferenceProfileIdentifier=arn)
    assert by_arn["inferenceProfileId"] == SONNET_US
    assert "%3A" in standin.requests[-1].path and standin.requests[-1].model_id == arn
    app_arn = APP_ARN.replace("us-east-1", "us-west-2")
    app = bedrock.get_inference_profile(inferenceProfileIdentifier=app_arn)
    assert app["type"] == "APPLICATION" and app["inferenceProfileName"] == "claude-code-team"
    code, status, _ = client_error(
        lambda: bedrock.get_inference_profile(inferenceProfileIdentifier="eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
    )
    assert (code, status) == ("ResourceNotFoundException", 404)


def test_a_bad_page_token_is_a_validation_error(standin: StandIn) -> None:
    bedrock = client("bedrock", standin)
    code, status, _ = client_error(
        lambda: bedrock.list_inference_profiles(typeEquals="SYSTEM_DEFINED", nextToken="bogus")
    )
    assert (code, status) == ("ValidationException", 400)


def test_control_error_fails_listing_but_not_invoking(standin: StandIn) -> None:
    standin.set_scenario(Scenario(control_error="iam_denied"))
    code, status, message = client_error(lambda: client("bedrock", standin).list_inference_profiles())
    assert (code, status) == ("AccessDeniedException", 403)
    assert message.startswith(
        f"User: arn:aws:iam::{ACCOUNT}:user/standin is not authorized to perform: bedrock:ListInferenceProfiles"
    )
    assert invoke(client("bedrock-runtime", standin))["type"] == "message"


def test_default_catalogue_has_well_formed_ids_and_arns() -> None:
    catalogue = default_catalogue("111122223333")
    for profile in catalogue:
        assert ARN_RE.match(profile["inferenceProfileArn"]), profile["inferenceProfileArn"]
        assert ":111122223333:" in profile["inferenceProfileArn"]
        assert 1 <= len(profile["models"]) <= 5
        if profile["type"] == "SYSTEM_DEFINED":
            assert PROFILE_ID_RE.match(profile["inferenceProfileId"])
    prefixes = {p["inferenceProfileId"].split(".")[0] for p in catalogue if p["type"] == "SYSTEM_DEFINED"}
    assert {"us", "eu", "apac", "global"} <= prefixes
    assert any(p["type"] == "APPLICATION" for p in catalogue)


# --- runtime ---------------------------------------------------------------------------------


def test_invoke_answers_an_anthropic_message(standin: StandIn) -> None:
    runtime = client("bedrock-runtime", standin)
    message = invoke(runtime)
    assert message["type"] == "message" and message["role"] == "assistant"
    assert message["content"] == [{"type": "text", "text": "."}]
    assert message["model"] == "claude-sonnet-4-5-20250929"
    assert message["stop_reason"] == "max_tokens" and message["usage"]["output_tokens"] == 1
    recorded = standin.requests[-1]
    assert (recorded.service, recorded.operation, recorded.model_id) == ("bedrock-runtime", "InvokeModel", SONNET_US)
    assert recorded.body == json.loads(ONE_TOKEN)


def test_invoke_by_application_profile_arn(standin: StandIn) -> None:
    runtime = client("bedrock-runtime", standin)
    assert invoke(runtime, APP_ARN)["model"] == "claude-sonnet-4-5-20250929"
    assert standin.requests[-1].model_id == APP_ARN


@pytest.mark.parametrize(
    ("region", "model_id", "expected"),
    [
        ("us-east-1", "anthropic.claude-sonnet-4-5-20250929-v1:0", "bare_model"),
        ("us-east-1", "claude-sonnet-4-5-20250929", "invalid_model"),
        ("us-east-1", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "invalid_model"),
        ("eu-west-1", SONNET_US, "invalid_model"),
        ("eu-west-1", APP_ARN, "invalid_model"),  # an application profile of another region
        ("us-east-1", "a1b2c3d4e5f6", "invalid_model"),  # an application profile answers to its ARN
    ],
)
def test_invoke_rejects_ids_bedrock_rejects(standin: StandIn, region: str, model_id: str, expected: str) -> None:
    runtime = client("bedrock-runtime", standin, region)
    code, status, message = client_error(lambda: invoke(runtime, model_id))
    assert (code, status, message) == (
        ERRORS[expected][0],
        ERRORS[expected][1],
        error_message(expected, model_id=model_id),
    )


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_every_error_surfaces_in_boto3_verbatim(
    name: str, tls_files: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tls = (tls_files[1], tls_files[2]) if name == "bad_api_key" else None
    with StandIn(Scenario.preset(name), tls=tls) as standin:
        if tls:
            runtime = bearer_client("bedrock-runtime", standin, tls_files[0], "ABSKstandin", monkeypatch)
        else:
            runtime = client("bedrock-runtime", standin)
        code, status, message = client_error(lambda: invoke(runtime))
    resource = f"arn:aws:bedrock:us-east-1:{ACCOUNT}:inference-profile/{SONNET_US}"
    expected = error_message(
        name,
        model_id=SONNET_US,
        caller_arn=f"arn:aws:iam::{ACCOUNT}:user/standin",
        action="bedrock:InvokeModel",
        resource=resource,
    )
    assert (code, status, message) == (ERRORS[name][0], ERRORS[name][1], expected)
    assert "{" not in message
    assert standin.requests[-1].auth == ("bearer" if tls else "sigv4")


def test_error_texts_match_what_aws_sends() -> None:
    # Pinned to docs/bedrock.md so the table cannot drift from the texts the validator must recognise.
    assert "isn\u2019t supported" in ERRORS["bare_model"][2]  # the curly apostrophe
    assert ERRORS["invalid_model"] == ("ValidationException", 400, "The provided model identifier is invalid.")
    assert ERRORS["model_access_denied"][2] == "You don't have access to the model with the specified model ID."
    assert ERRORS["bad_token"] == (
        "UnrecognizedClientException",
        403,
        "The security token included in the request is invalid.",
    )
    assert ERRORS["expired_token"] == (
        "ExpiredTokenException",
        403,
        "The security token included in the request is expired",
    )
    assert ERRORS["bad_api_key"] == ("403", 403, "Authentication failed: Please make sure your API Key is valid.")
    assert ERRORS["use_case_missing"][2].startswith("Model use case details have not been submitted for this account.")
    assert "marked by provider as Legacy" in ERRORS["legacy_model"][2]
    assert ERRORS["end_of_life"][2].startswith("This model version has reached the end of its life.")
    assert {name: status for name, (_, status, _) in ERRORS.items()} == {
        "bare_model": 400,
        "invalid_model": 400,
        "model_access_denied": 403,
        "iam_denied": 403,
        "use_case_missing": 404,
        "legacy_model": 404,
        "end_of_life": 404,
        "throttled": 429,
        "bad_token": 403,
        "expired_token": 403,
        "bad_api_key": 403,
        "server_error": 500,
    }


def test_chunked_request_bodies_are_read(standin: StandIn) -> None:
    request = urllib.request.Request(
        f"{standin.url}/model/{SONNET_US.replace(':', '%3A')}/invoke",
        data=iter([ONE_TOKEN[:20].encode(), ONE_TOKEN[20:].encode()]),
        headers={
            "Content-Type": "application/json",
            "Authorization": (
                "AWS4-HMAC-SHA256 Credential=AKIDRAW/20250101/us-east-1/bedrock/aws4_request, "
                "SignedHeaders=host, Signature=0"
            ),
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.load(response)["type"] == "message"
    assert standin.requests[-1].body == json.loads(ONE_TOKEN)


def test_model_errors_fail_only_the_named_model(standin: StandIn) -> None:
    haiku = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    standin.set_scenario(Scenario(model_errors={haiku: "use_case_missing", APP_ARN: "throttled"}))
    runtime = client("bedrock-runtime", standin)
    assert invoke(runtime)["type"] == "message"
    assert client_error(lambda: invoke(runtime, haiku))[:2] == ("ResourceNotFoundException", 404)
    assert client_error(lambda: invoke(runtime, APP_ARN))[:2] == ("ThrottlingException", 429)


def test_invoke_body_is_validated(standin: StandIn) -> None:
    runtime = client("bedrock-runtime", standin)
    body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "messages": []})
    code, status, message = client_error(lambda: runtime.invoke_model(modelId=SONNET_US, body=body))
    assert (code, status) == ("ValidationException", 400) and "required key [max_tokens]" in message


def test_streaming_invoke_yields_anthropic_events(standin: StandIn) -> None:
    runtime = client("bedrock-runtime", standin)
    response = runtime.invoke_model_with_response_stream(modelId=SONNET_US, body=ONE_TOKEN)
    events = [json.loads(event["chunk"]["bytes"]) for event in response["body"]]
    assert next(e["type"] for e in events) == "message_start" and events[-1]["type"] == "message_stop"
    text = "".join(e["delta"]["text"] for e in events if e["type"] == "content_block_delta")
    assert text == "." and events[-1]["amazon-bedrock-invocationMetrics"]["outputTokenCount"] == 1
    assert standin.requests[-1].operation == "InvokeModelWithResponseStream"


# --- credentials, STS and recording ----------------------------------------------------------


def test_sts_and_recorded_identity_through_endpoint_env(standin: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in standin.endpoint_env().items():
        monkeypatch.setenv(name, value)
    identity = client("sts", None, "eu-central-1", key="AKIDRECORDED").get_caller_identity()
    assert identity["Account"] == ACCOUNT and identity["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/standin"
    assert identity["UserId"].startswith("AIDA")
    client("bedrock", None, "eu-west-3", key="AKIDOTHER").list_inference_profiles()
    sts, bedrock = standin.requests
    assert (sts.service, sts.operation, sts.auth, sts.access_key_id, sts.region) == (
        "sts",
        "GetCallerIdentity",
        "sigv4",
        "AKIDRECORDED",
        "eu-central-1",
    )
    assert sts.body is not None and sts.body["Action"] == "GetCallerIdentity"
    assert (bedrock.service, bedrock.access_key_id, bedrock.region) == ("bedrock", "AKIDOTHER", "eu-west-3")
    standin.clear_requests()
    assert standin.requests == []


def test_known_unknown_and_expired_keys(standin: StandIn) -> None:
    role = "arn:aws:sts::210987654321:assumed-role/Developer/alice"
    standin.set_scenario(Scenario(accounts={"AKIDGOOD": role, "AKIDOLD": role}, expired_keys={"AKIDOLD"}))
    identity = client("sts", standin, key="AKIDGOOD").get_caller_identity()
    assert (identity["Arn"], identity["Account"]) == (role, "210987654321")
    assert identity["UserId"].endswith(":alice")
    assert client_error(client("sts", standin, key="AKIDBAD").get_caller_identity) == (
        "InvalidClientTokenId",
        403,
        "The security token included in the request is invalid.",
    )
    assert client_error(client("sts", standin, key="AKIDOLD").get_caller_identity) == (
        "ExpiredToken",
        403,
        "The security token included in the request is expired",
    )
    assert client_error(lambda: invoke(client("bedrock-runtime", standin, key="AKIDBAD"))) == ERRORS["bad_token"]
    assert client_error(lambda: invoke(client("bedrock-runtime", standin, key="AKIDOLD"))) == ERRORS["expired_token"]
    assert client_error(client("bedrock", standin, key="AKIDBAD").list_inference_profiles) == ERRORS["bad_token"]
    # System profiles show the caller's account.
    arn = client("bedrock", standin, key="AKIDGOOD").get_inference_profile(inferenceProfileIdentifier=SONNET_US)[
        "inferenceProfileArn"
    ]
    assert ":210987654321:" in arn


@pytest.mark.parametrize(("preset", "code"), [("bad_token", "InvalidClientTokenId"), ("expired_token", "ExpiredToken")])
def test_token_presets_fail_sts_too(standin: StandIn, preset: str, code: str) -> None:
    standin.set_scenario(Scenario.preset(preset))
    assert client_error(client("sts", standin).get_caller_identity)[:2] == (code, 403)
    assert client_error(client("bedrock", standin).list_inference_profiles)[0] == ERRORS[preset][0]


def test_unsigned_requests_need_allow_anonymous(standin: StandIn) -> None:
    request = urllib.request.Request(f"{standin.url}/inference-profiles")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    assert (
        caught.value.code == 403 and caught.value.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
    )
    standin.set_scenario(Scenario(allow_anonymous=True))
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.load(response)["inferenceProfileSummaries"]


def test_sts_json_protocol_is_answered_in_json(standin: StandIn) -> None:
    request = urllib.request.Request(
        f"{standin.url}/",
        data=b"{}",
        headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "AWSSecurityTokenServiceV20110615.GetCallerIdentity",
            "Authorization": (
                "AWS4-HMAC-SHA256 Credential=AKIDJSON/20250101/us-east-1/sts/aws4_request, "
                "SignedHeaders=host, Signature=0"
            ),
        },
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.load(response)["Account"] == ACCOUNT
    assert standin.requests[-1].access_key_id == "AKIDJSON"


# --- API keys over HTTPS ---------------------------------------------------------------------


def test_bearer_token_accepted_over_https(
    https_standin: StandIn, tls_files: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert https_standin.url.startswith("https://127.0.0.1:")
    https_standin.set_scenario(Scenario(api_keys={"ABSKgood"}))
    runtime = bearer_client("bedrock-runtime", https_standin, tls_files[0], "ABSKgood", monkeypatch)
    assert invoke(runtime)["type"] == "message"
    bedrock = bearer_client("bedrock", https_standin, tls_files[0], "ABSKgood", monkeypatch)
    assert bedrock.list_inference_profiles(typeEquals="SYSTEM_DEFINED")["inferenceProfileSummaries"]
    recorded = https_standin.requests[0]
    assert (recorded.auth, recorded.api_key, recorded.access_key_id, recorded.region) == (
        "bearer",
        "ABSKgood",
        None,
        None,
    )


def test_unknown_bearer_token_is_rejected(
    https_standin: StandIn, tls_files: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    https_standin.set_scenario(Scenario(api_keys={"ABSKgood"}))
    runtime = bearer_client("bedrock-runtime", https_standin, tls_files[0], "ABSKwrong", monkeypatch)
    assert client_error(lambda: invoke(runtime)) == ERRORS["bad_api_key"]


def test_short_term_api_key_carries_its_region(
    https_standin: StandIn, tls_files: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    presigned = (
        "bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        "&X-Amz-Credential=ASIAEXAMPLE%2F20250101%2Feu-west-1%2Fbedrock%2Faws4_request&X-Amz-Expires=43200&Version=1"
    )
    token = "bedrock-api-key-" + base64.b64encode(presigned.encode()).decode()
    bedrock = bearer_client("bedrock", https_standin, tls_files[0], token, monkeypatch)
    ids = profile_ids(bedrock, "SYSTEM_DEFINED")
    assert "eu.anthropic.claude-sonnet-4-5-20250929-v1:0" in ids and SONNET_US not in ids
    assert https_standin.requests[0].region == "eu-west-1"


# --- timing, failures, lifecycle -------------------------------------------------------------


def test_latency_is_added_to_every_request(standin: StandIn) -> None:
    standin.set_scenario(Scenario.preset("slow"))
    sts = client("sts", standin)
    started = time.monotonic()
    sts.get_caller_identity()
    assert time.monotonic() - started >= 0.3  # a lower bound only: a loaded machine is slower, never faster


def _threads_named(name: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == name]


def test_hanging_server_times_out_the_client_and_still_stops_promptly() -> None:
    standin = StandIn(Scenario.preset("hanging")).start()
    try:
        config = Config(connect_timeout=1, read_timeout=1, retries={"mode": "standard", "total_max_attempts": 1})
        runtime = client("bedrock-runtime", standin, config=config)
        with pytest.raises(ReadTimeoutError):  # the client's own timeout ended it: the stand-in never answers
            invoke(runtime)
        assert standin.requests[-1].operation == "InvokeModel"  # recorded although never answered
    finally:
        standin.stop()
    # Promptly: the serving thread had ended when stop() returned (stop() gives up waiting for it after 2 s).
    assert _threads_named(f"bedrock-standin-{standin.port}") == []


def test_stop_returns_promptly_while_a_request_hangs() -> None:
    standin = StandIn(Scenario.preset("hanging")).start()
    outcome: list[BaseException] = []

    def call() -> None:
        # A read timeout far beyond the test's own: only the stand-in dropping the connection ends the call.
        config = Config(connect_timeout=1, read_timeout=600, retries={"mode": "standard", "total_max_attempts": 1})
        try:
            client("sts", standin, config=config).get_caller_identity()
        except Exception as error:
            outcome.append(error)

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    wait_for(lambda: standin.requests, "the hanging request to arrive")
    standin.stop()
    assert _threads_named(f"bedrock-standin-{standin.port}") == []
    wait_for(lambda: not worker.is_alive(), "the client to see its connection dropped")
    assert outcome  # the client saw its connection dropped, not an answer
    # The server's own thread for that request ends too, instead of hanging on forever.
    wait_for(lambda: not _threads_named(f"bedrock-standin-{standin.port}-connection"), "the request's thread to end")


def test_parallel_requests_are_handled_in_parallel() -> None:
    standin = StandIn(Scenario.preset("hanging")).start()
    config = Config(connect_timeout=2, read_timeout=600, retries={"total_max_attempts": 1}, max_pool_connections=20)
    runtime = client("bedrock-runtime", standin, config=config)
    with ThreadPoolExecutor(20) as pool:
        calls = [pool.submit(invoke, runtime) for _ in range(20)]
        try:
            # A request is recorded when its handler starts, and none is ever answered: all 20 recorded
            # means 20 handlers ran at once (one after another, the second would never start).
            wait_for(lambda: len(standin.requests) == 20, "20 requests to be handled at once")
        finally:
            standin.stop()  # drops the hanging connections
        assert all(call.exception() is not None for call in calls)


def test_parallel_requests_are_all_answered(standin: StandIn) -> None:
    standin.set_scenario(Scenario(latency_ms=50))
    config = Config(connect_timeout=2, read_timeout=30, retries={"total_max_attempts": 1}, max_pool_connections=20)
    runtime = client("bedrock-runtime", standin, config=config)
    with ThreadPoolExecutor(20) as pool:
        messages = list(pool.map(lambda _: invoke(runtime), range(20)))
    assert [m["type"] for m in messages] == ["message"] * 20


def test_server_error_is_a_5xx_on_every_service(standin: StandIn) -> None:
    standin.set_scenario(Scenario.preset("server_error"))
    assert client_error(lambda: invoke(client("bedrock-runtime", standin)))[:2] == ("InternalServerException", 500)
    assert client_error(client("bedrock", standin).list_inference_profiles)[1] == 500
    code, status, _ = client_error(client("sts", standin).get_caller_identity)
    assert status >= 500 and code == "InternalFailure"


def test_scenario_can_change_while_running(standin: StandIn) -> None:
    runtime = client("bedrock-runtime", standin)
    standin.set_scenario(Scenario.preset("throttled"))
    assert client_error(lambda: invoke(runtime))[0] == "ThrottlingException"
    standin.set_scenario(Scenario.preset("healthy"))
    assert invoke(runtime)["type"] == "message"


def test_presets_cover_every_error_and_unknown_names_fail() -> None:
    assert {"healthy", "slow", "hanging", *ERRORS, *ACCOUNT_PRESETS} == set(PRESETS)
    assert all(Scenario.preset(name).name == name for name in PRESETS)
    with pytest.raises(ValueError, match="unknown stand-in scenario"):
        Scenario.preset("nope")


def test_recorded_requests_are_immutable() -> None:
    recorded = RecordedRequest("sts", "GetCallerIdentity", "/", "none", None, None, None, None)
    with pytest.raises(AttributeError):
        recorded.service = "bedrock"  # type: ignore[misc]


def test_module_entry_point_prints_its_url_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "claude_bedrock_tui.standin", "--port", "0", "--scenario", "healthy"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 20)
        assert ready, "the stand-in printed no URL"
        url = process.stdout.readline().strip()  # type: ignore[union-attr]
        assert url.startswith("http://127.0.0.1:")
        sts = boto3.session.Session().client(
            "sts",
            region_name="us-east-1",
            endpoint_url=url,
            aws_access_key_id="AKIDCLI",
            aws_secret_access_key="x",
            config=FAST,
        )
        assert sts.get_caller_identity()["Account"] == ACCOUNT
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
