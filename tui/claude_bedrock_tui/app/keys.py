"""The key bindings: a contract. Stable ids (for keymaps), F-keys with ctrl+letter alternatives.

Terminals and multiplexers swallow some keys (F1 opens the terminal's help in some, ctrl+b is tmux's
prefix, ctrl+a is screen's), so actions have two keys and none of them is one of those. Discard and
Reload have an F-key only (plus the command palette): the ctrl letters left are the text fields' own
(ctrl+z, ctrl+a, ctrl+k, ...) or reflexes, and neither action may ever fire while someone types.
Descriptions are short so the footer fits 80 columns with every key it shows available at once; three
keys stay out of it: List (each list field has its "F3 List" button), Pane (the tabs) and Reload (rare).
Help and the command palette list every key, the palette under a longer title.
"""

from __future__ import annotations

from textual.binding import Binding

MAIN_KEYS: list[Binding] = [
    Binding("f1,ctrl+g", "help", "Help", tooltip="Every key and what it does.", id="help"),
    Binding("f2,ctrl+s", "save", "Save", tooltip="Show the diff, validate, then write the edited files.", id="save"),
    Binding(
        "f3,ctrl+l",
        "pick",
        "List",
        tooltip="Choose this setting from a list (AWS profiles, inference profiles).",
        show=False,
        id="pick",
    ),
    Binding(
        "f4,ctrl+t", "cycle_scope", "Scope", tooltip="Change the target scope: user, project, local.", id="cycle-scope"
    ),
    Binding(
        "f5,ctrl+r", "validate", "Validate", tooltip="Check the edited configuration against Bedrock.", id="validate"
    ),
    Binding(
        # shift+F5, beside Validate: Textual reads it as shift+f5 where the terminal says which modifier
        # (xterm, tmux) and as f17 where it sends a key of its own for it.
        "shift+f5,f17",
        "trace",
        "Trace",
        tooltip="Run your Claude Code once against a local stand-in and compare what it sends with the prediction.",
        show=False,
        id="trace",
    ),
    Binding("f6,ctrl+o", "next_pane", "Pane", tooltip="Go to the next pane.", show=False, id="next-pane"),
    Binding("f7,ctrl+f", "profiles", "Profiles", tooltip="Save, apply, rename or delete named setups.", id="profiles"),
    Binding(
        "f8,ctrl+n",
        "toggle_bedrock",
        "Bedrock",
        tooltip="Turn Bedrock on or off in the target scope (cancels a shell export where needed).",
        id="toggle-bedrock",
    ),
    Binding("f9", "revert", "Discard", tooltip="Forget every edit not saved yet (asks first).", id="revert"),
    Binding(
        "shift+f1,f13",  # shift+F1, read as either (see trace); F11 itself usually toggles full screen
        "backups",
        "Backups",
        tooltip="See and restore earlier versions of each settings file.",
        show=False,
        id="backups",
    ),
    Binding(
        "shift+f2,f14",  # shift+F2, read as either (see trace)
        "account",
        "Account",
        tooltip="Model access, quotas and the IAM policy for this configuration.",
        show=False,
        id="account",
    ),
    Binding(
        "f12",
        "reload",
        "Reload",
        tooltip="Read every settings and AWS file again; unsaved edits are kept.",
        show=False,
        id="reload",
    ),
]
# Save and List when they have nothing to do: hidden, they say why instead of doing nothing.
EXPLAIN_KEYS: list[Binding] = [
    Binding("f2,ctrl+s", "explain('save')", "Save", show=False),
    Binding("f3,ctrl+l", "explain('pick')", "List", show=False),
]
# The app's own: they work from every screen.
APP_ONLY_KEYS: list[Binding] = [
    Binding(
        "ctrl+q,f10", "quit", "Quit", tooltip="Quit; asks first when there are unsaved edits.", priority=True, id="quit"
    ),
]
APP_KEYS: list[Binding] = [*MAIN_KEYS, *APP_ONLY_KEYS]  # every key, for Help

# The command palette's titles, where the footer's short label would be unclear on its own.
PALETTE_TITLES = {
    "cycle_scope": "Change the target scope",
    "validate": "Validate against Bedrock",
    "profiles": "Named profiles: save, apply, rename, delete",
    "toggle_bedrock": "Turn Bedrock on or off",
    "revert": "Discard all edits",
    "reload": "Reload from disk",
    "pick": "List the choices for this field",
    "next_pane": "Next pane",
    "backups": "Backups: see and restore earlier versions",
    "trace": "Trace with Claude Code: what it really sends",
    "account": "Account: model access, quotas, IAM policy",
}

# Actions reachable by an F-key and the command palette only (see the module's docstring).
F_KEY_ONLY = frozenset({"revert", "reload", "backups", "trace", "account"})

# Keys provided by Textual itself, listed in the help screen so it is complete.
BUILTIN_KEYS: list[tuple[str, str]] = [
    ("ctrl+p", "Command palette: every action by name"),
    ("tab / shift+tab", "Move between fields and panes"),
    ("enter", "Open a list, press a button, choose an item"),
    ("escape", "Close a dialog or list without choosing"),
]

PANE_ORDER = ("pane-edit", "pane-sources", "pane-effective", "pane-checks")
