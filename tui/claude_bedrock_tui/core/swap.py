"""Putting a finished temporary file in place without losing what another program wrote meanwhile.

Other programs (Claude Code itself rewrites ~/.claude/settings.json) do not take our lock, so an edit
of theirs can land between our last "changed on disk?" check and the rename. On Linux, renameat2 with
RENAME_EXCHANGE swaps the two names atomically: the replaced file comes back under the temporary name,
is compared with what we read, and swapped back if it is not that. A new file is created with
RENAME_NOREPLACE, which fails if someone created it meanwhile. Elsewhere a plain os.replace is used.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from pathlib import Path
from typing import Any

_AT_FDCWD = -100
_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2


class Unsupported(Exception):
    """This platform or file system cannot exchange or refuse-to-replace atomically."""


def _renameat2_function() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


_renameat2 = _renameat2_function()


def renameat2(source: Path, target: Path, flags: int) -> None:
    """renameat2(2); raises Unsupported where the call or the flag is not available."""
    if _renameat2 is None:
        raise Unsupported()
    if _renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        raise Unsupported()
    raise OSError(code, os.strerror(code), str(target))


def exchange(source: Path, target: Path) -> None:
    """Swap two existing names atomically."""
    renameat2(source, target, _RENAME_EXCHANGE)


def rename_new(source: Path, target: Path) -> None:
    """Rename to a name that must not exist; FileExistsError if it does."""
    renameat2(source, target, _RENAME_NOREPLACE)
