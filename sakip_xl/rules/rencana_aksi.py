"""Rules for the quarterly action plan (rencana aksi, SPEC §2.3): quarterly targets add up to
the annual target (K and Rp), % = realisasi / target per quarter, programs add up to TOTAL."""

from __future__ import annotations

from ..locate import quarter_of
from ..model import DataRow, Finding, SheetGrid, Table
from ..normalise import norm_text
from ..rows import FooterRow
from ..settings import Settings
from . import RuleResult
from .checks import parse_findings
from .common import (
    agrees,
    agrees_percent,
    display,
    finding,
    is_level_indicator,
    number,
)


def _blocks(sheet: SheetGrid, table: Table, rows: list[DataRow], prefix: str
            ) -> list[tuple[int, list[int]]]:
    """(row index holding the annual value, quarter row indexes) for each indicator/program."""
    cols = table.columns
    key = f"{prefix}tahunan"
    if key not in cols:
        return []
    out: list[tuple[int, list[int]]] = []
    for i, row in enumerate(rows):
        annual = row.values.get(key)
        if annual is not None and not annual.is_empty:
            out.append((i, []))
        if out and f"{prefix}triwulan" in cols:
            label = norm_text(sheet.value(row.row, cols[f"{prefix}triwulan"])).lower()
            q = quarter_of(label.replace("triwulan", "").strip()) if label else None
            if q is not None:
                out[-1][1].append(i)
    return out


def check(sheet: SheetGrid, table: Table, rows: list[DataRow], footers: list[FooterRow],
          settings: Settings) -> RuleResult:
    findings: list[Finding] = parse_findings(sheet, table, rows)
    computed: dict[tuple[int, int], float] = {}
    recomputed: dict[tuple[int, str], float] = {}
    cols = table.columns
    for prefix, money in (("k_", False), ("rp_", True)):
        for head, quarters in _blocks(sheet, table, rows, prefix):
            annual = rows[head].values[f"{prefix}tahunan"]
            targets = [number(rows[i], f"{prefix}target") for i in quarters]
            present = [t for t in targets if t is not None]
            if annual.kind == "number" and present and len(present) == len(targets):
                total = sum(present)
                alts = [total]
                if not money and is_level_indicator(rows[head], [annual]):
                    alts.append(present[-1])
                recomputed[(rows[head].row, f"{prefix}tahunan")] = total
                if not any(agrees(annual, a, money, settings) for a in alts):
                    findings.append(finding(sheet.name, rows[head].row,
                                            cols[f"{prefix}tahunan"],
                                            "quarter-target-mismatch", expected=display(total),
                                            actual=display(annual.number)))
        findings += _total_rows(sheet, table, rows, prefix, settings) if money else []
        pkey = f"{prefix}persen"
        if pkey not in cols:
            continue
        for row in rows:
            t, r = number(row, f"{prefix}target"), number(row, f"{prefix}realisasi")
            stated = row.values.get(pkey)
            if t in (None, 0) or r is None or stated is None:
                continue
            pct = r / t * 100
            recomputed[(row.row, pkey)] = pct
            if stated.kind == "number" and not agrees_percent(stated, pct, settings):
                findings.append(finding(sheet.name, row.row, cols[pkey], "capaian-mismatch",
                                        expected=display(pct), actual=display(stated.number),
                                        formula="% = realisasi / target × 100"))
            elif stated.is_empty:
                computed[(row.row, cols[pkey])] = pct
                findings.append(finding(sheet.name, row.row, cols[pkey], "computed",
                                        expected=display(pct),
                                        formula="% = realisasi / target × 100"))
    return findings, computed, recomputed


def _total_rows(sheet: SheetGrid, table: Table, rows: list[DataRow], prefix: str,
                settings: Settings) -> list[Finding]:
    """A TOTAL / JUMLAH row: annual budget = Σ programs, target and realisasi = Σ quarters."""
    out: list[Finding] = []
    start = 0
    for i, row in enumerate(rows):
        if row.level != "total":
            continue
        above = [r for r in rows[start:i] if r.level != "total"]
        start = i + 1
        for key in (f"{prefix}tahunan", f"{prefix}target", f"{prefix}realisasi"):
            stated = row.values.get(key)
            if stated is None or stated.kind != "number":
                continue
            parts = [r.values[key] for r in above if key in r.values
                     and not r.values[key].is_empty]
            if not parts or any(p.kind != "number" for p in parts):
                continue
            total = sum(p.number or 0 for p in parts)
            if not agrees(stated, total, True, settings):
                out.append(finding(sheet.name, row.row, table.columns[key], "total-mismatch",
                                   expected=display(total), actual=display(stated.number),
                                   children=len(parts), level="total"))
    return out
