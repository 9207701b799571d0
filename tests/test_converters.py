"""What researchers' converters make of a report (govdisclose.testing.converters): never a wrong cell.

Seven tools, each run at test time on the report as published (the HTML page, or the PDF made
with reportlab): markdownify, html2text, trafilatura, inscriptis, markitdown, pymupdf4llm and
pdf2docx. For the seeds, for generated reports of both templates and for the real PDFs: no cell
has another value than the report's, and a cell that cannot be told is unresolved with a
finding. A tool that is not installed skips its tests (``pip install -e ".[converters]"``).

Then the forms the tools make, generated: a row's numbers printed before its label (a PDF
converter's order) are read in the template's row order when that is certain, and left
unresolved, never shifted, when it is not.
"""
from __future__ import annotations

import os
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
from govdisclose import testing
from govdisclose.recognize import template_by_year
from govdisclose.testing import converters
from govdisclose import render

from conftest import REAL_NAMES, SEEDS, real_gold, real_report, seed_path
from test_forms import explained, wrong_and_unresolved

HTML_TOOLS = [t for t, source in converters.CONVERTERS.items() if source == "html"]
PDF_TOOLS = [t for t, source in converters.CONVERTERS.items() if source == "pdf"]
#: Slow tools (pdf2docx about 15 s a report, pymupdf4llm 4 s) are tried on some seeds: the
#: whole suite stays within about three minutes
SLOW = {"pdf2docx": ("seed-002",), "pymupdf4llm": ("seed-002", "seed-004")}


def unavailable(e: Exception):
    """A tool not installed: skipped, but under CI (CI=true), which installs the converters
    extra as the README's test set-up does, a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"CI installs the converters extra: {e}")
    pytest.skip(str(e))


def converted(report, tool: str):
    try:
        return converters.convert(report, tool)
    except testing.FormUnavailable as e:
        unavailable(e)


def never_wrong(report, again) -> list:
    wrong, unresolved = wrong_and_unresolved(report, again)
    assert wrong == []
    assert explained(again, unresolved) == []
    return unresolved


@pytest.mark.parametrize("tool", list(converters.CONVERTERS))
@pytest.mark.parametrize("seed", SEEDS)
def test_each_tools_output_of_each_seed_is_never_read_wrong(seed, tool):
    if tool in SLOW and seed not in SLOW[tool]:
        pytest.skip(f"{tool} is slow: tried on {', '.join(SLOW[tool])}")
    report = govdisclose.parse(seed_path(seed))
    again = govdisclose.parse(converted(report, tool))
    unresolved = never_wrong(report, again)
    if tool in ("markdownify", "html2text", "trafilatura", "pdf2docx"):
        assert unresolved == []             # these keep every number and blank of the seeds apart
    m, r = again.meta, report.meta
    assert (m.year, m.template) == (r.year, r.template)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
@pytest.mark.parametrize("tool", HTML_TOOLS)
@pytest.mark.parametrize("template", ["post2021", "pre2021"])
def test_generated_reports_through_each_page_converter_are_never_wrong(template, tool, data):
    report = data.draw(testing.reports(template))
    never_wrong(report, govdisclose.parse(converted(report, tool), template=template))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
@pytest.mark.parametrize("template", ["post2021", "pre2021"])
def test_html2text_rows_ending_in_an_empty_cell_are_read_exact(template, data):
    """html2text writes rows with no outer pipes (``规章| 3| 4``), so a row whose last cell is
    empty ends in a bare pipe (``政府集中采购| 3564|``): an empty last cell, not a closing
    pipe. Every table-1 row with its last cell blank reads exact, none unresolved."""
    import attrs
    report = data.draw(testing.reports(template))
    spec = govdisclose.host.host().template(template).table("active_disclosure")
    last = {(row.key, block.columns[-1].key) for block in spec.blocks for row in block.rows}
    cells = [attrs.evolve(c, value=None, raw="", kind="blank", unit=None)
             if c.table == "active_disclosure" and (c.row, c.column) in last else c for c in report.cells]
    report = attrs.evolve(report, cells=cells)
    text = converted(report, "html2text")
    again = govdisclose.parse(text, template=template)
    assert never_wrong(report, again) == []


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
@pytest.mark.parametrize("tool", ["markitdown", "pymupdf4llm"])
@pytest.mark.parametrize("template", ["post2021", "pre2021"])
def test_generated_reports_through_each_pdf_converter_are_never_wrong(template, tool, data):
    report = data.draw(testing.reports(template))
    never_wrong(report, govdisclose.parse(converted(report, tool), template=template))


@pytest.mark.parametrize(("name", "tool"), [(n, "markitdown") for n in REAL_NAMES if n.startswith(("hongze", "huaian"))]
                         + [("hongze-2023", "pymupdf4llm")])
def test_real_pdfs_through_pdf_converters_are_never_read_wrong(name, tool):
    """The real PDFs, every cell read: markitdown prints many rows' numbers before their labels
    (洪泽区 2023 and 2024 had 12 wrong cells before they were read in order), and 洪泽区 2023's
    table 3 as one row of merged cells that the markdown reader reads no number in, while the
    stream reads its 15 numbers as written (the report's own R5 fails with them: it was left
    unresolved before)."""
    path, gold = real_report(name), real_gold(name)
    try:
        text = converters.from_pdf(path.read_bytes(), tool)
    except testing.FormUnavailable as e:
        unavailable(e)
    again = govdisclose.parse(text)
    wrong, unread = [], []
    for c in gold["cells"]:
        cell = again.cell(c["table"], c["row"], c["column"])
        if cell is None or cell.value is None:
            if c["value"] is not None:
                unread.append((c["table"], c["row"], c["column"]))
        elif c["value"] is None or Decimal(str(cell.value)) != Decimal(str(c["value"])):
            wrong.append((c["table"], c["row"], c["column"], cell.value, c["value"]))
    assert wrong == [] and unread == []
    assert again.meta.year == gold["meta"]["year"]


# -- a row's numbers before its label ------------------------------------------------------------

_VALUE = re.compile(r"^\s*(?:-?\d[\d,.]*(?:万元|元)?|)\s*$")


def numbers_before_labels(report, drop: int | None = None) -> str:
    """*report*'s markdown with table 2 as markitdown writes a PDF's: each row's numbers a table
    of one row (``| | 4 | 0 | … |``) printed on the line before its label, the label a line of
    its own; the first row as one line. With *drop*, the numbers of that row are missing."""
    out, inside, row = [], False, 0
    for line in render(report, "markdown").splitlines():
        if "收到和处理政府信息公开申请情况" in line:
            inside = True
        elif line.startswith("## "):
            inside = False
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        values = [c for c in cells if _VALUE.match(c)]
        if not inside or len(values) < 7 or any(not _VALUE.match(c) for c in cells[-len(values):]):
            out.append(line)
            continue
        labels = cells[:len(cells) - len(values)]
        row += 1
        if row == 1:
            out.append(line)
            continue
        if row != drop:
            out += ["| | " + " | ".join(values) + " |", "|---|" + "---|" * len(values)]
        out.append(labels[-1])
    return "\n".join(out) + "\n"


def _dense(template: str):
    """Reports with no blank cell in table 2 (a blank row's numbers vanish from such text)."""
    return testing.reports(template, blanks=False)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("template", ["post2021", "pre2021"])
def test_numbers_before_their_labels_are_read_in_row_order(template, data):
    report = data.draw(_dense(template))
    again = govdisclose.parse(numbers_before_labels(report), template=template)
    wrong, unresolved = wrong_and_unresolved(report, again)
    assert wrong == []
    assert [k for k in unresolved if k[0] == "applications"] == []
    assert any(f.rule == "recover.in-order" for f in again.findings)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), drop=st.integers(3, 20))
@pytest.mark.parametrize("template", ["post2021", "pre2021"])
def test_numbers_before_labels_with_a_row_missing_are_never_shifted(template, data, drop):
    report = data.draw(_dense(template))
    again = govdisclose.parse(numbers_before_labels(report, drop=drop), template=template)
    never_wrong(report, again)
    assert not any(f.rule == "recover.in-order" for f in again.findings)


# -- forms that lost the template's header words --------------------------------------------------

@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), drop=st.integers(3, 20))
@pytest.mark.parametrize("template", ["post2021", "pre2021"])
def test_numbers_before_labels_with_the_first_label_lost_and_a_row_missing_are_never_shifted(template, data, drop):
    """The first row's label lost (a page header between it and its numbers) and another row's
    numbers missing (a blank row's cells vanish): as many numbers as the block's other rows
    have cells, each group of seven a whole row whose sum holds, one row off. Never read so
    (plain pdftotext, found by a fuzzing run: 37 wrong cells)."""
    report = data.draw(_dense(template))
    first = report.cell("applications", "new_received", "total").label
    text = numbers_before_labels(report, drop=drop).replace(first, "", 1)
    never_wrong(report, govdisclose.parse(text, template=template))


def markitdown_table_1(report) -> str:
    """*report*'s markdown with table 1 as markitdown writes it from a PDF: a header cell split
    into an empty column after the first value column, and an empty cell at each line's end
    (``| 行政强制 | 271 | | 2648 | | |`` for 271, 2648 and a blank)."""
    out, inside = [], False
    for line in render(report, "markdown").splitlines():
        if line.startswith("## "):
            inside = "主动公开政府信息情况" in line
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if inside and len(cells) >= 3:
            line = "| " + " | ".join([cells[0], cells[1], "", *cells[2:], ""]) + " |"
        out.append(line)
    return "\n".join(out) + "\n"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("template", ["post2021", "pre2021"])
def test_table_1_with_a_split_header_column_and_trailing_empty_cells_is_never_shifted(template, data):
    """A row's trailing empty cells count, also before a block's caption: without them
    ``| 行政强制 | 271 | | 2648 | | |`` read 2648 as 处理决定数量 (found by a fuzzing run)."""
    report = data.draw(testing.reports(template))
    never_wrong(report, govdisclose.parse(markitdown_table_1(report), template=template))


def test_a_report_whose_header_words_are_all_wrapped_is_read_with_the_template_of_its_year():
    """inscriptis lays a page out in columns, a header cell with ``<br>`` over several lines
    (``本年新 / 制作数量``): no marker of either template is left whole."""
    import html_pages
    report = govdisclose.parse(seed_path("seed-003"))
    page = html_pages.page(report, "br")
    try:
        text = converters.from_page(page, "inscriptis")
    except testing.FormUnavailable as e:
        unavailable(e)
    assert template_by_year(text) == ("pre2021", 2020)
    assert template_by_year(re.sub(r"20\d\d年", "", text)) is None           # no year stated
    assert template_by_year(re.sub("予以公开|部分公开|不予公开", "", text)) is None   # no tables
    again = govdisclose.parse(text)
    assert again.meta.template == "pre2021"
    (f,) = [f for f in again.findings if f.rule == "template.by-year"]
    assert f.detail("year") == 2020
    never_wrong(report, again)


def test_the_title_below_a_converted_pages_chrome_names_the_agency():
    """html2text keeps the site's menu and breadcrumb above the article's heading."""
    import html_pages
    report = govdisclose.parse(seed_path("seed-003"))
    try:
        text = converters.from_page(html_pages.page(report, "page"), "html2text")
    except testing.FormUnavailable as e:
        unavailable(e)
    again = govdisclose.parse(text)
    assert (again.meta.agency, again.meta.title) == (report.meta.agency, report.meta.title)


# -- cells wrapped onto the lines below their row's (inscriptis on a page with <br> in cells) ------

@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
@pytest.mark.parametrize("template", ["post2021", "pre2021"])
def test_a_page_with_wrapped_cells_through_inscriptis_is_never_wrong(template, data):
    import html_pages
    report = data.draw(testing.reports(template))
    try:
        text = converters.from_page(html_pages.page(report, "br"), "inscriptis")
    except testing.FormUnavailable as e:
        unavailable(e)
    never_wrong(report, govdisclose.parse(text, template=template))


def test_wrapped_labels_are_rejoined_to_their_rows_line():
    """seed-003 through inscriptis with ``<br>`` in its cells: before the rejoining, 18 of its
    201 cells were read; the labels' second lines stood under their numbers."""
    import html_pages
    report = govdisclose.parse(seed_path("seed-003"))
    try:
        text = converters.from_page(html_pages.page(report, "br"), "inscriptis")
    except testing.FormUnavailable as e:
        unavailable(e)
    unresolved = never_wrong(report, govdisclose.parse(text))
    assert len(unresolved) <= 5


def test_rejoining_keeps_blank_rows_captions_and_new_rows_apart():
    from govdisclose.stream import rejoin_wrapped
    from govdisclose.templates import national
    text = ("  一、本年新收政府    3    0    0    0    0    0    3\n"
            "  信息公开申请数量\n"
            "  二、上年结转政府信息公开申请数量\n"            # a row of its own (an ordinal)
            "  规章     1      0\n"
            "  第二十条\n"                                  # a caption, not the label's rest
            "  行政许可     2\n"
            "  行政处罚\n")                                  # a blank row: a whole label alone
    joined = rejoin_wrapped(text, national("post2021")).split("\n")
    assert joined[0].startswith("一、本年新收政府信息公开申请数量") and joined[1] == ""
    assert joined[2:] == text.split("\n")[2:]
    assert rejoin_wrapped("no columns here\n", national("post2021")) == "no columns here\n"


@pytest.mark.parametrize("tool", HTML_TOOLS)
@pytest.mark.parametrize("variant", ["nested", "word", "nbsp", "borderless", "info-table"])
@pytest.mark.parametrize("seed", ["seed-001", "seed-002"])
def test_saved_pages_as_sites_publish_them_through_each_page_converter(seed, variant, tool):
    """The pages of tests/html_pages.py (Word export, the article inside layout tables …).
    trafilatura writes a merged label's columns out as empty cells (``| 一、本年新收… | | | 3 |``)
    and a layout table's cell holding the whole article as one cell: 17 cells were shifted two
    columns and the meta was lost before."""
    import html_pages
    report = govdisclose.parse(seed_path(seed))
    try:
        text = converters.from_page(html_pages.page(report, variant), tool)
    except testing.FormUnavailable as e:
        unavailable(e)
    again = govdisclose.parse(text)
    assert never_wrong(report, again) == []
    assert (again.meta.agency, again.meta.year, again.meta.template) == \
        (report.meta.agency, report.meta.year, report.meta.template)


# -- cells a converter joined or padded: which number is whose cannot be told ----------------------------

def test_a_header_cell_joining_two_columns_leaves_their_cells_unread():
    """pymupdf4llm joins two header cells (``本年废止件数<br>现行有效件数``) and the cells under
    them (``1370<br>52916``, or a lone ``6922``): the lone number is not given to the first of
    the two columns; the joined column is kept as unknown, its two columns absent."""
    text = govdisclose.render(govdisclose.parse(seed_path("seed-001")), "markdown")
    table = ("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n"
             "| 行政规范性文件 | 0 | 0 | 0 |\n")
    assert table in text
    report = govdisclose.parse(text.replace(table, "| 信息内容 | 本年制发件数 | 本年废止件数<br>现行有效件数 |\n"
                                                   "| 规章 | 8 | 1370<br>52916 |\n| 行政规范性文件 | 19 | 6922 |\n"))
    assert report.value("active_disclosure", "normative_documents", "issued") == 19
    for row in ("regulations", "normative_documents"):
        for column in ("repealed", "in_force"):
            assert report.value("active_disclosure", row, column) is None
            assert report.cell("active_disclosure", row, column).kind != "blank"
    assert "parse.unknown-column" in {f.rule for f in report.findings}


def test_a_column_a_converter_added_empty_under_an_empty_header_cell_is_no_cell():
    """markitdown adds an empty last column to a table, header cell included (``| 信息内容 |
    上一年项目数量 | 本年增/减 | |``): the row ``| 行政事业性收费 | | 2019 | |`` has three cells for
    two columns, empty at both ends, which alone cannot tell which is extra. The header can:
    its empty last cell, empty in every row, is no column, and the row reads _ · 2019. A last
    column that holds a number in some row is a column: nothing is dropped."""
    from govdisclose.stream import read_stream
    report = govdisclose.parse(seed_path("seed-003"))
    lines = testing.page_text(report, "lines")
    old = "信息内容\n上一年项目数量\n本年增/减\n行政事业性收费\n0\n0\n"
    assert old in lines
    table = ("| 信息内容 | 上一年项目数量 | 本年增/减 | |\n| --- | --- | --- | --- |\n"
             "| 行政事业性收费 | | 2019 | |\n")
    reading = read_stream(lines.replace(old, table), govdisclose.host.host().template("pre2021"))
    fees = {c.column: c for c in reading["active_disclosure"].cells if c.row == "administrative_fees"}
    assert fees["previous_year_items"].kind == "blank" and fees["change"].value == 2019
    # a number in the header's empty column: a column after all (the leading empty cell is the
    # merged label's), nothing dropped
    held = table.replace("| 2019 | |", "| 2019 | 7 |")
    reading = read_stream(lines.replace(old, held), govdisclose.host.host().template("pre2021"))
    assert [c.value for c in reading["active_disclosure"].cells if c.row == "administrative_fees"] == [2019, 7]


def test_a_row_with_empty_cells_at_both_ends_beyond_its_columns_is_unresolved():
    """markitdown pads a table with an empty column (``| 规章 | | 1044296 | 2367 | |``): four
    cells for three columns, empty at both ends. Dropping the first gives 1044296 · 2367 · _,
    dropping the last _ · 1044296 · 2367: which cell is the extra cannot be told."""
    from govdisclose.stream import read_stream
    report = govdisclose.parse(seed_path("seed-001"))
    text = testing.page_text(report, "lines").replace("规章\n0\n0\n0\n", "| 规章 | | 1044296 | 2367 | |\n")
    assert "1044296" in text
    reading = read_stream(text, govdisclose.host.host().template("post2021"))["active_disclosure"]
    cells = [c for c in reading.cells if c.row == "regulations"]
    assert cells and all(c.value is None for c in cells)
    assert any(f.rule == "recover.unaligned" and f.row == "regulations" for f in reading.findings)
    # the added column inside the row: | 规章 | | 135 | | 99 | is _ · 135 · 99 or 135 · _ · 99
    inside = testing.page_text(report, "lines").replace("规章\n0\n0\n0\n", "| 规章 | | 135 | | 99 |\n")
    reading = read_stream(inside, govdisclose.host.host().template("post2021"))["active_disclosure"]
    assert all(c.value is None for c in reading.cells if c.row == "regulations")
    # dropping any of the empty cells reads the same: read (a merged label's empty cells)
    same = testing.page_text(report, "lines").replace("规章\n0\n0\n0\n", "| 规章 | | | 1 | 2 | 3 |\n")
    reading = read_stream(same, govdisclose.host.host().template("post2021"))["active_disclosure"]
    assert [c.value for c in reading.cells if c.row == "regulations"] == [1, 2, 3]
    # as many numbers as columns, empty cells between and after them (markitdown's
    # | 行政事业性收费 | | 118 | | -68 | | | |): every choice of empty cells to drop reads the same
    between = testing.page_text(report, "lines").replace("规章\n0\n0\n0\n", "| 规章 | | 5 | | 6 | | 7 | | | |\n")
    reading = read_stream(between, govdisclose.host.host().template("post2021"))["active_disclosure"]
    assert [c.value for c in reading.cells if c.row == "regulations"] == [5, 6, 7]
    # one number fewer than the columns among the same cells: where the blank is cannot be told
    fewer = testing.page_text(report, "lines").replace("规章\n0\n0\n0\n", "| 规章 | | 5 | | 6 | | | |\n")
    reading = read_stream(fewer, govdisclose.host.host().template("post2021"))["active_disclosure"]
    assert all(c.value is None for c in reading.cells if c.row == "regulations")
