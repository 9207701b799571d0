"""Writing the canonical layout's lines, and a whole
:class:`~govdisclose.layout.document.Document` as canonical text: each part at its own line,
so that parsing the text (:func:`govdisclose.layout.parse.parse_canonical`) gives the
document back, line numbers and all. The pipeline keeps the layout in memory; this text is
written only when asked for (:func:`govdisclose.assemble.to_canonical`, debugging, the tests
that hold the two equal). The ``canonical`` writer writes a report's lines with the same
functions."""
from __future__ import annotations

from typing import Sequence

from .document import Document, Heading, LayoutBlock, LayoutTable, Text
from .text import MAGIC, escape_cell, escape_text

__all__ = ["write_canonical", "table_line", "caption_line", "header_line", "row_line", "heading_line"]


def table_line(key: str) -> str:
    """A table's first line: ``[table KEY]`` (``[table]`` without a key)."""
    return f"[table {key}]" if key else "[table]"


def caption_line(caption: str) -> str:
    return "[caption] " + escape_cell(caption)


def header_line(header: Sequence[str]) -> str:
    """A block's header: the label column's title, then one cell a value column."""
    return "[header] " + " | ".join(escape_cell(h) for h in header)


def row_line(label: Sequence[str], cells: Sequence[str]) -> str:
    """A row's line: its label's parts joined by `` > ``, then its cells, escaped."""
    return "[row] " + " | ".join([" > ".join(escape_cell(p) for p in label), *(escape_cell(c) for c in cells)])


def heading_line(number: int, heading: str) -> str:
    return f"§ {number} {escape_cell(heading)}"


def write_canonical(document: Document) -> str:
    """The canonical text of *document*. A part stands at its line (blank lines fill a gap);
    the lines a document does not number (a block's notes and header, ``[end]``) follow the
    line before them."""
    lines = [MAGIC]

    def put(text: str, at: int | None = None) -> None:
        if at is not None and at > len(lines) + 1:
            lines.extend([""] * (at - len(lines) - 1))
        lines.append(text)

    for part in document.items:
        if isinstance(part, Text):
            put(escape_text(part.text), part.line)
        elif isinstance(part, Heading):
            put(heading_line(part.number, part.heading), part.line)
        elif isinstance(part, LayoutTable):
            put(table_line(part.key), part.line)
            for block in part.blocks:
                _block(block, put)
            put("[end]")
    return "\n".join(lines) + "\n"


def _block(block: LayoutBlock, put) -> None:
    at: int | None = block.line
    if block.caption is not None:
        put(caption_line(block.caption), at)
        at = None
    for note in block.notes:
        put("[note] " + escape_cell(note), at)
        at = None
    put(header_line(block.header), at)
    for row in block.rows:
        put(row_line(row.label, row.cells), row.line)
