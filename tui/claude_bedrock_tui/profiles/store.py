"""The profiles file: one TOML file, read strictly, written with tomlkit so a person's comments survive.

A broken file (TOML syntax, unknown keys, wrong types) is reported with its path and line and is
never written; every write is atomic, backed up, and refused if the file changed since it was read.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.items import Table, Whitespace

from claude_bedrock_tui.core.backups import KEEP_COUNT
from claude_bedrock_tui.core.diffs import unified_diff
from claude_bedrock_tui.core.fields import SECRET_NAMES
from claude_bedrock_tui.core.locations import profiles_file
from claude_bedrock_tui.core.safe_read import FileTooLarge, NotARegularFile, read_regular, reason
from claude_bedrock_tui.core.safe_write import (
    ChangedOnDisk,
    LockBusy,
    UnsafeTarget,
    WriteResult,
    atomic_write,
    describe_write_failure,
    fingerprint_text,
)
from claude_bedrock_tui.profiles.model import OFF, OFF_PROFILE, PROFILE_SETTING_NAMES, Profile, check_profile_name

FILE_HEADER = (
    "Named Bedrock setups for claude-bedrock-tui (see `claude-bedrock-tui profile --help`).",
    "Edit freely: comments and order are kept. Keys are never stored here; keys_from_env names the",
    "environment variable that holds each one.",
)
_KNOWN_KEYS = ("description", *PROFILE_SETTING_NAMES, "keys_from_env")


def default_profiles_path() -> Path:
    return profiles_file(os.environ)


class ProfileError(Exception):
    """A profile operation that cannot be done (unknown name, name taken, ...); the message says why."""


@dataclass(frozen=True)
class FileIssue:
    """One thing wrong with the profiles file, where it is known."""

    line: int | None
    message: str
    column: int | None = None


class ProfileFileError(ProfileError):
    """The profiles file is broken; `issues` says what and where (path:line:column: message)."""

    def __init__(self, path: Path, issues: list[FileIssue]) -> None:
        self.path = path
        self.issues = issues
        self.line = issues[0].line if issues else None
        lines = []
        for issue in issues:
            where = ":".join(str(part) for part in (path, issue.line, issue.column) if part is not None)
            lines.append(f"{where}: {issue.message}")
        super().__init__("\n".join(lines) + "\nFix the file by hand; it is not changed until it reads cleanly.")


class ProfileStore:
    """All saved profiles in one TOML file (the built-in `off` profile is never in it)."""

    def __init__(self, path: Path | None = None, *, dry_run: bool = False, force: bool = False, backup: bool = True):
        self.path = Path(path) if path is not None else default_profiles_path()
        self.dry_run = dry_run  # writes only record what they would change, in `preview`
        self.force = force
        self.backup = backup
        self.preview = ""

    def load(self) -> dict[str, Profile]:
        """The saved profiles in file order; raises ProfileFileError for a broken file."""
        return self._read()[2]

    def all_profiles(self) -> dict[str, Profile]:
        """The built-in `off` profile, then the saved ones."""
        return {OFF: OFF_PROFILE, **self.load()}

    def get(self, name: str) -> Profile:
        if name == OFF:
            return OFF_PROFILE
        profiles = self.load()
        if name not in profiles:
            known = ", ".join([OFF, *profiles])
            raise ProfileError(f"No profile named {name!r} in {self.path} (profiles: {known}).")
        return profiles[name]

    def save_profile(self, name: str, profile: Profile) -> WriteResult:
        """Create or update `name`; an existing profile is updated key by key, keeping its comments."""
        _require_usable_name(name)
        doc, raw, _ = self._read()
        profiles = _profiles_table(doc)
        data = profile.to_data()
        if name in profiles:
            _update_table(profiles[name], data)
        else:
            profiles[name] = _new_table(data)
        return self._write(doc, raw)

    def delete(self, name: str) -> WriteResult:
        if name == OFF:
            raise ProfileError(f"{OFF!r} is built in and cannot be deleted.")
        doc, raw, profiles = self._read()
        if name not in profiles:
            raise ProfileError(f"No profile named {name!r} in {self.path}.")
        del doc["profiles"][name]
        return self._write(doc, raw)

    def rename(self, old: str, new: str) -> WriteResult:
        if old == OFF:
            raise ProfileError(f"{OFF!r} is built in and cannot be renamed.")
        _require_usable_name(new)
        doc, raw, profiles = self._read()
        if old not in profiles:
            raise ProfileError(f"No profile named {old!r} in {self.path}.")
        if new in profiles:
            raise ProfileError(f"A profile named {new!r} already exists; delete or rename it first.")
        table = doc["profiles"]
        item = table.item(old)
        # tomlkit has no public rename; its private _replace (there since 0.7) keeps the profile's place
        # and the comments inside it. Without it, the profile moves as plain data.
        if isinstance(item, Table) and hasattr(table.value, "_replace"):
            body = item.value.body
            size = len(body)
            item.invalidate_display_name()  # or the header keeps saying [profiles.OLD]
            table.value._replace(old, new, item)
            if len(body) > size and body[-1][0] is None and isinstance(body[-1][1], Whitespace):
                del body[-1]  # tomlkit's cosmetic blank line would split a comment from its header
        else:
            data = item.unwrap()
            del table[old]
            table[new] = _new_table(data)
        return self._write(doc, raw)

    # -- reading and writing ------------------------------------------------------------------

    def _read(self) -> tuple[tomlkit.TOMLDocument, bytes | None, dict[str, Profile]]:
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            return _new_document(), None, {}
        except (IsADirectoryError, NotARegularFile, FileTooLarge) as exc:
            raise ProfileFileError(self.path, [FileIssue(None, reason(exc))]) from None
        except OSError as exc:
            issue = FileIssue(None, f"cannot be read: {reason(exc)}")
            raise ProfileFileError(self.path, [issue]) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise ProfileFileError(self.path, [FileIssue(line, "is not UTF-8; save it as UTF-8")]) from None
        try:
            doc = tomlkit.parse(text)
        except ParseError as exc:
            why = re.sub(r" at line \d+ col \d+$", "", str(exc))
            issue = FileIssue(exc.line, f"not valid TOML: {why}", exc.col + 1)
            raise ProfileFileError(self.path, [issue]) from None
        except (TOMLKitError, ValueError) as exc:
            issue = FileIssue(_duplicate_line(text, str(exc)), f"not valid TOML: {exc}")
            raise ProfileFileError(self.path, [issue]) from None
        return doc, raw, _validate(self.path, text, doc.unwrap())

    def _write(self, doc: tomlkit.TOMLDocument, raw: bytes | None) -> WriteResult:
        text = doc.as_string()
        if self.dry_run:
            old = raw.decode("utf-8") if raw is not None else ""
            self.preview = unified_diff(old, text, f"{self.path} (on disk)", f"{self.path} (new)")
            return WriteResult(self.path, None)
        try:
            return atomic_write(
                self.path,
                text,
                expected=fingerprint_text(raw),
                force=self.force,
                keep_backups=KEEP_COUNT if self.backup else 0,
            )
        except (ChangedOnDisk, LockBusy, UnsafeTarget, OSError) as exc:
            raise ProfileError(describe_write_failure(exc, self.path)) from exc


def render_profile(name: str, profile: Profile) -> str:
    """The profile as it reads in the profiles file (a [profiles.NAME] table)."""
    doc = tomlkit.document()
    _profiles_table(doc)[name] = _new_table(profile.to_data())
    return doc.as_string()


def _require_usable_name(name: str) -> None:
    problem = check_profile_name(name)
    if problem:
        raise ProfileError(problem)


def _new_document() -> tomlkit.TOMLDocument:
    doc = tomlkit.document()
    for line in FILE_HEADER:
        doc.add(tomlkit.comment(line))
    doc.add(tomlkit.nl())
    return doc


def _profiles_table(doc: tomlkit.TOMLDocument) -> Any:
    if "profiles" not in doc:
        doc["profiles"] = tomlkit.table(is_super_table=True)
    return doc["profiles"]


def _toml_value(value: Any) -> Any:
    if isinstance(value, dict):
        inline = tomlkit.inline_table()
        inline.update(value)
        return inline
    return value


def _new_table(data: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in data.items():
        table[key] = _toml_value(value)
    return table


def _same_value(current: Any, value: Any) -> bool:
    """Equal as stored; a token limit a person wrote as an integer equals its text form."""
    current = current.unwrap() if hasattr(current, "unwrap") else current
    return current == value or (type(current) is int and str(current) == value)


def _update_table(table: Any, data: dict[str, Any]) -> None:
    """Change only what differs; new keys go after the last existing key, not after trailing comments."""
    for key in [k for k in table if k not in data]:
        del table[key]
    # A plain key inserted after a [sub.table] would land inside it: anchor on the last plain key.
    plain = [k for k in table if not isinstance(table.get(k), Table)]
    last = plain[-1] if plain else None
    for key, value in data.items():
        if key in table:
            current = table[key]
            if isinstance(value, dict) and isinstance(current, Table):
                _update_table(current, value)  # a [profiles.X.keys_from_env] table stays one
            elif not _same_value(current, value):
                table[key] = _toml_value(value)
            continue
        # tomlkit's private _insert_after: appending would put the key after the table's trailing comments.
        container = table.value if isinstance(table, Table) else None  # an inline table has no layout to keep
        if last is not None and container is not None and hasattr(container, "_insert_after"):
            container._insert_after(last, key, _toml_value(value))
        else:
            table[key] = _toml_value(value)
        last = key


# -- validation with line numbers --------------------------------------------------------------


def _validate(path: Path, text: str, data: dict[str, Any]) -> dict[str, Profile]:
    issues: list[FileIssue] = []
    for key in data:
        if key != "profiles":
            issues.append(
                FileIssue(
                    _line_of(text, (key,)), f"unknown top-level key {key!r}; profiles go in [profiles.NAME] tables"
                )
            )
    raw_profiles = data.get("profiles", {})
    if not isinstance(raw_profiles, dict):
        issues.append(FileIssue(_line_of(text, ("profiles",)), "`profiles` must be a table of [profiles.NAME] tables"))
        raw_profiles = {}
    profiles: dict[str, Profile] = {}
    for name, body in raw_profiles.items():
        where = ("profiles", name)
        problem = check_profile_name(name)
        if problem:
            issues.append(FileIssue(_line_of(text, where), problem))
            continue
        if not isinstance(body, dict):
            issues.append(FileIssue(_line_of(text, where), f"profile {name!r} must be a table ([profiles.{name}])"))
            continue
        try:
            profiles[name] = Profile.model_validate(body)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(str(part) for part in error["loc"])
                issues.append(
                    FileIssue(
                        _line_of(text, where + loc[:1]) or _line_of(text, where),
                        f"profile {name!r}: {_explain(loc, error)}",
                    )
                )
    if issues:
        raise ProfileFileError(path, issues)
    return profiles


def _explain(loc: tuple[str, ...], error: ErrorDetails) -> str:
    key = loc[0] if loc else "?"
    if error["type"] == "extra_forbidden":
        if key in SECRET_NAMES:
            return (
                f"{key} is a secret and is never stored in a profile; export it in an environment "
                f'variable and name that variable: keys_from_env = {{ {key} = "VARIABLE_NAME" }}'
            )
        close = difflib.get_close_matches(key, _KNOWN_KEYS, n=1)
        hint = f" (did you mean {close[0]}?)" if close else f"; known keys: {', '.join(_KNOWN_KEYS)}"
        return f"unknown key {key!r}{hint}"
    if error["type"] in ("string_type", "dict_type"):
        wanted = "a quoted string" if error["type"] == "string_type" else "a table"
        return f"{'.'.join(loc)} must be {wanted}, not {type(error['input']).__name__} {error['input']!r}"
    message = re.sub(r"^Value error, ", "", error["msg"])
    return f"{'.'.join(loc)}: {message}"


_KEY_TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)\s*(\.)?')


def _key_path(text: str) -> tuple[str, ...] | None:
    """The dotted key at the start of `text` (bare or quoted parts), or None."""
    parts: list[str] = []
    pos = 0
    while True:
        match = _KEY_TOKEN.match(text, pos)
        if not match:
            return tuple(parts) or None
        token = match.group(1)
        parts.append(token[1:-1] if token[0] in "\"'" else token)
        pos = match.end()
        if not match.group(2):
            return tuple(parts)


def _duplicate_line(text: str, message: str) -> int | None:
    """tomlkit names a repeated key without its line: the key's second definition is the culprit."""
    match = re.search(r'Key "(.+)" already exists', message)
    if not match:
        return None
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip().lstrip("[").rstrip("]")
        path = _key_path(stripped.split("=", 1)[0]) if not stripped.startswith("#") else None
        if path and path[-1] == match.group(1):
            seen += 1
            if seen == 2:
                return number
    return None


def _line_of(text: str, target: tuple[str, ...]) -> int | None:
    """The first line whose table header or key assignment is at or inside `target` (best effort)."""
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inner = stripped.lstrip("[")
            table = _key_path(inner) or ()
            if table[: len(target)] == target:
                return number
        elif "=" in stripped and not stripped.startswith("#"):
            key = _key_path(stripped.split("=", 1)[0])
            if key and (table + key)[: len(target)] == target:
                return number
    return None
