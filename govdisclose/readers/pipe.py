"""Cells split by ``|`` on one line, one table row per line (seed-000/001/002)."""
from __future__ import annotations

import re

from ..model import location
from ..normalize import lines as text_lines
from .base import CellRow, Item, TextLine, source_cells


def pipe_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the lines that hold a ``|``."""
    return [(n, line) for n, line in enumerate(text_lines(text), 1) if "|" in line]


_ONE_CELL = re.compile(r"^(?:[^|]*\|\s*|[\s|]*)$")       # "text |" or "|||"


def one_cell_line(line: str) -> bool:
    """A line of the one-cell-per-line layout: ``text |`` or only pipes."""
    return _ONE_CELL.match(line) is not None


_last_profile: tuple[str, tuple[int, int]] = ("", (0, 0))


def pipe_profile(text: str) -> tuple[int, int]:
    """(lines with a ``|``, how many of them are one-cell lines): what the pipe and the
    cell-lines readers both sniff, counted once for the text both are shown."""
    global _last_profile
    last_text, profile = _last_profile
    if last_text is not text:
        lines = pipe_lines(text) if "|" in text else []
        profile = (len(lines), sum(1 for _, line in lines if one_cell_line(line)))
        _last_profile = (text, profile)         # (one tuple: safe when threads sniff at once)
    return profile


#: A cell longer than this, with a 。 in it, alone on its line, is prose.
_PROSE_CELL = 200


class PipeReader:
    name = "pipe"

    def sniff(self, text: str) -> float:
        lines, single = pipe_profile(text)
        if lines < 5:
            return 0.0
        return 0.9 * (lines - single) / lines

    def read(self, text: str) -> list[Item]:
        items: list[Item] = []
        for n, line in enumerate(text_lines(text), 1):
            if "|" in line:
                cells = source_cells(line, n)
                if cells and not cells[-1].text.strip():
                    cells.pop()              # the delimiter that ends a row
                full = [c for c in cells if c.text.strip()]
                if len(full) == 1 and len(full[0].text) > _PROSE_CELL and "。" in full[0].text:
                    # a page's layout table holding the article: its one cell is prose, not a row
                    items.append(TextLine(full[0].text.strip(), full[0].location))
                    continue
                items.append(CellRow(cells, breaks=True))
            elif line.strip():
                items.append(TextLine(line, location(n, 1)))
        return items
