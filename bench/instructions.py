"""Instructions spent checking a folder in one process, counted by valgrind's callgrind: unlike
wall-clock time on a shared machine, the count repeats to within a fraction of a percent, so
it tells whether a change made ``check`` do less work.

    python bench/instructions.py bench/data/spec-60-seed1
    python bench/instructions.py /tmp/mix40 --stages      # read, locate, rows, rules apart
    python bench/instructions.py bench/data/mixed-40-seed7 --process v/bin/python

Each figure is a run that checks the folder minus a run that only imports and warms up (the
same interpreter, this checkout); ``--stages`` runs the pipeline stopped after each stage, and
a raw python-calamine read of the same files (``bench/run.py``'s baseline) for comparison.
``--process PYTHON`` counts instead what the issue judges, whole new processes: the calamine
read script of ``bench/run.py`` against ``sakip-xl check --jobs 1`` installed beside PYTHON
(a clean ``pip install`` in a venv; start-up, warm-up and the report included), each run once
outside valgrind first (bytecode written, the compiled-pattern cache filled).
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
sys.path.insert(0, str(ROOT))  # bench.run, when run as a script

# the script run under callgrind: argv = folder, the last stage run ("none": import and warm
# up only; "calamine": the raw read instead)
_SCRIPT = """
import gc, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from bench.run import calamine_read
from bench.stages import run_stages
from sakip_xl.layouts import registry
from sakip_xl.pipeline import warm_up
from sakip_xl.settings import Settings
warm_up()
gc.disable()  # as check runs
last = sys.argv[2]
settings, layouts = Settings(), list(registry().values())
for path in sorted(Path(sys.argv[1]).glob("*.xlsx")) if last != "none" else ():
    if last == "calamine":
        calamine_read(str(path))
    else:
        for _stage in run_stages(path, settings, layouts, last):
            pass
"""


# imports from .pyc, as an installed run does
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _script(folder: Path, last: str) -> list[str]:
    """The command that runs the script on a folder up to a stage."""
    return [sys.executable, "-c", _SCRIPT.format(root=str(ROOT)), str(folder), last]


def count(folder: Path, last: str) -> int:
    """Instructions of one run of the script under callgrind."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         *_script(folder, last)], capture_output=True, text=True, env=_ENV, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind said nothing countable:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def count_command(command: list[str]) -> int:
    """Instructions of one run of a command (a whole process) under callgrind."""
    subprocess.run(command, check=False, env=_ENV, capture_output=True)  # warm: .pyc, cache
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *command], capture_output=True, text=True, env=_ENV)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind said nothing countable:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def process_ratio(folder: Path, python: str) -> None:
    """The calamine script and ``sakip-xl check --jobs 1`` as new processes, counted."""
    from bench.run import RAW_SCRIPT

    script = [python, "-c", RAW_SCRIPT.format(folder=str(folder))]
    check = [python, str(Path(python).parent / "sakip-xl"), "check", "--jobs", "1",
             str(folder)]
    raw, ours = count_command(script), count_command(check)
    print(f"{folder}: new processes, instructions")
    print(f"  calamine read script       {raw / 1e6:8,.0f} M   1.00×")
    print(f"  sakip-xl check --jobs 1    {ours / 1e6:8,.0f} M   {ours / raw:.2f}×")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--stages", action="store_true",
                    help="also each stage apart, and the raw calamine read")
    ap.add_argument("--process", metavar="PYTHON",
                    help="whole processes instead: the calamine script against the "
                         "`sakip-xl check --jobs 1` installed beside this interpreter")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    if args.process:
        process_ratio(args.folder, args.process)
        return
    # once outside valgrind first: a checkout's first import writes its bytecode, which would
    # otherwise be counted in the base run (and taken off every figure: ~180 M on a fresh one)
    subprocess.run(_script(args.folder, "none"), check=True, env=_ENV)
    base = count(args.folder, "none")
    total = count(args.folder, "rules")
    print(f"{args.folder}: check (read + locate + rows + rules) {(total - base) / 1e6:,.0f} M "
          "instructions")
    if args.stages:
        raw = count(args.folder, "calamine") - base
        print(f"  raw calamine read {raw / 1e6:,.0f} M")
        last = base
        for name in ("read", "locate", "rows", "rules"):
            now = total if name == "rules" else count(args.folder, name)
            spent = now - last
            print(f"  {name:8s} {spent / 1e6:,.0f} M ({spent / raw:.2f}× the raw read)")
            last = now


if __name__ == "__main__":
    main()
