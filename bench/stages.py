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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import calamine_read  # noqa: E402
from sakip_xl.layouts import registry  # noqa: E402
from sakip_xl.locate import locate  # noqa: E402
from sakip_xl.pipeline import clear_caches  # noqa: E402
from sakip_xl.read import read_workbook  # noqa: E402
from sakip_xl.rows import build_rows  # noqa: E402
from sakip_xl.rules import rules_for  # noqa: E402
from sakip_xl.rules.common import Settings  # noqa: E402

STAGES = ("calamine", "read", "locate", "rows", "rules")


def one_pass(paths: list[Path], settings: Settings) -> dict[str, float]:
    clear_caches()
    layouts = list(registry().values())
    spent = dict.fromkeys(STAGES, 0.0)
    for path in paths:
        gc.collect()
        gc.disable()  # as pipeline.inspect_file does for each file
        t0 = time.perf_counter()
        calamine_read(str(path))
        t1 = time.perf_counter()
        spent["calamine"] += t1 - t0
        grid = read_workbook(str(path))  # calamine again, plus the xlsx side-read
        t2 = time.perf_counter()
        spent["read"] += t2 - t1
        for sheet in grid.sheets:
            tables = locate(sheet, layouts, settings.synonyms)
            t3 = time.perf_counter()
            spent["locate"] += t3 - t2
            for table in tables:
                rows, footers = build_rows(sheet, table)
                t4 = time.perf_counter()
                spent["rows"] += t4 - t3
                rules_for(table.layout)(sheet, table, rows, footers, settings)
                t5 = time.perf_counter()
                spent["rules"] += t5 - t4
                t3 = t5
            t2 = t3
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
