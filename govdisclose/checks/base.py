"""The check contract: what a plugin's ``govdisclose_checks`` hook returns."""
from __future__ import annotations

from typing import Callable, Iterable

from ..model import Finding, Report
from ..templates.spec import Template

__all__ = ["Check"]

#: A check: given the report and its template, the findings it has.
Check = Callable[[Report, Template], Iterable[Finding]]
