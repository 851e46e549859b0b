"""The number formats of a worksheet's cells, read from its XML (part of the read stage).

python-calamine gives values, not styles; `read` finds which cell styles carry a format that
matters (``styles.xml``) and this module finds the cells that use them: it searches for the
styled cells in C and reads their tags byte by byte in compiled code (setup.py compiles it);
a pattern search over every cell cost a quarter of calamine's own read of the same sheet.
"""

from __future__ import annotations

from .model import NumFmt

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Final

# bytes compared as ints (Final: the compiled module inlines them, no global look-up per byte)
_QUOTE: Final = 34  # "
_APOSTROPHE: Final = 39  # '
_EQUALS: Final = 61  # =
_TAG_END: Final = 62  # >
_TAG_START: Final = 60  # <
_C: Final = 99  # c, as in <c
_SPACE: Final = 32
_R: Final = 114  # the attributes read: r, the cell's reference
_S: Final = 115  # and s, its style


def cell_formats(data: bytes, styles: dict[int, NumFmt]) -> dict[int, dict[int, NumFmt]]:
    """Number formats by column, then row (0-based), of the cells whose style (``s="12"``)
    is one of ``styles``. A cell's attributes may come in any order and a value in quotes is
    never taken for an attribute, but the style must be written `` s="…"`` as every writer
    seen writes it (XML would allow ``s='…'``); a cell without a reference is left out."""
    out: dict[int, dict[int, NumFmt]] = {}
    if not styles:
        return out
    by_style: list[NumFmt | None] = [None] * (max(styles) + 1)
    for index, style_fmt in styles.items():
        by_style[index] = style_fmt
    # as every writer seen writes a cell (``<c r="B7" s="12" …``): split where a style is
    # given, the reference just before; a sheet written otherwise is read tag by tag
    pieces = data.split(b' s="')
    for k in range(1, len(pieces)):
        piece = pieces[k]
        style, end = _digits(piece, 0, len(piece))
        if (style < 0 or style >= len(by_style) or by_style[style] is None
                or end == len(piece) or piece[end] != _QUOTE):
            continue  # a style that does not matter (or not a style at all)
        before = pieces[k - 1]
        col, row = _reference_before(before)
        if row < 0:
            if before.rfind(b"<row ") > before.rfind(b"<c "):
                continue  # a row's style (``<row r="5" s="12" customFormat="1">``)
            return _every_cell_tag(data, by_style)
        _keep(out, by_style, col, row, style)
    return out


def _every_cell_tag(data: bytes, by_style: list[NumFmt | None]) -> dict[int, dict[int, NumFmt]]:
    """Every cell tag read whole, its attributes in any order and quoted either way."""
    out: dict[int, dict[int, NumFmt]] = {}
    tags = data.split(b"<c ")
    for k in range(1, len(tags)):
        tag = tags[k]
        col, row, style = _cell_tag(tag, 0, len(tag))
        _keep(out, by_style, col, row, style)
    return out


def _reference_before(text: bytes) -> tuple[int, int]:
    """(column, row) of a text that ends in ``<c r="B7"`` (0-based); -1s when it does not."""
    end = len(text) - 1
    if end < 0 or text[end] != _QUOTE:
        return -1, -1
    i = end - 1
    while i >= 0 and 48 <= text[i] <= 57:  # digits
        i -= 1
    while i >= 0 and 65 <= text[i] <= 90:  # letters
        i -= 1
    # i is at the quote that opens the value, which follows '<c r='
    if (i < 5 or text[i] != _QUOTE or text[i - 1] != _EQUALS or text[i - 2] != _R
            or text[i - 4] != _C or text[i - 5] != _TAG_START):  # between c and r: a space
        return -1, -1
    col, row, _end = _reference(text, i + 1, end)  # letters then digits, up to the quote
    return col, row


def _keep(out: dict[int, dict[int, NumFmt]], by_style: list[NumFmt | None], col: int, row: int,
          style: int) -> None:
    if row < 0 or col < 0 or style < 0 or style >= len(by_style):
        return
    fmt = by_style[style]
    if fmt is None:
        return
    column = out.get(col)
    if column is None:
        column = out[col] = {}
    column[row] = fmt


def _cell_tag(buf: bytes, i: int, size: int) -> tuple[int, int, int]:
    """(column, row, style) of the cell tag whose attributes start at ``i``; -1 for what it
    does not have."""
    row = col = style = -1
    while i < size:
        ch = buf[i]
        if ch == _TAG_END:
            break
        if ch in (_QUOTE, _APOSTROPHE):  # a value not read: skip it whole
            i = _after_value(buf, i + 1, size, ch)
            continue
        if (ch in (_R, _S) and i + 2 < size and buf[i + 1] == _EQUALS
                and buf[i + 2] in (_QUOTE, _APOSTROPHE) and (i == 0 or _is_space(buf[i - 1]))):
            quote = buf[i + 2]
            if ch == _R:
                col, row, j = _reference(buf, i + 3, size)
            else:
                style, j = _digits(buf, i + 3, size)
            if j < size and buf[j] != quote:  # more than letters and digits: not read
                if ch == _R:
                    col = row = -1
                else:
                    style = -1
            i = _after_value(buf, j, size, quote)
            continue
        i += 1
    return col, row, style


def _after_value(buf: bytes, j: int, size: int, quote: int) -> int:
    """Where the value ends that ``quote`` opened (``j``: inside it), past its closing quote."""
    while j < size and buf[j] != quote:
        j += 1
    return j + 1


def _is_space(ch: int) -> bool:
    return ch == _SPACE or ch == 9 or ch == 10 or ch == 13


def _reference(buf: bytes, j: int, size: int) -> tuple[int, int, int]:
    """(column, row, where the letters and digits end) of ``A12``, 0-based; -1s when not that
    form (``A0`` gives row -1)."""
    col = row = 0
    letters = digits = 0
    while j < size and 65 <= buf[j] <= 90:  # A-Z
        col = col * 26 + buf[j] - 64
        letters += 1
        j += 1
    while j < size and 48 <= buf[j] <= 57:  # 0-9
        row = row * 10 + buf[j] - 48
        digits += 1
        j += 1
    if not letters or not digits:
        return -1, -1, j
    return col - 1, row - 1, j


def _digits(buf: bytes, j: int, size: int) -> tuple[int, int]:
    """(the number, where its digits end); -1 when there are none."""
    number = 0
    start = j
    while j < size and 48 <= buf[j] <= 57:
        number = number * 10 + buf[j] - 48
        j += 1
    return (number if j > start else -1), j
