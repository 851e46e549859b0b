"""The bundled samples, as data: tests pin their findings and ``samples/make_samples.py``
writes them. Values are typed as the documents typed them."""

from __future__ import annotations

from pathlib import Path

from sakip_xl.templates import Group
from tests.builders import groups, write_tc29

# --- seed 001: Renja 2024 Dinas Sosial Kabupaten Bengkalis, Tabel T-C.29, page 1 ------------
# As in the seed: no satuan column, no Renja capaian column, numbering "13 = 8+10+12+10" (sic),
# "14 = 7+13", "15 = 14/8 x 100%". Values typed as in the seed, mistakes included.
BENGKALIS_GROUPS = [
    Group("No.", "no", number="1"),
    Group("Sasaran RKPD", "sasaran", number="2"),
    Group("KODE", "kode", number="3"),
    Group("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", "uraian", number="4"),
    Group("Indikator Kinerja Program (outcome)/Kegiatan (output)", "indikator", number="5"),
    Group("Target RENSTRA Perangkat Daerah Pada Tahun 2026 (akhir periode RENSTRA)",
          "target_renstra", ("K", "Rp"), "6"),
    Group("Realisasi Capaian Kinerja RENSTRA sampai dengan RENJA Perangkat Daerah Tahun Lalu "
          "(n-2)", "realisasi_lalu", ("K", "Rp"), "7"),
    Group("Target Kinerja dan anggaran RKPD Tahun Berjalan (Tahun n-1) yang dievaluasi",
          "target", ("K", "Rp"), "8"),
    Group("Realisasi Kinerja Pada Triwulan", "triwulan", ("K", "Rp")),
    Group("Realisasi Capaian Kinerja dan Anggaran RKPD yang dievaluasi", "realisasi",
          ("K", "Rp"), "13 = 8+10+12+10"),
    Group("Realisasi Kinerja dan Anggaran RENSTRA s/d Tahun 2022 (Akhir Tahun Pelaksanaan RKPD "
          "Tahun 2022)", "realisasi_renstra", ("K", "Rp"), "14 = 7+13"),
    Group("Tingkat Capaian Kinerja dan Realisasi Anggaran RENSTRA s/d tahun 2022",
          "capaian_renstra", ("K", "Rp"), "15 = 14/8 x 100%"),
    Group("Perangkat Daerah Penanggung Jawab", "unit", number="16"),
]


def _q(*pairs: str) -> dict[str, str]:
    out = {}
    for q, (k, rp) in enumerate(zip(pairs[::2], pairs[1::2], strict=True), 1):
        out[f"tw{q}_k"], out[f"tw{q}_rp"] = k, rp
    return out


BENGKALIS_ROWS = [
    {"kode": "01", "uraian": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "target_renstra_rp": "60.422.029.520,00", "realisasi_lalu_k": "-",
     "target_rp": "16.169.136.712,00",
     **_q("", "1.134.044.345,00", "", "3.097.318,45", "", "8.190.321,83", "", "8.326.076,20"),
     "realisasi_k": "-", "realisasi_rp": "14.751.764.935,00", "realisasi_renstra_k": "-",
     "realisasi_renstra_rp": "14.751.764.935,00", "capaian_renstra_rp": "24,41",
     "unit": "Dinas Sosial"},
    {"kode": "01.2.01", "uraian": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat "
                                  "Daerah", "target_renstra_k": "-", "target_renstra_rp": "-",
     "realisasi_lalu_k": "-",
     **_q("0", "34.124.234,00", "0", "22.492.400,00", "0", "82.437.389,00", "0",
          "142.749.148,00"),
     "realisasi_k": "-", "realisasi_rp": "261.807.179,00", "realisasi_renstra_k": "-",
     "realisasi_renstra_rp": "-"},
    {"kode": "01.2.01.01", "uraian": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "indikator": "Jumlah dokumen perencanaan yang disusun dalam satu tahun",
     "target_renstra_k": "14", "target_renstra_rp": "443.288.600,00", "realisasi_lalu_k": "-",
     "target_k": "3", "target_rp": "196.707.000,00",
     **_q("1", "34.124.234,00", "0", "14.012.400,00", "2", "82.787.389,00", "0",
          "84.802.410,00"),
     "realisasi_k": "3,00", "realisasi_rp": "159.440.443,00", "realisasi_renstra_k": "3,00",
     "realisasi_renstra_rp": "159.440.443,00", "capaian_renstra_k": "21,43",
     "capaian_renstra_rp": "35,97"},
    {"kode": "01.2.01.01", "uraian": "Evaluasi Kinerja Perangkat Daerah",
     "indikator": "Jumlah Dokumen Laporan Kinerja Perangkat Daerah yang disusun dalam satu "
                  "tahun",
     "target_renstra_k": "29", "target_renstra_rp": "198.190.000,00", "realisasi_lalu_k": "-",
     "target_k": "4", "target_rp": "108.938.000,00",
     **_q("0", "0,00", "0", "4.440.000,00", "2", "8.640.000,00", "0", "44.248.738,00"),
     "realisasi_k": "8,00", "realisasi_rp": "102.366.736,00", "realisasi_renstra_k": "8,00",
     "realisasi_renstra_rp": "102.366.736,00", "capaian_renstra_k": "27,59",
     "capaian_renstra_rp": "51,65"},
    {"kode": "01.2.02", "uraian": "Administrasi Keuangan Perangkat Daerah",
     "target_renstra_k": "-", "target_renstra_rp": "-", "realisasi_lalu_k": "-",
     **_q("0", "781.078.444,00", "0", "1.632.931,57", "0", "3.483.723,24", "0", "2.072.582,80"),
     "realisasi_k": "-", "realisasi_rp": "7.891.323.913,00", "realisasi_renstra_k": "-",
     "realisasi_renstra_rp": "7.891.323.913,00", "capaian_renstra_k": "-",
     "capaian_renstra_rp": "-"},
    {"kode": "01.2.02.01", "uraian": "Penyediaan Gaji dan Tunjangan ASN",
     "indikator": "Jumlah ASN yang diberikan gaji dan tunjangan dalam satu tahun",
     "target_renstra_k": "3880", "target_renstra_rp": "45.417.514.920,00",
     "realisasi_lalu_k": "-", "target_k": "880", "target_rp": "8.789.735.032,00",
     **_q("189", "781.078.444,00", "185", "1.633.931,57", "185", "3.483.723,24", "185",
          "2.072.682,80"),
     "realisasi_k": "560,00", "realisasi_rp": "7.891.323.913,00", "realisasi_renstra_k": "560,00",
     "realisasi_renstra_rp": "7.891.323.913,00", "capaian_renstra_k": "16,67",
     "capaian_renstra_rp": "17,38"},
    {"kode": "01.2.03", "uraian": "Administrasi Barang", "target_renstra_k": "-",
     "target_renstra_rp": "-", "realisasi_lalu_k": "-",
     **_q("0", "41.800.000,00", "0", "82.400.000,00", "0", "82.400.000,00", "0",
          "144.402.000,00"),
     "realisasi_k": "-", "realisasi_rp": "350.802.000,00", "realisasi_renstra_k": "-",
     "realisasi_renstra_rp": "350.802.000,00", "capaian_renstra_k": "-",
     "capaian_renstra_rp": "-"},
    {"kode": "01.2.03.02", "uraian": "Pengamanan Barang Milik Daerah SKPD",
     "indikator": "Jumlah tenaga keamanan kantor yang diberikan gaji dalam satu tahun",
     "target_renstra_k": "94", "target_renstra_rp": "1.574.400.000,00", "realisasi_lalu_k": "-",
     "target_k": "158", "target_rp": "386.766.000,00",
     **_q("38", "41.800.000,00", "38", "82.400.000,00", "38", "82.400.000,00", "38",
          "144.402.000,00"),
     "realisasi_k": "156,00", "realisasi_rp": "350.802.000,00", "realisasi_renstra_k": "156,00",
     "realisasi_renstra_rp": "350.802.000,00", "capaian_renstra_k": "15,85",
     "capaian_renstra_rp": "22,28"},
]

# (cell, code) of every finding with severity error or warning the Bengkalis page gives.
# Each one is arithmetic in the seed itself (see docs/samples.md for the sums).
BENGKALIS_EXPECTED = {
    ("V10", "sum-mismatch"),  # program 01: Σ quarters 1.153.658.061,48 ≠ 14.751.764.935
    ("M10", "total-mismatch"), ("O10", "total-mismatch"), ("Q10", "total-mismatch"),
    ("S10", "total-mismatch"), ("V10", "total-mismatch"),  # program ≠ Σ kegiatan shown
    ("X10", "total-mismatch"),
    ("V11", "sum-mismatch"),  # 01.2.01: 281.803.171 ≠ 261.807.179
    ("O11", "total-mismatch"), ("Q11", "total-mismatch"), ("S11", "total-mismatch"),
    ("K11", "missing-value"),  # kegiatan without its budget
    ("V12", "sum-mismatch"),  # 215.726.433 ≠ 159.440.443
    ("U13", "sum-mismatch"), ("V13", "sum-mismatch"),  # K 2 ≠ 8; 57.328.738 ≠ 102.366.736
    ("C13", "duplicate-code"),  # 01.2.01.01 twice
    ("V14", "sum-mismatch"),  # 01.2.02 quarters 788.267.681,61 ≠ 7.891.323.913
    ("O14", "total-mismatch"), ("S14", "total-mismatch"),  # 1.632.931,57 vs 1.633.931,57 …
    ("K14", "missing-value"),
    ("U15", "sum-mismatch"), ("V15", "sum-mismatch"),  # 744 ≠ 560
    ("Y15", "capaian-mismatch"),  # 560 / 3880 = 14,43 ≠ 16,67
    ("V16", "sum-mismatch"), ("K16", "missing-value"),  # 351.002.000 ≠ 350.802.000
    ("U17", "sum-mismatch"), ("V17", "sum-mismatch"),  # 152 ≠ 156; 351.002.000
    ("Y17", "capaian-mismatch"),  # 156 / 94 = 165,96 ≠ 15,85
}


def bengkalis(path: Path) -> Path:
    return write_tc29(path, BENGKALIS_ROWS, gs=BENGKALIS_GROUPS,
                      title=("Tabel T-C.29.", "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja "
                             "Perangkat Daerah dan Pencapaian Renstra Perangkat Daerah s/d Tahun "
                             "2023 (tahun berjalan) Dinas Sosial Kabupaten Bengkalis",
                             "Hal 1 dari 11"),
                      sheet="T-C.29")


# --- a clean, consistent workbook ---------------------------------------------------------
def _sub(kode, uraian, ind, satuan, t_ren, rp_ren, lalu_k, lalu_rp, t_k, t_rp, qk, qrp,
         pct=False, predikat=None):
    real_k = qk[-1] if pct else sum(qk)
    real_rp = sum(qrp)
    row = {"kode": kode, "uraian": uraian, "indikator": ind, "satuan": satuan,
           "target_renstra_k": t_ren, "target_renstra_rp": rp_ren,
           "realisasi_lalu_k": lalu_k, "realisasi_lalu_rp": lalu_rp,
           "target_k": t_k, "target_rp": t_rp, "realisasi_k": real_k, "realisasi_rp": real_rp,
           "realisasi_renstra_k": real_k if pct else lalu_k + real_k,
           "realisasi_renstra_rp": lalu_rp + real_rp,
           "capaian_k": round(real_k / t_k * 100, 2), "capaian_rp": round(real_rp / t_rp * 100, 2),
           "capaian_renstra_k": round((real_k if pct else lalu_k + real_k) / t_ren * 100, 2),
           "capaian_renstra_rp": round((lalu_rp + real_rp) / rp_ren * 100, 2),
           "unit": "Bidang Rehabilitasi Sosial"}
    for q in range(4):
        row[f"tw{q + 1}_k"] = qk[q]
        row[f"tw{q + 1}_rp"] = qrp[q]
    if predikat:
        row["predikat"] = predikat
    return row


def _parent(kode, uraian, ind, children, **extra):
    row = {"kode": kode, "uraian": uraian}
    if ind:
        row["indikator"] = ind
    for key in ("target_renstra_rp", "realisasi_lalu_rp", "target_rp", "tw1_rp", "tw2_rp",
                "tw3_rp", "tw4_rp", "realisasi_rp", "realisasi_renstra_rp"):
        row[key] = sum(c[key] for c in children)
    row["capaian_rp"] = round(row["realisasi_rp"] / row["target_rp"] * 100, 2)
    row["capaian_renstra_rp"] = round(row["realisasi_renstra_rp"] / row["target_renstra_rp"]
                                      * 100, 2)
    row.update(extra)
    return row


def clean_rows() -> list[dict]:
    s1 = _sub("1.06.04.2.01.0001", "Penyediaan Permakanan", "Jumlah penerima permakanan",
              "Orang", 500, 1_000_000_000, 200, 400_000_000, 100, 200_000_000,
              [20, 30, 25, 25], [40_000_000, 60_000_000, 50_000_000, 45_000_000],
              predikat="Sangat Tinggi")
    s2 = _sub("1.06.04.2.01.0002", "Penyediaan Sandang", "Jumlah paket sandang", "Paket",
              400, 800_000_000, 150, 300_000_000, 80, 160_000_000,
              [10, 20, 30, 20], [30_000_000, 40_000_000, 50_000_000, 30_000_000],
              predikat="Sangat Tinggi")
    s3 = _sub("1.06.04.2.02.0001", "Pendampingan Lansia", "Persentase lansia terlantar "
              "yang didampingi", "%", 80, 600_000_000, 40, 200_000_000, 60, 150_000_000,
              [15, 30, 45, 57], [20_000_000, 40_000_000, 40_000_000, 40_000_000], pct=True,
              predikat="Sangat Tinggi")
    k1 = _parent("1.06.04.2.01", "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar",
                 None, [s1, s2])
    k2 = _parent("1.06.04.2.02", "Rehabilitasi Sosial Dasar Lanjut Usia Terlantar", None, [s3])
    prog = _parent("1.06.04", "PROGRAM REHABILITASI SOSIAL", "Persentase PMKS yang "
                   "memperoleh rehabilitasi sosial dasar", [k1, k2],
                   satuan="%", target_k=80, tw1_k=20, tw2_k=40, tw3_k=60, tw4_k=82,
                   realisasi_k=82, capaian_k=102.5, predikat="Sangat Tinggi")
    cont = {"indikator": "Jumlah panti yang dibina", "satuan": "Unit", "target_k": 4,
            "tw1_k": 1, "tw2_k": 1, "tw3_k": 1, "tw4_k": 1, "realisasi_k": 4, "capaian_k": 100}
    total = {"uraian": "JUMLAH", **{k: prog[k] for k in (
        "target_renstra_rp", "realisasi_lalu_rp", "target_rp", "tw1_rp", "tw2_rp", "tw3_rp",
        "tw4_rp", "realisasi_rp", "realisasi_renstra_rp")}}
    return [prog, cont, k1, s1, s2, k2, s3, total]


def clean(path: Path) -> Path:
    return write_tc29(path, clean_rows(), footers=(
        ("Rata-rata capaian kinerja (%)", {"capaian_k": 101.0}),
        ("Predikat kinerja", {"capaian_k": "Sangat Tinggi"}),
        ("Faktor pendorong keberhasilan pencapaian kinerja: koordinasi lintas bidang", {}),
    ), formats={"capaian_k": "0.00", "capaian_rp": "0.00"})


# --- the messiest real-world string forms, with planted mistakes --------------------------
MESSY_GROUPS = groups("satuan", extra=())


def messy_rows() -> list[dict]:
    return [
        {"kode": "01", "uraian": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH",
         "target_renstra_rp": "Rp. 1 miliar", "realisasi_lalu_rp": "Rp 200 juta",
         "target_rp": "Rp. 300.000.000,-", "tw1_rp": "Rp 50.000.000", "tw2_rp": "Rp. 50.000.000,-",
         "tw3_rp": "Rp\u00a0100.000.000", "tw4_rp": "Rp100.000.000",
         "realisasi_rp": "300,000,000", "realisasi_renstra_rp": "Rp 500.000.000,00",
         "capaian_rp": "100%", "capaian_renstra_rp": "50,00 %"},
        {"kode": "01.2.01", "uraian": "Perencanaan, Penganggaran dan Evaluasi",
         "target_rp": "Rp. 300.000.000,-", "tw1_rp": " 50.000.000 ", "tw2_rp": "50.000.000,00",
         "tw3_rp": "100.000.000", "tw4_rp": "100.000.000", "realisasi_rp": "Rp. 300.000.000,-",
         "target_renstra_rp": "1.000.000.000", "realisasi_lalu_rp": "200.000.000",
         "realisasi_renstra_rp": "500.000.000", "capaian_rp": "100,00%",
         "capaian_renstra_rp": "50%"},
        {"kode": "01.2.01.0001", "uraian": "Penyusunan Dokumen Perencanaan",
         "indikator": "Jumlah dokumen perencanaan", "target_renstra_k": "25 Dokumen",
         "target_renstra_rp": "Rp. 600.000.000,-", "realisasi_lalu_k": "10 Dokumen",
         "realisasi_lalu_rp": "Rp. 120.000.000,-", "target_k": "5 Dokumen",
         "target_rp": "Rp. 180.000.000,-", "tw1_k": "1 Dokumen", "tw1_rp": "Rp. 30.000.000,-",
         "tw2_k": "1 Dokumen", "tw2_rp": "Rp. 30.000.000,-", "tw3_k": "2 Dokumen",
         "tw3_rp": "Rp. 1197.600,-",  # irregular grouping: read, flagged number-format
         "tw4_k": "1 Laporan",  # unit changes within the row: unit-mismatch
         "tw4_rp": "Rp. 60.000.000,-", "realisasi_k": "5 Dokumen",
         "realisasi_rp": "Rp. 121.197.600,-", "realisasi_renstra_k": "15 Dokumen",
         "realisasi_renstra_rp": "Rp. 241.197.600,-", "capaian_k": "100%",
         "capaian_rp": "67,33%", "capaian_renstra_k": "60,00%",
         "capaian_renstra_rp": "40,20 %", "predikat": "Sangat Tinggi"},
        {"kode": "01.2.01.0002", "uraian": "Evaluasi Kinerja Perangkat Daerah",
         "indikator": "Persentase laporan kinerja tepat waktu", "target_renstra_k": "100%",
         "target_renstra_rp": "Rp. 400.000.000,-", "realisasi_lalu_k": "90%",
         "realisasi_lalu_rp": "Rp. 80.000.000,-", "target_k": "95,00%",
         "target_rp": "Rp. 120.000.000,-", "tw1_k": "90%", "tw1_rp": "Rp. 20.000.000,-",
         "tw2_k": "92,5%", "tw2_rp": "Rp. 20.000.000,-", "tw3_k": "93,88%",
         "tw3_rp": "Rp. 40.000.000,-", "tw4_k": "93,88%", "tw4_rp": "Nihil",
         "realisasi_k": "93,88%", "realisasi_rp": "Rp. 80.000.000,-",
         "realisasi_renstra_k": "93,88%", "realisasi_renstra_rp": "Rp. 160.000.000,-",
         "capaian_k": "98,82%",  # 93,88 / 95 = 98,82
         "capaian_rp": "0,6667",  # a fraction: 66,67 %
         "capaian_renstra_k": "93,88", "capaian_renstra_rp": "40,00",
         "predikat": "Tinggi"},  # 98,82 is Sangat Tinggi: predikat-mismatch
        {"kode": "01.2.02.0001", "uraian": "Penyediaan Jasa Kebersihan Kantor",
         "indikator": "Jumlah BBM yang disediakan", "target_k": "22.380 Liter",
         "target_rp": "Rp. 250.000.000,-", "tw1_k": "5.000 Liter", "tw1_rp": "60.000.000",
         "tw2_k": "6.000 Liter", "tw2_rp": "seratus juta",  # unparseable
         "tw3_k": "5.380 Liter", "tw3_rp": "-", "tw4_k": "6.000 Liter", "tw4_rp": "N/A",
         "realisasi_k": "22.380 Liter", "realisasi_rp": "Rp. 160.000.000,-",
         "capaian_k": "100,00%", "capaian_rp": "64,00%"},
        {"kode": "01.2.02.0002", "uraian": "Penyediaan Tenaga Pendukung",
         "indikator": "Jumlah tenaga pendukung", "target_k": "111 Orang",
         "target_rp": "Rp. 500.000.000,-", "tw1_k": "111 Orang", "tw1_rp": "Rp. 125.000.000,-",
         "tw2_k": "111 Orang", "tw2_rp": "Rp. 125.000.000,-", "tw3_k": "111 Orang",
         "tw3_rp": "Rp. 125.000.000,-", "tw4_k": "111 Orang", "tw4_rp": "Rp. 125.000.000,-",
         "realisasi_k": "111 Orang",  # counts are summed: 444 ≠ 111 -> sum-mismatch
         "realisasi_rp": "Rp. 550.000.000,-",  # 500.000.000 -> sum-mismatch
         "capaian_k": "100%", "capaian_rp": "110%"},
    ]


MESSY_EXPECTED = {
    ("S12", "number-format"),  # Rp. 1197.600,-
    ("T12", "unit-mismatch"),  # 1 Laporan after Dokumen
    ("Z13", "predikat-unknown") if False else ("AF13", "predikat-mismatch"),
    ("P14", "unparseable"),  # seratus juta
    ("W15", "sum-mismatch"),  # 4 × 111 Orang
    ("X15", "sum-mismatch"),  # 500.000.000
    ("X15", "realisasi-exceeds-target"),
    ("AA15", "capaian-mismatch"),  # 550/500 = 110 ok? no: stated 110 matches -> see tests
}


def messy(path: Path) -> Path:
    return write_tc29(path, messy_rows(), gs=MESSY_GROUPS,
                      title=("FORMULIR E.81", "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
                             "Badan Perencanaan Pembangunan Daerah Kabupaten Contoh",
                             "Periode Pelaksanaan: Triwulan IV Tahun 2023"))


SAMPLES = {
    "bengkalis-tc29-2022.xlsx": bengkalis,
    "contoh-bersih-tc29.xlsx": clean,
    "contoh-berantakan-tc29.xlsx": messy,
}


# --- LKjIP seeds ---------------------------------------------------------------------------
def lkjip_bengkalis(path: Path) -> Path:
    """Seed 000 (LKjIP 2020 Dinas Sosial Bengkalis): pengukuran, program budgets, budget per
    sasaran, efisiensi — four sheets, typed as in the report."""
    import xlsxwriter

    from tests.builders import _write

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_numbers": False})
    ws = wb.add_worksheet("Pengukuran")
    ws.write(0, 0, "A. Pengukuran Kinerja Dinas Sosial Kabupaten Bengkalis Tahun 2020")
    for c, h in enumerate(["SASARAN", "INDIKATOR", "TARGET", "REALISASI", "CAPAIAN"]):
        ws.write(2, c, h)
    rows = [
        ["Meningkatnya penanganan permasalahan social",
         "Persentase PMKS yang memperoleh pemenuhan kebutuhan dasar", "77%", "80%", "104%"],
        [None, "Persentase meningkatnya jumlah PMKS Mandiri", "15%", "16%", "106%"],
        ["Meningkatnya peran aktif PSKS dalam penanganan permasalahan social",
         "Persentase PSKS aktif", "100%", "100%", "100%"],
        ["Meningkatnya kualitas akuntabilitas kinerja", "Predikat akuntabilitas kinerja",
         "BB", "B", "B"],
        [None, "Persentase temuan inspektorat/BPK yang ditindak lanjuti", "100%", "100%",
         "100%"],
    ]
    for r, row in enumerate(rows, 3):
        for c, v in enumerate(row):
            _write(ws, r, c, v, None)
    ws.merge_range(3, 0, 4, 0, rows[0][0])
    ws.merge_range(6, 0, 7, 0, rows[3][0])
    ws = wb.add_worksheet("Anggaran Program")
    ws.write(0, 0, "Uraian dana per program Dinas Sosial Kabupaten Bengkalis Tahun 2020")
    for c, h in enumerate(["No", "Program", "Anggaran", "Keterangan"]):
        ws.write(2, c, h)
    for c in range(4):
        ws.write(3, c, c + 1)
    programs = [
        ("Program Pemberdayaan Fakir; Miskin. Komunitas Adat Terpencil (KAT) dan Penyandang "
         "Masalah Kesejahteraan Sosial (PMKS) Lainnya", "Rp 20.117.262.000"),
        ("Program Pelayanan dan Rehabilitasi Kesejahteraan Sosial", "Rp 2.967.545.000"),
        ("Program pendayagunaan para penyandang cacat dan trauma", "Rp 144.252.480"),
        ("Program pembinaan eks penyandang penyakit sosial ( eks narapidana 'PSK' narkoba dan "
         "penyakit sosial lainnya)", "Rp 57.347.000"),
        ("Program pemberdayaan Kelembagaan Kesejahteraan Sosial", "Rp 3.382.390.600"),
        ("Program Pelayanan Administrasi Perkantoran", "Rp 3.222.119.488"),
        ("Program Peningkatan Sarana dan Prasarana Aparatur", "Rp 726.660.000"),
        ("Program Peningkatan Kapasitas Sumber Daya Aparatur", "Rp 32.231.789"),
        ("Program Peningkatan Pengembangan Sistem Pelaporan Capaian Kinerja dan Keuangan",
         "Rp 59.800.000"),
    ]
    for i, (name, amount) in enumerate(programs):
        ws.write_string(4 + i, 0, f"{i + 1}.")
        ws.write_string(4 + i, 1, name)
        ws.write_string(4 + i, 2, amount)
        ws.write_string(4 + i, 3, "APBD")
    ws.write_string(13, 0, "Jumlah Anggaran Tahun 2020")
    ws.write_string(13, 2, "Rp 38.018.058.695")
    ws = wb.add_worksheet("Anggaran Sasaran")
    ws.write(0, 0, "C. Realisasi Anggaran")
    ws.merge_range(2, 0, 3, 0, "Sasaran")
    ws.merge_range(2, 1, 3, 1, "Rata-rata Capaian")
    ws.merge_range(2, 2, 2, 4, "Anggaran")
    for c, h in enumerate(["Target", "Realisasi", "%"], 2):
        ws.write(3, c, h)
    for r, row in enumerate([
        ["Meningkatnya penanganan permasalahan sosial", "100%", "23.346.407.480",
         "22.558.695.472", "96,6%"],
        ["Meningkatnya peran aktif PSKS dalam penanganan permasalahan sosial", "100%",
         "3.382.390.600", "3.091.800.600", "91,4%"],
    ], 4):
        for c, v in enumerate(row):
            ws.write_string(r, c, v)
    ws = wb.add_worksheet("Efisiensi")
    ws.write(0, 0, "D. Analisis Efisiensi")
    for c, h in enumerate(["No.", "Sasaran", "Capaian Kinerja", "Realisasi Anggaran",
                           "Tingkat Efisiensi"]):
        ws.write(2, c, h)
    for r, row in enumerate([
        ["1", "Meningkatnya penanganan permasalahan sosial", "100%", "96,6%", "Sangat Efisien"],
        ["2", "Meningkatnya peran aktif PSKS dalam penanganan permasalahan sosial", "100%",
         "91,4%", "Sangat Efisien"],
    ], 3):
        for c, v in enumerate(row):
            ws.write_string(r, c, v)
    wb.close()
    return path


# Σ programs = 30.709.608.357, the report says 38.018.058.695
LKJIP_BENGKALIS_EXPECTED = {("Anggaran Program", "C14", "total-mismatch")}


def lkjip_sidoarjo(path: Path) -> Path:
    """Seed 004 (LKjIP 2021 Dinas Sosial Sidoarjo), table 3.4: 97,85 / 85 = 115,12 %, the
    report says 122,31 %."""
    from tests.builders import write_table

    header = [["Sasaran Strategis/ Program/ Kegiatan/Subkegiatan", "Indikator",
               "Target Tahun 2021", "Realisasi Tahun 2021", "Capaian",
               "Tingkat Keber- Hasilan", "Penjelasan"]]
    rows = [
        ["Program Penunjang Urusan Pemerintahan Daerah Kabupaten/ Kota",
         "Persentase kepuasan aparatur perangkat daerah terhadap pelayanan kesekretariatan",
         "85%", "85%", "100%", "Berhasil"],
        ["Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
         "Jumlah tahapan perencanaan yang dilaksanakan", "2 Tahap", "2 Tahap", "100%",
         "Berhasil"],
        [None, "Jumlah rekomendasi hasil evaluasi kinerja yang ditindaklanjuti",
         "1 Rekomendasi", "1 Rekomendasi", "100%", "Berhasil"],
        ["Penyusunan Dokumen Perencanaan Perangkat Daerah",
         "Jumlah dokumen perencanaan PD yang disusun tepat waktu", "4 Dokumen", "4 Dokumen",
         "100%", "Berhasil"],
        ["Evaluasi Kinerja Perangkat Daerah", "Jumlah dokumen monev PD yang tersusun",
         "4 Dokumen", "4 Dokumen", "100%", "Berhasil"],
        ["Administrasi Keuangan Perangkat Daerah", "Persentase realisasi anggaran PD", "85%",
         "97,85%", "122,31%", "Berhasil"],
        ["Penyediaan Gaji dan Tunjangan ASN", "Jumlah ASN yang mendapatkan gaji dan tunjangan",
         "396 Orang", "396 Orang", "100%", "Berhasil"],
        ["Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
         "Jumlah laporan keuangan akhir tahun yang tersusun", "1 Laporan", "1 Laporan",
         "100%", "Berhasil"],
    ]
    return write_table(path, header, rows, title=(
        "3.4. Analisis Pencapaian Program dan Kegiatan Pendukung",
        "Dinas Sosial Kabupaten Sidoarjo Tahun 2021"), sheet="Tabel 3.4")


LKJIP_SIDOARJO_EXPECTED = {("Tabel 3.4", "E9", "capaian-mismatch")}


def lkjip_buleleng(path: Path) -> Path:
    """Seed 002 (LKjIP 2020 Dinas Sosial Buleleng), B. Realisasi Anggaran: consistent."""
    from tests.builders import write_table

    header = [["NO", "Sasaran Strategis", "Program", "Anggaran Setelah Perubahan", "Realisasi",
               "Capaian Keuangan (%)"]]
    data = [
        ("1.", "Meningkatnya perlindungan sosial terhadap masyarakat miskin",
         "Program Pemberdayaan Fakir Miskin, Komunitas Adat Terpencil (KAT) dan Penyandang "
         "Masalah Kesejahteraan Sosial (PMKS) lainnya", "382.252.200", "381.422.110", "99,78 %"),
        (None, None, "Program Pelayanan dan Rehabilitasi Kesejahteraan Sosial", "190.329.700",
         "189.507.050", "99,56 %"),
        (None, None, "Program Pembinaan Anak Terlantar", "96.064.900", "95.678.650", "99,59 %"),
        (None, None, "Program Pembinaan Panti Asuhan/Panti Jompo", "61.348.100", "61.249.050",
         "99,83 %"),
        (None, None, "Program Pembinaan Eks Penyandang penyakit Sosial (Eks Narapidana, PSK, "
         "Narkoba dan Penyakit Sosial lainnya)", "114.728.200", "114.041.150", "99,40 %"),
        (None, None, "Program Pemberdayaan Kelembagaan Kesejahteraan Sosial", "96.271.000",
         "96.200.100", "99,92 %"),
        (None, None, "Program Pelestarian Nilai Kepahlawanan dan Kesetiakawanan sosial",
         "932.310.950", "929.454.248", "99,69 %"),
        (None, None, "Program Perlindungan dan Jaminan Sosial", "645.904.000", "641.221.070",
         "99,27 %"),
        (None, None, "Program Pembinaan Para Penyandang Disabilitas dan Trauma", "222.526.000",
         "221.488.500", "99,53 %"),
    ]
    return write_table(path, header, [list(r) for r in data], title=(
        "B. REALISASI ANGGARAN", "Dinas Sosial Kabupaten Buleleng Tahun 2020"),
        sheet="Realisasi Anggaran")


def lkjip_dumai(path: Path) -> Path:
    """Seed 003 (LKjIP 2023 Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai), Tabel VI:
    efisiensi as 100 − serapan (1,52 → "1,5%", 0,67 %), then 0,69 % where 100 − 99,58 is
    0,42; "Tingkat Efisiensi" is merged over the rupiah saved and its percentage."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_numbers": False})
    ws = wb.add_worksheet("Tabel VI")
    ws.write(0, 0, "Tabel. VI")
    ws.write(1, 0, "Efisiensi penggunaan Sumber Daya Dinas Sosial dan Pemberdayaan Masyarakat "
                   "Kota Dumai Tahun 2023")
    for c, h in enumerate(["NO", "TUJUAN", "INDIKATOR KINERJA UTAMA", "CAPAIAN KINERJA (%)",
                           "PENYERAPAN ANGGARAN (%)"]):
        ws.write(3, c, h)
    ws.merge_range(3, 5, 3, 6, "TINGKAT EFISIENSI")
    ws.write(3, 7, "KET")
    rows = [
        ["1", "Meningkatkan Kesejahteraan Sosial", "Persentase (%) penyandang disabilitas "
         "terlantar, anak terlantar, lanjut usia terlantar, dan gelandangan pengemis yang "
         "terpenuhi kebutuhan dasarnya di luar panti.", "100%", "98,48", "53.642.070,-", "1,5%",
         "Efisien"],
        ["2", "Meningkatkan Pembangunan Berbasis Pemberdayaan Masyarakat Desa/Kelurahan",
         "Persentase pengentasan desa/kelurahan tertinggal (kurang berkembang)", "179%",
         "99,33%", "623.966,-", "0,67%", "Efisien"],
        [None, None, "Persentase lpm (lembaga pemberdayaan masyarakat) berprestasi/aktif",
         "100%", "99,58%", "10.551.284,-", "0,69%", "Efisien"],
        ["3", "Meningkatkan Penanggulangan Korban Bencana", "Persentase korban bencana alam dan "
         "sosial yang terpenuhi kebutuhan dasarnya pada saat dan setelah tanggap darurat bencana "
         "daerah kab/kota (indikator spm)", "100%", "99,58", "1.632.522,-", "0,69%",
         "Efisien"],
    ]
    for r, row in enumerate(rows, 4):
        for c, v in enumerate(row):
            if v is not None:
                ws.write_string(r, c, v)
    ws.merge_range(5, 1, 6, 1, rows[1][1])
    wb.close()
    return path


# 100 − 99,58 = 0,42, the report says 0,69 % (twice)
LKJIP_DUMAI_EXPECTED = {("Tabel VI", "G7", "efisiensi-mismatch"),
                        ("Tabel VI", "G8", "efisiensi-mismatch")}


SAMPLES.update({
    "bengkalis-lkjip-2020.xlsx": lkjip_bengkalis,
    "sidoarjo-lkjip-2021.xlsx": lkjip_sidoarjo,
    "buleleng-lkjip-2020.xlsx": lkjip_buleleng,
    "dumai-lkjip-2023.xlsx": lkjip_dumai,
})


def rencana_aksi_rows() -> list[list]:
    """Seed 002, Lampiran 2 (Buleleng 2020): two indicators, their programs, per quarter."""
    q = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")
    out: list[list] = []

    def block(no, sasaran, ind, satuan, annual, targets, reals, pcts, programs):
        first = True
        for prog, p_annual, p_t, p_r, p_pct in programs:
            for i in range(4):
                row = [None] * 17
                if first and i == 0:
                    row[0:5] = [no, sasaran, ind, satuan, annual]
                if first:
                    row[5:9] = [q[i], targets[i], reals[i], pcts[i]]
                if i == 0:
                    row[10], row[11] = prog, p_annual
                row[12:16] = [q[i], p_t[i], p_r[i], p_pct[i]]
                out.append(row)
            first = False

    block(1, "Terwujudnya kemandirian dan kesejahteraan sosial PMKS",
          "Persentase kemandirian Penyandang Masalah Kesejahteraan Sosial (PMKS)", "%", "0,63",
          ["0,00", "0,00", "0,32", "0,31"], ["0,00", "0,00", "0,32", "0,31"],
          ["-", "-", "100", "100"], [
              ("Program Pemberdayaan Fakir Miskin, KAT dan PMKS Lainnya", "382.252.200",
               ["61.072.200", "23.060.000", "19.560.000", "278.560.000"],
               ["30.515.960", "53.041.150", "20.055.660", "277.809.340"],
               ["49,97", "230,01", "102,53", "99,73"]),
              ("Program Pelayanan dan Rehabilitasi Kesejahteraan Sosial", "190.329.700",
               ["31.399.700", "19.810.000", "19.560.000", "119.560.000"],
               ["20.733.000", "29.951.050", "19.560.000", "119.263.000"],
               ["66,03", "151,19", "100,00", "99,75"]),
              ("Program pembinaan anak terlantar", "96.064.900",
               ["17.894.900", "9.390.000", "9.390.000", "59.390.000"],
               ["10.287.000", "16.912.650", "9.390.000", "59.089.000"],
               ["57,49", "180,11", "100,00", "99,49"]),
          ])
    block(2, "Terwujudnya Potensi Sumber Kesejahteraan Sosial (PSKS) yang aktif",
          "Potensi Sumber Kesejahteraan Sosial (PSKS) yang aktif.", "%", "80,00",
          ["20", "20", "20", "20"], ["20", "20", "20", "20"], ["100", "100", "100", "100"], [
              ("Program Pelayanan Administrasi Perkantoran", "1.023.350.600",
               ["312.304.600", "223.247.128", "212.881.628", "274.917.244"],
               ["240.656.416", "239.357.555", "221.152.347", "316.677.135"],
               ["77,06", "107,22", "103,89", "115,19"]),
              ("Program Peningkatan Sarana dan Prasarana Aparatur", "197.550.450",
               ["82.095.000", "36.900.000", "16.800.000", "61.755.450"],
               ["48.534.235", "33.211.340", "24.380.060", "90.800.840"],
               ["59,12", "90,00", "145,12", "147,03"]),
          ])
    return out


def rencana_aksi(path: Path, rows: list[list] | None = None) -> Path:
    from tests.builders import write_table

    top = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Kinerja", "", "", "", "",
           "", "Program", "Anggaran (Rp)", "", "", "", "", ""]
    sub = ["", "", "", "", "Target Kinerja Tahunan", "Triwulan", "Target", "Realisasi", "%",
           "Keterangan", "", "Target Anggaran Tahunan", "Triwulan", "Target", "Realisasi",
           "%", "Keterangan"]
    numbers = [str(i) for i in range(1, 18)]
    merges = [(0, c, 1, c) for c in (0, 1, 2, 3, 10)] + [(0, 4, 0, 9), (0, 11, 0, 16)]
    return write_table(path, [top, sub, numbers], rows or rencana_aksi_rows(), merges=merges,
                       title=("CAPAIAN RENCANA AKSI ATAS PERJANJIAN KINERJA SAMPAI DENGAN "
                              "TRIWULAN I S/D IV", "PERANGKAT DAERAH DINAS SOSIAL KABUPATEN "
                              "BULELENG", "TAHUN 2020"), sheet="Lampiran 2")


SAMPLES["buleleng-rencana-aksi-2020.xlsx"] = rencana_aksi
