"""The ``sakip-xl`` command: a plain CLI over the pipeline (SPEC §5).

Built on the standard library's argparse: the commands, options and exit codes are SPEC §5's,
and a run starts in a few milliseconds (typer 0.29 imports pydantic on every run, ≈0.25 s —
more than checking twenty workbooks; docs/keputusan.md). Heavy modules are imported inside the
command that needs them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from . import patterns
from .errors import KeyedError
from .messages import ui
from .terminal import columns, tolerant

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any

    from .report import Reported, ReportForm
    from .settings import Settings


class Exit(Exception):
    """Stop the command with this exit code (its message already printed)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _settings(config: str | None, paths: list[str], lang: str):
    from .config import ConfigError, load_config

    try:
        return load_config(config, paths)
    except ConfigError as exc:
        _err(ui("bad-config", lang, path=exc.path, detail=exc.detail))
        raise Exit(2) from None


def expand_patterns(paths: list[str]) -> list[str]:
    """``*.xlsx`` as typed: Windows' cmd and PowerShell hand the pattern over unexpanded,
    where a POSIX shell would have expanded it. A path that exists is taken as it is (a file
    may be named with brackets); a pattern that matches nothing stays, and is reported as
    not found."""
    out: list[str] = []
    for path in paths:
        if not os.path.exists(path) and any(ch in path for ch in "*?["):
            import glob

            matches = sorted(glob.glob(path))
            if matches:
                out.extend(matches)
                continue
        out.append(path)
    return out


def _inputs(paths: list[str], lang: str) -> list[tuple[str, bool]]:
    from .pipeline import iter_inputs

    missing = [p for p in paths if not os.path.exists(p)]
    for p in missing:
        _err(ui("not-found", lang, path=p))
    return list(iter_inputs([p for p in paths if os.path.exists(p)]))


def _check_all(paths: list[tuple[str, bool]], settings: Settings, form: ReportForm,
               jobs: int | None, executor: str, scheduler: str | None) -> list[Reported]:
    """Each input's part of the report (``report.Reported``), in input order: the workers
    check the files and write their parts, so the main process only joins them."""
    from functools import partial

    from .model import FileResult
    from .pipeline import crashed
    from .report import reported

    files = [p for p, ok in paths if ok]
    fn = partial(check_reported, settings=settings, form=form)
    results = dict(zip(files, _run_files("check", fn, files, jobs, executor, scheduler,
                                         "Memeriksa", lambda p: reported(crashed(p), form),
                                         largest_first=True),
                       strict=True))
    return [results[p] if ok else reported(FileResult(path=p, status="skipped"), form)
            for p, ok in paths]


def check_reported(path: str, settings: Settings, form: ReportForm) -> Reported:
    """One file checked and its part of the report written (``check``'s per-file job)."""
    from .pipeline import check_file
    from .report import reported

    return reported(check_file(path, settings), form)


def _run_files(command: str, fn: Callable[[str], Any], files: list[str], jobs: int | None,
               executor: str, scheduler: str | None, label: str,
               on_crash: Callable[[str], Any], largest_first: bool = False):
    """``fn`` over the files with ``--jobs`` workers (default: what the input is worth, see
    ``runner.auto_jobs``), results in input order. The pipeline is imported before the
    workers are forked, so they share it. ``largest_first``: workers take the largest files
    first (for results small enough to hold until their turn: check's report parts, not the
    full results annotate and consolidate stream out one by one)."""
    from . import runner
    from .pipeline import warm_up

    if files:
        warm_up()
    sizes = runner.file_sizes(files)
    order = runner.largest_first(sizes) if largest_first else None
    return runner.run_all(fn, files, jobs or runner.auto_jobs(sizes, command), executor,
                          scheduler, label=label, on_crash=on_crash, order=order)


def check(args: argparse.Namespace) -> None:
    """The cyclic collector is paused for the whole run, in this process and the workers
    forked from it, not only file by file: checking makes no reference cycles
    (tests/test_check.py), and after each file the collector would walk every newly cached
    value again (docs/keputusan.md). annotate and consolidate keep the per-file pause:
    openpyxl and xlsxwriter objects do form cycles."""
    from .runner import without_collector  # before the pipeline is imported

    without_collector(_check_files, args)


def _check_files(args: argparse.Namespace) -> None:
    from .report import ReportForm, text_style, write_report

    settings = _settings(args.config, args.paths, args.lang)
    inputs = _inputs(args.paths, args.lang)
    missing = len(inputs) == 0 or any(not os.path.exists(p) for p in args.paths)
    if args.format == "json":
        # JSON is UTF-8 (RFC 8259) wherever it goes, even a Windows file in cp1252; a lone
        # surrogate (an undecodable file name) is written as the JSON escape \udcxx
        tolerant(sys.stdout, "utf-8", "backslashreplace")
        form = ReportForm("json", args.lang)
    else:
        if not inputs:
            _err(ui("no-input", args.lang, paths=", ".join(args.paths)))
        form = ReportForm("text", args.lang, args.info, text_style(sys.stdout))
    parts = _check_all(inputs, settings, form, args.jobs, args.executor, args.scheduler)
    write_report(parts, form, sys.stdout)
    if missing or any(p.status == "error" for p in parts):
        raise Exit(2)
    if any(p.errors for p in parts):
        raise Exit(1)


def annotate(args: argparse.Namespace) -> None:
    from functools import partial

    from .annotate import Outcome, annotate_file, dropped_note
    from .pipeline import crashed
    from .report import print_text

    lang, output = args.lang, args.output
    settings = _settings(args.config, args.paths, lang)
    inputs = [p for p, ok in _inputs(args.paths, lang) if ok]
    if output:
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as exc:
            _err(ui("annotate-failed", lang, path=output, detail=exc.strerror or exc))
            raise Exit(2) from None
    fn = partial(annotate_file, settings=settings, out_dir=output)
    outcomes = list(_run_files("annotate", fn, inputs, args.jobs, args.executor,
                               args.scheduler, "Menandai", lambda path: Outcome(crashed(path))))
    results = [o.result for o in outcomes]
    print_text(results, lang)
    for o in outcomes:
        if o.written:
            if o.result.source_format in ("xls", "ods"):
                print(ui("annotate-xls", lang, path=o.result.path,
                         fmt=o.result.source_format, out=o.written))
            else:
                print(ui("annotated", lang, path=o.written))
            if o.dropped:
                print("  " + dropped_note(o.dropped, lang))
        elif o.failure:
            _err(ui("annotate-failed", lang, path=o.result.path, detail=o.failure))
    if (not inputs or any(r.status == "error" for r in results)
            or any(o.failure for o in outcomes)):
        raise Exit(2)
    if any(r.errors for r in results):
        raise Exit(1)


def consolidate(args: argparse.Namespace) -> None:
    from functools import partial

    from .consolidate import DataWriter, Rekap, drain
    from .pipeline import check_file, crashed

    lang, output, data = args.lang, args.output, args.data
    if data and data.lower().endswith(".parquet"):
        from importlib.util import find_spec

        if find_spec("pyarrow") is None:  # an optional extra: said before any file is read
            _err(ui("parquet-missing", lang))
            raise Exit(2)
    settings = _settings(args.config, args.paths, lang)
    files = [p for p, ok in _inputs(args.paths, lang) if ok]
    writers: list = []
    try:
        writers.append(Rekap(output, lang))
        if data:
            writers.append(DataWriter(data))
    except OSError as exc:
        for writer in writers:
            writer.abort()
        _err(ui("annotate-failed", lang, path=data if writers else output,
                detail=exc.strerror or exc))
        raise Exit(2) from None
    drain(writers, _run_files("consolidate", partial(check_file, settings=settings), files,
                              args.jobs, args.executor, args.scheduler, "Merekap", crashed))
    print(ui("rekap-written", lang, path=output))
    if data:
        print(ui("data-written", lang, path=data))
    unreadable = writers[0].unreadable  # in Ringkasan and Temuan; the console says so too
    if unreadable:
        _err(ui("rekap-unreadable", lang, count=len(unreadable), files=", ".join(unreadable)))


def template(args: argparse.Namespace) -> None:
    from .templates import write_template

    write_template(args.kind, args.output)
    print(ui("template-written", args.lang, path=args.output))


def watch(args: argparse.Namespace) -> None:
    from .watch import watch_folder

    if not os.path.isdir(args.folder):
        _err(ui("not-found", args.lang, path=args.folder))
        raise Exit(2)
    settings = _settings(args.config, [args.folder], args.lang)
    watch_folder(args.folder, args.output, args.log, args.interval, args.once, settings,
                 args.lang)


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("minimal 1")
    return n


def _output_file(suffixes: tuple[str, ...], added: str | None = None
                 ) -> Callable[[str], str]:
    """An argparse type for an output file's name: ending in one of ``suffixes`` (which
    decides the format), ``added`` when it has none (`-o rekap`); a folder or another suffix
    is refused before anything is read."""
    names = " atau ".join(suffixes)

    def checked(text: str) -> str:
        if os.path.isdir(text) or text.endswith(("/", os.sep)):
            raise argparse.ArgumentTypeError(f"nama file {names}, bukan folder: {text!r}")
        suffix = os.path.splitext(text)[1].lower()
        if not suffix and added:
            return text + added
        if suffix not in suffixes:
            raise argparse.ArgumentTypeError(f"beri nama berakhiran {names}: {text!r}")
        return text

    return checked


_xlsx_output = _output_file((".xlsx",), added=".xlsx")  # consolidate -o, template -o
_data_output = _output_file((".csv", ".parquet"))  # --data (SPEC §5)


def _common(p: argparse.ArgumentParser, parallel: bool = True) -> None:
    p.add_argument("--lang", choices=("id", "en"), default="id",
                   help="Bahasa pesan: id atau en.")
    p.add_argument("--config", help="Berkas sakip-xl.yaml.")
    if parallel:
        p.add_argument("--jobs", "-j", type=_jobs,
                       help="Jumlah proses paralel (bawaan: sebanyak inti, lebih sedikit "
                            "untuk folder kecil).")
        p.add_argument("--executor", choices=("local", "dask"), default="local",
                       help="local atau dask.")
        p.add_argument("--scheduler", help="Alamat scheduler Dask (tcp://host:8786).")


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=columns() - 2)  # argparse's own width, less 2


class _Parser(argparse.ArgumentParser):
    """argparse builds a help formatter for every option it adds (to check metavars); ours
    measures the terminal without shutil. Sub-commands are built with this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line. ``only``: build just that command's parser (every run names its
    command first, and building all five costs more than checking a small workbook)."""
    ap = _Parser(
        prog="sakip-xl",
        description="Memeriksa workbook SAKIP (Renja T-C.29/E.81, LKjIP) sebelum dikirim, "
                    "membuat salinan bertanda, dan menyusun rekap untuk Bappeda.")
    from . import __version__

    ap.add_argument("--version", action="version", version=f"sakip-xl {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="PERINTAH")
    for name, build in COMMANDS.items():
        if only in (None, name):
            build(sub)
    return ap


def _over_files(sub, name: str, summary: str, description: str,
                run: Callable[[argparse.Namespace], None]) -> argparse.ArgumentParser:
    """A command over files and folders, with the shared language/config/parallel options."""
    p = sub.add_parser(name, help=summary, description=description)
    p.add_argument("paths", nargs="+", metavar="PATH", help="File dan/atau folder (rekursif).")
    _common(p)
    p.set_defaults(run=run)
    return p


def _check(sub) -> None:
    p = _over_files(sub, "check", "Periksa workbook (hanya membaca).",
                    "Periksa workbook (hanya membaca). Exit 0: tanpa kesalahan; 1: ada "
                    "kesalahan; 2: file tidak terbaca atau pemakaian salah.", check)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--info", action="store_true", help="Tampilkan juga temuan info.")


def _annotate(sub) -> None:
    p = _over_files(sub, "annotate", "Tulis salinan bertanda NAMA.diperiksa.xlsx.",
                    "Tulis salinan bertanda NAMA.diperiksa.xlsx untuk setiap workbook (file "
                    "asli tidak diubah).", annotate)
    p.add_argument("--output", "-o", help="Folder keluaran (bawaan: di samping file asli).")


def _consolidate(sub) -> None:
    p = _over_files(sub, "consolidate", "Rekap Bappeda dari banyak workbook.",
                    "Rekap Bappeda: Ringkasan per OPD, semua baris per layout, Temuan, dan "
                    "grafik.", consolidate)
    p.add_argument("--output", "-o", required=True, type=_xlsx_output, help="REKAP.xlsx")
    p.add_argument("--data", type=_data_output,
                   help="REKAP.csv atau REKAP.parquet (rekaman kanonik).")


def _template(sub) -> None:
    p = sub.add_parser("template", help="Tulis templat kosong yang siap diisi.",
                       description="Tulis templat kosong yang siap diisi.")
    p.add_argument("kind", choices=("tc29", "pengukuran"), help="tc29 atau pengukuran")
    p.add_argument("--output", "-o", required=True, type=_xlsx_output, help="FILE.xlsx")
    p.add_argument("--lang", choices=("id", "en"), default="id",
                   help="Bahasa pesan: id atau en.")
    p.set_defaults(run=template)


def _watch(sub) -> None:
    p = sub.add_parser("watch", help="Pantau folder dan periksa setiap workbook baru/berubah.",
                       description="Pantau folder: setiap workbook baru/berubah diperiksa dan "
                                   "diberi salinan bertanda.")
    p.add_argument("folder", help="Folder yang dipantau.")
    p.add_argument("--output", "-o",
                   help="Folder salinan bertanda (bawaan: subfolder 'diperiksa').")
    p.add_argument("--log", help="Berkas log (bawaan: FOLDER/sakip-xl.log).")
    p.add_argument("--interval", type=float, default=2.0, help="Detik antar-pemindaian.")
    p.add_argument("--once", action="store_true", help="Satu putaran lalu berhenti.")
    _common(p, parallel=False)
    p.set_defaults(run=watch)


COMMANDS = {"check": _check, "annotate": _annotate, "consolidate": _consolidate,
            "template": _template, "watch": _watch}


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit code (argparse's own usage errors exit 2 by SystemExit)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = ap.parse_args(argv)
    command: Callable[[argparse.Namespace], None] | None = getattr(args, "run", None)
    if command is None:
        ap.print_help()
        return 2
    if getattr(args, "paths", None):
        args.paths = expand_patterns(args.paths)
    try:
        try:
            command(args)
        finally:
            sys.stdout.flush()  # here, so that a failed write is reported as below
            patterns.save()  # what this run compiled, for the next run (never fails)
    except Exit as stop:
        return stop.code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # an output could not be written
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # what is still buffered goes nowhere
        if isinstance(exc, BrokenPipeError):  # `sakip-xl check … | head`: the reader left
            return 1
        from .atomic import TargetLocked

        if isinstance(exc, TargetLocked):  # last quarter's rekap still open in Excel
            _err(ui("output-locked", getattr(args, "lang", "id"), path=exc.filename))
            return 2
        detail = exc.strerror or str(exc)  # a full disk, a folder it may not write to
        if exc.filename:
            detail = f"{exc.filename}: {detail}"
        _err(ui("output-failed", getattr(args, "lang", "id"), detail=detail))
        return 2
    except KeyedError as exc:  # runner.ExecutorUnavailable: Dask missing or away (a file's
        _err(ui(exc.key, getattr(args, "lang", "id"), **exc.params))  # ReadError stays with it)
        return 2
    return 0


def main() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # started with the stream closed (`>&-`)
            setattr(sys, name, open(os.devnull, "w"))  # noqa: SIM115 - for the whole run
    tolerant(sys.stdout)  # `> hasil.txt` on Windows is cp1252: OPD text may not fit in it
    leave(run())


def leave(code: int) -> None:
    """End the process with ``code`` once stdout and stderr are flushed, without the
    interpreter's tear-down: a last full garbage collection and every module freed one by one,
    5–15 ms that no command needs (every output file is closed and renamed by then; workers
    already end this way). After a Dask run the interpreter ends as usual: its cluster cleans
    up at exit."""
    if "distributed" in sys.modules:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # `… | head` left early (BrokenPipeError), a full disk,
        code = code or 1  # or a stream already closed: the output is incomplete
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
