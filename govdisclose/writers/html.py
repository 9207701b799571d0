"""HTML: a whole page, each statistics table drawn with the official merged cells
(``rowspan``/``colspan`` as in the 2019 and 2021 templates)."""
from __future__ import annotations

from html import escape
from typing import Iterator

from ..model import Report, Section
from ..templates.spec import Table
from .base import LayoutWriter, date_text
from .grid import Grid, span_attributes

__all__ = ["HtmlWriter"]


class HtmlWriter(LayoutWriter):
    name = "html"

    def title(self, text: str) -> Iterator[str]:
        yield f"<h1>{escape(text)}</h1>"

    def heading(self, section: Section) -> Iterator[str]:
        yield f"<h2>{escape(section.heading)}</h2>"

    def text(self, text: str) -> Iterator[str]:
        yield from (f"<p>{escape(line)}</p>" for line in super().text(text))

    def signature(self, agency: str | None, date: str) -> Iterator[str]:
        if agency:
            yield f'<p class="signature">{escape(agency)}</p>'
        yield f'<p class="signature">{date_text(date)}</p>'

    def table(self, grid: Grid, table: Table, report: Report) -> Iterator[str]:
        yield f'<table class="{table.key}" border="1" cellspacing="0">'
        for row in grid.rows:
            cells = "".join(f"<td{span_attributes(c)}>{escape(c.text)}</td>" for c in row)
            yield f"<tr>{cells}</tr>"
        yield "</table>"

    def document(self, lines: list[str]) -> str:
        head = ['<!DOCTYPE html>', '<html lang="zh-CN">', '<head>', '<meta charset="utf-8">', '</head>', '<body>']
        return "\n".join([*head, *lines, "</body>", "</html>"]) + "\n"
