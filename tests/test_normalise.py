from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sakip_xl.model import NumFmt
from sakip_xl.normalise import parse_cell, parse_digits, terbilang

CASES = [
    ("Rp 1.234.567", 1234567.0), ("Rp. 1.234.567,-", 1234567.0), ("1.234.567,00", 1234567.0),
    ("Rp1.234.567", 1234567.0), ("1,234,567", 1234567.0), (" 1.234.567 ", 1234567.0),
    ("Rp\u00a01.234.567", 1234567.0), ("60.422.029.520,00", 60422029520.0),
    ("98,82%", 98.82), ("95.03", 95.03), ("99,78 %", 99.78), ("0,63", 0.63), ("4.60", 4.6),
    ("159%", 159.0), ("22.380 Liter", 22380.0), ("111 Orang", 111.0), ("3,00", 3.0),
    ("97,259", 97259.0), ("0,631", 0.631), ("1,231,790,000", 1231790000.0),
    ("70.78", 70.78), ("Rp. 1 miliar", 1e9), ("Rp. 200 juta", 2e8), ("(1.234)", -1234.0),
    # thousands grouped by spaces
    ("1 234 567", 1234567.0), ("Rp 12 500 000,00", 12500000.0), ("22 380 Liter", 22380.0),
    # a comma or colon typed after Rp
    ("Rp, 1.234.567", 1234567.0), ("Rp:1.234.567,-", 1234567.0), ("rp,500", 500.0),
]


@pytest.mark.parametrize(("text", "number"), CASES)
def test_spec_forms(text: str, number: float) -> None:
    v = parse_cell(text)
    assert v.kind == "number"
    assert v.number == pytest.approx(number)


def test_units_percent_and_irregular() -> None:
    assert parse_cell("22.380 Liter").unit == "Liter"
    assert parse_cell("98,82%").percent and parse_cell("98,82%").decimals == 2
    odd = parse_cell("Rp. 1197.600,-")
    assert odd.number == 1197600.0 and odd.irregular
    assert not parse_cell("1.197.600").irregular


@pytest.mark.parametrize(("text", "number", "unit"), [
    ("1.000 m2", 1000.0, "m2"), ("2,5 M3", 2.5, "M3"), ("12 Km2", 12.0, "Km2"),
    ("45 m²", 45.0, "m²")])
def test_area_and_volume_units_keep_their_digit(text: str, number: float, unit: str) -> None:
    v = parse_cell(text)
    assert (v.kind, v.number, v.unit) == ("number", number, unit)


def test_a_full_stop_after_the_percent_sign_is_the_end_of_a_sentence() -> None:
    v = parse_cell("95 %.")
    assert (v.kind, v.number, v.percent) == ("number", 95.0, True)


@pytest.mark.parametrize(("text", "unit"), [
    ("100%/tahun", "%/tahun"), ("5 % / tahun", "%/tahun"), ("5% per tahun", "%/tahun"),
    ("5 %/ tahun.", "%/tahun"), ("5 persen / Bulan", "%/Bulan")])
def test_a_percentage_per_period_is_a_percentage(text: str, unit: str) -> None:
    """A rate ("5 %/tahun") is a percentage, its unit written one way however it is
    spaced: otherwise "5 %/tahun" beside "5 % / tahun" is a unit-mismatch."""
    v = parse_cell(text)
    assert (v.kind, v.unit, v.percent) == ("number", unit, True)
    assert v.number == float(text.split("%")[0].split(" ")[0])


@pytest.mark.parametrize("text", ["5 Tahun 2", "2 Dokumen 100", "12 2025", "3 m23", "1,5e3",
                                  "2E2", "1e6", "1,5E+06"])
def test_digits_after_a_unit_are_not_a_unit(text: str) -> None:
    assert parse_cell(text).kind == "unparseable"


@pytest.mark.parametrize("text", ["-", "", "Nihil", "N/A", "  ", "Rp -", "–", "Rp,-", "Rp: -",
                                  "IDR"])
def test_no_value_is_not_zero(text: str) -> None:
    v = parse_cell(text)
    assert v.kind == "empty" and v.number is None


@pytest.mark.parametrize("text", ["seratus", "2.000.000.000.00", "418.441,900,00", "12/05"])
def test_unreadable_is_never_guessed(text: str) -> None:
    assert parse_cell(text).kind == "unparseable"


def test_grades_marks_ranges() -> None:
    assert parse_cell("BB").kind == "grade" and parse_cell("BB").text == "BB"
    assert parse_cell("√").kind == "mark"
    r = parse_cell("> 201-350")
    assert (r.kind, r.low, r.high) == ("range", 201.0, 350.0)
    r = parse_cell("69,1-69,5")
    assert (r.low, r.high) == (69.1, 69.5)
    assert parse_cell("≥ 80%").low == 80 and math.isinf(parse_cell("≥ 80%").high)
    for text in ("75%-80%", "75 % s/d 80 %", "75%-80"):  # the first bound's % is the range's
        r = parse_cell(text)
        assert (r.kind, r.low, r.high, r.unit, r.percent) == ("range", 75.0, 80.0, "%", True)
    # spaces that are not thousands groups are not read away
    assert [parse_cell(t).kind for t in ("12 2025", "1 23", "2 Dokumen 100")] == [
        "unparseable"] * 3


def test_percent_format_and_scale_and_artefacts() -> None:
    assert parse_cell(0.9848, NumFmt(percent=True, decimals=2)).number == pytest.approx(98.48)
    assert parse_cell(1874.96, None, 1000.0).number == pytest.approx(1874960.0)
    assert parse_cell(274.65999999999997).number == 274.66
    assert parse_cell(True).kind == "unparseable"
    # a date typed where a number belongs (calamine gives date/time objects) is no number
    from datetime import date, datetime, time, timedelta

    for moment in (date(2023, 6, 30), datetime(2023, 6, 30, 8), time(8, 30), timedelta(days=3)):
        v = parse_cell(moment)
        assert (v.kind, v.text) == ("unparseable", str(moment))


def _indonesian(n: int, decimals: str) -> str:
    grouped = f"{n:,}".replace(",", ".")
    return grouped + ("," + decimals if decimals else "")


@given(st.integers(min_value=0, max_value=10**13), st.sampled_from(["", "00", "5", "25"]))
def test_indonesian_grouping_round_trips(n: int, decimals: str) -> None:
    text = _indonesian(n, decimals)
    v = parse_cell("Rp. " + text + ",-" if not decimals else text)
    expected = float(f"{n}.{decimals}") if decimals else float(n)
    if n >= 1000 or decimals:
        assert v.number == pytest.approx(expected)
    assert v.kind == "number"


@given(st.integers(min_value=0, max_value=10**13), st.sampled_from(["", "00", "5", "25"]),
       st.sampled_from(["Rp. ", "", "Rp"]), st.sampled_from(["", " %", " Dokumen"]),
       st.sampled_from(["APBD", "tercapai", "Indikator SPM", "Renstra, Renja, LKjIP",
                        "Tabel 3.4", "s.d. TW III", "data sementara", "Baik"]))
def test_a_remark_in_brackets_after_a_value_leaves_the_value(
        n: int, decimals: str, currency: str, unit: str, remark: str) -> None:
    """"100 % (tercapai)", "Rp 1.000.000 (APBD)", "12 Dokumen (Renstra, Renja, LKjIP)": the
    value and its unit as without the remark (it was part of the unit: a unit-mismatch
    beside "100 %", and "Rp 1.000.000 (APBD)" a rupiah amount with a unit)."""
    text = (currency if not unit else "") + _indonesian(n, decimals) + unit
    plain, remarked = parse_cell(text), parse_cell(f"{text} ({remark})")
    assert plain.kind == "number"
    assert (remarked.kind, remarked.number, remarked.unit, remarked.percent) == (
        plain.kind, plain.number, plain.unit, plain.percent)


@given(st.integers(min_value=1000, max_value=10**12))
def test_english_grouping_with_two_or_more_separators(n: int) -> None:
    text = f"{n:,}"
    v = parse_cell(text)
    if text.count(",") >= 2 or (text.count(",") == 1 and not text.startswith("0")):
        assert v.number == n


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_numbers_stay_numbers(x: float) -> None:
    v = parse_cell(x)
    assert v.kind == "number"
    assert v.number == pytest.approx(x, rel=1e-9, abs=1e-9)


@given(st.text(max_size=40))
def test_any_text_gets_a_kind_and_no_exception(text: str) -> None:
    v = parse_cell(text)
    assert v.kind in {"number", "empty", "grade", "range", "mark", "unparseable"}
    if v.kind == "number":
        assert v.number is not None and math.isfinite(v.number)


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=999))
def test_single_separator_three_digits_is_thousands(head: int, tail: int) -> None:
    text = f"{head}.{tail:03d}"
    got = parse_digits(text)
    assert got is not None
    if head == 0:
        assert got[0] == pytest.approx(float(f"0.{tail:03d}"))
    else:
        assert got[0] == head * 1000 + tail


@given(st.sampled_from(["", "Rp", "Rp.", "Rp. ", "rp ", "RP.", "Rp  ", "IDR ", "Rp, ", "Rp:"]),
       st.integers(min_value=0, max_value=10**13), st.sampled_from(["", ".", ","]),
       st.sampled_from(["", ",-", ",00", ",0", " ,-", ".-", ".00", ".0", ".5", ".82", ".825",
                        "%", " %", ",5%", ",82 %", ",825%"]))
def test_fast_forms_read_as_the_general_reader(prefix: str, n: int, grouping: str,
                                               suffix: str) -> None:
    """The fast path for ``Rp. 1.234.567,-``, ``1,234,567.00``, ``95.03`` and ``98,82%`` gives
    exactly the general result, or leaves the text to the general reader."""
    from sakip_xl.normalise import _fast_text, parse_clean_text

    digits = f"{n:,}".replace(",", grouping) if grouping else str(n)
    text = prefix + digits + suffix
    fast = _fast_text(text.strip())
    assert fast is None or fast == parse_clean_text(text.strip())


@given(st.text(alphabet="0123456789.,%Rp -", max_size=16))
def test_fast_path_never_disagrees_on_odd_strings(text: str) -> None:
    from sakip_xl.normalise import _fast_text, parse_clean_text

    s = text.strip()
    fast = _fast_text(s)
    assert fast is None or fast == parse_clean_text(s)


# the forms the fast path must take, as patterns (it reads them character by character)
_FAST_FORMS = (
    r"(?:[Rr][Pp]\.? ?)?(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]{1,3})(?:,-|,00)?",
    r"(?:[Rr][Pp]\.? ?)?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.00)?",
    r"[0-9]{1,3}\.[0-9]{1,2}",
    r"[0-9]{1,3}(?:,[0-9]{1,2})? ?%",
)


@settings(max_examples=500)
@example("1,234.-")
@example("98  %")
@example("98,825%")
@example("0.234")
@example("1.234,5")
@example("Rp 95.03")
@example("007,-")
@example("012.345")
@example("1,00")
@example("1,000")
@given(st.one_of(st.text(alphabet="0123456789.,%Rrp -", max_size=16),
                 st.from_regex(f"^(?:{'|'.join(_FAST_FORMS)})$", fullmatch=True)))
def test_fast_path_takes_exactly_its_forms(text: str) -> None:
    """A text of one of the fast forms is read by the fast path, and nothing else is."""
    import re

    from sakip_xl.normalise import _fast_text

    taken = any(re.fullmatch(form, text) for form in _FAST_FORMS)
    assert (_fast_text(text) is not None) == taken


def test_fast_path_takes_the_common_forms() -> None:
    from sakip_xl.normalise import _fast_text

    assert _fast_text("Rp. 1.234.567,-") is not None
    assert _fast_text("98,82%") is not None
    assert _fast_text("1,234,567.00") is not None
    assert _fast_text("95.03") is not None
    assert _fast_text("1.234,5") is None  # decimals after grouping: the general reader


@given(st.one_of(
    st.text(alphabet=st.sampled_from(list("ab1 .\t\n\r\u00a0\u2009\u3000\x1c\x85\u2028")),
            max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=130), max_size=30)))
@example("Program Peningkatan Kapasitas")  # printable ASCII, single spaces: as it is
@example("Program  Ganda")
@example(" awal")
@example("akhir ")
@example(" ")
@example("")
@example("tab\there")
@example("~!@#$%^&*()_+{}|:<>?`-=[]\\;',./\x7f")
@example("\x1f")
def test_squash_spaces_is_the_regex_it_replaces(text: str) -> None:
    import re

    from sakip_xl.normalise import squash_spaces

    assert squash_spaces(text) == re.sub(r"\s+", " ", text).strip()


@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                 st.decimals(places=4, min_value=-10**9, max_value=10**9).map(float),
                 st.tuples(st.integers(0, 10**6), st.integers(0, 99)).map(
                     lambda t: t[0] + t[1] / 100),
                 st.tuples(st.integers(0, 10**9), st.integers(1, 100)).map(
                     lambda t: t[0] / t[1] * 100)))
def test_clean_float_rounds_to_twelve_significant_digits(x: float) -> None:
    """The repr shortcut gives what rounding to 12 significant digits gives, for every
    fraction: typed cells (98.82), sums that picked up binary artefacts, and ratios (whole
    numbers stay as they are)."""
    from sakip_xl.normalise import clean_float

    assert clean_float(x) == (x if x.is_integer() else float(f"{x:.12g}"))


def test_clean_float_leaves_what_is_not_finite() -> None:
    from sakip_xl.normalise import clean_float

    assert clean_float(math.inf) == math.inf and clean_float(-math.inf) == -math.inf
    assert math.isnan(clean_float(math.nan))


def test_remembered_texts_and_numbers_are_bounded_and_forgotten_on_request() -> None:
    """parse_cell remembers what texts and plain numbers gave (at most 8192 of each, emptied
    when full), and pipeline.clear_caches forgets them, as a benchmark's cold run needs."""
    from sakip_xl import normalise
    from sakip_xl.pipeline import clear_caches

    texts, numbers = normalise.MEMOS
    clear_caches()
    assert parse_cell("Rp. 1.234,-") is parse_cell("Rp. 1.234,-")
    assert parse_cell(12.5) is parse_cell(12.5)
    assert len(texts) == 1 and len(numbers) == 1
    for i in range(9000):
        assert parse_cell(f"{i} Dokumen").number == i
        assert parse_cell(float(i)).number == i
        assert 0 < len(texts) <= 8192 and 0 < len(numbers) <= 8192
    clear_caches()
    assert not texts and not numbers


@given(st.one_of(st.floats(), st.integers(-10**16, 10**16).map(float),
                 st.integers(-10**9, 10**9).map(lambda n: n / 100),
                 st.sampled_from([0.0, -0.0, 1e15, -1e15, 1e15 - 1, 2.0**53, 0.125, 2.675,
                                  -2.675, 1.005, 99.995])))
@example(None)
def test_a_findings_value_is_shown_as_round_to_two_decimals_gives_it(x: float | None) -> None:
    """`display` (the expected/actual of a finding) skips ``round`` for a whole number: what it
    gives is still exactly ``round(x, 2)``, sign of zero included; None for what is not a
    finite number."""
    from sakip_xl.rules.common import display

    shown = display(x)
    if x is None or not math.isfinite(x):
        assert shown is None
        return
    assert shown == round(x, 2) and type(shown) is float
    assert math.copysign(1.0, shown) == math.copysign(1.0, round(x, 2))


# --- amounts in words (terbilang) and footnote marks ---------------------------------------

_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def _below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = [] if not hundreds else ["seratus"] if hundreds == 1 else [_ONES[hundreds], "ratus"]
    tens, ones = divmod(rest, 10)
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif tens == 1:
        words += [_ONES[ones], "belas"]
    else:
        words += ([_ONES[tens], "puluh"] if tens else []) + ([_ONES[ones]] if ones else [])
    return words


def _in_words(n: int) -> str:
    """How a letter writes n in words (the test's own writer, not the reader's inverse)."""
    if n == 0:
        return "nol"
    words: list[str] = []
    for scale, name in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"),
                        (10**3, "ribu"), (1, "")):
        part, n = divmod(n, scale)
        if part:
            words += ["seribu"] if (scale == 1000 and part == 1) else (
                _below_thousand(part) + ([name] if name else []))
    return " ".join(words)


@given(st.integers(min_value=0, max_value=10**13 - 1), st.sampled_from(["", " rupiah"]),
       st.sampled_from([str.lower, str.title, str.upper]))
def test_an_amount_in_words_in_brackets_is_read_and_checked_against_the_digits(
        n: int, after: str, case) -> None:
    words = case(_in_words(n) + after)
    v = parse_cell(f"Rp. {n:,}".replace(",", ".") + f",- ({words})")
    assert (v.kind, v.number, v.unit) == ("number", float(n), None)
    wrong = case(_in_words(n + 1) + after)
    v = parse_cell(f"Rp. {n:,}".replace(",", ".") + f",- ({wrong})")
    assert v.kind == "unparseable"  # the digits and the words disagree: never guess


@pytest.mark.parametrize(("text", "number", "unit"), [
    ("Rp. 500.000.000,- (lima ratus juta)", 500_000_000, None),
    ("Rp 7.464.445.202,- (Tujuh Miliar Empat Ratus Enam Puluh Empat Juta Empat Ratus Empat "
     "Puluh Lima Ribu Dua Ratus Dua Rupiah)", 7_464_445_202, None),  # seed 003
    ("9 (Sembilan) Program", 9, "Program"),  # seed 001
    ("12 (dua belas) dokumen", 12, "dokumen"),
    ("85 % (delapan puluh lima persen)", 85, "%"),
    ("98,82% (sembilan puluh delapan koma delapan dua persen)", 98.82, "%"),
    ("Rp 1,5 miliar (satu koma lima miliar rupiah)", 1_500_000_000, None),
    ("Rp. 2 (dua) juta", 2_000_000, None),
    ("100 % *)", 100, "%"),
    ("95,5%*", 95.5, "%"),
    ("Rp. 1.000.000,- **)", 1_000_000, None),
    ("12 Dokumen *)", 12, "Dokumen"),
    # pasted from a word processor: a minus sign or a dash for '-'; a stray ';' after a unit
    ("\u22122,5 %", -2.5, "%"), ("\u20132", -2, None), ("Rp 1.000.000,\u2013", 1_000_000, None),
    ("Rp. 1.000.000,\u2014", 1_000_000, None), ("1 Dokumen;", 1, "Dokumen"), ("12 Dok,", 12, "Dok"),
    # a rupiah amount's ",-" typed without its comma; "about" before a value
    ("Rp.1.000.000,00-", 1_000_000, None), ("Rp. 1.000.000 -", 1_000_000, None),
    ("\u00b1 90 %", 90, "%"), ("+/- 1.000 Orang", 1000, "Orang"),
    # a multiplier, then the unit: it was the unit's first word, and the value 1 000 000 short
    ("2 juta jiwa", 2_000_000, "jiwa"), ("1,2 juta jiwa", 1_200_000, "jiwa"),
    ("Rp 30 juta rupiah", 30_000_000, "rupiah"), ("12 rb Dokumen", 12_000, "Dokumen"),
    # a remark in brackets at the end; brackets around a multiplier or a percent sign
    ("100 % (tercapai)", 100, "%"), ("Rp 1.000.000 (APBD)", 1_000_000, None),
    ("12 (dua belas) Dokumen (Renstra)", 12, "Dokumen"), ("12 (data sementara)", 12, None),
    ("Rp 100 (juta)", 100_000_000, None), ("12 (persen)", 12, "%"), ("98,5 ( % )", 98.5, "%"),
])
def test_words_marks_and_dashes_after_or_before_a_value(text: str, number: float, unit: str | None
                                                ) -> None:
    v = parse_cell(text)
    assert (v.kind, v.number, v.unit) == ("number", number, unit)


def test_a_range_and_no_value_written_with_dashes() -> None:
    v = parse_cell("69,1\u201369,5")
    assert (v.kind, v.low, v.high) == ("range", 69.1, 69.5)
    assert parse_cell("\u2014").kind == parse_cell("\u2013").kind == "empty"


@pytest.mark.parametrize("text", [
    "Rp. 500.000.000,- (lima puluh juta)",  # the words say fifty million
    "12 (tiga belas) dokumen",
    "*)", "12*3",
    # a dash after a bare number is no ",-" (an unfinished range?); "about" alone is no value
    "1.000.000-", "69,1-", "\u00b1",
    # a multiplier and no unit after it
    "Rp 1,5 jt \u2248", "2 juta juta",
    # an amount or a count in the brackets is no remark; brackets and nothing before them
    "1,52 % (Rp. 53.642.070,-)", "12 Dokumen (3 belum)", "(APBD)",
])
def test_words_that_disagree_and_bare_marks_are_unparseable(text: str) -> None:
    assert parse_cell(text).kind == "unparseable"


@pytest.mark.parametrize("words", ["sebelas dua", "dua belas tiga", "lima puluh dua puluh",
                                   "dua puluh ratus", "dua tiga", "lima ribu juta", "juta",
                                   "koma", "satu koma", "data sementara", "seratus rupiah lima"])
def test_words_out_of_order_are_no_number(words: str) -> None:
    assert terbilang(words) is None
