"""Markdown pipe tables: ``| a | b |`` rows and ``|---|---|`` separators."""
from __future__ import annotations

import re

from ..model import location
from ..normalize import MARKDOWN_RULE, lines as text_lines
from .base import CellRow, Item, SourceCell, TextLine

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE = re.compile(r"(?<!\\)\|")           # a pipe not escaped as \|
_NUMBER = re.compile(r"[+\-－]?\d[\d,]*(?:\.\d+)?(?:万元|元)?")


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
        separators = sum(1 for line in lines if MARKDOWN_RULE.match(line))
        rows = sum(1 for line in lines if _ROW.match(line))
        return 0.97 if separators and rows >= 5 else 0.0

    def read(self, text: str) -> list[Item]:
        items: list[Item] = []
        table: list[CellRow] = []
        for n, line in enumerate(text_lines(text), 1):
            if MARKDOWN_RULE.match(line):
                continue
            if _ROW.match(line):
                table.append(CellRow(_cells(line.rstrip(), n)))
                continue
            items.extend(_without_split_columns(table))
            table = []
            if line.strip():
                items.append(TextLine(re.sub(r"^#+\s*", "", line), location(n, 1)))
        items.extend(_without_split_columns(table))
        return items


def _without_split_columns(rows: list[CellRow]) -> list[CellRow]:
    """A table's rows without the columns a PDF converter split off a header cell: markitdown
    writes ``| 信息内容 | 上一年项目数量 | | 本年增/减 | 处理决定数量 | |`` over rows such as
    ``| 行政强制 | 271 | | 2648 | | |``. A column is dropped only when its header cell is empty
    between named ones, the rows under the header are as wide as it, and the column is
    empty in every one of them: then it holds no cell, and keeping it would put 2648 under the wrong
    header."""
    out: list[CellRow] = []
    start = 0
    for end in range(1, len(rows) + 1):           # runs of rows as wide as each other
        if end == len(rows) or len(rows[end].cells) != len(rows[start].cells):
            out.extend(_split_columns_dropped(rows[start:end]))
            start = end
    return out


def _split_columns_dropped(rows: list[CellRow]) -> list[CellRow]:
    if len(rows) < 2:
        return rows
    width = len(rows[0].cells)
    if width < 3:
        return rows
    head = [c.text.strip() for c in rows[0].cells]
    if any(_NUMBER.fullmatch(t) for t in head) or not head[0]:
        return rows
    empty = [j for j in range(1, width) if not head[j]]
    named = [j for j in range(1, width) if head[j]]
    if not empty or len(named) < 2 or min(named) > min(empty):
        return rows
    if any(r.cells[j].text.strip() for r in rows[1:] for j in empty):
        return rows
    keep = [j for j in range(width) if j not in empty]
    return [CellRow([r.cells[j] for j in keep], r.breaks) for r in rows]
