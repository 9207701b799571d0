"""The canonical layout: parsed by the Lark grammar into a :class:`Document`.

Every reader's output is written in this layout (see ``grammars/report.lark``) and
parsed here; it is also an input format of its own. Structure errors — a data row
before any header, a row with the wrong number of cells, a table never closed — raise
:class:`~govdisclose.errors.CanonicalSyntaxError` with the line and column.
"""
from __future__ import annotations

import re
from typing import Union

import attrs
import lark

from .errors import CanonicalSyntaxError
from .grammar import parser
from .model import Location

__all__ = ["MAGIC", "Canonical", "Document", "Text", "Heading", "Table", "Block", "Row",
           "parse_canonical", "escape_cell", "escape_text", "split_cells", "unescape"]

MAGIC = "%govdisclose canonical 1"
_SPECIAL_START = ("[", "§", "%", "\\")


def escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace(">", "\\>")


def escape_text(text: str) -> str:
    return "\\" + text if text.startswith(_SPECIAL_START) else text


def split_cells(text: str, sep: str, keep_escapes: bool = False) -> list[str]:
    """Split on unescaped *sep*; strip each part and unescape it (unless *keep_escapes*)."""
    if "\\" not in text:
        return [part.strip() for part in text.split(sep)]
    parts, buf, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i:i + 2] if keep_escapes else text[i + 1])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf).strip())
    return parts


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_ROW = "[row]"


def cell_columns(line: str) -> list[int]:
    """The 1-based column where each cell of a ``[row]`` line starts (label first)."""
    columns, i, start = [], len(_ROW), len(_ROW)
    while i <= len(line):
        if i == len(line) or line[i] == "|":
            part = line[start:i]
            indent = len(part) - len(part.lstrip()) if part.strip() else 1
            columns.append(start + indent + 1)
            start = i + 1
        elif line[i] == "\\":
            i += 1
        i += 1
    return columns


def source_positions(text: str) -> dict:
    """Positions of a canonical text that is itself the source: each row cell's line and column."""
    positions = {}
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith(_ROW):
            for index, column in enumerate(cell_columns(line)):
                positions[(n, index)] = Location(n, column)
    return positions


def unescape(text: str) -> str:
    """``\\|`` -> ``|`` and so on: a backslash keeps the character after it."""
    return _ESCAPED.sub(r"\1", text).strip()


@attrs.frozen
class Canonical:
    """Canonical text and, per (canonical line, cell index), where it stood in the source.

    Index 0 is a row's label (or a text line), 1… its value cells. A line with no
    position is taken to stand at that line of the source.
    """

    text: str
    positions: dict = attrs.field(factory=dict, eq=False)


@attrs.frozen
class Text:
    text: str
    line: int


@attrs.frozen
class Heading:
    number: int
    heading: str
    line: int


@attrs.frozen
class Row:
    label: tuple[str, ...]          # label parts, outermost first
    cells: tuple[str, ...]
    line: int


@attrs.frozen
class Block:
    caption: str | None
    notes: tuple[str, ...]
    header: tuple[str, ...]          # label-column title, then one per value column
    rows: tuple[Row, ...]
    line: int


@attrs.frozen
class Table:
    key: str
    blocks: tuple[Block, ...]
    line: int


Item = Union[Text, Heading, Table]


@attrs.frozen
class Document:
    items: tuple[Item, ...]

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(i for i in self.items if isinstance(i, Table))


def _after(token: lark.Token, tag: str) -> str:
    return str(token)[len(tag):].strip()


def _block(tree: lark.Tree) -> Block:
    caption, notes, header, rows = None, [], (), []
    line = None
    for child in tree.children:
        token = child.children[0]
        line = line or token.line
        if child.data == "caption":
            caption = unescape(_after(token, "[caption]"))
        elif child.data == "note":
            notes.append(unescape(_after(token, "[note]")))
        elif child.data == "header":
            header = tuple(split_cells(_after(token, "[header]"), "|"))
        else:
            cells = split_cells(_after(token, "[row]"), "|", keep_escapes=True)
            if len(cells) != len(header):
                raise CanonicalSyntaxError(
                    f"row has {len(cells) - 1} value cells, its header has {len(header) - 1}",
                    token.line, token.column)
            label = tuple(p for p in split_cells(cells[0], ">") if p)
            rows.append(Row(label, tuple(unescape(c) for c in cells[1:]), token.line))
    return Block(caption, tuple(notes), header, tuple(rows), line or 0)


def parse_canonical(text: str) -> Document:
    """Parse canonical-layout *text* (see ``grammars/report.lark``)."""
    if not text.endswith("\n"):
        text += "\n"
    try:
        tree = parser().parse(text)
    except lark.exceptions.UnexpectedInput as exc:
        found = getattr(exc, "token", None) or getattr(exc, "char", "")
        raise CanonicalSyntaxError(f"unexpected {str(found)[:40]!r}", exc.line, exc.column) from None
    items: list[Item] = []
    for node in tree.children:
        if node.data == "magic":
            continue
        token = node.children[0]
        if node.data == "text":
            raw = str(token)
            items.append(Text(raw[1:] if raw.startswith("\\") and raw[1:2] in "[§%\\" else raw, token.line))
        elif node.data == "section":
            _, number, heading = (str(token).split(" ", 2) + [""])[:3]
            items.append(Heading(int(number), unescape(heading), token.line))
        else:
            key = str(token).strip()[len("[table"):-1].strip()
            items.append(Table(key, tuple(_block(b) for b in node.children if isinstance(b, lark.Tree)),
                               token.line))
    return Document(tuple(items))
