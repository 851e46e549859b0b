"""Blank forms ready to fill: the E.81 / T-C.29 evaluation and the LKjIP pengukuran table.

The same column description (``TC29_GROUPS``) writes the template and the test workbooks, so
what sakip-xl hands out is what it reads best.
"""

from __future__ import annotations

from dataclasses import dataclass

from .atomic import finish_and_publish, temp_beside
from .model import col_name


@dataclass(frozen=True)
class Group:
    header: str
    key: str  # role key prefix (tc29 keys: target_renstra -> target_renstra_k / _rp)
    subs: tuple[str, ...] = ()  # sub-headers: ("K", "Rp") or () for a single column
    number: str = ""  # what the column-number row shows
    width: float = 14


TC29_GROUPS: tuple[Group, ...] = (
    Group("No", "no", number="1", width=5),
    Group("Sasaran", "sasaran", number="2", width=22),
    Group("Kode", "kode", number="3", width=16),
    Group("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
          "uraian", number="4", width=36),
    Group("Indikator Kinerja Program (outcome)/Kegiatan (output)", "indikator", number="5",
          width=36),
    Group("Satuan", "satuan", width=10),
    Group("Target Renstra Perangkat Daerah pada Tahun 2026 (Akhir Periode Renstra)",
          "target_renstra", ("K", "Rp"), "6"),
    Group("Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat "
          "Daerah Tahun Lalu (n-2)", "realisasi_lalu", ("K", "Rp"), "7"),
    Group("Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (n-1) yang "
          "dievaluasi", "target", ("K", "Rp"), "8"),
    Group("Realisasi Kinerja Pada Triwulan", "triwulan", ("K", "Rp"), "9-12"),
    Group("Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang dievaluasi",
          "realisasi", ("K", "Rp"), "13 = 9+10+11+12"),
    Group("Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun Berjalan",
          "realisasi_renstra", ("K", "Rp"), "14 = 7 + 13"),
    Group("Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang "
          "dievaluasi (%)", "capaian", ("K", "Rp"), "15 = 13 / 8 x 100"),
    Group("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun "
          "Berjalan (%)", "capaian_renstra", ("K", "Rp"), "16 = 14 / 6 x 100"),
    Group("Predikat", "predikat", number="", width=14),
    Group("Unit Perangkat Daerah Penanggung Jawab", "unit", number="17", width=20),
    Group("Keterangan", "keterangan", width=16),
)

PENGUKURAN_GROUPS: tuple[Group, ...] = (
    Group("No", "no", number="1", width=5),
    Group("Sasaran Strategis", "sasaran", number="2", width=34),
    Group("Indikator Kinerja", "indikator", number="3", width=38),
    Group("Satuan", "satuan", number="4", width=10),
    Group("Polaritas", "polaritas", number="5", width=11),
    Group("Target", "target", number="6"),
    Group("Realisasi", "realisasi", number="7"),
    Group("Capaian (%)", "capaian", number="8 = 7 / 6 x 100"),
    Group("Predikat", "predikat", number="9", width=16),
)


def tc29_columns(groups: tuple[Group, ...] | list[Group] = TC29_GROUPS) -> list[tuple[str, int]]:
    """(role key, 0-based column) of a T-C.29 layout (the canonical one by default)."""
    out: list[tuple[str, int]] = []
    col = 0
    for g in groups:
        if g.key == "triwulan":
            for q in range(1, 5):
                out += [(f"tw{q}_k", col), (f"tw{q}_rp", col + 1)]
                col += 2
        elif g.subs:
            out += [(f"{g.key}_{s.lower()}", col + i) for i, s in enumerate(g.subs)]
            col += len(g.subs)
        else:
            out.append((g.key, col))
            col += 1
    return out


def _atomic_workbook(path: str):
    import xlsxwriter

    tmp = temp_beside(path)
    return xlsxwriter.Workbook(tmp, {"strings_to_formulas": False, "strings_to_numbers": False}
                               ), tmp


def _formats(wb, number: str) -> tuple:
    """(title, head, column-number, value cell, derived cell) formats shared by the forms."""
    return (wb.add_format({"bold": True, "font_size": 12}),
            wb.add_format({"bold": True, "text_wrap": True, "align": "center",
                           "valign": "vcenter", "border": 1, "bg_color": "#DDEBF7"}),
            wb.add_format({"italic": True, "align": "center", "border": 1,
                           "bg_color": "#F2F2F2"}),
            wb.add_format({"border": 1, "num_format": number}),
            wb.add_format({"border": 1, "num_format": number, "bg_color": "#FFF2CC"}))


def write_tc29_template(path: str, data_rows: int = 40) -> None:
    wb, tmp = _atomic_workbook(path)
    ws = wb.add_worksheet("T-C.29")
    title, head, num, cell, derived = _formats(wb, "#,##0.00")
    text = wb.add_format({"border": 1, "text_wrap": True})
    ws.write(0, 0, "TABEL T-C.29 / FORMULIR E.81", title)
    ws.write(1, 0, "Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah", title)
    ws.write(2, 0, "Perangkat Daerah: …", title)
    ws.write(3, 0, "Tahun: …", title)
    top, mid, sub, numbers, first = 5, 6, 7, 8, 9
    col = 0
    for g in TC29_GROUPS:
        if g.key == "triwulan":
            ws.merge_range(top, col, top, col + 7, g.header, head)
            for q, roman in enumerate(("I", "II", "III", "IV")):
                ws.merge_range(mid, col + 2 * q, mid, col + 2 * q + 1, roman, head)
                ws.write(sub, col + 2 * q, "K", head)
                ws.write(sub, col + 2 * q + 1, "Rp", head)
                ws.merge_range(numbers, col + 2 * q, numbers, col + 2 * q + 1, str(9 + q), num)
                ws.set_column(col + 2 * q, col + 2 * q + 1, g.width)
            col += 8
        elif g.subs:
            ws.merge_range(top, col, mid, col + len(g.subs) - 1, g.header, head)
            for i, s in enumerate(g.subs):
                ws.write(sub, col + i, s, head)
            ws.merge_range(numbers, col, numbers, col + len(g.subs) - 1, g.number, num)
            ws.set_column(col, col + len(g.subs) - 1, g.width)
            col += len(g.subs)
        else:
            ws.merge_range(top, col, sub, col, g.header, head)
            ws.write(numbers, col, g.number, num)
            ws.set_column(col, col, g.width)
            col += 1
    ws.set_row(top, 75)
    cols = dict(tc29_columns())

    def ref(key: str, r: int) -> str:
        return f"{col_name(cols[key])}{r + 1}"

    for r in range(first, first + data_rows):
        for key, c in cols.items():
            fmt = text if key in ("no", "sasaran", "kode", "uraian", "indikator", "satuan",
                                  "predikat", "unit", "keterangan") else cell
            ws.write_blank(r, c, None, fmt)
        for kind in ("k", "rp"):
            quarters = ",".join(ref(f"tw{q}_{kind}", r) for q in range(1, 5))
            ws.write_formula(r, cols[f"realisasi_{kind}"],
                             f"=SUM({quarters})", derived, 0)
            ws.write_formula(r, cols[f"realisasi_renstra_{kind}"],
                             f'=IFERROR({ref(f"realisasi_lalu_{kind}", r)}+'
                             f'{ref(f"realisasi_{kind}", r)},"")', derived, "")
            ws.write_formula(r, cols[f"capaian_{kind}"],
                             f'=IFERROR({ref(f"realisasi_{kind}", r)}/'
                             f'{ref(f"target_{kind}", r)}*100,"")', derived, "")
            ws.write_formula(r, cols[f"capaian_renstra_{kind}"],
                             f'=IFERROR({ref(f"realisasi_renstra_{kind}", r)}/'
                             f'{ref(f"target_renstra_{kind}", r)}*100,"")', derived, "")
    last = first + data_rows
    ws.write(last, 0, "JUMLAH", wb.add_format({"bold": True, "border": 1}))
    ws.write(last + 2, 0, "Rata-rata capaian kinerja (%)")
    ws.write(last + 3, 0, "Predikat kinerja")
    ws.write(last + 4, 0, "Faktor pendorong keberhasilan pencapaian kinerja:")
    ws.write(last + 5, 0, "Faktor penghambat pencapaian kinerja:")
    ws.write(last + 6, 0, "Tindak lanjut yang diperlukan dalam triwulan berikutnya:")
    ws.write(last + 8, 0, "Predikat (Permendagri 86/2017): Sangat Tinggi 91–100, Tinggi 76–90, "
                          "Sedang 66–75, Rendah 51–65, Sangat Rendah ≤ 50")
    ws.freeze_panes(first, 5)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top, numbers)
    finish_and_publish(tmp, path, wb.close)


def write_pengukuran_template(path: str, data_rows: int = 20) -> None:
    wb, tmp = _atomic_workbook(path)
    ws = wb.add_worksheet("Pengukuran Kinerja")
    title, head, num, cell, derived = _formats(wb, "0.00")
    ws.write(0, 0, "PENGUKURAN KINERJA", title)
    ws.write(1, 0, "Perangkat Daerah: …", title)
    ws.write(2, 0, "Tahun: …", title)
    head_row, numbers, first = 4, 5, 6
    for c, g in enumerate(PENGUKURAN_GROUPS):
        ws.write(head_row, c, g.header, head)
        ws.write(numbers, c, g.number, num)
        ws.set_column(c, c, g.width)
    tcol = next(i for i, g in enumerate(PENGUKURAN_GROUPS) if g.key == "target")
    rcol, pcol = tcol + 1, tcol - 1
    for r in range(first, first + data_rows):
        for c in range(len(PENGUKURAN_GROUPS)):
            ws.write_blank(r, c, None, cell)
        t, real, pol = (f"{col_name(tcol)}{r + 1}", f"{col_name(rcol)}{r + 1}",
                        f"{col_name(pcol)}{r + 1}")
        ws.write_formula(r, tcol + 2,
                         f'=IFERROR(IF(LEFT({pol},3)="Neg",(2*{t}-{real})/{t},{real}/{t})*100,"")',
                         derived, "")
    ws.data_validation(first, pcol, first + data_rows - 1, pcol,
                       {"validate": "list", "source": ["Positif", "Negatif"]})
    ws.write(first + data_rows + 1, 0,
             "Polaritas Negatif: capaian = (2 × target − realisasi) / target × 100. "
             "Predikat LKjIP: Sangat Berhasil ≥ 85, Berhasil 70–<85, Cukup Berhasil 55–<70, "
             "Tidak Berhasil < 55.")
    ws.freeze_panes(first, 3)
    ws.set_landscape()
    finish_and_publish(tmp, path, wb.close)


def write_template(kind: str, path: str) -> None:
    {"tc29": write_tc29_template, "pengukuran": write_pengukuran_template}[kind](path)
