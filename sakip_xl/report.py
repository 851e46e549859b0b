"""Findings as data (the JSON report of SPEC §5) and as a readable report grouped by file."""

from __future__ import annotations

import math
import sys

from .layouts import registry
from .messages import file_message, finding_message, severity_label, ui
from .model import FileResult, Finding, Record

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


class Reported(Record):
    """One file's part of the report, already written out (by the worker that checked it):
    what the run needs of the file besides its text, to count and to set the exit code."""

    __slots__ = ("errors", "path", "status", "text", "warnings")

    def __init__(self, path: str, status: str, errors: int, warnings: int, text: str) -> None:
        self.path = path
        self.status = status
        self.errors = errors
        self.warnings = warnings
        self.text = text  # lines of the text report, or the file's object of the JSON one


class TextStyle(Record):
    """How the text report is written, decided once from the stream it goes to: in colour
    and in aligned columns on a terminal that shows ANSI colours, aligned without colour on
    one that does not, plain lines when piped; ✓/✗ where the encoding has them. Plain data,
    so a worker process can write a file's part the way the main process would."""

    __slots__ = ("aligned", "bold", "clean", "failed", "green", "reset", "severity", "width")

    def __init__(self, aligned: bool = False, colour: bool = False, marks: bool = True,
                 width: int = 80) -> None:
        self.aligned = aligned  # findings in columns, the message wrapped to ``width``
        self.width = width
        self.bold, self.reset, self.green = (_BOLD, _RESET, _GREEN) if colour else ("", "", "")
        self.severity = _STYLE if colour else dict.fromkeys(_STYLE, "")
        self.failed, self.clean = ("✗", "✓") if marks else ("x", "v")  # cp1252: no ✓


def text_style(out: TextIO) -> TextStyle:
    """The ``TextStyle`` for writing to ``out``."""
    from .terminal import ansi_terminal, can_encode, columns

    terminal = out.isatty()
    return TextStyle(aligned=terminal, colour=terminal and ansi_terminal(out),
                     marks=can_encode(out, "✗✓"), width=columns() if terminal else 80)


class ReportForm(Record):
    """Which report a run writes: ``json`` or ``text`` (with its style), in which language,
    with info findings or not."""

    __slots__ = ("form", "lang", "show_info", "style")

    def __init__(self, form: str = "text", lang: str = "id", show_info: bool = False,
                 style: TextStyle | None = None) -> None:
        self.form = form
        self.lang = lang
        self.show_info = show_info
        self.style = style or TextStyle()


def reported(res: FileResult, form: ReportForm) -> Reported:
    """One file's part of the report, written out."""
    text = (file_json(res, form.lang) if form.form == "json"
            else file_text(res, form.lang, form.show_info, form.style))
    return Reported(res.path, res.status, res.errors, res.warnings, text)


def write_report(parts: list[Reported], form: ReportForm, out: TextIO) -> None:
    """The whole report from the files' parts, in their order."""
    files = sum(1 for p in parts if p.status != "skipped")
    errors, warnings = sum(p.errors for p in parts), sum(p.warnings for p in parts)
    if form.form == "json":
        import json

        enc = json.JSONEncoder(ensure_ascii=False).encode
        summary = enc({"files": files, "errors": errors, "warnings": warnings})
        body = ",\n  ".join(p.text for p in parts)
        out.write('{"version": 1,\n "files": [' + ("\n  " + body if parts else "")
                  + '],\n "summary": ' + summary + "}\n")
        return
    text = "".join(p.text for p in parts)
    out.write(text + ui("summary", form.lang, files=files, errors=errors, warnings=warnings)
              + "\n")


def file_json(res: FileResult, lang: str = "id") -> str:
    """A file's object of the JSON report, one finding per line. Written by the C encoder
    piece by piece: ``indent=`` would switch json to its pure-Python encoder, slower than
    checking the files."""
    import json

    enc = json.JSONEncoder(ensure_ascii=False).encode
    file = file_dict(res, lang)
    findings = file.pop("findings")
    return (enc(file)[:-1] + ', "findings": ['
            + ",".join("\n    " + enc(f) for f in findings) + "]}")


# ANSI styles of the terminal report (no rich: importing it took ~70 ms, more than checking
# a dozen workbooks, on every run at a terminal)
_BOLD, _RESET = "\033[1m", "\033[0m"
_STYLE = {"error": "\033[1;31m", "warning": "\033[33m", "info": "\033[36m"}
_GREEN = "\033[32m"


def file_text(res: FileResult, lang: str = "id", show_info: bool = False,
              style: TextStyle | None = None) -> str:
    """A file's part of the text report, each line ending in a newline: its name, then what
    was found (or why it was not read); nothing for a file left out without a reason."""
    style = style or TextStyle()
    bold, reset = style.bold, style.reset
    if res.status == "skipped":
        if not res.error:
            return ""
        # left out for a reason (last quarter's rekap): say which
        return (f"{bold}{res.path}{reset}\n"
                f"  - {file_message(res.error, res.error_params, lang)}\n")
    lines = [f"{bold}{res.path}{reset}"]
    if res.status == "error":
        lines.append(f"  {style.severity['error']}{style.failed}{reset} "
                     + file_message(res.error or "", res.error_params, lang))
        return "\n".join(lines) + "\n"
    titles = _layout_titles(lang)
    tables = ", ".join(
        ui("table-desc", lang, sheet=t.table.sheet,
           layout=titles.get(t.table.layout, t.table.layout), rows=t.row_count)
        for t in res.tables)
    lines.append("  " + ui("file-ok", lang, tables=tables))
    shown = [f for f in res.findings if show_info or f.severity != "info"]
    if not shown:
        lines.append(f"  {style.green}{style.clean}{reset} {ui('no-findings', lang)}")
    elif style.aligned:
        lines.extend(_aligned(shown, lang, style))
    else:
        labels = {sev: severity_label(sev, lang) for sev in _STYLE}
        lines.extend(f"  {f.sheet}!{f.cell} {labels[f.severity]} {f.code}: "
                     f"{finding_message(f, lang)}" for f in shown)
    return "\n".join(lines) + "\n"


def _layout_titles(lang: str) -> dict[str, str]:
    return {lay.name: (lay.title_en if lang == "en" else lay.title)
            for lay in registry().values()}


def print_text(results: list[FileResult], lang: str = "id", show_info: bool = False,
               out: TextIO | None = None) -> None:
    """Findings grouped by file (``file_text``), then the run's summary line: on a terminal
    in colour (where it shows ANSI colours), the findings of a file in aligned columns with
    the message wrapped to the terminal's width; plain lines when piped (lines never wrap
    there). ✓/✗ where the encoding has them."""
    out = out or sys.stdout
    form = ReportForm("text", lang, show_info, text_style(out))
    write_report([reported(r, form) for r in results], form, out)


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, filled word by word; a word longer
    than a line is cut. What ``textwrap.wrap(text, width, break_on_hyphens=False)`` gives for
    words that fit a line, ten times faster (a terminal report of thousands of findings
    spent more time wrapping them than checking the files)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:  # a word longer than a line: cut, each piece a line
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _aligned(findings: list[Finding], lang: str, style: TextStyle) -> list[str]:
    """A file's findings as a table: a heading row, the columns padded to their widest cell,
    the message wrapped under its own column to the terminal's width."""
    bold, reset = style.bold, style.reset
    head = [ui(k, lang) for k in ("col-sheet", "col-cell", "col-severity", "col-code",
                                  "col-message")]
    rows = [(f.sheet, f.cell, severity_label(f.severity, lang), f.code,
             finding_message(f, lang), f.severity) for f in findings]
    widths = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(4)]
    indent = 2 + sum(w + 2 for w in widths)
    titles = [h.ljust(w) for h, w in zip(head[:4], widths, strict=True)]
    lines = ["  " + bold + "  ".join([*titles, head[4]]) + reset]
    width = max(style.width - indent - 1, 30)
    for sheet, cell, label, code, message, severity in rows:
        cells = [sheet.ljust(widths[0]), cell.ljust(widths[1]),
                 style.severity[severity] + label.ljust(widths[2]) + reset,
                 code.ljust(widths[3])]
        wrapped = wrap_words(message, width) or [""]
        lines.append("  " + "  ".join(cells) + "  " + wrapped[0])
        lines.extend(" " * indent + more for more in wrapped[1:])
    return lines
