"""An Input that applies a burst of keys in the order they arrived.

Textual's Input inserts printable keys in its own key handler, but its editing keys (backspace, delete,
ctrl+a, ctrl+k, home, end, ...) are bindings, run only once the key event has bubbled up to the app.
When keys arrive together (SSH, tmux, a pasted key sequence) the letters typed after a backspace are
then inserted before the backspace runs: `end, backspace, 3` on `us-east-1` gives `us-east-` instead of
`us-east-3`. Running the Input's own bindings right in its key handler keeps them in order.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class OrderedInput(Input):
    """Input whose own editing keys run synchronously, in arrival order with the printable keys."""

    # Input sets its virtual size (the text's width) on every key, and Widget's virtual_size asks for a layout
    # of the whole screen when it changes: the cost of a key then grows with every widget on screen. This
    # field's size is fixed by the stylesheet (one line, the row's width), so the text's width only changes
    # how the field scrolls inside itself: a repaint of the field is enough.
    virtual_size = Reactive(Size(0, 0), layout=False)

    async def _on_key(self, event: events.Key) -> None:
        bindings = [b for b in self._bindings.key_to_bindings.get(event.key, ()) if not b.priority]
        # What the app would do once the event bubbled up, done now: the Input is first in the chain. An
        # action that skips itself (up and down would scroll this one-line field: Textual's scroll actions
        # raise SkipAction when there is nothing to scroll) leaves the key to the widgets around it, as
        # Textual does: the editor's up/down then move to the previous/next setting.
        if bindings and await self.app.run_action(bindings[0].action, self):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)
