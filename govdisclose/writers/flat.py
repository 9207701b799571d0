"""The flattened text layouts scrapers produce: the grid's rows with their borders gone.

Each grid row gives the cells that start in it (a merged cell once, in its first row):

* ``pipe``: one line a row, cells ended by `` | ``;
* ``cell-lines``: one cell a line, each ended by `` |``, rows not marked;
* ``tabbed``: one cell a line, indented by a tab, a blank line between rows.

Prose lines that would read as table cells in a layout (a ``|`` in pipe and cell-lines
text, a leading tab in tabbed text) cannot be told from cells; such text does not round-trip.
"""
from __future__ import annotations

from typing import Iterator

from ..model import Report
from ..templates.spec import Table
from .base import LayoutWriter
from .grid import Grid

__all__ = ["PipeWriter", "CellLinesWriter", "TabbedWriter"]


class PipeWriter(LayoutWriter):
    name = "pipe"

    def table(self, grid: Grid, table: Table, report: Report) -> Iterator[str]:
        for row in grid.rows:
            yield "".join(f"{cell.text} | " for cell in row).rstrip()


class CellLinesWriter(LayoutWriter):
    name = "cell-lines"

    def table(self, grid: Grid, table: Table, report: Report) -> Iterator[str]:
        for row in grid.rows:
            for cell in row:
                yield f"{cell.text} |" if cell.text else "|"


class TabbedWriter(LayoutWriter):
    name = "tabbed"

    def table(self, grid: Grid, table: Table, report: Report) -> Iterator[str]:
        for row in grid.rows:
            for cell in row:
                yield "\t" + cell.text
            yield ""
