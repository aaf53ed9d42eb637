"""The key bindings: a contract. Stable ids (for keymaps), F-keys with ctrl+letter alternatives.

Terminals and multiplexers swallow some keys (F1 opens the terminal's help in some, ctrl+b is tmux's
prefix, ctrl+a is screen's), so every action has two keys and none of them is one of those.
"""

from __future__ import annotations

from textual.binding import Binding

APP_KEYS: list[Binding] = [
    Binding("f1,ctrl+g", "help", "Help", tooltip="Every key and what it does.", id="help"),
    Binding("f2,ctrl+s", "save", "Save", tooltip="Show the diff, validate, then write the edited files.",
            id="save"),
    Binding("f3,ctrl+l", "pick", "List", tooltip="Choose this setting from a list (AWS profiles, "
            "inference profiles).", id="pick"),
    Binding("f4,ctrl+t", "cycle_scope", "Scope", tooltip="Change the target scope: user, project, local.",
            id="cycle-scope"),
    Binding("f5,ctrl+r", "validate", "Validate", tooltip="Check the edited configuration against Bedrock.",
            id="validate"),
    Binding("f6,ctrl+o", "next_pane", "Pane", tooltip="Go to the next pane.", id="next-pane"),
    Binding("f8,ctrl+n", "toggle_bedrock", "Bedrock on/off", tooltip="Turn Bedrock on or off in the "
            "target scope (cancels a shell export where needed).", id="toggle-bedrock"),
    # After f8, not before: at 80 columns the footer ends at Bedrock on/off, the more urgent of the two.
    Binding("f7,ctrl+f", "profiles", "Profiles", tooltip="Save, apply, rename or delete named setups.",
            id="profiles"),
    Binding("f9,ctrl+z", "revert", "Undo edits", tooltip="Forget every edit not saved yet.", id="revert"),
    Binding("ctrl+q,f10", "quit", "Quit", tooltip="Quit; asks first when there are unsaved edits.",
            priority=True, id="quit"),
]

# Keys provided by Textual itself, listed in the help screen so it is complete.
BUILTIN_KEYS: list[tuple[str, str]] = [
    ("ctrl+p", "Command palette: every action by name"),
    ("tab / shift+tab", "Move between fields and panes"),
    ("enter", "Open a list, press a button, choose an item"),
    ("escape", "Close a dialog or list without choosing"),
]

PANE_ORDER = ("pane-edit", "pane-sources", "pane-effective", "pane-checks")
