"""Markdown: headings as ``##``, each statistics table a pipe table (merged cells written once)."""
from __future__ import annotations

from typing import Iterator

from ..model import Report, Section
from ..templates.spec import Table
from .base import LayoutWriter
from .grid import Grid

__all__ = ["MarkdownWriter"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


class MarkdownWriter(LayoutWriter):
    name = "markdown"

    def title(self, text: str) -> Iterator[str]:
        yield f"# {text}"

    def heading(self, section: Section) -> Iterator[str]:
        yield ""
        yield f"## {section.heading}"
        yield ""

    def table(self, grid: Grid, table: Table, report: Report) -> Iterator[str]:
        yield ""
        for i, row in enumerate(grid.rows):
            yield "| " + " | ".join(_cell(c.text) for c in row) + " |"
            if i == 0:
                yield "|" + "---|" * len(row)
        yield ""
