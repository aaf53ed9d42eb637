"""run_validation end to end: a child process talking real HTTP to the local Bedrock stand-in."""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest

from claude_bedrock_tui.standin import Scenario, StandIn
from claude_bedrock_tui.validation import run_validation
from claude_bedrock_tui.validation.advice import USE_CASE_STEP
from validation_helpers import (
    APP_PROFILE_ARN,
    HAIKU,
    OPUS_41,
    SONNET,
    make_candidate,
    make_env,
    report_of,
    write_aws_files,
)
from waiting import wait_for


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "cand-home"
    write_aws_files(home)
    return home


@pytest.fixture
def serve():
    started: list[StandIn] = []

    def start(scenario: Scenario | None = None, **options) -> StandIn:
        standin = StandIn(scenario or Scenario(), **options).start()
        started.append(standin)
        return standin

    yield start
    for standin in started:
        standin.stop()


def keys_env(home: Path, standin: StandIn, **extra: str) -> dict[str, str]:
    keys = {"AWS_ACCESS_KEY_ID": "AKIAENVKEY", "AWS_SECRET_ACCESS_KEY": "secret"}
    return make_env(home, standin.endpoint_env(), **keys, **extra)


def test_healthy_setup_passes_every_check(home: Path, serve) -> None:
    standin = serve()
    candidate = make_candidate(keys_env(home, standin), {"primary": SONNET, "opus": APP_PROFILE_ARN, "haiku": HAIKU})
    report, by_id = report_of(candidate)
    assert report.ok and not report.cancelled
    assert [c.id for c in report.checks] == [
        "credentials",
        "identity",
        "region",
        "models",
        "model:primary",
        "model:background",
        "model:opus",
        "model:sonnet",
        "model:haiku",
        *[
            f"{kind}:{slot}"
            for kind in ("access", "quota")
            for slot in ("primary", "background", "opus", "sonnet", "haiku")
        ],
        "iam",
        "tokens",
        "claude",
    ]
    assert {c.status for c in report.checks if c.id != "claude"} == {"pass"}
    assert "Account 123456789012" in by_id["identity"].message
    # 2.1.332 makes a pinned primary the pin of its own tier: each model is invoked once.
    assert SONNET in by_id["model:sonnet"].message and "set by ANTHROPIC_MODEL" in by_id["model:sonnet"].message
    assert HAIKU in by_id["model:background"].message
    invoked = sorted(r.model_id for r in standin.requests if r.operation == "InvokeModel")
    assert invoked == sorted([SONNET, APP_PROFILE_ARN, HAIKU])
    bodies = [r.body for r in standin.requests if r.operation == "InvokeModel"]
    assert all(
        b
        == {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 1, "messages": [{"role": "user", "content": "."}]}
        for b in bodies
    )
    assert report.to_json()["ok"] is True and len(report.to_json()["checks"]) == 22


# (scenario error, expected status of model:primary, text in its message, text in its advice)
INVOKE_ROWS = [
    ("invalid_model", "fail", "not offered in us-east-1", "us.anthropic.claude-"),
    ("model_access_denied", "fail", "no access", "Model access"),
    ("iam_denied", "fail", "bedrock:InvokeModel", "IAM policy in the setup doc"),
    ("use_case_missing", "fail", "use case form", USE_CASE_STEP),
    ("legacy_model", "fail", "legacy", "Pick a current model"),
    ("end_of_life", "fail", "end-of-life", "Pick a current model"),
    ("throttled", "warn", "The setup works; you are throttled", "quota"),
    ("server_error", "fail", "InternalServerException: The server encountered an internal error", ""),
]


@pytest.mark.parametrize(("error", "status", "in_message", "in_advice"), INVOKE_ROWS)
def test_invoke_errors_map_to_status_and_advice(home: Path, serve, error, status, in_message, in_advice) -> None:
    standin = serve(Scenario(error=error))
    report, by_id = report_of(make_candidate(keys_env(home, standin)))
    check = by_id["model:primary"]
    assert check.status == status
    assert in_message in check.message
    assert in_advice in check.advice
    assert report.ok is (status != "fail")


def test_bare_foundation_model_arn_gets_the_profile_id(home: Path, serve) -> None:
    standin = serve()
    arn = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"
    _, by_id = report_of(make_candidate(keys_env(home, standin), {"primary": arn}))
    assert by_id["model:primary"].status == "fail"
    assert "on-demand" not in by_id["model:primary"].advice
    assert f"Use the inference profile ID {SONNET} instead." == by_id["model:primary"].advice


def test_bare_model_id_fails_offline_naming_the_regions_profile(home: Path, serve) -> None:
    standin = serve()
    candidate = make_candidate(
        keys_env(home, standin), {"primary": "anthropic.claude-sonnet-4-5-20250929-v1:0"}, region="eu-west-1"
    )
    _, by_id = report_of(candidate)
    assert by_id["model:primary"].status == "fail"
    assert "eu.anthropic.claude-sonnet-4-5-20250929-v1:0" in by_id["model:primary"].advice
    invoked = {r.model_id for r in standin.requests if r.operation == "InvokeModel"}
    assert "anthropic.claude-sonnet-4-5-20250929-v1:0" not in invoked  # never worth a call


def test_anthropic_style_id_without_override_fails(home: Path, serve) -> None:
    standin = serve()
    _, by_id = report_of(make_candidate(keys_env(home, standin), {"primary": "claude-sonnet-4-5"}))
    assert by_id["model:primary"].status == "fail" and SONNET in by_id["model:primary"].advice


def test_bad_token_points_at_credentials(home: Path, serve) -> None:
    standin = serve(Scenario(error="bad_token"))
    report, by_id = report_of(make_candidate(keys_env(home, standin)))
    assert by_id["identity"].status == "fail"
    assert "security token included in the request is invalid" in by_id["identity"].message
    assert "AWS_ACCESS_KEY_ID" in by_id["identity"].advice
    assert by_id["model:primary"].status == "fail" and "does not recognise" in by_id["model:primary"].message
    assert not report.ok


def test_expired_keys_of_a_static_profile(home: Path, serve) -> None:
    standin = serve(Scenario(expired_keys={"AKIAPROFILE"}))
    write_aws_files(
        home,
        "[profile dev]\nregion = us-east-1\n",
        "[dev]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = s\n",
    )
    _, by_id = report_of(make_candidate(make_env(home, standin.endpoint_env(), AWS_PROFILE="dev")))
    assert by_id["identity"].status == "fail" and "expired" in by_id["identity"].message
    assert by_id["model:primary"].status == "fail"
    assert "aws configure --profile dev" in by_id["model:primary"].advice


def test_list_denied_by_iam_names_the_action(home: Path, serve) -> None:
    standin = serve(Scenario(control_error="iam_denied"))
    _, by_id = report_of(make_candidate(keys_env(home, standin)))
    assert by_id["models"].status == "fail"
    assert "bedrock:ListInferenceProfiles" in by_id["models"].advice
    assert by_id["region"].status == "pass"  # Bedrock answered, so the region is fine
    assert by_id["model:primary"].status == "pass"  # the invoke still proves the model works


def test_unreachable_endpoint(home: Path) -> None:
    dead = "http://127.0.0.1:9"
    names = ("AWS_ENDPOINT_URL_BEDROCK", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL_STS")
    endpoints = dict.fromkeys(names, dead)
    env = make_env(home, endpoints, AWS_ACCESS_KEY_ID="AKIA1", AWS_SECRET_ACCESS_KEY="s")
    _, by_id = report_of(make_candidate(env))
    assert by_id["region"].status == "fail"
    assert by_id["region"].message.startswith("Bedrock is not reachable in us-east-1: Could not connect")


def test_pagination_collects_both_types(home: Path, serve) -> None:
    standin = serve(Scenario(page_size=1))
    candidate = make_candidate(keys_env(home, standin))
    report, by_id = report_of(candidate, invoke=False)
    lists = [r for r in standin.requests if r.operation == "ListInferenceProfiles"]
    system = [p for p in report.profiles if p.type == "SYSTEM_DEFINED"]
    application = [p for p in report.profiles if p.type == "APPLICATION"]
    assert len(system) == 13 and len(application) == 2
    assert sum(r.query.get("type") == "APPLICATION" for r in lists) == 2
    assert sum(r.query.get("type") == "SYSTEM_DEFINED" for r in lists) == 13
    assert len({p.id for p in report.profiles}) == 15
    assert "13 system-defined" in by_id["models"].message


def test_one_listed_profile_is_said_in_the_singular(home: Path, serve) -> None:
    from claude_bedrock_tui.standin.catalogue import default_catalogue

    one = [p for p in default_catalogue() if p["inferenceProfileId"] == SONNET]
    _, by_id = report_of(make_candidate(keys_env(home, serve(Scenario(profiles=one)))), invoke=False)
    assert by_id["models"].message.startswith("1 system-defined (1 Anthropic) inference profile in us-east-1")


def test_invoke_false_makes_no_model_calls(home: Path, serve) -> None:
    standin = serve()
    _, by_id = report_of(make_candidate(keys_env(home, standin), {"primary": SONNET, "opus": OPUS_41}), invoke=False)
    assert not [r for r in standin.requests if r.service == "bedrock-runtime"]
    assert by_id["model:primary"].status == "pass" and "live call skipped" in by_id["model:primary"].message


def test_one_m_suffix_is_stripped_before_calling(home: Path, serve) -> None:
    standin = serve()
    _, by_id = report_of(make_candidate(keys_env(home, standin), {"primary": SONNET + "[1m]"}))
    assert by_id["model:primary"].status == "pass"
    invoked = [r.model_id for r in standin.requests if r.operation == "InvokeModel"]
    assert SONNET in invoked and not any(m.endswith("[1m]") for m in invoked)


def test_background_model_uses_small_fast_region(home: Path, serve) -> None:
    standin = serve()
    models = {"primary": SONNET, "haiku": HAIKU}
    candidate = make_candidate(keys_env(home, standin), models, small_fast_region="us-west-2")
    _, by_id = report_of(candidate)
    calls = {(r.model_id, r.region) for r in standin.requests if r.operation == "InvokeModel"}
    assert {(SONNET, "us-east-1"), (HAIKU, "us-west-2")} <= calls
    assert (HAIKU, "us-east-1") not in calls
    assert by_id["model:background"].status == "pass" and "us-west-2" in by_id["model:background"].message


def test_anthropic_bedrock_base_url_overrides_the_runtime_endpoint(home: Path, serve) -> None:
    standin = serve()
    env = keys_env(
        home, standin, AWS_ENDPOINT_URL_BEDROCK_RUNTIME="http://127.0.0.1:9", ANTHROPIC_BEDROCK_BASE_URL=standin.url
    )
    _, by_id = report_of(make_candidate(env))
    assert by_id["model:primary"].status == "pass"


def test_skip_bedrock_auth_sends_unsigned_requests(home: Path, serve) -> None:
    standin = serve(Scenario(allow_anonymous=True))
    env = make_env(home, standin.endpoint_env(), CLAUDE_CODE_SKIP_BEDROCK_AUTH="1")
    report, by_id = report_of(make_candidate(env))
    assert by_id["credentials"].status == "skip" and by_id["identity"].status == "skip"
    assert by_id["model:primary"].status == "pass" and report.ok
    assert {r.auth for r in standin.requests} == {"none"}


def test_hanging_endpoint_ends_at_the_deadline(home: Path, serve) -> None:
    standin = serve(Scenario(hang=True))  # never answers: the deadline, not the endpoint, must end the run
    report, by_id = report_of(make_candidate(keys_env(home, standin)), deadline_s=2.0)
    assert not report.ok
    assert by_id["model:primary"].status == "fail"
    # Either the parent's deadline or the child's own (shortened) read timeout ends it.
    message = by_id["model:primary"].message
    assert message == "Timed out after 2s." or message.startswith("Bedrock is not reachable in us-east-1: Read timeout")
    assert by_id["tokens"].status == "pass"  # finished checks keep their results


def test_cancel_stops_the_run(home: Path, serve) -> None:
    standin = serve(Scenario(hang=True))
    cancel = threading.Event()

    def cancel_once_a_request_hangs() -> None:
        try:
            wait_for(lambda: standin.requests, "the run to reach the hanging stand-in")
        finally:
            cancel.set()

    threading.Thread(target=cancel_once_a_request_hangs, daemon=True).start()
    # A deadline far beyond the test's own: only the cancel can end this run.
    report, by_id = report_of(make_candidate(keys_env(home, standin)), cancel=cancel, deadline_s=600)
    assert standin.requests  # cancelled mid-run, while a request hung
    assert report.cancelled
    assert by_id["model:primary"].status == "skip" and by_id["model:primary"].message == "Cancelled."


def test_progress_comes_on_the_calling_thread_and_env_is_untouched(home: Path, serve) -> None:
    standin = serve(Scenario(latency_ms=50))
    before = dict(os.environ)
    seen: list[tuple[str, str, str]] = []
    candidate = make_candidate(keys_env(home, standin, AWS_REGION="us-east-1"), {"primary": SONNET, "haiku": HAIKU})

    def on_result(result) -> None:
        seen.append((result.id, result.status, threading.current_thread().name))

    report = run_validation(candidate, on_result=on_result)
    assert dict(os.environ) == before
    assert {name for _, _, name in seen} == {threading.current_thread().name}
    for check in report.checks:
        events = [status for check_id, status, _ in seen if check_id == check.id]
        assert events == ["running", check.status], check.id


def test_without_invoke_other_region_models_are_looked_up_there(home: Path, serve) -> None:
    standin = serve()
    models = {"primary": SONNET, "haiku": HAIKU, "small_fast": "us.anthropic.claude-haiku-0-v1:0"}
    candidate = make_candidate(keys_env(home, standin), models, small_fast_region="us-west-2")
    _, by_id = report_of(candidate, invoke=False)
    lookups = {(r.model_id, r.region) for r in standin.requests if r.operation == "GetInferenceProfile"}
    assert ("us.anthropic.claude-haiku-0-v1:0", "us-west-2") in lookups
    # The Haiku tier is the main region's business (only the background model moves to its own region).
    assert by_id["model:haiku"].status == "pass" and "offered" in by_id["model:haiku"].message
    assert by_id["model:background"].status == "fail"
    assert "not offered in us-west-2" in by_id["model:background"].message


def test_region_that_is_not_a_region_name(home: Path, serve) -> None:
    standin = serve()
    old = make_candidate(keys_env(home, standin), region="useast1", claude_version="2.1.197")
    _, by_id = report_of(old, invoke=False)
    assert by_id["region"].status == "fail" and "not an AWS region name" in by_id["region"].message
    # 2.1.332 skips a value that does not look like a region and falls back to us-east-1.
    assert make_candidate(keys_env(home, standin), region="useast1").region == "us-east-1"


def test_a_child_that_dies_fails_every_check_with_its_error(home: Path, monkeypatch) -> None:
    from claude_bedrock_tui.validation import runner

    monkeypatch.setattr(runner, "CHILD_MODULE", "claude_bedrock_tui.validation.no_such_module")
    # A deadline far beyond the test's own: the run must end when the child dies, not at the deadline.
    report, by_id = report_of(make_candidate(make_env(home)), deadline_s=600)
    assert {c.status for c in report.checks} == {"fail"}
    assert by_id["credentials"].message.startswith("The validation process stopped unexpectedly (")
    assert "No module named" in by_id["credentials"].message  # the cause, from its stderr


def test_python_variables_in_claude_codes_environment_do_not_break_the_checks(home: Path, serve) -> None:
    standin = serve()
    env = keys_env(home, standin, PYTHONHOME=str(home / "no-python-here"), PYTHONPATH="/nonexistent")
    _, by_id = report_of(make_candidate(env), invoke=False)
    assert by_id["identity"].status == "pass", by_id["identity"]


def test_commands_the_checks_run_see_exactly_the_candidate_environment(home: Path, serve, monkeypatch) -> None:
    """The child's os.environ is the candidate's: nothing of this process leaks in."""
    standin = serve()
    monkeypatch.setenv("ONLY_IN_THE_APP", "leak")
    dump = home / "seen-env.txt"
    script = home / "creds.py"
    script.write_text(
        "import json, os\n"
        f"open({str(dump)!r}, 'w').write(json.dumps(dict(os.environ)))\n"
        "print(json.dumps({'Version': 1, 'AccessKeyId': 'AKIAPROC', 'SecretAccessKey': 's'}))\n"
    )
    write_aws_files(home, f"[profile proc]\ncredential_process = {sys.executable} {script}\n")
    env = make_env(home, standin.endpoint_env(), AWS_PROFILE="proc", ONLY_IN_CANDIDATE="yes")
    candidate = make_candidate(env)
    report, _ = report_of(candidate, invoke=False)
    assert report.ok, report.checks
    seen = json.loads(dump.read_text())
    assert seen["ONLY_IN_CANDIDATE"] == "yes" and seen["HOME"] == str(home)
    assert "ONLY_IN_THE_APP" not in seen
    assert set(seen) - set(candidate.env) <= {"PWD", "SHLVL", "_", "LC_CTYPE"}
