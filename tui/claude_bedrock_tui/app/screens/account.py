"""Account view: model access, quotas and IAM for the configuration being edited.

The access:<slot>, quota:<slot> and iam checks of the latest validation (run with F5, like every online
check), and the least-privilege IAM policy for exactly this configuration (the `iam-policy` command's).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from claude_bedrock_tui.app.widgets.validation_panel import check_lines
from claude_bedrock_tui.validation.iam_policy import policy_for, routes_from

if TYPE_CHECKING:
    from claude_bedrock_tui.app.validation_state import ValidationRun
    from claude_bedrock_tui.core.candidate import Candidate
    from claude_bedrock_tui.validation.report import InferenceProfile

ACCOUNT_CHECKS = ("access:", "quota:", "iam")


def account_content(run: ValidationRun, candidate: Candidate, profiles: list[InferenceProfile]) -> Content:
    checks = [c for c in run.checks.values() if c.id.startswith(ACCOUNT_CHECKS)]
    lines = [Content.styled("Model access and quotas", "bold")]
    if checks:
        lines += check_lines(checks, 0)
    else:
        lines.append(
            Content.styled("    Not validated yet: F5 validates, and these checks come with it.", "$text-muted")
        )
    policy = json.dumps(policy_for(candidate, routes=routes_from(profiles)), indent=2)
    lines += [
        Content(""),
        Content.styled("IAM policy for this configuration (`claude-bedrock-tui iam-policy`)", "bold"),
        Content(policy),
    ]
    return Content("\n").join(lines)


class AccountScreen(ModalScreen[None]):
    """Shows the account checks and the generated policy; escape closes it."""

    BINDINGS = [Binding("escape,q,f14", "dismiss", "Close", id="account-close")]

    def __init__(self, run: ValidationRun, candidate: Candidate, profiles: list[InferenceProfile]) -> None:
        super().__init__(classes="dialog-screen")
        self._content = account_content(run, candidate, profiles)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="account-dialog") as box:
            box.border_title = "Account: access, quotas, IAM"
            box.border_subtitle = "escape closes"
            with VerticalScroll(classes="dialog-body"):
                yield Static(self._content, id="account-text")
