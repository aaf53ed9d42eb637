"""Run a real Claude Code once against the local stand-in and record every request it sends.

`ANTHROPIC_BEDROCK_BASE_URL` redirects both the inference-profile listing and the runtime calls to the
stand-in, `ANTHROPIC_BEDROCK_MANTLE_BASE_URL` the Mantle calls; a prompt-type `UserPromptSubmit` hook,
given on the command line (`--settings`), makes Claude Code call its background model even under `-p`
(docs/claude-code-behaviour.md, "Observing Claude Code").
Managed settings are read from a fixed system folder, so they are laid over `/etc` in a private mount
namespace (Linux, where `unshare` is allowed) instead of writing the machine's own folder.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from claude_bedrock_tui.core.locations import system_managed_dir
from claude_bedrock_tui.standin.calls import RecordedRequest
from claude_bedrock_tui.standin.server import StandIn

HOOK_MARKER = "claude-bedrock-tui background check"
PROMPT = "say ok"
MANAGED_SYSTEM_DIR = system_managed_dir()

# Quiet, bounded runs: no retries, no telemetry or update checks, nothing but the Bedrock calls.
QUIET_ENV = {
    "CLAUDE_CODE_MAX_RETRIES": "0",
    "DISABLE_TELEMETRY": "1",
    "DISABLE_ERROR_REPORTING": "1",
    "DISABLE_AUTOUPDATER": "1",
    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def standin_endpoints(url: str) -> dict[str, str]:
    """The variables that send Claude Code's Bedrock requests to the stand-in: bedrock-runtime and the
    listing, and Bedrock Mantle."""
    return {"ANTHROPIC_BEDROCK_BASE_URL": url, "ANTHROPIC_BEDROCK_MANTLE_BASE_URL": url}


@dataclass(frozen=True)
class ClaudeRun:
    returncode: int | None  # None when it was killed at the time bound
    stdout: str
    stderr: str
    requests: tuple[RecordedRequest, ...]


def hook_settings() -> str:
    """Command-line settings that add the background-model hook and nothing else."""
    hook = {"type": "prompt", "prompt": f"{HOOK_MARKER}: is this request fine? $ARGUMENTS"}
    return json.dumps({"hooks": {"UserPromptSubmit": [{"hooks": [hook]}]}})


def can_overlay_managed() -> str | None:
    """None when managed settings can be laid over /etc here, else why not."""
    if not shutil.which("unshare"):
        return "`unshare` is not installed"
    probe = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "true"], capture_output=True, text=True, timeout=10, check=False
    )
    if probe.returncode != 0:
        return f"private mount namespaces are not allowed here ({probe.stderr.strip() or probe.returncode})"
    return None


def _overlay_command(command: list[str], managed_dir: Path, scratch: Path) -> list[str]:
    upper, work = scratch / "upper", scratch / "work"
    shutil.copytree(managed_dir, upper / MANAGED_SYSTEM_DIR.name, symlinks=True)
    work.mkdir()
    script = (
        f"mount -t overlay overlay -o lowerdir=/etc,upperdir={shlex.quote(str(upper))},"
        f"workdir={shlex.quote(str(work))} /etc && exec {shlex.join(command)}"
    )
    return ["unshare", "--mount", "--map-root-user", "sh", "-c", script]


def run_claude(
    binary: Path,
    *,
    cwd: Path,
    env: Mapping[str, str],
    standin: StandIn,
    timeout_s: float = 60.0,
    managed_dir: Path | None = None,
    background_hook: bool = True,
) -> ClaudeRun:
    """Run `claude -p` once; `env` is the whole environment (HOME included), QUIET_ENV and the
    stand-in's URL are added on top."""
    full_env = {**env, **QUIET_ENV, **standin_endpoints(standin.url)}
    command = [str(binary), "-p", PROMPT]
    if background_hook:
        command += ["--settings", hook_settings()]
    standin.clear_requests()
    with tempfile.TemporaryDirectory(prefix="claude-overlay-") as scratch:
        if managed_dir is not None:
            command = _overlay_command(command, managed_dir, Path(scratch))
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout_s)
            code: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            stdout, stderr = process.communicate()
            code = None
    return ClaudeRun(code, stdout, stderr, tuple(standin.requests))
