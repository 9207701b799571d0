"""Builds a Word ``.docx`` of a report, as an agency's office would write it, for the tests.

The report is written with ``govdisclose.render(report, "html")`` (the official merged
table grid, ``rowspan``/``colspan``) and rebuilt with python-docx: a centred title,
section headings, body paragraphs, the three statistics tables with the official merged
cells (python-docx ``merge``: ``gridSpan`` across, ``vMerge`` down), header cells broken
over two paragraphs as in the official Word template (``商业`` / ``企业``), and the
signature. No font is needed: a ``.docx`` carries text, not glyphs.

Run ``python build_docx_fixtures.py OUT_DIR`` (beside this file) to write the five seed
reports as ``.docx`` files to look at; the tests build them in a temporary folder.
"""
from __future__ import annotations

import io
from html.parser import HTMLParser

import attrs

import govdisclose
from govdisclose.model import Report

#: Header cells the official Word template breaks over two lines (templates.md §4.1).
BROKEN = {"商业企业": ("商业", "企业"), "科研机构": ("科研", "机构")}


class _Blocks(HTMLParser):
    """``render(report, "html")`` as blocks: ("title"|"heading"|"p"|"signature", text) and
    ("table", key, rows of (text, rowspan, colspan))."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple] = []
        self._text: list[str] | None = None
        self._kind = ""
        self._rows: list[list[tuple[str, int, int]]] | None = None
        self._cell: tuple[int, int] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._rows = []
            self.blocks.append(("table", a.get("class", ""), self._rows))
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = (int(a.get("rowspan", 1)), int(a.get("colspan", 1)))
            self._text = []
        elif tag in ("h1", "h2", "h3", "h4", "p"):
            self._kind = {"h1": "title", "p": "signature" if a.get("class") == "signature" else "p"}.get(tag, "heading")
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._rows is not None:
            self._rows[-1].append(("".join(self._text or []), *self._cell))
            self._cell, self._text = None, None
        elif tag == "table":
            self._rows = None
        elif tag in ("h1", "h2", "h3", "h4", "p") and self._text is not None:
            self.blocks.append((self._kind, "".join(self._text)))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def html_blocks(html: str) -> list[tuple]:
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def report_blocks(report: Report) -> list[tuple]:
    """The blocks of ``render(report, "html")``. A table the report has only the header of
    (seed-000's 表三: the header rows and no data row) is left out by ``render``; it is
    drawn here as its header rows alone, as the source has it."""
    cells = list(report.cells)
    headless = {c.table for c in cells} - {c.table for c in cells if c.kind != "absent"}
    if headless:
        report = attrs.evolve(report, cells=[attrs.evolve(c, kind="blank") if c.table in headless else c
                                             for c in cells])
    blocks = html_blocks(govdisclose.render(report, "html"))
    return [("table", b[1], [r for r in b[2] if any(t for t, _, _ in r)]) if b[0] == "table" and b[1] in headless
            else b for b in blocks]


def grid(rows: list[list[tuple[str, int, int]]]) -> tuple[int, list[list[str]], list[tuple]]:
    """HTML rows with spans -> (width, a full grid of texts, reportlab SPAN commands)."""
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, str, int, int]] = []
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, text, rowspan, colspan))
            taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            c += colspan
    width = max(c for _, c in taken) + 1
    texts = [["" for _ in range(width)] for _ in range(len(rows))]
    spans = []
    for r, c, text, rowspan, colspan in placed:
        texts[r][c] = text
        if rowspan > 1 or colspan > 1:
            spans.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
    return width, texts, spans


def report_docx(report: Report) -> bytes:
    """*report* as a ``.docx`` file (bytes)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for block in report_blocks(report):
        if block[0] == "table":
            _, key, rows = block
            width, texts, spans = grid(rows)
            table = document.add_table(rows=len(texts), cols=width)
            table.style = "Table Grid"
            cells = [row.cells for row in table.rows]       # before merging: one per grid cell
            for r, row in enumerate(texts):
                for c, text in enumerate(row):
                    if text:
                        parts = BROKEN.get(text, (text,))
                        cells[r][c].paragraphs[0].text = parts[0]
                        for part in parts[1:]:
                            cells[r][c].add_paragraph(part)
            for _, (c0, r0), (c1, r1) in spans:             # merged regions never overlap
                cells[r0][c0].merge(cells[r1][c1])
            document.add_paragraph()
        else:
            kind, text = block
            if kind == "title":
                paragraph = document.add_paragraph(text)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif kind == "heading":
                document.add_heading(text, level=2)
            else:
                paragraph = document.add_paragraph(text)
                if kind == "signature":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
