"""The one nesting limit for JSON we read or edit, and finding where a text breaks it.

Python's json parser recurses, so a deep enough file raises RecursionError (at a depth that depends on
how deep the caller's stack already is). One fixed limit, far above anything a settings file needs,
makes reading and editing agree: a file is either usable by both or reported invalid by both.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 256
_CONTAINERS = frozenset((dict, list))
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"

_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')


def nesting_depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How many containers deep a decoded JSON value goes (a scalar is 0); stops counting past `limit`."""
    depth = 0
    level = [value] if type(value) in (dict, list) else []
    while level:
        depth += 1
        if depth > limit:
            return depth
        deeper: list[Any] = []
        for container in level:
            items = container.values() if type(container) is dict else container
            kinds = set(map(type, items))  # C-speed: a list of a million strings costs milliseconds
            if dict in kinds or list in kinds:  # json makes exactly dict and list, never subclasses
                deeper.extend(items if kinds <= _CONTAINERS else (i for i in items if type(i) in _CONTAINERS))
        level = deeper
    return depth


def too_deep_offset(text: str, start: int = 0, depth: int = 0, limit: int = MAX_DEPTH) -> int | None:
    """Offset of the first bracket that opens level `limit` + 1 (counting from `depth` at `start`), or None."""
    for match in _STRING_OR_BRACKET.finditer(text, start):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth -= 1
            if depth < 0:
                return None
    return None
