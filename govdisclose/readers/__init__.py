"""Input readers: one module per text layout, registered through the readers hook.

``canonical`` (the grammar's own layout), ``pipe`` (cells split by ``|``, one row per
line), ``cell-lines`` (one cell per line ending in ``|``), ``tabbed`` (tab-indented
cells, blank lines between rows), ``markdown`` (pipe tables with ``|---|`` rules),
``html`` (saved HTML pages, read with lxml) and ``loose`` (text that lost its table
structure: labels followed by numbers, run-together digits, ``pdftotext`` output).
"""
from __future__ import annotations

from ..hookspecs import hookimpl
from .base import CellRow, Item, Reader, SourceCell, TextLine
from .canonical import CanonicalReader
from .cell_lines import CellLinesReader
from .html import HtmlReader
from .loose import LooseReader
from .markdown import MarkdownReader
from .pipe import PipeReader
from .tabbed import TabbedReader

__all__ = ["CellRow", "Item", "Reader", "SourceCell", "TextLine", "BUILTIN_READERS"]

BUILTIN_READERS = (CanonicalReader(), MarkdownReader(), PipeReader(), CellLinesReader(), TabbedReader(),
                   HtmlReader(), LooseReader())


@hookimpl
def govdisclose_readers() -> tuple:
    return BUILTIN_READERS
