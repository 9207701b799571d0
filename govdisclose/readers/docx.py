"""The Word reader: a ``.docx`` report, read with python-docx (the ``docx`` extra:
``pip install "govdisclose[docx]"``).

Registered as the reader ``docx`` through the ``govdisclose_readers`` hook, by the entry
point ``docx`` in govdisclose's own ``govdisclose`` group, exactly as a third party's reader
is; chosen by content (a ZIP archive holding ``word/document.xml``), whatever the file is
called. Without python-docx a ``.docx`` is one clear error line that names the extra.

The document body is walked in order, paragraphs and tables interleaved (content
controls are looked into). A paragraph is a ``TextLine``; each table row is one
``CellRow`` of the cells that *start* in that row: a cell merged across columns
(``gridSpan``) appears once, a cell merged down (``vMerge``) only in its first row —
what the assembler rebuilds the template's tables from. A cell's paragraphs are joined
into one text (no space where Chinese characters meet: ``商业`` / ``企业`` is
``商业企业``). Page numbers typed into the body (``- 4 -``) are dropped; running headers
and footers live outside the body and are never read. Tables that a page break (or an
editor) split in two, with only empty paragraphs between them, read as one.

Locations: ``line`` counts the paragraphs (those with text) and table rows read, from 1,
in order; ``column`` is the cell's first grid column (1 for paragraphs).
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterator, Sequence

from ..errors import UnreadableInputError
from ..hookspecs import hookimpl
from ..model import Location
from .base import BytesOnlyReader, CellRow, Item, SourceCell, TextLine, join_lines, require

__all__ = ["DocxReader", "docx_score", "is_docx"]

_PAGE_NUMBER = re.compile(r"^(?:[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)$")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_score(data: bytes) -> float:
    """1 for a ZIP archive with ``word/document.xml`` (a Word document); 0.9 for a damaged
    ZIP archive (truncated: no central directory) whose entries name ``word/``; else 0."""
    if not data.startswith(b"PK\x03\x04"):
        return 0.0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return 1.0 if "word/document.xml" in z.namelist() else 0.0
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0.9 if b"word/document.xml" in data or b"word/_rels/" in data else 0.0


def is_docx(data: bytes) -> bool:
    """A Word document, whole or damaged (see :func:`docx_score`)."""
    return docx_score(data) > 0


def _join(parts: Sequence[str]) -> str:
    """Lines of one cell as one text: whitespace collapsed, no space where Chinese meets."""
    return join_lines(" ".join(p.split()) for p in parts)


def _paragraph_text(p) -> str:
    """A paragraph's text: its runs (also inside hyperlinks, fields, insertions), tabs and
    breaks as spaces."""
    out = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}delText"):
        if el.tag == f"{_W}t":
            out.append(el.text or "")
        elif el.tag != f"{_W}delText":          # deleted text (tracked changes) is not there
            out.append(" ")
    return "".join(out)


def _blocks(parent) -> Iterator:
    """The paragraphs and tables of a body (or content control), in order."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif child.tag in (f"{_W}customXml", f"{_W}ins"):
            yield from _blocks(child)


def _cell_text(tc) -> str:
    lines: list[str] = []
    for block in _blocks(tc):
        if block.tag == f"{_W}p":
            lines.append(_paragraph_text(block))
        else:                                   # a table inside a cell: its text, row by row
            lines.extend(_paragraph_text(p) for p in block.iter(f"{_W}p"))
    return _join(lines)


def _val(el, name: str) -> str | None:
    child = el.find(f"{_W}{name}") if el is not None else None
    if child is None:
        return None
    return child.get(f"{_W}val", "")


def _table_rows(tbl) -> Iterator[list[tuple[int, str]]]:
    """Per row, (grid column, text) of the cells that start in it."""
    for tr in tbl.iterchildren(f"{_W}tr"):
        before = _val(tr.find(f"{_W}trPr"), "gridBefore")
        column = int(before) if before and before.isdigit() else 0
        cells = []
        for tc in _row_cells(tr):
            pr = tc.find(f"{_W}tcPr")
            span = _val(pr, "gridSpan")
            width = int(span) if span and span.isdigit() else 1
            vmerge = _val(pr, "vMerge")
            hmerge = _val(pr, "hMerge")
            if vmerge not in (None, "restart") or hmerge not in (None, "restart"):
                column += width                 # the continuation of a merged cell
                continue
            cells.append((column, _cell_text(tc)))
            column += width
        yield cells


def _row_cells(tr) -> Iterator:
    for child in tr.iterchildren():
        if child.tag == f"{_W}tc":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from (c for c in content.iterchildren(f"{_W}tc"))


#: The most of a ``.docx`` package that is read, from the sizes its ZIP directory declares
#: (zipfile never inflates a part past its declared size): the XML parts (the body, styles,
#: numbering …) and all parts, uncompressed, and the number of parts. A report's body is
#: 0.05 to 2 MB of XML (styles add up to 1 MB); past these bounds the package is refused
#: with one line before python-docx reads it (a zip bomb of 185 KB expanding to 100 MB of
#: ``<w:p/>`` took 37 s and 2.2 GB; 8 MiB of them, just under the bound, take about 10 s
#: and 230 MB).
MAX_XML = 8 << 20
MAX_UNPACKED = 256 << 20
MAX_PARTS = 5000


def check_package(data: bytes) -> None:
    """Refuse (:class:`UnreadableInputError`) a package that expands past the bounds above."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return                                  # damaged: python-docx says so, below
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    unpacked = sum(i.file_size for i in infos)
    problem = (f"{len(infos)} parts (at most {MAX_PARTS})" if len(infos) > MAX_PARTS
               else f"{xml >> 20} MiB of XML unpacked (at most {MAX_XML >> 20} MiB)" if xml > MAX_XML
               else f"{unpacked >> 20} MiB unpacked (at most {MAX_UNPACKED >> 20} MiB)" if unpacked > MAX_UNPACKED
               else None)
    if problem:
        raise UnreadableInputError(f"this Word document (.docx) is bigger than a report when unpacked: {problem}; "
                                   "not read")


def read_docx(data: bytes) -> list[Item]:
    docx = require("docx", "docx", "Word document (.docx)")
    check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a damaged package raises many kinds
        text = " ".join(str(exc).split())[:200]
        raise UnreadableInputError(f"this is a Word document (.docx) that cannot be read: damaged or cut off? "
                                   f"{type(exc).__name__}" + (f": {text}" if text else "")) from None
    items: list[Item] = []
    number = 0
    for block in _blocks(document.element.body):
        if block.tag == f"{_W}p":
            text = " ".join(_paragraph_text(block).split())
            if not text or _PAGE_NUMBER.match(text):
                continue
            number += 1
            items.append(TextLine(text, Location(number, 1)))
            continue
        for cells in _table_rows(block):
            number += 1
            items.append(CellRow([SourceCell(text, Location(number, column + 1)) for column, text in cells]))
    if not items:
        raise UnreadableInputError("this is a Word document (.docx) with no text in its body")
    return items


class DocxReader(BytesOnlyReader):
    """Reads Word ``.docx`` files; registered as the reader ``docx``."""

    name = "docx"
    kind = "Word .docx"

    def sniff_bytes(self, data: bytes) -> float:
        return docx_score(data)

    def read_bytes(self, data: bytes) -> Sequence[Item]:
        return read_docx(data)


#: This plugin's name in ``govdisclose plugins`` (the entry point's).
NAME = "docx"
READERS = (DocxReader(),)


@hookimpl
def govdisclose_readers():
    return READERS
