"""`sakip-xl template` writes the files shipped in templates/, and they check clean."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT, check_json, run_cli


def _cells(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.value is not None}


@pytest.mark.parametrize(("kind", "shipped", "layout"), [
    ("tc29", "T-C29.xlsx", "tc29"), ("pengukuran", "pengukuran_kinerja.xlsx", "pengukuran")])
def test_template_matches_shipped_file_and_is_found(tmp_path: Path, kind: str, shipped: str,
                                                    layout: str) -> None:
    out = tmp_path / shipped
    code, _ = run_cli("template", kind, "-o", str(out))
    assert code == 0
    assert _cells(out) == _cells(ROOT / "templates" / shipped)
    code, report = check_json(out)
    assert [t["layout"] for t in report["files"][0]["tables"]] == [layout]
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0
