"""govdisclose: Chinese government information-disclosure annual reports as exact data.

>>> import govdisclose
>>> report = govdisclose.parse(open("report.txt", encoding="utf-8").read())
>>> report.meta.year, report["applications", "new_received", "total"]
>>> govdisclose.validate(report)            # every finding: parse problems, 勾稽 rules, R9
>>> print(govdisclose.render(report, layout="html"))
"""
from __future__ import annotations

from .checks import validate
from .errors import CanonicalSyntaxError, GovdiscloseError, NotAReportError, UnreadableInputError
from .model import Cell, Finding, Location, Meta, Report, Section
from .pipeline import parse
from .writers.document import LAYOUTS, render

__all__ = ["parse", "validate", "render", "LAYOUTS", "Report", "Meta", "Section", "Cell", "Finding", "Location",
           "GovdiscloseError", "NotAReportError", "UnreadableInputError", "CanonicalSyntaxError"]
__version__ = "0.1.0"
