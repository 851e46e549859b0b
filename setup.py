"""Build sakip-xl (the metadata is in pyproject.toml; this file only adds the compiled modules).

The package is plain Python. Where a C compiler is at hand, the modules that run once per cell
or per row (normalise, rows, locate, formula, cellformats, memo, the Renja rules), the data classes
passed between the stages (model), the settings the rules read (settings) and the wording of
each finding (messages) are also compiled
with mypyc: the same source, type-checked and turned into C extensions, which Python imports in
their place (``COMPILED``; docs/keputusan.md has what each step saved, measured with
bench/instructions.py). Without a compiler (most Windows machines), with SAKIP_XL_PURE_PYTHON=1,
or when mypyc refuses the source, the install goes on with the Python modules alone, which give
the same results (tests/test_compiled.py).
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

COMPILED = [
    "sakip_xl/model.py",
    "sakip_xl/memo.py",
    "sakip_xl/cellformats.py",
    "sakip_xl/normalise.py",
    "sakip_xl/rows.py",
    "sakip_xl/settings.py",
    "sakip_xl/formula.py",
    "sakip_xl/locate.py",
    "sakip_xl/rules/common.py",
    "sakip_xl/rules/checks.py",
    "sakip_xl/rules/tc29.py",
    "sakip_xl/messages.py",
]


def _pure(why: str) -> None:
    print(f"sakip-xl: {why}; installing the Python modules only", file=sys.stderr)


def ext_modules() -> list:
    if os.environ.get("SAKIP_XL_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify

        return mypycify(["--ignore-missing-imports", *COMPILED], opt_level="3",
                        group_name="sakip_xl_native")
    except (Exception, SystemExit) as exc:  # mypyc absent, or its type check failed (exit)
        _pure(f"mypyc did not compile the modules ({exc!r})")
        return []


class OptionalBuildExt(build_ext):
    """A compiler that is missing or fails leaves the package pure Python, not the install
    broken; and never half compiled (a module whose shared part is missing would not import)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # CompileError, PlatformError, OSError …
            for ext in self.extensions:
                for path in (self.get_ext_fullpath(ext.name),
                             os.path.join(self.build_lib, self.get_ext_filename(ext.name))):
                    if os.path.exists(path):
                        os.remove(path)
            _pure(f"the C extensions could not be built ({exc})")


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
