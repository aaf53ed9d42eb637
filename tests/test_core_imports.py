"""The headless faces stay light at run time: importing them (and running `show`) loads neither Textual nor boto3.

The core itself is held to that by an import contract in pyproject.toml (checked by `lint-imports`, see
tests/test_quality_gates.py). These modules may import Textual or boto3 somewhere (validation runs boto3 in a
child process), so only a run-time check can tell that merely importing them does not.
"""

from __future__ import annotations

import os
import subprocess
import sys

HEADLESS_MODULES = [
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


def test_headless_modules_import_neither_textual_nor_boto3():
    modules = _loaded_after("\n".join(f"import {m}" for m in HEADLESS_MODULES))
    heavy = {m for m in modules if m.split(".")[0] in ("textual", "boto3", "botocore", "rich")}
    assert heavy == set()
    assert "claude_bedrock_tui.core.configuration" in modules


def test_show_json_path_imports_neither():
    code = (
        "import io, contextlib\nfrom claude_bedrock_tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['show', '--json'])"
    )
    modules = _loaded_after(code)
    # argcomplete too: it is imported only while a shell asks for completions
    assert not {m for m in modules if m.split(".")[0] in ("textual", "boto3", "botocore", "argcomplete")}
    assert "claude_bedrock_tui.cli.show_cmd" in modules


def test_help_reads_no_configuration():
    """`--help` (and a shell's completion) builds every command's parser: none may read the configuration
    core at import, or every `--help` pays for it."""
    code = (
        "import io, contextlib\nfrom claude_bedrock_tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass"
    )
    modules = _loaded_after(code)
    assert "claude_bedrock_tui.cli.iam_cmd" in modules  # every command was registered
    assert "claude_bedrock_tui.core.configuration" not in modules


def test_the_app_reads_the_aws_profile_files_module_after_its_first_frame():
    """The AWS profile files are read by a worker after the first frame (app.py): importing the app, or
    reading the configuration without them, loads neither their module nor configparser and shlex (about
    3 ms of the first frame's import, README "Benchmarks")."""
    modules = _loaded_after(
        "from claude_bedrock_tui.app.app import BedrockApp\n"
        "from claude_bedrock_tui.core.configuration import load\n"
        "load(None, {'HOME': '/nonexistent', 'CLAUDE_CODE_USE_BEDROCK': '1'}, read_aws=False)"
    )
    assert "claude_bedrock_tui.core.configuration" in modules
    assert not {"claude_bedrock_tui.core.aws_profiles", "configparser", "shlex"} & modules
