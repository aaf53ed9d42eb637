"""How Claude Code judges a settings file it has parsed: the whole file is dropped for one bad key.

Claude Code validates each file against its settings schema. A wrong type in a key it knows drops the
WHOLE file, silently; keys it does not know are kept; `env` values of any JSON type are turned into
strings the way JavaScript's String() does (docs/claude-code-behaviour.md, "Which files count").

Only the keys people put in Bedrock setups, and the shapes we measured, are listed: a key missing here
is treated as unknown (accepted), which errs on the side of "the file counts".
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from typing import Any

from claude_bedrock_tui.core.claude_code.rules import always, register

# A checker returns None when the value fits, else what is wrong with it.
Checker = Callable[[Any], str | None]


def _string(value: Any) -> str | None:
    return None if isinstance(value, str) else "a string"


def _list_of_strings(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    return None if ok else "a list of strings"


def _map_of_strings(value: Any) -> str | None:
    ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    return None if ok else "an object of strings"


def _shape(fields: Mapping[str, Checker]) -> Checker:
    """An object whose listed members must fit; other members are accepted."""

    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "an object"
        for name, checker in fields.items():
            if name in value and (wanted := checker(value[name])):
                return f'an object whose "{name}" is {wanted}'
        return None

    return check


def _env(value: Any) -> str | None:
    return None if isinstance(value, dict) else "an object of variables"


_PERMISSIONS = _shape(
    {
        "allow": _list_of_strings,
        "deny": _list_of_strings,
        "ask": _list_of_strings,
        "defaultMode": _string,
        "additionalDirectories": _list_of_strings,
    }
)

# Measured: a wrong type in these drops the whole file. `hooks` of the wrong type is NOT among them:
# Claude Code skips the bad entries and keeps the rest of the file.
SCHEMA: dict[str, Checker] = {
    "$schema": _string,
    "env": _env,
    "model": _string,
    "modelOverrides": _map_of_strings,
    "availableModels": _list_of_strings,
    "awsAuthRefresh": _string,
    "awsCredentialExport": _string,
    "apiKeyHelper": _string,
    "permissions": _PERMISSIONS,
}

FILE_DROPPED_FOR_ONE_BAD_KEY = always(
    "schema-drops-file",
    "A settings file with a wrong type in a key Claude Code knows is ignored as a whole, silently.",
    True,
)
ENV_VALUES_COERCED = always(
    "env-values-coerced",
    "Non-string env values are turned into strings as JavaScript's String() does (5 -> '5', null -> 'null').",
    True,
)
register(FILE_DROPPED_FOR_ONE_BAD_KEY, ENV_VALUES_COERCED)


def schema_problem(data: Mapping[str, Any]) -> tuple[str, str] | None:
    """(key, what it should be) for the first known key of the wrong type, else None."""
    for key, checker in SCHEMA.items():
        if key in data and (wanted := checker(data[key])):
            return key, wanted
    return None


def js_string(value: Any) -> str:
    """String(value) as JavaScript computes it, for the JSON types a settings file can hold."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if abs(value) < 10**21 else _js_number(float(value))
    if isinstance(value, float):
        return _js_number(value)
    if isinstance(value, list):
        return ",".join("" if v is None else js_string(v) for v in value)
    return "[object Object]"


def _js_number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = json.dumps(value)  # shortest round-trip repr, like JavaScript
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    return text


def coerced_env(env: Mapping[str, Any]) -> tuple[dict[str, str], tuple[str, ...]]:
    """The env Claude Code uses, and the names whose value was not a string in the file."""
    coerced = {name: js_string(value) for name, value in env.items()}
    return coerced, tuple(name for name, value in env.items() if not isinstance(value, str))
