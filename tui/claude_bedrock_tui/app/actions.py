"""The actions behind the keys: help, validate, panes, scope, Bedrock on/off, undo, pick, save and quit.

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

    def action_help(self: "BedrockApp") -> None:
        from claude_bedrock_tui.app.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_validate(self: "BedrockApp") -> None:
        self.start_validation()
        self.main.show_pane("pane-checks", focus=not self.main.wide)

    def action_next_pane(self: "BedrockApp") -> None:
        self.main.next_pane()

    def action_cycle_scope(self: "BedrockApp") -> None:
        from claude_bedrock_tui.app.display import display_path
        from claude_bedrock_tui.core.locations import WRITABLE_SCOPES

        scopes = list(WRITABLE_SCOPES)
        self.set_scope(scopes[(scopes.index(self.session.scope) + 1) % len(scopes)])
        self.notify(f"Edits now go to the {self.session.scope} scope: "
                    f"{display_path(self.session.base.file(self.session.scope).path, self.environ)}")

    def action_toggle_bedrock(self: "BedrockApp") -> None:
        notes = self.session.set_bedrock(not self.session.bedrock_on)
        self.main.editors.load(self.session)
        self._edits_changed()
        state = "on" if self.session.bedrock_on else "off"
        self.notify(" ".join([f"Bedrock {state} after saving.", *notes]),
                    severity="warning" if notes else "information")

    def action_revert(self: "BedrockApp") -> None:
        self.session.revert()
        self.main.editors.load(self.session)
        self._edits_changed()
        self.notify("Every unsaved edit was undone.")

    def action_pick(self: "BedrockApp") -> None:
        from claude_bedrock_tui.app.pick import open_picker

        name = self._focused_pickable()
        if name is not None:
            open_picker(self, name)

    async def action_quit(self: "BedrockApp") -> None:
        if self.session is None or not self.session.dirty:
            self.exit(0)
            return
        while self.screen is not self.main:
            self.pop_screen()
        count = sum(len(c) for c in self.session.pending.values())
        summary = f"{count} edit{'s' * (count != 1)} not saved yet. Save them before quitting?"
        from claude_bedrock_tui.app.screens.dialogs import QuitScreen

        self.push_screen(QuitScreen(summary), self._quit_choice)

    def _quit_choice(self: "BedrockApp", choice: "QuitChoice | None") -> None:
        if choice == "discard":
            self.exit(0)
        elif choice == "save":
            self._quit_after_save = True
            self.action_save()

    # -- saving ----------------------------------------------------------------------------------
    def action_save(self: "BedrockApp") -> None:
        from claude_bedrock_tui.app.screens.dialogs import ErrorScreen
        from claude_bedrock_tui.app.screens.save import SaveScreen
        from claude_bedrock_tui.core.edits import EditRefused

        try:
            changes = self.session.plan()
        except EditRefused as exc:
            self._quit_after_save = False
            self.push_screen(ErrorScreen("Cannot save", str(exc)))
            return
        if not changes:
            self.session.revert()
            self._edits_changed()
            self.notify("Nothing to save: the files already hold these values.")
            return
        candidate = self.session.preview.candidate()
        if not (self.run_state.phase == "done" and self.run_state.key == candidate_key(candidate)):
            self.start_validation()  # always validate the very configuration that will be written
        self.push_screen(SaveScreen(changes, self.session.scope),
                         lambda choice: self._save_choice(choice, changes))

    def _save_choice(self: "BedrockApp", choice: "SaveChoice | None", changes: "list[FileChange]") -> None:
        from claude_bedrock_tui.app.display import display_path
        from claude_bedrock_tui.app.screens.dialogs import ErrorScreen
        from claude_bedrock_tui.core.edits import EditRefused
        from claude_bedrock_tui.core.safe_write import ChangedOnDisk

        if choice is None:
            self._quit_after_save = False
            return
        try:
            results = self.session.save(changes, self.environ)
        except (ChangedOnDisk, OSError, EditRefused) as exc:
            self._quit_after_save = False
            self.session.reload(self.environ)
            self.main.editors.load(self.session)
            self._edits_changed()
            self.push_screen(ErrorScreen("Not saved", str(exc)))
            return
        self.main.editors.load(self.session)
        self._edits_changed()
        written = ", ".join(display_path(r.path, self.environ) for r in results)
        self.notify(f"Saved {written}" + (" (validation failed: saved anyway)" if choice == "anyway" else ""),
                    severity="warning" if choice == "anyway" else "information")
        if self._quit_after_save:
            self.exit(0)
