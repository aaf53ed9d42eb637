"""A throw-away world for the demo: a temporary HOME and project, AWS profiles and a local Bedrock.

Everything the app reads or writes lives under one root folder, and the environment handed to the
app is built from scratch, so nothing from the real shell (AWS keys, CLAUDE_* exports) leaks in.
The local Bedrock serves HTTPS with a certificate made for this sandbox alone, because Bedrock API keys
are only sent over HTTPS: every credential method can then be tried.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claude_bedrock_tui.core.locations import MANAGED_DIR_OVERRIDE

if TYPE_CHECKING:
    from claude_bedrock_tui.standin import StandIn

PRIMARY_MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
# The planted mistake: a bare model ID, which Bedrock refuses for on-demand use.
BARE_HAIKU_MODEL = "anthropic.claude-haiku-4-5-20251001-v1:0"
STATIC_PROFILE = "demo"
SSO_PROFILE = "demo-sso"
PROJECT_NAME = "demo-project"
TLS_FOLDER = "tls"  # under the root: the CA certificate the sandbox trusts, while the stand-in runs

# Terminal and locale settings are the only things taken from the real environment.
_COPIED_NAMES = ("PATH", "LANG", "TERM", "COLORTERM", "NO_COLOR")
_COPIED_PREFIXES = ("LC_", "TEXTUAL_")


@dataclass
class Sandbox:
    root: Path
    home: Path
    project_dir: Path
    environ: dict[str, str]
    standin: StandIn
    ca: Path  # the stand-in's CA certificate (the user settings' NODE_EXTRA_CA_CERTS); gone after exit


def _user_settings(trusted_ca: str | None = None) -> dict:
    env = {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_PROFILE": STATIC_PROFILE,
        "AWS_REGION": "us-east-1",
        "ANTHROPIC_MODEL": PRIMARY_MODEL,
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": BARE_HAIKU_MODEL,
    }
    if trusted_ca:
        # Settings `env`, where Claude Code's docs ask for a private CA: Claude Code trusts it from there, and
        # validation hands it to botocore (docs/claude-code-behaviour.md, "Corporate networks"). Exported in
        # the shell instead, it would draw the "exported only in the shell" warning about the demo itself.
        env["NODE_EXTRA_CA_CERTS"] = trusted_ca
    return {
        "$schema": "https://json.schemastore.org/claude-code-settings.json",
        "env": env,
        "permissions": {
            "allow": ["Bash(git status)", "Bash(git diff:*)", "Bash(npm run test:*)"],
            "deny": ["Read(./.env)", "Read(./secrets/**)"],
            "defaultMode": "acceptEdits",
        },
        "hooks": {
            "PostToolUse": [
                {
                    "matcher": "Edit|Write",
                    "hooks": [{"type": "command", "command": 'npx prettier --write "$CLAUDE_FILE_PATHS"'}],
                }
            ]
        },
        "statusLine": {"type": "command", "command": "~/.claude/statusline.sh", "padding": 0},
        "enabledPlugins": {"commit-commands@claude-code-plugins": True},
        "includeCoAuthoredBy": False,
    }


def _project_settings() -> dict:
    return {
        "permissions": {"allow": ["Bash(make test)", "Read(docs/**)"], "ask": ["Bash(git push:*)"]},
        "env": {"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "16384", "MAX_THINKING_TOKENS": "4096"},
    }


def _local_settings() -> dict:
    # A personal override that shadows the shared limit: shows origins and shadowing at a glance.
    return {
        "permissions": {"allow": ["Bash(make demo)"]},
        "env": {"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "32000"},
    }


_AWS_CONFIG = f"""\
[profile {STATIC_PROFILE}]
region = us-east-1
output = json

[profile {SSO_PROFILE}]
sso_session = demo-sso
sso_account_id = 123456789012
sso_role_name = BedrockDeveloper
region = us-west-2

[sso-session demo-sso]
sso_start_url = https://demo-example.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
"""

# Fake keys: the stand-in accepts any key; real AWS would reject these.
_AWS_CREDENTIALS = f"""\
[{STATIC_PROFILE}]
aws_access_key_id = AKIADEMOSANDBOX00000
aws_secret_access_key = demoSandboxSecretKeyNotReal0000000000000
"""


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)


def _terminal_environ(source: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in source.items() if k in _COPIED_NAMES or k.startswith(_COPIED_PREFIXES)}


def fill_sandbox(root: Path, trusted_ca: str | None = None) -> tuple[Path, Path, dict[str, str]]:
    """Write the sandbox's files under `root`; returns (home, project_dir, environ without endpoints).

    `trusted_ca`: the PEM file of the stand-in's CA, trusted through the user settings.
    """
    home = root / "home"
    project = root / PROJECT_NAME
    managed = root / "managed"
    xdg = {
        name: root / "xdg" / sub
        for name, sub in (
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
        )
    }
    for folder in (home, managed, project / ".git", *xdg.values()):
        folder.mkdir(parents=True, exist_ok=True)
    _write_json(home / ".claude" / "settings.json", _user_settings(trusted_ca))
    _write_json(project / ".claude" / "settings.json", _project_settings())
    _write_json(project / ".claude" / "settings.local.json", _local_settings())
    (project / ".gitignore").write_text(".claude/settings.local.json\n", encoding="utf-8")
    (project / "README.md").write_text("# demo-project\n\nA throw-away project for the demo.\n", encoding="utf-8")
    aws_config, aws_credentials = home / ".aws" / "config", home / ".aws" / "credentials"
    _write_private(aws_config, _AWS_CONFIG)
    _write_private(aws_credentials, _AWS_CREDENTIALS)
    environ = _terminal_environ(os.environ)
    environ.update({name: str(path) for name, path in xdg.items()})
    environ.update(
        {
            "HOME": str(home),
            "AWS_CONFIG_FILE": str(aws_config),
            "AWS_SHARED_CREDENTIALS_FILE": str(aws_credentials),
            "AWS_EC2_METADATA_DISABLED": "true",
            MANAGED_DIR_OVERRIDE: str(managed),
        }
    )
    return home, project, environ


def _prepare_root(root: Path | None) -> tuple[Path, bool]:
    """The root folder to fill, and whether it is ours to remove afterwards."""
    if root is None:
        return Path(tempfile.mkdtemp(prefix="claude-bedrock-tui-demo-")).resolve(), True
    root = Path(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise FileExistsError(f"{root} is not an empty folder; the demo sandbox needs an empty one.")
    root.mkdir(parents=True, exist_ok=True)
    return root.resolve(), False


@contextmanager
def demo_sandbox(scenario: str = "healthy", root: Path | None = None) -> Iterator[Sandbox]:
    """A filled sandbox with the stand-in running; a temporary root is removed on exit."""
    from claude_bedrock_tui.standin import Scenario, StandIn
    from claude_bedrock_tui.standin.tls import write_tls_files

    preset = Scenario.preset(scenario)  # an unknown name fails before anything is created
    root, owned = _prepare_root(root)
    standin = None
    try:
        tls = write_tls_files(root / TLS_FOLDER)
        home, project, environ = fill_sandbox(root, trusted_ca=tls.ca)
        starting = StandIn(preset, tls=tls.server)
        try:
            starting.start()
        finally:
            # The server holds its certificate and key in memory once started: the key leaves the disk at once.
            for path in tls.server:
                Path(path).unlink(missing_ok=True)
        standin = starting
        environ.update(standin.endpoint_env())
        yield Sandbox(root=root, home=home, project_dir=project, environ=environ, standin=standin, ca=Path(tls.ca))
    finally:
        if standin is not None:
            standin.stop()
        # A given root is kept, but not the certificate of a stand-in that no longer runs.
        shutil.rmtree(root / TLS_FOLDER, ignore_errors=True)
        if owned:
            shutil.rmtree(root, ignore_errors=True)
