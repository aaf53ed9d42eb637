"""The Bedrock settings of today's Claude Code (issue 12): one list, show with origins and shadows, offline
checks with advice, version notes, writes of JSON-valued keys, profiles and export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claude_bedrock_tui.core.fields import SPEC_BY_NAME, key_text, stored_value
from claude_bedrock_tui.core.value_checks import check_value, check_values, guardrail_of
from claude_bedrock_tui.profiles.model import PROFILE_SETTING_NAMES
from cli_helpers import cli
from settings_helpers import home, user_settings

SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
NEW_ENV = (
    "CLAUDE_CODE_USE_MANTLE",
    "ANTHROPIC_BEDROCK_MANTLE_BASE_URL",
    "CLAUDE_CODE_SKIP_MANTLE_AUTH",
    "ANTHROPIC_BEDROCK_SERVICE_TIER",
    "ANTHROPIC_BEDROCK_REGION_PREFIX",
    "ENABLE_PROMPT_CACHING_1H",
    "ENABLE_PROMPT_CACHING_1H_BEDROCK",
    "FORCE_PROMPT_CACHING_5M",
    "DISABLE_PROMPT_CACHING_HAIKU",
    "DISABLE_PROMPT_CACHING_SONNET",
    "DISABLE_PROMPT_CACHING_OPUS",
    "ANTHROPIC_DEFAULT_MODEL",
    "CLAUDE_CODE_DISABLE_1M_CONTEXT",
    "CLAUDE_CODE_EFFORT_LEVEL",
    "ANTHROPIC_CUSTOM_HEADERS",
    "CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS",
    "CLAUDE_CODE_SKIP_AWS_CRED_CACHE",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "NO_PROXY",
    "NODE_EXTRA_CA_CERTS",
    "CLAUDE_CODE_CLIENT_CERT",
    "CLAUDE_CODE_CLIENT_KEY",
    "CLAUDE_CODE_CLIENT_KEY_PASSPHRASE",
    "API_TIMEOUT_MS",
)
NEW_KEYS = ("fallbackModel", "availableModels", "enforceAvailableModels", "modelOverrides", "effortLevel")
GUARDRAIL = "X-Amzn-Bedrock-GuardrailIdentifier: gr-abc123\nX-Amzn-Bedrock-GuardrailVersion: 2\nX-Team: infra"
# A self-signed certificate's PEM shape (the check reads the armour, not the DER inside).
PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2VydA==\n-----END CERTIFICATE-----\n"
PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n"


def test_every_new_setting_is_in_the_one_list():
    for name in NEW_ENV:
        assert SPEC_BY_NAME[name].where == "env", name
    for name in NEW_KEYS:
        assert SPEC_BY_NAME[name].where == "key", name
    assert SPEC_BY_NAME["CLAUDE_CODE_CLIENT_KEY_PASSPHRASE"].secret
    assert set(NEW_ENV + NEW_KEYS) - {"CLAUDE_CODE_CLIENT_KEY_PASSPHRASE"} <= set(PROFILE_SETTING_NAMES)


@pytest.mark.parametrize(
    ("name", "value", "severity", "advice"),
    [
        ("ANTHROPIC_BEDROCK_SERVICE_TIER", "premium", "error", "sends it as written"),
        ("ANTHROPIC_BEDROCK_SERVICE_TIER", "Priority", "warning", "'priority'"),
        ("ANTHROPIC_BEDROCK_REGION_PREFIX", "Global ", "warning", "'global'"),
        ("ANTHROPIC_BEDROCK_REGION_PREFIX", "europe", "error", "us, eu, apac"),
        ("CLAUDE_CODE_EFFORT_LEVEL", "max", "error", "low, medium, high"),
        ("effortLevel", "auto", "error", "low, medium, high, xhigh"),
        ("ANTHROPIC_BEDROCK_MANTLE_BASE_URL", "bedrock-mantle.us-east-1.api.aws", "error", "full URL"),
        ("HTTPS_PROXY", "proxy.corp:8080", "error", "http://proxy.example.com:8080"),
        ("CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS", "5s", "error", "digits only"),
        ("ANTHROPIC_CUSTOM_HEADERS", "X-Amzn-Bedrock-GuardrailIdentifier: gr-1", "error", "GuardrailVersion: 1"),
        ("ANTHROPIC_CUSTOM_HEADERS", "X-Amzn-Bedrock-GuardrailVersion: 1", "warning", "GuardrailIdentifier"),
        ("ANTHROPIC_CUSTOM_HEADERS", "a header without a colon", "error", "one header a line"),
        (
            "ANTHROPIC_CUSTOM_HEADERS",
            "X-Amzn-Bedrock-GuardrailIdentifier: g\nX-Amzn-Bedrock-GuardrailVersion: v2",
            "error",
            "DRAFT",
        ),
        ("fallbackModel", "us.anthropic.claude-sonnet", "error", "Write JSON"),
        ("fallbackModel", json.dumps(["anthropic.claude-sonnet-4-5-20250929-v1:0"]), "error", "inference profile ID"),
        ("fallbackModel", json.dumps([SONNET, HAIKU, SONNET, HAIKU]), "warning", "three"),
        ("availableModels", json.dumps({"a": 1}), "error", "Write JSON, e.g. ["),
        ("modelOverrides", json.dumps({"claude-opus-4-5-20251101": "claude-opus-4-5"}), "error", "inference profile"),
        ("enforceAvailableModels", '"yes"', "error", "true or false"),
        ("ANTHROPIC_DEFAULT_MODEL", "anthropic.claude-sonnet-4-5", "error", "CLAUDE_CODE_USE_MANTLE=1"),
        ("ANTHROPIC_DEFAULT_MODEL", "haiku", "warning", "ignores an alias"),
    ],
)
def test_bad_values_get_a_verdict_and_advice(name, value, severity, advice):
    (problem,) = check_value(name, value)
    assert problem.severity == severity and problem.key == name
    assert advice in problem.advice + problem.message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ANTHROPIC_BEDROCK_SERVICE_TIER", "flex"),
        ("CLAUDE_CODE_EFFORT_LEVEL", "High"),
        ("ANTHROPIC_BEDROCK_REGION_PREFIX", "global"),
        ("CLAUDE_CODE_EFFORT_LEVEL", "auto"),
        ("ANTHROPIC_CUSTOM_HEADERS", GUARDRAIL),
        ("ANTHROPIC_CUSTOM_HEADERS", "X-Amzn-Bedrock-GuardrailIdentifier: g\nX-Amzn-Bedrock-GuardrailVersion: DRAFT"),
        ("fallbackModel", json.dumps([SONNET, "sonnet", "default"])),
        ("availableModels", json.dumps(["opus", "opus-4-5", SONNET])),
        ("modelOverrides", json.dumps({"claude-opus-4-5-20251101": SONNET})),
        ("enforceAvailableModels", "true"),
        ("HTTPS_PROXY", "http://proxy.corp:8080"),
    ],
)
def test_good_values_pass(name, value):
    assert check_value(name, value) == []


def test_guardrail_headers_are_read_case_insensitively_among_others():
    assert guardrail_of(GUARDRAIL) == ("gr-abc123", "2")
    assert guardrail_of("x-amzn-bedrock-guardrailidentifier: arn:aws:bedrock:us-east-1:1:guardrail/x") == (
        "arn:aws:bedrock:us-east-1:1:guardrail/x",
        None,
    )
    assert guardrail_of(None) == (None, None)


def test_mantle_ids_are_fine_once_mantle_is_on():
    values = {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "CLAUDE_CODE_USE_MANTLE": "1",
        "ANTHROPIC_MODEL": "anthropic.claude-sonnet-4-5",
    }
    assert [p for p in check_values(values) if p.key == "ANTHROPIC_MODEL"] == []
    (problem,) = [p for p in check_values({**values, "CLAUDE_CODE_USE_MANTLE": "0"}) if p.key == "ANTHROPIC_MODEL"]
    assert "Mantle" in problem.message


def test_pem_files_exist_and_parse(tmp_path: Path):
    cert, key, der = tmp_path / "ca.pem", tmp_path / "client.key", tmp_path / "ca.der"
    cert.write_text(PEM_CERT)
    key.write_text(PEM_KEY)
    der.write_bytes(b"\x30\x82\x01\xb3\x30\x82")
    assert check_value("NODE_EXTRA_CA_CERTS", str(cert)) == []
    assert check_value("CLAUDE_CODE_CLIENT_KEY", str(key)) == []
    (missing,) = check_value("NODE_EXTRA_CA_CERTS", str(tmp_path / "nope.pem"))
    assert missing.severity == "error" and "does not exist" in missing.message
    (not_pem,) = check_value("CLAUDE_CODE_CLIENT_CERT", str(der))
    assert "no PEM certificate" in not_pem.message and "openssl" in not_pem.advice
    (swapped,) = check_value("CLAUDE_CODE_CLIENT_KEY", str(cert))
    assert "holds CERTIFICATE" in swapped.message
    (relative,) = check_value("NODE_EXTRA_CA_CERTS", "ca.pem")
    assert relative.severity == "warning" and "absolute" in relative.advice


@pytest.mark.parametrize(
    ("values", "key", "words"),
    [
        ({"CLAUDE_CODE_USE_BEDROCK": "1", "CLAUDE_CODE_USE_FOUNDRY": "1"}, "CLAUDE_CODE_USE_FOUNDRY", "picks Bedrock"),
        (
            {"CLAUDE_CODE_USE_BEDROCK": "1", "CLAUDE_CODE_USE_ANTHROPIC_AWS": "1"},
            "CLAUDE_CODE_USE_ANTHROPIC_AWS",
            "picks Bedrock",
        ),
        ({"CLAUDE_CODE_USE_MANTLE": "1"}, "CLAUDE_CODE_USE_MANTLE", "every request goes to Bedrock Mantle"),
        ({"ENABLE_PROMPT_CACHING_1H_BEDROCK": "1"}, "ENABLE_PROMPT_CACHING_1H_BEDROCK", "deprecated"),
        ({"ENABLE_PROMPT_CACHING_1H": "1", "FORCE_PROMPT_CACHING_5M": "1"}, "FORCE_PROMPT_CACHING_5M", "5-minute"),
        ({"ENABLE_PROMPT_CACHING_1H": "1", "DISABLE_PROMPT_CACHING": "1"}, "ENABLE_PROMPT_CACHING_1H", "no effect"),
        ({"enforceAvailableModels": "true"}, "enforceAvailableModels", "availableModels is not set"),
        (
            {"AWS_REGION": "us-gov-west-1", "ANTHROPIC_BEDROCK_REGION_PREFIX": "us"},
            "ANTHROPIC_BEDROCK_REGION_PREFIX",
            "GovCloud",
        ),
    ],
)
def test_combinations(values, key, words):
    found = [p for p in check_values(values) if p.key == key]
    assert found and words in found[0].message


def test_json_keys_round_trip_as_text():
    assert key_text("fallbackModel", [SONNET]) == f'["{SONNET}"]'
    assert key_text("enforceAvailableModels", True) == "true"
    assert key_text("awsAuthRefresh", ["not", "a", "string"]) is None
    assert stored_value("modelOverrides", '{"a": "b"}') == {"a": "b"}
    assert stored_value("AWS_REGION", "true") == "true"
    with pytest.raises(ValueError):
        stored_value("fallbackModel", "[oops")


def test_show_json_has_origins_shadows_and_version_notes(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://shell-proxy:3128")
    monkeypatch.setenv("ANTHROPIC_BEDROCK_SERVICE_TIER", "flex")
    user_settings(
        {
            "env": {
                "CLAUDE_CODE_USE_BEDROCK": "1",
                "ANTHROPIC_BEDROCK_SERVICE_TIER": "priority",
                "ANTHROPIC_BEDROCK_REGION_PREFIX": "eu",
                "ANTHROPIC_CUSTOM_HEADERS": GUARDRAIL,
            },
            "fallbackModel": [SONNET],
            "enforceAvailableModels": True,
            "availableModels": ["sonnet"],
        }
    )
    data = cli("show", "--json", "--claude-version", "2.1.197").json()
    tier = data["effective"]["ANTHROPIC_BEDROCK_SERVICE_TIER"]
    assert tier["value"] == "priority" and tier["origin"] == "user"
    assert tier["shadowed"] == [{"origin": "shell", "value": "flex"}]
    assert data["effective"]["fallbackModel"]["value"] == f'["{SONNET}"]'
    assert data["effective"]["enforceAvailableModels"]["value"] == "true"
    prefix = data["effective"]["ANTHROPIC_BEDROCK_REGION_PREFIX"]
    assert "Claude Code 2.1.197 does not read it" in prefix["note"]
    messages = [p["message"] for p in data["problems"]]
    assert any(
        "ANTHROPIC_BEDROCK_REGION_PREFIX is set, but Claude Code 2.1.197 does not read it" in m for m in messages
    )
    assert any(m.startswith("HTTPS_PROXY is exported only in the shell") for m in messages)
    newer = cli("show", "--json", "--claude-version", "2.1.332").json()
    assert "does not read" not in newer["effective"]["ANTHROPIC_BEDROCK_REGION_PREFIX"].get("note", "")
    assert not any("does not read" in p["message"] for p in newer["problems"])


def test_set_writes_json_keys_as_json_and_refuses_what_is_not():
    user_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}})
    done = cli("set", "--no-validate", f'fallbackModel=["{SONNET}"]', "enforceAvailableModels=false")
    assert done.code == 0, done.err
    written = json.loads((home() / ".claude" / "settings.json").read_text())
    assert written["fallbackModel"] == [SONNET] and written["enforceAvailableModels"] is False
    refused = cli("set", "--no-validate", "fallbackModel=[oops")
    assert refused.code == 2 and "not JSON" in refused.err and "Traceback" not in refused.err
    assert json.loads((home() / ".claude" / "settings.json").read_text()) == written


def test_export_and_profiles_carry_the_new_settings():
    user_settings(
        {
            "env": {
                "CLAUDE_CODE_USE_BEDROCK": "1",
                "AWS_REGION": "us-east-1",
                "ANTHROPIC_BEDROCK_SERVICE_TIER": "flex",
                "HTTPS_PROXY": "http://proxy.corp:8080",
            },
            "modelOverrides": {"claude-opus-4-5-20251101": SONNET},
        }
    )
    exported = cli("export", "--format", "json")
    assert exported.code == 0, exported.err
    assert "ANTHROPIC_BEDROCK_SERVICE_TIER" in exported.out and "HTTPS_PROXY" in exported.out
    assert cli("profile", "save", "cheap").code == 0
    shown = cli("profile", "show", "cheap")
    assert "flex" in shown.out and "claude-opus-4-5-20251101" in shown.out


def test_applying_a_profile_keeps_the_machines_proxy():
    user_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1"}})
    assert cli("profile", "save", "plain").code == 0
    user_settings(
        {
            "env": {
                "CLAUDE_CODE_USE_BEDROCK": "1",
                "AWS_REGION": "us-east-1",
                "HTTPS_PROXY": "http://proxy:3128",
                "ANTHROPIC_BEDROCK_SERVICE_TIER": "flex",
            }
        }
    )
    done = cli("profile", "apply", "plain", "--no-validate")
    assert done.code == 0, done.err
    env = json.loads((home() / ".claude" / "settings.json").read_text())["env"]
    assert env["HTTPS_PROXY"] == "http://proxy:3128"  # the machine's network is not the profile's
    assert "ANTHROPIC_BEDROCK_SERVICE_TIER" not in env and env["AWS_REGION"] == "eu-west-1"


def test_the_request_shape_claude_code_will_send():
    from claude_bedrock_tui.core.claude_code.requests import custom_headers, predict_request
    from claude_bedrock_tui.core.claude_code.rules import parse_version, rulebook_for

    book = rulebook_for(parse_version("2.1.332"), "test")
    assert custom_headers(" A : 1 \r\nno colon\r\n\r\n: empty name\nB:2") == {"A": "1", "B": "2"}
    env = {"ANTHROPIC_CUSTOM_HEADERS": GUARDRAIL, "ANTHROPIC_BEDROCK_SERVICE_TIER": "Flex"}
    runtime = predict_request(env, SONNET, book)
    assert runtime.endpoint == "runtime"
    assert runtime.headers["x-amzn-bedrock-service-tier"] == "Flex"  # as written
    assert runtime.probe_headers == {
        "x-amzn-bedrock-guardrailidentifier": "gr-abc123",
        "x-amzn-bedrock-guardrailversion": "2",
        "x-team": "infra",
    }
    mantle = predict_request({**env, "CLAUDE_CODE_USE_MANTLE": "1"}, "anthropic.claude-sonnet-4-5", book)
    assert mantle.endpoint == "mantle" and "x-amzn-bedrock-service-tier" not in mantle.headers
    assert predict_request({**env, "CLAUDE_CODE_USE_MANTLE": "1"}, SONNET, book).endpoint == "runtime"
    assert {"request-shape", "mantle-routing"} & book.used == {"mantle-routing"}


def test_show_json_says_where_the_conversation_goes(monkeypatch):
    monkeypatch.setenv("CLAUDE_CODE_USE_BEDROCK", "1")
    monkeypatch.setenv("CLAUDE_CODE_USE_MANTLE", "1")
    monkeypatch.setenv("ANTHROPIC_MODEL", "anthropic.claude-opus-4-7")
    data = cli("show", "--json").json()
    assert data["request"]["endpoint"] == "mantle"
    assert not [p for p in data["problems"] if p.get("key") == "ANTHROPIC_MODEL" and p["severity"] == "error"]


def test_show_json_masks_a_secret_header(monkeypatch):
    monkeypatch.setenv("CLAUDE_CODE_USE_BEDROCK", "1")
    monkeypatch.setenv("ANTHROPIC_CUSTOM_HEADERS", "Authorization: Bearer gateway-token-0123456789\nX-Team: infra")
    data = cli("show", "--json").json()
    assert data["request"]["headers"]["x-team"] == "infra"
    assert "gateway-token" not in json.dumps(data) and data["request"]["headers"]["authorization"] == "****"


def test_default_model_variable_is_the_primary_for_2_1_332_only(monkeypatch):
    monkeypatch.setenv("CLAUDE_CODE_USE_BEDROCK", "1")
    user_settings({"env": {"ANTHROPIC_DEFAULT_MODEL": HAIKU}})
    newer = cli("show", "--json", "--claude-version", "2.1.332").json()
    primary = newer["effective"]["ANTHROPIC_MODEL"]
    assert (primary["value"], primary["origin"], primary["note"]) == (HAIKU, "user", "from ANTHROPIC_DEFAULT_MODEL")
    assert newer["models"]["primary"]["configured_by"] == "ANTHROPIC_DEFAULT_MODEL"
    older = cli("show", "--json", "--claude-version", "2.1.197").json()
    assert older["models"]["primary"]["resolved"] != HAIKU and older["not_read"] == ["ANTHROPIC_DEFAULT_MODEL"]


def test_bedrock_off_turns_mantle_off_too(monkeypatch):
    monkeypatch.setenv("CLAUDE_CODE_USE_MANTLE", "1")
    user_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"}})
    assert cli("profile", "apply", "off", "--no-validate").code == 0
    env = json.loads((home() / ".claude" / "settings.json").read_text())["env"]
    assert "CLAUDE_CODE_USE_BEDROCK" not in env and env["CLAUDE_CODE_USE_MANTLE"] == ""  # cancels the export


def test_unsetting_bedrock_alone_says_mantle_stays_on():
    user_settings({"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "CLAUDE_CODE_USE_MANTLE": "1"}})
    done = cli("unset", "CLAUDE_CODE_USE_BEDROCK")
    assert done.code == 0, done.err
    assert "CLAUDE_CODE_USE_MANTLE stays on" in done.err
    env = json.loads((home() / ".claude" / "settings.json").read_text())["env"]
    assert env == {"CLAUDE_CODE_USE_MANTLE": "1"}


def test_show_names_the_endpoint_and_the_bedrock_headers(monkeypatch):
    monkeypatch.setenv("CLAUDE_CODE_USE_BEDROCK", "1")
    monkeypatch.setenv("ANTHROPIC_BEDROCK_SERVICE_TIER", "flex")
    text = cli("show").out
    assert "endpoint          bedrock-runtime" in text and "x-amzn-bedrock-service-tier: flex" in text
