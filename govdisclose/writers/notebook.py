"""Reports and findings as HTML tables, for Jupyter (``_repr_html_``).

``Report._repr_html_`` shows the meta, each statistics table as a grid of values under
the template's Chinese labels (a blank cell is ``·``, never 0) and the findings;
``Finding`` and ``Findings`` (``report.findings``, ``validate()``) show as a findings table.
"""
from __future__ import annotations

from html import escape
from typing import Iterable

from ..model import Finding, Report

__all__ = ["report_html", "findings_html"]

_STYLE = ("<style>.govdisclose td,.govdisclose th{text-align:left;vertical-align:top;padding:2px 6px}"
          ".govdisclose td.n{text-align:right;font-variant-numeric:tabular-nums}"
          ".govdisclose .blank{color:#999}.govdisclose .error{color:#b00}.govdisclose .warning{color:#a60}"
          ".govdisclose .info{color:#555}</style>")
_MAX_FINDINGS = 200


def _location(finding: Finding) -> str:
    return "" if finding.location.line is None else str(finding.location)


def findings_html(findings: Iterable[Finding]) -> str:
    findings = list(findings)
    if not findings:
        return '<div class="govdisclose"><em>no findings</em></div>'
    rows = []
    for f in findings[:_MAX_FINDINGS]:
        keys = "/".join(k for k in (f.table, f.row, f.column) if k)
        message = escape(f.message) + (f"<br><small>{escape(f.message_zh)}</small>" if f.message_zh else "")
        rows.append(f'<tr><td class="{escape(f.severity)}">{escape(f.severity)}</td><td><code>{escape(f.rule)}'
                    f'</code></td><td>{escape(_location(f))}</td><td>{escape(keys)}</td><td>{message}</td></tr>')
    more = (f'<tr><td colspan="5">… and {len(findings) - _MAX_FINDINGS} more</td></tr>'
            if len(findings) > _MAX_FINDINGS else "")
    return (f'{_STYLE}<table class="govdisclose"><thead><tr><th>severity</th><th>rule</th><th>location</th>'
            f'<th>cell</th><th>message</th></tr></thead><tbody>{"".join(rows)}{more}</tbody></table>')


def _value(cell) -> str:
    if cell is None or cell.kind == "absent":
        return '<td class="n blank"></td>'
    if cell.value is None:
        title = f' title="{escape(cell.raw)}"' if cell.raw else ""
        return f'<td class="n blank"{title}>·</td>'
    return f'<td class="n">{escape(str(cell.value))}</td>'


def _table_html(report: Report, table_key: str, names: dict) -> str:
    cells = [c for c in report.cells if c.table == table_key]
    rows = list(dict.fromkeys(c.row for c in cells))
    columns = list(dict.fromkeys(c.column for c in cells))
    by_key = {(c.row, c.column): c for c in cells}
    head = "".join(f'<th title="{escape(col)}">{escape(names.get((table_key, "column", col), (col,))[0])}</th>'
                   for col in columns)
    body = []
    for row in rows:
        label = names.get((table_key, "row", row), (None,))[0] or next(
            (c.label for c in cells if c.row == row and c.label), row)
        body.append(f'<tr><th title="{escape(row)}">{escape(label)}</th>'
                    + "".join(_value(by_key.get((row, col))) for col in columns) + "</tr>")
    title = names.get((table_key,), (table_key,))[0]
    return (f'<details open><summary><b>{escape(title)}</b> <code>{escape(table_key)}</code></summary>'
            f'<table class="govdisclose"><thead><tr><th></th>{head}</tr></thead><tbody>{"".join(body)}'
            f'</tbody></table></details>')


def report_html(report: Report, names: dict[tuple, tuple], findings: Iterable[Finding] | None = None) -> str:
    """*report* as HTML; *names*: its template's labels (:func:`govdisclose.frames.labels`);
    *findings*: what to show and judge it by (``validate(report)``: the parse findings and
    every check's), by default its parse findings only."""
    findings = list(report.findings if findings is None else findings)
    m = report.meta
    facts = " · ".join(escape(str(v)) for v in (m.agency, m.year, m.variant or m.template) if v is not None)
    read = f"read as {escape(m.reader)}" if m.reader else ""
    source = f" from <code>{escape(m.source)}</code>" if m.source else ""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    verdict = ("errors" if counts["error"] else "ok") + ": " + ", ".join(
        f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items())
    parts = [_STYLE, '<div class="govdisclose">', f'<p><b>{escape(m.title or "report")}</b><br>{facts} {read}'
             f'{source}<br>{verdict}</p>']
    parts.extend(_table_html(report, t, names) for t in report.tables)
    parts.append(f"<details><summary>sections ({len(report.sections)})</summary><ul>"
                 + "".join(f"<li>{escape(s.heading)} <small>({len(s.text)} characters)</small></li>"
                           for s in report.sections) + "</ul></details>")
    parts.append(f"<details open><summary>findings ({len(findings)})</summary>"
                 f"{findings_html(findings)}</details></div>")
    return "".join(parts)
