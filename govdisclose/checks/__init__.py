"""Validation: the 勾稽 rules and other checks, run over a parsed Report.

``validate(report)`` returns every finding on the report: those noted while parsing
(``report.findings``: missing, unknown or duplicated tables and rows, unreadable
values …) followed by those of every check the report's template has. Checks come from
plugins through the ``govdisclose_checks`` hook; the built-in ones (the 勾稽 sum rules
R1, R3, R4, R5, the structure checks and R9) are registered the same way. A rule
whose cells include a blank is *not assessable*: it is reported as such (info), with
whether it would hold if the blanks were zeros, never as passed or failed.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..findings import finding
from ..model import ERROR, Finding, Findings, Report
from ..templates.spec import Template
from .national import sum_rule

__all__ = ["Check", "validate", "sum_rule"]

#: A check: given the report and its template, the findings it has.
Check = Callable[[Report, Template], Iterable[Finding]]


def validate(report: Report, plugins=None) -> Findings:
    """Every finding on *report*: its parse findings, then those of every registered check."""
    from ..plugins import host
    plugins = plugins or host()
    template = plugins.template(report.meta.variant or report.meta.template)
    findings: list[Finding] = list(report.findings)
    for check in plugins.checks(template):
        try:
            findings.extend(check(report, template))
        except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others
            findings.append(finding(
                "check.crashed", ERROR, en=f"check {getattr(check, '__qualname__', check)!r} raised "
                f"{type(exc).__name__}: {exc}; its rule was not assessed",
                zh="某项检查运行出错，未能评估"))
    return Findings(findings)
