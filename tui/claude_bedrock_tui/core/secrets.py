"""Secrets: which values hold one, and masking them wherever they are shown, exported or diffed.

A value is a secret when its setting is one (core/fields.is_secret: the keys and tokens), or when it
carries one inside: a key or token in a command (`awsCredentialExport`, `awsAuthRefresh`), a password
in a URL (`https://user:pass@host`), a credential header in ANTHROPIC_CUSTOM_HEADERS. Both kinds are
masked the same way and refused in the shared project scope the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from claude_bedrock_tui.core.fields import is_secret

MASK = "****"

# Names that say "the value is a secret" inside a command or a header: NAME=value, --name value, Name: value.
_SECRET_WORD = r"(?:secret|token|password|passwd|api[-_]?key|access[-_]?key(?:[-_]?id)?)"
_HEADER_WORD = rf"(?:{_SECRET_WORD}|auth|cookie|signature)"
_EMBEDDED = (
    # URL user info: scheme://user:PASSWORD@host
    re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^/\s:@]*:(?P<secret>[^/\s@]+)@"),
    # VAR=value and VAR: value where the name says secret (AWS_SECRET_ACCESS_KEY=..., aws_session_token = ...)
    re.compile(rf"(?i)\b[a-z0-9_]*{_SECRET_WORD}[a-z0-9_]*\s*[=:]\s*(['\"]?)(?P<secret>[^\s'\"]+)\1"),
    # --flag value and --flag=value where the flag says secret (--secret-access-key, --token, --password)
    re.compile(
        rf"(?i)(?<![\w-])--?[a-z0-9-]*{_SECRET_WORD}[a-z0-9-]*(?:=|\s+)(['\"]?)(?P<secret>[^\s'\"-][^\s'\"]*)\1"
    ),
    # `aws configure set aws_secret_access_key VALUE`
    re.compile(r"(?i)\baws_(?:secret_access_key|session_token|access_key_id)\s+(['\"]?)(?P<secret>[^\s'\"]+)\1"),
    # Authorization schemes
    re.compile(r"(?i)\b(?:bearer|basic)\s+(?P<secret>[a-z0-9._~+/=-]{8,})"),
    # Token shapes that are secrets wherever they appear: Bedrock API keys (short- and long-term),
    # Anthropic keys, AWS access key IDs.
    re.compile(r"(?P<secret>\bbedrock-api-key-[A-Za-z0-9+/=_%.-]+|\bABSK[A-Za-z0-9+/=]{16,}|\bsk-ant-[\w-]{8,})"),
    re.compile(r"\b(?P<secret>(?:AKIA|ASIA)[A-Z0-9]{16})\b"),
)
# One header per line, "Name: value"; a header whose name says secret is masked whole.
_HEADER = re.compile(rf"(?im)^[ \t]*[!-9;-~]*{_HEADER_WORD}[!-9;-~]*[ \t]*:[ \t]*(?P<secret>[^\r\n]*\S)")
HEADERS_VARIABLE = "ANTHROPIC_CUSTOM_HEADERS"


def mask(value: str) -> str:
    """At most the last 4 characters survive; short secrets show none."""
    if not value:
        return value
    tail = value[-4:] if len(value) >= 12 else ""
    return f"{MASK}{tail}"


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def secret_spans(name: str, value: str | None) -> list[tuple[int, int]]:
    """Where the secrets are in a setting's value: all of it for a secret setting, else the parts found."""
    if not value:
        return []
    if is_secret(name):
        return [(0, len(value))]
    patterns = _EMBEDDED + ((_HEADER,) if name == HEADERS_VARIABLE else ())
    return _merged(
        match.span("secret") for pattern in patterns for match in pattern.finditer(value) if match.group("secret")
    )


def holds_secret(name: str, value: str | None) -> bool:
    """Whether a setting's value is, or carries, a secret (refused in the shared project scope)."""
    return bool(secret_spans(name, value))


def shown(name: str, value: str | None, *, reveal: bool = False) -> str | None:
    """The value as it may be displayed for a setting called `name`."""
    if value is None or reveal:
        return value
    if is_secret(name):
        return mask(value)
    spans = secret_spans(name, value)
    for start, end in reversed(spans):
        value = value[:start] + MASK + value[end:]
    return value


def masked_json(text: str, members: Iterable[Any] | None = None) -> str:
    """Settings JSON text with the raw text of every secret member replaced by its masked value.

    Every occurrence counts: duplicate keys, escaped spellings (`\\/`, `\\u0041`), every `env` object.
    `members` (json_edit.member_values) saves a scan when the caller already has one. A text that is
    not valid JSON is masked line by line instead.
    """
    from claude_bedrock_tui.core.json_edit import JsonEditError, member_values
    from claude_bedrock_tui.core.json_scan import is_blank

    if members is None:
        try:
            members = [] if is_blank(text) else member_values(text)
        except JsonEditError:
            return _masked_loosely(text)
    replacements = []
    for member in members:
        if member.kind == "string":
            value = json.loads(text[member.start : member.end])
            masked = shown(member.key, value)
            if masked != value:
                replacements.append((member.start, member.end, json.dumps(masked, ensure_ascii=False)))
        elif is_secret(member.key) and member.kind in ("number", "literal"):
            replacements.append((member.start, member.end, json.dumps(MASK)))
    for start, end, masked_text in sorted(replacements, reverse=True):
        text = text[:start] + masked_text + text[end:]
    return text


_LOOSE_MEMBER = re.compile(r'"(?P<key>(?:[^"\\]|\\.)*)"\s*:\s*(?P<value>"(?:[^"\\]|\\.)*"?)')


def _masked_loosely(text: str) -> str:
    """Best effort for broken JSON: every "key": "value" whose key or value is secret, and loose tokens."""

    def member(match: re.Match[str]) -> str:
        try:
            key = json.loads(f'"{match.group("key")}"')
            value = json.loads(match.group("value"))
        except ValueError:
            key, value = match.group("key"), match.group("value").strip('"')
        masked = shown(key, value)
        if masked == value:
            return match.group()
        return match.group()[: match.start("value") - match.start()] + json.dumps(masked, ensure_ascii=False)

    text = _LOOSE_MEMBER.sub(member, text)
    return shown("", text) or text
