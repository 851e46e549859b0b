"""Build real .xlsx workbooks for tests and samples (xlsxwriter, no mocks)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from sakip_xl.templates import TC29_GROUPS, Group, tc29_columns


@dataclass(frozen=True)
class F:
    """A formula cell: ``F("=SUM(A1:A3)", cached)``."""

    text: str
    cached: Any = None


def groups(*drop: str, extra: tuple[Group, ...] = ()) -> list[Group]:
    return [g for g in TC29_GROUPS if g.key not in drop] + list(extra)


def write_tc29(path: Path, rows: list[dict[str, Any]], *, gs: list[Group] | None = None,
               title: tuple[str, ...] = ("TABEL T-C.29", "Evaluasi Hasil Pelaksanaan Renja",
                                         "Dinas Sosial Kabupaten Contoh", "Tahun 2023"),
               numbers_between: bool = False, rp_label: str = "Rp",
               footers: tuple[tuple[str, dict[str, Any]], ...] = (),
               repeat_header_after: int | None = None, sheet: str = "T-C.29",
               formats: dict[str, str] | None = None, merged: bool = True,
               before_sheets: tuple[str, ...] = (), hidden_sheets: tuple[str, ...] = (),
               decorate: Callable[[Any], None] | None = None) -> Path:
    """A T-C.29 sheet: title rows, a 3-row header (merged), a column-number row, data rows.

    ``rows``: role key -> value (str, number, ``F`` formula). ``footers``: (label, values).
    ``decorate``: called with the sheet last (a logo, a text box).
    """
    gs = gs or groups()
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_numbers": False})
    for name in before_sheets:
        ws0 = wb.add_worksheet(name)
        ws0.write(0, 0, "Petunjuk pengisian: isi kolom sesuai Permendagri 86/2017.")
    ws = wb.add_worksheet(sheet)
    for name in hidden_sheets:
        h = wb.add_worksheet(name)
        h.write(0, 0, "No")
        h.write(0, 1, "Indikator")
        h.write(0, 2, "Target Renja")
        h.write(0, 3, "Triwulan I")
        h.hide()
    fmt_cache: dict[str, Any] = {}

    def fmt(spec: str | None):
        if spec is None:
            return None
        if spec not in fmt_cache:
            fmt_cache[spec] = wb.add_format({"num_format": spec})
        return fmt_cache[spec]

    r = 0
    for t in title:
        ws.write(r, 0, t)
        r += 1
    r += 1
    cols = dict(tc29_columns(gs))

    def header(at: int) -> int:
        top, mid, sub = at, at + 1, at + 2
        num_row = sub + 1
        if numbers_between:
            sub, num_row = at + 3, at + 2
        col = 0
        for g in gs:
            if g.key == "triwulan":
                _merge(ws, top, col, top, col + 7, g.header, merged)
                for q, roman in enumerate(("I", "II", "III", "IV")):
                    _merge(ws, mid, col + 2 * q, mid, col + 2 * q + 1, roman, merged)
                    ws.write(sub, col + 2 * q, "K")
                    ws.write(sub, col + 2 * q + 1, rp_label)
                    ws.write(num_row, col + 2 * q, 9 + q)
                col += 8
            elif g.subs:
                _merge(ws, top, col, mid, col + len(g.subs) - 1, g.header, merged)
                for i, s in enumerate(g.subs):
                    ws.write(sub, col + i, rp_label if s == "Rp" else s)
                if g.number:
                    ws.write(num_row, col, int(g.number) if g.number.isdigit() else g.number)
                col += len(g.subs)
            else:
                _merge(ws, top, col, sub if not numbers_between else top + 1, col, g.header,
                       merged)
                if g.number:
                    ws.write(num_row, col, int(g.number) if g.number.isdigit() else g.number)
                col += 1
        return max(sub, num_row) + 1

    r = header(r)
    for i, row in enumerate(rows):
        if repeat_header_after is not None and i == repeat_header_after:
            ws.write(r, 0, "Hal 2 dari 2")
            r = header(r + 1)
        for key, value in row.items():
            if key in cols:  # a variant without that column
                _write(ws, r, cols[key], value, fmt((formats or {}).get(key)))
        r += 1
    for label, values in footers:
        ws.write(r, 0, label)
        for key, value in values.items():
            _write(ws, r, cols[key], value, None)
        r += 1
    r += 2
    ws.write(r, 12, "Kepala Dinas Sosial")
    ws.write(r + 4, 12, "NIP. 19630306 199403 2 002")
    if decorate is not None:
        decorate(ws)
    wb.close()
    return path


def _merge(ws, r0: int, c0: int, r1: int, c1: int, text: str, merged: bool) -> None:
    if merged and (r0 != r1 or c0 != c1):
        ws.merge_range(r0, c0, r1, c1, text)
    else:
        ws.write(r0, c0, text)


def _write(ws, r: int, c: int, value: Any, cell_format) -> None:
    if isinstance(value, F):
        ws.write_formula(r, c, value.text, cell_format, value.cached)
    elif isinstance(value, str):
        ws.write_string(r, c, value, cell_format)
    elif value is None:
        return
    else:
        ws.write_number(r, c, value, cell_format)


def write_table(path: Path, header: list[list[str]], rows: list[list[Any]], *,
                title: tuple[str, ...] = (), merges: list[tuple[int, int, int, int]] = (),
                sheet: str = "Sheet1", formats: dict[int, str] | None = None) -> Path:
    """A free-form table: header rows (lists of texts, '' for empty), then rows."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_numbers": False})
    ws = wb.add_worksheet(sheet)
    fmts = {c: wb.add_format({"num_format": f}) for c, f in (formats or {}).items()}
    r = 0
    for t in title:
        ws.write(r, 0, t)
        r += 1
    start = r
    for hr in header:
        for c, text in enumerate(hr):
            if isinstance(text, str) and text:
                ws.write_string(r, c, text)
            elif text not in ("", None):
                ws.write_number(r, c, text)  # a number typed in a header (a quarter's 1)
        r += 1
    for r0, c0, r1, c1 in merges:
        ws.merge_range(start + r0, c0, start + r1, c1, "")
        ws.write(start + r0, c0, header[r0][c0])
    for row in rows:
        for c, value in enumerate(row):
            _write(ws, r, c, value, fmts.get(c))
        r += 1
    wb.close()
    return path


def with_far_cells(path: Path, far: list[tuple[int, int, object]], merge: str = "",
                    dimension: str = "") -> Path:
    """A clean T-C.29 plus values far beyond it (row, col, value; 0-based) and, optionally,
    a merged range written into the sheet XML (xlsxwriter would fill every cell of it) and
    the used range as Excel would state it (else the table's own, as before the far cells)."""
    from tests.samples_data import clean_rows

    good = write_tc29(path.with_name("_clean.xlsx"), clean_rows())
    parts = {}
    with zipfile.ZipFile(good) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    rows = "".join(
        f'<row r="{r + 1}"><c r="{_cell_ref(r, c)}" t="inlineStr"><is><t>{v}</t></is></c></row>'
        if isinstance(v, str) else f'<row r="{r + 1}"><c r="{_cell_ref(r, c)}"><v>{v}</v></c></row>'
        for r, c, v in far)
    sheet = sheet.replace("</sheetData>", rows + "</sheetData>")
    if dimension:
        sheet = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', sheet)
    if merge:
        if "<mergeCells" in sheet:
            sheet = sheet.replace("</mergeCells>", f'<mergeCell ref="{merge}"/></mergeCells>')
        else:
            sheet = sheet.replace("</sheetData>",
                                  f'</sheetData><mergeCells><mergeCell ref="{merge}"/>'
                                  "</mergeCells>")
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    good.unlink()
    return path


def _cell_ref(r: int, c: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(c + 1)}{r + 1}"
