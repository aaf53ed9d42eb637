"""Account view: model access, quotas and IAM for the configuration being edited.

The access:<slot>, quota:<slot> and iam checks of the latest validation (run with F5, like every online
check), and the least-privilege IAM policy for exactly this configuration (the `iam-policy` command's).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical
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


def checks_content(run: ValidationRun) -> Content:
    """The account checks of the latest run (the validation panel's rendering) and the policy's heading."""
    checks = [c for c in run.checks.values() if c.id.startswith(ACCOUNT_CHECKS)]
    lines = [Content.styled("Model access and quotas", "bold")]
    if checks:
        lines += check_lines(checks, 0)
    else:
        lines.append(Content.styled("Not validated yet: F5 validates, and these checks come with it.", "$text-muted"))
    lines += [
        Content(""),
        Content.styled("IAM policy for this configuration (`claude-bedrock-tui iam-policy`)", "bold"),
    ]
    return Content("\n").join(lines)


def policy_text(candidate: Candidate, profiles: list[InferenceProfile]) -> str:
    return json.dumps(policy_for(candidate, routes=routes_from(profiles)), indent=2)


class AccountScreen(ModalScreen[None]):
    """Shows the account checks and the generated policy; escape closes it."""

    BINDINGS = [Binding("escape,q,shift+f2,f14", "dismiss", "Close", id="account-close")]

    def __init__(self, run: ValidationRun, candidate: Candidate, profiles: list[InferenceProfile]) -> None:
        super().__init__(classes="dialog-screen")
        self._checks = checks_content(run)
        self._policy = policy_text(candidate, profiles)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="account-dialog") as box:
            box.border_title = "Account: access, quotas, IAM"
            box.border_subtitle = "escape closes"
            with ScrollableContainer(classes="dialog-body"):
                yield Static(self._checks, id="account-text")
                # Not wrapped, so the JSON keeps its indentation and can be copied as it is.
                policy = Static(Content(self._policy), id="account-policy")
                policy.styles.text_wrap = "nowrap"
                policy.styles.width = "auto"
                yield policy
