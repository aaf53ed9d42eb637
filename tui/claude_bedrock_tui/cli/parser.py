"""The parser class every command uses: help that wraps prose to the terminal and keeps examples as written."""

from __future__ import annotations

import argparse
from typing import Any


class HelpFormatter(argparse.HelpFormatter):
    """Descriptions and epilogs: lines that start with a space (examples) stay as written; prose is wrapped."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap  # only when help is shown

        lines: list[str] = []
        prose: list[str] = []

        def flush() -> None:
            if prose:
                lines.append(textwrap.fill(" ".join(prose), width, initial_indent=indent, subsequent_indent=indent))
                prose.clear()

        for line in text.splitlines():
            if line.startswith(" ") or not line.strip():
                flush()
                lines.append(indent + line if line.strip() else "")
            else:
                prose.append(line.strip())
        flush()
        return "\n".join(lines)


class Parser(argparse.ArgumentParser):
    """argparse with this tool's help formatter; subcommand parsers are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
