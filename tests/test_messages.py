"""A finding's message is its template filled in: the template, cut once at its fields
(``messages._template``), gives what ``str.format_map`` gives for every code, language and
value."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_xl.messages import _LEVEL_NAMES, FINDINGS, _fmt, finding_message
from sakip_xl.model import Finding

NAMES = sorted({name for pair in FINDINGS.values() for template in pair
                for _, name, _, _ in string.Formatter().parse(template) if name})


def reference(f: Finding, lang: str) -> str:
    """The message the plain way: the template formatted with each field's text."""
    template = FINDINGS.get(f.code, (f.code, f.code))[1 if lang == "en" else 0]
    stated = dict(f.params)

    def text(name: str) -> str:
        if name in stated:
            value = stated[name]
            if name == "level" and lang != "en" and value:
                return _LEVEL_NAMES.get(value, value)
            return _fmt(value)
        if name in ("expected", "actual"):
            return _fmt(getattr(f, name))
        return ""

    fields = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    return template.format_map({name: text(name) for name in fields})


def test_every_template_has_plain_fields_only() -> None:
    for code, pair in FINDINGS.items():
        for template in pair:
            for _, name, spec, conversion in string.Formatter().parse(template):
                assert (spec or "", conversion) == ("", None), (code, template)
                assert name is None or name.isidentifier(), (code, template)
    assert {"actual", "expected", "level", "children"} <= set(NAMES)


values = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False),
                   st.integers(-10**12, 10**12), st.text(max_size=8),
                   st.sampled_from(["subkegiatan", "total", "program", "{actual}", ""]))


@settings(max_examples=400, deadline=None)
@given(code=st.sampled_from([*FINDINGS, "a-code-without-template"]),
       lang=st.sampled_from(["id", "en"]),
       params=st.dictionaries(st.sampled_from([*NAMES, "other"]), values, max_size=5),
       expected=values, actual=values)
def test_message_is_the_template_filled_in(code: str, lang: str, params: dict, expected: object,
                                           actual: object) -> None:
    f = Finding("Sheet1", 4, 2, code, "error", tuple(params.items()), expected, actual)
    assert finding_message(f, lang) == reference(f, lang)


def test_examples() -> None:
    f = Finding("T", 9, 7, "total-mismatch", "error", (("level", "subkegiatan"), ("children", 3)),
                1_250_000.0, 1_200_000.5)
    assert finding_message(f) == ("Nilai sub kegiatan tidak sama dengan jumlah 3 baris di "
                                  "bawahnya: tertulis 1.200.000,50, jumlahnya 1.250.000.")
    assert finding_message(f, "en") == ("The subkegiatan value is not the sum of its 3 child "
                                        "rows: stated 1.200.000,50, sum 1.250.000.")


def _fmt_with_format(value: object) -> str:
    """The values' wording as ``format`` groups thousands (how ``_fmt`` was written first)."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) >= 1000:
            return f"{int(value):,}".replace(",", ".")
        if abs(value) >= 1000:
            whole, frac = f"{value:,.2f}".split(".")
            return whole.replace(",", ".") + "," + frac
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return "–" if value is None else str(value)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                 st.floats(-1e16, 1e16).map(lambda x: float(round(x))),
                 st.integers(-10**7, 10**7).map(lambda n: n / 100),
                 st.sampled_from([999.995, 1000.0, -1000.0, 999.0, 100_000.0, -123_456.5, 0.0,
                                  -0.0, 1e21, 1234.005]),
                 st.none(), st.integers(), st.text(max_size=5)))
def test_values_are_grouped_as_format_groups_them(value: object) -> None:
    assert _fmt(value) == _fmt_with_format(value)

