"""Every credential method, end to end: the stand-in records which access key (or API key) signed."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claude_bedrock_tui.standin import Scenario, StandIn
from claude_bedrock_tui.validation.api_key import make_short_term_key
from validation_helpers import (
    DEV_PROFILE,
    SSO_CONFIG,
    SsoPortal,
    exported,
    in_hours,
    make_candidate,
    make_env,
    python_printing,
    report_of,
    tls_files,
    write_aws_files,
    write_login_token,
    write_script,
    write_sso_token,
)
from waiting import wait_for

PROFILE_ARN = "arn:aws:iam::123456789012:user/profile-user"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "cand-home"
    write_aws_files(home)
    return home


@pytest.fixture
def standin():
    with StandIn(Scenario()) as running:
        yield running


def signers(standin: StandIn) -> set[str | None]:
    return {r.access_key_id for r in standin.requests}


def test_profile_with_static_keys(home: Path, standin: StandIn) -> None:
    standin.set_scenario(Scenario(accounts={"AKIAPROFILE": PROFILE_ARN}))
    write_aws_files(home, *DEV_PROFILE)
    report, by_id = report_of(make_candidate(make_env(home, standin.endpoint_env(), AWS_PROFILE="dev")))
    assert report.ok
    assert "AWS profile dev (static keys)" in by_id["credentials"].message
    assert PROFILE_ARN in by_id["identity"].message
    assert signers(standin) == {"AKIAPROFILE"}


def test_aws_profile_beats_access_keys_in_the_environment(home: Path, standin: StandIn) -> None:
    write_aws_files(home, *DEV_PROFILE)
    env = make_env(
        home, standin.endpoint_env(), AWS_PROFILE="dev", AWS_ACCESS_KEY_ID="AKIAENVKEY", AWS_SECRET_ACCESS_KEY="x"
    )
    report, _ = report_of(make_candidate(env))
    assert report.ok
    assert signers(standin) == {"AKIAPROFILE"}  # plain boto3 would have signed with AKIAENVKEY


def test_environment_access_keys(home: Path, standin: StandIn) -> None:
    env = make_env(home, standin.endpoint_env(), AWS_ACCESS_KEY_ID="AKIAENVKEY", AWS_SECRET_ACCESS_KEY="x")
    report, by_id = report_of(make_candidate(env))
    assert report.ok and "botocore source `env`" in by_id["credentials"].message
    assert signers(standin) == {"AKIAENVKEY"}


def test_sso_profile_with_a_valid_login(home: Path, standin: StandIn) -> None:
    write_aws_files(home, SSO_CONFIG)
    write_sso_token(home, "acme", in_hours(4))
    with SsoPortal("ASIASSOROLE") as portal:
        env = make_env(home, standin.endpoint_env(), AWS_PROFILE="corp", AWS_ENDPOINT_URL_SSO=portal.url)
        report, by_id = report_of(make_candidate(env))
    assert report.ok, by_id["credentials"]
    assert "AWS profile corp (sso)" in by_id["credentials"].message and "`sso`" in by_id["credentials"].message
    assert portal.tokens == ["sso-access-token"]
    assert signers(standin) == {"ASIASSOROLE"}


def test_sso_profile_with_an_expired_login_sends_nothing(home: Path, standin: StandIn) -> None:
    write_aws_files(home, SSO_CONFIG)
    write_sso_token(home, "acme", in_hours(-2))
    report, by_id = report_of(make_candidate(make_env(home, standin.endpoint_env(), AWS_PROFILE="corp")))
    assert by_id["credentials"].status == "fail" and "expired" in by_id["credentials"].message
    assert "aws sso login --profile corp" in by_id["credentials"].advice
    assert {by_id[i].status for i in ("identity", "models", "model:primary")} == {"skip"}
    assert standin.requests == []
    assert not report.ok


def test_sso_credentials_rejected_point_at_sso_login(home: Path, standin: StandIn) -> None:
    standin.set_scenario(Scenario(expired_keys={"ASIASSOROLE"}))
    write_aws_files(home, SSO_CONFIG)
    write_sso_token(home, "acme", in_hours(4))
    with SsoPortal("ASIASSOROLE") as portal:
        env = make_env(home, standin.endpoint_env(), AWS_PROFILE="corp", AWS_ENDPOINT_URL_SSO=portal.url)
        candidate = make_candidate(env, aws_auth_refresh="aws sso login --profile corp")
        _, by_id = report_of(candidate)
    assert by_id["model:primary"].status == "fail"
    assert "`aws sso login --profile corp`" in by_id["model:primary"].advice
    assert "awsAuthRefresh" in by_id["model:primary"].advice


def test_credential_process_profile(home: Path, standin: StandIn) -> None:
    process_output = {"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "s", "SessionToken": "t"}
    command = python_printing(home / "creds", process_output)
    write_aws_files(home, f"[profile proc]\ncredential_process = {command}\n")
    report, by_id = report_of(make_candidate(make_env(home, standin.endpoint_env(), AWS_PROFILE="proc")))
    assert report.ok and "custom-process" in by_id["credentials"].message
    assert signers(standin) == {"AKIAPROCESS"}


def test_aws_login_profile_uses_its_cached_session(home: Path, standin: StandIn) -> None:
    session = "arn:aws:iam::123456789012:user/console-user"
    write_aws_files(home, f"[profile console]\nlogin_session = {session}\nregion = us-east-1\n")
    write_login_token(home, session, "ASIALOGIN", in_hours(2))
    report, by_id = report_of(make_candidate(make_env(home, standin.endpoint_env(), AWS_PROFILE="console")))
    assert report.ok, by_id["credentials"]
    assert "AWS profile console (login)" in by_id["credentials"].message
    assert signers(standin) == {"ASIALOGIN"}


def test_api_key_over_tls(home: Path, tmp_path: Path) -> None:
    tls, bundle = tls_files(tmp_path / "tls")
    key = make_short_term_key("us-east-1", datetime.now(UTC) - timedelta(minutes=1), 43200)
    with StandIn(Scenario(api_keys={key}), tls=tls) as standin:
        # Keys and a stale profile in the environment must neither win nor get in the way.
        env = make_env(
            home,
            standin.endpoint_env(),
            AWS_BEARER_TOKEN_BEDROCK=key,
            AWS_CA_BUNDLE=bundle,
            AWS_ACCESS_KEY_ID="AKIAIGNORED",
            AWS_SECRET_ACCESS_KEY="x",
            AWS_PROFILE="gone",
        )
        report, by_id = report_of(make_candidate(env))
        requests = list(standin.requests)
    assert report.ok, by_id
    assert "Bedrock API key" in by_id["credentials"].message and "valid until" in by_id["credentials"].message
    assert by_id["identity"].status == "skip" and "API key" in by_id["identity"].message
    assert {r.auth for r in requests} == {"bearer"} and {r.api_key for r in requests} == {key}
    assert {r.service for r in requests} == {"bedrock", "bedrock-runtime"}


def test_rejected_api_key_says_regenerate(home: Path, tmp_path: Path) -> None:
    tls, bundle = tls_files(tmp_path / "tls")
    with StandIn(Scenario(api_keys={"ABSKgood"}), tls=tls) as standin:
        env = make_env(home, standin.endpoint_env(), AWS_BEARER_TOKEN_BEDROCK="ABSKwrong", AWS_CA_BUNDLE=bundle)
        _, by_id = report_of(make_candidate(env))
    assert by_id["model:primary"].status == "fail"
    assert "Regenerate" in by_id["model:primary"].advice
    assert "Authentication failed" in by_id["model:primary"].message


def export_env(home: Path, standin: StandIn) -> dict[str, str]:
    # Keys and a profile in the environment must lose to the export command, as in Claude Code.
    return make_env(
        home, standin.endpoint_env(), AWS_ACCESS_KEY_ID="AKIAENVKEY", AWS_SECRET_ACCESS_KEY="x", AWS_PROFILE="gone"
    )


def test_credential_export_command(home: Path, standin: StandIn) -> None:
    command = python_printing(home / "export", exported("AKIAEXPORT"))
    report, by_id = report_of(make_candidate(export_env(home, standin), aws_credential_export=command))
    assert report.ok and "awsCredentialExport" in by_id["credentials"].message
    assert signers(standin) == {"AKIAEXPORT"}


def test_credential_export_with_the_wrong_shape(home: Path, standin: StandIn) -> None:
    command = python_printing(home / "export", {"AccessKeyId": "AKIAEXPORT", "SecretAccessKey": "s"})
    report, by_id = report_of(make_candidate(export_env(home, standin), aws_credential_export=command))
    assert by_id["credentials"].status == "fail" and "did not print" in by_id["credentials"].message
    assert '{"Credentials":{"AccessKeyId","SecretAccessKey","SessionToken"}}' in by_id["credentials"].advice
    assert standin.requests == [] and not report.ok


def test_credential_export_that_hangs_is_killed_at_the_deadline(home: Path, standin: StandIn, tmp_path: Path) -> None:
    pid_file = tmp_path / "export.pid"
    # Sleeps far longer than the test may run: waiting for the command instead of killing it would fail.
    script = write_script(tmp_path / "export.sh", f"#!/bin/sh\nsleep 600 &\necho $! > {pid_file}\nwait\n")
    candidate = make_candidate(export_env(home, standin), aws_credential_export=str(script))
    _report, by_id = report_of(candidate, deadline_s=1.5)
    assert by_id["credentials"].status == "fail" and by_id["credentials"].message == "Timed out after 1.5s."
    sleeper = int(pid_file.read_text())
    wait_for(lambda: not _alive(sleeper), "the export command's child to be killed")  # the kill is asynchronous


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_default_chain_without_credentials(home: Path, standin: StandIn) -> None:
    report, by_id = report_of(make_candidate(make_env(home, standin.endpoint_env())))
    assert by_id["credentials"].status == "fail"
    assert "No AWS credentials" in by_id["credentials"].message and "AWS_PROFILE" in by_id["credentials"].advice
    assert standin.requests == [] and not report.ok


@pytest.mark.skipif(sys.platform != "linux", reason="/proc is used to inspect processes")
def test_no_child_process_left_behind(home: Path, standin: StandIn) -> None:
    before = set(os.listdir("/proc"))
    env = make_env(home, standin.endpoint_env(), AWS_ACCESS_KEY_ID="AKIA1", AWS_SECRET_ACCESS_KEY="s")
    report_of(make_candidate(env))
    new = [int(p) for p in set(os.listdir("/proc")) - before if p.isdigit()]

    def mine() -> list[int]:
        return [pid for pid in new if _alive(pid) and _parent(pid) == os.getpid()]

    # A child that reported "done" exits by itself and is reaped in the background: wait for that, while a
    # child left running (the bug this guards against) would keep the list non-empty until the timeout.
    wait_for(lambda: mine() == [], "the validation child to exit")


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (FileNotFoundError, IndexError, ValueError):
        return -1


def test_aws_default_profile_is_ignored_like_claude_code_does(home: Path, standin: StandIn) -> None:
    # Claude Code's SDK reads AWS_PROFILE only; botocore alone would also honour AWS_DEFAULT_PROFILE.
    write_aws_files(
        home,
        "",
        "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s\n"
        "[dev]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = s\n",
    )
    report, by_id = report_of(make_candidate(make_env(home, standin.endpoint_env(), AWS_DEFAULT_PROFILE="dev")))
    assert report.ok and "the default AWS profile (static keys)" in by_id["credentials"].message
    assert signers(standin) == {"AKIADEFAULT"}


@pytest.mark.parametrize("scope", ["project", "local"])
def test_an_export_command_from_the_repository_is_skipped_unless_trusted(
    home: Path, standin: StandIn, tmp_path: Path, scope: str
) -> None:
    marker = tmp_path / "ran"
    script = write_script(
        tmp_path / "export.sh", f"#!/bin/sh\ntouch {marker}\necho '{json.dumps(exported('AKIAEXPORT'))}'\n"
    )
    candidate = make_candidate(export_env(home, standin), aws_credential_export=str(script), keys_scope=scope)
    report, by_id = report_of(candidate)
    assert not marker.exists() and standin.requests == []
    credentials = by_id["credentials"]
    assert credentials.status == "skip" and f"comes from the {scope} settings" in credentials.message
    assert "--trust-project-commands" in credentials.advice
    report, by_id = report_of(candidate, trust_project_commands=True)
    assert marker.exists() and report.ok and signers(standin) == {"AKIAEXPORT"}


def test_an_export_command_from_the_user_scope_runs_without_asking(home: Path, standin: StandIn) -> None:
    command = python_printing(home / "export", exported("AKIAEXPORT"))
    candidate = make_candidate(export_env(home, standin), aws_credential_export=command, keys_scope="user")
    report, _ = report_of(candidate)
    assert report.ok and signers(standin) == {"AKIAEXPORT"}


def test_a_failing_export_never_echoes_its_output(home: Path, standin: StandIn, tmp_path: Path) -> None:
    secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"
    script = write_script(
        tmp_path / "export.sh",
        f'#!/bin/sh\necho \'{{"Credentials": {{"SecretAccessKey": "{secret}"}}}}\'\necho {secret} >&2\nexit 3\n',
    )
    report, by_id = report_of(make_candidate(export_env(home, standin), aws_credential_export=str(script)))
    text = json.dumps(report.to_json())
    assert secret not in text and "exited with status 3" in by_id["credentials"].message
