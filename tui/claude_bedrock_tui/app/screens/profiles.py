"""F7: the named profiles. Save the current setup as one, apply one to a scope, rename, delete.

Applying does not write here: the profile's changes become the target scope's pending edits and the
usual save flow (validate, diff, save) takes over. A broken profiles file is shown with its line and
nothing is written to it until it reads cleanly; `off` keeps working.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from claude_bedrock_tui.app.display import display_path
from claude_bedrock_tui.app.profiles_state import (
    SavedProfiles,
    config_for_apply,
    error_lines,
    profiles_path_for,
    summary_of,
)
from claude_bedrock_tui.app.screens.choice import Choice, ChoiceScreen, error_dialog
from claude_bedrock_tui.app.screens.profile_dialogs import ProfileNameScreen
from claude_bedrock_tui.app.widgets.editors import SCOPE_CHOICES
from claude_bedrock_tui.app.widgets.hanging import Hanging
from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.edits import EditRefused
from claude_bedrock_tui.core.locations import Scope
from claude_bedrock_tui.core.wording import counted
from claude_bedrock_tui.profiles import (
    OFF,
    ApplyPlan,
    ProfileError,
    plan_apply,
    profile_from_configuration,
    reference_notes,
)

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp

KEYS = "a apply · n save current · r rename · d delete · escape closes"
WRITE_GROUP = "profiles-write"
SECRETS_NOTE = (
    "Keys are never stored: for each one the profile keeps only the name of the environment variable that holds it."
)


@dataclass(frozen=True)
class ApplyRequest:
    """What the screen hands back: load `plan` into `scope` as pending edits, then save as usual."""

    name: str
    scope: Scope
    plan: ApplyPlan


@dataclass(frozen=True)
class ProfileWrite:
    """One change to the profiles file: what to say while it runs, if it fails, and once it is done."""

    doing: str  # the dialog's subtitle meanwhile
    failed: str  # the error dialog's title
    done: str  # the notice
    write: Callable[[], object]
    key: str  # the key that asks for it again
    select: str | None = None  # the profile to highlight after

    def failure(self, why: object) -> str:
        """The error dialog's text: what went wrong, and what to do about it."""
        return (
            f"{why}\n\nThe list shows the profiles file as it is now; your settings and unsaved edits are "
            f"unchanged. Press {self.key} to try again once that is fixed."
        )


class ProfilesScreen(ModalScreen[ApplyRequest | None]):
    """Every profile with a one-line summary; ✔ marks the one the current configuration matches."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="profiles-close"),
        Binding(
            "a", "apply", "Apply", tooltip="Load the profile into the target scope, then save.", id="profiles-apply"
        ),
        Binding(
            "n", "save_as", "Save current as…", tooltip="Save the current setup as a profile.", id="profiles-save-as"
        ),
        Binding("r", "rename", "Rename…", tooltip="Rename the highlighted profile.", id="profiles-rename"),
        Binding("d,delete", "delete", "Delete…", tooltip="Delete the highlighted profile.", id="profiles-delete"),
    ]

    app: BedrockApp

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self.saved: SavedProfiles | None = None
        self.writing: ProfileWrite | None = None  # the write in flight; the actions that write wait for it
        self.queued: deque[ProfileWrite] = deque()  # asked for meanwhile: run in the order asked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="profiles-dialog") as box:
            box.border_title = "Profiles"
            box.border_subtitle = KEYS
            with VerticalScroll(id="profiles-file-box"):  # a file with many issues scrolls here
                yield Static(id="profiles-file")
            yield OptionList(id="profiles-list")
            yield Static(id="profiles-detail")
            with Horizontal(id="profiles-scope-row"):
                yield Label("Apply to", classes="field-title")
                yield Select(
                    SCOPE_CHOICES, allow_blank=False, value=self.app.session.scope, compact=True, id="profiles-scope"
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply…", variant="primary", id="apply")
                yield Button("Save current as…", id="save-as")
                yield Button("Rename…", id="rename")
                yield Button("Delete…", id="delete")

    def on_mount(self) -> None:
        known = self.app.saved_profiles  # as the app read it at start: shown at once, then read again
        if known is not None:
            self.show(known)
        self.reload()
        self.query_one(OptionList).focus()

    # -- what is shown ------------------------------------------------------------------------------
    @property
    def highlighted(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return options.get_option_at_index(options.highlighted).id

    @property
    def scope(self) -> Scope:
        """The scope to apply to (the Select offers only writable scopes)."""
        return self.query_one("#profiles-scope", Select).value  # type: ignore[return-value]

    _shown = 0  # how many times a state of the file was shown: a read older than the last write is dropped

    def reload(self, select: str | None = None) -> None:
        """Read the profiles file again (a person may have edited it), in a thread, and show it."""
        self._read_in_thread(select, self._shown)

    @work(thread=True, exit_on_error=False, group="profiles-read")
    def _read_in_thread(self, select: str | None, shown: int) -> None:
        saved = SavedProfiles.read(profiles_path_for(self.app.environ))
        self.app.call_from_thread(self._read_done, saved, select, shown)

    def _read_done(self, saved: SavedProfiles, select: str | None, shown: int) -> None:
        if self.is_attached and shown == self._shown:  # else closed, or a write showed a newer state since
            self.show(saved, select)

    def show(self, saved: SavedProfiles, select: str | None = None) -> None:
        """Show the profiles file as `saved` read it, highlighting `select` (else the same one as before)."""
        self._shown += 1
        self.saved = saved
        self.app.profiles_read(saved)
        environ = self.app.environ
        where = display_path(saved.path, environ)
        head: Content | Hanging
        if saved.error is None:
            count = len(saved.profiles)
            line = Content.assemble(
                f"{counted(count, 'saved profile')} in ",
                (where, "bold") if saved.path.exists() else (f"{where} (not created yet)", ""),
            )
            head = Hanging([(line, 2)])  # a long path wraps between its folders, never mid-name
        else:
            head = Content("\n").join(
                [
                    Content.styled(
                        "Fix the profiles file by hand: saving, renaming and deleting are off until it "
                        "reads cleanly. The built-in off profile still works.",
                        "$warning",
                    )
                ]
                + [Content.styled(f"✘ {line}", "$text-error") for line in error_lines(saved.error, environ)]
            )
        self.query_one("#profiles-file", Static).update(head)
        current = saved.matching(self.app.session.preview)
        previous = select or self.highlighted or current
        options = self.query_one(OptionList)
        options.clear_options()
        width = max(len(name) for name in saved.all)
        for name, profile in saved.all.items():
            mark = ("✔ ", "$success") if name == current else "  "
            options.add_option(
                Option(
                    Content.assemble(mark, (name.ljust(width), "bold"), "  ", (summary_of(profile), "$text-muted")),
                    id=name,
                )
            )
        names = list(saved.all)
        options.highlighted = names.index(previous) if previous in names else 0
        self._show_detail()

    def _show_detail(self) -> None:
        saved, name = self.saved, self.highlighted
        if saved is None or name is None:
            return
        current = saved.matching(self.app.session.preview)
        if current is None:
            matched = Content.styled(
                "The current configuration (unsaved edits included) matches no profile.", "$text-muted"
            )
        else:
            matched = Content.assemble(
                ("✔ ", "$success"),
                "The current configuration (unsaved edits included) matches ",
                (current, "bold"),
                ".",
            )
        profile = saved.all[name]
        # In full: the list cuts long model IDs at 80 columns.
        about = (
            profile.description
            if name == OFF
            else summary_of(profile) + (f" · {profile.description}" if profile.description else "")
        )
        lines = [matched, Content.assemble((name, "bold"), ": ", (about, "$text-muted"))]
        self.query_one("#profiles-detail", Static).update(Content("\n").join(lines))
        self.query_one("#apply", Button).label = f"Apply to {self.scope}"
        for button_id in ("apply", "save-as", "rename", "delete"):
            action = button_id.replace("-", "_")
            self.query_one(f"#{button_id}", Button).disabled = not self.check_action(action, ())
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, "#profiles-list")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(Select.Changed, "#profiles-scope")
    def _scope_changed(self) -> None:
        self._show_detail()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        saved, name = self.saved, self.highlighted
        if action == "apply":
            return name is not None
        if action == "save_as":
            return saved is not None and saved.writable and self.writing is None
        if action in ("rename", "delete"):
            return saved is not None and saved.writable and self.writing is None and name not in (None, OFF)
        return True

    # -- actions -------------------------------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss(None)

    def action_apply(self) -> None:
        name, saved = self.highlighted, self.saved
        if name is None or saved is None:
            return
        scope = self.scope
        try:
            plan = plan_apply(saved.all[name], config_for_apply(self.app.session, scope), scope)
        except EditRefused as exc:
            self.app.push_screen(error_dialog(f"Cannot apply {name}", str(exc)))
            return
        self.dismiss(ApplyRequest(name, scope, plan))

    def action_save_as(self) -> None:
        saved = self.saved
        if saved is None or not saved.writable:
            return
        preview = self.app.session.preview
        profile = profile_from_configuration(preview)
        if not profile.settings() and not profile.keys_from_env:
            self.app.push_screen(
                error_dialog(
                    "Nothing to save",
                    "The current configuration holds no Bedrock settings, so there is nothing to keep in a profile.",
                )
            )
            return
        notes = [
            Content.assemble("From the current configuration, unsaved edits included: ", (profile.summary(), "bold")),
            Content.styled(SECRETS_NOTE, "$text-muted"),
        ]
        if not is_truthy(preview.value("CLAUDE_CODE_USE_BEDROCK")):
            notes.append(Content.styled("Bedrock is off now; applying this profile turns it on.", "$warning"))
        screen = ProfileNameScreen(
            "Save current as a profile", ok_label="Save", notes=Content("\n").join(notes), replaces=list(saved.profiles)
        )
        self.app.push_screen(screen, lambda name: self._save_as(name) if name else None)

    def _save_as(self, name: str) -> None:
        saved = self.saved
        assert saved is not None
        preview = self.app.session.preview
        existing = saved.profiles.get(name)
        # A note a person wrote survives a re-save, as on the command line.
        profile = profile_from_configuration(preview, description=existing.description if existing else "")
        verb = "Updated" if existing else "Saved"
        notes = [f"{verb} profile {name!r}: {profile.summary()}.", *reference_notes(profile, preview)]
        store = saved.store
        self._write(
            ProfileWrite(
                f"saving profile {name!r}…",
                f"Not saved: {name}",
                "\n".join(notes),
                lambda: store.save_profile(name, profile),
                "n",
                select=name,
            )
        )

    def action_rename(self) -> None:
        saved, old = self.saved, self.highlighted
        if saved is None or old in (None, OFF) or not saved.writable:
            return
        screen = ProfileNameScreen(
            f"Rename profile {old}", ok_label="Rename", initial=old, taken=[*saved.profiles, OFF]
        )
        self.app.push_screen(screen, lambda new: self._rename(old, new) if new else None)

    def _rename(self, old: str, new: str) -> None:
        saved = self.saved
        assert saved is not None
        store = saved.store
        self._write(
            ProfileWrite(
                f"renaming profile {old!r}…",
                f"Not renamed: {old}",
                f"Renamed profile {old!r} to {new!r}.",
                lambda: store.rename(old, new),
                "r",
                select=new,
            )
        )

    def action_delete(self) -> None:
        saved, name = self.saved, self.highlighted
        if saved is None or name in (None, OFF) or not saved.writable:
            return
        where = display_path(saved.path, self.app.environ)
        question = ChoiceScreen(
            "Delete profile",
            f"Delete the profile {name!r} from {where}? No settings file changes.",
            [Choice(True, "Delete", "error", id="delete"), Choice(False, "Cancel", id="cancel")],
            cancel=False,
            name="profile-delete",
            message_id="profile-delete-question",
            error=True,
        )
        self.app.push_screen(question, lambda yes: self._delete(name) if yes else None)

    def _delete(self, name: str) -> None:
        saved = self.saved
        assert saved is not None
        store = saved.store
        self._write(
            ProfileWrite(
                f"deleting profile {name!r}…",
                f"Not deleted: {name}",
                f"Deleted profile {name!r}.",
                lambda: store.delete(name),
                "d",
            )
        )

    # -- writing: in a thread, so a slow disk (fsync, a network home) never stalls the screen ----------
    def _write(self, request: ProfileWrite) -> None:
        """Write now, or after the write in flight: each reads the file afresh, so they compose in order."""
        self.queued.append(request)
        if self.writing is None:
            self._next_write()

    def _next_write(self) -> None:
        if not self.queued:
            self.writing = None
            self._show_writing()
            return
        self.writing = self.queued.popleft()
        self._show_writing()
        assert self.saved is not None
        self._write_in_thread(self.writing, self.saved.path)

    def _show_writing(self) -> None:
        """Say what is being written, with the actions that write off meanwhile (or back on after)."""
        if not self.is_attached:
            return
        box = self.query_one("#profiles-dialog")
        box.border_subtitle = self.writing.doing if self.writing else KEYS
        self._show_detail()

    @work(thread=True, exit_on_error=False, group=WRITE_GROUP)
    def _write_in_thread(self, request: ProfileWrite, path: Path) -> None:
        error: ProfileError | None = None
        try:
            request.write()
        except ProfileError as exc:  # a broken or changed file, a taken name, a disk error: nothing written
            error = exc
        saved = SavedProfiles.read(path)  # the file as it is now, read here too, off the screen's thread
        self.app.call_from_thread(self._written, request, error, saved)

    def _written(self, request: ProfileWrite, error: ProfileError | None, saved: SavedProfiles) -> None:
        self.app.profiles_read(saved)  # the header's matching profile, whether this screen is open or not
        if self.is_attached:
            # A failure keeps the highlight where it was; the list is the file as it now reads.
            self.show(saved, None if error else request.select)
        if error is None:
            self.app.notify(request.done, title="Profiles")
        else:
            self.app.push_screen(error_dialog(request.failed, request.failure(error)))
        self._next_write()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A write that failed in an unforeseen way says so, and the actions come back."""
        if event.worker.group != WRITE_GROUP or event.state != WorkerState.ERROR:
            return
        request = self.writing
        assert request is not None  # the worker runs only for the write in flight
        self.app.push_screen(error_dialog(request.failed, request.failure(event.worker.error)))
        if self.is_attached:
            self.reload()
        self._next_write()

    @on(OptionList.OptionSelected, "#profiles-list")
    def _selected(self) -> None:
        self.action_apply()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {
            "apply": self.action_apply,
            "save-as": self.action_save_as,
            "rename": self.action_rename,
            "delete": self.action_delete,
        }
        actions[event.button.id or ""]()
