"""Counts in sentences (core/wording.py): the noun and the pronoun agree with the count."""

from __future__ import annotations

import pytest

from claude_bedrock_tui.core.wording import counted, plural, them


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 profiles"), (1, "1 profile"), (2, "2 profiles"), (1.0, "1 profile"), (1204.0, "1,204 profiles")],
)
def test_counted_agrees_with_its_count(count, expected) -> None:
    assert counted(count, "profile") == expected


def test_an_irregular_plural_and_the_pronoun() -> None:
    assert counted(1, "entry", "entries") == "1 entry" and counted(3, "entry", "entries") == "3 entries"
    assert plural(1, "That edit is", "Those edits are") == "That edit is"
    assert (them(1), them(0), them(2)) == ("it", "them", "them")
