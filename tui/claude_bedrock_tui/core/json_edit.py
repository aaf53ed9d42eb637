"""Surgical edits of settings.json text: change only the requested members, keep every other byte.

A small scanner finds where each member starts and ends; edits splice text at those positions, so
key order, indentation, line endings, escapes and keys we do not know (hooks, permissions, ...) survive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Any = _Remove()
"""Edit value meaning "delete this member" (every occurrence, if the key is duplicated)."""


class JsonEditError(ValueError):
    """The text is not a strict JSON object, or a member to edit inside is not an object."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        where = f" (line {line}, column {column})" if line is not None else ""
        super().__init__(message + where)


_JSON_WHITESPACE = " \t\n\r"
# Possessive quantifiers: an unterminated string must fail fast, not backtrack exponentially.
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]++|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*+"')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LITERALS = ("true", "false", "null")
_PUNCTUATION = "{}[]:,"
_MAX_DEPTH = 500
_KIND_NAMES = {"string": "a string", "number": "a number", "literal": "true, false or null", "[": "a list"}


@dataclass(frozen=True)
class _Token:
    kind: str  # one of "{}[]:,", "string", "number", "literal"
    start: int
    end: int


@dataclass
class _Object:
    open: int  # offset of "{"
    close: int  # offset of "}"
    members: list[_Member] = field(default_factory=list)


@dataclass
class _Member:
    key: str
    key_start: int
    key_end: int
    value_start: int
    value_end: int
    value: _Object | None  # the parsed object when the value is one; None for anything else
    value_kind: str


@dataclass(frozen=True)
class _Document:
    root: _Object
    style: _Style


@dataclass(frozen=True)
class _Style:
    """The file's layout habits, read once from the text as given (later edits can hide them)."""

    newline: str
    indent_unit: str
    key_separator: str


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _error(text: str, offset: int, message: str) -> JsonEditError:
    return JsonEditError(message, *_position(text, offset))


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
        i = _WHITESPACE.match(text, i).end()
        if i >= length:
            return tokens
        ch = text[i]
        if ch in _PUNCTUATION:
            tokens.append(_Token(ch, i, i + 1))
            i += 1
        elif ch == '"':
            match = _STRING.match(text, i)
            if match is None:
                raise _error(text, *_string_problem(text, i))
            tokens.append(_Token("string", i, match.end()))
            i = match.end()
        elif ch in "-0123456789":
            match = _NUMBER.match(text, i)
            end = match.end() if match else i
            if match is None or (end < length and (text[end].isalnum() or text[end] in ".+-")):
                raise _error(text, i, "Invalid number")
            tokens.append(_Token("number", i, end))
            i = end
        else:
            literal = next((word for word in _LITERALS if text.startswith(word, i)), None)
            end = i + len(literal) if literal else i
            if literal is None or (end < length and (text[end].isalnum() or text[end] == "_")):
                raise _error(text, i, _unexpected_character(text, i))
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
    """Recursive descent over the tokens; records member positions of every object."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0

    def _next(self, expected: str) -> _Token:
        if self.index >= len(self.tokens):
            raise _error(self.text, len(self.text), f"Unexpected end of file (expected {expected})")
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _peek_kind(self) -> str | None:
        return self.tokens[self.index].kind if self.index < len(self.tokens) else None

    def parse_document(self) -> _Object:
        if not self.tokens or self.tokens[0].kind != "{":
            offset = self.tokens[0].start if self.tokens else len(self.text)
            raise _error(self.text, offset, "A settings file must hold one JSON object: { ... }")
        root = self._parse_object(self._next("{"), depth=1)
        if self.index < len(self.tokens):
            raise _error(self.text, self.tokens[self.index].start, "Unexpected content after the closing '}'")
        return root

    def _parse_value(self, depth: int) -> tuple[_Token, int, _Object | None]:
        """Parse one value; return its first token, its end offset and the object if it is one."""
        if depth > _MAX_DEPTH:
            raise _error(self.text, self.tokens[self.index - 1].start, "Nested too deeply")
        token = self._next("a value")
        if token.kind == "{":
            obj = self._parse_object(token, depth + 1)
            return token, obj.close + 1, obj
        if token.kind == "[":
            return token, self._parse_array(depth + 1), None
        if token.kind in ("string", "number", "literal"):
            return token, token.end, None
        raise _error(self.text, token.start, f"Expected a value, found {token.kind!r}")

    def _parse_object(self, open_token: _Token, depth: int) -> _Object:
        obj = _Object(open=open_token.start, close=-1)
        comma: _Token | None = None
        if self._peek_kind() == "}":
            obj.close = self._next("}").start
            return obj
        while True:
            key = self._next("a member name")
            if key.kind == "}" and comma is not None:
                raise _error(self.text, comma.start, "Trailing comma before '}' (not allowed in JSON)")
            if key.kind != "string":
                raise _error(self.text, key.start, "Expected a member name in double quotes")
            colon = self._next("':'")
            if colon.kind != ":":
                raise _error(self.text, colon.start, "Expected ':' after the member name")
            first, end, value = self._parse_value(depth)
            name = json.loads(self.text[key.start : key.end])
            obj.members.append(_Member(name, key.start, key.end, first.start, end, value, first.kind))
            comma = self._next("',' or '}'")
            if comma.kind == "}":
                obj.close = comma.start
                return obj
            if comma.kind != ",":
                raise _error(self.text, comma.start, "Expected ',' or '}' after a member (is a comma missing?)")

    def _parse_array(self, depth: int) -> int:
        if self._peek_kind() == "]":
            return self._next("]").end
        while True:
            self._parse_value(depth)
            separator = self._next("',' or ']'")
            if separator.kind == "]":
                return separator.end
            if separator.kind != ",":
                raise _error(self.text, separator.start, "Expected ',' or ']' in a list (is a comma missing?)")
            if self._peek_kind() == "]":
                raise _error(self.text, separator.start, "Trailing comma before ']' (not allowed in JSON)")


def _line_indent(text: str, offset: int) -> str:
    """The whitespace that starts the line holding `offset`."""
    line_start = text.rfind("\n", 0, offset) + 1
    end = line_start
    while end < offset and text[end] in " \t":
        end += 1
    return text[line_start:end]


def _gap_before(text: str, obj: _Object, index: int) -> str:
    """Text between the previous member (or the "{") and member `index`'s key: shows the layout."""
    members = obj.members
    start = members[index - 1].value_end if index > 0 else obj.open + 1
    return text[start : members[index].key_start]


def _parse(text: str, style: _Style | None = None) -> _Document:
    root = _Parser(text).parse_document()
    return _Document(root, style or _detect_style(text, root))


def _detect_style(text: str, root: _Object) -> _Style:
    newline_at = text.find("\n")
    newline = "\r\n" if newline_at > 0 and text[newline_at - 1] == "\r" else "\n"
    unit = "  "
    key_separator = ": "
    if root.members:
        first = root.members[0]
        if "\n" in text[root.open + 1 : first.key_start]:
            outer = _line_indent(text, root.open)
            inner = _line_indent(text, first.key_start)
            unit = (inner[len(outer) :] if inner.startswith(outer) else inner) or unit
        separator = text[first.key_end : first.value_start]
        if "\n" not in separator and "\r" not in separator:
            key_separator = separator
    return _Style(newline, unit, key_separator)


def _render(value: Any, indent: str, doc: _Document, multiline: bool) -> str:
    """JSON for a value; containers follow the surrounding layout."""
    if multiline and isinstance(value, (dict, list)) and value:
        pretty = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=doc.style.indent_unit)
        return pretty.replace("\n", doc.style.newline + indent)
    separators = (", ", ": ") if doc.style.key_separator.endswith(" ") else (",", ":")
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=separators)


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def _set_member(text: str, doc: _Document, obj: _Object, key: str, value: Any, multiline_parent: bool) -> str:
    existing = [member for member in obj.members if member.key == key]
    if existing:
        last = existing[-1]  # JSON.parse keeps the last duplicate, so that is the one that counts
        old_text = text[last.value_start : last.value_end]
        if _canonical(json.loads(old_text)) == _canonical(value):
            return text
        multiline = "\n" in _gap_before(text, obj, obj.members.index(last))
        rendered = _render(value, _line_indent(text, last.key_start), doc, multiline)
        return text[: last.value_start] + rendered + text[last.value_end :]

    key_text = json.dumps(key, ensure_ascii=False)
    if not obj.members:
        inner = text[obj.open + 1 : obj.close]
        if "\n" in inner or obj is doc.root or multiline_parent:
            outer = _line_indent(text, obj.open)
            indent = outer + doc.style.indent_unit
            member = key_text + doc.style.key_separator + _render(value, indent, doc, multiline=True)
            body = doc.style.newline + indent + member + doc.style.newline + outer
        else:
            body = key_text + doc.style.key_separator + _render(value, "", doc, multiline=False)
        return text[: obj.open + 1] + body + text[obj.close :]

    last = obj.members[-1]
    key_separator = text[last.key_end : last.value_start]
    if "\n" in key_separator or "\r" in key_separator:
        key_separator = doc.style.key_separator
    gap = _gap_before(text, obj, len(obj.members) - 1)
    if "\n" in gap:
        indent = _line_indent(text, last.key_start)
        rendered = _render(value, indent, doc, multiline=True)
        insertion = "," + doc.style.newline + indent + key_text + key_separator + rendered
    else:
        item_separator = gap if len(obj.members) > 1 else ("," + " " * key_separator.endswith(" "))
        insertion = item_separator + key_text + key_separator + _render(value, "", doc, multiline=False)
    return text[: last.value_end] + insertion + text[last.value_end :]


def _remove_member(text: str, obj: _Object, index: int) -> str:
    """Delete one member and exactly one neighbouring comma."""
    members = obj.members
    member = members[index]
    if len(members) == 1:
        return text[: obj.open + 1] + text[obj.close :]
    if index < len(members) - 1:
        return text[: member.key_start] + text[members[index + 1].key_start :]
    return text[: members[index - 1].value_end] + text[member.value_end :]


def _container(text: str, doc: _Document, path: tuple[str, ...]) -> tuple[_Object | None, bool]:
    """The object that holds the last key of `path` (None if its parent is absent) and whether its
    parent is laid out over several lines."""
    if len(path) == 1:
        return doc.root, True
    parents = [member for member in doc.root.members if member.key == path[0]]
    if not parents:
        return None, False
    parent = parents[-1]
    if parent.value is None:
        found = _KIND_NAMES[parent.value_kind]
        raise _error(text, parent.value_start, f'"{path[0]}" must be a JSON object {{...}}, but it is {found}')
    return parent.value, "\n" in _gap_before(text, doc.root, doc.root.members.index(parent))


def _apply_one(text: str, path: tuple[str, ...], value: Any, style: _Style) -> str:
    doc = _parse(text, style)
    obj, multiline_parent = _container(text, doc, path)
    if value is REMOVE:
        # Duplicates: remove every occurrence, re-scanning after each cut.
        while obj is not None:
            indexes = [i for i, member in enumerate(obj.members) if member.key == path[-1]]
            if not indexes:
                break
            text = _remove_member(text, obj, indexes[-1])
            obj, _ = _container(text, _parse(text, style), path)
        return text
    if obj is None:
        text = _set_member(text, doc, doc.root, path[0], {}, multiline_parent=True)
        doc = _parse(text, style)
        obj, multiline_parent = _container(text, doc, path)
        assert obj is not None
    return _set_member(text, doc, obj, path[-1], value, multiline_parent)


def _check_path(path: object) -> tuple[str, ...]:
    if not isinstance(path, tuple) or not 1 <= len(path) <= 2 or not all(isinstance(k, str) for k in path):
        raise TypeError(f"edit paths are tuples of one or two keys, like ('env', 'AWS_REGION'); got {path!r}")
    return path


def apply_edits(text: str, edits: Mapping[tuple[str, ...], Any]) -> str:
    """Apply set/REMOVE edits in order and return the new text; everything else is kept byte for byte.

    Raises JsonEditError (with line and column) if `text` is not a strict JSON object.
    """
    paths = [_check_path(path) for path in edits]
    blank = text.strip(_JSON_WHITESPACE + "\ufeff") == ""
    # A new (or empty) file starts as a pretty-printed empty object with a final newline.
    base = "{}\n" if blank else text
    result = base
    style = _parse(result).style  # also rejects a broken file when there is nothing to change
    for path in paths:
        result = _apply_one(result, path, edits[path], style)
    return text if result == base else result
