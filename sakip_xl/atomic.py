"""Outputs are written to a temporary file beside their target and renamed into place (SPEC
§7): a reader never sees half a rekap, and a failed run leaves the old file as it was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable


def temp_beside(path: str) -> str:
    """A new empty temporary file in the target's folder (created if needed), same suffix."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sakip-", suffix=os.path.splitext(path)[1], dir=folder)
    os.close(fd)
    return tmp


class TargetLocked(PermissionError):
    """The target exists and may not be replaced: on Windows, most often because it is open
    in Excel (last quarter's rekap, the copy being read)."""


def publish(tmp: str, path: str) -> None:
    """Rename the finished temporary file onto ``path``, with the permissions a file created
    there would have (mkstemp makes it private: 0600, unreadable to colleagues on a shared
    Bappeda folder). If it cannot be, the temporary file is removed and the old ``path``
    stays as it was."""
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException as exc:
        discard(tmp)
        if isinstance(exc, PermissionError) and os.path.exists(path):
            raise TargetLocked(exc.errno, exc.strerror, path) from exc
        raise


def finish_and_publish(tmp: str, path: str, finish: Callable[[], object]) -> None:
    """``finish()`` the writing of ``tmp`` (close a workbook, save it), then ``publish`` it:
    whatever fails (a full disk, the target open in Excel), no temporary file stays."""
    try:
        finish()
    except BaseException:
        discard(tmp)
        raise
    publish(tmp, path)


def discard(tmp: str) -> None:
    if os.path.exists(tmp):
        os.unlink(tmp)
