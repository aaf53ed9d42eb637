"""Checks that need no AWS: the token limits against the models Claude Code will call, and the
installed Claude Code itself. Their verdicts come from the core (one checker, one behaviour model)."""

from __future__ import annotations

from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.claude_code.installed import INSTALL_COMMAND, VERSION_TIMEOUT_S, installed_claude
from claude_bedrock_tui.core.claude_code.region import REGION_FALLBACK
from claude_bedrock_tui.core.claude_code.rules import rulebook_for, version_text
from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.core.value_checks import CalledModel, check_tokens
from claude_bedrock_tui.validation.report import record, worst_status

SEVERITY_STATUS = {"error": "fail", "warning": "warn", "info": "pass"}


def called_models(candidate: Candidate) -> list[CalledModel]:
    """The distinct models the candidate's prediction says Claude Code will call."""
    seen: dict[str, CalledModel] = {}
    for slot, data in candidate.models.items():
        if slot == "subagent" and not data.get("configured"):
            continue
        model_id = str(data.get("resolved") or "")
        if model_id and model_id not in seen:
            seen[model_id] = CalledModel(slot, data.get("configured_by"), model_id)
    return list(seen.values())


def tokens_check(candidate: Candidate) -> CheckResult:
    """Max output and thinking against every model Claude Code will call (value_checks.check_tokens)."""
    values = {
        "CLAUDE_CODE_MAX_OUTPUT_TOKENS": candidate.env.get("CLAUDE_CODE_MAX_OUTPUT_TOKENS"),
        "MAX_THINKING_TOKENS": candidate.env.get("MAX_THINKING_TOKENS"),
    }
    problems = check_tokens(values, called_models(candidate))
    if problems:
        status = worst_status([SEVERITY_STATUS[p.severity] for p in problems])
        advice = next((p.advice for p in problems if SEVERITY_STATUS[p.severity] == status), "")
        return record("tokens", status, " ".join(p.message for p in problems), advice)
    shown = ", ".join(f"{k}={v}" for k, v in values.items() if v)
    if not shown:
        return CheckResult("tokens", "pass", "No token limits set: Claude Code uses each model's defaults.")
    return CheckResult("tokens", "pass", f"Token limits ({shown}) fit every model Claude Code will call.")


def claude_check(candidate: Candidate, timeout_s: float = VERSION_TIMEOUT_S) -> CheckResult:
    """Is `claude` on the candidate's PATH, which version, and does the prediction fit it?"""
    found = installed_claude(candidate.env, timeout_s=timeout_s)
    if found.path is None:
        return CheckResult(
            "claude",
            "skip",
            "Claude Code is not installed (no `claude` on PATH).",
            f"Install it with `{INSTALL_COMMAND}`.",
        )
    if found.version is None:
        return CheckResult("claude", "warn", found.problem + ".")
    shown = version_text(found.version)
    book = rulebook_for(found.version, f"installed: {found.path}")
    if not book(REGION_FALLBACK) and not candidate.env.get("AWS_REGION"):
        return CheckResult(
            "claude",
            "warn",
            f"Claude Code {shown} requires AWS_REGION; the region fallback needs 2.1.172 or later.",
            f"Set AWS_REGION={candidate.region} in the settings env, or update Claude Code (`claude update`).",
        )
    note = ""
    if candidate.claude_version and candidate.claude_version != shown:
        note = f" The prediction was made for {candidate.claude_version}."
    return CheckResult("claude", "pass", f"Claude Code {shown} ({found.path}); {book.basis} rules.{note}")
