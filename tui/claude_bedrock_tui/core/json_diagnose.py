"""Explaining why a text is not a strict JSON object: the line, the column and the likely mistake.

Slow (a token list and recursive descent), so it runs only once the fast scan (json_scan) has failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claude_bedrock_tui.core.json_depth import MAX_DEPTH, TOO_DEEP
from claude_bedrock_tui.core.json_scan import LITERALS, NUMBER, STRING, WHITESPACE, JsonEditError, error_at

_PUNCTUATION = "{}[]:,"


@dataclass(frozen=True)
class _Token:
    kind: str  # one of "{}[]:,", "string", "number", "literal"
    start: int
    end: int


def _string_problem(text: str, start: int) -> tuple[int, str]:
    """Explain why the string starting at `start` does not scan."""
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == '"':
            break
        if ch < " ":
            return i, "Control character inside a string (write it as an escape such as \\n or \\t)"
        if ch == "\\":
            escape = text[i + 1 : i + 2]
            if escape == "u":
                if not re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2 : i + 6]):
                    return i, "Invalid \\u escape in a string (needs 4 hex digits)"
                i += 6
                continue
            if escape == "" or escape not in '"\\/bfnrt':
                return i, f"Invalid escape \\{escape} in a string"
            i += 2
            continue
        i += 1
    return start, "Unterminated string (missing closing double quote)"


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    # A byte-order mark from a Windows editor is tolerated (and kept) at the very start.
    i = 1 if text.startswith("\ufeff") else 0
    length = len(text)
    while True:
        i = WHITESPACE.match(text, i).end()  # type: ignore[union-attr]  # the pattern matches ""
        if i >= length:
            return tokens
        ch = text[i]
        if ch in _PUNCTUATION:
            tokens.append(_Token(ch, i, i + 1))
            i += 1
        elif ch == '"':
            match = STRING.match(text, i)
            if match is None:
                raise error_at(text, *_string_problem(text, i))
            tokens.append(_Token("string", i, match.end()))
            i = match.end()
        elif ch in "-0123456789":
            match = NUMBER.match(text, i)
            end = match.end() if match else i
            if match is None or (end < length and (text[end].isalnum() or text[end] in ".+-")):
                raise error_at(text, i, "Invalid number")
            tokens.append(_Token("number", i, end))
            i = end
        else:
            literal = next((word for word in LITERALS if text.startswith(word, i)), None)
            end = i + len(literal) if literal else i
            if literal is None or (end < length and (text[end].isalnum() or text[end] == "_")):
                raise error_at(text, i, _unexpected_character(text, i))
            tokens.append(_Token("literal", i, end))
            i = end


def _unexpected_character(text: str, i: int) -> str:
    if text.startswith(("//", "/*"), i):
        return "Comments are not allowed in settings files (strict JSON)"
    if text[i] == "'":
        return "Strings must use double quotes, not single quotes"
    word = re.match(r"[A-Za-z_$][\w$]*", text[i:])
    if word:
        return f"Unexpected word {word.group()!r} (names need double quotes; only true, false, null are allowed)"
    return f"Unexpected character {text[i]!r}"


class _Parser:
    """Recursive descent over every token: slow, used only to explain what is wrong with a broken text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0

    def _next(self, expected: str) -> _Token:
        if self.index >= len(self.tokens):
            raise error_at(self.text, len(self.text), f"Unexpected end of file (expected {expected})")
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _peek_kind(self) -> str | None:
        return self.tokens[self.index].kind if self.index < len(self.tokens) else None

    def parse_document(self) -> None:
        if not self.tokens or self.tokens[0].kind != "{":
            offset = self.tokens[0].start if self.tokens else len(self.text)
            raise error_at(self.text, offset, "A settings file must hold one JSON object: { ... }")
        self._parse_object(self._next("{"), depth=1)
        if self.index < len(self.tokens):
            raise error_at(self.text, self.tokens[self.index].start, "Unexpected content after the closing '}'")

    def _parse_value(self, depth: int) -> None:
        """Parse one value inside `depth` containers."""
        token = self._next("a value")
        if token.kind in "{[" and depth >= MAX_DEPTH:
            raise error_at(self.text, token.start, TOO_DEEP[0].upper() + TOO_DEEP[1:])
        if token.kind == "{":
            self._parse_object(token, depth + 1)
        elif token.kind == "[":
            self._parse_array(depth + 1)
        elif token.kind not in ("string", "number", "literal"):
            raise error_at(self.text, token.start, f"Expected a value, found {token.kind!r}")

    def _parse_object(self, open_token: _Token, depth: int) -> None:
        comma: _Token | None = None
        if self._peek_kind() == "}":
            self._next("}")
            return
        while True:
            key = self._next("a member name")
            if key.kind == "}" and comma is not None:
                raise error_at(self.text, comma.start, "Trailing comma before '}' (not allowed in JSON)")
            if key.kind != "string":
                raise error_at(self.text, key.start, "Expected a member name in double quotes")
            colon = self._next("':'")
            if colon.kind != ":":
                raise error_at(self.text, colon.start, "Expected ':' after the member name")
            self._parse_value(depth)
            comma = self._next("',' or '}'")
            if comma.kind == "}":
                return
            if comma.kind != ",":
                raise error_at(self.text, comma.start, "Expected ',' or '}' after a member (is a comma missing?)")

    def _parse_array(self, depth: int) -> None:
        if self._peek_kind() == "]":
            self._next("]")
            return
        while True:
            self._parse_value(depth)
            separator = self._next("',' or ']'")
            if separator.kind == "]":
                return
            if separator.kind != ",":
                raise error_at(self.text, separator.start, "Expected ',' or ']' in a list (is a comma missing?)")
            if self._peek_kind() == "]":
                raise error_at(self.text, separator.start, "Trailing comma before ']' (not allowed in JSON)")


def explain(text: str) -> JsonEditError | None:
    """The first problem in `text` as an error with line and column; None if the text is a JSON object."""
    try:
        _Parser(text).parse_document()
    except JsonEditError as exc:
        return exc
    return None
