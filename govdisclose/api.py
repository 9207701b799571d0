"""The public functions that need the installed plugins: each stage takes the plugin host as
an argument, and these give it the process-wide one (:func:`govdisclose.host.host`) when
none is passed. ``Report.to_frame()`` and ``_repr_html_`` reach here by a late lookup, so the
records import nothing of the stages (see ``docs/architecture.md``)."""
from __future__ import annotations

from typing import Any, Iterable

from . import frames
from .checks import run_checks
from .checks.hints import Hint, hints as _hints
from .indicators import Indicator, indicators as _indicators
from .model import Findings, Report
from .host import PluginHost, host
from .checks.culprit import likely_culprits
from .writers import checkpage
from .writers.base import LayoutWriter
from .writers.builtin import LAYOUTS

__all__ = ["validate", "hints", "check_page", "render", "writer", "to_frame", "findings_frame", "indicators",
           "indicators_frame", "report_html", "result_html", "LAYOUTS"]


def validate(report: Report, plugins: PluginHost | None = None) -> Findings:
    """Every finding on *report*: its parse findings, then those of every registered check
    (the 勾稽 sum rules, the structure checks, R9 and the plugins' checks)."""
    return run_checks(report, plugins or host())


def hints(report: Report, findings: Iterable[Any] | None = None, previous: Report | None = None,
          plugins: PluginHost | None = None) -> list[Hint]:
    """The hints for *report* (:mod:`govdisclose.checks.hints`): edits that repair its failed sum
    rules, and blanks its rules need as 0; *findings*: ``validate(report)`` (computed when not
    given); *previous*: the same agency's report of the year before."""
    plugins = plugins or host()
    found = list(validate(report, plugins) if findings is None else findings)
    return _hints(report, found, lambda copy: run_checks(copy, plugins), frames.labels(report, plugins), previous)


def check_page(report: Report, findings: Iterable[Any] | None = None, previous: Report | None = None,
               plugins: PluginHost | None = None, name: str | None = None, with_hints: bool = True,
               whole: bool = True) -> str:
    """The check page of *report* (:mod:`govdisclose.writers.checkpage`): one self-contained
    HTML page of its tables, findings, likely culprits and hints; *findings*:
    ``validate(report)`` when not given; *name*: the file's name on the page."""
    plugins = plugins or host()
    found = list(validate(report, plugins) if findings is None else findings)
    template = plugins.template(report.meta.variant or report.meta.template or "post2021")
    return checkpage.check_page(report, found, template, frames.labels(report, plugins),
                                hints=hints(report, found, previous, plugins) if with_hints else (),
                                culprits=likely_culprits(found), name=name, whole=whole)


def writer(layout: str, plugins: PluginHost | None = None) -> LayoutWriter:
    """A new writer of *layout*: one of :data:`LAYOUTS` or a plugin's (``govdisclose_writers``);
    ``UnknownLayoutError`` (a ValueError) if none has it."""
    return (plugins or host()).writer(layout)


def render(report: Report, layout: str = "canonical", plugins: PluginHost | None = None) -> str:
    """*report* written as a report in *layout* (one of :data:`LAYOUTS` or an installed
    plugin's layout).

    The tables follow the report's template (its variant's when it has one, from the
    plugin that provides it); output is deterministic."""
    plugins = plugins or host()
    chosen = plugins.writer(layout)
    template = plugins.template(report.meta.variant or report.meta.template or "post2021")
    return chosen.write(report, template)


def to_frame(items: Report | Iterable[Any], *, wide: bool = False, plugins: PluginHost | None = None):
    """A pandas DataFrame of one report (tidy: its cells) or of many (Reports or
    :func:`~govdisclose.parse_many` results; those that could not be read are left out).
    See :mod:`govdisclose.frames` for the columns."""
    return frames.to_frame(items, plugins or host(), wide=wide)


def findings_frame(items: Any, plugins: PluginHost | None = None):
    """A pandas DataFrame of findings, one row each (:func:`govdisclose.frames.findings_frame`):
    a Report's every finding (``validate``), parse_many results' (an unreadable file as a row),
    or findings themselves."""
    plugins = plugins or host()
    return frames.findings_frame(items, validate=lambda report: validate(report, plugins))


def indicators(report: Report, findings: Iterable[Any] | None = None,
               plugins: PluginHost | None = None) -> dict[str, Indicator]:
    """The report's indicators (:mod:`govdisclose.indicators`: 公开率, 结转率, 复议纠错率 …), each
    None with a reason where its cells are missing or its rules fail; *findings*:
    ``validate(report)`` when not given."""
    plugins = plugins or host()
    return _indicators(report, list(validate(report, plugins) if findings is None else findings))


def indicators_frame(items: Any, plugins: PluginHost | None = None):
    """The indicators of Reports or parse_many results, one row a report
    (:func:`govdisclose.frames.indicators_frame`)."""
    plugins = plugins or host()
    return frames.indicators_frame(items, lambda report: validate(report, plugins))


def report_html(report: Report, plugins: PluginHost | None = None, findings: Iterable[Any] | None = None) -> str:
    """*report* as HTML for Jupyter: its check page (:func:`check_page`), judged by every finding
    :func:`validate` gives (a report whose sums fail does not show as ok), or by *findings*."""
    return check_page(report, findings, plugins=plugins, whole=False)


def result_html(result: Any, plugins: PluginHost | None = None) -> str:
    """A :class:`~govdisclose.corpus.Result` as HTML for Jupyter: its report's check page under
    the findings it was given, or why there is no report."""
    if result.report is None:
        return checkpage.unreadable_html(result.source, result.error or "", result.error_type)
    return report_html(result.report, plugins, result.findings)