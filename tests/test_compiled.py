"""The modules setup.py compiles with mypyc give exactly what their Python source gives.

Python imports a compiled module (``normalise.cpython-311-x86_64-linux-gnu.so``) in place of
its ``.py``. A copy of the package's sources alone, with no compiled module in it, is the pure
Python package a user without a C compiler installs: its reports must be byte-identical."""

from __future__ import annotations

import ast
import importlib
import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from .conftest import ROOT


def _compiled_by_setup() -> list[str]:
    """The modules setup.py hands to mypyc (its ``COMPILED`` list), as module names."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    paths = next(ast.literal_eval(node.value) for node in tree.body
                 if isinstance(node, ast.Assign)
                 and any(isinstance(t, ast.Name) and t.id == "COMPILED" for t in node.targets))
    return [p.removesuffix(".py").replace("/", ".") for p in paths]


COMPILED = _compiled_by_setup()


def _compiled(module: str) -> bool:
    path = importlib.import_module(module).__file__ or ""
    return any(path.endswith(suffix) for suffix in EXTENSION_SUFFIXES)


@pytest.mark.skipif(bool(os.environ.get("SAKIP_XL_PURE_PYTHON"))
                    or not (shutil.which("cc") or shutil.which("gcc")),
                    reason="installed as pure Python (no C compiler, or SAKIP_XL_PURE_PYTHON)")
def test_the_per_cell_modules_are_compiled_and_up_to_date() -> None:
    """Where a compiler is at hand the install compiles them (a type error in their source
    would silently leave them Python: this says so); and a compiled module older than its
    source (edited since the install) would run the old code."""
    assert "sakip_xl.normalise" in COMPILED and len(COMPILED) >= 6
    for module in COMPILED:
        assert _compiled(module), f"{module} is not compiled: see the output of pip install -v"
        built = Path(importlib.import_module(module).__file__ or "")
        source = ROOT / (module.replace(".", "/") + ".py")
        if built.parent.resolve() == source.parent.resolve():  # an editable install
            assert built.stat().st_mtime >= source.stat().st_mtime, (
                f"{source.name} changed after it was compiled: run python3 -m pip install -e . "
                "again")


def _pure_copy(dest: Path) -> Path:
    """The package's sources without any compiled module: what a pure-Python install holds."""
    shutil.copytree(ROOT / "sakip_xl", dest / "sakip_xl",
                    ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"))
    return dest


def _check(pythonpath: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([sys.executable, "-m", "sakip_xl", *args], capture_output=True,
                          text=True, cwd=pythonpath, env=env, timeout=300)


def test_compiled_and_pure_python_reports_are_identical(tmp_path: Path) -> None:
    from bench import library_inbox
    from bench.mixed import build

    inbox = tmp_path / "inbox"
    build(inbox, files=8, rows=30, seed=12)
    # every formula evaluated (formula.py compiled), texts from formulas, split kode
    library_inbox.build(tmp_path / "library", files=4, seed=5)
    for path in (tmp_path / "library").glob("*.xlsx"):
        shutil.copy(path, inbox / f"library-{path.name}")
    for sample in (ROOT / "samples").glob("*.xlsx"):
        shutil.copy(sample, inbox / sample.name)
    pure = _pure_copy(tmp_path / "pure")
    args = ("check", str(inbox), "--format", "json", "--info", "--jobs", "1")
    installed = _check(ROOT, *args)
    python_only = _check(pure, *args)
    assert installed.returncode == python_only.returncode == 1
    assert '"code": "sum-mismatch"' in installed.stdout
    assert installed.stdout == python_only.stdout
    assert installed.stderr == python_only.stderr == ""
    # the records of --data, every normalised and recomputed value
    data = [tmp_path / "compiled.csv", tmp_path / "pure.csv"]
    for where, csv in zip((ROOT, pure), data, strict=True):
        done = _check(where, "consolidate", str(inbox), "-o", str(csv.with_suffix(".xlsx")),
                      "--data", str(csv), "--jobs", "1")
        assert done.returncode == 0, done.stderr
    compiled_csv, pure_csv = (p.read_bytes() for p in data)
    assert compiled_csv.count(b"\n") > 250
    assert compiled_csv == pure_csv
