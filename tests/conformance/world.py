"""A throw-away world for one conformance case: HOME, a git repository, managed settings, AWS files,
credential scripts, and the shell environment Claude Code and the tool both start from."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

# Keys that tell, in a signed request, which credentials Claude Code chose.
SHELL_KEY = "AKIASHELLKEYS0000001"
EXPORT_KEY = "AKIAEXPORTCMD0000001"
PROCESS_KEY = "AKIAPROCESS000000001"
API_KEY = "bedrock-api-key-conformance-0001"

BASE_SHELL: dict[str, str] = {
    "CLAUDE_CODE_USE_BEDROCK": "1",
    "AWS_REGION": "us-east-1",
    "AWS_ACCESS_KEY_ID": SHELL_KEY,
    "AWS_SECRET_ACCESS_KEY": "shell-secret",
}


def _credentials_script(key: str, marker: str) -> str:
    body = {"Credentials": {"AccessKeyId": key, "SecretAccessKey": "s", "SessionToken": "t"}}
    if marker == "export":
        return f'#!/bin/sh\ntouch "$(dirname "$0")/export-ran"\necho \'{json.dumps(body)}\'\n'
    # credential_process prints the same fields at the top level, with a Version.
    process = {"Version": 1, "AccessKeyId": key, "SecretAccessKey": "s", "SessionToken": "t"}
    return f"#!/bin/sh\necho '{json.dumps(process)}'\n"


@dataclass(frozen=True)
class Case:
    """One configuration, written as data: files by path under the world's root, the shell, the folder."""

    id: str
    files: dict[str, object] = field(default_factory=dict)  # dict -> JSON; str -> written as is
    shell: dict[str, str | None] = field(default_factory=dict)  # on top of BASE_SHELL; None removes
    cwd: str = "repo"
    catalogue: str = "default"  # "default" | "newer" (the stand-in also lists Opus 4.6 ... 5.5)
    note: str = ""


@dataclass(frozen=True)
class World:
    root: Path
    home: Path
    cwd: Path
    managed: Path
    shell: dict[str, str]

    @property
    def export_ran(self) -> bool:
        return (self.root / "bin" / "export-ran").exists()


def _substitute(text: str, root: Path) -> str:
    return text.replace("$ROOT", str(root))


def build(case: Case, root: Path) -> World:
    home, repo, managed, scripts = root / "home", root / "repo", root / "managed", root / "bin"
    for folder in (home, repo / ".git", repo / "sub" / "deeper", managed, root / "plain", scripts):
        folder.mkdir(parents=True, exist_ok=True)
    for name, key in (("export.sh", EXPORT_KEY), ("process.sh", PROCESS_KEY)):
        script = scripts / name
        script.write_text(_credentials_script(key, name.split(".")[0]), encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    for relative, content in case.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else json.dumps(content, indent=2)
        path.write_text(_substitute(text, root), encoding="utf-8")
    shell = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "TERM": "dumb"}
    for name, value in {**BASE_SHELL, **case.shell}.items():
        if value is None:
            shell.pop(name, None)
        else:
            shell[name] = _substitute(value, root)
    return World(root, home, root / case.cwd, managed, shell)
