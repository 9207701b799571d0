"""Parsing the canonical layout into a :class:`~govdisclose.layout.document.Document`.

Structure errors — a data row before any header, a row with the wrong number of cells, a
table never closed — raise :class:`~govdisclose.errors.CanonicalSyntaxError` with the line
and column.
"""
from __future__ import annotations

import re

import lark

from ..errors import CanonicalSyntaxError
from ..grammar import parser
from .document import Document, Heading, Layout, LayoutBlock, LayoutRow, LayoutTable, Part, Text
from .text import Canonical, split_layout_cells, unescape

__all__ = ["parse_canonical", "read_canonical"]

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
    return unescape(text) if "\\" in text else text.strip()


def _block(children: list) -> LayoutBlock:
    caption, notes, header, rows = None, [], (), []
    line = None
    for kind, raw, number in children:
        line = line or number
        if kind == "caption":
            caption = _unescape(raw[9:].strip())
        elif kind == "note":
            notes.append(_unescape(raw[6:].strip()))
        elif kind == "header":
            header = tuple(split_layout_cells(raw[8:].strip(), "|"))
        else:
            body = raw[5:].strip()
            cells = split_layout_cells(body, "|", keep_escapes=True)
            if len(cells) != len(header):
                raise CanonicalSyntaxError(
                    f"row has {len(cells) - 1} value cells, its header has {len(header) - 1}", number, 1)
            label = tuple(p for p in split_layout_cells(cells[0], ">") if p) if cells[0] else ()
            rows.append(LayoutRow(label, tuple(map(_unescape, cells[1:])) if "\\" in body else tuple(cells[1:]), number))
    return LayoutBlock(caption, tuple(notes), header, tuple(rows), line or 0)


def parse_canonical(text: str, *, grammar: bool = False) -> Document:
    """Parse canonical-layout *text* (see ``grammars/report.lark``); with *grammar*, by the
    Lark parser alone (the line scanner is not tried first)."""
    if not text.endswith("\n"):
        text += "\n"
    entries = None if grammar else _scan(text)
    if entries is None:
        entries = _lark_entries(text)
    items: list[Part] = []
    for entry in entries:
        kind, raw, number = entry[0], entry[1], entry[2]
        if kind == "text":
            items.append(Text(raw[1:] if raw.startswith("\\") and raw[1:2] in "[§%\\" else raw, number))
        elif kind == "section":
            _, digit, heading = (raw.split(" ", 2) + [""])[:3]
            items.append(Heading(int(digit), unescape(heading), number))
        else:
            key = raw.strip()[len("[table"):-1].strip()
            items.append(LayoutTable(key, tuple(_block(b) for b in entry[3]), number))
    return Document(tuple(items))


def read_canonical(canonical: Canonical) -> Layout:
    """Canonical text with its source positions (a reader's :class:`~govdisclose.layout.text.Canonical`)
    as a :class:`~govdisclose.layout.document.Layout`."""
    return Layout(parse_canonical(canonical.text), canonical.positions, canonical.notes, canonical.findings)
