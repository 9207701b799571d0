"""Reports as rows of data: tidy (one row per cell) and wide (one row per report).

The row builders here are plain Python (dicts); :func:`to_frame` turns them into a
pandas ``DataFrame`` and needs the ``frame`` extra (``pip install "govdisclose[frame]"``:
pandas and pyarrow). ``report.to_frame()`` and :func:`govdisclose.to_frame` call it with the
installed plugins' templates (for the labels).

Tidy (``wide=False``), one row per cell, columns :data:`TIDY_COLUMNS`:

* ``table``, ``row``, ``column``: the data dictionary's keys;
* ``table_zh``, ``row_zh``, ``column_zh``: the template's Chinese labels (merged header
  and label cells joined: ``法人或其他组织·商业企业``, ``（三）不予公开 > 1.属于国家秘密``; a
  row no template knows has its label as written);
* ``value``: the number (nullable float: exact for every count; money in 万元),
  ``exact``: the same value as exact decimal text (``"25.846387"``), ``unit``: the
  value's unit (``件`` or ``万元``);
* ``raw`` (the text as written), ``kind`` (number, blank, placeholder, text, absent),
  ``blank`` (no number: **not zero**), ``unit_written`` (the unit written in the cell),
  ``label`` (the row label as written), ``line`` and ``char`` (where the cell stood).

For several reports the report's own columns come first (:data:`REPORT_COLUMNS`:
``source``, ``sha256`` when known, ``agency``, ``year``, ``template``, ``variant``,
``reader``, and who reported, :func:`govdisclose.agency.identify`: ``agency_id``,
``agency_kind``, ``province``, ``city``, ``county``).

Wide (``wide=True``), one row per report: the report columns, counts (``cells``,
``blank_cells``, ``errors``, ``warnings``, ``infos`` of the findings), then one column
per cell named ``table/row/column`` (``applications/total/total``), counts as nullable
integers and money as nullable floats.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Sequence

from .agency import identify
from .model import ERROR, INFO, WARNING, Finding, Report
from .rules import declare
from .templates.spec import Template, per_template
from .values import COUNT

__all__ = ["TIDY_COLUMNS", "REPORT_COLUMNS", "AGENCY_COLUMNS", "FINDING_COLUMNS", "agency_columns", "tidy_columns", "tidy_rows", "wide_row", "to_frame",
           "finding_rows", "findings_frame", "indicators_frame", "cell_column", "labels", "require_pandas"]

TIDY_COLUMNS = ("table", "row", "column", "table_zh", "row_zh", "column_zh", "value", "exact", "unit", "raw",
                "kind", "blank", "unit_written", "label", "line", "char")
#: who reported (:func:`govdisclose.agency.identify`), after the report's own columns
AGENCY_COLUMNS = ("agency_id", "agency_kind", "province", "city", "county")
REPORT_COLUMNS = ("source", "sha256", "agency", "year", "template", "variant", "reader") + AGENCY_COLUMNS
COUNT_COLUMNS = ("cells", "blank_cells", "errors", "warnings", "infos")
# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
FILE_UNREADABLE = declare("file.unreadable", ERROR, "a file of a batch that gave no report", "文件无法读取")

#: a finding as a row (``govdisclose batch --findings``); :func:`findings_frame` adds the
#: report's ``agency`` and ``year`` and the finding's ``cells``
FINDING_COLUMNS = ("source", "sha256", "rule", "severity", "message", "message_zh", "table", "row", "column",
                   "line", "char")
FINDINGS_FRAME_COLUMNS = FINDING_COLUMNS[:2] + ("agency", "year") + FINDING_COLUMNS[2:] + ("cells",)
UNITS = {COUNT: "件"}           # every other value type is money in 万元


def require_pandas():
    """pandas, or an ImportError that says which extra installs it."""
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - the frame extra is installed in tests
        raise ImportError("DataFrames need pandas: pip install \"govdisclose[frame]\"") from exc
    return pandas


def cell_column(table: str, row: str, column: str) -> str:
    """The wide frame's column name of a cell: ``table/row/column``."""
    return f"{table}/{row}/{column}"


@per_template
def _labels(template: Template) -> dict[tuple, tuple]:
    found: dict[tuple, tuple] = {}
    for table in template.tables:
        found[(table.key,)] = (table.title,)
        for block in table.blocks:
            for row in block.rows:
                label = row.label or ("数据行" if table.positional else "")
                found[(table.key, "row", row.key)] = ((f"{row.group} > " if row.group else "") + label,)
            for col in block.columns:
                label = col.label if not col.group or col.group in col.label else f"{col.group}·{col.label}"
                found[(table.key, "column", col.key)] = (label, UNITS.get(col.vtype, "万元"))
    return found


def labels(report: Report, plugins) -> dict[tuple, tuple]:
    """The Chinese labels and units of *report*'s template (see the module doc), by key; the
    template comes from *plugins* (a :class:`~govdisclose.host.PluginHost`)."""
    template_id = report.meta.variant or report.meta.template
    if template_id is None:
        return {}
    try:
        return _labels(plugins.template(template_id))
    except Exception:  # noqa: BLE001 - a template no longer installed: keys only
        return {}


def _exact(value: int | Decimal | None) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, int) else format(value, "f")


def _number(value: int | Decimal | None) -> float | None:
    return None if value is None else float(value)


def report_columns(report: Report, source: str | None = None, sha256: str | None = None) -> dict[str, Any]:
    m = report.meta
    return {"source": source if source is not None else m.source, "sha256": sha256, "agency": m.agency,
            "year": m.year, "template": m.template, "variant": m.variant, "reader": m.reader,
            **agency_columns(m.agency)}


def agency_columns(agency: str | None) -> dict[str, Any]:
    """:data:`AGENCY_COLUMNS` of an agency's name."""
    who = identify(agency)
    return {"agency_id": who.agency_id, "agency_kind": who.kind, "province": who.province, "city": who.city,
            "county": who.county}


def tidy_columns(report: Report, plugins) -> dict[str, list[Any]]:
    """The tidy table of *report* by column: :data:`TIDY_COLUMNS` -> one value per cell."""
    names = labels(report, plugins)
    cells = report.cells
    columns: dict[str, list[Any]] = {"table": [c.table for c in cells], "row": [c.row for c in cells],
                                     "column": [c.column for c in cells]}
    columns["table_zh"] = [names.get((c.table,), (None,))[0] for c in cells]
    columns["row_zh"] = [names.get((c.table, "row", c.row), (c.label or None,))[0] for c in cells]
    column_names = [names.get((c.table, "column", c.column), (None, None)) for c in cells]
    columns["column_zh"] = [zh for zh, _ in column_names]
    columns["value"] = [_number(c.value) for c in cells]
    columns["exact"] = [_exact(c.value) for c in cells]
    columns["unit"] = [unit for _, unit in column_names]
    columns["raw"] = [c.raw for c in cells]
    columns["kind"] = [c.kind for c in cells]
    columns["blank"] = [c.value is None for c in cells]
    columns["unit_written"] = [c.unit for c in cells]
    columns["label"] = [c.label for c in cells]
    columns["line"] = [c.location.line for c in cells]
    columns["char"] = [c.location.column for c in cells]
    return columns


def tidy_rows(report: Report, plugins, report_columns_: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """One dict per cell (:data:`TIDY_COLUMNS`), each led by *report_columns_* when given."""
    columns = tidy_columns(report, plugins)
    lead = report_columns_ or {}
    return [{**lead, **dict(zip(TIDY_COLUMNS, values))} for values in zip(*(columns[n] for n in TIDY_COLUMNS))]


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {ERROR: 0, WARNING: 0, INFO: 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return {"errors": counts[ERROR], "warnings": counts[WARNING], "infos": counts[INFO]}


def wide_row(report: Report, findings: Sequence[Finding] | None = None,
             report_columns_: dict[str, Any] | None = None) -> dict[str, Any]:
    """One dict for the whole report: report columns, counts, then each cell's value under
    ``table/row/column`` (exact: ``int`` or ``Decimal``; ``None`` for blank). *findings*
    (e.g. ``validate(report)``) are counted instead of ``report.findings`` when given."""
    row = dict(report_columns_ or report_columns(report))
    row["cells"] = sum(1 for c in report.cells if c.kind != "absent")
    row["blank_cells"] = sum(1 for c in report.cells if c.kind != "absent" and c.value is None)
    row.update(severity_counts(report.findings if findings is None else findings))
    for c in report.cells:
        row[cell_column(c.table, c.row, c.column)] = c.value
    return row


def finding_rows(source: str | None, sha256: str | None, findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """One dict a finding, :data:`FINDING_COLUMNS`."""
    return [{"source": source, "sha256": sha256, "rule": f.rule, "severity": f.severity, "message": f.message,
             "message_zh": f.message_zh, "table": f.table, "row": f.row, "column": f.column,
             "line": f.location.line, "char": f.location.column} for f in findings]


def _finding_cells(f: Finding) -> str:
    """The cells a finding concerns (:attr:`Finding.keys`), ``table/row/column``, by spaces."""
    return " ".join(cell_column(*k) for k in f.keys)


def findings_frame(items: Any, validate=None):
    """A pandas DataFrame of findings, one row each, :data:`FINDINGS_FRAME_COLUMNS`: of a
    Report (its findings, or ``validate(report)`` when *validate* is given), of
    :func:`~govdisclose.parse_many` results (the findings each was given; a file that could
    not be read is one row, rule ``file.unreadable``, its error as the message) or of
    findings themselves (``govdisclose.validate(report)``)."""
    pd = require_pandas()
    if isinstance(items, Report):
        items = [items]
    rows: list[dict[str, Any]] = []
    loose: list[Finding] = []
    for item in items:
        if isinstance(item, Finding):
            loose.append(item)
            continue
        if isinstance(item, Report):
            report, source, sha256 = item, item.meta.source, None
            found = validate(item) if validate is not None else item.findings
        elif getattr(item, "report", None) is not None:
            report, source, sha256, found = item.report, item.source, item.sha256, item.findings
        else:                                   # a parse_many Result without a report
            rows.append({"source": item.source, "sha256": item.sha256, "agency": None, "year": None,
                         "rule": FILE_UNREADABLE.code, "severity": ERROR, "message": item.error,
                         "message_zh": "文件无法读取", "table": None, "row": None, "column": None,
                         "line": None, "char": None, "cells": ""})
            continue
        for f, row in zip(found, finding_rows(source, sha256, found)):
            rows.append({**row, "agency": report.meta.agency, "year": report.meta.year, "cells": _finding_cells(f)})
    for f, row in zip(loose, finding_rows(None, None, loose)):
        rows.append({**row, "agency": None, "year": None, "cells": _finding_cells(f)})
    frame = pd.DataFrame(rows, columns=list(FINDINGS_FRAME_COLUMNS))
    for name in ("year", "line", "char"):
        frame[name] = frame[name].astype("Int64")
    for name in ("rule", "severity", "table"):
        frame[name] = frame[name].astype("category")
    return frame


def indicators_frame(items: Any, validate):
    """A pandas DataFrame of the indicators (:mod:`govdisclose.indicators`), one row a report:
    the report columns, then each indicator (a nullable float) and ``NAME_reason`` (why it is
    null, else empty). Results are judged by the findings they were given, Reports by
    ``validate(report)``."""
    from .indicators import INDICATORS, indicators
    pd = require_pandas()
    rows = []
    for report, lead, found in _items(items):
        values = indicators(report, validate(report) if found is None else found)
        row = dict(lead)
        for name, ind in values.items():
            row[name] = None if ind.value is None else float(ind.value)
            row[f"{name}_reason"] = ind.reason
        rows.append(row)
    columns = list(REPORT_COLUMNS) + [c for name in INDICATORS for c in (name, f"{name}_reason")]
    frame = pd.DataFrame(rows, columns=columns)
    frame["year"] = frame["year"].astype("Int64")
    for name in INDICATORS:
        frame[name] = frame[name].astype("Float64")
    return frame


def _items(items: Any) -> list[tuple[Report, dict[str, Any], Sequence[Finding] | None]]:
    """(report, its report columns, findings or None) for Reports and parse_many Results."""
    if isinstance(items, Report):
        items = [items]
    out = []
    for item in items:
        if isinstance(item, Report):
            out.append((item, report_columns(item), None))
        elif getattr(item, "report", None) is not None:          # a parse_many Result
            out.append((item.report, report_columns(item.report, item.source, item.sha256),
                        item.findings if item.findings else None))
    return out


def to_frame(items: Report | Iterable[Any], plugins, *, wide: bool = False):
    """A pandas DataFrame of one report (tidy: its cells) or of many (Reports or
    :func:`~govdisclose.parse_many` results; those that could not be read are left out).
    See the module doc for the columns."""
    pd = require_pandas()
    if isinstance(items, tuple) and items and all(isinstance(f, Finding) for f in items):
        return findings_frame(items)            # to_frame(validate(report)): its findings, not nothing
    single = isinstance(items, Report)
    entries = _items(items)
    if wide:
        rows = [wide_row(r, f, lead) for r, lead, f in entries]
        frame = pd.DataFrame(rows, columns=_wide_columns(rows))
        return _wide_types(frame, entries, plugins)
    if single:
        frame = pd.DataFrame(tidy_columns(entries[0][0], plugins), columns=list(TIDY_COLUMNS))
    else:
        columns: dict[str, list[Any]] = {name: [] for name in REPORT_COLUMNS + TIDY_COLUMNS}
        for report, lead, _ in entries:
            cells = tidy_columns(report, plugins)
            for name in REPORT_COLUMNS:
                columns[name] += [lead[name]] * len(report.cells)
            for name in TIDY_COLUMNS:
                columns[name] += cells[name]
        frame = pd.DataFrame(columns, columns=list(REPORT_COLUMNS + TIDY_COLUMNS))
        frame["year"] = frame["year"].astype("Int64")
    return tidy_types(frame)


def tidy_types(frame):
    """The tidy frame's dtypes: nullable numbers and booleans, strings."""
    frame["value"] = frame["value"].astype("Float64")
    for name in ("line", "char"):
        frame[name] = frame[name].astype("Int64")
    frame["blank"] = frame["blank"].astype("boolean")
    return frame


def _wide_columns(rows: list[dict[str, Any]]) -> list[str]:
    columns = list(REPORT_COLUMNS + COUNT_COLUMNS)
    seen = set(columns)
    for row in rows:
        for name in row:
            if name not in seen:
                seen.add(name)
                columns.append(name)
    return columns


def _wide_types(frame, entries, plugins):
    money = set()
    for report, _, _ in entries:
        names = labels(report, plugins)
        for c in report.cells:
            unit = names.get((c.table, "column", c.column), (None, None))[1]
            if unit != "件" or isinstance(c.value, Decimal):
                money.add(cell_column(c.table, c.row, c.column))
    frame["year"] = frame["year"].astype("Int64")
    for name in frame.columns[len(REPORT_COLUMNS) + len(COUNT_COLUMNS):]:
        if name in money:
            frame[name] = frame[name].map(_number, na_action="ignore").astype("Float64")
        else:
            frame[name] = frame[name].astype("Int64")
    return frame
