"""The canonical layout (``grammars/report.lark``): exact, escaped, one token a line."""
from __future__ import annotations

from typing import Iterator

from ..layout.text import MAGIC, escape_text
from ..layout.write import caption_line, header_line, heading_line, row_line, table_line
from ..model import Report, Section
from ..templates.spec import Table, printable_rows
from .base import LayoutWriter, unknown_rows
from .grid import Grid, label_path

__all__ = ["CanonicalWriter"]


class CanonicalWriter(LayoutWriter):
    name = "canonical"

    def title(self, text: str) -> Iterator[str]:
        yield escape_text(text)

    def heading(self, section: Section) -> Iterator[str]:
        yield heading_line(section.number, section.heading)

    def text(self, text: str) -> Iterator[str]:
        yield from (escape_text(line) for line in super().text(text))

    def signature(self, agency: str | None, date: str) -> Iterator[str]:
        yield from (escape_text(line) for line in super().signature(agency, date))

    def table(self, grid: Grid, table: Table, report: Report) -> Iterator[str]:
        yield table_line(table.key)
        values = {cell.key[1]: [c.text for c in row if c.key] for row in grid.rows for cell in row if cell.key}
        extra = unknown_rows(report, table)
        shown = {block.key: [r for r in (*printable_rows(block), *extra[block.key]) if r.key in values] for block in table.blocks}
        headed_only = not any(shown.values())       # as the grid: the table's header alone
        for block in table.blocks:
            rows = shown[block.key]
            if not rows and not (headed_only and block is table.blocks[0]):
                continue
            if block.caption:
                yield caption_line(block.caption)
            yield header_line((block.label_title, *(c.label for c in block.columns)))
            for row in rows:
                yield row_line(label_path(table, row), values[row.key])
        yield "[end]"

    def document(self, lines: list[str]) -> str:
        return "\n".join([MAGIC, *lines]) + "\n"
