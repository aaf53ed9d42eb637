"""The one list of settings Claude Code on Bedrock reads, with what editors, checks and docs need.

`SPECS` is the single source: the editors, offline checks, `show`, profiles (a pydantic model derived
from these specs, see profiles/model.py) and the README read from it. Plain data on purpose: the
command line's fast paths (`show`, `check`) must not pay for importing pydantic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal


class Group(str, Enum):
    SWITCH = "switch"
    CREDENTIALS = "credentials"
    REGION = "region"
    MODELS = "models"
    TOKENS = "tokens"
    ENDPOINT = "endpoint"


class Kind(str, Enum):
    FLAG = "flag"  # "1" turns it on
    REGION = "region"
    MODEL = "model"
    INTEGER = "integer"
    TEXT = "text"
    SECRET = "secret"
    COMMAND = "command"
    URL = "url"
    CHOICE = "choice"  # one of SettingSpec.choices (case-insensitive, as Claude Code reads them)
    HEADERS = "headers"  # "Name: value" lines (ANTHROPIC_CUSTOM_HEADERS)
    PEM_FILE = "pem-file"  # the path of a PEM file (certificates, keys)
    # Settings keys holding JSON other than a string; shown and written as compact JSON text.
    MODEL_LIST = "model-list"
    MODEL_MAP = "model-map"
    BOOLEAN = "boolean"


JSON_KINDS = frozenset({Kind.MODEL_LIST, Kind.MODEL_MAP, Kind.BOOLEAN})


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its name as written in settings files, and what to show and check about it."""

    name: str  # the environment variable, or the settings key when `where` is "key"
    attr: str  # a Python identifier for it (pydantic field names, widget ids)
    group: Group
    kind: Kind
    title: str
    doc: str
    where: Literal["env", "key"] = "env"
    slot: str | None = None  # model slot id (catalog.SLOTS) for model settings
    deprecated: bool = False
    choices: tuple[str, ...] = ()  # Kind.CHOICE: the values Claude Code accepts
    # A setting of the machine's network rather than of one Bedrock setup: a profile sets it when it
    # names it and never removes it (applying a profile must not drop the corporate proxy).
    machine: bool = False

    @property
    def secret(self) -> bool:
        return self.kind is Kind.SECRET

    @property
    def json_valued(self) -> bool:
        return self.kind in JSON_KINDS


def _spec(attr: str, name: str, group: Group, kind: Kind, title: str, doc: str, **extra: Any) -> SettingSpec:
    return SettingSpec(name=name, attr=attr, group=group, kind=kind, title=title, doc=doc, **extra)


SPECS: tuple[SettingSpec, ...] = (
    _spec(
        "use_bedrock",
        "CLAUDE_CODE_USE_BEDROCK",
        Group.SWITCH,
        Kind.FLAG,
        "Use Bedrock",
        "1 turns Claude Code's Amazon Bedrock mode on.",
    ),
    _spec(
        "aws_profile",
        "AWS_PROFILE",
        Group.CREDENTIALS,
        Kind.TEXT,
        "AWS profile",
        "Named profile from ~/.aws/config (static keys, SSO, aws login, credential_process, role).",
    ),
    _spec(
        "access_key_id",
        "AWS_ACCESS_KEY_ID",
        Group.CREDENTIALS,
        Kind.SECRET,
        "Access key ID",
        "Static IAM access key ID.",
    ),
    _spec(
        "secret_access_key",
        "AWS_SECRET_ACCESS_KEY",
        Group.CREDENTIALS,
        Kind.SECRET,
        "Secret access key",
        "Static IAM secret access key.",
    ),
    _spec(
        "session_token",
        "AWS_SESSION_TOKEN",
        Group.CREDENTIALS,
        Kind.SECRET,
        "Session token",
        "Session token for temporary credentials.",
    ),
    _spec(
        "bearer_token",
        "AWS_BEARER_TOKEN_BEDROCK",
        Group.CREDENTIALS,
        Kind.SECRET,
        "Bedrock API key",
        "A Bedrock API key; used instead of SigV4 credentials.",
    ),
    _spec(
        "aws_auth_refresh",
        "awsAuthRefresh",
        Group.CREDENTIALS,
        Kind.COMMAND,
        "Auth refresh command",
        "Run when credentials expire, e.g. `aws sso login --profile X`; its output is shown.",
        where="key",
    ),
    _spec(
        "aws_credential_export",
        "awsCredentialExport",
        Group.CREDENTIALS,
        Kind.COMMAND,
        "Credential export",
        'Prints {"Credentials": {...}}; those credentials are used for Bedrock only.',
        where="key",
    ),
    _spec(
        "skip_auth",
        "CLAUDE_CODE_SKIP_BEDROCK_AUTH",
        Group.ENDPOINT,
        Kind.FLAG,
        "Skip Bedrock auth",
        "1 sends unsigned requests, for gateways that sign for you.",
    ),
    _spec(
        "aws_region",
        "AWS_REGION",
        Group.REGION,
        Kind.REGION,
        "Region",
        "The Bedrock region Claude Code calls.",
    ),
    _spec(
        "aws_default_region",
        "AWS_DEFAULT_REGION",
        Group.REGION,
        Kind.REGION,
        "Default region",
        "Fallback when AWS_REGION is unset (Claude Code >= 2.1.172).",
    ),
    _spec(
        "small_fast_region",
        "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION",
        Group.REGION,
        Kind.REGION,
        "Haiku model region",
        "Region for the Haiku-class background model; needs a Haiku model pinned.",
    ),
    _spec(
        "model",
        "ANTHROPIC_MODEL",
        Group.MODELS,
        Kind.MODEL,
        "Primary model",
        "The main model: an inference profile ID or ARN, or an alias (opus, sonnet, haiku, opusplan).",
        slot="primary",
    ),
    _spec(
        "model_key",
        "model",
        Group.MODELS,
        Kind.MODEL,
        "model setting",
        "The settings key for the primary model; ANTHROPIC_MODEL beats it.",
        where="key",
    ),
    _spec(
        "opus_model",
        "ANTHROPIC_DEFAULT_OPUS_MODEL",
        Group.MODELS,
        Kind.MODEL,
        "Opus model",
        "What the `opus` alias resolves to.",
        slot="opus",
    ),
    _spec(
        "sonnet_model",
        "ANTHROPIC_DEFAULT_SONNET_MODEL",
        Group.MODELS,
        Kind.MODEL,
        "Sonnet model",
        "What the `sonnet` alias resolves to.",
        slot="sonnet",
    ),
    _spec(
        "haiku_model",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL",
        Group.MODELS,
        Kind.MODEL,
        "Haiku model",
        "What `haiku` resolves to; also the background model.",
        slot="haiku",
    ),
    _spec(
        "small_fast_model",
        "ANTHROPIC_SMALL_FAST_MODEL",
        Group.MODELS,
        Kind.MODEL,
        "Small/fast model",
        "Deprecated: use ANTHROPIC_DEFAULT_HAIKU_MODEL.",
        slot="small_fast",
        deprecated=True,
    ),
    _spec(
        "subagent_model",
        "CLAUDE_CODE_SUBAGENT_MODEL",
        Group.MODELS,
        Kind.MODEL,
        "Subagent model",
        "The model subagents use.",
        slot="subagent",
    ),
    _spec(
        "aws_chain_resolve_timeout",
        "CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS",
        Group.CREDENTIALS,
        Kind.INTEGER,
        "AWS chain timeout (ms)",
        "How long Claude Code waits for the AWS credential chain (SSO, credential_process, IMDS).",
    ),
    _spec(
        "skip_aws_cred_cache",
        "CLAUDE_CODE_SKIP_AWS_CRED_CACHE",
        Group.CREDENTIALS,
        Kind.FLAG,
        "Skip credential cache",
        "1 resolves AWS credentials afresh for every request instead of caching them.",
    ),
    _spec(
        "region_prefix",
        "ANTHROPIC_BEDROCK_REGION_PREFIX",
        Group.REGION,
        Kind.CHOICE,
        "Region prefix",
        "The prefix (us, eu, apac, jp, au, global) of Claude Code's own model IDs; ignored in GovCloud.",
        choices=("us", "eu", "apac", "jp", "au", "global"),
    ),
    _spec(
        "default_model",
        "ANTHROPIC_DEFAULT_MODEL",
        Group.MODELS,
        Kind.MODEL,
        "Default model",
        "The model used when neither ANTHROPIC_MODEL nor `model` names one; a user's /model choice beats it.",
    ),
    _spec(
        "disable_1m_context",
        "CLAUDE_CODE_DISABLE_1M_CONTEXT",
        Group.MODELS,
        Kind.FLAG,
        "Disable 1M context",
        "1 keeps every model at its standard context window ([1m] variants are not offered).",
    ),
    _spec(
        "fallback_model",
        "fallbackModel",
        Group.MODELS,
        Kind.MODEL_LIST,
        "Fallback models",
        'Tried in order when the primary model is overloaded; at most 3, e.g. ["us.anthropic...", ...].',
        where="key",
    ),
    _spec(
        "available_models",
        "availableModels",
        Group.MODELS,
        Kind.MODEL_LIST,
        "Available models",
        "The models /model offers; with enforceAvailableModels, the only ones allowed.",
        where="key",
    ),
    _spec(
        "enforce_available_models",
        "enforceAvailableModels",
        Group.MODELS,
        Kind.BOOLEAN,
        "Enforce model list",
        "true refuses any model outside availableModels, including ANTHROPIC_MODEL.",
        where="key",
    ),
    _spec(
        "model_overrides",
        "modelOverrides",
        Group.MODELS,
        Kind.MODEL_MAP,
        "Model overrides",
        'Claude Code\'s own model IDs -> the Bedrock ID to send, e.g. {"claude-opus-4-5-20251101": "arn:..."}.',
        where="key",
    ),
    _spec(
        "max_output_tokens",
        "CLAUDE_CODE_MAX_OUTPUT_TOKENS",
        Group.TOKENS,
        Kind.INTEGER,
        "Max output tokens",
        "Upper bound on each response; must stay below the model's output cap.",
    ),
    _spec(
        "max_thinking_tokens",
        "MAX_THINKING_TOKENS",
        Group.TOKENS,
        Kind.INTEGER,
        "Max thinking tokens",
        "Extended-thinking budget; must stay below max output tokens.",
    ),
    _spec(
        "disable_prompt_caching",
        "DISABLE_PROMPT_CACHING",
        Group.TOKENS,
        Kind.FLAG,
        "Disable prompt caching",
        "1 where prompt caching is not offered (GovCloud, some regions).",
    ),
    _spec(
        "disable_prompt_caching_haiku",
        "DISABLE_PROMPT_CACHING_HAIKU",
        Group.TOKENS,
        Kind.FLAG,
        "Caching off (Haiku)",
        "1 turns prompt caching off for Haiku models only.",
    ),
    _spec(
        "disable_prompt_caching_sonnet",
        "DISABLE_PROMPT_CACHING_SONNET",
        Group.TOKENS,
        Kind.FLAG,
        "Caching off (Sonnet)",
        "1 turns prompt caching off for Sonnet models only.",
    ),
    _spec(
        "disable_prompt_caching_opus",
        "DISABLE_PROMPT_CACHING_OPUS",
        Group.TOKENS,
        Kind.FLAG,
        "Caching off (Opus)",
        "1 turns prompt caching off for Opus models only.",
    ),
    _spec(
        "enable_prompt_caching_1h",
        "ENABLE_PROMPT_CACHING_1H",
        Group.TOKENS,
        Kind.FLAG,
        "1-hour prompt cache",
        "1 asks for the 1-hour cache (written at a higher price) instead of the 5-minute one.",
    ),
    _spec(
        "enable_prompt_caching_1h_bedrock",
        "ENABLE_PROMPT_CACHING_1H_BEDROCK",
        Group.TOKENS,
        Kind.FLAG,
        "1-hour cache (old)",
        "Deprecated: use ENABLE_PROMPT_CACHING_1H.",
        deprecated=True,
    ),
    _spec(
        "force_prompt_caching_5m",
        "FORCE_PROMPT_CACHING_5M",
        Group.TOKENS,
        Kind.FLAG,
        "Force 5-minute cache",
        "1 keeps the 5-minute cache even where the 1-hour one is asked for.",
    ),
    _spec(
        "effort_level",
        "CLAUDE_CODE_EFFORT_LEVEL",
        Group.TOKENS,
        Kind.CHOICE,
        "Effort level",
        "low, medium, high or xhigh (auto/unset: the model's default); beats effortLevel and /effort.",
        choices=("low", "medium", "high", "xhigh", "auto", "unset"),
    ),
    _spec(
        "effort_level_key",
        "effortLevel",
        Group.TOKENS,
        Kind.CHOICE,
        "effortLevel setting",
        "The settings key for the effort level; CLAUDE_CODE_EFFORT_LEVEL beats it.",
        where="key",
        choices=("low", "medium", "high", "xhigh"),
    ),
    _spec(
        "base_url",
        "ANTHROPIC_BEDROCK_BASE_URL",
        Group.ENDPOINT,
        Kind.URL,
        "Runtime endpoint",
        "Overrides the bedrock-runtime endpoint (VPC endpoint, gateway).",
    ),
    _spec(
        "use_mantle",
        "CLAUDE_CODE_USE_MANTLE",
        Group.ENDPOINT,
        Kind.FLAG,
        "Use Bedrock Mantle",
        "1 sends Mantle-format model IDs (anthropic.claude-... without -v1:0) to the Anthropic Messages "
        "endpoint of Bedrock (bedrock-mantle); alone, without CLAUDE_CODE_USE_BEDROCK, it sends everything there.",
    ),
    _spec(
        "mantle_base_url",
        "ANTHROPIC_BEDROCK_MANTLE_BASE_URL",
        Group.ENDPOINT,
        Kind.URL,
        "Mantle endpoint",
        "Overrides https://bedrock-mantle.REGION.api.aws (VPC endpoint, gateway).",
    ),
    _spec(
        "skip_mantle_auth",
        "CLAUDE_CODE_SKIP_MANTLE_AUTH",
        Group.ENDPOINT,
        Kind.FLAG,
        "Skip Mantle auth",
        "1 sends unsigned Mantle requests, for gateways that sign for you.",
    ),
    _spec(
        "service_tier",
        "ANTHROPIC_BEDROCK_SERVICE_TIER",
        Group.ENDPOINT,
        Kind.CHOICE,
        "Service tier",
        "default, flex (cheaper, slower) or priority; sent as the X-Amzn-Bedrock-Service-Tier header.",
        choices=("default", "flex", "priority"),
    ),
    _spec(
        "custom_headers",
        "ANTHROPIC_CUSTOM_HEADERS",
        Group.ENDPOINT,
        Kind.HEADERS,
        "Custom headers",
        "Extra request headers, one `Name: value` a line; Bedrock Guardrails are switched on with "
        "X-Amzn-Bedrock-GuardrailIdentifier and X-Amzn-Bedrock-GuardrailVersion.",
    ),
    _spec(
        "api_timeout",
        "API_TIMEOUT_MS",
        Group.ENDPOINT,
        Kind.INTEGER,
        "Request timeout (ms)",
        "How long one request may take before Claude Code gives up (default 600000).",
        machine=True,
    ),
    _spec(
        "https_proxy",
        "HTTPS_PROXY",
        Group.ENDPOINT,
        Kind.URL,
        "HTTPS proxy",
        "The corporate proxy for HTTPS requests, e.g. http://proxy.corp:8080. Put it in settings `env`: "
        "background agents miss a shell-only export.",
        machine=True,
    ),
    _spec(
        "http_proxy",
        "HTTP_PROXY",
        Group.ENDPOINT,
        Kind.URL,
        "HTTP proxy",
        "The proxy for plain HTTP requests (and HTTPS ones when HTTPS_PROXY is unset).",
        machine=True,
    ),
    _spec(
        "no_proxy",
        "NO_PROXY",
        Group.ENDPOINT,
        Kind.TEXT,
        "No proxy for",
        "Hosts reached directly, comma-separated (e.g. localhost,.corp.example,169.254.169.254).",
        machine=True,
    ),
    _spec(
        "extra_ca_certs",
        "NODE_EXTRA_CA_CERTS",
        Group.ENDPOINT,
        Kind.PEM_FILE,
        "Extra CA certificates",
        "A PEM file of CA certificates to trust besides the system's (a TLS-inspecting proxy's CA).",
        machine=True,
    ),
    _spec(
        "client_cert",
        "CLAUDE_CODE_CLIENT_CERT",
        Group.ENDPOINT,
        Kind.PEM_FILE,
        "Client certificate",
        "A PEM client certificate for mutual TLS.",
        machine=True,
    ),
    _spec(
        "client_key",
        "CLAUDE_CODE_CLIENT_KEY",
        Group.ENDPOINT,
        Kind.PEM_FILE,
        "Client key",
        "The PEM private key of the client certificate.",
        machine=True,
    ),
    _spec(
        "client_key_passphrase",
        "CLAUDE_CODE_CLIENT_KEY_PASSPHRASE",
        Group.ENDPOINT,
        Kind.SECRET,
        "Client key passphrase",
        "The passphrase of an encrypted client key.",
    ),
)
SPEC_BY_NAME: dict[str, SettingSpec] = {spec.name: spec for spec in SPECS}
ENV_NAMES: tuple[str, ...] = tuple(s.name for s in SPECS if s.where == "env")
KEY_NAMES: tuple[str, ...] = tuple(s.name for s in SPECS if s.where == "key")
SECRET_NAMES: frozenset[str] = frozenset(s.name for s in SPECS if s.secret)

# Variables that are not Bedrock settings of ours but change what happens: shown and checked.
RELATED_ENV = (
    "CLAUDE_CODE_USE_VERTEX",
    "CLAUDE_CODE_USE_FOUNDRY",
    "CLAUDE_CODE_USE_ANTHROPIC_AWS",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_ENDPOINT_URL_BEDROCK",
    "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
    "AWS_ENDPOINT_URL_STS",
    "AWS_CA_BUNDLE",
    "CLAUDE_CONFIG_DIR",
)
RELATED_SECRETS = frozenset({"ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"})


def is_secret(name: str) -> bool:
    return name in SECRET_NAMES or name in RELATED_SECRETS


def key_text(name: str, raw: Any) -> str | None:
    """A settings key's value as text: a string as written, JSON other than a string as compact JSON
    for the keys that hold it (fallbackModel, availableModels, ...), else None (not a value we read)."""
    spec = SPEC_BY_NAME.get(name)
    if isinstance(raw, str):
        return raw
    if spec is not None and spec.json_valued and raw is not None:
        return json.dumps(raw, separators=(",", ":"), ensure_ascii=False)
    return None


def stored_value(name: str, text: str) -> Any:
    """What to write into a settings file for `text`: parsed JSON for the JSON-valued keys (ValueError
    when it is not JSON), the text itself otherwise."""
    spec = SPEC_BY_NAME.get(name)
    if spec is not None and spec.json_valued:
        return json.loads(text)
    return text
