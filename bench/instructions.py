"""Instructions spent checking a folder in one process, counted by valgrind's callgrind: unlike
wall-clock time on a shared machine, the count repeats to within a fraction of a percent, so
it tells whether a change made ``check`` do less work.

    python bench/instructions.py bench/data/spec-60-seed1
    python bench/instructions.py /tmp/mix40 --stages      # read, locate, rows, rules apart

Each figure is a run that checks the folder minus a run that only imports and warms up (the
same interpreter, this checkout); ``--stages`` runs the pipeline stopped after each stage, and
a raw python-calamine read of the same files (``bench/run.py``'s baseline) for comparison.
Needs valgrind (Debian: ``apt install valgrind``); takes a minute or two for 60 small files.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# the script run under callgrind: argv = folder, how far to go (0: import and warm up only;
# 1 read, 2 locate, 3 rows, 4 rules; "calamine": the raw read)
_SCRIPT = """
import gc, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from sakip_xl.layouts import registry
from sakip_xl.locate import locate
from sakip_xl.pipeline import warm_up
from sakip_xl.read import read_workbook
from sakip_xl.rows import build_rows
from sakip_xl.rules import rules_for
from sakip_xl.rules.common import Settings
from bench.run import calamine_read
warm_up()
gc.disable()  # as check runs
raw = sys.argv[2] == "calamine"
upto = 0 if raw else int(sys.argv[2])
settings, layouts = Settings(), list(registry().values())
for path in sorted(Path(sys.argv[1]).glob("*.xlsx")) if raw or upto else ():
    if raw:
        calamine_read(str(path))
        continue
    grid = read_workbook(str(path))
    for sheet in grid.sheets if upto >= 2 else ():
        for table in locate(sheet, layouts, settings.synonyms):
            if upto >= 3:
                rows, footers = build_rows(sheet, table)
                if upto >= 4:
                    rules_for(table.layout)(sheet, table, rows, footers, settings)
"""


def count(folder: Path, upto: str) -> int:
    """Instructions of one run of the script under callgrind."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # imports from .pyc, as an installed run does
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         "-c", _SCRIPT.format(root=str(ROOT)), str(folder), upto],
        capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind said nothing countable:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--stages", action="store_true",
                    help="also each stage apart, and the raw calamine read")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    base = count(args.folder, "0")
    total = count(args.folder, "4")
    print(f"{args.folder}: check (read + locate + rows + rules) {(total - base) / 1e6:,.0f} M "
          "instructions")
    if args.stages:
        raw = count(args.folder, "calamine") - base
        print(f"  raw calamine read {raw / 1e6:,.0f} M")
        last = base
        for upto, name in (("1", "read"), ("2", "locate"), ("3", "rows"), ("4", "rules")):
            now = total if upto == "4" else count(args.folder, upto)
            spent = now - last
            print(f"  {name:8s} {spent / 1e6:,.0f} M ({spent / raw:.2f}× the raw read)")
            last = now


if __name__ == "__main__":
    main()
