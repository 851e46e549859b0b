"""What the inbox generators (``bench/spec_inbox.py``, ``bench/library_inbox.py``) share: the
truth saved beside the folder, and their command line; and the generators by name, as the
bench scripts take them."""

from __future__ import annotations

import argparse
import importlib
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

Truth = dict[str, dict[str, Any]]  # "file|sheet|row" -> the true values of that data row

# the generators by the name bench/accuracy.py (--generator) and bench/run.py (--mixed,
# --spec, --library) take
GENERATORS = {"mixed": "bench.mixed", "spec": "bench.spec_inbox",
              "library": "bench.library_inbox"}


def generator(name: str) -> ModuleType:
    """The generator module of that name (its ``build(folder, files, rows, seed)``)."""
    return importlib.import_module(GENERATORS[name])


def save_truth(folder: Path, truth: Truth) -> Truth:
    """Write the truth beside the folder (``FOLDER.truth.json``) and return it."""
    folder.with_name(folder.name + ".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def generator_main(build: Callable[..., Truth], doc: str, files: int, seed: int) -> None:
    """``python bench/<generator>.py FOLDER --files N --seed S``."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=files)
    parser.add_argument("--seed", type=int, default=seed)
    args = parser.parse_args()
    truth = build(args.folder, args.files, seed=args.seed)
    print(f"{args.files} workbooks in {args.folder}, {len(truth)} data rows")
