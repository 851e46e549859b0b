"""Bounded memories of pure per-cell work (texts and numbers read, header roles, compiled
formulas): plain dicts, which a compiled module reaches directly where an ``lru_cache``
wrapper costs several look-ups a call. Each module lists its dicts in ``MEMOS``;
``pipeline.clear_caches`` empties them, so a benchmark's run starts cold as a user's does."""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import TypeVar

    K = TypeVar("K")
    V = TypeVar("V")


def remember(memo: dict[K, V], key: K, value: V, size: int) -> V:
    """Keep ``value`` under ``key``, the memory emptied first when it holds ``size`` entries
    (what is forgotten is worked out again: the work is pure); gives ``value`` back."""
    if len(memo) >= size:
        memo.clear()
    memo[key] = value
    return value
