"""shift+F1: the backups of each settings scope. Highlight one to see what restoring it would change; restore it.

A restore is an ordinary write (core/restore): the current content is backed up first, the lock and the
safety checks apply, and a secret never goes back into the shared project scope. It is written in a thread,
as saving is (fsync, and up to 5 s waiting for another writer's lock), so the screen keeps answering.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from claude_bedrock_tui.app.display import display_path
from claude_bedrock_tui.app.screens.choice import confirm_dialog, error_dialog
from claude_bedrock_tui.app.screens.save import diff_content
from claude_bedrock_tui.app.session import backup_dir_for
from claude_bedrock_tui.app.widgets.hanging import Hanging
from claude_bedrock_tui.core.edits import EditRefused, FileChange, write_change
from claude_bedrock_tui.core.locations import WRITABLE_SCOPES
from claude_bedrock_tui.core.restore import ScopeBackups, plan_restore, scope_backups
from claude_bedrock_tui.core.safe_write import ChangedOnDisk, LockBusy, UnsafeTarget, describe_write_failure

if TYPE_CHECKING:
    from claude_bedrock_tui.app.app import BedrockApp

KEYS = "r restore · escape closes"
RESTORE_GROUP = "backup-restore"


class BackupsScreen(ModalScreen[None]):
    """Every scope's backups, newest first; the diff shows what restoring the highlighted one would do."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="backups-close"),
        Binding(
            "r", "restore", "Restore…", tooltip="Put the highlighted backup back (asks first).", id="backups-restore"
        ),
    ]

    app: BedrockApp

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self.found: dict[str, ScopeBackups] = {}
        self.restoring: str | None = None  # what is being written, while the restore runs in its thread

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="backups-dialog") as box:
            box.border_title = "Backups"
            box.border_subtitle = KEYS
            yield OptionList(id="backups-list")
            yield Label("", id="backups-diff-title", classes="diff-title")
            with VerticalScroll(id="backups-diff-box"):
                yield Static(id="backups-diff")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore…", variant="primary", id="restore")
                yield Button("Close", id="close")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self) -> None:
        """Read the backup folders again and list them by scope."""
        config = self.app.session.base
        folder = backup_dir_for(self.app.environ)
        self.found = {scope: scope_backups(config, scope, folder) for scope in WRITABLE_SCOPES}
        options = self.query_one(OptionList)
        options.clear_options()
        for scope, found in self.found.items():
            head = f"{scope} settings "
            where = display_path(found.path, self.app.environ)
            # The path wraps between its folders under itself: cut, it lost the file's name (80x24).
            options.add_option(Option(Hanging([(Content(head + where), len(head))]), disabled=True))
            if not found.backups:
                options.add_option(Option("   no backups yet", disabled=True))
            for number, backup in enumerate(found.backups, start=1):
                taken = backup.taken_at.strftime("%Y-%m-%d %H:%M:%S UTC")
                options.add_option(Option(f"  {number:>2}  {taken}  {backup.size:,} bytes", id=f"{scope}:{number}"))
        first = next((i for i in range(options.option_count) if not options.get_option_at_index(i).disabled), None)
        options.highlighted = first
        self._show_highlighted()

    def _selected(self) -> tuple[ScopeBackups, int] | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        if not option_id:
            return None
        scope, number = option_id.split(":")
        return self.found[scope], int(number)

    def _plan(self) -> FileChange | None:
        """The restore of the highlighted backup, or None (nothing highlighted)."""
        selected = self._selected()
        if selected is None:
            return None
        found, number = selected
        return plan_restore(found, found.backups[number - 1])

    @on(OptionList.OptionHighlighted)
    def _show_highlighted(self) -> None:
        title = self.query_one("#backups-diff-title", Label)
        diff = self.query_one("#backups-diff", Static)
        self._enable_restore()
        try:
            change = self._plan()
        except EditRefused as exc:
            title.update("Cannot be restored here")
            diff.update(str(exc))
            return
        if change is None:
            title.update("No backup highlighted")
            diff.update("")
        elif change.is_noop:
            title.update("The file holds exactly this backup now")
            diff.update("")
        else:
            title.update("What restoring it would change (secrets masked)")
            diff.update(diff_content(change, self.app.environ))

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#restore")
    @on(OptionList.OptionSelected)
    def action_restore(self) -> None:
        if self.restoring is not None:
            self.app.notify(f"Still {self.restoring}; restore another once it is done.", severity="warning")
            return
        selected = self._selected()
        if selected is None:
            return
        found, number = selected
        backup = found.backups[number - 1]
        taken = backup.taken_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        where = display_path(found.path, self.app.environ)
        question = confirm_dialog(
            "Restore this backup?",
            f"Restore the {found.scope} settings {where} to the backup of {taken}? "
            "What the file holds now is backed up first, so this can be undone here too.",
            yes="Restore",
            no="Keep",
        )
        self.app.push_screen(question, lambda yes: self._restore(yes, found, number))

    def _restore(self, confirmed: bool | None, found: ScopeBackups, number: int) -> None:
        if not confirmed:
            return
        self.restoring = f"restoring backup {number} of the {found.scope} settings"
        self._show_restoring()
        self._restore_in_thread(found, number, backup_dir_for(self.app.environ))

    @work(thread=True, exit_on_error=False, group=RESTORE_GROUP)
    def _restore_in_thread(self, found: ScopeBackups, number: int, folder: Path) -> None:
        error: Exception | None = None
        try:
            change = plan_restore(found, found.backups[number - 1], allow_shared_secrets=False)
            write_change(change, backup_dir=folder)
        except (EditRefused, ChangedOnDisk, LockBusy, UnsafeTarget, OSError) as exc:  # nothing was written
            error = exc
        self.app.call_from_thread(self._restored, found, number, error)

    def _restored(self, found: ScopeBackups, number: int, error: Exception | None) -> None:
        self._done_restoring()
        if error is not None:
            self.app.push_screen(error_dialog("Not restored", describe_write_failure(error, found.path) or str(error)))
            return
        self.app.reload_from_disk()
        self.app.notify(f"Restored the {found.scope} settings from backup {number}.")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A restore that failed in an unforeseen way says so, and the screen answers again."""
        if event.worker.group != RESTORE_GROUP or event.state != WorkerState.ERROR:
            return
        self._done_restoring()
        error = event.worker.error
        self.app.push_screen(error_dialog("Not restored", f"{type(error).__name__}: {error}"))

    def _done_restoring(self) -> None:
        self.restoring = None
        if self.is_attached:
            self._show_restoring()
            self.reload()  # the list as the folder holds it now (a restore backs up the content it replaced)

    def _show_restoring(self) -> None:
        self.query_one("#backups-dialog").border_subtitle = f"{self.restoring}…" if self.restoring else KEYS
        self._enable_restore()

    def _enable_restore(self) -> None:
        """Restore… works on a highlighted backup, and one restore at a time."""
        self.query_one("#restore", Button).disabled = self._selected() is None or self.restoring is not None
