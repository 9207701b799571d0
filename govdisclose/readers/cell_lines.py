"""One cell per line, each ending in ``|``; row boundaries are lost (seed-004)."""
from __future__ import annotations

from ..model import Location
from .base import CellRow, Item, TextLine, split_cells
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
        for n, line in enumerate(text.splitlines(), 1):
            if "|" in line:
                cells = split_cells(line, n)
                if cells and not cells[-1].text.strip():
                    cells.pop()
                items.append(CellRow(cells, breaks=False))
            elif line.strip():
                items.append(TextLine(line, Location(n, 1)))
        return items
