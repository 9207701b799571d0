"""Findings as HTML tables, for Jupyter (``_repr_html_``): ``Finding`` and ``Findings``
(``report.findings``, ``validate()``) show as a findings table. (A ``Report`` and a
``Result`` show as their check page: :mod:`.checkpage`.)"""
from __future__ import annotations

from html import escape
from typing import Iterable

from ..model import Finding

__all__ = ["findings_html"]

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
