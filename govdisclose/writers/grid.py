"""A statistics table as the official templates draw it: a grid of merged cells.

:func:`table_grid` lays a template table out the way 国办公开办函〔2019〕60号 and
〔2021〕30号 merge its cells: table 1 as stacked blocks, each a
full-width caption row, a header row and data rows; table 2 with its three header rows
(the 勾稽 note over the label columns, 申请人情况, 法人或其他组织 over five columns) and its
label cells merged down (三、本年度办理结果, （三）不予公开 …); table 3 with 行政复议 /
行政诉讼 / 未经复议直接起诉 / 复议后起诉 over its fifteen columns and one unlabelled data row.
The HTML writer draws the grid with rowspan/colspan; the flattened text layouts write,
row by row, the cells that start in that row, as scrapers do.

The layout comes from the template's data (blocks, columns and their groups, rows and
their groups), so a variant's added rows and columns are drawn like the national ones.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, Sequence

import attrs

from ..model import Cell, Report
from ..templates import common
from ..templates.spec import Block, Column, Row, Table, printable_rows
from ..values import MONEY_ASSUMED

__all__ = ["GridCell", "Grid", "table_grid", "label_path", "value_text", "span_attributes"]

OUTSIDE_RESULTS = ("new_received", "carried_over", "carried_forward")


@attrs.frozen
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    role: str = "value"                         # caption | header | label | value
    key: tuple[str, str, str] | None = None     # the report cell it shows, for value cells
    column: Column | None = None                # its column, for value cells

    @property
    def header(self) -> bool:
        return self.role != "value"


@attrs.frozen
class Grid:
    """Rows of cells that *start* in that row (merged cells appear once, in their first row)."""

    table: str
    title: str
    width: int
    rows: tuple[tuple[GridCell, ...], ...]


def span_attributes(cell: GridCell) -> str:
    """A merged cell's ``rowspan``/``colspan`` attributes for HTML (nothing for a single cell)."""
    return (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + \
        (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")


def value_text(cell: Cell | None, column: Column) -> str:
    """A cell's value as a report writes it: the number, a placeholder as written, or nothing."""
    if cell is None or cell.value is None:
        return cell.raw if cell is not None and cell.kind == "placeholder" else ""
    if isinstance(cell.value, Decimal):
        text = format(cell.value, "f")
        return text + "万元" if column.vtype == MONEY_ASSUMED else text
    return str(cell.value)


def label_path(table: Table, row: Row) -> tuple[str, ...]:
    """A row's merged label cells, outermost first: (三、本年度办理结果, （三）不予公开, 1.属于国家秘密)."""
    if table.key == "applications" and row.key not in OUTSIDE_RESULTS:
        outer = (common.RESULTS,) + ((row.group,) if row.group and row.group != common.RESULTS else ())
        return outer + (row.label,)
    return ((row.group,) if row.group else ()) + (row.label,)


def _column_path(table: Table, column: Column) -> tuple[str, ...]:
    leaf = column.label.split("·")[-1]
    groups = tuple(column.group.split("·")) if column.group else ()
    if table.key == "applications":
        groups = (common.APPLICATIONS_HEADER[0],) + groups
    return groups + (leaf,)


def _header_rows(paths: Sequence[tuple[str, ...]], corner: Sequence[GridCell]) -> list[list[GridCell]]:
    """Header rows for columns named by *paths*: equal neighbouring prefixes merge across,
    a path shorter than the deepest merges its leaf down."""
    depth = max(len(p) for p in paths)
    rows: list[list[GridCell]] = [list(corner) if level == 0 else [] for level in range(depth)]
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if len(path) <= level:          # merged down from above
                i += 1
                continue
            if len(path) == level + 1:      # the leaf: down to the bottom header row
                rows[level].append(GridCell(path[level], rowspan=depth - level, role="header"))
                i += 1
                continue
            j = i
            while j < len(paths) and len(paths[j]) > level + 1 and paths[j][:level + 1] == path[:level + 1]:
                j += 1
            rows[level].append(GridCell(path[level], colspan=j - i, role="header"))
            i = j
    return rows


def _label_cells(paths: Sequence[tuple[str, ...]], width: int) -> list[list[GridCell]]:
    """The label cells of each data row: a part shared with the rows below merges down, the last
    part of a shorter path spans the label columns left."""
    out: list[list[GridCell]] = [[] for _ in paths]
    for i, path in enumerate(paths):
        for level, part in enumerate(path):
            if i > 0 and len(paths[i - 1]) > level + 1 and paths[i - 1][:level + 1] == path[:level + 1] \
                    and level < len(path) - 1:
                continue                    # merged from the row above
            span = 1
            if level < len(path) - 1:
                while i + span < len(paths) and paths[i + span][:level + 1] == path[:level + 1] \
                        and len(paths[i + span]) > level + 1:
                    span += 1
            colspan = width - level if level == len(path) - 1 else 1
            out[i].append(GridCell(part, rowspan=span, colspan=colspan, role="label"))
    return out


def table_grid(report: Report, table: Table, extra_rows: Callable[[Block], Sequence[Row]] = lambda b: ()) -> Grid:
    """The official merged layout of *table* filled with *report*'s values.

    *extra_rows* gives rows to draw at the end of a block beyond the template's (the
    report's rows no template knows, kept as ``unknown:`` keys)."""
    blocks = table.blocks
    if table.key == "active_disclosure":
        width = 1 + max(len(b.columns) for b in blocks)
    elif table.key == "applications":
        width = 3 + len(blocks[0].columns)
    else:
        width = max((1 if b.label_title or any(r.label for r in b.rows) else 0) + len(b.columns) for b in blocks)
    rows: list[tuple[GridCell, ...]] = []
    shown = {block.key: [r for r in (*printable_rows(block), *extra_rows(block))
                         if any(_shown(report.cell(table.key, r.key, c.key)) for c in block.columns)]
             for block in blocks}
    headed_only = not any(shown.values())       # the table is there, but not one of its rows: its header alone
    for block in blocks:
        present = shown[block.key]
        if not present and not (headed_only and block is blocks[0]):
            continue
        columns = block.columns
        label_width = width - len(columns) if table.key != "active_disclosure" else 1
        if block.caption:
            rows.append((GridCell(block.caption, colspan=width, role="caption"),))
        if table.key == "applications":
            corner = [GridCell(common.APPLICATIONS_HEADER[2], rowspan=3, colspan=label_width, role="header")]
            header = _header_rows([_column_path(table, c) for c in columns], corner)
        elif table.key == "reviews":
            header = _header_rows([_column_path(table, c) for c in columns], [])
        else:
            header = [[GridCell(block.label_title, role="header")] + [
                GridCell(c.label, colspan=1 + (width - 1 - len(columns) if i == len(columns) - 1 else 0),
                         role="header") for i, c in enumerate(columns)]]
        rows.extend(tuple(r) for r in header)
        labels = _label_cells([label_path(table, r) for r in present], label_width) if label_width else \
            [[] for _ in present]
        for row, label_cells in zip(present, labels, strict=True):
            values = [GridCell(value_text(report.cell(table.key, row.key, c.key), c),
                               colspan=1 + (width - label_width - len(columns) if i == len(columns) - 1 else 0),
                               key=(table.key, row.key, c.key), column=c)
                      for i, c in enumerate(columns)]
            rows.append(tuple(label_cells + values))
    return Grid(table.key, table.title, width, tuple(rows))


def _shown(cell: Cell | None) -> bool:
    """A cell the report has (blank or not); absent cells (a missing row) are not drawn."""
    return cell is not None and cell.kind != "absent"
