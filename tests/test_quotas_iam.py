"""The pure parts of the account checks: quota matching and arithmetic, cost hints, the generated IAM policy,
and the `iam-policy` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from botocore.session import get_session
from botocore.stub import Stubber

from claude_bedrock_tui.standin.account import bedrock_quotas
from claude_bedrock_tui.validation import iam_policy, quotas
from claude_bedrock_tui.validation.account import principal_arn
from cli_helpers import cli
from validation_helpers import APP_PROFILE_ARN, HAIKU, SONNET, make_candidate, make_env

SONNET_BARE = "anthropic.claude-sonnet-4-5-20250929-v1:0"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (SONNET, ("sonnet", "4.5")),
        ("anthropic.claude-opus-4-20250514-v1:0", ("opus", "4")),
        ("us.anthropic.claude-opus-4-1-20250805-v1:0", ("opus", "4.1")),
        ("anthropic.claude-3-7-sonnet-20250219-v1:0", ("sonnet", "3.7")),
        ("global.anthropic.claude-opus-4-6-v1", ("opus", "4.6")),
        ("Anthropic Claude Sonnet 4.5 V1", ("sonnet", "4.5")),
        ("Anthropic Claude 3.7 Sonnet", ("sonnet", "3.7")),
        ("Anthropic Claude Opus 4", ("opus", "4")),
        ("Amazon Nova Pro", None),
    ],
)
def test_model_key(text: str, key: tuple[str, str] | None) -> None:
    assert quotas.model_key(text) == key


def test_way_of_calling() -> None:
    assert quotas.way_of_calling(SONNET) == "cross-region"
    assert quotas.way_of_calling("global." + SONNET_BARE + "[1m]") == "global"
    assert quotas.way_of_calling(SONNET_BARE) == "on-demand"
    one_region = ["arn:aws:bedrock:us-east-1::foundation-model/" + SONNET_BARE]
    assert quotas.way_of_calling(APP_PROFILE_ARN, one_region) == "on-demand"
    assert quotas.way_of_calling(APP_PROFILE_ARN, [*one_region, one_region[0].replace("east-1", "west-2")]) == (
        "cross-region"
    )


def test_limits_pick_the_model_and_the_way() -> None:
    listed = bedrock_quotas([SONNET_BARE, "anthropic.claude-opus-4-1-20250805-v1:0"], "us-east-1", 100_000, 50)
    # Real quota names also say "model inference" and carry a version or a note in brackets.
    listed.append({"QuotaName": "On-demand model inference tokens per minute for Anthropic Claude Sonnet 4.5 V1",
                   "Value": 7.0})  # fmt: skip
    cross = quotas.limits_for(listed, SONNET_BARE, "cross-region")
    assert (cross.tokens_per_minute, cross.requests_per_minute) == (100_000, 50)
    assert cross.tokens_per_day == 144_000_000
    assert quotas.limits_for(listed, SONNET_BARE, "global").tokens_per_minute == 200_000
    assert quotas.limits_for(listed, SONNET_BARE, "on-demand").tokens_per_minute == 7
    assert quotas.limits_for(listed, "anthropic.claude-haiku-4-5-20251001-v1:0", "global").tokens_per_minute is None


def test_concurrency_and_suggestion() -> None:
    assert quotas.concurrent_requests(400_000, 32_000) == 7
    assert quotas.concurrent_requests(20_000, 32_000) == 0
    assert quotas.suggested_max_output(120_000, SONNET_BARE) == 20_000
    assert quotas.suggested_max_output(2_000_000, SONNET_BARE) == quotas.ASSUMED_DEFAULT_MAX_OUTPUT
    assert quotas.suggested_max_output(2_000_000, "anthropic.claude-3-5-haiku-20241022-v1:0") is None  # 8K cap
    assert quotas.suggested_max_output(60_000, SONNET_BARE) is None  # too small to suggest anything useful
    assert quotas.max_output({"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "16000"}) == (16_000, True)
    assert quotas.max_output({"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "lots"}) == (quotas.ASSUMED_DEFAULT_MAX_OUTPUT, False)
    assert quotas.burndown(SONNET_BARE) == 5 and quotas.burndown("anthropic.claude-3-5-haiku-20241022-v1:0") == 1


def test_cost_hints() -> None:
    opus = "us.anthropic.claude-opus-4-5-20251101-v1:0"
    assert "Opus" in quotas.cost_hints("primary", opus, None, False, {})[0]
    assert quotas.cost_hints("primary", opus, opus, False, {}) == []  # pinned: the user chose it
    assert "long-context" in quotas.cost_hints("sonnet", SONNET, SONNET, True, {})[0]
    tier = {"ANTHROPIC_BEDROCK_SERVICE_TIER": "priority"}
    assert "premium" in quotas.cost_hints("primary", SONNET, SONNET, False, tier)[0]
    assert quotas.cost_hints("haiku", HAIKU, HAIKU, False, tier) == []  # said once, next to the main model
    cache = {"ENABLE_PROMPT_CACHING_1H": "1"}
    assert any("2x the input rate" in h for h in quotas.cost_hints("primary", SONNET, SONNET, False, cache))
    forced_back = {**cache, "FORCE_PROMPT_CACHING_5M": "1"}
    assert quotas.cost_hints("primary", SONNET, SONNET, False, forced_back) == []
    assert quotas.cost_hints("primary", SONNET, SONNET, False, {**cache, "DISABLE_PROMPT_CACHING": "1"}) == []


def test_principal_arn() -> None:
    assert principal_arn("arn:aws:sts::123456789012:assumed-role/Dev/alice") == "arn:aws:iam::123456789012:role/Dev"
    assert principal_arn("arn:aws:iam::123456789012:user/bob") == "arn:aws:iam::123456789012:user/bob"


def _statements(policy: dict) -> dict[str, dict]:
    return {s["Sid"]: s for s in policy["Statement"]}


def test_policy_names_only_the_configured_models(tmp_path: Path) -> None:
    pinned = {"primary": SONNET, "opus": "global.anthropic.claude-opus-4-5-20251101-v1:0", "haiku": HAIKU,
              "sonnet": SONNET}  # fmt: skip
    candidate = make_candidate(make_env(tmp_path), pinned)
    policy = iam_policy.policy_for(candidate, "123456789012")
    json.dumps(policy)  # valid JSON
    by_sid = _statements(policy)
    profiles = by_sid["InvokeThroughInferenceProfiles"]["Resource"]
    assert profiles == sorted(
        f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/{m}"
        for m in (SONNET, HAIKU, "global.anthropic.claude-opus-4-5-20251101-v1:0")
    )
    models = by_sid["InvokeFoundationModelsThroughTheProfiles"]
    assert "arn:aws:bedrock:::foundation-model/anthropic.claude-opus-4-5-20251101-v1:0" in models["Resource"]
    assert "arn:aws:bedrock:*::foundation-model/" + SONNET_BARE in models["Resource"]
    assert models["Condition"]["StringLike"]["bedrock:InferenceProfileArn"] == profiles
    assert by_sid["ListInferenceProfiles"]["Resource"] == "*"
    assert "ReadApplicationProfiles" not in by_sid
    assert by_sid["EnableModelsThroughMarketplace"]["Condition"] == {
        "StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com"}
    }


def test_policy_uses_the_listing_routes_and_application_profiles(tmp_path: Path) -> None:
    candidate = make_candidate(make_env(tmp_path), {"primary": APP_PROFILE_ARN, "haiku": HAIKU, "sonnet": SONNET})
    routes = {APP_PROFILE_ARN: ["arn:aws:bedrock:us-west-2::foundation-model/" + SONNET_BARE]}
    by_sid = _statements(iam_policy.policy_for(candidate, routes=routes))
    assert by_sid["ReadApplicationProfiles"]["Resource"] == [APP_PROFILE_ARN]
    assert (
        "arn:aws:bedrock:us-west-2::foundation-model/" + SONNET_BARE
        in (by_sid["InvokeFoundationModelsThroughTheProfiles"]["Resource"])
    )
    assert iam_policy.required_actions(candidate)[-1] == "bedrock:GetInferenceProfile"


def test_unpinned_tiers_name_every_candidate_offline_and_one_when_resolved(tmp_path: Path) -> None:
    candidate = make_candidate(make_env(tmp_path), {"primary": SONNET})
    offline = {m for _, m, _ in iam_policy.called_ids(candidate)}
    opus = candidate.models["opus"]
    assert set(opus["candidates"]) <= offline and len(opus["candidates"]) > 1
    resolved = {slot: {**data, "resolved": data["candidates"][-1]} if data.get("candidates") else data
                for slot, data in candidate.models.items()}  # fmt: skip
    live = {m for slot, m, _ in iam_policy.called_ids(candidate, resolved) if slot == "opus"}
    assert live == {opus["candidates"][-1]}


def test_iam_policy_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    monkeypatch.setenv("ANTHROPIC_MODEL", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
    result = cli("iam-policy", "--account-id", "123456789012")
    assert result.code == 0, result.err
    policy = result.json()
    resources = _statements(policy)["InvokeThroughInferenceProfiles"]["Resource"]
    assert "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0" in (
        resources
    )
    bad = cli("iam-policy", "--account-id", "12345")
    assert bad.code == 2 and bad.out == "" and "12-digit" in bad.err and "Traceback" not in bad.err


def test_availability_shape_with_stubber() -> None:
    """The botocore service model's own shape: the fields the access check reads exist as named."""
    client = get_session().create_client(
        "bedrock", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    with Stubber(client) as stub:
        answer = {"modelId": SONNET_BARE, "authorizationStatus": "AUTHORIZED", "entitlementAvailability": "AVAILABLE",
                  "regionAvailability": "AVAILABLE", "agreementAvailability": {"status": "PENDING"}}  # fmt: skip
        stub.add_response("get_foundation_model_availability", answer, {"modelId": SONNET_BARE})
        assert client.get_foundation_model_availability(modelId=SONNET_BARE)["agreementAvailability"]["status"] == (
            "PENDING"
        )
