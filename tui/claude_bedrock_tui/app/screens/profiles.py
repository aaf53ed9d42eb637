"""F7: the named profiles. Save the current setup as one, apply one to a scope, rename, delete.

Applying does not write here: the profile's changes become the target scope's pending edits and the
usual save flow (validate, diff, save) takes over. A broken profiles file is shown with its line and
nothing is written to it until it reads cleanly; `off` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from claude_bedrock_tui.app.display import display_path
from claude_bedrock_tui.app.profiles_state import (
    SavedProfiles,
    config_for_apply,
    error_lines,
    profiles_path_for,
    summary_of,
)
from claude_bedrock_tui.app.screens.dialogs import ErrorScreen
from claude_bedrock_tui.app.screens.profile_dialogs import ConfirmDeleteScreen, ProfileNameScreen
from claude_bedrock_tui.app.widgets.editors import SCOPE_CHOICES
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

SECRETS_NOTE = (
    "Keys are never stored: for each one the profile keeps only the name of the environment variable that holds it."
)


@dataclass(frozen=True)
class ApplyRequest:
    """What the screen hands back: load `plan` into `scope` as pending edits, then save as usual."""

    name: str
    scope: Scope
    plan: ApplyPlan


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

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="profiles-dialog") as box:
            box.border_title = "Profiles"
            box.border_subtitle = "a apply · n save current · r rename · d delete · escape closes"
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

    def reload(self, select: str | None = None) -> None:
        """Read the profiles file again (a person may have edited it) and show it."""
        saved = SavedProfiles.read(profiles_path_for(self.app.environ))
        self.saved = saved
        self.app.profiles_read(saved)
        environ = self.app.environ
        where = display_path(saved.path, environ)
        if saved.error is None:
            count = len(saved.profiles)
            head = Content.assemble(
                f"{counted(count, 'saved profile')} in ",
                (where, "bold") if saved.path.exists() else (f"{where} (not created yet)", ""),
            )
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
            return saved is not None and saved.writable
        if action in ("rename", "delete"):
            return saved is not None and saved.writable and name not in (None, OFF)
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
            self.app.push_screen(ErrorScreen(f"Cannot apply {name}", str(exc)))
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
                ErrorScreen(
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
        if self._write(f"Not saved: {name}", lambda: saved.store.save_profile(name, profile), select=name):
            verb = "Updated" if existing else "Saved"
            notes = [f"{verb} profile {name!r}: {profile.summary()}.", *reference_notes(profile, preview)]
            self.app.notify("\n".join(notes), title="Profiles")

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
        if self._write(f"Not renamed: {old}", lambda: saved.store.rename(old, new), select=new):
            self.app.notify(f"Renamed profile {old!r} to {new!r}.", title="Profiles")

    def action_delete(self) -> None:
        saved, name = self.saved, self.highlighted
        if saved is None or name in (None, OFF) or not saved.writable:
            return
        where = display_path(saved.path, self.app.environ)
        self.app.push_screen(ConfirmDeleteScreen(name, where), lambda yes: self._delete(name) if yes else None)

    def _delete(self, name: str) -> None:
        saved = self.saved
        assert saved is not None
        if self._write(f"Not deleted: {name}", lambda: saved.store.delete(name)):
            self.app.notify(f"Deleted profile {name!r}.", title="Profiles")

    def _write(self, title: str, write, select: str | None = None) -> bool:
        """Run one write to the profiles file; a refusal becomes a dialog. The list is read again after."""
        try:
            write()
        except ProfileError as exc:  # a broken or changed file, a taken name, a disk error
            self.reload()
            self.app.push_screen(ErrorScreen(title, str(exc)))
            return False
        self.reload(select)
        return True

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
