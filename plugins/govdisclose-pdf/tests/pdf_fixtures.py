"""Builds a PDF of a report, as a government website would publish it, for the tests.

The report is written with ``govdisclose.render(report, "html")`` (the official merged
table grid, ``rowspan``/``colspan``) and typeset with reportlab: A4, a title, section
headings, indented body paragraphs wrapped as Chinese text, the three statistics tables
drawn with grid lines (merged cells spanned), a running header and a page number
``- N -`` on every page. Tables that do not fit go on over the page break.

Fonts: reportlab's built-in CID font ``STSong-Light`` (Adobe-GB1), so no system font is
needed (reportlab is in the plugin's ``test`` extra) and no Debian package either. The
font is not embedded: a viewer without Adobe's Chinese fonts shows empty cells, but the
text layer, which is what pdfplumber reads, is complete. The one character this font's
encoding cannot draw in the seeds is U+00B7 (``5·15``): it is left out of the PDF.

Run ``python build_pdf_fixtures.py OUT_DIR`` (beside this file) to write the five seed
reports as PDF files to look at; the tests build them in a temporary folder.
"""
from __future__ import annotations

import io
from html.parser import HTMLParser

import attrs

import govdisclose
from govdisclose.model import Report

FONT = "STSong-Light"


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


def _widths(key: str, width: int, total: float) -> list[float]:
    if key == "applications":           # three label columns, seven numbers
        labels = [26.0, 52.0, 140.0]
    elif key == "reviews":
        labels = []
    else:                               # active_disclosure: the 信息内容 column
        labels = [150.0]
    rest = (total - sum(labels)) / (width - len(labels))
    return labels + [rest] * (width - len(labels))


def report_pdf(report: Report, header: str | None = None) -> bytes:
    """*report* as a PDF file (bytes)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    styles = {
        "title": ParagraphStyle("title", fontName=FONT, fontSize=18, leading=28, alignment=TA_CENTER,
                                wordWrap="CJK", spaceAfter=12),
        "heading": ParagraphStyle("heading", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK",
                                  spaceBefore=6, spaceAfter=4),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=10.5, leading=17, firstLineIndent=21, wordWrap="CJK"),
        "signature": ParagraphStyle("signature", fontName=FONT, fontSize=10.5, leading=17, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK"),
    }
    page_width, page_height = A4
    margin = 64.0
    total = page_width - 2 * margin
    story: list = []
    for block in report_blocks(report):
        if block[0] == "table":
            _, key, rows = block
            width, texts, spans = grid(rows)
            data = [[Paragraph(escape(t), styles["cell"]) for t in row] for row in texts]
            table = Table(data, colWidths=_widths(key, width, total), splitByRow=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans]))
            story += [table, Spacer(1, 8)]
        else:
            kind, text = block
            story.append(Paragraph(escape(text), styles[kind]))

    running = header if header is not None else (report.meta.agency or "") + "政府信息公开工作年度报告"

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(page_width / 2, page_height - 36, running)
        canvas.drawCentredString(page_width / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=60,
                            bottomMargin=56, title="", author="", invariant=1)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()
