"""The read stage's own zip reader: what it gives equals what zipfile gives, damaged and
unusual containers get a message (or zipfile's help), names and formats survive XML escapes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_xl.container import BadContainer, Container, ZipfileContainer, open_container
from sakip_xl.read import MAX_COLS, MAX_ROWS, read_workbook
from tests.builders import with_far_cells, write_tc29
from tests.conftest import ROOT, check_json, findings, run_process
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
    # a user sees one message for such a file: it does not start as a workbook does
    code, report = check_json(prefixed)
    file = report["files"][0]
    assert (file["status"], code) == ("error", 2) and file["error"]


def test_escaped_sheet_names_and_format_codes_are_read(tmp_path: Path) -> None:
    rows = clean_rows()
    rounded = 0
    for r in rows:
        x = r.get("capaian_rp")
        if isinstance(x, float) and x != round(x):
            r["capaian_rp"] = float(round(x))  # 95.83 typed as 96 in a cell showing no decimals
            rounded += 1
    assert rounded >= 3
    path = write_tc29(tmp_path / "nama.xlsx", rows, sheet="Renja & \"Évaluasi\"",
                      formats={"capaian_rp": '0;"-"0'})
    text = zipfile.ZipFile(path).read("xl/workbook.xml")
    assert b"&amp;" in text and b"&quot;" in text  # the name is escaped in the XML
    _code, report = check_json(path)
    # the 0-decimal format was found through the escaped name and code: the rounded capaian
    # agree with 13 / 8 × 100 at the decimals shown
    assert findings(report) == set()
    assert report["files"][0]["tables"][0]["sheet"] == 'Renja & "Évaluasi"'


def test_number_formats_and_formulas_found_whatever_the_attribute_order() -> None:
    """Writers put ``s`` right after ``r`` (the fast pattern); a cell that has ``t`` first is
    still read, and formulas are found from their ``<f``, with or without a cached value."""
    from sakip_xl.model import NumFmt, SheetGrid
    from sakip_xl.read import _scan_sheet

    pct, two = NumFmt(percent=True, decimals=2), NumFmt(percent=False, decimals=0)
    for xml, expected in (
        (b'<sheetData><row r="1"><c r="A1" s="3"><v>0.5</v></c><c r="B1" s="4" t="s"><v>0</v>'
         b'</c><c r="C1" s="9"><v>1</v></c></row></sheetData>', {0: {0: pct}, 1: {0: two}}),
        (b'<sheetData><row r="1"><c r="A1" t="n" s="3"><v>0.5</v></c><c r="B1" s="4"><v>0</v>'
         b'</c></row></sheetData>', {0: {0: pct}, 1: {0: two}}),
        # a style that is not a number, a row's own style, an attribute that only ends in r
        (b'<sheetData><row r="1" s="3"><c r="A1" s="3x"><v>0.5</v></c><c r="B1" s="4"><v>0'
         b'</v></c></row></sheetData>', {1: {0: two}}),
        (b'<sheetData><row r="1" s="3"><c r="A1" s="3x"><v>0.5</v></c><c xr="B1" s="4"><v>0'
         b'</v></c><c r="C1" s="4"/></row></sheetData>', {2: {0: two}}),
        (b'<sheetData><row r="1"><c r="A1" s="3"/><c t="n" xr="B1" s="4"><v>0</v></c><c r="C1"'
         b' s="03"/></row></sheetData>', {0: {0: pct}, 2: {0: pct}}),
    ):
        sheet = SheetGrid(name="S", visible=True, rows=[], merges=[])
        _scan_sheet(xml, sheet, {3: pct, 4: two}, False, False)
        assert sheet.formats == expected
    xml = (b'<sheetData><row r="2"><c r="A2"><v>1</v></c><c r="B2" s="1"><f>SUM(A1:A2)</f>'
           b'<v>3</v></c><c r="C2"><f t="shared" si="0"/><v>2</v></c><c r="D2"><f>A2*2</f>'
           b'</c></row></sheetData><conditionalFormatting><cfRule><formula>A1&gt;0</formula>'
           b'</cfRule></conditionalFormatting>')
    sheet = SheetGrid(name="S", visible=True, rows=[], merges=[])
    _scan_sheet(xml, sheet, {}, True, True)  # Excel-saved: only the uncached one
    assert sheet.formulas == {(1, 3): "A2*2"} and sheet.uncached == {(1, 3)}
    sheet = SheetGrid(name="S", visible=True, rows=[], merges=[])
    _scan_sheet(xml, sheet, {}, True, False)  # a library's cache is not trusted
    assert sheet.formulas == {(1, 1): "SUM(A1:A2)", (1, 3): "A2*2"}


def _cell_tag(attrs: list[tuple[str, str, str]], text: str) -> str:
    return "<c " + " ".join(f"{k}={q}{v}{q}" for k, v, q in attrs) + f"><is><t>{text}</t></is></c>"


_REFS = st.builds(lambda col, row: f"{col}{row}", st.sampled_from(["A", "B", "Z", "AA", "AE"]),
                  st.integers(0, 400))
_CELL_ATTRS = st.lists(
    st.tuples(st.sampled_from(["r", "s", "t", "cm", "xs", "xr"]),
              st.one_of(_REFS, st.integers(0, 12).map(str),
                        st.sampled_from(["s", "n", 'x s="3"', "x r='B2' s='4'", "a1", "", "3x"])),
              st.sampled_from(['"', "'"])),
    max_size=5, unique_by=lambda kqv: kqv[0]).map(
        # a style as every writer writes it (`` s="3"``); other values quoted either way
        lambda attrs: [(k, v, '"' if k == "s" else q) for k, v, q in attrs])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_CELL_ATTRS, st.sampled_from(["", 'x s="4"', "&lt;c r=&quot;A1"])),
                max_size=12))
def test_cell_formats_are_what_an_xml_parser_reads(cells: list) -> None:
    """The cells' number formats against ElementTree on the same sheet: any attribute order
    (``s`` right after ``r``, as writers put it, and elsewhere), quoted values that look like
    attributes, rows with a style, references and styles of any shape."""
    import xml.etree.ElementTree as ET

    from sakip_xl.cellformats import cell_formats
    from sakip_xl.model import NumFmt

    cells = [(attrs, text) for attrs, text in cells if all(q not in v for _k, v, q in attrs)]
    xml = ('<sheetData><row r="1" s="3" customFormat="1">'
           + "".join(_cell_tag(a, t) for a, t in cells) + "</row></sheetData>")
    styles = {3: NumFmt(percent=True, decimals=2), 4: NumFmt(decimals=0), 12: NumFmt(decimals=1)}
    expected: dict[int, dict[int, NumFmt]] = {}
    for c in ET.fromstring(xml).iter("c"):
        ref, style = c.get("r", ""), c.get("s", "")
        letters = ref.rstrip("0123456789")
        digits = ref[len(letters):]
        if (letters.isalpha() and letters.isupper() and letters.isascii() and digits.isdigit()
                and int(digits) > 0 and style.isdigit() and int(style) in styles):
            col = 0
            for ch in letters:
                col = col * 26 + ord(ch) - 64
            expected.setdefault(col - 1, {})[int(digits) - 1] = styles[int(style)]
    assert cell_formats(xml.encode(), styles) == expected


def test_each_cell_style_gets_its_own_number_format(tmp_path: Path) -> None:
    """styles.xml as Excel and others write it: an xf's numFmtId anywhere among its attributes,
    in either quotes, or absent (General); ``<xf`` of cellStyleXfs does not count, nor does
    ``<xfId``. Cell style ids are positions in cellXfs, as a sheet writes them (s="12")."""
    from sakip_xl.model import NumFmt
    from sakip_xl.read import _style_formats

    styles = (
        b'<?xml version="1.0"?><styleSheet xmlns="x"><numFmts count="2">'
        b'<numFmt numFmtId="164" formatCode="0.0%"/><numFmt formatCode="#,##0" numFmtId="165"/>'
        b'</numFmts><cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs>'
        b'<cellXfs count="7">'
        b'<xf numFmtId="0" fontId="0"/>'  # 0 General
        b'<xf fontId="1" numFmtId="164" applyNumberFormat="1"/>'  # 1 0.0%
        b"<xf numFmtId='165' xfId='0'><alignment wrapText='1'/></xf>"  # 2 #,##0
        b'<xf fontId="2"><xfId/></xf>'  # 3 no numFmtId: General
        b'<xf numFmtId="4"/>'  # 4 #,##0.00: two decimals, the default, not kept
        b'<xf xfId="0" numFmtId="9"/>'  # 5 0%
        b'<xf numFmtId="3"/>'  # 6 #,##0
        b'</cellXfs></styleSheet>'
    )
    path = tmp_path / "styles.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/styles.xml", styles)
    with open_container(str(path)) as zc:
        formats = _style_formats(zc)
    assert formats == {1: NumFmt(percent=True, decimals=1), 2: NumFmt(decimals=0),
                       5: NumFmt(percent=True, decimals=0), 6: NumFmt(decimals=0)}


def test_formulas_of_one_shape_share_a_compiled_program_and_keep_their_cells() -> None:
    """A form repeats one formula per row with its own row numbers; it is compiled once per
    shape (references relative to the cell), and each cell still reads its own inputs: a
    reference's sign and a relative column are part of the shape ("=-E$5" in B3 is not
    "=D$5" in G1, which a key without separators once confused). Text left over after a
    whole formula ("=A1>B1", a comparison outside IF) is no value, not A1. A reference in the
    place of the whole value (the formula, an IF branch) shows a text cell's text."""
    from sakip_xl.formula import evaluate_workbook
    from sakip_xl.model import SheetGrid

    rows: list[list[object]] = [["" for _ in range(8)] for _ in range(6)]
    rows[4][3], rows[4][4] = 7.0, 11.0  # D5, E5
    rows[0][7] = "Program A"  # H1
    for r in range(6):
        rows[r][0] = float(r + 1)  # A1..A6 = 1..6
    sheet = SheetGrid(name="S", visible=True, rows=rows, merges=[])
    sheet.formulas = {(0, 6): "D$5", (2, 1): "-E$5", (1, 2): "A2*10", (2, 2): "A3*10",
                      (3, 2): "$A$1+A4", (5, 5): "A1>A2",
                      # a reference standing for the whole value shows a text cell's text
                      (4, 6): "IF(A1>0,H1,0)", (5, 6): "H1", (5, 7): "H1&A1"}
    evaluate_workbook([sheet])
    assert (sheet.value(4, 6), sheet.value(5, 6)) == ("Program A", "Program A")
    assert sheet.value(5, 7) == "" and (5, 7) in sheet.unevaluated  # & is not evaluated
    assert (sheet.value(0, 6), sheet.value(2, 1)) == (7.0, -11.0)
    assert [sheet.value(r, 2) for r in (1, 2, 3)] == [20.0, 30.0, 5.0]
    assert sheet.value(5, 5) == "" and (5, 5) in sheet.unevaluated
    # the compiled formulas are remembered, and forgotten with the other memos
    from sakip_xl import formula
    from sakip_xl.pipeline import clear_caches

    (programs,) = formula.MEMOS
    assert programs
    clear_caches()
    assert not programs


def test_a_sheet_named_like_a_cell_is_part_of_the_formula_shape() -> None:
    """Formulas are compiled once per shape, their references made relative; a sheet's name
    is kept as written: "=TW1!A5" in row 5 and "=TW2!A6" in row 6 share every offset (a
    sheet named like a cell, TW1 / TW2, made relative too) but read different sheets."""
    from sakip_xl.formula import evaluate_workbook
    from sakip_xl.model import SheetGrid

    def column(name: str, step: float) -> SheetGrid:
        rows: list[list[object]] = [[step * r] for r in range(1, 8)]
        return SheetGrid(name=name, visible=True, rows=rows, merges=[])

    main = SheetGrid(name="S", visible=True, rows=[[""] for _ in range(7)], merges=[])
    main.formulas = {(4, 0): "TW1!A5", (5, 0): "TW2!A6", (6, 0): "SUM('TW 3'!A1:A2)"}
    evaluate_workbook([main, column("TW1", 10.0), column("TW2", 100.0), column("tw 3", 1.0)])
    assert [main.value(r, 0) for r in (4, 5, 6)] == [50.0, 600.0, 3.0]


def _far_ods(path: Path) -> Path:
    """An .ods whose one sheet has a value in A1 and another in the last cell of the grid,
    the empty rows and cells between written as repeats (as LibreOffice writes them)."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    cell = '<table:table-cell office:value-type="float" office:value="{0}"><text:p>{0}</text:p>' \
           "</table:table-cell>"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
        'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Luas">'
        f"<table:table-row>{cell.format(1)}</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        f"{cell.format(2)}</table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_a_value_far_beyond_the_table_is_left_out_not_a_crash(tmp_path: Path) -> None:
    """python-calamine lays a sheet out densely from its first to its last cell: one value in
    XFD1048576 (a slip of the keyboard, Excel's Solver add-in) asked for 549 GB and aborted
    the whole run, every other file with it. Such cells are left out (beyond column OJ and
    row 200 000 no table reaches), in a new process as a user runs it; an .ods that wide is
    one clear message; annotating keeps the far cell as it was."""
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    write_tc29(inbox / "00-bersih.xlsx", clean_rows())
    with_far_cells(inbox / "01-xfd.xlsx", [(1048575, 16383, "x")], dimension="A1:XFD1048576")
    with_far_cells(inbox / "02-tepi.xlsx", [(0, 500, 7), (149999, 16383, 5), (250000, 3, 8)])
    with_far_cells(inbox / "03-gabung.xlsx", [(100, 16383, 9)], merge="B1:XFD1048576",
                    dimension="A1:XFD101")
    _far_ods(inbox / "04-luas.ods")
    before = {p.name: p.read_bytes() for p in inbox.iterdir()}
    proc = run_process("check", str(inbox), "--format", "json", "--jobs", "1")
    assert proc.returncode == 2, proc.stderr[-2000:]  # 2: the .ods cannot be read at all
    assert "Traceback" not in proc.stderr and "memory allocation" not in proc.stderr
    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    want = files.pop("00-bersih.xlsx")
    assert want["status"] == "ok" and want["tables"][0]["rows"] > 5
    ods = files.pop("04-luas.ods")
    assert ods["status"] == "error" and ods["error"].startswith("Ada lembar yang terlalu luas")
    for name, file in files.items():  # the same table and findings as without the far cells
        assert (file["status"], file["tables"], file["findings"]) == (
            want["status"], want["tables"], want["findings"]), name
    grid = read_workbook(str(inbox / "03-gabung.xlsx"))
    assert all(r1 < MAX_ROWS and c1 < MAX_COLS for _r0, _c0, r1, c1 in grid.sheets[0].merges)
    proc = run_process("annotate", str(inbox / "01-xfd.xlsx"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    from openpyxl import load_workbook

    copy = load_workbook(tmp_path / "out" / "01-xfd.diperiksa.xlsx")
    assert copy["T-C.29"]["XFD1048576"].value == "x"
    assert {p.name: p.read_bytes() for p in inbox.iterdir()} == before  # inputs untouched
