"""Benchmark: build a realistic folder of OPD workbooks and time, in one run,
a raw python-calamine read of the same files, `sakip-xl check` / `annotate` / `consolidate`
(in-process and as a fresh process), and a pandas + openpyxl read as the baseline a user would
otherwise write. Figures are ratios against the calamine read measured in the same run.

    python bench/run.py --files 60 --rows 300
    python bench/run.py --files 30 --rows 40     # a small kabupaten's quarter
    python bench/run.py --folder samples         # a folder that exists (not generated)
    python bench/run.py --mixed 40 --seed 7      # a mixed inbox (bench/mixed.py): every file
                                                 # dressed differently, formulas, covers
    python bench/run.py --spec 60 --seed 1       # bench/spec_inbox.py: small files, random
                                                 # amounts, thousands of findings
    python bench/run.py --library 16 --seed 5    # bench/library_inbox.py: written by
                                                 # xlsxwriter, every formula evaluated
    python bench/run.py --python v/bin/python    # new-process runs with a clean install's
                                                 # Python (python -m venv v; v/bin/pip install .)
    python bench/run.py --mixed 40 --interleave 20 --python v/bin/python
                                                 # the calamine script and check in turn, 20
                                                 # times: the median ratio, on a noisy machine
"""

from __future__ import annotations

import argparse
import inspect
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.folder import build  # noqa: E402


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def calamine_read(path: str) -> None:
    """What a user would write to read one workbook with python-calamine: every sheet's
    values and merged ranges. The baseline of every ratio (here and in bench/stages.py)."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        sheet.to_python(skip_empty_area=False)
        _ = sheet.merged_cell_ranges


# the same read of the folder as a script of its own: a fresh process, nothing else
RAW_SCRIPT = inspect.getsource(calamine_read) + """
from pathlib import Path
for p in sorted(Path({folder!r}).glob('*.xlsx')):
    calamine_read(str(p))
"""


def pandas_read(paths: list[Path]) -> None:
    """What a user would otherwise write: every sheet of every workbook with pandas (openpyxl
    underneath). In this process it is timed with pandas already imported, like check."""
    import pandas as pd

    for p in paths:
        pd.read_excel(p, sheet_name=None, header=None, engine="openpyxl")


# the same read as a script of its own, as a user runs it: pandas' import included
PANDAS_SCRIPT = "from pathlib import Path\n" + inspect.getsource(pandas_read) + """
pandas_read(sorted(Path({folder!r}).glob('*.xlsx')))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--rows", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--folder", help="time the .xlsx files of this folder instead")
    ap.add_argument("--mixed", type=int, metavar="FILES",
                    help="time a mixed inbox of this many files (bench/mixed.py) instead")
    ap.add_argument("--spec", type=int, metavar="FILES",
                    help="time a folder of bench/spec_inbox.py of this many files instead")
    ap.add_argument("--library", type=int, metavar="FILES",
                    help="time a folder of bench/library_inbox.py of this many files instead")
    ap.add_argument("--seed", type=int, default=7, help="the generated inbox's seed")
    ap.add_argument("--python", help="interpreter for the new-process runs (a clean venv with "
                                     "sakip-xl installed); default: this one, on this checkout")
    ap.add_argument("--interleave", type=int, default=0, metavar="N",
                    help="only the new-process ratio, on a noisy machine: the calamine script "
                         "then `sakip-xl check`, N times in turn; the median of the N ratios")
    ap.add_argument("--versus", metavar="PYTHON",
                    help="with --interleave: each turn also runs the `sakip-xl` installed beside "
                         "this interpreter (another build, e.g. a venv of an older commit), "
                         "before this one")
    ap.add_argument("--jobs", type=int, metavar="N",
                    help="with --interleave: run `sakip-xl check --jobs N` (a machine of N "
                         "cores) instead of the default --jobs")
    args = ap.parse_args()
    if args.folder:
        folder = Path(args.folder).resolve()
        paths = sorted(folder.glob("*.xlsx"))
        what = f"{len(paths)} files of {folder.name}/"
    elif args.mixed or args.spec or args.library:
        from bench.inbox import GENERATORS, generator

        name = next(n for n in GENERATORS if getattr(args, n))
        files, module = getattr(args, name), generator(name)
        folder = ROOT / "bench" / "data" / f"{name}-{files}-seed{args.seed}"
        if not folder.is_dir():
            module.build(folder, files, seed=args.seed)
        paths = sorted(folder.glob("*.xlsx"))
        what = (f"{name} inbox: {len(paths)} files "
                f"(bench/{module.__name__.split('.')[-1]}.py, seed {args.seed})")
    else:
        folder = ROOT / "bench" / "data" / f"opd-{args.files}x{args.rows}"
        paths = build(folder, args.files, args.rows)
        what = f"{len(paths)} files × {args.rows} rows"
    from sakip_xl.pipeline import check_file, clear_caches
    from sakip_xl.runner import auto_jobs, default_jobs, file_sizes

    def best(fn) -> float:
        return min(timed(fn) for _ in range(args.repeat))

    raw_script = RAW_SCRIPT.format(folder=str(folder))
    python = args.python or sys.executable
    cwd = str(folder)  # not this checkout: `-m sakip_xl` must find the interpreter's install
    # as installed: bytecode cached (pip compiles it), whatever this shell says
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if not args.python:
        env["PYTHONPATH"] = str(ROOT)  # this checkout; a given interpreter has its own install
    # the installed command, as a user types it; this checkout through -m otherwise
    script = Path(python).parent / "sakip-xl"
    command = [str(script)] if args.python and script.is_file() else [python, "-m", "sakip_xl"]

    def script_process(code: str) -> None:
        subprocess.run([python, "-c", code], check=True, cwd=cwd)

    def raw_process() -> None:
        script_process(raw_script)

    def check_process(*extra: str, command: list[str] = command) -> None:
        subprocess.run([*command, "check", str(folder), *extra], stdout=subprocess.DEVNULL,
                       check=False, env=env, cwd=cwd)

    if args.interleave:
        other = [str(Path(args.versus).parent / "sakip-xl")] if args.versus else None
        ratios: list[float] = []
        others: list[float] = []
        jobs = ("--jobs", str(args.jobs)) if args.jobs else ()
        for _ in range(args.interleave):
            raw_t = timed(raw_process)  # the calamine script first, then check
            if other:
                others.append(timed(lambda: check_process(*jobs, command=other)) / raw_t)
            ratios.append(timed(lambda: check_process(*jobs)) / raw_t)
        print(f"{what}; {args.interleave} turns of the calamine script, then"
              f"{' the other build, then' if other else ''} sakip-xl check "
              f"({' '.join(jobs) or 'default --jobs'}), each a new process")
        for name, series in (("other build", others), ("check", ratios)):
            if series:
                series.sort()
                print(f"  {name} ÷ calamine: median {series[len(series) // 2]:.2f}× "
                      f"(lowest {series[0]:.2f}×, highest {series[-1]:.2f}×)")
        return

    raw_code = compile(raw_script, "<calamine read>", "exec")
    raw = best(lambda: exec(raw_code, {}))  # the same code the new-process baseline runs

    def check_all() -> None:
        clear_caches()  # a user's run starts cold: no string seen before
        for p in paths:
            check_file(str(p))

    check = best(check_all)
    proc_raw = best(raw_process)

    def cli_check(*extra: str) -> float:
        return best(lambda: check_process(*extra))

    proc_check = cli_check("--jobs", "1")
    proc_default = cli_check()
    import pandas  # noqa: F401  (imported before the timing, as sakip-xl's modules are)

    pandas_t = best(lambda: pandas_read(paths))
    pandas_script = PANDAS_SCRIPT.format(folder=str(folder))
    proc_pandas = best(lambda: script_process(pandas_script))
    out = ROOT / "bench" / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    from sakip_xl.annotate import annotate_file

    annotate_t = timed(lambda: [annotate_file(str(p), out_dir=str(out)) for p in paths])
    from sakip_xl.consolidate import Rekap, drain

    def stream(files: list[Path], target: Path, forget: bool = False) -> None:
        def results():  # as the CLI does: one result at a time
            for p in files:
                yield check_file(str(p))
                if forget:  # measure the rekap, not the memo caches (bounded, 8192 each)
                    clear_caches()

        drain([Rekap(str(target))], results())

    consolidate_t = timed(lambda: stream(paths, out / "rekap.xlsx"))
    peaks = []
    for subset in (paths[: max(1, len(paths) // 4)], paths):
        clear_caches()
        tracemalloc.start()
        stream(subset, out / "rekap-mem.xlsx", forget=True)
        peaks.append((len(subset), tracemalloc.get_traced_memory()[1]))
        tracemalloc.stop()
    cores = default_jobs()
    workers = auto_jobs(file_sizes([str(p) for p in paths]), "check")
    print(f"{what}; best of {args.repeat}; {cores} cores")
    print("one core, in this process (caches cleared before each run):")
    print(f"  raw calamine read                 {raw:7.3f} s   1.00×")
    print(f"  sakip-xl check                    {check:7.3f} s   {check / raw:5.2f}× calamine")
    print(f"  pandas + openpyxl read            {pandas_t:7.3f} s   {pandas_t / raw:5.2f}× "
          f"calamine; check is {pandas_t / check:4.1f}× faster")
    print("a new process, as a user runs it:")
    print(f"  calamine read script              {proc_raw:7.3f} s   1.00×")
    print(f"  sakip-xl check --jobs 1           {proc_check:7.3f} s   "
          f"{proc_check / proc_raw:5.2f}×")
    label = f"sakip-xl check (default: {workers} worker{'s' if workers > 1 else ''})"
    print(f"  {label:<34}{proc_default:7.3f} s   {proc_default / proc_raw:5.2f}×")
    print(f"  pandas + openpyxl read script     {proc_pandas:7.3f} s   "
          f"{proc_pandas / proc_raw:5.2f}×; check is {proc_pandas / proc_default:4.1f}× faster "
          f"({proc_pandas / proc_check:.1f}× with --jobs 1)")
    print("one core, in this process:")
    print(f"  sakip-xl annotate                 {annotate_t:7.3f} s   {annotate_t / raw:5.2f}×")
    print(f"  sakip-xl consolidate              {consolidate_t:7.3f} s   "
          f"{consolidate_t / raw:5.2f}×")
    print("  consolidate peak Python memory: " + ", ".join(
        f"{k} files {m / 1e6:.1f} MB" for k, m in peaks))


if __name__ == "__main__":
    main()
