"""The canonical layout (``grammars/report.lark``): exact, escaped, one token a line."""
from __future__ import annotations

from typing import Iterator

from ..layout.text import MAGIC, escape_cell, escape_text
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
        yield f"§ {section.number} {escape_cell(section.heading)}"

    def text(self, text: str) -> Iterator[str]:
        yield from (escape_text(line) for line in super().text(text))

    def signature(self, agency: str | None, date: str) -> Iterator[str]:
        yield from (escape_text(line) for line in super().signature(agency, date))

    def table(self, grid: Grid, table: Table, report: Report) -> Iterator[str]:
        yield f"[table {table.key}]"
        values = {cell.key[1]: [c.text for c in row if c.key] for row in grid.rows for cell in row if cell.key}
        extra = unknown_rows(report, table)
        shown = {block.key: [r for r in (*printable_rows(block), *extra[block.key]) if r.key in values] for block in table.blocks}
        headed_only = not any(shown.values())       # as the grid: the table's header alone
        for block in table.blocks:
            rows = shown[block.key]
            if not rows and not (headed_only and block is table.blocks[0]):
                continue
            if block.caption:
                yield "[caption] " + escape_cell(block.caption)
            header = (block.label_title, *(c.label for c in block.columns))
            yield "[header] " + " | ".join(escape_cell(h) for h in header)
            for row in rows:
                label = " > ".join(escape_cell(p) for p in label_path(table, row))
                yield "[row] " + " | ".join([label, *(escape_cell(v) for v in values[row.key])])
        yield "[end]"

    def document(self, lines: list[str]) -> str:
        return "\n".join([MAGIC, *lines]) + "\n"
