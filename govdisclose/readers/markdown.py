"""Markdown pipe tables: ``| a | b |`` rows and ``|---|---|`` separators."""
from __future__ import annotations

import re

from ..model import Location
from .base import CellRow, Item, TextLine, split_cells

_SEPARATOR = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_ROW = re.compile(r"^\s*\|.*\|\s*$")


class MarkdownReader:
    name = "markdown"

    def sniff(self, text: str) -> float:
        lines = text.splitlines()
        separators = sum(1 for line in lines if _SEPARATOR.match(line))
        rows = sum(1 for line in lines if _ROW.match(line))
        return 0.97 if separators and rows >= 5 else 0.0

    def read(self, text: str) -> list[Item]:
        items: list[Item] = []
        for n, line in enumerate(text.splitlines(), 1):
            if _SEPARATOR.match(line):
                continue
            if _ROW.match(line):
                cells = split_cells(line.rstrip(), n)[1:-1]      # outer pipes
                items.append(CellRow([c.__class__(c.text.replace("\\|", "|"), c.location) for c in cells]))
            elif line.strip():
                items.append(TextLine(re.sub(r"^#+\s*", "", line), Location(n, 1)))
        return items
