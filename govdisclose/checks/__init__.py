"""Validation: the 勾稽 rules and other checks, run over a parsed Report.

``run_checks(report, plugins)`` (which :func:`govdisclose.validate` calls with the installed
plugins) returns every finding on the report: those noted while parsing
(``report.findings``: missing, unknown or duplicated tables and rows, unreadable
values …) followed by those of every check the report's template has. Checks come from
plugins through the ``govdisclose_checks`` hook; the built-in ones (the 勾稽 sum rules
R1, R3, R4, R5, the structure checks and R9) are registered the same way. A rule
whose cells include a blank is *not assessable*: it is reported as such (info), with
whether it would hold if the blanks were zeros, never as passed or failed.
"""
from __future__ import annotations

from ..findings import finding
from ..model import ERROR, Finding, Findings, Report
from ..moved import moved
from ..rules import declare
from .base import Check
from .national import sum_rule

__all__ = ["Check", "run_checks", "sum_rule"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
CHECK_CRASHED = declare("check.crashed", ERROR, "a check raised an exception", "检查运行出错")


def run_checks(report: Report, plugins) -> Findings:
    """Every finding on *report*: its parse findings, then those of every check *plugins* (a
    :class:`~govdisclose.host.PluginHost`) has for the report's template."""
    template = plugins.template(report.meta.variant or report.meta.template)
    findings: list[Finding] = list(report.findings)
    for check in plugins.checks(template):
        try:
            findings.extend(check(report, template))
        except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others
            findings.append(finding(
                CHECK_CRASHED, ERROR, en=f"check {getattr(check, '__qualname__', check)!r} raised "
                f"{type(exc).__name__}: {exc}; its rule was not assessed",
                zh="某项检查运行出错，未能评估"))
    return Findings(findings)


__getattr__ = moved(__name__, {"validate": "govdisclose.api"})      # govdisclose.validate
