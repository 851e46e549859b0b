"""Pieces every layout's rules share: tolerance, predikat scales, settings, finding helpers."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from ..model import DataRow, Finding, Value
from ..normalise import PERCENT_UNITS, clean_float, outside_brackets, squash_spaces
from ..patterns import compiled
from ..settings import Scale, Settings

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

SEVERITY = {
    "unparseable": "error", "number-format": "warning", "sum-mismatch": "error",
    "cumulative-mismatch": "error", "capaian-mismatch": "error", "total-mismatch": "error",
    "predikat-mismatch": "error", "realisasi-exceeds-target": "warning", "target-zero": "warning",
    "missing-value": "warning", "duplicate-code": "error", "code-hierarchy": "warning",
    "unit-mismatch": "warning", "capaian-outlier": "warning", "computed": "info",
    "predikat-unknown": "warning", "formula-not-evaluated": "info", "polarity-inferred": "info",
    "grade-capaian": "error", "quarter-target-mismatch": "error", "year-change": "info",
    "efisiensi-mismatch": "warning",
}


def pick_scale(labels: list[str], scales: tuple[Scale, ...]) -> Scale:
    best, hits = scales[0], -1
    counts = Counter(labels)
    for scale in scales:
        n = sum(k for lab, k in counts.items() if scale.knows(lab))
        if n > hits:
            best, hits = scale, n
    return best


def _close(a: float, b: float) -> bool:
    # max(1.0, |a|, |b|) written out: compiled, the builtin would box three floats per call
    size = abs(a) if abs(a) > abs(b) else abs(b)
    return abs(a - b) <= 1e-9 * (size if size > 1.0 else 1.0)


# 10 ** d for the decimals a cell shows, without a boxed power per capaian cell
_TENS = tuple(10.0 ** d for d in range(16))


def shown_unit(scale: float, amounts: Iterable[float | None]) -> float:
    """The smallest step amounts of a money column written in thousands or millions show:
    the column's unit (``Rp. (000)``: 1 000) down to the decimals typed (``Rp (juta)`` with
    two decimals: 10 000 rupiah)."""
    decimals = 0
    for amount in amounts:
        if amount is None:
            continue
        text = repr(round(amount / scale, 6))
        if "e" in text:
            decimals = 6
        elif "." in text:
            decimals = max(decimals, len(text.split(".")[1].rstrip("0")))
    return scale * 10.0 ** -decimals


def rounding_slack(scale: float, amounts: list[float | None],
                   roundings: int | None = None) -> float:
    """How far a total may be from the sum of its parts when every amount is shown rounded
    to a unit of thousands or millions: half a shown step per amount, the total included.
    ``amounts``: the parts and the total; ``roundings``: how many shown amounts they carry,
    when a part is itself a sum of shown amounts (default: one each). Rupiah columns have
    none (±0.5)."""
    if scale <= 1.0:
        return 0.0
    return 0.5 * shown_unit(scale, amounts) * (roundings or len(amounts))


def ratio_slack(numerator: float, denominator: float, scale: float,
                parts: tuple[int, ...] = (1, 1)) -> float:
    """How far, in percent points, a percentage of two amounts shown rounded to thousands or
    millions may be from the same percentage of the unrounded amounts. ``parts``: how many
    rounded amounts each is the sum of (realisasi = the four quarters as shown)."""
    if scale <= 1.0 or not numerator or not denominator:
        return 0.0
    step = 0.5 * shown_unit(scale, (numerator, denominator))
    return abs(numerator / denominator) * 100 * step * (
        parts[0] / abs(numerator) + parts[1] / abs(denominator))


def agrees(stated: Value, expected: float, money: bool, settings: Settings,
           slack: float = 0.0) -> bool:
    """The tolerance rule (SPEC §4): equal rounded or truncated to the decimals shown; money to
    the rupiah, or to the rounding of a scaled column (``slack``)."""
    x = stated.number
    if x is None or x == expected:
        return True
    if money:
        return abs(x - expected) <= max(settings.tolerance_rp, slack) + 1e-9 * abs(expected)
    if _close(x, expected):
        return True
    d = stated.decimals if stated.decimals is not None else settings.default_decimals
    # rounded half up, or truncated, to the decimals shown (written out: this runs for most
    # capaian cells)
    q = _TENS[d] if 0 <= d < len(_TENS) else 10.0 ** d
    shown = math.floor(x * q + 0.5 + 1e-9) / q
    if _close(shown, math.floor(expected * q + 0.5 + 1e-9) / q):
        return True
    if expected >= 0:
        return _close(shown, math.floor(expected * q + 1e-9) / q)
    return _close(shown, -math.floor(-expected * q + 1e-9) / q)  # truncated towards 0


def agrees_money(stated: Value, expected: float, settings: Settings, scale: float,
                 parts: Iterable[float | None], roundings: int | None = None) -> bool:
    """An amount against its recomputed value from ``parts``: within SPEC §4's ±0.5, or, in
    a column of thousands or millions, within the rounding of the amounts shown, the parts and
    the stated total (``rounding_slack``). The parts are read only when the plain test fails
    (a generator will do): every amount's decimals are looked at then."""
    if agrees(stated, expected, True, settings):
        return True
    return scale > 1.0 and agrees(stated, expected, True, settings,
                                  rounding_slack(scale, [*parts, stated.number], roundings))


def agrees_percent(stated: Value, expected: float, settings: Settings) -> bool:
    """As ``agrees``, also reading a bare fraction (0.9848) as a percentage when no number
    format says otherwise and the recomputed value is near 100× it."""
    if agrees(stated, expected, False, settings):
        return True
    x = stated.number
    if x is None or stated.percent or abs(x) > 1.5:
        return False
    d = stated.decimals if stated.decimals is not None else settings.default_decimals + 2
    scaled = Value("number", number=x * 100, decimals=max(d - 2, 0))
    return agrees(scaled, expected, False, settings)


def as_percent(stated: Value, recomputed: float | None) -> float | None:
    """A stated percentage in percent points. A bare number up to 1.5 (no % sign, no percent
    format) is a fraction when 100× it is closer to the recomputed value than it is itself:
    0.9848 beside a recomputed 98.48 is 98.48, and 0.765 beside 75 is 76.5 (a wrong capaian
    written as a fraction, reported in percent points) — SPEC §3."""
    x = stated.number
    if x is None:
        return None
    if (not stated.percent and abs(x) <= 1.5 and recomputed is not None
            and abs(recomputed - x * 100) < abs(recomputed - x)):
        return clean_float(x * 100)  # 98.48, not 98.48000000000001
    return x


def display(x: float | None) -> float | None:
    """A finding's expected or actual value as shown: rounded to two decimals, None when there
    is none (or it is not finite). A whole number is already that (most amounts are), so
    ``round``, which works through the decimal digits, is left to the rest."""
    if x is None:
        return None
    v: float = x  # (compiled: a C double from here)
    if v - v != 0.0:  # inf or nan
        return None
    if v == float(int(v)):
        return v
    return round(v, 2)


def finding(sheet: str, row: int, col: int, code: str, expected: Any = None,
            actual: Any = None, **params: Any) -> Finding:
    # positional: a findings-heavy file makes thousands (total-mismatch on every parent)
    return Finding(sheet, row, col, code, SEVERITY[code],
                   tuple(sorted(params.items())) if params else (), expected, actual)


def number(row: DataRow, key: str) -> float | None:
    v = row.values.get(key)
    return v.number if v is not None and v.kind == "number" else None


# an indicator named as a level; what staff type before the name does not count: a number
# ("1. Persentase …"), a bullet, or a stray "=", "+", "-" or "@" (cells that look like formulas)
PERCENT_NAME = compiled(r"^[\s=+\-@'\"*•·]*(?:\d{1,2}[.)]\s*)?"
                        r"(persentase|prosentase|presentase|persen|rasio|indeks|indek|"
                        r"tingkat|angka|nilai|rata|cakupan|proporsi|skor|opini|predikat)\b",
                        re.IGNORECASE)
LEVEL_UNITS = {"%", "indeks", "poin", "nilai", "skor"}


def is_level_indicator(row: DataRow, values: list[Value]) -> bool:
    """Percentages, indexes, rates: quarters are cumulative levels, not amounts to add."""
    unit = norm_unit(row.satuan)
    if unit is not None and (unit in LEVEL_UNITS or unit.startswith("%/")):
        return True
    if any(v.percent for v in values):
        return True
    return bool(row.indikator and PERCENT_NAME.search(row.indikator))


_PER = compiled(r"\s*/\s*|\s+per\s+")
# units as staff shorten them: compared as the word ("12 Dok" beside "12 Dokumen" is no
# unit-mismatch; "12 Dokumen" beside "12 Laporan" is)
UNIT_ABBREVIATIONS = {
    **{word: "%" for word in PERCENT_UNITS},
    "dok": "dokumen", "org": "orang", "keg": "kegiatan",
    "lap": "laporan", "pkt": "paket", "bln": "bulan", "thn": "tahun", "th": "tahun",
    "hr": "hari", "klp": "kelompok", "kel": "kelompok", "bh": "buah", "x": "kali",
    "ltr": "liter", "m²": "m2", "m³": "m3", "km²": "km2",
}


@lru_cache(maxsize=4096)
def norm_unit(unit: str | None) -> str | None:
    """A unit as compared: case, spaces, a full stop, percent words, "/" or "per", and words
    in brackets ("Persen (%)", "Dokumen (Renstra)": what is outside them) made one."""
    if not unit:
        return None
    u = squash_spaces(unit.lower()).rstrip(".")
    if "(" in u:
        outside, inside = outside_brackets(u)
        u = outside or inside
    if "/" in u or " per " in u:  # "orang / hari", "orang per hari": "orang/hari"
        u = _PER.sub("/", u)
    # each part as its word: "persen/thn" is "%/tahun", "Dok" "dokumen"
    u = "/".join(UNIT_ABBREVIATIONS.get(part.rstrip("."), part) for part in u.split("/"))
    return u or None
