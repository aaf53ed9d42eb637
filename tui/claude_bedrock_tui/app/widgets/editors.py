"""The Edit pane: every setting of the target scope in one list, and one editor for the highlighted row.

One list widget with one editor (not an editor per setting) is what keeps the first frame and typing
cheap: each widget mounted costs the first frame time. A row shows the title and the value, the hint
under it; only rows whose text changed are drawn again.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from claude_bedrock_tui.app.display import display_path, shown_value
from claude_bedrock_tui.app.hints import field_hint
from claude_bedrock_tui.app.session import EditSession
from claude_bedrock_tui.app.widgets.field_editor import FLAG_CHOICES, FieldEditor, title_of
from claude_bedrock_tui.app.widgets.hanging import Hanging
from claude_bedrock_tui.core.fields import SPEC_BY_NAME, SPECS, Group, Kind, SettingSpec

GROUP_TITLES = {
    Group.SWITCH: "Bedrock",
    Group.CREDENTIALS: "Credentials",
    Group.REGION: "Regions",
    Group.MODELS: "Models",
    Group.TOKENS: "Tokens and caching",
    Group.ENDPOINT: "Endpoint",
}
SCOPE_CHOICES = [
    ("user (all your projects)", "user"),
    ("project (shared through git)", "project"),
    ("local (this project, git-ignored)", "local"),
]
# The credential methods of the Bedrock setup guide (options A-E), and the settings each one uses.
METHODS = {
    "profile": ("AWS profile (static keys, SSO, role)", {"AWS_PROFILE", "awsAuthRefresh"}),
    "login": ("aws login (console credentials)", {"AWS_PROFILE", "awsAuthRefresh"}),
    "keys": ("Access keys", {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}),
    "api-key": ("Bedrock API key", {"AWS_BEARER_TOKEN_BEDROCK"}),
    "export": ("Credential export command", {"awsCredentialExport", "awsAuthRefresh"}),
}
METHOD_CHOICES = [(label, key) for key, (label, _) in METHODS.items()]
TITLE_WIDTH = 24  # titles are at most 22 (a test holds SPECS to it) and a gap, so one never runs into its value
SCOPE_ROW, METHOD_ROW = "scope", "method"


def detect_method(session: EditSession) -> str:
    """The credential method the configuration uses now (the same order Claude Code prefers)."""
    preview = session.preview
    if preview.value("awsCredentialExport"):
        return "export"
    if preview.value("AWS_BEARER_TOKEN_BEDROCK"):
        return "api-key"
    profile_name = preview.value("AWS_PROFILE")
    profile = preview.aws.get(profile_name) if preview.aws and profile_name else None
    if profile is not None and profile.kind == "login":
        return "login"
    if preview.value("AWS_ACCESS_KEY_ID") and not profile_name:
        return "keys"
    return "profile"


def row_lines(title: str, value: Content, edited: bool = False) -> list[tuple[Content, int]]:
    """`Title ... value`: the title in its column (bold, warning-coloured when edited), a long value wrapped
    under itself (the title's column is the hanging indent)."""
    style = "bold $text-warning" if edited else "$text-muted"
    head = Content.styled(title.ljust(TITLE_WIDTH - 1)[: TITLE_WIDTH - 1] + " ", style)
    first, *rest = value.split("\n") or [Content("")]
    return [(head + first, TITLE_WIDTH), *hint_lines(rest)]


def hint_lines(lines: Iterable[Content]) -> list[tuple[Content, int]]:
    """Lines under a row's title (a hint, a value's further lines), each in the value's column."""
    return [(Content(" " * TITLE_WIDTH) + line, TITLE_WIDTH) for line in lines]


def value_content(spec: SettingSpec, value: str | None) -> Content:
    if value is None:
        return Content.styled("not set here", "$text-muted italic")
    if spec.kind is Kind.FLAG:
        return Content({v: label for label, v in FLAG_CHOICES}.get(value, value))
    return Content(shown_value(spec.name, value))


class SettingsList(OptionList):
    """The settings of the target scope, one option each; group titles are disabled options."""


class EditorsPane(Vertical):
    """The settings list and the editor; hidden credential rows are never ones with a value."""

    class RowChosen(Message):
        """A row was highlighted (edit it) or selected (edit it, with the focus in the editor)."""

        def __init__(self, row: str, focus: bool) -> None:
            super().__init__()
            self.row = row
            self.focus = focus

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.method = "profile"
        self._rows: list[str] = []  # the option ids shown, in order
        self._prompts: dict[str, str] = {}  # option id -> the markup shown (only changed rows are redrawn)

    def compose(self) -> ComposeResult:
        yield SettingsList(id="settings-list")
        yield FieldEditor(id="field-editor")

    @property
    def settings_list(self) -> SettingsList:
        return self.query_one(SettingsList)

    @property
    def field_editor(self) -> FieldEditor:
        return self.query_one(FieldEditor)

    @property
    def current(self) -> str:
        """The row being edited: a setting's name, `scope` or `method`."""
        return self.field_editor.row

    def focus_first(self) -> None:
        self.settings_list.focus()

    def _visible_rows(self, session: EditSession) -> list[str]:
        used = METHODS[self.method][1]
        rows = [SCOPE_ROW]
        for group in Group:
            rows.append(f"group-{group.value}")
            if group is Group.CREDENTIALS:
                rows.append(METHOD_ROW)
            for spec in SPECS:
                if spec.group is group:
                    if group is Group.CREDENTIALS and spec.name not in used and not session.value(spec.name):
                        continue
                    rows.append(spec.name)
        return rows

    def _prompt(self, row: str, session: EditSession) -> Content | Hanging:
        """A row's text; the list lays it out for the width it draws it at (no guess before the first layout)."""
        if row == SCOPE_ROW:
            path = display_path(session.base.file(session.scope).path, session.base.shell)
            label = {v: label for label, v in SCOPE_CHOICES}[session.scope]
            where = Content(f"edits go to {path} · F4 changes it")
            return Hanging([*row_lines("Target scope", Content(label)), *hint_lines([where])])
        if row == METHOD_ROW:
            return Hanging(row_lines("Method", Content(METHODS[self.method][0])))
        if row.startswith("group-"):
            group = Group(row.removeprefix("group-"))
            return Content.styled(GROUP_TITLES[group], "bold $text-accent")
        spec = SPEC_BY_NAME[row]
        line = row_lines(title_of(spec), value_content(spec, session.value(row)), session.is_edited(row))
        hint = field_hint(spec, session)
        return Hanging([*line, *hint_lines(hint.split("\n"))] if hint.plain else line)

    def refresh_rows(self, session: EditSession) -> None:
        """Redraw the rows whose text changed; rebuild the list only when the rows shown changed."""
        rows = self._visible_rows(session)
        prompts = {row: self._prompt(row, session) for row in rows}
        options = self.settings_list
        if rows != self._rows:
            highlighted = self.current or (options.highlighted_option.id if options.highlighted_option else None)
            options.set_options(Option(prompts[row], id=row, disabled=row.startswith("group-")) for row in rows)
            self._rows = rows
            self._prompts = {row: prompt.markup for row, prompt in prompts.items()}
            self._highlight(highlighted if highlighted in rows else SCOPE_ROW)
            return
        for row, prompt in prompts.items():
            if self._prompts.get(row) != prompt.markup:
                self._prompts[row] = prompt.markup
                options.replace_option_prompt(row, prompt)

    def _highlight(self, row: str) -> None:
        options = self.settings_list
        index = options.get_option_index(row)
        if options.highlighted != index:
            options.highlighted = index

    def load(self, session: EditSession) -> None:
        """Show the target scope's values (with pending edits): the rows and the editor."""
        self.refresh_rows(session)
        self.edit(self.current or SCOPE_ROW, session)

    def refresh_method(self, session: EditSession) -> None:
        """Show the credential method the configuration uses (known once the AWS profiles are read)."""
        self.method = detect_method(session)

    def show_method(self, method: str, session: EditSession) -> None:
        self.method = method
        self.refresh_rows(session)

    def edit(self, row: str, session: EditSession) -> None:
        """Put `row` into the editor (and highlight it in the list)."""
        if row not in self._rows:
            self.refresh_rows(session)  # a hidden credential row asked for by name: show it
            if row not in self._rows and row in SPEC_BY_NAME:
                self._rows = []
                self.method = next((m for m, (_, used) in METHODS.items() if row in used), self.method)
                self.refresh_rows(session)
        self._highlight(row)
        editor = self.field_editor
        if row == SCOPE_ROW:
            editor.show(row, "Target scope: where edits go", session.scope, SCOPE_CHOICES)
        elif row == METHOD_ROW:
            editor.show(row, "Credential method: which settings are shown", self.method, METHOD_CHOICES)
        else:
            spec = SPEC_BY_NAME[row]
            choices = FLAG_CHOICES if spec.kind is Kind.FLAG else None
            editor.show(row, f"{title_of(spec)} · {spec.name}", session.value(row), choices)
        self.refresh_hint(session)

    def refresh_hint(self, session: EditSession) -> None:
        spec = SPEC_BY_NAME.get(self.current)
        self.field_editor.set_hint(field_hint(spec, session) if spec else Content(""))
        self.field_editor.set_class(spec is not None and session.is_edited(spec.name), "-edited")

    def move(self, step: int, session: EditSession) -> None:
        """Edit the next (or previous) setting, skipping group titles."""
        rows = [row for row in self._rows if not row.startswith("group-")]
        if self.current in rows:
            self.edit(rows[(rows.index(self.current) + step) % len(rows)], session)

    @on(OptionList.OptionHighlighted, "#settings-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        row = event.option.id
        if event.option_index != self.settings_list.highlighted:
            return  # stale: the list was rebuilt, or moved again, since
        if row and row != self.current:
            self.post_message(self.RowChosen(row, focus=False))

    @on(OptionList.OptionSelected, "#settings-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.RowChosen(event.option.id, focus=True))

    def on_key(self, event: events.Key) -> None:
        # Typing on the list types into the highlighted setting's editor.
        if self.settings_list.has_focus and event.is_printable and event.character:
            control = self.field_editor.control
            if control is self.field_editor.input:
                event.stop()
                control.focus()
                control.insert_text_at_cursor(event.character)
