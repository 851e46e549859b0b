"""Table descriptions: which header texts mean which column role, as data.

A new layout is a new ``Layout`` (roles and their synonyms, what must be present to recognise
it) plus its rules in ``sakip_xl.rules``; nothing else in the pipeline changes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Record
from ..normalise import squash_spaces
from ..patterns import compiled


class Role(Record):
    """A column role recognised from normalised header text.

    ``all_``: every pattern must match; ``any_``: at least one must (if given); ``none``: no
    pattern may match. ``kinds``: the group splits into K / Rp (/ %) sub-columns and its keys
    are ``{name}_{kind}``; ``quarterly``: sub-columns I..IV give ``tw{q}_{kind}``;
    ``percent``: the column holds percentages, which a money header's ``(000)`` / ``(juta)``
    never scales. ``marks``: the header is one value of the role and a mark (√) in a row
    states it: "Sangat Berhasil | Berhasil | Cukup Berhasil | Tidak Berhasil" over √ and -;
    each such column's key is ``mark_key(name, header text)``. ``spans``: a header of this
    role names every column below it, whatever their own labels say: a split "Kode" over
    "Urusan | Program | Kegiatan | Sub Kegiatan" is four parts of the kode, not four uraian.
    """

    __slots__ = ("_exact", "_patterns", "all_", "any_", "identity", "kinds", "marks", "name",
                 "none", "percent", "quarterly", "spans")

    def __init__(self, name: str, all_: tuple[str, ...] = (), any_: tuple[str, ...] = (),
                 none: tuple[str, ...] = (), kinds: bool = False, quarterly: bool = False,
                 identity: bool = False, percent: bool = False, marks: bool = False,
                 spans: bool = False) -> None:
        self.name = name
        self.all_ = all_
        self.any_ = any_
        self.none = none
        self.kinds = kinds
        self.quarterly = quarterly
        self.identity = identity  # kode / uraian / indikator / sasaran: make a row a data row
        self.percent = percent
        self.marks = marks
        self.spans = spans
        self._patterns = tuple(tuple(HeaderPattern(p) for p in group)
                               for group in (none, all_, any_))
        # a role of whole texts only ("^berhasil$", "^cukup berhasil$", …): one set lookup
        exact = [_EXACT.fullmatch(p) for p in any_]
        self._exact = (frozenset(m.group(1) for m in exact if m)
                       if any_ and all(exact) and not all_ and not none else None)

    def matches(self, text: str) -> bool:
        if self._exact is not None:
            return text in self._exact
        # plain loops, not all()/any(): this runs for every header text of every layout
        none, all_, any_ = self._patterns
        for p in all_:
            if not p.found(text):
                return False
        if any_:
            for p in any_:
                if p.found(text):
                    break
            else:
                return False
        for p in none:  # noqa: SIM110 - a loop, as above
            if p.found(text):
                return False
        return True


_EXACT = compiled(r"\^([a-z0-9%][a-z0-9% ]*)\$")
_PLAIN = compiled(r"\^?(?:\\b)?([a-z0-9%][a-z0-9% ]*)(?:\\b)?\$?")
# a pattern that starts with whole words and has no alternation needs those words too
# (``^tujuan\b.*\bsasaran\b`` needs "tujuan")
_LEADING = compiled(r"\^?(?:\\b)?([a-z][a-z ]*[a-z])\\b(?![?*{])")


class HeaderPattern:
    """One synonym pattern. Most are words (``^kode\\b``, ``\\btingkat capaian\\b``): a text
    without those words (``needs``) cannot match, so the regex is compiled and run only for
    texts that hold them."""

    __slots__ = ("_regex", "needs", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        plain = _PLAIN.fullmatch(source) or ("|" not in source and _LEADING.match(source))
        self.needs = plain.group(1) if plain else None  # None: no word test, always the regex
        self._regex: re.Pattern[str] | None = None

    def found(self, text: str) -> bool:
        if self.needs is not None and self.needs not in text:
            return False  # nearly every text fails here, on the words alone
        if self._regex is None:
            self._regex = compiled(self.source)
        return self._regex.search(text) is not None


# A derived column of a Renja form: (result key, op, input keys, finding code, the formula as
# the form numbers it). op: "sum" (of the inputs the table has) | "add" | "ratio"
Formula = tuple[str, str, tuple[str, ...], str, str]


class Layout:
    """A table description. One object per layout, compared and hashed by identity (it is a
    memo key)."""

    __slots__ = ("any_required", "continuation_rows", "default_kind", "forbidden",
                 "label_columns", "name", "prefixes", "required", "required_words", "roles",
                 "title", "title_en", "twins", "years")

    def __init__(self, name: str, title: str, title_en: str, roles: tuple[Role, ...],
                 required: tuple[str, ...], any_required: tuple[tuple[str, ...], ...] = (),
                 forbidden: tuple[str, ...] = (), years: bool = False, default_kind: str = "k",
                 prefixes: tuple[tuple[str, str], ...] = (),
                 continuation_rows: bool = False,
                 label_columns: tuple[tuple[str, str, str], ...] = (),
                 twins: tuple[tuple[str, str], ...] = ()) -> None:
        self.name = name
        self.title = title  # Indonesian name for users
        self.title_en = title_en
        self.roles = roles  # priority order: the first role that matches wins
        self.required = required  # roles that must all be present to recognise the layout
        # each group: at least one present, a role or a column key ("target_rp")
        self.any_required = any_required
        self.forbidden = forbidden  # roles whose presence means another layout
        self.years = years  # year super-headers ("2022" | "2023"): older years get ``_lalu``
        self.default_kind = default_kind
        # a group header above a role prefixes its key: (("^kinerja", "k_"), ("^anggaran", "rp_"))
        self.prefixes = prefixes
        # the Renja forms: a row with an indicator but no kode or name is the row above's next
        # indicator (a continuation row, ``DataRow.owner``)
        self.continuation_rows = continuation_rows
        # (key, as key, test): a column of the first key whose cells all pass the test is the
        # second key's column when the table has none ("Keterangan" holding the predikat); the
        # tests are ``locate.CONTENT_TESTS``
        self.label_columns = label_columns
        # (key, twin): one header over two columns of no sub-header names the second the twin;
        # of the two, the column of percentages keeps the key ("Tingkat Efisiensi" over the
        # rupiah saved and its percentage)
        self.twins = twins
        # per required role whose synonyms are all words: the words, one of which a header
        # must hold to be this layout's (a cheap test before its columns are mapped)
        self.required_words = tuple(w for w in map(self._words_of, required) if w)

    def _words_of(self, name: str) -> tuple[str, ...]:
        """The words one of which any header text naming role ``name`` holds; () when a
        synonym is no plain word (it could match any text)."""
        words: list[str] = []
        for role in self.roles:
            if role.name != name:
                continue
            if role.all_ or not role.any_:
                return ()
            for source in role.any_:
                needs = HeaderPattern(source).needs
                if needs is None:
                    return ()
                words.append(needs)
        return tuple(words)

    def __repr__(self) -> str:
        return f"Layout({self.name!r})"

    def unprefixed(self, key: str) -> str:
        for _, pre in self.prefixes:
            if key.startswith(pre):
                return key[len(pre):]
        return key

    def role_of_key(self, key: str) -> str:
        """The role a column key belongs to (``target_renstra_rp`` -> ``target_renstra``)."""
        return _role_of_key(self.name, key)

    def identity_keys(self, keys: list[str]) -> list[str]:
        """Keys of the columns that make a row a data row (kode, uraian, indikator, …)."""
        ident = {r.name for r in self.roles if r.identity}
        return [k for k in keys if self.role_of_key(k) in ident]

    def role(self, text: str) -> Role | None:
        for role in self.roles:
            if role.matches(text):
                return role
        return None


def mark_key(role: str, label: str) -> str:
    """The key of a column that states ``label`` of ``role`` with a mark (``Role.marks``):
    ``predikat=Sangat Berhasil``."""
    return f"{role}={label}"


def marked_label(key: str) -> tuple[str, str] | None:
    """(role, label) of a ``mark_key``; None for any other key."""
    role, sep, label = key.partition("=")
    return (role, label) if sep else None


@lru_cache(maxsize=1024)
def _role_of_key(layout_name: str, key: str) -> str:
    layout = registry()[layout_name]
    bare = layout.unprefixed(key)
    names = [r.name for r in layout.roles if bare == r.name or bare.startswith(r.name + "_")]
    return max(names, key=len) if names else bare


_SD = compiled(r"\bs\s*[./]\s*d\b\.?|\bsampai dengan\b|\bsd\.")
_PUNCTUATION = compiled(r"[^\w%/+=\-]")


def normalise_header(text: str) -> str:
    """Lower case, one space, ``s/d``/``s.d``/``sampai dengan`` -> ``sd``, punctuation away."""
    s = str(text).lower().replace("\n", " ")
    s = _SD.sub(" sd ", s)
    s = _PUNCTUATION.sub(" ", s)
    s = s.replace("/", " / ")
    return squash_spaces(s)


@lru_cache(maxsize=1)
def registry() -> dict[str, Layout]:
    """Every layout sakip-xl knows, by name (one dict per process: treat as read-only)."""
    from .anggaran import ANGGARAN
    from .efisiensi import EFISIENSI
    from .pengukuran import PENGUKURAN
    from .rencana_aksi import RENCANA_AKSI
    from .renja_tahunan import RENJA_TAHUNAN
    from .tc29 import TC29

    return {lay.name: lay
            for lay in (TC29, RENJA_TAHUNAN, PENGUKURAN, ANGGARAN, RENCANA_AKSI, EFISIENSI)}
