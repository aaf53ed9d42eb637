"""The app's side of named profiles: read the file in a worker, open the screen, apply a profile.

A mixin of BedrockApp (like actions.Actions). The profiles package (pydantic, tomlkit) is imported only
when there is a profiles file to read (in a worker, after the panes) or when the Profiles dialog opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp
    from claude_bedrock_tui.app.profiles_state import SavedProfiles
    from claude_bedrock_tui.app.screens.profiles import ApplyRequest


class SavedProfilesRead(Message):
    """The profiles file was read in the background (for the matching-profile indicator)."""

    def __init__(self, saved: SavedProfiles) -> None:
        super().__init__()
        self.saved = saved


class ProfileActions:
    """`action_profiles`, the background read and the apply hand-off; `self` is the BedrockApp."""

    saved_profiles: SavedProfiles | None = None  # None until the profiles file was first read
    no_profiles_file = False  # seen missing at start: nothing to read, nothing can match but `off`

    def action_profiles(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.screens.profiles import ProfilesScreen

        self.push_screen(ProfilesScreen(), self._apply_requested)

    def _read_saved_profiles(self: BedrockApp) -> None:
        from claude_bedrock_tui.app.profiles_path import profiles_path_for

        path = profiles_path_for(self.environ)
        if path.exists():
            self._read_profiles_file(path)
        else:
            self.no_profiles_file = True

    @work(thread=True, exit_on_error=False, group="saved-profiles")
    def _read_profiles_file(self: BedrockApp, path) -> None:
        from claude_bedrock_tui.app.profiles_state import SavedProfiles

        self.post_message(SavedProfilesRead(SavedProfiles.read(path)))

    def on_saved_profiles_read(self: BedrockApp, message: SavedProfilesRead) -> None:
        if self.saved_profiles is None:  # the profiles screen may have read a newer state meanwhile
            self.profiles_read(message.saved)

    def profiles_read(self: BedrockApp, saved: SavedProfiles) -> None:
        """Adopt what the profiles file holds now; the indicator on the main screen follows."""
        self.saved_profiles = saved
        if self.is_ready:
            self.main.session_changed()

    def matching_profile_name(self: BedrockApp) -> str | None:
        """The profile the current configuration (unsaved edits included) is, if any."""
        if self.session is None:
            return None
        if self.saved_profiles is None:
            if self.no_profiles_file:  # what matching_profile says with no profile saved, without pydantic
                from claude_bedrock_tui.app.profiles_path import OFF_NAME

                return None if self.session.bedrock_on else OFF_NAME
            return None
        return self.saved_profiles.matching(self.session.preview)

    def _apply_requested(self: BedrockApp, request: ApplyRequest | None) -> None:
        """Load the profile's changes as the target scope's pending edits, then open the usual save flow."""
        from claude_bedrock_tui.app.profiles_state import load_plan

        if request is None:
            return
        self.set_scope(request.scope)  # type: ignore[arg-type]
        load_plan(self.session, request.scope, request.plan.changes)  # type: ignore[arg-type]
        self.session_changed()
        if request.plan.notes:
            self.notify("\n".join(request.plan.notes), title=f"Profile {request.name}", severity="warning", timeout=15)
        if not request.plan.changes:
            self.notify(f"The {request.scope} settings already hold profile {request.name!r}; nothing to write.")
            return
        self.action_save()
