"""`consolidate`: the rekap's sheets and charts, text never a formula, canonical records,
parallel and Dask runs identical to one process."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sakip_xl.consolidate import fields_for
from tests.builders import write_table, write_tc29
from tests.conftest import ROOT, check_json, run_cli
from tests.samples_data import clean_rows

SAMPLES = ROOT / "samples"


def _folder(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for p in SAMPLES.glob("*.xlsx"):
        shutil.copy(p, inbox / p.name)
    rows = clean_rows()
    rows[3]["uraian"] = "=HYPERLINK(\"http://x\",\"klik\")"
    rows[4]["uraian"] = "+62 812 Penyediaan"
    rows[6]["indikator"] = "@SUM(A1:A2) Persentase lansia"
    rows[1]["indikator"] = "-Jumlah panti yang dibina"
    write_tc29(inbox / "formula-like.xlsx", rows,
               title=("TABEL T-C.29", "Dinas Kesehatan Kabupaten Contoh", "Tahun 2023"))
    (inbox / "rusak.xlsx").write_bytes(b"PK\x03\x04rusak")
    return inbox


def test_rekap_sheets_charts_and_text_never_formula(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    inbox = _folder(tmp_path)
    out = tmp_path / "rekap.xlsx"
    code, _ = run_cli("consolidate", str(inbox), "-o", str(out), "--data",
                      str(tmp_path / "rekap.csv"), "--jobs", "2")
    assert code == 0
    # the bad file is in the rekap, and the console says so too
    assert capsys.readouterr().err == ("1 file tidak dapat dibaca; tercantum di Ringkasan dan "
                                       "Temuan dengan sebabnya: rusak.xlsx\n")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "Evaluasi Renja T-C.29 - E.81",
                             "Renja Tahunan T-C.29 Bab II", "Pengukuran Kinerja LKjIP",
                             "Realisasi Anggaran LKjIP", "Rencana Aksi per Triwulan LKjIP",
                             "Efisiensi Sumber Daya LKjIP", "Temuan", "Data grafik",
                             "Grafik capaian", "Grafik serapan"]
    # a layout no input has (the annual T-C.29 here) is hidden; the others show
    assert [ws.title for ws in wb.worksheets if ws.sheet_state != "visible"] == [
        "Renja Tahunan T-C.29 Bab II"]
    ring = list(wb["Ringkasan"].iter_rows(min_row=4, values_only=True))
    opds = [r[1] for r in ring if r[0] is not None]
    assert "Dinas Kesehatan Kabupaten Contoh" in opds and "rusak" in opds
    bad = next(r for r in ring if r[1] == "rusak")
    assert "rusak" in bad[4]  # the file-level message, as the status
    # the status of each table, not of its file: Bengkalis' pengukuran is clean while its
    # anggaran per program has a wrong total
    bengkalis = [(r[3], r[4], r[11]) for r in ring if r[2] == "bengkalis-lkjip-2020.xlsx"]
    assert sorted(bengkalis) == [("Efisiensi Sumber Daya (LKjIP)", "OK", 0),
                                 ("Pengukuran Kinerja (LKjIP)", "OK", 0),
                                 ("Realisasi Anggaran (LKjIP)", "Ada kesalahan", 1),
                                 ("Realisasi Anggaran (LKjIP)", "OK", 0)]
    clean = next(r for r in ring if r[2] == "contoh-bersih-tc29.xlsx")
    assert clean[6:10] == (510000000, 485000000, pytest.approx(95.098, abs=1e-3),
                           pytest.approx(99.5))
    # a JUMLAH row per layout (a T-C.29's pagu and a realisasi anggaran's are the same money
    # told twice): numbers, each what Excel's SUM / AVERAGE of the layout's rows gives; then
    # one JUMLAH of the counts of all
    table = [r for r in ring if r[0] is not None]
    layouts = sorted({r[3] for r in table if r[3]})
    assert len(layouts) == 5
    for layout in layouts:
        rows = [r for r in table if r[3] == layout]
        total = next(r for r in ring if r[1] == f"JUMLAH {layout}")
        pagu = sum(r[6] for r in rows if r[6] is not None) if any(
            r[6] is not None for r in rows) else None
        real = sum(r[7] for r in rows if r[7] is not None) if any(
            r[7] is not None for r in rows) else None
        capaian = [r[9] for r in rows if r[9] is not None]
        assert total[5:8] == (sum(r[5] or 0 for r in rows), pagu, real)
        assert total[8:10] == (pytest.approx(real / pagu * 100) if pagu and real else None,
                               pytest.approx(sum(capaian) / len(capaian)) if capaian else None)
        assert total[11:13] == (sum(r[11] or 0 for r in rows), sum(r[12] or 0 for r in rows))
    tc29 = next(r for r in ring if r[1] == "JUMLAH Evaluasi Renja (T-C.29 / E.81)")
    assert tc29[6] > 0 and tc29[8] is not None  # the Renja's pagu and % serapan
    total = next(r for r in ring if r[1] == "JUMLAH")
    assert total[5:13] == (sum(r[5] or 0 for r in table), None, None, None, None, None,
                           sum(r[11] or 0 for r in table), sum(r[12] or 0 for r in table))
    with zipfile.ZipFile(out) as zf:
        # no formula at all: none from the inputs' text, and the totals are values
        assert not any(b"<f>" in zf.read(n) or b"<f " in zf.read(n)
                       for n in zf.namelist() if n.startswith("xl/worksheets"))
        assert any(n.startswith("xl/charts/chart") for n in zf.namelist())
    rows = list(wb["Evaluasi Renja T-C.29 - E.81"].iter_rows(values_only=True))
    texts = {v for r in rows for v in r if isinstance(v, str)}
    assert '=HYPERLINK("http://x","klik")' in texts and "+62 812 Penyediaan" in texts
    # the bars: only tables with the measure, one OPD's tables told apart by their name
    bars = list(wb["Data grafik"].iter_rows(min_row=2, values_only=True))
    capaian = [(label, v) for label, v, *_ in bars if label is not None]
    serapan = [(label, v) for *_, label, v in bars if label is not None]
    assert ("Dinas Sosial Kabupaten Bengkalis · Pengukuran Kinerja",
            pytest.approx(102.64, abs=0.01)) in capaian
    assert ("Dinas Sosial Kabupaten Bengkalis · Evaluasi Renja",
            pytest.approx(115.59, abs=0.01)) in capaian
    assert "Dinas Sosial Kabupaten Bengkalis · Pengukuran Kinerja" not in dict(serapan)
    # an efisiensi table analyses the capaian and budget of other tables: no bar of its own
    assert not [label for label, _v in capaian + serapan if "Efisiensi" in label]
    for block in (capaian, serapan):
        assert all(isinstance(v, float | int) for _label, v in block)
        assert len({label for label, _v in block}) == len(block)
    temuan = list(wb["Temuan"].iter_rows(min_row=2, values_only=True))
    assert any(r[1] == "rusak.xlsx" and r[4] == "file-error" for r in temuan)


def test_two_tables_on_one_sheet_count_their_own_findings(tmp_path: Path) -> None:
    """A pengukuran table and, below it on the same sheet, a realisasi anggaran whose
    percentage is wrong: Ringkasan gives the error to the anggaran table only."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    header = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
              "Capaian (%)"]
    pengukuran = [[1, "Meningkatnya layanan", "Persentase desa terlayani", "%", 80, 60, 75],
                  [2, "", "Jumlah dokumen", "Dokumen", 10, 10, 100]]
    anggaran = [["Realisasi Anggaran"],
                ["No", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "%"],
                [1, "Program Penunjang Urusan", 1000000, 900000, 95],  # 90 %
                [2, "Program Pendidikan", 2000000, 2000000, 100]]
    write_table(inbox / "dua-tabel.xlsx", [header], [*pengukuran, [], *anggaran],
                title=("PENGUKURAN KINERJA", "Dinas Pendidikan Kabupaten Contoh"))
    out = tmp_path / "rekap.xlsx"
    code, _ = run_cli("consolidate", str(inbox), "-o", str(out))
    assert code == 0
    ring = list(openpyxl.load_workbook(out)["Ringkasan"].iter_rows(min_row=4, values_only=True))
    tables = sorted((r[3], r[4], r[11]) for r in ring if r[2] == "dua-tabel.xlsx")
    assert tables == [("Pengukuran Kinerja (LKjIP)", "OK", 0),
                      ("Realisasi Anggaran (LKjIP)", "Ada kesalahan", 1)]


def test_an_opd_name_typed_in_capitals_is_written_as_a_name(tmp_path: Path) -> None:
    """Title rows are often typed in capitals; Ringkasan and the records write the OPD as a
    name (small words lower case, acronyms kept), so the same OPD typed either way reads
    the same. A name typed with lower case letters is kept as typed."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    header = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
              "Capaian (%)"]
    rows = [[1, "Meningkatnya layanan", "Persentase UMKM terbina", "%", 80, 60, 75]]
    titles = {"kapital": "PENGUKURAN KINERJA DINAS KOPERASI, USAHA KECIL DAN MENENGAH TAHUN 2025",
              "rsud": "Perangkat Daerah : RSUD DR. SOEKARDJO",
              "uptd": "PENGUKURAN KINERJA UPTD PUSKESMAS WILAYAH IV TAHUN 2025",
              "biasa": "Pengukuran Kinerja Dinas Koperasi dan UKM Tahun 2025",
              "tahun": "PENGUKURAN KINERJA RSUD BENGKALIS 2025",  # a year without "Tahun"
              "ta": "EVALUASI DINAS SOSIAL KABUPATEN BENGKALIS TA. 2025",
              "tw": "Capaian Kinerja Dinas Perhubungan (Triwulan IV)",
              "per": "Dinas Pertanahan dan Tata Ruang, per 31 Desember 2025"}
    for name, title in titles.items():
        write_table(inbox / f"{name}.xlsx", [header], rows, title=(title,))
    out, data = tmp_path / "rekap.xlsx", tmp_path / "r.csv"
    code, _ = run_cli("consolidate", str(inbox), "-o", str(out), "--data", str(data))
    assert code == 0
    ring = list(openpyxl.load_workbook(out)["Ringkasan"].iter_rows(min_row=4, values_only=True))
    assert sorted((r[2], r[1]) for r in ring if r[2]) == [
        ("biasa.xlsx", "Dinas Koperasi dan UKM"),
        ("kapital.xlsx", "Dinas Koperasi, Usaha Kecil dan Menengah"),
        ("per.xlsx", "Dinas Pertanahan dan Tata Ruang"),
        ("rsud.xlsx", "RSUD dr. Soekardjo"),
        ("ta.xlsx", "Dinas Sosial Kabupaten Bengkalis"),
        ("tahun.xlsx", "RSUD Bengkalis"),
        ("tw.xlsx", "Dinas Perhubungan"),
        ("uptd.xlsx", "UPTD Puskesmas Wilayah IV")]
    # pengukuran tables only: JUMLAH counts the rows, and has no pagu, realisasi or serapan
    # (not Rp 0 and 0 %)
    total = next(r for r in ring if r[1] == "JUMLAH")
    assert total[5:10] == (8, None, None, None, 75)
    with open(data, encoding="utf-8") as fh:
        assert {(r["file"], r["opd"]) for r in csv.DictReader(fh)} == {
            ("biasa.xlsx", "Dinas Koperasi dan UKM"),
            ("kapital.xlsx", "Dinas Koperasi, Usaha Kecil dan Menengah"),
            ("per.xlsx", "Dinas Pertanahan dan Tata Ruang"),
            ("rsud.xlsx", "RSUD dr. Soekardjo"),
            ("ta.xlsx", "Dinas Sosial Kabupaten Bengkalis"),
            ("tahun.xlsx", "RSUD Bengkalis"),
            ("tw.xlsx", "Dinas Perhubungan"),
            ("uptd.xlsx", "UPTD Puskesmas Wilayah IV")}


def test_data_records_have_the_canonical_columns_and_values(tmp_path: Path) -> None:
    inbox = _folder(tmp_path)
    run_cli("consolidate", str(inbox), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"), "--jobs", "1")
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        recs = list(reader)
    assert header[:10] == ["file", "sheet", "row", "opd", "layout", "level", "kode", "uraian",
                           "indikator", "satuan"]
    for name in fields_for("tc29"):
        assert name in header
    messy = {r["row"]: r for r in recs if r["file"] == "contoh-berantakan-tc29.xlsx"}
    assert float(messy["13"]["capaian_rp"]) == pytest.approx(66.67)  # 0,6667 -> percent points
    assert float(messy["10"]["target_renstra_rp"]) == 1e9  # Rp. 1 miliar
    assert float(messy["14"]["target_k"]) == 22380 and messy["14"]["satuan"] == "Liter"
    assert messy["14"]["tw2_rp"] == ""  # unparseable -> no value, never a guess
    assert float(messy["15"]["realisasi_k_hitung"]) == 444
    assert messy["12"]["level"] == "subkegiatan" and messy["10"]["level"] == "program"
    run_cli("consolidate", str(inbox), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.parquet"))
    frame = pd.read_parquet(tmp_path / "r.parquet")
    assert list(frame.columns) == header
    assert len(frame) == len(recs)


def test_text_a_library_wrote_as_a_formula_is_read_as_typed(tmp_path: Path) -> None:
    """openpyxl writes a text that starts with "=" as a formula without a cached value. In a
    text column (uraian, indikator) the record holds the text as typed and nothing is
    flagged, even when it could be worked out to a number ("=SUM(A1:A3)" was read as 0); a
    reference to a text cell shows that text, as in Excel. In a value column the cell counts
    as empty (formula-not-evaluated)."""
    from openpyxl.utils import get_column_letter

    from sakip_xl.templates import tc29_columns
    from tests.builders import groups

    col = {k: get_column_letter(c + 1) for k, c in tc29_columns(groups())}
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    wb = openpyxl.load_workbook(write_tc29(tmp_path / "src.xlsx", clean_rows()))
    ws = wb["T-C.29"]
    ws[f"{col['uraian']}13"] = '=HYPERLINK("http://x","Penyediaan Permakanan")'
    ws[f"{col['indikator']}14"] = "=Jumlah paket sandang"
    ws[f"{col['capaian_k']}14"] = "=CAPAIAN(1)"
    ws[f"{col['uraian']}16"] = "=SUM(A1:A3)"
    ws[f"{col['indikator']}16"] = f"={col['indikator']}13"
    assert ws[f"{col['indikator']}14"].data_type == "f"  # a formula in the file
    wb.save(inbox / "rumus.xlsx")
    _code, report = check_json(inbox / "rumus.xlsx", extra=("--info",))
    found = {(f["cell"], f["code"]) for f in report["files"][0]["findings"]}
    assert (f"{col['capaian_k']}14", "formula-not-evaluated") in found
    assert not {cell for cell, _code in found} & {f"{col['uraian']}13", f"{col['indikator']}14"}
    run_cli("consolidate", str(inbox), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"), "--jobs", "1")
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        recs = {r["row"]: r for r in csv.DictReader(fh)}
    assert recs["13"]["uraian"] == '=HYPERLINK("http://x","Penyediaan Permakanan")'
    assert recs["14"]["indikator"] == "=Jumlah paket sandang"
    assert recs["14"]["capaian_k"] == "" and recs["14"]["level"] == "subkegiatan"
    assert (recs["16"]["uraian"], recs["16"]["indikator"]) == (
        "=SUM(A1:A3)", recs["13"]["indikator"])
    assert recs["13"]["indikator"] == "Jumlah penerima permakanan"


def test_xlsxwriter_placeholder_zero_is_no_value(tmp_path: Path) -> None:
    """xlsxwriter, by default, writes a text that starts with "=" as a formula and caches 0
    for every formula it cannot know. That 0 is no value: the indikator reads as typed, a
    target counts as empty (formula-not-evaluated); a text a formula cached stays."""
    import xlsxwriter

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    wb = xlsxwriter.Workbook(str(inbox / "xw.xlsx"))  # strings_to_formulas: on
    ws = wb.add_worksheet("Pengukuran")
    ws.write_row(0, 0, ["PENGUKURAN KINERJA", ""])
    ws.write_row(1, 0, ["Dinas Sosial Kabupaten Contoh"])
    ws.write_row(3, 0, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi",
                        "Capaian (%)"])
    ws.write_row(4, 0, [1, "Meningkatnya layanan", "=Persentase desa terlayani", 80, 76, 95])
    ws.write_row(5, 0, [2, "", "Persentase lansia didampingi", "=TARGET(2)", 45, 75])
    ws.write_formula(6, 2, '=VLOOKUP(A7,Daftar!A:B,2,0)', None, "Indeks kepuasan")
    ws.write_row(6, 3, [80, 80, 100])
    ws.write(6, 0, 3)
    wb.close()
    _code, report = check_json(inbox / "xw.xlsx", extra=("--info",))
    found = {(f["cell"], f["code"]) for f in report["files"][0]["findings"]}
    assert found == {("D6", "formula-not-evaluated")}
    run_cli("consolidate", str(inbox), "-o", str(tmp_path / "r.xlsx"), "--data",
            str(tmp_path / "r.csv"), "--jobs", "1")
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        recs = [(r["indikator"], r["target"]) for r in csv.DictReader(fh)]
    assert recs == [("=Persentase desa terlayani", "80.0"),
                    ("Persentase lansia didampingi", ""), ("Indeks kepuasan", "80.0")]


def test_jobs_and_dask_give_identical_results(tmp_path: Path) -> None:
    """The workers write each file's part of the report; the text and the JSON are exactly
    what one process writes."""
    inbox = _folder(tmp_path)
    _, one = check_json(inbox, extra=())
    _, out = run_cli("check", str(inbox), "--format", "json", "--jobs", "3")
    import json

    assert json.loads(out) == one
    one_text = run_cli("check", str(inbox), "--info", "--jobs", "1")
    assert "total-mismatch" in one_text[1] and "rusak.xlsx" in one_text[1]
    assert run_cli("check", str(inbox), "--info", "--jobs", "3") == one_text
    pytest.importorskip("dask.distributed")
    _code, out = run_cli("check", str(inbox), "--format", "json", "--executor", "dask")
    assert json.loads(out) == one
    assert run_cli("check", str(inbox), "--info", "--executor", "dask") == one_text


def test_default_jobs_follow_the_size_of_the_input(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from sakip_xl import runner
    from sakip_xl.runner import BYTES_PER_WORKER, SPAWNED_WORKER_COST, auto_jobs, file_sizes

    small = [tmp_path / f"kecil-{i}.xlsx" for i in range(5)]
    for p in small:
        p.write_bytes(b"x" * 8_000)
    big = [tmp_path / f"besar-{i}.xlsx" for i in range(6)]
    for p in big:
        p.write_bytes(b"x" * BYTES_PER_WORKER["check"])
    sizes = file_sizes([str(p) for p in small])
    assert auto_jobs(sizes, "check", cores=8, forked=True) == 1  # 40 KB: a pool costs more
    assert auto_jobs(sizes, "annotate", cores=8, forked=True) == 3  # more work per byte
    sizes = file_sizes([str(p) for p in big])
    assert auto_jobs(sizes, "check", cores=8, forked=True) == 6  # one worker per file at most
    assert auto_jobs(sizes, "check", cores=2, forked=True) == 2  # never more than the cores
    missing = file_sizes([*map(str, big), str(tmp_path / "hilang.xlsx")])
    assert missing[-1] == 0
    assert auto_jobs(missing, "check", cores=1, forked=True) == 1
    # a spawned worker (Windows, macOS) starts a new interpreter: it pays off only for more
    assert auto_jobs(sizes, "check", cores=8, forked=False) == 1  # 480 KB
    assert auto_jobs(sizes * SPAWNED_WORKER_COST, "check", cores=8, forked=False) == 7
    monkeypatch.setattr(runner, "FORK_POOL", False)  # by default, as the platform starts them
    assert auto_jobs(sizes, "check", cores=8) == 1
    monkeypatch.setattr(runner, "FORK_POOL", True)
    assert auto_jobs(sizes, "check", cores=8) == 6


def test_every_value_of_a_mixed_inbox_is_read_true(tmp_path: Path) -> None:
    """bench/mixed.py: 12 OPD files, each dressed differently (four T-C.29 numberings, split
    kode, Rp (000)/(juta), flat and grouped headers, LKjIP with years and polarity, values typed
    every way SPEC §3 lists, formula-looking text); --data must hold every true value, and
    check must flag exactly the planted mistakes."""
    from bench.accuracy import (
        check_report,
        false_alarms,
        missed_mistakes,
        rekap_problems,
        run,
        score,
    )
    from bench.mixed import build

    truth = build(tmp_path / "inbox", files=12, rows=30, seed=5)
    rekap, data = run(tmp_path / "inbox", tmp_path)
    result = score(truth, data)
    assert result.total > 5000
    assert result.wrong == [], result.wrong[:10]
    assert rekap_problems(rekap, truth) == []
    # check: every planted mistake found, no error finding without one
    report = check_report(tmp_path / "inbox")
    assert sum(1 for row in truth.values() if row.get("_planted") in row) > 5
    assert missed_mistakes(report, truth) == []
    assert false_alarms(report, truth) == []


@pytest.mark.parametrize(("name", "seed", "values"), [("spec", 3, 3000), ("library", 5, 2500)])
def test_every_value_of_an_inbox_written_apart_is_read_true(tmp_path: Path, name: str,
                                                             seed: int, values: int) -> None:
    """Generators written apart from bench/mixed.py. bench/spec_inbox.py, from SPEC alone:
    the form's own wording, flat or three-row headers, uncached capaian formulas, year
    super-headers and polarity, names starting with "=". bench/library_inbox.py, as a script
    writes with xlsxwriter: tables off A1 under a title in capitals, a split kode under
    Urusan | Program | Kegiatan | Sub Kegiatan, SUM and IFERROR(ROUND(…)) formulas without
    cached values, literal-% formats, a predikat under "Keterangan" (the session-12 build
    read 94.1 % of the values of 16 files, seed 5). --data holds every true value of 8 files."""
    from bench.accuracy import rekap_problems, run, score
    from bench.inbox import generator

    build = generator(name).build
    truth = build(tmp_path / "inbox", files=8, seed=seed)
    rekap, data = run(tmp_path / "inbox", tmp_path)
    result = score(truth, data)
    assert result.total > values
    assert result.wrong == [], result.wrong[:10]
    assert rekap_problems(rekap, truth) == []


def test_last_quarters_rekap_in_the_inbox_is_left_out(tmp_path: Path) -> None:
    """The rekap written into the folder it sums up is not taken for an OPD's workbook next
    time (it would be summed twice): it carries a document property that sakip-xl knows, kept
    when the rekap is edited and saved again. check names it as left out, with the reason."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("contoh-bersih-tc29.xlsx", "sidoarjo-lkjip-2021.xlsx"):
        shutil.copy(SAMPLES / name, inbox / name)
    rekap = inbox / "rekap.xlsx"
    assert run_cli("consolidate", str(inbox), "-o", str(rekap))[0] == 0
    first = list(openpyxl.load_workbook(rekap)["Ringkasan"].iter_rows(values_only=True))
    edited = openpyxl.load_workbook(rekap)  # Bappeda adds a note and saves it
    edited["Ringkasan"]["A2"] = "Catatan: TW III"
    edited.save(rekap)
    assert run_cli("consolidate", str(inbox), "-o", str(rekap))[0] == 0
    again = list(openpyxl.load_workbook(rekap)["Ringkasan"].iter_rows(values_only=True))
    assert again == first
    assert [r[2] for r in again[3:] if r[0] is not None] == ["contoh-bersih-tc29.xlsx",
                                                             "sidoarjo-lkjip-2021.xlsx"]
    code, report = check_json(inbox)
    assert code == 1  # sidoarjo's real capaian mistake; the rekap changes nothing
    status = {Path(f["path"]).name: (f["status"], f["error"]) for f in report["files"]}
    assert status["rekap.xlsx"] == ("skipped", "Rekap buatan sakip-xl, bukan workbook OPD: "
                                               "tidak diperiksa dan tidak ikut direkap.")
    assert report["summary"]["files"] == 2
    code, text = run_cli("check", str(inbox), "--jobs", "1")
    assert (f"{rekap}\n  - Rekap buatan sakip-xl, bukan workbook OPD: tidak diperiksa dan tidak "
            "ikut direkap.\n") in text


def test_output_names_are_checked_before_anything_is_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``-o rekap`` gets .xlsx added; a folder or another suffix (an .xlsx written as
    rekap.txt would not open in Excel by double-click) is refused; --data must say .csv or
    .parquet."""
    sample = str(SAMPLES / "contoh-bersih-tc29.xlsx")
    assert run_cli("consolidate", sample, "-o", str(tmp_path / "rekap"))[0] == 0
    assert (tmp_path / "rekap.xlsx").is_file()
    capsys.readouterr()
    for bad, said in (
            (["-o", str(tmp_path)], f"argument --output/-o: nama file .xlsx, bukan folder: "
                                    f"{str(tmp_path)!r}"),
            (["-o", str(tmp_path / "rekap.txt")], "argument --output/-o: beri nama berakhiran "
                                                  f".xlsx: {str(tmp_path / 'rekap.txt')!r}"),
            (["-o", str(tmp_path / "r.xlsx"), "--data", str(tmp_path / "r.txt")],
             f"argument --data: beri nama berakhiran .csv atau .parquet: "
             f"{str(tmp_path / 'r.txt')!r}")):
        assert run_cli("consolidate", sample, *bad)[0] == 2
        assert capsys.readouterr().err.endswith(f"error: {said}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rekap.xlsx"]
    assert run_cli("template", "tc29", "-o", str(tmp_path / "templat"))[0] == 0
    assert (tmp_path / "templat.xlsx").is_file()
    assert run_cli("--version") == (0, "sakip-xl 0.1.0\n")
