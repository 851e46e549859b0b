"""The one failure type told to users in words (its message is in ``messages``): kept apart
from the messages so that they can be compiled (setup.py) and this class subclassed by
modules that are not (``read.ReadError``, ``runner.ExecutorUnavailable``)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any


class KeyedError(Exception):
    """A failure told to the user in words: ``key`` names its message (``FILE_ERRORS`` for a
    file, ``UI`` for the run), ``params`` fill it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
