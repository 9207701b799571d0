"""Report -> plain data and JSON (the shape ``tools/score.py`` and users read)."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs

from ..model import Cell, CellColumns, Finding, Location, Report

__all__ = ["report_to_dict", "to_json", "json_number", "json_default", "finding_to_dict", "cell_ref"]


def _location(loc: Location) -> dict[str, Any] | None:
    return _place(loc.line, loc.column, loc.page)


def _place(line: int | None, column: int | None, page: int | None) -> dict[str, Any] | None:
    """:func:`_location` of a place given by its parts (a report's columns)."""
    if line is None:
        return None
    return {"line": line, "column": column, **({"page": page} if page is not None else {})}


def _cell_dicts(columns: CellColumns) -> list[dict[str, Any]]:
    return [{"table": table, "row": row, "column": column, "value": value, "raw": raw, "kind": kind, "unit": unit,
             "label": label, "location": _place(line, char, page), "provenance": list(provenance)}
            for (table, row, column), value, raw, kind, unit, label, line, char, page, provenance
            in zip(columns.keys, columns.values, columns.raws, columns.kinds, columns.units, columns.labels,
                   columns.lines, columns.chars, columns.pages, columns.provenance)]


def cell_ref(c: Cell) -> dict[str, Any]:
    """A cell a finding refers to: its keys, value, text as written and where it stood."""
    return {"table": c.table, "row": c.row, "column": c.column, "value": c.value, "raw": c.raw,
            "location": _location(c.location)}


def _detail(value: Any) -> Any:
    if isinstance(value, Cell):
        return cell_ref(value)
    if isinstance(value, (tuple, list)):
        return [_detail(v) for v in value]
    return value


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity, "message": f.message, "message_zh": f.message_zh,
            "location": _location(f.location), "table": f.table, "row": f.row, "column": f.column,
            "details": {k: _detail(v) for k, v in f.details}}


def report_to_dict(report: Report) -> dict[str, Any]:
    """Plain data; money stays ``Decimal`` (see :func:`to_json` for JSON numbers)."""
    return {
        "meta": attrs.asdict(report.meta),
        "sections": [{"number": s.number, "heading": s.heading, "text": s.text, "location": _location(s.location)}
                     for s in report.sections],
        "cells": _cell_dicts(report.columns),
        "findings": [finding_to_dict(f) for f in report.findings],
    }


def json_number(value: Decimal) -> int | float:
    """Money as a JSON number: an integer when whole, else the shortest float."""
    return int(value) if value == value.to_integral_value() else float(value)


def json_default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return json_number(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def to_json(report: Report, indent: int | None = None) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, default=json_default, indent=indent)
