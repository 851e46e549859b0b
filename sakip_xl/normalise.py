"""Text -> numbers, units, grades (SPEC §3). Pure functions, no I/O.

Indonesian convention first: ``.`` groups thousands, ``,`` marks decimals. A single separator
followed by exactly three digits groups thousands unless the integer part is ``0``. Several
identical separators group. When both appear, the last one is the decimal mark.
"""

from __future__ import annotations

import math
import re

from .memo import remember
from .model import NumFmt, Value
from .patterns import compiled

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any, Final

NO_VALUE = {"", "-", "--", "---", "–", "—", "nihil", "n/a", "na", "#n/a", "n.a", "n.a.",
            "tidak ada"}
GRADES = ("AA", "A", "BB", "B", "CC", "C", "D")  # AKIP grades, best first
MARKS = {"√", "✓", "✔", "v"}
PERCENT_UNITS = {"%", "persen", "prosen", "persentase"}
MULTIPLIERS = {
    "ribu": 1e3, "rb": 1e3,
    "juta": 1e6, "jt": 1e6,
    "miliar": 1e9, "milyar": 1e9, "m": 1e9,
    "triliun": 1e12, "trilyun": 1e12, "t": 1e12,
}
MAX_TEXT = 32767  # Excel's own cell limit; longer text is cut before parsing

_CMP = r"(?P<cmp>>=|<=|=>|=<|[<>≥≤])?"
_CUR = r"(?P<cur>rp[.,:]?|idr)?"  # "Rp", "Rp.", and typed "Rp," or "Rp:"
_NUM = r"(?P<num>\(?[+-]?\d(?:[\d.,]*\d)?\)?)"
_MAIN = compiled(
    rf"^{_CMP}\s*{_CUR}\s*{_NUM}\s*(?P<tail>.*)$", re.IGNORECASE | re.DOTALL
)
_RANGE_TAIL = compiled(
    r"^(?:-|–|—|s\s*/\s*d|s\.d\.?|sampai dengan|hingga)\s*(?:rp[.,:]?\s*)?"
    r"(?P<num>\d(?:[\d.,]*\d)?)\s*(?P<tail>.*)$",
    re.IGNORECASE,
)
_PREFIX_WORD = compiled(r"^(?P<pre>[A-Za-z]{2,})\s+(?P<rest>\d.*)$")
_DASH_TAIL = compiled(r"[.,]\s*-+\s*$")
_MONEY_DASH_TAIL = compiled(r"(?<=\d)\s*-+$")  # after an amount in rupiah only
_ABOUT = compiled(r"^(?:±|\+/-)\s*")
# a unit: no digits, except the 2 or 3 of an area or volume written after its letter ("m2",
# "M3", "Km2"); "Tahun 2", "Dokumen 100" are not units
_UNIT = compiled(r"^(?:[^\d]{1,40}|[^\d]{0,38}[A-Za-z][23])$")
# a currency sign and no amount ("Rp", "Rp. -", "IDR"): no value, and in a column of its own
# left of the amounts, not the amounts' column (``locate``)
CURRENCY_ALONE = compiled(r"(?:rp[.,:]?|idr)\s*-*")
# a footnote mark after a value: "100 % *)", "95,5%*", "12 Dokumen **)"
_FOOTNOTE_MARK = compiled(r"\s*\*+\s*\)?$")
# the amount in words in brackets, as letters and contracts write it: "Rp. 500.000.000,- (lima
# ratus juta rupiah)", "9 (sembilan) Program", "85 % (delapan puluh lima persen)"
_IN_WORDS = compiled(r"\(\s*(?P<words>[A-Za-z][A-Za-z -]*?)\s*\)")
# a remark in brackets at the end, after the value ("100 % (tercapai)", "Rp 1.000.000 (APBD)",
# "12 Dokumen (Renstra, Renja, LKjIP)", "BB (Baik Sekali)"): words, not an amount ("(Rp.
# 53.642.070,-)", "(2 Dokumen)") nor the value in words ("(dua belas)")
_REMARK = compiled(r"\s*\(\s*(?P<words>%|(?!(?:rp|idr)\b)[A-Za-z][^()]*?)\s*\)$",
                   re.IGNORECASE)
# thousands grouped by spaces ("Rp 1 234 567", "22 380 Liter"): the number without them
_SPACE_GROUPS = compiled(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?!\d)")
# a percentage per period ("5 %/tahun", "5% per tahun", "2 persen / bulan"): a percentage,
# its unit written one way ("%/tahun")
_PERCENT_PER = compiled(r"^(?:%|persen)\s*(?:/|per\s)\s*(?P<per>[A-Za-z]{2,20})$",
                        re.IGNORECASE)


def _regular_groups(groups: list[str]) -> bool:
    head = groups[0].lstrip("+-")
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_digits(token: str) -> tuple[float, int, bool] | None:
    """Read a digit string with ``.``/``,`` separators.

    Returns (value, decimals written, irregular grouping) or None when ambiguous.
    """
    negative = False
    tok = token
    if tok.startswith("(") and tok.endswith(")"):
        negative, tok = True, tok[1:-1]
    elif "(" in tok or ")" in tok:
        return None
    if tok[:1] in "+-":
        negative, tok = negative or tok[0] == "-", tok[1:]
    if not tok or not tok[0].isdigit() or not tok[-1].isdigit():
        return None
    dots, commas = tok.count("."), tok.count(",")
    sign = -1.0 if negative else 1.0
    if dots and commas:
        dec = "." if tok.rfind(".") > tok.rfind(",") else ","
        grp = "," if dec == "." else "."
        if tok.count(dec) > 1:
            return None
        int_part, frac = tok.split(dec)
        groups = int_part.split(grp)
        if any(g == "" for g in groups) or not frac:
            return None
        return sign * float("".join(groups) + "." + frac), len(frac), not _regular_groups(groups)
    if not dots and not commas:
        return sign * float(tok), 0, False
    sep = "." if dots else ","
    parts = tok.split(sep)
    if any(p == "" for p in parts):
        return None
    if len(parts) == 2:
        head, tail = parts
        if len(tail) == 3 and head != "0":
            return sign * float(head + tail), 0, len(head) > 3
        return sign * float(head + "." + tail), len(tail), False
    if all(len(p) == 3 for p in parts[1:]):
        return sign * float("".join(parts)), 0, not _regular_groups(parts)
    return None


def clean_float(x: float) -> float:
    """Remove binary floating artefacts (274.65999999999997 -> 274.66): round to 12
    significant digits. A float whose shortest form has 12 digits or fewer (most cells: 98.82)
    is that already, and its repr is cheaper than the rounding. (Whole and non-finite numbers
    are told by arithmetic: compiled, on a C double, where ``is_integer`` was a method call.)"""
    if x - x != 0.0 or x % 1.0 == 0.0:  # inf/nan, whole
        return x
    # a few decimals (98.82): x is the float nearest to y / 10**k, y whole with at most 12
    # digits, whenever dividing y by 10**k (both exact) gives x back; then x is clean
    scale = 1.0
    for _ in range(6):
        scale *= 10.0
        y = x * scale + 0.5
        y -= y % 1.0  # floor: the nearest whole number to x * scale
        if y >= 1e12 or y <= -1e12:
            break
        if y / scale == x:
            return x
    if len(repr(x)) <= 13:
        return x
    return float(f"{x:.12g}")


def _unit_and_scale(tail: str, money: bool) -> tuple[str | None, float, bool, bool] | None:
    """Interpret what follows a number: (unit, multiplier, percent, ok)."""
    tail = tail.strip().strip(":;,").strip()  # "1 Dokumen;", "12 Dok,"
    if not tail:
        return None, 1.0, False, True
    low = tail.lower().rstrip(". ")  # "95 %.": a full stop after the sign
    if low in PERCENT_UNITS:
        return "%", 1.0, True, True
    if low.startswith(("%", "p")) and (per := _PERCENT_PER.match(tail.rstrip(". "))):
        return "%/" + per.group("per"), 1.0, True, True
    if low in MULTIPLIERS and (money or len(low) > 1):
        return None, MULTIPLIERS[low], False, True
    head, _, rest = tail.partition(" ")
    mult = MULTIPLIERS.get(head.lower())
    if rest and mult is not None and (money or len(head) > 1):
        # "2 juta jiwa", "30 juta rupiah": the multiplier, then the unit ("30 jt ≈": none)
        after = _unit_and_scale(rest, money)
        if after is None or after[1] != 1.0:
            return None
        return after[0], mult, after[2], True
    if low in ("e2", "e3"):
        return None  # "1,5e3": a power of ten typed as text, not 1,5 of a unit "e3"
    if _UNIT.match(tail) and any(ch.isalpha() for ch in tail):
        return tail, 1.0, False, True
    return None


# What the per-cell readers worked out, by text and by number (``memo``): they are pure and a
# Value is immutable, and OPD files repeat the same strings and amounts.
_MEMO_SIZE: Final = 1 << 13
_TEXT_MEMO: Final[dict[str, Value]] = {}
_NUMBER_MEMO: Final[dict[float, Value]] = {}
MEMOS: Final = (_TEXT_MEMO, _NUMBER_MEMO)


def parse_text(raw: str) -> Value:
    """Normalise a text cell (remembered: OPD files repeat the same strings)."""
    value = _TEXT_MEMO.get(raw)
    if value is None:
        value = remember(_TEXT_MEMO, raw, _parse_text(raw), _MEMO_SIZE)
    return value


def _parse_text(raw: str) -> Value:
    if raw.isascii():  # no odd spaces to make plain (a flag of the string: no scan)
        s = raw[:MAX_TEXT].strip()
    else:
        s = raw[:MAX_TEXT].replace("\u00a0", " ").replace("\u2009", " ").strip()
        if "\u2212" in s or "\u2013" in s or "\u2014" in s:  # a minus sign, en and em dashes
            s = s.replace("\u2212", "-").replace("\u2013", "-").replace("\u2014", "-")
    return _fast_text(s) or parse_clean_text(s)


# The forms most cells take, read without the general machinery: ``Rp. 1.234.567,-`` (also
# ``Rp1.234.567,00``, ``rp 500``), ``1,234,567.00`` (English grouping), ``95.03`` and
# ``98,82%``. Each gives exactly what ``parse_clean_text`` gives (tested with hypothesis); the
# forms are read character by character (this module is compiled), which cost a quarter of
# what matching them with regexes did.


def _fast_text(s: str) -> Value | None:
    n = len(s)
    if n == 0:
        return None
    if ord(s[n - 1]) == 37:  # '%': only the percent form ends so
        return _fast_percent(s, n)
    i = 0
    if n >= 2 and ord(s[0]) in (82, 114) and ord(s[1]) in (80, 112):  # Rp, rp, RP, rP
        i = 2
        if i < n and ord(s[i]) == 46:  # 'Rp.'
            i += 1
        if i < n and ord(s[i]) == 32:  # one space
            i += 1
    j = _digits_end(s, i, n)
    if j == i or j - i > 3:  # every form starts with one to three digits
        return None
    if j == n:  # 'Rp 500'
        return Value("number", float(s[i:j]), None, 0)
    sep = ord(s[j])
    leading_zero = ord(s[i]) == 48
    if sep == 46:  # '.': thousands (Rp. 1.234.567,-) or decimals (95.03)
        k = _groups_end(s, j, n, 46)
        if k > j and not leading_zero:
            decimals = _money_suffix(s, k, n, 44)
            if decimals >= 0:
                return Value("number", float(s[i:k].replace(".", "")), None, decimals)
        if i == 0 and _digits_end(s, j + 1, n) == n and 1 <= n - j - 1 <= 2:
            return Value("number", float(s), None, n - j - 1)  # five digits: clean already
        return None
    if sep == 44:  # ',': a money suffix (500,-) or English thousands (1,234,567.00)
        decimals = _money_suffix(s, j, n, 44)
        if decimals >= 0:
            return Value("number", float(s[i:j]), None, decimals)
        k = _groups_end(s, j, n, 44)
        if k > j and not leading_zero:
            decimals = _money_suffix(s, k, n, 46)
            if (decimals == 0 and k == n) or decimals == 2:  # no '.-' in English
                return Value("number", float(s[i:k].replace(",", "")), None, decimals)
    return None


def _digits_end(s: str, i: int, n: int) -> int:
    """Where the run of ASCII digits from ``i`` ends."""
    while i < n and 48 <= ord(s[i]) <= 57:
        i += 1
    return i


def _groups_end(s: str, j: int, n: int, sep: int) -> int:
    """Where the groups of a separator and exactly three digits from ``j`` end."""
    while j < n and ord(s[j]) == sep and _digits_end(s, j + 1, n) == j + 4:
        j += 4
    return j


def _money_suffix(s: str, k: int, n: int, mark: int) -> int:
    """Decimals written by what follows an amount at ``k``: nothing 0, ``,-`` 0, ``,00`` 2
    (``mark`` the decimal mark: ``.00`` in English); -1 for anything else."""
    rest = n - k
    if rest == 0:
        return 0
    if ord(s[k]) != mark:
        return -1
    if rest == 2 and ord(s[k + 1]) == 45:  # '-'
        return 0
    if rest == 3 and ord(s[k + 1]) == 48 and ord(s[k + 2]) == 48:  # '00'
        return 2
    return -1


def _fast_percent(s: str, n: int) -> Value | None:
    """``98%``, ``98,82%``, ``98,82 %`` (the caller saw the '%' at the end)."""
    j = _digits_end(s, 0, n)
    if j == 0 or j > 3:
        return None
    k = j
    frac = ""
    if k < n and ord(s[k]) == 44:  # ','
        e = _digits_end(s, k + 1, n)
        if e == k + 1 or e - k - 1 > 2:
            return None
        frac = s[k + 1:e]
        k = e
    if k < n and ord(s[k]) == 32:
        k += 1
    if k != n - 1:
        return None
    # at most five digits read: the nearest float is already what clean_float would make it
    number = float(s[:j] + "." + frac) if frac else float(s[:j])
    return Value("number", number, "%", len(frac), True, False, None, None, s)


def parse_clean_text(s: str) -> Value:
    """The general reader for a text cell already cut, with odd spaces made plain and
    stripped."""
    # what is read (messages quote s): without a footnote mark after a value
    s2 = (_FOOTNOTE_MARK.sub("", s) or s) if "*" in s else s
    if s2.endswith(")") and (r := _REMARK.search(s2)) and r.start() > 0:
        words = r.group("words")
        low_words = words.lower().rstrip(". ")
        if low_words in MULTIPLIERS or low_words in PERCENT_UNITS:
            s2 = s2[:r.start()] + " " + words  # "Rp 100 (juta)", "12 (persen)": the brackets
        elif terbilang(words) is None:  # not the value in words: a remark
            s2 = s2[:r.start()]
    low = s2.lower()
    if low in NO_VALUE or CURRENCY_ALONE.fullmatch(low):
        return Value("empty", text=s or None)
    if s2 in GRADES or (len(s2) == 2 and s2.upper() in GRADES and s2.isalpha()):
        return Value("grade", text=s2.upper())
    if s2 in MARKS:
        return Value("mark", text=s2)
    in_words = None
    if "(" in s2:
        w = _IN_WORDS.search(s2)
        in_words = terbilang(w.group("words")) if w else None
        if w is not None and in_words is not None:
            s2 = (s2[:w.start()] + " " + s2[w.end():]).strip()
    s2 = _DASH_TAIL.sub("", s2)
    if low.startswith(("rp", "idr")) and s2.endswith("-"):
        s2 = _MONEY_DASH_TAIL.sub("", s2)  # "Rp. 1.000.000 -", "Rp.1.000.000,00-": a ",-"
    if s2.startswith(("±", "+/-")):
        s2 = _ABOUT.sub("", s2)  # "± 90 %": about 90 %, the value written
    if " " in s2 and _SPACE_GROUPS.search(s2):
        s2 = _SPACE_GROUPS.sub(lambda g: g.group(0).replace(" ", ""), s2)
    m = _MAIN.match(s2)
    prefix_unit = None
    if not m:
        p = _PREFIX_WORD.match(s2)
        if p and p.group("pre").lower() not in ("rp", "idr"):
            prefix_unit = p.group("pre")
            m = _MAIN.match(p.group("rest"))
    if not m:
        return Value("unparseable", text=s)
    parsed = parse_digits(m.group("num"))
    if parsed is None:
        return Value("unparseable", text=s)
    number, decimals, irregular = parsed
    if not math.isfinite(number):
        return Value("unparseable", text=s[:200])
    money = bool(m.group("cur"))
    tail = m.group("tail")
    cmp_ = m.group("cmp")
    rng = _RANGE_TAIL.match(tail.strip())
    first_pct = False
    if rng is None and tail.lstrip().startswith("%"):  # "75%-80%", "75 % s/d 80 %"
        rng = _RANGE_TAIL.match(tail.lstrip()[1:].strip())
        first_pct = rng is not None and rng.group("tail").strip() in ("", "%")
        rng = rng if first_pct else None
    if rng:
        second = parse_digits(rng.group("num"))
        if second is None:
            return Value("unparseable", text=s)
        extra = _unit_and_scale(rng.group("tail"), money)
        if extra is None:
            return Value("unparseable", text=s)
        unit, mult, pct, _ = extra
        if first_pct:
            unit, pct = "%", True
        lo, hi = sorted((number * mult, second[0] * mult))
        return Value("range", low=clean_float(lo), high=clean_float(hi), unit=unit, percent=pct,
                     decimals=max(decimals, second[1]), text=s)
    tail = tail.replace("%", " % ") if "%" in tail and tail.strip() != "%" else tail
    extra = _unit_and_scale(tail, money)
    if extra is None:
        # "12 Dokumen %" and similar: keep the words as unit if percent is among them
        return Value("unparseable", text=s)
    unit, mult, pct, _ = extra
    if prefix_unit and unit is None:
        unit = prefix_unit
    number = clean_float(number * mult)
    if mult != 1.0:
        decimals = 0
    if in_words is not None and not (_same(in_words, number) or _same(in_words, number / mult)):
        return Value("unparseable", text=s)  # digits and words disagree: never guess which
    if cmp_:
        if cmp_ in (">", ">=", "=>", "≥"):
            return Value("range", low=number, high=math.inf, unit=unit, percent=pct,
                         decimals=decimals, text=s)
        return Value("range", low=-math.inf, high=number, unit=unit, percent=pct,
                     decimals=decimals, text=s)
    return Value("number", number=number, unit=unit, decimals=decimals, percent=pct,
                 irregular=irregular, text=s if (irregular or unit) else None)


def outside_brackets(text: str) -> tuple[str, str]:
    """The words of ``text`` outside brackets, and those inside its first pair: "Persen (%)"
    -> ("Persen", "%"), "CB (Cukup Berhasil)" -> ("CB", "Cukup Berhasil")."""
    start = text.find("(")
    end = text.find(")", start)
    if start < 0 or end < 0:
        return text, ""
    return squash_spaces(text[:start] + " " + text[end + 1:]), text[start + 1:end].strip()


def _same(words: float, digits: float) -> bool:
    """Both read to twelve significant digits (``clean_float``): equal, or not the same."""
    return words == clean_float(digits)


# Indonesian number words ("terbilang")
_DIGIT_WORDS: Final = {"nol": 0, "kosong": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4,
                       "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9}
# the words after a digit within a group below a thousand, by the place they fill
_PLACES: Final = {"ratus": 100, "puluh": 10, "belas": 10}
_LARGE_SCALES: Final = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
                        "trilyun": 1e12}
_WORDS_AFTER: Final = {"rupiah", "persen", "prosen"}  # "… rupiah", "… persen": the amount ends


def terbilang(text: str) -> float | None:
    """The number an amount in words states ("dua ratus lima puluh juta" -> 250000000,
    "sembilan puluh delapan koma lima" -> 98.5); None when the text is not one, or its words
    are out of order ("lima puluh dua puluh")."""
    words = text.lower().replace("-", " ").split()
    while words and words[-1] in _WORDS_AFTER:
        words.pop()
    if not words:
        return None
    total = 0.0  # complete thousands groups
    large = math.inf  # the last thousands word: the next must be smaller
    group = 0  # the group being read (below a thousand)
    place = 1000  # the smallest place the group has filled: the next must be smaller
    digit = -1  # the digit word just read, waiting for its ratus/puluh/belas
    for i, word in enumerate(words):
        if word.startswith("se") and word[2:] in ("ratus", "puluh", "belas", "ribu"):
            if digit >= 0:
                return None
            digit, word = 1, word[2:]  # seratus, sepuluh, sebelas, seribu
        if word in _DIGIT_WORDS:
            if digit >= 0 or place == 1:
                return None  # "dua tiga", "sebelas dua"
            digit = _DIGIT_WORDS[word]
        elif word in _PLACES:
            at = _PLACES[word]
            if digit < 1 or at >= place:
                return None
            if word == "belas":  # "dua belas": the tens and the units
                group, place = group + 10 + digit, 1
            else:
                group, place = group + digit * at, at
            digit = -1
        elif word in _LARGE_SCALES:
            scale = _LARGE_SCALES[word]
            if digit >= 0:
                group, digit = group + digit, -1
            if group == 0 or scale >= large:
                return None
            total, large, group, place = total + group * scale, scale, 0, 1000
        elif word == "koma":  # the decimals, a digit a word; "satu koma lima miliar"
            rest = words[i + 1:]
            scale = _LARGE_SCALES[rest.pop()] if rest and rest[-1] in _LARGE_SCALES else 1.0
            decimals = [_DIGIT_WORDS.get(w, -1) for w in rest]
            if not decimals or min(decimals) < 0 or scale >= large:
                return None
            whole = group + max(digit, 0) + float("0." + "".join(str(d) for d in decimals))
            return clean_float(total + whole * scale)
        else:
            return None
    if digit >= 0:
        group += digit
    return clean_float(total + group)


def parse_cell(raw: Any, fmt: NumFmt | None = None, scale: float = 1.0) -> Value:
    """Normalise one cell value as read (str, float, int, bool, date, None).

    ``scale`` is the column's multiplier (``Rp. (000)`` -> 1000); a percent number format
    turns a fraction into percent points.
    """
    kind = type(raw)
    if kind is float:
        x: float = raw  # (compiled: a C double from here, not an object)
        if x - x == 0.0:  # finite: the common case
            if fmt is None and scale == 1.0:
                return _plain_number(x)
            return _number(x, fmt, scale)
    if kind is str:
        text: str = raw
        if not text:
            return EMPTY
        value = parse_text(text)
        return value if scale == 1.0 else _scaled(value, scale)
    if raw is None:
        return EMPTY
    if isinstance(raw, bool):
        return Value("unparseable", text=str(raw))
    if isinstance(raw, (int, float)):
        x = float(raw)
        if not math.isfinite(x):
            return Value("unparseable", text=str(raw))
        return _number(x, fmt, scale)
    if type(raw).__module__ == "datetime":  # date, time, datetime, timedelta cells
        return Value("unparseable", text=str(raw))
    return _scaled(parse_text(str(raw)), scale)


def _scaled(v: Value, scale: float) -> Value:
    """A bare amount in a ``Rp. (000)`` column is in thousands; units and percents are not."""
    if scale == 1.0 or v.kind != "number" or v.number is None or v.unit is not None or v.percent:
        return v
    return Value("number", number=clean_float(v.number * scale), decimals=v.decimals,
                 irregular=v.irregular, text=v.text)


EMPTY = Value("empty")


def _plain_number(x: float) -> Value:
    """A numeric cell without number format or column scale: one Value serves every cell of
    the same number (remembered)."""
    value = _NUMBER_MEMO.get(x)
    if value is None:
        value = remember(_NUMBER_MEMO, x, _number(x, None, 1.0), _MEMO_SIZE)
    return value


def _number(x: float, fmt: NumFmt | None, scale: float) -> Value:
    """A finite numeric cell: a percent format turns a fraction into percent points; without
    any format the number may still be a bare fraction. (Fields given positionally: a hot
    path, and keyword arguments cost twice as much.)"""
    if fmt is not None and fmt.percent:
        return Value("number", clean_float(x * 100), None,
                     fmt.decimals if fmt.decimals is not None else 0, True)
    return Value("number", clean_float(x * scale), None,
                 fmt.decimals if fmt is not None else None, False, False, None, None, None,
                 fmt is None)


def squash_spaces(text: str) -> str:
    r"""Runs of any whitespace (newlines, tabs, no-break spaces) as one space, none at the
    ends: what ``re.sub(r"\s+", " ", text).strip()`` gives, several times faster. A text of
    printable ASCII with single spaces inside (most names and labels) is that already: it is
    returned as it is after one pass over its characters (compiled), not split and joined."""
    space = True  # the character before was a space (or there was none): a space may not come
    for ch in text:
        code = ord(ch)
        if code == 32:
            if space:
                return " ".join(text.split())
            space = True
        elif 32 < code < 127:
            space = False
        else:  # other whitespace, control or non-ASCII: the general way
            return " ".join(text.split())
    if space and text:  # ends in a space
        return " ".join(text.split())
    return text


def grade_rank(grade: str) -> int:
    """Higher is better: AA -> 6 … D -> 0."""
    return len(GRADES) - 1 - GRADES.index(grade)


def norm_text(raw: Any) -> str:
    """Text of a cell for matching: single spaces, no surrounding blanks."""
    if raw is None:
        return ""
    if type(raw) is str:
        text: str = raw  # (compiled: a str from here, no comparison on objects)
        return squash_spaces(text)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return squash_spaces(str(raw))
