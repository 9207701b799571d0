"""Hypothesis strategies for reports: for our tests and for plugin authors.

>>> from hypothesis import given
>>> from govdisclose import testing
>>> @given(testing.reports(template="post2021"))
... def test_round_trip(report):
...     assert testing.content(govdisclose.parse(govdisclose.render(report))) == testing.content(report)

* :func:`reports` — a whole :class:`~govdisclose.Report` of a template (national or a
  plugin's variant): meta, six sections, every cell; blank cells, zeros, large counts,
  signed 本年增/减, money with decimals; tables consistent (every 勾稽 rule holds) or not.
* :func:`inconsistent` — a consistent report with one cell changed, and that cell's key.
* :func:`section_texts` — prose with awkward content (digits, full-width characters,
  pipes, lines that look like headings or table labels) as far as a layout can carry it.
* :func:`noisy_render` — a report written in a layout with what scrapers and editors do
  to real reports: full-/half-width punctuation, spaces inside labels, units written into
  cells, bracketed guidance after labels, website footer lines.
* :func:`loose_text` — a report as text that lost its table structure (labels followed
  by spaced numbers, space-aligned columns, run-together digits, wrapped labels), the
  input of :mod:`govdisclose.recover`.
* :func:`report_blocks` / :func:`span_grid` — a report as document blocks (title, headings,
  paragraphs, tables with their merged cells, signature), to build Word or PDF test files.
* :func:`content` — what a round trip preserves, to compare reports with.
* :mod:`govdisclose.testing.forms` — the forms users meet a report in: the page's text as
  crawlers extract it, a PDF converter's markdown, a PDF (reportlab) and its text through
  pdfplumber and pdftotext (:func:`form`, :data:`FORMS`).

Needs ``hypothesis`` (the ``test`` extra).
"""
from __future__ import annotations

import json
import random
import re
from importlib import resources
from pathlib import Path
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from ..api import LAYOUTS, render, writer
from ..model import Cell, Meta, Report, Section
from ..host import host
from ..sections import CANONICAL_HEADINGS
from ..templates.spec import Block, Template
from ..values import COUNT, MONEY_ASSUMED
from ..writers.base import date_text, unknown_rows
from ..writers.grid import GridCell, table_grid
from .blocks import report_blocks, span_grid
from .forms import FORMS, FormUnavailable, converter_markdown, form, page_text, pdf_text, report_docx, report_pdf

__all__ = ["SEEDS", "seed_path", "seed_gold",
           "reports", "inconsistent", "section_texts", "noisy_render", "content", "gold_problems", "AWKWARD",
           "FOOTERS", "loose_text", "LOOSE_MODES", "corpus", "report_blocks", "span_grid",
           "FORMS", "FormUnavailable", "form", "page_text", "converter_markdown", "report_pdf", "report_docx", "pdf_text"]

#: The five seed reports shipped with govdisclose.testing (``seeds/``), each with its hand-read
#: gold (``gold/``: every cell, and the meta), so that a plugin's tests stand alone.
SEEDS = tuple(f"seed-00{i}" for i in range(5))


def seed_path(name: str) -> Path:
    """The text file of the seed report *name* (one of :data:`SEEDS`)."""
    if name not in SEEDS:
        raise KeyError(f"no seed {name!r}; one of {', '.join(SEEDS)}")
    return Path(str(resources.files(__name__) / "seeds" / f"{name}.txt"))


def seed_gold(name: str) -> dict:
    """The hand-read gold of the seed *name*: ``meta`` and every cell (see :func:`gold_problems`)."""
    if name not in SEEDS:
        raise KeyError(f"no seed {name!r}; one of {', '.join(SEEDS)}")
    return json.loads((resources.files(__name__) / "gold" / f"{name}.json").read_text(encoding="utf-8"))


PLACES = ("保康县", "冶金街道", "郑庄子镇", "棉洋镇", "朝阳市龙城区", "示例市", "青山区", "淮安市")
ORGANS = ("人民政府", "人民政府办公室", "住房和城乡建设局", "生态环境局", "办事处", "教育局", "")
SENTENCES = (
    "我单位认真贯彻落实《中华人民共和国政府信息公开条例》",
    "全年主动公开政府信息{n}条",
    "进一步加强政府网站和政务新媒体建设",
    "严格落实保密审查制度，确保公开信息准确规范",
    "通过政务公开专栏发布政策解读{n}篇",
    "组织开展业务培训{n}次，参训人员{n}人次",
    "下一步将持续提升政务公开质量和实效",
)

#: What each layout can carry in prose without it being read as something else.
#: ``pipe``: a ``|`` inside a line; ``heading``: a line that looks like a section heading;
#: ``label``: a line that is a table row label; ``bracket``: a line starting with ``[``/``§``/``%``.
AWKWARD = {
    "canonical": ("digits", "fullwidth", "pipe", "heading", "label", "bracket"),
    "html": ("digits", "fullwidth", "pipe", "label", "bracket"),
    "markdown": ("digits", "fullwidth", "label", "bracket"),
    "pipe": ("digits", "fullwidth", "label", "bracket"),
    "cell-lines": ("digits", "fullwidth", "label", "bracket"),
    "tabbed": ("digits", "fullwidth", "label", "bracket"),
}
_AWKWARD_LINES = {
    "digits": ("2024年共计1990件，同比增长12.5%，其中3件为上年结转。", "编号：20240101-0003，电话0517-83605210。"),
    "fullwidth": ("ＡＢＣ１２３：全角字符与半角字符混排（测试）。", "“双引号”与‘单引号’、——破折号……"),
    "pipe": ("栏目名称 | 更新频率 | 责任科室", "a|b|c"),
    "heading": ("二、主动公开政府信息情况", "（三）政府信息管理情况"),
    "label": ("行政许可", "1.属于国家秘密", "（七）总计"),
    "bracket": ("[注] 本表数据截至12月31日。", "§ 说明：以下为补充材料。", "%本段为附注"),
}


def content(report: Report) -> tuple[Any, ...]:
    """What a round trip keeps: meta (agency, year, template, variant, date, title), each
    section's number, heading and whitespace-normalised text, and every cell's keys and value
    (cells a report lacks — ``absent`` — are not cells). Raw text, provenance and the
    source are not part of it."""
    m = report.meta
    return ((m.agency, m.year, m.template, m.variant, m.date, m.title),
            tuple((s.number, s.heading, " ".join(s.text.split())) for s in report.sections),
            tuple(sorted((c.key, c.value) for c in report.cells if c.kind != "absent")))


def gold_problems(report: Report, gold: dict) -> list[str]:
    """What differs from hand-read *gold* (the JSON of the seeds' gold: ``meta`` with
    ``year``, ``template``, ``agency_contains``, and ``cells`` under the data dictionary's
    keys), judged as ``shared/tools/score.py`` does: every gold cell's value (a gold blank
    may be blank or absent, but its table must be there) and the meta. ``[]``: all right."""
    problems = []
    tables = {c.table for c in report.cells}
    for c in gold["cells"]:
        if c["table"] not in tables:
            problems.append(f"table {c['table']} absent")
            continue
        got = report.cell(c["table"], c["row"], c["column"])
        value = None if got is None else got.value
        want = c["value"]
        same = value is None if want is None else \
            value is not None and Decimal(str(value)) == Decimal(str(want))
        if not same:
            problems.append(f"{c['table']}/{c['row']}/{c['column']}: {value!r}, want {want!r}")
    meta = gold["meta"]
    if report.meta.year != meta["year"] or report.meta.template != meta["template"] \
            or meta["agency_contains"] not in (report.meta.agency or ""):
        problems.append(f"meta {report.meta}")
    return problems


@st.composite
def section_texts(draw, layout: str = "canonical", awkward: bool = True) -> str:
    """A section's prose: sentences with numbers, and (when *awkward*) lines the layout can carry."""
    kinds = AWKWARD[layout] if awkward else ()
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        if kinds and draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(_AWKWARD_LINES[draw(st.sampled_from(kinds))])))
        else:
            words = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
            text = "，".join(w.replace("{n}", str(draw(st.integers(0, 9999)))) for w in words)
            lines.append(text + "。")
    return "\n".join(lines)


def _count(draw, large: bool) -> int:
    return draw(st.integers(0, 10 ** 7 if large else 60))


def _derive(values: dict, block: Block) -> None:
    """Fill a block's subtotal rows and columns (``sum_of``) from their parts; blank parts count
    as nothing, and a subtotal of parts that are all blank is blank."""
    def total(parts: list):
        filled = [v for v in parts if v is not None]
        return sum(filled[1:], filled[0]) if filled else None
    for column in block.columns:                # subtotal columns of the other rows first …
        if column.sum_of:
            for row in block.rows:
                if not row.sum_of:
                    values[(row.key, column.key)] = total([values[(row.key, p)] for p in column.sum_of])
    for row in block.rows:                      # … then subtotal rows, in every column
        if row.sum_of:
            for column in block.columns:
                values[(row.key, column.key)] = total([values[(p, column.key)] for p in row.sum_of])


@st.composite
def _applications(draw, template: Template, blanks: bool, large: bool) -> dict:
    block = template.table("applications").blocks[0]
    outcomes = [r.key for r in block.rows if r.key not in ("new_received", "carried_over", "total",
                                                           "carried_forward") and not r.sum_of]
    columns = [c.key for c in block.columns if c.key != "total" and not c.sum_of]
    values: dict = {}
    for column in columns:
        parts = {row: _count(draw, large) if draw(st.integers(0, 4)) == 0 else 0 for row in outcomes}
        total = sum(parts.values())
        forward = _count(draw, large) if draw(st.booleans()) else 0
        carried = draw(st.integers(0, total + forward))
        values.update({(row, column): v for row, v in parts.items()})
        values.update({("total", column): total, ("carried_forward", column): forward,
                       ("carried_over", column): carried, ("new_received", column): total + forward - carried})
    for row in block.rows:
        if not row.sum_of:
            values[(row.key, "total")] = sum(values[(row.key, c)] for c in columns)
    _derive(values, block)                                # a variant's subtotals (sum_of)
    if blanks and draw(st.integers(0, 5)) == 0:          # a row left blank, as seed-002 does
        row = draw(st.sampled_from(outcomes))
        if all(values[(row, c)] == 0 for c in columns):
            values.update({(row, c.key): None for c in block.columns})
    return values


@st.composite
def _reviews(draw, template: Template, large: bool) -> dict:
    values: dict = {}
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = {k: _count(draw, large) if draw(st.integers(0, 2)) == 0 else 0
                 for k in ("upheld", "corrected", "other", "pending")}
        values.update({("reviews", f"{group}.{k}"): v for k, v in parts.items()})
        values[("reviews", f"{group}.total")] = sum(parts.values())
    return values


@st.composite
def _money(draw) -> Decimal:
    """万元 with up to six decimals (an amount in 元 written in 万元)."""
    return Decimal(draw(st.integers(0, 10 ** 11))).scaleb(-draw(st.sampled_from((0, 2, 6))))


def _active_value(draw, column, blanks: bool, large: bool):
    if blanks and draw(st.integers(0, 9)) == 0:
        return None
    if column.vtype != COUNT:
        return draw(_money())
    if column.signed:
        return draw(st.integers(-10 ** 4, 10 ** 4))
    return _count(draw, large)


@st.composite
def reports(draw, template: str | Template = "post2021", *, blanks: bool = True, large: bool = True,
            layout: str = "canonical", awkward: bool = True, plugins=None) -> Report:
    """A consistent report of *template* (an id or a Template; a plugin's variant id works when
    the plugin is installed). Sections carry prose a *layout* can write (see :data:`AWKWARD`)."""
    if isinstance(template, str):
        template = (plugins or host()).template(template)
    year = draw(st.integers(2019, 2020) if template.national == "pre2021" else st.integers(2021, 2026))
    agency = draw(st.sampled_from(PLACES)) + draw(st.sampled_from(ORGANS))
    title = f"{agency}{year}年政府信息公开工作年度报告"
    date = None
    if draw(st.booleans()):
        date = f"{year + 1}-{draw(st.integers(1, 3)):02d}-{draw(st.integers(1, 28)):02d}"
    meta = Meta(agency=agency, year=year, template=template.national,
                variant=template.id if template.base else None, title=title, date=date)
    sections = tuple(Section(n, CANONICAL_HEADINGS[n], draw(section_texts(layout, awkward)))
                     for n in range(1, 7))
    cells: list[Cell] = []
    apps = draw(_applications(template, blanks, large))
    revs = draw(_reviews(template, large))
    for table in template.tables:
        for block in table.blocks:
            if table.key not in ("applications", "reviews"):
                active = {(row.key, column.key): _active_value(draw, column, blanks, large)
                          for row in block.rows for column in block.columns}
                _derive(active, block)
            for row in block.rows:
                for column in block.columns:
                    if table.key == "applications":
                        value = apps[(row.key, column.key)]
                    elif table.key == "reviews":
                        value = revs[(row.key, column.key)]
                    else:
                        value = active[(row.key, column.key)]
                    kind = "blank" if value is None else "number"
                    cells.append(Cell(table.key, row.key, column.key, value, "" if value is None else str(value),
                                      kind, label=row.label))
    return Report(meta, sections, cells)


@st.composite
def inconsistent(draw, template: str | Template = "post2021", **kwargs) -> tuple[Report, tuple[str, str, str]]:
    """A consistent report with one table-2 or table-3 count changed: (report, the changed key)."""
    report = draw(reports(template, blanks=False, **kwargs))
    candidates = [c for c in report.cells if c.table in ("applications", "reviews")]
    target = draw(st.sampled_from(candidates))
    delta = draw(st.integers(1, 1000))
    new = target.value + delta if target.value < delta or draw(st.booleans()) else target.value - delta
    cells = [attrs.evolve(c, value=new, raw=str(new)) if c is target else c for c in report.cells]
    return attrs.evolve(report, cells=cells), target.key


# -- noise ---------------------------------------------------------------------------------------

_HALF = str.maketrans("（），：；", "(),:;")
_FULL = str.maketrans("(),:;", "（），：；")
FOOTERS = ("主办单位：示例市人民政府办公室", "网站标识码：1234000001", "备案号：皖ICP备12345678号",
           "联系电话：0551-12345678", "【打印本页】【关闭窗口】")


def _noisy_cell(rng: random.Random, cell: GridCell) -> str:
    text = cell.text
    if cell.role in ("label", "header", "caption") and text:
        if rng.random() < 0.5:
            text = text.translate(_HALF if rng.random() < 0.5 else _FULL)
        if rng.random() < 0.3 and cell.role == "label" and len(text) > 2:
            i = rng.randrange(1, len(text))
            if not text[i - 1].isdigit() and not text[i].isdigit():
                text = text[:i] + " " + text[i:]
        if rng.random() < 0.2 and cell.role == "label":
            text += "（注：按实际填写）"
        return text
    if cell.role == "value" and text and cell.column is not None and rng.random() < 0.3:
        if cell.column.vtype == COUNT and re.fullmatch(r"[0-9]+", text):
            return text + "件"
        if cell.column.vtype not in (COUNT, MONEY_ASSUMED) and re.fullmatch(r"[0-9.]+", text):
            return text + "万元"
    return text


@st.composite
def noisy_render(draw, report: Report, layout: str = "pipe", plugins=None) -> str:
    """*report* written in *layout* with the noise of real reports (see the module doc); the
    report's template (a variant's too) comes from *plugins* (by default the installed ones)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    rng = random.Random(draw(st.integers(0, 2 ** 32 - 1)))
    template = (plugins or host()).template(report.meta.variant or report.meta.template)
    text = writer(layout).write(report, template, decorate=lambda cell: _noisy_cell(rng, cell))
    if layout not in ("html", "canonical") and draw(st.booleans()):
        text += "\n".join(draw(st.lists(st.sampled_from(FOOTERS), min_size=1, max_size=3, unique=True))) + "\n"
    return text




# -- text that lost its table structure -----------------------------------------------------------

#: ``spaced``: a label, then its numbers apart by spaces; ``aligned``: numbers in space-aligned
#: columns (``pdftotext -layout``); ``run-together``: a label, then its digits with nothing
#: between the cells; ``wrapped``: long labels wrapped onto the next line around the numbers and
#: merged group labels one character a line (``pdftotext -raw``).
#: ``stacked``: each block's labels one a line, then its numbers one a line, column by column
#: (plain ``pdftotext`` and pdfminer print a table so when its cells are text boxes);
#: ``stacked-rows``: the same, the numbers row by row.
LOOSE_MODES = ("spaced", "aligned", "run-together", "wrapped", "stacked", "stacked-rows")


def loose_text(report: Report, mode: str = "spaced") -> str:
    """*report* as text without table structure (see :data:`LOOSE_MODES`). Blank cells vanish,
    as they do from such text."""
    if mode not in LOOSE_MODES:
        raise ValueError(f"unknown mode {mode!r}; one of {', '.join(LOOSE_MODES)}")
    template = host().template(report.meta.variant or report.meta.template)
    lines: list[str] = [report.meta.title] if report.meta.title else []
    for section in report.sections:
        lines.append(section.heading)
        lines.extend(line for line in section.text.split("\n") if line.strip())
        for table in template.tables:
            if table.section != section.number or not any(True for _ in report.iter_cells(table.key)):
                continue
            extra = unknown_rows(report, table)
            grid = table_grid(report, table, lambda block: extra[block.key])
            if mode.startswith("stacked"):
                lines.extend(_stacked(grid.rows, by_column=mode == "stacked"))
                continue
            for row in grid.rows:
                lines.extend(_loose_row(row, mode))
    if report.meta.date:
        lines += [report.meta.agency or "", date_text(report.meta.date)]
    return "\n".join(lines) + "\n"


def _stacked(rows, by_column: bool) -> list[str]:
    """A table's rows block by block: the labels, then the numbers (blank cells vanish)."""
    out: list[str] = []
    block: list[tuple[GridCell, ...]] = []

    def flush() -> None:
        for row in block:
            out.extend(c.text for c in row if c.role == "label" and c.text)
        values = [[c.text for c in row if c.role == "value"] for row in block]
        order = [v[c] for c in range(max(map(len, values), default=0)) for v in values if c < len(v)] \
            if by_column else [t for v in values for t in v]
        out.extend(t for t in order if t)
        block.clear()
    for row in rows:
        if any(c.role == "value" for c in row):
            block.append(row)
            continue
        flush()
        out.append(" ".join(c.text for c in row if c.text))
    flush()
    return out


def _loose_row(row: tuple[GridCell, ...], mode: str) -> list[str]:
    labels = [c.text for c in row if c.role == "label"]
    values = [c.text for c in row if c.role == "value" and c.text]
    if not any(c.role == "value" for c in row):                 # captions and headers: their words
        return [" ".join(c.text for c in row if c.text)] if mode != "wrapped" else [c.text for c in row if c.text]
    label = labels[-1] if labels else ""
    groups = labels[:-1]
    if mode == "run-together":
        return [*groups, label + "".join(values)]
    if mode == "aligned":
        return [*groups, label.ljust(24, "\u3000") + "".join(v.rjust(max(10, len(v) + 2)) for v in values)]
    if mode == "wrapped":
        out = [ch for group in groups for ch in group]                   # one character a line
        if len(label) > 12:
            return out + [label[:12], " ".join(values), label[12:]]     # numbers between the halves
        return out + [f"{label} {' '.join(values)}".strip()]
    return [*groups, f"{label} {' '.join(values)}".strip()]


# -- a corpus: many generated reports at once (benchmarks, notebook tests) ---------------------

def corpus(n: int, *, seed: int = 0, layouts: tuple[str, ...] = LAYOUTS,
           templates: tuple[str, ...] = ("pre2021", "post2021"), noisy: bool = True,
           plugins=None) -> list[tuple[Report, str, str]]:
    """*n* generated reports, each written out: ``[(report, layout, text), …]``.

    Each is a :func:`reports` of one of *templates*, written in one of *layouts* (with
    :func:`noisy_render`'s noise when *noisy*), both drawn at random, so a few hundred
    reports meet every layout with every template. The same *n* and *seed* give the same
    corpus. Drawn through hypothesis' ``@given`` (generation only: no shrinking, no example
    database)."""
    from hypothesis import HealthCheck, Phase, given, seed as hypothesis_seed, settings

    out: list[tuple[Report, str, str]] = []
    if n <= 0:
        return out

    @hypothesis_seed(seed)
    @settings(max_examples=n, database=None, deadline=None, phases=(Phase.generate,), derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def draw(data) -> None:
        layout = data.draw(st.sampled_from(layouts), label="layout")
        template = data.draw(st.sampled_from(templates), label="template")
        report = data.draw(reports(template, layout=layout, plugins=plugins), label="report")
        if noisy:
            text = data.draw(noisy_render(report, layout, plugins=plugins), label="text")
        else:
            text = render(report, layout=layout)
        out.append((report, layout, text))

    draw()
    return out[:n]
