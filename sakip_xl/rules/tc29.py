"""Rules for the quarterly Renja evaluation (T-C.29 / E.81), SPEC §2.1 and §4."""

from __future__ import annotations

from ..layouts.tc29 import FORMULAS, HIERARCHY_KEYS, K_KEYS
from ..model import DataRow, Finding, SheetGrid, Table
from ..rows import FooterRow
from . import RuleResult
from .checks import (
    hierarchy_findings,
    kode_findings,
    parse_findings,
    predikat_label_findings,
    unit_findings,
)
from .common import (
    Settings,
    agrees,
    agrees_percent,
    as_percent,
    display,
    finding,
    is_level_indicator,
)


def _recompute(op: str, inputs: tuple[str, ...], eff: dict[str, float], money: bool,
               level: bool, present_cols: set[str]) -> tuple[float, list[float]] | None:
    """The recomputed value and the alternatives a stated value may match."""
    if op == "sum_quarters":
        quarters = [eff.get(k) for k in inputs if k in present_cols]
        reported = [x for x in quarters if x is not None]
        if not reported:
            return None
        total = sum(reported)
        alts = [total]
        if level and not money:
            alts.append(reported[-1])  # cumulative quarters: the last reported one
        return total, alts
    a, b = eff.get(inputs[0]), eff.get(inputs[1])
    if a is None or b is None:
        return None
    if op == "add":
        alts = [a + b]
        if level and not money:
            alts += [b, max(a, b)]  # a percentage level is not added to last year's
        return a + b, alts
    if op == "ratio":
        if b == 0:
            return None
        return a / b * 100, [a / b * 100]
    raise ValueError(op)


def check(sheet: SheetGrid, table: Table, rows: list[DataRow], footers: list[FooterRow],
          settings: Settings) -> RuleResult:
    findings: list[Finding] = parse_findings(sheet, table, rows)
    findings += unit_findings(sheet, table, rows, K_KEYS)
    computed_cells: dict[tuple[int, int], float] = {}
    recomputed: dict[tuple[int, str], float] = {}
    present = set(table.columns)
    flagged: set[tuple[int, int]] = set()
    capaian_of: dict[int, list[float]] = {}

    for i, row in enumerate(rows):
        eff = {k: v.number for k, v in row.values.items()
               if v.kind == "number" and v.number is not None}
        level = is_level_indicator(row, [row.values[k] for k in K_KEYS if k in row.values])
        for key, op, inputs, code, label in FORMULAS:
            if any(k in row.values and row.values[k].kind not in ("number", "empty")
                   for k in inputs):
                continue  # unparseable (already reported), grades, ranges: not computed
            money = key.endswith("_rp")
            got = _recompute(op, inputs, eff, money, level, present)
            if got is None:
                continue
            expected, alts = got
            recomputed[(row.row, key)] = expected
            stated = row.values.get(key)
            if stated is None:
                eff.setdefault(key, expected)
                continue
            col = table.columns[key]
            if stated.kind == "number":
                check_fn = (
                    (lambda a, s=stated: agrees_percent(s, a, settings)) if op == "ratio"
                    else (lambda a, s=stated, m=money: agrees(s, a, m, settings)))
                if not any(check_fn(a) for a in alts):
                    findings.append(finding(sheet.name, row.row, col, code,
                                            expected=display(expected),
                                            actual=display(stated.number), formula=label))
                    flagged.add((row.row, col))
            elif stated.kind == "empty":
                eff[key] = expected
                computed_cells[(row.row, col)] = expected
                findings.append(finding(sheet.name, row.row, col, "computed",
                                        expected=display(expected), formula=label))
        findings += _row_checks(sheet, table, row, eff, recomputed, flagged, settings)
        caps = _capaian_values(row, recomputed)
        if caps:
            capaian_of[i] = caps

    findings += hierarchy_findings(sheet, table, rows, HIERARCHY_KEYS, settings, recomputed)
    findings += kode_findings(sheet, table, rows)
    findings += predikat_label_findings(sheet, table, rows, footers, settings, capaian_of)
    return findings, computed_cells, recomputed


def _capaian_values(row: DataRow, recomputed: dict[tuple[int, str], float]) -> list[float]:
    """The capaian a predikat may follow: the stated one (a fraction read as percent) and the
    recomputed one. A predikat that fits either is not flagged: a wrong capaian is one error."""
    out = []
    again = recomputed.get((row.row, "capaian_k"))
    v = row.values.get("capaian_k")
    stated = as_percent(v, again) if v is not None and v.kind == "number" else None
    if stated is not None:
        out.append(stated)
    if again is not None:
        out.append(again)
    return out


def _row_checks(sheet: SheetGrid, table: Table, row: DataRow, eff: dict[str, float],
                recomputed: dict[tuple[int, str], float], flagged: set[tuple[int, int]],
                settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    cols = table.columns
    main = row.level not in ("indikator",)
    # realisasi Rp above target Rp
    real, target = eff.get("realisasi_rp"), eff.get("target_rp")
    if (main and real is not None and target is not None and "realisasi_rp" in cols
            and real > target + settings.tolerance_rp and target > 0):
        out.append(finding(sheet.name, row.row, cols["realisasi_rp"],
                           "realisasi-exceeds-target", expected=display(target),
                           actual=display(real)))
    for kind in ("k", "rp"):
        t_key, r_key = f"target_{kind}", f"realisasi_{kind}"
        t_val = row.values.get(t_key)
        r_eff = eff.get(r_key)
        if (t_val is not None and t_val.kind == "number" and t_val.number == 0
                and r_eff not in (None, 0)):
            out.append(finding(sheet.name, row.row, cols[t_key], "target-zero",
                               actual=0, expected=None, realisasi=display(r_eff)))
        if kind == "rp" and not main:
            continue  # continuation rows share their owner's budget
        if row.level == "total":
            continue
        quarters = [row.values.get(f"tw{q}_{kind}") for q in range(1, 5)]
        any_real = any(v is not None and v.kind != "empty" for v in quarters) or (
            row.values.get(r_key) is not None and row.values[r_key].kind != "empty")
        if (t_val is not None and t_val.is_empty and any_real
                and (kind == "rp" or row.indikator)):
            out.append(finding(sheet.name, row.row, cols[t_key], "missing-value", field=t_key))
        r_val = row.values.get(r_key)
        if (r_val is not None and r_val.is_empty and not any_real and t_val is not None
                and t_val.kind == "number" and t_val.number and (kind == "rp" or row.indikator)
                and "tw1_" + kind in cols):
            out.append(finding(sheet.name, row.row, cols[r_key], "missing-value", field=r_key))
    for key in ("capaian_k", "capaian_rp", "capaian_renstra_k", "capaian_renstra_rp"):
        if key not in cols or (row.row, cols[key]) in flagged:
            continue
        x = recomputed.get((row.row, key))
        if x is None:
            continue
        if x > settings.outlier_high or x < settings.outlier_low:
            out.append(finding(sheet.name, row.row, cols[key], "capaian-outlier",
                               actual=display(x), bound=settings.outlier_high))
    return out
