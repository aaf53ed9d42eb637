"""The validation panel: offline problems as the user types, online checks as they complete."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.timer import Timer

from claude_bedrock_tui.app.display import SEVERITY_MARK, SEVERITY_STYLE, STATUS_MARK, STATUS_STYLE
from claude_bedrock_tui.app.validation_state import ValidationRun
from claude_bedrock_tui.app.widgets.panes import InfoPane
from claude_bedrock_tui.core.records import CheckResult, Problem

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


def problem_lines(problems: Iterable[Problem]) -> list[Content]:
    lines = []
    for p in problems:
        where = f" ({p.where()})" if p.line else ""
        lines.append(Content.assemble((SEVERITY_MARK[p.severity], SEVERITY_STYLE[p.severity]), " ",
                                      p.message + where))
        if p.advice:
            lines.append(Content.styled(f"    {p.advice}", "$text-muted"))
    return lines


def check_lines(checks: Iterable[CheckResult], frame: int) -> list[Content]:
    lines = []
    for check in checks:
        mark = SPINNER[frame % len(SPINNER)] if check.status == "running" else STATUS_MARK.get(check.status, "?")
        lines.append(Content.assemble((mark, STATUS_STYLE.get(check.status, "")), " ",
                                      (check.id.ljust(16), "bold"), " ", check.message))
        if check.advice and check.status != "running":
            lines.append(Content.styled(f"    → {check.advice}", "$warning" if check.status == "fail" else "$text-muted"))
    return lines


class ValidationPanel(InfoPane):
    """Renders the offline problems and the latest run; animates a spinner only while checks run."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._problems: tuple[Problem, ...] = ()
        self._run = ValidationRun()
        self._stamp = ""
        self._frame = 0
        self._timer: Timer | None = None

    def update_state(self, problems: tuple[Problem, ...], run: ValidationRun, stamp: str = "") -> None:
        self._problems, self._run, self._stamp = problems, run, stamp
        if run.running and self._timer is None:
            self._timer = self.set_interval(0.1, self._spin)
        elif not run.running and self._timer is not None:
            self._timer.stop()
            self._timer = None
            self._redraw()
            # Just finished: bring the online checks (and any failure's advice) into view.
            self.call_after_refresh(self.scroll_end, animate=False)
            return
        self._redraw()

    def _spin(self) -> None:
        self._frame += 1
        self._redraw()

    def _redraw(self) -> None:
        shown = [p for p in self._problems if p.severity != "info"] or list(self._problems)
        errors = sum(p.severity == "error" for p in self._problems)
        head = f"Offline checks: {errors} error{'s' * (errors != 1)}" if self._problems else "Offline checks: no problems"
        lines = [Content.styled(head, "bold"), *problem_lines(shown), Content("")]
        run = self._run
        verdict = run.verdict() + (f" · {self._stamp}" if self._stamp and run.phase == "done" else "")
        style = "$error" if run.failed or run.error else ("$success" if run.ok else "")
        lines.append(Content.assemble(("Online checks: ", "bold"), (verdict, style)))
        if run.phase == "idle":
            lines.append(Content.styled("    F5 or ctrl+r validates against Bedrock; saving validates first.",
                                        "$text-muted"))
        lines.extend(check_lines(run.checks.values(), self._frame))
        self.show(Content("\n").join(lines))
