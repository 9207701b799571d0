"""Checks on what a report filled in: blank tables, rows and totals, negative counts,
and a template that does not fit the year reported on.

(Tables or rows missing, unknown or duplicated are found while parsing: they are the
``parse.*`` findings, which :func:`govdisclose.validate` returns too.)
"""
from __future__ import annotations

from typing import Iterator

from ..findings import finding
from ..model import ERROR, WARNING, CellColumns, Finding, Report
from ..rules import declare, raises
from ..templates import expected_template
from ..templates.spec import Template, per_template
from .national import APPLICANTS, REVIEW_GROUPS, REVIEW_OUTCOMES, outcome_rows

__all__ = ["STRUCTURE_CHECKS", "expected_template"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
DATA_BLANK_TEMPLATE = declare("data.blank-template", WARNING, "every table cell is blank", "所有表格单元格均为空白")
DATA_BLANK_ROW = declare("data.blank-row", WARNING, "a row is wholly blank", "整行空白")
DATA_BLANK_TOTAL = declare("data.blank-total", WARNING, "a total is blank while its parts are filled",
                           "合计空白而其组成项已填写")
DATA_NEGATIVE = declare("data.negative", ERROR, "a negative number where none can be", "出现不应为负的负数")
TEMPLATE_YEAR_MISMATCH = declare("template.year-mismatch", WARNING, "a template not in force for the year",
                                 "所用模板与年度不符")


@per_template
def _row_plan(template: Template):
    """Per table: its key and (row, the keys of the row's cells) for each template row."""
    return tuple((table.key, tuple((row, tuple((table.key, row.key, c.key) for c in block.columns))
                                   for block in table.blocks for row in block.rows))
                 for table in template.tables)


def _known(columns: CellColumns, _) -> tuple[int, ...]:
    """The places of the cells of rows the template knows."""
    return tuple(i for i, key in enumerate(columns.keys) if not key[1].startswith("unknown:"))


def _row_places(columns: CellColumns, rows: tuple) -> tuple:
    return tuple(columns.places(keys) for _, keys in rows)


@raises(DATA_BLANK_TEMPLATE, DATA_BLANK_ROW)
def blank(report: Report, template: Template) -> Iterator[Finding]:
    """Every cell empty (the template published without data, seed-000), else each wholly blank row."""
    columns = report.columns
    values, kinds, keys = columns.values, columns.kinds, columns.keys
    known = columns.memo(None, _known)
    if not any(values[i] is not None for i in known) and any(kinds[i] != "absent" for i in known):
        yield finding(DATA_BLANK_TEMPLATE, WARNING, en="every table cell is blank: the tables were published empty",
                      zh="所有表格均为空白，未填报数据")
        return
    filled_tables = {key[0] for key, value in zip(keys, values) if value is not None}
    for table_key, rows in _row_plan(template):
        if table_key not in filled_tables:
            continue
        for (row, _), at in zip(rows, columns.memo(rows, _row_places)):
            if all(i is not None and kinds[i] != "absent" and values[i] is None for i in at):
                yield finding(DATA_BLANK_ROW, WARNING, columns.cell(at[0]).location, table=table_key, row=row.key,
                              en=f"row {row.key} ({row.label}) is blank beside filled rows: not reported, "
                                 "not zero", zh=f"“{row.label}”行空白（未填报），不视为零",
                              details=(("label", row.label),))


@per_template
def _totals_plan(template: Template) -> tuple:
    """(table, total key, its components' keys, what it totals) for every total the template has."""
    return tuple(_totals(template))


def _totals(template: Template):
    block = template.table("applications").blocks[0]
    for row in block.rows:
        yield ("applications", ("applications", row.key, "total"),
               tuple(("applications", row.key, c) for c in APPLICANTS), f"row {row.key}")
    for column in block.columns:
        yield ("applications", ("applications", "total", column.key),
               tuple(("applications", r, column.key) for r in outcome_rows(template)), f"column {column.key}")
    for group in REVIEW_GROUPS:
        yield ("reviews", ("reviews", "reviews", f"{group}.total"),
               tuple(("reviews", "reviews", f"{group}.{k}") for k in REVIEW_OUTCOMES), f"group {group}")


@raises(DATA_BLANK_TOTAL)
def blank_total(report: Report, template: Template) -> Iterator[Finding]:
    """A 总计 left blank while the cells it adds up are filled."""
    seen: set = set()
    columns = report.columns
    values, kinds, index = columns.values, columns.kinds, columns.index
    tables = set(report.tables)
    for table, total_key, part_keys, where in _totals_plan(template):
        if table not in tables:
            continue
        i = index.get(total_key)
        if i is None or kinds[i] == "absent" or values[i] is not None or total_key in seen:
            continue
        filled = [columns.cell(j) for j in columns.places(part_keys) if j is not None and values[j] is not None]
        if not filled:
            continue
        seen.add(total_key)
        total = columns.cell(i)
        yield finding(DATA_BLANK_TOTAL, WARNING, total.location, table=total.table, row=total.row,
                      column=total.column,
                      en=f"总计 {'/'.join(total.key[1:])} is blank while {len(filled)} of the cells it adds up "
                         f"({where}) are filled",
                      zh=f"总计（{'/'.join(total.key[1:])}）空白，但其组成项已填报",
                      details=(("filled", tuple(filled)),))


@raises(DATA_NEGATIVE)
def negative(report: Report, template: Template) -> Iterator[Finding]:
    """A negative number where only 本年增/减 (a signed column) may be negative."""
    columns = report.columns
    negatives = [i for i, value in enumerate(columns.values) if value is not None and value < 0]
    if not negatives:
        return
    signed = {(t.key, c.key) for t in template.tables for b in t.blocks for c in b.columns if c.signed}
    for i in negatives:
        c = columns.cell(i)
        if (c.table, c.column) not in signed:
            yield finding(DATA_NEGATIVE, ERROR, c.location, table=c.table, row=c.row, column=c.column,
                          en=f"{c.raw!r} is negative; a count or amount cannot be",
                          zh=f"“{c.raw}”为负数，该项不能为负", details=(("raw", c.raw), ("value", c.value)))


@raises(TEMPLATE_YEAR_MISMATCH)
def template_year(report: Report, template: Template) -> Iterator[Finding]:
    """The tables follow a template that was not in force for the year reported on."""
    year, used = report.meta.year, report.meta.template
    expected = expected_template(year)
    if year is None or used is None or expected == used:
        return
    why = (f"reports on {year} use {expected}" if expected else
           "reports on years before 2019 use neither national template")
    yield finding(TEMPLATE_YEAR_MISMATCH, WARNING, en=f"the tables follow {used} but {why}",
                  zh=f"表格采用{used}格式，与报告年度{year}不符", details=(("year", year), ("template", used),
                                                                     ("expected", expected)))


STRUCTURE_CHECKS = (blank, blank_total, negative, template_year)
