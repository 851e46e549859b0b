"""The Bappeda rekap (SPEC §5): Ringkasan per OPD, one sheet per layout with every row, Temuan,
native charts; and the canonical records (``--data``) as CSV or Parquet.

Written with xlsxwriter in constant-memory mode (rows stream to disk), strings always as
strings: text from an OPD file never becomes a formula.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterable, Iterator
from typing import Any

from .atomic import discard, finish_and_publish, temp_beside
from .layouts import anggaran, efisiensi, pengukuran, registry, rencana_aksi, renja_tahunan, tc29
from .messages import file_message, finding_message, severity_label
from .model import DataRow, FileResult, TableResult, Value
from .read import OWN_REKAP_PROPERTY
from .rules.common import as_percent
from .settings import LKJIP, PERMENDAGRI

BASE_FIELDS = ("file", "sheet", "row", "opd", "layout", "level", "kode", "uraian", "indikator",
               "satuan")
# each layout's module says what its records and its Ringkasan row hold (RECORD_KEYS,
# DERIVED_KEYS, SUMMARY_KEYS); the rekap's sheets come in this order
_OUTPUTS = {"tc29": tc29, "renja_tahunan": renja_tahunan, "pengukuran": pengukuran,
            "anggaran": anggaran, "rencana_aksi": rencana_aksi, "efisiensi": efisiensi}
LAYOUT_FIELDS = {name: module.RECORD_KEYS for name, module in _OUTPUTS.items()}
UNIT_KEYS = ("target_k", "target_renstra_k", "realisasi_k", "tw1_k", "tw2_k", "tw3_k", "tw4_k",
             "realisasi_lalu_k", "realisasi_renstra_k", "target", "realisasi")
PERCENT_KEYS = {"capaian_k", "capaian_rp", "capaian_renstra_k", "capaian_renstra_rp",
                "capaian", "persen", "serapan", "efisiensi"}
# read as the text typed: a label, not a value
LABEL_KEYS = ("predikat", "kategori")
# derived values recomputed by the rules, written beside the stated ones as ``{key}_hitung``
DERIVED = {name: module.DERIVED_KEYS for name, module in _OUTPUTS.items()}


def fields_for(layout: str) -> list[str]:
    keys = list(LAYOUT_FIELDS[layout])
    return list(BASE_FIELDS) + keys + [f"{k}_hitung" for k in DERIVED[layout]]


def _value(v: Value | None) -> Any:
    if v is None:
        return None
    if v.kind == "number":
        return v.number
    if v.kind in ("grade", "mark"):
        return v.text
    if v.kind == "range":
        return v.text
    return None


def _satuan(row: DataRow) -> str | None:
    if row.satuan:
        return row.satuan
    for key in UNIT_KEYS:  # the unit written in the K cells ("22.380 Liter"), target first
        v = row.values.get(key)
        if v is not None and v.unit:
            return v.unit
    return None


def opd_name(res: FileResult) -> str:
    return res.opd or os.path.splitext(os.path.basename(res.path))[0]


def records(res: FileResult) -> Iterator[dict[str, Any]]:
    """One canonical record per data row of every table of a file."""
    for t in res.tables:
        layout = t.table.layout
        for row in t.rows:
            rec: dict[str, Any] = {
                "file": os.path.basename(res.path), "sheet": t.table.sheet, "row": row.row + 1,
                "opd": t.opd or opd_name(res), "layout": layout, "level": row.level,
                "kode": row.kode, "uraian": row.uraian, "indikator": row.indikator,
                "satuan": _satuan(row),
            }
            for key in LAYOUT_FIELDS[layout]:
                if key == "sasaran":
                    rec[key] = row.sasaran
                elif key == "polaritas":
                    rec[key] = row.polaritas
                elif key in LABEL_KEYS:
                    v = row.values.get(key)
                    rec[key] = v.text if v is not None and v.text else None
                elif key in PERCENT_KEYS:
                    v = row.values.get(key)
                    rec[key] = (as_percent(v, t.recomputed.get((row.row, key)))
                                if v is not None and v.kind == "number" else _value(v))
                else:
                    rec[key] = _value(row.values.get(key))
            for key in DERIVED[layout]:
                x = t.recomputed.get((row.row, key))
                rec[f"{key}_hitung"] = None if x is None else round(x, 6)
            yield rec


def _top_rows(t: TableResult) -> list[DataRow]:
    totals = [r for r in t.rows if r.level == "total"]
    if totals:
        return totals[-1:]
    for level in ("program", "kegiatan", "subkegiatan"):
        rows = [r for r in t.rows if r.level == level]
        if rows:
            return rows
    return [r for r in t.rows if r.level != "indikator"]


def _num(row: DataRow, key: str, t: TableResult) -> float | None:
    v = row.values.get(key)
    if v is not None and v.kind == "number":
        return v.number
    return t.recomputed.get((row.row, key))


def summary(res: FileResult, t: TableResult) -> dict[str, Any]:
    layout = t.table.layout
    pagu_key, real_key, cap_key = _OUTPUTS[layout].SUMMARY_KEYS
    pagu = real = None
    if pagu_key:
        top = _top_rows(t)
        ps = [_num(r, pagu_key, t) for r in top]
        rs = [_num(r, real_key, t) for r in top]
        pagu = sum(x for x in ps if x is not None) if any(x is not None for x in ps) else None
        real = sum(x for x in rs if x is not None) if any(x is not None for x in rs) else None
    caps = []
    if cap_key:
        for r in t.rows:
            x = t.recomputed.get((r.row, cap_key))
            if x is None:
                x = _num(r, cap_key, t)
            if x is not None and math.isfinite(x):
                caps.append(x)
    rata = sum(caps) / len(caps) if caps else None
    scale = {"lkjip": LKJIP, "permendagri": PERMENDAGRI}[_OUTPUTS[layout].PREDIKAT_SCALE]
    in_table = res.findings_of(t)
    errors = sum(1 for f in in_table if f.severity == "error")
    warnings = sum(1 for f in in_table if f.severity == "warning")
    return {
        "opd": t.opd or opd_name(res), "file": os.path.basename(res.path),
        "sheet": t.table.sheet, "header_row": t.table.header_first + 1,
        "layout": registry()[layout].title, "rows": len(t.rows), "pagu": pagu,
        "realisasi": real,
        "serapan": (real / pagu * 100) if pagu and real is not None else None,
        "rata_capaian": rata,
        "predikat": scale.expected(rata)[0] if rata is not None else None,
        "errors": errors, "warnings": warnings,
        # the status of this table, not of its whole file
        "status": "Ada kesalahan" if errors else "Ada peringatan" if warnings else "OK",
    }


def chart_labels(rows: list[dict[str, Any]]) -> list[str]:
    """A bar's label: the OPD; where one OPD has several bars, the first of these that tells
    them apart: its table ("· Evaluasi Renja", "· Pengukuran Kinerja"), its file (quarterly
    files of one OPD), its file and sheet, and the row its header starts on (two tables
    stacked on one sheet)."""
    ways = (
        lambda d: d["opd"],
        lambda d: f"{d['opd']} · {(d['layout'] or '').split(' (')[0]}",
        lambda d: f"{d['opd']} · {d['file']}",
        lambda d: f"{d['opd']} · {d['file']}!{d['sheet']}",
        lambda d: f"{d['opd']} · {d['file']}!{d['sheet']} baris {d['header_row']}",
    )
    by_opd: dict[str, list[dict[str, Any]]] = {}
    for d in rows:
        by_opd.setdefault(d["opd"], []).append(d)
    way_of = {opd: next((w for w in ways if len({w(d) for d in group}) == len(group)), ways[-1])
              for opd, group in by_opd.items()}
    return [way_of[d["opd"]](d) for d in rows]


def _write_cell(ws, r: int, c: int, value: Any, fmt=None) -> None:
    if value is None:
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, str):
        ws.write_string(r, c, value, fmt)  # never a formula, never a number guess
    elif isinstance(value, float) and not math.isfinite(value):
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_number(r, c, value, fmt)


def _present(values: Iterable[Any]) -> list[float]:
    """The numbers among ``values`` (what SUM and AVERAGE count in Excel: blanks left out)."""
    return [v for v in values
            if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)]


class Rekap:
    """The rekap workbook, written as results arrive: rows and findings stream to disk
    (constant-memory writer); only one summary line per OPD table is kept for Ringkasan."""

    HEAD = ("No", "OPD", "File", "Layout", "Status", "Baris", "Pagu (Rp)", "Realisasi (Rp)",
            "% Serapan", "Rata-rata capaian kinerja (%)", "Predikat", "Kesalahan",
            "Peringatan")

    def __init__(self, path: str, lang: str = "id") -> None:
        import xlsxwriter

        self.path, self.lang = path, lang
        self.tmp = temp_beside(path)
        self.wb = xlsxwriter.Workbook(self.tmp, {
            "constant_memory": True, "strings_to_formulas": False,
            "strings_to_numbers": False, "strings_to_urls": False})
        wb = self.wb
        # marks it as sakip-xl's rekap: a later run over this folder leaves it out
        wb.set_custom_property(OWN_REKAP_PROPERTY, "rekap")
        self.bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                   "text_wrap": True, "valign": "vcenter"})
        self.money = wb.add_format({"num_format": "#,##0"})
        self.pct = wb.add_format({"num_format": "0.00"})
        self.ring = wb.add_worksheet("Ringkasan")
        self.layout_sheets: dict[str, tuple[Any, list[str], list[int]]] = {}
        for layout in LAYOUT_FIELDS:  # sheet order: Ringkasan, layouts, Temuan, charts
            name = registry()[layout].title
            for ch in "/()[]:*?\\":
                name = name.replace(ch, "-" if ch == "/" else "")
            ws = wb.add_worksheet(name.strip()[:31])
            fields = fields_for(layout)
            for c, field in enumerate(fields):
                ws.write_string(0, c, field, self.bold)
            ws.freeze_panes(1, 0)
            self.layout_sheets[layout] = (ws, fields, [1])
        self.temuan = wb.add_worksheet("Temuan")
        for c, h in enumerate(("OPD", "File", "Lembar", "Sel", "Kode", "Tingkat", "Pesan",
                               "Tertulis", "Seharusnya")):
            self.temuan.write_string(0, c, h, self.bold)
        self.temuan.set_column(0, 1, 28)
        self.temuan.set_column(6, 6, 80)
        self.temuan_row = 1
        self.summaries: list[dict[str, Any]] = []

    def add(self, res: FileResult) -> None:
        lang = self.lang
        if res.status == "skipped":
            return
        if res.status == "error":
            message = file_message(res.error or "", res.error_params, lang)
            self.summaries.append({"opd": opd_name(res), "file": os.path.basename(res.path),
                                   "layout": None, "status": message, "rows": 0, "pagu": None,
                                   "realisasi": None, "serapan": None, "rata_capaian": None,
                                   "predikat": None, "errors": None, "warnings": None})
            self._temuan([opd_name(res), os.path.basename(res.path), None, None, "file-error",
                          severity_label("error", lang), message, None, None])
            return
        self.summaries.extend(summary(res, t) for t in res.tables)
        for rec in records(res):
            ws, fields, row = self.layout_sheets[rec["layout"]]
            for c, name in enumerate(fields):
                _write_cell(ws, row[0], c, rec.get(name))
            row[0] += 1
        for f in res.findings:
            self._temuan([opd_name(res), os.path.basename(res.path), f.sheet, f.cell, f.code,
                          severity_label(f.severity, lang), finding_message(f, lang),
                          f.actual, f.expected])

    @property
    def unreadable(self) -> list[str]:
        """The files that could not be read: a Ringkasan row each, their message the status."""
        return [d["file"] for d in self.summaries if d["layout"] is None]

    def _temuan(self, values: list[Any]) -> None:
        for c, v in enumerate(values):
            _write_cell(self.temuan, self.temuan_row, c, v)
        self.temuan_row += 1

    def close(self) -> None:
        finish_and_publish(self.tmp, self.path, self._finish)

    def _finish(self) -> None:
        wb, ws = self.wb, self.ring
        title = wb.add_format({"bold": True, "font_size": 13})
        total_fmt = wb.add_format({"bold": True, "num_format": "#,##0", "top": 1})
        total_pct = wb.add_format({"bold": True, "num_format": "0.00", "top": 1})
        ws.write_string(0, 0, "Rekap Pemeriksaan SAKIP (sakip-xl)", title)
        ws.set_row(2, 45)  # wrapped headers: not every viewer grows a row to fit them
        for c, h in enumerate(self.HEAD):
            ws.write_string(2, c, h, self.bold)
        for c, w in enumerate((5, 46, 32, 28, 30, 8, 18, 18, 10, 14, 14, 10, 10)):
            ws.set_column(c, c, w)
        rows = sorted(self.summaries, key=lambda d: (d["opd"].lower(), d["file"],
                                                     d["layout"] or ""))
        r = 3
        for i, d in enumerate(rows, 1):
            values = [i, d["opd"], d["file"], d["layout"], d["status"], d["rows"], d["pagu"],
                      d["realisasi"], d["serapan"], d["rata_capaian"], d["predikat"],
                      d["errors"], d["warnings"]]
            for c, v in enumerate(values):
                fmt = self.money if c in (6, 7) else self.pct if c in (8, 9) else None
                _write_cell(ws, r, c, v, fmt)
            r += 1
        last = r - 1
        # one JUMLAH per layout where the folder holds several: a T-C.29's pagu and a
        # realisasi anggaran's are the same money told twice, and a pengukuran's capaian is
        # not a Renja's; then one JUMLAH of the counts of all
        layouts = sorted({d["layout"] for d in rows if d["layout"]})
        if len(layouts) > 1:
            for layout in layouts:
                ws.write_string(r, 1, f"JUMLAH {layout}", self.bold)
                self._totals(r, [d for d in rows if d["layout"] == layout], total_fmt,
                             total_pct)
                r += 1
        ws.write_string(r, 1, "JUMLAH", self.bold)
        if rows:
            self._totals(r, rows, total_fmt, total_pct, counts_only=len(layouts) > 1)
            ws.autofilter(2, 0, last, len(self.HEAD) - 1)
        ws.freeze_panes(3, 2)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(2)
        for _layout, (sheet, fields, row) in self.layout_sheets.items():
            if row[0] == 1:
                sheet.hide()  # no table of this layout in the inputs
            else:
                sheet.autofilter(0, 0, row[0] - 1, len(fields) - 1)
        if self.temuan_row > 1:
            self.temuan.autofilter(0, 0, self.temuan_row - 1, 8)
        if rows:
            self._charts(rows)
        wb.close()

    def _totals(self, r: int, rows: list[dict[str, Any]], total_fmt: Any, total_pct: Any,
                counts_only: bool = False) -> None:
        """A JUMLAH row of Ringkasan rows: numbers, not formulas (a rekap holds no formula at
        all, and a viewer that does not recalculate, a phone's preview or pandas, shows them
        right). A money total only where some row states the money (no pagu in pengukuran
        tables is no figure, not Rp 0); ``counts_only``: rows, errors and warnings."""
        keys = ("rows", "errors", "warnings") if counts_only else (
            "rows", "pagu", "realisasi", "errors", "warnings")
        total = {key: sum(present) if (present := _present(d[key] for d in rows))
                 or key not in ("pagu", "realisasi") else None for key in keys}
        for col, key in ((5, "rows"), (6, "pagu"), (7, "realisasi"), (11, "errors"),
                         (12, "warnings")):
            if key in total:
                _write_cell(self.ring, r, col, total[key], total_fmt)
        if counts_only:
            return
        capaian = _present(d["rata_capaian"] for d in rows)
        _write_cell(self.ring, r, 8, total["realisasi"] / total["pagu"] * 100
                    if total["pagu"] and total["realisasi"] is not None else None, total_pct)
        _write_cell(self.ring, r, 9, sum(capaian) / len(capaian) if capaian else None,
                    total_pct)

    CHARTS = (("rata_capaian", "capaian", "Rata-rata capaian kinerja per OPD (%)"),
              ("serapan", "serapan", "% serapan anggaran per OPD"))

    def _charts(self, rows: list[dict[str, Any]]) -> None:
        """One bar per OPD table that has the measure, on a chart sheet each. The bars read a
        small "Data grafik" sheet: only the rows with a value (a pengukuran table has no
        pagu, so no empty serapan bar), labelled by the OPD, plus the table and file where
        one OPD has more than one."""
        wb = self.wb
        data = wb.add_worksheet("Data grafik")
        data.set_column(0, 0, 60)
        data.set_column(2, 2, 60)
        blocks = []
        for b, (field, _name, chart_title) in enumerate(self.CHARTS):
            col = 2 * b
            data.write_string(0, col, "OPD", self.bold)
            data.write_string(0, col + 1, chart_title, self.bold)
            blocks.append([d for d in rows if d[field] is not None])
        height = max(len(block) for block in blocks)
        labels = [chart_labels(block) for block in blocks]
        for i in range(height):  # row by row: the writer keeps constant memory
            for b, (field, _name, _title) in enumerate(self.CHARTS):
                if i < len(blocks[b]):
                    data.write_string(i + 1, 2 * b, labels[b][i])
                    data.write_number(i + 1, 2 * b + 1, blocks[b][i][field], self.pct)
        for b, (_field, name, chart_title) in enumerate(self.CHARTS):
            if not blocks[b]:
                continue
            last = len(blocks[b])
            chart = wb.add_chart({"type": "bar"})
            chart.add_series({
                "name": chart_title,
                "categories": ["Data grafik", 1, 2 * b, last, 2 * b],
                "values": ["Data grafik", 1, 2 * b + 1, last, 2 * b + 1],
                "data_labels": {"value": True, "num_format": "0.0"},
            })
            chart.set_title({"name": chart_title})
            chart.set_legend({"none": True})
            chart.set_y_axis({"reverse": True})
            cs = wb.add_chartsheet(f"Grafik {name}")
            cs.set_chart(chart)

    def abort(self) -> None:
        try:
            self.wb.close()
        finally:
            discard(self.tmp)


def write_rekap(results: Iterable[FileResult], path: str, lang: str = "id") -> None:
    drain([Rekap(path, lang)], results)


class DataWriter:
    """Canonical records (SPEC §5): CSV streams row by row; Parquet is written at the end."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.parquet = path.lower().endswith(".parquet")
        self.fields: list[str] = list(BASE_FIELDS)
        for layout in LAYOUT_FIELDS:
            for name in fields_for(layout):
                if name not in self.fields:
                    self.fields.append(name)
        self.tmp = temp_beside(path)
        self.recs: list[dict[str, Any]] = []
        if not self.parquet:
            self.fh = open(self.tmp, "w", newline="", encoding="utf-8")  # noqa: SIM115
            self.writer = csv.DictWriter(self.fh, fieldnames=self.fields, extrasaction="ignore")
            self.writer.writeheader()

    def add(self, res: FileResult) -> None:
        for rec in records(res):
            if self.parquet:
                self.recs.append(rec)
            else:
                self.writer.writerow({k: ("" if v is None else v) for k, v in rec.items()})

    def close(self) -> None:
        finish_and_publish(self.tmp, self.path, self._finish)

    def _finish(self) -> None:
        if self.parquet:
            import pandas as pd

            frame = pd.DataFrame.from_records(self.recs, columns=self.fields)
            for name in self.fields:
                if frame[name].dtype == object:  # text, and K columns holding grades (BB)
                    frame[name] = frame[name].map(
                        lambda x: None if x is None or x != x else str(x)).astype("string")
            frame.to_parquet(self.tmp, index=False)
        else:
            self.fh.close()

    def abort(self) -> None:
        if not self.parquet:
            self.fh.close()
        discard(self.tmp)


def write_data(results: Iterable[FileResult], path: str) -> None:
    drain([DataWriter(path)], results)


def drain(writers: list[Rekap | DataWriter], results: Iterable[FileResult]) -> None:
    """Feed every result (as it arrives) to every writer; on any failure leave no partial
    output behind."""
    try:
        for res in results:
            for writer in writers:
                writer.add(res)
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    for i, writer in enumerate(writers):
        try:
            writer.close()
        except BaseException:  # the rekap could not be put in place: drop the data file too
            for other in writers[i + 1:]:
                other.abort()
            raise
