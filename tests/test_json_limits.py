"""One nesting limit and one verdict for reading and editing; lone surrogates are invalid, with their line."""

from __future__ import annotations

import json

import pytest

from claude_bedrock_tui.core.json_depth import MAX_DEPTH, nesting_depth, too_deep_offset
from claude_bedrock_tui.core.json_edit import JsonEditError, apply_edits
from claude_bedrock_tui.core.settings_files import read_settings_file
from settings_helpers import user_settings


def nested_text(depth: int, *, pretty: bool = False) -> str:
    """A settings object whose deepest point is `depth` containers down (the object itself is 1)."""
    inner = "[" * (depth - 1) + "]" * (depth - 1)
    return '{\n  "env": {},\n  "deep": ' + inner + "\n}\n" if pretty else '{"deep": ' + inner + "}"


@pytest.mark.parametrize("depth", [1, 2, 3, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 500, 989, 995, 3000])
def test_reading_and_editing_agree_at_every_depth(depth: int) -> None:
    text = nested_text(max(depth, 2), pretty=True)
    path = user_settings({})
    path.write_text(text)
    read = read_settings_file("user", path)
    if depth <= MAX_DEPTH:
        assert read.state == "ok"
        assert '"FOO": "1"' in apply_edits(text, {("env", "FOO"): "1"})
        return
    assert read.state == "invalid" and read.error == "nested more than 256 levels deep" and read.line == 3
    with pytest.raises(JsonEditError, match=r"(?i)nested more than 256 levels deep") as refused:
        apply_edits(text, {("env", "FOO"): "1"})
    assert refused.value.line == 3


def test_nesting_depth_counts_containers_and_stops_past_the_limit() -> None:
    assert [nesting_depth(v) for v in ("x", [], {}, [[]], {"a": [1, {"b": []}]})] == [0, 1, 1, 2, 4]
    assert nesting_depth(json.loads(nested_text(300)), limit=10) == 11
    assert nesting_depth(["s"] * 100_000 + [[[]]]) == 3


def test_too_deep_offset_points_at_the_bracket_that_goes_over() -> None:
    text = '{"a": "[[[[", "b": [[[ ]]]}'
    assert too_deep_offset(text, limit=3) == text.index("[[[ ") + 2
    assert too_deep_offset(text, limit=4) is None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{"env": {"AWS_REGION": "x\\ud800y"}}', 1),
        ('{\n  "env": {\n    "A\\udc00": "1"\n  }\n}', 3),
        ('{\n  "permissions": {"allow": ["ok", "\\ud83d"]}\n}', 2),
    ],
)
def test_a_lone_surrogate_is_an_invalid_file_with_its_line(text: str, line: int) -> None:
    path = user_settings({})
    path.write_text(text)
    read = read_settings_file("user", path)
    assert read.state == "invalid" and "lone UTF-16 surrogate" in read.error and read.line == line


def test_surrogate_pairs_and_escaped_backslashes_are_fine() -> None:
    path = user_settings({})
    path.write_text('{"env": {"A": "\\ud83d\\ude00", "B": "\\\\ud800 is text here"}}')
    read = read_settings_file("user", path)
    assert read.state == "ok" and read.env["A"] == "😀"
