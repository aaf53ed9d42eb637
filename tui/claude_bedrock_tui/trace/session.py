"""`trace`: the installed Claude Code, run once with the user's configuration against the local stand-in,
and what it sent set against the tool's own prediction (docs/claude-code-behaviour.md, "Observing Claude Code")."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claude_bedrock_tui.core.aws_profiles import AwsProfileReader
from claude_bedrock_tui.core.claude_code.installed import INSTALL_COMMAND, InstalledClaude
from claude_bedrock_tui.core.claude_code.prediction import Prediction, key_value, predict
from claude_bedrock_tui.core.configuration import Configuration
from claude_bedrock_tui.core.locations import MANAGED_DIR_OVERRIDE, SHARED_SCOPES, managed_dir
from claude_bedrock_tui.core.secrets import shown
from claude_bedrock_tui.standin.catalogue import default_catalogue
from claude_bedrock_tui.standin.scenario import Scenario
from claude_bedrock_tui.standin.server import StandIn
from claude_bedrock_tui.trace import compare
from claude_bedrock_tui.trace.observed import Observed, SentRequest
from claude_bedrock_tui.trace.runner import MANAGED_SYSTEM_DIR, can_overlay_managed, run_claude
from claude_bedrock_tui.trace.sandbox import changed_files, trace_home

TIMEOUT_S = 30.0
UNTRUSTED_SCOPES = frozenset({"project", "local"})


class TraceRefused(Exception):
    """The trace would run something the user has not agreed to run."""


@dataclass(frozen=True)
class TraceReport:
    claude: Path
    version: str
    returncode: int | None
    requests: tuple[SentRequest, ...]
    warnings: tuple[str, ...]
    differences: tuple[str, ...]
    changed: tuple[Path, ...] = ()  # the user's own files that changed during the run: must stay empty
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def agrees(self) -> bool:
        return not self.differences and not self.changed

    def to_json(self) -> dict[str, object]:
        return {
            "claude_code": {"path": str(self.claude), "version": self.version},
            "exit_code": self.returncode,
            "requests": [
                {"kind": r.kind, "model": r.model_id, "region": r.region, "credentials": masked_credential(r)}
                for r in self.requests
            ],
            "warnings": list(self.warnings),
            "agrees": self.agrees,
            "differences": list(self.differences),
            "changed_user_files": [str(p) for p in self.changed],
            "notes": list(self.notes),
        }


def finding_lines(report: TraceReport) -> list[str]:
    """What the trace saw beyond the requests: Claude Code's warnings, notes, the user's files it touched."""
    lines = [f"Claude Code warned: {warning}" for warning in report.warnings]
    lines += [f"note: {note}" for note in report.notes]
    lines += [
        f"CHANGED: {path} changed while Claude Code ran; it should have used the copy." for path in report.changed
    ]
    return lines


def verdict_lines(report: TraceReport) -> list[str]:
    """ "Agrees", or each difference between what Claude Code sent and the prediction."""
    if report.agrees:
        return [f"Agrees: Claude Code {report.version} did what this tool predicts."]
    return [
        f"Differs from the prediction (Claude Code {report.version}):",
        *(f"  {difference}" for difference in report.differences),
    ]


def masked_credential(request: SentRequest) -> str:
    """The access key ID or API key of a request as it may be shown: its last four characters."""
    if request.auth == "bearer":
        return f"API key {shown('AWS_BEARER_TOKEN_BEDROCK', request.credential or '')}"
    if request.auth == "none":
        return "unsigned"
    return f"access key {shown('AWS_ACCESS_KEY_ID', request.credential or '?')}"


def not_runnable(found: InstalledClaude) -> str | None:
    """Why the installed Claude Code cannot be traced, and how to install it; None when it can."""
    install = f"Install it with `{INSTALL_COMMAND}` (then `claude --version`)."
    if found.path is None:
        return f"Claude Code is not installed (no `claude` on the PATH). {install}"
    if found.version is None:
        return f"{found.problem}. {install}"
    return None


Row = tuple[str, str, str, str]  # request kind, model ID, region, credentials (masked)


def request_rows(requests: tuple[SentRequest, ...]) -> tuple[str | None, list[Row]]:
    """One row per request, the listing's pages as one row; plus the credentials when every request used
    the same ones (then said once, not per row)."""
    credentials = {masked_credential(r) for r in requests}
    common = next(iter(credentials)) if len(credentials) == 1 else None
    rows: list[Row] = []
    pages = 1
    for request in requests:
        row = (request.kind, request.model_id or "-", request.region or "-", masked_credential(request))
        if rows and request.kind == "listing" and rows[-1][0].startswith("listing"):
            pages += 1
            rows[-1] = (f"listing ×{pages}", *rows[-1][1:])  # pages of one listing
            continue
        pages = 1
        rows.append(row)
    return common, rows


def refusal(config: Configuration, trust_project_commands: bool) -> str | None:
    """Why the trace must not run as it is, if it must not."""
    export = key_value(config.files, "awsCredentialExport")
    if export and export[1] in UNTRUSTED_SCOPES | SHARED_SCOPES and not trust_project_commands:
        return (
            f"the {export[1]} settings hold awsCredentialExport `{shown('awsCredentialExport', export[0])}`, "
            "which Claude Code would run; pass --trust-project-commands if you trust this repository."
        )
    return None


def managed_overlay(config: Configuration) -> Path | None:
    """The managed folder to show Claude Code in place of its own, when the tool reads another one
    (--managed-dir, CLAUDE_BEDROCK_TUI_MANAGED_DIR) that holds files; TraceRefused when that cannot be done.

    Claude Code has no setting for the folder: it is laid over /etc in a private mount namespace
    (docs/claude-code-behaviour.md, "Observing Claude Code"), which can add files but not hide the machine's own.
    """
    if not config.shell.get(MANAGED_DIR_OVERRIDE):
        return None
    folder = managed_dir(config.shell)
    if not any(f.scope == "managed" and f.state != "missing" for f in config.files):
        return None
    if MANAGED_SYSTEM_DIR.exists():
        raise TraceRefused(
            f"Claude Code would read this machine's own {MANAGED_SYSTEM_DIR} as well as the managed settings in "
            f"{folder}, and the trace cannot hide it. Run the trace on a machine without {MANAGED_SYSTEM_DIR}."
        )
    reason = can_overlay_managed()
    if reason is not None:
        raise TraceRefused(
            f"Claude Code reads managed settings only from {MANAGED_SYSTEM_DIR}; showing it those in {folder} "
            f"needs a private mount namespace, and {reason}."
        )
    return folder


def cautions(config: Configuration) -> list[str]:
    """What running Claude Code will do beyond the stand-in, said before it runs."""
    credentials = config.prediction.credentials
    out = []
    if credentials.source == "export":
        out.append("Claude Code will run your awsCredentialExport command.")
    if credentials.profile_kind in ("sso", "login", "credential_process", "assume-role", "web identity"):
        out.append(
            f"AWS profile {credentials.profile} ({credentials.profile_kind}) may contact its identity provider, "
            "as it does whenever Claude Code starts."
        )
    return out


def _comparable(expected: compare.Summary, actual: compare.Summary) -> tuple[compare.Summary, compare.Summary]:
    """Credentials only a command yields (SSO, a process, an export) cannot be predicted: compare the signing."""
    if str(expected.get("credential", "")).startswith("unknown until it runs"):
        actual = {**actual, "credential": "SigV4" if str(actual.get("credential", "")).startswith("AKIA") else actual}
        expected = {**expected, "credential": "SigV4"}
    return expected, actual


def prediction_against_standin(config: Configuration, base_url: str, catalogue: list[dict[str, object]]) -> Prediction:
    """The tool's prediction for this configuration, with the stand-in's listing and answers."""
    view = compare.StandInView(catalogue, Scenario().account_id)
    shell = {**config.shell, "ANTHROPIC_BEDROCK_BASE_URL": base_url}
    reader = AwsProfileReader()
    region = config.prediction.region.value
    return predict(
        config.project_dir,
        shell,
        config.files,
        config.book.fresh(),
        reader,
        listing=view.listing(region),
        answers=view.answers,
    )


def run_trace(
    config: Configuration, claude: Path, *, trust_project_commands: bool = False, timeout_s: float = TIMEOUT_S
) -> TraceReport:
    """Run `claude -p` once in the project folder, with a copied HOME, against an in-process stand-in."""
    reason = refusal(config, trust_project_commands)
    if reason:
        raise TraceRefused(reason)
    managed = managed_overlay(config)
    catalogue = default_catalogue(Scenario().account_id)
    with trace_home(config) as home, StandIn(Scenario(allow_anonymous=True, profiles=catalogue)) as standin:
        run = run_claude(
            claude, cwd=config.project_dir, env=home.environ, standin=standin, timeout_s=timeout_s, managed_dir=managed
        )
        changed = tuple(changed_files(home.watched))
        prediction = prediction_against_standin(config, standin.url, catalogue)
    seen = Observed.of(run)
    expected, actual = _comparable(compare.predicted(prediction), compare.observed(seen))
    differences = compare.differences(expected, actual, f"Claude Code {config.book.version_text}")
    notes = []
    if not run.requests and prediction.bedrock:
        notes.append(
            "Claude Code sent nothing to the stand-in: it may be too old to honour ANTHROPIC_BEDROCK_BASE_URL; "
            f"update it with `{INSTALL_COMMAND}`."
        )
    if run.returncode is None:
        notes.append(f"Claude Code did not finish within {timeout_s:g} s and was stopped.")
    return TraceReport(
        claude,
        config.book.version_text,
        run.returncode,
        seen.requests,
        tuple(seen.warnings),
        tuple(differences),
        changed,
        tuple(notes),
    )
