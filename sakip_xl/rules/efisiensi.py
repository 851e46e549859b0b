"""Rules for efisiensi tables (SPEC §2.3): the serapan from the amounts, and the tingkat
efisiensi recomputed by the three formulas in use, checked only against the one the table's
other rows follow."""

from __future__ import annotations

from collections.abc import Callable

from ..model import DataRow, Finding, SheetGrid, Table
from ..rows import FooterRow
from ..settings import Settings
from . import RuleResult
from .checks import parse_findings, percent_findings
from .common import agrees_percent, as_percent, display, finding, number

# (key of the recomputed value, the formula as users read it, the value from capaian and
# serapan in percent points); a ratio is in percent points too (1,04 = 104 %: a bare
# fraction is read so by agrees_percent)
FORMULAS: tuple[tuple[str, str, Callable[[float, float], float | None]], ...] = (
    ("rasio", "efisiensi = capaian ÷ serapan",
     lambda cap, ser: cap / ser * 100 if ser else None),
    ("selisih", "efisiensi = capaian − serapan", lambda cap, ser: cap - ser),
    ("tidak_terserap", "efisiensi = 100 − serapan", lambda cap, ser: 100 - ser),
)
SERAPAN_FORMULA = "serapan = realisasi / anggaran × 100"


def check(sheet: SheetGrid, table: Table, rows: list[DataRow], footers: list[FooterRow],
          settings: Settings) -> RuleResult:
    findings: list[Finding] = parse_findings(sheet, table, rows)
    computed_cells: dict[tuple[int, int], float] = {}
    recomputed: dict[tuple[int, str], float] = {}
    cols = table.columns
    # (row, the stated efisiensi, each formula's value) of every row with both percentages
    candidates: list[tuple[DataRow, dict[str, float]]] = []
    for row in rows:
        serapan = _serapan(sheet, table, row, settings, findings, computed_cells, recomputed)
        cap_v = row.values.get("capaian")
        if serapan is None or cap_v is None or cap_v.kind != "number":
            continue
        capaian = as_percent(cap_v, None)
        if capaian is None:
            continue
        values: dict[str, float] = {}
        for key, _, formula in FORMULAS:
            x = formula(capaian, serapan)
            if x is not None:
                values[key] = recomputed[(row.row, key)] = x
        candidates.append((row, values))
    own = _own_formula(candidates, settings)
    if own is None:
        return findings, computed_cells, recomputed
    key, label = own
    for row, values in candidates:
        if key not in values:
            continue
        expected = values[key]
        recomputed[(row.row, "efisiensi")] = expected
        stated = row.values.get("efisiensi")
        if stated is None:
            continue
        if stated.kind == "number" and not agrees_percent(stated, expected, settings):
            findings.append(finding(sheet.name, row.row, cols["efisiensi"],
                                    "efisiensi-mismatch", expected=display(expected),
                                    actual=display(as_percent(stated, expected)),
                                    formula=label))
    return findings, computed_cells, recomputed


def _serapan(sheet: SheetGrid, table: Table, row: DataRow, settings: Settings,
             findings: list[Finding], computed_cells: dict[tuple[int, int], float],
             recomputed: dict[tuple[int, str], float]) -> float | None:
    """The row's serapan in percent points: realisasi / anggaran when both amounts are there
    (the stated one checked against it, or filled in), else the stated one."""
    pagu, real = number(row, "anggaran"), number(row, "realisasi")
    if pagu is None or real is None or pagu == 0:
        stated = row.values.get("serapan")
        return as_percent(stated, None) if stated is not None and stated.kind == "number" \
            else None
    pct = recomputed[(row.row, "serapan")] = real / pagu * 100
    findings += percent_findings(sheet, table, row, "serapan", pct, SERAPAN_FORMULA, settings,
                                 computed_cells)
    return pct


def _own_formula(candidates: list[tuple[DataRow, dict[str, float]]], settings: Settings
                 ) -> tuple[str, str] | None:
    """The formula the table's stated efisiensi follows: the one most rows agree with, when at
    least two rows do (or the only row does) and no other formula is followed as often. None:
    the table follows none, or it cannot be told which."""
    stated_rows = [(row, values) for row, values in candidates
                   if (v := row.values.get("efisiensi")) is not None and v.kind == "number"]
    agreeing = {key: sum(1 for row, values in stated_rows if key in values
                         and agrees_percent(row.values["efisiensi"], values[key], settings))
                for key, _, _ in FORMULAS}
    best = max(agreeing.values(), default=0)
    if best == 0 or (best < 2 and len(stated_rows) > 1):
        return None
    keys = [key for key, n in agreeing.items() if n == best]
    # formulas followed as often, which give the same value on every row (a capaian of 100 %:
    # capaian − serapan is 100 − serapan), are one
    if any(any(values.get(k) != values.get(keys[0]) for k in keys) for _, values in candidates):
        return None
    return next((key, label) for key, label, _ in FORMULAS if key == keys[0])
