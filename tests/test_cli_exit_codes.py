"""Exit codes have one definition (cli/exit_codes.py), which every command uses and the README states."""

from __future__ import annotations

import ast
from pathlib import Path

from claude_bedrock_tui.cli import exit_codes

PACKAGE = Path(exit_codes.__file__).resolve().parents[1]
README = PACKAGE.parents[1] / "README.md"


def test_no_module_defines_its_own_exit_codes():
    defined_elsewhere = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == Path(exit_codes.__file__).resolve():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
            defined_elsewhere += [f"{path.relative_to(PACKAGE)}: {n}" for n in names if n.startswith("EXIT_")]
    assert defined_elsewhere == []


def test_the_readme_states_the_exit_codes():
    readme = README.read_text(encoding="utf-8")
    stated = (
        f"Exit codes: {exit_codes.EXIT_OK} success, {exit_codes.EXIT_INVALID} validation failed, "
        f"{exit_codes.EXIT_BAD_INPUT} bad input or"
    )
    assert stated in " ".join(readme.split())
