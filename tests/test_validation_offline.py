"""Offline validation: credential choice, token caches, API keys, model shapes, token limits, `claude`."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claude_bedrock_tui.core.procs import TimedOut, run_bounded
from claude_bedrock_tui.validation import credential_checks, offline_credential_checks
from claude_bedrock_tui.validation.api_key import decode_api_key, make_short_term_key
from claude_bedrock_tui.validation.aws_access import ExportError, run_credential_export
from claude_bedrock_tui.validation.local_checks import claude_check, tokens_check
from claude_bedrock_tui.validation.suggestions import suggest_profile
from validation_helpers import (
    DEV_PROFILE,
    HAIKU,
    OPUS_41,
    SONNET,
    SSO_CONFIG,
    exported,
    fake_claude,
    in_hours,
    make_candidate,
    make_env,
    python_printing,
    write_aws_files,
    write_login_token,
    write_script,
    write_sso_token,
)

NOW = datetime.now(UTC)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "cand-home"


def statuses(results) -> list[str]:
    return [r.status for r in results]


# -- which credentials ------------------------------------------------------------------------


def source(candidate) -> str:
    return candidate.credentials["source"]


def test_choice_follows_claude_code_order(home: Path) -> None:
    write_aws_files(home, *DEV_PROFILE)
    everything = make_env(
        home,
        AWS_PROFILE="dev",
        AWS_ACCESS_KEY_ID="AKIAENV",
        AWS_SECRET_ACCESS_KEY="s",
        AWS_BEARER_TOKEN_BEDROCK="ABSKkey",
        CLAUDE_CODE_SKIP_BEDROCK_AUTH="1",
    )
    # The API key wins over skip-auth, which wins over the export command (docs/claude-code-behaviour.md).
    assert source(make_candidate(everything, aws_credential_export="x")) == "api-key"
    del everything["AWS_BEARER_TOKEN_BEDROCK"]
    assert source(make_candidate(everything, aws_credential_export="x")) == "skip-auth"
    del everything["CLAUDE_CODE_SKIP_BEDROCK_AUTH"]
    assert source(make_candidate(everything, aws_credential_export="x")) == "export"
    plan = make_candidate(everything).credentials
    assert (plan["source"], plan["profile"], plan["profile_kind"]) == ("profile", "dev", "static keys")
    del everything["AWS_PROFILE"]
    assert source(make_candidate(everything)) == "env-keys"
    del everything["AWS_ACCESS_KEY_ID"]
    assert source(make_candidate(everything)) == "ambient"  # no default profile: a container or instance role
    write_aws_files(home, "", "[default]\naws_access_key_id = AKIADEF\naws_secret_access_key = s\n")
    assert source(make_candidate(everything)) == "default-profile"


@pytest.mark.parametrize(
    ("config", "kind"),
    [
        (
            "[profile p]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n"
            "[sso-session corp]\nsso_start_url = u\nsso_region = us-east-1\n",
            "sso",
        ),
        ("[profile p]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n", "assume-role"),
        ("[profile p]\ncredential_process = /bin/true\n", "credential_process"),
        ("[profile p]\nlogin_session = arn:aws:iam::123456789012:user/me\n", "login"),
        ("[profile p]\naws_access_key_id = A\naws_secret_access_key = B\n", "static keys"),
    ],
)
def test_profile_kinds_are_named(home: Path, config: str, kind: str) -> None:
    write_aws_files(home, config)
    candidate = make_candidate(make_env(home, AWS_PROFILE="p"))
    assert candidate.credentials["profile_kind"] == kind
    assert f"AWS profile p ({kind})" in offline_credential_checks(candidate)[0].message


def test_missing_profile_fails_naming_the_files(home: Path) -> None:
    write_aws_files(home, "[profile other]\nregion = us-east-1\n")
    results = offline_credential_checks(make_candidate(make_env(home, AWS_PROFILE="ghost")))
    failed = [r for r in results if r.status == "fail"]
    assert failed and "ghost" in failed[0].message and str(home / ".aws" / "config") in failed[0].message


def test_config_file_location_comes_from_the_candidate_env(home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.ini"
    elsewhere.write_text("[profile far]\naws_access_key_id = A\naws_secret_access_key = B\n")
    candidate = make_candidate(make_env(home, AWS_PROFILE="far", AWS_CONFIG_FILE=str(elsewhere)))
    assert statuses(offline_credential_checks(candidate)) == ["pass"]


# -- SSO and aws login caches -----------------------------------------------------------------


def test_sso_valid_token_passes_with_expiry(home: Path) -> None:
    write_aws_files(home, SSO_CONFIG)
    write_sso_token(home, "acme", in_hours(3))
    results = offline_credential_checks(make_candidate(make_env(home, AWS_PROFILE="corp")))
    assert statuses(results) == ["pass", "pass"]
    assert "valid until" in results[1].message


def test_sso_expired_token_fails_and_suggests_auth_refresh(home: Path) -> None:
    write_aws_files(home, SSO_CONFIG)
    write_sso_token(home, "acme", in_hours(-1))
    results = offline_credential_checks(make_candidate(make_env(home, AWS_PROFILE="corp")))
    assert results[-1].status == "fail" and "expired" in results[-1].message
    assert "`aws sso login --profile corp`" in results[-1].advice and "awsAuthRefresh" in results[-1].advice


def test_sso_expired_but_refreshable_token_warns(home: Path) -> None:
    write_aws_files(home, SSO_CONFIG)
    write_sso_token(
        home,
        "acme",
        in_hours(-1),
        refreshToken="r",
        clientId="c",
        clientSecret="s",
        registrationExpiresAt=(NOW + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    assert offline_credential_checks(make_candidate(make_env(home, AWS_PROFILE="corp")))[-1].status == "warn"


def test_legacy_sso_profile_cache_is_keyed_by_start_url(home: Path) -> None:
    write_aws_files(
        home,
        "[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n"
        "sso_account_id = 1\nsso_role_name = r\n",
    )
    write_sso_token(home, "https://old.awsapps.com/start", in_hours(-2))
    candidate = make_candidate(make_env(home, AWS_PROFILE="old"), aws_auth_refresh="aws sso login --profile old")
    result = offline_credential_checks(candidate)[-1]
    assert result.status == "fail"
    assert "runs awsAuthRefresh `aws sso login --profile old`" in result.advice


def test_sso_without_any_login_fails(home: Path) -> None:
    write_aws_files(home, SSO_CONFIG)
    result = offline_credential_checks(make_candidate(make_env(home, AWS_PROFILE="corp")))[-1]
    assert result.status == "fail" and "No SSO login" in result.message


def test_assume_role_follows_source_profile_to_sso(home: Path) -> None:
    write_aws_files(home, SSO_CONFIG + "[profile admin]\nrole_arn = arn:aws:iam::1:role/Admin\nsource_profile = corp\n")
    write_sso_token(home, "acme", in_hours(-1))
    results = offline_credential_checks(make_candidate(make_env(home, AWS_PROFILE="admin")))
    assert results[-1].status == "fail" and "profile corp" in results[-1].message


# -- awsAuthRefresh naming another profile than the one Claude Code uses (issue 10, flow 2) -------------------
ROLE_ON_CORP = "[profile admin]\nrole_arn = arn:aws:iam::1:role/Admin\nsource_profile = corp\n"
CORP_READONLY = "[profile corp-ro]\nsso_session = acme\nsso_account_id = 123456789012\nsso_role_name = Ro\n"


@pytest.mark.parametrize(
    ("profile", "refresh", "stale"),
    [
        ("dev", "aws sso login --profile corp", "corp"),
        ("dev", "aws sso login --profile=corp", "corp"),
        ("dev", 'aws sso login --profile "corp"', "corp"),
        ("dev", "aws sso login --profile='corp' --no-browser", "corp"),
        ("dev", "aws sso login --profile corp&&echo done", "corp"),
        ("dev", "aws sso login --profile 'corp", "corp"),  # an unbalanced quote still names corp
        ("dev", "aws sso login --profile dev", None),
        ("dev", "aws sso login --profile 'dev'", None),
        ("dev", "aws sso login", None),  # renews whatever AWS_PROFILE selects
        ("dev", "aws sso login --profile $AWS_PROFILE", None),
        ("dev", 'aws sso login --profile="${AWS_PROFILE}"', None),
        ("dev", "./renew.sh --profiles-dir x", None),
        (None, "aws sso login --profile default", None),
        (None, "aws sso login --profile corp", "corp"),
        ("admin", "aws sso login --profile corp", None),  # admin takes its credentials from corp
        ("corp-ro", "aws sso login --profile corp", None),  # the same SSO session: one login renews both
    ],
)
def test_a_refresh_command_for_another_profile_warns(home: Path, profile, refresh: str, stale) -> None:
    write_aws_files(home, SSO_CONFIG + ROLE_ON_CORP + CORP_READONLY + DEV_PROFILE[0], DEV_PROFILE[1])
    env = make_env(home, **({"AWS_PROFILE": profile} if profile else {}))
    results = offline_credential_checks(make_candidate(env, aws_auth_refresh=refresh))
    warned = [r for r in results if "awsAuthRefresh refreshes" in r.message]
    if stale is None:
        assert not warned, warned
    else:
        assert [r.status for r in warned] == ["warn"]
        in_use = profile or "default"
        assert warned[0].message == (
            f"awsAuthRefresh refreshes profile {stale}, but Claude Code uses AWS profile {in_use}."
        )
        assert f"name profile {in_use}" in warned[0].advice


LOGIN_CONFIG = "[profile console]\nlogin_session = arn:aws:iam::123456789012:user/me\nregion = us-east-1\n"


def test_login_cache_found_and_valid(home: Path) -> None:
    write_aws_files(home, LOGIN_CONFIG)
    write_login_token(home, "arn:aws:iam::123456789012:user/me", "ASIALOGIN", in_hours(1))
    results = offline_credential_checks(make_candidate(make_env(home, AWS_PROFILE="console")))
    assert statuses(results) == ["pass", "pass"] and "valid until" in results[1].message


def test_login_cache_missing_says_aws_login(home: Path) -> None:
    write_aws_files(home, LOGIN_CONFIG)
    result = offline_credential_checks(make_candidate(make_env(home, AWS_PROFILE="console")))[-1]
    assert result.status == "fail" and "`aws login --profile console`" in result.advice


def test_login_cache_directory_override(home: Path, tmp_path: Path) -> None:
    write_aws_files(home, LOGIN_CONFIG)
    token = write_login_token(home, "arn:aws:iam::123456789012:user/me", "ASIALOGIN", in_hours(1))
    moved = tmp_path / "login-cache"
    moved.mkdir()
    token.rename(moved / token.name)
    env = make_env(home, AWS_PROFILE="console", AWS_LOGIN_CACHE_DIRECTORY=str(moved))
    assert statuses(offline_credential_checks(make_candidate(env))) == ["pass", "pass"]


def test_login_without_awscrt_says_pip_install(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_aws_files(home, LOGIN_CONFIG)
    write_login_token(home, "arn:aws:iam::123456789012:user/me", "ASIALOGIN", in_hours(1))
    real_find_spec = credential_checks.importlib.util.find_spec
    monkeypatch.setattr(
        credential_checks.importlib.util, "find_spec", lambda name: None if name == "awscrt" else real_find_spec(name)
    )
    results = offline_credential_checks(make_candidate(make_env(home, AWS_PROFILE="console")))
    assert any(r.status == "fail" and 'pip install "botocore[crt]"' in r.advice for r in results)


# -- API keys and env keys ----------------------------------------------------------------------


def test_short_term_api_key_is_decoded() -> None:
    signed = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    info = decode_api_key(make_short_term_key("eu-west-1", signed, 43200))
    assert info.short_term and info.region == "eu-west-1" and info.expires == signed + timedelta(hours=12)
    assert not decode_api_key("ABSKQmVkcm9ja0FQSUtleS1hYmM=").short_term


def test_expired_short_term_key_fails(home: Path) -> None:
    key = make_short_term_key("us-east-1", NOW - timedelta(hours=13), 43200)
    result = offline_credential_checks(make_candidate(make_env(home, AWS_BEARER_TOKEN_BEDROCK=key)))[-1]
    assert result.status == "fail" and "expired" in result.message and "API key" in result.advice


def test_short_term_key_for_another_region_warns(home: Path) -> None:
    key = make_short_term_key("eu-west-1", NOW - timedelta(minutes=5), 43200)
    results = offline_credential_checks(make_candidate(make_env(home, AWS_BEARER_TOKEN_BEDROCK=key)))
    assert [r.status for r in results] == ["pass", "warn", "pass"]
    assert "eu-west-1" in results[1].message and "us-east-1" in results[1].message


def test_api_key_over_plain_http_fails(home: Path) -> None:
    env = make_env(home, AWS_BEARER_TOKEN_BEDROCK="ABSKxyz", ANTHROPIC_BEDROCK_BASE_URL="http://gateway.local")
    results = offline_credential_checks(make_candidate(env))
    assert any(r.status == "fail" and "HTTPS" in r.message for r in results)


def test_env_keys_past_their_expiration_fail(home: Path) -> None:
    env = make_env(
        home,
        AWS_ACCESS_KEY_ID="AKIA1",
        AWS_SECRET_ACCESS_KEY="s",
        AWS_CREDENTIAL_EXPIRATION=(NOW - timedelta(minutes=1)).isoformat(),
    )
    assert offline_credential_checks(make_candidate(env))[-1].status == "fail"
    env["AWS_CREDENTIAL_EXPIRATION"] = (NOW + timedelta(hours=1)).isoformat()
    assert statuses(offline_credential_checks(make_candidate(env))) == ["pass"]


def test_access_key_without_secret_fails(home: Path) -> None:
    result = offline_credential_checks(make_candidate(make_env(home, AWS_ACCESS_KEY_ID="AKIA1")))[-1]
    assert result.status == "fail" and "AWS_SECRET_ACCESS_KEY" in result.message


def test_offline_checks_do_not_import_boto3() -> None:
    code = (
        "import sys; from claude_bedrock_tui.validation import offline_credential_checks, run_validation; "
        "from claude_bedrock_tui.core.candidate import Candidate; "
        "offline_credential_checks(Candidate(env={'HOME': '/nonexistent'}, region='us-east-1', "
        "region_origin='x')); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore', 'textual')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert out.stdout.strip() == "[]"


# -- awsCredentialExport (the command itself) --------------------------------------------------


def test_export_command_good_and_bad_shapes(tmp_path: Path) -> None:
    good = python_printing(tmp_path / "good", exported("AKIAEXP"))
    assert run_credential_export(good)["AccessKeyId"] == "AKIAEXP"
    bad = python_printing(tmp_path / "bad", {"AccessKeyId": "AKIAEXP"})
    with pytest.raises(ExportError, match="did not print"):
        run_credential_export(bad)
    with pytest.raises(ExportError, match=r"exited with status 3 \(1 line on stderr, not shown here: it may"):
        run_credential_export("echo nope >&2; exit 3")
    with pytest.raises(ExportError, match=r"\(2 lines on stderr, not shown here: they may"):
        run_credential_export("echo no >&2; echo pe >&2; exit 3")


def test_export_command_timeout_kills_the_whole_tree(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    # Sleeps far longer than the test may run: returning only when the sleep ends would fail the test.
    script = write_script(tmp_path / "slow.sh", f"#!/bin/sh\nsleep 600 &\necho $! > {pid_file}\nwait\n")
    with pytest.raises(ExportError, match=r"did not finish within 0\.5 s"):
        run_credential_export(str(script), timeout_s=0.5)
    grandchild = int(pid_file.read_text())
    assert not Path(f"/proc/{grandchild}").exists() or "Z" in Path(f"/proc/{grandchild}/stat").read_text().split()[2]


def test_run_bounded_reports_timeout() -> None:
    with pytest.raises(TimedOut):
        run_bounded(["sleep", "5"], 0.2)


# -- model shapes and token limits --------------------------------------------------------------


def slot(candidate, name: str) -> dict:
    return candidate.models[name]


def test_bare_id_suggests_the_listed_profile() -> None:
    listed = ["global.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"]
    bare = "anthropic.claude-sonnet-4-5-20250929-v1:0"
    assert suggest_profile(bare, "eu-west-1", listed) == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
    # Without a list Bedrock's geography still names one.
    assert suggest_profile(bare, "eu-west-1", []) == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
    assert suggest_profile(bare, "us-east-1", ["global." + bare]) == "global." + bare


def test_configured_ids_are_sent_as_claude_code_sends_them() -> None:
    one_m = make_candidate({}, {"primary": SONNET + "[1m]"})
    assert slot(one_m, "primary")["resolved"] == SONNET and slot(one_m, "primary")["context_1m"]
    mapped = {"claude-sonnet-4-5-20250929": OPUS_41}
    assert (
        slot(make_candidate({}, {"primary": "claude-sonnet-4-5-20250929"}, model_overrides=mapped), "primary")[
            "resolved"
        ]
        == OPUS_41
    )  # 2.1.332 rewrites a configured overrides key
    old = make_candidate(
        {}, {"primary": "claude-sonnet-4-5-20250929"}, model_overrides=mapped, claude_version="2.1.197"
    )
    assert slot(old, "primary")["resolved"] == "claude-sonnet-4-5-20250929"  # 2.1.197 sends it as written


def test_background_model_uses_its_own_region() -> None:
    candidate = make_candidate({}, {"primary": SONNET, "haiku": HAIKU}, small_fast_region="us-west-2")
    assert (slot(candidate, "background")["resolved"], slot(candidate, "background")["region"]) == (HAIKU, "us-west-2")
    assert slot(candidate, "subagent")["region"] == "us-east-1"


def tokens(models: dict[str, str], max_out: int | None, thinking: int | None = None):
    return tokens_check(make_candidate({}, models, max_output_tokens=max_out, max_thinking_tokens=thinking))


def test_max_output_equal_to_a_cap_fails() -> None:
    result = tokens({"primary": SONNET, "opus": OPUS_41}, 32768)
    assert result.status == "fail" and "32768" in result.message and "model:opus" in result.message
    assert "32767" in result.advice
    assert tokens({"primary": SONNET, "opus": OPUS_41}, 32000).status == "pass"


def test_token_limits_are_checked_against_unpinned_defaults_too() -> None:
    # Nothing pinned but the primary: Claude Code still calls its Opus default (Opus 5.5: 128K cap).
    assert tokens({"primary": SONNET}, 64000).status == "pass"
    assert tokens({"primary": SONNET}, 65536).status == "fail"  # Sonnet 4.5's cap


def test_thinking_must_stay_below_max_output() -> None:
    assert tokens({"primary": SONNET}, 16000, 16000).status == "fail"
    assert tokens({"primary": SONNET}, 16000, 8000).status == "pass"


def test_low_max_output_warns() -> None:
    assert tokens({"primary": SONNET}, 4096).status == "warn"
    assert tokens({"primary": SONNET}, None).status == "pass"


# -- the installed Claude Code -------------------------------------------------------------------


def test_claude_missing_is_a_skip(home: Path) -> None:
    assert claude_check(make_candidate(make_env(home))).status == "skip"


def test_old_claude_without_aws_region_warns(home: Path) -> None:
    fake_claude(home, "2.1.100")
    candidate = make_candidate({k: v for k, v in make_env(home).items() if k != "AWS_REGION"}, region="eu-west-1")
    del candidate.env["AWS_REGION"]
    result = claude_check(candidate)
    assert result.status == "warn" and "AWS_REGION=eu-west-1" in result.advice
    assert claude_check(make_candidate(make_env(home, AWS_REGION="eu-west-1"))).status == "pass"


def test_new_claude_passes_and_names_the_rules(home: Path) -> None:
    fake_claude(home, "2.1.197")
    result = claude_check(make_candidate(make_env(home), claude_version="2.1.197"))
    assert result.status == "pass" and "2.1.197" in result.message and "measured" in result.message


def test_claude_version_timeout(home: Path) -> None:
    write_script(home / "bin" / "claude", "#!/bin/sh\nexec sleep 600\n")
    result = claude_check(make_candidate(make_env(home)), timeout_s=0.3)
    assert result.status == "warn" and "did not answer" in result.message


def test_token_failure_advice_beats_the_low_limit_hint() -> None:
    result = tokens({"primary": SONNET}, 4096, 8000)
    assert result.status == "fail" and "MAX_THINKING_TOKENS below 4096" in result.advice
