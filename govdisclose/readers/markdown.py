"""Markdown pipe tables: ``| a | b |`` rows and ``|---|---|`` separators."""
from __future__ import annotations

import re

from ..model import location
from ..normalize import lines as text_lines
from .base import CellRow, Item, SourceCell, TextLine

_SEPARATOR = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE = re.compile(r"(?<!\\)\|")           # a pipe not escaped as \|


def _cells(line: str, lineno: int) -> list[SourceCell]:
    """The cells between the outer pipes; ``\\|`` inside a cell is a literal pipe."""
    bounds = [m.start() for m in _PIPE.finditer(line)]
    return [SourceCell(line[a + 1:b].replace("\\|", "|"), location(lineno, a + 2))
            for a, b in zip(bounds, bounds[1:])]


class MarkdownReader:
    name = "markdown"

    def sniff(self, text: str) -> float:
        if "---" not in text:                   # no |---| separator line
            return 0.0
        lines = text_lines(text)
        separators = sum(1 for line in lines if _SEPARATOR.match(line))
        rows = sum(1 for line in lines if _ROW.match(line))
        return 0.97 if separators and rows >= 5 else 0.0

    def read(self, text: str) -> list[Item]:
        items: list[Item] = []
        for n, line in enumerate(text_lines(text), 1):
            if _SEPARATOR.match(line):
                continue
            if _ROW.match(line):
                items.append(CellRow(_cells(line.rstrip(), n)))
            elif line.strip():
                items.append(TextLine(re.sub(r"^#+\s*", "", line), location(n, 1)))
        return items
