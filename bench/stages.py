"""Where the time of `check` goes, stage by stage, against the calamine read of the same file.

    python bench/stages.py bench/data/mixed-40-seed7        # after bench/run.py --mixed 40
    python bench/stages.py bench/data/opd-60x300 --repeat 3

One process, caches cleared before each pass (a user's run starts cold); the best pass of
``--repeat`` is printed, in milliseconds per file and as ratios to the raw calamine read.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import calamine_read  # noqa: E402
from sakip_xl.layouts import Layout, registry  # noqa: E402
from sakip_xl.locate import locate  # noqa: E402
from sakip_xl.pipeline import clear_caches  # noqa: E402
from sakip_xl.read import read_workbook  # noqa: E402
from sakip_xl.rows import build_rows  # noqa: E402
from sakip_xl.rules import rules_for  # noqa: E402
from sakip_xl.settings import Settings  # noqa: E402

STAGES = ("calamine", "read", "locate", "rows", "rules")


def run_stages(path: Path, settings: Settings, layouts: list[Layout], last: str = "rules"
               ) -> Iterator[str]:
    """Check one file as ``check`` does, stage by stage, naming each stage as it ends (locate
    once per sheet, rows and rules once per table); the stages after ``last`` are left out.
    ``bench/instructions.py`` counts a run stopped after each stage."""
    grid = read_workbook(str(path))  # calamine, plus the xlsx side-read
    yield "read"
    for sheet in grid.sheets if last != "read" else ():
        if not sheet.visible:
            continue  # check reads visible sheets only
        tables = locate(sheet, layouts, settings)
        yield "locate"
        for table in tables if last != "locate" else ():
            rows, footers = build_rows(sheet, table)
            yield "rows"
            if last == "rules":
                rules_for(table.layout)(sheet, table, rows, footers, settings)
                yield "rules"


def one_pass(paths: list[Path], settings: Settings) -> dict[str, float]:
    clear_caches()
    layouts = list(registry().values())
    spent = dict.fromkeys(STAGES, 0.0)
    for path in paths:
        gc.collect()
        gc.disable()  # as pipeline.inspect_file does for each file
        t0 = time.perf_counter()
        calamine_read(str(path))
        then = time.perf_counter()
        spent["calamine"] += then - t0
        for stage in run_stages(path, settings, layouts):
            now = time.perf_counter()
            spent[stage] += now - then
            then = now
        gc.enable()
    return spent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    paths = sorted(Path(args.folder).glob("*.xlsx"))
    if not paths:
        sys.exit(f"no .xlsx files in {args.folder}")
    settings = Settings()
    best: dict[str, float] | None = None
    for _ in range(args.repeat):
        spent = one_pass(paths, settings)
        best = spent if best is None else {k: min(best[k], spent[k]) for k in STAGES}
    assert best is not None
    cal = best["calamine"]
    side = best["read"] - cal
    print(f"{len(paths)} files; best of {args.repeat}; ms per file (× the calamine read)")
    print(f"  calamine read        {cal * 1000 / len(paths):6.2f}  (1.00×)")
    print(f"  xlsx side-read       {side * 1000 / len(paths):6.2f}  ({side / cal:.2f}×)")
    for stage in ("locate", "rows", "rules"):
        print(f"  {stage:20} {best[stage] * 1000 / len(paths):6.2f}  ({best[stage] / cal:.2f}×)")
    after = side + best["locate"] + best["rows"] + best["rules"]
    print(f"  check = read + the rest: {(cal + after) / cal:.2f}× the calamine read")


if __name__ == "__main__":
    main()
