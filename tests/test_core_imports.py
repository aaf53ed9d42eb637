"""The core is headless: importing it (and running `show`) loads neither Textual nor boto3."""

from __future__ import annotations

import os
import subprocess
import sys

CORE_MODULES = [
    "claude_bedrock_tui.core.configuration",
    "claude_bedrock_tui.core.edits",
    "claude_bedrock_tui.core.offline_checks",
    "claude_bedrock_tui.cli.show_cmd",
    "claude_bedrock_tui.cli.set_cmd",
    "claude_bedrock_tui.validation",
]


def _loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=dict(os.environ)
    ).stdout
    import json

    return set(json.loads(out.splitlines()[-1]))


def test_core_imports_neither_textual_nor_boto3():
    modules = _loaded_after("\n".join(f"import {m}" for m in CORE_MODULES))
    heavy = {m for m in modules if m.split(".")[0] in ("textual", "boto3", "botocore", "rich")}
    assert heavy == set()
    assert "claude_bedrock_tui.core.configuration" in modules


def test_show_json_path_imports_neither():
    code = (
        "import io, contextlib\nfrom claude_bedrock_tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['show', '--json'])"
    )
    modules = _loaded_after(code)
    assert not {m for m in modules if m.split(".")[0] in ("textual", "boto3", "botocore")}
    assert "claude_bedrock_tui.cli.show_cmd" in modules
