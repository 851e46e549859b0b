"""Damaged workbooks through the pipeline: no exception may escape ``check_file``.

    python bench/fuzz.py                   # 300 mutations, seed 1
    python bench/fuzz.py --count 900 --seed 2 --keep /tmp/fuzz   # keep them, then run the
                                           # CLI on the folder: sakip-xl check/annotate/…

Each mutation takes a workbook of ``samples/`` or of a mixed inbox (bench/mixed.py) and
truncates it, flips bytes anywhere, or flips bytes inside one XML part of the zip (the zip
itself stays valid, so the XML readers are what is tried). Prints the tally of file-level
results and every exception that escaped, with its traceback; exits 1 if there was one.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import traceback
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sakip_xl.pipeline import check_file  # noqa: E402


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    mode = rng.choice(["truncate", "flip", "xml"])
    if mode == "truncate":
        return mode, data[:rng.randrange(len(data))]
    if mode == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return mode, bytes(out)
    source = zipfile.ZipFile(io.BytesIO(data))
    target = rng.choice([n for n in source.namelist() if n.endswith(".xml")])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            part = bytearray(source.read(name))
            if name == target and part:
                for _ in range(rng.randint(1, 10)):
                    part[rng.randrange(len(part))] = rng.choice(b'<>"=/ 0123456789abcsrvft&;')
            out.writestr(name, bytes(part))
    return f"xml {target}", buffer.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="write the mutated files to this folder and keep them")
    args = ap.parse_args()
    sources = sorted((ROOT / "samples").glob("*.xlsx"))
    mixed = ROOT / "bench" / "data" / "mixed-40-seed7"
    sources += sorted(mixed.glob("*.xlsx"))[:10]
    rng = random.Random(args.seed)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="sakip-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    tally: Counter[str] = Counter()
    escaped = 0
    for i in range(args.count):
        source = rng.choice(sources)
        mode, data = mutate(source.read_bytes(), rng)
        path = folder / f"fuzz-{i:04d}.xlsx"
        path.write_bytes(data)
        try:
            result = check_file(str(path))
        except Exception:  # what this script looks for
            escaped += 1
            print(f"{path} ({mode} of {source.name}):", file=sys.stderr)
            traceback.print_exc()
            continue
        tally[result.error or result.status] += 1
        if not args.keep:
            path.unlink()
    print(f"{args.count} mutations, seed {args.seed}: " + ", ".join(
        f"{key} {n}" for key, n in tally.most_common()) + f"; exceptions escaped: {escaped}")
    sys.exit(1 if escaped else 0)


if __name__ == "__main__":
    main()
