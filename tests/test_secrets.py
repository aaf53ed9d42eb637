"""Secrets in one place: found inside commands, URLs and headers, masked everywhere, refused in the project."""

from __future__ import annotations

import json

import pytest

from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.core.edits import EditRefused, plan_change
from claude_bedrock_tui.core.problems import SHARED_SECRET
from claude_bedrock_tui.core.secrets import MASK, holds_secret, masked_json, secret_spans, shown
from claude_bedrock_tui.validation.aws_access import export_problem
from cli_helpers import cli
from settings_helpers import project_settings, user_settings

KEY = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"


@pytest.mark.parametrize(
    ("name", "value", "hidden", "kept"),
    [
        ("awsCredentialExport", f"env AWS_SECRET_ACCESS_KEY={KEY} my-export", KEY, "my-export"),
        ("awsCredentialExport", f"aws configure set aws_secret_access_key {KEY}", KEY, "aws configure set"),
        ("awsCredentialExport", f"creds --secret-access-key '{KEY}' --region eu-west-1", KEY, "--region eu-west-1"),
        ("awsCredentialExport", f"creds --token={KEY}", KEY, "creds --token="),
        ("awsCredentialExport", "echo AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE", "echo"),
        ("awsAuthRefresh", f"curl -H 'Authorization: Bearer {KEY}' https://sso", KEY, "https://sso"),
        ("ANTHROPIC_BEDROCK_BASE_URL", f"https://me:{KEY}@gw.example.com/v1", KEY, "https://me:"),
        ("ANTHROPIC_CUSTOM_HEADERS", f"X-Team: infra\nX-Api-Key: {KEY}", KEY, "X-Team: infra"),
        ("ANTHROPIC_CUSTOM_HEADERS", f"Authorization: Basic {KEY}", KEY, "Authorization:"),
        ("ANTHROPIC_API_KEY", f"sk-ant-{KEY}", KEY, MASK),
        ("AWS_SECRET_ACCESS_KEY", KEY, KEY, MASK),
    ],
)
def test_secrets_inside_values_are_found_and_masked(name: str, value: str, hidden: str, kept: str) -> None:
    assert holds_secret(name, value)
    masked = shown(name, value)
    assert hidden not in masked and kept in masked and MASK in masked
    assert shown(name, value, reveal=True) == value


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("awsAuthRefresh", "aws sso login --profile dev"),
        ("awsCredentialExport", "my-export --profile token-reader --region us-east-1"),
        ("ANTHROPIC_BEDROCK_BASE_URL", "https://gw.example.com:8443/v1"),
        ("ANTHROPIC_CUSTOM_HEADERS", "X-Team: infra\nX-Trace: on"),
        ("AWS_PROFILE", "my-token-profile"),
        ("ANTHROPIC_MODEL", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ],
)
def test_ordinary_values_are_not_secrets(name: str, value: str) -> None:
    assert not holds_secret(name, value) and secret_spans(name, value) == [] and shown(name, value) == value


def test_masked_json_masks_every_member_raw_text_duplicates_and_escapes() -> None:
    text = (
        '{"env": {"AWS_SECRET_ACCESS_KEY": "one\\/slash", "AWS_SECRET_ACCESS_KEY": "two",'
        ' "AWS_SECRET\\u005fACCESS_KEY": "three", "AWS_SESSION_TOKEN": 12345, "AWS_REGION": "us-east-1"},'
        ' "env": {"AWS_BEARER_TOKEN_BEDROCK": "four"},'
        ' "awsCredentialExport": "x --password five-five", "model": "sonnet"}'
    )
    masked = masked_json(text)
    for secret in ("one", "two", "three", "12345", "four", "five-five"):
        assert secret not in masked, secret
    assert '"AWS_REGION": "us-east-1"' in masked and '"model": "sonnet"' in masked
    assert json.loads(masked)["awsCredentialExport"] == "x --password ****"


def test_broken_json_is_masked_loosely() -> None:
    masked = masked_json('{"env": {"AWS_SECRET_ACCESS_KEY": "abcdefghijklmnop", oops')
    assert "abcdefghijkl" not in masked and "oops" in masked


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("awsCredentialExport", f"env AWS_SECRET_ACCESS_KEY={KEY} my-export"),
        ("ANTHROPIC_BEDROCK_BASE_URL", f"https://me:{KEY}@gw.example.com"),
        ("ANTHROPIC_CUSTOM_HEADERS", f"Authorization: Bearer {KEY}"),
        ("ANTHROPIC_API_KEY", "sk-ant-something-secret"),
        ("ANTHROPIC_AUTH_TOKEN", "a-token"),
    ],
)
def test_embedded_secrets_are_refused_in_the_project_scope_unless_allowed(name: str, value: str) -> None:
    config = load()
    with pytest.raises(EditRefused) as refused:
        plan_change(config, "project", {name: value})
    assert refused.value.code == SHARED_SECRET
    change = plan_change(config, "project", {name: value}, allow_shared_secrets=True)
    assert change.private and value not in change.diff()


def test_a_secret_already_in_the_project_file_is_a_problem_whatever_its_shape() -> None:
    project_settings({"awsCredentialExport": f"env AWS_SECRET_ACCESS_KEY={KEY} x", "env": {"ANTHROPIC_API_KEY": "k"}})
    problems = [p for p in load().problems if p.code == SHARED_SECRET]
    assert sorted(p.key for p in problems) == ["ANTHROPIC_API_KEY", "awsCredentialExport"]
    assert all(KEY not in p.message for p in problems)


def test_show_and_export_mask_embedded_secrets() -> None:
    user_settings(
        {
            "awsCredentialExport": f"env AWS_SECRET_ACCESS_KEY={KEY} x",
            "env": {"ANTHROPIC_BEDROCK_BASE_URL": f"https://me:{KEY}@gw", "CLAUDE_CODE_USE_BEDROCK": "1"},
        }
    )
    for argv in (
        ("show",),
        ("show", "--json"),
        ("export",),
        ("export", "--format", "json"),
        ("export", "--format", "fish"),
    ):
        result = cli(*argv)
        assert KEY not in result.out + result.err, argv
    assert KEY in cli("export", "--reveal-secrets").out


@pytest.mark.parametrize(
    ("stdout", "problem"),
    [
        ("", "nothing on stdout"),
        ("AccessKeyId=AKIA SecretAccessKey=abc", "not JSON (line 1, column 1)"),
        ('{"AccessKeyId": "AKIA"}', 'no "Credentials" object'),
        ('{"Credentials": {"AccessKeyId": "AKIA", "SecretAccessKey": "abc"}}', "lacks SessionToken"),
        (
            '{"Credentials": {"AccessKeyId": "AKIA", "SecretAccessKey": 5, "SessionToken": "t"}}',
            "SecretAccessKey is not",
        ),
        ('{"Credentials": {"AccessKeyId": "", "SecretAccessKey": "s", "SessionToken": "t"}}', "AccessKeyId is empty"),
    ],
)
def test_export_problems_name_fields_and_lines_never_values(stdout: str, problem: str) -> None:
    found = export_problem(stdout)
    assert found is not None and problem in found
    assert "abc" not in found and "AKIA" not in found


def test_good_export_output_has_no_problem() -> None:
    assert export_problem('{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "s", "SessionToken": "t"}}') is None
