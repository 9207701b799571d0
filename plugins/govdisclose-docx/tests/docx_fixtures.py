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


from govdisclose.model import Report
from govdisclose.testing import report_blocks, span_grid

#: Header cells the official Word template breaks over two lines (its narrow applicant columns).
BROKEN = {"商业企业": ("商业", "企业"), "科研机构": ("科研", "机构")}


def report_docx(report: Report) -> bytes:
    """*report* as a ``.docx`` file (bytes)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for block in report_blocks(report):
        if block[0] == "table":
            _, key, rows = block
            width, texts, spans = span_grid(rows)
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
