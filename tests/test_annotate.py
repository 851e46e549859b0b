"""`annotate`, `watch` and bad inputs: originals untouched, copies check the same, no
stacking, one clear message per bad file, no traceback."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.builders import with_far_cells, write_table
from tests.conftest import ROOT, check_json, findings, run_cli, run_process

SAMPLES = ROOT / "samples"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()
            if p.is_file()}


def test_annotate_copies_flag_every_cell_and_check_the_same(tmp_path: Path) -> None:
    src = tmp_path / "masuk dinas sosial é"  # spaces and non-ASCII in the path
    src.mkdir()
    for p in SAMPLES.glob("*.xlsx"):
        shutil.copy(p, src / p.name)
    before = _digest(src)
    code, _ = run_cli("annotate", str(src), "--jobs", "1")
    assert code == 1
    after = {k: v for k, v in _digest(src).items() if ".diperiksa." not in k}
    assert after == before  # inputs byte-identical
    for name in before:
        orig = src / name
        copy = src / name.replace(".xlsx", ".diperiksa.xlsx")
        assert copy.exists()
        _, rep_orig = check_json(orig)
        _, rep_copy = check_json(copy)
        assert findings(rep_copy) == findings(rep_orig)
        wb = openpyxl.load_workbook(copy)
        assert wb.sheetnames[0] == "Hasil Pemeriksaan"
        for f in rep_orig["files"][0]["findings"]:
            anchor = wb[f["sheet"]][f["cell"]]
            assert anchor.comment is not None and "sakip-xl" in anchor.comment.text
        links = [c.hyperlink.location if c.hyperlink.location else c.hyperlink.target
                 for c in wb["Hasil Pemeriksaan"]["D"] if c.hyperlink]
        assert len(links) == len(rep_orig["files"][0]["findings"])


def test_annotating_an_annotated_copy_does_not_stack(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "contoh-berantakan-tc29.xlsx", tmp_path / "a.xlsx")
    run_cli("annotate", str(tmp_path / "a.xlsx"))
    first = tmp_path / "a.diperiksa.xlsx"
    run_cli("annotate", str(first), "-o", str(tmp_path / "again"))
    second = tmp_path / "again" / "a.diperiksa.diperiksa.xlsx"
    wb1, wb2 = openpyxl.load_workbook(first), openpyxl.load_workbook(second)
    assert wb2.sheetnames == wb1.sheetnames
    assert wb2.sheetnames.count("Hasil Pemeriksaan") == 1
    assert wb2["Hasil Pemeriksaan"].max_row == wb1["Hasil Pemeriksaan"].max_row
    c1 = {c.coordinate: c.comment.text for row in wb1["T-C.29"].iter_rows() for c in row
          if c.comment}
    c2 = {c.coordinate: c.comment.text for row in wb2["T-C.29"].iter_rows() for c in row
          if c.comment}
    assert c1 == c2


def test_computed_cells_are_filled_in_the_copy(tmp_path: Path) -> None:
    shutil.copy(ROOT / "samples" / "contoh-bersih-tc29.xlsx", tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx")
    ws = wb["T-C.29"]
    ws["Y13"] = None  # capaian K left empty
    wb.save(tmp_path / "b.xlsx")
    _code, report = check_json(tmp_path / "b.xlsx")
    assert ("Y13", "computed") in findings(report, ("info",))
    run_cli("annotate", str(tmp_path / "b.xlsx"))
    copy = openpyxl.load_workbook(tmp_path / "b.diperiksa.xlsx")["T-C.29"]
    assert copy["Y13"].value == pytest.approx(100.0)
    assert copy["Y13"].font.italic


def _bad_files(folder: Path) -> dict[str, str]:
    """name -> expected JSON status."""
    (folder / "kosong.xlsx").write_bytes(b"")
    (folder / "terpotong.xlsx").write_bytes((SAMPLES / "contoh-bersih-tc29.xlsx").read_bytes()
                                           [:3000])
    (folder / "bukan.xlsx").write_bytes(b"ini bukan spreadsheet sama sekali")
    # a workbook really encrypted with a password, as Excel's "Encrypt with Password" does
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(SAMPLES / "contoh-bersih-tc29.xlsx", "rb") as src, open(
            folder / "berpassword.xlsx", "wb") as out:
        OOXMLFile(src).encrypt("rahasia", out)
    write_table(folder / "tanpa tabel.xlsx", [["Catatan rapat"]], [["tidak ada tabel"]])
    openpyxl.Workbook().save(folder / "kosong-isi.xlsx")
    with zipfile.ZipFile(folder / "bom.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    with zipfile.ZipFile(folder / "xxe.xlsx", "w") as zf:
        src = zipfile.ZipFile(SAMPLES / "contoh-bersih-tc29.xlsx")
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/styles.xml":
                data = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + data.split(b"?>", 1)[1])
            zf.writestr(item, data)
    (folder / "~$lock.xlsx").write_bytes(b"lock")
    (folder / "catatan.txt").write_text("bukan workbook")
    return {"kosong.xlsx": "error", "terpotong.xlsx": "error", "bukan.xlsx": "error",
            "berpassword.xlsx": "error", "tanpa tabel.xlsx": "error", "kosong-isi.xlsx": "error",
            "bom.xlsx": "error", "xxe.xlsx": "error"}


def test_bad_inputs_each_get_one_message_and_the_run_goes_on(tmp_path: Path) -> None:
    expected = _bad_files(tmp_path)
    shutil.copy(SAMPLES / "contoh-bersih-tc29.xlsx", tmp_path / "baik.xlsx")
    before = _digest(tmp_path)
    proc = run_process("check", str(tmp_path), "--format", "json")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 2
    import json

    report = json.loads(proc.stdout)
    status = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert status == {**expected, "baik.xlsx": "ok"}  # lock file and .txt skipped quietly
    errors = {Path(f["path"]).name: f["error"] for f in report["files"]}
    assert "kata sandi" in errors["berpassword.xlsx"]
    assert "256 MB" in errors["bom.xlsx"]
    assert "Evaluasi Renja" in errors["tanpa tabel.xlsx"]
    assert "entitas" in errors["xxe.xlsx"]
    assert all(errors[n] for n in expected)
    parallel = run_process("check", str(tmp_path), "--format", "json", "--jobs", "3")
    assert (parallel.returncode, parallel.stdout) == (proc.returncode, proc.stdout)
    proc = run_process("annotate", str(tmp_path), "--jobs", "3")
    assert "Traceback" not in proc.stderr
    assert (tmp_path / "baik.diperiksa.xlsx").exists()
    assert _digest(tmp_path).items() >= before.items()


def test_read_only_output_folder_is_reported(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    proc = run_process("annotate", str(SAMPLES / "contoh-bersih-tc29.xlsx"), "-o", str(out))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_legacy_xls_annotated_as_xlsx(real_dir: Path, tmp_path: Path) -> None:
    _code, out = run_cli("annotate", str(real_dir / "bandung-formulir-e81-template.xls"), "-o",
                        str(tmp_path))
    assert (tmp_path / "bandung-formulir-e81-template.diperiksa.xlsx").exists()
    assert ".xlsx" in out and "lama" in out


def test_watch_once_writes_copies_and_a_log(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "contoh-berantakan-tc29.xlsx", tmp_path / "opd1.xlsx")
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04rusak")
    assert run_cli("consolidate", str(SAMPLES / "contoh-bersih-tc29.xlsx"), "-o",
                   str(tmp_path / "rekap.xlsx"))[0] == 0  # a rekap dropped in the folder
    code, _out = run_cli("watch", str(tmp_path), "--once")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "diperiksa").iterdir()) == ["opd1.diperiksa.xlsx"]
    log = (tmp_path / "sakip-xl.log").read_text(encoding="utf-8")
    assert "opd1.xlsx: PERLU DIPERBAIKI — 7 kesalahan, 5 peringatan" in log
    assert "rusak.xlsx: GAGAL" in log
    assert ("rekap.xlsx: DILEWATI — Rekap buatan sakip-xl, bukan workbook OPD: tidak diperiksa "
            "dan tidak ikut direkap.") in log


def test_false_dimension_and_gigantic_cells(tmp_path: Path) -> None:
    import re

    import xlsxwriter

    src = SAMPLES / "contoh-bersih-tc29.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp_path / "dim.xlsx", "w",
                                                      zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>',
                              data)
                assert b"XFD1048576" in data
            zout.writestr(item, data)
    wb = xlsxwriter.Workbook(tmp_path / "giant.xlsx", {"strings_to_numbers": False})
    ws = wb.add_worksheet()
    for c, h in enumerate(["No", "Sasaran", "Indikator", "Target", "Realisasi", "Capaian"]):
        ws.write(0, c, h)
    ws.write_row(1, 0, [1, "S" * 32000, "Persentase x", "9" * 32000, "80", "100"])
    wb.close()
    code, report = check_json(tmp_path / "dim.xlsx", tmp_path / "giant.xlsx")
    assert code == 1  # the unreadable 9999… target is an error
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert by_name["dim.xlsx"]["tables"][0]["rows"] == 8
    assert findings({"files": [by_name["dim.xlsx"]]}) == set()
    giant = by_name["giant.xlsx"]
    assert [(f["cell"], f["code"]) for f in giant["findings"]] == [("D2", "unparseable")]
    # the report keeps more of the text than the message, which quotes 119 characters
    assert giant["findings"][0]["actual"] == "9" * 200  # (normalise keeps 200)
    assert f"«{'9' * 119}…»" in giant["findings"][0]["message"]


def test_a_cell_inside_a_merged_range_is_annotated_at_its_top_left() -> None:
    """Only a merged range's top-left cell holds a value or a comment (0-based here)."""
    from sakip_xl.annotate import _Anchors

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.merge_cells("B2:C3")
    ws.merge_cells("E5:E9")
    anchors = _Anchors()
    assert anchors.of(ws, 2, 2) == (1, 1)  # C3 -> B2
    assert anchors.of(ws, 7, 4) == (4, 4)  # E8 -> E5
    assert anchors.of(ws, 1, 1) == (1, 1)
    assert anchors.of(ws, 2, 3) == (2, 3)  # D3: beside the range
    assert anchors.of(ws, 9, 4) == (9, 4)  # E10: below it


def test_a_merged_range_over_a_whole_sheet_is_left_out_of_the_copy(tmp_path: Path) -> None:
    """openpyxl makes an object of every cell of a merged range: B1:XFD1048576 would take all
    memory. The copy is made without ranges above two million cells and says so; the table's
    own merged header stays. Run with its memory capped (where the system allows), so that a
    regression fails here instead of filling the machine."""
    src = with_far_cells(tmp_path / "gabung.xlsx", [], merge="B1:XFD1048576")
    before = src.read_bytes()
    try:
        import resource
    except ImportError:  # Windows: no cap, and the test would fill the memory on a regression
        pytest.skip("resource limits are POSIX")
    cap = 3 * 1024 ** 3
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "sakip_xl", "annotate", str(src), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (cap, cap)))
    assert proc.returncode == 0, proc.stdout[-1000:] + proc.stderr[-1000:]
    assert "sel gabungan yang sangat luas" in proc.stdout
    copy = openpyxl.load_workbook(tmp_path / "out" / "gabung.diperiksa.xlsx")
    ranges = {str(r) for r in copy["T-C.29"].merged_cells.ranges}
    assert "B1:XFD1048576" not in ranges and len(ranges) > 5  # the header's own merges stay
    notes = [c.value for row in copy["Hasil Pemeriksaan"].iter_rows() for c in row]
    assert any(isinstance(v, str) and "sel gabungan yang sangat luas" in v for v in notes)
    assert src.read_bytes() == before


def test_output_path_that_cannot_be_a_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    proc = run_process("annotate", str(SAMPLES / "contoh-bersih-tc29.xlsx"), "-o", str(blocker))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.strip()
    proc = run_process("consolidate", str(SAMPLES), "-o", str(blocker / "rekap.xlsx"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.strip()


def test_outputs_are_readable_like_any_file_the_user_creates(tmp_path: Path) -> None:
    """Written through a private temporary file, outputs still get the user's usual
    permissions (umask), so colleagues on a shared Bappeda folder can open them."""
    mask = os.umask(0o022)
    try:
        sample = ROOT / "samples" / "contoh-bersih-tc29.xlsx"
        run_cli("annotate", str(sample), "-o", str(tmp_path / "out"))
        run_cli("consolidate", str(sample), "-o", str(tmp_path / "rekap.xlsx"), "--data",
                str(tmp_path / "rekap.csv"))
        run_cli("template", "tc29", "-o", str(tmp_path / "templat.xlsx"))
    finally:
        os.umask(mask)
    written = [tmp_path / "out" / "contoh-bersih-tc29.diperiksa.xlsx", tmp_path / "rekap.xlsx",
               tmp_path / "rekap.csv", tmp_path / "templat.xlsx"]
    assert [oct(p.stat().st_mode & 0o777) for p in written] == ["0o644"] * 4


def _rewrite(src: Path, dest: Path, part: str, change) -> Path:
    """A copy of an .xlsx with one part changed (as other writers and damage leave them)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            zout.writestr(name, change(data) if name == part else data)
    return dest


# a drop-down list fed from another sheet: Excel 2010+ writes it as an x14 extension
_X14_LIST = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://'
             b'schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations '
             b'count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
             b'<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Daftar!$A$1:'
             b'$A$5</xm:f></x14:formula1><xm:sqref>AB10:AB20</xm:sqref></x14:dataValidation>'
             b'</x14:dataValidations></ext></extLst>')


def test_what_openpyxl_cannot_carry_or_open_is_said_in_words(tmp_path: Path) -> None:
    """openpyxl drops Excel 2010 extensions (a drop-down list from another sheet) with a raw
    Python warning, and cannot open some files calamine reads (a damaged docProps part). The
    user gets neither a warning nor a parser's error: the copy's note says what it lacks, and
    a file that cannot be marked says that its findings still hold."""
    src = SAMPLES / "contoh-bersih-tc29.xlsx"
    inbox = tmp_path / "kotak"
    inbox.mkdir()
    _rewrite(src, inbox / "daftar.xlsx", "xl/worksheets/sheet1.xml",
             lambda xml: xml.replace(b"</worksheet>", _X14_LIST + b"</worksheet>"))
    _rewrite(src, inbox / "rusak-sedikit.xlsx", "docProps/core.xml",
             lambda _xml: b"<?xml version='1.0'?><cp:coreProperties")
    proc = run_process("annotate", str(inbox), "-o", str(tmp_path / "keluar"))
    note = ("Catatan: salinan ini tidak memuat daftar pilihan (validasi data) versi Excel 2010 "
            "ke atas; file aslinya tetap utuh.")
    assert f"daftar.diperiksa.xlsx\n  {note}\n" in proc.stdout
    # one line; the parser's own words (expat's or lxml's) in the brackets
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith(f"Gagal menulis salinan untuk {inbox / 'rusak-sedikit.xlsx'}"
                                  ": file tidak dapat dibuka untuk ditandai (")
    assert proc.stderr.endswith("); temuan di atas tetap berlaku. Simpan ulang dari Excel lalu "
                                "ulangi.\n")
    assert proc.returncode == 2
    findings_sheet = openpyxl.load_workbook(tmp_path / "keluar" / "daftar.diperiksa.xlsx")
    assert findings_sheet["Hasil Pemeriksaan"]["A8"].value == note


# a 1 × 1 PNG: the Pemda's logo on the form
_LOGO = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c63f8cfc0f01f0005000201ff0a52f8"
                      "a20000000049454e44ae426082")


def test_the_copy_keeps_pictures_and_says_it_lacks_text_boxes(tmp_path: Path) -> None:
    """A logo stays in the copy (openpyxl keeps pictures only with Pillow installed, a
    dependency for this); a text box cannot be kept, and the copy's note says so."""
    import io

    from tests.builders import write_tc29
    from tests.samples_data import clean_rows

    def logo_and_box(ws) -> None:
        ws.insert_image("A1", "logo.png", {"image_data": io.BytesIO(_LOGO)})
        ws.insert_textbox("M30", "Paraf kepala bidang")

    src = write_tc29(tmp_path / "berlogo.xlsx", clean_rows(), decorate=logo_and_box)
    code, out = run_cli("annotate", str(src), "-o", str(tmp_path / "keluar"))
    assert code == 0
    assert ("  Catatan: salinan ini tidak memuat bentuk dan kotak teks (gambar dan grafik tetap "
            "ada); file aslinya tetap utuh.\n") in out
    with zipfile.ZipFile(tmp_path / "keluar" / "berlogo.diperiksa.xlsx") as zf:
        assert [n for n in zf.namelist() if n.startswith("xl/media/")] == ["xl/media/image1.png"]
        assert zf.read("xl/media/image1.png") == _LOGO
    # `watch` writes the same note into its log
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    shutil.copy(src, inbox / "berlogo.xlsx")
    assert run_cli("watch", str(inbox), "--once")[0] == 0
    log = (inbox / "sakip-xl.log").read_text(encoding="utf-8")
    assert ("berlogo.diperiksa.xlsx Catatan: salinan ini tidak memuat bentuk dan kotak teks "
            "(gambar dan grafik tetap ada); file aslinya tetap utuh.") in log


@pytest.fixture
def locked(tmp_path: Path):
    """Make a file impossible to replace, as Windows does while Excel has it open: here the
    immutable attribute (chattr +i; root on a file system that has it), removed afterwards."""
    import shutil as sh
    import subprocess

    held: list[Path] = []
    chattr = sh.which("chattr")

    def lock(path: Path) -> Path:
        path.write_bytes(b"lama")
        if chattr is None or subprocess.run([chattr, "+i", str(path)],
                                            capture_output=True).returncode != 0:
            pytest.skip("cannot make a file immutable here (needs chattr, root, ext4)")
        held.append(path)
        return path

    yield lock
    for path in held:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_an_output_open_in_excel_is_named_and_nothing_is_left_behind(
        tmp_path: Path, locked) -> None:
    """Last quarter's rekap or copy still open in Excel: one message that says so, the old
    file as it was, no temporary file left in the folder, the other outputs still written."""
    out = tmp_path / "keluar"
    out.mkdir()
    rekap = locked(out / "rekap.xlsx")
    proc = run_process("consolidate", str(SAMPLES), "-o", str(rekap), "--data",
                       str(out / "rekap.csv"))
    assert proc.returncode == 2
    assert proc.stderr == (f"{rekap} tidak dapat ditimpa: file itu sedang terbuka (mis. di "
                           "Excel) atau terkunci. Tutup file itu lalu jalankan lagi.\n")
    assert rekap.read_bytes() == b"lama"
    assert sorted(p.name for p in out.iterdir()) == ["rekap.xlsx"]  # no .sakip-* left
    copy = locked(out / "contoh-bersih-tc29.diperiksa.xlsx")
    proc = run_process("annotate", str(SAMPLES / "contoh-bersih-tc29.xlsx"),
                       str(SAMPLES / "contoh-berantakan-tc29.xlsx"), "-o", str(out))
    assert proc.returncode == 2
    assert proc.stderr == (f"Gagal menulis salinan untuk {SAMPLES / 'contoh-bersih-tc29.xlsx'}"
                           f": {copy} tidak dapat ditimpa: file itu sedang terbuka (mis. di "
                           "Excel) atau terkunci. Tutup file itu lalu jalankan lagi.\n")
    assert copy.read_bytes() == b"lama"
    assert sorted(p.name for p in out.iterdir()) == [
        "contoh-berantakan-tc29.diperiksa.xlsx", "contoh-bersih-tc29.diperiksa.xlsx",
        "rekap.xlsx"]
