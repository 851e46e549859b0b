"""The read stage's own zip reader: what it gives equals what zipfile gives, damaged and
unusual containers get a message (or zipfile's help), names and formats survive XML escapes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sakip_xl.container import BadContainer, Container, ZipfileContainer, open_container
from tests.builders import write_tc29
from tests.conftest import ROOT, check_json, findings
from tests.samples_data import clean_rows

SAMPLES = ROOT / "samples"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.xlsx")))
def test_parts_equal_what_zipfile_reads(sample: str) -> None:
    path = str(SAMPLES / sample)
    with zipfile.ZipFile(path) as zf, open_container(path) as zc:
        assert type(zc) is Container
        assert list(zc.parts) == zf.namelist()
        for info in zf.infolist():
            assert zc.parts[info.filename].size == info.file_size
            assert zc.read(info.filename) == zf.read(info.filename)


def test_a_damaged_part_is_a_corrupt_file_not_a_traceback(tmp_path: Path) -> None:
    good = write_tc29(tmp_path / "baik.xlsx", clean_rows())
    blob = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("xl/styles.xml")
    # flip one byte inside the compressed styles part: inflating fails or the CRC differs
    start = info.header_offset + 30 + len(info.filename) + 8
    blob[start] ^= 0xFF
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(bytes(blob))
    with open_container(str(bad)) as zc, pytest.raises(BadContainer):
        zc.read("xl/styles.xml")
    code, report = check_json(bad)
    file = report["files"][0]
    assert file["status"] == "error" and "rusak" in file["error"].lower()
    assert code == 2


def test_data_before_the_archive_goes_through_zipfile(tmp_path: Path) -> None:
    good = write_tc29(tmp_path / "baik.xlsx", clean_rows())
    prefixed = tmp_path / "awalan.xlsx"
    prefixed.write_bytes(b"\0" * 64 + good.read_bytes())  # as a self-extracting archive is
    with open_container(str(prefixed)) as zc:
        assert type(zc) is ZipfileContainer
        assert zc.read("xl/workbook.xml") == zipfile.ZipFile(good).read("xl/workbook.xml")


def test_escaped_sheet_names_and_format_codes_are_read(tmp_path: Path) -> None:
    rows = clean_rows()
    for r in rows:
        if isinstance(r.get("capaian_rp"), float):
            r["capaian_rp"] = r["capaian_rp"] / 100  # 0.9848 shown as 98.48 %
    rows[3]["predikat"] = "Rendah"
    path = write_tc29(tmp_path / "nama.xlsx", rows, sheet="Renja & \"Évaluasi\"",
                      formats={"capaian_rp": '0.00%;"-"0.00%'})
    text = zipfile.ZipFile(path).read("xl/workbook.xml")
    assert b"&amp;" in text and b"&quot;" in text  # the name is escaped in the XML
    _code, report = check_json(path)
    # the percent format was found through the escaped name: fractions read as percent,
    # so only the planted predikat is flagged (not every capaian Rp)
    assert findings(report) == {("AC13", "predikat-mismatch")}
    assert report["files"][0]["tables"][0]["sheet"] == 'Renja & "Évaluasi"'
