"""What researchers' converters make of a report: for tests that their output is never read wrong.

Researchers hand us what their tools made of a page or a PDF, not the page or the PDF. Each
tool here is run on a report as it is published: the HTML page (``render(report, "html")``,
the official merged grid with rowspan and colspan) or the PDF (:func:`~govdisclose.testing.forms.report_pdf`):

==============  ======  ===================================================================
tool            input   output
==============  ======  ===================================================================
markdownify     page    markdown; merged cells flattened (no rowspan, colspan)
html2text       page    markdown; merged cells flattened, blank cells kept empty
trafilatura     page    text (``include_tables=True``), cells joined by ``|``, blanks dropped
inscriptis      page    text laid out in columns, a wrapped cell over several lines
markitdown      PDF     text of pdfminer, tables as markdown where it finds them; a row's
                        numbers before or after its label
pymupdf4llm     PDF     markdown tables from the ruling lines, a label split over two cells
pdf2docx        PDF     a Word document rebuilt from the geometry (read by the docx plugin)
==============  ======  ===================================================================

:func:`convert` gives a tool's output of a report (``str``, or ``bytes`` of a ``.docx`` for
pdf2docx); :data:`CONVERTERS` names them. A tool that is not installed raises
:class:`~govdisclose.testing.forms.FormUnavailable` (the ``converters`` extra installs all
seven: ``pip install -e ".[converters]"``).
"""
from __future__ import annotations

import importlib
import io
import logging
import warnings

from ..model import Report
from ..api import render
from .forms import FormUnavailable, report_pdf

__all__ = ["CONVERTERS", "convert", "FormUnavailable"]

#: Each tool and what it reads: the page (``html``) or the PDF (``pdf``).
CONVERTERS = {"markdownify": "html", "html2text": "html", "trafilatura": "html", "inscriptis": "html",
              "markitdown": "pdf", "pymupdf4llm": "pdf", "pdf2docx": "pdf"}


def _need(module: str):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")          # pdf2docx imports fitz, which warns
            return importlib.import_module(module)
    except ImportError as e:     # (trafilatura needs lxml_html_clean beside lxml 5.2 and later)
        raise FormUnavailable(f"{module} cannot be imported ({e}; pip install -e \".[converters]\")") from e


def convert(report: Report, tool: str, plugins=None) -> str | bytes:
    """*report* as *tool* (one of :data:`CONVERTERS`) makes it of the published page or PDF."""
    if tool not in CONVERTERS:
        raise ValueError(f"unknown converter {tool!r}; one of {', '.join(CONVERTERS)}")
    if CONVERTERS[tool] == "html":
        return from_page(render(report, "html", plugins), tool)
    return from_pdf(report_pdf(report, plugins=plugins), tool)


def from_page(page: str, tool: str) -> str:
    """An HTML page as *tool* (markdownify, html2text, trafilatura, inscriptis) writes it."""
    if tool == "markdownify":
        return _need("markdownify").markdownify(page, heading_style="ATX")
    if tool == "html2text":
        converter = _need("html2text").HTML2Text()
        converter.body_width = 0
        return converter.handle(page)
    if tool == "trafilatura":
        return _need("trafilatura").extract(page, include_tables=True, favor_recall=True) or ""
    if tool == "inscriptis":
        return _need("inscriptis").get_text(page)
    raise ValueError(f"{tool!r} does not read HTML pages")


def from_pdf(pdf: bytes, tool: str) -> str | bytes:
    """A PDF as *tool* (markitdown, pymupdf4llm: text; pdf2docx: a ``.docx``) makes it."""
    if tool == "markitdown":
        markitdown = _need("markitdown")
        return markitdown.MarkItDown().convert_stream(io.BytesIO(pdf), file_extension=".pdf").text_content
    if tool == "pymupdf4llm":
        pymupdf4llm = _need("pymupdf4llm")
        pymupdf = _need("pymupdf")
        with pymupdf.open(stream=pdf, filetype="pdf") as doc:
            return pymupdf4llm.to_markdown(doc, show_progress=False)
    if tool == "pdf2docx":
        pdf2docx = _need("pdf2docx")
        out = io.BytesIO()
        quiet = logging.getLogger()
        level = quiet.level
        quiet.setLevel(logging.ERROR)              # pdf2docx logs every page at INFO
        try:
            converter = pdf2docx.Converter(stream=pdf)
            try:
                converter.convert(out)
            finally:
                converter.close()
        finally:
            quiet.setLevel(level)
        return out.getvalue()
    raise ValueError(f"{tool!r} does not read PDFs")
