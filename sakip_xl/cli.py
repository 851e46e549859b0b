"""The ``sakip-xl`` command: a plain CLI over the pipeline (SPEC §5)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from .messages import ui

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Memeriksa workbook SAKIP (Renja T-C.29/E.81, LKjIP) sebelum dikirim, membuat salinan "
         "bertanda, dan menyusun rekap untuk Bappeda.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Lang(str, Enum):
    id = "id"
    en = "en"


class Format(str, Enum):
    text = "text"
    json = "json"


class Executor(str, Enum):
    local = "local"
    dask = "dask"


class TemplateKind(str, Enum):
    tc29 = "tc29"
    pengukuran = "pengukuran"


PathsArg = Annotated[list[str], typer.Argument(help="File dan/atau folder (rekursif).")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Bahasa pesan: id atau en.")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", help="Berkas sakip-xl.yaml.")]  # noqa: UP045
JobsOpt = Annotated[Optional[int], typer.Option(  # noqa: UP045
    "--jobs", "-j", help="Jumlah proses paralel (bawaan: jumlah inti).")]
ExecOpt = Annotated[Executor, typer.Option("--executor", help="local atau dask.")]
SchedOpt = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--scheduler", help="Alamat scheduler Dask (tcp://host:8786).")]


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _settings(config: str | None, paths: list[str], lang: str):
    from .config import ConfigError, load_config

    try:
        return load_config(config, paths)
    except ConfigError as exc:
        _err(ui("bad-config", lang, path=exc.path, detail=exc.detail))
        raise typer.Exit(2) from None


def _inputs(paths: list[str], lang: str) -> list[tuple[str, bool]]:
    from .pipeline import iter_inputs

    missing = [p for p in paths if not os.path.exists(p)]
    for p in missing:
        _err(ui("not-found", lang, path=p))
    return list(iter_inputs([p for p in paths if os.path.exists(p)]))


def _check_all(paths: list[str], settings, jobs: int | None, executor: Executor,
               scheduler: str | None):
    from functools import partial

    from .model import FileResult
    from .pipeline import check_file
    from .runner import default_jobs, run_all

    files = [p for p, ok in paths if ok]
    fn = partial(check_file, settings=settings)
    results = dict(zip(files, run_all(fn, files, jobs or default_jobs(), executor.value,
                                      scheduler, label="Memeriksa"), strict=True))
    return [results[p] if ok else FileResult(path=p, status="skipped") for p, ok in paths]


@app.command()
def check(paths: PathsArg, format: Annotated[Format, typer.Option("--format")] = Format.text,
          lang: LangOpt = Lang.id, config: ConfigOpt = None, jobs: JobsOpt = None,
          executor: ExecOpt = Executor.local, scheduler: SchedOpt = None,
          info: Annotated[bool, typer.Option("--info", help="Tampilkan juga temuan info.")] = False,
          ) -> None:
    """Periksa workbook (hanya membaca). Exit 0: tanpa kesalahan; 1: ada kesalahan; 2: file tidak
    terbaca atau pemakaian salah."""
    from .report import print_text, write_json

    settings = _settings(config, paths, lang.value)
    inputs = _inputs(paths, lang.value)
    missing = len(inputs) == 0 or any(not os.path.exists(p) for p in paths)
    results = _check_all(inputs, settings, jobs, executor, scheduler)
    if format == Format.json:
        write_json(results, sys.stdout, lang.value)
    else:
        if not inputs:
            _err(ui("no-input", lang.value, paths=", ".join(paths)))
        print_text(results, lang.value, show_info=info)
    if missing or any(r.status == "error" for r in results):
        raise typer.Exit(2)
    if any(r.errors for r in results):
        raise typer.Exit(1)


@app.command()
def annotate(paths: PathsArg,
             output: Annotated[Optional[str], typer.Option(  # noqa: UP045
                 "--output", "-o", help="Folder keluaran (bawaan: di samping file asli).")] = None,
             lang: LangOpt = Lang.id, config: ConfigOpt = None, jobs: JobsOpt = None,
             executor: ExecOpt = Executor.local, scheduler: SchedOpt = None) -> None:
    """Tulis salinan bertanda NAMA.diperiksa.xlsx untuk setiap workbook (file asli tidak
    diubah)."""
    from functools import partial

    from .annotate import annotate_file
    from .report import print_text
    from .runner import default_jobs, run_all

    settings = _settings(config, paths, lang.value)
    inputs = [p for p, ok in _inputs(paths, lang.value) if ok]
    if output:
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as exc:
            _err(ui("annotate-failed", lang.value, path=output, detail=exc.strerror or exc))
            raise typer.Exit(2) from None
    fn = partial(annotate_file, settings=settings, out_dir=output)
    outcomes = list(run_all(fn, inputs, jobs or default_jobs(), executor.value, scheduler,
                            label="Menandai"))
    results = [o.result for o in outcomes]
    print_text(results, lang.value)
    for o in outcomes:
        if o.written:
            if o.result.source_format in ("xls", "ods"):
                print(ui("annotate-xls", lang.value, path=o.result.path,
                         fmt=o.result.source_format, out=o.written))
            else:
                print(ui("annotated", lang.value, path=o.written))
        elif o.failure:
            _err(ui("annotate-failed", lang.value, path=o.result.path, detail=o.failure))
    if (not inputs or any(r.status == "error" for r in results)
            or any(o.failure for o in outcomes)):
        raise typer.Exit(2)
    if any(r.errors for r in results):
        raise typer.Exit(1)


@app.command()
def consolidate(paths: PathsArg,
                output: Annotated[str, typer.Option("--output", "-o", help="REKAP.xlsx")],
                data: Annotated[Optional[str], typer.Option(  # noqa: UP045
                    "--data", help="REKAP.csv atau REKAP.parquet (rekaman kanonik).")] = None,
                lang: LangOpt = Lang.id, config: ConfigOpt = None, jobs: JobsOpt = None,
                executor: ExecOpt = Executor.local, scheduler: SchedOpt = None) -> None:
    """Rekap Bappeda: Ringkasan per OPD, semua baris per layout, Temuan, dan grafik."""
    from functools import partial

    from .consolidate import DataWriter, Rekap, drain
    from .pipeline import check_file
    from .runner import default_jobs, run_all

    settings = _settings(config, paths, lang.value)
    files = [p for p, ok in _inputs(paths, lang.value) if ok]
    writers: list = []
    try:
        writers.append(Rekap(output, lang.value))
        if data:
            writers.append(DataWriter(data))
    except OSError as exc:
        for writer in writers:
            writer.abort()
        _err(ui("annotate-failed", lang.value, path=data if writers else output,
                detail=exc.strerror or exc))
        raise typer.Exit(2) from None
    drain(writers, run_all(partial(check_file, settings=settings), files,
                           jobs or default_jobs(), executor.value, scheduler, label="Merekap"))
    print(ui("rekap-written", lang.value, path=output))
    if data:
        print(ui("data-written", lang.value, path=data))


@app.command()
def template(kind: Annotated[TemplateKind, typer.Argument(help="tc29 atau pengukuran")],
             output: Annotated[str, typer.Option("--output", "-o")],
             lang: LangOpt = Lang.id) -> None:
    """Tulis templat kosong yang siap diisi."""
    from .templates import write_template

    write_template(kind.value, output)
    print(ui("template-written", lang.value, path=output))


@app.command()
def watch(folder: Annotated[str, typer.Argument(help="Folder yang dipantau.")],
          output: Annotated[Optional[str], typer.Option(  # noqa: UP045
              "--output", "-o", help="Folder salinan bertanda (bawaan: subfolder 'diperiksa').")
          ] = None,
          log: Annotated[Optional[str], typer.Option(  # noqa: UP045
              "--log", help="Berkas log (bawaan: FOLDER/sakip-xl.log).")] = None,
          interval: Annotated[float, typer.Option("--interval", help="Detik antar-pemindaian.")
                              ] = 2.0,
          once: Annotated[bool, typer.Option("--once", help="Satu putaran lalu berhenti.")
                          ] = False,
          lang: LangOpt = Lang.id, config: ConfigOpt = None) -> None:
    """Pantau folder: setiap workbook baru/berubah diperiksa dan diberi salinan bertanda."""
    from .watch import watch_folder

    if not os.path.isdir(folder):
        _err(ui("not-found", lang.value, path=folder))
        raise typer.Exit(2)
    settings = _settings(config, [folder], lang.value)
    watch_folder(folder, output, log, interval, once, settings, lang.value)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
