"""Read a workbook into a ``WorkbookGrid`` (the only stage that touches the file).

Values and merged ranges come from python-calamine (fast, cached values). For .xlsx files a
small side-read of the XML adds what calamine does not give: number formats that matter
(percent, fixed decimals) and formulas that have no cached value (files saved by a library).
The zip container is inspected before anything is opened: part count and uncompressed size are
capped, so a tiny file cannot inflate without bound.
"""

from __future__ import annotations

import io
import os
import re
from functools import lru_cache

from .cellformats import cell_formats
from .container import BadContainer, Container, open_container
from .errors import KeyedError
from .model import NumFmt, SheetGrid, WorkbookGrid
from .patterns import compiled

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # bytes, all parts together
MAX_PARTS = 10_000
MAX_RATIO = 200  # a part may not inflate more than this (and more than 10 MB)
MAX_ROWS = 200_000
MAX_COLS = 400
SPREADSHEET_EXT = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


# The rekap `consolidate` writes carries this custom document property, so that a later run
# over the same folder does not take last quarter's rekap for an OPD's workbook.
OWN_REKAP_PROPERTY = "sakip-xl"
# file-level results that mean "not an OPD workbook at all": skipped, with the reason
NOT_AN_INPUT = frozenset({"own-rekap"})


class ReadError(KeyedError):
    """A file-level problem (``FILE_ERRORS``)."""


def is_candidate(path: str) -> bool:
    """Files `check` looks at: spreadsheets, minus Excel's ~$ lock files."""
    name = os.path.basename(path)
    return not name.startswith("~$") and os.path.splitext(name)[1].lower() in SPREADSHEET_EXT


def sniff(path: str) -> str:
    """Tell the container from the bytes, not the name: xlsx | xls | ods | encrypted."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            if head.startswith(_OLE_MAGIC):
                fh.seek(0)
                blob = fh.read(4 * 1024 * 1024)
                return "encrypted" if _ENCRYPTED_MARK in blob else "xls"
    except OSError as exc:
        raise ReadError("unreadable", detail=str(exc)) from exc
    if not head:
        raise ReadError("empty-file")
    if head.startswith(b"PK"):
        return "zip"
    raise ReadError("not-spreadsheet")


def container_kind(zc: Container) -> str:
    """Cap what the zip may inflate to; tell xlsx from ods and xlsb."""
    parts = zc.parts
    if len(parts) > MAX_PARTS:
        raise ReadError("zip-too-many-parts", parts=len(parts), cap=MAX_PARTS)
    total = 0
    for part in parts.values():
        total += part.size
        if part.size > 10 * 1024 * 1024 and part.size > MAX_RATIO * max(part.compressed, 1):
            raise ReadError("zip-bomb", part=part.name, cap_mb=MAX_UNCOMPRESSED // (1024 * 1024))
    if total > MAX_UNCOMPRESSED:
        raise ReadError("zip-too-large", size_mb=total // (1024 * 1024),
                        cap_mb=MAX_UNCOMPRESSED // (1024 * 1024))
    if "mimetype" in parts and b"opendocument.spreadsheet" in zc.read("mimetype")[:100]:
        return "ods"
    if "xl/workbook.xml" in parts:
        return "xlsx"
    if "xl/workbook.bin" in parts:
        return "xlsb"
    raise ReadError("not-spreadsheet")


def read_workbook(path: str) -> WorkbookGrid:
    """Read every sheet of a workbook. Raises ``ReadError`` for file-level problems."""
    kind = sniff(path)
    if kind == "encrypted":
        raise ReadError("encrypted")
    if kind != "zip":
        return _finish(WorkbookGrid(path, _calamine_sheets(path), kind))
    try:
        with open_container(path) as zc:
            kind = container_kind(zc)
            if kind == "xlsx" and _is_own_rekap(zc):
                raise ReadError("own-rekap")
            if kind == "xlsx":
                sheet_xml = _worksheet_parts(zc)
                far = {name: data for name, data in sheet_xml.items() if _reaches_far(data)}
                if far:  # rare: a stray cell far beyond the table
                    sheet_xml.update((name, _without_far_cells(data)) for name, data in far.items())
                    source: Any = _rebuilt(zc, sheet_xml)
                else:
                    source = path
                grid = WorkbookGrid(path, _calamine_sheets(source), kind)
                _add_xlsx_extras(zc, grid, sheet_xml)
            else:
                grid = WorkbookGrid(path, _calamine_sheets(path), kind)
    except (BadContainer, OSError) as exc:
        raise ReadError("corrupt", detail=str(exc)[:200]) from exc
    return _finish(grid)


def _is_own_rekap(zc: Container) -> bool:
    if "docProps/custom.xml" not in zc.parts:
        return False
    return f'name="{OWN_REKAP_PROPERTY}"'.encode() in zc.read("docProps/custom.xml")


def _finish(grid: WorkbookGrid) -> WorkbookGrid:
    if any(sheet.formulas for sheet in grid.sheets):
        from .formula import evaluate_workbook

        evaluate_workbook(grid.sheets)
    return grid


def _calamine_sheets(source: Any) -> list[SheetGrid]:
    """Values and merged ranges of every worksheet (chart and macro sheets left out) of a
    workbook: a path, or the bytes of a workbook in a file object."""
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum
        wb = (CalamineWorkbook.from_path(source) if isinstance(source, str)
              else CalamineWorkbook.from_filelike(source))
        metas = {m.name: m for m in wb.sheets_metadata}
        sheets: list[SheetGrid] = []
        for name in wb.sheet_names:
            meta = metas.get(name)
            visible = meta is None or meta.visible == SheetVisibleEnum.Visible
            if meta is not None and meta.typ != SheetTypeEnum.WorkSheet:
                continue  # chart sheets, macro sheets
            sh = wb.get_sheet_by_name(name)
            if sh.total_height > MAX_ROWS or sh.total_width > MAX_COLS:
                # a false <dimension> or a sheet far beyond any T-C.29: read what is there
                rows = _bounded_rows(sh)
            else:
                rows = sh.to_python(skip_empty_area=False)
            merges = [(a[0], a[1], b[0], b[1]) for a, b in (sh.merged_cell_ranges or [])]
            sheets.append(SheetGrid(name=name, visible=visible, rows=rows, merges=merges))
        wb.close()
    except Exception as exc:  # calamine raises its own error types and ValueError
        text = f"{type(exc).__name__}: {exc}"
        if "Cell limit exceeded" in text:  # .ods: calamine refuses a sheet that wide (when
            raise ReadError("sheet-too-large") from exc  # it opens the file: which is not said
        if "Password" in text or "password" in text or "encrypt" in text.lower():
            raise ReadError("encrypted") from exc
        raise ReadError("corrupt", detail=text[:200]) from exc
    return sheets


def _bounded_rows(sh: Any) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i, row in enumerate(sh.iter_rows()):
        if i >= MAX_ROWS:
            break
        rows.append(list(row[:MAX_COLS]))
    # iter_rows starts at the first used cell; pad to keep coordinates absolute
    start = getattr(sh, "start", None)
    if start:
        r0, c0 = start
        rows = [[""] * c0 + r for r in rows]
        rows = [[] for _ in range(r0)] + rows
    return rows


# --- cells far beyond any table -------------------------------------------------------------
# python-calamine lays a sheet out as one dense block from its first to its last cell: a stray
# value in XFD1048576 (typed by accident, or left by Excel's Solver add-in) asks for 549 GB,
# and the allocation failure aborts the whole process (calamine issue #693), other files
# and all. So the sheet XML is looked at first. Its <dimension> (the used range, which Excel,
# LibreOffice, openpyxl and xlsxwriter write) and its last row, both found at once, tell
# whether anything may lie beyond MAX_COLS (column OJ) or MAX_ROWS; only where they say so,
# or there is no dimension, is every cell reference searched (three letters, OK..ZZ, a row of
# six digits from 200000 or of seven). A sheet that reaches that far goes to calamine without
# the cells and rows beyond those bounds, which no table reaches.
_FAR_CELL = compiled(
    rb' r="(?:(?:O[K-Z]|[P-Z][A-Z]|[A-Z]{3,})[0-9]|[A-Z]*(?:[2-9][0-9]{5}|[1-9][0-9]{6,})")')
_DIMENSION_REF = compiled(rb'<(?:\w+:)?dimension\s+ref="(?:[A-Z]+[0-9]+:)?([A-Z]+)([0-9]+)"')
_ROW_NUMBER = compiled(rb'\sr="([0-9]+)"')


def _reaches_far(data: bytes) -> bool:
    """Whether a worksheet's XML may hold a cell beyond MAX_COLS or MAX_ROWS."""
    dim = _DIMENSION_REF.search(data, 0, 4096)
    if dim is not None and _col_index(dim.group(1)) < MAX_COLS and int(dim.group(2)) <= MAX_ROWS:
        last = data.rfind(b"<row ")  # rows come in order: the last is the farthest
        if last == -1:
            return False
        number = _ROW_NUMBER.search(data, last, data.find(b">", last) + 1)
        if number is not None and int(number.group(1)) <= MAX_ROWS:
            return False
    return _FAR_CELL.search(data) is not None


# (elements with or without a namespace prefix: <c …> or <x:c …>)
_ROW_ELEMENT = compiled(
    rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]+)"[^>]*?(?:/>|>.*?</(?:\w+:)?row>)', re.DOTALL)
_CELL_ELEMENT = compiled(
    rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+)[0-9]+"[^>]*?(?:/>|>.*?</(?:\w+:)?c>)', re.DOTALL)
_DIMENSION = compiled(rb"<(?:\w+:)?dimension\b[^>]*/>")
_MERGE_ELEMENT = compiled(rb'<(?:\w+:)?mergeCell\b[^>]*?\sref="([^"]*)"[^>]*/>')
_REF = compiled(rb"([A-Z]+)([0-9]+)")


def _worksheet_parts(zc: Container) -> dict[str, bytes]:
    """The XML of every worksheet part, by part name."""
    return {name: zc.read(name) for name in zc.parts
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
            and "/_rels/" not in name}


def _without_far_cells(data: bytes) -> bytes:
    """A worksheet's XML without the rows past MAX_ROWS, the cells past MAX_COLS, the merged
    ranges that reach past either, and its (optional) dimension."""
    def near_row(m: re.Match[bytes]) -> bytes:
        return b"" if int(m.group(1)) > MAX_ROWS else m.group(0)

    def near_cell(m: re.Match[bytes]) -> bytes:
        return b"" if _col_index(m.group(1)) >= MAX_COLS else m.group(0)

    data = _ROW_ELEMENT.sub(near_row, data)
    data = _CELL_ELEMENT.sub(near_cell, data)
    data, _far = _without_merges(data, lambda corners: any(
        col >= MAX_COLS or row >= MAX_ROWS for row, col in corners))
    return _DIMENSION.sub(b"", data)


def _without_merges(data: bytes, drop: Callable[[list[tuple[int, int]]], bool]
                    ) -> tuple[bytes, list[str]]:
    """A worksheet's XML without the merged ranges whose corners (0-based row, column) ``drop``
    says, and those ranges ("B1:XFD1048576")."""
    dropped: list[str] = []

    def merge(m: re.Match[bytes]) -> bytes:
        corners = [(int(row) - 1, _col_index(letters)) for letters, row in _REF.findall(m[1])]
        if not drop(corners):
            return m[0]
        dropped.append(m[1].decode("ascii", "replace"))
        return b""

    return _MERGE_ELEMENT.sub(merge, data), dropped


# openpyxl makes an object of every cell of a merged range: a range over a whole sheet asks
# for 17 billion. ``annotate`` gives it the workbook without ranges larger than this.
MAX_MERGE_AREA = 2_000_000


def merge_area(r0: int, c0: int, r1: int, c1: int) -> int:
    return (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)


def without_large_merges(path: str) -> tuple[str | io.BytesIO, list[str]]:
    """An .xlsx for openpyxl: the file itself, or a copy in memory without its merged ranges
    of more than MAX_MERGE_AREA cells; and those ranges."""
    def large(corners: list[tuple[int, int]]) -> bool:
        return len(corners) == 2 and merge_area(*corners[0], *corners[1]) > MAX_MERGE_AREA

    replaced: dict[str, bytes] = {}
    dropped: list[str] = []
    with open_container(path) as zc:
        for name, data in _worksheet_parts(zc).items():
            if b"mergeCell " in data:
                data, gone = _without_merges(data, large)
                if gone:
                    replaced[name] = data
                    dropped += gone
        return (_rebuilt(zc, replaced), dropped) if replaced else (path, [])


def _rebuilt(zc: Container, replaced: dict[str, bytes]) -> io.BytesIO:
    """The workbook as a new zip in memory, with these parts replaced (stored, not
    deflated: it is read once, at once)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name in zc.parts:
            z.writestr(name, replaced[name] if name in replaced else zc.read(name))
    out.seek(0)
    return out


# --- the .xlsx side-read: number formats and uncached formulas -----------------------------

_BUILTIN_FORMATS = {
    1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
    37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
}
# a cell whose first child is a formula with text (shared-formula children have none), and
# whether a cached value follows it (the schema's order is f, v)
_FORMULA_CELL = compiled(rb'<c r="([A-Z]+)([0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?>([^<]*)</f>\s*(<v>)?')


# in a format code: quoted text, escaped characters, [colours] and [conditions], the
# space-of (_x) and fill (*x) marks; the decimal places; any digit place at all
_FORMAT_LITERALS = compiled(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DECIMALS = compiled(r"[0#?]\.([0#?]+)")
_DIGIT_PLACE = compiled(r"[0#?]")


@lru_cache(maxsize=1024)
def numfmt_from_code(code: str) -> NumFmt | None:
    """Read what matters from an Excel format code; None for General. (Cached: the OPD of a
    kabupaten share a template's format codes; a NumFmt is immutable.)"""
    if not code or code.lower() == "general" or code == "@":
        return None
    first = code.split(";")[0]
    first = _FORMAT_LITERALS.sub("", first)
    percent = "%" in first
    m = _DECIMALS.search(first)
    decimals = len(m.group(1)) if m else 0
    if not _DIGIT_PLACE.search(first):
        return None
    return NumFmt(percent=percent, decimals=decimals)


# The few facts read from workbook.xml, its rels and styles.xml, by pattern: no entity is ever
# expanded, and a part that declares a DTD or entities is refused (as defusedxml would).
_UNSAFE = compiled(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ATTR = compiled(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_NUMFMT = compiled(rb"<(?:\w+:)?numFmt\b([^>]*)>")
_CELL_XFS = compiled(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.DOTALL)
# each xf's format id (empty: none, General), all that is read of it: one pass in C, since
# Excel's own files have hundreds or thousands of xfs
_XF_FORMAT = compiled(rb"<(?:\w+:)?xf\b(?:[^>]*?\bnumFmtId\s*=\s*[\"']([0-9]+)[\"'])?[^>]*>")
_SHEET = compiled(rb"<(?:\w+:)?sheet\b([^>]*)>")
_RELATIONSHIP = compiled(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_CHAR_REF = compiled(r"&#(x[0-9a-fA-F]+|[0-9]+);")


def _xml_part(zc: Container, name: str) -> bytes:
    data = zc.read(name)
    if b"<!" in data and _UNSAFE.search(data):
        raise ReadError("unsafe-xml", detail=name)
    return data


def _attrs(raw: bytes) -> dict[str, str]:
    """Attributes of one tag, prefixes dropped (``r:id`` -> ``id``), entities resolved."""
    out: dict[str, str] = {}
    for key, dq, sq in _ATTR.findall(raw):
        name = key.decode("ascii", "replace").rsplit(":", 1)[-1]
        out[name] = _unescape((dq or sq).decode("utf-8", "replace"))
    return out


def _style_formats(zc: Container) -> dict[int, NumFmt]:
    """The cell styles whose number format matters, by their index as a sheet writes it
    (``s="12"`` -> ``12``)."""
    try:
        data = _xml_part(zc, "xl/styles.xml")
    except KeyError:
        return {}
    custom: dict[int, str] = {}
    for raw in _NUMFMT.findall(data):
        a = _attrs(raw)
        if a.get("numFmtId", "").isdigit():
            custom[int(a["numFmtId"])] = a.get("formatCode", "")
    block = _CELL_XFS.search(data)
    if block is None:
        return {}
    ids = _XF_FORMAT.findall(block.group(1))
    by_id: dict[bytes, NumFmt | None] = {}
    for raw_id in set(ids):
        fid = int(raw_id) if raw_id else 0
        fmt = numfmt_from_code(custom.get(fid, _BUILTIN_FORMATS.get(fid, "")))
        # decimals 2 is the default tolerance anyway; keep only formats that change something
        by_id[raw_id] = fmt if fmt is not None and (fmt.percent or fmt.decimals != 2) else None
    return {idx: fmt for idx, raw_id in enumerate(ids) if (fmt := by_id[raw_id]) is not None}


def _sheet_paths(zc: Container) -> dict[str, str]:
    """Sheet name -> its part in the container."""
    workbook = _xml_part(zc, "xl/workbook.xml")
    rels = _xml_part(zc, "xl/_rels/workbook.xml.rels")
    targets = {}
    for raw in _RELATIONSHIP.findall(rels):
        a = _attrs(raw)
        targets[a.get("Id")] = a.get("Target", "")
    out: dict[str, str] = {}
    for raw in _SHEET.findall(workbook):
        a = _attrs(raw)
        target = targets.get(a.get("id"), "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[a.get("name", "")] = os.path.normpath(path).replace(os.sep, "/")
    return out


def _col_index(letters: bytes) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + (ch - 64)
    return col - 1


def _add_xlsx_extras(zc: Container, grid: WorkbookGrid, sheet_xml: dict[str, bytes]) -> None:
    """Number formats and uncached formulas of each sheet, from its XML (``sheet_xml``: by
    part name)."""
    try:
        styles = _style_formats(zc)
        paths = _sheet_paths(zc)
        # Excel writes calcChain.xml whenever a workbook has formulas; libraries (openpyxl,
        # xlsxwriter) do not, and their cached values are absent or a placeholder 0
        trust_cache = "xl/calcChain.xml" in zc.parts
        for sheet in grid.sheets:
            part = paths.get(sheet.name)
            data = sheet_xml.get(part) if part else None
            if data is None:
                continue
            has_formula = b"<f" in data
            if not styles and not has_formula:
                continue
            _scan_sheet(data, sheet, styles, has_formula, trust_cache)
    except KeyError as exc:
        raise ReadError("corrupt", detail=f"part missing: {exc}"[:200]) from exc


def _scan_sheet(data: bytes, sheet: SheetGrid, styles: dict[int, NumFmt], formulas: bool,
                trust_cache: bool) -> None:
    """Number formats of the styled cells (compiled, ``cellformats``) and the text of formula
    cells (by pattern: only the few cells that have one are looked at)."""
    if styles:
        sheet.formats = cell_formats(data, styles)
    if formulas:
        _scan_formulas(data, sheet, trust_cache)


def _scan_formulas(data: bytes, sheet: SheetGrid, trust_cache: bool) -> None:
    """Formula cells, found from their ``<f`` (few) rather than by trying every cell."""
    at = data.find(b"<f")
    while at != -1:
        cell = data.rfind(b"<c ", 0, at)
        m = _FORMULA_CELL.match(data, cell) if cell != -1 else None
        if m is None:
            at = data.find(b"<f", at + 2)
            continue
        letters, row, text, cached = m.groups()
        if text and (not trust_cache or not cached):
            pos = (int(row) - 1, _col_index(letters))
            sheet.formulas[pos] = _unescape(text.decode("utf-8", "replace"))
            if trust_cache:
                sheet.uncached.add(pos)
        # a ``<f`` outside any cell (``<formula1>`` of a validation, conditional formats)
        # matches the cell before it, which ends before it: always move forward
        at = data.find(b"<f", max(m.end(), at + 2))


def _char(m: re.Match[str]) -> str:
    ref = m.group(1)
    code = int(ref[1:], 16) if ref[0] == "x" else int(ref)
    return chr(code) if 0 < code < 0x110000 else "\ufffd"


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    if "&#" in text:
        text = _CHAR_REF.sub(_char, text)
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))
