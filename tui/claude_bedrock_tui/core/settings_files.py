"""Reading one Claude Code settings file, reporting every way it can be broken."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from claude_bedrock_tui.core.claude_code.settings_schema import coerced_env, schema_problem
from claude_bedrock_tui.core.json_depth import MAX_DEPTH, TOO_DEEP, nesting_depth, too_deep_offset
from claude_bedrock_tui.core.json_scan import Scan, TooDeep, document_data, is_blank, scan
from claude_bedrock_tui.core.locations import Scope
from claude_bedrock_tui.core.safe_read import FileTooLarge, NotARegularFile, read_regular, reason

FileState = Literal["ok", "missing", "invalid", "unreadable"]
LONE_SURROGATE = "a string holds a lone UTF-16 surrogate"


@dataclass(frozen=True)
class SettingsFile:
    """One scope's file as read from disk; `data` is None unless state is "ok"."""

    scope: Scope
    path: Path
    state: FileState
    data: dict[str, Any] | None = None
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
    scan: Scan | None = field(default=None, compare=False, repr=False)  # member positions, for edits

    @property
    def readable(self) -> bool:
        """Parsed as a JSON object: its content can be shown and edited."""
        return self.state == "ok"

    @property
    def counted(self) -> bool:
        """Claude Code uses this file (parsed, and its known keys have the right types)."""
        return self.state == "ok" and self.ignored is None

    def with_data(self, data: dict[str, Any]) -> SettingsFile:
        """This file as it would be with `data` (a pending edit), judged again as Claude Code would."""
        env, coerced, ignored = judge(data)
        return replace(self, state="ok", data=data, env=env, coerced=coerced, ignored=ignored, scan=None)

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
        raw = read_regular(path)
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
    except (NotARegularFile, FileTooLarge) as exc:
        return SettingsFile(
            scope, path, "unreadable", error=reason(exc), hint="Replace it with a regular JSON file (ls -lL shows it)."
        )
    except OSError as exc:
        return SettingsFile(scope, path, "unreadable", error=reason(exc), hint="Check that the file can be read.")
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
    if is_blank(body):
        # Claude Code treats an empty file as no settings; so do we, and it stays writable.
        return SettingsFile(scope, path, "ok", data={}, text=text, raw=raw)
    # The scan is the one parse: the data comes from it, and an edit reuses it (json_edit). A broken
    # file is parsed again by the standard parser, whose words and positions the messages use.
    found = None
    try:
        found = scan(text)
        data = document_data(text, found)
        depth = 0
    except TooDeep as exc:
        return _too_deep(scope, path, text, raw, exc.line, exc.column)
    except ValueError:
        found = None
    try:
        if found is None:
            data = json.loads(body, parse_constant=_reject_constants)
            depth = nesting_depth(data)
    except RecursionError:
        depth = MAX_DEPTH + 1  # Python's parser gave up first: deeper than our limit anyway
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
    if depth > MAX_DEPTH:  # a top level that is not an object: the scan did not look inside it
        offset = too_deep_offset(text)
        return _too_deep(scope, path, text, raw, *(_line_col(text, offset) if offset is not None else (None, None)))
    surrogate = _lone_surrogate(text, data)
    if surrogate is not None:
        line, column = _line_col(text, surrogate)
        return SettingsFile(
            scope,
            path,
            "invalid",
            text=text,
            raw=raw,
            line=line,
            column=column,
            error=f"{LONE_SURROGATE} ({text[surrogate : surrogate + 6]}), half of a character",
            hint="Write the character itself or a complete surrogate pair (Claude Code would pass U+FFFD instead).",
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
    ignored_line = _find_key_line(text, ignored.split('"')[1]) if ignored else None
    return SettingsFile(
        scope,
        path,
        "ok",
        data=data,
        text=text,
        raw=raw,
        env=env_strings,
        coerced=coerced,
        ignored=ignored,
        line=ignored_line,
        scan=found,
    )


def judge(data: dict[str, Any]) -> tuple[dict[str, str], tuple[str, ...], str | None]:
    """(env as Claude Code reads it, names coerced to strings, why Claude Code ignores the file or None)."""
    raw_env = data.get("env")
    env, coerced = coerced_env(raw_env) if isinstance(raw_env, dict) else ({}, ())
    problem = schema_problem(data)
    if problem is None:
        return env, coerced, None
    key, wanted = problem
    return env, coerced, f'"{key}" is not {wanted}: Claude Code ignores the whole file'


def _too_deep(scope: Scope, path: Path, text: str, raw: bytes, line: int | None, column: int | None) -> SettingsFile:
    hint = "Flatten the deepest part; no setting Claude Code reads needs that much nesting."
    return SettingsFile(scope, path, "invalid", text=text, raw=raw, line=line, column=column, error=TOO_DEEP, hint=hint)


# A \uD800-\uDFFF escape: the only way a lone surrogate gets into text decoded as strict UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_PAIRED = re.compile(r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def _lone_surrogate(text: str, data: object) -> int | None:
    """Offset of the escape of a lone surrogate in a string of `data`, or None (the usual, fast case)."""
    if _SURROGATE_ESCAPE.search(text) is None:
        return None
    strings = [data]
    while strings:
        value = strings.pop()
        if isinstance(value, dict):
            strings.extend(value.keys())
            strings.extend(value.values())
        elif isinstance(value, list):
            strings.extend(value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                paired = {m.end() - 12 for m in _PAIRED.finditer(text)} | {m.end() - 6 for m in _PAIRED.finditer(text)}
                lone = [m.start() for m in _SURROGATE_ESCAPE.finditer(text) if m.start() not in paired]
                return lone[0] if lone else 0
    return None


def _find_key_line(text: str, key: str) -> int | None:
    pos = text.find(json.dumps(key))
    return _line_col(text, pos)[0] if pos >= 0 else None
