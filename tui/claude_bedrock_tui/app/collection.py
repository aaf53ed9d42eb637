"""Python's cyclic garbage collector waits while the app opens.

Opening the app allocates a great many objects (Textual's styles and strips, the widgets, the
configuration), and the collector walks all of them again and again meanwhile: about 15-20 ms of the
first frame at 120x40, a fifth of this app's own share of it (measured with benchmarks/bench_first_frame.py;
README, "Benchmarks"). Nothing made while opening is garbage yet, so the collector is paused from the app's
Load event until every pane is mounted, then runs as before. Reference counting frees everything else
meanwhile, as always.
"""

from __future__ import annotations

import gc


class OpeningPause:
    """Pauses automatic collection once, until `resume` (safe to call twice, or without a pause)."""

    def __init__(self) -> None:
        self._paused = False

    def pause(self) -> None:
        if gc.isenabled():  # someone else's choice to disable it stays theirs
            gc.disable()
            self._paused = True

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            gc.enable()
