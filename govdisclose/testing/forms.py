"""The forms users meet a report in, made from a report: for tests that a form is never read wrong.

Each form is a function of a :class:`~govdisclose.Report` (rendered with ``govdisclose.render``):

* :func:`page_text` — the text of the published HTML page as crawlers extract it: every text
  node joined by spaces (``spaces``), one a line (``lines``, BeautifulSoup's
  ``get_text("\\n", strip=True)``) or run together (``nosep``, ``get_text()`` / lxml's
  ``text_content()`` on a page without whitespace between tags). Blank cells vanish.
* :func:`converter_markdown` — what PDF-to-markdown converters make of it: ``##``/``###``
  headings, one small table per row group under generic headers (``类别 | 数据1 … 数据6 |
  总计``), long labels broken over two cells, and a page footer inside a table.
* :func:`report_pdf` — the report typeset as a PDF (reportlab: A4, the tables with their
  merged cells and grid lines, a running header, ``- N -`` page numbers, tables going on over
  page breaks); :func:`pdf_text` — a PDF's text as pdfplumber or poppler's pdftotext
  (``-layout``, ``-raw``, plain) extract it.
* :func:`report_docx` — the report as a Word ``.docx`` (python-docx), merged cells as in the
  official template.

:func:`form` makes any of :data:`FORMS` by name. Needs ``lxml`` (a dependency); PDFs need
``reportlab`` (the ``test`` extra), ``pdfplumber`` (the ``pdf`` extra) and the ``pdftotext``
program (poppler-utils) for the forms that use them; ``.docx`` files need python-docx (the
``docx`` extra).
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from typing import Iterator

from ..model import Report
from ..templates.spec import Table, printable_rows
from ..api import render
from ..host import host
from ..writers.grid import Grid, label_path, value_text
from ..writers.markdown import MarkdownWriter
from .blocks import report_blocks, span_grid

__all__ = ["FORMS", "PAGE_TEXT", "PDF_TEXT", "form", "page_text", "converter_markdown", "report_pdf",
           "pdf_text", "FormUnavailable"]

PAGE_TEXT = ("spaces", "lines", "nosep")
PDF_TEXT = ("pdfplumber", "pdftotext-layout", "pdftotext-raw", "pdftotext", "pdfminer")
#: Every form by name: ``page-text-<how>``, ``converter-markdown``, ``pdf-<how>``. (pdfminer's
#: text is not one of them: it loses a variant's markers and may lose the meta; its cells are
#: tested in ``tests/test_recover.py``.)
FORMS = (*(f"page-text-{h}" for h in PAGE_TEXT), "converter-markdown",
         *(f"pdf-{h}" for h in PDF_TEXT if h != "pdfminer"))


class FormUnavailable(RuntimeError):
    """A form needs a tool that is not installed here (reportlab, pdfplumber, pdftotext)."""


def form(report: Report, name: str, plugins=None) -> str:
    """*report* in the form *name* (one of :data:`FORMS`), as text."""
    if name.startswith("page-text-"):
        return page_text(report, name[len("page-text-"):], plugins)
    if name == "converter-markdown":
        return converter_markdown(report, plugins)
    if name.startswith("pdf-"):
        return pdf_text(report_pdf(report, plugins=plugins), name[len("pdf-"):])
    raise ValueError(f"unknown form {name!r}; the forms are {', '.join(FORMS)}")


# -- the page's text ------------------------------------------------------------------------------

def page_text(report: Report, how: str = "spaces", plugins=None) -> str:
    """The text nodes of ``render(report, "html")``: joined by spaces, one a line, or run together."""
    import lxml.html
    if how not in PAGE_TEXT:
        raise ValueError(f"unknown page text {how!r}; one of {', '.join(PAGE_TEXT)}")
    doc = lxml.html.fromstring(render(report, "html", plugins))
    parts = [s.strip() for s in doc.itertext() if s.strip()]
    return {"spaces": " ".join, "lines": "\n".join, "nosep": "".join}[how](parts)


# -- a PDF converter's markdown ----------------------------------------------------------------------

_GENERIC = ("类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计")
_LONG_LABEL = 12


def _split_label(label: str) -> list[str]:
    """A long label broken over two cells where a converter cuts it (after a comma or bracket)."""
    if len(label) <= _LONG_LABEL:
        return [label]
    for mark in ("，", ",", "（", "("):
        at = label.find(mark, 4)
        if 0 < at < len(label) - 2:
            cut = at + 1 if mark in "，," else at
            return [label[:cut], label[cut:]]
    return [label[:len(label) // 2], label[len(label) // 2:]]


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    width = max([len(head)] + [len(r) for r in rows])
    head = head + ["数据"] * (width - len(head))

    def line(cells):
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
    return [line(head), "|" + "---|" * width] + [line(r) for r in rows]


class _ConverterWriter(MarkdownWriter):
    name = "converter-markdown"

    def __init__(self):
        self.page = 1

    def _footer(self) -> list[str]:
        self.page += 1
        return [f"— {self.page} —"]

    def table(self, grid: Grid, table: Table, report: Report) -> Iterator[str]:
        lines: list[str] = [""]
        if table.key == "applications":
            lines += self._applications(table, report)
        elif table.key == "reviews":
            lines += self._reviews(table, report)
        else:
            for block in table.blocks:
                rows = self._rows(table, block, report, split=False)
                if not rows:
                    continue
                if block.caption:
                    lines += ["", f"### {block.caption}"]
                lines += _table([block.label_title, *(c.label for c in block.columns)], rows)
        yield from lines + [""]

    @staticmethod
    def _rows(table: Table, block, report: Report, split: bool, only=None) -> list[list[str]]:
        out = []
        for row in printable_rows(block):
            if only is not None and row.key not in only:
                continue
            cells = [report.cell(table.key, row.key, c.key) for c in block.columns]
            if not any(c is not None and c.kind != "absent" for c in cells):
                continue
            label = label_path(table, row)[-1]
            labels = _split_label(label) if split else [label]
            out.append([*labels, *(value_text(c, col) for c, col in zip(cells, block.columns))])
        return out

    def _applications(self, table: Table, report: Report) -> list[str]:
        block = table.blocks[0]
        groups: list[tuple[str, list[str]]] = []       # (### heading, row keys), in order
        for row in printable_rows(block):
            path = label_path(table, row)
            heading = path[1] if len(path) > 2 else path[-1]
            if groups and groups[-1][0] == heading:
                groups[-1][1].append(row.key)
            else:
                groups.append((heading, [row.key]))
        lines: list[str] = []
        results_said = False
        written = 0
        for heading, keys in groups:
            rows = self._rows(table, block, report, split=True, only=set(keys))
            if not rows:
                continue
            first = next(r for r in printable_rows(block) if r.key == keys[0])
            if len(label_path(table, first)) > 1 and not results_said:
                lines += ["", f"### {label_path(table, first)[0]}"]
                results_said = True
            lines += ["", f"### {heading}"]
            body = _table(list(_GENERIC), rows)
            if written < 8 <= written + len(rows):      # a page ends inside this table
                cut = 2 + 8 - written
                body = body[:cut] + self._footer() + body[cut:]
            written += len(rows)
            lines += body
        return lines

    def _reviews(self, table: Table, report: Report) -> list[str]:
        block = table.blocks[0]
        groups: dict[str, list] = {}
        for column in block.columns:
            groups.setdefault(column.group or "", []).append(column)
        lines: list[str] = []
        for group, columns in groups.items():
            values = [value_text(report.cell(table.key, block.rows[0].key, c.key), c) for c in columns]
            if not any(v for v in values) and report.cell(table.key, block.rows[0].key, columns[0].key) is None:
                continue
            lines += ["", f"### {group.replace('·', ' ')}"]
            lines += _table([c.label.split("·")[-1] for c in columns], [values])
        return lines


def converter_markdown(report: Report, plugins=None) -> str:
    """*report* as a PDF-to-markdown converter writes it (see the module doc)."""
    plugins = plugins or host()
    template = plugins.template(report.meta.variant or report.meta.template or "post2021")
    return _ConverterWriter().write(report, template)


# -- PDF ---------------------------------------------------------------------------------------------

FONT = "STSong-Light"


def _widths(key: str, texts: list[list[str]], total: float) -> list[float]:
    """Column widths as a word processor fits them: each number column as wide as its longest
    number (8 pt digits, 6 pt padding each side, a wrapped number is another form); the label
    columns share the rest."""
    width = len(texts[0])
    labels = {"applications": [26.0, 52.0, 140.0], "reviews": []}.get(key, [150.0])
    numbers = width - len(labels)
    fitted = [max([4.2 * len(row[len(labels) + i]) + 14.0 for row in texts
                   if row[len(labels) + i][:1].isdigit()] + [0.0]) for i in range(numbers)]
    even = (total - sum(labels)) / numbers
    columns = [max(even, f) for f in fitted]
    if sum(columns) > total - sum(labels):          # the labels give way (and wrap more)
        scale = max(total - sum(columns), 3 * 24.0) / sum(labels) if labels else 1.0
        labels = [w * scale for w in labels]
    return labels + columns


def report_pdf(report: Report, header: str | None = None, plugins=None) -> bytes:
    """*report* as a PDF file (bytes), as a government website publishes it.

    Fonts: reportlab's built-in CID font ``STSong-Light`` (Adobe-GB1), so no system font is
    needed. The font is not embedded: a viewer without Adobe's Chinese fonts shows empty cells,
    but the text layer, which is what is read, is complete. The one character of the seeds this
    font's encoding cannot draw is U+00B7 (``5·15``): it is left out."""
    try:
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table as PdfTable, TableStyle
    except ImportError as e:          # pragma: no cover - depends on the installation
        raise FormUnavailable("reportlab is not installed (pip install reportlab)") from e
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
            table = PdfTable(data, colWidths=_widths(key, texts, total), splitByRow=1)
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


# -- Word ----------------------------------------------------------------------------------------------

#: Header cells the official Word template breaks over two lines (its narrow applicant columns).
BROKEN = {"商业企业": ("商业", "企业"), "科研机构": ("科研", "机构")}


def report_docx(report: Report) -> bytes:
    """*report* as a Word ``.docx`` file (bytes), as an agency's office writes it: the report's
    blocks (:func:`~govdisclose.testing.report_blocks`, the official merged table grid) rebuilt
    with python-docx: a centred title, section headings, body paragraphs, the three statistics
    tables with the official merged cells (``merge``: ``gridSpan`` across, ``vMerge`` down),
    header cells broken over two paragraphs as in the official Word template (``商业`` /
    ``企业``), and the signature. No font is needed: a ``.docx`` carries text, not glyphs."""
    try:
        import docx
        from docx.enum.text import WD_ALIGN_PARAGRAPH
    except ImportError as e:          # pragma: no cover - depends on the installation
        raise FormUnavailable('python-docx is not installed (pip install "govdisclose[docx]")') from e

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


def pdf_text(pdf: bytes, how: str = "pdftotext-layout") -> str:
    """A PDF's text as a tool extracts it: ``pdfplumber`` (each page's ``extract_text()``),
    ``pdfminer`` (its ``extract_text``), or ``pdftotext-layout``, ``pdftotext-raw``,
    ``pdftotext`` (poppler's, with those options)."""
    if how == "pdfplumber":
        try:
            import pdfplumber
        except ImportError as e:      # pragma: no cover - depends on the installation
            raise FormUnavailable("pdfplumber is not installed (the pdf extra installs it: pip install 'govdisclose[pdf]')") from e
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            return "\n".join(page.extract_text() or "" for page in doc.pages)
    if how == "pdfminer":       # its extract_text: a page's text boxes, a block's labels before its numbers
        try:
            from pdfminer.high_level import extract_text
        except ImportError as e:      # pragma: no cover - depends on the installation
            raise FormUnavailable("pdfminer.six is not installed (the pdf extra installs it: pip install 'govdisclose[pdf]')") from e
        return extract_text(io.BytesIO(pdf))
    if how not in PDF_TEXT:
        raise ValueError(f"unknown PDF text {how!r}; one of {', '.join(PDF_TEXT)}")
    if shutil.which("pdftotext") is None:
        raise FormUnavailable("pdftotext is not installed (apt-get install poppler-utils)")
    flags = {"pdftotext-layout": ["-layout"], "pdftotext-raw": ["-raw"], "pdftotext": []}[how]
    fd, path = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pdf)
        done = subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", path, "-"], capture_output=True, check=True)
    finally:
        os.unlink(path)
    return done.stdout.decode("utf-8")
