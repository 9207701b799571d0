"""Input readers: one module per text layout, registered through the readers hook.

``canonical`` (the grammar's own layout), ``pipe`` (cells split by ``|``, one row per
line), ``cell-lines`` (one cell per line ending in ``|``), ``tabbed`` (tab-indented
cells, blank lines between rows), ``markdown`` (pipe tables with ``|---|`` rules),
``html`` (saved HTML pages, read with lxml) and ``loose`` (text that lost its table
structure: labels followed by numbers, run-together digits, ``pdftotext`` output).
:mod:`govdisclose.readers.base` is the reader contract; :mod:`govdisclose.readers.builtin`
registers the built-in readers.
"""
from __future__ import annotations

from .base import CellRow, Item, Reader, SourceCell, TextLine

__all__ = ["CellRow", "Item", "Reader", "SourceCell", "TextLine"]
