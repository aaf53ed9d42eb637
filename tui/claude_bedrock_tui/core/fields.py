"""The one list of settings Claude Code on Bedrock reads, with what editors, checks and docs need.

`SPECS` is the single source: the editors, offline checks, `show`, profiles (a pydantic model derived
from these specs, see profiles/model.py) and the README read from it. Plain data on purpose: the
command line's fast paths (`show`, `check`) must not pay for importing pydantic.
"""

from __future__ import annotations

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

    @property
    def secret(self) -> bool:
        return self.kind is Kind.SECRET


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
        "Credential export command",
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
        "base_url",
        "ANTHROPIC_BEDROCK_BASE_URL",
        Group.ENDPOINT,
        Kind.URL,
        "Runtime endpoint",
        "Overrides the bedrock-runtime endpoint (VPC endpoint, gateway).",
    ),
)
SPEC_BY_NAME: dict[str, SettingSpec] = {spec.name: spec for spec in SPECS}
ENV_NAMES: tuple[str, ...] = tuple(s.name for s in SPECS if s.where == "env")
KEY_NAMES: tuple[str, ...] = tuple(s.name for s in SPECS if s.where == "key")
SECRET_NAMES: frozenset[str] = frozenset(s.name for s in SPECS if s.secret)

# Variables that are not Bedrock settings of ours but change what happens: shown and checked.
RELATED_ENV = (
    "CLAUDE_CODE_USE_VERTEX",
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
