"""Surgical settings.json edits: only the requested members change, every other byte stays."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_bedrock_tui.core.json_edit import REMOVE, JsonEditError, apply_edits

REALISTIC = """{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "model": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
  "env": {
    "CLAUDE_CODE_USE_BEDROCK": "1",
    "AWS_REGION": "us-east-1",
    "AWS_PROFILE": "bedrock-dev"
  },
  "permissions": {
    "allow": ["Bash(npm run test:*)", "Read(~/.zshrc)"],
    "deny": ["Read(./.env)", "Read(./secrets/**)"]
  },
  "hooks": {
    "PostToolUse": [
      {
        "matcher": "Edit|Write",
        "hooks": [
          {"type": "command", "command": "prettier --write \\"$CLAUDE_FILE_PATHS\\""}
        ]
      }
    ]
  },
  "statusLine": {"type": "command", "command": "~/.claude/statusline.sh", "padding": 0},
  "enabledPlugins": {"formatter@acme-tools": true, "\\u00fcberpr\\u00fcfung@\\u793e\\u5185": false},
  "companyAnnouncements": ["Überprüfung ✓ vor dem Commit", "请先运行测试"]
}
"""


def member_slices(text: str) -> list[tuple[str, str]]:
    """(key, raw text of `"key": value`) for each member of the top-level object, found with the
    standard library's decoder so the test does not trust the scanner it is testing."""
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    i = skip(0)
    assert text[i] == "{"
    i = skip(i + 1)
    slices: list[tuple[str, str]] = []
    if text[i] == "}":
        return slices
    while True:
        key, key_end = decoder.raw_decode(text, i)
        colon = skip(key_end)
        assert text[colon] == ":"
        _, value_end = decoder.raw_decode(text, skip(colon + 1))
        slices.append((key, text[i:value_end]))
        i = skip(value_end)
        if text[i] == "}":
            return slices
        assert text[i] == ","
        i = skip(i + 1)


def env_slices(text: str) -> list[tuple[str, str]]:
    """Member slices of the top-level "env" object."""
    raw = dict(member_slices(text))["env"]
    return member_slices(raw[raw.index("{") :])


def apply_as_dict_ops(data: dict, edits: dict[tuple[str, ...], Any]) -> dict:
    expected = copy.deepcopy(data)
    for path, value in edits.items():
        if len(path) == 1:
            if value is REMOVE:
                expected.pop(path[0], None)
            else:
                expected[path[0]] = value
        elif value is REMOVE:
            expected.get(path[0], {}).pop(path[1], None)
        else:
            expected.setdefault(path[0], {})[path[1]] = value
    return expected


# --- the realistic file ------------------------------------------------------------------------


def test_set_existing_env_value_replaces_only_that_value() -> None:
    result = apply_edits(REALISTIC, {("env", "AWS_REGION"): "eu-west-1"})
    assert result == REALISTIC.replace('"us-east-1"', '"eu-west-1"')


def test_new_env_key_is_appended_after_the_last_member_with_sibling_indentation() -> None:
    result = apply_edits(REALISTIC, {("env", "ANTHROPIC_MODEL"): "global.anthropic.claude-opus-4-6-v1"})
    expected = REALISTIC.replace(
        '"AWS_PROFILE": "bedrock-dev"\n',
        '"AWS_PROFILE": "bedrock-dev",\n    "ANTHROPIC_MODEL": "global.anthropic.claude-opus-4-6-v1"\n',
    )
    assert result == expected


@pytest.mark.parametrize(
    ("key", "before", "after"),
    [
        (
            "CLAUDE_CODE_USE_BEDROCK",
            '{\n    "CLAUDE_CODE_USE_BEDROCK": "1",\n    "AWS_REGION"',
            '{\n    "AWS_REGION"',
        ),
        ("AWS_REGION", '"1",\n    "AWS_REGION": "us-east-1",\n    "AWS_PROFILE"', '"1",\n    "AWS_PROFILE"'),
        ("AWS_PROFILE", '"us-east-1",\n    "AWS_PROFILE": "bedrock-dev"\n  }', '"us-east-1"\n  }'),
    ],
)
def test_remove_first_middle_last_env_member_takes_exactly_one_comma(key: str, before: str, after: str) -> None:
    result = apply_edits(REALISTIC, {("env", key): REMOVE})
    assert result == REALISTIC.replace(before, after)
    assert key not in json.loads(result)["env"]


def test_unknown_keys_and_non_ascii_survive_byte_for_byte() -> None:
    edits = {
        ("env", "AWS_REGION"): "eu-central-1",
        ("env", "CLAUDE_CODE_USE_BEDROCK"): REMOVE,
        ("env", "AWS_BEARER_TOKEN_BEDROCK"): "Überprüfung ✓ 社内",
        ("model",): REMOVE,
        ("awsAuthRefresh",): "aws sso login --profile bedrock-dev",
    }
    result = apply_edits(REALISTIC, edits)
    assert json.loads(result) == apply_as_dict_ops(json.loads(REALISTIC), edits)
    before, after = dict(member_slices(REALISTIC)), dict(member_slices(result))
    for key in ("$schema", "permissions", "hooks", "statusLine", "enabledPlugins", "companyAnnouncements"):
        assert after[key] == before[key]
    assert '"Überprüfung ✓ 社内"' in result  # written as text, not \u escapes
    assert result.endswith('"awsAuthRefresh": "aws sso login --profile bedrock-dev"\n}\n')


def test_set_then_remove_new_key_gives_the_original_back() -> None:
    added = apply_edits(REALISTIC, {("env", "DISABLE_PROMPT_CACHING"): "1"})
    assert added != REALISTIC
    assert apply_edits(added, {("env", "DISABLE_PROMPT_CACHING"): REMOVE}) == REALISTIC


def test_removing_something_absent_returns_the_identical_text() -> None:
    edits = {("env", "NOT_THERE"): REMOVE, ("notThere",): REMOVE, ("nothing", "here"): REMOVE}
    assert apply_edits(REALISTIC, edits) == REALISTIC


def test_setting_the_same_value_changes_nothing_even_when_escaped_differently() -> None:
    text = '{"env": {"NAME": "\\u00dcberpr\\u00fcfung"}}'
    assert apply_edits(text, {("env", "NAME"): "Überprüfung"}) == text


def test_removing_the_last_env_member_keeps_an_empty_env_object() -> None:
    text = '{\n  "model": "x",\n  "env": {\n    "AWS_REGION": "us-east-1"\n  }\n}\n'
    assert apply_edits(text, {("env", "AWS_REGION"): REMOVE}) == '{\n  "model": "x",\n  "env": {}\n}\n'


def test_removing_the_only_top_level_member_leaves_an_empty_object() -> None:
    assert apply_edits('{\n  "model": "x"\n}\n', {("model",): REMOVE}) == "{}\n"


# --- layouts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\n\n", " \t\r\n"])
def test_blank_text_becomes_a_new_pretty_file(blank: str) -> None:
    result = apply_edits(blank, {("env", "AWS_REGION"): "us-east-1"})
    assert result == '{\n  "env": {\n    "AWS_REGION": "us-east-1"\n  }\n}\n'


def test_blank_text_with_only_removals_is_returned_unchanged() -> None:
    assert apply_edits("  \n", {("env", "AWS_REGION"): REMOVE}) == "  \n"


def test_missing_env_is_created_with_four_space_indentation() -> None:
    text = '{\n    "model": "x"\n}'
    result = apply_edits(text, {("env", "AWS_REGION"): "us-west-2"})
    assert result == '{\n    "model": "x",\n    "env": {\n        "AWS_REGION": "us-west-2"\n    }\n}'


def test_empty_env_in_a_tab_indented_file_is_expanded_with_tabs() -> None:
    text = '{\n\t"model": "x",\n\t"env": {}\n}\n'
    result = apply_edits(text, {("env", "AWS_REGION"): "us-west-2", ("env", "AWS_PROFILE"): "p"})
    expected = '{\n\t"model": "x",\n\t"env": {\n\t\t"AWS_REGION": "us-west-2",\n\t\t"AWS_PROFILE": "p"\n\t}\n}\n'
    assert result == expected


def test_crlf_line_endings_are_kept_for_new_lines() -> None:
    text = '{\r\n  "model": "x"\r\n}\r\n'
    result = apply_edits(text, {("env", "AWS_REGION"): "us-west-2"})
    assert result == '{\r\n  "model": "x",\r\n  "env": {\r\n    "AWS_REGION": "us-west-2"\r\n  }\r\n}\r\n'


def test_layout_is_remembered_when_an_edit_empties_the_file_first() -> None:
    text = '{\r\n    "model": null\r\n}'
    result = apply_edits(text, {("model",): REMOVE, ("env", "AWS_REGION"): "us-east-1"})
    assert result == '{\r\n    "env": {\r\n        "AWS_REGION": "us-east-1"\r\n    }\r\n}'


def test_missing_trailing_newline_stays_missing() -> None:
    result = apply_edits('{\n  "env": {\n    "A": "1"\n  }\n}', {("env", "B"): "2"})
    assert result == '{\n  "env": {\n    "A": "1",\n    "B": "2"\n  }\n}'


@pytest.mark.parametrize(
    ("text", "expected", "after_removal"),
    [
        ('{"model": "x"}', '{"model": "x", "env": {"AWS_REGION": "eu-west-1"}}', '{"model": "x", "env": {}}'),
        ('{"model":"x"}\n', '{"model":"x","env":{"AWS_REGION":"eu-west-1"}}\n', '{"model":"x","env":{}}\n'),
        (
            '{"env": {"A": "1", "B": "2"}}',
            '{"env": {"A": "1", "B": "2", "AWS_REGION": "eu-west-1"}}',
            '{"env": {"A": "1", "B": "2"}}',
        ),
        ('{"env":{}}', '{"env":{"AWS_REGION":"eu-west-1"}}', '{"env":{}}'),
    ],
)
def test_compact_single_line_file_gets_compact_insertions(text: str, expected: str, after_removal: str) -> None:
    result = apply_edits(text, {("env", "AWS_REGION"): "eu-west-1"})
    assert result == expected
    assert apply_edits(result, {("env", "AWS_REGION"): REMOVE}) == after_removal


@pytest.mark.parametrize(
    "text",
    [
        '{\n  "env": {\n    "A": "1"\n  }\n}\n',
        '{\n    "env": {\n        "A": "1"\n    },\n    "model": "m"\n}',
        '{\n\t"env": {\n\t\t"A": "1"\n\t}\n}\n',
        '{\r\n  "env": {\r\n    "A": "1"\r\n  }\r\n}\r\n',
        '{"env": {"A": "1"}, "model": "m"}',
        '{"env":{"A":"1"}}',
        REALISTIC,
    ],
)
def test_set_then_remove_is_byte_for_byte_identity_in_every_style(text: str) -> None:
    added = apply_edits(text, {("env", "NEW_KEY"): "Überprüfung ✓", ("newTop",): "值"})
    assert json.loads(added)["env"]["NEW_KEY"] == "Überprüfung ✓"
    assert apply_edits(added, {("env", "NEW_KEY"): REMOVE, ("newTop",): REMOVE}) == text


def test_container_values_follow_the_file_layout() -> None:
    text = '{\n    "model": "x"\n}\n'
    value = {"allow": ["Bash(ls)"], "deny": []}
    result = apply_edits(text, {("permissions",): value, ("cleanupPeriodDays",): 30, ("flag",): True})
    assert json.loads(result) == {"model": "x", "permissions": value, "cleanupPeriodDays": 30, "flag": True}
    assert '    "permissions": {\n        "allow": [\n            "Bash(ls)"\n        ],' in result


def test_replacing_the_whole_env_object() -> None:
    result = apply_edits(REALISTIC, {("env",): {"AWS_REGION": "ap-northeast-1"}})
    assert json.loads(result)["env"] == {"AWS_REGION": "ap-northeast-1"}
    assert dict(member_slices(result))["hooks"] == dict(member_slices(REALISTIC))["hooks"]


def test_byte_order_mark_is_kept() -> None:
    result = apply_edits('\ufeff{"env": {}}', {("env", "A"): "1"})
    assert result == '\ufeff{"env": {"A": "1"}}'


# --- duplicates --------------------------------------------------------------------------------


def test_duplicate_keys_set_edits_the_last_occurrence() -> None:
    text = '{"env": {"A": "old", "B": "b", "A": "live"}}'
    result = apply_edits(text, {("env", "A"): "new"})
    assert result == '{"env": {"A": "old", "B": "b", "A": "new"}}'
    assert json.loads(result)["env"]["A"] == "new"


def test_duplicate_keys_remove_removes_every_occurrence() -> None:
    text = '{\n  "env": {\n    "A": "1",\n    "B": "b",\n    "A": "2"\n  },\n  "model": "m",\n  "model": "n"\n}\n'
    result = apply_edits(text, {("env", "A"): REMOVE, ("model",): REMOVE})
    assert result == '{\n  "env": {\n    "B": "b"\n  }\n}\n'


def test_duplicate_env_objects_edit_the_last_one() -> None:
    text = '{"env": {"A": "first"}, "env": {"B": "second"}}'
    result = apply_edits(text, {("env", "C"): "c"})
    assert result == '{"env": {"A": "first"}, "env": {"B": "second", "C": "c"}}'
    assert json.loads(result)["env"] == {"B": "second", "C": "c"}


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{\n  "a": 1,\n}', 2, 9, "Trailing comma"),
        ('{"a": [1, 2,]}', 1, 12, "Trailing comma"),
        ('{\n  // my settings\n  "a": 1\n}', 2, 3, "Comments"),
        ('{\n  /* c */ "a": 1\n}', 2, 3, "Comments"),
        ("{'a': 1}", 1, 2, "double quotes"),
        ("{a: 1}", 1, 2, "Unexpected word"),
        ('{"a": NaN}', 1, 7, "Unexpected word"),
        ('{"a": 01}', 1, 7, "Invalid number"),
        ('{"a": "x\ty"}', 1, 9, "Control character"),
        ('{"a": "\\q"}', 1, 8, "Invalid escape"),
        ('{"a": "\\u12"}', 1, 8, "\\u escape"),
        ('{"a": "open', 1, 7, "Unterminated string"),
        ('{"a": 1 "b": 2}', 1, 9, "comma missing"),
        ('{"a" 1}', 1, 6, "':'"),
        ('{"a": 1', 1, 8, "end of file"),
        ('{"a": 1}\n{"b": 2}', 2, 1, "after the closing"),
        ('["a"]', 1, 1, "JSON object"),
        ('"text"', 1, 1, "JSON object"),
        ('{\n  "env": "AWS_REGION=us-east-1"\n}', 2, 10, '"env" must be a JSON object'),
        ('{\n  "env": ["A"]\n}', 2, 10, '"env" must be a JSON object'),
    ],
)
def test_invalid_text_raises_with_line_and_column(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(JsonEditError) as caught:
        apply_edits(text, {("env", "AWS_REGION"): "us-east-1"})
    error = caught.value
    assert isinstance(error, ValueError)
    assert words in error.message
    assert (error.line, error.column) == (line, column)
    assert f"line {line}, column {column}" in str(error)


def test_invalid_text_raises_even_without_edits() -> None:
    with pytest.raises(JsonEditError):
        apply_edits('{"a": 1,}', {})


def test_removing_from_an_env_that_is_not_an_object_raises() -> None:
    with pytest.raises(JsonEditError, match="must be a JSON object"):
        apply_edits('{"env": null}', {("env", "AWS_REGION"): REMOVE})


@pytest.mark.parametrize("path", [(), ("a", "b", "c"), "model", ("env", 1)])
def test_bad_edit_paths_are_rejected(path: Any) -> None:
    with pytest.raises(TypeError):
        apply_edits("{}", {path: "x"})


def test_unserialisable_value_is_rejected_and_nan_is_not_written() -> None:
    with pytest.raises(TypeError):
        apply_edits("{}", {("model",): object()})
    with pytest.raises(ValueError):
        apply_edits("{}", {("limit",): float("nan")})


# --- property: any document, any style, any edits ------------------------------------------------

_ENV_NAMES = ["AWS_REGION", "AWS_PROFILE", "CLAUDE_CODE_USE_BEDROCK", "ANTHROPIC_MODEL", "ÜBER_✓"]
_TOP_NAMES = ["model", "awsAuthRefresh", "$schema", "hooks", "设置"]
env_keys = st.sampled_from(_ENV_NAMES) | st.text(max_size=6)
top_keys = (st.sampled_from(_TOP_NAMES) | st.text(max_size=6)).filter(lambda key: key != "env")
scalars = st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.text(max_size=8)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
edit_values = st.just(REMOVE) | st.text(max_size=10)


@st.composite
def documents(draw: st.DrawFn) -> dict:
    members = list(draw(st.dictionaries(top_keys, values, max_size=5)).items())
    env = draw(st.none() | st.dictionaries(env_keys, st.text(max_size=10), max_size=4))
    if env is not None:
        members.insert(draw(st.integers(0, len(members))), ("env", env))
    return dict(members)


@st.composite
def styled(draw: st.DrawFn, data: dict) -> str:
    indent = draw(st.sampled_from([None, 2, 4, "\t"]))
    compact_separators = [(", ", ": "), (",", ":")] if indent is None else [(",", ": "), (",", ":")]
    separators = draw(st.sampled_from(compact_separators))
    text = json.dumps(data, indent=indent, separators=separators, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        text += "\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")  # safe: newlines inside strings are escaped
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_property_edits_match_dict_ops_and_keep_untouched_members(data: st.DataObject) -> None:
    original = data.draw(documents())
    text = data.draw(styled(original))
    existing_env = list(original.get("env", {}))
    env_names = st.sampled_from(existing_env) | env_keys if existing_env else env_keys
    existing_top = [key for key in original if key != "env"]
    top_names = st.sampled_from(existing_top) | top_keys if existing_top else top_keys
    paths = env_names.map(lambda key: ("env", key)) | top_names.map(lambda key: (key,))
    edits = dict(data.draw(st.lists(st.tuples(paths, edit_values), max_size=6)))

    result = apply_edits(text, edits)
    expected = apply_as_dict_ops(original, edits)
    assert json.loads(result) == expected

    touched_top = {path[0] for path in edits}
    before = member_slices(text)
    after = member_slices(result)
    kept_before = [item for item in before if item[0] not in touched_top]
    kept_after = [item for item in after if item[0] in {key for key, _ in kept_before}]
    assert kept_after == kept_before  # same members, same raw text, same order

    if "env" in original and "env" in expected:
        touched_env = {path[1] for path in edits if len(path) == 2}
        env_before = [item for item in env_slices(text) if item[0] not in touched_env]
        env_after = [item for item in env_slices(result) if item[0] in {key for key, _ in env_before}]
        assert env_after == env_before

    assert result.endswith("\n") == text.endswith("\n")
    if "\r\n" in text:
        assert "\n" not in result.replace("\r\n", "")
    if expected == original:
        assert result == text
