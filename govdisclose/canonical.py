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
from .model import location
from .normalize import lines as text_lines

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
    if "\\" not in line:                    # no escapes: every | separates
        columns, start = [], len(_ROW)
        for part in line[start:].split("|"):
            stripped = part.lstrip()
            columns.append(start + (len(part) - len(stripped) if stripped.rstrip() else 1) + 1)
            start += len(part) + 1
        return columns
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
    for n, line in enumerate(text_lines(text), 1):
        if line.startswith(_ROW):
            for index, column in enumerate(cell_columns(line)):
                positions[(n, index)] = location(n, column)
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
    #: per (canonical line, cell index): how a recovered cell was found (``Cell.provenance``)
    notes: dict = attrs.field(factory=dict, eq=False)
    #: what rebuilding the tables noted (e.g. ``recover.ambiguous``)
    findings: tuple = attrs.field(default=(), eq=False)


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


# -- parsing ----------------------------------------------------------------------------------
#
# The grammar is line-based: every non-empty line is one token, whose kind its first
# characters decide. ``_scan`` reads the lines and checks their order against the grammar
# in one pass (the fast path); anything it is not sure of goes to the Lark parser, which
# decides and reports errors with their line:column. Both give the same entries, built
# into the Document by the same code (``tests/test_grammar.py`` checks that they agree).

_TABLE_OPEN = re.compile(r"\[table(?: [A-Za-z0-9_.:-]*)?\][ \t]*")
_TABLE_CLOSE = re.compile(r"\[end\][ \t]*")
_SECTION = re.compile(r"§ [1-9](?: [^\n]*)?")
_BLOCK_TAGS = (("[caption]", "caption"), ("[note]", "note"), ("[header]", "header"), ("[row]", "data"))

# entries: ("text" | "section", line text, line number) or ("table", line text, line number,
# [[(kind, line text, line number), …] per block])


def _scan(text: str) -> list | None:
    """The entries of *text* when every line is where the grammar allows it, else None."""
    entries: list = []
    blocks: list | None = None           # the open table's blocks
    state = ""                           # in a table: open | caption | note | header
    first = True
    for number, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        head = line[0]
        if blocks is None:
            if head == "[":
                if not _TABLE_OPEN.fullmatch(line):
                    return None
                blocks, state = [], "open"
                entries.append(("table", line, number, blocks))
            elif head == "§":
                if not _SECTION.fullmatch(line):
                    return None
                entries.append(("section", line, number))
            elif head == "%":
                if not first or not line.startswith("%govdisclose"):
                    return None
            else:
                entries.append(("text", line, number))
            first = False
            continue
        if head != "[":
            return None
        if line.startswith("[end]"):
            if state != "header" or not _TABLE_CLOSE.fullmatch(line):
                return None
            blocks, state = None, ""
            continue
        kind = next((k for tag, k in _BLOCK_TAGS if line.startswith(tag)), None)
        if kind is None:
            return None
        if kind == "data":
            if state != "header":
                return None
            blocks[-1].append((kind, line, number))
            continue
        if kind == "caption":
            if state not in ("open", "header"):
                return None
            blocks.append([])
        elif state in ("open", "header"):          # a note or a header starts a block
            blocks.append([])
        blocks[-1].append((kind, line, number))
        state = "header" if kind == "header" else kind
    if blocks is not None:                       # a table never closed
        return None
    return entries


def _lark_entries(text: str) -> list:
    """The entries of *text* by the Lark parser (raises CanonicalSyntaxError)."""
    try:
        tree = parser().parse(text)
    except lark.exceptions.UnexpectedInput as exc:
        found = getattr(exc, "token", None) or getattr(exc, "char", "")
        raise CanonicalSyntaxError(f"unexpected {str(found)[:40]!r}", exc.line, exc.column) from None
    entries: list = []
    for node in tree.children:
        if node.data == "magic":
            continue
        token = node.children[0]
        if node.data in ("text", "section"):
            entries.append((node.data, str(token), token.line))
        else:
            blocks = [[(child.data, str(child.children[0]), child.children[0].line) for child in b.children]
                      for b in node.children if isinstance(b, lark.Tree)]
            entries.append(("table", str(token), token.line, blocks))
    return entries


def _unescape(text: str) -> str:
    """:func:`unescape`, without the regex when there is nothing to unescape."""
    return _ESCAPED.sub(r"\1", text).strip() if "\\" in text else text.strip()


def _block(children: list) -> Block:
    caption, notes, header, rows = None, [], (), []
    line = None
    for kind, raw, number in children:
        line = line or number
        if kind == "caption":
            caption = _unescape(raw[9:].strip())
        elif kind == "note":
            notes.append(_unescape(raw[6:].strip()))
        elif kind == "header":
            header = tuple(split_cells(raw[8:].strip(), "|"))
        else:
            body = raw[5:].strip()
            cells = split_cells(body, "|", keep_escapes=True)
            if len(cells) != len(header):
                raise CanonicalSyntaxError(
                    f"row has {len(cells) - 1} value cells, its header has {len(header) - 1}", number, 1)
            label = tuple(p for p in split_cells(cells[0], ">") if p) if cells[0] else ()
            rows.append(Row(label, tuple(map(_unescape, cells[1:])) if "\\" in body else tuple(cells[1:]), number))
    return Block(caption, tuple(notes), header, tuple(rows), line or 0)


def parse_canonical(text: str) -> Document:
    """Parse canonical-layout *text* (see ``grammars/report.lark``)."""
    if not text.endswith("\n"):
        text += "\n"
    entries = _scan(text)
    if entries is None:
        entries = _lark_entries(text)
    items: list[Item] = []
    for entry in entries:
        kind, raw, number = entry[0], entry[1], entry[2]
        if kind == "text":
            items.append(Text(raw[1:] if raw.startswith("\\") and raw[1:2] in "[§%\\" else raw, number))
        elif kind == "section":
            _, digit, heading = (raw.split(" ", 2) + [""])[:3]
            items.append(Heading(int(digit), unescape(heading), number))
        else:
            key = raw.strip()[len("[table"):-1].strip()
            items.append(Table(key, tuple(_block(b) for b in entry[3]), number))
    return Document(tuple(items))
