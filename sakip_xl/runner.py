"""Run a per-file job over many files: in this process, in a process pool (``--jobs``), or on
a Dask cluster (``--executor dask``). Results come back in input order whatever the executor,
so ``--jobs 4`` gives exactly what ``--jobs 1`` gives."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")
    R = TypeVar("R")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# What one worker process costs before it pays off: forking it and warming it up (first
# regex compiles, memo caches) takes about as long as checking ~150 KB of workbook. For the
# default --jobs, one worker per that much input, up to the number of cores. (Measured with
# bench/run.py; docs/keputusan.md.) annotate and consolidate do more per byte.
BYTES_PER_WORKER = {"check": 150_000, "consolidate": 50_000, "annotate": 20_000}


def auto_jobs(paths: list[str], command: str, cores: int | None = None) -> int:
    """The default ``--jobs`` for these files: as many workers as the input is worth, at most
    the number of cores. A handful of small workbooks is checked in this process."""
    size = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
    worth = 1 + size // BYTES_PER_WORKER[command]
    return max(1, min(cores or default_jobs(), len(paths), worth))


def _progress(total: int, label: str) -> tuple[Callable[[], None], Callable[[], None]]:
    """A progress bar on a terminal (stderr); nothing when piped."""
    if not sys.stderr.isatty() or total < 2:
        return (lambda: None), (lambda: None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress("[progress.description]{task.description}", BarColumn(),
                        MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
    task = progress.add_task(label, total=total)
    progress.start()
    return (lambda: progress.advance(task)), progress.stop


def run_all(fn: Callable[[T], R], items: Iterable[T], jobs: int = 1, executor: str = "local",
            scheduler: str | None = None, label: str = "") -> Iterator[R]:
    """Apply ``fn`` to every item, yielding results in input order."""
    items = list(items)
    advance, stop = _progress(len(items), label)
    try:
        if executor == "dask":
            yield from _run_dask(fn, items, scheduler, advance)
        elif jobs <= 1 or len(items) <= 1:
            for item in items:
                yield fn(item)
                advance()
        else:
            from concurrent.futures import ProcessPoolExecutor

            workers = min(jobs, len(items))
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for result in pool.map(fn, items, chunksize=max(1, len(items) // (workers * 8))):
                    yield result
                    advance()
    finally:
        stop()


def _run_dask(fn: Callable[[T], R], items: list[T], scheduler: str | None,
              advance: Callable[[], None]) -> Iterator[R]:
    """Each file is a pure function of the file: submit them as Dask tasks.

    ``scheduler``: a ``tcp://host:port`` address of a running ``dask scheduler``; without one, a
    local cluster on this machine (the same code path, for tests and single machines).
    """
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=min(2, default_jobs()), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(fn, items, pure=False)
        for fut in futures:
            yield fut.result()
            advance()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
