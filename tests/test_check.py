"""`sakip-xl check` on real .xlsx files: samples, the Sukabumi workbook, layout variants."""

from __future__ import annotations

import csv
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_xl.pipeline import check_file
from tests.builders import groups, write_tc29
from tests.conftest import ROOT, check_json, findings, run_cli, run_process
from tests.samples_data import clean_rows

SAMPLES = ROOT / "samples"


def test_bengkalis_seed_gives_exactly_its_real_mismatches() -> None:
    code, report = check_json(SAMPLES / "bengkalis-tc29-2022.xlsx")
    assert code == 1
    assert report["files"][0]["tables"] == [
        {"sheet": "T-C.29", "layout": "tc29", "header_rows": [5, 8], "first_data_row": 9,
         "rows": 8}]
    assert findings(report) == {
        ("M9", "total-mismatch"), ("O9", "total-mismatch"), ("Q9", "total-mismatch"),
        ("S9", "total-mismatch"), ("U9", "total-mismatch"), ("U9", "sum-mismatch"),
        ("K10", "missing-value"), ("O10", "total-mismatch"), ("Q10", "total-mismatch"),
        ("S10", "total-mismatch"), ("U10", "sum-mismatch"), ("U11", "sum-mismatch"),
        ("C12", "duplicate-code"), ("T12", "sum-mismatch"), ("U12", "sum-mismatch"),
        ("K13", "missing-value"), ("O13", "total-mismatch"), ("S13", "total-mismatch"),
        ("U13", "sum-mismatch"), ("T14", "sum-mismatch"), ("U14", "sum-mismatch"),
        ("X14", "capaian-mismatch"), ("K15", "missing-value"), ("U15", "sum-mismatch"),
        ("T16", "sum-mismatch"), ("U16", "sum-mismatch"), ("X16", "capaian-mismatch"),
    }
    by_cell = {(f["cell"], f["code"]): f for f in report["files"][0]["findings"]}
    assert by_cell[("U11", "sum-mismatch")]["expected"] == 215726433.0
    assert by_cell[("U11", "sum-mismatch")]["actual"] == 159440443.0
    assert by_cell[("X14", "capaian-mismatch")]["expected"] == 14.43
    assert by_cell[("O13", "total-mismatch")]["expected"] == 1633931.57


def test_clean_workbook_has_no_error_or_warning() -> None:
    code, report = check_json(SAMPLES / "contoh-bersih-tc29.xlsx")
    assert code == 0
    assert findings(report) == set()
    assert report["files"][0]["tables"][0]["rows"] == 8
    assert report["summary"] == {"files": 1, "errors": 0, "warnings": 0}


def test_messy_strings_read_and_planted_mistakes_found() -> None:
    code, report = check_json(SAMPLES / "contoh-berantakan-tc29.xlsx")
    assert code == 1
    assert findings(report) == {
        ("Q11", "total-mismatch"), ("U11", "total-mismatch"), ("W11", "total-mismatch"),
        ("Q12", "number-format"), ("R12", "unit-mismatch"), ("AB13", "predikat-mismatch"),
        ("C14", "code-hierarchy"), ("O14", "unparseable"), ("C15", "code-hierarchy"),
        ("T15", "sum-mismatch"), ("U15", "sum-mismatch"), ("U15", "realisasi-exceeds-target"),
    }


def test_sukabumi_read_completely_and_only_real_errors(real_dir: Path) -> None:
    code, report = check_json(real_dir / "sukabumi-evaluasi-renja-2018.xlsx")
    table = report["files"][0]["tables"][0]
    assert (table["header_rows"], table["first_data_row"], table["rows"]) == ([10, 13], 14, 24)
    errors = {(f["cell"], f["code"], f["expected"], f["actual"])
              for f in report["files"][0]["findings"] if f["severity"] == "error"}
    # 14 = 6 + 12: 2.500.000 + 1.874.960 (thousands) = 4.374.960, the sheet says 656.244
    assert errors == {("AB17", "cumulative-mismatch", 4374960000.0, 656244000.0)}
    assert code == 1


def test_all_real_files_found(real_dir: Path) -> None:
    _code, report = check_json(real_dir)
    layouts = {Path(f["path"]).name: [t["layout"] for t in f["tables"]]
               for f in report["files"]}
    assert layouts == {
        "bandung-formulir-e81-template.xls": ["tc29"],
        "jember-evaluasi-rkpd-template.xlsx": ["tc29"],
        "sukabumi-evaluasi-renja-2018.xlsx": ["tc29"],
        "sumedang-template-pencapaian-iku.xlsx": ["pengukuran"],
    }


def test_bandung_numbering_number_row_between_and_no_renja_capaian(tmp_path: Path) -> None:
    rows = clean_rows()
    for r in rows:
        r.pop("capaian_k", None)
        r.pop("capaian_rp", None)
    rows[3]["realisasi_rp"] = 1.0  # planted: 13 ≠ 9+10+11+12
    path = write_tc29(tmp_path / "bandung.xlsx", rows, gs=groups("capaian", "satuan"),
                      numbers_between=True)
    code, report = check_json(path)
    assert report["files"][0]["tables"][0]["header_rows"] == [6, 9]
    # the planted 1 also breaks its kegiatan's total and 14 = 7 + 13 on that row
    assert findings(report) == {("U13", "sum-mismatch"), ("U12", "total-mismatch"),
                                ("W13", "cumulative-mismatch")}
    assert code == 1


def test_repeated_header_cover_and_hidden_sheets(tmp_path: Path) -> None:
    rows = clean_rows()
    rows[6]["capaian_k"] = 50.0  # planted on the row after the page break
    path = write_tc29(tmp_path / "pages.xlsx", rows, repeat_header_after=4,
                      before_sheets=("Petunjuk",), hidden_sheets=("helper",))
    code, report = check_json(path)
    file = report["files"][0]
    assert [t["sheet"] for t in file["tables"]] == ["T-C.29"]
    assert file["tables"][0]["rows"] == 8
    assert findings(report) == {("Y21", "capaian-mismatch")}
    assert code == 1


@pytest.mark.parametrize("between", ["signature", "rata-rata", "kepala-indicator"])
def test_two_tables_stacked_on_one_sheet_are_two_tables(tmp_path: Path, between: str) -> None:
    """The same T-C.29 twice on one sheet (Renja murni and perubahan, one per bidang): the
    second header follows the first table's signature block, or its rata-rata row, so it
    starts a table of its own; read as one table its every kode was a duplicate-code error.
    A signature word at the start of a data row that holds numbers ("Kepala keluarga …")
    closes nothing: the header after it continues the table, as at a page break."""
    one = write_tc29(tmp_path / "satu.xlsx", clean_rows())
    wb = openpyxl.load_workbook(one)
    ws = wb.active
    height = ws.max_row
    below = height + 3
    for row in ws.iter_rows(min_row=1, max_row=height):
        for cell in row:
            if cell.value is not None:
                ws.cell(cell.row + below, cell.column, cell.value)
    for merged in list(ws.merged_cells.ranges):
        ws.merge_cells(start_row=merged.min_row + below, start_column=merged.min_col,
                       end_row=merged.max_row + below, end_column=merged.max_col)
    ws.cell(below + 4, 1, None)  # the second copy without its year row: titles vary
    signature = [c for row in ws.iter_rows(max_row=height) for c in row
                 if isinstance(c.value, str) and c.value.startswith(("Kepala", "NIP"))]
    # the first table's last row with numbers (its JUMLAH row)
    last_data = max(c.row for row in ws.iter_rows(min_row=10, max_row=height) for c in row
                    if type(c.value) in (int, float))
    if between != "signature":
        for cell in signature:
            cell.value = None
    if between == "rata-rata":
        ws.cell(last_data + 1, 4, "Rata-rata capaian kinerja")
        ws.cell(last_data + 1, 25, 99.5)
    if between == "kepala-indicator":
        ws.cell(last_data, 5, "Kepala keluarga penerima bantuan sosial")
    wb.save(tmp_path / "dua.xlsx")
    code, report = check_json(tmp_path / "dua.xlsx")
    tables = report["files"][0]["tables"]
    first = tables[0]["first_data_row"]
    if between == "kepala-indicator":
        assert [(t["first_data_row"], t["rows"]) for t in tables] == [(first, 16)]
        assert {c for c, code in findings(report) if code == "duplicate-code"}
        return
    assert [(t["first_data_row"], t["rows"]) for t in tables] == [
        (first, 8), (first + below, 8)]
    assert findings(report) == set() and code == 0
    # in the rekap: a bar each, told apart by the row their header starts on
    rekap = tmp_path / "rekap.xlsx"
    assert run_cli("consolidate", str(tmp_path / "dua.xlsx"), "-o", str(rekap))[0] == 0
    bars = list(openpyxl.load_workbook(rekap)["Data grafik"].iter_rows(min_row=2,
                                                                       values_only=True))
    header = tables[0]["header_rows"][0]
    assert [bar[0] for bar in bars] == [
        f"Dinas Sosial Kabupaten Contoh · dua.xlsx!T-C.29 baris {row}"
        for row in (header, header + below)]


def test_percent_formatted_fractions_and_row_predikat(tmp_path: Path) -> None:
    rows = clean_rows()
    for r in rows:
        if isinstance(r.get("capaian_rp"), float):
            r["capaian_rp"] = r["capaian_rp"] / 100  # 0.9848 shown as 98.48 %
    rows[3]["predikat"] = "Rendah"  # capaian 100 -> Sangat Tinggi
    path = write_tc29(tmp_path / "pct.xlsx", rows, formats={"capaian_rp": "0.00%"})
    _code, report = check_json(path)
    assert findings(report) == {("AC13", "predikat-mismatch")}


def test_predikat_written_by_its_initials(tmp_path: Path) -> None:
    """"ST", "T", "S", "R", "SR": the Permendagri labels as forms abbreviate them, checked
    as the words (each was predikat-unknown)."""
    rows = clean_rows()
    labels = {r["predikat"] for r in rows if r.get("predikat")}
    initials = {"Sangat Tinggi": "ST", "Tinggi": "T", "Sedang": "S", "Rendah": "R"}
    for r in rows:
        if r.get("predikat"):
            r["predikat"] = initials[r["predikat"]]
    rows[3]["predikat"] = "R"  # capaian 100 -> Sangat Tinggi
    path = write_tc29(tmp_path / "st.xlsx", rows)
    _code, report = check_json(path)
    assert labels and findings(report) == {("AC13", "predikat-mismatch")}


def test_footer_predikat_checked_against_rata_rata(tmp_path: Path) -> None:
    path = write_tc29(tmp_path / "footer.xlsx", clean_rows(), footers=(
        ("Rata-rata capaian kinerja (%)", {"capaian_k": 48.0}),
        ("Predikat kinerja", {"capaian_k": "Sedang"}),
    ))
    _code, report = check_json(path)
    assert findings(report) == {("Y19", "predikat-mismatch")}


def test_openpyxl_saved_formulas_are_evaluated(tmp_path: Path) -> None:
    src = write_tc29(tmp_path / "src.xlsx", clean_rows())
    wb = openpyxl.load_workbook(src)
    ws = wb["T-C.29"]
    # realisasi Rp of the first sub kegiatan as a formula over its quarters (no cached value)
    ws["V13"] = "=SUM(N13,P13,R13,T13)"
    ws["V14"] = "=N14+P14+R14"  # planted: TW4 left out
    wb.save(tmp_path / "saved.xlsx")
    _code, report = check_json(tmp_path / "saved.xlsx")
    # the wrong V14 also breaks its parent's total, 14 = 7 + 13 and 15 = 13 / 8 on that row
    assert findings(report) == {("V14", "sum-mismatch"), ("V12", "total-mismatch"),
                                ("X14", "cumulative-mismatch"), ("Z14", "capaian-mismatch")}


def test_checking_a_workbook_leaves_no_reference_cycles(tmp_path: Path) -> None:
    """Everything of one file is freed when it is done (by reference counting), good file or
    bad: `check` runs without the cyclic collector, and a worker that checks thousands of
    files does not hold their sheets until it runs."""
    src = write_tc29(tmp_path / "src.xlsx", clean_rows())
    wb = openpyxl.load_workbook(src)
    wb["T-C.29"]["V13"] = "=SUM(N13,P13,R13,T13)"  # uncached: the formula evaluator runs
    wb.save(tmp_path / "saved.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(src.read_bytes()[:3000])
    (tmp_path / "empty.xlsx").write_bytes(b"")
    other = openpyxl.Workbook()
    other.active["A1"] = "halo"
    other.save(tmp_path / "no-table.xlsx")
    expected = {"saved.xlsx": None, "broken.xlsx": "corrupt", "empty.xlsx": "empty-file",
                "no-table.xlsx": "no-table"}
    gc.collect()
    collecting = gc.isenabled()
    gc.disable()
    try:
        for name, error in expected.items():
            assert check_file(str(tmp_path / name)).error == error
        assert gc.collect() == 0
    finally:
        if collecting:
            gc.enable()


def test_json_english_and_exit_codes(tmp_path: Path) -> None:
    _code, report = check_json(SAMPLES / "contoh-berantakan-tc29.xlsx", extra=("--lang", "en"))
    msgs = [f["message"] for f in report["files"][0]["findings"] if f["code"] == "unparseable"]
    assert msgs == ["Cell text «seratus juta» cannot be read as a number; fix how it is written."]
    assert set(report) == {"version", "files", "summary"}
    f0 = report["files"][0]["findings"][0]
    assert set(f0) == {"sheet", "cell", "row", "code", "severity", "message", "expected",
                       "actual"}


def test_real_process_text_report_on_samples() -> None:
    proc = run_process("check", str(SAMPLES))
    assert proc.returncode == 1
    assert "bengkalis-tc29-2022.xlsx" in proc.stdout
    assert "kesalahan" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_usage_errors_exit_2_without_traceback() -> None:
    for args in (("check", str(SAMPLES), "--format", "xml"), ("check", str(SAMPLES), "-j", "0"),
                 ("consolidate", str(SAMPLES)), ()):
        proc = run_process(*args)
        assert proc.returncode == 2, args
        assert "Traceback" not in proc.stderr
    assert "usage: sakip-xl check" in run_process("check", "--format", "xml", "x").stderr


def test_piped_text_report_is_plain_lines() -> None:
    proc = run_process("check", str(SAMPLES / "contoh-berantakan-tc29.xlsx"))
    lines = proc.stdout.splitlines()
    assert lines[0].endswith("contoh-berantakan-tc29.xlsx")
    assert "  T-C.29!Q11 kesalahan total-mismatch: " in proc.stdout
    assert "[bold" not in proc.stdout and "\x1b[" not in proc.stdout


def test_a_reader_that_leaves_before_the_report_gets_no_traceback() -> None:
    """The command ends without the interpreter's tear-down (cli.leave), so what it printed
    is flushed before (cli.run): a report smaller than the buffer arrives whole, and a reader
    gone by then (``| head``) costs exit code 1 and no traceback."""
    small = str(SAMPLES / "contoh-berantakan-tc29.xlsx")  # a report smaller than the buffer
    command = [sys.executable, "-m", "sakip_xl", "check", small, "--format", "json"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered
    env["PYTHONPATH"] = str(ROOT)
    whole = subprocess.run(command, capture_output=True, env=env, timeout=120)
    assert json.loads(whole.stdout)["summary"]["files"] == 1
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the command has printed anything: it starts in ~50 ms
    assert proc.wait(timeout=120) == 1
    assert proc.stderr.read() == b""


@pytest.mark.skipif(not os.path.exists("/bin/sh"), reason="needs a POSIX shell")
def test_a_command_started_with_stdout_closed_runs_without_a_traceback() -> None:
    """``sakip-xl check … >&-`` (a scheduler that closes stdout): Python then has no
    sys.stdout; the report goes nowhere, the exit code still says what was found."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = f'"{sys.executable}" -m sakip_xl check "{SAMPLES}" >&-'
    proc = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_report_that_cannot_be_written_is_one_message() -> None:
    """A full disk while writing the report: one line on stderr, exit 2, no traceback —
    whether the write fails at once or when the buffer is flushed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = str(ROOT)
    big = (str(SAMPLES), "--format", "json", "--info")  # ~12 KB: more than the buffer
    small = (str(SAMPLES / "contoh-berantakan-tc29.xlsx"),)  # written when flushed
    for args in (big, small):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([sys.executable, "-m", "sakip_xl", "check", *args],
                                  stdout=full, stderr=subprocess.PIPE, text=True, env=env,
                                  timeout=120)
        assert proc.returncode == 2, args
        assert proc.stderr == "Keluaran tidak dapat ditulis: No space left on device\n"


def test_the_garbage_collector_runs_again_after_each_file(tmp_path: Path) -> None:
    """inspect_file pauses the cyclic collector for one file only, the check command for its
    run only; both leave it as they found it (a caller in the same process needs it)."""
    path = str(write_tc29(tmp_path / "a.xlsx", clean_rows()))
    assert gc.isenabled()
    assert check_file(path).status == "ok"
    assert gc.isenabled()
    assert check_json(path)[0] == 0
    assert gc.isenabled()
    gc.disable()
    try:
        check_file(path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_terminal_report_is_coloured_and_aligned_without_rich(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal: the file name in bold, the findings in aligned columns (severity in
    colour), long messages wrapped under the message column; rich is not imported (it cost
    ~70 ms per run)."""
    import io

    from sakip_xl.pipeline import check_file
    from sakip_xl.report import print_text

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "80")  # the width shutil reports first
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = Terminal()
    path = str(SAMPLES / "contoh-berantakan-tc29.xlsx")
    print_text([check_file(path)], "id", out=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"\033[1m{path}\033[0m"
    head = lines[2]
    assert head.startswith("  \033[1mLembar  Sel   Tingkat") and head.endswith("Pesan\033[0m")
    first = lines[3]
    assert first.startswith("  T-C.29  Q11   \033[1;31mkesalahan") and "total-mismatch" in first
    message_at = head.index("Pesan") - len("\033[1m")
    assert lines[4].startswith(" " * message_at) and lines[4].strip()  # wrapped under it
    assert "rich" not in sys.modules
    monkeypatch.setenv("NO_COLOR", "1")  # the convention: the same layout, no colours
    plain = Terminal()
    print_text([check_file(path)], "id", out=plain)
    assert "\033[" not in plain.getvalue()
    assert plain.getvalue().splitlines()[3].startswith("  T-C.29  Q11   kesalahan   total-")


def test_amounts_in_thousands_agree_to_their_rounding(tmp_path: Path) -> None:
    """Rp. (000): each amount shown is rounded to a thousand, so a total one thousand off the
    sum of its parts is rounding, not a mistake; three thousand off is a mistake."""
    def in_thousands(extra: int) -> Path:
        rows = clean_rows()
        for row in rows:
            for key, value in row.items():
                if key.endswith("_rp") and not key.startswith("capaian"):
                    row[key] = value / 1000
        rows[3]["tw1_rp"] += extra  # the first sub kegiatan's first quarter
        return write_tc29(tmp_path / f"ribuan-{extra}.xlsx", rows, rp_label="Rp. (000)")

    _code, report = check_json(in_thousands(1))
    assert findings(report) == set()
    _code, report = check_json(in_thousands(3))
    codes = {(f["row"], f["code"]) for f in report["files"][0]["findings"]
             if f["severity"] == "error"}
    assert codes == {(13, "sum-mismatch"), (12, "total-mismatch")}


def test_library_written_capaian_formulas_round_if_iferror(tmp_path: Path) -> None:
    """A file written by a library has formulas without cached values; the forms' capaian
    columns wrap the ratio in ROUND / IF / IFERROR, which are evaluated, not left empty."""
    from openpyxl.utils import get_column_letter

    from sakip_xl.templates import tc29_columns
    from tests.builders import groups

    col = {k: get_column_letter(c + 1) for k, c in tc29_columns(groups())}
    src = write_tc29(tmp_path / "src.xlsx", clean_rows())
    wb = openpyxl.load_workbook(src)
    ws = wb["T-C.29"]
    r_k, t_k = col["realisasi_k"], col["target_k"]
    r_rp, t_rp = col["realisasi_rp"], col["target_rp"]
    ws[f"{col['capaian_k']}13"] = f"=ROUND({r_k}13/{t_k}13*100,2)"
    ws[f"{col['capaian_rp']}13"] = f"=IF({t_rp}13=0,0,{r_rp}13/{t_rp}13*100)"
    ws[f"{col['capaian_rp']}14"] = f"=IFERROR(ROUND({r_rp}14/{t_rp}14*100,2),\"-\")"
    ws[f"{col['capaian_k']}14"] = f"=MAX(0,{r_k}14/{t_k}14*100)+1"  # planted: one point high
    wb.save(tmp_path / "saved.xlsx")
    _code, report = check_json(tmp_path / "saved.xlsx")
    assert findings(report) == {(f"{col['capaian_k']}14", "capaian-mismatch")}
    assert not any(f["code"] == "formula-not-evaluated" for f in report["files"][0]["findings"])


def _first_record_in_a_new_process(path: Path) -> tuple[str, str, str]:
    """Target, realisasi and capaian of the first record of ``consolidate --data``, run as
    a new process (a crash or a hang there fails the test, not the suite)."""
    csv_path = path.with_suffix(".csv")
    proc = run_process("consolidate", str(path), "-o", str(path.with_suffix(".rekap.xlsx")),
                       "--data", str(csv_path))
    assert proc.returncode == 0, proc.stderr[-1000:]
    with open(csv_path, encoding="utf-8") as fh:
        rec = next(csv.DictReader(fh))
    return rec["target"], rec["realisasi"], rec["capaian"]


def _library_pengukuran() -> tuple[openpyxl.Workbook, object]:
    """A pengukuran in openpyxl (which saves formulas without values): title, header on row
    3; data rows are appended from row 4."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Pengukuran"
    ws.append(["PENGUKURAN KINERJA DINAS CONTOH"])
    ws.append([])
    ws.append(["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"])
    return wb, ws


def test_formulas_over_other_sheets_and_over_cells_that_cannot_be_worked_out(
        tmp_path: Path) -> None:
    """A library-written pengukuran whose target and realisasi refer to a data sheet
    (``=Data!B2``, ``='Data Dasar'!C2``, ``SUM(Data!B2:B3)``) is evaluated like one on a
    single sheet. A formula over a cell that cannot be worked out is not known either: not
    0, as IF(C6=0,0,…) once made it, and not IFERROR's fallback."""
    wb, ws = _library_pengukuran()
    data = wb.create_sheet("Data")
    base = wb.create_sheet("Data Dasar")
    for r, (t, real) in enumerate([(80, 76), (50, 45), (20, 19)], start=2):
        data[f"B{r}"], data[f"C{r}"] = t, real
        base[f"C{r}"] = real
    ws.append([1, "Persentase A", "=Data!B2", "='Data Dasar'!C2", "=ROUND(D4/C4*100,2)"])
    ws.append([2, "Persentase B", "=data!$B$3", "=Data!C3*1", "=D5/C5*100+1"])  # planted
    ws.append([3, "Persentase C", "=SUM(Data!B2:B3)/5", "=Lain!C4", "=IF(D6=0,0,D6/C6*100)"])
    ws.append([4, "Persentase D", 40, 30, "=IFERROR(D6/C6*100,0)"])
    wb.save(tmp_path / "lintas.xlsx")
    code, report = check_json(tmp_path / "lintas.xlsx", extra=("--info",))
    assert code == 1  # the planted capaian
    file = report["files"][0]
    assert {(f["cell"], f["code"]) for f in file["findings"]} == {
        ("E5", "capaian-mismatch"),  # 45/50 = 90, the cell says 91
        ("D6", "formula-not-evaluated"),  # no sheet "Lain"
        ("E6", "formula-not-evaluated"), ("E7", "formula-not-evaluated"),
        ("E7", "computed")}  # 30/40, where the unknown IFERROR left the cell empty
    mismatch = next(f for f in file["findings"] if f["code"] == "capaian-mismatch")
    assert (mismatch["expected"], mismatch["actual"]) == (90.0, 91.0)


def test_a_long_chain_of_formulas_is_worked_out_not_a_crash(tmp_path: Path) -> None:
    """A library-written workbook whose target is the end of 12 000 formulas, each over the
    next (H1 = H2+0, …), and whose realisasi is the end of a chain running the other way:
    the compiled evaluator went one C stack frame deeper per formula and the process died
    (signal 11) past ~8 000. Evaluation now stops MAX_DEPTH deep and works the chain from
    where it stopped. In a new process, so that a regression fails here alone."""
    wb, ws = _library_pengukuran()
    n = 12000
    ws.append([1, "Persentase A", "=H1", f"=J{n}", "=D4/C4*100"])
    for r in range(1, n):
        ws[f"H{r}"] = f"=H{r + 1}+0"
        ws[f"J{r + 1}"] = f"=J{r}*1"
    ws[f"H{n}"], ws["J1"] = 80, 76
    wb.save(tmp_path / "rantai.xlsx")
    assert _first_record_in_a_new_process(tmp_path / "rantai.xlsx") == ("80.0", "76.0", "95.0")


def test_a_sum_over_the_whole_grid_adds_the_cells_there_are(tmp_path: Path) -> None:
    """SUM(H1:XFD1048576) walked 17 billion cells; only the cells a sheet has are added
    (here and on another sheet). In a new process with a time limit, so that a regression
    fails instead of hanging the suite."""
    wb, ws = _library_pengukuran()
    ws.append([1, "Persentase A", "=SUM(H1:XFD1048576)", "=SUM(Data!A1:XFD1048576)",
               "=D4/C4*100"])
    ws["H1"], ws["J7"] = 50, 30
    data = wb.create_sheet("Data")
    data["B2"], data["C9"] = 70, 6
    wb.save(tmp_path / "luas.xlsx")
    assert _first_record_in_a_new_process(tmp_path / "luas.xlsx") == ("80.0", "76.0", "95.0")


def test_a_formula_nested_past_excels_limit_is_not_read_not_a_crash(tmp_path: Path) -> None:
    """20 000 brackets, 20 000 signs, SUM(SUM(… and IF(…,IF(… thousands deep: the compiled
    parser descended once per level, in C, and the process died (signal 11). A formula
    nested deeper than 100 (Excel allows 64) is one not evaluated; the message quotes it
    cut short. In a new process."""
    wb, ws = _library_pengukuran()
    ws.append([1, "Persentase A", "=" + "(" * 20000 + "80" + ")" * 20000, 76,
               "=" + "-" * 20000 + "95"])
    ws.append([2, "Persentase B", "=" + "SUM(" * 5000 + "80" + ")" * 5000, 76,
               "=" + "IF(1>0," * 3000 + "95" + ",0)" * 3000])
    ws.append([3, "Persentase C", "=" + "(" * 60 + "80" + ")" * 60, 76, 95])  # Excel's depth
    wb.save(tmp_path / "bersarang.xlsx")
    proc = run_process("check", str(tmp_path / "bersarang.xlsx"), "--format", "json",
                       "--info", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr[-1000:]
    found = json.loads(proc.stdout)["files"][0]["findings"]
    assert {(f["cell"], f["code"]) for f in found} == {
        (cell, "formula-not-evaluated") for cell in ("C4", "E4", "C5", "E5")}
    assert all(len(f["message"]) < 300 for f in found)


def test_a_power_excel_cannot_work_out_is_one_cell_not_evaluated(tmp_path: Path) -> None:
    """0 to a negative power and a negative number to a fractional one are #NUM! in Excel;
    without a cached value they leave their cell unevaluated. They used to raise (a division
    by zero; a complex number) and the whole file was reported as corrupt."""
    from openpyxl.utils import get_column_letter

    from sakip_xl.templates import tc29_columns
    from tests.builders import groups

    col = {k: get_column_letter(c + 1) for k, c in tc29_columns(groups())}
    src = write_tc29(tmp_path / "src.xlsx", clean_rows())
    wb = openpyxl.load_workbook(src)
    ws = wb["T-C.29"]
    ws[f"{col['capaian_k']}13"] = "=0^-1"
    ws[f"{col['capaian_rp']}13"] = "=(-8)^(1/3)"
    wb.save(tmp_path / "saved.xlsx")
    _code, report = check_json(tmp_path / "saved.xlsx")
    assert report["files"][0]["status"] != "error"
    assert {(f["cell"], f["code"]) for f in report["files"][0]["findings"]
            if f["code"] == "formula-not-evaluated"} == {
        (f"{col['capaian_k']}13", "formula-not-evaluated"),
        (f"{col['capaian_rp']}13", "formula-not-evaluated")}


def test_a_text_result_of_an_if_formula_keeps_its_cached_text(tmp_path: Path) -> None:
    """A predikat written as IF(…,"Sangat Tinggi",…) by a library that caches its text: the
    cached label is what the cell says (here a wrong one, so it is flagged)."""
    from tests.builders import F

    rows = clean_rows()
    rows[3]["predikat"] = F('=IF(Y13>90,"Rendah","Tinggi")', "Rendah")  # capaian 100
    path = write_tc29(tmp_path / "if.xlsx", rows)
    _code, report = check_json(path)
    assert {code for _cell, code in findings(report)} == {"predikat-mismatch"}


def test_a_predikat_if_formula_without_a_cached_value_shows_its_branch(tmp_path: Path) -> None:
    """A library writes the predikat as IF(…,"Sangat Tinggi",IF(…)) with no cached value:
    the label of the branch the formula takes is what the cell says, in the records and in
    the predikat check (a formula with its bounds wrong gives a wrong label, flagged)."""
    src = write_tc29(tmp_path / "src.xlsx", clean_rows())
    wb = openpyxl.load_workbook(src)
    ws = wb["T-C.29"]
    ws["AC13"] = '=IF(Y13>=91,"Sangat Tinggi",IF(Y13>=76,"Tinggi","Sedang"))'  # 100
    ws["AC16"] = '=IF(Y16>=96,"Sangat Tinggi",IF(Y16>=76,"Tinggi","Sedang"))'  # 95: wrong
    wb.save(tmp_path / "saved.xlsx")
    _code, report = check_json(tmp_path / "saved.xlsx")
    assert findings(report) == {("AC16", "predikat-mismatch")}
    run_cli("consolidate", str(tmp_path / "saved.xlsx"), "-o", str(tmp_path / "r.xlsx"),
            "--data", str(tmp_path / "r.csv"))
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        recs = {r["row"]: r["predikat"] for r in csv.DictReader(fh)}
    assert (recs["13"], recs["16"]) == ("Sangat Tinggi", "Tinggi")


def test_amounts_in_millions_agree_to_the_decimals_they_show(tmp_path: Path) -> None:
    """Rp (juta) with two decimals shows steps of 10 000 rupiah: a quarter 50 000 rupiah off
    is a mistake, not rounding."""
    rows = clean_rows()
    for row in rows:
        for key, value in row.items():
            if key.endswith("_rp") and not key.startswith("capaian"):
                row[key] = value / 1_000_000
    rows[3]["tw1_rp"] += 0.05
    path = write_tc29(tmp_path / "juta.xlsx", rows, rp_label="Rp (juta)")
    _code, report = check_json(path)
    codes = {(f["row"], f["code"]) for f in report["files"][0]["findings"]
             if f["severity"] == "error"}
    assert codes == {(13, "sum-mismatch"), (12, "total-mismatch")}


def test_a_capaian_of_unrounded_millions_beside_quarters_summed_as_shown(tmp_path: Path) -> None:
    """Quarters in Rp (juta) typed to two decimals, realisasi their SUM (292,93), capaian from
    the unrounded amounts (SIPD: 292,943476 / 420,499 = 69,67 %): the four roundings inside
    the realisasi move the ratio more than one would, so 69,67 against 69,66 is not a mistake;
    a capaian 0,04 point off still is."""
    from tests.samples_data import _sub

    row = _sub("1.06.04.2.01.0001", "Penyediaan Permakanan", "Jumlah penerima permakanan",
               "Orang", 500, 2102.49, 200, 841.0, 100, 420.5, [20, 30, 25, 25],
               [43.11, 85.54, 72.95, 91.33])
    assert round(row["realisasi_rp"], 2) == 292.93
    row["capaian_rp"] = 69.67
    other = dict(row, kode="1.06.04.2.01.0002", capaian_rp=69.70)
    path = write_tc29(tmp_path / "juta.xlsx", [row, other], rp_label="Rp (juta)",
                      formats={"capaian_rp": "0.00"})
    _code, report = check_json(path)
    errors = {(f["row"], f["code"]) for f in report["files"][0]["findings"]
              if f["severity"] == "error"}
    assert errors == {(11, "capaian-mismatch")}


def test_a_cumulative_of_unrounded_thousands_beside_quarters_summed_as_shown(
        tmp_path: Path) -> None:
    """Rp. (000): four quarters of 10.001,4 thousand shown as 10.001, realisasi their SUM
    (40.004), realisasi Renstra from the unrounded amounts (100.000 + 40.005,6 = 140.006):
    2 000 rupiah from 7 + 13, within the six roundings behind it; 10 000 off is a mistake."""
    from tests.samples_data import _sub

    row = _sub("1.06.04.2.01.0001", "Penyediaan Permakanan", "Jumlah penerima permakanan",
               "Orang", 500, 500_000, 200, 100_000, 100, 50_000, [20, 30, 25, 25],
               [10_001] * 4)
    row["realisasi_renstra_rp"] = 140_006
    other = dict(row, kode="1.06.04.2.01.0002", realisasi_renstra_rp=140_014)
    path = write_tc29(tmp_path / "ribu.xlsx", [row, other], rp_label="Rp. (000)")
    _code, report = check_json(path)
    errors = {(f["row"], f["code"]) for f in report["files"][0]["findings"]
              if f["severity"] == "error"}
    assert errors == {(11, "cumulative-mismatch")}


@pytest.mark.parametrize("name", ["+Persentase PMKS yang memperoleh rehabilitasi sosial dasar",
                                  "1. Persentase PMKS yang memperoleh rehabilitasi sosial dasar"])
def test_a_level_indicator_is_told_by_its_name_whatever_is_typed_before_it(
        tmp_path: Path, name: str) -> None:
    """A percentage indicator without a satuan reports cumulative quarters (20, 40, 60, 82:
    the year is 82, not their sum); a stray "+" (a cell that looks like a formula) or a
    number typed before its name does not hide that it is one."""
    rows = clean_rows()
    rows[0]["indikator"] = name
    rows[0].pop("satuan")
    path = write_tc29(tmp_path / "level.xlsx", rows)
    _code, report = check_json(path)
    assert not any(f["code"] == "sum-mismatch" for f in report["files"][0]["findings"])


@pytest.mark.parametrize("satuan", ["%/tahun", "% per Tahun", "persen / tahun",
                                    "Persentase / Tahun"])
def test_a_rate_per_year_is_a_level_however_its_unit_is_spaced(tmp_path: Path,
                                                                satuan: str) -> None:
    """"Laju pertumbuhan ekonomi" in %/tahun, typed with its unit in every cell and spaced
    differently from cell to cell: its quarters are levels (the year is the last one, 5,3,
    not their sum), and the one unit is not a unit-mismatch. Both were flagged (seven
    findings on a correct row)."""
    rows = clean_rows()
    rows[0].update(indikator="Laju pertumbuhan ekonomi", satuan=satuan, target_k="5 %/tahun",
                   tw1_k="5,1 %/tahun", tw2_k="5,2%/tahun", tw3_k="5 % / tahun",
                   tw4_k="5,3 % per tahun", realisasi_k="5,3 %/tahun", capaian_k=106)
    path = write_tc29(tmp_path / "laju.xlsx", rows)
    _code, report = check_json(path)
    assert [(f["cell"], f["code"]) for f in report["files"][0]["findings"]
            if f["severity"] != "info"] == []
    rows[0].update(tw1_k="5,1", tw2_k="5,2", tw3_k="5", tw4_k="5,3", realisasi_k="5,3",
                   target_k="5")  # the unit in the satuan column only
    path = write_tc29(tmp_path / "laju2.xlsx", rows)
    _code, report = check_json(path)
    assert [(f["cell"], f["code"]) for f in report["files"][0]["findings"]
            if f["severity"] != "info"] == []


@pytest.mark.parametrize(("row", "satuan", "values"), [
    (0, "Persen (%)", ("80 %", "20%", "40 %", "60%", "82 %", "82%")),
    (0, "% (persen)", ("80 %", "20%", "40 %", "60%", "82 %", "82%")),
    (1, "Unit (panti)", ("4 Unit", "1 unit", "1 Unit", "1 Unit.", "1 Unit", "4 Unit")),
    (1, "Buah", ("4 Bh", "1 bh.", "1 Buah", "1 Buah", "1 Bh", "4 buah")),  # shortened
])
def test_a_satuan_with_words_in_brackets_is_the_unit_outside_them(
        tmp_path: Path, row: int, satuan: str, values: tuple[str, ...]) -> None:
    """A satuan column typed "Persen (%)" or "Unit (panti)" beside cells typed with their
    unit ("82 %", "4 Unit"), or a unit shortened ("Bh" for "Buah"): the same unit, no
    unit-mismatch (there was one on each of the six cells); "Persen (%)" still makes a
    level indicator (the year is 82, no sum)."""
    rows = clean_rows()
    keys = ("target_k", "tw1_k", "tw2_k", "tw3_k", "tw4_k", "realisasi_k")
    rows[row].update(satuan=satuan, **dict(zip(keys, values, strict=True)))
    path = write_tc29(tmp_path / "satuan.xlsx", rows)
    _code, report = check_json(path)
    assert [(f["cell"], f["code"]) for f in report["files"][0]["findings"]
            if f["severity"] != "info"] == []


def _records(tmp_path: Path, name: str, gs: list) -> list[dict[str, str]]:
    path = write_tc29(tmp_path / f"{name}.xlsx", clean_rows(), gs=gs)
    data = tmp_path / f"{name}.csv"
    run_cli("consolidate", str(path), "-o", str(tmp_path / f"{name}-r.xlsx"), "--data", str(data))
    with open(data, encoding="utf-8") as fh:
        return [{k: v for k, v in r.items() if k != "file"} for r in csv.DictReader(fh)]


@pytest.mark.parametrize(("key", "header"), [
    ("target", "Target Kinerja Capaian Program dan Kegiatan Tahun 2023"),
    ("realisasi", "Realisasi Kinerja dan Anggaran Tahun 2023"),
    ("realisasi", "Total Realisasi Tahun 2023"),
    ("realisasi", "Realisasi s.d. Triwulan IV"),
    ("capaian", "Persentase Capaian Renja (%)"),
])
def test_more_wordings_of_the_evaluated_years_columns(tmp_path: Path, key: str,
                                                      header: str) -> None:
    """The evaluated year's target, realisasi and capaian named by their year ("Tahun
    2023"), as a running total ("s.d. Triwulan IV") or as a percentage: read as with the
    template's wording (each column was left out: no realisasi_k, no capaian_k in the
    records, and nothing checked against them)."""
    from dataclasses import replace

    base = _records(tmp_path, "base", groups())
    gs = [replace(g, header=header) if g.key == key else g for g in groups()]
    assert _records(tmp_path, "other", gs) == base


def test_the_kode_gives_the_level_whatever_the_name_begins_with(tmp_path: Path) -> None:
    """SPEC §2.1: the kode gives the level, the text only where there is no kode. A kegiatan
    and a sub kegiatan whose names begin with "Program" stay what their kode says (they were
    taken for programs, and the JUMLAH row, which sums the programs, was flagged)."""
    rows = clean_rows()
    rows[2]["uraian"] = "Program Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar"
    rows[3]["uraian"] = "Program Penyediaan Permakanan"
    path = write_tc29(tmp_path / "nama.xlsx", rows)
    _code, report = check_json(path)
    assert [(f["row"], f["code"]) for f in report["files"][0]["findings"]
            if f["severity"] != "info"] == []
    data = tmp_path / "data.csv"
    run_cli("consolidate", str(path), "-o", str(tmp_path / "r.xlsx"), "--data", str(data))
    with open(data, encoding="utf-8") as fh:
        levels = {r["kode"]: r["level"] for r in csv.DictReader(fh) if r["kode"]}
    assert levels == {"1.06.04": "program", "1.06.04.2.01": "kegiatan",
                      "1.06.04.2.01.0001": "subkegiatan", "1.06.04.2.01.0002": "subkegiatan",
                      "1.06.04.2.02": "kegiatan", "1.06.04.2.02.0001": "subkegiatan"}


@pytest.mark.parametrize(("stated", "flagged"), [(80_011, False), (80_018, True)])
def test_a_parent_of_unrounded_thousands_beside_children_summed_as_shown(
        tmp_path: Path, stated: int, flagged: bool) -> None:
    """Rp. (000): each sub kegiatan's quarters are 10.001,4 thousand shown as 10.001 and its
    realisasi their SUM (40.004); the kegiatan's realisasi comes from the unrounded amounts
    (80.011,2). 3 000 rupiah from the sum of its children is within the twelve roundings
    behind it (found by bench/accuracy.py --seed 43); 10 000 off is a mistake, against its
    children and against its own quarters."""
    from tests.samples_data import _parent, _sub

    kids = [_sub(f"1.06.04.2.01.000{i}", f"Penyediaan {i}", "Jumlah penerima", "Orang", 500,
                 500_000, 200, 100_000, 100, 50_000, [20, 30, 25, 25], [10_001] * 4)
            for i in (1, 2)]
    parent = _parent("1.06.04.2.01", "Penyediaan Permakanan", None, kids)
    parent.update({f"tw{q}_rp": 20_003 for q in range(1, 5)}, realisasi_rp=stated,
                  realisasi_renstra_rp=parent["realisasi_lalu_rp"] + stated)
    parent["capaian_rp"] = round(stated / parent["target_rp"] * 100, 2)
    parent["capaian_renstra_rp"] = round(parent["realisasi_renstra_rp"]
                                         / parent["target_renstra_rp"] * 100, 2)
    path = write_tc29(tmp_path / "ribu.xlsx", [parent, *kids], rp_label="Rp. (000)")
    _code, report = check_json(path)
    errors = {(f["row"], f["code"]) for f in report["files"][0]["findings"]
              if f["severity"] == "error"}
    assert errors == ({(10, "total-mismatch"), (10, "sum-mismatch")} if flagged else set())


def test_a_report_redirected_in_a_legacy_code_page_is_written_whole(tmp_path: Path) -> None:
    """``sakip-xl check folder > hasil.txt`` on Windows writes in the ANSI code page (cp1252),
    which has no ✓ and none of the characters OPD staff paste into cells ("≈"). The text
    report still arrives whole (its own marks in ASCII, a character that does not fit as
    "?"); the JSON report is UTF-8 wherever it goes, so it reads back the same."""
    rows = clean_rows()
    rows[3]["tw1_rp"] = "≈ ± 30 jt"  # not a number: an unparseable finding quotes it
    inbox = tmp_path / "kotak"
    inbox.mkdir()
    write_tc29(inbox / "a-bersih.xlsx", clean_rows())
    write_tc29(inbox / "b-salah.xlsx", rows)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "cp1252"}
    env.pop("PYTHONUTF8", None)
    command = [sys.executable, "-m", "sakip_xl", "check", str(inbox)]
    text = subprocess.run(command, capture_output=True, env=env, timeout=120)
    assert text.stderr == b""
    assert text.returncode == 1
    report = text.stdout.decode("cp1252")
    assert "  v " in report  # the clean file's mark
    assert "«? ± 30 jt»" in report  # ± is in cp1252, ≈ is not
    as_json = subprocess.run([*command, "--format", "json"], capture_output=True, env=env,
                             timeout=120)
    assert as_json.stderr == b""
    quoted = [f["actual"] for file in json.loads(as_json.stdout.decode("utf-8"))["files"]
              for f in file["findings"] if f["code"] == "unparseable"]
    assert quoted == ["≈ ± 30 jt"]


def test_a_pattern_typed_on_windows_is_expanded(tmp_path: Path) -> None:
    """cmd and PowerShell pass ``*.xlsx`` on unexpanded; sakip-xl expands it. A file whose
    name holds brackets is still taken as it is, and a pattern that matches nothing is
    reported as not found."""
    inbox = tmp_path / "kotak"
    inbox.mkdir()
    write_tc29(inbox / "dinsos-tw1.xlsx", clean_rows())
    write_tc29(inbox / "dinsos-tw2.xlsx", clean_rows())
    write_tc29(inbox / "dinkes-tw1.xlsx", clean_rows())
    write_tc29(inbox / "laporan [final].xlsx", clean_rows())
    code, report = check_json(inbox / "dinsos-*.xlsx", inbox / "laporan [final].xlsx")
    assert code == 0
    assert [Path(f["path"]).name for f in report["files"]] == [
        "dinsos-tw1.xlsx", "dinsos-tw2.xlsx", "laporan [final].xlsx"]
    code, report = check_json(inbox / "dinpar-*.xlsx")
    assert code == 2 and report["files"] == []


def test_a_kode_written_plainly_is_kept_as_the_general_cleaning_keeps_it() -> None:
    """`join_kode` keeps a kode of ASCII letters and digits in dot-joined segments as it is,
    without the general cleaning (spaces to dots, other characters dropped, dots squeezed):
    what it gives is what the cleaning gives, for any text."""
    from hypothesis import example, given
    from hypothesis import strategies as st

    from sakip_xl.normalise import norm_text
    from sakip_xl.rows import _kode_of_texts, join_kode

    kode_like = st.text(alphabet=st.sampled_from(list("0129aZxX. -,\t\u00a0١/:@[`{")), max_size=14)

    @given(st.one_of(kode_like, st.text(max_size=8)))
    @example("1.06.02.2.01.0001")
    @example("01.2.01")
    @example(".1.02")
    @example("1.02.")
    @example("1..02")
    @example("1. 02")
    @example("X.XX.01")
    @example("1,02")
    @example("")
    @example("١.٠٢")
    @example("1:02")
    @example("1.0{")
    @example("A@.B[")
    def same(text: str) -> None:
        assert join_kode([text]) == _kode_of_texts((norm_text(text),))

    same()


def test_a_workbook_without_a_table_says_whether_it_holds_anything(tmp_path: Path) -> None:
    """No table found: "no-table" when the visible sheets hold something, "empty-workbook"
    when they hold nothing (what a hidden sheet holds does not count)."""
    words = openpyxl.Workbook()
    words.active["C7"] = "catatan rapat"
    words.save(tmp_path / "words.xlsx")
    hidden_only = openpyxl.Workbook()
    hidden_only.active["A1"] = None
    secret = hidden_only.create_sheet("rahasia")
    secret["B2"] = "isi"
    secret.sheet_state = "hidden"
    hidden_only.save(tmp_path / "hidden-only.xlsx")
    assert check_file(str(tmp_path / "words.xlsx")).error == "no-table"
    assert check_file(str(tmp_path / "hidden-only.xlsx")).error == "empty-workbook"


@settings(max_examples=1500, deadline=None)
@given(words=st.lists(st.text(st.characters(blacklist_categories=("Zs", "Cc", "Zl", "Zp")),
                              min_size=1, max_size=12), max_size=30),
       spaces=st.lists(st.sampled_from([" ", "  ", "\t", "\n", " \n "]), max_size=30),
       width=st.integers(1, 40))
def test_wrapping_fills_lines_as_textwrap_does(words: list[str], spaces: list[str],
                                               width: int) -> None:
    """The terminal report's wrapping: every line at most ``width``, the words in order (a run
    of spaces, tabs or newlines is one space), and what ``textwrap`` gives (without breaking
    at hyphens) for words between single spaces that each fit a line."""
    import textwrap

    from sakip_xl.report import wrap_words

    text = "".join(w + (spaces[i] if i < len(spaces) else " ") for i, w in enumerate(words))
    lines = wrap_words(text, width)
    assert all(0 < len(line) <= width for line in lines)
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())
    single = " ".join(text.split())
    assert wrap_words(single, width) == lines
    if all(len(w) <= width for w in text.split()):
        assert lines == textwrap.wrap(single, width, break_on_hyphens=False)
