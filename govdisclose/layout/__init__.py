"""The canonical layout: the one text form every reader's output is rebuilt into, and an
input format of its own (``grammars/report.lark``, ``docs/canonical-layout.md``).

:mod:`~govdisclose.layout.document` is the document model (and the :class:`Layout` the
pipeline keeps in memory: a document with where its cells stood), :mod:`~govdisclose.layout.text`
the layout as text (escaping, splitting, source positions), :mod:`~govdisclose.layout.parse`
the parser (a one-pass line scanner, the Lark grammar where the scanner is not sure), and
:mod:`~govdisclose.layout.write` a document written as text.
"""
from __future__ import annotations

from .document import Document, Heading, Layout, LayoutBlock, LayoutRow, LayoutTable, Part, Positions, Text
from .parse import parse_canonical, read_canonical
from .write import write_canonical
from .text import MAGIC, Canonical, escape_cell, escape_text, split_layout_cells, unescape

__all__ = ["MAGIC", "Canonical", "Document", "Text", "Heading", "LayoutTable", "LayoutBlock", "LayoutRow", "Part",
           "Layout", "Positions", "parse_canonical", "read_canonical", "write_canonical", "escape_cell", "escape_text",
           "split_layout_cells", "unescape"]
