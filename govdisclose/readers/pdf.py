"""The PDF reader: a report's text layer, read with pdfplumber (the ``pdf`` extra:
``pip install "govdisclose[pdf]"``).

Registered as the reader ``pdf`` through the ``govdisclose_readers`` hook, by the entry point
``pdf`` in govdisclose's own ``govdisclose`` group, exactly as a third party's reader is
(:mod:`govdisclose.readers.docx` likewise); chosen by content (``%PDF-``), whatever the
file is called. Without pdfplumber a PDF is one clear error line that names the extra.

Tables are found from their ruling lines (``find_tables``); each table row becomes one
``CellRow`` of the cells that *start* in that row (a merged cell appears once, in its
first row), which is what the assembler rebuilds the template's tables from. The text
outside the tables becomes ``TextLine`` s, a paragraph wrapped over several lines joined
back into one line, a title set over several centred lines too.

What the page layout adds is taken away again:

* page numbers (``- 4 -``, ``第 4 页``, ``4 / 6``) and lines repeated at the top or bottom
  of most pages (running headers and footers);
* rectangles nobody can see (white on white, as PDF editors leave behind), so that they
  are not taken for table borders;
* characters drawn twice (fake bold) and the gaps typesetting leaves between Chinese
  characters and digits (``2024 年`` is ``2024年``);
* a table that goes on over a page break is read as one: when the next page starts with
  a table of the same columns, a label cell cut by the break (``（四）无`` … ``法提供``)
  is joined back together.

Locations: ``line`` counts the document's text lines and table rows from 1, in reading
order; ``column`` is the cell's column in its table (1 for text lines).
"""
from __future__ import annotations

import collections
import io
import logging
import re
import statistics
from typing import Any, Iterable, Sequence

import attrs

from ..errors import UnreadableInputError
from ..hookspecs import hookimpl
from ..model import Location
from ..sections import heading_number
from .base import CJK_CHARS, BytesOnlyReader, CellRow, Item, SourceCell, TextLine, join_lines, require
from .pdf_bounds import content_size, document_size, encrypted_size

__all__ = ["PdfReader", "is_pdf"]

_CJK_SPACE = re.compile(rf"(?<=[{CJK_CHARS}])\s+|\s+(?=[{CJK_CHARS}])")     # typesetting's, not the author's
_PAGE_NUMBER = re.compile(r"^(?:[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})$")
#: How a label cell starts: 一、 （一） (一) 1. 1、 1．
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d))")
_NUMBER = re.compile(r"^[-+]?\d[\d,.]*\s*(?:件|万元|元|个|项|条)?$")
_MARGIN = 0.1                  # the top and bottom tenth of a page: where running headers and footers stand


def is_pdf(data: bytes) -> bool:
    """A PDF file: ``%PDF-`` within its first 1024 bytes (where readers look for it)."""
    return b"%PDF-" in data[:1024]


@attrs.define
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    page_width: float


@attrs.define
class _Cell:
    text: str
    bbox: tuple[float, float, float, float]
    column: int
    consumed: bool = False


@attrs.define
class _Table:
    page: int
    bbox: tuple[float, float, float, float]
    xs: list[float]                         # the left edges of its columns
    rows: list[list[_Cell]]                 # per row, the cells that start in it

    @property
    def top(self) -> float:
        return self.bbox[1]


# -- characters -> text ------------------------------------------------------------------

def _line_text(chars: Sequence[dict]) -> str:
    """One line's characters (left to right) as text: a space where the gap is wide,
    none next to Chinese characters."""
    out: list[str] = []
    prev = None
    for c in chars:
        t = c["text"]
        if prev is not None and out and not t.isspace() and not out[-1].isspace():
            if c["x0"] - prev["x1"] > 0.3 * min(c["size"], prev["size"]):
                out.append(" ")
        out.append(t)
        prev = c
    return " ".join(_CJK_SPACE.sub("", "".join(out)).split())


def _lines(chars: Iterable[dict]) -> list[list[dict]]:
    """Characters grouped into lines, top to bottom, each left to right."""
    lines: list[list[dict]] = []
    middle = None
    for c in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        m = (c["top"] + c["bottom"]) / 2
        if lines and middle is not None and abs(m - middle) <= 0.45 * max(c["size"], 1.0):
            lines[-1].append(c)
        else:
            lines.append([c])
            middle = m
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _inside(c: dict, bbox: tuple[float, float, float, float]) -> bool:
    x = (c["x0"] + c["x1"]) / 2
    y = (c["top"] + c["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


# -- one page ----------------------------------------------------------------------------

def _white(color: Any) -> bool:
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:                     # CMYK
        return all(v <= 0.05 for v in color)
    return all(v >= 0.95 for v in color)


def _visible(obj: dict) -> bool:
    """Drawing that can be seen: not a white-on-white or unpainted rectangle."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    stroked = obj.get("stroke") and not _white(obj.get("stroking_color"))
    filled = obj.get("fill") and not _white(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def _table(found: Any, chars: list[dict], page: int) -> _Table | None:
    rows = found.rows
    xs = sorted({cell[0] for row in rows for cell in row.cells if cell is not None})
    if len(xs) < 2:
        return None                         # one column: a box around prose, not a table
    out: list[list[_Cell]] = []
    for row in rows:
        cells = []
        for bbox in row.cells:
            if bbox is None:
                continue
            inside = [c for c in chars if _inside(c, bbox)]
            column = min(range(len(xs)), key=lambda i: abs(xs[i] - bbox[0]))
            cells.append(_Cell(join_lines([_line_text(line) for line in _lines(inside)]), tuple(bbox), column))
        out.append(cells)
    return _Table(page, tuple(found.bbox), xs, out)


def _page(page: Any, number: int) -> tuple[list[_Line], list[_Table]]:
    page = page.dedupe_chars()
    chars = list(page.chars)
    tables = []
    for found in page.filter(_visible).find_tables():
        inside = [c for c in chars if _inside(c, found.bbox)]
        table = _table(found, inside, number)
        if table is not None:
            tables.append(table)
    rest = [c for c in chars if not any(_inside(c, t.bbox) for t in tables)]
    lines = []
    for line in _lines(rest):
        text = _line_text(line)
        if text:
            lines.append(_Line(text, min(c["x0"] for c in line), max(c["x1"] for c in line),
                               min(c["top"] for c in line), max(c["bottom"] for c in line),
                               statistics.median(c["size"] for c in line), number, float(page.width)))
    return lines, tables


# -- the document ------------------------------------------------------------------------

def _drop_page_furniture(pages: list[tuple[list[_Line], list[_Table]]], heights: list[float]) -> None:
    """Remove page numbers and running headers/footers, in place.

    A page number is a line like ``- 4 -`` at the top or bottom of its page. A running
    header or footer is one of the two first or last lines of a page, in its top or
    bottom tenth, in a font no larger than the body's, that comes back (digits aside) at
    the same height on at least half the pages, and on two at least."""
    body_sizes = [ln.size for lines, _ in pages for ln in lines]
    body = statistics.median(body_sizes) if body_sizes else 0.0

    def in_margin(line: _Line) -> bool:
        height = heights[line.page - 1]
        return line.bottom <= height * _MARGIN or line.top >= height * (1 - _MARGIN)

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", "".join(line.text.split()))

    def edges(lines: list[_Line]) -> list[_Line]:
        return [ln for i, ln in enumerate(lines) if (i < 2 or i >= len(lines) - 2) and in_margin(ln)
                and ln.size <= body + 0.5]

    tops: dict[str, dict[int, float]] = collections.defaultdict(dict)
    for lines, _ in pages:
        for ln in edges(lines):
            tops[key(ln)].setdefault(ln.page, ln.top)
    repeated = {k for k, where in tops.items()
                if len(where) >= 2 and len(where) * 2 >= len(pages) and max(where.values()) - min(where.values()) <= 3}
    for lines, _ in pages:
        furniture = {id(ln) for ln in edges(lines) if key(ln) in repeated}
        ends = {id(lines[0]), id(lines[-1])} if lines else set()
        lines[:] = [ln for ln in lines if id(ln) not in furniture
                    and not (_PAGE_NUMBER.match(ln.text) and (in_margin(ln) or id(ln) in ends))]


def _paragraphs(lines: list[_Line]) -> tuple[float, float]:
    """The left and right edges of the body text."""
    if not lines:
        return 0.0, 0.0
    lefts = collections.Counter(round(ln.x0) for ln in lines)
    left = lefts.most_common(1)[0][0]
    rights = sorted(ln.x1 for ln in lines)
    return float(left), rights[int(0.9 * (len(rights) - 1))]


def _continues(prev: _Line, line: _Line, left: float, right: float, body: float) -> bool:
    """Whether *line* goes on with *prev*'s paragraph, or with its title set over centred
    lines (in a font larger than the body's, or short lines clear of the margin)."""
    if abs(prev.size - line.size) > 0.6 or heading_number(line.text) is not None or heading_number(prev.text):
        return False
    if prev.page == line.page and line.top - prev.bottom > 1.2 * line.size:
        return False
    if prev.page != line.page and line.page != prev.page + 1:
        return False
    centre = line.page_width / 2
    if (abs((prev.x0 + prev.x1) / 2 - centre) < line.size and abs((line.x0 + line.x1) / 2 - centre) < line.size
            and prev.page == line.page
            and (line.size > body + 1 or (prev.x0 > left + 2 * line.size and line.x0 > left + 2 * line.size))):
        return True                         # a title set over centred lines
    if _ORDINAL.match(line.text) and line.x0 > left + 0.5 * line.size:
        return False
    return prev.x1 >= right - 1.6 * line.size and line.x0 <= left + 0.5 * line.size


def _same_columns(a: _Table, b: _Table) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= 4.0 for x, y in zip(a.xs, b.xs))


def _join_continued(a: _Table, b: _Table) -> None:
    """*b* goes on with *a* on the next page: label cells cut by the page break are joined.

    A cell of *b*'s first row continues the cell of *a* over its column that reaches *a*'s
    bottom when that one starts like a label (``（四）…``) and this one neither starts like
    a label nor is a number (an empty one there is the rest of a merged label cell)."""
    if not b.rows:
        return
    bottom = a.bbox[3]
    for cell in b.rows[0]:
        if _ORDINAL.match(cell.text) or _NUMBER.match(cell.text):
            continue
        above = None
        for row in reversed(a.rows):
            above = next((c for c in row if c.column == cell.column), None)
            if above is not None:
                break
        if above is None or abs(above.bbox[3] - bottom) > 2.0 or not _ORDINAL.match(above.text):
            continue
        above.text = join_lines([above.text, cell.text])     # an empty cell: the rest of a merged label
        cell.consumed = True


def _page_of(cell, table) -> int:
    return getattr(cell, "page", None) or table.page


def document_items(pages: list[tuple[list[_Line], list[_Table]]], heights: list[float]) -> list[Item]:
    """The pages' lines and tables as reader items, in reading order."""
    _drop_page_furniture(pages, heights)
    body_lines = [ln for lines, _ in pages for ln in lines]
    left, right = _paragraphs(body_lines)
    body = statistics.median(ln.size for ln in body_lines) if body_lines else 0.0
    elements: list[_Line | _Table] = []
    for lines, tables in pages:
        elements.extend(sorted([*lines, *tables], key=lambda e: e.top))
    for a, b in zip(elements, elements[1:]):
        if isinstance(a, _Table) and isinstance(b, _Table) and a.page + 1 == b.page and _same_columns(a, b):
            _join_continued(a, b)
    items: list[Item] = []
    number = 0
    prev: _Line | _Table | None = None
    for element in elements:
        if isinstance(element, _Line):
            if isinstance(prev, _Line) and items and isinstance(items[-1], TextLine) \
                    and _continues(prev, element, left, right, body):
                items[-1] = TextLine(join_lines([items[-1].text, element.text]), items[-1].location)
            else:
                number += 1
                items.append(TextLine(element.text, Location(number, 1, element.page)))
        else:
            for row in element.rows:
                number += 1
                items.append(CellRow([SourceCell(c.text, Location(number, c.column + 1, _page_of(c, element)))
                                      for c in row if not c.consumed]))
        prev = element
    return items


#: The most a report's PDF is read for: pages; content-stream bytes (decoded) per page and
#: in all; and the decoded bytes of all its streams but images (content, fonts, object and
#: cross-reference streams). The real reports here have 5 or 6 pages of about 40 KB (140 KB
#: in all) and 1.2 to 2.0 MB of decoded streams; past these bounds the document is refused
#: with one line before pdfminer decodes the streams (``bounds``; a Flate bomb of 25 KB
#: inflating to 10 MB of operators took 20 s and 822 MB; a page of 1 MiB of dense text
#: operators about 6 s and 100 MB).
MAX_PAGES = 300
MAX_PAGE_CONTENT = 1 << 20
MAX_CONTENT = 4 << 20
MAX_DECODED = 64 << 20

# pdfminer warns about damaged documents through logging. With no handler configured,
# Python's last-resort handler prints each warning on stderr (hundreds of lines before the
# CLI's one line); a NullHandler, as libraries add, keeps them for those who configure logging.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


def read_pdf(data: bytes) -> list[Item]:
    pdfplumber = require("pdfplumber", "pdf", "PDF document")
    if document_size(data, MAX_DECODED) > MAX_DECODED:
        raise _too_much()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds
        raise UnreadableInputError(f"this is a PDF document that cannot be read: {_reason(exc)}") from None
    with pdf:
        if pdf.doc.encryption is not None and encrypted_size(pdf.doc, MAX_DECODED) > MAX_DECODED:
            raise _too_much()
        pages, heights = [], []
        content = 0
        try:
            for i, page in enumerate(pdf.pages):
                if i >= MAX_PAGES:
                    raise UnreadableInputError(f"this PDF document has more than {MAX_PAGES} pages: "
                                               "more than a report; split it first")
                size = content_size(page.page_obj, MAX_PAGE_CONTENT)
                content += size
                if size > MAX_PAGE_CONTENT or content > MAX_CONTENT:
                    bound = f"{_mib(MAX_PAGE_CONTENT)} a page" if size > MAX_PAGE_CONTENT \
                        else f"{_mib(MAX_CONTENT)} in all"
                    raise UnreadableInputError(f"this PDF document's page {i + 1} has more content than a report's "
                                               f"({bound} at most, decompressed): not read")
                pages.append(_page(page, i + 1))
                heights.append(float(page.height))
        except UnreadableInputError:
            raise
        except Exception as exc:  # noqa: BLE001
            where = f"page {len(pages) + 1}: " if pages else ""
            raise UnreadableInputError(f"this is a PDF document that cannot be read: {where}{_reason(exc)}") from None
    if not pages:
        raise UnreadableInputError("this is a PDF document that cannot be read: it has no pages")
    if not any(lines or tables for lines, tables in pages):
        raise UnreadableInputError("this is a PDF document without a text layer (a scanned image?): "
                                   "run OCR on it first")
    return document_items(pages, heights)


def _too_much() -> UnreadableInputError:
    return UnreadableInputError(f"this PDF document's streams decode to more than {_mib(MAX_DECODED)}, more than "
                                "a report's (a Flate bomb?): not read")


def _mib(size: int) -> str:
    return f"{size >> 20} MiB" if size >= 1 << 20 else f"{size >> 10} KiB"


def _reason(exc: BaseException) -> str:
    """Why pdfminer gave up, in one line (pdfplumber wraps its exceptions in PdfminerException)."""
    inner = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args \
        and isinstance(exc.args[0], BaseException) else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "it is password-protected: remove the password first"
    text = " ".join(str(inner).split())[:200]
    return "damaged or cut off? " + (f"{name}: {text}" if text else name)


class PdfReader(BytesOnlyReader):
    """Reads PDF files (their text layer); registered as the reader ``pdf``."""

    name = "pdf"
    kind = "PDF"

    def sniff_bytes(self, data: bytes) -> float:
        return 1.0 if is_pdf(data) else 0.0

    def read_bytes(self, data: bytes) -> Sequence[Item]:
        return read_pdf(data)


#: This plugin's name in ``govdisclose plugins`` (the entry point's).
NAME = "pdf"
READERS = (PdfReader(),)


@hookimpl
def govdisclose_readers():
    return READERS
