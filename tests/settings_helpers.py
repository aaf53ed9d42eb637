"""Small builders for settings files in the isolated HOME and project of a test."""

from __future__ import annotations

import json
import os
from pathlib import Path


def home() -> Path:
    return Path(os.environ["HOME"])


def project() -> Path:
    return Path.cwd()


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def user_settings(data: object) -> Path:
    return write_json(home() / ".claude" / "settings.json", data)


def project_settings(data: object) -> Path:
    return write_json(project() / ".claude" / "settings.json", data)


def local_settings(data: object) -> Path:
    return write_json(project() / ".claude" / "settings.local.json", data)


def managed_settings(data: object) -> Path:
    return write_json(Path(os.environ["CLAUDE_BEDROCK_TUI_MANAGED_DIR"]) / "managed-settings.json", data)


def aws_config(text: str) -> Path:
    path = home() / ".aws" / "config"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
