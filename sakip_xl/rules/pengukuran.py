"""Rules for LKjIP pengukuran kinerja (SPEC §2.2): capaian by polarity, grades, ranges."""

from __future__ import annotations

import math
import re

from ..layouts.pengukuran import NEGATIVE_WORDS
from ..model import DataRow, Finding, SheetGrid, Table, Value
from ..normalise import grade_rank
from ..patterns import compiled
from ..rows import FooterRow
from ..settings import Settings
from . import RuleResult
from .checks import parse_findings, predikat_label_findings, unit_findings
from .common import agrees_percent, as_percent, display, finding

_POSITIVE = compiled(r"^(positif|positive|maksimal|maksimum|max|naik|\+|meningkat)", re.I)
_NEGATIVE = compiled(r"^(negatif|negative|minimal|minimum|min|turun|-|−|–|menurun)", re.I)
_NEG_NAME = compiled("|".join(NEGATIVE_WORDS), re.I)
# a reduction achieved ("Persentase penurunan angka kemiskinan"): higher is better, whatever
# else the name says
_REDUCTION = compiled(r"\b(penurunan|menurunnya|berkurangnya|pengurangan|reduksi)\b", re.I)


def polarity(row: DataRow, settings: Settings) -> str | None:
    configured = settings.polarity_of(row.indikator)
    if configured:
        return "negatif" if configured.lower().startswith(("neg", "min")) else "positif"
    if row.polaritas:
        if _NEGATIVE.match(row.polaritas.strip()):
            return "negatif"
        if _POSITIVE.match(row.polaritas.strip()):
            return "positif"
    return None


def _negative(t: float, r: float, formula: str) -> float | None:
    if formula == "ratio":
        return t / r * 100 if r else None
    return (2 * t - r) / t * 100 if t else None


def _candidates(t: Value, r: float, pol: str | None,
                settings: Settings) -> tuple[float | None, list[float], list[float], bool]:
    """(primary expected, positive-formula values, negative-formula values, met for ranges)."""
    if t.kind == "range":
        lo, hi = t.low, t.high
        met = (lo is None or r >= lo) and (hi is None or r <= hi)
        bounds = [b for b in (lo, hi) if b is not None and math.isfinite(b) and b != 0]
        pos = [r / b * 100 for b in bounds]
        neg = [x for b in bounds if (x := _negative(b, r, settings.negative_formula)) is not None]
        primary = 100.0 if met else (pos[0] if pos else None)
        return primary, pos, neg, met
    tt = t.number
    if tt is None or tt == 0:
        return None, [], [], False
    pos = [r / tt * 100]
    n = _negative(tt, r, settings.negative_formula)
    neg = [n] if n is not None else []
    primary = neg[0] if pol == "negatif" and neg else pos[0]
    return primary, pos, neg, False


def check(sheet: SheetGrid, table: Table, rows: list[DataRow], footers: list[FooterRow],
          settings: Settings) -> RuleResult:
    findings: list[Finding] = parse_findings(sheet, table, rows)
    findings += unit_findings(sheet, table, rows, ("target", "realisasi"))
    computed_cells: dict[tuple[int, int], float] = {}
    recomputed: dict[tuple[int, str], float] = {}
    capaian_of: dict[int, list[float]] = {}
    cols = table.columns
    for i, row in enumerate(rows):
        if not row.indikator:
            continue
        for suffix in ("", "_lalu"):
            t = row.values.get("target" + suffix)
            r = row.values.get("realisasi" + suffix)
            c = row.values.get("capaian" + suffix)
            if t is None or r is None:
                continue
            cap_col = cols.get("capaian" + suffix)
            out, value = _check_one(sheet, table, row, t, r, c, cap_col, suffix, settings,
                                    computed_cells, recomputed)
            findings += out
            if suffix == "" and value is not None:
                capaian_of[i] = [value]
        real, prev = row.values.get("realisasi"), row.values.get("realisasi_lalu")
        if real is not None and prev is not None and real.is_number and prev.is_number:
            recomputed[(row.row, "perubahan_realisasi")] = (real.number or 0) - (prev.number or 0)
    findings += predikat_label_findings(sheet, table, rows, footers, settings, capaian_of)
    return findings, computed_cells, recomputed


def _check_one(sheet: SheetGrid, table: Table, row: DataRow, t: Value, r: Value, c: Value | None,
               cap_col: int | None, suffix: str, settings: Settings,
               computed_cells: dict[tuple[int, int], float],
               recomputed: dict[tuple[int, str], float]) -> tuple[list[Finding], float | None]:
    out: list[Finding] = []
    key = "capaian" + suffix
    if t.kind == "grade" and r.kind == "grade":
        achieved = grade_rank(r.text or "D") >= grade_rank(t.text or "D")
        if (not achieved and c is not None and c.kind == "number" and c.number is not None
                and c.number >= 100 - 1e-9 and cap_col is not None):
            out.append(finding(sheet.name, row.row, cap_col, "grade-capaian",
                               expected="< 100", actual=display(c.number), target=t.text,
                               realisasi=r.text))
        return out, None
    if r.kind != "number" or r.number is None or t.kind not in ("number", "range"):
        return out, None
    if t.kind == "number" and t.number == 0:
        if r.number != 0:
            out.append(finding(sheet.name, row.row, table.columns["target" + suffix],
                               "target-zero", actual=0, realisasi=display(r.number)))
        return out, None
    pol = polarity(row, settings)
    # without a polaritas, either formula is accepted; the one a capaian is computed or
    # expected by is the one the name suggests ("Angka kemiskinan": lower is better)
    suggested = pol or ("negatif" if _suggests_negative(row.indikator or "") else None)
    primary, pos, neg, met = _candidates(t, r.number, suggested, settings)
    if primary is None:
        return out, None
    recomputed[(row.row, key)] = primary
    if pol == "positif":
        allowed = pos
    elif pol == "negatif":
        allowed = neg
    else:
        allowed = pos + neg
    value = primary
    if c is not None and c.kind == "number" and cap_col is not None:
        ok = any(agrees_percent(c, a, settings) for a in allowed) or (
            met and (as_percent(c, primary) or 0) >= 100 - 1e-9)  # a met range: 100 % or more
        if not ok:
            out.append(finding(sheet.name, row.row, cap_col, "capaian-mismatch",
                               expected=display(primary),
                               actual=display(as_percent(c, primary)),
                               formula=_formula_label(suggested, settings)))
        else:  # the stated capaian, a fraction read against the formula it agrees with
            agreed = next((a for a in allowed if agrees_percent(c, a, settings)), primary)
            recomputed[(row.row, key)] = agreed  # the formula the stated capaian follows
            stated = as_percent(c, agreed)
            value = primary if stated is None else stated
            if (pol is None and neg and not any(agrees_percent(c, a, settings) for a in pos)
                    and not met and not _suggests_negative(row.indikator or "")):
                out.append(finding(sheet.name, row.row, cap_col, "polarity-inferred",
                                   expected=display(neg[0]), actual=display(c.number)))
    elif c is not None and c.is_empty and cap_col is not None:
        computed_cells[(row.row, cap_col)] = primary
        out.append(finding(sheet.name, row.row, cap_col, "computed", expected=display(primary),
                           formula=_formula_label(suggested, settings)))
    x = value
    if cap_col is not None and not any(f.code == "capaian-mismatch" for f in out) and (
            x > settings.outlier_high or x < settings.outlier_low):
        out.append(finding(sheet.name, row.row, cap_col, "capaian-outlier", actual=display(x),
                           bound=settings.outlier_high))
    return out, value


def _suggests_negative(name: str) -> bool:
    return bool(_NEG_NAME.search(name)) and not _REDUCTION.search(name)


def _formula_label(pol: str | None, settings: Settings) -> str:
    if pol == "negatif":
        return ("capaian = target / realisasi × 100" if settings.negative_formula == "ratio"
                else "capaian = (2 × target − realisasi) / target × 100")
    return "capaian = realisasi / target × 100"
