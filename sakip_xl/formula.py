"""Evaluate formula cells that have no cached value (SPEC §3).

Plain arithmetic, cell references, SUM and AVERAGE (SPEC §3), and what the forms' own capaian
columns use around them: ROUND, ROUNDUP, ROUNDDOWN, ABS, MIN, MAX, IF with a comparison and
IFERROR. Anything else keeps the value a spreadsheet cached for it (a number other than the 0
libraries write, or a text), or counts as empty and is remembered in ``SheetGrid.unevaluated``
so that a finding can say so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from .model import CellPos, SheetGrid, parse_cell_name
from .normalise import parse_cell

_TOKEN = re.compile(
    r"\s*(?:(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)|(?P<ref>\$?[A-Z]{1,3}\$?\d+)"
    r"|(?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<func>[A-Z]+)\(|(?P<str>\"[^\"]*\")"
    r"|(?P<cmp><=|>=|<>|[<>=])|(?P<op>[-+*/^(),;%]))"
)


class FormulaError(Exception):
    pass


def _tokenize(text: str) -> list[tuple[str, str]]:
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FormulaError(text)
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], lookup: Callable[[CellPos], float | None]):
        self.t = tokens
        self.i = 0
        self.lookup = lookup

    def peek(self) -> tuple[str, str] | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise FormulaError("end")
        self.i += 1
        return tok

    def expr(self) -> float:
        x = self.term()
        while (tok := self.peek()) and tok[1] in "+-" and tok[0] == "op":
            self.take()
            y = self.term()
            x = x + y if tok[1] == "+" else x - y
        return x

    def term(self) -> float:
        x = self.power()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "*/":
            self.take()
            y = self.power()
            if tok[1] == "*":
                x *= y
            else:
                if y == 0:
                    raise FormulaError("div0")
                x /= y
        return x

    def power(self) -> float:
        x = self.unary()
        while (tok := self.peek()) and tok == ("op", "^"):
            self.take()
            y = self.unary()
            if (x < 0 and not y.is_integer()) or (x == 0 and y < 0):
                raise FormulaError("num")  # Excel's #NUM! (Python: a complex, a division)
            x = x ** y
        return x

    def unary(self) -> float:
        tok = self.peek()
        if tok and tok[0] == "op" and tok[1] in "+-":
            self.take()
            v = self.unary()
            return -v if tok[1] == "-" else v
        x = self.atom()
        if (tok := self.peek()) and tok == ("op", "%"):
            self.take()
            x /= 100
        return x

    def _skip_argument(self) -> None:
        depth = 0
        while (tok := self.peek()) is not None:
            if tok[0] == "func" or tok == ("op", "("):
                depth += 1
            elif tok == ("op", ")"):
                if depth == 0:
                    return
                depth -= 1
            elif tok in (("op", ","), ("op", ";")) and depth == 0:
                return
            self.i += 1

    def atom(self) -> float:
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "ref":
            v = self.lookup(parse_cell_name(text))
            return 0.0 if v is None else v
        if kind == "op" and text == "(":
            x = self.expr()
            if self.take() != ("op", ")"):
                raise FormulaError("paren")
            return x
        if kind == "str":
            return math.nan  # "" in IFERROR(x, ""): the cell shows nothing
        if kind == "func" and text == "IFERROR":
            start = self.i
            try:
                value = self.expr()
                if self.peek() not in (("op", ","), ("op", ";")):
                    raise FormulaError("iferror")
                self.take()
                self._skip_argument()
            except FormulaError:
                self.i = start
                self._skip_argument()
                self.take()  # the separator
                value = self.expr()
            if self.take() != ("op", ")"):
                raise FormulaError("paren")
            return value
        if kind == "func" and text == "IF":
            return self._if()
        if kind == "func" and text in ("SUM", "AVERAGE", "MIN", "MAX", "ROUND", "ROUNDUP",
                                       "ROUNDDOWN", "ABS"):
            values: list[float] = []
            while True:
                tok = self.peek()
                if tok == ("op", ")"):
                    self.take()
                    break
                if tok and tok[0] == "range":
                    self.take()
                    a, b = tok[1].split(":")
                    (r0, c0), (r1, c1) = parse_cell_name(a), parse_cell_name(b)
                    for r in range(min(r0, r1), max(r0, r1) + 1):
                        for c in range(min(c0, c1), max(c0, c1) + 1):
                            v = self.lookup((r, c))
                            if v is not None:
                                values.append(v)
                else:
                    values.append(self.expr())
                sep = self.peek()
                if sep in (("op", ","), ("op", ";")):
                    self.take()
            return _apply(text, values)
        raise FormulaError(text)

    def _if(self) -> float:
        """IF(a op b, then, else): only the branch taken is evaluated (the other may divide
        by zero, as in IF(H9=0,0,P9/H9*100))."""
        left = self.expr()
        tok = self.peek()
        if tok and tok[0] == "cmp":
            self.take()
            right = self.expr()
            cond = _COMPARE[tok[1]](left, right)
        else:
            cond = not math.isnan(left) and left != 0
        if self.peek() not in (("op", ","), ("op", ";")):
            raise FormulaError("if")
        self.take()
        if cond:
            value = self.expr()
            if self.peek() in (("op", ","), ("op", ";")):
                self.take()
                self._skip_argument()
        else:
            self._skip_argument()
            if self.peek() in (("op", ","), ("op", ";")):
                self.take()
                value = self.expr()
            else:
                value = 0.0  # IF(cond, x) is FALSE when cond fails: nothing to add
        if self.take() != ("op", ")"):
            raise FormulaError("paren")
        return value


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "=": lambda a, b: a == b, "<>": lambda a, b: a != b, "<": lambda a, b: a < b,
    ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b,
}


def _round(x: float, digits: float, mode: str) -> float:
    """Excel's rounding: half away from zero (ROUND), away from zero (ROUNDUP), toward zero
    (ROUNDDOWN)."""
    q = 10.0 ** int(digits)
    scaled = abs(x) * q
    if mode == "ROUND":
        scaled = float(math.floor(scaled + 0.5 + 1e-9))
    elif mode == "ROUNDUP":
        scaled = float(math.ceil(scaled - 1e-9))
    else:
        scaled = float(math.floor(scaled + 1e-9))
    return math.copysign(scaled / q, x)


def _apply(name: str, values: list[float]) -> float:
    if name == "SUM":
        return sum(values)
    if name.startswith("ROUND"):
        if len(values) != 2:
            raise FormulaError(name)
        return _round(values[0], values[1], name)
    if name == "ABS":
        if len(values) != 1:
            raise FormulaError(name)
        return abs(values[0])
    if not values:
        raise FormulaError("div0")
    if name == "MIN":
        return min(values)
    if name == "MAX":
        return max(values)
    return sum(values) / len(values)


class _Evaluation:
    """The formula cells of one sheet, each evaluated once (a class, not nested closures:
    two closures that call each other are a reference cycle, which keeps the whole sheet
    alive until the cyclic garbage collector runs)."""

    def __init__(self, sheet: SheetGrid) -> None:
        self.sheet = sheet
        self.state: dict[CellPos, float | None] = {}
        self.active: set[CellPos] = set()

    def value_at(self, pos: CellPos) -> float | None:
        sheet = self.sheet
        if pos in sheet.formulas:
            return self.evaluate(pos)
        v = parse_cell(sheet.value(*pos))
        return v.number if v.kind == "number" else None

    def evaluate(self, pos: CellPos) -> float | None:
        state, active, sheet = self.state, self.active, self.sheet
        if pos in state:
            return state[pos]
        if pos in active:
            raise FormulaError("cycle")
        active.add(pos)
        try:
            text = sheet.formulas[pos].lstrip("=").upper()
            result: float | None = _Parser(_tokenize(text), self.value_at).expr()
        except (FormulaError, ArithmeticError, ValueError, TypeError, RecursionError):
            result = None
            if pos not in sheet.uncached:  # keep what the file cached, if anything
                cached = parse_cell(sheet.value(*pos))
                # 0 is what a library caches for every formula (xlsxwriter): no value
                if cached.kind == "number" and cached.number != 0:
                    result = cached.number
        finally:
            active.discard(pos)
        state[pos] = result
        return result


def _cached_text(value: object) -> bool:
    """Whether a formula cell's cached value is a text a spreadsheet worked out (not an
    error such as ``#NAME?``)."""
    return isinstance(value, str) and bool(value.strip()) and not value.startswith("#")


_PLAIN_REF = re.compile(r"\$?[A-Z]{1,3}\$?[0-9]+")


def _referenced_text(sheet: SheetGrid, text: str) -> str | None:
    """The text a formula that is one reference to a text cell shows ("=B5": B5's text)."""
    ref = text.lstrip("=").strip().upper()
    if not _PLAIN_REF.fullmatch(ref):
        return None
    pos = parse_cell_name(ref)
    raw = sheet.value(*pos)
    return raw if pos not in sheet.formulas and isinstance(raw, str) and raw.strip() else None


def evaluate_formulas(sheet: SheetGrid) -> None:
    """Fill the value of each uncached formula cell that can be evaluated."""
    evaluate = _Evaluation(sheet).evaluate
    for pos in list(sheet.formulas):
        shown = _referenced_text(sheet, sheet.formulas[pos])
        if shown is not None:
            _put(sheet, pos, shown)
            continue
        result = evaluate(pos)
        if (result is None or math.isnan(result)) and pos not in sheet.uncached and (
                _cached_text(sheet.value(*pos))):
            continue  # a text result ("Sangat Tinggi" from an IF): the cached text stays
        if result is None:
            sheet.unevaluated.add(pos)
        _put(sheet, pos, "" if result is None or math.isnan(result) else result)


def _put(sheet: SheetGrid, pos: CellPos, value: object) -> None:
    r, c = pos
    while len(sheet.rows) <= r:
        sheet.rows.append([])
    row = sheet.rows[r]
    while len(row) <= c:
        row.append("")
    row[c] = value
