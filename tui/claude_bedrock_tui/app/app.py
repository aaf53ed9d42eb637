"""The Textual app: owns the edit session and the validation state; workers only post messages.

The settings are read before the first frame, so it shows them (the useful frame is the first one); the
AWS profile files and the named profiles are read in threads after it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.notifications import Notify
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from claude_bedrock_tui.app.collection import OpeningPause
from claude_bedrock_tui.app.command_trust import CommandTrust
from claude_bedrock_tui.app.keys import APP_ONLY_KEYS, MAIN_KEYS, PALETTE_TITLES
from claude_bedrock_tui.app.messages import CheckUpdated, ProfilesScanned, SavedProfilesRead, ValidationFinished
from claude_bedrock_tui.app.screens.main import MainScreen
from claude_bedrock_tui.app.session import EditSession
from claude_bedrock_tui.app.validation_state import ValidationRun, Validator, candidate_key, default_validator
from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.core.wording import counted, them

if TYPE_CHECKING:
    from claude_bedrock_tui.app.profiles_state import SavedProfiles
    from claude_bedrock_tui.core.edits import FileChange
    from claude_bedrock_tui.core.safe_write import WriteResult

VALIDATION_DEADLINE_S = 15.0


class BedrockApp(App[int]):
    """See, edit and validate Claude Code's Bedrock configuration for one environment.

    Everything is read from `environ` (default: os.environ), which is never modified.
    """

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find it too.
    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"
    TITLE = "Claude Code on Amazon Bedrock"
    BINDINGS: ClassVar[list[BindingType]] = [*APP_ONLY_KEYS]  # every other key is the main screen's

    def __init__(
        self,
        project_dir: Path | None = None,
        environ: Mapping[str, str] | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        validator: Validator | None = None,
    ) -> None:
        super().__init__()
        self.environ = dict(os.environ if environ is None else environ)
        self.project_dir = project_dir
        # Read now (the AWS profile files later, in a worker): it exists before anything uses it.
        self.session = EditSession(load(project_dir, self.environ, read_aws=False))
        self.clock = clock or datetime.now
        self.validator = validator or default_validator
        self.run_state = ValidationRun()
        self.validation_signal: Signal[ValidationRun] = Signal(self, "validation")
        self._cancel: threading.Event | None = None
        self._runs = 0
        self.quit_after_save = False
        self.saved_profiles: SavedProfiles | None = None  # None until the profiles file was first read
        self.no_profiles_file = False  # seen missing at start: nothing to read, nothing can match but `off`
        self.known_profiles: list = []  # the inference profiles of the last validation that listed them
        self.command_trust = CommandTrust()  # which project commands validation may run
        self.refresh_suggestion: str | None = None  # the awsAuthRefresh the profile picker last filled in
        self._opening = OpeningPause()

    def get_default_screen(self) -> Screen:
        return MainScreen(id="main")

    @property
    def main(self) -> MainScreen:
        main = self.screen_stack[0]
        assert isinstance(main, MainScreen)
        return main

    @property
    def is_ready(self) -> bool:
        """The main screen is mounted, every pane of it (the hidden ones follow the first frame)."""
        return self.main.complete

    def on_load(self) -> None:
        self._opening.pause()  # until the main screen is complete (app/collection.py)

    def on_unmount(self) -> None:
        self._opening.resume()  # closed before the main screen was complete

    def configuration_shown(self) -> None:
        """The main screen is complete: read the AWS profile files and the named profiles now."""
        self._opening.resume()
        self._scan_profiles()
        self._read_saved_profiles()  # named profiles, for the matching-profile indicator

    # -- background work: workers post messages, handlers change state ------------------------------
    @work(thread=True, exit_on_error=False, group="profiles")
    def _scan_profiles(self) -> None:
        from claude_bedrock_tui.core.aws_profiles import AwsProfileReader

        reader = AwsProfileReader()
        reader(self.session.base.claude_env())  # reads the files Claude Code's environment names, now
        self.post_message(ProfilesScanned(reader))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A background read that failed is said, not swallowed (the workers run with exit_on_error=False)."""
        if event.state is not WorkerState.ERROR:
            return
        what = {"profiles": "the AWS profile files", "saved-profiles": "the named profiles file"}.get(
            event.worker.group, "in the background"
        )
        error = event.worker.error
        self.notify(f"Could not read {what}: {type(error).__name__}: {error}", severity="error", timeout=15)

    def on_profiles_scanned(self, message: ProfilesScanned) -> None:
        self.session.set_aws(message.aws)
        # Values stay as typed (a reload could race a key press); only what depends on profiles changes.
        self.main.editors.refresh_method(self.session)
        self.main.session_changed()

    def start_validation(self) -> int:
        """Validate the previewed configuration; a newer run cancels the one in flight."""
        if self._cancel is not None:
            self._cancel.set()
        self._runs += 1
        candidate = self.session.preview.candidate()
        self.run_state = ValidationRun(run_id=self._runs, phase="running", key=candidate_key(candidate))
        self._cancel = threading.Event()
        self._validate(self._runs, candidate, self._cancel, self.command_trust.trusted(candidate))
        self._validation_updated()
        return self._runs

    @work(thread=True, exclusive=True, exit_on_error=False, group="validation")
    def _validate(self, run_id: int, candidate, cancel: threading.Event, trusted: bool) -> None:
        def on_result(result) -> None:
            self.post_message(CheckUpdated(run_id, result))

        try:
            report = self.validator(
                candidate,
                invoke=True,
                on_result=on_result,
                cancel=cancel,
                deadline_s=VALIDATION_DEADLINE_S,
                trust_project_commands=trusted,
            )
        except Exception as exc:  # the engine's failure is shown in the panel, never as a crash
            self.post_message(ValidationFinished(run_id, None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(ValidationFinished(run_id, report))

    def on_check_updated(self, message: CheckUpdated) -> None:
        if message.run_id == self.run_state.run_id and self.run_state.running:
            self.run_state.update(message.result)
            self._validation_updated()

    def on_validation_finished(self, message: ValidationFinished) -> None:
        run = self.run_state
        if message.run_id != run.run_id:
            return  # a stale run that was cancelled: its verdict is about an older configuration
        report = message.report
        if report is None:
            run.phase, run.error = "error", message.error or "unknown error"
        else:
            # The report's order is the plan's order: steadier to read than the order checks started.
            run.checks = {check.id: check for check in getattr(report, "checks", [])} or run.checks
            run.profiles = list(getattr(report, "profiles", []) or [])
            if run.profiles:
                self.known_profiles = run.profiles
            run.phase = "cancelled" if getattr(report, "cancelled", False) else "done"
        run.finished_at = self.clock()
        self._validation_updated()

    def _validation_updated(self) -> None:
        if self.is_ready:
            self.main.refresh_validation()
        self.validation_signal.publish(self.run_state)

    # -- editing ---------------------------------------------------------------------------------
    def session_changed(self, values: bool = True) -> None:
        """The session changed (an action, not typing): the main screen follows, once."""
        self.main.session_changed(values=values)

    def set_scope(self, scope: str) -> None:
        if scope == self.session.scope:
            return
        self.session.scope = scope  # type: ignore[assignment]
        self.session_changed()

    def set_field(self, name: str, value: str) -> None:
        """Put a value into a field's editor, as if typed (it then flows through EditorChanged)."""
        control = self.main.field_control(name)
        control.value = value
        control.focus()

    def reload_from_disk(self) -> None:
        """Read every settings file (and the AWS profile files) again; pending edits stay pending."""
        self.session.reload(self.environ)
        self.session_changed()
        self._scan_profiles()

    def show_file_error(self, title: str, message: str) -> None:
        """An error about a settings file; the files are read again when it closes (fixed by hand meanwhile)."""
        from claude_bedrock_tui.app.screens.choice import error_dialog

        self.push_screen(error_dialog(title, message), lambda _: self.reload_from_disk())

    def write(self, changes: list[FileChange], anyway: bool = False) -> None:
        """Write the planned changes (the save dialog said yes) in a worker: fsync never stalls the screen."""
        self._write_files(changes, anyway)

    @work(thread=True, exclusive=True, exit_on_error=False, group="write")
    def _write_files(self, changes: list[FileChange], anyway: bool) -> None:
        from claude_bedrock_tui.app.session import write_changes

        results, written, error = write_changes(changes, self.environ)
        self.call_from_thread(self._written, results, written, error, anyway)

    def _written(
        self, results: list[WriteResult], written: list[FileChange], error: Exception | None, anyway: bool
    ) -> None:
        from claude_bedrock_tui.app.display import display_path
        from claude_bedrock_tui.core.safe_write import describe_write_failure

        self.session.adopt(written, self.environ)
        self.session_changed()
        if error is not None:
            self.quit_after_save = False
            self._scan_profiles()  # as a reload does: what failed may be a changed AWS setup too
            self.show_file_error("Not saved", describe_write_failure(error, "the file") or str(error))
            return
        saved = ", ".join(display_path(r.path, self.environ) for r in results)
        self.notify(
            f"Saved {saved}" + (" (validation failed: saved anyway)" if anyway else ""),
            severity="warning" if anyway else "information",
        )
        if self.quit_after_save:
            self.exit(0)

    # -- notifications: a few at a time, away from the dialogs' buttons ----------------------------------
    MAX_TOASTS = 2

    def _on_notify(self, event: Notify) -> None:
        """Show a toast; older ones beyond MAX_TOASTS go, so they never pile up over the screen at 80x24."""
        for notification in list(self._notifications)[: -(self.MAX_TOASTS - 1)]:
            self._unnotify(notification, refresh=False)
        super()._on_notify(event)

    # -- quitting: from any screen, asking first when there are unsaved edits --------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit":
            return self.screen.name != "quit"  # the quit key does nothing more while the question is open
        return True

    async def action_quit(self) -> None:
        if not self.session.dirty:
            self.exit(0)
            return
        while self.screen is not self.main:
            self.pop_screen()
        count = sum(len(c) for c in self.session.pending.values())
        summary = f"{counted(count, 'edit')} not saved yet. Save {them(count)} before quitting?"
        from claude_bedrock_tui.app.screens.choice import Choice, ChoiceScreen

        choices = [
            Choice("save", "Save…", "primary", keys="s", footer="Save"),
            Choice("discard", "Discard", "error", keys="d"),
            Choice("keep", "Keep editing"),
        ]
        question = ChoiceScreen(
            "Unsaved edits", summary, choices, cancel="keep", name="quit", message_id="quit-summary"
        )
        self.push_screen(question, self._quit_choice)

    def _quit_choice(self, choice: str | None) -> None:
        if choice == "discard":
            self.exit(0)
        elif choice == "save":
            self.quit_after_save = True
            self.main.action_save()

    # -- named profiles: read in a worker, for the matching-profile indicator -------------------------
    def _read_saved_profiles(self) -> None:
        from claude_bedrock_tui.app.profiles_path import profiles_path_for

        path = profiles_path_for(self.environ)
        if path.exists():
            self._read_profiles_file(path)
        else:
            self.no_profiles_file = True

    @work(thread=True, exit_on_error=False, group="saved-profiles")
    def _read_profiles_file(self, path: Path) -> None:
        from claude_bedrock_tui.app.profiles_state import SavedProfiles

        self.post_message(SavedProfilesRead(SavedProfiles.read(path)))

    def on_saved_profiles_read(self, message: SavedProfilesRead) -> None:
        if self.saved_profiles is None:  # the profiles screen may have read a newer state meanwhile
            self.profiles_read(message.saved)

    def profiles_read(self, saved: SavedProfiles) -> None:
        """Adopt what the profiles file holds now; the indicator on the main screen follows."""
        self.saved_profiles = saved
        if self.is_ready:
            self.main.session_changed()

    def matching_profile_name(self) -> str | None:
        """The profile the current configuration (unsaved edits included) is, if any."""
        if self.saved_profiles is None:
            if self.no_profiles_file:  # what matching_profile says with no profile saved, without pydantic
                from claude_bedrock_tui.app.profiles_path import OFF_NAME

                return None if self.session.bedrock_on else OFF_NAME
            return None
        return self.saved_profiles.matching(self.session.preview)

    # -- command palette -------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Keys" panel duplicates Help (F1), which lists every key with what it does.
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                continue
            if command.title == "Quit":  # ours asks first when there are unsaved edits
                command = SystemCommand("Quit", "Quit; asks first when there are unsaved edits.", command.callback)
            yield command
        if screen is not self.main:
            return
        for binding in MAIN_KEYS:
            if self.main.check_action(binding.action, ()):
                # Called once the palette has closed: the action method itself, not the gated binding.
                title = PALETTE_TITLES.get(binding.action, binding.description)
                yield SystemCommand(title, binding.tooltip, getattr(self.main, f"action_{binding.action}"))
