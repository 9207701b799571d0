"""Input readers: one module per text layout, registered through the readers hook.

``canonical`` (the grammar's own layout), ``pipe`` (cells split by ``|``, one row per
line), ``cell-lines`` (one cell per line ending in ``|``), ``tabbed`` (tab-indented
cells, blank lines between rows) and ``markdown`` (pipe tables with ``|---|`` rules).
"""
from __future__ import annotations

from ..hookspecs import hookimpl
from .base import CellRow, Item, Reader, SourceCell, TextLine
from .canonical import CanonicalReader
from .cell_lines import CellLinesReader
from .markdown import MarkdownReader
from .pipe import PipeReader
from .tabbed import TabbedReader

__all__ = ["CellRow", "Item", "Reader", "SourceCell", "TextLine", "BUILTIN_READERS"]

BUILTIN_READERS = (CanonicalReader(), MarkdownReader(), PipeReader(), CellLinesReader(), TabbedReader())


@hookimpl
def govdisclose_readers() -> tuple:
    return BUILTIN_READERS
