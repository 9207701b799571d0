"""Writing a :class:`~govdisclose.layout.document.Document` as canonical text: each part at
its own line, so that parsing the text (:func:`govdisclose.layout.parse.parse_canonical`)
gives the document back, line numbers and all. The pipeline keeps the layout in memory;
this text is written only when asked for (:func:`govdisclose.assemble.to_canonical`,
debugging, the tests that hold the two equal)."""
from __future__ import annotations

from .document import Document, Heading, LayoutBlock, LayoutRow, LayoutTable, Text
from .text import MAGIC, escape_cell, escape_text

__all__ = ["write_canonical", "row_line", "table_line"]


def table_line(key: str) -> str:
    """A table's first line: ``[table KEY]`` (``[table]`` without a key)."""
    return f"[table {key}]" if key else "[table]"


def row_line(row: LayoutRow) -> str:
    """A row's line: its label's parts joined by `` > ``, then its cells, escaped."""
    label = " > ".join(escape_cell(p) for p in row.label)
    return "[row] " + " | ".join([label, *(escape_cell(c) for c in row.cells)])


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
            put(f"§ {part.number} {escape_cell(part.heading)}", part.line)
        elif isinstance(part, LayoutTable):
            put(table_line(part.key), part.line)
            for block in part.blocks:
                _block(block, put)
            put("[end]")
    return "\n".join(lines) + "\n"


def _block(block: LayoutBlock, put) -> None:
    at: int | None = block.line
    if block.caption is not None:
        put("[caption] " + escape_cell(block.caption), at)
        at = None
    for note in block.notes:
        put("[note] " + escape_cell(note), at)
        at = None
    put("[header] " + " | ".join(escape_cell(h) for h in block.header), at)
    for row in block.rows:
        put(row_line(row), row.line)
