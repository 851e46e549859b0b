"""A third inbox generator, written apart from the other two: workbooks as a script writes them
with xlsxwriter (no ``calcChain.xml``, so every formula is evaluated by sakip-xl).

    python bench/library_inbox.py FOLDER --files 16 --seed 5

Each workbook: a T-C.29 placed anywhere on its sheet (one to three columns in, a title merged
over it in capitals), the form's long header wording with line breaks, quarters labelled
"I" / "TW I" / "Triwulan 1", the kode in one column or split over "Urusan | Program |
Kegiatan | Sub Kegiatan", satuan in its own column or typed after each K value; in half the
workbooks realisasi Rp is ``=SUM(…)`` of the quarters and capaian ``=IFERROR(ROUND(…),0)``,
without cached values; amounts as numbers under accounting or ``"Rp"#,##0`` formats or typed
(``Rp. 1.234.567,-``, ``1,234,567``); percentages as numbers, fractions under ``0.00%``,
numbers under ``0.00"%"`` (a literal %, not a percent) or typed ``98,82 %``; names that
start with ``=``, ``+``, ``-`` or ``@`` written as text; half have a predikat column (an
``IF(…,"Sangat Tinggi",IF(…))`` formula where the capaian is one). Most have a cover sheet or a
pengukuran sheet, whose predikat sits under "Kategori" or under "Keterangan". The amounts
add up (no planted mistakes). The truth of every data row is returned by ``build`` in
``bench/accuracy.py``'s form; ``python bench/accuracy.py --generator library`` scores it.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell as cell_name

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inbox import Truth, generator_main, save_truth

OPDS = ("Dinas Kependudukan dan Pencatatan Sipil", "Dinas Lingkungan Hidup",
        "Badan Pendapatan Daerah", "Dinas Koperasi, Usaha Kecil dan Menengah",
        "Kecamatan Cibeureum", "Dinas Pertanian dan Ketahanan Pangan", "RSUD dr. Soekardjo",
        "Dinas Perumahan dan Kawasan Permukiman")
UNITS = ("Dokumen", "Orang", "Paket", "Liter", "Unit", "%", "Kegiatan", "Laporan", "Km", "Ha")
NAMES = ("=== Program Prioritas ===", "+ Penyediaan Gaji dan Tunjangan ASN",
         "-Koordinasi dan Sinkronisasi", "@Pelaksanaan Monev", "Penyusunan Dokumen Perencanaan",
         "Pengadaan Sarana & Prasarana <Gedung>", 'Fasilitasi "Kelompok" Tani', "Pembinaan UMKM")
GROUPS = (
    ("target_renstra", "Target Renstra Perangkat Daerah pada Tahun 2026\n"
                       "(Akhir Periode Renstra PD)"),
    ("realisasi_lalu", "Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu "
                       "(2024)"),
    ("target", "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (2025) yang "
               "Dievaluasi"),
    ("tw", "Realisasi Kinerja Pada Triwulan"),
    ("realisasi", "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang "
                  "Dievaluasi"),
    ("realisasi_renstra", "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun "
                          "2025 (Akhir Tahun Pelaksanaan Renja PD)"),
    ("capaian", "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang "
                "Dievaluasi (%)"),
    ("capaian_renstra", "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah "
                        "s/d Tahun 2025 (%)"),
)
QUARTER_LABELS = (("I", "II", "III", "IV"), ("TW I", "TW II", "TW III", "TW IV"),
                  ("Triwulan 1", "Triwulan 2", "Triwulan 3", "Triwulan 4"))
Cell = tuple[str, Any, str | None]  # ("num" | "str", value, number format)


def _grouped(v: float, sep: str = ".") -> str:
    return f"{int(v):,}".replace(",", sep)


def _round2(x: float) -> float:
    """Excel's ROUND(x, 2), half away from zero: what a capaian formula works out."""
    return math.copysign(math.floor(abs(x) * 100 + 0.5 + 1e-9) / 100, x)


def _renja_predikat(capaian: float) -> str:
    """Permendagri 86/2017's scale, as the form's IF formula gives it."""
    return ("Sangat Tinggi" if capaian >= 91 else "Tinggi" if capaian >= 76 else "Sedang"
            if capaian >= 66 else "Rendah" if capaian >= 51 else "Sangat Rendah")


def _predikat(capaian: float) -> str:
    return ("Sangat Berhasil" if capaian >= 85 else "Berhasil" if capaian >= 70
            else "Cukup Berhasil" if capaian >= 55 else "Tidak Berhasil")


class _Book:
    """One workbook and the ways its OPD types values."""

    def __init__(self, path: Path, rng: random.Random) -> None:
        self.wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                                  "strings_to_formulas": False})
        self.rng = rng
        self.formats: dict[str | None, Any] = {}

    def fmt(self, code: str | None) -> Any:
        if code not in self.formats:
            self.formats[code] = self.wb.add_format({"num_format": code} if code else {})
        return self.formats[code]

    def put(self, ws: Any, r: int, c: int, cell: Cell) -> None:
        kind, value, code = cell
        if kind == "num":
            ws.write_number(r, c, value, self.fmt(code))
        else:
            ws.write_string(r, c, value)

    def rupiah(self, v: float) -> Cell:
        rng = self.rng
        if rng.random() < 0.45:
            return ("num", v, rng.choice(("#,##0", '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-',
                                          '"Rp"#,##0', "General", "#,##0.00")))
        return ("str", rng.choice((f"Rp. {_grouped(v)},-", f"Rp {_grouped(v)}",
                                   f"{_grouped(v)},00", f"Rp{_grouped(v)}", _grouped(v, ","),
                                   f"Rp. {_grouped(v)},00", _grouped(v))), None)

    def percent(self, v: float) -> Cell:
        r = self.rng.random()
        if r < 0.35:
            return ("num", round(v, 2), "0.00")
        if r < 0.55:
            return ("num", round(v, 2) / 100, "0.00%")
        if r < 0.7:
            return ("num", round(v, 2), '0.00"%"')
        return ("str", f"{round(v, 2):.2f}".replace(".", ",") + self.rng.choice(("%", " %", "")),
                None)

    def kinerja(self, v: float, unit: str) -> Cell:
        if unit == "%":
            return self.percent(v)
        r = self.rng.random()
        if r < 0.5:
            return ("num", v, self.rng.choice(("0", "#,##0", "General")))
        if r < 0.8:
            return ("str", f"{_grouped(v)} {unit}", None)
        return ("str", str(int(v)), None)


def _tc29(book: _Book, ws: Any, opd: str) -> dict[int, dict[str, Any]]:
    rng = book.rng
    c0, h = rng.choice((0, 1, 2)), rng.choice((3, 5, 7))
    split = rng.random() < 0.35
    formulas = rng.random() < 0.5
    satuan_apart = rng.random() < 0.6
    head = book.wb.add_format({"text_wrap": True, "bold": True, "align": "center",
                               "valign": "vcenter", "border": 1})
    for r, text in enumerate(("TABEL T-C.29", "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH "
                              "LINGKUP KABUPATEN", f"RENJA {opd.upper()} TAHUN 2025")):
        ws.merge_range(r, c0, r, c0 + 10, text)
    col = c0
    ws.merge_range(h, col, h + 2, col, "No", head)
    col += 1
    if split:
        ws.merge_range(h, col, h + 1, col + 3, "Kode", head)
        for j, text in enumerate(("Urusan", "Program", "Kegiatan", "Sub Kegiatan")):
            ws.write(h + 2, col + j, text, head)
        kode_cols = [col + j for j in range(4)]
        col += 4
    else:
        ws.merge_range(h, col, h + 2, col, "Kode", head)
        kode_cols = [col]
        col += 1
    c_uraian, c_indikator = col, col + 1
    ws.merge_range(h, col, h + 2, col, "Urusan/Bidang Urusan Pemerintahan Daerah dan\n"
                   "Program/Kegiatan/Sub Kegiatan", head)
    ws.merge_range(h, col + 1, h + 2, col + 1, "Indikator Kinerja Program (outcome)/\n"
                   "Kegiatan (output)", head)
    col += 2
    c_satuan = col
    if satuan_apart:
        ws.merge_range(h, col, h + 2, col, "Satuan", head)
        col += 1
    k_label, rp_label = rng.choice((("K", "Rp"), ("K", "Rp."), ("Kinerja", "Keuangan")))
    cols: dict[str, int] = {}
    for key, label in GROUPS:
        if key == "tw":
            ws.merge_range(h, col, h, col + 7, label, head)
            for q, text in enumerate(rng.choice(QUARTER_LABELS)):
                ws.merge_range(h + 1, col + 2 * q, h + 1, col + 2 * q + 1, text, head)
                ws.write(h + 2, col + 2 * q, k_label, head)
                ws.write(h + 2, col + 2 * q + 1, rp_label, head)
                cols[f"tw{q + 1}_k"], cols[f"tw{q + 1}_rp"] = col + 2 * q, col + 2 * q + 1
            col += 8
        else:
            ws.merge_range(h, col, h + 1, col + 1, label, head)
            ws.write(h + 2, col, k_label, head)
            ws.write(h + 2, col + 1, rp_label, head)
            cols[f"{key}_k"], cols[f"{key}_rp"] = col, col + 1
            col += 2
    c_predikat = None
    if rng.random() < 0.5:  # a predikat column: an IF formula where the capaian is one
        c_predikat = col
        ws.merge_range(h, col, h + 2, col, "Predikat Kinerja", head)
        col += 1
    ws.merge_range(h, col, h + 2, col, "Perangkat Daerah Penanggung Jawab", head)
    for i, c in enumerate(range(c0, col + 1)):
        ws.write_string(h + 3, c, str(i + 1))
    truth: dict[int, dict[str, Any]] = {}
    r = h + 4
    for p in range(rng.randint(2, 3)):
        program = f"2.{rng.randint(10, 30)}.{p + 1:02d}"
        rows = [("program", program)]
        for g in range(rng.randint(1, 2)):
            kegiatan = f"{program}.2.{g + 1:02d}"
            rows.append(("kegiatan", kegiatan))
            rows += [("subkegiatan", f"{kegiatan}.{s + 1:04d}") for s in range(rng.randint(1, 3))]
        for level, kode in rows:
            unit = rng.choice(UNITS)
            name = rng.choice(NAMES)
            indikator = ("Persentase layanan terpenuhi" if unit == "%"
                         else f"Jumlah {unit.lower()} yang tersedia")
            target_k = (float(rng.choice((75, 80, 90, 100))) if unit == "%"
                        else float(rng.randint(2, 4000)))
            target_rp = float(rng.randint(5, 900) * 1_000_000 + rng.choice((0, 500_000, 125_000)))
            fractions = (0.2, 0.5, 0.75, rng.uniform(0.85, 1.05))
            quarters_k = ([round(target_k * f, 2) for f in fractions] if unit == "%" else
                          [float(rng.randint(0, max(1, int(target_k / 3)))) for _ in range(4)])
            quarters_rp = [float(rng.randint(0, int(target_rp / 4_000_000)) * 1_000_000
                                 + rng.choice((0, 250_000))) for _ in range(4)]
            v: dict[str, Any] = {
                "target_renstra_k": target_k if unit == "%" else target_k * 5,
                "target_renstra_rp": target_rp * 5,
                "realisasi_lalu_k": target_k if unit == "%" else target_k * 3,
                "realisasi_lalu_rp": target_rp * 3, "target_k": target_k, "target_rp": target_rp}
            for q in range(4):
                v[f"tw{q + 1}_k"], v[f"tw{q + 1}_rp"] = quarters_k[q], quarters_rp[q]
            v["realisasi_k"] = quarters_k[-1] if unit == "%" else sum(quarters_k)
            v["realisasi_rp"] = sum(quarters_rp)
            v["realisasi_renstra_k"] = (v["realisasi_k"] if unit == "%"
                                        else v["realisasi_lalu_k"] + v["realisasi_k"])
            v["realisasi_renstra_rp"] = v["realisasi_lalu_rp"] + v["realisasi_rp"]
            for kind in ("k", "rp"):
                for renstra in ("", "_renstra"):
                    ratio = v[f"realisasi{renstra}_{kind}"] / v[f"target{renstra}_{kind}"] * 100
                    # a formula's value is what it works out (ROUND to 2 as it says)
                    v[f"capaian{renstra}_{kind}"] = _round2(ratio)
            ws.write_number(r, c0, r - h - 3)
            if split:
                parts = kode.split(".")
                pieces = (".".join(parts[:2]), ".".join(parts[2:3]), ".".join(parts[3:5]),
                          ".".join(parts[5:]))
                for c, piece in zip(kode_cols, pieces, strict=True):
                    if piece:
                        ws.write_string(r, c, piece)
            else:
                ws.write_string(r, kode_cols[0], kode)
            ws.write_string(r, c_uraian, name)
            ws.write_string(r, c_indikator, indikator)
            if satuan_apart:
                ws.write_string(r, c_satuan, unit)
            for key, value in v.items():
                c = cols[key]
                if formulas and key == "realisasi_rp":
                    parts_rp = ",".join(cell_name(r, cols[f"tw{q}_rp"]) for q in range(1, 5))
                    ws.write_formula(r, c, f"=SUM({parts_rp})", book.fmt("#,##0"))
                elif formulas and key in ("capaian_k", "capaian_rp"):
                    kind = key.split("_")[1]
                    ratio_of = (f"{cell_name(r, cols['realisasi_' + kind])}"
                                f"/{cell_name(r, cols['target_' + kind])}")
                    ws.write_formula(r, c, f"=IFERROR(ROUND({ratio_of}*100,2),0)",
                                     book.fmt("0.00"))
                elif key.startswith("capaian"):
                    book.put(ws, r, c, book.percent(value))
                elif key.endswith("_rp"):
                    book.put(ws, r, c, book.rupiah(value))
                elif formulas and unit == "%":  # the formulas read these: plain numbers
                    book.put(ws, r, c, ("num", value, "0.00"))
                elif not satuan_apart and unit != "%" and rng.random() < 0.5:
                    book.put(ws, r, c, ("str", f"{int(value)} {unit}", None))
                else:
                    book.put(ws, r, c, book.kinerja(value, unit))
            if c_predikat is not None:
                v["predikat"] = _renja_predikat(v["capaian_k"])
                if formulas:
                    at = cell_name(r, cols["capaian_k"])
                    ws.write_formula(r, c_predikat, f'=IF({at}>=91,"Sangat Tinggi",IF({at}>=76,'
                                     f'"Tinggi",IF({at}>=66,"Sedang",IF({at}>=51,"Rendah",'
                                     f'"Sangat Rendah"))))')
                else:
                    ws.write_string(r, c_predikat, v["predikat"])
            ws.write_string(r, col, opd)
            truth[r + 1] = {**v, "level": level, "kode": kode, "uraian": name,
                            "indikator": indikator, "opd": opd,
                            **({"satuan": unit} if satuan_apart else {})}
            r += 1
    ws.write_string(r + 1, c_uraian, "Rata-rata capaian kinerja (%)")
    ws.write_string(r + 2, c_uraian, "Predikat kinerja")
    ws.write_string(r + 4, col, "Kepala Dinas,")
    ws.write_string(r + 7, col, "NIP. 19710202 199503 1 002")
    return truth


def _pengukuran(book: _Book, ws: Any, opd: str) -> dict[int, dict[str, Any]]:
    rng = book.rng
    c0 = rng.choice((0, 1))
    for r, text in enumerate(("PENGUKURAN KINERJA", opd, "TAHUN ANGGARAN 2025")):
        ws.write_string(r, c0, text)
    last = rng.choice(("Kategori", "Keterangan"))
    for i, text in enumerate(("No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan",
                              "Target", "Realisasi", "% Capaian", last)):
        ws.write_string(4, c0 + i, text)
    truth: dict[int, dict[str, Any]] = {}
    r = 5
    for s in range(rng.randint(2, 4)):
        first = r
        sasaran = (f"Meningkatnya kualitas "
                   f"{rng.choice(('pelayanan publik', 'tata kelola', 'lingkungan hidup'))} {s + 1}")
        for i in range(rng.randint(1, 3)):
            unit = rng.choice(("%", "Indeks", "Nilai"))
            target = (float(rng.choice((70, 75, 80, 85, 90))) if unit == "%"
                      else round(rng.uniform(2, 90), 2))
            real = round(target * rng.uniform(0.7, 1.2), 2)
            capaian = round(real / target * 100, 2)
            ws.write_number(r, c0, r - 4)
            ws.write_string(r, c0 + 2, f"Indikator {s + 1}.{i + 1}")
            ws.write_string(r, c0 + 3, unit)
            for c, value in ((c0 + 4, target), (c0 + 5, real)):
                book.put(ws, r, c, book.kinerja(value, unit) if unit == "%" else
                         ("str", f"{value:.2f}".replace(".", ","), None) if rng.random() < 0.5
                         else ("num", value, "0.00"))
            book.put(ws, r, c0 + 6, book.percent(capaian))
            ws.write_string(r, c0 + 7, _predikat(capaian))
            truth[r + 1] = {"level": "indikator", "target": target, "realisasi": real,
                            "capaian": capaian, "satuan": unit, "sasaran": sasaran,
                            "predikat": _predikat(capaian)}
            r += 1
        if r - first > 1:
            ws.merge_range(first, c0 + 1, r - 1, c0 + 1, sasaran)
        else:
            ws.write_string(first, c0 + 1, sasaran)
    return truth


def build(folder: Path, files: int, rows: int = 0, seed: int = 5) -> Truth:
    """Write ``files`` workbooks into ``folder``; the truth of every data row, keyed
    ``file|sheet|row`` (``rows`` is not used: each table has 2-3 programs)."""
    folder.mkdir(parents=True, exist_ok=True)
    truth: Truth = {}
    for i in range(files):
        rng = random.Random(seed * 100_019 + i)
        opd = OPDS[i % len(OPDS)]
        name = f"{i:02d}_{opd.split()[0].lower()}.xlsx"
        book = _Book(folder / name, rng)
        if rng.random() < 0.3:
            cover = book.wb.add_worksheet("Cover")
            cover.write_string(5, 2, "LAPORAN EVALUASI RENJA")
            cover.write_string(7, 2, opd)
        ws = book.wb.add_worksheet(rng.choice(("T-C.29", "Evaluasi Renja TW IV", "Sheet1")))
        sheets = [(ws, _tc29(book, ws, opd))]
        if rng.random() < 0.6:
            pk = book.wb.add_worksheet("PK")
            sheets.append((pk, _pengukuran(book, pk, opd)))
        book.wb.close()
        for sheet, rows_truth in sheets:
            for r, values in rows_truth.items():
                truth[f"{name}|{sheet.name}|{r}"] = values
    return save_truth(folder, truth)


if __name__ == "__main__":
    generator_main(build, __doc__, files=16, seed=5)
