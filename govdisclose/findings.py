"""Building findings: one constructor, bilingual messages, stable rule ids.

Rule ids are documented in ``docs/findings.md`` and never renamed.
"""
from __future__ import annotations

from typing import Any

from .model import Finding, Location, SEVERITIES

__all__ = ["finding", "excerpt"]


def finding(rule: str, severity: str, location: Location | None = None, *, en: str, zh: str = "",
            table: str | None = None, row: str | None = None, column: str | None = None,
            details: tuple[tuple[str, Any], ...] = ()) -> Finding:
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    return Finding(rule=rule, severity=severity, message=en, message_zh=zh, location=location or Location(),
                   table=table, row=row, column=column, details=details)


def excerpt(text: str, limit: int = 40) -> str:
    """*text* as a message quotes it: whole when short, else its start and its length (a
    finding's message stays one short line; its details keep the whole text)."""
    return text if len(text) <= limit else f"{text[:limit // 2]}…({len(text)} characters)"
