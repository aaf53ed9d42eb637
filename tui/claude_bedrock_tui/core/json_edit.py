"""Surgical edits of settings.json text: change only the requested members, keep every other byte.

The scan (json_scan) finds where each member starts and ends; edits splice text at those positions,
so key order, indentation, line endings, escapes and keys we do not know (hooks, permissions, ...)
survive. Edits work on a skeleton without the deeper values, so a big file costs one parse, not one per edit.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from claude_bedrock_tui.core.json_scan import JsonEditError, MemberSpan, ObjectSpan, Scan, error_at, is_blank, scan

__all__ = ["REMOVE", "Edited", "JsonEditError", "MemberValue", "apply_edits", "edit_text", "member_values"]


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Any = _Remove()
"""Edit value meaning "delete this member" (every occurrence, if the key is duplicated)."""

_KIND_NAMES = {"string": "a string", "number": "a number", "literal": "true, false or null", "[": "a list"}


@dataclass(frozen=True)
class _Style:
    """The file's layout habits, read once from the text as given (later edits can hide them)."""

    newline: str
    indent_unit: str
    key_separator: str


@dataclass(frozen=True)
class MemberValue:
    """Where one member's value sits in the text: a top-level member (parent None) or one level down."""

    parent: str | None
    key: str
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Edited:
    """The new text, and the members of the text before and after (for masking without another parse)."""

    text: str
    before: list[MemberValue]
    after: list[MemberValue]


def member_values(text: str, found: Scan | None = None) -> list[MemberValue]:
    """Every top-level member and every member of a top-level object, duplicates included."""
    root = (found or scan(text)).root
    values = []
    for member in root.members:
        values.append(MemberValue(None, member.key, member.value_start, member.value_end, member.value_kind))
        if member.value is not None:
            values.extend(
                MemberValue(member.key, inner.key, inner.value_start, inner.value_end, inner.value_kind)
                for inner in member.value.members
            )
    return values


def _line_indent(text: str, offset: int) -> str:
    """The whitespace that starts the line holding `offset`."""
    line_start = text.rfind("\n", 0, offset) + 1
    end = line_start
    while end < offset and text[end] in " \t":
        end += 1
    return text[line_start:end]


def _gap_before(text: str, obj: ObjectSpan, index: int) -> str:
    """Text between the previous member (or the "{") and member `index`'s key: shows the layout."""
    members = obj.members
    start = members[index - 1].value_end if index > 0 else obj.open + 1
    return text[start : members[index].key_start]


def _detect_style(text: str, root: ObjectSpan) -> _Style:
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


def _render(value: Any, indent: str, style: _Style, multiline: bool) -> str:
    """JSON for a value; containers follow the surrounding layout."""
    if multiline and isinstance(value, (dict, list)) and value:
        pretty = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=style.indent_unit)
        return pretty.replace("\n", style.newline + indent)
    separators = (", ", ": ") if style.key_separator.endswith(" ") else (",", ":")
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=separators)


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


Splice = tuple[int, int, str]  # replace text[start:end] with this


def _set_member(
    text: str,
    style: _Style,
    root: ObjectSpan,
    obj: ObjectSpan,
    key: str,
    value: Any,
    multiline_parent: bool,
    expand: Callable[[str], str],
) -> Splice | None:
    existing = [member for member in obj.members if member.key == key]
    if existing:
        last = existing[-1]  # JSON.parse keeps the last duplicate, so that is the one that counts
        old_text = expand(text[last.value_start : last.value_end])
        if _canonical(json.loads(old_text)) == _canonical(value):
            return None
        multiline = "\n" in _gap_before(text, obj, obj.members.index(last))
        rendered = _render(value, _line_indent(text, last.key_start), style, multiline)
        return last.value_start, last.value_end, rendered

    key_text = json.dumps(key, ensure_ascii=False)
    if not obj.members:
        inner = text[obj.open + 1 : obj.close]
        if "\n" in inner or obj is root or multiline_parent:
            outer = _line_indent(text, obj.open)
            indent = outer + style.indent_unit
            member = key_text + style.key_separator + _render(value, indent, style, multiline=True)
            body = style.newline + indent + member + style.newline + outer
        else:
            body = key_text + style.key_separator + _render(value, "", style, multiline=False)
        return obj.open + 1, obj.close, body

    last = obj.members[-1]
    key_separator = text[last.key_end : last.value_start]
    if "\n" in key_separator or "\r" in key_separator:
        key_separator = style.key_separator
    gap = _gap_before(text, obj, len(obj.members) - 1)
    if "\n" in gap:
        indent = _line_indent(text, last.key_start)
        rendered = _render(value, indent, style, multiline=True)
        insertion = "," + style.newline + indent + key_text + key_separator + rendered
    else:
        item_separator = gap if len(obj.members) > 1 else ("," + " " * key_separator.endswith(" "))
        insertion = item_separator + key_text + key_separator + _render(value, "", style, multiline=False)
    return last.value_end, last.value_end, insertion


def _remove_member(obj: ObjectSpan, index: int) -> Splice:
    """Delete one member and exactly one neighbouring comma."""
    members = obj.members
    member = members[index]
    if len(members) == 1:
        return obj.open + 1, obj.close, ""
    if index < len(members) - 1:
        return member.key_start, members[index + 1].key_start, ""
    return members[index - 1].value_end, member.value_end, ""


def _container(text: str, root: ObjectSpan, path: tuple[str, ...]) -> tuple[ObjectSpan | None, bool]:
    """The object that holds the last key of `path` (None if its parent is absent) and whether its
    parent is laid out over several lines."""
    if len(path) == 1:
        return root, True
    parents = [member for member in root.members if member.key == path[0]]
    if not parents:
        return None, False
    parent: MemberSpan = parents[-1]
    if parent.value is None:
        found = _KIND_NAMES.get(parent.value_kind, "a value")
        raise error_at(text, parent.value_start, f'"{path[0]}" must be a JSON object {{...}}, but it is {found}')
    return parent.value, "\n" in _gap_before(text, root, root.members.index(parent))


class _Editor:
    """Edits a skeleton of the text: every deeper value (a big `permissions.allow` list, say) is swapped
    for a short placeholder, so each edit and rescan costs the size of the settings we touch, not of
    the file; the values go back in one join at the end. Scanning the original is the one full parse."""

    def __init__(self, text: str, found: Scan | None = None) -> None:
        found = found or scan(text)
        self.style = _detect_style(text, found.root)
        self.original = text
        self.before = member_values(text, found)
        self.nonce = secrets.token_hex(8)
        while self.nonce in text:
            self.nonce = secrets.token_hex(8)
        self.placeholder = re.compile(rf'"\\u0000{self.nonce}:(\d+)"')
        self.deep = sorted(found.deep_ends.items())
        pieces, at = [], 0
        for index, (start, end) in enumerate(self.deep):
            pieces += [text[at:start], f'"\\u0000{self.nonce}:{index}"']
            at = end
        pieces.append(text[at:])
        self.text = "".join(pieces)
        self.root = scan(self.text).root

    def expand(self, fragment: str) -> str:
        """A skeleton fragment with the real values back in place of the placeholders."""
        return self.placeholder.sub(lambda m: self._deep_text(int(m.group(1))), fragment)

    def _deep_text(self, index: int) -> str:
        start, end = self.deep[index]
        return self.original[start:end]

    def splice(self, splice: Splice | None) -> None:
        if splice is not None:
            start, end, inserted = splice
            self.text = self.text[:start] + inserted + self.text[end:]
            self.root = scan(self.text).root

    def apply(self, path: tuple[str, ...], value: Any) -> None:
        obj, multiline_parent = _container(self.text, self.root, path)
        if value is REMOVE:
            # Duplicates: remove every occurrence, rescanning after each cut.
            while obj is not None:
                indexes = [i for i, member in enumerate(obj.members) if member.key == path[-1]]
                if not indexes:
                    break
                self.splice(_remove_member(obj, indexes[-1]))
                obj, _ = _container(self.text, self.root, path)
            return
        if obj is None:
            self.splice(_set_member(self.text, self.style, self.root, self.root, path[0], {}, True, self.expand))
            obj, multiline_parent = _container(self.text, self.root, path)
            assert obj is not None
        self.splice(_set_member(self.text, self.style, self.root, obj, path[-1], value, multiline_parent, self.expand))

    def result(self) -> tuple[str, Scan]:
        """The full edited text, and its scan (the deeper values' ends are known: no second parse)."""
        pieces, ends, at, length = [], {}, 0, 0
        for match in self.placeholder.finditer(self.text):
            deep = self._deep_text(int(match.group(1)))
            head = self.text[at : match.start()]
            pieces += [head, deep]
            length += len(head)
            ends[length] = length + len(deep)
            length += len(deep)
            at = match.end()
        pieces.append(self.text[at:])
        text = "".join(pieces)
        return text, scan(text, ends)


def _check_path(path: object) -> tuple[str, ...]:
    if not isinstance(path, tuple) or not 1 <= len(path) <= 2 or not all(isinstance(k, str) for k in path):
        raise TypeError(f"edit paths are tuples of one or two keys, like ('env', 'AWS_REGION'); got {path!r}")
    return path


def edit_text(text: str, edits: Mapping[tuple[str, ...], Any], found: Scan | None = None) -> Edited:
    """Apply set/REMOVE edits in order; everything else is kept byte for byte.

    Raises JsonEditError (with line and column) if `text` is not a strict JSON object. `found` is a
    scan of `text` already made (by the reader), saving the parse.
    """
    paths = [_check_path(path) for path in edits]
    blank = is_blank(text)
    # A new (or empty) file starts as a pretty-printed empty object with a final newline.
    editor = _Editor("{}\n", None) if blank else _Editor(text, found)  # rejects a broken file, edits or not
    before = [] if blank else editor.before
    for path in paths:
        editor.apply(path, edits[path])
    new_text, found = editor.result()
    if blank and new_text == "{}\n":
        return Edited(text, before, before)
    return Edited(new_text, before, member_values(new_text, found))


def apply_edits(text: str, edits: Mapping[tuple[str, ...], Any]) -> str:
    """The new text of edit_text (see there)."""
    return edit_text(text, edits).text
