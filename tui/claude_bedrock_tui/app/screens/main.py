"""The main screen's keys and what they do: help, save, pick, scope, validate, trace, panes, profiles,
Bedrock on/off, discard, backups, account, reload. Quit is the app's (it asks first from any screen).

The bindings live on the screen that owns them, so no action asks "is the main screen showing?". Dialog
modules are imported when first needed: none of them is on the path of the first frame. A new action is
one binding in keys.MAIN_KEYS and one `action_*` method here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import BindingType

from claude_bedrock_tui.app.keys import EXPLAIN_KEYS, MAIN_KEYS
from claude_bedrock_tui.app.screens.main_layout import MainLayout
from claude_bedrock_tui.app.validation_state import candidate_key
from claude_bedrock_tui.core.wording import counted, plural

if TYPE_CHECKING:
    from claude_bedrock_tui.app.screens.profiles import ApplyRequest
    from claude_bedrock_tui.app.screens.save import SaveChoice
    from claude_bedrock_tui.core.edits import FileChange


def edits_phrase(count: int) -> str:
    """`1 unsaved edit`, `3 unsaved edits`."""
    return counted(count, "unsaved edit")


class MainScreen(MainLayout):
    """The main screen: its layout (MainLayout) and its keys."""

    BINDINGS: ClassVar[list[BindingType]] = [*MAIN_KEYS, *EXPLAIN_KEYS]

    # -- which keys do something now (the footer shows only those) --------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.built:
            return False
        if action in ("save", "revert"):
            return self.app.session.dirty
        if action == "pick":
            return self.focused_pickable() is not None
        return True

    def focused_pickable(self) -> str | None:
        """The setting in the editor, when the focus is in the Edit pane and it has a list to pick from."""
        from claude_bedrock_tui.app.widgets.field_editor import is_pickable
        from claude_bedrock_tui.core.fields import SPEC_BY_NAME

        focused = self.focused
        if focused is None or "pane-edit" not in {node.id for node in focused.ancestors_with_self}:
            return None
        spec = SPEC_BY_NAME.get(self.editors.current)
        return spec.name if spec is not None and is_pickable(spec) else None

    def action_explain(self, action: str) -> None:
        """A key whose action has nothing to do now (the footer hides it): say why."""
        if action == "save":
            self.app.notify("Nothing to save: no unsaved edits (type into a setting, or F7 applies a profile).")
        elif action == "pick":
            self.app.notify(
                "No list for this setting: F3 lists AWS profiles (AWS profile) and model IDs (Models), and edits "
                "the guardrail (Custom headers) and modelOverrides as a table."
            )

    # -- simple actions ------------------------------------------------------------------------------
    def action_help(self) -> None:
        from claude_bedrock_tui.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_validate(self) -> None:
        app = self.app
        if not app.session.bedrock_on:
            # What Save says too: with Bedrock off there is nothing to check against Bedrock.
            app.notify("Bedrock is off in this configuration: nothing to validate against Bedrock (F8 turns it on).")
            return
        app.command_trust.then(app, app.session.preview.candidate(), self._validate_now)

    def _validate_now(self) -> None:
        self.app.start_validation()
        self.show_pane("pane-checks", focus=not self.wide)

    def action_next_pane(self) -> None:
        self.next_pane()

    def action_cycle_scope(self) -> None:
        from claude_bedrock_tui.app.display import display_path
        from claude_bedrock_tui.core.locations import WRITABLE_SCOPES

        app, session = self.app, self.app.session
        scopes = list(WRITABLE_SCOPES)
        app.set_scope(scopes[(scopes.index(session.scope) + 1) % len(scopes)])
        path = display_path(session.base.file(session.scope).path, app.environ)
        app.notify(f"Edits now go to the {session.scope} scope: {path}")

    def action_toggle_bedrock(self) -> None:
        app, session = self.app, self.app.session
        notes = session.set_bedrock(not session.bedrock_on)
        app.session_changed()
        state = "on" if session.bedrock_on else "off"
        app.notify(" ".join([f"Bedrock {state} after saving.", *notes]), severity="warning" if notes else "information")

    def action_revert(self) -> None:
        from claude_bedrock_tui.app.screens.choice import Choice, ChoiceScreen

        session = self.app.session
        if not session.dirty:
            return
        count = sum(len(c) for c in session.pending.values())
        scopes = ", ".join(scope for scope, changes in session.pending.items() if changes)
        summary = f"{edits_phrase(count)} ({scopes}) will be forgotten. The files on disk stay as they are."
        what = plural(count, "the edit", "all edits")
        question = ChoiceScreen(
            f"Discard {what}?",
            summary,
            [
                Choice(True, f"Discard {what}", "error", id="discard", keys="d"),
                Choice(False, "Keep", "primary", id="keep"),
            ],
            cancel=False,
            name="discard",
            message_id="discard-summary",
        )
        self.app.push_screen(question, self._discard_choice)

    def _discard_choice(self, discard: bool | None) -> None:
        if not discard:
            return
        self.app.session.revert()
        self.app.session_changed()
        self.app.notify("Every unsaved edit was discarded.")

    def action_reload(self) -> None:
        """Read every settings file (and the AWS profile files) again; pending edits stay pending."""
        self.app.reload_from_disk()
        count = sum(len(c) for c in self.app.session.pending.values())
        kept = f"; {edits_phrase(count)} kept" if count else ""
        self.app.notify(f"Read the settings files again{kept}.")

    def action_pick(self) -> None:
        from claude_bedrock_tui.app.pick import open_picker

        name = self.focused_pickable()
        if name is not None:
            open_picker(self.app, name)

    def action_backups(self) -> None:
        from claude_bedrock_tui.app.screens.backups import BackupsScreen

        self.app.push_screen(BackupsScreen())

    def action_trace(self) -> None:
        from claude_bedrock_tui.app.screens.trace import TraceScreen

        self.app.push_screen(TraceScreen())

    def action_account(self) -> None:
        from claude_bedrock_tui.app.screens.account import AccountScreen

        app = self.app
        app.push_screen(AccountScreen(app.run_state, app.session.preview.candidate(), app.known_profiles))

    # -- named profiles -----------------------------------------------------------------------------------
    def action_profiles(self) -> None:
        from claude_bedrock_tui.app.screens.profiles import ProfilesScreen

        self.app.push_screen(ProfilesScreen(), self._apply_requested)

    def _apply_requested(self, request: ApplyRequest | None) -> None:
        """Load the profile's changes as the target scope's pending edits, then open the usual save flow.

        The plan is made against the target's file, so unsaved edits there that the profile does not
        set would be dropped: the user is asked first (as Discard and Quit do).
        """
        from claude_bedrock_tui.app.screens.choice import confirm_dialog

        if request is None:
            return
        dropped = sorted(n for n in self.app.session.pending.get(request.scope, {}) if n not in request.plan.changes)
        if not dropped:
            self._apply(request)
            return
        question = confirm_dialog(
            f"Apply profile {request.name}?",
            f"Applying it replaces the {request.scope} scope's {edits_phrase(len(dropped))} it does not set:",
            detail=", ".join(dropped),
            after=f"{plural(len(dropped), 'That edit is', 'Those edits are')} forgotten; the files on disk stay as "
            "they are until you save.",
            yes="Apply",
            no="Keep my edits",
        )
        self.app.push_screen(question, lambda yes: self._apply(request) if yes else None)

    def _apply(self, request: ApplyRequest) -> None:
        from claude_bedrock_tui.app.profiles_state import load_plan

        app = self.app
        app.set_scope(request.scope)
        load_plan(app.session, request.scope, request.plan.changes)
        app.session_changed()
        if request.plan.notes:
            app.notify("\n".join(request.plan.notes), title=f"Profile {request.name}", severity="warning", timeout=15)
        if not request.plan.changes:
            app.notify(f"The {request.scope} settings already hold profile {request.name!r}; nothing to write.")
            return
        self.action_save()

    # -- saving ------------------------------------------------------------------------------------------
    def action_save(self) -> None:
        # Saving validates: a command from the project is asked about before that validation runs it.
        app = self.app
        app.command_trust.then(app, app.session.preview.candidate(), self._save_now)

    def _save_now(self) -> None:
        from claude_bedrock_tui.app.screens.save import SaveScreen
        from claude_bedrock_tui.core.edits import EditRefused

        app, session = self.app, self.app.session
        try:
            changes = session.plan()
        except EditRefused as exc:
            app.quit_after_save = False
            message = str(exc)
            if session.shared_secret_edits():
                message += " Press F4 to change the target scope, then type the secret there."
            app.show_file_error("Cannot save", message)
            return
        if not changes:
            session.revert()
            app.session_changed()
            app.notify("Nothing to save: the files already hold these values.")
            return
        # Turning Bedrock off needs no online verdict: often it is off *because* Bedrock does not work.
        bedrock_off = not session.bedrock_on
        candidate = session.preview.candidate()
        run = app.run_state
        if not bedrock_off and not (run.phase == "done" and run.key == candidate_key(candidate)):
            app.start_validation()  # always validate the very configuration that will be written
        app.push_screen(
            SaveScreen(changes, session.scope, bedrock_off=bedrock_off),
            lambda choice: self._save_choice(choice, changes),
        )

    def _save_choice(self, choice: SaveChoice | None, changes: list[FileChange]) -> None:
        if choice is None:
            self.app.quit_after_save = False
            return
        self.app.write(changes, anyway=choice == "anyway")
