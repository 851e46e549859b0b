from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# the tests' compiled patterns go to a folder of their own, not the user's cache (patterns.py),
# removed when the run ends
os.environ["SAKIP_XL_CACHE_DIR"] = tempfile.mkdtemp(prefix="sakip-xl-test-cache-")

from sakip_xl.cli import run

atexit.register(shutil.rmtree, os.environ["SAKIP_XL_CACHE_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"


def run_cli(*args: str) -> tuple[int, str]:
    """The real CLI in-process: exit code and stdout (stderr is let through)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            code = run(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue()


def check_json(*paths: Path | str, extra: tuple[str, ...] = ()) -> tuple[int, dict]:
    code, out = run_cli("check", *map(str, paths), "--format", "json", "--jobs", "1", *extra)
    return code, json.loads(out)


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m sakip_xl`` in a new process, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "sakip_xl", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def findings(report: dict, severities: tuple[str, ...] = ("error", "warning")) -> set:
    return {(f["cell"], f["code"]) for file in report["files"] for f in file["findings"]
            if f["severity"] in severities}


@pytest.fixture
def real_dir() -> Path:
    if not REAL.is_dir():
        pytest.skip("shared/real is not here")
    return REAL
