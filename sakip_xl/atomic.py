"""Outputs are written to a temporary file beside their target and renamed into place (SPEC
§7): a reader never sees half a rekap, and a failed run leaves the old file as it was."""

from __future__ import annotations

import os
import tempfile


def temp_beside(path: str) -> str:
    """A new empty temporary file in the target's folder (created if needed), same suffix."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sakip-", suffix=os.path.splitext(path)[1], dir=folder)
    os.close(fd)
    return tmp


def publish(tmp: str, path: str) -> None:
    """Rename the finished temporary file onto ``path``, with the permissions a file created
    there would have (mkstemp makes it private: 0600, unreadable to colleagues on a shared
    Bappeda folder)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    os.replace(tmp, path)


def discard(tmp: str) -> None:
    if os.path.exists(tmp):
        os.unlink(tmp)
