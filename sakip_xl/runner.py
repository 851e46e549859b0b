"""Run a per-file job over many files: in this process, in a process pool (``--jobs``), or on
a Dask cluster (``--executor dask``). Results come back in input order whatever the executor,
so ``--jobs 4`` gives exactly what ``--jobs 1`` gives."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator

from .errors import KeyedError

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any, TextIO, TypeVar

    T = TypeVar("T")
    R = TypeVar("R")


def default_jobs() -> int:
    """The cores this process may use: those it may run on, and no more than a container's
    CPU quota allows (Docker ``--cpus 2`` on a 32-core host: 2, not 32; more workers than
    that would only be throttled)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
    quota = cpus_of_quota(_cgroup_quota())
    return max(1, min(cores, quota) if quota else cores)


def _cgroup_quota() -> str:
    """This container's CPU quota as ``"QUOTA PERIOD"``: cgroup v2's cpu.max, or v1's two
    files joined; empty where there is none."""
    for names in (("/sys/fs/cgroup/cpu.max",),
                  ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us")):
        try:
            parts = []
            for name in names:
                with open(name) as fh:
                    parts.append(fh.read().strip())
        except OSError:
            continue
        return " ".join(parts)
    return ""


def cpus_of_quota(text: str) -> int | None:
    """Whole CPUs of a cgroup quota, ``"QUOTA PERIOD"`` as cgroup v2's cpu.max writes it
    (v1's two files joined the same way): ``"150000 100000"`` -> 2; None when unlimited
    (``max`` or ``-1``) or unreadable."""
    parts = text.split()
    try:
        quota, period = int(parts[0]), int(parts[1])
    except (IndexError, ValueError):  # "max 100000"
        return None
    if quota <= 0 or period <= 0:
        return None
    return max(1, -(-quota // period))


# What one worker process costs before it pays off: forking it and warming it up (first
# regex compiles, memo caches) takes about as long as checking ~80 KB of workbook (with the
# forked pool; 150 KB when concurrent.futures had to be imported first). For the default
# --jobs, one worker per that much input, up to the number of cores. (Measured with
# bench/run.py; docs/keputusan.md.) annotate and consolidate do more per byte.
BYTES_PER_WORKER = {"check": 80_000, "consolidate": 50_000, "annotate": 20_000}
# Where workers are spawned, not forked (Windows, macOS: ProcessPoolExecutor starts a new
# interpreter that imports sakip-xl and warms up on its own), a worker costs ~8× as much:
# on Linux with the spawn start method, two spawned workers took 0.14 s longer than none on
# samples/, and were slower than one process on a 40-file, 620 KB mixed inbox (0.48 s
# against 0.42 s); Windows starts processes more slowly still.
SPAWNED_WORKER_COST = 8


def file_sizes(paths: list[str]) -> list[int]:
    """Each file's size in bytes, 0 for one that cannot be read: what ``auto_jobs`` and
    ``largest_first`` go by (each file is looked at once)."""
    sizes = []
    for path in paths:
        try:
            sizes.append(os.path.getsize(path))
        except OSError:
            sizes.append(0)
    return sizes


def auto_jobs(sizes: list[int], command: str, cores: int | None = None,
              forked: bool | None = None) -> int:
    """The default ``--jobs`` for files of these ``sizes``: as many workers as the input is
    worth, at most the number of cores. A handful of small workbooks is checked in this
    process. ``forked``: whether workers are forked (default: on Linux) or spawned."""
    per_worker = BYTES_PER_WORKER[command]
    if not (FORK_POOL if forked is None else forked):
        per_worker *= SPAWNED_WORKER_COST
    worth = 1 + sum(sizes) // per_worker
    return max(1, min(cores or default_jobs(), len(sizes), worth))


def without_collector(fn: Callable[..., R], *args: Any) -> R:
    """``fn(*args)`` with Python's cyclic garbage collector off, then as it was. The pipeline
    makes no reference cycles (what it makes is freed as soon as it is unused; a test
    checks), yet the collector, started by every few hundred new objects, would walk them
    again and again (about 5 % of checking a folder, counted with callgrind). It comes back
    on as the last thing before returning: an object made after that, while the caller still
    holds the file's grid, would start a collection that walks all of it (a context manager
    did: +24 M instructions on the mixed inbox)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return fn(*args)
    finally:
        if collecting:
            gc.enable()


def largest_first(sizes: list[int]) -> list[int]:
    """The indexes of files of these ``sizes``, the largest first (``run_all``'s ``order``)."""
    return sorted(range(len(sizes)), key=sizes.__getitem__, reverse=True)


def _progress(total: int, label: str, stream: TextIO | None = None, delay: float = 0.5
              ) -> tuple[Callable[[], None], Callable[[], None]]:
    """A progress line for long runs on a terminal (stderr): it appears once the run has
    taken ``delay`` seconds, is redrawn at most ten times a second as results come in, and is
    wiped at the end. Nothing when piped or for a single file. Plain text, no thread: rich's
    progress bar cost ~70 ms to import, more than a short run itself."""
    stream = stream or sys.stderr
    if total < 2 or not stream.isatty():
        return (lambda: None), (lambda: None)
    import time

    from .terminal import ansi_terminal

    # wiped with ANSI's erase-line where the terminal knows it, else written over with spaces
    wipe = "\r\033[K" if ansi_terminal(stream) else "\r" + " " * 60 + "\r"
    start = time.monotonic()
    done = 0
    drawn = 0.0  # when the line was last drawn (0: never)

    def advance() -> None:
        nonlocal done, drawn
        done += 1
        now = time.monotonic()
        if now - start < delay or (now - drawn < 0.1 and done < total):
            return
        drawn = now
        filled = 30 * done // total
        left = (now - start) / done * (total - done)
        stream.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
                     f"  ~{left:.0f} s ")
        stream.flush()

    def stop() -> None:
        if drawn:
            stream.write(wipe)  # the report follows
            stream.flush()

    return advance, stop


def run_all(fn: Callable[[T], R], items: Iterable[T], jobs: int = 1, executor: str = "local",
            scheduler: str | None = None, label: str = "",
            on_crash: Callable[[T], R] | None = None,
            order: list[int] | None = None) -> Iterator[R]:
    """Apply ``fn`` to every item, yielding results in input order. ``on_crash``: the result
    of an item whose worker process died on it (a crash in C code); the run goes on with a
    new worker. Without it such a death raises ``WorkerDied``. ``order``: the item indexes in
    the order the forked workers are to take them (largest files first: the last ones to
    finish are then small, and no worker waits long for the other); results still come in
    input order, so the ones done early are held until their turn."""
    items = list(items)
    forked = FORK_POOL and executor != "dask" and jobs > 1 and len(items) > 1
    advance, stop = _progress(len(items), label)
    try:
        if executor == "dask":
            yield from _run_dask(fn, items, scheduler, advance)
        elif jobs <= 1 or len(items) <= 1:
            for item in items:
                yield fn(item)
                advance()
        elif forked:
            for result in _run_forked(fn, items, min(jobs, len(items)), on_crash, order=order):
                yield result
                advance()
        else:
            yield from _run_executor(fn, items, min(jobs, len(items)), on_crash, advance)
    finally:
        stop()


def _run_executor(fn: Callable[[T], R], items: list[T], workers: int,
                  on_crash: Callable[[T], R] | None, advance: Callable[[], None]
                  ) -> Iterator[R]:
    """``fn`` over ``items`` in a ProcessPoolExecutor (Windows, macOS), results in input
    order. A worker that dies breaks the whole pool; with ``on_crash`` the items not yet
    returned are then run one at a time, each in a pool of its own, so the item that kills
    its process costs only itself."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(fn, items, chunksize=max(1, len(items) // (workers * 8))):
                yield result
                advance()
                done += 1
        return
    except BrokenProcessPool:
        if on_crash is None:
            raise WorkerDied from None
    for item in items[done:]:
        with ProcessPoolExecutor(max_workers=1) as alone:
            try:
                result = alone.submit(fn, item).result()
            except BrokenProcessPool:
                result = on_crash(item)
        yield result
        advance()


# On Linux the workers are forked children that already hold ``fn`` and the items: the
# parent sends an item's index down a pipe and reads back the pickled result. Importing
# concurrent.futures' process pool costs more than checking a handful of workbooks
# (docs/keputusan.md); elsewhere (Windows, macOS) ProcessPoolExecutor is used.
FORK_POOL = sys.platform.startswith("linux") and hasattr(os, "fork")
_HEAD = 8  # bytes of a result's length


class WorkerDied(RuntimeError):
    """A worker process ended without sending its result (killed, or crashed in C code)."""

    def __init__(self) -> None:
        super().__init__("a worker process stopped before sending its result")


def _run_forked(fn: Callable[[T], R], items: list[T], workers: int,
                 on_crash: Callable[[T], R] | None = None,
                 order: list[int] | None = None) -> Iterator[R]:
    """``fn`` over ``items`` in ``workers`` forked processes, results in input order. Each
    worker asks for the next item (the next of ``order``) when it has sent a result, so slow
    files do not hold the others up."""
    import pickle
    import select

    children: dict[int, tuple[int, int]] = {}  # result pipe (read) -> pid, task pipe (write)
    working: dict[int, int] = {}  # result pipe -> the index its worker is on
    queue = order if order is not None else range(len(items))
    sent = 0  # items handed out (from queue)

    def spawn() -> int:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: only its own two pipe ends stay open
            os.close(task_w)
            os.close(result_r)
            for other_r, (_pid, other_w) in children.items():
                os.close(other_r)
                os.close(other_w)
            _serve(fn, items, task_r, result_w, pickle)
        os.close(task_r)
        os.close(result_w)
        children[result_r] = (pid, task_w)
        return result_r

    def feed(result_r: int) -> None:
        nonlocal sent
        if sent < len(items):
            index = queue[sent]
            os.write(children[result_r][1], index.to_bytes(_HEAD, "little"))
            working[result_r] = index
            sent += 1

    def retire(result_r: int) -> None:
        pid, task_w = children.pop(result_r)
        working.pop(result_r, None)
        for fd in (task_w, result_r):
            with contextlib.suppress(OSError):
                os.close(fd)  # a worker reading its task pipe sees the end and leaves
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)

    try:
        for _ in range(workers):
            feed(spawn())
        done: dict[int, R] = {}
        wanted = 0
        while wanted < len(items):
            poller = select.poll()  # not select(): no limit on descriptor numbers
            for result_r in working:
                poller.register(result_r, select.POLLIN)
            for result_r, _event in poller.poll():
                try:
                    index, ok, payload = _receive(result_r, pickle)
                except WorkerDied:
                    if on_crash is None:
                        raise
                    index = working[result_r]
                    done[index] = on_crash(items[index])
                    retire(result_r)
                    if sent < len(items):
                        feed(spawn())
                    continue
                if not ok:
                    raise payload
                done[index] = payload
                del working[result_r]
                feed(result_r)
            while wanted in done:
                yield done.pop(wanted)
                wanted += 1
    finally:
        for result_r in list(children):
            retire(result_r)


def _serve(fn: Callable[[T], R], items: list[T], task_r: int, result_w: int,
           pickle: ModuleType) -> None:
    """The worker's loop: read an index, send back (index, ok, result or exception)."""
    code = 0
    try:
        while True:
            head = _read_exactly(task_r, _HEAD)
            if head is None:
                break  # the parent is done
            index = int.from_bytes(head, "little")
            message: tuple[int, bool, object]
            try:
                message = (index, True, fn(items[index]))
            except Exception as exc:  # sent to the parent, which raises it
                message = (index, False, exc)
            try:
                data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an exception that cannot be pickled
                data = pickle.dumps((index, False, RuntimeError(repr(exc))))
            _write_all(result_w, len(data).to_bytes(_HEAD, "little") + data)
    except BaseException:  # the parent went away, or Ctrl-C: leave quietly
        code = 1
    finally:
        os._exit(code)


def _receive(result_r: int, pickle: ModuleType) -> tuple[int, bool, Any]:
    head = _read_exactly(result_r, _HEAD)
    body = _read_exactly(result_r, int.from_bytes(head, "little")) if head else None
    if body is None:
        raise WorkerDied
    return pickle.loads(body)


def _read_exactly(fd: int, n: int) -> bytes | None:
    """``n`` bytes from a pipe; None at its end."""
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class ExecutorUnavailable(KeyedError):
    """``--executor dask`` cannot run: Dask is not installed, or its scheduler cannot be
    reached (a ``UI`` message)."""


def _run_dask(fn: Callable[[T], R], items: list[T], scheduler: str | None,
              advance: Callable[[], None]) -> Iterator[R]:
    """Each file is a pure function of the file: submit them as Dask tasks.

    ``scheduler``: a ``tcp://host:port`` address of a running ``dask scheduler``; without one, a
    local cluster on this machine (the same code path, for tests and single machines).
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # an optional extra: sakip-xl[dask]
        raise ExecutorUnavailable("dask-missing") from exc

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, ValueError) as exc:  # refused, timed out, a malformed address
            raise ExecutorUnavailable("dask-unreachable", address=scheduler,
                                      detail=str(exc)[:200]) from exc
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
