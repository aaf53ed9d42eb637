"""Named profiles as the app sees them: where the file is, what it holds, which one matches (no Textual).

The profiles package (pydantic, tomlkit) is imported only by the modules that use this one, never on
the first frame's path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claude_bedrock_tui.app.profiles_path import profiles_path_for  # noqa: F401  (re-exported)
from claude_bedrock_tui.app.session import EditSession, file_value
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.locations import Scope
from claude_bedrock_tui.profiles import (
    OFF,
    OFF_PROFILE,
    OffProfile,
    Profile,
    ProfileFileError,
    ProfileStore,
    matching_profile,
)

OFF_SUMMARY = "built in: turns Bedrock off, keeping every other setting"


@dataclass(frozen=True)
class SavedProfiles:
    """The profiles file as last read: its profiles, or why it cannot be read (then nothing is written)."""

    path: Path
    profiles: dict[str, Profile] = field(default_factory=dict)
    error: ProfileFileError | None = None

    @classmethod
    def read(cls, path: Path) -> SavedProfiles:
        try:
            return cls(path, ProfileStore(path).load())
        except ProfileFileError as exc:
            return cls(path, {}, exc)

    @property
    def store(self) -> ProfileStore:
        return ProfileStore(self.path)

    @property
    def writable(self) -> bool:
        return self.error is None

    @property
    def all(self) -> dict[str, Profile]:
        """The built-in `off`, then the saved profiles in file order."""
        return {OFF: OFF_PROFILE, **self.profiles}

    def matching(self, config: Configuration) -> str | None:
        return matching_profile(config, self.profiles)


def summary_of(profile: Profile) -> str:
    """One line: credential method, region, primary model (or what `off` does)."""
    return OFF_SUMMARY if isinstance(profile, OffProfile) else profile.summary()


def error_lines(error: ProfileFileError, environ: Mapping[str, str]) -> list[str]:
    """Each issue as `~/path, line N, column M: message`."""
    from claude_bedrock_tui.app.display import display_path

    where = display_path(error.path, environ)
    lines = []
    for issue in error.issues:
        at = "".join(
            part
            for part in (
                f", line {issue.line}" if issue.line else "",
                f", column {issue.column}" if issue.column else "",
            )
        )
        lines.append(f"{where}{at}: {issue.message}")
    return lines


def config_for_apply(session: EditSession, scope: Scope) -> Configuration:
    """The configuration a profile is applied to: the other scopes' edits included, `scope` as on disk.

    Applying replaces the target scope's pending edits, so the plan is made against its file.
    """
    config = session.base
    for other, changes in session.pending.items():
        if other != scope and changes:
            config = config.with_changes(other, changes)
    return config


def load_plan(session: EditSession, scope: Scope, changes: Mapping[str, str | None]) -> None:
    """Make the plan's changes the only pending edits of `scope` (earlier edits there are dropped)."""
    for name in list(session.pending.get(scope, {})):
        if name not in changes:
            session.set(name, file_value(session.base, scope, name), scope)  # back to disk: no edit
    for name, value in changes.items():
        session.set(name, value, scope)
