"""The national 勾稽 rules (templates.md §6.1–6.2) and the blank-template check.

R1  applications, each column: 一 + 二 = （七）总计 + 四
R3  applications, each row: 总计 = the six applicant columns
R4  applications, each column: （七）总计 = every outcome row
R5  reviews, each group: 总计 = 维持 + 纠正 + 其他 + 尚未审结
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from ..findings import finding
from ..hookspecs import hookimpl
from ..model import ERROR, INFO, WARNING, Cell, Finding, Report
from ..templates.spec import Template

Number = int | Decimal

NOT_OUTCOMES = ("new_received", "carried_over", "total", "carried_forward")
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org")


def _sum_rule(rule: str, left: list[Cell], right: list[Cell], en: str, zh: str, where: str) -> Finding | None:
    """``sum(left) == sum(right)``: None when it holds, else a finding (failed or not assessable)."""
    cells = left + right
    blanks = [c for c in cells if c.value is None]
    lsum = sum((c.value or 0 for c in left), 0)
    rsum = sum((c.value or 0 for c in right), 0)
    sides = (("left", tuple((c.key, c.value) for c in left)), ("right", tuple((c.key, c.value) for c in right)),
             ("left_sum", lsum), ("right_sum", rsum), ("difference", lsum - rsum))
    anchor = next((c for c in left if c.location.line), left[0])
    if blanks:
        if len(blanks) == len(cells):
            return None                   # wholly blank: reported once as a blank table/row
        return finding(rule, INFO, anchor.location, table=anchor.table, row=anchor.row, column=anchor.column,
                       en=f"{en} ({where}) is not assessable: {len(blanks)} blank cell(s); "
                          f"with blanks as zero it {'holds' if lsum == rsum else 'fails'}",
                       zh=f"{zh}（{where}）含空白单元格，无法判断",
                       details=sides + (("status", "not-assessable"), ("holds_if_zero", lsum == rsum),
                                        ("blank", tuple(c.key for c in blanks))))
    if lsum == rsum:
        return None
    return finding(rule, ERROR, anchor.location, table=anchor.table, row=anchor.row, column=anchor.column,
                   en=f"{en} fails ({where}): {lsum} ≠ {rsum}, difference {lsum - rsum}",
                   zh=f"{zh}不成立（{where}）：{lsum} ≠ {rsum}，相差{lsum - rsum}",
                   details=sides + (("status", "failed"),))


def _cells(report: Report, table: str, rows: Iterable[str], column: str) -> list[Cell] | None:
    found = [report.cell(table, row, column) for row in rows]
    return None if any(c is None for c in found) else found  # type: ignore[return-value]


def _per_column(rule: str, report: Report, template: Template, left_rows: Iterable[str],
                right_rows: Iterable[str], en: str, zh: str) -> Iterator[Finding]:
    """sum(left rows) == sum(right rows) in each applications column."""
    block = template.table("applications").blocks[0]
    left_rows, right_rows = tuple(left_rows), tuple(right_rows)
    for column in block.columns:
        left = _cells(report, "applications", left_rows, column.key)
        right = _cells(report, "applications", right_rows, column.key)
        if left and right:
            f = _sum_rule(rule, left, right, en, zh, f"column {column.key} {column.label}")
            if f:
                yield f


def r1(report: Report, template: Template) -> Iterator[Finding]:
    return _per_column("R1", report, template, ("new_received", "carried_over"), ("total", "carried_forward"),
                       "一 + 二 = （七）总计 + 四", "第一项加第二项之和等于第三项加第四项之和")


def _in_row(rule: str, report: Report, table: str, row: str, total: str, parts: Iterable[str],
            en: str, zh: str, where: str) -> Finding | None:
    """One row's *total* column == the sum of its *parts* columns."""
    total_cells = _cells(report, table, (row,), total)
    part_cells = [report.cell(table, row, c) for c in parts]
    if not total_cells or not all(part_cells):
        return None
    return _sum_rule(rule, total_cells, part_cells, en, zh, where)  # type: ignore[arg-type]


def r3(report: Report, template: Template) -> Iterator[Finding]:
    for row in template.table("applications").blocks[0].rows:
        f = _in_row("R3", report, "applications", row.key, "total", APPLICANTS,
                    "总计 = the six applicant columns", "总计等于各类申请人之和", f"row {row.key}")
        if f:
            yield f


def r4(report: Report, template: Template) -> Iterator[Finding]:
    outcomes = [r.key for r in template.table("applications").blocks[0].rows if r.key not in NOT_OUTCOMES]
    return _per_column("R4", report, template, ("total",), outcomes,
                       "（七）总计 = every outcome row", "（七）总计等于各办理结果之和")


def r5(report: Report, template: Template) -> Iterator[Finding]:
    for group in ("review", "litigation_direct", "litigation_after_review"):
        f = _in_row("R5", report, "reviews", "reviews", f"{group}.total",
                    [f"{group}.{k}" for k in ("upheld", "corrected", "other", "pending")],
                    "总计 = 维持 + 纠正 + 其他 + 尚未审结", "总计等于各结果之和", f"group {group}")
        if f:
            yield f


def blank(report: Report, template: Template) -> Iterator[Finding]:
    """Every cell empty: the template was published without data (seed-000)."""
    cells = [c for c in report.cells if not c.row.startswith("unknown:")]
    if cells and all(c.value is None for c in cells):
        yield finding("data.blank-template", WARNING, en="every table cell is blank: the tables were published empty",
                      zh="所有表格均为空白，未填报数据")
        return
    for table in template.tables:
        for block in table.blocks:
            for row in block.rows:
                row_cells = [report.cell(table.key, row.key, c.key) for c in block.columns]
                if all(c is not None and c.value is None for c in row_cells) and any(
                        c.value is not None for c in report.iter_cells(table.key)):
                    first = row_cells[0]
                    yield finding("data.blank-row", WARNING, first.location, table=table.key, row=row.key,
                                  en=f"row {row.key} is blank beside filled rows: not reported, not zero",
                                  zh=f"“{row.label}”行空白（未填报），不视为零")


NATIONAL_CHECKS = (r1, r3, r4, r5, blank)


@hookimpl
def govdisclose_checks(template: Template):
    return NATIONAL_CHECKS if template.national in ("pre2021", "post2021") else ()
