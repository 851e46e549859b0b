"""The process pool behind ``--jobs``: results in input order whatever finishes first, a
worker's exception reaches the caller, a worker that dies is an error and not a hang, and no
worker process is left behind. Run with the forked pool (Linux) and with
ProcessPoolExecutor (what Windows and macOS use)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sakip_xl import runner
from tests.conftest import ROOT


def slow_square(n: int) -> int:
    time.sleep(0.002 * (n % 5))  # later items often finish first
    return n * n


def fails_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("tujuh")
    return n


def dies_on_three(n: int) -> int:
    if n == 3:
        os._exit(9)  # as a crash in C code would: no exception, no result
    return n


def big(n: int) -> bytes:
    return bytes([n % 256]) * 300_000  # more than a pipe holds at once


def logs_its_start(item: tuple[str, int]) -> int:
    log, n = item
    with open(log, "a") as fh:
        fh.write(f"{os.getpid()} {n}\n")
    time.sleep(0.002 * (n % 3))
    return n * n


def _children() -> set[int]:
    """This process's child processes, zombies included (Linux /proc; empty elsewhere)."""
    me, found = str(os.getpid()), set()
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:  # its parent; a zombie counts: nobody waited for it
                found.add(int(entry))
    return found


@pytest.fixture
def no_children_left():
    """No worker process outlives the run (other tests' helpers, e.g. Dask's, aside)."""
    before = _children()
    yield
    assert _children() <= before


@pytest.fixture(params=["fork", "executor"])
def pool(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "fork" and not runner.FORK_POOL:
        pytest.skip("no fork pool on this platform")
    monkeypatch.setattr(runner, "FORK_POOL", request.param == "fork")
    return request.param


def test_results_come_back_in_input_order(pool: str, no_children_left: None) -> None:
    assert list(runner.run_all(slow_square, range(40), jobs=3)) == [n * n for n in range(40)]
    assert list(runner.run_all(big, range(5), jobs=2)) == [big(n) for n in range(5)]


def test_workers_take_the_items_in_the_order_given(tmp_path: Path,
                                                   no_children_left: None) -> None:
    """``order`` (check: the largest file first) is the order items are handed out in; the
    results still come back in input order."""
    if not runner.FORK_POOL:
        pytest.skip("no fork pool on this platform")
    log = str(tmp_path / "started.txt")
    items = [(log, n) for n in range(12)]
    order = list(reversed(range(12)))
    assert list(runner.run_all(logs_its_start, items, jobs=2, order=order)) == [
        n * n for n in range(12)]
    by_worker: dict[str, list[int]] = {}
    for line in Path(log).read_text().splitlines():
        pid, n = line.split()
        by_worker.setdefault(pid, []).append(int(n))
    assert sorted(n for ns in by_worker.values() for n in ns) == list(range(12))
    # each worker took its items in the order given, whichever finished first
    assert all(ns == sorted(ns, reverse=True) for ns in by_worker.values())
    (tmp_path / "small.xlsx").write_bytes(b"x")
    (tmp_path / "big.xlsx").write_bytes(b"x" * 100)
    names = ["missing.xlsx", "small.xlsx", "big.xlsx"]  # a file gone since: size 0
    sizes = runner.file_sizes([str(tmp_path / n) for n in names])
    assert sizes == [0, 1, 100]
    assert runner.largest_first(sizes) == [2, 1, 0]


def test_a_workers_exception_reaches_the_caller(pool: str, no_children_left: None) -> None:
    with pytest.raises(ValueError, match="tujuh"):
        list(runner.run_all(fails_on_seven, range(20), jobs=2))


def test_a_worker_that_dies_is_an_error_not_a_hang(pool: str, no_children_left: None) -> None:
    with pytest.raises(runner.WorkerDied):
        list(runner.run_all(dies_on_three, range(10), jobs=2))


def test_a_worker_that_dies_on_one_item_costs_only_that_item(pool: str,
                                                            no_children_left: None) -> None:
    """With ``on_crash`` the item a worker died on gets that result, a new worker takes over
    and the other items are done as usual (a file that crashes the reader is one bad file).
    ProcessPoolExecutor loses its whole pool: the rest are run one per pool."""
    results = list(runner.run_all(dies_on_three, range(10), jobs=2, on_crash=lambda n: -n))
    assert results == [0, 1, 2, -3, 4, 5, 6, 7, 8, 9]


def test_a_crashed_file_is_reported_like_any_bad_file() -> None:
    from sakip_xl.messages import file_message
    from sakip_xl.pipeline import crashed

    result = crashed("dinas.xlsx")
    assert (result.status, result.error) == ("error", "crashed")
    assert "berhenti mendadak" in file_message(result.error, result.error_params, "id")
    assert "stopped abruptly" in file_message(result.error, result.error_params, "en")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_shows_only_on_a_terminal_and_only_for_long_runs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """SPEC: long runs show a progress bar on a terminal and stay quiet when piped."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    term = _Terminal()
    advance, stop = runner._progress(3, "Memeriksa", term, delay=0.0)
    for _ in range(3):
        advance()
    stop()
    shown = term.getvalue()
    assert "\rMemeriksa [" in shown and "] 3/3" in shown and shown.endswith("\r\033[K")
    quick = _Terminal()  # a run shorter than the delay: nothing at all
    advance, stop = runner._progress(3, "Memeriksa", quick, delay=60.0)
    for _ in range(3):
        advance()
    stop()
    assert quick.getvalue() == ""
    piped = io.StringIO()
    advance, stop = runner._progress(3, "Memeriksa", piped, delay=0.0)
    advance()
    stop()
    assert piped.getvalue() == ""


def test_dask_missing_or_away_is_one_message(tmp_path: Path) -> None:
    """``--executor dask`` on a machine without the extra, or with a scheduler that does not
    answer: one line that says what to do, exit 2, no traceback."""
    samples = str(ROOT / "samples")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    without_dask = ("import sys; sys.modules['dask'] = sys.modules['dask.distributed'] = None; "
                    "from sakip_xl.cli import main; main()")
    proc = subprocess.run([sys.executable, "-c", without_dask, "check", samples,
                           "--executor", "dask"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert (proc.returncode, proc.stderr) == (2, (
        '--executor dask memerlukan Dask, yang belum terpasang: pip install "sakip-xl[dask]"\n'))
    pytest.importorskip("dask.distributed")
    env["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"] = "1s"
    proc = subprocess.run([sys.executable, "-m", "sakip_xl", "consolidate", samples, "-o",
                           str(tmp_path / "rekap.xlsx"), "--executor", "dask", "--scheduler",
                           "tcp://127.0.0.1:9"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("Scheduler Dask tcp://127.0.0.1:9 tidak dapat dihubungi: ")
    assert proc.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # no rekap, no temporary file


def test_parquet_without_pyarrow_is_said_before_anything_is_written(tmp_path: Path) -> None:
    """``--data x.parquet`` where pyarrow is missing (a dependency, but an install with
    ``--no-deps`` lacks it) had written the rekap, then stopped in a traceback and left a
    temporary file beside it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    without = ("import sys; sys.modules['pyarrow'] = None; "
               "from sakip_xl.cli import main; main()")
    proc = subprocess.run([sys.executable, "-c", without, "consolidate", str(ROOT / "samples"),
                           "-o", str(tmp_path / "rekap.xlsx"), "--data",
                           str(tmp_path / "rekap.parquet")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert (proc.returncode, proc.stderr) == (2, (
        '--data .parquet memerlukan pyarrow, yang belum terpasang: pip install pyarrow '
        '(atau tulis .csv)\n'))
    assert list(tmp_path.iterdir()) == []


def test_a_container_quota_caps_the_default_workers() -> None:
    """Docker ``--cpus`` / Kubernetes limits: cgroup's "quota period" in whole CPUs, rounded
    up; no cap when unlimited. The default never exceeds the cores this process may use."""
    assert runner.cpus_of_quota("200000 100000\n") == 2
    assert runner.cpus_of_quota("150000 100000") == 2
    assert runner.cpus_of_quota("50000 100000") == 1
    assert runner.cpus_of_quota("max 100000") is None  # cgroup v2, unlimited
    assert runner.cpus_of_quota("-1 100000") is None  # cgroup v1, unlimited
    assert runner.cpus_of_quota("") is None
    if hasattr(os, "sched_getaffinity"):
        assert 1 <= runner.default_jobs() <= len(os.sched_getaffinity(0))


def test_records_cross_a_process_whole_compiled_or_not() -> None:
    """What workers send back and what goes to them (spawned workers, Dask) is pickled: a
    record compiled by mypyc can only be made through its ``__init__``, a plain one keeps its
    derived slots; equality and hashing stay those of plain Python records."""
    import pickle

    from sakip_xl.model import DataRow, FileResult, Finding, SheetGrid, Table, TableResult, Value
    from sakip_xl.report import TextStyle
    from sakip_xl.settings import DEFAULT_SCALES, Settings

    value = Value("number", 98.82, unit="%", decimals=2, percent=True)
    table = Table("T-C.29", "tc29", 3, 5, {"kode": 0, "k_tw1": 4}, {"k_tw1": 1000.0}, [6, 7])
    row = DataRow(6, "program", "1.02.01", "Program X", None, "%", {"k_tw1": value}, owner=2)
    finding = Finding("T-C.29", 6, 4, "capaian-mismatch", "error", (("tw", 1),), 98.8, 97.0)
    result = FileResult("a.xlsx", "ok", tables=[TableResult(table, [row], {(6, 9): 1.5},
                                                            {(6, "k_tw1"): 2.0}, "Dinas X", 1)],
                        findings=[finding], opd="Dinas X")
    sheet = SheetGrid("S", True, [[1]], formulas={(0, 0): "=1"}, uncached={(0, 0)})
    settings = Settings(scales=DEFAULT_SCALES[:1], polarity=(("angka kematian", "negatif"),))
    for record in (value, row, finding, result, sheet, settings, TextStyle(colour=True)):
        back = pickle.loads(pickle.dumps(record))
        assert back == record and back is not record and repr(back) == repr(record)
    back_scale = pickle.loads(pickle.dumps(DEFAULT_SCALES[0]))
    assert back_scale.knows(DEFAULT_SCALES[0].labels[0])  # its derived _known is there too
    back_settings = pickle.loads(pickle.dumps(settings))
    assert back_settings != Settings() and back_settings.polarity_of("Angka Kematian") == "negatif"
    assert "number=98.82" in repr(pickle.loads(pickle.dumps(value)))
    assert pickle.loads(pickle.dumps(result)).tables[0].rows[0].values["k_tw1"].number == 98.82
    assert hash(finding) == hash(pickle.loads(pickle.dumps(finding)))
    with pytest.raises(TypeError):
        hash(value)  # mutable records are not hashable
    assert value != Value("number", 98.82) and finding != "capaian-mismatch"
