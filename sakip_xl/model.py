"""Plain data passed between the pipeline stages.

read -> ``WorkbookGrid`` / ``SheetGrid``
locate -> ``Table`` (header block, column roles, candidate rows)
normalise -> ``Value`` per cell, ``DataRow`` per table row
rules -> ``Finding`` and computed values
outputs -> ``FileResult`` (report, annotate, consolidate)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CellPos = tuple[int, int]  # (row, col), both 0-based


@dataclass(frozen=True)
class NumFmt:
    """What Excel's number format says about a numeric cell."""

    percent: bool = False
    decimals: int | None = None  # None: General (no fixed decimals)


@dataclass
class SheetGrid:
    """One sheet as read: cached values, merged ranges, and what the XML adds."""

    name: str
    visible: bool
    rows: list[list[Any]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    formats: dict[CellPos, NumFmt] = field(default_factory=dict)
    # formula cells whose cached value is missing or not to be trusted (library-written files)
    formulas: dict[CellPos, str] = field(default_factory=dict)
    uncached: set[CellPos] = field(default_factory=set)  # known to have no cached value at all
    unevaluated: set[CellPos] = field(default_factory=set)  # could not be evaluated: empty

    def value(self, row: int, col: int) -> Any:
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return ""


@dataclass
class WorkbookGrid:
    path: str
    sheets: list[SheetGrid]
    source_format: str = "xlsx"  # xlsx | xls | ods


@dataclass(slots=True)
class Value:
    """A normalised cell.

    kind: number | empty | grade | range | mark | text | unparseable
    ``number`` is in rupiah for money columns and in percent points for percentages.
    """

    kind: str  # treat as immutable: parse results are cached and shared
    number: float | None = None
    unit: str | None = None
    decimals: int | None = None  # decimals the cell shows (None: unknown)
    percent: bool = False  # written as a percentage (or percent-formatted)
    irregular: bool = False  # readable but irregular digit grouping
    low: float | None = None  # range targets
    high: float | None = None
    text: str | None = None  # grades, marks, unparseable text
    fraction_unknown: bool = False  # a bare number that may be a fraction of 1 (no format seen)

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    @property
    def is_empty(self) -> bool:
        return self.kind == "empty"


@dataclass
class Table:
    """A located table: where its header is and which column plays which role."""

    sheet: str
    layout: str
    header_first: int  # 0-based row of the first header row
    header_last: int  # 0-based row of the last header row (number row included)
    columns: dict[str, int]  # role key -> 0-based column
    scales: dict[str, float]  # role key -> multiplier (Rp. (000) -> 1000)
    rows: list[int]  # 0-based rows between header and end, header repeats removed
    extra_satuan: int | None = None  # a unit column sitting inside a K group
    kode_columns: tuple[int, ...] = ()  # kode split over several columns

    @property
    def first_data_row(self) -> int:
        return self.header_last + 1


@dataclass
class DataRow:
    """One data row of a table, normalised."""

    row: int  # 0-based
    level: str  # program | kegiatan | subkegiatan | total | indikator | sasaran
    kode: str | None
    uraian: str | None
    indikator: str | None
    satuan: str | None
    values: dict[str, Value]
    owner: int | None = None  # index (in the table's row list) of the row a continuation belongs to
    sasaran: str | None = None
    polaritas: str | None = None


@dataclass(frozen=True)
class Finding:
    sheet: str
    row: int  # 0-based
    col: int  # 0-based
    code: str
    severity: str  # error | warning | info
    params: tuple[tuple[str, Any], ...] = ()
    expected: Any = None
    actual: Any = None

    @property
    def cell(self) -> str:
        return cell_name(self.row, self.col)

    def param(self, key: str, default: Any = None) -> Any:
        return dict(self.params).get(key, default)


@dataclass
class TableResult:
    table: Table
    rows: list[DataRow]
    computed: dict[CellPos, float]  # empty derived cells that sakip-xl filled in
    recomputed: dict[tuple[int, str], float]  # (row, key) -> recomputed derived value
    opd: str | None = None
    row_count: int = 0  # data rows, kept when ``rows`` is dropped (``FileResult.summary``)


@dataclass
class FileResult:
    path: str
    status: str  # ok | error | skipped
    error: str | None = None  # message key for file-level problems
    error_params: dict[str, Any] = field(default_factory=dict)
    tables: list[TableResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    opd: str | None = None
    source_format: str = "xlsx"

    def summary(self) -> FileResult:
        """This result without the normalised rows: what a report needs, a sixth of the size
        to send back from a worker process."""
        tables = [TableResult(t.table, [], {}, {}, opd=t.opd, row_count=t.row_count)
                  for t in self.tables]
        return FileResult(self.path, self.status, self.error, self.error_params, tables,
                          self.findings, self.opd, self.source_format)

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
