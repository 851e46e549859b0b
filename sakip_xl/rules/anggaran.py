"""Rules for realisasi anggaran tables (SPEC §2.3): % = realisasi / anggaran, parents = Σ
children, sisa = anggaran − realisasi."""

from __future__ import annotations

from ..model import DataRow, Finding, SheetGrid, Table
from ..rows import FooterRow
from ..settings import Settings
from . import RuleResult
from .checks import hierarchy_findings, kode_findings, parse_findings, percent_findings
from .common import agrees, display, finding, number


def check(sheet: SheetGrid, table: Table, rows: list[DataRow], footers: list[FooterRow],
          settings: Settings) -> RuleResult:
    findings: list[Finding] = parse_findings(sheet, table, rows)
    computed_cells: dict[tuple[int, int], float] = {}
    recomputed: dict[tuple[int, str], float] = {}
    cols = table.columns
    for row in rows:
        pagu, real = number(row, "anggaran"), number(row, "realisasi")
        if pagu is None or real is None:
            continue
        if "sisa" in cols:
            recomputed[(row.row, "sisa")] = pagu - real
            stated = row.values["sisa"]
            if stated.kind == "number" and not agrees(stated, pagu - real, True, settings):
                findings.append(finding(sheet.name, row.row, cols["sisa"], "sum-mismatch",
                                        expected=display(pagu - real),
                                        actual=display(stated.number),
                                        formula="sisa = anggaran − realisasi"))
        if pagu == 0:
            if real:
                findings.append(finding(sheet.name, row.row, cols["anggaran"], "target-zero",
                                        actual=0, realisasi=display(real)))
            continue
        pct = real / pagu * 100
        recomputed[(row.row, "persen")] = pct
        if real > pagu + settings.tolerance_rp:
            findings.append(finding(sheet.name, row.row, cols["realisasi"],
                                    "realisasi-exceeds-target", expected=display(pagu),
                                    actual=display(real)))
        findings += percent_findings(sheet, table, row, "persen", pct,
                                     "% = realisasi / anggaran × 100", settings, computed_cells)
    findings += hierarchy_findings(sheet, table, rows, ("anggaran", "realisasi", "sisa"),
                                   settings)
    findings += kode_findings(sheet, table, rows)
    return findings, computed_cells, recomputed

