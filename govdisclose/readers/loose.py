"""Text that lost its table structure: labels followed by numbers, or numbers alone.

What crawlers' "copy all", ``pdftotext`` (``-layout``, ``-raw`` and its default mode)
and PDF text layers give: a row label followed by whitespace-separated numbers
(``规章 1 0 11``), by columns aligned with spaces, by a run of digits with nothing
between the cells (``一、本年新收政府信息公开申请数量152000017``), labels wrapped onto the
next line, merged vertical labels one character a line (``不`` / ``予`` / ``公`` / ``开``),
and numbers one a line. No ``|`` and no tab-indented cells.

This reader only splits lines into text and :class:`NumberRun` s (a line's trailing
numbers, with the label text before them); which numbers belong to which cells is
decided with the template's labels and arithmetic in :mod:`govdisclose.recover`.
Page numbers (``- 4 -``) are dropped.
"""
from __future__ import annotations

import re

from ..model import location
from ..normalize import lines as text_lines
from .base import Item, NumberRun, SourceCell, TextLine

__all__ = ["LooseReader", "number_run"]

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:件|万元|元|个|项|次)?"
# numbers after a label, apart by spaces or by a sign (2019's 本年增/减 glued on: 2648-18538)
_TRAILING = re.compile(rf"(?P<numbers>(?:(?<=[^\d.,+-])|^)\s*{_NUMBER}(?:(?:\s+|(?=[+-])){_NUMBER})*)\s*$")
_TOKEN = re.compile(_NUMBER)
_PAGE_NUMBER = re.compile(r"^\s*[-—–]\s*\d{1,3}\s*[-—–]\s*$|^\s*第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?\s*$")
_LABEL_END = re.compile(r"[\u4e00-\u9fff）)\]】”\"’A-Za-z]\s*$")


def number_run(line: str, lineno: int) -> NumberRun | None:
    """The line as a label and its trailing numbers, or None when it does not end in numbers
    that follow a label (or stand alone)."""
    m = _TRAILING.search(line)
    if m is None:
        return None
    label = line[:m.start("numbers")]
    if label.strip() and not _LABEL_END.search(label):
        return None                 # 电话：0517-83605210, 2024年12月31日: not a table row
    numbers = []
    for token in _TOKEN.finditer(line, m.start("numbers")):
        numbers.append(SourceCell(token.group(), location(lineno, token.start() + 1)))
    indent = len(label) - len(label.lstrip())
    return NumberRun(label.strip(), location(lineno, indent + 1), tuple(numbers))


class LooseReader:
    name = "loose"
    #: the most its sniff gives: a reader that scored this already decides (see recognize.choose_reader)
    most = 0.6

    def sniff(self, text: str) -> float:
        bar = text.find("|")
        if 0 <= bar and text.count("\n", 0, bar) < 2000:      # a | in the first 2000 lines: a table layout
            return 0.0
        lines = [line for line in text_lines(text) if line.strip()]
        if not lines or sum(1 for line in lines if line.startswith("\t")) > 5:
            return 0.0
        runs = sum(1 for n, line in enumerate(lines) if number_run(line, n) is not None)
        return 0.6 if runs >= 8 else 0.0

    def read(self, text: str) -> list[Item]:
        items: list[Item] = []
        for n, line in enumerate(text_lines(text), 1):
            if not line.strip() or _PAGE_NUMBER.match(line):
                continue
            run = number_run(line, n)
            items.append(run if run is not None else TextLine(line, location(n, 1)))
        return items
