"""Reading one Claude Code settings file, reporting every way it can be broken."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from claude_bedrock_tui.core.claude_code.settings_schema import coerced_env, schema_problem
from claude_bedrock_tui.core.locations import Scope

FileState = Literal["ok", "missing", "invalid", "unreadable"]


@dataclass(frozen=True)
class SettingsFile:
    """One scope's file as read from disk; `data` is None unless state is "ok"."""

    scope: Scope
    path: Path
    state: FileState
    data: dict | None = None
    text: str | None = None  # exact text read, for surgical edits and diffs
    raw: bytes | None = None  # exact bytes read, for detecting changes on disk
    error: str | None = None
    hint: str | None = None
    line: int | None = None
    column: int | None = None
    env: dict[str, str] = field(default_factory=dict)  # as Claude Code reads it: every value a string
    ignored: str | None = None  # why Claude Code ignores this parsed file (a known key of the wrong type)
    main: bool = True  # the scope's own file (edits go here), not a managed drop-in or a second local file
    coerced: tuple[str, ...] = ()  # env names whose value in the file is not a string

    @property
    def readable(self) -> bool:
        """Parsed as a JSON object: its content can be shown and edited."""
        return self.state == "ok"

    @property
    def counted(self) -> bool:
        """Claude Code uses this file (parsed, and its known keys have the right types)."""
        return self.state == "ok" and self.ignored is None

    def with_data(self, data: dict) -> SettingsFile:
        """This file as it would be with `data` (a pending edit), judged again as Claude Code would."""
        env, coerced, ignored = judge(data)
        return replace(self, state="ok", data=data, env=env, coerced=coerced, ignored=ignored)

    @property
    def writable_text(self) -> str | None:
        """The text edits start from; None when the file must not be written (broken)."""
        if self.state == "missing":
            return ""
        return self.text if self.state == "ok" else None


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def _reject_constants(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def read_settings_file(scope: Scope, path: Path, *, main: bool = True) -> SettingsFile:
    """Read and check a settings file; never raises for anything a user can get wrong."""
    return replace(_read(scope, path), main=main)


def _read(scope: Scope, path: Path) -> SettingsFile:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SettingsFile(scope, path, "missing")
    except IsADirectoryError:
        return SettingsFile(
            scope,
            path,
            "unreadable",
            error="is a folder, not a file",
            hint="Move the folder away; Claude Code expects a JSON file here.",
        )
    except PermissionError:
        return SettingsFile(
            scope,
            path,
            "unreadable",
            error="permission denied",
            hint=f"Check the file's owner and mode (ls -l {path}).",
        )
    except OSError as exc:
        return SettingsFile(
            scope, path, "unreadable", error=exc.strerror or str(exc), hint="Check that the file can be read."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return SettingsFile(
            scope,
            path,
            "invalid",
            raw=raw,
            line=line,
            error=f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            hint="Save the file as UTF-8.",
        )
    body = text[1:] if text.startswith("\ufeff") else text
    if not body.strip():
        # Claude Code treats an empty file as no settings; so do we, and it stays writable.
        return SettingsFile(scope, path, "ok", data={}, text=text, raw=raw)
    try:
        data = json.loads(body, parse_constant=_reject_constants)
    except json.JSONDecodeError as exc:
        hint = "Settings files are strict JSON: no comments, no trailing commas, double quotes."
        return SettingsFile(
            scope,
            path,
            "invalid",
            text=text,
            raw=raw,
            line=exc.lineno,
            column=exc.colno,
            error=f"not valid JSON: {exc.msg}",
            hint=hint,
        )
    except ValueError as exc:
        return SettingsFile(
            scope, path, "invalid", text=text, raw=raw, error=str(exc), hint="Use a number or a string instead."
        )
    if not isinstance(data, dict):
        return SettingsFile(
            scope,
            path,
            "invalid",
            text=text,
            raw=raw,
            line=1,
            column=1,
            error=f"the top level is a JSON {type(data).__name__}, not an object",
            hint="Wrap the settings in { ... }.",
        )
    env = data.get("env", {})
    if not isinstance(env, dict):
        return SettingsFile(
            scope,
            path,
            "invalid",
            text=text,
            raw=raw,
            line=_find_key_line(text, "env"),
            error='"env" is not an object',
            hint='Write "env": {"NAME": "value"}.',
        )
    env_strings, coerced, ignored = judge(data)
    line = _find_key_line(text, ignored.split('"')[1]) if ignored else None
    return SettingsFile(
        scope, path, "ok", data=data, text=text, raw=raw, env=env_strings, coerced=coerced, ignored=ignored, line=line
    )


def judge(data: dict) -> tuple[dict[str, str], tuple[str, ...], str | None]:
    """(env as Claude Code reads it, names coerced to strings, why Claude Code ignores the file or None)."""
    raw_env = data.get("env")
    env, coerced = coerced_env(raw_env) if isinstance(raw_env, dict) else ({}, ())
    problem = schema_problem(data)
    if problem is None:
        return env, coerced, None
    key, wanted = problem
    return env, coerced, f'"{key}" is not {wanted}: Claude Code ignores the whole file'


def _find_key_line(text: str, key: str) -> int | None:
    pos = text.find(json.dumps(key))
    return _line_col(text, pos)[0] if pos >= 0 else None
