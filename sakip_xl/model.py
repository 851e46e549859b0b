"""Plain data passed between the pipeline stages.

read -> ``WorkbookGrid`` / ``SheetGrid``
locate -> ``Table`` (header block, column roles, candidate rows)
normalise -> ``Value`` per cell, ``DataRow`` per table row
rules -> ``Finding`` and computed values
outputs -> ``FileResult`` (report, annotate, consolidate)

The classes are written out (``__slots__``, an explicit ``__init__``) rather than made with
``@dataclass``: importing ``dataclasses`` pulls in ``inspect`` and compiles every class's
methods when the program starts — ~25 ms of a ~60 ms start in a clean install, more than
checking ten small workbooks (docs/keputusan.md). ``Record`` gives them what ``@dataclass``
gave: equality and a repr from the fields; and pickling, by calling the class with its fields.

This module is compiled with mypyc where the install can (setup.py): the compiled rules then
read a ``Value``'s or a ``DataRow``'s fields as C struct members instead of looking each name
up on a Python object. Hence one convention: every field not starting with ``_`` is an
``__init__`` parameter of the same name (a compiled class can only be made by calling it).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any

try:  # the decorator matters only to mypyc; a plain install may not have it
    from mypy_extensions import mypyc_attr
except ImportError:  # pragma: no cover - depends on what is installed
    def mypyc_attr(*_args: object, **_flags: object) -> Any:  # type: ignore[misc]
        return lambda cls: cls


CellPos = tuple[int, int]  # (row, col), both 0-based

_FIELDS: dict[type, tuple[str, ...]] = {}


def _slots(cls: type) -> list[str]:
    """Every slot of a plain Python class, its bases' included."""
    return [f for c in cls.__mro__ for f in c.__dict__.get("__slots__", ())]


def _fields(cls: type) -> tuple[str, ...]:
    """A class's fields in ``__slots__`` order (sorted), derived ones (``_…``) left out: from
    ``__slots__`` where the class is plain Python, from what mypyc records where compiled."""
    found = _FIELDS.get(cls)
    if found is None:
        names = cls.__dict__.get("__mypyc_attrs__") or _slots(cls)
        found = _FIELDS[cls] = tuple(sorted(f for f in names if f[0] != "_"))
    return found


def _rebuild(cls: type, names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    """A compiled record, unpickled: mypyc makes an instance only through ``__init__``."""
    return cls(**dict(zip(names, values, strict=True)))


def _restore(cls: type[Record], state: tuple[tuple[str, Any], ...]) -> Record:
    """A plain Python record, unpickled: every slot set back, derived ones included."""
    obj = cls.__new__(cls)
    for name, value in state:
        setattr(obj, name, value)
    return obj


@mypyc_attr(allow_interpreted_subclasses=True)
class Record:
    """Plain data: the fields are ``__slots__`` (those starting with ``_`` are derived from the
    others); equality, repr and pickling come from the fields. Unhashable (mutable) unless a
    class says otherwise."""

    __slots__: tuple[str, ...] = ()

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in _fields(type(self)))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in _fields(type(self)))
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        # workers send results back; Settings goes to spawned workers and to Dask
        cls: type = type(self)
        if "__mypyc_attrs__" in cls.__dict__:
            return _rebuild, (cls, _fields(cls), self._key())
        return _restore, (cls, tuple((f, getattr(self, f)) for f in _slots(cls)
                                     if hasattr(self, f)))


@mypyc_attr(allow_interpreted_subclasses=True)
class FrozenRecord(Record):
    """A record never changed once made: hashable by its fields."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._key())


class NumFmt(FrozenRecord):
    """What Excel's number format says about a numeric cell (immutable)."""

    __slots__ = ("decimals", "percent")

    def __init__(self, percent: bool = False, decimals: int | None = None) -> None:
        self.percent = percent
        self.decimals = decimals  # None: General (no fixed decimals)


class SheetGrid(Record):
    """One sheet as read: cached values, merged ranges, and what the XML adds."""

    __slots__ = ("formats", "formulas", "merges", "name", "rows", "uncached", "unevaluated",
                 "visible")

    def __init__(self, name: str, visible: bool, rows: list[list[Any]],
                 merges: list[tuple[int, int, int, int]] | None = None,
                 formats: dict[int, dict[int, NumFmt]] | None = None,
                 formulas: dict[CellPos, str] | None = None,
                 uncached: set[CellPos] | None = None,
                 unevaluated: set[CellPos] | None = None) -> None:
        self.name = name
        self.visible = visible
        self.rows = rows
        self.merges = merges if merges is not None else []  # r0, c0, r1, c1
        # number formats that matter, by column then row: a table's rows read one column's
        self.formats = formats if formats is not None else {}
        # formula cells whose cached value is missing or not to be trusted (library-written)
        self.formulas = formulas if formulas is not None else {}
        # known to have no cached value at all
        self.uncached = uncached if uncached is not None else set()
        # could not be evaluated: counts as empty
        self.unevaluated = unevaluated if unevaluated is not None else set()

    def format_at(self, row: int, col: int) -> NumFmt | None:
        column = self.formats.get(col)
        return column.get(row) if column else None

    def value(self, row: int, col: int) -> Any:
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return ""


class WorkbookGrid(Record):
    __slots__ = ("path", "sheets", "source_format")

    def __init__(self, path: str, sheets: list[SheetGrid], source_format: str = "xlsx") -> None:
        self.path = path
        self.sheets = sheets
        self.source_format = source_format  # xlsx | xls | ods


class Value(Record):
    """A normalised cell (treat as immutable: parse results are cached and shared).

    kind: number | empty | grade | range | mark | text | unparseable
    ``number`` is in rupiah for money columns and in percent points for percentages.
    """

    __slots__ = ("decimals", "fraction_unknown", "high", "irregular", "kind", "low", "number",
                 "percent", "text", "unit")

    def __init__(self, kind: str, number: float | None = None, unit: str | None = None,
                 decimals: int | None = None, percent: bool = False, irregular: bool = False,
                 low: float | None = None, high: float | None = None, text: str | None = None,
                 fraction_unknown: bool = False) -> None:
        self.kind = kind
        self.number = number
        self.unit = unit
        self.decimals = decimals  # decimals the cell shows (None: unknown)
        self.percent = percent  # written as a percentage (or percent-formatted)
        self.irregular = irregular  # readable but irregular digit grouping
        self.low = low  # range targets
        self.high = high
        self.text = text  # grades, marks, unparseable text
        self.fraction_unknown = fraction_unknown  # a bare number that may be a fraction of 1

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    @property
    def is_empty(self) -> bool:
        return self.kind == "empty"


class Table(Record):
    """A located table: where its header is and which column plays which role."""

    __slots__ = ("columns", "extra_satuan", "header_first", "header_last", "kode_columns",
                 "layout", "rows", "scales", "sheet")

    def __init__(self, sheet: str, layout: str, header_first: int, header_last: int,
                 columns: dict[str, int], scales: dict[str, float], rows: list[int],
                 extra_satuan: int | None = None, kode_columns: tuple[int, ...] = ()) -> None:
        self.sheet = sheet
        self.layout = layout
        self.header_first = header_first  # 0-based row of the first header row
        self.header_last = header_last  # last header row (number row included)
        self.columns = columns  # role key -> 0-based column
        self.scales = scales  # role key -> multiplier (Rp. (000) -> 1000)
        self.rows = rows  # 0-based rows between header and end, header repeats removed
        self.extra_satuan = extra_satuan  # a unit column sitting inside a K group
        self.kode_columns = kode_columns  # kode split over several columns

    @property
    def first_data_row(self) -> int:
        return self.header_last + 1


class DataRow(Record):
    """One data row of a table, normalised."""

    __slots__ = ("indikator", "kode", "level", "owner", "polaritas", "row", "sasaran", "satuan",
                 "uraian", "values")

    def __init__(self, row: int, level: str, kode: str | None, uraian: str | None,
                 indikator: str | None, satuan: str | None, values: dict[str, Value],
                 owner: int | None = None, sasaran: str | None = None,
                 polaritas: str | None = None) -> None:
        self.row = row  # 0-based
        self.level = level  # program | kegiatan | subkegiatan | total | indikator | sasaran
        self.kode = kode
        self.uraian = uraian
        self.indikator = indikator
        self.satuan = satuan
        self.values = values
        self.owner = owner  # index (in the table's row list) of the row a continuation is of
        self.sasaran = sasaran
        self.polaritas = polaritas


class Finding(FrozenRecord):
    """One problem (or note) at one cell (immutable)."""

    __slots__ = ("actual", "code", "col", "expected", "params", "row", "severity", "sheet")

    def __init__(self, sheet: str, row: int, col: int, code: str, severity: str,
                 params: tuple[tuple[str, Any], ...] = (), expected: Any = None,
                 actual: Any = None) -> None:
        self.sheet = sheet
        self.row = row  # 0-based
        self.col = col  # 0-based
        self.code = code
        self.severity = severity  # error | warning | info
        self.params = params
        self.expected = expected
        self.actual = actual

    @property
    def cell(self) -> str:
        return cell_name(self.row, self.col)

    def param(self, key: str, default: Any = None) -> Any:
        return dict(self.params).get(key, default)


class TableResult(Record):
    __slots__ = ("computed", "opd", "recomputed", "row_count", "rows", "table")

    def __init__(self, table: Table, rows: list[DataRow], computed: dict[CellPos, float],
                 recomputed: dict[tuple[int, str], float], opd: str | None = None,
                 row_count: int = 0) -> None:
        self.table = table
        self.rows = rows
        self.computed = computed  # empty derived cells that sakip-xl filled in
        self.recomputed = recomputed  # (row, key) -> recomputed derived value
        self.opd = opd
        self.row_count = row_count  # data rows (what the report counts)


class FileResult(Record):
    __slots__ = ("error", "error_params", "findings", "opd", "path", "source_format", "status",
                 "tables")

    def __init__(self, path: str, status: str, error: str | None = None,
                 error_params: dict[str, Any] | None = None,
                 tables: list[TableResult] | None = None, findings: list[Finding] | None = None,
                 opd: str | None = None, source_format: str = "xlsx") -> None:
        self.path = path
        self.status = status  # ok | error | skipped
        self.error = error  # message key for file-level problems
        self.error_params = error_params if error_params is not None else {}
        self.tables = tables if tables is not None else []
        self.findings = findings if findings is not None else []
        self.opd = opd
        self.source_format = source_format

    def findings_of(self, t: TableResult) -> list[Finding]:
        """The findings of one table: those on its sheet from its header down to the next
        table's header there (its footer rows — rata-rata, predikat — included). The first
        table of a sheet also takes anything above it."""
        sheet, start = t.table.sheet, t.table.header_first
        others = [o.table.header_first for o in self.tables
                  if o is not t and o.table.sheet == sheet]
        low = start if any(h < start for h in others) else -1
        high = min((h for h in others if h > start), default=None)
        return [f for f in self.findings if f.sheet == sheet and f.row >= low
                and (high is None or f.row < high)]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def col_name(col: int) -> str:
    name = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


def cell_name(row: int, col: int) -> str:
    return f"{col_name(col)}{row + 1}"


def parse_cell_name(ref: str) -> CellPos:
    letters = ""
    digits = ""
    for ch in ref.replace("$", ""):
        if ch.isalpha():
            letters += ch.upper()
        else:
            digits += ch
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return int(digits) - 1, col - 1
