"""`profile`: list, show, save, apply, delete and rename named Bedrock setups."""

from __future__ import annotations

import argparse
from typing import TextIO

from claude_bedrock_tui.cli.args import (
    UsageError,
    WriteOptions,
    load_configuration,
    project_dir_arg,
    scope_arg,
    scope_write_args,
    write_args,
    write_failure,
)
from claude_bedrock_tui.cli.completion import completes, profile_names, saved_profile_names
from claude_bedrock_tui.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK


def register(subparsers) -> None:
    """Add `profile` and its actions to the command line."""
    parser = subparsers.add_parser(
        "profile",
        help="save, switch and share named Bedrock setups",
        description="Named Bedrock setups (credential method and its reference, regions, models, token "
        "limits, refresh commands) kept in one TOML file. Keys are never stored: a profile names "
        "the environment variable holding each. The built-in `off` profile turns Bedrock off.",
    )
    actions = parser.add_subparsers(dest="profile_action", metavar="ACTION", required=True)

    list_ = actions.add_parser(
        "list",
        help="every profile; * marks the one the current setup matches",
        description="List the built-in and saved profiles; * marks the one the effective configuration matches.",
    )
    project_dir_arg(list_)

    show = actions.add_parser("show", help="print one profile", description="Print one profile as TOML.")
    completes(show.add_argument("name", metavar="NAME"), profile_names)

    save = actions.add_parser(
        "save",
        help="save the current setup as a profile",
        description="Save the effective configuration (or one scope's file with "
        "--from-scope) as profile NAME, replacing a profile of that name. "
        "Secrets are stored only as the name of the variable holding them.",
    )
    completes(save.add_argument("name", metavar="NAME"), saved_profile_names)
    scope_arg(
        save,
        "--from-scope",
        default=None,
        help="take the values of one settings file instead of the effective configuration",
    )
    save.add_argument("--description", metavar="TEXT", default=None, help="a note kept with the profile")
    write_args(save)
    project_dir_arg(save)

    apply = actions.add_parser(
        "apply",
        help="write a profile into one settings scope",
        description="Make one scope hold profile NAME: its values are written and the "
        "Bedrock settings it lacks are removed; every other key stays. "
        "Validated, shown as a diff and written surgically, like `set`.",
    )
    completes(apply.add_argument("name", metavar="NAME"), profile_names)
    scope_write_args(apply)

    delete = actions.add_parser("delete", help="delete a saved profile", description="Delete a saved profile.")
    completes(delete.add_argument("name", metavar="NAME"), saved_profile_names)
    write_args(delete)

    rename = actions.add_parser(
        "rename", help="rename a saved profile", description="Rename a saved profile, keeping its place and comments."
    )
    completes(rename.add_argument("old", metavar="OLD"), saved_profile_names)
    rename.add_argument("new", metavar="NEW")
    write_args(rename)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `profile ACTION`; 0 ok, 1 validation failed, 2 bad input or a broken profiles file."""
    from claude_bedrock_tui.core.edits import EditRefused
    from claude_bedrock_tui.profiles import ProfileError, ProfileStore

    write = WriteOptions.from_args(args)
    # `apply` writes settings, not the profiles file: its --dry-run is apply_changes'.
    store_dry_run = write.dry_run and args.profile_action != "apply"
    store = ProfileStore(dry_run=store_dry_run, force=write.force, backup=write.backup)
    handlers = {"list": _list, "show": _show, "save": _save, "apply": _apply, "delete": _delete, "rename": _rename}
    try:
        code = handlers[args.profile_action](args, store, out, err)
    except (ProfileError, EditRefused, UsageError) as exc:
        # A write refused by the file's state: the message with this command line's ways around it.
        cause = exc.__cause__
        err.write(f"error: {(write_failure(cause, store.path) if cause else None) or exc}\n")
        return EXIT_BAD_INPUT
    if store_dry_run:
        out.write(store.preview)
        err.write(f"Dry run: nothing was written to {store.path}.\n")
    return code


def _list(args, store, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.profiles import OffProfile, matching_profile

    profiles = store.all_profiles()
    current = matching_profile(load_configuration(args), profiles)
    width = max(len(name) for name in profiles)
    for name, profile in profiles.items():
        marker = "*" if name == current else " "
        summary = (
            "built in: turns Bedrock off, keeping every other setting"
            if isinstance(profile, OffProfile)
            else profile.summary()
        )
        out.write(f"{marker} {name:<{width}}  {summary}\n")
    if len(profiles) == 1:
        err.write(
            f"No saved profiles yet ({store.path}); save the current setup with "
            "`claude-bedrock-tui profile save NAME`.\n"
        )
    return EXIT_OK


def _show(args, store, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.profiles import OffProfile
    from claude_bedrock_tui.profiles.store import render_profile

    profile = store.get(args.name)
    if isinstance(profile, OffProfile):
        out.write(f"# {args.name} (built in)\n# {profile.description}\n")
        return EXIT_OK
    out.write(f"# {profile.summary()}\n")
    out.write(render_profile(args.name, profile))
    return EXIT_OK


def _save(args, store, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.core.claude_code.environment import is_truthy
    from claude_bedrock_tui.profiles import (
        ProfileError,
        check_profile_name,
        profile_from_configuration,
        reference_notes,
    )

    problem = check_profile_name(args.name)
    if problem:
        raise ProfileError(problem)
    existing = store.load()
    config = load_configuration(args)
    description = args.description
    if description is None and args.name in existing:
        description = existing[args.name].description  # a note a person wrote survives a re-save
    profile = profile_from_configuration(config, args.from_scope, description or "")
    if not profile.settings() and not profile.keys_from_env:
        where = f"the {args.from_scope} settings" if args.from_scope else "the effective configuration"
        raise ProfileError(f"{where} holds no Bedrock settings; nothing to save.")
    result = store.save_profile(args.name, profile)
    for note in reference_notes(profile, config):
        err.write(f"note: {note}\n")
    if not is_truthy(config.value("CLAUDE_CODE_USE_BEDROCK")):
        err.write("note: Bedrock is off in this configuration; applying the profile turns it on.\n")
    verb = "Updated" if args.name in existing else "Saved"
    if not store.dry_run:
        err.write(f"{verb} profile {args.name!r} in {result.path}: {profile.summary()}\n")
    return EXIT_OK


def _apply(args, store, out: TextIO, err: TextIO) -> int:
    from claude_bedrock_tui.cli.check_cmd import online_validator
    from claude_bedrock_tui.cli.set_cmd import apply_changes
    from claude_bedrock_tui.profiles import OffProfile, plan_apply

    profile = store.get(args.name)
    config = load_configuration(args)
    plan = plan_apply(profile, config, args.scope)
    if not plan.changes:
        err.write(f"The {args.scope} settings already hold profile {args.name!r}; nothing to write.\n")
        _notes(plan.notes, err)
        return EXIT_OK
    # Nothing to validate online once Bedrock is off.
    validates = not (args.no_validate or isinstance(profile, OffProfile))
    online = online_validator(trust_project_commands=args.trust_project_commands) if validates else None
    code = apply_changes(
        config,
        args.scope,
        plan.changes,
        err=err,
        out=out,
        allow_shared_secrets=args.allow_shared_secrets,
        online=online,
        write=WriteOptions.from_args(args),
    )
    if code == EXIT_OK and not args.dry_run:
        _notes(plan.notes, err)
        err.write(f"Applied profile {args.name!r} to the {args.scope} settings.\n")
    return code


def _notes(notes: list[str], err: TextIO) -> None:
    for note in notes:
        err.write(f"note: {note}\n")


def _delete(args, store, out: TextIO, err: TextIO) -> int:
    result = store.delete(args.name)
    if not store.dry_run:
        err.write(f"Deleted profile {args.name!r} from {result.path}.\n")
    return EXIT_OK


def _rename(args, store, out: TextIO, err: TextIO) -> int:
    result = store.rename(args.old, args.new)
    if not store.dry_run:
        err.write(f"Renamed profile {args.old!r} to {args.new!r} in {result.path}.\n")
    return EXIT_OK
