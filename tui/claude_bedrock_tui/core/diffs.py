"""Unified diffs of two versions of a file, fast when they are big and differ in a few places.

Surgical edits leave most of a file as it was, so the common head and tail are cut off first (compared
in large slices, at memcmp speed) and difflib sees only the changed middle with some lines around it; the
hunk headers are shifted back to the file's line numbers.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator

CONTEXT = 3
# Extra lines around the changed middle: difflib may pin a change anywhere in a run of equal lines,
# so it gets some room to choose as it would on the whole file.
_MARGIN = CONTEXT + 16
_CHUNK = 1 << 16
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    i = 0
    while i < limit and a[i : i + _CHUNK] == b[i : i + _CHUNK]:
        i += _CHUNK
    end = min(i + _CHUNK, limit)
    while i < end and a[i] == b[i]:
        i += 1
    return min(i, limit)


def _common_suffix(a: str, b: str, limit: int) -> int:
    n = 0
    while n < limit and a[len(a) - n - _CHUNK : len(a) - n] == b[len(b) - n - _CHUNK : len(b) - n]:
        n += _CHUNK
    n = min(n, limit)
    while n < limit and a[len(a) - n - 1] == b[len(b) - n - 1]:
        n += 1
    return n


def _back_lines(text: str, offset: int, count: int) -> int:
    """The start of the line `count` lines above the one holding `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    for _ in range(count):
        if start == 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def _forward_lines(text: str, offset: int, count: int) -> int:
    """The end (after the newline) of the line `count` lines below the one holding `offset`."""
    end = offset
    for _ in range(count + 1):
        found = text.find("\n", end)
        if found < 0:
            return len(text)
        end = found + 1
    return end


def unified_diff(old: str, new: str, fromfile: str, tofile: str) -> str:
    """difflib's unified diff (3 lines of context), every line ending in a newline."""
    if old == new:
        return ""
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
    start = _back_lines(old, prefix, _MARGIN)  # the same offset in both: the texts agree up to `prefix`
    # Counted from where the common tail starts, so both regions end at the same place in that tail.
    old_end = _forward_lines(old, len(old) - suffix, _MARGIN)
    new_end = _forward_lines(new, len(new) - suffix, _MARGIN)
    shift = old.count("\n", 0, start)
    lines = difflib.unified_diff(
        old[start:old_end].splitlines(keepends=True),
        new[start:new_end].splitlines(keepends=True),
        fromfile=fromfile,
        tofile=tofile,
    )

    def moved(match: re.Match[str]) -> str:
        old_start, old_len, new_start, new_len = match.groups()
        return f"@@ -{int(old_start) + shift}{old_len or ''} +{int(new_start) + shift}{new_len or ''} @@"

    return "".join(_HUNK.sub(moved, line) if line.startswith("@@") else line for line in _terminated(lines))


def _terminated(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield line if line.endswith("\n") else line + "\n"
