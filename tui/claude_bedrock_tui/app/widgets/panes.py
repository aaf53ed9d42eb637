"""The read-only panes: the shell environment, the settings files, and the effective configuration."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.selection import Selection
from textual.widgets import Static

from claude_bedrock_tui.app.display import display_path, origin_label, shown_value
from claude_bedrock_tui.app.session import EditSession
from claude_bedrock_tui.app.widgets.hanging import Hanging
from claude_bedrock_tui.core.configuration import relevant_shell
from claude_bedrock_tui.core.effective import SHELL
from claude_bedrock_tui.core.fields import KEY_NAMES, RELATED_ENV, SPEC_BY_NAME, SPECS
from claude_bedrock_tui.core.wording import counted

BEDROCK_KEYS = frozenset(SPEC_BY_NAME) | frozenset(RELATED_ENV)
TARGET_MARK = "  ◀\u00a0target"  # a no-break space: a wrapped line never parts the arrow from its word


class PaneBody(Static):
    """A pane's text; a selection in `Hanging` lines is copied as written (Textual's own copy gives up on it)."""

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        if isinstance(self.visual, Hanging):
            return self.visual.selected(selection), "\n"
        return super().get_selection(selection)


class InfoPane(VerticalScroll):
    """A focusable, scrollable pane showing one block of text."""

    def compose(self) -> ComposeResult:
        yield PaneBody(classes="pane-body")

    _shown_markup: str | None = None

    def show(self, content: Content | Hanging) -> None:
        if content.markup != self._shown_markup:  # an unchanged pane is not laid out again
            self._shown_markup = content.markup
            self.query_one(".pane-body", Static).update(content)


def environment_content(session: EditSession) -> Hanging:
    """The AWS profile in use and the relevant shell variables (secrets masked, dead exports marked); a line
    too long for the pane wraps under its own start."""
    preview = session.preview
    lines: list[Content] = [Content.styled("AWS profile in use", "bold")]
    aws = preview.aws
    profile_name = preview.value("AWS_PROFILE") or "default"
    if aws is None:
        lines.append(Content.styled(f"  {profile_name}: reading the AWS profile files…", "$text-muted"))
    else:
        config_path = display_path(aws.config_path, preview.shell)
        profile = aws.get(profile_name)
        if profile is None:
            lines.append(Content.styled(f"  {profile_name}: not found in {config_path}", "$warning"))
        else:
            lines.append(
                Content.from_markup(
                    "  [b]$name[/b]  $kind  region $region",
                    name=profile.name,
                    kind=profile.kind,
                    region=profile.region or "not set",
                )
            )
        lines.append(Content.styled(f"  {counted(len(aws.profiles), 'profile')} in {config_path}", "$text-muted"))
    lines.append(Content(""))
    lines.append(Content.styled("Shell variables", "bold"))
    shell = relevant_shell(preview.shell)
    if not shell:
        lines.append(Content.styled("  no AWS_, ANTHROPIC_ or CLAUDE_CODE_ variable is exported", "$text-muted"))
    for name in sorted(shell):
        value = display_path(shell[name], preview.shell) if shell[name].startswith("/") else shell[name]
        line = Content.from_markup("  $name=[b]$value[/b]", name=name, value=shown_value(name, value))
        effective = preview.effective.get(name)
        if effective is not None and effective.origin not in (None, SHELL):
            why = "cleared" if effective.value is None else "dead"
            line = line.append(Content.styled(f"  {why}: {origin_label(effective.origin)} settings win", "$warning"))
        lines.append(line)
    return Hanging([(line, 4) for line in lines])


def files_content(session: EditSession) -> Hanging:
    """Each scope's file: path, state, its Bedrock keys, and pending edits against the disk. A long path
    wraps between its folders, under its own start."""
    lines: list[tuple[Content, int]] = []
    shell = session.base.shell
    for f in session.base.files:
        target = f.scope == session.scope
        state_style = {"ok": "$success", "missing": "$text-muted"}.get(f.state, "$text-error")
        lead = Content.assemble((f.scope.ljust(8), "bold"), " ", (f.state, state_style), " ")
        head = lead + display_path(f.path, shell)
        if target:
            head = head.append(Content.styled(TARGET_MARK, "$accent"))
        lines.append((head, lead.cell_length))
        if f.state in ("invalid", "unreadable"):
            where = f"line {f.line}" + (f", column {f.column}" if f.column else "") + ": " if f.line else ""
            lines.append((Content.styled(f"    ✘ {where}{f.error}", "$text-error"), 6))
            if f.hint:
                lines.append((Content.styled(f"      {f.hint}", "$text-muted"), 6))
        lines.extend((line, 6) for line in _file_keys(session, f))
    return Hanging(lines)


def _file_keys(session: EditSession, f) -> list[Content]:
    pending = session.pending.get(f.scope, {})
    current = dict(f.env) if f.readable else {}
    if f.readable:
        current.update({k: v for k, v in (f.data or {}).items() if k in KEY_NAMES and isinstance(v, str)})
    names = [n for n in current if n in BEDROCK_KEYS] + [n for n in pending if n not in current]
    out = []
    for name in names:
        if name in pending:
            new = pending[name]
            if new is None:
                out.append(Content.styled(f"    - {name} (removed)", "$warning"))
            elif name in current:
                out.append(
                    Content.from_markup(
                        "    [$warning]● $name = $new[/]  [$text-muted]was $old[/]",
                        name=name,
                        new=shown_value(name, new),
                        old=shown_value(name, current[name]),
                    )
                )
            else:
                out.append(
                    Content.from_markup("    [$warning]+ $name = $new[/]", name=name, new=shown_value(name, new))
                )
        else:
            out.append(Content.from_markup("    $name = $value", name=name, value=shown_value(name, current[name])))
    others = [k for k in (f.data or {}) if k not in KEY_NAMES and k != "env"] if f.readable else []
    if others:
        out.append(Content.styled(f"    also kept: {', '.join(others)}", "$text-muted"))
    return out


def effective_content(session: EditSession) -> Hanging:
    """Each setting Claude Code will see: value, origin, what it shadows; conflicts and edits marked; last, the
    Claude Code version predicted for. A line too long for the pane wraps under the setting's name."""
    preview, base = session.preview, session.base
    flagged = {p.key: p.severity for p in preview.problems if p.key and p.severity in ("error", "warning")}
    rows = [ev for ev in (preview.effective[s.name] for s in SPECS) if ev.value is not None or ev.shadowed]
    lines: list[tuple[Content, int]] = []
    for ev in rows:
        mark = {"error": ("✘", "$text-error"), "warning": ("▲", "$warning")}.get(flagged.get(ev.name, ""), (" ", ""))
        changed = base.effective[ev.name].value != ev.value
        value_style = "$warning bold" if changed else "bold"
        line = Content.assemble(
            mark,
            " ",
            ev.name,
            " = ",
            (shown_value(ev.name, ev.value), value_style),
            ("  " + origin_label(ev.origin), "$text-muted"),
        )
        if changed:
            line = line.append(Content.styled("  (edited)", "$warning"))
        lines.append((line, 2))
        if ev.note:
            lines.append((Content.styled(f"    {ev.note}", "$text-muted"), 4))
        for source in ev.shadowed:
            via = f" via {source.key}" if source.key else ""
            shadow = f"    shadows {origin_label(source.origin)}{via}: {shown_value(ev.name, source.value)}"
            lines.append((Content.styled(shadow, "$text-muted"), 4))
    # Every line above is a prediction about one Claude Code version: say which, and whose rules (as `show`).
    lines += [(Content(""), 0), (Content.styled(base.book.summary, "$text-muted"), 2)]
    return Hanging(lines)
