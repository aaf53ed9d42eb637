"""Checks that need no AWS: token limits against model caps, and the installed Claude Code."""

from __future__ import annotations

import re
import shutil

from claude_bedrock_tui.core import catalog
from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.procs import TimedOut, run_bounded
from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.validation.model_shape import ModelPlan

# Claude Code learned to fall back from AWS_REGION to AWS_DEFAULT_REGION / the profile here (FACTS §2).
REGION_FALLBACK_VERSION = (2, 1, 172)
SMALL_MAX_OUTPUT = 4096


def _round_below(cap: int) -> int:
    return (cap - 1) // 1000 * 1000


def tokens_check(candidate: Candidate, plans: list[ModelPlan]) -> CheckResult:
    """Max output strictly below every configured model's cap; thinking strictly below max output."""
    max_out, thinking = candidate.max_output_tokens, candidate.max_thinking_tokens
    capped = [(p, info) for p in plans if p.call_id and (info := catalog.model_info(p.call_id))]
    fails: list[str] = []
    warns: list[str] = []
    advice, warn_advice = "", ""
    if max_out is not None:
        over = [(p, info) for p, info in capped if max_out >= info[1]]
        for plan, (name, cap, _) in over:
            fails.append(
                f"CLAUDE_CODE_MAX_OUTPUT_TOKENS={max_out} is not below the {name} output cap "
                f"of {cap} (model:{plan.slot})"
            )
        if over:
            lowest = min(info[1] for _, info in over)
            advice = (
                f"Set CLAUDE_CODE_MAX_OUTPUT_TOKENS to {_round_below(lowest)} or less "
                "(Bedrock rejects a value equal to the cap)."
            )
        elif max_out <= SMALL_MAX_OUTPUT:
            warns.append(
                f"CLAUDE_CODE_MAX_OUTPUT_TOKENS={max_out} is low: long answers fail with "
                f'"response exceeded the {max_out} output token maximum"'
            )
            warn_advice = "Raise CLAUDE_CODE_MAX_OUTPUT_TOKENS (e.g. 16000 to 32000), or unset it."
    if thinking is not None:
        if max_out is not None and thinking >= max_out:
            fails.append(f"MAX_THINKING_TOKENS={thinking} is not below CLAUDE_CODE_MAX_OUTPUT_TOKENS={max_out}")
            advice = advice or f"Set MAX_THINKING_TOKENS below {max_out} (e.g. {max_out // 4})."
        for plan, (name, cap, _) in capped:
            if max_out is None and thinking >= cap:
                fails.append(
                    f"MAX_THINKING_TOKENS={thinking} is not below the {name} output cap of {cap} (model:{plan.slot})"
                )
                advice = advice or f"Set MAX_THINKING_TOKENS below {cap}."
    if fails:
        return CheckResult("tokens", "fail", "; ".join(fails) + ".", advice)
    if warns:
        return CheckResult("tokens", "warn", "; ".join(warns) + ".", warn_advice)
    if max_out is None and thinking is None:
        return CheckResult("tokens", "pass", "No token limits set: Claude Code uses each model's defaults.")
    shown = ", ".join(f"{k}={v}" for k, v in (("max output", max_out), ("thinking", thinking)) if v is not None)
    return CheckResult("tokens", "pass", f"Token limits ({shown}) fit every configured model.")


def parse_version(text: str) -> tuple[int, int, int] | None:
    found = re.search(r"(\d+)\.(\d+)\.(\d+)", text)
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


def claude_check(env: dict[str, str], region: str, timeout_s: float = 5.0) -> CheckResult:
    """Is `claude` on the candidate's PATH, which version, and does that version need AWS_REGION?"""
    path = shutil.which("claude", path=env.get("PATH", ""))
    if not path:
        return CheckResult(
            "claude",
            "skip",
            "Claude Code is not installed (no `claude` on PATH).",
            "Install it with `npm install -g @anthropic-ai/claude-code`.",
        )
    try:
        done = run_bounded([path, "--version"], timeout_s)
    except TimedOut:
        return CheckResult("claude", "warn", f"`{path} --version` did not answer within {timeout_s:g} s.")
    except OSError as exc:
        return CheckResult("claude", "warn", f"`{path} --version` could not run: {exc}")
    version = parse_version(done.stdout)
    if done.returncode != 0 or version is None:
        return CheckResult("claude", "warn", f"`{path} --version` gave no version (exit {done.returncode}).")
    shown = ".".join(map(str, version))
    if version < REGION_FALLBACK_VERSION and not env.get("AWS_REGION"):
        return CheckResult(
            "claude",
            "warn",
            f"Claude Code {shown} requires AWS_REGION; the region fallback needs 2.1.172 or later.",
            f"Set AWS_REGION={region} in the settings env, or update Claude Code (`claude update`).",
        )
    return CheckResult("claude", "pass", f"Claude Code {shown} ({path}).")
