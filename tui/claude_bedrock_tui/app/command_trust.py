"""Which awsCredentialExport commands from project or local settings the user said validation may run.

Claude Code refuses those commands before a workspace is trusted; the app asks once per command (the
exact text: an edited command is asked about again) and remembers the answer until it quits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from claude_bedrock_tui.core.candidate import Candidate

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.core.locations import Scope


class CommandTrust:
    """The answers given so far: command text -> may run."""

    def __init__(self) -> None:
        self.answers: dict[str, bool] = {}

    def trusted(self, candidate: Candidate) -> bool:
        from claude_bedrock_tui.validation.aws_access import repository_command

        found = repository_command(candidate)
        return found is not None and self.answers.get(found[0], False)

    def then(self, app: BedrockApp, candidate: Candidate, proceed: Callable[[], None]) -> None:
        """Call `proceed` now, or once the user has answered the question about this candidate's command."""
        from claude_bedrock_tui.validation.aws_access import repository_command

        found = repository_command(candidate)
        if found is None or found[0] in self.answers:
            proceed()
            return
        from claude_bedrock_tui.app.screens.choice import confirm_dialog

        command, scope = found
        path = app.session.preview.file(cast("Scope", scope)).path

        def answered(run: bool | None) -> None:
            self.answers[command] = bool(run)
            proceed()

        question = confirm_dialog(
            "Run a command from the project?",
            f"Validation would run this awsCredentialExport command, which comes from the {scope} settings "
            f"({path}): a cloned repository can put any command there.",
            detail=command,
            after="Run it only if you have read it and trust it. Otherwise validation skips the credentials "
            "it would give (and says so).",
            yes="Run it",
            no="Don't run",
            wide=True,
        )
        app.push_screen(question, answered)
