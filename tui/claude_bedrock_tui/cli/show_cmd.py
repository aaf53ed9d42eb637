"""`show`: the settings files, the effective configuration and the problems."""

from __future__ import annotations

import json
import textwrap
from typing import Any, TextIO

from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.fields import SPEC_BY_NAME
from claude_bedrock_tui.core.records import at
from claude_bedrock_tui.core.secrets import HEADERS_VARIABLE, shown
from claude_bedrock_tui.core.settings_files import SettingsFile


def _file_json(f: SettingsFile) -> dict[str, object]:
    data: dict[str, object] = {"scope": f.scope, "path": str(f.path), "state": f.state, "error": _file_error(f)}
    data["used_by_claude_code"] = f.counted
    if f.ignored:
        data["ignored"] = f.ignored
    if not f.main:
        data["main"] = False
    return data


def show_json(config: Configuration) -> dict:
    files = [_file_json(f) for f in config.files]
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
    prediction = config.prediction.to_json()
    return {
        "project_dir": str(config.project_dir),
        "claude_code": prediction["claude_code"],
        "bedrock": prediction["bedrock"],
        "region": prediction["region"],
        "credentials": prediction["credentials"],
        "models": prediction["models"],
        "probes": prediction["probes"],
        "request": _masked_request(config.prediction.request.to_json()),
        "not_read": prediction["not_read"],
        "files": files,
        "effective": effective,
        "problems": [p.to_json() for p in config.problems],
    }


def _masked_request(request: dict[str, Any]) -> dict[str, Any]:
    """The predicted endpoint and headers, a header that carries a secret masked as in the settings."""
    for part in ("headers", "probe_headers"):
        request[part] = {
            k: (shown(HEADERS_VARIABLE, f"{k}: {v}") or "").partition(": ")[2] for k, v in request[part].items()
        }
    return request


def _file_error(f: SettingsFile) -> str | None:
    if f.error is None:
        return None
    return f"{f.error}{at(f.line, f.column)}"


def _short(model_id: str) -> str:
    """A model ID without the parts every candidate shares, for lists of fallbacks."""
    return model_id.split(".anthropic.", 1)[-1].removeprefix("claude-")


def _print_prediction(config: Configuration, out: TextIO) -> None:
    """What Claude Code will send: the switch, region, credentials and every model slot."""
    prediction = config.prediction
    rows = [
        ("Bedrock", "on" if prediction.bedrock else "off"),
        ("region", f"{prediction.region.value}  [{prediction.region.describe()}]"),
        ("credentials", prediction.credentials.describe()),
    ]
    rows += [("", note) for note in prediction.credentials.notes]
    for slot in prediction.models.values():
        where = f" in {slot.region}" if slot.region != prediction.region.value else ""
        rows.append((f"model:{slot.slot}", f"{slot.resolved}{where}  [{slot.how}]"))
        if len(slot.candidates) > 1 and slot.how in ("default", "fallback", "alias"):
            rows.append(("", "then: " + ", ".join(_short(c) for c in slot.candidates[1:])))
    request = _masked_request(prediction.request.to_json())
    if prediction.bedrock:
        rows.append(("endpoint", "Bedrock Mantle" if request["endpoint"] == "mantle" else "bedrock-runtime"))
        headers = request["headers"]
        if headers:
            rows.append(("headers", ", ".join(f"{k}: {v}" for k, v in headers.items())))
    out.write("\nWhat Claude Code will use\n")
    for label, text in rows:
        lines = textwrap.wrap(text, width=80 - 20, break_on_hyphens=False) or [""]
        out.write(f"  {label:<17} {lines[0]}\n")
        for line in lines[1:]:
            out.write(f"  {'':<17}   {line}\n")


def print_show(config: Configuration, out: TextIO, *, as_json: bool) -> None:
    if as_json:
        json.dump(show_json(config), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    book = config.book
    out.write(f"Project: {config.project_dir}\n")
    out.write(f"{book.summary}\n")
    out.write("\nSettings files (highest precedence first)\n")
    for f in config.files:
        if f.scope == "managed" and f.state == "missing":
            continue
        error = f"  {_file_error(f)}" if f.error else ""
        state = "ignored" if f.ignored else f.state
        out.write(f"  {f.scope:<8} {state:<10} {f.path}{error}\n")
    _print_prediction(config, out)
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
