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

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.signal import Signal

from claude_bedrock_tui.app.actions import Actions
from claude_bedrock_tui.app.backups_actions import BackupActions
from claude_bedrock_tui.app.command_trust import CommandTrust
from claude_bedrock_tui.app.keys import APP_KEYS, PALETTE_TITLES
from claude_bedrock_tui.app.messages import CheckUpdated, ProfilesScanned, ValidationFinished
from claude_bedrock_tui.app.profiles_actions import ProfileActions
from claude_bedrock_tui.app.screens.main import MainScreen
from claude_bedrock_tui.app.session import EditSession
from claude_bedrock_tui.app.validation_state import ValidationRun, Validator, candidate_key, default_validator
from claude_bedrock_tui.core.configuration import load

VALIDATION_DEADLINE_S = 15.0


class BedrockApp(BackupActions, ProfileActions, Actions, App[int]):
    """See, edit and validate Claude Code's Bedrock configuration for one environment.

    Everything is read from `environ` (default: os.environ), which is never modified.
    """

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find it too.
    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"
    TITLE = "Claude Code on Amazon Bedrock"
    BINDINGS = APP_KEYS

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
        self._quit_after_save = False
        self.known_profiles: list = []  # the inference profiles of the last validation that listed them
        self.command_trust = CommandTrust()  # which project commands validation may run
        self.refresh_suggestion: str | None = None  # the awsAuthRefresh the profile picker last filled in

    def get_default_screen(self) -> Screen:
        return MainScreen(id="main")

    @property
    def main(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    @property
    def is_ready(self) -> bool:
        """The main screen is mounted and shows the configuration."""
        return self.main.built

    def configuration_shown(self) -> None:
        """The main screen shows the settings: read the AWS profile files and the named profiles now."""
        self._scan_profiles()
        self._read_saved_profiles()  # named profiles, for the matching-profile indicator

    # -- background work: workers post messages, handlers change state ------------------------------
    @work(thread=True, exit_on_error=False, group="profiles")
    def _scan_profiles(self) -> None:
        from claude_bedrock_tui.core.aws_profiles import AwsProfileReader

        reader = AwsProfileReader()
        reader(self.session.base.claude_env())  # reads the files Claude Code's environment names, now
        self.post_message(ProfilesScanned(reader))

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

    # -- actions ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._available(action, self.screen)

    def _available(self, action: str, screen: Screen) -> bool:
        """Whether an action does something now, seen from `screen` (the footer hides it otherwise)."""
        if not self.is_ready:
            return action == "quit"
        on_main = screen is self.main
        if action in ("save", "revert"):
            return on_main and self.session.dirty
        if action == "pick":
            return on_main and self._focused_pickable(screen) is not None
        if action in (
            "validate",
            "next_pane",
            "cycle_scope",
            "toggle_bedrock",
            "help",
            "profiles",
            "reload",
            "backups",
        ):
            return on_main
        if action == "quit":
            return not getattr(self.screen, "is_quit_dialog", False)
        return True

    def _focused_pickable(self, screen: Screen | None = None) -> str | None:
        """The setting in the editor, when the focus is in the Edit pane and it has a list to pick from."""
        from claude_bedrock_tui.app.widgets.field_editor import is_pickable
        from claude_bedrock_tui.core.fields import SPEC_BY_NAME

        screen = screen or self.screen
        focused = screen.focused
        if screen is not self.main or focused is None or "pane-edit" not in {n.id for n in focused.ancestors}:
            return None
        spec = SPEC_BY_NAME.get(self.main.editors.current)
        return spec.name if spec is not None and is_pickable(spec) else None

    # -- command palette -------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Keys" panel duplicates Help (F1), which lists every key with what it does.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Keys")
        for binding in APP_KEYS:
            if binding.action == "quit":
                continue  # Textual already lists Quit; ours replaces its action
            if self._available(binding.action, screen):
                # Called once the palette has closed: the action method itself, not the gated binding.
                title = PALETTE_TITLES.get(binding.action, binding.description)
                yield SystemCommand(title, binding.tooltip, getattr(self, f"action_{binding.action}"))
