"""Rules per layout: recompute derived columns and emit findings. Pure functions."""

from __future__ import annotations

from collections.abc import Callable

from ..model import DataRow, Finding, SheetGrid, Table
from ..rows import FooterRow
from ..settings import Settings

RuleResult = tuple[list[Finding], dict[tuple[int, int], float], dict[tuple[int, str], float]]
RuleFn = Callable[[SheetGrid, Table, list[DataRow], list[FooterRow], Settings], RuleResult]


def rules_for(layout: str) -> RuleFn:
    from . import anggaran, efisiensi, pengukuran, rencana_aksi, tc29

    by_layout: dict[str, RuleFn] = {"tc29": tc29.check, "renja_tahunan": tc29.check_tahunan,
            "pengukuran": pengukuran.check, "anggaran": anggaran.check,
            "rencana_aksi": rencana_aksi.check, "efisiensi": efisiensi.check}
    return by_layout[layout]
