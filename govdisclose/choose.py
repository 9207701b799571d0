"""Per table, the better of two readings: the sniffed reader's and the stream's.

The reader chosen by sniffing trusts its layout (columns, rows, lines). When it leaves a
table missing, cells unresolved, rows unknown or a row whose own sums fail, the same text is
also read as a stream (:mod:`govdisclose.stream`), and each table is taken from the reading
that fills the most cells while its rules hold:

- a table only one reading has comes from that reading;
- the stream's table wins when it fills more cells and breaks no more row sums (R3, R5), or
  as many cells and fewer breaks; a tie keeps the reader's;
- in a table the reader keeps, a row whose own sum fails (a cell shifted one column) is
  replaced by the stream's row when that row is wholly read and its sum holds.

Every cell taken from the stream carries ``stream`` first in its provenance, and
``Meta.reader`` names both readings (``pdf+stream``). A near-tie (the two readings fill the
same number of cells but disagree on values) is a ``parse.readings-disagree`` finding.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import attrs

from .findings import finding
from .model import INFO, WARNING, Cell, Finding, Location
from .stream import StreamTable, group_rows
from .templates.spec import Table, Template

__all__ = ["needs_stream", "combine"]


def _row_breaks(table: Table, cells: Sequence[Cell]) -> set[str]:
    """Rows of *table* whose own sums (R3 in table 2, R5 in table 3) fail, blanks as 0."""
    by_row: dict[str, dict[str, Cell]] = {}
    for c in cells:
        by_row.setdefault(c.row, {})[c.column] = c
    broken = set()
    for row, cols in by_row.items():
        if any(c.provenance == ("unresolved",) or c.kind == "absent" for c in cols.values()):
            continue
        v = {k: (c.value or 0) for k, c in cols.items()}
        if table.key == "applications" and "total" in v:
            parts = [v.get(k, 0) for k in cols if k != "total"]
            if v["total"] != sum(parts):
                broken.add(row)
        elif table.key == "reviews":
            for g in ("review", "litigation_direct", "litigation_after_review"):
                if f"{g}.total" in v and v[f"{g}.total"] != sum(v.get(f"{g}.{k}", 0) for k in
                                                              ("upheld", "corrected", "other", "pending")):
                    broken.add(row)
    return broken


def _filled(cells: Iterable[Cell]) -> int:
    return sum(1 for c in cells if c.kind in ("number", "placeholder") and not c.row.startswith("unknown:"))


def needs_stream(cells: Sequence[Cell], findings: Sequence[Finding], template: Template) -> bool:
    """Whether the reader's reading leaves something the stream may read: a table missing,
    cells absent or unresolved, unknown rows, or a row whose own sum fails."""
    tables = {c.table for c in cells if c.kind != "absent"}
    if any(t.key not in tables for t in template.tables):
        return True
    if any(c.kind == "absent" or c.row.startswith("unknown:") for c in cells):
        return True
    if any(f.rule.startswith(("recover.", "parse.unknown", "parse.missing", "value.unreadable")) for f in findings):
        return True
    for table in template.tables:
        if _row_breaks(table, [c for c in cells if c.table == table.key]):
            return True
    return False


def combine(cells: list[Cell], findings: list[Finding], streamed: dict[str, StreamTable],
            template: Template) -> tuple[list[Cell], list[Finding], bool]:
    """The cells and findings with each table from the better reading; and whether any cell
    came from the stream."""
    used = False
    out_cells: list[Cell] = []
    out_findings = list(findings)
    for table in template.tables:
        mine = [c for c in cells if c.table == table.key]
        theirs = streamed.get(table.key)
        have = [c for c in mine if c.kind != "absent"]
        if theirs is None:
            out_cells.extend(mine)
            continue
        stream_cells = [_from_stream(c) for c in theirs.cells]
        a_filled, b_filled = _filled(have), _filled(stream_cells)
        a_breaks, b_breaks = len(_row_breaks(table, have)), len(_row_breaks(table, stream_cells))
        take = (not have or (b_filled > a_filled and b_breaks <= a_breaks)
                or (b_filled == a_filled and b_breaks < a_breaks))
        if take:
            used = True
            out_findings = [f for f in out_findings if f.table != table.key]
            out_findings.extend(theirs.findings)
            out_cells.extend(_complete(table, stream_cells, out_findings))
            continue
        # the reader's table, with its broken rows mended from the stream's where they hold
        broken = _row_breaks(table, have)
        good = {}
        for c in stream_cells:
            good.setdefault(c.row, []).append(c)
        mended = set()
        for row in broken:
            theirs_row = good.get(row, [])
            if theirs_row and all(c.provenance[1:] != ("unresolved",) and c.kind != "absent" for c in theirs_row) \
                    and row not in _row_breaks(table, theirs_row):
                mended.add(row)
        if mended:
            used = True
            for c in mine:
                if c.row not in mended:
                    out_cells.append(c)
            for row in sorted(mended):
                out_cells.extend(good[row])
                out_findings.append(finding(
                    "parse.row-mended", WARNING, good[row][0].location, table=table.key, row=row,
                    en=f"row {row} as laid out breaks its own sum; its numbers read as a stream hold it and are "
                       "taken instead", zh="该行按版式读取不合勾稽关系，已按数字顺序重新读取"))
            continue
        out_cells.extend(mine)
        if b_filled == a_filled and _disagree(have, stream_cells):
            out_findings.append(finding(
                "parse.readings-disagree", INFO, Location(), table=table.key,
                en=f"table {table.key}: the layout and the stream read as many cells but not the same values; "
                   "the layout's are kept", zh="按版式与按数字顺序读取结果不一致，保留按版式读取的结果"))
    # unknown tables and rows of other tables stay as read
    keys = {t.key for t in template.tables}
    out_cells.extend(c for c in cells if c.table not in keys)
    return out_cells, out_findings, used


def _disagree(a: Sequence[Cell], b: Sequence[Cell]) -> bool:
    index = {c.key: c.value for c in b if c.kind in ("number", "placeholder")}
    return any(c.key in index and index[c.key] != c.value for c in a if c.kind in ("number", "placeholder"))


def _from_stream(cell: Cell) -> Cell:
    return attrs.evolve(cell, provenance=("stream", *cell.provenance))


def _complete(table: Table, cells: list[Cell], findings: list[Finding]) -> list[Cell]:
    """The stream's table with the template's other cells absent (a group printed as one row
    stands for its sub-rows), in template order."""
    have = {c.key: c for c in cells}
    rows_present = {c.row for c in cells}
    out: list[Cell] = []
    for block in table.blocks:
        groups = {g.key: g for g in group_rows(block)}
        replaced = {m for g in groups.values() if g.key in rows_present for m in g.members}
        for row in block.rows:
            for g in groups.values():
                if row.key == g.members[0] and g.key in rows_present:
                    out.extend(have[(table.key, g.key, col.key)] for col in block.columns
                               if (table.key, g.key, col.key) in have)
            if row.key in replaced:
                continue
            missing = [col for col in block.columns if (table.key, row.key, col.key) not in have]
            for col in block.columns:
                c = have.get((table.key, row.key, col.key))
                out.append(c if c is not None else Cell(table.key, row.key, col.key, None, "", "absent", None,
                                                        row.label, Location()))
            if missing and len(missing) == len(block.columns):
                findings.append(finding(
                    "parse.missing-row", WARNING, Location(), table=table.key, row=row.key,
                    en=f"row {row.key} ({row.label or 'data row'}) was not found; its cells are blank",
                    zh=f"未找到“{row.label or '数据行'}”行，按空白处理"))
    return out
