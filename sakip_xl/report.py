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


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _blocks(results: list[FileResult], lang: str, show_info: bool) -> Iterator[tuple[str, Any]]:
    """What the text report says, in order, before any styling: (kind, content)."""
    titles = {lay.name: (lay.title_en if lang == "en" else lay.title)
              for lay in registry().values()}
    for res in results:
        if res.status == "skipped":
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
    """Findings grouped by file: a rich table on a terminal, plain lines when piped (rich is
    not even imported then: piped runs start faster and lines never wrap)."""
    out = out or sys.stdout
    blocks = _blocks(results, lang, show_info)
    if out.isatty():
        _print_rich(blocks, lang, out)
        return
    for kind, content in blocks:
        if kind == "file":
            print(content, file=out)
        elif kind == "failed":
            print("  ✗ " + content, file=out)
        elif kind == "tables":
            print("  " + content, file=out)
        elif kind == "clean":
            print("  ✓ " + content, file=out)
        elif kind == "findings":
            for sheet, cell, _sev, label, code, message in content:
                print(f"  {sheet}!{cell} {label} {code}: {message}", file=out)
        else:
            print(content, file=out)


def _print_rich(blocks: Iterator[tuple[str, Any]], lang: str, out: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    console = Console(file=out, highlight=False, soft_wrap=False)
    for kind, content in blocks:
        if kind == "file":
            console.print(f"[bold]{escape(content)}[/bold]")
        elif kind == "failed":
            console.print("  [bold red]✗[/bold red] " + escape(content))
        elif kind == "tables":
            console.print("  " + escape(content))
        elif kind == "clean":
            console.print("  [green]✓[/green] " + escape(content))
        elif kind == "findings":
            table = RichTable(show_edge=False, pad_edge=False, box=None)
            for key in ("col-sheet", "col-cell", "col-severity", "col-code", "col-message"):
                table.add_column(ui(key, lang))
            for sheet, cell, severity, label, code, message in content:
                table.add_row(escape(sheet), cell, f"[{_STYLE[severity]}]{label}[/]", code,
                              escape(message))
            console.print(table)
        else:
            console.print(escape(content))
