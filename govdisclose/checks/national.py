"""The national 勾稽 (sum) rules of both official templates (docs/findings.md, "Check findings").

R1  applications, each column: 一 + 二 = （七）总计 + 四
R3  applications, each row: 总计 = the six applicant columns
R4  applications, each column: （七）总计 = every outcome row
R5  reviews, each group: 总计 = 维持 + 纠正 + 其他 + 尚未审结

A rule's finding carries the formula in words, both sides as the cells they came from
(keys, value, source location), both sums and the difference. A rule over a blank cell
is *not assessable* (info), never passed or failed.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from ..findings import finding
from ..model import ERROR, INFO, Cell, CellColumns, Finding, Report
from ..rules import Rule, declare, raises
from ..templates.spec import Template, group_rows, per_template

__all__ = ["SUM_RULES", "APPLICANTS", "NOT_OUTCOMES", "REVIEW_GROUPS", "REVIEW_OUTCOMES", "outcome_rows",
           "printed_groups", "sum_rule"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
R1 = declare("R1", (ERROR, INFO), "一 + 二 = （七）总计 + 四, each column", "第一项加第二项等于第三项总计加第四项（各列）")
R3 = declare("R3", (ERROR, INFO), "总计 = the six applicant columns, each row", "总计等于各类申请人之和（各行）")
R4 = declare("R4", (ERROR, INFO), "（七）总计 = every outcome row, each column", "（七）总计等于各办理结果之和（各列）")
R5 = declare("R5", (ERROR, INFO), "总计 = 维持 + 纠正 + 其他 + 尚未审结, each group", "总计等于维持、纠正、其他、尚未审结之和（各组）")

Number = int | Decimal

NOT_OUTCOMES = ("new_received", "carried_over", "total", "carried_forward")
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org")
REVIEW_GROUPS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_OUTCOMES = ("upheld", "corrected", "other", "pending")
REVIEW_GROUP_LABELS = {"review": "行政复议", "litigation_direct": "行政诉讼·未经复议直接起诉",
                       "litigation_after_review": "行政诉讼·复议后起诉"}

FORMULAS = {
    "R1": ("一 + 二 = （七）总计 + 四", "第一项加第二项之和等于第三项（（七）总计）加第四项之和"),
    "R3": ("总计 = the six applicant columns", "总计等于各类申请人之和"),
    "R4": ("（七）总计 = every outcome row", "（七）总计等于各办理结果之和"),
    "R5": ("总计 = 维持 + 纠正 + 其他 + 尚未审结", "总计等于结果维持、结果纠正、其他结果、尚未审结之和"),
}


def outcome_rows(template: Template, printed: Iterable[str] = ()) -> tuple[str, ...]:
    """The applications rows R4 adds up: every row but 一, 二, （七）总计 and 四, and but a
    variant's subtotal rows (``Row.sum_of``: their parts are counted already). A group in
    *printed* (printed as one row, ``other``) is counted in the place of its sub-rows."""
    rows = _outcome_rows(template)
    for group in group_rows(template.table("applications").blocks[0]):
        if group.key in printed:
            at = rows.index(group.members[0])
            rows = rows[:at] + (group.key,) + tuple(r for r in rows[at:] if r not in group.members)
    return rows


@per_template
def _outcome_rows(template: Template) -> tuple[str, ...]:
    return tuple(r.key for r in template.table("applications").blocks[0].rows
                 if r.key not in NOT_OUTCOMES and not r.sum_of)


def printed_groups(report: Report, template: Template) -> tuple[str, ...]:
    """The applications groups *report* prints as one row of their own (see ``GroupRow``)."""
    index = report.columns.index
    return tuple(g.key for g in group_rows(template.table("applications").blocks[0])
                 if ("applications", g.key, "total") in index and ("applications", g.members[0], "total") not in index)


def sum_rule(rule: Rule | str, left: list[Cell], right: list[Cell], where: str,
             formula: tuple[str, str] | None = None, where_zh: str | None = None) -> Finding | None:
    """``sum(left) == sum(right)``: None when it holds, else a finding (failed or not assessable).

    Public for plugins' sum rules: *rule* is a declared :class:`~govdisclose.rules.Rule` (or a
    plugin's code); *formula* is ``(English, Chinese)`` in words (the
    built-in rules' own by default); *where* says which row/column it was applied to, and
    *where_zh* the same in Chinese for ``message_zh`` (*where* when not given)."""
    left_values, right_values = [c.value for c in left], [c.value for c in right]
    if None not in left_values and None not in right_values and sum(left_values) == sum(right_values):
        return None                       # holds (the common case: nothing more to build)
    en, zh = formula or FORMULAS[str(rule)]
    cells = left + right
    blanks = [c for c in cells if c.value is None]
    lsum = sum((c.value or 0 for c in left), 0)
    rsum = sum((c.value or 0 for c in right), 0)
    sides = (("formula", en), ("formula_zh", zh), ("left", tuple(left)), ("right", tuple(right)),
             ("left_sum", lsum), ("right_sum", rsum), ("difference", lsum - rsum))
    anchor = next((c for c in left if c.location.line), left[0])
    at = dict(table=anchor.table, row=anchor.row, column=anchor.column)
    if blanks:
        if len(blanks) == len(cells):
            return None                   # wholly blank: reported once as a blank table/row
        return finding(rule, INFO, anchor.location, **at,
                       en=f"{en} ({where}) is not assessable: {len(blanks)} blank cell(s); "
                          f"with blanks as zero it {'holds' if lsum == rsum else 'fails'}",
                       zh=f"{zh}（{where_zh or where}）含空白单元格，无法判断",
                       details=sides + (("status", "not-assessable"), ("holds_if_zero", lsum == rsum),
                                        ("blank", tuple(blanks))))
    if lsum == rsum:
        return None
    return finding(rule, ERROR, anchor.location, **at,
                   en=f"{en} fails ({where}): {lsum} ≠ {rsum}, difference {lsum - rsum}",
                   zh=f"{zh}不成立（{where_zh or where}）：{lsum} ≠ {rsum}，相差{lsum - rsum}",
                   details=sides + (("status", "failed"),))


# Each rule is applied through a plan, made once a template (``per_template``): for every
# place it applies (column, row, group), the keys of both sides. Applying it is then a
# lookup per cell.
Keys = tuple[tuple[str, str, str], ...]
Plan = tuple[tuple[tuple[str, str], Keys, Keys], ...]       # ((where, where in Chinese), left, right)


def _apply(rule: Rule, report: Report, plan: Plan) -> Iterator[Finding]:
    """The rule's findings at each place of its *plan* (a place with a missing cell is skipped:
    a missing row or column is a parse finding). Over the report's values
    (:class:`~govdisclose.model.CellColumns`): the cells are looked at only where it does
    not plainly hold."""
    columns = report.columns
    values = columns.values
    for (where, where_zh), left_at, right_at in columns.memo(plan, _places):
        left, right = [values[i] for i in left_at], [values[i] for i in right_at]
        if None not in left and None not in right and sum(left) == sum(right):
            continue                            # holds (the common case)
        f = sum_rule(rule, [columns.cell(i) for i in left_at], [columns.cell(i) for i in right_at], where,
                     where_zh=where_zh)
        if f:
            yield f


def _places(columns: CellColumns, plan: Plan) -> tuple:
    """The plan's places in *columns*: (where, left places, right places), without a place
    where a cell is missing."""
    out = []
    for where, left_keys, right_keys in plan:
        left_at, right_at = columns.places(left_keys), columns.places(right_keys)
        if None not in left_at and None not in right_at:
            out.append((where, left_at, right_at))
    return tuple(out)


def _keys(table: str, rows: Iterable[str], columns: Iterable[str]) -> Keys:
    return tuple((table, row, column) for row in rows for column in columns)


def _per_column(template: Template, left_rows: Iterable[str], right_rows: Iterable[str]) -> Plan:
    """sum(left rows) == sum(right rows) in each applications column."""
    left_rows, right_rows = tuple(left_rows), tuple(right_rows)
    return tuple(((f"column {column.key} {column.label}", f"“{column.label}”列"),
                  _keys("applications", left_rows, (column.key,)), _keys("applications", right_rows, (column.key,)))
                 for column in template.table("applications").blocks[0].columns)


@per_template
def _r1_plan(template: Template) -> Plan:
    return _per_column(template, ("new_received", "carried_over"), ("total", "carried_forward"))


@per_template
def _r3_plan(template: Template, printed: tuple[str, ...] = ()) -> Plan:
    block = template.table("applications").blocks[0]
    labels = {row.key: row.label for row in block.rows} | {g.key: g.label for g in group_rows(block)}
    rows = [row.key for row in block.rows] + list(printed)
    return tuple(((f"row {row}", f"“{labels.get(row, row)}”行"), _keys("applications", (row,), ("total",)),
                  _keys("applications", (row,), APPLICANTS)) for row in rows)


@per_template
def _r4_plan(template: Template, printed: tuple[str, ...] = ()) -> Plan:
    return _per_column(template, ("total",), outcome_rows(template, printed))


@per_template
def _r5_plan(template: Template) -> Plan:
    return tuple(((f"group {group}", f"“{REVIEW_GROUP_LABELS[group]}”"),
                  _keys("reviews", ("reviews",), (f"{group}.total",)),
                  _keys("reviews", ("reviews",), [f"{group}.{k}" for k in REVIEW_OUTCOMES]))
                 for group in REVIEW_GROUPS)


@raises(R1)
def r1(report: Report, template: Template) -> Iterator[Finding]:
    return _apply(R1, report, _r1_plan(template))


@raises(R3)
def r3(report: Report, template: Template) -> Iterator[Finding]:
    return _apply(R3, report, _r3_plan(template, printed_groups(report, template)))


@raises(R4)
def r4(report: Report, template: Template) -> Iterator[Finding]:
    return _apply(R4, report, _r4_plan(template, printed_groups(report, template)))


@raises(R5)
def r5(report: Report, template: Template) -> Iterator[Finding]:
    return _apply(R5, report, _r5_plan(template))


SUM_RULES = (r1, r3, r4, r5)
