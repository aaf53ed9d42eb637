"""Text laid out for the width it is drawn at, each line wrapping under its own start (a hanging indent).

The panes, the settings list's rows, the Validation box and the dialogs show long lines (paths, model IDs,
advice) this way: a continued line never starts at column 0, where it would read as a line of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, get_character_cell_size
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Offset
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

MIN_ROOM = 20  # a hanging indent that leaves less room than this starts at the edge instead


def fitting(text: str, start: int, room: int) -> int:
    """How many characters of `text` from `start` fit in `room` terminal cells (a CJK character or an emoji
    takes two; an ASCII one, one)."""
    if text.isascii():
        return min(room, len(text) - start)
    used = count = 0
    for character in text[start:]:
        used += get_character_cell_size(character)
        if used > room:
            break
        count += 1
    return count


def hang(text: str, width: int, indent: int) -> tuple[str, list[tuple[int, int]]]:
    """Where a line too wide for `width` cells breaks: at a space or after a `/` (a path splits between its
    folders, never mid-name); only a word wider than the room is cut. Never within the line's first `indent`
    cells (its head: a title column, a mark): the piece after such a break would start no further left.
    Returns the pad that starts each piece after the first (`indent` spaces, unless that leaves less than
    MIN_ROOM) and each piece's (start, end) in `text`."""
    if width <= 0 or cell_len(text) <= width:
        return "", [(0, len(text))]
    pad = " " * indent if width - indent >= MIN_ROOM else ""
    head = fitting(text, 0, indent) if pad else 0
    spans: list[tuple[int, int]] = []
    start, room = 0, width
    while (fit := fitting(text, start, room)) < len(text) - start:
        window = text[start : start + fit + 1]  # what fits, and the character after it (a space to break at)
        lead = len(window) - len(window.lstrip(" "))  # the line's own indent is no place to break
        if start == 0:
            lead = max(lead, head)
        cut = max(window.rfind(" ", lead + 1), window.rfind("/", lead, fit) + 1)
        if cut <= lead:
            cut = max(fit, 1)  # one word wider than the room: cut it
        spans.append((start, start + len(window[:cut].rstrip())))
        start += cut
        while start < len(text) and text[start] == " ":
            start += 1
        room = width - len(pad)
    spans.append((start, len(text)))
    return pad, spans


class Hanging(Visual):
    """Lines laid out for the width they are drawn at (see `hang`), each with its own hanging indent.

    Text selected on screen is copied as the lines were written: a wrapped path comes out whole."""

    def __init__(self, lines: Sequence[tuple[Content, int]]) -> None:
        self.lines = tuple(lines)
        self._laid_out: tuple[int, Content] | None = None
        self._rows: list[tuple[int, int, int, int]] = []  # per row shown: line, start, end, pad

    @property
    def plain(self) -> str:
        return "\n".join(line.plain for line, _ in self.lines)

    def __str__(self) -> str:  # as Content's: its text
        return self.plain

    @property
    def markup(self) -> str:
        """What `InfoPane.show` compares to skip an unchanged pane."""
        return "\n".join(f"{indent} {line.markup}" for line, indent in self.lines)

    def at(self, width: int) -> Content:
        """The lines as shown `width` cells wide."""
        if self._laid_out is None or self._laid_out[0] != width:
            pieces: list[Content] = []
            self._rows = []
            for number, (line, indent) in enumerate(self.lines):
                pad, spans = hang(line.plain, width, indent)
                for i, (start, end) in enumerate(spans):
                    pieces.append(Content(pad) + line[start:end] if i else line[start:end])
                    self._rows.append((number, start, end, len(pad) if i else 0))
            self._laid_out = (width, Content("\n").join(pieces))
        return self._laid_out[1]

    def selected(self, selection: Selection) -> str:
        """The text of a selection made on screen (rows as shown), from the lines as written."""

        def written(offset: Offset | None) -> Offset | None:
            if offset is None or not self._rows:
                return offset
            number, start, end, pad = self._rows[min(offset.y, len(self._rows) - 1)]
            line = self.lines[number][0].plain  # the offset counts cells; the line, characters
            return Offset(start + min(fitting(line, start, max(offset.x - pad, 0)), end - start), number)

        return Selection(written(selection.start), written(selection.end)).extract(self.plain)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((line.cell_length for line, _ in self.lines), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        laid_out = self.at(width)
        rows = laid_out.plain.split("\n")
        if width > 0 and not rules.get("line_pad", 0) and all(cell_len(row) <= width for row in rows):
            return len(rows)  # each row fits: one line each (Content would wrap every one of them again to count)
        return laid_out.get_height(rules, width)
