from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sakip_xl.cli import app

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"


def run_cli(*args: str) -> tuple[int, str]:
    """The real CLI in-process (typer's runner): exit code and stdout."""
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


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
