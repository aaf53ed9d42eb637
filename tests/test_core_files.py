"""Every way a settings file can be broken is reported with path, line and hint; other scopes still load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.core.settings_files import read_settings_file
from settings_helpers import home, project_settings, user_settings


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("content", "state", "error_part", "line", "column"),
    [
        (b'{\n  "env": {\n    "AWS_REGION": "eu-west-1",\n  }\n}\n', "invalid", "not valid JSON", 4, 3),
        (b'{\n  // comment\n  "env": {}\n}', "invalid", "not valid JSON", 2, 3),
        (b'{"env": {"AWS_REGION": "caf\xe9"}}', "invalid", "not UTF-8", 1, None),
        (b'["env"]', "invalid", "not an object", 1, 1),
        (b'{"env": ["AWS_REGION"]}', "invalid", '"env" is not an object', 1, None),
        (b'{"env": {"A": NaN}}', "invalid", "NaN", None, None),
    ],
)
def test_bad_files_are_reported_with_line_and_hint(content, state, error_part, line, column):
    path = _write(home() / ".claude" / "settings.json", content)
    f = read_settings_file("user", path)
    assert f.state == state
    assert error_part in f.error
    assert f.line == line
    if column is not None:
        assert f.column == column
    assert f.hint
    assert f.writable_text is None  # never written


def test_missing_file_is_missing_and_writable():
    f = read_settings_file("user", home() / ".claude" / "settings.json")
    assert f.state == "missing" and f.writable_text == ""


def test_unreadable_file_permission_denied(monkeypatch):
    path = user_settings({"env": {}})
    from claude_bedrock_tui.core import settings_files

    real = settings_files.read_regular

    def deny(target):
        if target == path:
            raise PermissionError(13, "Permission denied")
        return real(target)

    monkeypatch.setattr(settings_files, "read_regular", deny)
    f = read_settings_file("user", path)
    assert f.state == "unreadable" and "permission" in f.error and "ls -l" in f.hint


def test_a_folder_where_the_file_should_be_is_unreadable():
    (home() / ".claude" / "settings.json").mkdir(parents=True)
    f = read_settings_file("user", home() / ".claude" / "settings.json")
    assert f.state == "unreadable" and "folder" in f.error


def test_empty_file_is_no_settings():
    path = _write(home() / ".claude" / "settings.json", b"\n")
    f = read_settings_file("user", path)
    assert f.state == "ok" and f.data == {}


def test_a_broken_scope_does_not_stop_the_others():
    _write(home() / ".claude" / "settings.json", b'{"env": {"AWS_REGION": "eu-west-1",}}')
    project_settings({"env": {"AWS_PROFILE": "team"}})
    config = load()
    assert config.file("user").state == "invalid"
    assert config.value("AWS_PROFILE") == "team"
    assert config.effective["AWS_REGION"].origin == "default"  # the broken file's value is not used
    errors = [p for p in config.problems if p.severity == "error" and p.path == str(config.file("user").path)]
    assert len(errors) == 1 and errors[0].line == 1


def test_env_values_of_other_types_are_read_as_claude_code_reads_them(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"env": {"CLAUDE_CODE_MAX_OUTPUT_TOKENS": 4096, "FLAG": true, "X": null, "L": [1, "a"]}}')
    f = read_settings_file("user", path)
    assert f.state == "ok" and f.counted
    assert f.env == {"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "4096", "FLAG": "true", "X": "null", "L": "1,a"}
    assert set(f.coerced) == {"CLAUDE_CODE_MAX_OUTPUT_TOKENS", "FLAG", "X", "L"}


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"model": 5}, "model"),
        ({"permissions": {"allow": "Bash"}}, "permissions"),
        ({"modelOverrides": "none"}, "modelOverrides"),
        ({"awsCredentialExport": 5}, "awsCredentialExport"),
    ],
)
def test_a_known_key_of_the_wrong_type_makes_claude_code_ignore_the_file(tmp_path, data, key):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({**data, "env": {"AWS_REGION": "eu-west-1"}}, indent=2))
    f = read_settings_file("user", path)
    assert f.state == "ok" and not f.counted  # still editable, but Claude Code drops it whole
    assert f.ignored is not None and f'"{key}"' in f.ignored
    assert f.line == 2


def test_unknown_keys_and_bad_hooks_do_not_drop_the_file(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"hooks": "none", "someFutureSetting": {"x": [1]}, "env": {"AWS_REGION": "x"}}))
    assert read_settings_file("user", path).counted
