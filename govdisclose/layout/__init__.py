"""The canonical layout: the one text form every reader's output is rebuilt into, and an
input format of its own (``grammars/report.lark``, ``docs/canonical-layout.md``).

:mod:`~govdisclose.layout.text` is the layout as text (escaping, splitting, source
positions), :mod:`~govdisclose.layout.document` the document model a parse gives, and
:mod:`~govdisclose.layout.parse` the parser (a one-pass line scanner, the Lark grammar
where the scanner is not sure).
"""
from __future__ import annotations

from .document import Document, Heading, LayoutBlock, LayoutRow, LayoutTable, Part, Text
from .parse import parse_canonical
from .text import MAGIC, Canonical, escape_cell, escape_text, split_layout_cells, unescape

__all__ = ["MAGIC", "Canonical", "Document", "Text", "Heading", "LayoutTable", "LayoutBlock", "LayoutRow", "Part",
           "parse_canonical", "escape_cell", "escape_text", "split_layout_cells", "unescape"]
