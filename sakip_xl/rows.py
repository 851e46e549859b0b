"""Table rows -> ``DataRow``: which rows are data, their level, their normalised values.

Levels come from the kode (Kepmendagri 050-5889/2021, long and short forms, 2- or 4-digit sub
kegiatan) or, without a kode, from the text ("PROGRAM …" is a program). A row with an indicator
but no kode and no name continues the row above. Footer rows (rata-rata, predikat, faktor …,
tindak lanjut) and signature blocks are not data rows; footers are kept for the predikat check.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .layouts import marked_label, registry
from .locate import TABLE_END
from .model import DataRow, Record, SheetGrid, Table, Value
from .normalise import EMPTY, norm_text, parse_cell
from .patterns import compiled

FOOTER_PATTERNS = (
    r"rata ?- ?rata", r"\bpredikat\b", r"faktor pendorong", r"faktor penghambat",
    r"tindak lanjut", r"^disusun\b", r"^dievaluasi\b", r"^disetujui\b", r"^mengetahui\b",
    r"^kepala\b", r"^nip\b", r"^hal(aman)? \d+", r"prepared by", r"^\*", r"^catatan\b",
    r"^keterangan ?:", r"^sumber ?:",
)
# searched in the lowercased label, the anchored ones only at its start: an alternation of
# all of them with IGNORECASE tries every pattern at every position (4× slower on uraian text)
_FOOTER_START = compiled("|".join(p[1:] for p in FOOTER_PATTERNS if p.startswith("^")))
_FOOTER_ANYWHERE = compiled("|".join(p for p in FOOTER_PATTERNS if not p.startswith("^")))


# a word each pattern that may match anywhere holds: a label without any of them (most
# uraian) is not searched with the pattern at all
_FOOTER_WORDS = ("rata", "predikat", "faktor", "tindak", "prepared")


def is_footer(label: str) -> bool:
    low = label.lower()
    if _FOOTER_START.match(low):
        return True
    for word in _FOOTER_WORDS:
        if word in low:
            return _FOOTER_ANYWHERE.search(low) is not None
    return False


_TOTAL = compiled(r"^(jumlah|total|grand total)\b(?!.*rata)", re.IGNORECASE)
_RATA = compiled(r"rata ?- ?rata", re.IGNORECASE)
_PREDIKAT_ROW = compiled(r"\bpredikat\b", re.IGNORECASE)
_PROGRAM_TEXT = compiled(r"^\s*program\b", re.IGNORECASE)
_KEGIATAN_TEXT = compiled(r"^\s*kegiatan\b", re.IGNORECASE)
_SUB_TEXT = compiled(r"^\s*sub ?kegiatan\b", re.IGNORECASE)
_HEADING_TEXT = compiled(r"^\s*(urusan|bidang urusan|unsur|fungsi|bidang)\b", re.IGNORECASE)
_KODE_CLEAN = compiled(r"[^0-9A-Za-z.]")
_DIGIT = compiled(r"\d")

LEVEL_RANK = {"program": 1, "kegiatan": 2, "subkegiatan": 3}


class FooterRow(Record):
    __slots__ = ("kind", "label", "row")

    def __init__(self, row: int, kind: str, label: str) -> None:
        self.row = row
        self.kind = kind  # rata | predikat | other
        self.label = label


def join_kode(parts: list[object]) -> str | None:
    """The kode of a row from its kode cells (one, or a split kode over several columns)."""
    if len(parts) == 1 and type(parts[0]) is str:
        return _kode_of(parts[0])
    return _kode_of_texts(tuple(norm_text(raw) for raw in parts))


def _kode_of(text: str) -> str | None:
    """The kode of one cell's text: a kode written as it is kept comes back as it is, any
    other text through the general cleaning (``_kode_of_texts``, remembered)."""
    return text if _is_plain_kode(text) else _kode_of_texts((norm_text(text),))


def _is_plain_kode(text: str) -> bool:
    """A kode written as it is kept (``1.06.02.2.01.0001``: ASCII letters and digits in
    segments joined by single dots), which the general cleaning would give back unchanged: one
    pass over its characters."""
    dot = True  # the character before was a dot (or there was none): a dot may not come
    for ch in text:
        code = ord(ch)
        if code == 46:  # '.'
            if dot:
                return False
            dot = True
        elif 48 <= code <= 57 or 65 <= code <= 90 or 97 <= code <= 122:
            dot = False
        else:
            return False
    return not dot  # not empty, not ending in a dot


@lru_cache(maxsize=1 << 14)
def _kode_of_texts(texts: tuple[str, ...]) -> str | None:
    """The kode from its cells' normalised texts (memoised: the split kode of Sukabumi's
    forms repeats its program and kegiatan parts on every row)."""
    pieces = [t for t in texts if t]
    if not pieces:
        return None
    kode = ".".join(pieces)
    kode = _KODE_CLEAN.sub("", kode.replace(" ", ".")).strip(".")
    while ".." in kode:
        kode = kode.replace("..", ".")
    return kode or None


_KODE = compiled(r"[0-9Xx]+(\.[0-9Xx]+)*")


@lru_cache(maxsize=1 << 14)
def kode_level(kode: str | None) -> str | None:
    """program | kegiatan | subkegiatan from a kode's segments, None if it is no kode."""
    if not kode or not _KODE.fullmatch(kode):
        return None
    segs = kode.split(".")
    n = len(segs)
    second_short = n > 1 and len(segs[1]) == 1
    if n == 1:
        return "urusan" if len(segs[0]) == 1 else "program"  # 1 is an urusan, 01 a program
    if n == 2:
        return "urusan" if len(segs[0]) == 1 else "kegiatan"  # 1.06 is a bidang urusan
    if n == 3:
        return "kegiatan" if second_short else "program"  # 01.2.01 | 1.06.02
    if n == 4:
        return "subkegiatan" if second_short else "kegiatan"  # 01.2.01.0003 | 1.01.01.01
    if n == 5:
        return "kegiatan" if not second_short else "subkegiatan"  # 1.06.02.2.01
    return "subkegiatan"  # 1.06.02.2.01.0003 / .03


@lru_cache(maxsize=1 << 14)
def parent_kode(kode: str) -> str | None:
    """The kode one level up: sub kegiatan -> kegiatan -> program."""
    level = kode_level(kode)
    segs = kode.split(".")
    if level == "subkegiatan":
        return ".".join(segs[:-1])
    if level == "kegiatan":
        if len(segs) >= 5 or (len(segs) == 3 and len(segs[1]) == 1):
            return ".".join(segs[:-2])
        return ".".join(segs[:-1])
    return None


def _text_at(cells: list[object], col: int | None) -> str | None:
    """The normalised text of one cell of a row, None when there is none."""
    if col is None or col >= len(cells):
        return None
    return norm_text(cells[col]) or None


def _row_label(cells: list[object], label_cols: list[int]) -> str:
    """First text in the label columns (no / kode / uraian and what lies left of them).

    Indicator and sasaran texts never count: "Jumlah dokumen …" or "Persentase rata-rata …"
    are indicators, not JUMLAH or footer rows.
    """
    for c in label_cols:
        if c < len(cells):
            raw = cells[c]
            if isinstance(raw, str) and raw.strip():
                return norm_text(raw)
    return ""


def _has_values(values: dict[str, Value]) -> bool:
    return any(v.kind != "empty" for v in values.values())


def _footer_kind(text: str) -> str:
    """What a footer row is for the checks: "rata" (rata-rata), "predikat" or "other"."""
    return "rata" if _RATA.search(text) else "predikat" if _PREDIKAT_ROW.search(text) else "other"


def _only_a_result(values: dict[str, Value]) -> bool:
    """At most one value, and no target or realisasi among them."""
    filled = [k for k, v in values.items() if v.kind != "empty"]
    return len(filled) <= 1 and not any(k.startswith(("target", "realisasi")) for k in filled)


# columns of text, never read as values
_TEXT_ROLES = ("no", "kode", "satuan", "unit", "keterangan", "konteks", "formula", "polaritas")


def value_keys(table: Table) -> list[str]:
    """The keys of a table's columns read as values (``Value`` per cell): all but its text
    and identity columns (kode, uraian, indikator, sasaran, satuan, …)."""
    cols = table.columns
    ident = set(registry()[table.layout].identity_keys(list(cols)))
    return [k for k in cols if k not in _TEXT_ROLES and k not in ident]


def typed_formulas(sheet: SheetGrid, columns: set[int], text_columns: set[int]
                   ) -> dict[int, list[tuple[int, str]]]:
    """Row -> (column, text) of formulas read as they are typed: in ``columns``, those that
    could not be evaluated ("=Program Peningkatan …", "=HYPERLINK(…)": a library writes a
    text that starts with "=" as a formula); in ``text_columns`` (kode, uraian, indikator,
    …), also those sakip-xl worked out to a number: "=SUM(A1:A3)" typed as a kegiatan's name is that
    name, not 0. A value column counts an unevaluated cell as empty
    (``formula-not-evaluated``)."""
    out: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in sheet.formulas.items():
        if (c in columns and (r, c) in sheet.unevaluated) or (
                c in text_columns and not isinstance(sheet.value(r, c), str)):
            out.setdefault(r, []).append((c, "=" + text.lstrip("=")))
    return out


def build_rows(sheet: SheetGrid, table: Table) -> tuple[list[DataRow], list[FooterRow]]:
    cols = table.columns
    id_cols = [cols[k] for k in ("no", "kode", "uraian") if k in cols] + list(table.kode_columns)
    skip = {cols[k] for k in ("indikator", "sasaran") if k in cols}
    label_cols = [c for c in range(max(id_cols, default=0) + 1) if c not in skip]
    layout = registry()[table.layout]
    continues = layout.continuation_rows
    ident = layout.identity_keys(list(cols))
    extra_ident = [cols[k] for k in ident if k not in ("kode", "uraian", "indikator", "sasaran")]
    valued = value_keys(table)
    value_cols = {cols[k] for k in valued}
    # the text columns (all but the values and the row number, often "=A10+1")
    text_cols = {*cols.values(), *table.kode_columns} - value_cols - {cols.get("no")}
    typed = typed_formulas(sheet, text_cols | {*label_cols}, text_cols) if sheet.formulas else {}
    # (key, column, the column's scale, its number formats by row: looked up once per table)
    specs = [(k, cols[k], table.scales.get(k, 1.0), sheet.formats.get(cols[k]))
             for k in valued]
    # every row's values start as a copy of this one: a copy has its size from the start, where
    # a dict filled key by key grows (and is rebuilt) three times on the way to 20-odd keys
    blank: dict[str, Value] = dict.fromkeys(valued, EMPTY)
    # one column per label, the row's marked with √: the row states that label (one Value
    # per column, shared: Values are immutable)
    marked: list[tuple[str, str, Value]] = []
    for k in valued:
        named = marked_label(k)
        if named is not None:
            marked.append((k, named[0], Value("text", text=named[1])))
    rows: list[DataRow] = []
    footers: list[FooterRow] = []
    last_main: int | None = None
    sasaran: str | None = None
    program_seen = False
    closed = False  # the table's end (a summary or signature row) has been seen
    col_uraian = cols.get("uraian", cols.get("program"))
    col_indikator, col_sasaran = cols.get("indikator"), cols.get("sasaran")
    col_satuan, col_polaritas = cols.get("satuan"), cols.get("polaritas")
    n_rows = len(sheet.rows)
    for r in table.rows:
        cells = sheet.rows[r] if r < n_rows else []
        if typed and r in typed:
            cells = list(cells)
            for c, text in typed[r]:
                cells[c] = text
        label = _row_label(cells, label_cols)
        if label and is_footer(label):
            footers.append(FooterRow(r, _footer_kind(label), label))
            closed = closed or TABLE_END.match(label) is not None
            continue
        kode = join_kode([cells[c] if c < len(cells) else "" for c in table.kode_columns]) if (
            table.kode_columns) else None
        if kode and not _DIGIT.search(kode):
            kode = None
        uraian = _text_at(cells, col_uraian)
        indikator = _text_at(cells, col_indikator)
        sas = _text_at(cells, col_sasaran)
        if sas:
            sasaran = sas
        values = blank.copy()
        width = len(cells)
        for key, c, scale, formats in specs:
            if c < width:
                raw = cells[c]
                if raw is not None:  # an empty text too is EMPTY there
                    values[key] = parse_cell(raw, formats.get(r) if formats else None, scale)
        for key, role, stated in marked:
            if values[key].kind == "mark":
                values[role] = stated
        if not label and not kode and not uraian:
            # a table without uraian has its summary, notes and signature typed in the
            # indicator (or sasaran) column: "Rata-rata capaian" or "Predikat" beside its one
            # figure (locate.TABLE_END), "Sumber: …", "Mengetahui," (a footer's start) —
            # footers. "Rata-rata lama sekolah", "Predikat SAKIP", "Kepala keluarga …" are
            # indicators: they have a target or a realisasi. After the table's end (here or
            # in the label columns) the rows without a value (the name, the NIP) are not data.
            written = indikator or sas or ""
            end = TABLE_END.match(written) if written else None
            if (end or (written and _FOOTER_START.match(written.lower()))) and _only_a_result(
                    values):
                footers.append(FooterRow(r, _footer_kind(written), written))
                closed = closed or end is not None
                continue
            if closed and not _has_values(values):
                continue
        total_label = label if _TOTAL.match(label or "") else None
        if total_label and not kode:
            rows.append(DataRow(r, "total", None, total_label, indikator, None, values,
                                sasaran=sasaran))
            last_main = len(rows) - 1
            continue
        if not (kode or uraian or indikator or sas
                or any(_text_at(cells, c) for c in extra_ident)):
            continue  # blank, page marks, helper rows without identity
        satuan = _text_at(cells, col_satuan)
        if satuan is None and table.extra_satuan is not None:
            satuan = _text_at(cells, table.extra_satuan)
        level = kode_level(kode)
        if level == "urusan":
            if not indikator:
                continue  # urusan / bidang urusan heading
            level = None
        if level is None:
            if (uraian and _HEADING_TEXT.match(uraian) and not indikator
                    and not _has_values(values)):
                continue  # urusan / bidang heading rows
            if uraian and _SUB_TEXT.match(uraian):
                level = "subkegiatan"
            elif uraian and _PROGRAM_TEXT.match(uraian):
                level = "program"
            elif uraian and _KEGIATAN_TEXT.match(uraian):
                level = "kegiatan"
            elif uraian:
                level = "kegiatan" if program_seen else "program"
            elif (continues and (indikator or _has_values(values))
                  and last_main is not None):
                level = "indikator"
            elif sas and not indikator:
                level = "sasaran"
            else:
                level = "indikator"
        elif (level == "program" and uraian and last_main is not None
              and rows[last_main].level == "program" and rows[last_main].kode == kode):
            level = "kegiatan"  # kegiatan part of a split kode left blank (Sukabumi)
        if level == "program":
            program_seen = True
        owner = last_main if level == "indikator" and continues else None
        rows.append(DataRow(r, level, kode, uraian, indikator, satuan, values, owner=owner,
                            sasaran=sasaran,
                            polaritas=_text_at(cells, col_polaritas)))
        if level != "indikator":
            last_main = len(rows) - 1
    return rows, footers

