"""Where Claude Code sends a Bedrock request and which Bedrock headers it adds: Mantle routing, the service
tier and custom headers (guardrails). Measured against the stand-in (docs/claude-code-behaviour.md, "Mantle",
"Headers")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.claude_code.rules import RuleBook, always, register

MANTLE_ROUTING = always(
    "mantle-routing",
    "With Bedrock and CLAUDE_CODE_USE_MANTLE on, a model ID anthropic.claude-... without a -vN(:N) suffix goes "
    "to Bedrock Mantle (POST {ANTHROPIC_BEDROCK_MANTLE_BASE_URL}/v1/messages, signed for bedrock-mantle); every "
    "other ID to bedrock-runtime.",
    True,
)
CUSTOM_HEADERS = always(
    "custom-headers",
    "ANTHROPIC_CUSTOM_HEADERS is split into lines (\\n or \\r\\n); a line's name and value are trimmed at the first "
    "colon, lines without one are skipped; the headers go on every Bedrock request, probes and Mantle included.",
    True,
)
SERVICE_TIER_HEADER = always(
    "service-tier-header",
    "A non-empty ANTHROPIC_BEDROCK_SERVICE_TIER is sent as X-Amzn-Bedrock-Service-Tier exactly as written (case "
    "kept, not checked) on bedrock-runtime conversation requests; not on the start-up probes, not to Mantle.",
    True,
)
register(MANTLE_ROUTING, CUSTOM_HEADERS, SERVICE_TIER_HEADER)

SERVICE_TIER = "x-amzn-bedrock-service-tier"


def header_lines(value: str | None) -> list[tuple[str, str] | str]:
    """ANTHROPIC_CUSTOM_HEADERS split as Claude Code splits it: a line each (\n or \r\n), name and value
    trimmed at the first colon; a line without a colon or a name is skipped by Claude Code (kept here as
    its text, for the checks). Blank lines are dropped."""
    out: list[tuple[str, str] | str] = []
    for line in (value or "").replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        name, colon, rest = line.partition(":")
        out.append((name.strip(), rest.strip()) if colon and name.strip() else line)
    return out


def custom_headers(value: str | None) -> dict[str, str]:
    """ANTHROPIC_CUSTOM_HEADERS as Claude Code parses it (names as written, last one wins)."""
    return dict(item for item in header_lines(value) if isinstance(item, tuple))


@dataclass(frozen=True)
class RequestShape:
    """The conversation request's endpoint and headers, and the headers of the start-up probes."""

    endpoint: str  # "runtime" | "mantle"
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    probe_headers: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"endpoint": self.endpoint, "headers": dict(self.headers), "probe_headers": dict(self.probe_headers)}


def to_mantle(env: Mapping[str, str], model_id: str) -> bool:
    """Does Claude Code, with Bedrock on, send `model_id` to Bedrock Mantle (MANTLE_ROUTING)?"""
    return is_truthy(env.get("CLAUDE_CODE_USE_MANTLE")) and model_ids.is_mantle_id(model_id)


def predict_request(env: Mapping[str, str], conversation_model: str, book: RuleBook) -> RequestShape:
    mantle = to_mantle(env, conversation_model)
    book(MANTLE_ROUTING)
    extra = {k.lower(): v for k, v in custom_headers(env.get("ANTHROPIC_CUSTOM_HEADERS")).items()}
    book(CUSTOM_HEADERS)
    headers = dict(extra)
    book(SERVICE_TIER_HEADER)
    if (tier := env.get("ANTHROPIC_BEDROCK_SERVICE_TIER")) and not mantle:
        headers[SERVICE_TIER] = tier
    return RequestShape("mantle" if mantle else "runtime", headers, extra)
