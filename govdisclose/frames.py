"""Reports as rows of data: tidy (one row per cell) and wide (one row per report).

The row builders here are plain Python (dicts); :func:`to_frame` turns them into a
pandas ``DataFrame`` and needs the ``frame`` extra (``pip install "govdisclose[frame]"``:
pandas and pyarrow). ``report.to_frame()`` and :func:`govdisclose.to_frame` call it with the
installed plugins' templates (for the labels).

Tidy (``wide=False``), one row per cell, columns :data:`TIDY_COLUMNS`:

* ``table_key``, ``row_key``, ``column_key``: the data dictionary's keys (named so that SQL
  needs no quotes: ``SELECT table_key, row_key, count FROM panel``); ``row_group`` /
  ``row_item`` and ``column_group`` / ``column_item``: a dotted key split at its dot
  (``denied.state_secret`` is ``denied`` · ``state_secret``; an undotted key is its own
  group, with no item);
* ``table_zh``, ``row_zh``, ``column_zh``: the template's Chinese labels (merged header
  and label cells joined: ``法人或其他组织·商业企业``, ``（三）不予公开 > 1.属于国家秘密``; a
  row no template knows has its label as written);
* ``value``: the number (nullable float, for arithmetic across units: exact for every
  count; money in 万元); ``count``: the value of a count cell (件), a nullable integer;
  ``money``: the value of a money cell (万元), an exact ``Decimal``; ``exact``: the value as
  exact decimal text (``"25.846387"``); ``unit``: the value's unit (``件`` or ``万元``);
* ``raw`` (the text as written), ``kind`` (number, blank, placeholder, text, absent),
  ``blank`` (no number: **not zero**), ``unit_written`` (the unit written in the cell),
  ``label`` (the row label as written), ``line`` and ``char`` (where the cell stood).

The keys, groups, items, ``unit`` and ``kind`` are categorical; counts, ``year``, ``line``
and ``char`` ``Int64``; ``blank`` ``boolean``. These dtypes survive Parquet
(``frame.to_parquet``: pandas keeps them in its metadata) and are restored by
:func:`govdisclose.read_panel` from any batch output (:func:`frame_types`).

For several reports the report's own columns come first (:data:`REPORT_COLUMNS`:
``source``, ``sha256`` when known, ``status`` (``parsed``, ``errors`` or ``unreadable``) and
``error``, ``agency``, ``year``, ``template``, ``variant``, ``reader``, and who reported,
:func:`govdisclose.agency.identify`: ``agency_id``, ``agency_kind``, ``province``,
``city``, ``county``). A file of :func:`~govdisclose.parse_many` that gave no report is one
row: its source, status ``unreadable`` and error, the rest empty.

Wide (``wide=True``), one row per report, the same columns as ``govdisclose batch --shape
wide`` (:func:`wide_columns`): the file's columns :data:`FILE_COLUMNS` (the report's, with
``size`` and ``rows``, and the counts ``cells``, ``blank_cells``, ``errors``, ``warnings``,
``infos``), one column per cell key of the installed templates named ``table/row/column``
(``applications/total/total``; counts ``Int64``, money exact ``Decimal``), then
``unknown_cells``, the cells of rows no template knows (they are in the tidy frame).
"""
from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any, Iterable, Sequence

from .agency import identify
from .model import ERROR, INFO, WARNING, Finding, Report
from .rules import declare
from .templates.spec import Template, per_template
from .values import COUNT, is_missing

__all__ = ["TIDY_COLUMNS", "KEY_COLUMNS", "REPORT_COLUMNS", "AGENCY_COLUMNS", "FILE_COLUMNS", "FINDING_COLUMNS",
           "agency_columns", "tidy_columns", "tidy_rows", "wide_keys", "wide_columns", "to_frame",
           "frame_types", "finding_rows", "findings_frame", "indicators_frame", "cell_column", "split_key", "reported", "labels",
           "require_pandas"]

#: the keys of a cell, named so that SQL needs no quotes
KEY_COLUMNS = ("table_key", "row_key", "column_key")
TIDY_COLUMNS = KEY_COLUMNS + ("row_group", "row_item", "column_group", "column_item", "table_zh", "row_zh",
                              "column_zh", "value", "count", "money", "exact", "unit", "raw", "kind", "blank",
                              "unit_written", "label", "line", "char")
#: who reported (:func:`govdisclose.agency.identify`), after the report's own columns
AGENCY_COLUMNS = ("agency_id", "agency_kind", "province", "city", "county")
REPORT_COLUMNS = ("source", "sha256", "status", "error", "agency", "year", "template", "variant",
                  "reader") + AGENCY_COLUMNS
COUNT_COLUMNS = ("cells", "blank_cells", "errors", "warnings", "infos")
#: a file's columns in ``govdisclose batch`` outputs and in the wide frame: the report's, its
#: file's ``size``, the ``rows`` it has in the output (one a cell long, one wide), the counts
FILE_COLUMNS = ("source", "sha256", "size", "rows") + REPORT_COLUMNS[2:] + COUNT_COLUMNS
#: the columns of a frame or panel that are categorical
CATEGORY_COLUMNS = KEY_COLUMNS + ("row_group", "row_item", "column_group", "column_item", "unit", "kind",
                                  "status", "template", "variant", "reader", "agency_kind", "rule", "severity")
#: the columns that are nullable integers (a cell column of a count is one too)
INTEGER_COLUMNS = ("year", "count", "line", "char", "size", "rows") + COUNT_COLUMNS + ("unknown_cells",)
# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
FILE_UNREADABLE = declare("file.unreadable", ERROR, "a file of a batch that gave no report", "文件无法读取")

#: a finding as a row (``govdisclose batch --findings``); :func:`findings_frame` adds the
#: report's ``agency`` and ``year`` and the keys of the cells the finding names, ``cell_keys``
FINDING_COLUMNS = ("source", "sha256", "rule", "severity", "message", "message_zh") + KEY_COLUMNS + ("line", "char")
FINDINGS_FRAME_COLUMNS = FINDING_COLUMNS[:2] + ("agency", "year") + FINDING_COLUMNS[2:] + ("cell_keys",)
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


def report_status(report: Report, findings: Sequence[Finding] | None = None) -> str:
    """``errors`` where *findings* (else the report's own) have an error, else ``parsed``:
    a :class:`~govdisclose.Result`'s status, for a Report."""
    return "errors" if any(f.severity == ERROR for f in (report.findings if findings is None else findings)) \
        else "parsed"


def report_columns(report: Report, source: str | None = None, sha256: str | None = None,
                   status: str | None = None) -> dict[str, Any]:
    m = report.meta
    return {"source": source if source is not None else m.source, "sha256": sha256,
            "status": status or report_status(report), "error": None, "agency": m.agency,
            "year": m.year, "template": m.template, "variant": m.variant, "reader": m.reader,
            **agency_columns(m.agency)}


def unreadable_columns(result: Any) -> dict[str, Any]:
    """:data:`REPORT_COLUMNS` of a parse_many Result that gave no report."""
    return {**dict.fromkeys(REPORT_COLUMNS), "source": result.source, "sha256": result.sha256,
            "status": result.status, "error": result.error}


def reported(frame):
    """The rows of *frame* (a tidy or wide frame, a panel read back) of files that gave a
    report: those of status ``unreadable`` left out."""
    if "status" not in frame.columns:
        return frame
    return frame[(frame["status"] != "unreadable").fillna(True).astype(bool)]


@functools.lru_cache(maxsize=4096)
def split_key(key: str) -> tuple[str, str | None]:
    """A dotted key's group and item (``denied.state_secret``: ``denied``, ``state_secret``);
    an undotted key is its own group, with no item."""
    group, dot, item = key.partition(".")
    return (group, item) if dot else (key, None)


def agency_columns(agency: str | None) -> dict[str, Any]:
    """:data:`AGENCY_COLUMNS` of an agency's name."""
    who = identify(agency)
    return {"agency_id": who.agency_id, "agency_kind": who.kind, "province": who.province, "city": who.city,
            "county": who.county}


def tidy_columns(report: Report, plugins) -> dict[str, list[Any]]:
    """The tidy table of *report* by column: :data:`TIDY_COLUMNS` -> one value per cell (from
    the report's :class:`~govdisclose.model.CellColumns`: no Cell object is built)."""
    names = labels(report, plugins)
    cells = report.columns
    keys = cells.keys
    columns: dict[str, list[Any]] = {"table_key": [k[0] for k in keys], "row_key": [k[1] for k in keys],
                                     "column_key": [k[2] for k in keys]}
    columns["row_group"], columns["row_item"] = _split_all(columns["row_key"])
    columns["column_group"], columns["column_item"] = _split_all(columns["column_key"])
    columns["table_zh"] = [names.get((k[0],), (None,))[0] for k in keys]
    columns["row_zh"] = [names.get((k[0], "row", k[1]), (label or None,))[0] for k, label in zip(keys, cells.labels)]
    column_names = [names.get((k[0], "column", k[2]), (None, None)) for k in keys]
    columns["column_zh"] = [zh for zh, _ in column_names]
    values = cells.values
    columns["value"] = [_number(v) for v in values]
    counts = [_is_count(v, unit) for v, (_, unit) in zip(values, column_names)]
    columns["count"] = [v if count else None for v, count in zip(values, counts)]
    columns["money"] = [None if count or v is None else Decimal(v) for v, count in zip(values, counts)]
    columns["exact"] = [_exact(v) for v in values]
    columns["unit"] = [unit for _, unit in column_names]
    columns["raw"] = list(cells.raws)
    columns["kind"] = list(cells.kinds)
    columns["blank"] = [v is None for v in values]
    columns["unit_written"] = list(cells.units)
    columns["label"] = list(cells.labels)
    columns["line"] = list(cells.lines)
    columns["char"] = list(cells.chars)
    return columns


def _split_all(keys: list[str]) -> tuple[list[str], list[str | None]]:
    pairs = [split_key(k) for k in keys]
    return [g for g, _ in pairs], [i for _, i in pairs]


def _is_count(value: int | Decimal | None, unit: str | None) -> bool:
    """Whether a cell is a count: its column's unit is 件, or (a column no template knows) its
    value is a whole number read as one."""
    return unit == "件" and not isinstance(value, Decimal) or unit is None and isinstance(value, int)


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


def report_counts(report: Report, findings: Sequence[Finding] | None = None) -> dict[str, int]:
    """:data:`COUNT_COLUMNS` of a report: its cells (not absent), blank cells, findings by severity."""
    columns = report.columns
    return {"cells": sum(1 for kind in columns.kinds if kind != "absent"),
            "blank_cells": sum(1 for kind, value in zip(columns.kinds, columns.values)
                               if kind != "absent" and value is None),
            **severity_counts(report.findings if findings is None else findings)}


def wide_keys(plugins) -> list[tuple[str, str, str, bool]]:
    """(table, row, column, is_count) of every cell of the installed templates (*plugins*, a
    :class:`~govdisclose.host.PluginHost`), in template order: the wide shape's cell columns."""
    keys: dict[tuple[str, str, str], bool] = {}
    for template in plugins.templates().values():
        for table in template.tables:
            for block in table.blocks:
                for row in block.rows:
                    for col in block.columns:
                        keys.setdefault((table.key, row.key, col.key), col.vtype == COUNT)
    return [(*k, count) for k, count in keys.items()]


def wide_columns(plugins) -> list[str]:
    """The wide shape's columns, for frames and batch outputs alike: :data:`FILE_COLUMNS`, a
    column per cell key of the installed templates, ``unknown_cells``."""
    return [*FILE_COLUMNS, *(cell_column(t, r, c) for t, r, c, _ in wide_keys(plugins)), "unknown_cells"]


def count_columns(plugins) -> set[str]:
    """The wide shape's cell columns that hold counts (the rest hold money)."""
    return {cell_column(t, r, c) for t, r, c, count in wide_keys(plugins) if count}


def wide_file_row(report: Report | None, lead: dict[str, Any], known: set[str] | dict) -> dict[str, Any]:
    """A file's row of the wide shape: *lead* (its :data:`FILE_COLUMNS`) and, where it gave a
    report, the report's cells (:func:`wide_cells`)."""
    return {**lead, **wide_cells(report, known)} if report is not None else dict(lead)


def wide_cells(report: Report, known: set[str] | dict) -> dict[str, Any]:
    """*report*'s cells under their wide column names where *known*, and ``unknown_cells``:
    how many are not (rows no template knows)."""
    row: dict[str, Any] = {}
    unknown = 0
    columns = report.columns
    for key, value in zip(columns.keys, columns.values):
        name = cell_column(*key)
        if name in known:
            row[name] = value
        else:
            unknown += 1
    row["unknown_cells"] = unknown
    return row


def finding_rows(source: str | None, sha256: str | None, findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """One dict a finding, :data:`FINDING_COLUMNS`."""
    return [{"source": source, "sha256": sha256, "rule": f.rule, "severity": f.severity, "message": f.message,
             "message_zh": f.message_zh, "table_key": f.table, "row_key": f.row, "column_key": f.column,
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
                         "message_zh": "文件无法读取", "table_key": None, "row_key": None, "column_key": None,
                         "line": None, "char": None, "cell_keys": ""})
            continue
        for f, row in zip(found, finding_rows(source, sha256, found)):
            rows.append({**row, "agency": report.meta.agency, "year": report.meta.year, "cell_keys": _finding_cells(f)})
    for f, row in zip(loose, finding_rows(None, None, loose)):
        rows.append({**row, "agency": None, "year": None, "cell_keys": _finding_cells(f)})
    return frame_types(pd.DataFrame(rows, columns=list(FINDINGS_FRAME_COLUMNS)))


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


def _items(items: Any, unreadable: bool = False) -> list[tuple[Report | None, dict[str, Any], Sequence[Finding] | None]]:
    """(report, its report columns, findings or None) for Reports and parse_many Results; a
    Result that gave no report as (None, its columns, None) when *unreadable*."""
    if isinstance(items, Report):
        items = [items]
    out = []
    for item in items:
        if isinstance(item, Report):
            out.append((item, report_columns(item), None))
        elif getattr(item, "report", None) is not None:          # a parse_many Result (and its size)
            out.append((item.report, {**report_columns(item.report, item.source, item.sha256, item.status),
                                      "size": item.size}, item.findings if item.findings else None))
        elif unreadable:
            out.append((None, {**unreadable_columns(item), "size": item.size}, None))
    return out


def to_frame(items: Report | Iterable[Any], plugins, *, wide: bool = False):
    """A pandas DataFrame of one report (tidy: its cells) or of many (Reports or
    :func:`~govdisclose.parse_many` results; a file that gave no report is a row with its
    status and error). See the module doc for the columns."""
    pd = require_pandas()
    if isinstance(items, tuple) and items and all(isinstance(f, Finding) for f in items):
        return findings_frame(items)            # to_frame(validate(report)): its findings, not nothing
    single = isinstance(items, Report)
    entries = _items(items, unreadable=True)
    if wide:
        columns = wide_columns(plugins)
        known = dict.fromkeys(columns)
        rows = [wide_file_row(report, {**lead, "rows": 1, **(report_counts(report, found) if report else {})}, known)
                for report, lead, found in entries]
        return frame_types(pd.DataFrame(rows, columns=columns), counts=count_columns(plugins))
    if single:
        frame = pd.DataFrame(tidy_columns(entries[0][0], plugins), columns=list(TIDY_COLUMNS))
    else:
        columns_: dict[str, list[Any]] = {name: [] for name in REPORT_COLUMNS + TIDY_COLUMNS}
        for report, lead, _ in entries:
            n = len(report.cells) if report is not None else 1
            cells = tidy_columns(report, plugins) if report is not None else dict.fromkeys(TIDY_COLUMNS, [None])
            for name in REPORT_COLUMNS:
                columns_[name] += [lead[name]] * n
            for name in TIDY_COLUMNS:
                columns_[name] += cells[name]
        frame = pd.DataFrame(columns_, columns=list(REPORT_COLUMNS + TIDY_COLUMNS))
    return frame_types(frame)


def frame_types(frame, counts: set[str] = frozenset()):
    """*frame*'s columns in their dtypes, whichever of them it has (a tidy, wide, findings or
    indicators frame, or a panel read back): :data:`CATEGORY_COLUMNS` categorical,
    :data:`INTEGER_COLUMNS` and the wide frame's count columns *counts* ``Int64``, ``value``
    ``Float64``, ``blank`` ``boolean``, ``money`` and the wide frame's other cell columns
    exact ``Decimal`` s; the rest as they are."""
    pd = require_pandas()
    for name in frame.columns:
        column = frame[name]
        if name in CATEGORY_COLUMNS:
            frame[name] = column.astype("category")
        elif name in INTEGER_COLUMNS or name in counts:
            frame[name] = _integers(pd, column)
        elif name == "value":
            frame[name] = pd.to_numeric(column).astype("Float64")
        elif name == "blank":
            frame[name] = column.astype("boolean")
        elif name == "money" or "/" in name:
            frame[name] = pd.Series([_decimal(v) for v in column], index=frame.index, dtype=object)
    return frame


def _integers(pd, column):
    if column.dtype == object:                  # (Decimals, or ints among Nones)
        return pd.array([None if is_missing(v) else int(v) for v in column], dtype="Int64")
    return column.astype("Int64")


def _decimal(v: Any) -> Decimal | None:
    if is_missing(v):
        return None
    if isinstance(v, Decimal):
        return v
    if isinstance(v, float):
        return Decimal(repr(v))
    return Decimal(str(v))
