"""Messages the background workers post; handlers on the app own every state change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

from claude_bedrock_tui.core.records import CheckResult

if TYPE_CHECKING:  # the first frame does not need the AWS profile reader nor the profiles package
    from claude_bedrock_tui.app.profiles_state import SavedProfiles
    from claude_bedrock_tui.core.aws_profiles import AwsProfileReader


class ProfilesScanned(Message):
    """The AWS profile files were read (off the first frame's path), into the reader's cache."""

    def __init__(self, aws: AwsProfileReader) -> None:
        super().__init__()
        self.aws = aws


class CheckUpdated(Message):
    """One check started or finished in validation run `run_id`."""

    def __init__(self, run_id: int, result: CheckResult) -> None:
        super().__init__()
        self.run_id = run_id
        self.result = result


class ValidationFinished(Message):
    """Validation run `run_id` ended: with a report, or with an error message."""

    def __init__(self, run_id: int, report: Any | None, error: str = "") -> None:
        super().__init__()
        self.run_id = run_id
        self.report = report
        self.error = error


class EditorChanged(Message):
    """A field editor's value changed: `value` None removes the key from the target scope."""

    def __init__(self, name: str, value: str | None) -> None:
        super().__init__()
        self.name = name
        self.value = value


class SavedProfilesRead(Message):
    """The named profiles file was read in the background (for the matching-profile indicator)."""

    def __init__(self, saved: SavedProfiles) -> None:
        super().__init__()
        self.saved = saved
