"""The canonical layout's document model: what parsing a canonical text gives
(:func:`govdisclose.layout.parse.parse_canonical`) — text lines, section headings and tables
of blocks (caption, notes, header, rows), each with its line. (The template's tables, blocks
and rows, which these are matched to, are :mod:`govdisclose.templates.spec`'s.)"""
from __future__ import annotations

from typing import Union

import attrs

__all__ = ["Text", "Heading", "LayoutRow", "LayoutBlock", "LayoutTable", "Part", "Document"]


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
class LayoutRow:
    label: tuple[str, ...]          # label parts, outermost first
    cells: tuple[str, ...]
    line: int


@attrs.frozen
class LayoutBlock:
    caption: str | None
    notes: tuple[str, ...]
    header: tuple[str, ...]          # label-column title, then one per value column
    rows: tuple[LayoutRow, ...]
    line: int


@attrs.frozen
class LayoutTable:
    key: str
    blocks: tuple[LayoutBlock, ...]
    line: int


#: A part of a document: a text line, a section heading or a table.
Part = Union[Text, Heading, LayoutTable]


@attrs.frozen
class Document:
    items: tuple[Part, ...]

    @property
    def tables(self) -> tuple[LayoutTable, ...]:
        return tuple(i for i in self.items if isinstance(i, LayoutTable))
