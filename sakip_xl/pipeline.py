"""The per-file pipeline: read -> locate -> normalise -> rules. A pure function of one file
(and the settings), so it can run in any process or on any worker."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from .layouts import registry
from .locate import locate
from .model import FileResult, SheetGrid, TableResult, WorkbookGrid
from .normalise import squash_spaces
from .patterns import compiled
from .read import NOT_AN_INPUT, ReadError, is_candidate, read_workbook
from .rows import build_rows
from .rules import rules_for
from .runner import without_collector
from .settings import Settings

_OPD = compiled(
    r"\b((?:dinas|badan|kantor|sekretariat|inspektorat|kecamatan|satuan polisi|rumah sakit|"
    r"rsud|bappeda|bapelitbang|bappelitbangda|bpkad|bkpsdm|bpbd|kesbangpol|dpmptsp|"
    r"kelurahan|sekretariat dprd|uptd?|puskesmas)\b[^\n:]*)",
    re.IGNORECASE,
)
_OPD_LABEL = compiled(r"^(opd|skpd|perangkat daerah|unit kerja|instansi)\s*[:=]\s*(.+)$",
                        re.IGNORECASE)


# an OPD name typed in capitals is written as names are: these words stay lower case (but a
# first word), these stay capitals, as does any word without a vowel (BPBD, DPMPTSP)
_SMALL_WORDS = frozenset(("dan", "atau", "serta", "di", "ke", "dari", "untuk", "yang", "pada",
                          "dengan", "dalam", "bagi", "oleh"))
_ACRONYMS = frozenset(("UMKM", "UKM", "RSUD", "UPT", "UPTD", "ASN", "PU", "PUPR", "PP", "KB",
                       "IKM", "TIK", "BAPPEDA", "BAPELITBANG", "BAPPELITBANGDA", "BAPENDA",
                       "BPKAD", "BPKPAD", "KESBANGPOL", "SATPOL", "DPRD", "SDM", "UKPBJ"))
# what follows an OPD's name in a title ("Dinas Kesehatan Tahun 2024")
# ("Dinas Kesehatan Tahun 2024", "…, Tahun 2024", "… TA. 2023", "… (Triwulan IV)", "… TW
# IV", "… Semester I", "… per 31 Desember 2023", or a year alone: "RSUD X 2023", "… - 2023")
_NAME_END = compiled(
    r"\s*[,;(\u2013-]?\s*\b(?:tahun|periode|triwulan|semester|tw|trw|bulan|keadaan|sampai|"
    r"s\s*[./]\s*d\b|per\s+\d|t\.?\s*a\.?\s*(?=(?:19|20)\d\d))"
    r"|\s*[,(\u2013-]?\s*\(?(?:19|20)\d\d\)?$", re.IGNORECASE)
_VOWEL = compiled(r"[AIUEO]")
_ROMAN = compiled(r"[IVXL]+")  # UPTD Puskesmas II, Wilayah IV


def name_case(name: str) -> str:
    """"DINAS KOPERASI, USAHA KECIL DAN MENENGAH" -> "Dinas Koperasi, Usaha Kecil dan
    Menengah"; a name with any lower-case letter is left as typed."""
    if not name.isupper():
        return name
    words = []
    for i, word in enumerate(name.split(" ")):
        core = word.strip(".,:;()")
        if core == "DR":  # RSUD dr. Soekardjo
            words.append(word.lower())
        elif core in _ACRONYMS or any(ch.isdigit() for ch in core) or (
                core.isalpha() and not _VOWEL.search(core)) or _ROMAN.fullmatch(core):
            words.append(word)
        elif i and core.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(word.capitalize() if word[:1].isalpha() else
                         word[:1] + word[1:].capitalize())
    return " ".join(words)


def find_opd(sheet: SheetGrid, before_row: int) -> str | None:
    """The OPD's name from the title rows above a table, if one is written there."""
    for r in range(min(before_row, 15)):
        for raw in sheet.rows[r] if r < len(sheet.rows) else []:
            if not isinstance(raw, str) or not raw.strip() or "{" in raw:
                continue
            text = squash_spaces(raw)
            m = _OPD_LABEL.match(text)
            if m:
                return name_case(m.group(2).strip()[:120])
            m = _OPD.search(text)
            if m:
                name = m.group(1).strip(" .,-")
                name = _NAME_END.split(name)[0]
                return name_case(name[:120])
    return None


def check_file(path: str, settings: Settings | None = None) -> FileResult:
    """Everything sakip-xl knows about one workbook. Never raises for bad input."""
    return inspect_file(path, settings)[0]


def inspect_file(path: str, settings: Settings | None = None
                 ) -> tuple[FileResult, WorkbookGrid | None]:
    """``check_file`` plus the grid it read (None when the file could not be read), worked
    out with the cyclic collector off (``runner.without_collector``)."""
    return without_collector(_inspect, path, settings or Settings())


def _inspect(path: str, settings: Settings) -> tuple[FileResult, WorkbookGrid | None]:
    try:
        grid = read_workbook(path)
    except ReadError as exc:
        status = "skipped" if exc.key in NOT_AN_INPUT else "error"
        return FileResult(path=path, status=status, error=exc.key,
                          error_params=exc.params), None
    except MemoryError:
        return FileResult(path=path, status="error", error="too-large"), None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a reader bug must not stop the run: report it per file
        # (BaseException: a Rust panic inside calamine arrives as pyo3's PanicException)
        return FileResult(path=path, status="error", error="corrupt",
                          error_params={"detail": f"{type(exc).__name__}: {exc}"[:200]}), None
    return _check_grid(path, grid, settings), grid


def crashed(path: str) -> FileResult:
    """The result of a file whose worker process died on it (``runner.run_all``'s
    ``on_crash``): a bad file like any other, and the run goes on."""
    return FileResult(path=path, status="error", error="crashed")


def _check_grid(path: str, grid: WorkbookGrid, settings: Settings) -> FileResult:
    result = FileResult(path=path, status="ok", source_format=grid.source_format)
    layouts = list(registry().values())
    for sheet in grid.sheets:
        if not sheet.visible:
            continue
        for table in locate(sheet, layouts, settings):
            rows, footers = build_rows(sheet, table)
            findings, computed, recomputed = rules_for(table.layout)(
                sheet, table, rows, footers, settings)
            opd = find_opd(sheet, table.header_first)
            result.tables.append(TableResult(table, rows, computed, recomputed, opd=opd,
                                              row_count=len(rows)))
            result.findings.extend(findings)
            if opd and not result.opd:
                result.opd = opd
    if not result.tables:  # a workbook with something on its visible sheets, or nothing
        any_cells = any(any(c not in ("", None) for c in row)
                        for sheet in grid.sheets if sheet.visible for row in sheet.rows[:2000])
        result.status = "error"
        result.error = "no-table" if any_cells else "empty-workbook"
        result.error_params = {"layouts": ", ".join(lay.title for lay in layouts)}
    order = {s.name: i for i, s in enumerate(grid.sheets)}
    result.findings.sort(key=lambda f: (order.get(f.sheet, 0), f.row, f.col, f.code))
    return result


def warm_up() -> None:
    """Import, once and before any worker is forked, what checking a file needs: the readers
    (python-calamine, the formula evaluator, zip names in cp437), every layout and its rules.
    Each forked worker would otherwise import them (and compile their patterns) again."""
    import codecs

    import python_calamine  # noqa: F401

    from . import formula  # noqa: F401

    codecs.lookup("cp437")
    for name in registry():
        rules_for(name)


def clear_caches() -> None:
    """Forget every memoised result (parsed texts and numbers, header mappings, kode levels):
    a benchmark's run then starts cold, as a user's does."""
    from . import formula, layouts, locate, normalise, read, rows
    from .rules import common

    for module in (read, normalise, locate, rows, common, layouts, formula):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
        for memo in getattr(module, "MEMOS", ()):  # plain dicts (sakip_xl.memo)
            memo.clear()


def iter_inputs(paths: list[str]) -> Iterator[tuple[str, bool]]:
    """(path, is_spreadsheet) for every file under the given files and folders, sorted.

    Lock files (``~$``) and non-spreadsheets inside folders are left out quietly; a file named
    on the command line is always reported.
    """
    seen: set[str] = set()
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    full = os.path.join(root, name)
                    if is_candidate(full) and ".diperiksa." not in name:
                        found.append(full)
            for full in sorted(found):
                if full not in seen:
                    seen.add(full)
                    yield full, True
        elif p not in seen:
            seen.add(p)
            yield p, is_candidate(p)
