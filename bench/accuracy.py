"""How many normalised values in ``consolidate --data`` equal the true ones, on a mixed folder.

    python bench/accuracy.py                       # 40 mixed workbooks, seed 7
    python bench/accuracy.py --files 80 --seed 3   # another unseen folder
    python bench/accuracy.py --show 30             # list the first 30 wrong values
    python bench/accuracy.py --generator spec      # the folder of bench/spec_inbox.py
    python bench/accuracy.py --generator library   # bench/library_inbox.py (xlsxwriter)

Builds the folder with ``bench/mixed.py`` (every file dressed differently, the truth kept
aside; planted mistakes), ``bench/spec_inbox.py`` (a generator written apart from it, from
SPEC alone; amounts at random, so its mistakes are not counted) or ``bench/library_inbox.py``
(a third, written with xlsxwriter: formulas without cached values, split kode, tables off
A1), runs the real CLI
(``python -m sakip_xl consolidate FOLDER -o rekap.xlsx --data data.csv``) in a new process,
and compares every value the truth knows with the record of the same file, sheet and row:
numbers to 1e-6 (relative), text exactly. A data row missing from the records counts every
one of its values as wrong. Also checks the rekap: its sheets, its charts, and that no text
from the inputs became a formula.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.inbox import GENERATORS, generator  # noqa: E402


class Score:
    def __init__(self) -> None:
        self.total = 0
        self.correct = 0
        self.by_field: Counter[str] = Counter()
        self.wrong_by_field: Counter[str] = Counter()
        self.wrong: list[tuple[str, str, Any, Any]] = []
        self.missing_rows: list[str] = []

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 1.0


def _equal(true: Any, got: str) -> bool:
    if isinstance(true, (int, float)) and not isinstance(true, bool):
        try:
            value = float(got)
        except ValueError:
            return False
        return abs(value - true) <= 1e-6 * max(1.0, abs(true))
    return got == str(true)


def score(truth: dict[str, dict[str, Any]], data_csv: Path) -> Score:
    with open(data_csv, encoding="utf-8", newline="") as fh:
        records = {f"{r['file']}|{r['sheet']}|{r['row']}": r for r in csv.DictReader(fh)}
    out = Score()
    for key, values in truth.items():
        record = records.get(key)
        if record is None:
            out.missing_rows.append(key)
        for field, true in values.items():
            if field.startswith("_"):
                continue
            out.total += 1
            out.by_field[field] += 1
            got = record.get(field, "") if record else None
            if got is not None and _equal(true, got):
                out.correct += 1
            else:
                out.wrong_by_field[field] += 1
                out.wrong.append((key, field, true, got))
    return out


def false_alarms(report: dict[str, Any], truth: dict[str, dict[str, Any]]) -> list[str]:
    """Error findings no planted mistake explains: a mistake's own row, or a parent (kode
    prefix; the total row: any) of a row whose quarter was typed wrong."""
    out = []
    for file in report["files"]:
        name = Path(file["path"]).name
        for f in file["findings"]:
            if f["severity"] != "error":
                continue
            key = f"{name}|{f['sheet']}|{f['row']}"
            row = truth.get(key, {})
            if row.get("_planted"):
                continue
            if f["code"] == "total-mismatch":
                prefix = row.get("kode") or ""
                sheet_rows = (v for k, v in truth.items()
                              if k.startswith(f"{name}|{f['sheet']}|"))
                if any(v.get("_planted") == "tw2_rp" and (v.get("kode") or "").startswith(prefix)
                       for v in sheet_rows):
                    continue
            out.append(f"{key} {f['cell']} {f['code']}: {f['message']}")
    return out


def missed_mistakes(report: dict[str, Any], truth: dict[str, dict[str, Any]]) -> list[str]:
    """Planted mistakes in a column the file has, on a row with no error finding."""
    flagged = {f"{Path(file['path']).name}|{f['sheet']}|{f['row']}"
               for file in report["files"] for f in file["findings"] if f["severity"] == "error"}
    return [key for key, row in truth.items()
            if row.get("_planted") in row and key not in flagged]


def rekap_problems(rekap: Path, truth: dict[str, dict[str, Any]]) -> list[str]:
    """What is wrong with the rekap a Bappeda analyst opens."""
    problems = []
    with zipfile.ZipFile(rekap) as zf:
        names = zf.namelist()
        xml = b"".join(zf.read(n) for n in names if n.startswith("xl/worksheets/sheet"))
        shared = zf.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else b""
        workbook = zf.read("xl/workbook.xml").decode("utf-8")
    formulas = [chunk.split(b"</f>")[0] for chunk in xml.split(b"<f>")[1:]]
    if formulas or b"<f " in xml:  # the rekap has none of its own either
        problems.append(f"{len(formulas)} sel berisi rumus: {formulas[:3]}")
    if not any(n.startswith("xl/charts/chart") for n in names):
        problems.append("tidak ada grafik")
    for sheet in ("Ringkasan", "Temuan"):
        if f'name="{sheet}"' not in workbook:
            problems.append(f"lembar {sheet} tidak ada")
    planted = {v for values in truth.values() for k, v in values.items()
               if k in ("uraian", "indikator") and isinstance(v, str) and v[:1] in "=+-@"}
    for text in planted:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if f">{escaped}<".encode() not in shared + xml:  # shared or inline string
            problems.append(f"teks {text!r} tidak tertulis sebagai teks")
    return problems


def run(folder: Path, out: Path) -> tuple[Path, Path]:
    rekap, data = out / "rekap.xlsx", out / "data.csv"
    subprocess.run([sys.executable, "-m", "sakip_xl", "consolidate", str(folder), "-o",
                    str(rekap), "--data", str(data)], check=True, capture_output=True)
    return rekap, data


def check_report(folder: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "sakip_xl", "check", str(folder), "--format",
                           "json"], capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=10, help="wrong values to list")
    parser.add_argument("--generator", choices=tuple(GENERATORS), default="mixed",
                        help="bench/mixed.py (default), bench/spec_inbox.py or "
                             "bench/library_inbox.py")
    args = parser.parse_args()
    build = generator(args.generator).build
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        truth = build(folder, args.files, args.rows, args.seed)
        rekap, data = run(folder, Path(tmp))
        result = score(truth, data)
        problems = rekap_problems(rekap, truth)
        report = check_report(folder)
        alarms = false_alarms(report, truth)
        missed = missed_mistakes(report, truth)
    print(f"{args.generator} folder: {args.files} files, seed {args.seed}: {len(truth)} data "
          f"rows, {result.total} true values")
    print(f"correct in --data: {result.correct}/{result.total} = {100 * result.share:.2f} %")
    if result.missing_rows:
        print(f"data rows missing from --data: {len(result.missing_rows)} "
              f"(e.g. {result.missing_rows[:3]})")
    for field, n in sorted(result.by_field.items()):
        if result.wrong_by_field[field]:
            print(f"  {field:22} {result.wrong_by_field[field]:5} wrong of {n}")
    for key, field, true, got in result.wrong[:args.show]:
        print(f"  {key} {field}: true {true!r}, got {got!r}")
    if args.generator == "mixed":  # spec_inbox's amounts are drawn at random
        planted = sum(1 for v in truth.values() if v.get("_planted") in v)
        print(f"check: {planted - len(missed)}/{planted} planted mistakes found; {len(alarms)} "
              f"error findings no planted mistake explains")
        for line in (alarms + [f"missed: {m}" for m in missed])[:args.show]:
            print("  ", line)
    print("rekap:", "; ".join(problems) if problems else
          "sheets, charts present; no input text became a formula")


if __name__ == "__main__":
    main()
