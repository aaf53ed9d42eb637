"""The actions behind the keys: help, validate, panes, scope, Bedrock on/off, discard, reload, pick, save, quit.

A mixin of BedrockApp, kept apart so each module reads in one sitting. Dialog modules are imported when
first needed: none of them is on the path of the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_bedrock_tui.app.validation_state import candidate_key

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.app.screens.dialogs import QuitChoice
    from claude_bedrock_tui.app.screens.save import SaveChoice
    from claude_bedrock_tui.core.edits import FileChange


class Actions:
    """Every `action_*` of the app; `self` is the BedrockApp."""

    def action_help(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_validate(self: BedrockApp) -> None:
        self.command_trust.then(self, self.session.preview.candidate(), self._validate_now)

    def _validate_now(self: BedrockApp) -> None:
        self.start_validation()
        self.main.show_pane("pane-checks", focus=not self.main.wide)

    def action_next_pane(self: BedrockApp) -> None:
        self.main.next_pane()

    def action_cycle_scope(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.display import display_path
        from claude_bedrock_tui.core.locations import WRITABLE_SCOPES

        scopes = list(WRITABLE_SCOPES)
        self.set_scope(scopes[(scopes.index(self.session.scope) + 1) % len(scopes)])
        self.notify(
            f"Edits now go to the {self.session.scope} scope: "
            f"{display_path(self.session.base.file(self.session.scope).path, self.environ)}"
        )

    def action_toggle_bedrock(self: BedrockApp) -> None:
        notes = self.session.set_bedrock(not self.session.bedrock_on)
        self.session_changed()
        state = "on" if self.session.bedrock_on else "off"
        self.notify(
            " ".join([f"Bedrock {state} after saving.", *notes]), severity="warning" if notes else "information"
        )

    def action_revert(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.screens.dialogs import ConfirmDiscardScreen

        if not self.session.dirty:
            return
        count = sum(len(c) for c in self.session.pending.values())
        scopes = ", ".join(scope for scope, changes in self.session.pending.items() if changes)
        summary = (
            f"{count} unsaved edit{'s' * (count != 1)} ({scopes}) will be forgotten. "
            "The files on disk stay as they are."
        )
        self.push_screen(ConfirmDiscardScreen(summary), self._discard_choice)

    def _discard_choice(self: BedrockApp, discard: bool | None) -> None:
        if not discard:
            return
        self.session.revert()
        self.session_changed()
        self.notify("Every unsaved edit was discarded.")

    def action_reload(self: BedrockApp) -> None:
        """Read every settings file (and the AWS profile files) again; pending edits stay pending."""
        self.reload_from_disk()
        count = sum(len(c) for c in self.session.pending.values())
        kept = f"; {count} unsaved edit{'s' * (count != 1)} kept" if count else ""
        self.notify(f"Read the settings files again{kept}.")

    def reload_from_disk(self: BedrockApp) -> None:
        self.session.reload(self.environ)
        self.session_changed()
        self._scan_profiles()

    def _show_file_error(self: BedrockApp, title: str, message: str) -> None:
        """An error about a settings file; the files are read again when it closes (fixed by hand meanwhile)."""
        from claude_bedrock_tui.app.screens.dialogs import ErrorScreen

        self.push_screen(ErrorScreen(title, message), lambda _: self.reload_from_disk())

    def action_pick(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.pick import open_picker

        name = self._focused_pickable()
        if name is not None:
            open_picker(self, name)

    async def action_quit(self: BedrockApp) -> None:
        if self.session is None or not self.session.dirty:
            self.exit(0)
            return
        while self.screen is not self.main:
            self.pop_screen()
        count = sum(len(c) for c in self.session.pending.values())
        summary = f"{count} edit{'s' * (count != 1)} not saved yet. Save them before quitting?"
        from claude_bedrock_tui.app.screens.dialogs import QuitScreen

        self.push_screen(QuitScreen(summary), self._quit_choice)

    def _quit_choice(self: BedrockApp, choice: QuitChoice | None) -> None:
        if choice == "discard":
            self.exit(0)
        elif choice == "save":
            self._quit_after_save = True
            self.action_save()

    # -- saving ----------------------------------------------------------------------------------
    def action_save(self: BedrockApp) -> None:
        # Saving validates: a command from the project is asked about before that validation runs it.
        self.command_trust.then(self, self.session.preview.candidate(), self._save_now)

    def _save_now(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.screens.save import SaveScreen
        from claude_bedrock_tui.core.edits import EditRefused

        try:
            changes = self.session.plan()
        except EditRefused as exc:
            self._quit_after_save = False
            message = str(exc)
            if self.session.shared_secret_edits():
                message += " Press F4 to change the target scope, then type the secret there."
            self._show_file_error("Cannot save", message)
            return
        if not changes:
            self.session.revert()
            self.session_changed()
            self.notify("Nothing to save: the files already hold these values.")
            return
        # Turning Bedrock off needs no online verdict: often it is off *because* Bedrock does not work.
        bedrock_off = not self.session.bedrock_on
        candidate = self.session.preview.candidate()
        if not bedrock_off and not (self.run_state.phase == "done" and self.run_state.key == candidate_key(candidate)):
            self.start_validation()  # always validate the very configuration that will be written
        self.push_screen(
            SaveScreen(changes, self.session.scope, bedrock_off=bedrock_off),
            lambda choice: self._save_choice(choice, changes),
        )

    def _save_choice(self: BedrockApp, choice: SaveChoice | None, changes: list[FileChange]) -> None:
        from claude_bedrock_tui.app.display import display_path
        from claude_bedrock_tui.core.edits import EditRefused
        from claude_bedrock_tui.core.safe_write import ChangedOnDisk, LockBusy, UnsafeTarget, describe_write_failure

        if choice is None:
            self._quit_after_save = False
            return
        try:
            results = self.session.save(changes, self.environ)
        except (ChangedOnDisk, LockBusy, UnsafeTarget, OSError, EditRefused) as exc:
            self._quit_after_save = False
            self.reload_from_disk()
            self._show_file_error("Not saved", describe_write_failure(exc, "the file") or str(exc))
            return
        self.session_changed()
        written = ", ".join(display_path(r.path, self.environ) for r in results)
        self.notify(
            f"Saved {written}" + (" (validation failed: saved anyway)" if choice == "anyway" else ""),
            severity="warning" if choice == "anyway" else "information",
        )
        if self._quit_after_save:
            self.exit(0)
