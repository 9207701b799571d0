"""One cell per line, each ending in ``|``; row boundaries are lost (seed-004)."""
from __future__ import annotations

from ..model import location
from ..normalize import lines as text_lines
from .base import CellRow, Item, SourceCell, TextLine, source_cells
from .pipe import pipe_profile


class CellLinesReader:
    name = "cell-lines"

    def sniff(self, text: str) -> float:
        lines, single = pipe_profile(text)
        if lines < 5:
            return 0.0
        return 0.95 * single / lines

    def read(self, text: str) -> list[Item]:
        items: list[Item] = []
        for n, line in enumerate(text_lines(text), 1):
            bar = line.find("|")
            if bar >= 0 and bar == line.rfind("|") and not line[bar + 1:].strip():     # "text |": one cell
                cell = line[:bar]
                stripped = cell.lstrip()
                column = len(cell) - len(stripped) + 1 if stripped else 1
                items.append(CellRow((SourceCell(cell, location(n, column)),), breaks=False))
                continue
            if bar >= 0:
                cells = source_cells(line, n)
                if cells and not cells[-1].text.strip():
                    cells.pop()
                items.append(CellRow(cells, breaks=False))
            elif line.strip():
                items.append(TextLine(line, location(n, 1)))
        return items
