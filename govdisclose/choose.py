"""Per table, the better of two readings: the sniffed reader's and the stream's.

The reader chosen by sniffing trusts its layout (columns, rows, lines). When it leaves a
table missing, cells unresolved, rows unknown or a row whose own sums fail, the same text is
also read as a stream (:mod:`govdisclose.stream`), and each table is taken from the reading
that fills the most cells while its rules hold:

- a table only one reading has comes from that reading;
- the stream's table wins when it fills more cells and breaks no more row sums (R3, R5), or
  as many cells and fewer breaks (a cell shifted one column breaks its row's sum); a tie
  keeps the reader's.

Every cell taken from the stream carries ``stream`` first in its provenance, and
``Meta.reader`` names both readings (``pdf+stream``); the table's findings are the stream's.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import attrs

from .checks.national import REVIEW_GROUPS, REVIEW_OUTCOMES
from .findings import finding
from .model import WARNING, Cell, Finding, Location
from .stream import StreamTable, group_rows, snorm
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
            for g in REVIEW_GROUPS:
                if f"{g}.total" in v and v[f"{g}.total"] != sum(v.get(f"{g}.{k}", 0) for k in REVIEW_OUTCOMES):
                    broken.add(row)
    return broken


def _filled(cells: Iterable[Cell]) -> int:
    return sum(1 for c in cells if c.kind in ("number", "placeholder") and not c.row.startswith("unknown:"))


def needs_stream(cells: Sequence[Cell], findings: Sequence[Finding], template: Template) -> bool:
    """Whether the reader's reading leaves something the stream may read: a table missing,
    cells unresolved or missing from a row, unknown rows, or a row whose own sum fails (a
    row missing as a whole, with every label in place, is the report's own)."""
    tables = {c.table for c in cells if c.kind != "absent"}
    if any(t.key not in tables for t in template.tables):
        return True
    if any(c.row.startswith("unknown:") or "unresolved" in c.provenance for c in cells):
        return True
    if any(f.rule.startswith(("recover.", "parse.unknown", "parse.missing-table", "parse.missing-cells",
                              "value.unreadable")) for f in findings):
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
        mine, doubted = _honest([c for c in cells if c.table == table.key], findings)
        out_findings.extend(finding(
            "recover.no-numbers", WARNING, Location(), table=table.key, row=row,
            en=f"row {row}'s numbers could not be told apart from those of the table that did not fit its rows: "
               "its cells are left unresolved, not blank", zh="该行数字无法与本表未能对齐的数字区分，单元格未予采用")
            for row in doubted)
        theirs = streamed.get(table.key)
        have = [c for c in mine if c.kind != "absent"]
        if theirs is None:
            out_cells.extend(mine)
            continue
        stream_cells = [_from_stream(c) for c in theirs.cells]
        a_filled, b_filled = _filled(have), _filled(stream_cells)
        a_breaks, b_breaks = len(_row_breaks(table, have)), len(_row_breaks(table, stream_cells))
        missing = any(f.rule == "parse.missing-table" and f.table == table.key for f in findings) or not mine
        take = ((missing and theirs.resolved) or (b_filled > a_filled and b_breaks <= a_breaks)
                or (b_filled == a_filled and b_breaks < a_breaks))
        if take:
            used = True
            unknown = _still_unknown(mine, theirs)
            out_findings = [f for f in out_findings if f.table != table.key
                            or (f.rule == "parse.unknown-row" and f.row in unknown)]
            out_findings.extend(theirs.findings)
            out_cells.extend(_complete(table, stream_cells, out_findings))
            out_cells.extend(c for c in mine if c.row in unknown)
            continue
        out_cells.extend(mine)
    # unknown tables and rows of other tables stay as read
    keys = {t.key for t in template.tables}
    out_cells.extend(c for c in cells if c.table not in keys)
    return out_cells, out_findings, used


def _still_unknown(mine: Sequence[Cell], theirs: StreamTable) -> set[str]:
    """The reader's unknown rows that the stream did not read as a template row (a label
    variant it matched, or a group printed as one row): they stay, with their findings."""
    variants = {snorm(str(f.detail("written") or "")) for f in theirs.findings if f.rule == "recover.label-variant"}
    labels = {snorm(c.label) for c in theirs.cells}
    out = set()
    for c in mine:
        if c.row.startswith("unknown:"):
            label = snorm(c.row[len("unknown:"):])
            if label and label not in labels and not any(w and w in label for w in variants):
                out.add(c.row)
    return out


_NOT_READ = {("unaligned",), ("unordered",), ("ambiguous",)}


def _honest(cells: list[Cell], findings: Sequence[Finding]) -> tuple[list[Cell], list[str]]:
    """The line-based recovery's cells it could not place (``unaligned`` …) are unresolved, not
    blank; and where a table has such rows, its rows with a label and no numbers are too (their
    numbers may be the ones that did not fit)."""
    if not any(c.provenance in _NOT_READ for c in cells):
        return cells, []
    table = cells[0].table
    named = {r for f in findings if f.table == table for r in (f.row, *(f.detail("rows") or ()))}
    doubted = list(dict.fromkeys(c.row for c in cells if c.provenance == ("blank",)
                                 or (c.provenance in _NOT_READ and c.row not in named)))
    return [attrs.evolve(c, kind="absent", provenance=("unresolved", *c.provenance))
            if c.provenance in _NOT_READ or c.provenance == ("blank",) else c for c in cells], doubted


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
