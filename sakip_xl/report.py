"""Findings as data (the JSON report of SPEC §5) and as a readable report grouped by file."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator

from .layouts import registry
from .messages import file_message, finding_message, severity_label, ui
from .model import FileResult

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any, TextIO


def _jsonable(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def file_dict(res: FileResult, lang: str = "id") -> dict[str, Any]:
    return {
        "path": res.path,
        "status": res.status,
        "error": file_message(res.error, res.error_params, lang) if res.error else None,
        "tables": [
            {
                "sheet": t.table.sheet,
                "layout": t.table.layout,
                "header_rows": [t.table.header_first + 1, t.table.header_last + 1],
                "first_data_row": t.table.first_data_row + 1,
                "rows": t.row_count,
            }
            for t in res.tables
        ],
        "findings": [
            {
                "sheet": f.sheet,
                "cell": f.cell,
                "row": f.row + 1,
                "code": f.code,
                "severity": f.severity,
                "message": finding_message(f, lang),
                "expected": _jsonable(f.expected),
                "actual": _jsonable(f.actual),
            }
            for f in res.findings
        ],
    }


def report_dict(results: list[FileResult], lang: str = "id") -> dict[str, Any]:
    return {
        "version": 1,
        "files": [file_dict(r, lang) for r in results],
        "summary": {
            "files": sum(1 for r in results if r.status != "skipped"),
            "errors": sum(r.errors for r in results),
            "warnings": sum(r.warnings for r in results),
        },
    }


def write_json(results: list[FileResult], out: TextIO, lang: str = "id") -> None:
    """The report, one finding per line. Built from pieces the C encoder writes: ``indent=``
    would switch json to its pure-Python encoder, slower than checking the files."""
    import json

    enc = json.JSONEncoder(ensure_ascii=False).encode
    report = report_dict(results, lang)
    parts = ['{"version": ', enc(report["version"]), ',\n "files": [']
    for i, file in enumerate(report["files"]):
        findings = file.pop("findings")
        parts.append(",\n  " if i else "\n  ")
        parts.append(enc(file)[:-1])
        parts.append(', "findings": [')
        parts.append(",".join("\n    " + enc(f) for f in findings))
        parts.append("]}")
    parts.append('],\n "summary": ' + enc(report["summary"]) + "}\n")
    out.write("".join(parts))


# ANSI styles of the terminal report (no rich: importing it took ~70 ms, more than checking
# a dozen workbooks, on every run at a terminal)
_BOLD, _RESET = "\033[1m", "\033[0m"
_STYLE = {"error": "\033[1;31m", "warning": "\033[33m", "info": "\033[36m"}
_GREEN = "\033[32m"


def _blocks(results: list[FileResult], lang: str, show_info: bool) -> Iterator[tuple[str, Any]]:
    """What the text report says, in order, before any styling: (kind, content)."""
    titles = {lay.name: (lay.title_en if lang == "en" else lay.title)
              for lay in registry().values()}
    for res in results:
        if res.status == "skipped":
            if res.error:  # left out for a reason (last quarter's rekap): say which
                yield "file", res.path
                yield "skipped", file_message(res.error, res.error_params, lang)
            continue
        yield "file", res.path
        if res.status == "error":
            yield "failed", file_message(res.error or "", res.error_params, lang)
            continue
        tables = ", ".join(
            ui("table-desc", lang, sheet=t.table.sheet,
               layout=titles.get(t.table.layout, t.table.layout), rows=t.row_count)
            for t in res.tables)
        yield "tables", ui("file-ok", lang, tables=tables)
        shown = [f for f in res.findings if show_info or f.severity != "info"]
        if not shown:
            yield "clean", ui("no-findings", lang)
            continue
        yield "findings", [(f.sheet, f.cell, f.severity, severity_label(f.severity, lang),
                            f.code, finding_message(f, lang)) for f in shown]
    yield "summary", ui("summary", lang, files=sum(1 for r in results if r.status != "skipped"),
                        errors=sum(r.errors for r in results),
                        warnings=sum(r.warnings for r in results))


def print_text(results: list[FileResult], lang: str = "id", show_info: bool = False,
               out: TextIO | None = None) -> None:
    """Findings grouped by file: on a terminal in colour (where it shows ANSI colours), the
    findings of a file in aligned columns with the message wrapped to the terminal's width;
    plain lines when piped (lines never wrap there). ✓/✗ where the encoding has them."""
    from .terminal import ansi_terminal, can_encode

    out = out or sys.stdout
    terminal = out.isatty()
    if terminal and ansi_terminal(out):
        bold, reset, green, style = _BOLD, _RESET, _GREEN, _STYLE
    else:
        bold = reset = green = ""
        style = dict.fromkeys(_STYLE, "")
    failed, clean = ("✗", "✓") if can_encode(out, "✗✓") else ("x", "v")  # cp1252: no ✓
    lines: list[str] = []
    for kind, content in _blocks(results, lang, show_info):
        if kind == "file":
            lines.append(f"{bold}{content}{reset}")
        elif kind == "failed":
            lines.append(f"  {style['error']}{failed}{reset} {content}")
        elif kind == "tables":
            lines.append("  " + content)
        elif kind == "clean":
            lines.append(f"  {green}{clean}{reset} {content}")
        elif kind == "skipped":
            lines.append(f"  - {content}")
        elif kind == "findings" and terminal:
            lines.extend(_aligned(content, lang, bold, reset, style))
        elif kind == "findings":
            lines.extend(f"  {sheet}!{cell} {label} {code}: {message}"
                         for sheet, cell, _sev, label, code, message in content)
        else:
            lines.append(content)
    out.write("\n".join(lines) + "\n")


def _aligned(findings: list[tuple[str, ...]], lang: str, bold: str, reset: str,
             style: dict[str, str]) -> list[str]:
    """A file's findings as a table: a heading row, the columns padded to their widest cell,
    the message wrapped under its own column to the terminal's width."""
    import textwrap

    from .terminal import columns

    head = [ui(k, lang) for k in ("col-sheet", "col-cell", "col-severity", "col-code",
                                  "col-message")]
    rows = [(sheet, cell, label, code, message, severity)
            for sheet, cell, severity, label, code, message in findings]
    widths = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(4)]
    indent = 2 + sum(w + 2 for w in widths)
    titles = [h.ljust(w) for h, w in zip(head[:4], widths, strict=True)]
    lines = ["  " + bold + "  ".join([*titles, head[4]]) + reset]
    width = max(columns() - indent - 1, 30)
    for sheet, cell, label, code, message, severity in rows:
        cells = [sheet.ljust(widths[0]), cell.ljust(widths[1]),
                 style[severity] + label.ljust(widths[2]) + reset, code.ljust(widths[3])]
        wrapped = textwrap.wrap(message, width) or [""]
        lines.append("  " + "  ".join(cells) + "  " + wrapped[0])
        lines.extend(" " * indent + more for more in wrapped[1:])
    return lines
