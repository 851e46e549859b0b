"""What the command line knows of the terminal it writes to: its width, whether it shows
ANSI colours, and which characters its encoding has. Standard library only (no shutil: it
imports bz2 and lzma; no rich: ~70 ms)."""

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
    stdout = sys.__stdout__  # None under pythonw
    try:
        return os.get_terminal_size(stdout.fileno()).columns if stdout else 80
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


def can_encode(stream: TextIO, text: str) -> bool:
    """Whether ``stream``'s encoding has every character of ``text``. A report redirected to a
    file on Windows is written in the ANSI code page (cp1252): no ✓ there."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def tolerant(stream: TextIO, encoding: str | None = None, errors: str = "replace") -> None:
    """Let ``stream`` write any text: a character its encoding lacks (cell text from an OPD
    file, on a cp1252 console or file) becomes ``?`` instead of stopping the report with a
    traceback. ``encoding``: write in this one instead (JSON is UTF-8 wherever it goes)."""
    reconfigure = getattr(stream, "reconfigure", None)  # not on StringIO
    if reconfigure is None:
        return
    try:
        if encoding is None:
            reconfigure(errors=errors)
        else:
            reconfigure(encoding=encoding, errors=errors)
    except (OSError, ValueError):  # a stream closed, or already read from
        pass
