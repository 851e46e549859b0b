"""LKjIP tables: pengukuran (polarity, grades, ranges, predikat scales), realisasi anggaran,
the seed rebuilds, and configuration."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.builders import write_table, write_tc29
from tests.conftest import ROOT, check_json, run_cli
from tests.samples_data import LKJIP_DUMAI_EXPECTED

SAMPLES = ROOT / "samples"


def sheet_findings(report: dict, severities=("error", "warning")) -> set:
    return {(f["sheet"], f["cell"], f["code"]) for file in report["files"]
            for f in file["findings"] if f["severity"] in severities}


def test_seed_rebuilds_give_exactly_their_real_findings() -> None:
    _, rep = check_json(SAMPLES / "bengkalis-lkjip-2020.xlsx")
    assert [(t["sheet"], t["layout"], t["rows"]) for t in rep["files"][0]["tables"]] == [
        ("Pengukuran", "pengukuran", 5), ("Anggaran Program", "anggaran", 10),
        ("Anggaran Sasaran", "anggaran", 2), ("Efisiensi", "efisiensi", 2)]
    assert sheet_findings(rep) == {("Anggaran Program", "C14", "total-mismatch")}
    f = rep["files"][0]["findings"][0]
    assert (f["expected"], f["actual"]) == (30709608357.0, 38018058695.0)
    _, rep = check_json(SAMPLES / "sidoarjo-lkjip-2021.xlsx")
    assert sheet_findings(rep) == {("Tabel 3.4", "E9", "capaian-mismatch")}
    assert rep["files"][0]["findings"][0]["expected"] == 115.12
    code, rep = check_json(SAMPLES / "buleleng-lkjip-2020.xlsx")
    assert code == 0 and sheet_findings(rep) == set()
    # Dumai's efisiensi is 100 − serapan (1,5 % and 0,67 %), but 0,69 % where it is 0,42 %
    code, rep = check_json(SAMPLES / "dumai-lkjip-2023.xlsx")
    assert code == 0 and sheet_findings(rep) == LKJIP_DUMAI_EXPECTED
    f = rep["files"][0]["findings"][0]
    assert (f["severity"], f["expected"], f["actual"]) == ("warning", 0.42, 0.69)
    assert "efisiensi = 100 − serapan" in f["message"]


HEADER = [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
           "Capaian (%)", "Predikat"]]


def _pengukuran(path: Path, rows: list[list], header=HEADER) -> Path:
    return write_table(path, header, rows, title=("PENGUKURAN KINERJA",
                                                  "Dinas Kesehatan Kabupaten Contoh"))


def test_negative_indicators_without_polaritas_column_are_consistent(tmp_path: Path) -> None:
    rows = [
        [1, "Menurunnya angka kemiskinan", "Angka kemiskinan", "%", "9,5", "9,1", "104,21",
         "Sangat Berhasil"],
        [2, None, "Prevalensi stunting", "%", "20", "18", "110", "Sangat Berhasil"],
        [3, "Meningkatnya layanan", "Persentase desa terlayani", "%", "80", "76", "95",
         "Sangat Berhasil"],
        [4, None, "Nilai SAKIP", "Predikat", "BB", "BB", "100", "Sangat Berhasil"],
        [5, None, "Indeks kepuasan masyarakat", "Indeks", "69,1-69,5", "69,3", "100",
         "Sangat Berhasil"],
    ]
    code, rep = check_json(_pengukuran(tmp_path / "neg.xlsx", rows))
    assert code == 0 and sheet_findings(rep) == set()


def test_planted_pengukuran_mistakes(tmp_path: Path) -> None:
    rows = [
        [1, "S1", "Persentase balita gizi baik", "%", "90", "81", "95", "Sangat Berhasil"],
        [2, None, "Nilai SAKIP", "Predikat", "A", "BB", "100", "Sangat Berhasil"],
        [3, None, "Jumlah kasus DBD", "Kasus", "0", "12", "", ""],
        [4, None, "Persentase jalan mantap", "%", "50", "80", "160", "Berhasil"],
        [5, None, "Jumlah dokumen", "Dokumen", "12 Dokumen", "12 Laporan", "100",
         "Sangat Berhasil"],
    ]
    code, rep = check_json(_pengukuran(tmp_path / "bad.xlsx", rows))
    assert code == 1
    assert sheet_findings(rep) == {
        ("Sheet1", "G4", "capaian-mismatch"),  # 81 / 90 = 90 (or 110 negative), not 95
        ("Sheet1", "G5", "grade-capaian"),  # BB did not reach A
        ("Sheet1", "E6", "target-zero"),
        ("Sheet1", "G7", "capaian-outlier"),  # 160 %
        ("Sheet1", "H7", "predikat-mismatch"),  # 160 is Sangat Berhasil
        ("Sheet1", "F8", "unit-mismatch"),
    }


def test_polaritas_column_decides(tmp_path: Path) -> None:
    header = [[*HEADER[0][:4], "Polaritas", *HEADER[0][4:]]]
    rows = [[1, "S1", "Persentase desa mandiri", "%", "Positif", "80", "88", "90", ""],
            [2, None, "Angka kematian ibu", "per 100rb", "Negatif", "100", "90", "110", ""]]
    _code, rep = check_json(_pengukuran(tmp_path / "pol.xlsx", rows, header))
    assert sheet_findings(rep) == {("Sheet1", "H4", "capaian-mismatch")}  # 88/80 = 110


def test_rows_of_small_numbers_are_data_not_the_column_number_row(tmp_path: Path) -> None:
    """The shortest form (no satuan, no predikat, the sasaran merged down): a row "2 | |
    Persentase … | 80 | 76 | 95" is four in five numbers, yet data; the column numbers
    "1 2 3 4 5 6" run one per column. Every row is read (only the first was: the others
    were taken for the column-number row repeated)."""
    header = [["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi",
               "Capaian (%)"], ["1", "2", "3", "4", "5", "6"]]
    rows = [[1, "Meningkatnya layanan", "Persentase desa terlayani", 80, 76, 95],
            [2, None, "Persentase lansia didampingi", 60, 45, 75],
            [3, None, "Persentase PMKS tertangani", 40, 30, 70]]
    path = _pengukuran(tmp_path / "pendek.xlsx", rows, header)
    _code, rep = check_json(path)
    assert rep["files"][0]["tables"][0]["rows"] == 3
    assert sheet_findings(rep) == {("Sheet1", "F7", "capaian-mismatch")}  # 30 / 40: 75
    run_cli("consolidate", str(path), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"))
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        recs = [(r["row"], r["sasaran"], r["realisasi"]) for r in csv.DictReader(fh)]
    assert recs == [("5", "Meningkatnya layanan", "76.0"), ("6", "Meningkatnya layanan", "45.0"),
                    ("7", "Meningkatnya layanan", "30.0")]


def test_a_kode_column_is_the_rows_code_not_a_value(tmp_path: Path) -> None:
    """A pengukuran with a Kode column (kode sasaran / IKU): the codes are the rows' kode in
    the records, never numbers to read ("S.1" was an unparseable error)."""
    header = [["No", "Kode", *HEADER[0][1:7]]]
    rows = [[1, "S.1", "Meningkatnya layanan", "Persentase desa terlayani", "%", "80", "76",
             "95"],
            [2, "1.1", None, "Jumlah dokumen", "Dokumen", "10", "10", "100"]]
    path = _pengukuran(tmp_path / "kode.xlsx", rows, header)
    code, rep = check_json(path)
    assert code == 0 and sheet_findings(rep) == set()
    run_cli("consolidate", str(path), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"))
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        recs = [(r["kode"], r["indikator"], r["capaian"]) for r in csv.DictReader(fh)]
    assert recs == [("S.1", "Persentase desa terlayani", "95.0"), ("1.1", "Jumlah dokumen",
                                                                   "100.0")]


def test_predikat_marked_in_a_column_per_label(tmp_path: Path) -> None:
    """Seed 003 (Dumai): "Sangat Berhasil | Berhasil | Cukup Berhasil | Tidak Berhasil", the
    row's predikat marked √ under its label. The marked label is the row's predikat in the
    records and is checked like a written one, at the marked cell; "Tujuan/Sasaran" is the
    sasaran column."""
    header = [["No", "Tujuan/Sasaran", "Indikator Kinerja", "Target", "Realisasi",
               "Capaian 2023", "Sangat Berhasil", "Berhasil", "Cukup Berhasil",
               "Tidak Berhasil"]]
    rows = [[1, "Meningkatnya layanan sosial", "Persentase PMKS tertangani", "100%", "100%",
             "100%", "√", "-", "-", "-"],
            [2, "Meningkatnya desa mandiri", "Persentase desa berkembang", "42%", "30%",
             "71,43%", "-", "-", "√", "-"]]
    path = write_table(tmp_path / "centang.xlsx", header, rows,
                       title=("CAPAIAN KINERJA", "Dinas Sosial Kota Contoh"))
    _code, rep = check_json(path)
    assert sheet_findings(rep) == {("Sheet1", "I5", "predikat-mismatch")}  # 71,43: Berhasil
    run_cli("consolidate", str(path), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"))
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        recs = [(r["sasaran"], r["predikat"]) for r in csv.DictReader(fh)]
    assert recs == [("Meningkatnya layanan sosial", "Sangat Berhasil"),
                    ("Meningkatnya desa mandiri", "Cukup Berhasil")]


def test_a_keterangan_of_predikat_labels_is_the_predikat(tmp_path: Path) -> None:
    """SPEC §2.2: the last column is "predikat / kategori / keterangan". A "Keterangan" that
    holds only predikat labels is the predikat (in the records, and checked: 71,43 is
    Berhasil); one that holds notes stays a keterangan, with nothing to check."""
    def table(name: str, labels: tuple[str, str]) -> list[tuple[str, str]]:
        header = [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target",
                   "Realisasi", "Capaian (%)", "Keterangan"]]
        rows = [[1, "Meningkatnya layanan sosial", "Persentase PMKS tertangani", "%", "100",
                 "100", "100", labels[0]],
                [2, None, "Persentase desa berkembang", "%", "42", "30", "71,43", labels[1]]]
        path = _pengukuran(tmp_path / f"{name}.xlsx", [list(r) for r in rows], header)
        _code, rep = check_json(path)
        run_cli("consolidate", str(path), "-o", str(tmp_path / f"{name}-r.xlsx"), "--data",
                str(tmp_path / f"{name}.csv"))
        with open(tmp_path / f"{name}.csv", encoding="utf-8") as fh:
            recs = [(r["predikat"], r["capaian"]) for r in csv.DictReader(fh)]
        return [*sorted(sheet_findings(rep)), *recs]

    assert table("labels", ("Sangat Berhasil", "Cukup Berhasil")) == [
        ("Sheet1", "H5", "predikat-mismatch"),
        ("Sangat Berhasil", "100.0"), ("Cukup Berhasil", "71.43")]
    assert table("notes", ("Tercapai", "Tidak tercapai")) == [
        ("", "100.0"), ("", "71.43")]
    # a label with its short form in brackets, either way round
    assert table("kurung", ("Sangat Berhasil (SB)", "CB (Cukup Berhasil)")) == [
        ("Sheet1", "H5", "predikat-mismatch"),
        ("Sangat Berhasil (SB)", "100.0"), ("CB (Cukup Berhasil)", "71.43")]
    # the short form alone
    assert table("singkat", ("SB", "CB")) == [
        ("Sheet1", "H5", "predikat-mismatch"), ("SB", "100.0"), ("CB", "71.43")]


@pytest.mark.parametrize("header", [
    # the LAKIP "pengukuran pencapaian sasaran" form: the target is "rencana tingkat capaian"
    ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Rencana Tingkat Capaian (Target)",
     "Realisasi", "Persentase Pencapaian Rencana Tingkat Capaian (%)"],
    ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Capaian", "Realisasi",
     "Capaian (%)"],
])
def test_a_target_named_after_the_capaian_is_the_target(tmp_path: Path, header: list) -> None:
    """"Rencana Tingkat Capaian (Target)" and "Target Capaian" hold the target. The LAKIP
    form was not found ("capaian" named the target column too, and no target was left);
    "Target Capaian" was read right, and stays so beside the pattern that mends the first."""
    rows = [[1, "Meningkatnya layanan", "Persentase desa terlayani", "%", 80, 60, 70]]
    path = _pengukuran(tmp_path / "pps.xlsx", rows, [header])
    _code, rep = check_json(path)
    assert [(f["cell"], f["code"], f["expected"]) for f in rep["files"][0]["findings"]] == [
        ("G4", "capaian-mismatch", 75.0)]


@pytest.mark.parametrize(("header", "row", "cell", "expected"), [
    # pengukuran: target 80, realisasi 60, capaian stated 70 (75 is right)
    *[(["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", capaian],
       [1, "Meningkatnya layanan", "Persentase desa terlayani", "%", 80, 60, 70], "G4", 75.0)
      for capaian in ("% Realisasi", "Prosentase", "Presentase", "Tingkat Ketercapaian (%)",
                      "Pencapaian (%)")],
    # realisasi anggaran: pagu 1 000 000, realisasi 900 000, % stated 95 (90 is right)
    (["No", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "Tingkat Realisasi (%)"],
     [1, "Program Penunjang Urusan", 1_000_000, 900_000, 95], "E4", 90.0),
    (["No", "Program", "Jumlah Anggaran", "Jumlah Realisasi", "Capaian Keuangan (%)"],
     [1, "Program Penunjang Urusan", 1_000_000, 900_000, 95], "E4", 90.0),
    (["No", "Program", "Total Anggaran", "Total Realisasi", "%"],
     [1, "Program Penunjang Urusan", 1_000_000, 900_000, 95], "E4", 90.0),
])
def test_more_wordings_of_the_capaian_and_budget_columns(
        tmp_path: Path, header: list, row: list, cell: str, expected: float) -> None:
    """Header wordings OPD forms use for the percentage and the budget's realisasi: each
    column was left unmapped, so the wrong percentage beside it was not checked."""
    path = write_table(tmp_path / "t.xlsx", [header], [row], title=("LAPORAN", "Dinas Contoh"))
    _code, rep = check_json(path)
    assert [(f["cell"], f["code"], f["expected"]) for f in rep["files"][0]["findings"]] == [
        (cell, "capaian-mismatch", expected)]


def test_rp_in_a_cell_of_its_own_left_of_each_amount(tmp_path: Path) -> None:
    """"Anggaran" and "Realisasi" each over "Rp" | the amount (tables converted from a word
    processor): the amounts are the columns' values. The "Rp" column was taken for the
    anggaran: no amount was read, and the wrong 95 % went unchecked."""
    header = [["No", "Program", "Anggaran", "", "Realisasi", "", "%"]]
    rows = [[1, "Program Penunjang Urusan", "Rp", 1_000_000, "Rp.", 900_000, 95],
            [2, "Program Pendidikan", "Rp", 2_000_000, "Rp", 2_000_000, 100]]
    path = write_table(tmp_path / "rp.xlsx", header, rows, merges=[(0, 2, 0, 3), (0, 4, 0, 5)],
                       title=("REALISASI ANGGARAN", "Dinas Contoh"))
    _code, rep = check_json(path)
    assert [(f["cell"], f["code"], f["expected"]) for f in rep["files"][0]["findings"]] == [
        ("G4", "capaian-mismatch", 90.0)]
    run_cli("consolidate", str(path), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"))
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        assert [(r["anggaran"], r["realisasi"]) for r in csv.DictReader(fh)] == [
            ("1000000.0", "900000.0"), ("2000000.0", "2000000.0")]


def test_year_super_header_checks_latest_year(tmp_path: Path) -> None:
    header = [["No", "Indikator Kinerja", "2022", "", "", "2023", "", ""],
              ["", "", "Target", "Realisasi", "Capaian", "Target", "Realisasi", "Capaian"]]
    rows = [[1, "Persentase PSKS aktif", 80, 70, 87.5, 85, 90, 120]]
    path = write_table(tmp_path / "years.xlsx", header, rows,
                       merges=[(0, 2, 0, 4), (0, 5, 0, 7)])
    _, rep = check_json(path)
    assert sheet_findings(rep) == {("Sheet1", "H3", "capaian-mismatch")}  # 90/85 = 105,88
    run_cli("consolidate", str(path), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"))
    import csv

    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        rec = next(csv.DictReader(fh))
    assert (rec["target"], rec["realisasi"], rec["capaian"]) == ("85.0", "90.0", "120.0")
    assert float(rec["perubahan_realisasi_hitung"]) == 20.0  # 90 in 2023 against 70 in 2022


def _records(tmp_path: Path, path: Path) -> list[dict[str, str]]:
    run_cli("consolidate", str(path), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"))
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_a_bare_percent_column_under_a_year_is_the_capaian(tmp_path: Path) -> None:
    """"Tahun 2023 | Tahun 2024" over "Target | Realisasi | %", the capaian a fraction under a
    percent format: the % column is that year's capaian, read in percent points."""
    header = [["No", "Indikator Kinerja", "Tahun 2023", "", "", "Tahun 2024", "", ""],
              ["", "", "Target", "Realisasi", "%", "Target", "Realisasi", "%"]]
    rows = [[1, "Angka Harapan Hidup", 71.2, 71.3, 1.0014, 71.5, 71.6, 1.0014],
            [2, "Indeks Kepuasan Masyarakat", 80, 82.5, 1.0312, 82, 85.3, 1.1]]
    path = write_table(tmp_path / "pct.xlsx", header, rows, merges=[(0, 2, 0, 4), (0, 5, 0, 7)],
                       formats={4: "0.00%", 7: "0.00%"})
    _, rep = check_json(path)
    assert sheet_findings(rep) == {("Sheet1", "H4", "capaian-mismatch")}  # 85,3/82 = 104,02
    recs = _records(tmp_path, path)
    assert [(r["target"], r["realisasi"], r["capaian"]) for r in recs] == [
        ("71.5", "71.6", "100.14"), ("82.0", "85.3", "110.0")]


def test_recomputed_values_follow_the_formula_the_row_follows(tmp_path: Path) -> None:
    """Where two formulas are accepted, the records' ``_hitung`` is the one the stated value
    agrees with: a negative indicator's capaian without a polaritas column, whatever its name
    suggests; a percentage indicator's annual realisasi as its last quarter."""
    rows = [[1, "Menurunnya kemiskinan", "Angka kemiskinan", "%", "9,5", "9,8", "96,84", ""],
            [2, None, "Rasio guru terhadap murid", "Rasio", "20", "22", "90", ""],
            [3, None, "Persentase desa terlayani", "%", "80", "76", "95", ""]]
    recs = _records(tmp_path, _pengukuran(tmp_path / "neg.xlsx", rows))
    assert [r["capaian_hitung"] for r in recs] == ["96.842105", "90.0", "95.0"]
    # with no stated capaian, or one that fits neither formula, the name's polarity decides
    # what is computed and expected: lower is better for "Angka kemiskinan", "Prevalensi
    # stunting"; a reduction achieved ("Persentase penurunan …") is higher-is-better
    rows = [[1, "Menurunnya kemiskinan", "Angka kemiskinan", "%", "9,5", "9,8", None, ""],
            [2, None, "Persentase penurunan angka kemiskinan", "%", "10", "12", None, ""],
            [3, None, "Prevalensi stunting", "%", "20", "18", "150", ""]]
    path = _pengukuran(tmp_path / "nama.xlsx", rows)
    recs = _records(tmp_path, path)
    assert [r["capaian_hitung"] for r in recs] == ["96.842105", "120.0", "110.0"]
    _, rep = check_json(path, extra=("--info",))
    found = {(f["cell"], f["code"]): f for f in rep["files"][0]["findings"]}
    assert found[("G4", "computed")]["expected"] == 96.84
    assert found[("G5", "computed")]["expected"] == 120.0
    mismatch = found[("G6", "capaian-mismatch")]
    assert (mismatch["expected"], mismatch["actual"]) == (110.0, 150.0)
    assert "(2 × target − realisasi)" in mismatch["message"]
    # a reduction whose stated capaian only the lower-is-better formula gives: said (info)
    rows = [[1, "Menurunnya kemiskinan", "Persentase penurunan kemiskinan", "%", "10", "12",
             "80", ""]]
    _, rep = check_json(_pengukuran(tmp_path / "turun.xlsx", rows), extra=("--info",))
    assert [(f["cell"], f["code"]) for f in rep["files"][0]["findings"]] == [
        ("G4", "polarity-inferred")]
    tc = write_tc29(tmp_path / "tc.xlsx", [
        {"kode": "1.01.02", "uraian": "PROGRAM PENGELOLAAN PENDIDIKAN", "indikator": "APS",
         "satuan": "%", "target_k": 98, "tw1_k": 97, "tw2_k": 98, "tw3_k": 98, "tw4_k": 98.5,
         "realisasi_k": 98.5},
        {"kode": "1.01.02.2.01", "uraian": "Pengelolaan SD", "indikator": "Sekolah dibina",
         "satuan": "Sekolah", "target_k": 40, "tw1_k": 10, "tw2_k": 10, "tw3_k": 10,
         "tw4_k": 10, "realisasi_k": 40}])
    recs = _records(tmp_path, tc)
    assert [r["realisasi_k_hitung"] for r in recs] == ["98.5", "40.0"]


def test_summary_notes_and_signature_in_the_indicator_column_are_not_data(
        tmp_path: Path) -> None:
    """A pengukuran without uraian has its "Rata-rata capaian kinerja" and "Predikat" typed
    in the indicator column beside their one figure, then notes and a signature block:
    footers, not indicators (they were, in the records and in Ringkasan's rows and average),
    and after "Mengetahui," the rows without a value (the name, the NIP) are not data.
    "Rata-rata lama sekolah" and "Kepala keluarga …" are indicators: they have a target,
    even before their realisasi is in; an indicator not filled in yet stays one."""
    header = [["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)", "Predikat"]]
    rows = [[1, "Rata-rata lama sekolah", "8,5", "8,6", "101,18", "Sangat Berhasil"],
            [2, "Persentase desa mandiri", "40", "30", "75", "Berhasil"],
            [3, "Rata-rata pengeluaran per kapita", "12.000", None, None, None],
            [4, "Kepala keluarga miskin yang dibina", "200", "190", "95", "Sangat Berhasil"],
            [5, "Jumlah kelompok tani aktif", None, None, None, None],
            [None, "Catatan: angka sementara", None, None, None, None],
            [None, "Rata-rata capaian kinerja", None, None, "88,09", None],
            [None, "Predikat", None, None, "Cukup Berhasil", None],
            [None, "Sumber: Bidang Perencanaan", None, None, None, None],
            [None, "Mengetahui,", None, None, None, None],
            [None, "Kepala Dinas Sosial", None, None, None, None],
            [None, "Drs. Budi Santoso", None, None, None, None],
            [None, "NIP. 19700101 199503 1 001", None, None, None, None]]
    path = write_table(tmp_path / "rata.xlsx", header, rows)
    recs = _records(tmp_path, path)
    assert [r["indikator"] for r in recs] == [
        "Rata-rata lama sekolah", "Persentase desa mandiri", "Rata-rata pengeluaran per kapita",
        "Kepala keluarga miskin yang dibina", "Jumlah kelompok tani aktif"]
    _, rep = check_json(path)
    # the footer's predikat is checked against the footer's average: 88,09 is Sangat Berhasil
    assert sheet_findings(rep) == {("Sheet1", "E9", "predikat-mismatch")}
    # the signature may start in the No column: the name under it is not an indicator either
    rows = [[1, "Persentase desa mandiri", "40", "30", "75", "Berhasil"],
            ["Mengetahui,", None, None, None, None, None],
            [None, "Drs. Budi Santoso", None, None, None, None]]
    recs = _records(tmp_path, write_table(tmp_path / "ttd.xlsx", header, rows))
    assert [r["indikator"] for r in recs] == ["Persentase desa mandiri"]


def test_config_scales_polarity_outlier_and_bad_config(tmp_path: Path) -> None:
    rows = [[1, "S1", "Angka kesakitan", "%", "10", "8", "125", "Bagus"],
            [2, None, "Persentase sekolah terakreditasi", "%", "50", "85", "170", "Bagus"]]
    path = _pengukuran(tmp_path / "cfg.xlsx", rows)
    config = ("predikat:\n  skala:\n    - nama: kabupaten\n      label: [Bagus, Kurang]\n"
              "      batas_bawah: [80]\n"
              "outlier: 200\n"
              "polaritas:\n  rumus_negatif: rasio\n  indikator:\n    Angka kesakitan: negatif\n")
    # as written by hand, and as Notepad saves it: "ANSI" (cp1252, with an en dash Word
    # typed into a comment) or UTF-8 with a BOM
    for encoding in ("utf-8", "cp1252", "utf-8-sig"):
        (tmp_path / "sakip-xl.yaml").write_text(
            "# skala kabupaten \u2013 rapat Bappeda\n" + config, encoding=encoding)
        code, rep = check_json(path)
        assert code == 0 and sheet_findings(rep) == set()  # 10/8 = 125 (ratio); 170 < 200
    (tmp_path / "sakip-xl.yaml").write_bytes(b"outlier: 200\n# \x81\x8d\n")  # not text
    code, _out = run_cli("check", str(path))
    assert code == 2
    (tmp_path / "sakip-xl.yaml").write_text("outlier: tinggi\n")
    code, _out = run_cli("check", str(path))
    assert code == 2
    (tmp_path / "sakip-xl.yaml").write_text("predikat:\n  skala:\n    - label: [A, B]\n")
    code, _ = run_cli("check", str(path))
    assert code == 2


def test_rencana_aksi_seed_consistent_and_planted_mistakes_found(tmp_path: Path) -> None:
    from tests.samples_data import rencana_aksi, rencana_aksi_rows

    code, rep = check_json(SAMPLES / "buleleng-rencana-aksi-2020.xlsx")
    assert [(t["layout"], t["rows"]) for t in rep["files"][0]["tables"]] == [
        ("rencana_aksi", 20)]
    assert code == 0 and sheet_findings(rep) == set()
    rows = rencana_aksi_rows()
    rows[1][13] = "33.060.000"  # program 1, TW II target: the quarters no longer add up
    rows[2][15] = "120,53"  # program 1, TW III %: 20.055.660 / 19.560.000 = 102,53
    rows[0][4] = "0,73"  # indicator 1 annual target ≠ 0,00+0,00+0,32+0,31
    total = [None] * 17
    total[0], total[11] = "TOTAL", "1.889.547.850"  # Σ programs = 1.889.547.850 ✓
    total[14] = "1.500.000.000"  # Σ quarterly realisasi = 1.832.106.758
    rows.append(total)
    code, rep = check_json(rencana_aksi(tmp_path / "ra.xlsx", rows))
    assert sheet_findings(rep) == {
        ("Lampiran 2", "L7", "quarter-target-mismatch"),
        ("Lampiran 2", "P8", "capaian-mismatch"),  # 53.041.150 / 33.060.000 = 160,44
        ("Lampiran 2", "P9", "capaian-mismatch"),
        ("Lampiran 2", "E7", "quarter-target-mismatch"),
        ("Lampiran 2", "O27", "total-mismatch"),
    }


def test_amounts_in_words_and_footnote_marks_are_read_and_checked(tmp_path: Path) -> None:
    """Values typed as a letter writes them ("… (dua belas) Dokumen", "85 % (delapan puluh
    lima persen)") or with a footnote mark ("100 % *)") are read; words that disagree with the
    digits are the one finding, at their cell."""
    header = [["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi",
               "Capaian (%)"]]
    rows = [[1, "Meningkatnya layanan", "Jumlah dokumen perencanaan", "12 (dua belas) Dokumen",
             "12 Dokumen *)", "100 % (seratus persen)"],
            [2, None, "Persentase desa terlayani", "80 %", "68 % (enam puluh delapan persen)",
             "85 % *)"],
            [3, None, "Persentase PMKS tertangani", "40 %", "30 % (tiga puluh lima persen)",
             "75"]]
    path = _pengukuran(tmp_path / "terbilang.xlsx", rows, header)
    _code, rep = check_json(path)
    assert sheet_findings(rep) == {("Sheet1", "E6", "unparseable")}
    run_cli("consolidate", str(path), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"))
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        recs = [(r["satuan"], r["target"], r["realisasi"], r["capaian"], r["capaian_hitung"])
                for r in csv.DictReader(fh)]
    assert recs == [("Dokumen", "12.0", "12.0", "100.0", "100.0"),
                    ("%", "80.0", "68.0", "85.0", "85.0"),
                    ("%", "40.0", "", "75.0", "")]


EFISIENSI_HEADER = [["No", "Sasaran", "Indikator Kinerja", "Capaian Kinerja (%)", "Anggaran (Rp)",
                     "Realisasi Anggaran (Rp)", "Penyerapan Anggaran (%)", "Tingkat Efisiensi",
                     "Kategori"]]


def test_efisiensi_is_checked_against_the_formula_its_own_rows_follow(tmp_path: Path) -> None:
    """SPEC §2.3: no official formula; this table divides (1,09 = 104 % ÷ 95 %), so the row
    whose 1,10 is no ratio is flagged, and the serapan is checked against the amounts."""
    rows = [
        [1, "S1", "Persentase A", "104%", "1.000.000", "950.000", "95%", "1,09", "Efisien"],
        [2, "S2", "Persentase B", "100%", "2.000.000", "1.600.000", "80%", "1,25", "Efisien"],
        [3, "S3", "Persentase C", "90%", "1.000.000", "1.000.000", "100%", "1,10", "Efisien"],
        [4, "S4", "Persentase D", "100%", "1.000.000", "900.000", "85%", None, None],
        [5, "S5", "Persentase E", "98%", "1.000.000", "980.000", None, "1", "Efisien"],
    ]
    path = write_table(tmp_path / "efisiensi.xlsx", EFISIENSI_HEADER, rows,
                       title=("ANALISIS EFISIENSI", "Dinas Contoh Kabupaten Contoh"))
    code, rep = check_json(path, "--info")
    assert code == 1
    assert [(t["layout"], t["rows"]) for t in rep["files"][0]["tables"]] == [("efisiensi", 5)]
    found = {(f["cell"], f["code"]): (f["expected"], f["actual"])
             for f in rep["files"][0]["findings"]}
    assert found == {("H6", "efisiensi-mismatch"): (90.0, 110.0),
                     ("G7", "capaian-mismatch"): (90.0, 85.0),
                     ("G8", "computed"): (98.0, None)}
    out = tmp_path / "rekap.csv"
    assert run_cli("consolidate", str(path), "-o", str(tmp_path / "rekap.xlsx"),
                   "--data", str(out))[0] == 0
    recs = {r["row"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert {k: recs["6"][k] for k in ("capaian", "serapan", "efisiensi", "kategori",
                                      "efisiensi_hitung", "rasio_hitung", "selisih_hitung",
                                      "tidak_terserap_hitung")} == {
        "capaian": "90.0", "serapan": "100.0", "efisiensi": "110.0",
        "kategori": "Efisien", "efisiensi_hitung": "90.0", "rasio_hitung": "90.0",
        "selisih_hitung": "-10.0", "tidak_terserap_hitung": "0.0"}
    assert (recs["7"]["serapan"], recs["7"]["serapan_hitung"]) == ("85.0", "90.0")
    assert (recs["8"]["serapan"], recs["8"]["serapan_hitung"]) == ("", "98.0")


@pytest.mark.parametrize("stated", [
    [("104%", "95%", "1,09"), ("100%", "80%", "20")],  # a ratio, then a difference
    [("104%", "95%", "5"), ("100%", "80%", "7")],  # neither row follows any formula
    # one row of three divides: one row settles no formula
    [("104%", "95%", "1,09"), ("100%", "80%", "7"), ("100%", "90%", "3")],
    # two rows divide, two subtract: as often, so the table follows no one formula
    [("104%", "95%", "1,09"), ("100%", "80%", "1,25"), ("104%", "95%", "9"),
     ("100%", "80%", "20")],
])
def test_efisiensi_of_no_one_formula_is_not_checked(tmp_path: Path, stated: list) -> None:
    rows = [[i, f"S{i}", "Persentase", cap, None, None, ser, eff, None]
            for i, (cap, ser, eff) in enumerate(stated, 1)]
    path = write_table(tmp_path / "efisiensi.xlsx", EFISIENSI_HEADER, rows)
    code, rep = check_json(path, "--info")
    assert (code, rep["files"][0]["findings"]) == (0, [])
    assert rep["files"][0]["tables"][0]["layout"] == "efisiensi"


def test_formulas_that_agree_on_every_row_are_one(tmp_path: Path) -> None:
    """With every capaian at 100 %, capaian − serapan is 100 − serapan: the two rows that follow
    it settle the formula, and the third is off by it."""
    rows = [[1, "S1", "Persentase", "100%", None, None, "95%", "5%", None],
            [2, "S2", "Persentase", "100%", None, None, "80%", "20%", None],
            [3, "S3", "Persentase", "100%", None, None, "90%", "1%", None]]
    code, rep = check_json(write_table(tmp_path / "efisiensi.xlsx", EFISIENSI_HEADER, rows))
    assert code == 0
    assert [(f["cell"], f["code"], f["expected"], f["actual"])
            for f in rep["files"][0]["findings"]] == [("H4", "efisiensi-mismatch", 10.0, 1.0)]


@pytest.mark.parametrize(("header", "merges"), [
    # a group "Capaian (%)" over "Kinerja" | "Keuangan"
    ([["No", "Sasaran Strategis", "Indikator Kinerja", "Capaian (%)", "",
       "Tingkat Efisiensi (%)", "Keterangan"],
      ["", "", "", "Kinerja", "Keuangan", "", ""]],
     [(0, 3, 0, 4), (0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 5, 1, 5), (0, 6, 1, 6)]),
    # "Persentase …" headers, and no header word but "Efisiensi" itself to start the row
    ([["No", "Sasaran", "Indikator", "Persentase Capaian Kinerja",
       "Persentase Serapan Anggaran", "Efisiensi", "Ket"]], []),
    # "% Capaian Keuangan" is the serapan; "Pencapaian" is a capaian (sesi 21: both tables
    # were not found)
    ([["No", "Sasaran", "Indikator Kinerja", "% Capaian Kinerja", "% Capaian Keuangan",
       "% Efisiensi", "Keterangan"]], []),
    ([["No", "Sasaran", "Indikator Kinerja", "Persentase Pencapaian Kinerja",
       "Serapan Anggaran (%)", "Tingkat Efisiensi", "Keterangan"]], []),
])
def test_efisiensi_header_forms(tmp_path: Path, header: list, merges: list) -> None:
    rows = [[1, "S1", "Persentase A", 104, 95, "9,00", "Efisien"],
            [2, "S2", "Persentase B", 100, 80, "20,00", "Efisien"],
            [3, "S3", "Persentase C", 90, 100, "-5,00", "Tidak Efisien"]]
    path = write_table(tmp_path / "efisiensi.xlsx", header, rows, merges=merges,
                       title=("Efisiensi Penggunaan Sumber Daya",))
    _, rep = check_json(path)
    assert [t["layout"] for t in rep["files"][0]["tables"]] == ["efisiensi"]
    first = rep["files"][0]["tables"][0]["first_data_row"]
    assert [(f["cell"], f["code"], f["expected"], f["actual"])
            for f in rep["files"][0]["findings"]] == [
        (f"F{first + 2}", "efisiensi-mismatch", -10.0, -5.0)]


def test_a_penyerapan_column_is_the_percentage_of_a_budget_table(tmp_path: Path) -> None:
    """"Penyerapan" holds no "serapan" as a word (pe-nyerapan): it was not found, and a wrong %
    went unchecked."""
    header = [["No", "Program", "Anggaran", "Realisasi", "Penyerapan Anggaran (%)"]]
    rows = [[1, "Program Pelayanan Administrasi", "1.000.000", "900.000", "95%"]]
    code, rep = check_json(write_table(tmp_path / "anggaran.xlsx", header, rows))
    assert code == 1 and rep["files"][0]["tables"][0]["layout"] == "anggaran"
    assert sheet_findings(rep) == {("Sheet1", "E2", "capaian-mismatch")}


def test_header_synonyms_from_the_configuration_name_columns(tmp_path: Path) -> None:
    """A pemda's own wording (SPEC §6): without the synonyms no table is found; with them the
    table is a pengukuran and its capaian is checked. Only "Capaian (%)" is a standard
    header, so the synonyms also tell where the header starts (two roles named)."""
    header = [["Ukuran Keberhasilan", "Angka Rencana", "Angka Capai", "Capaian (%)"]]
    rows = [["Persentase layanan tepat waktu", "80%", "60%", "80%"]]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = write_table(inbox / "pengukuran.xlsx", header, rows)
    code, rep = check_json(path)
    assert code == 2 and rep["files"][0]["tables"] == []
    (inbox / "sakip-xl.yaml").write_text(
        'sinonim:\n  pengukuran:\n    "Ukuran Keberhasilan": indikator\n'
        '    "Angka Rencana": target\n    "Angka Capai": realisasi\n', encoding="utf-8")
    code, rep = check_json(inbox)
    assert code == 1
    assert [t["layout"] for t in rep["files"][0]["tables"]] == ["pengukuran"]
    assert sheet_findings(rep) == {("Sheet1", "D2", "capaian-mismatch")}
    assert rep["files"][0]["findings"][0]["expected"] == 75.0
