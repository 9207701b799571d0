"""What a reader produces: text lines and rows of cells, with where they stood.

A reader turns one input layout into a flat list of items. ``CellRow.breaks`` says
whether the row is a physical row of the source (a table row boundary precedes it);
layouts that lost their row boundaries (one cell per line) give ``breaks=False`` and
leave the rows to be found from the template's labels.
"""
from __future__ import annotations

from typing import Protocol, Sequence, Union, runtime_checkable

import attrs

from ..canonical import Canonical
from ..model import Location

__all__ = ["SourceCell", "TextLine", "CellRow", "Item", "Reader", "split_cells"]


@attrs.frozen
class SourceCell:
    text: str
    location: Location


@attrs.frozen
class TextLine:
    text: str
    location: Location


@attrs.frozen
class CellRow:
    cells: tuple[SourceCell, ...] = attrs.field(converter=tuple)
    breaks: bool = True


Item = Union[TextLine, CellRow]


@runtime_checkable
class Reader(Protocol):
    """A text layout reader. Registered through the ``govdisclose_readers`` hook."""

    name: str

    def sniff(self, text: str) -> float:
        """How strongly *text* looks like this layout: 0 (not at all) to 1."""

    def read(self, text: str) -> "Sequence[Item] | Canonical":
        """The items of *text*, in order; or, for a reader that knows the structure
        exactly, the text already in the canonical layout."""


def split_cells(line: str, lineno: int, sep: str = "|") -> list[SourceCell]:
    """Split a line on *sep*, keeping the 1-based column where each cell's text starts."""
    cells, start = [], 0
    for part in line.split(sep):
        indent = len(part) - len(part.lstrip()) if part.strip() else 0
        cells.append(SourceCell(part, Location(lineno, start + indent + 1)))
        start += len(part) + 1
    return cells
