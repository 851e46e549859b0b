"""The compiled-pattern cache (sakip_xl/patterns.py): what comes from it is what ``re`` gives,
and a missing, damaged, foreign or unwritable cache changes nothing but the time."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SAMPLES = ROOT / "samples"
CACHE_NAME = f"patterns.{sys.implementation.cache_tag}.marshal"


def _python(code: str, cache: Path | str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SAKIP_XL_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120)


def _check(cache: Path | str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SAKIP_XL_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "sakip_xl", "check", str(SAMPLES), "--format",
                           "json", "--info", "--jobs", "1"],
                          capture_output=True, text=True, env=env, timeout=120)


def _read(path: Path) -> tuple[tuple, dict]:
    stamp, entries = marshal.loads(path.read_bytes())
    return stamp, entries


def test_a_run_stores_its_patterns_and_the_next_run_rebuilds_them_as_re_does(tmp_path: Path
                                                                              ) -> None:
    first = _check(tmp_path)
    path = tmp_path / CACHE_NAME
    stamp, entries = _read(path)
    assert stamp[1] == sys.version
    from sakip_xl import normalise, rows

    # the module patterns and the header synonyms met on the samples are all there
    assert (rows._TOTAL.pattern, re.IGNORECASE) in entries
    assert (normalise._MAIN.pattern, normalise._MAIN.flags & ~re.UNICODE) in entries
    assert len(entries) >= 80
    written = path.stat().st_mtime_ns
    second = _check(tmp_path)
    assert path.stat().st_mtime_ns == written  # nothing new: not written again
    assert second.returncode == first.returncode == 1  # the samples have errors
    assert second.stdout == first.stdout
    # in a new process, every stored pattern comes from the table, equal to re.compile's
    probe = _python(
        "import marshal, re, sys\n"
        "from sakip_xl import patterns\n"
        f"_, entries = marshal.loads(open({str(path)!r}, 'rb').read())\n"
        "bad = []\n"
        "for (p, f) in entries:\n"
        "    got, want = patterns.compiled(p, f), re.compile(p, f)\n"
        "    if (got != want or got.groupindex != want.groupindex or got.groups != want.groups\n"
        "            or got.flags != want.flags):\n"
        "        bad.append(p)\n"
        "print(len(entries), len(patterns._used), patterns._added, bad)\n", tmp_path)
    count, used, added, bad = probe.stdout.split(" ", 3)
    assert (count, used, added, bad.strip()) == (str(len(entries)), str(len(entries)), "False",
                                                  "[]"), probe.stderr


def test_the_cache_changes_no_output(tmp_path: Path) -> None:
    without = _check("")  # SAKIP_XL_CACHE_DIR set empty: no cache at all
    cold = _check(tmp_path)
    warm = _check(tmp_path)
    assert without.stdout == cold.stdout == warm.stdout
    assert json.loads(warm.stdout)["files"]


def test_a_damaged_cache_is_read_as_none_and_written_anew(tmp_path: Path) -> None:
    reference = _check("")
    path = tmp_path / CACHE_NAME
    path.write_bytes(b"\x00not marshal data")
    damaged = _check(tmp_path)
    assert damaged.stdout == reference.stdout
    assert "Traceback" not in damaged.stderr
    stamp, entries = _read(path)
    assert stamp[1] == sys.version and len(entries) >= 80


def test_a_cache_of_another_python_is_not_used(tmp_path: Path) -> None:
    # an entry under "\d" that rebuilds "[a-z]": used, it would match letters, not digits
    make = ("import marshal, sys\n"
            "from sakip_xl import patterns\n"
            "wrong = patterns._entry('[a-z]', 0)\n"
            "stamp = patterns._stamp()\n"
            "foreign = (stamp[0], '3.99.0 (another build)', stamp[2])\n"
            "same = stamp\n"
            f"for name, s in (('foreign', foreign), ('same', same)):\n"
            f"    open({str(tmp_path)!r} + '/' + name, 'wb').write("
            "marshal.dumps((s, {('\\\\d', 0): wrong})))\n")
    assert _python(make, "").returncode == 0
    use = "from sakip_xl.patterns import compiled\nprint(bool(compiled(r'\\d').match('5')))\n"
    for name, digit_matches in (("foreign", "True"), ("same", "False")):
        folder = tmp_path / name.upper()
        folder.mkdir()
        (tmp_path / name).rename(folder / CACHE_NAME)
        # the same Python's table is trusted (it stores only verified entries); another's not
        assert _python(use, folder).stdout.strip() == digit_matches


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    reference = _check("")
    run = _check(blocked / "cache")  # the folder cannot be made under a file
    assert run.returncode == reference.returncode
    assert run.stdout == reference.stdout
    assert run.stderr == reference.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]  # no temporary file left


def test_a_table_grown_past_its_bound_keeps_what_the_last_run_used(tmp_path: Path) -> None:
    grow = ("from sakip_xl import patterns\n"
            "patterns.MAX_ENTRIES = {n}\n"
            "for i in range({start}, {stop}):\n"
            "    patterns.compiled('word%d' % i)\n"
            "patterns.save()\n")
    assert _python(grow.format(n=6, start=0, stop=4), tmp_path).returncode == 0
    assert _python(grow.format(n=6, start=10, stop=13), tmp_path).returncode == 0
    _, entries = _read(tmp_path / CACHE_NAME)
    assert sorted(p for p, _ in entries) == ["word10", "word11", "word12"]
    assert _python(grow.format(n=6, start=20, stop=30), tmp_path).returncode == 0
    _, entries = _read(tmp_path / CACHE_NAME)
    assert sorted(p for p, _ in entries) == [f"word{i}" for i in range(24, 30)]


def test_the_cache_lives_in_the_users_cache_folder_or_nowhere(tmp_path: Path) -> None:
    where = "from sakip_xl.patterns import cache_dir\nprint(cache_dir())\n"
    env = {k: v for k, v in os.environ.items()
           if k not in ("SAKIP_XL_CACHE_DIR", "XDG_CACHE_HOME", "HOME")}

    def folder(**extra: str) -> str:
        return subprocess.run([sys.executable, "-c", where], capture_output=True, text=True,
                              env={**env, "PYTHONPATH": str(ROOT), **extra},
                              timeout=60).stdout.strip()

    if sys.platform.startswith("linux"):
        assert folder(HOME=str(tmp_path)) == str(tmp_path / ".cache" / "sakip-xl")
        assert folder(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "c")) == str(
            tmp_path / "c" / "sakip-xl")
        # a relative home would put the cache in the folder the command runs in: none
        assert folder(HOME="relative", XDG_CACHE_HOME="") == "None"
    assert folder(SAKIP_XL_CACHE_DIR=str(tmp_path / "x")) == str(tmp_path / "x")
    assert folder(SAKIP_XL_CACHE_DIR="") == "None"


def test_steps_that_do_not_rebuild_re_s_patterns_are_not_used(tmp_path: Path) -> None:
    """On a Python whose compiler steps give other code than re.compile (here: steps that
    always give the code of "[a-z]"), patterns are compiled by re.compile and none is kept."""
    script = ("from sakip_xl import patterns\n"
              "right = patterns._entry\n"
              "patterns._entry = lambda p, f: right('[a-z]', 0)\n"
              "ok = patterns.compiled(r'\\d').match('5') is not None\n"
              "patterns.save()\n"
              "print(ok, patterns._derives_as_re(), patterns._added)\n")
    run = _python(script, tmp_path)
    assert run.stdout.split() == ["True", "False", "False"], run.stderr
    assert not (tmp_path / CACHE_NAME).exists()
    # and on this Python the steps do rebuild them: the fast way is the one taken
    assert _python("from sakip_xl import patterns\nprint(patterns._derives_as_re())\n",
                   tmp_path).stdout.strip() == "True"


def test_no_cache_means_no_extra_work(tmp_path: Path) -> None:
    """With the cache off, a pattern is compiled by re.compile alone (nothing derived)."""
    script = ("from sakip_xl import patterns\n"
              "patterns.compiled(r'(?P<a>x)+')\n"
              "print(patterns._derives, patterns._added, patterns._table)\n")
    assert _python(script, "").stdout.split() == ["None", "False", "{}"]
