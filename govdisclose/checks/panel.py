"""Checks across reports: a panel of one agency's reports over the years, and duplicates.

``check_panel(items)`` takes Reports, :func:`~govdisclose.parse_many` results, or a
DataFrame from :func:`~govdisclose.to_frame` (tidy or wide, e.g. a ``govdisclose batch``
output read back with pandas) and returns :class:`~govdisclose.Findings`:

R6  applications, each column: 四、结转下年度继续办理 of year Y = 二、上年结转 of year Y+1
    (the same agency); error, or info (not assessable) when a side is blank.
R7  active_disclosure, regulations and normative documents: 现行有效件数 of Y+1 =
    现行有效件数 of Y + 本年制发件数 of Y+1 − 本年废止件数 of Y+1 (2021 format both years);
    a warning: documents also lapse without being repealed.
panel.duplicate          the same content (file hash) under two or more names.
panel.agency-year-twice  two different reports of one agency for one year; R6/R7 are
                         not assessed for that year.
panel.copied-tables      every cell of tables 2 and 3 (applications, reviews) equal to the
                         same agency's report of the year before, with at least
                         COPIED_MIN_NONZERO cells not 0 (two years of nothing are alike by
                         right): the sign of a report copied from the previous year.

An agency is matched by its id (:func:`govdisclose.agency.identify`: the region's code and
the name without the region, or the normalised name): 洪泽区人民政府 and 淮安市洪泽区人民政府
are one agency; 冶金街道 and 冶金街道办事处 are still two.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any, Iterator

import attrs

from ..agency import identify
from ..findings import finding
from ..model import ERROR, INFO, WARNING, Cell, Finding, Findings, Location, Report
from ..normalize import squeeze
from ..rules import Rule, declare
from ..frames import reported
from ..values import is_missing
from ..templates import common

__all__ = ["check_panel", "PanelEntry", "entries", "PANEL_RULES"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
R6 = declare("R6", (ERROR, INFO), "四、结转下年度 of Y = 二、上年结转 of Y+1", "上年结转下年度数等于次年上年结转数")
R7 = declare("R7", (WARNING, INFO), "现行有效件数 of Y+1 = of Y + issued − repealed", "次年现行有效件数等于上年数加制发减废止")
PANEL_DUPLICATE = declare("panel.duplicate", WARNING, "the same report under two names", "同一报告以不同名称出现")
PANEL_AGENCY_YEAR_TWICE = declare("panel.agency-year-twice", WARNING, "two reports of one agency for one year",
                                  "同一机关同一年度有两份报告")

PANEL_COPIED_TABLES = declare("panel.copied-tables", WARNING, "tables 2 and 3 identical to the year before",
                              "表二、表三与上年度报告完全相同")

PANEL_RULES = ("R6", "R7", "panel.duplicate", "panel.agency-year-twice", "panel.copied-tables")
COPIED_TABLES = ("applications", "reviews")
#: the fewest cells not 0 that two years' tables 2 and 3 must share to count as copied
COPIED_MIN_NONZERO = 3
APPLICATION_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                       "legal_service_org", "other_org", "total")
IN_FORCE_ROWS = ("regulations", "normative_documents")
_COLUMN_ZH = {column.key: column.label for column in common.APPLICATION_COLUMNS}      # (message_zh's places)
#: the cells the panel rules read (table, row, column)
PANEL_KEYS = frozenset(
    [("applications", r, c) for r in ("carried_over", "carried_forward") for c in APPLICATION_COLUMNS]
    + [("active_disclosure", r, c) for r in IN_FORCE_ROWS for c in ("issued", "repealed", "in_force")])


@attrs.frozen
class PanelEntry:
    """What the panel rules need of one report."""

    source: str | None
    content: str                    # the file's sha256, else a hash of the report's content
    agency: str | None
    year: int | None
    template: str | None
    cells: dict = attrs.field(eq=False, repr=False)      # (table, row, column) -> Cell
    #: tables 2 and 3 as a digest of their cells, and how many of those cells are not 0
    tables: tuple[str, int] | None = None


def _tables_digest(values: Iterator[tuple[tuple[str, str, str], Any]]) -> tuple[str, int] | None:
    """(digest, cells not 0) of tables 2 and 3's ``(key, value)`` pairs; None without table 2."""
    pairs = sorted((key, str(value)) for key, value in values if key[0] in COPIED_TABLES)
    if not any(key[0] == "applications" for key, _ in pairs):
        return None
    nonzero = sum(1 for _, value in pairs if value not in ("None", "0"))
    return hashlib.sha256(repr(pairs).encode("utf-8")).hexdigest(), nonzero


def _content_hash(report: Report) -> str:
    m = report.meta
    text = repr((m.agency, m.year, m.template, m.variant,
                 sorted((c.key, str(c.value)) for c in report.cells if c.kind != "absent")))
    return "content:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry(report: Report, source: str | None = None, sha256: str | None = None) -> PanelEntry:
    cells = {c.key: c for c in report.cells if c.key in PANEL_KEYS}
    tables = _tables_digest((c.key, c.value) for c in report.cells if c.kind != "absent")
    return PanelEntry(source if source is not None else report.meta.source, sha256 or _content_hash(report),
                      report.meta.agency, report.meta.year, report.meta.template, cells, tables)


def _exact(exact: Any, value: Any) -> int | Decimal | None:
    """A cell's exact value from a frame: the ``exact`` text, else the (float) ``value``."""
    for v in (exact, value):
        if is_missing(v):
            continue
        d = Decimal(str(v))
        return int(d) if d == d.to_integral_value() else d
    return None


def _frame_entries(frame) -> list[PanelEntry]:
    """PanelEntries of a tidy or a wide DataFrame (one with a ``source`` column)."""
    columns = set(frame.columns)
    def meta(row: dict, name: str) -> Any:
        v = row.get(name)
        return None if is_missing(v) else v
    frame = reported(frame)                                         # files that gave no report: none to check
    if {"table_key", "row_key", "column_key"} <= columns:           # tidy
        keep = frame[[(t, r, c) in PANEL_KEYS for t, r, c in zip(frame["table_key"], frame["row_key"],
                                                                  frame["column_key"])]]
        found: dict[str, PanelEntry] = {}
        for row in frame.drop_duplicates(subset=["source"]).to_dict("records"):
            found[row["source"]] = PanelEntry(row["source"], meta(row, "sha256") or f"source:{row['source']}",
                                              meta(row, "agency"), _int(meta(row, "year")), meta(row, "template"), {})
        for row in keep.to_dict("records"):
            value = _exact(meta(row, "exact"), meta(row, "value"))
            location = Location(_int(meta(row, "line")), _int(meta(row, "char")))
            cell = Cell(row["table_key"], row["row_key"], row["column_key"], value, meta(row, "raw") or "",
                        "number" if value is not None else "blank", location=location)
            found[row["source"]].cells[cell.key] = cell
        copied = frame[frame["table_key"].isin(COPIED_TABLES)]
        by_source: dict[str, list] = {}
        for source, t, r, c, exact, value in zip(copied["source"], copied["table_key"], copied["row_key"],
                                                 copied["column_key"],
                                                 copied["exact"] if "exact" in columns else [None] * len(copied),
                                                 copied["value"]):
            by_source.setdefault(source, []).append(((t, r, c), _exact(exact, value)))
        return [attrs.evolve(e, tables=_tables_digest(iter(by_source.get(e.source, ())))) for e in found.values()]
    out = []                                                         # wide: table/row/column columns
    names = {f"{t}/{r}/{c}": (t, r, c) for t, r, c in PANEL_KEYS}
    for row in frame.to_dict("records"):
        cells = {}
        for name, key in names.items():
            if name in row:
                value = _exact(None, meta(row, name))
                cells[key] = Cell(*key, value, "" if value is None else str(value),
                                  "number" if value is not None else "blank")
        tables = _tables_digest((tuple(name.split("/")), _exact(None, meta(row, name))) for name in row
                                if isinstance(name, str) and name.split("/")[0] in COPIED_TABLES
                                and name.count("/") == 2)
        out.append(PanelEntry(meta(row, "source"), meta(row, "sha256") or f"source:{meta(row, 'source')}",
                              meta(row, "agency"), _int(meta(row, "year")), meta(row, "template"), cells, tables))
    return out


def _int(v: Any) -> int | None:
    return None if is_missing(v) else int(v)


def entries(items: Any) -> list[PanelEntry]:
    """PanelEntries of Reports, parse_many Results (those with a report) or a DataFrame."""
    if hasattr(items, "columns") and hasattr(items, "to_dict"):
        return _frame_entries(items)
    if isinstance(items, Report):
        items = [items]
    out = []
    for item in items:
        if isinstance(item, PanelEntry):
            out.append(item)
        elif isinstance(item, Report):
            out.append(_entry(item))
        elif getattr(item, "report", None) is not None:
            out.append(_entry(item.report, item.source, item.sha256))
    return out


def _agency_key(agency: str | None) -> str | None:
    """The agency's id (:func:`govdisclose.agency.identify`): 洪泽区人民政府 and
    淮安市洪泽区人民政府 are one agency."""
    return identify(squeeze(agency)).agency_id if agency else None


def check_panel(items: Any) -> Findings:
    """Every cross-report finding over *items* (see the module doc), duplicates first."""
    panel = entries(items)
    findings: list[Finding] = []
    unique: dict[str, PanelEntry] = {}
    names: dict[str, list[str]] = {}
    for e in panel:
        names.setdefault(e.content, []).append(e.source or "?")
        unique.setdefault(e.content, e)
    for content, sources in names.items():
        if len(sources) > 1:
            findings.append(finding(
                PANEL_DUPLICATE, WARNING, en=f"the same report under {len(sources)} names: {', '.join(sources)}; "
                f"the first is used in the panel", zh=f"同一报告以{len(sources)}个文件名出现", details=(
                    ("sources", tuple(sources)), ("content", content))))
    by_year: dict[tuple[str, int], list[PanelEntry]] = {}
    for e in unique.values():
        agency = _agency_key(e.agency)
        if agency and e.year is not None:
            by_year.setdefault((agency, e.year), []).append(e)
    for (agency, year), group in sorted(by_year.items()):
        if len(group) > 1:
            findings.append(finding(
                PANEL_AGENCY_YEAR_TWICE, WARNING,
                en=f"{group[0].agency} has {len(group)} different reports for {year}: "
                   f"{', '.join(e.source or '?' for e in group)}; R6 and R7 are not assessed for that year",
                zh=f"{group[0].agency}{year}年有{len(group)}份不同的报告", details=(
                    ("agency", group[0].agency), ("year", year), ("sources", tuple(e.source for e in group)))))
    for (agency, year), group in sorted(by_year.items()):
        after = by_year.get((agency, year + 1))
        if len(group) != 1 or not after or len(after) != 1:
            continue
        findings.extend(_carry_over(group[0], after[0]))
        findings.extend(_in_force(group[0], after[0]))
        findings.extend(_copied(group[0], after[0]))
    return Findings(findings)


def _pair_details(before: PanelEntry, after: PanelEntry) -> tuple:
    return (("agency", after.agency), ("years", (before.year, after.year)),
            ("sources", (before.source, after.source)))


def _copied(before: PanelEntry, after: PanelEntry) -> Iterator[Finding]:
    """panel.copied-tables: tables 2 and 3 the same as the year before, cell for cell."""
    if before.tables is None or after.tables is None or before.tables[0] != after.tables[0]:
        return
    if after.tables[1] < COPIED_MIN_NONZERO:
        return                                  # (two years with next to nothing are alike by right)
    yield finding(PANEL_COPIED_TABLES, WARNING,
                  en=f"{after.agency} {after.year}: every cell of tables 2 and 3 is as in {before.year}'s report "
                     f"({after.tables[1]} of them not 0): copied from the year before?",
                  zh=f"{after.agency}{after.year}年报告的表二、表三与{before.year}年报告完全相同"
                     f"（其中{after.tables[1]}个单元格不为0）：是否照抄了上年数据？",
                  details=_pair_details(before, after) + (("nonzero", after.tables[1]),))


def _carry_over(before: PanelEntry, after: PanelEntry) -> Iterator[Finding]:
    """R6: 结转下年度 (Y) = 上年结转 (Y+1), in each applicant column."""
    for column in APPLICATION_COLUMNS:
        left = before.cells.get(("applications", "carried_forward", column))
        right = after.cells.get(("applications", "carried_over", column))
        if left is None or right is None:
            continue
        f = _panel_rule(R6, before, after, [left], [right], (f"column {column}", f"“{_COLUMN_ZH[column]}”列"),
                        ("结转下年度 (Y) = 上年结转 (Y+1)", "上年度报告的结转下年度继续办理数等于本年度报告的上年结转数"),
                        ERROR)
        if f:
            yield f


def _in_force(before: PanelEntry, after: PanelEntry) -> Iterator[Finding]:
    """R7: 现行有效件数 (Y+1) = 现行有效件数 (Y) + 本年制发件数 (Y+1) − 本年废止件数 (Y+1)."""
    if before.template != "post2021" or after.template != "post2021":
        return
    for row in IN_FORCE_ROWS:
        prior = before.cells.get(("active_disclosure", row, "in_force"))
        issued = after.cells.get(("active_disclosure", row, "issued"))
        repealed = after.cells.get(("active_disclosure", row, "repealed"))
        now = after.cells.get(("active_disclosure", row, "in_force"))
        if None in (prior, issued, repealed, now):
            continue
        f = _panel_rule(R7, before, after, [now], [prior, issued], (f"row {row}", f"“{now.label or row}”行"),
                        ("现行有效件数 (Y+1) = 现行有效件数 (Y) + 本年制发件数 (Y+1) − 本年废止件数 (Y+1)",
                         "本年度现行有效件数等于上年度现行有效件数加本年制发件数减本年废止件数"), WARNING,
                        minus=[repealed])
        if f:
            yield f


def _panel_rule(rule: Rule, before: PanelEntry, after: PanelEntry, left: list[Cell], right: list[Cell],
                where: tuple[str, str], formula: tuple[str, str], severity: str, minus: list[Cell] = ()
                ) -> Finding | None:
    """``sum(left) == sum(right) - sum(minus)`` across two reports: None when it holds; not
    assessable (info) when some cells are blank (none when all are); else a finding of *severity*."""
    en, zh = formula
    cells = left + right + list(minus)
    blanks = [c for c in cells if c.value is None]
    if len(blanks) == len(cells):
        return None
    lsum = sum((c.value or 0 for c in left), 0)
    rsum = sum((c.value or 0 for c in right), 0) - sum((c.value or 0 for c in minus), 0)
    anchor = left[0]
    details = (("formula", en), ("formula_zh", zh), ("left", tuple(left)), ("right", tuple(right)),
               ("minus", tuple(minus)), ("left_sum", lsum), ("right_sum", rsum),
               ("difference", lsum - rsum)) + _pair_details(before, after)
    at = dict(table=anchor.table, row=anchor.row, column=anchor.column)
    who = f"{after.agency} {before.year}→{after.year}"
    where, where_zh = where
    if blanks:
        return finding(rule, INFO, anchor.location, **at,
                       en=f"{en} ({who}, {where}) is not assessable: {len(blanks)} blank cell(s)",
                       zh=f"{zh}（{who}，{where_zh}）含空白单元格，无法判断",
                       details=details + (("status", "not-assessable"), ("blank", tuple(blanks))))
    if lsum == rsum:
        return None
    return finding(rule, severity, anchor.location, **at,
                   en=f"{en} fails ({who}, {where}): {lsum} ≠ {rsum}, difference {lsum - rsum}",
                   zh=f"{zh}不成立（{who}，{where_zh}）：{lsum} ≠ {rsum}，相差{lsum - rsum}",
                   details=details + (("status", "failed"),))
