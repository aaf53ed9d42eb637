"""The demo sandbox: realistic files, a clean environment, a live stand-in, and nothing outside its root."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import types
from pathlib import Path

import platformdirs
import pytest

from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.core.edits import plan_change, write_change
from claude_bedrock_tui.demo import demo_sandbox
from claude_bedrock_tui.demo.run import run_demo
from claude_bedrock_tui.demo.sandbox import BARE_HAIKU_MODEL, PRIMARY_MODEL, TLS_FOLDER
from claude_bedrock_tui.standin.server import ENDPOINT_VARIABLES

ENDPOINT_VARS = ENDPOINT_VARIABLES
PATH_VARS = (
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "CLAUDE_BEDROCK_TUI_MANAGED_DIR",
)


@pytest.fixture
def sandbox(tmp_path: Path):
    with demo_sandbox(root=tmp_path / "sandbox") as sb:
        yield sb


def _port_open(url: str) -> bool:
    host, port = url.rsplit("//", 1)[1].split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=1):
            return True
    except OSError:
        return False


def test_user_settings_are_realistic_and_hold_the_planted_mistake(sandbox) -> None:
    data = json.loads((sandbox.home / ".claude" / "settings.json").read_text(encoding="utf-8"))
    for key in ("$schema", "hooks", "permissions", "statusLine", "enabledPlugins"):
        assert key in data, key
    assert data["env"]["CLAUDE_CODE_USE_BEDROCK"] == "1"
    assert data["env"]["AWS_PROFILE"] == "demo"
    assert data["env"]["AWS_REGION"] == "us-east-1"
    assert data["env"]["ANTHROPIC_MODEL"] == PRIMARY_MODEL
    assert data["env"]["ANTHROPIC_DEFAULT_HAIKU_MODEL"] == BARE_HAIKU_MODEL
    # the stand-in's own CA, in settings `env` where Claude Code reads it (and so does validation)
    assert data["env"]["NODE_EXTRA_CA_CERTS"] == str(sandbox.ca) and sandbox.ca.is_relative_to(sandbox.root)


def test_project_aws_files_and_managed_folder(sandbox) -> None:
    project = sandbox.project_dir
    assert (project / ".git").is_dir()
    shared = json.loads((project / ".claude" / "settings.json").read_text(encoding="utf-8"))
    assert "permissions" in shared and shared["env"]["CLAUDE_CODE_MAX_OUTPUT_TOKENS"]
    assert (project / ".claude" / "settings.local.json").is_file()
    aws_config = Path(sandbox.environ["AWS_CONFIG_FILE"]).read_text(encoding="utf-8")
    assert "[profile demo]" in aws_config and "[profile demo-sso]" in aws_config
    assert "aws_access_key_id" in Path(sandbox.environ["AWS_SHARED_CREDENTIALS_FILE"]).read_text(encoding="utf-8")
    managed = Path(sandbox.environ["CLAUDE_BEDROCK_TUI_MANAGED_DIR"])
    assert managed.is_dir() and not any(managed.iterdir())


def test_configuration_sees_bedrock_the_profiles_and_the_problem(sandbox) -> None:
    config = load(project_dir=sandbox.project_dir, environ=sandbox.environ)
    assert config.project_dir == sandbox.project_dir
    assert config.value("CLAUDE_CODE_USE_BEDROCK") == "1"
    assert config.value("AWS_PROFILE") == "demo"
    assert config.effective["AWS_PROFILE"].origin == "user"
    assert {name: p.kind for name, p in config.aws.profiles.items()} == {"demo": "static keys", "demo-sso": "sso"}
    assert config.aws.get("demo").region == "us-east-1"
    # local settings shadow the shared limit: the demo shows origins at a glance
    tokens = config.effective["CLAUDE_CODE_MAX_OUTPUT_TOKENS"]
    assert (tokens.value, tokens.origin, [s.origin for s in tokens.shadowed]) == ("32000", "local", ["project"])
    errors = [p for p in config.problems if p.severity == "error"]
    assert [p.key for p in errors] == ["ANTHROPIC_DEFAULT_HAIKU_MODEL"]  # the planted mistake, and only it
    assert "us.anthropic.claude-haiku-4-5-20251001-v1:0" in errors[0].advice
    assert errors[0].path == str(sandbox.home / ".claude" / "settings.json")
    # nothing about the demo's own plumbing: the CA is not "exported only in the shell"
    assert not [p for p in config.problems if p.key == "NODE_EXTRA_CA_CERTS"]


def test_environment_is_built_from_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "AKIAREALSHELLKEY0000",
        "AWS_PROFILE": "prod",
        "ANTHROPIC_API_KEY": "sk-ant-real",
        "CLAUDE_CODE_USE_BEDROCK": "0",
        "CLAUDE_CONFIG_DIR": "/somewhere/else",
        "MAX_THINKING_TOKENS": "1",
        "TERM": "screen",
        "LC_ALL": "C.UTF-8",
        "TEXTUAL_THEME": "nord",
        "NO_COLOR": "1",
        "UNRELATED_SECRET": "x",
    }.items():
        monkeypatch.setenv(name, value)
    with demo_sandbox(root=tmp_path / "sandbox") as sb:
        env = sb.environ
        for name in (
            "AWS_ACCESS_KEY_ID",
            "AWS_PROFILE",
            "ANTHROPIC_API_KEY",
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CONFIG_DIR",
            "MAX_THINKING_TOKENS",
            "UNRELATED_SECRET",
        ):
            assert name not in env, name
        assert (env["TERM"], env["LC_ALL"], env["TEXTUAL_THEME"], env["NO_COLOR"]) == ("screen", "C.UTF-8", "nord", "1")
        assert env["PATH"] == os.environ["PATH"]
        assert env["AWS_EC2_METADATA_DISABLED"] == "true"
        assert {n for n in env if n.startswith("AWS_")} == {
            *ENDPOINT_VARS,
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_EC2_METADATA_DISABLED",
        }
        for name in PATH_VARS:
            assert Path(env[name]).is_relative_to(sb.root), name
        for name in ENDPOINT_VARS:
            assert env[name] == sb.standin.url and env[name].startswith("https://127.0.0.1:")
        # the sandbox's own view: the shell's CLAUDE_CODE_USE_BEDROCK=0 and AWS_PROFILE=prod do not leak in
        config = load(project_dir=sb.project_dir, environ=env)
        assert [s.origin for s in config.effective["CLAUDE_CODE_USE_BEDROCK"].shadowed] == []
        assert config.value("AWS_PROFILE") == "demo"


def test_standin_answers_the_sandbox_profile(sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    import boto3
    from botocore.config import Config

    for name in list(os.environ):
        monkeypatch.delenv(name)
    for name, value in sandbox.environ.items():
        monkeypatch.setenv(name, value)
    session = boto3.Session(profile_name="demo")
    config = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard", "total_max_attempts": 1})
    options = {"region_name": "us-east-1", "config": config, "verify": str(sandbox.ca)}
    identity = session.client("sts", **options).get_caller_identity()
    assert identity["Account"]
    pages = (
        session.client("bedrock", **options)
        .get_paginator("list_inference_profiles")
        .paginate(typeEquals="SYSTEM_DEFINED")
    )
    listed = [p["inferenceProfileId"] for page in pages for p in page["inferenceProfileSummaries"]]
    assert PRIMARY_MODEL in listed
    runtime = session.client("bedrock-runtime", **options)
    body = json.dumps(
        {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 1, "messages": [{"role": "user", "content": "."}]}
    )
    assert runtime.invoke_model(modelId=PRIMARY_MODEL, body=body)["ResponseMetadata"]["HTTPStatusCode"] == 200
    with pytest.raises(runtime.exceptions.ValidationException, match="on-demand throughput"):
        runtime.invoke_model(modelId=BARE_HAIKU_MODEL, body=body)  # the planted mistake, online


# Each credential method, set in the user settings (the Bedrock API key, the demo profile's static keys, keys
# in `env`); the planted mistake is fixed too, so a green report means the method itself works. Then: the
# source Claude Code would use, and how the requests it sends are signed.
METHODS = {
    "api-key": ({"AWS_BEARER_TOKEN_BEDROCK": "ABSKZGVtby1zYW5kYm94LWtleQ==", "AWS_PROFILE": None}, "api-key", "bearer"),
    "profile": ({}, "profile", "sigv4"),
    "keys": (
        {"AWS_ACCESS_KEY_ID": "AKIADEMOENVKEY000000", "AWS_SECRET_ACCESS_KEY": "demo", "AWS_PROFILE": None},
        "env-keys",
        "sigv4",
    ),
}


def _private_keys(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and b"PRIVATE KEY" in p.read_bytes()]


@pytest.mark.parametrize("method", METHODS)
def test_every_credential_method_validates_over_https(sandbox, method: str) -> None:
    from claude_bedrock_tui.validation import run_validation

    changes, source, auth = METHODS[method]
    changes = {**changes, "ANTHROPIC_DEFAULT_HAIKU_MODEL": "us." + BARE_HAIKU_MODEL}
    write_change(plan_change(load(project_dir=sandbox.project_dir, environ=sandbox.environ), "user", changes))
    config = load(project_dir=sandbox.project_dir, environ=sandbox.environ)
    assert config.prediction.credentials.source == source

    report = run_validation(config.candidate(), invoke=True)

    failed = [(c.id, c.message) for c in report.checks if c.status == "fail"]
    assert report.ok and not failed, failed
    checks = {c.id: c.status for c in report.checks}
    assert (checks["credentials"], checks["models"], checks["model:primary"]) == ("pass", "pass", "pass")
    # real botocore reached the stand-in, which serves only HTTPS, signed the way the method signs
    assert sandbox.standin.url.startswith("https://")
    seen = {(r.service, r.auth) for r in sandbox.standin.requests}
    assert {("bedrock", auth), ("bedrock-runtime", auth)} <= seen


def test_the_server_key_never_stays_on_disk(tmp_path: Path) -> None:
    root = tmp_path / "kept"
    with demo_sandbox(root=root) as sb:
        trusted = sb.ca
        assert trusted.read_text(encoding="ascii").startswith("-----BEGIN CERTIFICATE-----")
        # the running stand-in holds its key in memory; no file under the root has a private key
        assert not _private_keys(root)
    # a given root is kept, but not the certificate of a stand-in that has stopped
    assert not trusted.parent.exists()
    assert (root / "home" / ".claude" / "settings.json").is_file()


def test_certificate_files_are_removed_when_the_standin_cannot_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claude_bedrock_tui.standin import StandIn

    def refuse(self) -> None:
        raise OSError("no free port")

    monkeypatch.setattr(StandIn, "start", refuse)
    root = tmp_path / "kept"
    with pytest.raises(OSError, match="no free port"), demo_sandbox(root=root):
        pass
    assert (root / "home").is_dir()
    assert not (root / TLS_FOLDER).exists() and not _private_keys(root)


def test_temporary_root_is_removed_and_standin_stopped() -> None:
    with demo_sandbox() as sb:
        root, url = sb.root, sb.standin.url
        assert (root / "home" / ".claude" / "settings.json").is_file()
        assert _port_open(url)
    assert not root.exists()
    assert not _port_open(url)


def test_temporary_root_is_removed_when_the_body_fails() -> None:
    with pytest.raises(RuntimeError, match="boom"), demo_sandbox() as sb:  # noqa: PT012 - the raise is the body
        root, url = sb.root, sb.standin.url
        raise RuntimeError("boom")
    assert not root.exists()
    assert not _port_open(url)


def test_given_root_is_filled_and_left(tmp_path: Path) -> None:
    root = tmp_path / "kept"
    with demo_sandbox(root=root) as sb:
        assert sb.root == root.resolve()
    assert (root / "home" / ".claude" / "settings.json").is_file()


def test_non_empty_root_is_refused_untouched(tmp_path: Path) -> None:
    root = tmp_path / "busy"
    root.mkdir()
    (root / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not an empty folder"), demo_sandbox(root=root):
        pass
    assert [p.name for p in root.iterdir()] == ["mine.txt"]


def test_unknown_scenario_creates_nothing(tmp_path: Path) -> None:
    with (
        pytest.raises(ValueError, match="unknown stand-in scenario"),
        demo_sandbox("no-such-scenario", root=tmp_path / "sandbox"),
    ):
        pass
    assert not (tmp_path / "sandbox").exists()


def _fake_run_app(monkeypatch: pytest.MonkeyPatch, calls: list[dict], code: int = 7) -> None:
    """Stand in for the TUI: record what it was given and what the process looked like."""

    def run_app(project_dir=None, environ=None) -> int:
        # What the real app would do on save: write a settings file (with its backup) via the core.
        config = load(project_dir=project_dir, environ=environ)
        change = plan_change(config, "user", {"ANTHROPIC_DEFAULT_HAIKU_MODEL": "us." + BARE_HAIKU_MODEL})
        result = write_change(change)
        calls.append(
            {
                "project_dir": project_dir,
                "environ": dict(environ),
                "os_environ": dict(os.environ),
                "cwd": Path.cwd(),
                "backup": result.backup,
                "config_dir": platformdirs.user_config_path("claude-bedrock-tui"),
            }
        )
        return code

    module = types.ModuleType("claude_bedrock_tui.app.run")
    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "claude_bedrock_tui.app.run", module)


def test_run_demo_runs_the_app_inside_the_sandbox(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "from-the-real-shell")
    calls: list[dict] = []
    _fake_run_app(monkeypatch, calls)
    before_environ, before_cwd = dict(os.environ), Path.cwd()
    out = io.StringIO()
    assert run_demo("healthy", out=out, err=io.StringIO()) == 7
    [call] = calls
    root = call["project_dir"].parent
    assert out.getvalue().count("\n") == 1 and "sandbox" in out.getvalue() and str(root) in out.getvalue()
    assert call["os_environ"] == call["environ"]  # the process environment was replaced, not extended
    assert "AWS_SECRET_ACCESS_KEY" not in call["os_environ"]
    assert call["cwd"] == call["project_dir"]
    # backups and platformdirs folders land inside the sandbox, not in the real HOME
    assert call["backup"] is not None and call["backup"].is_relative_to(root)
    assert call["config_dir"].is_relative_to(root)
    # afterwards: the process is back as it was, and the temporary sandbox is gone
    assert dict(os.environ) == before_environ and Path.cwd() == before_cwd
    assert not root.exists()
    assert not any((tmp_path / "xdg").rglob("*.json"))  # the test's own state folder stayed empty


def test_run_demo_unknown_scenario_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict] = []
    _fake_run_app(monkeypatch, calls)
    err = io.StringIO()
    assert run_demo("no-such-scenario", out=io.StringIO(), err=err) == 2
    assert "unknown stand-in scenario" in err.getvalue() and calls == []


def test_demo_command_reaches_run_demo(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from claude_bedrock_tui.cli.main import main

    calls: list[dict] = []
    _fake_run_app(monkeypatch, calls, code=0)
    assert main(["demo", "--scenario", "slow"]) == 0
    assert len(calls) == 1 and "sandbox" in capsys.readouterr().out
