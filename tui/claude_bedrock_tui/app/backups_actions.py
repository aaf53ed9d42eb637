"""The app's way to the backups screen (a mixin of BedrockApp, like actions.Actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp


class BackupActions:
    def action_backups(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.screens.backups import BackupsScreen

        self.push_screen(BackupsScreen())
