"""The one model of a Bedrock setup: every setting Claude Code reads, with what editors and docs need.

`BedrockSetup` is the pydantic model; `SPECS` is derived from its field metadata, so the editors, the
validation messages, `show` and the documentation all read from the same list of keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


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


def _setting(
    name: str,
    group: Group,
    kind: Kind,
    title: str,
    doc: str,
    *,
    where: Literal["env", "key"] = "env",
    slot: str | None = None,
    deprecated: bool = False,
) -> Any:
    return Field(
        default=None,
        alias=name,
        title=title,
        description=doc,
        json_schema_extra={
            "group": group.value,
            "kind": kind.value,
            "where": where,
            "slot": slot,
            "deprecated": deprecated,
        },
    )


class BedrockSetup(BaseModel):
    """What Claude Code on Bedrock is configured with; values are strings, as in settings `env`."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True)

    use_bedrock: str | None = _setting(
        "CLAUDE_CODE_USE_BEDROCK", Group.SWITCH, Kind.FLAG, "Use Bedrock",
        "1 turns Claude Code's Amazon Bedrock mode on.")
    # credentials
    aws_profile: str | None = _setting(
        "AWS_PROFILE", Group.CREDENTIALS, Kind.TEXT, "AWS profile",
        "Named profile from ~/.aws/config (static keys, SSO, aws login, credential_process, role).")
    access_key_id: str | None = _setting(
        "AWS_ACCESS_KEY_ID", Group.CREDENTIALS, Kind.SECRET, "Access key ID", "Static IAM access key ID.")
    secret_access_key: str | None = _setting(
        "AWS_SECRET_ACCESS_KEY", Group.CREDENTIALS, Kind.SECRET, "Secret access key",
        "Static IAM secret access key.")
    session_token: str | None = _setting(
        "AWS_SESSION_TOKEN", Group.CREDENTIALS, Kind.SECRET, "Session token",
        "Session token for temporary credentials.")
    bearer_token: str | None = _setting(
        "AWS_BEARER_TOKEN_BEDROCK", Group.CREDENTIALS, Kind.SECRET, "Bedrock API key",
        "A Bedrock API key; used instead of SigV4 credentials.")
    aws_auth_refresh: str | None = _setting(
        "awsAuthRefresh", Group.CREDENTIALS, Kind.COMMAND, "Auth refresh command",
        "Run when credentials expire, e.g. `aws sso login --profile X`; its output is shown.",
        where="key")
    aws_credential_export: str | None = _setting(
        "awsCredentialExport", Group.CREDENTIALS, Kind.COMMAND, "Credential export command",
        'Prints {"Credentials": {...}}; those credentials are used for Bedrock only.', where="key")
    skip_auth: str | None = _setting(
        "CLAUDE_CODE_SKIP_BEDROCK_AUTH", Group.ENDPOINT, Kind.FLAG, "Skip Bedrock auth",
        "1 sends unsigned requests, for gateways that sign for you.")
    # region
    aws_region: str | None = _setting(
        "AWS_REGION", Group.REGION, Kind.REGION, "Region",
        "The Bedrock region Claude Code calls.")
    aws_default_region: str | None = _setting(
        "AWS_DEFAULT_REGION", Group.REGION, Kind.REGION, "Default region",
        "Fallback when AWS_REGION is unset (Claude Code >= 2.1.172).")
    small_fast_region: str | None = _setting(
        "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION", Group.REGION, Kind.REGION, "Haiku model region",
        "Region for the Haiku-class background model; needs a Haiku model pinned.")
    # models
    model: str | None = _setting(
        "ANTHROPIC_MODEL", Group.MODELS, Kind.MODEL, "Primary model",
        "The main model: an inference profile ID or ARN, or an alias (opus, sonnet, haiku, opusplan).",
        slot="primary")
    model_key: str | None = _setting(
        "model", Group.MODELS, Kind.MODEL, "model setting",
        "The settings key for the primary model; ANTHROPIC_MODEL beats it.", where="key")
    opus_model: str | None = _setting(
        "ANTHROPIC_DEFAULT_OPUS_MODEL", Group.MODELS, Kind.MODEL, "Opus model",
        "What the `opus` alias resolves to.", slot="opus")
    sonnet_model: str | None = _setting(
        "ANTHROPIC_DEFAULT_SONNET_MODEL", Group.MODELS, Kind.MODEL, "Sonnet model",
        "What the `sonnet` alias resolves to.", slot="sonnet")
    haiku_model: str | None = _setting(
        "ANTHROPIC_DEFAULT_HAIKU_MODEL", Group.MODELS, Kind.MODEL, "Haiku model",
        "What `haiku` resolves to; also the background model.", slot="haiku")
    small_fast_model: str | None = _setting(
        "ANTHROPIC_SMALL_FAST_MODEL", Group.MODELS, Kind.MODEL, "Small/fast model",
        "Deprecated: use ANTHROPIC_DEFAULT_HAIKU_MODEL.", slot="small_fast", deprecated=True)
    subagent_model: str | None = _setting(
        "CLAUDE_CODE_SUBAGENT_MODEL", Group.MODELS, Kind.MODEL, "Subagent model",
        "The model subagents use.", slot="subagent")
    # tokens
    max_output_tokens: str | None = _setting(
        "CLAUDE_CODE_MAX_OUTPUT_TOKENS", Group.TOKENS, Kind.INTEGER, "Max output tokens",
        "Upper bound on each response; must stay below the model's output cap.")
    max_thinking_tokens: str | None = _setting(
        "MAX_THINKING_TOKENS", Group.TOKENS, Kind.INTEGER, "Max thinking tokens",
        "Extended-thinking budget; must stay below max output tokens.")
    disable_prompt_caching: str | None = _setting(
        "DISABLE_PROMPT_CACHING", Group.TOKENS, Kind.FLAG, "Disable prompt caching",
        "1 where prompt caching is not offered (GovCloud, some regions).")
    # endpoint
    base_url: str | None = _setting(
        "ANTHROPIC_BEDROCK_BASE_URL", Group.ENDPOINT, Kind.URL, "Runtime endpoint",
        "Overrides the bedrock-runtime endpoint (VPC endpoint, gateway).")


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its name as written in settings files, and what to show and check about it."""

    name: str
    attr: str
    group: Group
    kind: Kind
    title: str
    doc: str
    where: Literal["env", "key"]
    slot: str | None
    deprecated: bool

    @property
    def secret(self) -> bool:
        return self.kind is Kind.SECRET


def _specs() -> tuple[SettingSpec, ...]:
    specs = []
    for attr, info in BedrockSetup.model_fields.items():
        extra = info.json_schema_extra or {}
        specs.append(
            SettingSpec(
                name=info.alias or attr,
                attr=attr,
                group=Group(extra["group"]),
                kind=Kind(extra["kind"]),
                title=info.title or attr,
                doc=info.description or "",
                where=extra["where"],
                slot=extra["slot"],
                deprecated=bool(extra["deprecated"]),
            )
        )
    return tuple(specs)


SPECS: tuple[SettingSpec, ...] = _specs()
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


def is_known_name(name: str) -> bool:
    return name in SPEC_BY_NAME


def is_secret(name: str) -> bool:
    return name in SECRET_NAMES or name in RELATED_SECRETS
