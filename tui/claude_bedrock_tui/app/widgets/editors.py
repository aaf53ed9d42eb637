"""The editors pane: the target scope, the credential method, and one editor per setting in SPECS."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Select, Static

from claude_bedrock_tui.app.display import display_path
from claude_bedrock_tui.app.hints import field_hint
from claude_bedrock_tui.app.session import EditSession
from claude_bedrock_tui.app.widgets.field_editor import FieldEditor
from claude_bedrock_tui.core.fields import SPECS, Group

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


class EditorsPane(VerticalScroll):
    """Every editable setting of the target scope; hidden credential rows are never ones with a value."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.method = "profile"

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label("Target scope", classes="field-title")
            yield Select(SCOPE_CHOICES, allow_blank=False, value="user", compact=True, id="target-scope")
        yield Static(id="target-path", classes="field-hint")
        for group in Group:
            yield Static(GROUP_TITLES[group], classes="group-title")
            if group is Group.CREDENTIALS:
                with Horizontal(classes="field-row"):
                    yield Label("Method", classes="field-title")
                    yield Select(
                        [(label, key) for key, (label, _) in METHODS.items()],
                        allow_blank=False,
                        value="profile",
                        compact=True,
                        id="credential-method",
                    )
            for spec in SPECS:
                if spec.group is group:
                    yield FieldEditor(spec)

    def focus_first(self) -> None:
        self.query_one("#target-scope", Select).focus()

    def editors(self) -> list[FieldEditor]:
        return list(self.query(FieldEditor))

    def editor(self, name: str) -> FieldEditor:
        return self.query_one(f"#editor-{name}", FieldEditor)

    def load(self, session: EditSession) -> None:
        """Show the target scope's values (with pending edits) in every editor."""
        scope_select = self.query_one("#target-scope", Select)
        with scope_select.prevent(Select.Changed):
            scope_select.value = session.scope
        self.refresh_method(session)
        for editor in self.editors():
            editor.load(session.value(editor.spec.name), session.is_edited(editor.spec.name))
        self.refresh_hints(session)

    def refresh_method(self, session: EditSession) -> None:
        """Show the credential method the configuration uses (known once the AWS profiles are read)."""
        self.method = detect_method(session)
        method_select = self.query_one("#credential-method", Select)
        with method_select.prevent(Select.Changed):
            method_select.value = self.method

    def refresh_hints(self, session: EditSession) -> None:
        path = session.base.file(session.scope).path
        self.query_one("#target-path", Static).update(f"edits go to {display_path(path, session.base.shell)}")
        used = METHODS[self.method][1]
        for editor in self.editors():
            spec = editor.spec
            edited = session.is_edited(spec.name)
            if editor.has_class("-edited") != edited:
                editor.set_class(edited, "-edited")
            if spec.group is Group.CREDENTIALS:
                shown = spec.name in used or bool(session.value(spec.name))
                if editor.display != shown:
                    editor.display = shown
            editor.set_hint(field_hint(spec, session))

    def show_method(self, method: str, session: EditSession) -> None:
        self.method = method
        self.refresh_hints(session)
