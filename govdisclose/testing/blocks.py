"""A report as document blocks, for plugin authors who build ``.docx`` and PDF test files:
:func:`report_blocks` (the blocks of ``render(report, "html")``) and :func:`span_grid`
(HTML rows with spans as a full grid)."""
from __future__ import annotations

from html.parser import HTMLParser

import attrs

from ..api import render
from ..model import Report

__all__ = ["report_blocks", "span_grid"]


class _Blocks(HTMLParser):
    """``render(report, "html")`` as blocks: ("title"|"heading"|"p"|"signature", text) and
    ("table", key, rows of (text, rowspan, colspan))."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple] = []
        self._text: list[str] | None = None
        self._kind = ""
        self._rows: list[list[tuple[str, int, int]]] | None = None
        self._cell: tuple[int, int] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._rows = []
            self.blocks.append(("table", a.get("class", ""), self._rows))
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = (int(a.get("rowspan", 1)), int(a.get("colspan", 1)))
            self._text = []
        elif tag in ("h1", "h2", "h3", "h4", "p"):
            self._kind = {"h1": "title", "p": "signature" if a.get("class") == "signature" else "p"}.get(tag, "heading")
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._rows is not None:
            self._rows[-1].append(("".join(self._text or []), *self._cell))
            self._cell, self._text = None, None
        elif tag == "table":
            self._rows = None
        elif tag in ("h1", "h2", "h3", "h4", "p") and self._text is not None:
            self.blocks.append((self._kind, "".join(self._text)))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def _html_blocks(html: str) -> list[tuple]:
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def report_blocks(report: Report) -> list[tuple]:
    """The blocks of ``render(report, "html")``. A table the report has only the header of
    (seed-000's 表三: the header rows and no data row) is left out by ``render``; it is
    drawn here as its header rows alone, as the source has it."""
    cells = list(report.cells)
    headless = {c.table for c in cells} - {c.table for c in cells if c.kind != "absent"}
    if headless:
        report = attrs.evolve(report, cells=[attrs.evolve(c, kind="blank") if c.table in headless else c
                                             for c in cells])
    blocks = _html_blocks(render(report, "html"))
    return [("table", b[1], [r for r in b[2] if any(t for t, _, _ in r)]) if b[0] == "table" and b[1] in headless
            else b for b in blocks]


def span_grid(rows: list[list[tuple[str, int, int]]]) -> tuple[int, list[list[str]], list[tuple]]:
    """HTML rows with spans -> (width, a full grid of texts, reportlab SPAN commands)."""
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, str, int, int]] = []
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, text, rowspan, colspan))
            taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            c += colspan
    width = max(c for _, c in taken) + 1
    texts = [["" for _ in range(width)] for _ in range(len(rows))]
    spans = []
    for r, c, text, rowspan, colspan in placed:
        texts[r][c] = text
        if rowspan > 1 or colspan > 1:
            spans.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
    return width, texts, spans
