"""A mixed folder of OPD workbooks with the true value of every cell, for measuring accuracy.

Unlike ``folder.py`` (one layout, one writer, for timing), every file here is dressed
differently, the way a kabupaten's inbox looks: T-C.29 in the four numberings of SPEC §2.1
(E.81, no Renja capaian, Jember, Sukabumi with split kode and ``Rp. (000)``), header wordings
from the seeds and the real files, satuan as a column, between K and Rp, or inside the K cells,
a ``%`` sub-column in the quarters, the number row above or below K/Rp, merged or unmerged
headers, a header repeated after a page break, footers and signatures, cover and hidden sheets;
LKjIP pengukuran with or without polaritas, a year super-header, the sasaran merged down, grades
and range targets. Values are typed every way §3 lists (``Rp. 1.234.567,-``, ``1,234,567``,
``98,82 %``, ``0.9882`` under a percent format, ``22.380 Liter``, ``-``), some cells are
formulas (with a cached value when written by xlsxwriter, without one when written by
openpyxl), and some text starts with ``=``, ``+``, ``-`` or ``@``.

The writer keeps, for every data row, the value a careful person would read: the rupiah amount
(scaled when the header says ``(000)``), the percentage in percent points, the unit. ``truth``
is keyed like the canonical records of ``consolidate --data``: (file, sheet, row) → field →
value. Fields whose true value is not well defined (a range target, the satuan of a row whose
unit is written nowhere) are left out of the truth. Deterministic for the same arguments.
"""

from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.folder import OBJECTS, OPD, PREDIKAT, opd_tree  # noqa: E402
from bench.folder import WORDS as NAME_WORDS  # noqa: E402

# ---------------------------------------------------------------------------------------------
# header wordings (seeds 001, the Sukabumi, Jember and Bandung files, the E.81 form)

WORDS: dict[str, tuple[str, ...]] = {
    "no": ("No", "No.", "NO"),
    "sasaran": ("Sasaran", "Sasaran RKPD"),
    "kode": ("Kode", "KODE"),
    "uraian": ("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
               "Program/Kegiatan/Sub Kegiatan", "Uraian",
               "Urusan / Program / Kegiatan"),
    "indikator": ("Indikator Kinerja Program (Outcome)/Kegiatan (Output)",
                  "Indikator Kinerja Program (outcome)/ Kegiatan (output)",
                  "INDIKATOR KINERJA"),
    "satuan": ("Satuan", "SATUAN"),
    "target_renstra": ("Target Renstra Perangkat Daerah pada Tahun 2026 (Akhir Periode Renstra)",
                       "Target RPJMD pada\nTahun 2021 s/d 2026\n(Periode RPJMD)",
                       "Target RPJMD Kabupaten/Kota pada Tahun 2026"),
    "realisasi_lalu": ("Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja "
                       "Perangkat Daerah Tahun Lalu (n-2)",
                       "Realisasi Capaian Kinerja RPJMD s/d RKPD Tahun Lalu (n-2) \n",
                       "Realisasi Capaian Kinerja RPJMD Kabupaten/Kota sampai dengan RKPD "
                       "Kabupaten/Kota Tahun 2024"),
    "target": ("Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun n-1) "
               "yang Dievaluasi",
               "Target Kinerja dan Anggaran\nRKPD Tahun berjalan\n(tahun n-1) yang dievaluasi\n",
               "Target Kinerja dan Anggaran RKPD Kabupaten/Kota Tahun 2025 yang dievaluasi"),
    "triwulan": ("Realisasi Kinerja Pada Triwulan", "Realisasi Kinerja pada Triwulan",
                 "REALISASI KINERJA PADA TRIWULAN"),
    "realisasi": ("Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi",
                  "Realisasi Capaian Kinerja dan Anggaran RKPD yang Dievaluasi\n(tahun n-1)\n",
                  "Realisasi Capaian Kinerja dan Anggaran RKPD Kabupaten/Kota yang Dievaluasi"),
    "realisasi_renstra": ("Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2025 "
                          "(Akhir Tahun Pelaksanaan Renja PD)",
                          "Realisasi Kinerja & Anggaran RPJMD s/d Tahun n-1\n(Akhir Thn Pelaks "
                          "RKPD)\n",
                          "Realisasi Kinerja dan Anggaran RPJMD Kabupaten/Kota s/d Tahun 2025"),
    "capaian": ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang "
                "Dievaluasi (%)",
                "Tingkat Capaian Kinerja dan Realisasi Anggaran RKPD Tahun n-1 (%)\n",
                "Tingkat Capaian Kinerja dan Realisasi Anggaran RKPD Kabupaten/K ota yang "
                "Dievaluasi"),
    "capaian_renstra": ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah "
                        "s/d Tahun 2025 (%)",
                        "Tingkat Capaian Kinerja dan Realisasi Anggaran RPJMD s/d Tahun n-1\n(%)\n",
                        "Tingkat Capaian Kinerja dan Realisasi Anggaran RPJMD Kabupaten/Kota s/d "
                        "tahun 2025 (%)"),
    "predikat": ("Predikat", "Predikat Kinerja"),
    "unit": ("Perangkat Daerah Penanggung Jawab", "Unit PD Penanggung Jawab",
             "Perangkat Daerah \nPenanggung\nJawab\n"),
    "keterangan": ("Keterangan", "Ket."),
}

# numbering variants: (role, number label) in column order, after no/sasaran/kode/uraian/indikator
NUMBERINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "e81": (("target_renstra", "6"), ("realisasi_lalu", "7"), ("target", "8"),
            ("triwulan", "9"), ("realisasi", "13 = 9+10+11+12"),
            ("realisasi_renstra", "14 = 7 + 13"), ("capaian", "15 = 13/8 x 100%"),
            ("capaian_renstra", "16 = 14/6 x 100%")),
    "bandung": (("target_renstra", "5"), ("realisasi_lalu", "6"), ("target", "7"),
                ("triwulan", "8"), ("realisasi", "12 = 8+9+10+11"),
                ("realisasi_renstra", "13 = 6 + 12"), ("capaian_renstra", "14=13/5 x100%")),
    "jember": (("target_renstra", "6"), ("realisasi_lalu", "7"), ("target", "8"),
               ("triwulan", "9"), ("realisasi", "13"), ("capaian", "14 = 13/8*100"),
               ("realisasi_renstra", "15 = 7+13"), ("capaian_renstra", "16 = 14/6*100")),
    "sukabumi": (("target_renstra", "5"), ("realisasi_lalu", "6"), ("target", "7"),
                 ("triwulan", "8"), ("realisasi", "12 = 8+9+10+11"), ("capaian", "13 = 12/7*100"),
                 ("realisasi_renstra", "14 = 6 + 12"), ("capaian_renstra", "15 = 14/5*100")),
}
PERCENT_UNITS = ("%", "Persen")


def _dots(v: int) -> str:
    return f"{v:,}".replace(",", ".")


def _comma_decimal(x: float) -> str:
    """75.5 -> '75,5'; 98.82 -> '98,82'; 75.0 -> '75' (never three decimals)."""
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class Cell:
    """What is written into one cell: text, number (with a format) or formula (cached or not)."""

    __slots__ = ("cached", "fmt", "kind", "value")

    def __init__(self, kind: str, value: Any, fmt: str | None = None, cached: Any = None):
        self.kind, self.value, self.fmt, self.cached = kind, value, fmt, cached


class Sheet:
    def __init__(self, name: str, hidden: bool = False) -> None:
        self.name, self.hidden = name, hidden
        self.cells: dict[tuple[int, int], Cell] = {}
        self.merges: list[tuple[int, int, int, int]] = []

    def put(self, r: int, c: int, value: Any, fmt: str | None = None) -> None:
        if isinstance(value, Cell):
            self.cells[r, c] = value
        elif isinstance(value, str):
            self.cells[r, c] = Cell("s", value)
        elif value is not None:
            self.cells[r, c] = Cell("n", value, fmt)

    def header(self, r0: int, c0: int, r1: int, c1: int, text: str | int,
               merged: bool) -> None:
        self.put(r0, c0, text)
        if merged and (r0, c0) != (r1, c1):
            self.merges.append((r0, c0, r1, c1))


# ---------------------------------------------------------------------------------------------
# how staff type a value: (cell, true value)

def _rupiah(rng: random.Random, v: float, scale: int) -> tuple[Any, float]:
    if scale == 1_000_000:  # "Rp (juta)": millions with two decimals
        shown_m = round(v / scale, 2)
        if rng.random() < 0.7:
            return Cell("n", shown_m, rng.choice(("#,##0.00", None))), shown_m * scale
        whole, cents = divmod(round(shown_m * 100), 100)
        return Cell("s", f"{_dots(whole)},{cents:02d}"), shown_m * scale
    shown = round(v / scale)
    true = shown * scale
    r = rng.random()
    if r < 0.55:
        return Cell("n", shown, rng.choice(("#,##0", "#,##0.00", None, "#,##0_);(#,##0)"))), true
    if shown == 0:
        return Cell("s", "Rp. 0" if r < 0.8 else "0"), 0
    if scale == 1 and shown % 1_000_000 == 0 and shown >= 1_000_000 and r < 0.6:
        return Cell("s", f"Rp. {shown // 1_000_000} juta"), true
    d = _dots(shown)
    forms = (f"Rp. {d},-", f"Rp {d}", f"{d},00", f"Rp{d}", f"{shown:,}", f" {d} ",
             f"Rp\u00a0{d}", f"Rp. {d},00", d, f"{shown:,}.00")
    return Cell("s", rng.choice(forms)), true


def _count(rng: random.Random, v: float, unit: str | None) -> tuple[Cell, float, str | None]:
    """A count K; the third item is the unit written in the cell."""
    iv = int(v)
    r = rng.random()
    if r < 0.7 or iv != v:
        return Cell("n", v, rng.choice((None, "0", "#,##0"))), v, None
    if r < 0.8 and unit:
        return Cell("s", f"{_dots(iv)} {unit}"), iv, unit
    if r < 0.9:
        return Cell("s", f"{iv},00"), iv, None
    return Cell("s", str(iv)), iv, None


def _percent_k(rng: random.Random, v: float) -> tuple[Cell, float]:
    r = rng.random()
    if r < 0.5:
        return Cell("n", v, rng.choice((None, "0.00", "0"))), v
    if r < 0.65:
        return Cell("n", round(v / 100, 6), "0.00%"), v
    if r < 0.85:
        return Cell("s", _comma_decimal(v) + "%"), round(v, 2)
    if r < 0.95:
        return Cell("s", _comma_decimal(v) + " %"), round(v, 2)
    return Cell("s", _comma_decimal(v)), round(v, 2)


def _capaian(rng: random.Random, v: float) -> tuple[Cell, float]:
    r = rng.random()
    if r < 0.45:
        return Cell("n", v, rng.choice(("0.00", "#,##0.00", None))), v
    if r < 0.6:
        return Cell("n", round(v / 100, 6), "0.00%"), v
    if r < 0.65 and 0 < v <= 150:  # a fraction with no percent format: SPEC §3's heuristic
        return Cell("n", round(v / 100, 6)), v
    if r < 0.8:
        return Cell("s", _comma_decimal(v) + "%"), round(v, 2)
    if r < 0.86:
        return Cell("s", _comma_decimal(v) + " %"), round(v, 2)
    if r < 0.9:  # a remark after it
        return Cell("s", _comma_decimal(v) + rng.choice((" % (tercapai)", "% (tidak tercapai)",
                                                         " (%)"))), round(v, 2)
    if r < 0.95 and round(v, 2) == int(v):
        return Cell("s", f"{int(v)}%"), int(v)
    return Cell("s", f"{round(v, 2):.2f}"), round(v, 2)


# ---------------------------------------------------------------------------------------------
# T-C.29

def _tc29_plan(rng: random.Random, numbering: str, style: int) -> dict[str, Any]:
    """How this file's T-C.29 is laid out."""
    split_kode = numbering == "sukabumi" or rng.random() < 0.1
    satuan_at = rng.choice(("column", "column", "between", "none"))
    quarter_pct = rng.random() < 0.15
    plan: dict[str, Any] = {"split_kode": split_kode, "satuan_at": satuan_at,
                            "scale": 1000 if numbering == "sukabumi" or rng.random() < 0.08 else 1,
                            "predikat": rng.random() < 0.5, "keterangan": rng.random() < 0.4,
                            "sasaran": rng.random() < 0.3, "numbers_first": rng.random() < 0.25,
                            "merged": rng.random() < 0.85,
                            "form": rng.choice(("grouped", "grouped", "grouped", "quarters_top",
                                                "flat")),
                            "tw_word": rng.choice(("Triwulan", "TW", "Realisasi Triwulan")),
                            "number_row": rng.random() < 0.85,
                            "blank_rows": rng.random() < 0.2,
                            "rp_on_capaian": rng.random() < 0.3,
                            "kode_form": "long" if split_kode else rng.choice(
                                ("long", "long", "old", "short")),
                            "total_word": rng.choice(("JUMLAH", "JUMLAH", "TOTAL",
                                                      "Jumlah Total")),
                            "caps": rng.random() < 0.2,
                            # the quarters under their group: I-IV, or 1-4 typed as numbers
                            "quarter_labels": rng.choice((["I", "II", "III", "IV"],) * 3 + (
                                [1, 2, 3, 4],))}
    if plan["scale"] == 1 and rng.random() < 0.05:
        plan["scale"] = 1_000_000
    simple: list[tuple[str, str]] = [("no", "1")]
    if plan["sasaran"]:
        simple.append(("sasaran", "2"))
    plan["simple_before"] = simple
    plan["groups"] = NUMBERINGS[numbering]
    plan["quarter_pct"] = quarter_pct
    plan["style"] = style
    return plan


def _write_tc29(rng: random.Random, sheet: Sheet, rows: list[dict[str, Any]], opd: str,
                numbering: str) -> list[tuple[int, dict[str, Any]]]:
    style = rng.randrange(3)
    plan = _tc29_plan(rng, numbering, style)
    scale = plan["scale"]
    rp_label = {1000: "Rp. (000)", 1_000_000: "Rp (juta)"}.get(
        scale, rng.choice(("Rp", "Rp.", "Rp", "RP")))
    title = [rng.choice(("TABEL T-C.29", "Formulir E.81", "Formulir")),
             rng.choice(("Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah",
                         "Evaluasi Hasil terhadap RENJA PD ",
                         "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH")),
             f"{opd} Kabupaten Contoh", rng.choice(("Triwulan IV Tahun 2025", "Tahun 2025"))]
    r = 0
    for t in title:
        sheet.put(r, 0, t)
        r += 1
    r += rng.randint(1, 2)
    # columns
    col = 0
    keys: dict[str, int] = {}
    hdr: list[tuple[str, int, int, list[tuple[str, int]], str]] = []
    # (role, first col, width, sub labels [(label, col)], number label)
    for role, num in plan["simple_before"]:
        hdr.append((role, col, 1, [], num))
        keys[role] = col
        col += 1
    kode_cols: list[int] = []
    if plan["split_kode"]:
        kode_cols = list(range(col, col + 5))
        hdr.append(("kode", col, 5, [], "2" if numbering == "sukabumi" else "3"))
        col += 5
    else:
        hdr.append(("kode", col, 1, [], "3"))
        kode_cols = [col]
        col += 1
    for role in ("uraian", "indikator"):
        hdr.append((role, col, 1, [], "4" if role == "uraian" else "5"))
        keys[role] = col
        col += 1
    if plan["satuan_at"] == "column":
        hdr.append(("satuan", col, 1, [], ""))
        keys["satuan"] = col
        col += 1
    for role, num in plan["groups"]:
        if role == "triwulan":
            width = 3 if plan["quarter_pct"] else 2
            subs = []
            for q in range(4):
                keys[f"tw{q + 1}_k"] = col + width * q
                keys[f"tw{q + 1}_rp"] = col + width * q + 1
                subs += [("K", col + width * q), (rp_label, col + width * q + 1)]
                if plan["quarter_pct"]:
                    subs.append(("%", col + width * q + 2))
            hdr.append((role, col, 4 * width, subs, num))
            col += 4 * width
            continue
        subs = [("K", col)]
        keys[f"{role}_k"] = col
        width = 2
        if plan["satuan_at"] == "between" and role == "target_renstra":
            subs.append(("Satuan", col + 1))
            keys["satuan"] = col + 1
            width = 3
        money = rp_label if not role.startswith("capaian") or plan["rp_on_capaian"] else (
            rng.choice(("Rp", "Rp.")))
        subs.append((money, col + width - 1))
        keys[f"{role}_rp"] = col + width - 1
        hdr.append((role, col, width, subs, num))
        col += width
    if plan["predikat"]:
        hdr.append(("predikat", col, 1, [], ""))
        keys["predikat"] = col
        col += 1
    hdr.append(("unit", col, 1, [], "17"))
    keys["unit"] = col
    col += 1
    if plan["keterangan"]:
        hdr.append(("keterangan", col, 1, [], ""))
        col += 1

    def write_header(at: int) -> int:
        """The header block at row ``at``; returns the first row after it."""
        if plan["form"] == "flat":
            return _flat_header(sheet, at, hdr, plan)
        top, mid, sub = at, at + 1, at + 2
        num_row = at + 3
        if plan["numbers_first"]:
            num_row, sub = at + 2, at + 3
        for role, c0, width, subs, num in hdr:
            text = WORDS[role][plan["style"] % len(WORDS[role])]
            if plan["caps"]:
                text = text.upper()
            if role == "kode" and plan["split_kode"]:
                sheet.header(top, c0, mid, c0 + width - 1, text, plan["merged"])
                for i in range(width):
                    sheet.put(sub, c0 + i, ("U", "Bid", "Prog", "Keg", "Sub")[i])
            elif role == "triwulan":
                w = width // 4
                if plan["form"] == "quarters_top":  # "Triwulan I" … "Triwulan IV", no group
                    for q, roman in enumerate(("I", "II", "III", "IV")):
                        sheet.header(top, c0 + w * q, mid, c0 + w * q + w - 1,
                                     f"{plan['tw_word']} {roman}", plan["merged"])
                else:
                    sheet.header(top, c0, top, c0 + width - 1, text, plan["merged"])
                    for q, label in enumerate(plan["quarter_labels"]):
                        sheet.header(mid, c0 + w * q, mid, c0 + w * q + w - 1, label,
                                     plan["merged"])
                for label, c in subs:
                    sheet.put(sub, c, label)
            elif subs:
                sheet.header(top, c0, mid, c0 + width - 1, text, plan["merged"])
                for label, c in subs:
                    sheet.put(sub, c, label)
            else:
                last = sub if not plan["numbers_first"] else mid
                sheet.header(top, c0, last, c0, text, plan["merged"])
            if num and plan["number_row"]:
                if role == "triwulan":
                    for q in range(4):
                        n = int(num) + q
                        sheet.put(num_row, c0 + (width // 4) * q, n)
                else:
                    sheet.put(num_row, c0, int(num) if num.isdigit() else num)
        if not plan["number_row"]:
            return max(sub, mid) + 1 if not plan["numbers_first"] else sub + 1
        return at + 4

    r = write_header(r)
    repeat_at = rng.randint(len(rows) // 3, len(rows)) if rng.random() < 0.2 else None
    truth: list[tuple[int, dict[str, Any]]] = []
    pages = 1
    for i, row in enumerate(rows):
        if repeat_at is not None and i == repeat_at:
            pages += 1
            sheet.put(r, 0, f"Hal {pages} dari {pages}")
            r = write_header(r + 1)
        if plan["blank_rows"] and row.get("kode", "").count(".") == 2 and i:
            r += 1  # an empty row before each program
        truth.append((r, _tc29_row(rng, sheet, r, row, keys, kode_cols, plan, scale)))
        r += 1
    # footers and signature
    caps = [t["capaian_k"] for _, t in truth if isinstance(t.get("capaian_k"), float)]
    mean = round(sum(caps) / len(caps), 2) if caps else 0.0
    sheet.put(r, 0, "Rata-rata capaian kinerja (%)")
    if "capaian_k" in keys:
        sheet.put(r, keys["capaian_k"], mean, "0.00")
    sheet.put(r + 1, 0, "Predikat kinerja")
    if "capaian_k" in keys:
        sheet.put(r + 1, keys["capaian_k"], next(lb for b, lb in PREDIKAT if mean >= b))
    sheet.put(r + 2, 0, "Faktor pendorong keberhasilan pencapaian:")
    sheet.put(r + 3, 0, "Faktor penghambat pencapaian kinerja:")
    sheet.put(r + 6, max(keys.values()) - 3, f"Kepala {opd}")
    sheet.put(r + 10, max(keys.values()) - 3, "NIP. 19630306 199403 2 002")
    return truth


FLAT_WORDS = {
    "target_renstra": "Target Renstra", "realisasi_lalu": "Realisasi Renstra s/d Tahun Lalu (n-2)",
    "target": "Target Renja Tahun Berjalan", "realisasi": "Realisasi Renja yang Dievaluasi",
    "realisasi_renstra": "Realisasi Renstra s/d Tahun Berjalan",
    "capaian": "Tingkat Capaian Renja", "capaian_renstra": "Tingkat Capaian Renstra",
}


def _flat_header(sheet: Sheet, at: int, hdr: list, plan: dict[str, Any]) -> int:
    """One header row: "Target Renja Tahun Berjalan (K)", "TW I (Rp)", …; the number row
    below it when the plan has one."""
    for role, c0, width, subs, _num in hdr:
        if role == "kode" and plan["split_kode"]:
            for i in range(width):
                sheet.put(at, c0 + i, ("Kode U", "Kode Bid", "Kode Prog", "Kode Keg",
                                       "Kode Sub")[i])
        elif role == "triwulan":
            w = width // 4
            for q, roman in enumerate(("I", "II", "III", "IV")):
                for label, c in subs:
                    if c0 + w * q <= c < c0 + w * (q + 1):
                        sheet.put(at, c, f"{plan['tw_word']} {roman} ({label})")
        elif subs:
            for label, c in subs:
                sheet.put(at, c, f"{FLAT_WORDS[role]} ({label})" if label != "Satuan"
                          else "Satuan")
        else:
            sheet.put(at, c0, WORDS[role][plan["style"] % len(WORDS[role])])
    if plan["number_row"]:
        for c in range(max(c for _, c0, w, _, _ in hdr for c in range(c0, c0 + w)) + 1):
            sheet.put(at + 1, c, c + 1)
        return at + 2
    return at + 1


def _kode_form(kode: str, form: str) -> str:
    """The long kode (1.06.02.2.01.0003) as the file writes it: ``old`` has two-digit sub
    kegiatan (…2.01.03), ``short`` drops urusan and bidang (02.2.01.0003, the seeds' form)."""
    segs = kode.split(".")
    if form == "old" and len(segs) == 6:
        segs[5] = segs[5][-2:]
    elif form == "short":
        segs = segs[2:]
    return ".".join(segs)


def _tc29_row(rng: random.Random, sheet: Sheet, r: int, row: dict[str, Any],
              keys: dict[str, int], kode_cols: list[int], plan: dict[str, Any],
              scale: int) -> dict[str, Any]:
    truth: dict[str, Any] = {}
    kode = row.get("kode")
    satuan = row.get("satuan")
    pct = satuan in PERCENT_UNITS
    if row.get("uraian") == "JUMLAH":
        row = {**row, "uraian": plan["total_word"]}
    if kode:
        depth = kode.count(".")
        kode = _kode_form(kode, plan["kode_form"])
        if len(kode_cols) == 1:
            sheet.put(r, kode_cols[0], kode)
        else:
            segs = kode.split(".")
            parts = [segs[0], segs[1], segs[2], ".".join(segs[3:5]) if len(segs) > 3 else "",
                     segs[5] if len(segs) > 5 else ""]
            for c, part in zip(kode_cols, parts, strict=True):
                if part:
                    sheet.put(r, c, part)
        truth["kode"] = kode
        truth["level"] = "program" if depth == 2 else "kegiatan" if depth == 4 else "subkegiatan"
    elif row.get("uraian") == plan["total_word"]:
        truth["level"] = "total"
    else:
        truth["level"] = "indikator"
    for key in ("uraian", "indikator"):
        if row.get(key):
            text = row[key]
            if rng.random() < 0.01 and text != plan["total_word"]:
                text = rng.choice(("=", "+", "-", "@")) + text
            sheet.put(r, keys[key], text)
            truth[key] = text
    if "unit" in row:
        unit_text = row["unit"]
        if rng.random() < 0.05:
            unit_text = rng.choice(("=Bidang Program", "+UPTD", "-", "@Sekretariat"))
        sheet.put(r, keys["unit"], unit_text)
    if plan["satuan_at"] != "none" and satuan:
        sheet.put(r, keys["satuan"], satuan)
        truth["satuan"] = satuan
    written_unit: str | None = None
    for key, col in keys.items():
        if not (key.endswith("_k") or key.endswith("_rp")):
            continue
        value = row.get(key)
        if value is None:
            if rng.random() < 0.3 and row.get("kode"):
                sheet.put(r, col, rng.choice(("-", "-", "Nihil", "N/A")))
            continue
        if key.startswith("capaian"):
            cell, true = _capaian(rng, value)
        elif key.endswith("_rp"):
            cell, true = _rupiah(rng, value, scale)
        elif pct:
            cell, true = _percent_k(rng, value)
        else:
            unit_word = satuan if satuan and plan["satuan_at"] == "none" else (
                satuan if rng.random() < 0.3 else None)
            cell, true, unit = _count(rng, value, unit_word)
            written_unit = written_unit or unit
        sheet.put(r, col, cell)
        truth[key] = true
    # a cached SUM over numeric quarters: what Excel shows is the sum
    q_cols = [keys[f"tw{q}_rp"] for q in range(1, 5)]
    if "realisasi_rp" in keys and rng.random() < 0.15 and all(
            sheet.cells.get((r, c)) is not None and sheet.cells[r, c].kind == "n"
            for c in q_cols):
        total = sum(sheet.cells[r, c].value for c in q_cols)
        refs = ",".join(f"{get_column_letter(c + 1)}{r + 1}" for c in q_cols)
        sheet.put(r, keys["realisasi_rp"], Cell("f", f"=SUM({refs})", "#,##0", total))
        truth["realisasi_rp"] = total * scale
    # capaian as the forms compute it: ROUND / IF / IFERROR around realisasi / target × 100
    for kind in ("k", "rp"):
        cap, real, target = (keys.get(f"capaian_{kind}"), keys.get(f"realisasi_{kind}"),
                             keys.get(f"target_{kind}"))
        cells = [sheet.cells.get((r, c)) for c in (real, target)] if cap and real and target \
            else [None]
        if (rng.random() < 0.12 and row.get("_planted") != f"capaian_{kind}"
                and all(c is not None and c.kind in ("n", "f") and "%" not in (c.fmt or "")
                        for c in cells) and cells[1].value):
            a = cells[0].value if cells[0].kind == "n" else cells[0].cached
            b = cells[1].value
            ref_a, ref_b = (f"{get_column_letter(c + 1)}{r + 1}" for c in (real, target))
            ratio = a / b * 100
            form = rng.choice(("round", "if", "iferror"))
            if form == "round":
                text, value = f"=ROUND({ref_a}/{ref_b}*100,2)", math.floor(ratio * 100 + 0.5) / 100
            elif form == "if":
                text, value = f"=IF({ref_b}=0,0,{ref_a}/{ref_b}*100)", ratio
            else:
                text, value = f'=IFERROR({ref_a}/{ref_b}*100,"-")', ratio
            sheet.put(r, cap, Cell("f", text, "0.00", value))
            truth[f"capaian_{kind}"] = value
    if plan["satuan_at"] == "none" and written_unit:
        truth["satuan"] = written_unit
    if plan["quarter_pct"] and isinstance(row.get("target_k"), (int, float)) and row["target_k"]:
        done = 0.0
        for q in range(1, 5):  # the cumulative share of the target, as a fraction
            done += row.get(f"tw{q}_k") or 0
            sheet.put(r, keys[f"tw{q}_rp"] + 1, round(done / row["target_k"], 4), "0%")
    if row.get("_planted"):
        truth["_planted"] = row["_planted"]  # a mistake on purpose (not a value; not scored)
    if "predikat" in keys and row.get("predikat"):
        sheet.put(r, keys["predikat"], row["predikat"])
        truth["predikat"] = row["predikat"]
    return truth


# ---------------------------------------------------------------------------------------------
# LKjIP pengukuran kinerja

SASARAN = ("Meningkatnya penanganan permasalahan sosial", "Meningkatnya kualitas pelayanan publik",
           "Meningkatnya akuntabilitas kinerja perangkat daerah", "Menurunnya angka kemiskinan",
           "Meningkatnya derajat kesehatan masyarakat", "Meningkatnya kualitas lingkungan hidup")
INDICATORS = (  # (name, satuan, kind, polarity)
    ("Persentase PMKS yang memperoleh pemenuhan kebutuhan dasar", "%", "pct", "+"),
    ("Persentase PSKS aktif", "%", "pct", "+"),
    ("Indeks kepuasan masyarakat", "Indeks", "num", "+"),
    ("Nilai SAKIP perangkat daerah", "Predikat", "grade", "+"),
    ("Persentase temuan BPK yang ditindaklanjuti", "%", "pct", "+"),
    ("Angka kemiskinan", "%", "pct", "-"),
    ("Prevalensi stunting", "%", "pct", "-"),
    ("Jumlah kasus kekerasan terhadap anak", "Kasus", "num", "-"),
    ("Jumlah penerima bantuan sosial", "Jiwa", "num", "+"),
    ("Indeks kualitas lingkungan hidup", "Indeks", "range", "+"),
)
GRADES = ("AA", "A", "BB", "B", "CC", "C", "D")
POLARITY_WORDS = {"+": ("Positif", "Maksimal", "+"), "-": ("Negatif", "Minimal", "-")}
LKJIP_PREDIKAT = ((85, "Sangat Berhasil"), (70, "Berhasil"), (55, "Cukup Berhasil"),
                  (0, "Tidak Berhasil"))


def _write_pengukuran(rng: random.Random, sheet: Sheet, opd: str) -> list[tuple[int, dict]]:
    years = rng.random() < 0.35
    year_form = rng.choice(("two", "three", "flat"))  # 2024: R, C | 2025: T, R, C | "Target 2025"
    polaritas = rng.random() < 0.5
    satuan = rng.random() < 0.7
    predikat = rng.random() < 0.5
    merged = rng.random() < 0.7
    pol_style = rng.randrange(3)
    r = 0
    for t in ("PENGUKURAN KINERJA", f"{opd} Kabupaten Contoh", "Tahun 2025"):
        sheet.put(r, 0, t)
        r += 1
    r += 1
    cols = ["no", "sasaran", "indikator"]
    if satuan:
        cols.append("satuan")
    if polaritas:
        cols.append("polaritas")
    if years and year_form == "three":
        cols += ["target_lalu", "realisasi_lalu", "capaian_lalu"]
    elif years:
        cols += ["realisasi_lalu", "capaian_lalu"]
    cols += ["target", "realisasi", "capaian"]
    if predikat:
        cols.append("predikat")
    c_of = {k: i for i, k in enumerate(cols)}
    words = {"no": "No", "sasaran": rng.choice(("Sasaran Strategis", "SASARAN", "Sasaran")),
             "indikator": rng.choice(("Indikator Kinerja", "INDIKATOR", "Indikator Kinerja Utama")),
             "satuan": "Satuan", "polaritas": rng.choice(("Polaritas", "Polarisasi")),
             "target": rng.choice(("Target", "TARGET", "Rencana Tingkat Capaian (Target)")),
             "realisasi": rng.choice(("Realisasi", "REALISASI")),
             "capaian": rng.choice(("Capaian (%)", "CAPAIAN", "% Capaian", "Capaian",
                                    "Pencapaian (%)", "Tingkat Ketercapaian (%)",
                                    "% Realisasi")),
             "predikat": rng.choice(("Predikat", "Kategori")),
             "target_lalu": "Target", "realisasi_lalu": "Realisasi", "capaian_lalu": "Capaian"}
    yearly = ("target_lalu", "realisasi_lalu", "capaian_lalu", "target", "realisasi", "capaian")
    label = rng.choice(("{}", "Tahun {}"))
    if years and year_form == "flat":
        for k in cols:
            year = 2024 if k.endswith("_lalu") else 2025
            text = words[k.removesuffix("_lalu")].replace(" (%)", "") + f" {year}" if (
                k in yearly) else words[k]
            sheet.put(r, c_of[k], text)
        r += 1
    elif years:
        for k in cols:
            if k in yearly:
                continue
            sheet.header(r, c_of[k], r + 1, c_of[k], words[k], merged)
        lalu = [c_of[k] for k in cols if k.endswith("_lalu")]
        sheet.header(r, lalu[0], r, lalu[-1], label.format(2024), merged)
        sheet.header(r, c_of["target"], r, c_of["capaian"], label.format(2025), merged)
        for k in yearly:
            if k in c_of:
                sheet.put(r + 1, c_of[k], words[k])
        r += 2
    else:
        for k in cols:
            sheet.put(r, c_of[k], words[k])
        r += 1
    if rng.random() < 0.4:  # the column-number row
        for k in cols:
            sheet.put(r, c_of[k], c_of[k] + 1)
        r += 1
    truth: list[tuple[int, dict[str, Any]]] = []
    n = 0
    for sas in rng.sample(SASARAN, rng.randint(2, 5)):
        inds = rng.sample(INDICATORS, rng.randint(1, 3))
        first = r
        for name, unit, kind, pol in inds:
            n += 1
            t: dict[str, Any] = {"level": "indikator", "indikator": name, "sasaran": sas}
            sheet.put(r, c_of["no"], n)
            if r == first or not merged:
                sheet.put(r, c_of["sasaran"], sas)
            sheet.put(r, c_of["indikator"], name)
            if satuan:
                written = "Persen (%)" if unit == "%" and rng.random() < 0.2 else unit
                sheet.put(r, c_of["satuan"], written)
                t["satuan"] = written
            if polaritas:
                word = POLARITY_WORDS[pol][pol_style]
                sheet.put(r, c_of["polaritas"], word)
                t["polaritas"] = word
            cap: float | None = None
            if kind == "grade":
                ti = rng.randint(1, 4)
                ri = min(6, max(0, ti + rng.choice((-1, 0, 0, 1))))
                sheet.put(r, c_of["target"], GRADES[ti])
                sheet.put(r, c_of["realisasi"], GRADES[ri])
                t["target"], t["realisasi"] = GRADES[ti], GRADES[ri]
                if rng.random() < 0.5:
                    sheet.put(r, c_of["capaian"], 100 if ri <= ti else 90)
                    t["capaian"] = 100 if ri <= ti else 90
            elif kind == "range":
                lo = round(rng.uniform(60, 70), 1)
                sheet.put(r, c_of["target"], _comma_decimal(lo) + "-" + _comma_decimal(lo + 0.4))
                real = round(lo + rng.uniform(-1, 1), 2)
                sheet.put(r, c_of["realisasi"], real, "0.00")
                t["realisasi"] = real
                cap = 100.0 if lo <= real <= lo + 0.4 else round(real / lo * 100, 2)
            else:
                if kind == "pct":
                    target = float(rng.randint(5, 100)) if pol == "+" else round(
                        rng.uniform(3, 30), 2)
                    real = round(target * rng.uniform(0.8, 1.15), 2)
                    (tc, tt), (rc, rt) = _percent_k(rng, target), _percent_k(rng, real)
                else:
                    target = float(rng.randint(10, 5000))
                    real = float(round(target * rng.uniform(0.7, 1.2)))
                    u = unit if not satuan and unit not in ("Indeks",) else None
                    (tc, tt, _), (rc, rt, _) = _count(rng, target, u), _count(rng, real, u)
                sheet.put(r, c_of["target"], tc)
                sheet.put(r, c_of["realisasi"], rc)
                t["target"], t["realisasi"] = tt, rt
                cap = round((2 * tt - rt) / tt * 100 if pol == "-" else rt / tt * 100, 2)
            if cap is not None:
                cell, true = _capaian(rng, cap)
                sheet.put(r, c_of["capaian"], cell)
                t["capaian"] = true
            if years:
                lalu = round(rng.uniform(50, 100), 2)
                t_lalu = round(lalu * 1.05, 2)
                if "target_lalu" in c_of:
                    sheet.put(r, c_of["target_lalu"], t_lalu)
                sheet.put(r, c_of["realisasi_lalu"], lalu)
                cap_lalu = (2 * t_lalu - lalu) / t_lalu if pol == "-" else lalu / t_lalu
                sheet.put(r, c_of["capaian_lalu"], round(cap_lalu * 100, 2) if (
                    "target_lalu" in c_of) else round(rng.uniform(80, 110), 2))
            if predikat and cap is not None:
                label = next(lb for b, lb in LKJIP_PREDIKAT if cap >= b)
                if rng.random() < 0.15:  # by its initials, or with them in brackets
                    short = {"Sangat Berhasil": "SB", "Cukup Berhasil": "CB",
                             "Tidak Berhasil": "TB"}.get(label)
                    label = short if short and rng.random() < 0.5 else (
                        f"{label} ({short})" if short else label)
                sheet.put(r, c_of["predikat"], label)
                t["predikat"] = label
            truth.append((r, t))
            r += 1
        if merged and r - first > 1:
            sheet.merges.append((first, c_of["sasaran"], r - 1, c_of["sasaran"]))
    sheet.put(r + 2, 3, f"Kepala {opd}")
    return truth


# ---------------------------------------------------------------------------------------------
# LKjIP realisasi anggaran (SPEC §2.3): program / kegiatan / sub kegiatan | anggaran |
# realisasi | %; parents sum their children

ANGGARAN_WORDS = {
    "uraian": ("Program/Kegiatan/Sub Kegiatan", "Uraian", "Program / Kegiatan",
               "Nama Program/Kegiatan"),
    "anggaran": ("Anggaran (Rp)", "Pagu Anggaran (Rp)", "Alokasi Anggaran", "Jumlah Anggaran",
                 "Pagu", "Anggaran"),
    "realisasi": ("Realisasi (Rp)", "Realisasi Anggaran", "Realisasi", "Jumlah Realisasi",
                  "Realisasi Keuangan"),
    "persen": ("%", "Persentase", "Serapan (%)", "Capaian Keuangan (%)", "Tingkat Realisasi (%)",
               "Realisasi (%)", "% Realisasi", "Persentase Penyerapan"),
    "sisa": ("Sisa Anggaran", "Sisa (Rp)", "Selisih"),
}


def _anggaran_tree(rng: random.Random, with_kode: bool) -> list[dict[str, Any]]:
    """Programs, their kegiatan (and, with a kode, sub kegiatan); parents sum children.
    Without a kode a table lists programs (in capitals) and kegiatan only, as the seeds do."""
    rows: list[dict[str, Any]] = []
    for p in range(1, rng.randint(2, 4) + 1):
        prog_kode = f"{rng.randint(1, 2)}.{rng.randint(1, 20):02d}.{p:02d}"
        prog = {"kode": prog_kode, "uraian": f"PROGRAM {rng.choice(NAME_WORDS).upper()} "
                                             f"{rng.choice(OBJECTS).upper()}"}
        block: list[dict[str, Any]] = []
        kegiatan = []
        for k in range(1, rng.randint(1, 3) + 1):
            keg = {"kode": f"{prog_kode}.2.{k:02d}",
                   "uraian": f"{rng.choice(NAME_WORDS)} {rng.choice(OBJECTS)}"}
            leaves = []
            if with_kode:
                for s in range(1, rng.randint(1, 4) + 1):
                    pagu = rng.randint(20, 900) * 1_000_000 + rng.randint(0, 999) * 1000
                    leaves.append({"kode": f"{keg['kode']}.{s:04d}",
                                   "uraian": f"{rng.choice(NAME_WORDS)} {rng.choice(OBJECTS)}",
                                   "anggaran": pagu,
                                   "realisasi": round(pagu * rng.uniform(0.55, 1.0))})
                keg["anggaran"] = sum(x["anggaran"] for x in leaves)
                keg["realisasi"] = sum(x["realisasi"] for x in leaves)
            else:
                keg["anggaran"] = rng.randint(20, 900) * 1_000_000 + rng.randint(0, 999) * 1000
                keg["realisasi"] = round(keg["anggaran"] * rng.uniform(0.55, 1.0))
            kegiatan.append(keg)
            block += [keg, *leaves]
        prog["anggaran"] = sum(x["anggaran"] for x in kegiatan)
        prog["realisasi"] = sum(x["realisasi"] for x in kegiatan)
        rows += [prog, *block]
    return rows


def _write_anggaran(rng: random.Random, sheet: Sheet, opd: str) -> list[tuple[int, dict]]:
    with_kode = rng.random() < 0.5
    rp_apart = rng.random() < 0.15  # "Rp" in a cell of its own left of each amount
    sisa = rng.random() < 0.3
    cols = ["no", *(["kode"] if with_kode else []), "uraian", "anggaran", "realisasi",
            *(["sisa"] if sisa else []), "persen"]
    words = {k: rng.choice(ANGGARAN_WORDS[k]) for k in ANGGARAN_WORDS}
    words.update(no="No", kode="Kode")
    r = 0
    for t in (rng.choice(("REALISASI ANGGARAN", "Tabel 3.5 Realisasi Anggaran")),
              f"{opd} Kabupaten Contoh", "Tahun Anggaran 2025"):
        sheet.put(r, 0, t)
        r += 1
    r += 1
    c_of: dict[str, int] = {}
    c = 0
    for k in cols:
        c_of[k] = c
        money = k in ("anggaran", "realisasi", "sisa")
        if rp_apart and money:
            sheet.header(r, c, r, c + 1, words[k], True)
            c_of[k] = c + 1
            c += 2
        else:
            sheet.put(r, c, words[k])
            c += 1
    r += 1
    truth: list[tuple[int, dict[str, Any]]] = []
    tree = _anggaran_tree(rng, with_kode)
    programs = [x for x in tree if x["kode"].count(".") == 2]
    total = {"uraian": rng.choice(("JUMLAH", "Total", "Jumlah Anggaran Tahun 2025")),
             "anggaran": sum(x["anggaran"] for x in programs),
             "realisasi": sum(x["realisasi"] for x in programs)}
    for n, row in enumerate([*tree, total], 1):
        t: dict[str, Any] = {}
        if row is not total:
            sheet.put(r, c_of["no"], n)
        if with_kode and "kode" in row:
            sheet.put(r, c_of["kode"], row["kode"])
            t["kode"] = row["kode"]
            depth = row["kode"].count(".")
            t["level"] = "program" if depth == 2 else "kegiatan" if depth == 4 else "subkegiatan"
        elif row is total:
            t["level"] = "total"
        sheet.put(r, c_of["uraian"], row["uraian"])
        t["uraian"] = row["uraian"]
        amounts = {"anggaran": row["anggaran"], "realisasi": row["realisasi"],
                   "sisa": row["anggaran"] - row["realisasi"]}
        for k, v in amounts.items():
            if k not in c_of:
                continue
            if rp_apart:
                sheet.put(r, c_of[k] - 1, rng.choice(("Rp", "Rp.")))
                cell, true = Cell("n", v, "#,##0"), v
            else:
                cell, true = _rupiah(rng, v, 1)
            sheet.put(r, c_of[k], cell)
            t[k] = true
        pct = round(row["realisasi"] / row["anggaran"] * 100, 2)
        if row is not total and rng.random() < 0.08:  # a mistake on purpose
            pct = round(pct + rng.choice((-7.5, 5.0, 12.25)), 2)
            t["_planted"] = "persen"
        cell, true = _capaian(rng, pct)
        sheet.put(r, c_of["persen"], cell)
        t["persen"] = true
        truth.append((r, t))
        r += 1
    sheet.put(r + 2, c_of["uraian"], f"Kepala {opd}")
    return truth


# ---------------------------------------------------------------------------------------------
# writers

def _save_xlsxwriter(path: Path, sheets: list[Sheet]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_numbers": False})
    formats: dict[str | None, Any] = {None: None}
    for spec in sheets:
        ws = wb.add_worksheet(spec.name)
        merged_at = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in spec.merges}
        covered = {(r, c) for r0, c0, r1, c1 in spec.merges
                   for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for (r, c), cell in spec.cells.items():
            if cell.fmt not in formats:
                formats[cell.fmt] = wb.add_format({"num_format": cell.fmt})
            fmt = formats[cell.fmt]
            if (r, c) in merged_at:
                r1, c1 = merged_at[r, c]
                ws.merge_range(r, c, r1, c1, "")
                ws.write_string(r, c, cell.value, fmt) if cell.kind == "s" else ws.write(
                    r, c, cell.value, fmt)
            elif (r, c) in covered:
                continue
            elif cell.kind == "s":
                ws.write_string(r, c, cell.value, fmt)
            elif cell.kind == "f":
                ws.write_formula(r, c, cell.value, fmt, cell.cached)
            else:
                ws.write_number(r, c, cell.value, fmt)
        if spec.hidden:
            ws.hide()
    wb.close()


def _save_openpyxl(path: Path, sheets: list[Sheet]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        for (r, c), cell in spec.cells.items():
            target = ws.cell(row=r + 1, column=c + 1)
            target.value = cell.value  # a formula is stored without a cached value
            if cell.kind == "s":
                target.data_type = "s"  # text that starts with "=" stays text
            if cell.fmt:
                target.number_format = cell.fmt
        for r0, c0, r1, c1 in spec.merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1,
                           end_column=c1 + 1)
        if spec.hidden:
            ws.sheet_state = "hidden"
    wb.save(path)


def build(folder: Path, files: int, rows: int = 60, seed: int = 7) -> dict[str, Any]:
    """Write ``files`` workbooks into ``folder``; return (and save beside it) the truth."""
    folder.mkdir(parents=True, exist_ok=True)
    truth: dict[str, Any] = {}
    for i in range(files):
        rng = random.Random(seed * 100_003 + i)
        opd = OPD[i % len(OPD)]
        name = f"{i:02d}-{opd.lower().replace(' ', '-')[:28]}.xlsx"
        sheets: list[Sheet] = []
        if rng.random() < 0.25:
            cover = Sheet("Cover")
            cover.put(2, 1, f"LAPORAN EVALUASI RENJA {opd.upper()}")
            cover.put(4, 1, "Tahun 2025")
            sheets.append(cover)
        kinds = rng.choice((("tc29",), ("tc29",), ("tc29",), ("pengukuran",),
                            ("tc29", "pengukuran"), ("pengukuran", "anggaran"),
                            ("tc29", "anggaran")))
        for kind in kinds:
            if kind == "tc29":
                sheet = Sheet(rng.choice(("T-C.29", "E.81", "Evaluasi Renja", "TW IV")))
                numbering = rng.choice(tuple(NUMBERINGS))
                tree = opd_tree(seed * 1000 + i, rng.randint(rows // 2, rows))
                found = _write_tc29(rng, sheet, tree, opd, numbering)
            elif kind == "anggaran":
                sheet = Sheet(rng.choice(("Realisasi Anggaran", "Anggaran", "Tabel 3.5")))
                found = _write_anggaran(rng, sheet, opd)
            else:
                sheet = Sheet(rng.choice(("Pengukuran Kinerja", "PK", "Tabel 3.1")))
                found = _write_pengukuran(rng, sheet, opd)
            sheets.append(sheet)
            for r, values in found:
                truth[f"{name}|{sheet.name}|{r + 1}"] = values
        if rng.random() < 0.2:
            helper = Sheet("ref", hidden=True)
            helper.put(0, 0, "Indikator")
            helper.put(0, 1, "Target Renja")
            helper.put(0, 2, "Triwulan I")
            sheets.append(helper)
        (_save_openpyxl if rng.random() < 0.3 else _save_xlsxwriter)(folder / name, sheets)
    (folder.parent / f"{folder.name}.truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=0), encoding="utf-8")
    return truth
