"""shift+F5: trace with Claude Code. Run the installed `claude -p` once against the local stand-in and
show what it sent, next to this tool's prediction (docs/claude-code-behaviour.md, "Observing Claude Code").

The same run as the `trace` command (trace/session.py), on the settings as saved: Claude Code reads files,
not this app's unsaved edits, so the dialog says so when there are some. A thread runs it (up to 30 s);
closing the dialog leaves that run to finish on its own and its result unshown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Static

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.core.claude_code.installed import InstalledClaude
    from claude_bedrock_tui.core.configuration import Configuration
    from claude_bedrock_tui.trace.session import TraceReport


class TraceScreen(ModalScreen[None]):
    """Explains what the trace will do, runs it on request, then shows each request and the verdict."""

    BINDINGS = [Binding("escape", "close", "Close", id="trace-close")]

    app: BedrockApp

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self.config: Configuration | None = None
        self.claude: InstalledClaude | None = None
        self.report: TraceReport | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="trace-dialog") as box:
            box.border_title = "Trace with Claude Code"
            box.border_subtitle = "escape closes"
            with VerticalScroll(classes="dialog-body", id="trace-body"):
                yield Static("Looking for Claude Code…", id="trace-intro")
                yield Static("", id="trace-outcome")  # the verdict first: in view without scrolling
                yield DataTable(id="trace-requests", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Run Claude Code", variant="primary", id="run", disabled=True)
                yield Button("Close", id="close")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(DataTable).display = False
        self.query_one("#close", Button).focus()
        self._prepare()

    # -- before the run: which Claude Code, and what running it will do ------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="trace")
    def _prepare(self) -> None:
        from claude_bedrock_tui.core.claude_code.installed import installed_claude
        from claude_bedrock_tui.core.configuration import load

        # The files as saved, read as the `trace` command reads them, with the app's rules (its version).
        config = load(self.app.project_dir, self.app.environ, book=self.app.session.base.book)
        found = installed_claude(config.shell)
        self.app.call_from_thread(self._prepared, config, found)

    def _prepared(self, config: Configuration, found: InstalledClaude) -> None:
        from claude_bedrock_tui.trace.session import cautions, not_runnable

        if not self.is_attached:
            return
        self.config, self.claude = config, found
        problem = not_runnable(found)
        if problem:
            self._intro(Content.styled(problem, "$error"))
            return
        lines = [
            f"Runs Claude Code {config.book.version_text} ({found.path}) once in {config.project_dir}, with copies "
            "of your saved settings and AWS files in a throw-away HOME, against a local Bedrock stand-in: no AWS "
            "cost, and none of your files is written. Then compares what it sent with this tool's prediction.",
            *(f"Note: {caution}" for caution in cautions(config)),
        ]
        if self.app.session.dirty:
            lines.append("Your edits are not saved yet: Claude Code reads the files, so the trace runs without them.")
        self._intro(Content("\n".join(lines)))
        run = self.query_one("#run", Button)
        run.disabled = False
        run.focus()

    def _intro(self, text: Content) -> None:
        self.query_one("#trace-intro", Static).update(text)

    # -- the run --------------------------------------------------------------------------------------
    @on(Button.Pressed, "#run")
    def _run_pressed(self) -> None:
        if self.config is None:
            return
        config = self.config
        # A command from the project's settings runs only once the user has said it may (as for Validate).
        self.app.command_trust.then(self.app, config.candidate(), lambda: self._start(config))

    def _start(self, config: Configuration) -> None:
        from claude_bedrock_tui.trace.session import refusal

        trusted = self.app.command_trust.trusted(config.candidate())
        reason = refusal(config, trusted)
        if reason:
            self._outcome(Content.styled(f"Not run: {reason}", "$warning"))
            return
        self.query_one("#run", Button).disabled = True
        self._outcome(Content.styled("Claude Code is running (at most 30 s)…", "$text-muted"))
        self._trace(config, trusted)

    @work(thread=True, exclusive=True, exit_on_error=False, group="trace")
    def _trace(self, config: Configuration, trusted: bool) -> None:
        from claude_bedrock_tui.trace.session import run_trace

        assert self.claude is not None and self.claude.path is not None  # Run is enabled only then
        try:
            report = run_trace(config, self.claude.path, trust_project_commands=trusted)
        except Exception as exc:
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._show, report)

    def _failed(self, message: str) -> None:
        if self.is_attached:
            self.query_one("#run", Button).disabled = False
            self._outcome(Content.styled(f"The trace could not run: {message}", "$error"))

    def _show(self, report: TraceReport) -> None:
        from claude_bedrock_tui.trace.session import finding_lines, request_rows, verdict_lines

        if not self.is_attached:
            return
        self.report = report
        common, rows = request_rows(report.requests)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("request", "model", "region", *(() if common else ("credentials",)))
        for kind, model, region, credential in rows:
            table.add_row(kind, model, region, *(() if common else (credential,)))
        table.display = bool(rows)
        verdict = verdict_lines(report)
        style = "$success" if report.agrees else "$error"
        parts = [Content.styled(verdict[0], f"bold {style}"), *(Content(line) for line in verdict[1:])]
        parts += [Content(line) for line in finding_lines(report)]
        parts += [Content(f"Every request: {common}")] if common else []
        self._outcome(Content("\n").join(parts))
        run = self.query_one("#run", Button)
        run.label = "Run again"
        run.disabled = False

    def _outcome(self, text: Content) -> None:
        self.query_one("#trace-outcome", Static).update(text)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
