"""Offline validation of values: messages name the problem and advice names the fix."""

from __future__ import annotations

import pytest

from claude_bedrock_tui.core.value_checks import check_values


def _only(values, **kw):
    return [(p.severity, p.key) for p in check_values(values, **kw)]


@pytest.mark.parametrize(
    ("region", "ok"),
    [
        ("us-east-1", True),
        ("us-gov-west-1", True),
        ("eu-central-2", True),
        ("us east 1", False),
        ("US-EAST-1", False),
        ("useast1", False),
    ],
)
def test_region_shape(region, ok):
    problems = check_values({"AWS_REGION": region})
    assert (problems == []) is ok
    if not ok:
        assert problems[0].severity == "error" and problems[0].key == "AWS_REGION"


def test_region_with_spaces_suggests_the_code():
    (problem,) = check_values({"AWS_REGION": "us east 1"})
    assert "us-east-1" in problem.advice


@pytest.mark.parametrize(
    "model",
    [
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0[1m]",
        "us-gov.anthropic.claude-3-7-sonnet-20250219-v1:0",
        "apac.anthropic.claude-sonnet-4-20250514-v1:0",
        "arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/abc123",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-1-20250805-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz",
        "arn:aws:bedrock:us-east-1:123456789012:custom-model/anthropic.claude-x/abc",
    ],
)
def test_valid_model_ids_for_every_slot(model):
    assert check_values({"ANTHROPIC_DEFAULT_SONNET_MODEL": model}) == []


@pytest.mark.parametrize("alias", ["opus", "sonnet", "haiku", "opusplan", "sonnet[1m]", "opusplan[1m]"])
def test_aliases_only_for_the_primary_and_subagent_models(alias):
    assert check_values({"ANTHROPIC_MODEL": alias}) == []
    assert check_values({"model": alias}) == []
    assert check_values({"CLAUDE_CODE_SUBAGENT_MODEL": alias}) == []
    for pin in ("ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_SMALL_FAST_MODEL"):
        assert [p.severity for p in check_values({pin: alias}) if p.severity != "info"] == ["error"], pin


def test_bare_model_id_names_the_profile_id_for_the_region():
    (problem,) = check_values({"ANTHROPIC_MODEL": "anthropic.claude-sonnet-4-5-20250929-v1:0"}, region="eu-west-1")
    assert problem.severity == "error"
    assert "on-demand throughput" in problem.message
    assert "eu.anthropic.claude-sonnet-4-5-20250929-v1:0" in problem.advice


def test_anthropic_style_id_is_an_error_unless_model_overrides_maps_it():
    assert _only({"ANTHROPIC_MODEL": "claude-opus-4-1"}) == [("error", "ANTHROPIC_MODEL")]
    overrides = {"claude-opus-4-1": "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x"}
    assert check_values({"ANTHROPIC_MODEL": "claude-opus-4-1"}, model_overrides=overrides) == []


def test_unknown_prefix_is_an_error():
    assert _only({"ANTHROPIC_MODEL": "xx.anthropic.claude-sonnet-4-5-20250929-v1:0"}) == [("error", "ANTHROPIC_MODEL")]


def test_one_m_on_a_model_without_it_warns():
    assert _only({"ANTHROPIC_MODEL": "us.anthropic.claude-haiku-4-5-20251001-v1:0[1m]"}) == [
        ("warning", "ANTHROPIC_MODEL")
    ]


@pytest.mark.parametrize("value", ["lots", "4096.5", "-1", "0"])
def test_token_limits_must_be_positive_integers(value):
    assert _only({"CLAUDE_CODE_MAX_OUTPUT_TOKENS": value}) == [("error", "CLAUDE_CODE_MAX_OUTPUT_TOKENS")]


def test_thinking_must_stay_below_max_output():
    problems = check_values({"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "8000", "MAX_THINKING_TOKENS": "8000"})
    assert [(p.severity, p.key) for p in problems] == [("error", "MAX_THINKING_TOKENS")]
    assert check_values({"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "8000", "MAX_THINKING_TOKENS": "7999"}) == []


@pytest.mark.parametrize(
    ("model", "limit", "cap"),
    [
        ("us.anthropic.claude-opus-4-1-20250805-v1:0", "32768", 32768),
        ("us.anthropic.claude-opus-4-1-20250805-v1:0", "32767", None),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "64000", None),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "65536", 65536),
        ("us.anthropic.claude-3-5-haiku-20241022-v1:0", "9000", 8192),
        ("global.anthropic.claude-opus-4-6-v1", "128000", None),
    ],
)
def test_max_output_strictly_below_the_models_cap(model, limit, cap):
    problems = check_values({"ANTHROPIC_DEFAULT_OPUS_MODEL": model, "CLAUDE_CODE_MAX_OUTPUT_TOKENS": limit})
    if cap is None:
        assert problems == []
    else:
        (problem,) = problems
        assert f"{cap}-token output cap" in problem.message
        assert f"at most {cap - 1}" in problem.advice


def test_low_max_output_is_a_warning():
    assert _only({"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "2048"}) == [("warning", "CLAUDE_CODE_MAX_OUTPUT_TOKENS")]


def test_small_fast_region_without_haiku_pin_has_no_effect():
    problems = check_values({"ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "us-west-2"})
    assert [(p.severity, p.key) for p in problems] == [("warning", "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION")]
    assert "no background model is pinned" in problems[0].message
    assert (
        check_values(
            {
                "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "us-west-2",
                "ANTHROPIC_DEFAULT_HAIKU_MODEL": "us.anthropic.claude-haiku-4-5-20251001-v1:0",
            }
        )
        == []
    )


@pytest.mark.parametrize("other", ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"])
def test_bedrock_with_an_anthropic_key_warns(other):
    assert _only({"CLAUDE_CODE_USE_BEDROCK": "1", other: "sk-ant-123"}) == [("warning", other)]
    assert _only({other: "sk-ant-123"}) == []


def test_stale_vertex_switch_warns():
    assert _only({"CLAUDE_CODE_USE_BEDROCK": "1", "CLAUDE_CODE_USE_VERTEX": "1"}) == [
        ("warning", "CLAUDE_CODE_USE_VERTEX")
    ]


@pytest.mark.parametrize(
    ("model", "name", "cap"),
    [
        ("us.anthropic.claude-sonnet-4-20250514-v1:0", "Claude Sonnet 4", 65536),
        ("us.anthropic.claude-opus-4-20250514-v1:0", "Claude Opus 4", 32768),
        ("us.anthropic.claude-opus-4-1-20250805-v1:0", "Claude Opus 4.1", 32768),
        ("us.anthropic.claude-opus-4-5-20251101-v1:0", "Claude Opus 4.5", 65536),
        ("global.anthropic.claude-opus-4-6-v1", "Claude Opus 4.6+", 131072),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5", 65536),
        ("us.anthropic.claude-sonnet-4-6", "Claude Sonnet 4.6+", 131072),
        ("us.anthropic.claude-haiku-4-5-20251001-v1:0", "Claude Haiku 4.5", 65536),
        ("us.anthropic.claude-3-5-haiku-20241022-v1:0", "Claude 3.5 Haiku", 8192),
        ("us.anthropic.claude-3-7-sonnet-20250219-v1:0", "Claude 3.7 Sonnet", 65536),
    ],
)
def test_output_caps_by_model_including_dated_ids(model, name, cap):
    from claude_bedrock_tui.core.model_ids import model_info

    assert model_info(model)[:2] == (name, cap)


def test_spaces_around_a_region_or_model_are_an_error_naming_the_trimmed_value():
    (problem,) = check_values({"AWS_REGION": "eu-west-1\n"})
    assert problem.severity == "error" and "Claude Code trims" in problem.message
    assert problem.advice == "Write 'eu-west-1'."
    problems = check_values({"ANTHROPIC_MODEL": " anthropic.claude-sonnet-4-5-20250929-v1:0 "})
    assert len(problems) == 2 and "bare model ID" in problems[1].message  # the shape is still checked
