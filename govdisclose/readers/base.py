"""What a reader produces: text lines and rows of cells, with where they stood.

A reader turns one input layout into a flat list of items. ``CellRow.breaks`` says
whether the row is a physical row of the source (a table row boundary precedes it);
layouts that lost their row boundaries (one cell per line) give ``breaks=False`` and
leave the rows to be found from the template's labels.

A reader of a binary format (PDF, Word) sets ``binary = True`` and also implements
``sniff_bytes(data)`` and ``read_bytes(data)`` (:class:`BinaryReader`); the pipeline asks
binary readers first whenever the input is bytes, a path or a stream.
"""
from __future__ import annotations

import re
from typing import Iterable, Protocol, Sequence, Union, runtime_checkable

import attrs

from ..layout.text import Canonical
from ..model import Location, location

__all__ = ["require", "SourceCell", "TextLine", "CellRow", "NumberRun", "Item", "Reader", "BinaryReader", "BytesOnlyReader",
           "source_cells", "items_text", "Items", "CJK_CHARS", "join_lines"]


@attrs.frozen
class SourceCell:
    text: str
    location: Location


@attrs.frozen
class TextLine:
    text: str
    location: Location


@attrs.frozen
class NumberRun:
    """A line's trailing numbers and the text before them (the loose-text layouts): which
    cells they are is decided with the template (:mod:`govdisclose.recover`)."""

    label: str
    location: Location
    numbers: tuple[SourceCell, ...] = attrs.field(converter=tuple)


@attrs.frozen
class CellRow:
    cells: tuple[SourceCell, ...] = attrs.field(converter=tuple)
    breaks: bool = True


Item = Union[TextLine, CellRow, NumberRun]


@runtime_checkable
class Reader(Protocol):
    """A text layout reader. Registered through the ``govdisclose_readers`` hook."""

    name: str

    def sniff(self, text: str) -> float:
        """How strongly *text* looks like this layout: 0 (not at all) to 1. A reader may say
        the most its sniff ever gives (``most``, 1 when it does not): it is not asked when
        an earlier reader has scored that much already."""

    def read(self, text: str) -> "Sequence[Item] | Canonical":
        """The items of *text*, in order; or, for a reader that knows the structure
        exactly, the text already in the canonical layout."""


@runtime_checkable
class BinaryReader(Reader, Protocol):
    """A reader of a binary file format (``binary = True``), registered through the same
    ``govdisclose_readers`` hook. When the input is bytes, a path or a binary stream, the
    pipeline asks every binary reader to sniff the raw bytes first (by content, never by
    file name); the best score above 0 reads them, otherwise the bytes are decoded as text.
    ``sniff(text)`` returns 0 and ``read(text)`` raises
    :class:`~govdisclose.errors.UnreadableInputError`: such a reader does not read text.
    ``read_bytes`` raises ``UnreadableInputError`` for a damaged file."""

    binary: bool

    def sniff_bytes(self, data: bytes) -> float:
        """How strongly *data* (the whole file) looks like this format: 0 to 1."""

    def read_bytes(self, data: bytes) -> "Sequence[Item] | Canonical":
        """The items of the document in *data*, in reading order."""


class BytesOnlyReader:
    """A base for binary readers: ``binary = True``, and the text half of the protocol (no
    text is this format's: ``sniff`` gives 0, ``read`` raises). Subclasses set ``name`` and
    ``kind`` (what they read, for the message) and implement ``sniff_bytes``/``read_bytes``."""

    name = ""
    kind = "binary"
    binary = True

    def sniff(self, text: str) -> float:
        return 0.0

    def read(self, text: str) -> "Sequence[Item]":
        from ..errors import UnreadableInputError
        raise UnreadableInputError(f"the {self.name} reader reads {self.kind} files (a path, bytes or a binary "
                                   "stream), not text")


def require(module: str, extra: str, kind: str):
    """*module*, imported, or an :class:`~govdisclose.errors.UnreadableInputError` in one
    line that names the extra installing it (a binary reader's library: ``pdfplumber`` for
    the ``pdf`` extra)."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError:
        from ..errors import UnreadableInputError
        raise UnreadableInputError(f"this is a {kind}; reading it needs {module}, which is not installed: "
                                   f'pip install "govdisclose[{extra}]"') from None


def items_text(items: "Sequence[Item] | Canonical") -> str:
    """The plain text of reader items, one line per text line or cell row (cells joined
    by `` | ``): what a template is recognised from when there was no input text."""
    if isinstance(items, Canonical):
        return items.text

    def text(item: Item) -> str:
        if isinstance(item, TextLine):
            return item.text
        if isinstance(item, CellRow):
            return " | ".join(c.text for c in item.cells)
        return " ".join([item.label, *(c.text for c in item.numbers)])     # NumberRun
    return "\n".join(text(item) for item in items)


class Items(list):
    """Reader items (a list) with what the document says about itself outside its text:
    ``meta`` may hold ``title``, ``publisher`` (a 发布机构) and ``date`` (ISO publication
    date), each used only where the report's own text does not state it (an HTML page's
    heading, 发布机构 and 发布日期 lines; a PDF's document properties)."""

    def __init__(self, items=(), meta: "dict | None" = None):
        super().__init__(items)
        self.meta: dict = dict(meta or {})


#: Characters between which typesetting, not the author, breaks a line or puts a space (a
#: regex character class body: CJK ideographs and punctuation, full-width forms, quotes).
CJK_CHARS = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
_IS_CJK = re.compile(f"[{CJK_CHARS}]")


def join_lines(parts: Iterable[str]) -> str:
    """Lines of one cell or paragraph, wrapped by typesetting, as one text: no space where
    a Chinese character meets the break, one space between other words; empty parts skipped
    (for readers of laid-out formats: PDF, Word)."""
    text = ""
    for part in parts:
        if not part:
            continue
        if text and not (_IS_CJK.match(text[-1]) or _IS_CJK.match(part[0])):
            text += " "
        text += part
    return text


def source_cells(line: str, lineno: int, sep: str = "|") -> list[SourceCell]:
    """Split a line on *sep*, keeping the 1-based column where each cell's text starts."""
    cells, start = [], 0
    for part in line.split(sep):
        stripped = part.lstrip()
        indent = len(part) - len(stripped) if stripped else 0
        cells.append(SourceCell(part, location(lineno, start + indent + 1)))
        start += len(part) + 1
    return cells
