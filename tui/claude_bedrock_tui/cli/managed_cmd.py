"""`managed export`: a checked Bedrock setup as managed settings for a fleet (the shapes: core/managed_export)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from claude_bedrock_tui.cli.args import UsageError, load_configuration, managed_dir_arg, project_dir_arg
from claude_bedrock_tui.cli.completion import completes, profile_names
from claude_bedrock_tui.cli.exit_codes import EXIT_OK

if TYPE_CHECKING:
    from claude_bedrock_tui.core.configuration import Configuration
    from claude_bedrock_tui.core.managed_export import BedrockSetup, ManagedExport

FORMATS = ("json", "dropin", "mobileconfig", "reg")


def register(subparsers) -> None:
    """Add `managed` and its actions to the command line."""
    parser = subparsers.add_parser(
        "managed",
        help="managed settings for a fleet: export a setup for MDM or configuration management",
        description="Managed settings are what IT pushes to every machine (MDM, Ansible); Claude Code "
        "puts them above every other scope.",
    )
    actions = parser.add_subparsers(dest="managed_action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="the Bedrock setup as managed-settings.json, a drop-in, a .mobileconfig or a .reg",
        description="Export the effective Bedrock configuration (or a saved profile) as managed settings: "
        "json (a whole managed-settings.json), dropin (managed-settings.d/90-bedrock.json: only the Bedrock "
        "keys, merged over the main file), mobileconfig (a macOS profile for the com.anthropic.claudecode "
        "domain) or reg (HKLM\\SOFTWARE\\Policies\\ClaudeCode, value Settings). Secrets are never exported: "
        "stderr says which credentials each machine is expected to bring. To preview what each machine "
        "gets, put the file in a folder and run `claude-bedrock-tui show --managed-dir FOLDER`.",
        epilog="""examples:
  %(prog)s > managed-settings.json
  %(prog)s --format dropin -o 90-bedrock.json
  %(prog)s --format mobileconfig > bedrock.mobileconfig
  %(prog)s --profile team --format reg -o team.reg""",
    )
    export.add_argument(
        "--format",
        choices=FORMATS,
        metavar="FORMAT",
        default="json",
        help="json (default), dropin, mobileconfig or reg",
    )
    completes(
        export.add_argument("--profile", metavar="NAME", help="export this saved profile, not the effective setup"),
        profile_names,
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE (replacing it) instead of standard output"
    )
    project_dir_arg(export)
    managed_dir_arg(export)


def _profile_setup(name: str) -> tuple[BedrockSetup, tuple[str, ...]]:
    """A saved profile's settings as a setup with Bedrock on, and the secrets it takes from the environment."""
    from claude_bedrock_tui.core.fields import SPEC_BY_NAME
    from claude_bedrock_tui.core.managed_export import SWITCH, BedrockSetup
    from claude_bedrock_tui.profiles import ProfileError, ProfileStore
    from claude_bedrock_tui.profiles.model import OFF

    if name == OFF:
        raise UsageError(f"--profile {OFF} turns Bedrock off; there is nothing to push. Name a saved profile.")
    try:
        profile = ProfileStore().get(name)
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    env = {SWITCH: "1"}
    keys: dict[str, str] = {}
    for setting, value in profile.settings().items():
        (keys if SPEC_BY_NAME[setting].where == "key" else env)[setting] = value
    return BedrockSetup(env, keys), tuple(profile.keys_from_env)


def build_export(args: argparse.Namespace, config: Configuration) -> ManagedExport:
    from claude_bedrock_tui.core.managed_export import (
        ManagedExportRefused,
        bedrock_setup,
        managed_export,
        over_existing,
    )

    if args.profile:
        setup, supplied = _profile_setup(args.profile)
        kind = None
    else:
        setup, supplied = bedrock_setup(config), ()
        kind = config.prediction.credentials.profile_kind
    try:
        export = managed_export(setup, config.book, secrets_supplied=supplied, profile_kind=kind)
    except ManagedExportRefused as exc:
        raise UsageError(str(exc)) from None
    if args.format == "dropin":
        return export
    # A whole policy (json; MDM sources replace the files): the managed folder's own file keeps its other keys.
    current = config.file("managed")
    return over_existing(export, current.data if current.counted else None)


def _placement(fmt: str, config: Configuration) -> list[str]:
    """Where the file goes on a machine, and for a drop-in where its name puts it among the others."""
    from claude_bedrock_tui.core import managed_export as me
    from claude_bedrock_tui.core.claude_code.settings_sources import DROPIN_FOLDER_NAME, MANAGED_FILE_NAME
    from claude_bedrock_tui.core.locations import managed_dir

    folder = managed_dir(config.shell)
    if fmt == "json":
        return [
            f"install as {folder / MANAGED_FILE_NAME}: the whole file, keeping the other keys of the one "
            "there now (--managed-dir chooses the folder)"
        ]
    if fmt == "dropin":
        dropins = folder / DROPIN_FOLDER_NAME
        lines = [
            f"install as {dropins / me.DROPIN_FILE_NAME}: Claude Code merges managed-settings.d/*.json over "
            f"{MANAGED_FILE_NAME} in name order, later names winning, so these keys win over the main file "
            "and over drop-ins named before it (00-89)"
        ]
        later = [p.name for p in sorted(dropins.glob("*.json")) if p.name > me.DROPIN_FILE_NAME]
        if later:
            lines.append(f"{dropins} already holds {', '.join(later)}, named after it: their keys win over these")
        return lines
    if fmt == "mobileconfig":
        return [
            f"push with your MDM (Jamf, Kandji, Intune for macOS): it sets the {me.MACOS_DOMAIN} domain, which "
            "Claude Code reads instead of managed-settings.json files"
        ]
    return [
        f"import with Group Policy or Intune, or `reg import`: it sets {me.REGISTRY_KEY}\\{me.REGISTRY_VALUE}, "
        "which Claude Code reads instead of managed-settings.json files"
    ]


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the export; 0 ok, 2 bad input. Notes (placement, credentials, problems) go to stderr."""
    from claude_bedrock_tui.core.managed_export import render

    config = load_configuration(args)
    broken = [f for f in config.files if f.state in ("invalid", "unreadable")]
    if broken and not args.profile:
        f = broken[0]
        raise UsageError(
            f"the {f.scope} settings {f.path} cannot be read ({f.error}); fix it first. Nothing was exported."
        )
    if args.format == "reg" and args.output is None and out.isatty():
        raise UsageError("a .reg file is UTF-16, which a terminal cannot show: add -o FILE or redirect the output.")
    export = build_export(args, config)
    data = render(export, args.format)
    if args.output is not None:
        try:
            args.output.write_bytes(data)
        except OSError as exc:
            raise UsageError(f"--output {args.output}: {exc.strerror or exc}. Nothing was exported.") from None
    else:
        out.flush()
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:  # an in-memory stream (tests): the text the bytes hold
            out.write(data.decode("utf-16" if args.format == "reg" else "utf-8"))
    source = f"profile {args.profile}" if args.profile else f"the effective configuration for {config.project_dir}"
    err.write(f"Exported {source} as {args.format}.\n")
    for line in _placement(args.format, config):
        err.write(f"  {line}.\n")
    err.write(f"  credentials each machine is expected to use ({export.method}): {export.expectation}\n")
    if export.left_out:
        err.write(f"  not exported (secrets): {', '.join(export.left_out)}\n")
    if not args.profile:
        for problem in config.problems:
            if problem.severity == "error":
                err.write(f"  warning: {problem.message} Run `claude-bedrock-tui check` before pushing this.\n")
    return EXIT_OK
