"""`show`: the settings files, the effective configuration and the problems."""

from __future__ import annotations

import json
from typing import TextIO

from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.fields import SPEC_BY_NAME
from claude_bedrock_tui.core.secrets import shown


def show_json(config: Configuration) -> dict:
    files = [{"scope": f.scope, "path": str(f.path), "state": f.state, "error": _file_error(f)} for f in config.files]
    effective = {}
    for name, ev in config.effective.items():
        if ev.value is None and ev.origin is None and name not in SPEC_BY_NAME:
            continue  # related variables are listed only where they are set
        effective[name] = {
            "value": shown(name, ev.value),
            "origin": ev.origin,
            "shadowed": [dict(s.to_json(), value=shown(name, s.value)) for s in ev.shadowed],
        }
        if ev.note:
            effective[name]["note"] = ev.note
    return {
        "project_dir": str(config.project_dir),
        "files": files,
        "effective": effective,
        "problems": [p.to_json() for p in config.problems],
    }


def _file_error(f) -> str | None:
    if f.error is None:
        return None
    where = f" (line {f.line}, column {f.column})" if f.line and f.column else (f" (line {f.line})" if f.line else "")
    return f"{f.error}{where}"


def print_show(config: Configuration, out: TextIO, *, as_json: bool) -> None:
    if as_json:
        json.dump(show_json(config), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    out.write(f"Project: {config.project_dir}\n\nSettings files (highest precedence first)\n")
    for f in config.files:
        if f.scope == "managed" and f.state == "missing":
            continue
        error = f"  {_file_error(f)}" if f.error else ""
        out.write(f"  {f.scope:<8} {f.state:<10} {f.path}{error}\n")
    out.write("\nEffective configuration\n")
    for name, ev in config.effective.items():
        if ev.value is None and not ev.shadowed and ev.origin is None:
            continue
        value = shown(name, ev.value) if ev.value is not None else "(unset)"
        out.write(f"  {name:<38} {value}  [{ev.origin}]")
        if ev.note:
            out.write(f"  {ev.note}")
        out.write("\n")
        for s in ev.shadowed:
            via = f" via {s.key}" if s.key else ""
            out.write(f"  {'':<38}   shadows {shown(name, s.value)!s} [{s.origin}{via}]\n")
    if config.problems:
        out.write("\nProblems\n")
        for p in config.problems:
            where = f" ({p.where()})" if p.path else ""
            out.write(f"  {p.severity}: {p.message}{where}\n")
            if p.advice:
                out.write(f"      -> {p.advice}\n")
