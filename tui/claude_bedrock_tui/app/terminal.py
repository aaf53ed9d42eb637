"""The terminal going away (an SSH link dropping, a window closed) must not hang the app on its way out.

Textual's Linux driver writes to the terminal from a thread that ends at the first failed write. Once the
terminal is gone every write fails (EIO), that thread ends, and the app's next frames fill the thread's
bounded queue: the app's own exit then waits forever to queue its "leave the alternate screen" codes, so
the clean-up after it (the demo's sandbox) never runs. Seen with Textual 8.2: a window closed while the
panes were still being mounted after the first frame left the demo running (README, "Safety"). Here the
writes to a terminal that is gone are dropped instead, so the thread lives and the exit goes through as on
`ctrl+q`.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.driver import Driver


class DropsWritesOnceGone:
    """A file that passes writes to `file` until one fails with an OS error, then drops them all."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._file.write(text)
            except OSError:  # EIO on a hung-up terminal, EPIPE on a closed pipe: nobody will read it
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except OSError:
                self.gone = True

    def __getattr__(self, name: str) -> Any:  # fileno, isatty, encoding: the real file's
        return getattr(self._file, name)


def survives_hang_up(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class`, made to drop its terminal writes once the terminal is gone (the Linux driver only).

    The driver keeps the file it writes to in `_file` (Textual 8.2's LinuxDriver); a Textual without
    it gets its own driver unchanged, and tests/test_app_issue10.py's hang-up tests say so by hanging.
    """
    from textual.drivers.linux_driver import LinuxDriver

    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class HangUpSafeDriver(driver_class):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            file = self.__dict__.get("_file")  # private to Textual: poked here and nowhere else
            if file is not None:
                self.__dict__["_file"] = DropsWritesOnceGone(file)

    return HangUpSafeDriver
