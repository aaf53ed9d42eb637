"""The app's ways to the backups and trace dialogs (mixins of BedrockApp, like actions.Actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp


class BackupActions:
    def action_backups(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.screens.backups import BackupsScreen

        self.push_screen(BackupsScreen())


class TraceActions:
    def action_trace(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.screens.trace import TraceScreen

        self.push_screen(TraceScreen())
