"""Regular expressions compiled once per machine, not once per run.

Python compiles a pattern in Python code (``re._parser``, ``re._compiler``): the hundred-odd
patterns sakip-xl uses (header synonyms, rupiah and percent texts, footer words, kode forms)
took about 12 ms of every run's start — a tenth of checking a folder of ten workbooks. What the
compiler produces is plain data (the pattern's code: a list of ints, its groups), which
``_sre.compile`` turns back into a pattern in microseconds. ``compiled`` keeps that data in a
file in the user's cache folder, the way Python keeps a module's bytecode in ``__pycache__``:

- a pattern missing from the table is compiled once, by the steps ``re.compile`` takes
  (``re._parser.parse``, ``re._compiler._code``, ``_sre.compile``), and those steps' result
  is kept; before any is, the steps are checked against ``re.compile`` on sample patterns of
  every kind the package writes (code, flags and groups equal), and the tests compare every
  stored pattern of the package with ``re.compile``'s;
- the file is read only by the same Python (version, build and ``_sre.MAGIC``); any other file,
  a damaged one, or a Python whose compiler is not laid out as expected, means ``re.compile``
  as usual;
- it is written (to a temporary file, then renamed) at the end of a command that compiled
  something new, and never when it cannot be: a read-only home costs the 12 ms, nothing else.

``SAKIP_XL_CACHE_DIR`` names another folder; set empty, nothing is read or written.
"""

from __future__ import annotations

import os
import re
import sys

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any, AnyStr

    # (flags with the inline ones, code, groups - 1, name -> index, index -> name)
    Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
    Key = tuple[str | bytes, int]

FORMAT = 1  # of the file's contents: raise when they change
MAX_ENTRIES = 1024  # a table grown past this keeps only what the last run used

_table: dict[Key, Entry] | None = None  # read from the file on the first call
_added = False  # an entry was made in this run: the file is written again
_used: dict[Key, None] = {}  # used in this run, in order of first use


def compiled(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, its compiled form taken from the cache when there."""
    global _added
    key = (pattern, int(flags))
    table = _table if _table is not None else _load()
    entry = table.get(key)
    if entry is not None:
        try:
            rebuilt: re.Pattern[AnyStr] = _sre_compile(pattern, *entry)
        except Exception:  # a Python whose _sre is not as it was: compile
            del table[key]
        else:
            _used[key] = None
            return rebuilt
    if (not key[1] & re.DEBUG and cache_path() is not None  # a cache to keep it in
            and _derives_as_re()):
        # compiled once, by the steps of re.compile, and the steps' result kept
        try:
            entry = _entry(pattern, key[1])
            rebuilt = _sre_compile(pattern, *entry)
        except Exception:  # a pattern the steps do not take as re.compile does: re's way
            pass
        else:
            table[key] = entry
            _used[key] = None
            _added = True
            return rebuilt
    return re.compile(pattern, flags)


# patterns of every kind the package writes (named and numbered groups, look-around, flags,
# classes, repeats, alternations, bytes): what the steps of re.compile rebuild from them is
# compared with re.compile's own before any pattern is kept
_SAMPLES: tuple[tuple[str | bytes, int], ...] = (
    (r"^(?P<cmp>>=|<=)?\s*(?P<cur>rp\.?|idr)?\s*(?P<num>\(?[+-]?\d(?:[\d.,]*\d)?\)?)(?P<t>.*)$",
     re.IGNORECASE),
    (r"(?<![\d.,])\d{1,3}(?: \d{3})+(?!\d)", 0),
    (r"^(?:triwulan|tw|trw|q)?\s*(?:ke)?\s*-?\s*([ivl1]{1,3}|iv|[1-4])$", 0),
    (r"\bsub ?kegiatan\b|[^\w%/+=\-]|é", re.IGNORECASE | re.MULTILINE),
    (rb'<c r="([A-Z]+)([0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?>([^<]*)</f>', re.DOTALL),
)
_derives: bool | None = None


def _derives_as_re() -> bool:
    """Whether this Python's compiler is laid out as ``_entry`` expects: the samples, rebuilt
    from their steps, equal ``re.compile``'s patterns (code, flags, groups). Checked once."""
    global _derives
    if _derives is None:
        try:
            _derives = all(_same(_sre_compile(p, *_entry(p, f)), re.compile(p, f))
                           for p, f in _SAMPLES)
        except Exception:  # the internals are not there, or not as expected
            _derives = False
    return _derives


def _same(a: re.Pattern[Any], b: re.Pattern[Any]) -> bool:
    return (a == b and a.flags == b.flags and a.groups == b.groups
            and a.groupindex == b.groupindex)


def _entry(pattern: str | bytes, flags: int) -> Entry:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, as plain data."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_compile as _compiler
        import sre_parse as _parser
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = {str(name): int(i) for name, i in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | parsed.state.flags), code, int(parsed.state.groups) - 1, groupindex,
            tuple(indexgroup))


def _sre_compile(pattern: Any, flags: int, code: list[int], groups: int,
                 groupindex: dict[str, int], indexgroup: tuple[str | None, ...]) -> Any:
    import _sre

    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def cache_dir() -> str | None:
    """The folder of the cache (None: no cache): ``SAKIP_XL_CACHE_DIR``, else the platform's
    cache folder for sakip-xl — none when there is no home folder to put it in (a path that
    is not absolute would put it in whatever folder the command runs in)."""
    chosen = os.environ.get("SAKIP_XL_CACHE_DIR")
    if chosen is not None:
        return chosen or None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
        folder = os.path.join(base, "sakip-xl", "Cache")
    elif sys.platform == "darwin":
        folder = os.path.expanduser("~/Library/Caches/sakip-xl")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        folder = os.path.join(base, "sakip-xl")
    return folder if os.path.isabs(folder) else None


def cache_path() -> str | None:
    folder = cache_dir()
    if folder is None:
        return None
    return os.path.join(folder, f"patterns.{sys.implementation.cache_tag}.marshal")


def _stamp() -> tuple[int, str, int]:
    """What the file must have been written by: this format, this Python, this regex engine."""
    import _sre

    return (FORMAT, sys.version, int(_sre.MAGIC))


def _load() -> dict[Key, Entry]:
    """The table from the cache file; empty when there is none or it is not this Python's."""
    global _table
    _table = {}
    path = cache_path()
    if path is None:
        return _table
    import marshal

    try:
        with open(path, "rb") as f:
            stamp, entries = marshal.loads(f.read())
        if stamp == _stamp() and isinstance(entries, dict):
            _table = entries
    except Exception:  # no file, a damaged one, one from another Python
        pass
    return _table


def save() -> None:
    """Write the table when this run added to it (quietly not, when it cannot be written)."""
    global _added
    path = cache_path()
    if not _added or _table is None or path is None:
        return
    import marshal

    from .atomic import finish_and_publish, temp_beside

    entries = _table
    if len(entries) > MAX_ENTRIES:  # the most recent of what this run used
        recent = [key for key in _used if key in _table][-MAX_ENTRIES:]
        entries = {key: _table[key] for key in recent}
    data = marshal.dumps((_stamp(), entries))

    def write() -> None:
        with open(tmp, "wb") as f:
            f.write(data)

    try:
        tmp = temp_beside(path)  # the folder made if needed
        finish_and_publish(tmp, path, write)  # no temporary file stays, whatever fails
        _added = False
    except OSError:  # a read-only home, a full disk: compiled again next time
        pass
