"""Rules for the Renja evaluations: the quarterly T-C.29 / E.81 (SPEC §2.1 and §4) and, with
its own formulas, the annual T-C.29 of Renja Bab II (``renja_check``'s first arguments)."""

from __future__ import annotations

from functools import partial

from ..layouts import Formula, renja_tahunan, tc29
from ..model import DataRow, Finding, SheetGrid, Table, Value
from ..rows import FooterRow
from ..settings import Settings
from . import RuleResult
from .checks import (
    hierarchy_findings,
    kode_findings,
    parse_findings,
    predikat_label_findings,
    unit_findings,
)
from .common import (
    agrees,
    agrees_money,
    agrees_percent,
    as_percent,
    display,
    finding,
    is_level_indicator,
    ratio_slack,
)


def _recompute(op: str, inputs: tuple[str, ...], eff: dict[str, float]) -> float | None:
    """The recomputed value of one derived column, None when its inputs are missing.
    ``sum`` inputs are the columns the table has (its quarters)."""
    if op == "sum":
        total = None
        for k in inputs:
            x = eff.get(k)
            if x is not None:
                total = x if total is None else total + x
        return total
    a, b = eff.get(inputs[0]), eff.get(inputs[1])
    if a is None or b is None:
        return None
    if op == "add":
        return a + b
    if op == "ratio":
        return None if b == 0 else a / b * 100
    raise ValueError(op)


def _level_alternatives(op: str, inputs: tuple[str, ...], eff: dict[str, float]
                        ) -> list[float]:
    """What a percentage level (cumulative quarters) may state instead of the sum: the last
    reported quarter (or year); a level is not added to last year's either."""
    if op == "sum":
        reported = [eff[k] for k in inputs if eff.get(k) is not None]
        return reported[-1:]
    if op == "add":
        a, b = eff[inputs[0]], eff[inputs[1]]
        return [b, max(a, b)]
    return []


_Formula = tuple[str, str, tuple[str, ...], str, str, int | None, bool, float, tuple[int, ...]]


def _applicable(formulas: tuple[Formula, ...], table: Table
                ) -> tuple[list[_Formula], dict[str, int]]:
    """The formulas whose result column or inputs this table has, with the result column, whether
    it is money, the unit its amounts are shown in (1, or 1000 for ``Rp. (000)``) and how
    many shown amounts each input adds up (realisasi: its quarters; 14 = 7 + 13: five); and
    that count for every column a formula adds up (the hierarchy check's ``shown_parts``)."""
    out = []
    parts: dict[str, int] = {}
    for key, op, inputs, code, label in formulas:
        if key in table.columns or any(k in table.columns for k in inputs):
            if op == "sum":
                inputs = tuple(k for k in inputs if k in table.columns)
            money = key.endswith("_rp") and op != "ratio"
            scale = max(table.scales.get(k, 1.0) for k in (key, *inputs))
            in_parts = tuple(parts.get(k, 1) for k in inputs)
            if op != "ratio":
                parts[key] = max(1, sum(in_parts))
            out.append((key, op, inputs, code, label, table.columns.get(key), money, scale,
                        in_parts))
    return out, parts


def _rounded_ratio_agrees(stated: Value, expected: float, inputs: tuple[str, ...],
                          eff: dict[str, float], scale: float, in_parts: tuple[int, ...]
                          ) -> bool:
    """A capaian of amounts shown in thousands or millions may have been computed from the
    unrounded amounts: it agrees when within what that rounding can move the ratio."""
    x = as_percent(stated, expected)
    if x is None:
        return True
    shown = 0.5 * 10.0 ** -(stated.decimals if stated.decimals is not None else 2)
    return abs(x - expected) <= ratio_slack(eff[inputs[0]], eff[inputs[1]], scale,
                                            in_parts) + shown


def renja_check(formulas: tuple[Formula, ...], hierarchy_keys: tuple[str, ...],
                k_keys: tuple[str, ...], sheet: SheetGrid, table: Table, rows: list[DataRow],
                footers: list[FooterRow], settings: Settings) -> RuleResult:
    """A Renja evaluation with these derived columns (``formulas``), these Rp columns adding
    up the kode tree and these K columns sharing one unit."""
    findings: list[Finding] = parse_findings(sheet, table, rows)
    findings += unit_findings(sheet, table, rows, k_keys)
    computed_cells: dict[tuple[int, int], float] = {}
    recomputed: dict[tuple[int, str], float] = {}
    present = set(table.columns)
    flagged: set[tuple[int, int]] = set()
    capaian_of: dict[int, list[float]] = {}
    applicable, shown_parts = _applicable(formulas, table)
    k_present = [k for k in k_keys if k in present]

    for i, row in enumerate(rows):
        values = row.values
        eff: dict[str, float] = {}
        blocked: set[str] = set()  # unparseable (already reported), grades, ranges
        for k, v in values.items():
            kind = v.kind
            if kind == "number":
                if v.number is not None:
                    eff[k] = v.number
            elif kind != "empty":
                blocked.add(k)
        level: bool | None = None  # a percentage level? asked only when a sum does not agree
        row_recomputed: dict[str, float] = {}  # this row's, by key (a str key is cheaper)
        for key, op, inputs, code, label, col, money, scale, in_parts in applicable:
            if blocked and any(k in blocked for k in inputs):  # (a loop, not a method call)
                continue
            expected = _recompute(op, inputs, eff)
            if expected is None:
                continue
            recomputed[(row.row, key)] = row_recomputed[key] = expected
            stated = values.get(key)
            if stated is None or col is None:  # (a stated value has its column)
                eff.setdefault(key, expected)
                continue
            if stated.kind == "number":
                if stated.number == expected:  # what every tolerance test says first
                    continue
                if op == "ratio":
                    ok = agrees_percent(stated, expected, settings) or (
                        scale > 1.0 and _rounded_ratio_agrees(stated, expected, inputs, eff,
                                                              scale, in_parts))
                else:
                    ok = agrees_money(
                        stated, expected, settings, scale, (eff.get(k) for k in inputs),
                        sum(in_parts) + 1,
                    ) if money else agrees(stated, expected, False, settings)
                    if not ok and not money and op != "ratio":
                        if level is None:
                            level = is_level_indicator(row, [values[k] for k in k_present
                                                             if k in values])
                        agreed = next((a for a in _level_alternatives(op, inputs, eff)
                                       if agrees(stated, a, money, settings)), None
                                      ) if level else None
                        if agreed is not None:  # the records show what the row followed
                            ok = True
                            recomputed[(row.row, key)] = row_recomputed[key] = agreed
                if not ok:
                    actual = as_percent(stated, expected) if op == "ratio" else stated.number
                    findings.append(finding(sheet.name, row.row, col, code,
                                            expected=display(expected),
                                            actual=display(actual), formula=label))
                    flagged.add((row.row, col))
            elif stated.kind == "empty":
                eff[key] = expected
                computed_cells[(row.row, col)] = expected
                findings.append(finding(sheet.name, row.row, col, "computed",
                                        expected=display(expected), formula=label))
        findings += _row_checks(sheet, table, row, eff, row_recomputed, flagged, settings)
        caps = _capaian_values(row, row_recomputed)
        if caps:
            capaian_of[i] = caps

    findings += hierarchy_findings(sheet, table, rows, hierarchy_keys, settings, recomputed,
                                   shown_parts)
    findings += kode_findings(sheet, table, rows)
    findings += predikat_label_findings(sheet, table, rows, footers, settings, capaian_of)
    return findings, computed_cells, recomputed


check = partial(renja_check, tc29.FORMULAS, tc29.HIERARCHY_KEYS, tc29.K_KEYS)
check_tahunan = partial(renja_check, renja_tahunan.FORMULAS, renja_tahunan.HIERARCHY_KEYS,
                        renja_tahunan.K_KEYS)


def _capaian_values(row: DataRow, row_recomputed: dict[str, float]) -> list[float]:
    """The capaian a predikat may follow: the stated one (a fraction read as percent) and the
    recomputed one (``row_recomputed``: the row's, by key). A predikat that fits either is not
    flagged: a wrong capaian is one error."""
    out = []
    again = row_recomputed.get("capaian_k")
    v = row.values.get("capaian_k")
    stated = as_percent(v, again) if v is not None and v.kind == "number" else None
    if stated is not None:
        out.append(stated)
    if again is not None:
        out.append(again)
    return out


_KINDS = tuple(
    (kind, f"target_{kind}", f"realisasi_{kind}", tuple(f"tw{q}_{kind}" for q in range(1, 5)),
     f"tw1_{kind}")
    for kind in ("k", "rp"))
_CAPAIAN_KEYS = ("capaian_k", "capaian_rp", "capaian_renstra_k", "capaian_renstra_rp")


def _row_checks(sheet: SheetGrid, table: Table, row: DataRow, eff: dict[str, float],
                row_recomputed: dict[str, float], flagged: set[tuple[int, int]],
                settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    cols = table.columns
    values = row.values
    main = row.level != "indikator"
    # realisasi Rp above target Rp
    real, target = eff.get("realisasi_rp"), eff.get("target_rp")
    if (main and real is not None and target is not None and "realisasi_rp" in cols
            and real > target + settings.tolerance_rp and target > 0):
        out.append(finding(sheet.name, row.row, cols["realisasi_rp"],
                           "realisasi-exceeds-target", expected=display(target),
                           actual=display(real)))
    for kind, t_key, r_key, q_keys, first_q in _KINDS:
        t_val = values.get(t_key)
        if t_val is None:
            continue  # no target column: nothing to compare
        r_eff = eff.get(r_key)
        if (t_val is not None and t_val.kind == "number" and t_val.number == 0
                and r_eff not in (None, 0)):
            out.append(finding(sheet.name, row.row, cols[t_key], "target-zero",
                               actual=0, expected=None, realisasi=display(r_eff)))
        if kind == "rp" and not main:
            continue  # continuation rows share their owner's budget
        if row.level == "total":
            continue
        r_val = values.get(r_key)
        any_real = (r_val is not None and r_val.kind != "empty") or any(
            (v := values.get(k)) is not None and v.kind != "empty" for k in q_keys)
        if (t_val is not None and t_val.kind == "empty" and any_real
                and (kind == "rp" or row.indikator)):
            out.append(finding(sheet.name, row.row, cols[t_key], "missing-value", field=t_key))
        if (r_val is not None and r_val.kind == "empty" and not any_real and t_val is not None
                and t_val.kind == "number" and t_val.number and (kind == "rp" or row.indikator)
                and first_q in cols):
            out.append(finding(sheet.name, row.row, cols[r_key], "missing-value", field=r_key))
    for key in _CAPAIAN_KEYS:
        x = row_recomputed.get(key)
        if x is None or key not in cols or (row.row, cols[key]) in flagged:
            continue
        if x > settings.outlier_high or x < settings.outlier_low:
            out.append(finding(sheet.name, row.row, cols[key], "capaian-outlier",
                               actual=display(x), bound=settings.outlier_high))
    return out
