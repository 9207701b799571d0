"""The canonical layout's document model: text lines, section headings and tables of blocks
(caption, notes, header, rows), each with its line — what the tables rebuilt from a reader's
items are (:func:`govdisclose.assemble.to_layout`), and what parsing a canonical text gives
(:func:`govdisclose.layout.parse.parse_canonical`). A :class:`Layout` is a document with
where its cells stood in the source. (The template's tables, blocks and rows, which these
are matched to, are :mod:`govdisclose.templates.spec`'s.)"""
from __future__ import annotations

from typing import TYPE_CHECKING, Union

import attrs

if TYPE_CHECKING:
    from ..model import Location

__all__ = ["Text", "Heading", "LayoutRow", "LayoutBlock", "LayoutTable", "Part", "Document", "Positions", "Layout"]


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


class Positions(dict):
    """Where each cell of a canonical text stood in the source: per canonical line, the
    locations of its cells (index 0 a row's label or a text line, 1… its value cells; None
    where unknown). One tuple a line, not one entry a cell: a large input has hundreds of
    thousands of cells. ``positions.get((line, index))`` is a cell's Location or None."""

    __slots__ = ()

    def get(self, key, default=None):       # type: ignore[override]
        line, index = key
        found = dict.get(self, line)
        if found is None or index >= len(found):
            return default
        location_ = found[index]
        return default if location_ is None else location_

    @classmethod
    def of(cls, positions: dict) -> "Positions":
        """*positions* as Positions: itself when it is one; a plain ``{(line, index): Location}``
        (a plugin's :class:`~govdisclose.layout.text.Canonical` may carry one) regrouped by line."""
        if isinstance(positions, cls):
            return positions
        lines: dict[int, dict[int, Location]] = {}
        for (line, index), where in positions.items():
            lines.setdefault(line, {})[index] = where
        out = cls()
        for line, at in lines.items():
            out.line(line, tuple(at.get(i) for i in range(max(at) + 1)))
        return out

    def line(self, line: int, locations: "tuple[Location | None, ...]") -> None:
        """Set the locations of canonical *line*'s cells (nothing when none is known)."""
        if any(loc is not None for loc in locations):
            self[line] = locations


@attrs.frozen
class Layout:
    """One input in the canonical layout, in memory: the document, and per (line, cell index)
    where its cells stood in the source (index 0 a row's label or a text line, 1… its value
    cells; a line with no position stands at that line of the source). Its canonical text is
    :func:`govdisclose.layout.write.write_canonical` of the document, whose line numbers are
    the lines of that text."""

    document: Document
    positions: Positions = attrs.field(factory=Positions, eq=False)
    #: per (line, cell index): how a recovered cell was found (``Cell.provenance``)
    notes: dict = attrs.field(factory=dict, eq=False)
    #: what rebuilding the tables noted (e.g. ``recover.ambiguous``)
    findings: tuple = attrs.field(default=(), eq=False)
