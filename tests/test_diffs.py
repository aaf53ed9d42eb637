"""Diffs of big files cut the common head and tail first; the result is difflib's."""

from __future__ import annotations

import difflib
import json

import pytest

from claude_bedrock_tui.core.diffs import unified_diff
from claude_bedrock_tui.core.json_edit import REMOVE, apply_edits


def reference(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), "a", "b")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


BIG = json.dumps(
    {
        "env": {"AWS_REGION": "us-east-1", "AWS_PROFILE": "dev"},
        "permissions": {"allow": [f"Bash(npm run test:{i})" for i in range(3000)]},
        "model": "sonnet",
    },
    indent=2,
)


@pytest.mark.parametrize(
    "edits",
    [
        {("env", "AWS_REGION"): "eu-west-1"},
        {("env", "FOO"): "1"},
        {("env", "AWS_PROFILE"): REMOVE},
        {("model",): REMOVE},
        {("model",): "opus", ("env", "AWS_REGION"): REMOVE, ("awsAuthRefresh",): "aws sso login"},
    ],
)
def test_the_trimmed_diff_is_difflibs(edits: dict) -> None:
    new = apply_edits(BIG, edits)
    assert unified_diff(BIG, new, "a", "b") == reference(BIG, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [("", "{}\n"), ("{}\n", ""), ("a\nb", "a\nb\n"), ("x", "y"), ("same\n", "same\n"), ("a\n" * 50, "a\n" * 49)],
)
def test_edge_cases(old: str, new: str) -> None:
    assert unified_diff(old, new, "a", "b") == reference(old, new)


def test_line_numbers_deep_in_a_big_file() -> None:
    old = "".join(f"line {i}\n" for i in range(100_000))
    new = old.replace("line 77777\n", "changed\n")
    diff = unified_diff(old, new, "a", "b")
    assert "@@ -77775,7 +77775,7 @@" in diff and diff == reference(old, new)
