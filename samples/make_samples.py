"""Write the bundled sample workbooks: ``python samples/make_samples.py``.

Their contents live in ``tests/samples_data.py`` so that the tests pin the findings of exactly
these files.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.samples_data import SAMPLES  # noqa: E402

if __name__ == "__main__":
    for name, build in SAMPLES.items():
        build(ROOT / "samples" / name)
        print("written", name)
