"""Evaluate formula cells that have no cached value (SPEC §3).

Plain arithmetic, cell references, SUM and AVERAGE (SPEC §3), and what the forms' own capaian
columns use around them: ROUND, ROUNDUP, ROUNDDOWN, ABS, MIN, MAX, IF with a comparison and
IFERROR. Anything else keeps the value a spreadsheet cached for it (a number other than the 0
libraries write, or a text), or counts as empty and is remembered in ``SheetGrid.unevaluated``
so that a finding can say so.

Each formula is compiled into a ``Program`` once per shape (its references relative to its
cell): the rows of a form repeat one formula, which is tokenised and parsed once per folder,
not once per cell. A formula must be read whole: text left over ("=A1>B1" outside an IF) makes
it one that cannot be evaluated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from .memo import remember
from .model import CellPos, SheetGrid, parse_cell_name
from .normalise import parse_cell
from .patterns import compiled

# a sheet before a reference: 'Renja 2024'! (quotes doubled inside) or Data!
_SHEET = r"(?:'(?:[^']|'')+'|[A-Z_][A-Z0-9_.]*)!"
_TOKEN = compiled(
    rf"\s*(?:(?P<range>(?:{_SHEET})?\$?[A-Z]{{1,3}}\$?\d+:\$?[A-Z]{{1,3}}\$?\d+)"
    rf"|(?P<ref>(?:{_SHEET})?\$?[A-Z]{{1,3}}\$?\d+)"
    r"|(?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<func>[A-Z]+)\(|(?P<str>\"[^\"]*\")"
    r"|(?P<cmp><=|>=|<>|[<>=])|(?P<op>[-+*/^(),;%]))"
)


class FormulaError(Exception):
    pass


class _Unknown(FormulaError):
    """A formula cell it refers to could not be evaluated: its own value is not known either
    (not 0, as an empty cell would be; not IFERROR's fallback, as an error would be)."""


# How many formulas deep one evaluation may go (a formula over a formula over …). Compiled,
# each level takes about a kilobyte of the C stack, which Python does not guard: a chain of
# 10 000 (H1 = H2+0, H2 = H3+0, …) overflowed the 8 MB stack and killed the process; a
# thread on Windows has 1 MB. Uncompiled, a level is five Python frames of the 1 000 allowed.
MAX_DEPTH = 150
MAX_NESTING = 100  # brackets, arguments and signs within one formula (Excel allows 64)


class _TooDeep(_Unknown):
    """The evaluation went MAX_DEPTH deep at this cell: nothing on the way is remembered, and
    the chain is worked from this cell first (``_evaluate_from``)."""

    def __init__(self, evaluation: _Evaluation, pos: CellPos) -> None:
        super().__init__("deep")
        self.evaluation = evaluation
        self.pos = pos


class _TextResult(Exception):
    """A formula's result is a text: a string literal or a text cell's reference standing for
    the whole value (``IF(C5>=91,"Sangat Tinggi",IF(…))``, a predikat written by a library;
    ``=E13``). Programs return numbers, so the text leaves by this exception, up to the cell."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


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


# A formula compiled once per shape: a function of the sheet's evaluation and the cell it is
# in. The rows of a form repeat one formula with their own row numbers ("=R15/J15*100" on
# row 15, "=R16/J16*100" on row 16): the same shape, compiled once (``_program``).
Program = Callable[["_Evaluation", int, int], float]
# a reference: (row, whether the row is absolute, column, whether the column is absolute,
# the sheet: "" for the formula's own, else its name in capitals); a relative row or column
# is an offset from the formula's own cell
_Ref = tuple[int, bool, int, bool, str]


def _fail(ev: _Evaluation, r: int, c: int) -> float:
    raise FormulaError("unsupported")


def _const(x: float) -> Program:
    return lambda ev, r, c: x


def _where(ref: _Ref, r: int, c: int) -> CellPos:
    row, row_abs, col, col_abs, _sheet = ref
    return (row if row_abs else r + row, col if col_abs else c + col)


def _sheet_of(text: str) -> tuple[str, str]:
    """("DATA", "A1") from "DATA!A1", ("RENJA 2024", "$B$5") from "'RENJA 2024'!$B$5";
    ("", "A1") from "A1"."""
    at = text.rfind("!")
    if at == -1:
        return "", text
    name = text[:at]
    if name.startswith("'"):
        name = name[1:-1].replace("''", "'")
    return name, text[at + 1:]


class _Compiler:
    """Recursive descent over the tokens of one formula in the cell (``r0``, ``c0``), giving
    the ``Program`` that evaluates it. What Excel evaluates lazily stays lazy: only the branch
    an IF takes runs, IFERROR's fallback only on an error, and a part that cannot be compiled
    fails only when it runs (an unsupported function inside IFERROR gives the fallback)."""

    def __init__(self, tokens: list[tuple[str, str]], r0: int, c0: int) -> None:
        self.t = tokens
        self.i = 0
        self.r0 = r0
        self.c0 = c0
        self.depth = 0  # how deep the descent is (``unary``)

    def peek(self) -> tuple[str, str] | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise FormulaError("end")
        self.i += 1
        return tok

    def ref(self, text: str, sheet: str = "") -> _Ref:
        """A reference, on its own sheet ("DATA!A1") or on ``sheet`` (a range's second end)."""
        named, text = _sheet_of(text)
        row_abs = text.rfind("$") > 0
        col_abs = text.startswith("$")
        row, col = parse_cell_name(text)
        return (row if row_abs else row - self.r0, row_abs, col if col_abs else col - self.c0,
                col_abs, named or sheet)

    def expr(self) -> Program:
        f = self.term()
        while (tok := self.peek()) and tok[1] in "+-" and tok[0] == "op":
            self.take()
            f = _binary(tok[1], f, self.term())
        return f

    def term(self) -> Program:
        f = self.power()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "*/":
            self.take()
            f = _binary(tok[1], f, self.power())
        return f

    def power(self) -> Program:
        f = self.unary()
        while (tok := self.peek()) and tok == ("op", "^"):
            self.take()
            f = _binary("^", f, self.unary())
        return f

    def unary(self) -> Program:
        # every nesting passes here (a bracket, a function's argument, a sign): a formula
        # nested deeper than Excel allows (64) is not read — compiled, the descent is C
        # recursion that Python does not guard, and 20 000 brackets killed the process
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise FormulaError("nesting")
        try:
            tok = self.peek()
            if tok and tok[0] == "op" and tok[1] in "+-":
                self.take()
                inner = self.unary()
                return _negate(inner) if tok[1] == "-" else inner
            f = self.atom()
            if (tok := self.peek()) and tok == ("op", "%"):
                self.take()
                return _binary("/", f, _const(100.0))
            return f
        finally:
            self.depth -= 1

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

    def whole(self) -> Program:
        """What stands for the cell's whole value: the formula itself, or a branch of IF or
        IFERROR. There a string literal is the cell's text, and a lone reference to a text
        cell shows that text ("=E13", as Excel does); anywhere else both count as numbers."""
        tok = self.peek()
        if tok is not None and (self.i + 1 == len(self.t) or self.t[self.i + 1] in _ARGUMENT_ENDS):
            if tok[0] == "str":
                self.take()
                return _text(tok[1][1:-1])
            if tok[0] == "ref":
                self.take()
                return _shown_reference(self.ref(tok[1]))
        return self.expr()

    def branch(self) -> Program:
        """An argument evaluated only sometimes: one that cannot be compiled fails when (and
        only if) it runs."""
        start = self.i
        try:
            return self.whole()
        except FormulaError:
            self.i = start
            self._skip_argument()
            return _fail

    def separator(self) -> bool:
        if self.peek() in (("op", ","), ("op", ";")):
            self.take()
            return True
        return False

    def close(self) -> None:
        if self.take() != ("op", ")"):
            raise FormulaError("paren")

    def atom(self) -> Program:
        kind, text = self.take()
        if kind == "num":
            return _const(float(text))
        if kind == "ref":
            return _reference(self.ref(text))
        if kind == "op" and text == "(":
            f = self.expr()
            self.close()
            return f
        if kind == "str":
            return _const(math.nan)  # "" in IFERROR(x, ""): the cell shows nothing
        if kind == "func" and text == "IFERROR":
            value = self.branch()
            if not self.separator():
                # no fallback where one belongs: the first argument was not a whole value
                self._skip_argument()
                self.separator()
                value = _fail
            fallback = self.branch()
            self.close()
            return _iferror(value, fallback)
        if kind == "func" and text == "IF":
            return self._if()
        if kind == "func" and text in ("SUM", "AVERAGE", "MIN", "MAX", "ROUND", "ROUNDUP",
                                       "ROUNDDOWN", "ABS"):
            args: list[Program | tuple[_Ref, _Ref]] = []
            while True:
                tok = self.peek()
                if tok == ("op", ")"):
                    self.take()
                    break
                if tok and tok[0] == "range":
                    self.take()
                    a, b = tok[1].rsplit(":", 1)
                    first = self.ref(a)
                    args.append((first, self.ref(b, first[4])))
                else:
                    args.append(self.expr())
                self.separator()
            return _function(text, args)
        raise FormulaError(text)

    def _if(self) -> Program:
        """IF(a op b, then, else): only the branch taken is evaluated (the other may divide
        by zero, as in IF(H9=0,0,P9/H9*100))."""
        left = self.expr()
        tok = self.peek()
        right: Program | None = None
        compare = ""
        if tok and tok[0] == "cmp":
            self.take()
            compare = tok[1]
            right = self.expr()
        if not self.separator():
            raise FormulaError("if")
        then = self.branch()
        otherwise = self.branch() if self.separator() else _const(0.0)
        # IF(cond, x) is FALSE when cond fails: nothing to add
        self.close()
        return _choice(left, compare, right, then, otherwise)


_ARGUMENT_ENDS = (("op", ","), ("op", ";"), ("op", ")"))


def _text(text: str) -> Program:
    if not text:
        return _const(math.nan)  # "" in IFERROR(x, ""): the cell shows nothing

    def shown(ev: _Evaluation, r: int, c: int) -> float:
        raise _TextResult(text)
    return shown


def _binary(op: str, f: Program, g: Program) -> Program:
    if op == "+":
        return lambda ev, r, c: f(ev, r, c) + g(ev, r, c)
    if op == "-":
        return lambda ev, r, c: f(ev, r, c) - g(ev, r, c)
    if op == "*":
        return lambda ev, r, c: f(ev, r, c) * g(ev, r, c)
    if op == "/":
        return lambda ev, r, c: _divide(f(ev, r, c), g(ev, r, c))
    return lambda ev, r, c: _power(f(ev, r, c), g(ev, r, c))


def _divide(x: float, y: float) -> float:
    if y == 0:
        raise FormulaError("div0")
    return x / y


def _power(x: float, y: float) -> float:
    if (x < 0 and not y.is_integer()) or (x == 0 and y < 0):
        raise FormulaError("num")  # Excel's #NUM! (Python: a complex, a division)
    return float(x ** y)


def _negate(f: Program) -> Program:
    return lambda ev, r, c: -f(ev, r, c)


def _reference(ref: _Ref) -> Program:
    def value(ev: _Evaluation, r: int, c: int) -> float:
        v = ev.on(ref[4]).value_at(_where(ref, r, c))
        return 0.0 if v is None else v
    return value


def _shown_reference(ref: _Ref) -> Program:
    """A reference standing for the cell's whole value (``_Compiler.whole``)."""
    def value(ev: _Evaluation, r: int, c: int) -> float:
        pos = _where(ref, r, c)
        on = ev.on(ref[4])
        text = on.text_at(pos)
        if text is not None:
            raise _TextResult(text)
        v = on.value_at(pos)
        return 0.0 if v is None else v
    return value


def _iferror(value: Program, fallback: Program) -> Program:
    def choose(ev: _Evaluation, r: int, c: int) -> float:
        try:
            return value(ev, r, c)
        except _Unknown:
            raise
        except FormulaError:
            return fallback(ev, r, c)
    return choose


def _choice(left: Program, compare: str, right: Program | None, then: Program,
            otherwise: Program) -> Program:
    def choose(ev: _Evaluation, r: int, c: int) -> float:
        a = left(ev, r, c)
        if right is None:
            cond = not math.isnan(a) and a != 0
        else:
            cond = _COMPARE[compare](a, right(ev, r, c))
        return then(ev, r, c) if cond else otherwise(ev, r, c)
    return choose


def _function(name: str, args: list[Program | tuple[_Ref, _Ref]]) -> Program:
    def apply(ev: _Evaluation, r: int, c: int) -> float:
        values: list[float] = []
        for arg in args:
            if isinstance(arg, tuple):
                (r0, c0), (r1, c1) = _where(arg[0], r, c), _where(arg[1], r, c)
                on = ev.on(arg[0][4])
                # only the cells the sheet has: SUM(C5:XFD1048576) is 17 billion otherwise
                last_row, last_col = on.extent()
                for row in range(min(r0, r1), min(max(r0, r1), last_row) + 1):
                    for col in range(min(c0, c1), min(max(c0, c1), last_col) + 1):
                        v = on.value_at((row, col))
                        if v is not None:
                            values.append(v)
            else:
                values.append(arg(ev, r, c))
        return _apply(name, values)
    return apply


# a reference in a formula's text, outside its strings: made relative to the cell, it gives
# the formula's shape (the key its Program is compiled under)
_SHAPE_REF = compiled(
    r'"[^"]*"|' + _SHEET + r'|(?<![A-Z0-9.$])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![0-9(])')
_PROGRAMS: dict[str, Program | None] = {}
MEMOS = (_PROGRAMS,)  # (``memo``)


def _program(text: str, r: int, c: int) -> Program | None:
    """The compiled formula (None: it cannot be evaluated), from memory when a formula of the
    same shape was compiled before."""
    def relative(m: re.Match[str]) -> str:
        if m.group(2) is None:
            return m.group(0)  # a string, a sheet's name
        row, col = parse_cell_name(m.group(2) + m.group(4))
        # between NULs, which no formula holds: "-E$5" and "D$5" give different keys
        return (f"\0{m.group(1)}{col if m.group(1) else col - c},"
                f"{m.group(3)}{row if m.group(3) else row - r}\0")

    key = _SHAPE_REF.sub(relative, text)
    if key in _PROGRAMS:
        return _PROGRAMS[key]
    try:
        compiler = _Compiler(_tokenize(text), r, c)
        program: Program | None = compiler.whole()
        if compiler.i != len(compiler.t):
            program = None  # text left over: not a formula sakip-xl can read
    except (FormulaError, ValueError, RecursionError):
        program = None
    return remember(_PROGRAMS, key, program, 4096)


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


class _Book:
    """A workbook's evaluations: its sheets by name in capitals (as a formula names them),
    and how deep the evaluation under way is, across sheets."""

    def __init__(self) -> None:
        self.sheets: dict[str, _Evaluation] = {}
        self.depth = 0


class _Evaluation:
    """The formula cells of one sheet, each evaluated once (a class, not nested closures:
    two closures that call each other are a reference cycle, which keeps the whole sheet
    alive until the cyclic garbage collector runs)."""

    def __init__(self, sheet: SheetGrid, book: _Book) -> None:
        self.sheet = sheet
        self.state: dict[CellPos, float | None] = {}
        self.active: set[CellPos] = set()
        self.texts: dict[CellPos, str] = {}  # the formulas whose result is a text
        self.book = book  # a formula may read other sheets
        self._extent: tuple[int, int] | None = None

    def extent(self) -> tuple[int, int]:
        """The last row and column that hold anything, a value or a formula (-1: none)."""
        if self._extent is None:
            rows = self.sheet.rows
            last_row = len(rows) - 1
            last_col = max((len(row) for row in rows), default=0) - 1
            for r, c in self.sheet.formulas:
                last_row, last_col = max(last_row, r), max(last_col, c)
            self._extent = (last_row, last_col)
        return self._extent

    def on(self, sheet: str) -> _Evaluation:
        """The evaluation of a sheet a reference names ("" for this one)."""
        if not sheet:
            return self
        other = self.book.sheets.get(sheet)  # (in capitals, as the formula's text is)
        if other is None:
            raise FormulaError(f"sheet {sheet}")  # another workbook's, or none
        return other

    def value_at(self, pos: CellPos) -> float | None:
        sheet = self.sheet
        if pos in sheet.formulas:
            result = self.evaluate(pos)
            if result is None and pos not in self.texts:
                raise _Unknown(sheet.formulas[pos])
            return result
        v = parse_cell(sheet.value(*pos))
        return v.number if v.kind == "number" else None

    def text_at(self, pos: CellPos) -> str | None:
        """The text a cell shows, None for a number or nothing: a text cell's, or the text a
        formula there gives."""
        if pos in self.sheet.formulas:
            self.evaluate(pos)
            return self.texts.get(pos)
        raw = self.sheet.value(*pos)
        return raw if isinstance(raw, str) and raw.strip() else None

    def evaluate(self, pos: CellPos) -> float | None:
        state, active, sheet = self.state, self.active, self.sheet
        if pos in state:
            return state[pos]
        if pos in active:
            raise FormulaError("cycle")
        book = self.book
        if book.depth >= MAX_DEPTH:
            raise _TooDeep(self, pos)
        active.add(pos)
        book.depth += 1
        try:
            program = _program(_upper_outside_strings(sheet.formulas[pos].lstrip("=")), *pos)
            if program is None:
                raise FormulaError("unreadable")
            result: float | None = program(self, *pos)
        except _TooDeep:
            raise  # not remembered: worked again from a shallower start
        except _TextResult as shown:
            result = None  # as a number: none (in a SUM it counts as nothing)
            self.texts[pos] = shown.text
        except (FormulaError, ArithmeticError, ValueError, TypeError, RecursionError):
            result = None
            if pos not in sheet.uncached:  # keep what the file cached, if anything
                cached = parse_cell(sheet.value(*pos))
                # 0 is what a library caches for every formula (xlsxwriter): no value
                if cached.kind == "number" and cached.number != 0:
                    result = cached.number
        finally:
            active.discard(pos)
            book.depth -= 1
        state[pos] = result
        return result


def _upper_outside_strings(text: str) -> str:
    """Names and references in capitals (Excel's are case-blind), string literals as typed:
    ``if(c5>=91,"Sangat Tinggi",…)`` -> ``IF(C5>=91,"Sangat Tinggi",…)``."""
    if '"' not in text:
        return text.upper()
    return '"'.join(part if i % 2 else part.upper() for i, part in enumerate(text.split('"')))


def _cached_text(value: object) -> bool:
    """Whether a formula cell's cached value is a text a spreadsheet worked out (not an
    error such as ``#NAME?``)."""
    return isinstance(value, str) and bool(value.strip()) and not value.startswith("#")


def evaluate_workbook(sheets: list[SheetGrid]) -> None:
    """Fill the value of each uncached formula cell of a workbook that can be evaluated (a
    formula may refer to cells of its other sheets)."""
    book = _Book()
    for sheet in sheets:
        book.sheets.setdefault(sheet.name.upper(), _Evaluation(sheet, book))
    try:
        for sheet in sheets:
            if sheet.formulas:
                _evaluate_sheet(book.sheets[sheet.name.upper()])
    finally:
        book.sheets.clear()  # each evaluation holds the book: no cycle left for the collector


def _evaluate_from(evaluation: _Evaluation, pos: CellPos) -> float | None:
    """``evaluation.evaluate(pos)``, a chain deeper than MAX_DEPTH worked from its far end:
    where the depth runs out, that cell is evaluated first (from depth 0, remembered), then
    the way back; a chain of n formulas costs n evaluations, not n × MAX_DEPTH."""
    pending = [(evaluation, pos)]
    while True:
        ev, at = pending[-1]
        try:
            result = ev.evaluate(at)
        except _TooDeep as deep:
            pending.append((deep.evaluation, deep.pos))
            continue
        pending.pop()
        if not pending:
            return result


def _evaluate_sheet(evaluation: _Evaluation) -> None:
    sheet = evaluation.sheet
    texts = evaluation.texts
    for pos in list(sheet.formulas):
        result = _evaluate_from(evaluation, pos)
        if (result is None or math.isnan(result)) and pos not in sheet.uncached and (
                _cached_text(sheet.value(*pos))):
            continue  # a text result ("Sangat Tinggi" from an IF): the cached text stays
        if pos in texts:  # a text result nothing cached: the branch the formula takes
            _put(sheet, pos, texts[pos])
            continue
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
