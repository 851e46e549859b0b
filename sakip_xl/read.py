"""Read a workbook into a ``WorkbookGrid`` (the only stage that touches the file).

Values and merged ranges come from python-calamine (fast, cached values). For .xlsx files a
small side-read of the XML adds what calamine does not give: number formats that matter
(percent, fixed decimals) and formulas that have no cached value (files saved by a library).
The zip container is inspected before anything is opened: part count and uncompressed size are
capped, so a tiny file cannot inflate without bound.
"""

from __future__ import annotations

import os
import re
import zipfile
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .formula import evaluate_formulas
from .model import NumFmt, SheetGrid, WorkbookGrid

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # bytes, all parts together
MAX_PARTS = 10_000
MAX_RATIO = 200  # a part may not inflate more than this (and more than 10 MB)
MAX_ROWS = 200_000
MAX_COLS = 400
SPREADSHEET_EXT = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class ReadError(Exception):
    """A file-level problem: ``key`` names the message, ``params`` fill it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


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


def check_zip(path: str) -> str:
    """Cap what the zip may inflate to; tell xlsx from ods and xlsb."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS:
                raise ReadError("zip-too-many-parts", parts=len(infos), cap=MAX_PARTS)
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > 10 * 1024 * 1024 and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1
                ):
                    raise ReadError("zip-bomb", part=info.filename,
                                    cap_mb=MAX_UNCOMPRESSED // (1024 * 1024))
            if total > MAX_UNCOMPRESSED:
                raise ReadError("zip-too-large", size_mb=total // (1024 * 1024),
                                cap_mb=MAX_UNCOMPRESSED // (1024 * 1024))
            names = [i.filename for i in infos]
            if "mimetype" in names:
                mt = zf.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mt:
                    return "ods"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "xl/workbook.bin" in names:
                return "xlsb"
            raise ReadError("not-spreadsheet")
    except zipfile.BadZipFile as exc:
        raise ReadError("corrupt", detail=str(exc)) from exc
    except (OSError, EOFError) as exc:
        raise ReadError("corrupt", detail=str(exc)) from exc


def read_workbook(path: str) -> WorkbookGrid:
    """Read every sheet of a workbook. Raises ``ReadError`` for file-level problems."""
    kind = sniff(path)
    if kind == "encrypted":
        raise ReadError("encrypted")
    if kind == "zip":
        kind = check_zip(path)
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum
        wb = CalamineWorkbook.from_path(path)
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
    except ReadError:
        raise
    except Exception as exc:  # calamine raises its own error types and ValueError
        text = f"{type(exc).__name__}: {exc}"
        if "Password" in text or "password" in text or "encrypt" in text.lower():
            raise ReadError("encrypted") from exc
        raise ReadError("corrupt", detail=text[:200]) from exc
    grid = WorkbookGrid(path=path, sheets=sheets, source_format=kind)
    if kind == "xlsx":
        _add_xlsx_extras(path, grid)
    for sheet in grid.sheets:
        if sheet.formulas:
            evaluate_formulas(sheet)
    return grid


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


# --- the .xlsx side-read: number formats and uncached formulas -----------------------------

_BUILTIN_FORMATS = {
    1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
    37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
}
_CELL_RE = re.compile(rb'<c r="([A-Z]+)([0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.DOTALL)
_STYLE_ATTR = re.compile(rb'\bs="([0-9]+)"')
_FORMULA_RE = re.compile(rb"<f(?: [^>]*)?>(.*?)</f>", re.DOTALL)


def numfmt_from_code(code: str) -> NumFmt | None:
    """Read what matters from an Excel format code; None for General."""
    if not code or code.lower() == "general" or code == "@":
        return None
    first = code.split(";")[0]
    first = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", first)
    percent = "%" in first
    m = re.search(r"[0#?]\.([0#?]+)", first)
    decimals = len(m.group(1)) if m else 0
    if not re.search(r"[0#?]", first):
        return None
    return NumFmt(percent=percent, decimals=decimals)


def _style_formats(zf: zipfile.ZipFile) -> dict[int, NumFmt]:
    try:
        root = SafeET.fromstring(zf.read("xl/styles.xml"))
    except KeyError:
        return {}
    custom: dict[int, str] = {}
    numfmts = root.find("m:numFmts", _NS)
    if numfmts is not None:
        for nf in numfmts.findall("m:numFmt", _NS):
            custom[int(nf.get("numFmtId", "0"))] = nf.get("formatCode", "")
    out: dict[int, NumFmt] = {}
    xfs = root.find("m:cellXfs", _NS)
    if xfs is None:
        return out
    for idx, xf in enumerate(xfs.findall("m:xf", _NS)):
        fid = int(xf.get("numFmtId", "0"))
        code = custom.get(fid, _BUILTIN_FORMATS.get(fid, ""))
        fmt = numfmt_from_code(code)
        # decimals 2 is the default tolerance anyway; keep only formats that change something
        if fmt is not None and (fmt.percent or fmt.decimals != 2):
            out[idx] = fmt
    return out


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    wb = SafeET.fromstring(zf.read("xl/workbook.xml"))
    rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out: dict[str, str] = {}
    sheets = wb.find("m:sheets", _NS)
    if sheets is None:
        return out
    for s in sheets:
        rid = s.get(f"{{{_REL_NS}}}id")
        target = targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[s.get("name", "")] = os.path.normpath(path).replace(os.sep, "/")
    return out


def _col_index(letters: bytes) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + (ch - 64)
    return col - 1


def _add_xlsx_extras(path: str, grid: WorkbookGrid) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            styles = _style_formats(zf)
            paths = _sheet_paths(zf)
            # Excel writes calcChain.xml whenever a workbook has formulas; libraries (openpyxl,
            # xlsxwriter) do not, and their cached values are absent or a placeholder 0
            trust_cache = "xl/calcChain.xml" in zf.namelist()
            for sheet in grid.sheets:
                part = paths.get(sheet.name)
                if not part:
                    continue
                try:
                    data = zf.read(part)
                except KeyError:
                    continue
                has_formula = b"<f" in data
                if not styles and not has_formula:
                    continue
                _scan_sheet(data, sheet, styles, has_formula, trust_cache)
    except DefusedXmlException as exc:
        raise ReadError("unsafe-xml", detail=type(exc).__name__) from exc
    except (zipfile.BadZipFile, KeyError, SafeET.ParseError, OSError) as exc:
        raise ReadError("corrupt", detail=str(exc)[:200]) from exc


def _scan_sheet(data: bytes, sheet: SheetGrid, styles: dict[int, NumFmt], formulas: bool,
                trust_cache: bool) -> None:
    if styles and not formulas:
        wanted = b"|".join(str(i).encode() for i in sorted(styles))
        style_re = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>]*?\bs="(' + wanted + rb')"')
        by_id = {str(i).encode(): fmt for i, fmt in styles.items()}
        columns: dict[bytes, int] = {}
        formats = sheet.formats
        for letters, row, style in style_re.findall(data):
            col = columns.get(letters)
            if col is None:
                col = columns[letters] = _col_index(letters)
            formats[(int(row) - 1, col)] = by_id[style]
        return
    for m in _CELL_RE.finditer(data):
        attrs, inner = m.group(3), m.group(4)
        pos = (int(m.group(2)) - 1, _col_index(m.group(1)))
        s = _STYLE_ATTR.search(attrs)
        if s and int(s.group(1)) in styles:
            sheet.formats[pos] = styles[int(s.group(1))]
        if inner and b"<f" in inner and (not trust_cache or b"<v>" not in inner):
            f = _FORMULA_RE.search(inner)
            if f and f.group(1):
                sheet.formulas[pos] = _unescape(f.group(1).decode("utf-8", "replace"))
                if trust_cache:
                    sheet.uncached.add(pos)


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))
