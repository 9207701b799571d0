"""Tab-indented cells, one per line, blank lines between rows (seed-003).

A line without the leading tab between two cell lines continues the cell before it
(labels broken over lines: ``（三）`` / ``不予公开``), even across a blank line; a
section heading never does.
"""
from __future__ import annotations

from ..model import location
from ..normalize import lines as text_lines
from ..sections import heading_number
from .base import CellRow, Item, SourceCell, TextLine


def _is_cell(line: str) -> bool:
    return line.startswith("\t")


class TabbedReader:
    name = "tabbed"

    def sniff(self, text: str) -> float:
        if text.count("\n\t") < 19:            # fewer than 20 lines start with a tab
            return 0.0
        lines = [line for line in text_lines(text) if line.strip()]
        cells = sum(1 for line in lines if _is_cell(line))
        return 0.9 if cells >= 20 and cells >= 0.2 * len(lines) else 0.0

    def read(self, text: str) -> list[Item]:
        lines = text_lines(text)
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        prev_nb = {b: a for a, b in zip(nonblank, nonblank[1:])}
        next_nb = {a: b for a, b in zip(nonblank, nonblank[1:])}
        items: list = []                    # TextLines, and a row's cells as a list until the end
        row: list[SourceCell] | None = None
        for i, line in enumerate(lines):
            n = i + 1
            if _is_cell(line):
                if row is None:
                    row = []
                    items.append(row)
                cell = line[1:]
                row.append(SourceCell(cell, location(n, 2 + len(cell) - len(cell.lstrip()))))
            elif not line.strip():
                row = None if row is not None and not self._continues(lines, i, next_nb) else row
            elif (i in prev_nb and _is_cell(lines[prev_nb[i]]) and i in next_nb
                  and _is_cell(lines[next_nb[i]]) and heading_number(line) is None
                  and len(line.strip()) <= 16 and items and isinstance(items[-1], list) and items[-1]):
                row = items[-1]
                last = row[-1]
                row[-1] = SourceCell(last.text.rstrip() + line.strip(), last.location)
            else:
                row = None
                items.append(TextLine(line, location(n, 1)))
        return [CellRow(item) if isinstance(item, list) else item for item in items
                if not isinstance(item, list) or item]

    @staticmethod
    def _continues(lines: list[str], i: int, next_nb: dict[int, int]) -> bool:
        """A blank line inside a cell: the next text is a continuation line."""
        j = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
        if j is None or _is_cell(lines[j]):
            return False
        k = next_nb.get(j)
        return k is not None and _is_cell(lines[k]) and len(lines[j].strip()) <= 16 \
            and heading_number(lines[j]) is None
