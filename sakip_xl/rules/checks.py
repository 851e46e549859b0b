"""Checks that several layouts use: parse problems, units, the kode tree, totals, predikat."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..layouts import mark_key
from ..model import DataRow, Finding, SheetGrid, Table
from ..normalise import norm_text, parse_cell
from ..patterns import compiled
from ..rows import LEVEL_RANK, FooterRow, kode_level, parent_kode, value_keys
from ..settings import Scale, Settings
from .common import (
    agrees_money,
    agrees_percent,
    as_percent,
    display,
    finding,
    norm_unit,
    pick_scale,
)

_PREDIKAT_WORD = compiled(r"predikat", re.IGNORECASE)
TEXT_KEYS = {"predikat", "keterangan", "unit", "polaritas", "formula", "bobot", "kategori"}


def parse_findings(sheet: SheetGrid, table: Table, rows: list[DataRow]) -> list[Finding]:
    out = []
    for row in rows:
        for key, v in row.values.items():
            if (v.kind != "unparseable" and not v.irregular) or key in TEXT_KEYS:
                continue
            col = table.columns[key]
            if v.kind == "unparseable":
                out.append(finding(sheet.name, row.row, col, "unparseable", actual=v.text))
            elif v.irregular:
                out.append(finding(sheet.name, row.row, col, "number-format",
                                   expected=v.number, actual=v.text))
    data_rows = {row.row for row in rows}
    value_cols = {table.columns[k] for k in value_keys(table)}  # a text column reads the formula
    for (r, c) in sorted(sheet.unevaluated):
        if r in data_rows and c in value_cols:
            out.append(finding(sheet.name, r, c, "formula-not-evaluated",
                               actual=sheet.formulas.get((r, c))))
    return out


def percent_findings(sheet: SheetGrid, table: Table, row: DataRow, key: str, expected: float,
                     formula: str, settings: Settings,
                     computed_cells: dict[tuple[int, int], float]) -> list[Finding]:
    """A stated percentage of two amounts (realisasi / anggaran) against its recomputed value:
    ``capaian-mismatch`` when it differs (a fraction reported in percent points), ``computed``
    (and the value for the annotated copy) when the cell is empty."""
    stated = row.values.get(key)
    col = table.columns.get(key)
    if stated is None or col is None:
        return []
    if stated.kind == "number":
        if agrees_percent(stated, expected, settings):
            return []
        return [finding(sheet.name, row.row, col, "capaian-mismatch", expected=display(expected),
                        actual=display(as_percent(stated, expected)), formula=formula)]
    if stated.is_empty:
        computed_cells[(row.row, col)] = expected
        return [finding(sheet.name, row.row, col, "computed", expected=display(expected),
                        formula=formula)]
    return []


def unit_findings(sheet: SheetGrid, table: Table, rows: list[DataRow],
                  keys: Iterable[str]) -> list[Finding]:
    out = []
    keys = [k for k in keys if k in table.columns]
    for row in rows:
        first = norm_unit(row.satuan)
        for key in keys:
            v = row.values.get(key)
            if v is None or v.unit is None:
                continue
            unit = norm_unit(v.unit)
            if first is None:
                first = unit
            elif unit != first:
                out.append(finding(sheet.name, row.row, table.columns[key], "unit-mismatch",
                                   expected=first, actual=v.unit))
    return out


def kode_findings(sheet: SheetGrid, table: Table, rows: list[DataRow]) -> list[Finding]:
    """Duplicate kode (same level, both named) and kode whose parent is not above it."""
    out: list[Finding] = []
    if not table.kode_columns:
        return out
    col = table.kode_columns[-1]
    for r in rows:
        if r.kode:
            for c in table.kode_columns:
                if norm_text(sheet.value(r.row, c)):
                    col = c
                    break
            break
    seen: dict[tuple[str, str], DataRow] = {}
    present: set[str] = set()
    levels_present = {r.level for r in rows if r.kode}
    for r in rows:
        if not r.kode or r.level not in LEVEL_RANK:
            continue
        key = (r.kode, r.level)
        if key in seen and r.uraian and seen[key].uraian:
            out.append(finding(sheet.name, r.row, col, "duplicate-code", actual=r.kode,
                               first_row=seen[key].row + 1))
        else:
            seen.setdefault(key, r)
        parent = parent_kode(r.kode)
        parent_level = {"subkegiatan": "kegiatan", "kegiatan": "program"}.get(r.level)
        if (parent and parent_level in levels_present and parent not in present
                and not _parent_by_prefix(parent, present)):
            out.append(finding(sheet.name, r.row, col, "code-hierarchy", expected=parent,
                               actual=r.kode))
        present.add(r.kode)
    return out


def _parent_by_prefix(parent: str, present: set[str]) -> bool:
    # short and long forms mixed in one file (01.2.01 under 1.06.01): compare the tail
    tail = ".".join(parent.split(".")[-2:]) if parent.count(".") >= 1 else parent
    return any(p.endswith(tail) for p in present)


def tree(rows: list[DataRow]) -> dict[int, list[int]]:
    """Children (indexes into ``rows``) of each program / kegiatan / total row.

    A parent is the nearest row above of a lower level; the total row takes the rows of the
    highest level present above it. Continuation rows belong to their owner, not here.
    """
    children: dict[int, list[int]] = {}
    stack: list[int] = []
    start = 0
    for i, r in enumerate(rows):
        if r.level == "total":
            block = [j for j in range(start, i) if rows[j].level in LEVEL_RANK]
            if block:
                top = min(LEVEL_RANK[rows[j].level] for j in block)
                children[i] = [j for j in block if LEVEL_RANK[rows[j].level] == top]
            start = i + 1
            stack = []
            continue
        if r.level not in LEVEL_RANK:
            continue
        rank = LEVEL_RANK[r.level]
        while stack and LEVEL_RANK[rows[stack[-1]].level] >= rank:
            stack.pop()
        if stack and _kode_fits(rows[stack[-1]].kode, r.kode):
            children.setdefault(stack[-1], []).append(i)
        stack.append(i)
    return children


def _kode_fits(parent: str | None, child: str | None) -> bool:
    """Position decides, unless both rows carry a kode that says otherwise."""
    if not parent or not child:
        return True
    expected = parent_kode(child)
    if expected is None:
        return True
    while expected is not None and kode_level(expected) != kode_level(parent):
        expected = parent_kode(expected)
    return expected is None or expected == parent or _parent_by_prefix(expected, {parent})


def hierarchy_findings(sheet: SheetGrid, table: Table, rows: list[DataRow], keys: Iterable[str],
                       settings: Settings,
                       computed: dict[tuple[int, str], float] | None = None,
                       shown_parts: dict[str, int] | None = None) -> list[Finding]:
    """Parents equal the sum of their children, for every money column. ``shown_parts``: how
    many shown amounts a value of a column may add up (a realisasi is its four quarters as
    shown): in a column of thousands or millions each carries its own rounding."""
    out: list[Finding] = []
    computed = computed or {}
    shown_parts = shown_parts or {}
    kids = tree(rows)
    if not kids:
        return out
    continuation: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        if r.owner is not None:
            continuation.setdefault(r.owner, []).append(i)

    for key in keys:
        if key not in table.columns:
            continue
        col = table.columns[key]
        scale = table.scales.get(key, 1.0)
        per_amount = shown_parts.get(key, 1)
        # each row's stated number, or the one sakip-xl computed into an empty cell
        vals: list[float | None] = []
        for r in rows:
            v = r.values.get(key)
            if v is None:
                vals.append(None)
            elif v.kind == "number":
                vals.append(v.number)
            else:
                vals.append(computed.get((r.row, key)) if v.kind == "empty" else None)
        for parent, children in kids.items():
            stated = rows[parent].values.get(key)
            if stated is None or stated.kind != "number":
                continue
            # the children's amounts and their sum, added in order (a loop: compiled, on C
            # doubles, where `None in parts` and sum() were calls on objects)
            parts: list[float] = []
            total = 0.0
            for i in children:
                amount = vals[i]
                if amount is None:
                    break
                parts.append(amount)
                total += amount
            if len(parts) < len(children):
                continue  # a child without an amount
            if agrees_money(stated, total, settings, scale, parts,
                            per_amount * (len(parts) + 1)):
                continue
            # some forms add the continuation (indicator) rows' Rp as well: accept either
            extra = [vals[j] for i in children for j in continuation.get(i, ())]
            if extra and agrees_money(stated, total + sum(v for v in extra if v is not None),
                                      settings, scale, [*parts, *extra],
                                      per_amount * (len(parts) + len(extra) + 1)):
                continue
            out.append(finding(sheet.name, rows[parent].row, col, "total-mismatch",
                               expected=display(total), actual=display(stated.number),
                               children=len(children), level=rows[parent].level))
    return out


def predikat_label_findings(sheet: SheetGrid, table: Table, rows: list[DataRow],
                            footers: list[FooterRow], settings: Settings,
                            value_of: dict[int, list[float]]) -> list[Finding]:
    """Row predikat (``value_of``: row index -> capaian values it may follow) and footer rows
    against the rata-rata rows above them."""
    out: list[Finding] = []
    labels = [r.values["predikat"].text or "" for r in rows
              if "predikat" in r.values and r.values["predikat"].text]
    footer_cells = []
    for f in footers:
        if f.kind != "predikat":
            continue
        for c, raw in enumerate(sheet.rows[f.row]):
            text = norm_text(raw)
            if text and not _PREDIKAT_WORD.search(text) and c > 0:
                footer_cells.append((f, c, text))
                labels.append(text)
    if not labels:
        return out
    scale = pick_scale(labels, settings.scales)
    pcol = table.columns.get("predikat")
    for i, r in enumerate(rows):
        v = r.values.get("predikat")
        if v is None or not v.text or i not in value_of:
            continue
        # the predikat column, or the column of the label the row marked
        col = pcol if pcol is not None else table.columns.get(mark_key("predikat", v.text))
        if col is not None:
            out.extend(_label_check(sheet.name, r.row, col, v.text, value_of[i], scale))
    rata_rows = [f.row for f in footers if f.kind == "rata"]
    for f, c, text in footer_cells:
        above = [rr for rr in rata_rows if rr < f.row and f.row - rr <= 4]
        x = None
        for rr in sorted(above, reverse=True):
            # the nearest numeric value in this column between the rata-rata row and here
            for probe in range(f.row - 1, rr - 1, -1):
                v = parse_cell(sheet.value(probe, c), sheet.format_at(probe, c))
                if v.kind == "number":
                    x = v.number
                    break
            if x is not None:
                break
        if x is not None:
            out.extend(_label_check(sheet.name, f.row, c, text, [x], scale))
    return out


def _label_check(sheet: str, row: int, col: int, label: str, values: list[float],
                 scale: Scale) -> list[Finding]:
    if not scale.knows(label):
        return [finding(sheet, row, col, "predikat-unknown", actual=label, scale=scale.name)]
    if any(scale.fits(label, v) for v in values):
        return []
    x = values[-1]
    return [finding(sheet, row, col, "predikat-mismatch", expected=" / ".join(scale.expected(x)),
                    actual=label, value=round(x, 2))]
