"""Find header blocks and map columns to roles (SPEC §2): from header text, never positions.

A header block starts at a row whose cells name at least two roles of a layout; it runs over
the following rows that hold only sub-headers (K, Rp, %, I–IV, years, role names), then an
optional column-number row ("1 2 3 … 17", "13 = 9+10+11+12"). Merged cells spread their text
over the cells they cover; without merges a group text spreads right over the empty cells that
have sub-headers below. A column's role is the deepest header text that names a role.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .layouts import Layout, Role, mark_key, normalise_header, registry
from .memo import remember
from .model import NumFmt, Record, SheetGrid, Table
from .normalise import CURRENCY_ALONE, parse_cell, squash_spaces
from .patterns import compiled
from .settings import Scale, Settings

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any

_HEADER_PREFIXES = ("target", "realisasi", "anggaran", "pagu", "capaian", "indikator",
                    "tingkat", "triwulan", "efisiensi", "alokasi",
                    r"(?:jumlah|total) (?:anggaran|realisasi|pagu)")
# a text (after the NUL put before each of a row's texts) starting with one of them: the
# pattern starts with that NUL, so the regex engine jumps from one text to the next
_HEADER_WORD = compiled(r"\0\s*(?:" + "|".join(_HEADER_PREFIXES) + r")")
_YEAR = compiled(r"\b(19[5-9]\d|20\d\d)\b")
_DIGIT = compiled(r"\d")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = compiled(r"^(?:triwulan|tw|trw|q)?\s*(?:ke)?\s*-?\s*([ivl1]{1,3}|iv|[1-4])$")
_KIND_TOKENS = (
    (compiled(r"^(k|kinerja|fisik|target k|realisasi k)$"), "k"),
    (compiled(r"^(rp|rupiah|anggaran|keuangan|dana)\b|^\(?rp\b"), "rp"),
    (compiled(r"^(%|persen|prosen|persentase)$"), "pct"),
    (compiled(r"^satuan\b"), "satuan"),
)
# a quarter named inside a group's own text: "Triwulan I", "Realisasi TW II", "TW III (K)"
_QUARTER_IN = compiled(r"\b(?:triwulan|tw|trw)\s*(?:ke)?\s*-?\s*(iv|i{1,3}|[1-4])\b")
# the kind a flat header carries at its end: "Target Renja (K)", "TW I Rp", "Realisasi (Rp juta)"
_KIND_AT_END = compiled(r"(?:^|\s)(k|rp|rupiah|kinerja|anggaran|keuangan|%|persen)"
                        r"(?: juta| 000| ribu)?$")
_AMOUNT = compiled(r"\d{1,3}(?:[.,]\d{3})+|\d+[.,]\d+|\d{5,}|\d\s*%")
# A row that closes a table: its summary (rata-rata, predikat) or the signature block under it.
# A header repeated after such a row starts a table of its own (two stacked on one sheet); a
# header repeated without one is the same table continued over a page break. Page marks
# ("Hal 2 dari 3") and notes do not close a table: they sit at page breaks.
TABLE_END = compiled(r"^\s*(?:(?P<summary>rata ?- ?rata|predikat\b)|mengetahui\b|kepala\b"
                     r"|nip\b|disusun\b|dievaluasi\b|disetujui\b)", re.IGNORECASE)
_NUMBER_NOTE = compiled(r"^\(?(\d{1,2})\)?(\s*=\s*[\d\s+\-*/x×().%]+)?$")
# how far a column number may run ahead of the columns it moves (a form skips one or two)
_NUMBER_SKIP = 2


class _Column(Record):
    __slots__ = ("col", "key", "scale")

    def __init__(self, col: int, key: str, scale: float) -> None:
        self.col = col
        self.key = key
        self.scale = scale


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    return normalise_header(text)


# the roles header texts name, by layout then text (``memo``)
_ROLE_MEMO: dict[str, dict[str, Role | None]] = {}
_ROLE_MEMO_SIZE = 16384
MEMOS = (_ROLE_MEMO,)


def _role_of(layout_name: str, text: str) -> Role | None:
    """The role a header text names in a layout (the role, not only its name: a name may
    have two roles, "predikat" as a column of labels and as one column per label)."""
    memo = _ROLE_MEMO.get(layout_name)
    if memo is None:
        memo = _ROLE_MEMO[layout_name] = {}
    elif text in memo:
        return memo[text]
    return remember(memo, text, registry()[layout_name].role(text), _ROLE_MEMO_SIZE)


def _role_name(layout_name: str, text: str) -> str | None:
    role = _role_of(layout_name, text)
    return role.name if role else None


def _cell_text(raw: object) -> str:
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (int, float)):
        return str(raw)
    return ""


@lru_cache(maxsize=4096)
def kind_of(text: str) -> str | None:
    for pattern, kind in _KIND_TOKENS:
        if pattern.search(text):
            return kind
    return None


@lru_cache(maxsize=4096)
def quarter_of(text: str) -> int | None:
    m = _QUARTER.match(text.replace(" ", "") if len(text) < 12 else text)
    if not m:
        return None
    token = m.group(1).replace("l", "i")
    return _ROMAN.get(token)


_THOUSANDS = compiled(r"\(\s*000\s*\)|\bribuan\b|\(ribu\)|\bx ?1\.?000\b")
_MILLIONS = compiled(r"\bjuta\b|\bjt\b")
_BILLIONS = compiled(r"\bmiliar\b|\bmilyar\b")


@lru_cache(maxsize=4096)
def scale_of(text: str) -> float:
    if _THOUSANDS.search(text):
        return 1e3
    if _MILLIONS.search(text):
        return 1e6
    if _BILLIONS.search(text):
        return 1e9
    return 1.0


def _closed(sheet: SheetGrid, rows: list[int]) -> bool:
    """Whether a table's rows so far end with a summary or signature row (``TABLE_END``)
    after its last data row. A signature word in a row that holds numbers is data (an
    indicator "Kepala keluarga …" with its targets); a rata-rata or predikat row counts
    either way."""
    for r in reversed(rows):
        cells = sheet.rows[r]
        has_numbers = any(type(c) in (int, float) for c in cells)
        for c in cells:
            m = TABLE_END.match(c) if isinstance(c, str) else None
            if m and (m.group("summary") or not has_numbers):
                return True
        if has_numbers:
            return False  # reached the last data row: nothing closed the table after it
    return False


def _is_number_row(cells: list[Any]) -> bool:
    """The column-number row ("1 2 3 … 17", "13 = 9+10+11+12"): at least three cells, four in
    five of them column numbers, which run left to right, one per column at most (a form may
    skip one or two). A data row of small values ("2 | Persentase desa | 80 | 76 | 95", its
    sasaran merged above and no satuan) is not one: its numbers jump or fall. One pass; a row
    whose first cell is text or an amount (every data row but the numbered ones) is rejected
    at that cell."""
    filled = ok = 0
    most_bad = 0.2 * len(cells)  # more than this and four in five can no longer be numbers
    last = -1  # the last column number seen (-1: none yet)
    last_col = 0  # and its column
    for col, c in enumerate(cells):
        kind = type(c)
        number = -1  # the column number the cell holds, -1 for none
        if kind is str:
            text: str = c  # (compiled: str and float cells read as typed locals)
            if not text:
                continue
            text = text.strip()
            # a column number starts with a digit (any script's, as \d) or "(": no other
            # text is tried with the pattern
            first = text[:1]
            if first and ("0" <= first <= "9" or first == "("
                          or (first > "\x7f" and first.isdecimal())):
                m = _NUMBER_NOTE.match(text.lower())
                if m is not None:
                    number = int(m.group(1))
        elif kind is float:
            x: float = c
            if 0.0 < x < 100.0 and x == int(x):
                number = int(x)
        elif kind is int:
            whole: int = c
            if 0 < whole < 100:
                number = whole
        elif c is None:
            continue
        if not filled and number < 0 and (kind is str or kind is float):
            return False
        filled += 1
        if number >= 0:
            if last >= 0 and not (last <= number <= last + col - last_col + _NUMBER_SKIP):
                return False
            last, last_col = number, col
            ok += 1
        elif filled - ok > most_bad:
            return False
    return filled >= 3 and ok >= 0.8 * filled


_Tokens = tuple[tuple[str, str], ...]


def _subheader_tokens(cells: list[object]) -> _Tokens | None:
    """What a row below a header start holds, as far as no layout matters: None when it holds
    data (an amount, a number that is no year, long or numbered text that names no role);
    else each filled cell as ``("seen", "")`` (K, Rp, %, satuan, I–IV, a year written as text,
    short words), ``("year", "")`` (a year as a number: a sub-header where the layout has year
    columns) or ``("role", text)`` (a sub-header only if it names a role of the layout)."""
    tokens: list[tuple[str, str]] = []
    for raw in cells:
        if raw in ("", None):
            continue
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            if _is_year(raw):
                tokens.append(("year", ""))
                continue
            return None
        text = _cell_text(raw)
        if not text:
            continue
        low = _norm(text)
        if _AMOUNT.search(text) and not _YEAR.fullmatch(low) and not (
                _NUMBER_NOTE.match(text.strip().lower())):
            return None  # an amount ("Rp 20.117.262.000", "85%") is data, not a header
        if (kind_of(low) or quarter_of(low) is not None or _YEAR.fullmatch(low)
                or low in ("target", "realisasi", "capaian")):
            tokens.append(("seen", ""))
        elif len(low) <= 60 and not _DIGIT.search(low) and len(low.split()) <= 4:
            tokens.append(("seen", ""))  # short words that are not data
        else:
            tokens.append(("role", low))
    return tuple(tokens)


def _is_subheader_row(tokens: _Tokens | None, layout: Layout) -> bool:
    """Only sub-header tokens: K, Rp, %, satuan, I–IV, years, role names; no data."""
    if not tokens:
        return False
    for kind, low in tokens:
        if kind == "year" and not layout.years:
            return False
        if kind == "role" and not _role_name(layout.name, low):
            return False
    return True


def _names_two_roles(texts: list[str], layout: Layout, extra: dict[str, str]) -> bool:
    """Whether a header row's texts (normalised) name two roles or more of a layout (or of
    the configuration's synonyms for it): the start of a header block. Stops at the second
    role: this runs for every layout on every row that may be a header."""
    first: str | None = None
    for t in texts:
        for name in (_role_name(layout.name, t), extra.get(t) if extra else None):
            if name is not None:
                if first is not None and name != first:
                    return True
                first = name
    return False


def _maybe_header(cells: list[object]) -> bool:
    """Cheap test before the real one: two texts or more, one starting like a header (or
    naming a triwulan). One regex over the row's texts joined, not a test per text: every
    data row passes through here."""
    texts = [c for c in cells if type(c) is str and c]
    if len(texts) < 2:
        return False
    joined = "\0" + "\0".join(texts).lower()
    return "triwulan" in joined or _HEADER_WORD.search(joined) is not None


def _is_year(x: float) -> bool:
    """A number that is a year (a header may carry one: "2022 | 2023")."""
    return 1950 <= x <= 2099 and x == int(x)


def _holds_number(cells: list[Any]) -> bool:
    """A number in the row that is not a year. Inside a table such a row is data even when
    its texts start like a header ("Indikator 1.1 %" over its target 80): a repeated header
    or a second table's header holds only texts (and years)."""
    for c in cells:
        kind = type(c)
        if (kind is float or kind is int) and not _is_year(c):
            return True
    return False


class _MergeIndex:
    def __init__(self, merges: list[tuple[int, int, int, int]]):
        self.cover: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, c1 in merges:
            if (r1 - r0 + 1) * (c1 - c0 + 1) > 5000:
                continue
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self.cover[(r, c)] = (r0, c0)

    def origin(self, r: int, c: int) -> tuple[int, int]:
        return self.cover.get((r, c), (r, c))


_Below = list[tuple[int, str, "_Tokens | None"]]


def _below_start(sheet: SheetGrid, start: int) -> _Below:
    """The rows a header block starting at ``start`` may take in, each with what it is
    whatever the layout: ``blank`` (all covered by the merged cells above: "Triwulan I" over
    two rows), ``numbers`` (the column-number row) or ``text``, with its sub-header tokens."""
    out: _Below = []
    for r in range(start + 1, min(start + 6, len(sheet.rows))):
        cells = sheet.rows[r]
        if not any(c not in ("", None) for c in cells):
            out.append((r, "blank", None))
        elif _is_number_row(cells) and not _numbered_quarters(sheet.rows[start], cells):
            out.append((r, "numbers", None))
        else:
            tokens = _subheader_tokens(cells)
            if tokens is None and _numbered_quarters(sheet.rows[start], cells):
                tokens = (("seen", ""),) * 4  # typed as numbers, as Excel keeps a typed 1
            out.append((r, "text", tokens))
            if tokens is None:
                break  # data: no layout's header block goes past it
    return out


def _numbered_quarters(start_cells: list[object], cells: list[object]) -> bool:
    """A row of 1, 2, 3, 4 under a triwulan group ("Realisasi Kinerja pada Triwulan" over
    "1 | 2 | 3 | 4"): the quarters' sub-header, not the column-number row, which numbers
    every column of the table."""
    filled = [(c, v) for c, v in enumerate(cells) if v not in ("", None)]
    if [_cell_text(v) for _c, v in filled] != ["1", "2", "3", "4"]:
        return False
    for c, _v in filled:  # the group over it: the nearest header text at or left of it
        group = _norm(next((t for t in map(_cell_text, start_cells[c::-1]) if t), ""))
        if not any(role.quarterly and role.matches(group)
                   for layout in registry().values() for role in layout.roles):
            return False
    return True


def _header_block(below: _Below, start: int, layout: Layout) -> tuple[list[int], int]:
    """Header rows holding text (number rows left out) and the last row of the block.

    The column-number row may sit below the sub-headers or between them (Jember, Bandung put
    K / Rp under the numbers).
    """
    rows = [start]
    end = start
    for r, kind, tokens in below:
        if kind == "blank":
            continue
        if kind == "numbers":
            end = r
            continue
        if not _is_subheader_row(tokens, layout):
            break
        rows.append(r)
        end = r
    return rows, end


def _paths(sheet: SheetGrid, header_rows: list[int], merges: _MergeIndex
           ) -> tuple[tuple[str, ...], ...]:
    first, last = header_rows[0], header_rows[-1]
    width = max((len(sheet.rows[r]) for r in header_rows), default=0)
    grid: list[list[str]] = []
    for r in header_rows:
        row: list[str] = []
        for c in range(width):
            r0, c0 = merges.origin(r, c)
            inside = first <= r0 <= last and r0 in header_rows
            row.append(_cell_text(sheet.value(r0, c0) if inside else sheet.value(r, c)))
        grid.append(row)
    # spread group texts right over empty cells that have sub-headers below
    for i in range(len(grid) - 1):
        for c in range(1, width):
            if (not grid[i][c] and grid[i][c - 1]
                    and any(grid[j][c] for j in range(i + 1, len(grid)))
                    and merges.origin(header_rows[i], c) == (header_rows[i], c)):
                grid[i][c] = grid[i][c - 1]
    paths = []
    for c in range(width):
        path: list[str] = []
        for row in grid:
            t = row[c]
            if t and (not path or path[-1] != t):
                path.append(t)
        paths.append(tuple(path))
    return tuple(paths)  # a memo key of _mapping, built once for every layout tried


# the columns, the kode columns, the columns of each key, and how many roles they hold (the
# layout's score; None when they make no table of it, ``_valid``)
_Mapped = tuple[list[_Column], list[int], dict[str, list[int]], int | None]


def _map_columns(paths: tuple[tuple[str, ...], ...], layout: Layout, extra: dict[str, str]
                 ) -> _Mapped:
    """Column roles from the header paths. OPD files of one kabupaten share a template, so
    the mapping of a header seen before comes from memory (the result is read-only)."""
    return _mapping(paths, layout, tuple(sorted(extra.items())) if extra else ())


@lru_cache(maxsize=8192)
def _column_of(path: tuple[str, ...], layout: Layout, extra_items: tuple[tuple[str, str], ...]
               ) -> tuple[str | None, str | None, float, int | None]:
    """One column's header path -> (role name, key, money scale, year named in it). A pure
    function of the path: OPD files dressed differently still share most column headers, so
    a folder of mixed layouts hits this memory even when whole headers differ."""
    extra = dict(extra_items)
    norm = [_norm(t) for t in path]
    # the role each text of the path names (a synonym from the configuration names a role)
    roles = [next((r for r in layout.roles if r.name == extra[t]), None) if t in extra
             else _role_of(layout.name, t) for t in norm]
    # the deepest text that names a role ("Triwulan" over "I" over "K"), unless a parent
    # names all below it (a split Kode over Urusan | Program | …)
    role: Role | None = None
    role_idx = 0
    for i, named in enumerate(roles):
        if named is not None and (role is None or not role.spans):
            role, role_idx = named, i
    if role is None:
        return None, None, 1.0, None
    role_name = role.name
    year = None
    if layout.years:
        for t in norm:
            m = _YEAR.findall(t)
            if m:
                year = int(m[-1])
    below = norm[role_idx + 1:]
    kind = next((k for k in map(kind_of, below) if k), None)
    if kind is None and role.kinds:  # a flat header: "Target Renja (K)"
        end = _KIND_AT_END.search(norm[role_idx])
        kind = kind_of(end.group(1)) if end else None
    if kind == "pct" and role.percent:
        kind = None  # "Tingkat Realisasi (%)": a percentage column, not a % sub-column
    quarter = next((q for q in map(quarter_of, below) if q), None)
    if quarter is None and role.quarterly:  # "Triwulan I" over K / Rp, "TW II (Rp)"
        in_name = _QUARTER_IN.search(norm[role_idx])
        quarter = _ROMAN.get(in_name.group(1)) if in_name else None
    scale = 1.0
    for t in path[role_idx:]:
        scale = max(scale, scale_of(t.lower()))
    prefix = next((pre for i in range(role_idx) for pat, pre in layout.prefixes
                   if compiled(pat).search(norm[i])), "")
    if role.quarterly:
        if quarter is None:
            return role_name, None, scale, year
        key = f"tw{quarter}_{kind or layout.default_kind}"
    elif role.kinds:
        kind = kind or layout.default_kind
        key = "satuan" if kind == "satuan" else f"{role_name}_{kind}"
    elif role.marks:
        key = mark_key(role_name, squash_spaces(path[role_idx]))
    else:
        key = prefix + role_name
    if role.percent or not (key.endswith("_rp") or key.startswith("rp_")):
        scale = 1.0
    return role_name, key, scale, year


@lru_cache(maxsize=512)
def _mapping(paths: tuple[tuple[str, ...], ...], layout: Layout,
             extra_items: tuple[tuple[str, str], ...]) -> _Mapped:
    columns: list[_Column] = []
    kode_cols: list[int] = []
    years: dict[int, int] = {}
    for col, path in enumerate(paths):
        if not path:
            if kode_cols and kode_cols[-1] == col - 1:
                kode_cols.append(col)  # a split kode without merged header
            continue
        role_name, key, scale, year = _column_of(path, layout, extra_items)
        if role_name is None:
            continue
        if role_name == "kode":
            kode_cols.append(col)
        if year is not None:
            years[col] = year
        if key is not None:
            columns.append(_Column(col, key, scale))
    if layout.years and years:
        real_years = [years[c.col] for c in columns if c.col in years and
                      c.key.startswith("realisasi")]
        current = max(real_years) if real_years else max(years.values())
        relabeled = []
        for c in columns:
            y = years.get(c.col)
            if y is not None and y < current and c.key in ("target", "realisasi", "capaian"):
                relabeled.append(_Column(c.col, c.key + "_lalu", c.scale))
            elif y is not None and y > current and c.key in ("target", "realisasi", "capaian"):
                relabeled.append(_Column(c.col, c.key + "_next", c.scale))
            else:
                relabeled.append(c)
        columns = relabeled
    seen: dict[str, list[int]] = {}
    for c in columns:
        seen.setdefault(c.key, []).append(c.col)
    found = {c.key.split("_")[0] if c.key.startswith("tw") else layout.role_of_key(c.key)
             for c in columns}
    if any(c.key.startswith("tw") for c in columns):
        found.add("triwulan")
    return columns, kode_cols, seen, len(found) if _valid(found | seen.keys(), layout) else None


def _valid(found: set[str], layout: Layout) -> bool:
    """Whether the names found (the roles, and the column keys: the annual T-C.29 is told by
    its ``target_rp``) make a table of the layout."""
    if not set(layout.required) <= found:
        return False
    if any(not (set(group) & found) for group in layout.any_required):
        return False
    return not (set(layout.forbidden) & found)


def _table_at(sheet: SheetGrid, start: int, merges: _MergeIndex, layouts: list[Layout],
              extra: dict[str, dict[str, str]]) -> Table | None:
    best: tuple[int, Table] | None = None
    texts = [_norm(t) for t in sheet.rows[start] if isinstance(t, str) and t.strip()]
    paths_of: dict[tuple[int, ...], tuple[tuple[str, ...], ...]] = {}
    words_of: dict[tuple[int, ...], str] = {}  # the block's header texts, normalised
    below: _Below | None = None  # the same for every layout
    for layout in layouts:
        if not _names_two_roles(texts, layout, extra.get(layout.name, {})):
            continue
        if below is None:
            below = _below_start(sheet, start)
        header_rows, end = _header_block(below, start, layout)
        block = tuple(header_rows)
        paths = paths_of.get(block)
        if paths is None:  # most layouts see the same header block
            paths = paths_of[block] = _paths(sheet, header_rows, merges)
            words_of[block] = "\0".join({_norm(t) for path in paths for t in path})
        if layout.name not in extra and not all(
                any(w in words_of[block] for w in words) for words in layout.required_words):
            continue  # a role the layout requires is named nowhere in the header
        columns, kode_cols, seen, score = _map_columns(paths, layout,
                                                       extra.get(layout.name, {}))
        if score is None:
            continue
        mapping = {c.key: c.col for c in reversed(columns)}  # first column wins
        table = Table(
            sheet=sheet.name, layout=layout.name, header_first=start, header_last=end,
            columns=mapping, scales={c.key: c.scale for c in columns if c.scale != 1.0},
            rows=[], kode_columns=tuple(kode_cols),
        )
        for key, cols in seen.items():
            if key.endswith("_k") and len(cols) > 1 and "satuan" not in mapping:
                table.extra_satuan = cols[1]
                break
        for key, twin in layout.twins:
            cols = seen.get(key, [])
            if len(cols) == 2 and twin not in mapping and paths[cols[0]] == paths[cols[1]]:
                mapping[twin] = cols[1]
        if best is None or score > best[0]:
            best = (score, table)
    return best[1] if best else None


def locate(sheet: SheetGrid, layouts: list[Layout] | None = None,
           settings: Settings | None = None) -> list[Table]:
    """All tables on a sheet, their columns named by header (and the configuration's
    synonyms: layout -> {header: role}) and, where a layout says so, by content
    (``_name_columns_by_content``)."""
    layouts = layouts or list(registry().values())
    settings = settings or Settings()
    extra = {lay: {_norm(k): v for k, v in syn.items()}
             for lay, syn in settings.synonyms.items()}
    merges = _MergeIndex(sheet.merges)
    tables: list[Table] = []
    current: Table | None = None
    r = 0
    n = len(sheet.rows)
    while r < n:
        cells = sheet.rows[r]
        # inside a table, a row holding a number is data: asked first, it spares most data
        # rows the header test
        if not (current is not None and _holds_number(cells)) and (
                _maybe_header(cells) or (extra and any(isinstance(c, str) and any(
                    _norm(c) in syn for syn in extra.values()) for c in cells))):
            found = _table_at(sheet, r, merges, layouts, extra)
            if found is not None:
                if current is not None and found.layout == current.layout and (
                        set(found.columns) == set(current.columns)) and not _closed(
                        sheet, current.rows):
                    r = found.header_last + 1  # a repeated header block (page break)
                    continue
                current = found
                tables.append(found)
                r = found.header_last + 1
                continue
        if current is not None and not _is_number_row(cells):
            current.rows.append(r)
        r += 1
    for table in tables:
        _name_columns_by_content(sheet, table, settings.scales)
    return tables


def _name_columns_by_content(sheet: SheetGrid, table: Table, scales: tuple[Scale, ...]
                             ) -> None:
    """Columns named by what they hold, where a layout says so. SPEC §2.2's "predikat /
    kategori / keterangan": a table without a predikat column whose "Keterangan" holds nothing
    but predikat labels (of any scale in ``scales``) has its predikat there; a keterangan of
    notes ("Tercapai", "Data sementara") stays a keterangan. Of a header's two columns
    (``Layout.twins``), the one of percentages keeps the header's key. A column of nothing
    but "Rp" gives its key to the column of numbers right of it."""
    layout = registry()[table.layout]
    cols = table.columns
    for key, twin in layout.twins:
        if key in cols and twin in cols and not _holds(sheet, table, cols[key], "percent",
                                                        scales) and _holds(
                sheet, table, cols[twin], "percent", scales):
            cols[key], cols[twin] = cols[twin], cols[key]
    for source, target, test in layout.label_columns:
        col = cols.get(source)
        if col is not None and target not in cols and _holds(sheet, table, col, test, scales):
            cols[target] = cols.pop(source)
    # "Rp" typed in a cell of its own left of each amount ("Anggaran" over "Rp" | 1.000.000,
    # as tables converted from a word processor are): the amounts are the column's values
    taken = set(cols.values())
    for key, col in list(cols.items()):
        if col + 1 not in taken and _holds(sheet, table, col, "currency", scales) and _holds(
                sheet, table, col + 1, "number", scales):
            cols[key] = col + 1
            taken.add(col + 1)


def _holds(sheet: SheetGrid, table: Table, col: int, test: str, scales: tuple[Scale, ...]
           ) -> bool:
    """Whether every filled cell of a table's column passes a content test of
    ``CONTENT_TESTS`` (and one cell is filled)."""
    passes = CONTENT_TESTS[test]
    formats = sheet.formats.get(col) or {}
    filled = False
    for r in table.rows:
        verdict = passes(sheet.value(r, col), formats.get(r), scales)
        if verdict is False:
            return False
        filled = filled or verdict is True
    return filled


def _predikat_label(raw: object, fmt: NumFmt | None, scales: tuple[Scale, ...]) -> bool | None:
    text = _cell_text(raw)
    return any(scale.knows(text) for scale in scales) if text else None


_EFFICIENCY_LABEL = compiled(r"^((sangat|cukup|kurang|tidak|belum) )?efisien$")


def _efficiency_label(raw: object, fmt: NumFmt | None, scales: tuple[Scale, ...]
                      ) -> bool | None:
    text = _cell_text(raw)
    return _EFFICIENCY_LABEL.match(squash_spaces(text.lower())) is not None if text else None


def _percentage(raw: object, fmt: NumFmt | None, scales: tuple[Scale, ...]) -> bool | None:
    v = parse_cell(raw, fmt)
    if v.kind == "empty":
        return None
    return v.kind == "number" and (v.percent or abs(v.number or 0.0) <= 150)


def _currency_sign(raw: object, fmt: NumFmt | None, scales: tuple[Scale, ...]) -> bool | None:
    text = _cell_text(raw)
    return CURRENCY_ALONE.fullmatch(text.strip().lower()) is not None if text else None


def _number(raw: object, fmt: NumFmt | None, scales: tuple[Scale, ...]) -> bool | None:
    v = parse_cell(raw, fmt)
    return None if v.kind == "empty" else v.kind == "number"


# a cell's verdict (None: empty): a predikat label of a scale; an efficiency label ("Sangat
# Efisien", "Tidak Efisien"); a percentage (written with %, under a percent format, or a bare
# number up to 150: no rupiah amount); "Rp" alone; a number
CONTENT_TESTS = {"predikat": _predikat_label, "efisiensi": _efficiency_label,
                 "percent": _percentage, "currency": _currency_sign, "number": _number}
