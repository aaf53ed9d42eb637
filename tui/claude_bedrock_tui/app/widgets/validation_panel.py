"""The validation panel: offline problems as the user types, online checks as they complete."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.timer import Timer

from claude_bedrock_tui.app.display import SEVERITY_MARK, SEVERITY_STYLE, STATUS_MARK, STATUS_STYLE
from claude_bedrock_tui.app.validation_state import ValidationRun
from claude_bedrock_tui.app.widgets.hanging import Hanging
from claude_bedrock_tui.app.widgets.panes import InfoPane
from claude_bedrock_tui.core.records import CheckResult, Problem
from claude_bedrock_tui.core.wording import counted

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


# Where a wrapped line goes on: under the message (after the mark), a check's message (after its id),
# the advice's text (after the arrow).
MESSAGE_INDENT, CHECK_INDENT, ADVICE_INDENT = 2, 19, 6


def hanging_problems(problems: Iterable[Problem]) -> list[tuple[Content, int]]:
    lines = []
    for p in problems:
        where = f" ({p.where()})" if p.line else ""
        message = Content.assemble((SEVERITY_MARK[p.severity], SEVERITY_STYLE[p.severity]), " ", p.message + where)
        lines.append((message, MESSAGE_INDENT))
        if p.advice:
            lines.append((Content.styled(f"    {p.advice}", "$text-muted"), 4))
    return lines


def problem_lines(problems: Iterable[Problem]) -> list[Content]:
    return [line for line, _ in hanging_problems(problems)]


# Once every check has finished, what needs the user comes first: a box shows some ten lines, and five
# passing checks before a failure put the failure and its advice out of view.
ATTENTION_ORDER = {"fail": 0, "warn": 1}


def attention_first(checks: Iterable[CheckResult]) -> list[CheckResult]:
    """Failed checks, then warnings, then the rest, each group in the order the checks ran. While any check
    runs, the order they run in (lines do not jump under the spinner)."""
    checks = list(checks)
    if any(check.status == "running" for check in checks):
        return checks
    return sorted(checks, key=lambda check: ATTENTION_ORDER.get(check.status, len(ATTENTION_ORDER)))


def hanging_checks(checks: Iterable[CheckResult], frame: int) -> list[tuple[Content, int]]:
    lines = []
    for check in attention_first(checks):
        mark = SPINNER[frame % len(SPINNER)] if check.status == "running" else STATUS_MARK.get(check.status, "?")
        line = Content.assemble(
            (mark, STATUS_STYLE.get(check.status, "")), " ", (check.id.ljust(16), "bold"), " ", check.message
        )
        lines.append((line, CHECK_INDENT))
        if check.advice and check.status != "running":
            advice = Content.styled(f"    → {check.advice}", "$warning" if check.status == "fail" else "$text-muted")
            lines.append((advice, ADVICE_INDENT))
    return lines


def check_lines(checks: Iterable[CheckResult], frame: int) -> list[Content]:
    return [line for line, _ in hanging_checks(checks, frame)]


def offline_summary(problems: tuple[Problem, ...]) -> str:
    """`2 errors, 1 warning`, `1 note`, or `no problems`."""
    counts = [
        (sum(p.severity == severity for p in problems), word)
        for severity, word in (("error", "error"), ("warning", "warning"), ("info", "note"))
    ]
    parts = [counted(n, word) for n, word in counts if n]
    return ", ".join(parts) or "no problems"


class ValidationPanel(InfoPane):
    """Renders the offline problems and the latest run; animates a spinner only while checks run."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._problems: tuple[Problem, ...] = ()
        self._run = ValidationRun()
        self._stamp = ""
        self._stale = False
        self._frame = 0
        self._timer: Timer | None = None

    def update_state(
        self, problems: tuple[Problem, ...], run: ValidationRun, stamp: str = "", stale: bool = False
    ) -> None:
        """`stale`: the run checked another configuration than the one shown now."""
        self._problems, self._run, self._stamp, self._stale = problems, run, stamp, stale
        if run.running and self._timer is None:
            self._timer = self.set_interval(0.1, self._spin)
        elif not run.running and self._timer is not None:
            self._timer.stop()
            self._timer = None
            self._redraw()
            # Just finished: the panel opens at its first line, the verdict (the online checks come first).
            self.scroll_home(animate=False, immediate=True)
            return
        self._redraw()

    def _spin(self) -> None:
        self._frame += 1
        self._redraw()

    def _redraw(self) -> None:
        shown = [p for p in self._problems if p.severity != "info"] or list(self._problems)
        offline = [
            (Content.styled("Offline checks: " + offline_summary(self._problems), "bold"), MESSAGE_INDENT),
            *hanging_problems(shown),
        ]
        run = self._run
        verdict = run.verdict() + (f" · {self._stamp}" if self._stamp and run.phase == "done" else "")
        style = "$text-error" if run.failed or run.error else ("$success" if run.ok else "")
        online = [(Content.assemble(("Online checks: ", "bold"), (verdict, style)), MESSAGE_INDENT)]
        if self._stale and run.phase != "idle":
            stale = Content.styled("    results for an earlier configuration — F5 to re-check", "$warning")
            online.append((stale, 4))
        if run.phase == "idle":
            idle = Content.styled("    F5 or ctrl+r validates against Bedrock; saving validates first.", "$text-muted")
            online.append((idle, 4))
        online.extend(hanging_checks(run.checks.values(), self._frame))
        trace = Content.styled(
            "    shift+F5 traces: your Claude Code run once against a local stand-in.", "$text-muted"
        )
        online.append((trace, 4))
        # Once validated, the verdict is what the panel is about: it comes first, the offline checks after.
        first, second = (offline, online) if run.phase == "idle" else (online, offline)
        self.show(Hanging([*first, (Content(""), 0), *second]))
