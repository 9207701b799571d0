"""The public functions that need the installed plugins: each stage takes the plugin host as
an argument, and these give it the process-wide one (:func:`govdisclose.host.host`) when
none is passed. ``Report.to_frame()`` and ``_repr_html_`` reach here by a late lookup, so the
records import nothing of the stages (see ``docs/architecture.md``)."""
from __future__ import annotations

from typing import Any, Iterable

from . import frames
from .checks import run_checks
from .model import Findings, Report
from .host import PluginHost, host
from .writers import notebook
from .writers.base import LayoutWriter
from .writers.builtin import LAYOUTS

__all__ = ["validate", "render", "writer", "to_frame", "report_html", "LAYOUTS"]


def validate(report: Report, plugins: PluginHost | None = None) -> Findings:
    """Every finding on *report*: its parse findings, then those of every registered check
    (the 勾稽 sum rules, the structure checks, R9 and the plugins' checks)."""
    return run_checks(report, plugins or host())


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


def report_html(report: Report, plugins: PluginHost | None = None) -> str:
    """*report* as HTML for Jupyter, under its template's Chinese labels, judged by every
    finding :func:`validate` gives (a report whose sums fail does not show as ok)."""
    plugins = plugins or host()
    return notebook.report_html(report, frames.labels(report, plugins), validate(report, plugins))
