"""Building findings: one constructor, bilingual messages, stable rule ids.

Each rule is declared once in the registry (:mod:`govdisclose.rules`) by the module that
raises it, documented in ``docs/findings.md`` and never renamed.
"""
from __future__ import annotations

from typing import Any

from .model import ERROR, SEVERITIES, Cell, Finding, Location
from .rules import Rule, declare
from .values import MAX_DIGITS

__all__ = ["finding", "excerpt", "cell_label", "unreadable_value", "too_many_digits", "VALUE_UNREADABLE"]

VALUE_UNREADABLE = declare("value.unreadable", ERROR, "a cell's text is no value of its column",
                     "单元格内容不是该栏的数值")


def finding(rule: Rule | str, severity: str | None = None, location: Location | None = None, *, en: str,
            zh: str = "", table: str | None = None, row: str | None = None, column: str | None = None,
            details: tuple[tuple[str, Any], ...] = ()) -> Finding:
    """A finding of *rule*: a declared :class:`~govdisclose.rules.Rule` (its usual severity
    unless *severity* is one of its others), or a plain code (a plugin's) with a severity."""
    if isinstance(rule, Rule):
        severity = severity or rule.severity
        if severity not in rule.severities:
            raise ValueError(f"rule {rule.code} is not raised as {severity!r} (declared: {rule.severities})")
        rule = rule.code
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    return Finding(rule=rule, severity=severity, message=en, message_zh=zh, location=location or Location(),
                   table=table, row=row, column=column, details=details)


def cell_label(cell: Cell, names: dict[tuple, tuple] | None = None) -> str:
    """A cell as a clerk names it, ``（七）总计·自然人``: its row as written (or the template's
    label) and its column's label, from *names* (the template's labels by key,
    :func:`govdisclose.frames.labels`; keys where it has none)."""
    names = names or {}
    row = cell.label or names.get((cell.table, "row", cell.row), (cell.row,))[0]
    column = names.get((cell.table, "column", cell.column), (cell.column,))[0]
    return f"{row}·{column}"


def excerpt(text: str, limit: int = 40) -> str:
    """*text* as a message quotes it: whole when short, else its start and its length (a
    finding's message stays one short line; its details keep the whole text)."""
    return text if len(text) <= limit else f"{text[:limit // 2]}…({len(text)} characters)"


def unreadable_value(raw: str, note: str | None, where: Location, table: str, row: str, column: str) -> Finding:
    """``value.unreadable``: a cell's text *raw* that is no value of its column (*note*: why)."""
    return finding(VALUE_UNREADABLE, ERROR, where, table=table, row=row, column=column,
                   en=f"cannot read {excerpt(raw)!r} as a value ({note}); left blank",
                   zh=f"无法读取“{excerpt(raw)}”，按空白处理", details=(("raw", raw),))


def too_many_digits(digits: str, width: int, where: Location, table: str, row: str) -> Finding:
    """``value.unreadable``: a row's *digits* are more than its *width* cells of a report's
    numbers hold, so they are none of its numbers: the row is left unresolved."""
    return finding(VALUE_UNREADABLE, ERROR, where, table=table, row=row,
                   en=f"{excerpt(digits)!r} has more digits than the {width} cells of row {row} hold "
                      f"({MAX_DIGITS} a cell at most): not read; the row is left unresolved",
                   zh="数字位数超过该行单元格所能容纳的位数，未予读取", details=(("digits", digits),))
