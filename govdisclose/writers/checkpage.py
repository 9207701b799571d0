"""The check page: one self-contained HTML page showing what is wrong with a report, where.

For the clerk who checks a report before it is published (``govdisclose validate --format
html``; ``docs/check-page.md``). The page needs no network: its styles and its one small
script are inline. On it:

* the meta and a status line (passes / warnings / errors, with counts);
* the three statistics tables as the official grid (:mod:`.grid`: merged header cells as in
  the template), every value cell as read (blank stays blank, a placeholder as written),
  carrying ``data-key="TABLE/ROW/COLUMN"``. A cell of an error-level finding has the class
  ``finding-error``, of a warning ``finding-warning``; the cell several failed rules share
  ``likely-culprit``;
* every finding, in Chinese and English: the formula in words, both sides' cells (as Chinese
  labels) with their values, the sums and the difference, where in the source it stood (its
  line and column, or for a PDF its page);
  a prose check (R9) quotes the sentence it read. Clicking a finding marks its cells (the
  class ``selected``), and so does a link to it (``page.html#finding-2``);
* the hints (:mod:`govdisclose.checks.hints`).

:func:`check_index` is the page listing many files (``--out DIR``: ``DIR/index.html``).
"""
from __future__ import annotations

from html import escape
from typing import Any, Iterable, Sequence

import attrs

from ..findings import cell_label
from ..model import ERROR, INFO, WARNING, Cell, Finding, Report
from ..templates.spec import Template
from .base import unknown_rows
from .grid import Grid, span_attributes, table_grid
from .summary import counts as by_severity

__all__ = ["check_page", "check_index", "unreadable_html", "IndexEntry", "status"]

_STYLE = """
.gdcheck{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#222;max-width:1200px}
.gdcheck h1{font-size:1.4em}.gdcheck h2{font-size:1.15em;margin-top:1.6em}
.gdcheck .status{font-size:1.1em;font-weight:bold;padding:.4em .8em;display:inline-block;border-radius:4px}
.gdcheck .status.passes{background:#e5f5e5;color:#185c18}.gdcheck .status.warnings{background:#fff4d6;color:#7a5200}
.gdcheck .status.errors{background:#fde4e4;color:#9b1111}
.gdcheck table.grid{border-collapse:collapse;margin:.5em 0;font-size:.85em}
.gdcheck table.grid td,.gdcheck table.grid th{border:1px solid #999;padding:2px 5px;vertical-align:middle}
.gdcheck table.grid th{background:#f3f3f3;font-weight:normal}
.gdcheck table.grid td.value{text-align:right;min-width:2.2em;font-variant-numeric:tabular-nums}
.gdcheck td.finding-warning{background:#fff1c2}
.gdcheck td.finding-error{background:#ffd0d0}
.gdcheck td.likely-culprit{outline:3px solid #c00;outline-offset:-3px;font-weight:bold}
.gdcheck td.selected{box-shadow:inset 0 0 0 3px #1558d6}
.gdcheck ol.findings li{margin:.5em 0;padding:.3em .5em;cursor:pointer;border-left:4px solid #bbb}
.gdcheck ol.findings li.finding-error{border-color:#c00}.gdcheck ol.findings li.finding-warning{border-color:#d90}
.gdcheck ol.findings li.selected{background:#eef3ff}
.gdcheck .en{color:#555;font-size:.9em}.gdcheck .where{color:#777;font-size:.85em}
.gdcheck .sides{font-size:.9em;margin:.2em 0 0 1em}
.gdcheck blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #ccc;color:#333}
.gdcheck ul.hints li{margin:.4em 0}
.gdcheck dl.meta dt{float:left;clear:left;width:7em;color:#666}.gdcheck dl.meta dd{margin-left:7.5em}
.gdcheck table.index{border-collapse:collapse}.gdcheck table.index td,.gdcheck table.index th{border:1px solid #bbb;padding:3px 8px}
"""

_SCRIPT = """
function gdSelect(item, on) {
  document.querySelectorAll('.gdcheck .selected').forEach(function (e) { e.classList.remove('selected'); });
  if (!on) return;
  item.classList.add('selected');
  (item.dataset.cells || '').split(' ').forEach(function (key) {
    document.querySelectorAll('td[data-key="' + key + '"]').forEach(function (td) { td.classList.add('selected'); });
  });
}
document.querySelectorAll('.gdcheck ol.findings li').forEach(function (item) {
  item.addEventListener('click', function () { gdSelect(item, !item.classList.contains('selected')); });
});
var gdLinked = location.hash && document.getElementById(location.hash.slice(1));
if (gdLinked && gdLinked.matches('ol.findings li')) gdSelect(gdLinked, true);
"""

_SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


def _key(key: tuple[str, str, str]) -> str:
    return "/".join(key)


def _value(cell: Cell) -> str:
    if cell.value is None:
        return cell.raw if cell.kind == "placeholder" else "（空白）"
    return str(cell.value)


def _marks(findings: Sequence[Finding], culprits: Iterable[Any]) -> dict[tuple[str, str, str], set[str]]:
    """The classes of each marked cell: ``finding-error`` / ``finding-warning`` for the cells of
    error / warning findings (a rule's every cell when it failed), ``likely-culprit``."""
    marks: dict[tuple[str, str, str], set[str]] = {}
    for f in findings:
        if f.severity not in (ERROR, WARNING):
            continue
        for key in f.keys:
            marks.setdefault(key, set()).add(f"finding-{f.severity}")
    for culprit in culprits:
        marks.setdefault(culprit.cell.key, set()).add("likely-culprit")
    for classes in marks.values():
        if "finding-error" in classes:
            classes.discard("finding-warning")
    return marks


def _grid_html(grid: Grid, marks: dict) -> str:
    rows = []
    for row in grid.rows:
        out = []
        for c in row:
            if c.key is None:
                out.append(f'<th{span_attributes(c)}>{escape(c.text)}</th>')
                continue
            classes = " ".join(["value", *sorted(marks.get(c.key, ()))])
            out.append(f'<td{span_attributes(c)} class="{classes}" data-key="{escape(_key(c.key))}">{escape(c.text)}</td>')
        rows.append("<tr>" + "".join(out) + "</tr>")
    return f'<table class="grid" id="table-{escape(grid.table)}">' + "".join(rows) + "</table>"


def _where(f: Finding) -> str:
    if f.location.line is None:
        return ""
    if f.location.page is not None:                 # a PDF: its page (its lines are the reader's items)
        return f'<span class="where">原文第{f.location.page}页（page {f.location.page}）</span>'
    column = f"第{f.location.column}字" if f.location.column else ""
    return f'<span class="where">原文第{f.location.line}行{column}（line {escape(str(f.location))}）</span>'


def _side(cells: Sequence[Cell], names: dict) -> str:
    return "；".join(f"{escape(cell_label(c, names))} = {escape(_value(c))}" for c in cells) or "—"


def _finding_html(f: Finding, names: dict, number: int) -> str:
    keys = " ".join(_key(k) for k in f.keys)
    parts = [f'<li id="finding-{number}" class="finding finding-{escape(f.severity)}" data-rule="{escape(f.rule)}" '
             f'data-cells="{escape(keys)}"><b>{escape(f.rule)}</b> {_SEVERITY_ZH.get(f.severity, f.severity)} '
             f'{_where(f)}<br>{escape(f.message_zh or f.message)}<br><span class="en">{escape(f.message)}</span>']
    left, right = f.detail("left"), f.detail("right")
    if left is not None and right is not None:
        formula = f.detail("formula_zh") or f.detail("formula") or ""
        parts.append(f'<div class="sides">公式：{escape(formula)}<br>左边（{escape(str(f.detail("left_sum")))}）：'
                     f'{_side(left, names)}<br>右边（{escape(str(f.detail("right_sum")))}）：{_side(right, names)}'
                     f'<br>相差：{escape(str(f.detail("difference")))}</div>')
    if f.detail("sentence"):
        parts.append(f'<blockquote class="sentence">{escape(f.detail("sentence"))}</blockquote>')
    parts.append("</li>")
    return "".join(parts)


def _hint_html(hint: Any) -> str:
    keys = " ".join(_key(k) for k in hint.keys)
    return (f'<li class="hint" data-kind="{escape(hint.kind)}" data-cells="{escape(keys)}">'
            f'<b>{escape(hint.kind)}</b> {escape(hint.message_zh)}<br><span class="en">{escape(hint.message)}</span></li>')


def status(findings: Sequence[Finding]) -> tuple[str, dict[str, int]]:
    """(``passes`` | ``warnings`` | ``errors``, counts by severity) of a report's findings."""
    counts = by_severity(findings)
    return ("errors" if counts[ERROR] else "warnings" if counts[WARNING] else "passes"), counts


_STATUS_ZH = {"passes": "通过", "warnings": "有警告", "errors": "有错误"}


def _status_line(findings: Sequence[Finding]) -> str:
    verdict, counts = status(findings)
    return (f'<p class="status {verdict}" data-status="{verdict}">{_STATUS_ZH[verdict]}（{verdict}）：'
            f'错误 {counts[ERROR]} 项，警告 {counts[WARNING]} 项，提示 {counts[INFO]} 项</p>')


def _fragment(body: list[str]) -> str:
    return f'<div class="gdcheck"><style>{_STYLE}</style>\n' + "\n".join(body) + f"\n<script>{_SCRIPT}</script></div>"


def _document(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title></head><body>\n{_fragment(body)}\n</body></html>\n")


def check_page(report: Report, findings: Sequence[Finding], template: Template, names: dict[tuple, tuple], *,
               hints: Sequence[Any] = (), culprits: Sequence[Any] = (), name: str | None = None,
               whole: bool = True) -> str:
    """The check page of *report*: *findings* (``validate(report)``), its *template* (for the
    grid), *names* (the template's labels), *hints* and *culprits* as the checks give them;
    *whole*: a document, else the page's ``<div>`` (for Jupyter)."""
    findings = list(findings)
    m = report.meta
    marks = _marks(findings, culprits)
    body = [f"<h1>{escape(m.title or m.agency or 'report')}</h1>", _status_line(findings), '<dl class="meta">']
    for label, value in (("机关 agency", m.agency), ("年度 year", m.year),
                         ("模板 template", m.variant or m.template), ("读取方式 reader", m.reader),
                         ("文件 source", name or m.source)):
        body.append(f"<dt>{escape(label)}</dt><dd>{escape(str(value)) if value is not None else '—'}</dd>")
    body.append("</dl>")
    for culprit in culprits[:3]:
        cell = culprit.cell
        body.append(f'<p class="culprit">最可能出错的单元格（likely culprit）：<b>{escape(cell_label(cell, names))}'
                    f"</b> = {escape(_value(cell))}，同时涉及 {escape('、'.join(culprit.rules))}</p>")
    for table in template.tables:
        if table.key not in report.tables:
            continue
        extra = unknown_rows(report, table)
        grid = table_grid(report, table, lambda block: extra[block.key])
        body.append(f"<h2>{escape(table.title)}</h2>")
        body.append(_grid_html(grid, marks))
    body.append(f"<h2>问题清单 findings（{len(findings)}）</h2>")
    if findings:
        ordered = sorted(findings, key=lambda f: {ERROR: 0, WARNING: 1}.get(f.severity, 2))
        body.append('<ol class="findings">' + "".join(_finding_html(f, names, i) for i, f in enumerate(ordered, 1)) + "</ol>")
    else:
        body.append("<p>没有发现问题（no findings）。</p>")
    if hints:
        body.append(f"<h2>修改建议 hints（{len(hints)}）</h2>")
        body.append('<ul class="hints">' + "".join(_hint_html(h) for h in hints) + "</ul>")
    if not whole:
        return _fragment(body)
    return _document(f"{m.agency or name or 'report'} {m.year or ''} 核对", body)


def unreadable_html(name: str, error: str, error_type: str | None = None) -> str:
    """A file that gave no report, for Jupyter: its name and why."""
    kind = f"{error_type}: " if error_type else ""
    return _fragment([f'<p class="status errors" data-status="unreadable">无法读取（not read）：{escape(name)}</p>',
                      f"<p>{escape(kind + error)}</p>"])


@attrs.frozen
class IndexEntry:
    """One file on the index page: its name, its page (None: not read), and what it came to."""

    name: str
    page: str | None
    agency: str | None = None
    year: int | None = None
    findings: tuple[Finding, ...] = ()
    error: str | None = None


def check_index(entries: Sequence[IndexEntry]) -> str:
    """The page listing every file checked: status and counts, each linked to its page."""
    rows = []
    for e in entries:
        if e.page is None:
            rows.append(f'<tr class="unreadable"><td>{escape(e.name)}</td><td colspan="5">无法读取（not read）：'
                        f"{escape(e.error or '')}</td></tr>")
            continue
        verdict, counts = status(e.findings)
        rows.append(f'<tr class="{verdict}"><td><a href="{escape(e.page)}">{escape(e.name)}</a></td>'
                    f"<td>{escape(e.agency or '—')}</td><td>{e.year or '—'}</td>"
                    f'<td class="status {verdict}">{_STATUS_ZH[verdict]}</td><td>{counts[ERROR]}</td>'
                    f"<td>{counts[WARNING]}</td></tr>")
    table = ('<table class="index"><tr><th>文件 file</th><th>机关 agency</th><th>年度 year</th><th>结果 status</th>'
             "<th>错误 errors</th><th>警告 warnings</th></tr>" + "".join(rows) + "</table>")
    return _document("核对结果 check", [f"<h1>核对结果（{len(entries)} 个文件）</h1>", table])
