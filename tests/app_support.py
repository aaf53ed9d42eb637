"""Helpers for the TUI tests: a small world of settings files, a fake validator, a pinned clock."""

from __future__ import annotations

import asyncio
import json
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.validation.report import InferenceProfile, ValidationReport

FIXED_NOW = datetime(2025, 1, 15, 9, 30, 0)

SONNET_45 = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
BARE_SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0"
HAIKU_45 = "us.anthropic.claude-haiku-4-5-20251001-v1:0"

USER_SETTINGS = {
    "$schema": "https://json.schemastore.org/claude-code-settings.json",
    "permissions": {"allow": ["Bash(git status)"], "deny": ["Read(./.env)"]},
    "env": {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_PROFILE": "dev",
        "AWS_REGION": "us-east-1",
        "ANTHROPIC_MODEL": BARE_SONNET_45,
    },
    "hooks": {"PostToolUse": [{"matcher": "Edit", "hooks": [{"type": "command", "command": "make fmt"}]}]},
    "statusLine": {"type": "command", "command": "~/.claude/statusline.sh"},
}
PROJECT_SETTINGS = {"env": {"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "16384"}}
AWS_CONFIG = """\
[profile dev]
region = us-east-1

[profile corp-sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
"""
AWS_CREDENTIALS = """\
[dev]
aws_access_key_id = AKIATESTTESTTEST0000
aws_secret_access_key = testSecretKeyNotReal000000000000000000
"""


def fixed_clock() -> datetime:
    return FIXED_NOW


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@dataclass
class World:
    """A HOME with the project inside it, so every path on screen reads `~/...` (stable snapshots)."""

    home: Path
    project: Path
    environ: dict[str, str]

    @property
    def user_file(self) -> Path:
        return self.home / ".claude" / "settings.json"

    @property
    def project_file(self) -> Path:
        return self.project / ".claude" / "settings.json"

    @property
    def local_file(self) -> Path:
        return self.project / ".claude" / "settings.local.json"

    def read_user(self) -> dict:
        return json.loads(self.user_file.read_text(encoding="utf-8"))


def make_world(
    root: Path,
    *,
    user: dict | None = USER_SETTINGS,
    project: dict | None = PROJECT_SETTINGS,
    local: dict | None = None,
    shell: dict[str, str] | None = None,
) -> World:
    home = root / "home"
    project_dir = home / "project"
    (project_dir / ".git").mkdir(parents=True, exist_ok=True)
    (home / "managed").mkdir(parents=True, exist_ok=True)
    for path, data in (
        (home / ".claude" / "settings.json", user),
        (project_dir / ".claude" / "settings.json", project),
        (project_dir / ".claude" / "settings.local.json", local),
    ):
        if data is not None:
            write_json(path, data)
    (home / ".aws").mkdir(exist_ok=True)
    (home / ".aws" / "config").write_text(AWS_CONFIG, encoding="utf-8")
    (home / ".aws" / "credentials").write_text(AWS_CREDENTIALS, encoding="utf-8")
    environ = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "CLAUDE_BEDROCK_TUI_MANAGED_DIR": str(home / "managed"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        **(shell or {}),
    }
    return World(home, project_dir, environ)


def check(id: str, status: str, message: str, advice: str = "") -> CheckResult:
    return CheckResult(id, status, message, advice)  # type: ignore[arg-type]


PASSING = [
    check("credentials", "pass", "Claude Code would use AWS profile dev (static keys)."),
    check("identity", "pass", "Account 123456789012: arn:aws:iam::123456789012:user/test."),
    check("region", "pass", "Region us-east-1 (from user): Bedrock answered."),
    check("models", "pass", "3 system-defined inference profiles in us-east-1."),
    check("model:primary", "pass", f"{SONNET_45} answered a 1-token request in us-east-1."),
]
FAILING = [
    *PASSING[:4],
    check(
        "model:primary",
        "fail",
        f"{BARE_SONNET_45} is a bare model ID: Bedrock only serves it through an inference profile.",
        f"Use the inference profile ID {SONNET_45} instead.",
    ),
]
PROFILES = [
    InferenceProfile(
        SONNET_45,
        f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/{SONNET_45}",
        "US Claude Sonnet 4.5",
        "SYSTEM_DEFINED",
    ),
    InferenceProfile(
        HAIKU_45,
        f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/{HAIKU_45}",
        "US Claude Haiku 4.5",
        "SYSTEM_DEFINED",
    ),
]


@dataclass
class FakeValidator:
    """Stands in for run_validation: reports `checks`, each after `delay` seconds, honouring cancel."""

    checks: list[CheckResult] = field(default_factory=lambda: list(PASSING))
    delay: float = 0.0
    profiles: list[InferenceProfile] = field(default_factory=lambda: list(PROFILES))
    calls: list = field(default_factory=list)
    threads: set[str] = field(default_factory=set)
    trusted: list[bool] = field(default_factory=list)  # trust_project_commands of each call

    def __call__(
        self,
        candidate,
        *,
        invoke: bool,
        on_result,
        cancel: threading.Event,
        deadline_s: float,
        trust_project_commands: bool = False,
    ):
        self.calls.append(candidate)
        self.trusted.append(trust_project_commands)
        self.threads.add(threading.current_thread().name)
        for result in self.checks:
            on_result(CheckResult(result.id, "running", "checking…"))
            if cancel.wait(self.delay):
                return ValidationReport(self.checks, [], cancelled=True)
            on_result(result)
        return ValidationReport(list(self.checks), list(self.profiles))


async def wait_until(pilot, condition, timeout: float = 15.0) -> None:
    """Let the app run until `condition()` holds; fails the test after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out waiting for the app"
        await pilot.pause(0.02)


async def ready(pilot, timeout: float = 10.0) -> None:
    """Wait until the main screen shows the configuration and every refresh it scheduled ran."""
    for _ in range(int(timeout / 0.02)):
        if pilot.app.is_ready and pilot.app.main.settled:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the main screen did not open")


def environ_unchanged_guard() -> dict[str, str]:
    return dict(os.environ)


def app_on_world(tmp_path: Path, checks=None, **world_kwargs):
    """The app on a fresh world, with a fake validator answering `checks` and the clock pinned."""
    return app_on(make_world(tmp_path, **world_kwargs), checks)


def app_on(world: World, checks=None):
    """The app on `world`, with a fake validator answering `checks` and the clock pinned."""
    from claude_bedrock_tui.app.app import BedrockApp

    validator = FakeValidator(checks=list(checks)) if checks is not None else FakeValidator()
    return BedrockApp(project_dir=world.project, environ=world.environ, clock=fixed_clock, validator=validator)


def asking(screen, name: str) -> bool:
    """Whether `screen` is the choice dialog `name` ("quit", "discard", "confirm", "error", "profile-delete")."""
    from claude_bedrock_tui.app.screens.choice import ChoiceScreen

    return isinstance(screen, ChoiceScreen) and screen.name == name


def field(app, name: str):
    """Edit setting `name` in the Edit pane (its row highlighted) and return the widget taking its value."""
    return app.main.field_control(name)


async def settled(pilot) -> None:
    """Let the main screen catch up with the session (it refreshes once, after the frame with the keys)."""
    await pilot.pause()
    await wait_until(pilot, lambda: pilot.app.main.settled)


async def same_picture_twice(pilot, timeout: float = 15.0) -> None:
    """Let layout passes run until the screen stops changing: two screenshots in a row are equal."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    await pilot.pause()
    previous = pilot.app.export_screenshot()
    while True:
        await pilot.pause()
        current = pilot.app.export_screenshot()
        if current == previous:
            return
        assert loop.time() < deadline, "the screen never settled"
        previous = current
