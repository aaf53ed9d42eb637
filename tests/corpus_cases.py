"""The reliability corpus as data: hostile files, bad input and secrets, each run through the real CLI.

A case builds its files in the test's sandbox (`setup`), runs one command line, and says what must hold:
the exit codes allowed, words the messages must contain, files that must stay byte for byte, files that
must still be valid JSON, secrets that must never be printed. Every case also gets, from the runner:
no traceback, no "This is a bug", and an answer within the timeout (a FIFO must never hang us).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from settings_helpers import home, project, write_json

SECRET_KEY = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"
TOKEN = "tok-SECRET-9f8e7d6c5b4a"
PASSWORD = "pa55-SECRET-w0rd"
ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"


def user_path() -> Path:
    return home() / ".claude" / "settings.json"


def project_path() -> Path:
    return project() / ".claude" / "settings.json"


def local_path() -> Path:
    return project() / ".claude" / "settings.local.json"


def managed_path() -> Path:
    return Path(os.environ["CLAUDE_BEDROCK_TUI_MANAGED_DIR"]) / "managed-settings.json"


def aws_config_path() -> Path:
    return home() / ".aws" / "config"


def aws_credentials_path() -> Path:
    return home() / ".aws" / "credentials"


def profiles_path() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "claude-bedrock-tui" / "profiles.toml"


def backups_path() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "claude-bedrock-tui" / "backups"


PATHS: dict[str, Callable[[], Path]] = {
    "user": user_path,
    "project": project_path,
    "local": local_path,
    "managed": managed_path,
    "aws-config": aws_config_path,
    "aws-credentials": aws_credentials_path,
    "profiles": profiles_path,
}

BASE_SETTINGS = {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"}}


def fifo(where: str) -> Callable[[], None]:
    def make() -> None:
        path = PATHS[where]()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)

    return make


def symlink_to_fifo(where: str) -> Callable[[], None]:
    def make() -> None:
        path = PATHS[where]()
        path.parent.mkdir(parents=True, exist_ok=True)
        pipe = path.parent / "pipe"
        os.mkfifo(pipe)
        path.symlink_to(pipe)

    return make


def symlink_to(where: str, device: str) -> Callable[[], None]:
    def make() -> None:
        path = PATHS[where]()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(device)

    return make


def text_file(where: str, text: str | bytes) -> Callable[[], None]:
    def make() -> None:
        path = PATHS[where]()
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return make


def settings(where: str, data: object) -> Callable[[], None]:
    return lambda: write_json(PATHS[where](), data)


def oversized(where: str) -> Callable[[], None]:
    def make() -> None:
        path = PATHS[where]()
        path.parent.mkdir(parents=True, exist_ok=True)
        filler = json.dumps(["x" * 1000] * 17_000)  # about 17 MB, over the 16 MiB cap
        path.write_text('{"permissions": {"allow": ' + filler + "}}\n")

    return make


def nested(where: str, depth: int) -> Callable[[], None]:
    return text_file(where, '{"deep": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}\n")


def all_of(*steps: Callable[[], None]) -> Callable[[], None]:
    def make() -> None:
        for step in steps:
            step()

    return make


def hard_linked() -> None:
    write_json(user_path(), BASE_SETTINGS)
    os.link(user_path(), home() / "settings-link.json")


def read_only() -> None:
    write_json(user_path(), BASE_SETTINGS)
    user_path().chmod(0o444)


def stale_temp() -> None:
    write_json(user_path(), BASE_SETTINGS)
    (user_path().parent / ".settings.json.0123456789ab.tmp").write_text('{"half": ')
    (user_path().parent / ".settings.json.notours.tmp").write_text("someone else's")


def backup_folder_is_a_file() -> None:
    write_json(user_path(), BASE_SETTINGS)
    backups_path().parent.mkdir(parents=True, exist_ok=True)
    backups_path().write_text("not a folder")


def export_command(body: str, *, exit_code: int = 0, scope: str = "user") -> Callable[[], None]:
    """A settings file whose awsCredentialExport prints `body` and exits with `exit_code`."""

    def make() -> None:
        script = home() / "export.sh"
        script.write_text(
            f"#!/bin/sh\ncat <<'EOF'\n{body}\nEOF\necho {TOKEN} >&2\ntouch {home()}/export-ran\nexit {exit_code}\n"
        )
        script.chmod(0o755)
        write_json(user_path(), BASE_SETTINGS)
        write_json(PATHS[scope](), {"awsCredentialExport": str(script)})

    return make


@dataclass(frozen=True)
class Case:
    id: str
    setup: Callable[[], None]
    argv: tuple[str, ...]
    codes: tuple[int, ...]
    says: tuple[str, ...] = ()  # words stdout+stderr must contain
    unchanged: tuple[str, ...] = ()  # PATHS keys whose bytes must not change
    valid_json: tuple[str, ...] = ()  # PATHS keys that must hold valid JSON afterwards
    secrets: tuple[str, ...] = (SECRET_KEY, TOKEN, PASSWORD)  # never printed
    check: Callable[[], None] | None = None  # anything else that must hold afterwards
    timeout: float = 60.0
    extra: dict = field(default_factory=dict)


def _cases() -> list[Case]:
    cases: list[Case] = []
    no_validate = ("--no-validate",)
    # 5. A FIFO anywhere we read: every settings scope, both AWS files, the profiles file.
    commands = {
        "show": ("show",),
        "set": ("set", *no_validate, "FOO_A=1"),
        "unset": ("unset", "AWS_REGION"),
        "profile-list": ("profile", "list"),
        "export": ("export",),
    }
    for where in ("user", "project", "local", "managed"):
        writable = where != "managed"
        for name, argv in commands.items():
            targets = name in ("set", "unset") and writable  # the write goes to the FIFO's own scope
            if targets:
                argv = (argv[0], "--scope", where, *argv[1:])
            cases.append(
                Case(
                    f"fifo-{where}-{name}",
                    all_of(settings("user", BASE_SETTINGS) if where != "user" else lambda: None, fifo(where)),
                    argv,
                    (2,) if targets or name == "show" else (0, 2),
                    says=("FIFO",) if targets or name == "show" else (),
                    valid_json=() if where == "user" else ("user",),
                )
            )
        cases.append(
            Case(
                f"fifo-via-symlink-{where}-set",
                symlink_to_fifo(where),
                ("set", *no_validate, "--scope", where if where != "managed" else "user", "FOO_A=1"),
                (2,) if where != "managed" else (0, 2),
            )
        )
    for where in ("aws-config", "aws-credentials"):
        for name, argv in commands.items():
            cases.append(
                Case(
                    f"fifo-{where}-{name}",
                    all_of(settings("user", BASE_SETTINGS), fifo(where)),
                    argv,
                    (2,) if name == "show" else (0, 2),
                    says=("FIFO",) if name == "show" else (),
                    valid_json=("user",),
                )
            )
        cases.append(
            Case(
                f"fifo-{where}-check",
                all_of(settings("user", {"env": {**BASE_SETTINGS["env"], "AWS_PROFILE": "dev"}}), fifo(where)),
                ("check", "--no-invoke"),
                (1,),
                says=("FIFO",),
            )
        )
    for action in (
        ("list",),
        ("show", "dev"),
        ("save", "dev"),
        ("apply", "dev", "--no-validate"),
        ("delete", "dev"),
        ("rename", "dev", "prod"),
    ):
        cases.append(
            Case(
                f"fifo-profiles-{action[0]}",
                all_of(settings("user", BASE_SETTINGS), fifo("profiles")),
                ("profile", *action),
                (2,),
                says=("FIFO",),
                unchanged=("user",),
            )
        )
    # 2 and 5. Devices: read /dev/zero and /dev/null through a symlink, never written (dry runs only).
    for device in ("/dev/zero", "/dev/null"):
        name = device.rsplit("/", 1)[1]
        cases.append(Case(f"{name}-user-show", symlink_to("user", device), ("show",), (2,), says=("device",)))
        cases.append(
            Case(
                f"{name}-user-set",
                symlink_to("user", device),
                ("set", *no_validate, "--dry-run", "FOO_A=1"),
                (2,),
                says=("device",),
            )
        )
        cases.append(Case(f"{name}-aws-config-show", symlink_to("aws-config", device), ("show",), (2,), ("device",)))
    cases.append(Case("oversized-user-show", oversized("user"), ("show",), (2,), says=("16 MiB",)))
    cases.append(
        Case("oversized-user-set", oversized("user"), ("set", *no_validate, "FOO_A=1"), (2,), unchanged=("user",))
    )
    cases.append(Case("oversized-aws-config-show", oversized("aws-config"), ("show",), (2,), says=("16 MiB",)))
    # 6. Deep nesting: reading and editing agree, with the line.
    for depth in (256, 257, 600, 995, 5000):
        too_deep = depth > 256
        cases.append(
            Case(
                f"nested-{depth}-show",
                nested("user", depth),
                ("show",),
                (2,) if too_deep else (0,),
                says=("nested more than 256 levels deep", "line 1") if too_deep else (),
            )
        )
        for name, argv in (("set", ("set", *no_validate, "FOO_A=1")), ("unset", ("unset", "FOO_A"))):
            cases.append(
                Case(
                    f"nested-{depth}-{name}",
                    nested("user", depth),
                    argv,
                    (2,) if too_deep else (0,),
                    says=("nested more than 256 levels deep",) if too_deep else (),
                    unchanged=("user",) if too_deep else (),
                    valid_json=() if too_deep else ("user",),
                )
            )
    # 7. Lone surrogates in a file, invalid UTF-8 on the command line.
    for label, text in (
        ("value", '{"env": {"AWS_REGION": "x\\ud800y"}}\n'),
        ("key", '{"env": {"A\\udc00": "1"}}\n'),
        ("deep", '{"permissions": {"allow": ["\\ud83d"]}}\n'),
    ):
        for name, argv in (
            ("show", ("show",)),
            ("show-json", ("show", "--json")),
            ("export", ("export",)),
            ("set", ("set", *no_validate, "FOO_A=1")),
        ):
            cases.append(
                Case(
                    f"surrogate-{label}-{name}",
                    text_file("user", text),
                    argv,
                    (0, 2),
                    says=("surrogate",) if name.startswith("show") or name == "set" else (),
                    unchanged=("user",),
                )
            )
    for label, argv in (
        ("value", ("set", *no_validate, os.fsdecode(b"FOO_A=a\xffb"))),
        ("name", ("set", *no_validate, os.fsdecode(b"F\xffO=1"))),
        ("unset", ("unset", os.fsdecode(b"F\xffO"))),
        ("profile-name", ("profile", "save", os.fsdecode(b"d\xffv"))),
        ("description", ("profile", "save", "dev", "--description", os.fsdecode(b"caf\xe9"))),
    ):
        cases.append(
            Case(
                f"non-utf8-argument-{label}",
                settings("user", BASE_SETTINGS),
                argv,
                (2,),
                says=("not valid UTF-8",),
                unchanged=("user",),
            )
        )
    # 10. A trailing newline is not a region or a model.
    for name, value in (
        ("AWS_REGION", "eu-west-1\n"),
        ("ANTHROPIC_MODEL", "us.anthropic.claude-sonnet-4-5-20250929-v1:0\n"),
    ):
        cases.append(
            Case(
                f"trailing-newline-{name}",
                settings("user", BASE_SETTINGS),
                ("set", *no_validate, f"{name}={value}"),
                (1,),
                unchanged=("user",),
            )
        )
    # 12. Duplicate and escaped secret keys: never printed, whatever the command.
    duplicated = (
        '{\n  "env": {\n    "AWS_SECRET_ACCESS_KEY": "' + SECRET_KEY + 'A",\n'
        '    "AWS_SECRET_ACCESS_KEY": "' + SECRET_KEY + '",\n'
        '    "AWS_SECRET\\u005fACCESS_KEY": "' + SECRET_KEY.replace("/", "\\/") + 'B",\n'
        '    "AWS_SESSION_TOKEN": "' + TOKEN.replace("-", "\\u002d") + '"\n  },\n'
        '  "env": {"AWS_REGION": "us-east-1", "AWS_BEARER_TOKEN_BEDROCK": "' + TOKEN + '"}\n}\n'
    )
    for name, argv in (
        ("show", ("show",)),
        ("show-json", ("show", "--json")),
        ("export", ("export",)),
        ("export-json", ("export", "--format", "json")),
        ("set", ("set", *no_validate, "FOO_A=1")),
        ("unset", ("unset", "AWS_REGION")),
        ("set-dry-run", ("set", *no_validate, "--dry-run", "FOO_A=1")),
    ):
        cases.append(Case(f"duplicate-escaped-secrets-{name}", text_file("user", duplicated), argv, (0,)))
    # 13. Secrets inside commands, URLs and headers: masked when shown, refused in the project scope.
    embedded = {
        "command": ("awsCredentialExport", f"env AWS_SECRET_ACCESS_KEY={SECRET_KEY} my-export"),
        "refresh": ("awsAuthRefresh", f"login-tool --password {PASSWORD}"),
        "url": ("ANTHROPIC_BEDROCK_BASE_URL", f"https://me:{PASSWORD}@gateway.example.com"),
        "headers": ("ANTHROPIC_CUSTOM_HEADERS", f"X-Team: infra\nAuthorization: Bearer {TOKEN}"),
        "api-key": ("ANTHROPIC_API_KEY", f"sk-ant-{TOKEN}"),
    }
    for label, (name, value) in embedded.items():
        cases.append(
            Case(
                f"secret-in-{label}-project-refused",
                settings("user", BASE_SETTINGS),
                ("set", *no_validate, "--scope", "project", f"{name}={value}"),
                (2,),
                says=("shared",),
                check=lambda: _assert_missing(project_path()),
            )
        )
        cases.append(
            Case(
                f"secret-in-{label}-user-written-masked",
                settings("user", BASE_SETTINGS),
                ("set", *no_validate, f"{name}={value}"),
                (0,),
                valid_json=("user",),
                check=lambda: _assert_private(user_path()),
            )
        )
        holder = {"env": {name: value}} if name.isupper() else {name: value}
        for command in (("show",), ("show", "--json"), ("export",), ("export", "--format", "json")):
            cases.append(Case(f"secret-in-{label}-{'-'.join(command)}", settings("user", holder), command, (0, 2)))
    # 11. A failing awsCredentialExport: its output is never echoed.
    for label, body, code in (
        ("exit-1", json.dumps({"Credentials": {"SecretAccessKey": SECRET_KEY}}), 1),
        ("wrong-shape", json.dumps({"Credentials": {"AccessKeyId": ACCESS_KEY_ID, "SecretAccessKey": SECRET_KEY}}), 0),
        ("not-json", f"AccessKeyId={ACCESS_KEY_ID} SecretAccessKey={SECRET_KEY}", 0),
    ):
        for fmt in ((), ("--json",)):
            cases.append(
                Case(
                    f"export-output-{label}{'-json' if fmt else ''}",
                    export_command(body, exit_code=code),
                    ("check", "--no-invoke", *fmt),
                    (1,),
                    says=("awsCredentialExport",),
                    secrets=(SECRET_KEY, TOKEN, ACCESS_KEY_ID),
                )
            )
        cases.append(
            Case(
                f"export-output-{label}-set-notes",
                export_command(body, exit_code=code),
                ("set", "AWS_REGION=us-west-2"),
                (0, 1),
                secrets=(SECRET_KEY, TOKEN, ACCESS_KEY_ID),
            )
        )
    # 14. A command from the project is not run unless the user says so.
    good = json.dumps({"Credentials": {"AccessKeyId": "AKIA0", "SecretAccessKey": "s", "SessionToken": "t"}})
    for scope in ("project", "local"):
        cases.append(
            Case(
                f"project-command-{scope}-check-skipped",
                export_command(good, scope=scope),
                ("check", "--no-invoke"),
                (0, 1),
                says=("Skipped", "--trust-project-commands"),
                check=lambda: _assert_missing(home() / "export-ran"),
            )
        )
        cases.append(
            Case(
                f"project-command-{scope}-set-skipped",
                export_command(good, scope=scope),
                ("set", "AWS_REGION=us-west-2"),
                (0, 1),
                check=lambda: _assert_missing(home() / "export-ran"),
            )
        )
        cases.append(
            Case(
                f"project-command-{scope}-check-trusted",
                export_command(good, scope=scope),
                ("check", "--no-invoke", "--trust-project-commands"),
                (0, 1),
                check=lambda: _assert_exists(home() / "export-ran"),
            )
        )
    # 3 and 4. Hard links, read-only files, stale temp files, an unusable backup folder.
    cases.append(
        Case("hard-link-refused", hard_linked, ("set", *no_validate, "FOO_A=1"), (2,), ("hard links",), ("user",))
    )
    cases.append(
        Case(
            "hard-link-forced-in-place",
            hard_linked,
            ("set", *no_validate, "--force", "FOO_A=1"),
            (0,),
            valid_json=("user",),
            check=lambda: _assert_same_inode(user_path(), home() / "settings-link.json"),
        )
    )
    cases.append(
        Case("read-only-refused", read_only, ("set", *no_validate, "FOO_A=1"), (2,), ("read-only",), ("user",))
    )
    cases.append(
        Case(
            "read-only-forced",
            read_only,
            ("set", *no_validate, "--force", "FOO_A=1"),
            (0,),
            valid_json=("user",),
            check=lambda: _assert_mode(user_path(), 0o444),
        )
    )
    cases.append(
        Case(
            "stale-temp-cleaned",
            stale_temp,
            ("set", *no_validate, "FOO_A=1"),
            (0,),
            valid_json=("user",),
            check=_assert_only_foreign_temp_left,
        )
    )
    cases.append(
        Case(
            "backup-folder-unusable",
            backup_folder_is_a_file,
            ("set", *no_validate, "FOO_A=1"),
            (2,),
            says=("could not keep a backup", "--no-backup"),
            unchanged=("user",),
        )
    )
    cases.append(
        Case(
            "backup-folder-unusable-no-backup",
            backup_folder_is_a_file,
            ("set", *no_validate, "--no-backup", "FOO_A=1"),
            (0,),
            valid_json=("user",),
        )
    )
    # 16. --dry-run writes nothing.
    for label, argv in (
        ("set", ("set", *no_validate, "--dry-run", "FOO_A=1")),
        ("unset", ("unset", "--dry-run", "AWS_REGION")),
        ("profile-apply", ("profile", "apply", "off", "--dry-run")),
    ):
        cases.append(Case(f"dry-run-{label}", settings("user", BASE_SETTINGS), argv, (0,), ("Dry run",), ("user",)))
    # 15. Backups: shown masked, restored even over a broken file, dry runs write nothing.
    cases.append(Case("backups-list", with_backup(), ("backups", "list"), (0,), ("user settings", " 1 ")))
    cases.append(Case("backups-show-masked", with_backup(), ("backups", "show", "1"), (0,), ("****",)))
    cases.append(Case("backups-show-out-of-range", with_backup(), ("backups", "show", "7"), (2,), ("only backup 1",)))
    cases.append(
        Case("backups-restore-dry-run", with_backup(), ("backups", "restore", "1", "--dry-run"), (0,), (), ("user",))
    )
    cases.append(
        Case(
            "backups-restore-over-broken-file",
            with_backup('{"env": {,,'),
            ("backups", "restore", "1"),
            (0,),
            valid_json=("user",),
            check=lambda: _assert_secret_restored(),
        )
    )
    cases.append(
        Case(
            "backups-restore-secret-into-project-refused",
            with_backup(scope="project"),
            ("backups", "restore", "1", "--scope", "project"),
            (2,),
            ("secret",),
            ("project",),
        )
    )
    return cases


def with_backup(current: str = '{"env": {}}\n', scope: str = "user") -> Callable[[], None]:
    """A backup holding a secret, and the file now holding `current`."""

    def make() -> None:
        from claude_bedrock_tui.core.safe_write import atomic_write

        path = PATHS[scope]()
        write_json(path, {"env": {"AWS_SECRET_ACCESS_KEY": SECRET_KEY}})
        atomic_write(path, current)  # keeps the secret's version as backup 1
        path.chmod(0o600)

    return make


def _assert_secret_restored() -> None:
    assert json.loads(user_path().read_text())["env"]["AWS_SECRET_ACCESS_KEY"] == SECRET_KEY


def _assert_missing(path: Path) -> None:
    assert not path.exists(), f"{path} should not exist"


def _assert_exists(path: Path) -> None:
    assert path.exists(), f"{path} should exist"


def _assert_private(path: Path) -> None:
    assert path.stat().st_mode & 0o077 == 0, oct(path.stat().st_mode)


def _assert_same_inode(a: Path, b: Path) -> None:
    assert a.stat().st_ino == b.stat().st_ino and "FOO_A" in b.read_text()


def _assert_mode(path: Path, mode: int) -> None:
    assert path.stat().st_mode & 0o777 == mode and "FOO_A" in path.read_text()


def _assert_only_foreign_temp_left() -> None:
    temps = sorted(p.name for p in user_path().parent.iterdir() if p.name.endswith(".tmp"))
    assert temps == [".settings.json.notours.tmp"], temps


CASES = _cases()
