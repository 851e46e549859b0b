"""Header forms found in a mixed inbox (bench/mixed.py found each of these failing): quarters
as four groups of their own, one flat header row with "(K)" / "(Rp)", a "(juta)" money header
over a capaian column, and capaian written as a bare fraction that does not agree."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.builders import write_table
from tests.conftest import check_json, findings, run_cli

ROWS = [
    [1, "1.06.02", "PROGRAM PERLINDUNGAN SOSIAL", "Persentase PMKS tertangani", "%", 80,
     1_000_000, 20, 100_000, 40, 200_000, 60, 300_000, 80, 400_000, 80, 1_000_000, 100, 100],
    [2, "1.06.02.2.01.0001", "Penyediaan Permakanan", "Jumlah penerima permakanan", "Orang",
     10, 1_000_000, 2, 100_000, 3, 200_000, 3, 300_000, 2, 400_000, 10, 1_000_000, 100, 100],
]
QUARTERS = ("I", "II", "III", "IV")


def _records(tmp_path: Path, path: Path) -> dict[int, dict[str, str]]:
    data = tmp_path / "data.csv"
    code, _ = run_cli("consolidate", str(path), "-o", str(tmp_path / "rekap.xlsx"), "--data",
                      str(data), "--jobs", "1")
    assert code == 0
    with open(data, encoding="utf-8") as fh:
        return {int(r["row"]): r for r in csv.DictReader(fh)}


def _quarters_top(money: str = "Rp", capaian_money: str = "Rp") -> tuple[list, list]:
    """"Triwulan I" … "Triwulan IV" each over K / Rp, merged down over an empty row."""
    top = ["No", "Kode", "Program/Kegiatan", "Indikator Kinerja", "Satuan",
           "Target Kinerja dan Anggaran Renja Tahun Berjalan yang Dievaluasi", ""]
    for q in QUARTERS:
        top += [f"Triwulan {q}", ""]
    top += ["Realisasi Capaian Kinerja dan Anggaran Renja yang Dievaluasi", "",
            "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja yang Dievaluasi (%)", ""]
    mid = [""] * len(top)
    sub = [""] * 5 + ["K", money] * 5 + ["K", money] + ["K", capaian_money]
    merges = [(0, c, 1, c + 1) for c in range(5, len(top), 2)]
    merges += [(0, c, 2, c) for c in range(5)]
    return [top, mid, sub], merges


def _flat() -> list[list[str]]:
    head = ["No", "Kode", "Program/Kegiatan", "Indikator Kinerja", "Satuan",
            "Target Renja Tahun Berjalan (K)", "Target Renja Tahun Berjalan (Rp)"]
    for q in QUARTERS:
        head += [f"TW {q} (K)", f"TW {q} (Rp)"]
    head += ["Realisasi Renja yang Dievaluasi (K)", "Realisasi Renja yang Dievaluasi (Rp)",
             "Tingkat Capaian Renja (K)", "Tingkat Capaian Renja (Rp)"]
    return [head]


def _clean_sub_kegiatan(tmp_path: Path, form: str, header: list, merges: list
                        ) -> dict[str, str]:
    """ROWS under this header: one T-C.29 without findings; the sub kegiatan's record."""
    path = write_table(tmp_path / f"{form}.xlsx", header, ROWS, merges=merges,
                       title=("TABEL T-C.29", "Dinas Sosial Kabupaten Contoh"))
    _code, report = check_json(path)
    assert [t["layout"] for t in report["files"][0]["tables"]] == ["tc29"]
    assert findings(report) == set()
    return _records(tmp_path, path)[len(header) + 4]


@pytest.mark.parametrize("form", ["quarters_top", "flat"])
def test_quarter_groups_of_their_own_and_flat_headers(tmp_path: Path, form: str) -> None:
    header, merges = _quarters_top() if form == "quarters_top" else (_flat(), [])
    rec = _clean_sub_kegiatan(tmp_path, form, header, merges)
    assert (rec["tw1_k"], rec["tw4_rp"], rec["realisasi_rp"], rec["capaian_k"],
            rec["satuan"]) == ("2.0", "400000.0", "1000000.0", "100.0", "Orang")


def _short(target: str, quarter: str, realisasi: str, capaian: str, k: str, rp: str
           ) -> list[list[str]]:
    head = ["No", "Kode", "Program/Kegiatan", "Indikator Kinerja", "Satuan",
            f"{target} ({k})", f"{target} ({rp})"]
    for n, q in enumerate(QUARTERS, 1):
        head += [f"{quarter.format(r=q, n=n)} ({k})", f"{quarter.format(r=q, n=n)} ({rp})"]
    head += [f"{realisasi} ({k})", f"{realisasi} ({rp})", f"{capaian} ({k})",
             f"{capaian} ({rp})"]
    return [head]


def _numbered_quarters(typed: bool = False) -> tuple[list, list]:
    """"Realisasi Kinerja pada Triwulan" over 1 | 2 | 3 | 4, each over K / Rp; ``typed``:
    the numbers as Excel keeps them when typed (numbers, not text)."""
    header, merges = _quarters_top()
    top, mid, _sub = header
    for c in range(7, 15):
        top[c] = ""
    top[7] = "Realisasi Kinerja pada Triwulan"
    for n in range(4):
        mid[7 + 2 * n] = n + 1 if typed else str(n + 1)
    merges = [m for m in merges if not 7 <= m[1] < 15]
    merges += [(0, 7, 0, 14)] + [(1, c, 1, c + 1) for c in range(7, 15, 2)]
    return header, merges


@pytest.mark.parametrize("form", ["renja", "rkpd", "tahun-berjalan", "numbered-quarters",
                                  "numbered-quarters-typed"])
def test_short_header_wordings(tmp_path: Path, form: str) -> None:
    """Wordings shorter than the form's, each a whole table lost before (an independent
    generator found them): "Realisasi Renja", "Capaian RKPD (%)", "Realisasi TW I",
    "Triwulan Ke-1", "Trw 1", "Realisasi Tahun Berjalan", and the quarters numbered 1–4 under
    their group, which was taken for the column-number row (typed as numbers, the table was
    read as an annual T-C.29 whose first data row was the quarters' 1 | 2 | 3 | 4)."""
    merges: list = []
    if form == "renja":
        header = _short("Target Renja", "Realisasi TW {r}", "Realisasi Renja",
                        "Capaian Renja (%)", "K", "Rp")
    elif form == "rkpd":
        header = _short("Target RKPD", "Triwulan Ke-{n}", "Realisasi RKPD", "Capaian RKPD (%)",
                        "Kinerja", "Anggaran")
    elif form == "tahun-berjalan":
        header = _short("Target Tahun Berjalan", "Trw {n}", "Realisasi Tahun Berjalan",
                        "Capaian", "Fisik", "Keuangan")
    else:
        header, merges = _numbered_quarters(typed=form.endswith("typed"))
    rec = _clean_sub_kegiatan(tmp_path, form, header, merges)
    assert (rec["target_k"], rec["tw1_k"], rec["tw4_rp"], rec["realisasi_rp"], rec["capaian_k"],
            rec["capaian_rp"]) == ("10.0", "2.0", "400000.0", "1000000.0", "100.0", "100.0")


def test_a_split_kode_with_level_names_under_it_is_the_kode(tmp_path: Path) -> None:
    """"Kode" over four columns labelled Urusan | Program | Kegiatan | Sub Kegiatan: the
    labels name the kode's parts, not the uraian column (an independent generator found the
    kode lost and its first part taken for the uraian)."""
    header, merges = _quarters_top()
    parts = ("Urusan", "Program", "Kegiatan", "Sub Kegiatan")
    for row, cells in zip(header, (("Kode", "", "", ""), ("", "", "", ""), parts), strict=True):
        row[1:2] = list(cells)
    merges = [(r0, c0 + 3 if c0 > 1 else c0, r1, c1 + 3 if c1 > 1 else c1)
              for r0, c0, r1, c1 in merges if c0 != 1] + [(0, 1, 1, 4)]
    rows = [[*row[:1], *pieces, *row[2:]] for row, pieces in
            zip(ROWS, (("1.06", "02", "", ""), ("1.06", "02", "2.01", "0001")), strict=True)]
    path = write_table(tmp_path / "split.xlsx", header, rows, merges=merges,
                       title=("TABEL T-C.29", "Dinas Sosial Kabupaten Contoh"))
    _code, report = check_json(path)
    assert findings(report) == set()
    records = _records(tmp_path, path)
    program, sub = records[len(header) + 3], records[len(header) + 4]
    assert (program["kode"], program["level"], program["uraian"]) == (
        "1.06.02", "program", "PROGRAM PERLINDUNGAN SOSIAL")
    assert (sub["kode"], sub["level"], sub["uraian"], sub["tw4_rp"]) == (
        "1.06.02.2.01.0001", "subkegiatan", "Penyediaan Permakanan", "400000.0")


def test_the_annual_tc29_without_quarters_is_a_renja_evaluation(tmp_path: Path) -> None:
    """The Renja's own T-C.29 (SPEC §2.1: annual, no quarters): Kode, Program/Kegiatan,
    Indikator, then target, realisasi and capaian as K / Rp. A Renja evaluation, checked and
    recorded as one; read as a pengukuran before, its Rp columns were lost."""
    head = _flat()[0]
    cols = [c for c, text in enumerate(head) if not text.startswith("TW ")]
    rows = [[r[c] for c in cols] for r in ROWS]
    rows[1][cols.index(head.index("Tingkat Capaian Renja (K)"))] = 90  # planted: 10 / 10
    path = write_table(tmp_path / "tahunan.xlsx", [[head[c] for c in cols]], rows,
                       title=("TABEL T-C.29", "Dinas Sosial Kabupaten Contoh"))
    _code, report = check_json(path)
    assert [t["layout"] for t in report["files"][0]["tables"]] == ["tc29"]
    assert findings(report) == {("J5", "capaian-mismatch")}
    rec = _records(tmp_path, path)[5]
    assert (rec["layout"], rec["level"], rec["target_k"], rec["target_rp"], rec["realisasi_rp"],
            rec["capaian_rp"]) == ("tc29", "subkegiatan", "10.0", "1000000.0", "1000000.0",
                                   "100.0")


def test_the_annual_tc29_of_renja_bab_ii(tmp_path: Path) -> None:
    """SPEC §2.3's annual T-C.29 (Permendagri 54/2010): 8 = 7 / 6, 10 = 5 + 7 + 9, 11 = 10 / 4,
    no quarters, no Rp. Its own layout, not a pengukuran (which took column 10 for the capaian
    and flagged both rows); "Tingkat Realisasi (%)" is the capaian, not a % sub-column."""
    top = ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
           "Indikator Kinerja Program (outcome)/Kegiatan (output)",
           "Target Capaian Kinerja Renstra SKPD Tahun 2026",
           "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s.d. dengan tahun 2022",
           "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (2023)", "", "",
           "Target program dan kegiatan (Renja SKPD tahun 2024)",
           "Perkiraan Realisasi Capaian Target Renstra SKPD s.d. tahun berjalan",
           "Tingkat Capaian Realisasi Target Renstra (%)"]
    sub = ["", "", "", "", "", "Target Renja SKPD tahun 2023", "Realisasi Renja SKPD tahun 2023",
           "Tingkat Realisasi (%)", "", "", ""]
    numbers = ["1", "2", "3", "4", "5", "6", "7", "8 = 7/6", "9", "10 = 5+7+9", "11 = 10/4"]
    merges = [(0, 5, 0, 7)] + [(0, c, 1, c) for c in (0, 1, 2, 3, 4, 8, 9, 10)]
    rows = [["1.06.02", "Program Perlindungan Sosial", "Persentase PMKS tertangani", 100, 40, 20,
             18, 90, 20, 78, 78],
            ["1.06.02.2.01", "Kegiatan Bantuan Sosial", "Jumlah penerima", 500, 200, 100, 95, 95,
             100, 395, 80]]  # planted: 395 / 500 is 79
    path = write_table(tmp_path / "bab2.xlsx", [top, sub, numbers], rows, merges=merges,
                       title=("Tabel T-C.29", "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja "
                              "Dinas Sosial s.d. Tahun 2024"))
    _code, report = check_json(path)
    assert [t["layout"] for t in report["files"][0]["tables"]] == ["renja_tahunan"]
    assert findings(report) == {("K7", "capaian-mismatch")}
    recs = _records(tmp_path, path)
    assert (recs[6]["opd"], recs[6]["capaian_k"], recs[6]["target_berjalan_k"],
            recs[6]["realisasi_renstra_k"], recs[7]["capaian_renstra_k_hitung"],
            recs[7]["level"]) == ("Dinas Sosial", "90.0", "20.0", "78.0", "79.0", "kegiatan")


def test_a_percent_sub_column_in_a_flat_header_is_not_the_satuan(tmp_path: Path) -> None:
    head = _flat()[0]
    cols = [c for c in range(len(head)) if head[c] != "Satuan"]
    at = head.index("TW I (Rp)") + 1
    head = [head[c] for c in cols]
    head.insert(at, "TW I (%)")
    rows = [[r[c] for c in cols] for r in ROWS]
    for r in rows:
        r.insert(at, 0.25)
    path = write_table(tmp_path / "pct.xlsx", [head], rows, title=("TABEL T-C.29",))
    rec = _records(tmp_path, path)[4]
    assert rec["satuan"] == "" and rec["tw1_rp"] == "100000.0" and rec["tw2_k"] == "3.0"


def test_a_money_scale_over_a_capaian_column_does_not_scale_the_percentage(
        tmp_path: Path) -> None:
    header, merges = _quarters_top(money="Rp (juta)", capaian_money="Rp (juta)")
    rows = [[v / 1_000_000 if c in (6, 8, 10, 12, 14, 16) else v for c, v in enumerate(r)]
            for r in ROWS]
    path = write_table(tmp_path / "juta.xlsx", header, rows, merges=merges,
                       title=("TABEL T-C.29",))
    _code, report = check_json(path)
    assert findings(report) == set()
    rec = _records(tmp_path, path)[6]
    assert (rec["target_rp"], rec["realisasi_rp"], rec["capaian_rp"]) == (
        "1000000.0", "1000000.0", "100.0")


def test_a_wrong_capaian_written_as_a_fraction_is_read_in_percent_points(
        tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][17] = 0.765  # 76.5 % typed as a fraction; 10 / 10 × 100 = 100
    header, merges = _quarters_top()
    path = write_table(tmp_path / "frac.xlsx", header, rows, merges=merges)
    _code, report = check_json(path)
    (mismatch,) = report["files"][0]["findings"]
    assert (mismatch["cell"], mismatch["code"], mismatch["expected"], mismatch["actual"]) == (
        "R5", "capaian-mismatch", 100, 76.5)
    assert _records(tmp_path, path)[5]["capaian_k"] == "76.5"


def test_a_negative_indicator_with_a_fraction_capaian_keeps_its_predikat(
        tmp_path: Path) -> None:
    header = [["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
               "Capaian", "Predikat"]]
    # (2 × 1585 − 1281) / 1585 = 119.18 %, written as 1.1918; no polaritas column
    rows = [[1, "Menurunnya kekerasan", "Jumlah kasus kekerasan terhadap anak", "Kasus", 1585,
             1281, 1.1918, "Sangat Berhasil"]]
    path = write_table(tmp_path / "pk.xlsx", header, rows, title=("PENGUKURAN KINERJA",))
    _code, report = check_json(path)
    assert findings(report) == set()
    assert float(_records(tmp_path, path)[3]["capaian"]) == pytest.approx(119.18)


@pytest.mark.parametrize(("label", "footer"), [
    ("Rata-rata capaian kinerja", True), ("RATA - RATA", True), ("Predikat kinerja", True),
    ("Faktor pendorong keberhasilan", True), ("Tindak lanjut", True),
    ("Kepala Dinas Kesehatan", True), ("NIP. 19700101 199003 1 001", True),
    ("Halaman 2", True), ("* angka sementara", True), ("Sumber: Bappeda", True),
    ("Mengetahui,", True), ("Disusun oleh", True), ("Prepared by: Bappeda", True),
    ("Faktor Penghambat", True), ("Nilai predikat", True), ("Faktor lain", False),
    # the start-only words inside a name are data: a program about kepala desa is a program
    ("Pembinaan Kepala Desa", False), ("Program Penunjang Urusan Pemerintahan", False),
    ("Persentase dokumen yang disusun tepat waktu", False), ("Jumlah", False),
])
def test_footer_rows_are_told_from_data_rows_by_their_label(label: str, footer: bool) -> None:
    from sakip_xl.rows import _FOOTER_WORDS, FOOTER_PATTERNS, is_footer

    assert is_footer(label) is footer
    # a label is searched with the patterns that match anywhere only when it holds one of
    # their words: each such pattern must hold one
    for pattern in FOOTER_PATTERNS:
        assert pattern.startswith("^") or any(w in pattern for w in _FOOTER_WORDS), pattern


def test_the_header_gate_is_a_text_starting_like_a_header_or_naming_a_triwulan() -> None:
    """`locate` tries a row as a header only when two texts or more hold one starting like a
    header word (spaces and case aside) or naming a triwulan; one regex serves the whole row."""
    from hypothesis import given
    from hypothesis import strategies as st

    from sakip_xl.locate import _HEADER_PREFIXES, _maybe_header

    words = st.sampled_from(["Target", " realisasi", "\nCapaian", "Uraian", "x target", "NO",
                             "Tingkat Capaian", "Pelaksanaan Triwulan", "pagu", "Rp. 1.000",
                             "", "Indikator\nKinerja", "Jumlah\ntarget", "kode", "TARGET"])
    cells = st.lists(st.one_of(words, st.floats(allow_nan=False), st.none()), max_size=8)

    def reference(row: list) -> bool:
        texts = [c for c in row if type(c) is str and c]
        return len(texts) >= 2 and any(
            t.lstrip().lower().startswith(_HEADER_PREFIXES) or "triwulan" in t.lower()
            for t in texts)

    @given(cells)
    def same(row: list) -> None:
        assert _maybe_header(row) == reference(row)

    same()


def test_the_column_number_row_test_reads_cells_as_the_plain_rule_does() -> None:
    """`_is_number_row` (compiled, typed per cell, the pattern tried only on texts that start
    like a column number) says what the plain rule says: four in five filled cells column
    numbers 1–99, left to right, at most two columns ahead; a first cell of text or amount
    rejects the row."""
    import re

    from hypothesis import example, given
    from hypothesis import strategies as st

    from sakip_xl.locate import _NUMBER_SKIP, _is_number_row

    note = re.compile(r"^\(?(\d{1,2})\)?(\s*=\s*[\d\s+\-*/x×().%]+)?$")
    texts = st.sampled_from(["1", "2", " 3 ", "(4)", "13 = 9+10+11+12", "14=7X13", "١", "٣",
                             "１", "0", "100", "1.02.01", "Program", "", "  ", "Rp. 1.000",
                             "(5", "7)", "\u00a08", "x", "3 Dokumen"])
    numbers = st.one_of(st.integers(-5, 120), st.sampled_from([1.0, 2.0, 3.0, 4.5, 0.0, 99.0,
                                                               100.0, 1e6, float("nan")]))
    cells = st.lists(st.one_of(texts, numbers, st.none(), st.booleans()), max_size=9)
    # rows that are (nearly) column-number rows: a rising run written as ints, floats or
    # texts, now and then a cell of another kind
    forms = (lambda n: n, float, str, lambda n: f"({n})", lambda n: f" {n} = 1+2",
             lambda n: n + 0.5, lambda n: None, lambda n: "Program", lambda n: 0)
    numbered = st.lists(st.tuples(st.integers(0, 3), st.integers(0, len(forms) - 1),
                                  st.integers(0, 9)), min_size=3, max_size=9).map(
        lambda steps: [forms[form if odd < 7 else 0](sum(s[0] for s in steps[:i + 1]))
                       for i, (_step, form, odd) in enumerate(steps)])

    def reference(row: list) -> bool:
        filled = ok = 0
        last = None
        last_col = 0
        for col, c in enumerate(row):
            if c == "" or c is None:
                continue
            kind = type(c)
            number = None
            if kind is str:
                m = note.match(c.strip().lower())
                if m is not None:
                    number = int(m.group(1))
            elif (kind is int or (kind is float and c.is_integer())) and 0 < c < 100:
                number = int(c)
            if not filled and number is None and kind in (str, float):
                return False
            filled += 1
            if number is not None:
                if last is not None and not (last <= number <= last + col - last_col
                                             + _NUMBER_SKIP):
                    return False
                last, last_col = number, col
                ok += 1
            elif filled - ok > 0.2 * len(row):
                return False
        return filled >= 3 and ok >= 0.8 * filled

    @given(st.one_of(cells, numbered))
    @example([1, 2, 3, 4])
    @example(["(1)", "(2)", "(3)"])
    @example([1.0, 2.0, 2.5, 3.0])
    @example([0, 1, 2])
    @example([98.0, 99.0, 100.0])
    @example(["0", "9", "10"])
    @example(["3", 3, 4])
    @example(["1", "2", "3", "(4)", "5"])
    @example(["١", "٢", "٣"])
    @example(["0", "1", "2"])
    @example([1.0, 2.0, "3 = 1+2"])
    @example([1, "Program", 3, 4, 5, 6])
    @example([True, 1, 2, 3])
    def same(row: list) -> None:
        assert _is_number_row(row) == reference(row)

    same()


def test_header_roles_are_remembered_per_layout_and_forgotten_on_request() -> None:
    """`locate` remembers which role a header text names, per layout (at most 16384 texts a
    layout, emptied when full); pipeline.clear_caches forgets them."""
    from sakip_xl import locate
    from sakip_xl.pipeline import clear_caches

    (memo,) = locate.MEMOS
    clear_caches()
    assert not memo
    role = locate._role_of("tc29", "indikator kinerja")
    assert role is not None and role.name == "indikator"
    assert locate._role_of("tc29", "indikator kinerja") is role
    assert locate._role_of("tc29", "bukan judul kolom") is None
    assert locate._role_of("tc29", "bukan judul kolom") is None
    assert set(memo) == {"tc29"} and len(memo["tc29"]) == 2
    for i in range(locate._ROLE_MEMO_SIZE + 10):
        locate._role_of("pengukuran", f"kolom {i}")
        assert 0 < len(memo["pengukuran"]) <= locate._ROLE_MEMO_SIZE
    clear_caches()
    assert not memo
