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


from govdisclose.model import Report
from govdisclose.testing import report_blocks, span_grid

FONT = "STSong-Light"


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
            width, texts, spans = span_grid(rows)
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
