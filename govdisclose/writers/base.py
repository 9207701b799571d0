"""Writing a Report out as a report: the order of its parts, shared by every layout.

A written report is: the title line (when the report has one), each section's heading
and text followed by the statistics tables that belong to it (表一 after 二, 表二 after
三, 表三 after 四; tables whose section is missing come after the last section), and the
signature (agency and date) when the report states a date. A layout writer
(:class:`LayoutWriter`, the writer contract) says how each part is written;
:func:`govdisclose.render` picks the writer among those the plugins provide.
"""
from __future__ import annotations

from typing import Callable, Iterator

import attrs

from ..model import Report, Section
from ..templates.spec import Row, Table, Template
from .grid import Grid, GridCell, table_grid

#: Rewrites a grid cell's text: ``decorate(cell) -> str``.
Decorate = Callable[[GridCell], str]

__all__ = ["LayoutWriter", "unknown_rows", "date_text", "Decorate"]


def date_text(iso: str) -> str:
    """``2022-12-30`` -> ``2022年12月30日`` (how reports sign)."""
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{y}年{m}月{d}日"


def unknown_rows(report: Report, table: Table) -> dict[str, list[Row]]:
    """The report's rows no template knows (``unknown:`` keys), by the key of the first block
    whose columns are theirs (rows with other columns are not drawn)."""
    by_row: dict[str, list] = {}
    for cell in report.iter_cells(table.key):
        if cell.row.startswith("unknown:"):
            by_row.setdefault(cell.row, []).append(cell)
    out: dict[str, list[Row]] = {b.key: [] for b in table.blocks}
    for row, cells in by_row.items():
        columns = [c.column for c in cells]
        block = next((b for b in table.blocks if [c.key for c in b.columns] == columns), None)
        if block is not None:
            out[block.key].append(Row(row, cells[0].label))
    return out


class LayoutWriter:
    """Writes a report's parts in one layout; subclasses override the parts that differ."""

    name = ""
    decorate: Decorate | None = None

    def title(self, text: str) -> Iterator[str]:
        yield text

    def heading(self, section: Section) -> Iterator[str]:
        yield section.heading

    def text(self, text: str) -> Iterator[str]:
        yield from (line for line in text.split("\n") if line.strip())

    def table(self, grid: Grid, table: Table, report: Report) -> Iterator[str]:
        raise NotImplementedError

    def signature(self, agency: str | None, date: str) -> Iterator[str]:
        if agency:
            yield agency
        yield date_text(date)

    def document(self, lines: list[str]) -> str:
        return "\n".join(lines) + "\n"

    def write(self, report: Report, template: Template, decorate: Decorate | None = None) -> str:
        """The whole report; *decorate* may rewrite each grid cell's text (``govdisclose.testing``
        uses it to add the noise of real reports)."""
        self.decorate = decorate
        lines: list[str] = []
        if report.meta.title:
            lines.extend(self.title(report.meta.title))
        tables = {t.key: t for t in template.tables if any(True for _ in report.iter_cells(t.key))}
        placed: set[str] = set()
        for section in report.sections:
            lines.extend(self.heading(section))
            lines.extend(self.text(section.text))
            for table in tables.values():
                if table.section == section.number:
                    lines.extend(self._table(report, table))
                    placed.add(table.key)
        for key, table in tables.items():
            if key not in placed:
                lines.extend(self._table(report, table))
        if report.meta.date:
            lines.extend(self.signature(report.meta.agency, report.meta.date))
        return self.document(lines)

    def _table(self, report: Report, table: Table) -> Iterator[str]:
        extra = unknown_rows(report, table)
        grid = table_grid(report, table, lambda block: extra[block.key])
        if self.decorate:
            grid = attrs.evolve(grid, rows=tuple(tuple(attrs.evolve(c, text=self.decorate(c)) for c in row)
                                                 for row in grid.rows))
        return self.table(grid, table, report) if grid.rows else iter(())
