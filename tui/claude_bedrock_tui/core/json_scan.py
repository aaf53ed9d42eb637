"""Where each member of a settings file starts and ends, found at the speed of one json parse.

Edits and masking only ever touch the top-level members and the members of top-level objects
(`env`, `permissions`, ...), so only those two levels are walked here; every deeper value is handed
whole to the standard library's C decoder, which checks it and says where it ends. A later scan of the
edited text can reuse those ends (`hints`), so checking an edited 50 MB file costs no second parse.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from claude_bedrock_tui.core.json_depth import MAX_DEPTH, TOO_DEEP, nesting_depth, too_deep_offset
from claude_bedrock_tui.core.records import at

# Possessive quantifiers: an unterminated string must fail fast, not backtrack exponentially.
STRING = re.compile(r'"(?:[^"\\\x00-\x1f]++|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*+"')
NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
WHITESPACE = re.compile(r"[ \t\n\r]*")
LITERALS = ("true", "false", "null")
_AFTER_NUMBER = re.compile(r"[A-Za-z0-9_.+-]")
_BLANK = re.compile(r"[ \t\n\r\ufeff]*")


def is_blank(text: str) -> bool:
    """Only whitespace (or a byte-order mark): checked without copying a big text as str.strip() would."""
    return _BLANK.match(text).end() == len(text)  # type: ignore[union-attr]


class JsonEditError(ValueError):
    """The text is not a strict JSON object, or a member to edit inside is not an object."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        super().__init__(message + at(line, column))


class TooDeep(JsonEditError):
    """Nested deeper than json_depth.MAX_DEPTH."""


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def error_at(text: str, offset: int, message: str) -> JsonEditError:
    return JsonEditError(message, *position(text, offset))


@dataclass
class ObjectSpan:
    """Where an object sits in the text, and its members."""

    open: int  # offset of "{"
    close: int  # offset of "}"
    members: list[MemberSpan] = field(default_factory=list)


@dataclass
class MemberSpan:
    """Where one member's key and value sit in the text."""

    key: str
    key_start: int
    key_end: int
    value_start: int
    value_end: int
    value: ObjectSpan | None  # the scanned object, for objects at the top level only
    value_kind: str  # "{", "[", "string", "number" or "literal"


@dataclass
class Scan:
    """The top-level object, where each deeper value ends (hints for the next scan) and, when it was
    decoded by this scan, its value (start offset -> value), from which document_data rebuilds the data."""

    root: ObjectSpan
    deep_ends: dict[int, int]
    deep_values: dict[int, Any] = field(default_factory=dict, repr=False)


class _Broken(Exception):
    """The fast scan cannot go on; the slow explainer says why (json_diagnose)."""


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


class _Scanner:
    def __init__(self, text: str, hints: dict[int, int] | None) -> None:
        self.text = text
        self.hints = hints or {}
        self.deep_ends: dict[int, int] = {}
        self.deep_values: dict[int, Any] = {}

    def space(self, i: int) -> int:
        return WHITESPACE.match(self.text, i).end()  # type: ignore[union-attr]

    def document(self) -> ObjectSpan:
        text = self.text
        i = self.space(1 if text.startswith("\ufeff") else 0)
        if not text.startswith("{", i):
            raise _Broken()
        root, end = self.object(i, depth=1)
        if self.space(end) != len(text):
            raise _Broken()
        return root

    def object(self, i: int, depth: int) -> tuple[ObjectSpan, int]:
        text = self.text
        obj = ObjectSpan(open=i, close=-1)
        i = self.space(i + 1)
        if text.startswith("}", i):
            obj.close = i
            return obj, i + 1
        while True:
            match = STRING.match(text, i)
            if match is None:
                raise _Broken()
            raw_key = match.group()
            key = raw_key[1:-1] if "\\" not in raw_key else json.loads(raw_key)
            colon = self.space(match.end())
            if not text.startswith(":", colon):
                raise _Broken()
            start = self.space(colon + 1)
            if depth == 1 and text.startswith("{", start):
                value, end = self.object(start, depth + 1)
                kind = "{"
            else:
                value = None
                end, kind = self.value(start, depth)
            obj.members.append(MemberSpan(key, i, match.end(), start, end, value, kind))
            i = self.space(end)
            if text.startswith("}", i):
                obj.close = i
                return obj, i + 1
            if not text.startswith(",", i):
                raise _Broken()
            i = self.space(i + 1)

    def value(self, i: int, depth: int) -> tuple[int, str]:
        """End and kind of the value at `i`, inside `depth` containers."""
        text = self.text
        ch = text[i : i + 1]
        if ch == '"':
            match = STRING.match(text, i)
            if match is None:
                raise _Broken()
            return match.end(), "string"
        if ch and ch in "-0123456789":
            match = NUMBER.match(text, i)
            if match is None or _AFTER_NUMBER.match(text, match.end()):
                raise _Broken()
            return match.end(), "number"
        if ch in ("{", "["):
            end = self.hints.get(i)
            if end is None:
                try:
                    value, end = _DECODER.raw_decode(text, i)
                except RecursionError:
                    raise _too_deep(text, i, depth) from None
                except ValueError:
                    raise _Broken() from None
                if nesting_depth(value, MAX_DEPTH - depth) > MAX_DEPTH - depth:
                    raise _too_deep(text, i, depth)
                self.deep_values[i] = value
            self.deep_ends[i] = end
            return end, ch
        for word in LITERALS:
            if text.startswith(word, i):
                end = i + len(word)
                if text[end : end + 1].isalnum() or text[end : end + 1] == "_":
                    raise _Broken()
                return end, "literal"
        raise _Broken()


def _too_deep(text: str, start: int, depth: int) -> TooDeep:
    offset = too_deep_offset(text, start, depth)
    return TooDeep(TOO_DEEP[0].upper() + TOO_DEEP[1:], *position(text, start if offset is None else offset))


def scan(text: str, hints: dict[int, int] | None = None) -> Scan:
    """The member positions of a strict JSON object text; raises JsonEditError with line and column."""
    scanner = _Scanner(text, hints)
    try:
        root = scanner.document()
    except _Broken:
        from claude_bedrock_tui.core.json_diagnose import explain

        raise explain(text) or JsonEditError("Not a valid JSON object") from None
    return Scan(root, scanner.deep_ends, scanner.deep_values)


def document_data(text: str, found: Scan) -> dict[str, Any]:
    """The decoded document, as json.loads gives it (the last of duplicate keys wins), without a second parse."""

    def value_of(member: MemberSpan) -> Any:
        if member.value is not None:
            return {inner.key: value_of(inner) for inner in member.value.members}
        if member.value_start in found.deep_values:
            return found.deep_values[member.value_start]
        return json.loads(text[member.value_start : member.value_end])

    return {member.key: value_of(member) for member in found.root.members}
