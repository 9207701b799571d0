"""govdisclose: Chinese government information-disclosure annual reports as exact data.

>>> import govdisclose
>>> report = govdisclose.parse(open("report.txt", encoding="utf-8").read())
>>> report.meta.year, report["applications", "new_received", "total"]
>>> govdisclose.validate(report)            # every finding: parse problems, 勾稽 rules, R9
>>> print(govdisclose.render(report, layout="html"))
>>> for result in govdisclose.parse_many("reports/*.txt", workers=4): ...   # a corpus, streamed
"""
from __future__ import annotations

from .api import LAYOUTS, findings_frame, indicators, indicators_frame, render, to_frame, validate
from .batch import read_panel
from .checks.panel import check_panel
from .corpus import Result, parse_many
from .errors import CanonicalSyntaxError, GovdiscloseError, NotAReportError, UnreadableInputError
from .model import Cell, Finding, Findings, Location, Meta, Report, Section
from .pipeline import parse
from .plots import plot

__all__ = ["parse", "validate", "render", "LAYOUTS", "Report", "Meta", "Section", "Cell", "Finding", "Location",
           "GovdiscloseError", "NotAReportError", "UnreadableInputError", "CanonicalSyntaxError",
           "Findings", "parse_many", "Result", "to_frame", "findings_frame", "indicators", "indicators_frame", "check_panel",
           "read_panel", "plot"]
__version__ = "0.1.0"
