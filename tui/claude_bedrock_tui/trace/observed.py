"""What a recorded run shows Claude Code did: each request classified, with model, region and credentials."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claude_bedrock_tui.standin.calls import RecordedRequest
from claude_bedrock_tui.trace.runner import HOOK_MARKER, ClaudeRun

INVOKES = ("InvokeModel", "InvokeModelWithResponseStream", "CreateMessage")  # CreateMessage: Bedrock Mantle


BEDROCK_HEADER = "x-amzn-bedrock-"  # the headers compared: service tier, guardrails


@dataclass(frozen=True)
class SentRequest:
    kind: str  # listing | probe | conversation | background | other
    operation: str
    model_id: str | None
    region: str | None
    auth: str  # sigv4 | bearer | none
    credential: str | None  # the access key ID (SigV4) or the Bearer token
    headers: tuple[tuple[str, str], ...] = ()  # the x-amzn-bedrock-* headers sent, sorted

    @property
    def endpoint(self) -> str:
        return "mantle" if self.operation == "CreateMessage" else "runtime"

    def credential_label(self) -> str:
        if self.auth == "bearer":
            return "API key"
        if self.auth == "none":
            return "unsigned"
        return self.credential or "?"


def _first_user_text(body: dict[str, Any] | None) -> str:
    messages = (body or {}).get("messages") or []
    if not messages or not isinstance(messages[0], dict):
        return ""
    content = messages[0].get("content")
    if isinstance(content, list):
        return " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return str(content or "")


def classify(request: RecordedRequest) -> SentRequest:
    body = request.body if isinstance(request.body, dict) else None
    if request.operation == "ListInferenceProfiles":
        kind = "listing"
    elif request.operation in INVOKES:
        if body is not None and body.get("max_tokens") == 1:
            kind = "probe"
        elif HOOK_MARKER in _first_user_text(body):
            kind = "background"
        elif body is not None and body.get("tools"):
            kind = "conversation"
        else:
            kind = "other"
    else:
        kind = "other"
    credential = request.access_key_id if request.auth == "sigv4" else request.api_key
    bedrock_headers = tuple(sorted((k, v) for k, v in request.headers.items() if k.startswith(BEDROCK_HEADER)))
    return SentRequest(
        kind, request.operation, request.model_id, request.region, request.auth, credential, bedrock_headers
    )


@dataclass(frozen=True)
class Observed:
    """A run, summarised as the conformance suite and `trace` compare it."""

    run: ClaudeRun
    requests: tuple[SentRequest, ...]

    @classmethod
    def of(cls, run: ClaudeRun) -> Observed:
        return cls(run, tuple(classify(r) for r in run.requests))

    def of_kind(self, kind: str) -> list[SentRequest]:
        return [r for r in self.requests if r.kind == kind]

    @property
    def conversation(self) -> SentRequest | None:
        found = self.of_kind("conversation")
        return found[-1] if found else None

    @property
    def background(self) -> SentRequest | None:
        found = self.of_kind("background")
        return found[0] if found else None

    @property
    def probes(self) -> list[SentRequest]:
        return self.of_kind("probe")

    @property
    def warnings(self) -> list[str]:
        return [line.strip() for line in self.run.stderr.splitlines() if "not available" in line]
