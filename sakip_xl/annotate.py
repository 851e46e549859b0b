"""Annotated copies (SPEC §5): the original is never touched; the copy gets a fill and an
Indonesian comment on every flagged cell, computed values in empty derived cells, and a first
sheet "Hasil Pemeriksaan" listing every finding with a link to its cell.

Running it on its own output does not stack: the old findings sheet and sakip-xl's own comments
are removed before the new ones are written.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field

from .atomic import TargetLocked, finish_and_publish, temp_beside
from .container import BadContainer, open_container
from .messages import finding_message, severity_label, ui
from .model import FileResult, Finding, WorkbookGrid, cell_name
from .patterns import compiled
from .pipeline import inspect_file
from .read import MAX_MERGE_AREA, merge_area, without_large_merges
from .settings import Settings

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

AUTHOR = "sakip-xl"
SHEET = "Hasil Pemeriksaan"
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7", "computed": "E2EFDA"}


@dataclass
class Outcome:
    result: FileResult
    written: str | None = None
    failure: str | None = None
    dropped: list[str] = field(default_factory=list)  # what the copy lacks: message keys


# What openpyxl says, as a Python warning, that it leaves out of a workbook it loads: the
# copy lacks it (the original keeps it). Said in the user's words, never as a raw warning.
_DROPPED = (
    ("Data Validation extension", "dropped-validation"),
    ("Conditional Formatting extension", "dropped-conditional"),
    ("Unable to read chart", "dropped-chart"),
    ("DrawingML support is incomplete", "dropped-shapes"),
    ("extension is not supported", "dropped-extension"),
    ("invalid specification", "dropped-sheet"),
)


def _dropped(caught: list[warnings.WarningMessage], path: str) -> list[str]:
    keys = {next((key for text, key in _DROPPED if text in str(w.message)), None)
            for w in caught}
    if _has_shapes(path):
        keys.add("dropped-shapes")
    return [key for key in dict.fromkeys(k for _text, k in _DROPPED) if key in keys]


_SHAPE = compiled(rb"<(?:\w+:)?(?:sp|grpSp|cxnSp)[\s>]")


def _has_shapes(path: str) -> bool:
    """Whether a drawing of the workbook holds shapes (text boxes, arrows, lines): openpyxl
    keeps its pictures and charts and leaves these out without a word."""
    try:
        with open_container(path) as zc:
            return any(_SHAPE.search(zc.read(name)) for name in zc.parts
                       if name.startswith("xl/drawings/") and name.endswith(".xml"))
    except (OSError, BadContainer, KeyError):
        return False


def output_path(path: str, out_dir: str | None) -> str:
    base = os.path.basename(path)
    stem = os.path.splitext(base)[0]
    folder = out_dir or os.path.dirname(os.path.abspath(path))
    return os.path.join(folder, f"{stem}.diperiksa.xlsx")


def annotate_file(path: str, settings: Settings | None = None, out_dir: str | None = None,
                  lang: str = "id") -> Outcome:
    result, grid = inspect_file(path, settings)
    if result.status != "ok" or grid is None:
        return Outcome(result)
    target = output_path(path, out_dir)
    with warnings.catch_warnings(record=True) as caught:  # none reaches the console raw
        warnings.simplefilter("always")
        try:
            wb, large_merges = _load(path, grid)
        except Exception as exc:  # a file calamine reads but openpyxl cannot open
            detail = f"{type(exc).__name__}: {exc}"[:160]
            return Outcome(result, failure=ui("annotate-unopenable", lang, detail=detail))
        dropped = _dropped(caught, path) if grid.source_format == "xlsx" else []
        if large_merges:
            dropped.append("dropped-merge")
        try:
            _annotate(wb, result, lang, dropped)
            _save_atomic(wb, target)
        except TargetLocked:
            return Outcome(result, failure=ui("output-locked", lang, path=target))
        except PermissionError as exc:
            return Outcome(result, failure=ui("folder-not-writable", lang, detail=exc.strerror))
        except OSError as exc:
            return Outcome(result, failure=str(exc))
        except Exception as exc:  # openpyxl on an odd but readable file: report, continue
            return Outcome(result, failure=f"{type(exc).__name__}: {exc}"[:200])
    return Outcome(result, written=target, dropped=dropped)


def _load(path: str, grid: WorkbookGrid) -> tuple[Any, list[str]]:
    """The workbook in openpyxl, and the merged ranges left out of it: openpyxl makes an object
    of every cell of a merged range, and one over a whole sheet would take all memory."""
    import openpyxl

    if grid.source_format == "xlsx":
        source, left_out = without_large_merges(path)
        return openpyxl.load_workbook(source, rich_text=False), left_out
    # legacy .xls / .ods: rebuild the values read as an .xlsx copy (formatting not carried over)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    large: list[str] = []
    for sheet in grid.sheets:
        ws = wb.create_sheet(sheet.name[:31])
        for r, row in enumerate(sheet.rows, 1):
            for c, value in enumerate(row, 1):
                if value not in ("", None):
                    cell = ws.cell(r, c)
                    cell.value = value
                    if isinstance(value, str) and value.startswith("="):
                        cell.data_type = "s"
        for r0, c0, r1, c1 in sheet.merges:
            if merge_area(r0, c0, r1, c1) > MAX_MERGE_AREA:
                large.append(f"{cell_name(r0, c0)}:{cell_name(r1, c1)}")
                continue
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1,
                           end_column=c1 + 1)
        if not sheet.visible:
            ws.sheet_state = "hidden"
    return wb, large


class _Anchors:
    """The top-left cell of the merged range a cell lies in (only it can hold a value or a
    comment), per sheet, from the ranges indexed by row once: asking every range for every
    finding took 76 s for 3 000 findings on a form that merges a cell pair in each row."""

    def __init__(self) -> None:
        self._by_sheet: dict[str, dict[int, list[tuple[int, int, int, int]]]] = {}

    def of(self, ws: Any, row: int, col: int) -> tuple[int, int]:
        by_row = self._by_sheet.get(ws.title)
        if by_row is None:
            by_row = self._by_sheet[ws.title] = {}
            for rng in ws.merged_cells.ranges:  # (openpyxl: 1-based)
                box = (rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1)
                for r in range(box[0], box[2] + 1):
                    by_row.setdefault(r, []).append(box)
        for r0, c0, _r1, c1 in by_row.get(row, ()):
            if c0 <= col <= c1:
                return r0, c0
        return row, col


def _annotate(wb, result: FileResult, lang: str, dropped: list[str]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    if SHEET in wb.sheetnames:
        del wb[SHEET]
    for ws in wb.worksheets:
        # the cells the sheet holds (openpyxl's own dict of them): iter_rows() would create
        # every cell of the rectangle up to the farthest one, 17 billion for a stray value in
        # XFD1048576
        for cell in ws._cells.values():
            if cell.comment is not None and cell.comment.author == AUTHOR:
                cell.comment = None
    fills = {k: PatternFill("solid", start_color=v, end_color=v) for k, v in FILLS.items()}
    rank = {"error": 0, "warning": 1, "info": 2}
    by_cell: dict[tuple[str, int, int], list[Finding]] = {}
    for f in result.findings:
        by_cell.setdefault((f.sheet, f.row, f.col), []).append(f)
    computed = {(t.table.sheet, r, c): v for t in result.tables
                for (r, c), v in t.computed.items()}
    anchors = _Anchors()
    for (sheet, row, col), items in by_cell.items():
        if sheet not in wb.sheetnames:
            continue
        ws = wb[sheet]
        r, c = anchors.of(ws, row, col)
        cell = ws.cell(r + 1, c + 1)
        worst = min(items, key=lambda f: rank[f.severity])
        text = "\n".join(f"[{severity_label(f.severity, lang)}] {finding_message(f, lang)}"
                         for f in sorted(items, key=lambda f: rank[f.severity]))
        if (sheet, row, col) in computed and cell.value in (None, ""):
            cell.value = round(computed[(sheet, row, col)], 4)
            cell.fill = fills["computed"]
            cell.font = Font(italic=True, color="375623")
        elif worst.severity != "info" or worst.code == "formula-not-evaluated":
            cell.fill = fills[worst.severity]
        comment = Comment(f"sakip-xl:\n{text}", AUTHOR)
        comment.width, comment.height = 320, 60 + 40 * len(items)
        cell.comment = comment
    _findings_sheet(wb, result, lang, dropped)


def dropped_note(dropped: list[str], lang: str) -> str:
    """One sentence on what the copy lacks (the console and the findings sheet say it)."""
    return ui("annotate-dropped", lang, features="; ".join(ui(k, lang) for k in dropped))


def _findings_sheet(wb, result: FileResult, lang: str, dropped: list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(SHEET, 0)
    bold = Font(bold=True)
    ws["A1"] = "Hasil Pemeriksaan sakip-xl" if lang != "en" else "sakip-xl findings"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = os.path.basename(result.path)
    ws["A3"] = ui("summary", lang, files=1, errors=result.errors, warnings=result.warnings)
    legend = [("error", "Kesalahan: perbaiki sebelum dikirim"),
              ("warning", "Peringatan: perlu dilihat"),
              ("info", "Info"), ("computed", "Sel kosong yang diisi sakip-xl (miring, hijau)")]
    for i, (key, text) in enumerate(legend):
        cell = ws.cell(4 + i, 1, text)
        cell.fill = PatternFill("solid", start_color=FILLS[key], end_color=FILLS[key])
    if dropped:
        ws["A8"] = dropped_note(dropped, lang)
        ws["A8"].font = Font(italic=True)
    head = 9
    columns = ["No", ui("col-file", lang), ui("col-sheet", lang), ui("col-cell", lang),
               ui("col-code", lang), ui("col-severity", lang), ui("col-message", lang),
               ui("col-actual", lang), ui("col-expected", lang)]
    for c, name in enumerate(columns, 1):
        ws.cell(head, c, name).font = bold
    name = os.path.basename(result.path)
    for i, f in enumerate(result.findings, 1):
        r = head + i
        values = [i, name, f.sheet, f.cell, f.code, severity_label(f.severity, lang),
                  finding_message(f, lang), f.actual, f.expected]
        for c, v in enumerate(values, 1):
            cell = ws.cell(r, c)
            cell.value = v
            if isinstance(v, str):
                cell.data_type = "s"  # text from the workbook is never a formula
        link = ws.cell(r, 4)
        sheet_ref = f.sheet.replace("'", "''")
        link.hyperlink = f"#'{sheet_ref}'!{f.cell}"
        link.font = Font(color="0563C1", underline="single")
        ws.cell(r, 6).fill = PatternFill("solid", start_color=FILLS[f.severity],
                                         end_color=FILLS[f.severity])
        ws.cell(r, 7).alignment = Alignment(wrap_text=True, vertical="top")
        lines = 1 + len(finding_message(f, lang)) // 80  # column G is 70 wide
        ws.row_dimensions[r].height = 15 * lines
    for col, width in zip("ABCDEFGHI", (5, 28, 16, 8, 22, 12, 70, 16, 16), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(head + 1, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{head}:{head}"
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False


def _save_atomic(wb, target: str) -> None:
    tmp = temp_beside(target)
    finish_and_publish(tmp, target, lambda: wb.save(tmp))
