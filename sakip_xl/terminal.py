"""What the command line knows of the terminal it writes to: its width and whether it shows
ANSI colours. Standard library only (no shutil: it imports bz2 and lzma; no rich: ~70 ms)."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import TextIO


def columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` tells it: COLUMNS, then the
    terminal of stdout, else 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def ansi_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal that shows ANSI colours: not with NO_COLOR set; on
    Windows only once the console's VT mode is on (Windows 10 and later; older consoles
    would print the codes)."""
    if not stream.isatty() or os.environ.get("NO_COLOR"):
        return False
    if sys.platform != "win32":
        return True
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.GetStdHandle(-11 if stream is sys.stdout else -12)
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(kernel32.SetConsoleMode(handle, mode.value | 0x0004))  # VT processing
    except (AttributeError, OSError):
        return False
