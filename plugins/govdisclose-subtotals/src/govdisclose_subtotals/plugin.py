"""2021-format reports whose table 2 (收到和处理政府信息公开申请情况) carries subtotals.

The national 2021 table 2 has 7 value columns and 25 value rows: 175 numbers. Some
agencies' tables add what the template only implies (parsers in the field expect such
tables):

* a **小计 column** (法人或其他组织小计) after the five 法人或其他组织 columns: the sum of
  商业企业 … 其他 in each row — 25 rows × 8 columns = **200** numbers;
* and, besides it, **subtotal rows**: the group labels （三）不予公开, （四）无法提供,
  （五）不予处理 and （六）其他处理 carry numbers of their own, the sum of their numbered
  items in each column — 29 rows × 8 columns = **232** numbers. A subtotal row is found
  by its group's label (``（三）不予公开 | 2 | …``, before the items) or as ``小计`` beside
  its group cell (``（三）不予公开 | 小计 | 2 | …``, the group's first row); a ``小计``
  row after the items, with no group label on its line, cannot be told apart and is kept
  as an ``unknown:`` row.

Two shapes, two templates, both ``Template.extend`` of ``post2021``: ``post2021-subtotals``
(column and rows) and ``post2021-org-subtotal`` (column only). A part a report's shape
does not have is not in its template, so it is neither zero nor reported missing. (The
column changes where each number of a row belongs, so it cannot be an optional part of
one template; rows could be, but a 200-number table would then report four missing rows.)

The recogniser scores a template above ``post2021`` only when its own parts are in the
text: the 小计 header beside 其他, and group labels followed by a number. The plugin's
own rules (``govdisclose_checks``): ``subtotals.row`` (each subtotal row = its items, in
each column) and ``subtotals.column`` (小计 = the five organisation columns, in each row).
National rule R4 (（七）总计 = every outcome row) leaves the subtotal rows out
(``Row.sum_of``), so nothing is counted twice.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator, Mapping

from govdisclose.checks import sum_rule
from govdisclose.hookspecs import hookimpl
from govdisclose.rules import declare, raises
from govdisclose.templates import Block, Column, Row, Template, national

__all__ = ["FULL", "COLUMN_ONLY", "BASE", "variants", "shape", "subtotal_rows", "subtotal_column",
           "RULE_ROW", "RULE_COLUMN"]

BASE = "post2021"
FULL = "post2021-subtotals"             # 小计 column and subtotal rows: 232 numbers
COLUMN_ONLY = "post2021-org-subtotal"   # 小计 column only: 200 numbers
TABLE = "applications"
RULE_ROW = declare("subtotals.row", ("error", "info"), "a subtotal row against its items", "小计行与其各项之和不符",
                   doc="the govdisclose-subtotals README")
RULE_COLUMN = declare("subtotals.column", ("error", "info"), "the 小计 column against the organisation columns",
                      "小计栏与各类法人或其他组织之和不符", doc="the govdisclose-subtotals README")


def subtotal_column(block: Block) -> Column:
    """小计 after the last 法人或其他组织 column: the sum of that group's columns."""
    org = block.column("commercial_enterprise").group
    parts = tuple(c.key for c in block.columns if c.group == org)
    return Column("org_subtotal", "小计", aliases=(f"{org}小计",), group=org, sum_of=parts)


def subtotal_rows(block: Block) -> list[tuple[str, Row]]:
    """``(after_row, Row)`` for each numbered group (（三）…（六）): a row labelled with the
    group's own label, before its first item, adding its items up."""
    results = block.row("granted").group          # 三、本年度办理结果
    groups: dict[str, list[Row]] = {}
    for row in block.rows:
        if "." in row.key and row.group:           # denied.state_secret … other.other
            groups.setdefault(row.key.split(".")[0], []).append(row)
    keys = [r.key for r in block.rows]
    out = []
    for prefix, parts in groups.items():
        label = parts[0].group                     # （三）不予公开
        before = keys[keys.index(parts[0].key) - 1]
        out.append((before, Row(f"{prefix}.subtotal", label, aliases=(label + "小计",), group=results,
                                sum_of=tuple(r.key for r in parts))))
    return out


def variants(base: Template) -> list[Template]:
    block = base.table(TABLE).blocks[0]
    where = (TABLE, block.key)
    org_subtotal = subtotal_column(block)
    column = {where: [(org_subtotal.sum_of[-1], org_subtotal)]}      # after 其他, the group's last
    return [
        base.extend(FULL, title=base.title + " — 含小计列与小计行", markers=("小计",),
                    add_columns=column, add_rows={where: subtotal_rows(block)},
                    description="2021 format; table 2 adds a 法人或其他组织 小计 column and subtotal rows "
                                "for （三）–（六） (29 rows × 8 columns = 232 numbers)."),
        base.extend(COLUMN_ONLY, title=base.title + " — 含小计列", markers=("小计",),
                    add_columns=column,
                    description="2021 format; table 2 adds a 法人或其他组织 小计 column "
                                "(25 rows × 8 columns = 200 numbers)."),
    ]


@hookimpl
def govdisclose_templates():
    return variants(national(BASE))


# -- recognising the shape ------------------------------------------------------------------------

def _spaced(word: str) -> str:
    """*word* with an optional space between its characters (labels broken by editors)."""
    return r"\s?".join(re.escape(ch) for ch in word)


_COLUMN = re.compile(rf"(?:{_spaced('其他')}|{_spaced('组织')})[\s|·]*{_spaced('小计')}")
_VALUE = r"(?:\d[\d,]*(?:\.\d+)?\s?件?|[-/—]|无)"


def _group_with_numbers(word: str) -> re.Pattern:
    """A group label (its words, e.g. 不予公开) followed, as the next cell, by a value."""
    return re.compile(rf"{_spaced(word)}(?:[ \t|]*{_spaced('小计')})?(?:\s*\([^()\n]*\))*"
                      rf"[ \t]*(?:[|\n\t][ \t]*)+{_VALUE}(?=[\s|]|$)")


_GROUPS = tuple(_group_with_numbers(w) for w in ("不予公开", "无法提供", "不予处理", "其他处理"))


_SUBTOTAL = re.compile(r"[小\u2f29]\s?计")        # NFKC folds only the Kangxi radical ⼩ into 小计


def shape(text: str) -> tuple[bool, int]:
    """(the 小计 column is there, how many of the four groups have numbers of their own)."""
    if not _SUBTOTAL.search(text):      # most reports end here, before the NFKC of the whole text
        return False, 0
    flat = unicodedata.normalize("NFKC", text)
    return bool(_COLUMN.search(flat)), sum(1 for g in _GROUPS if g.search(flat))


@hookimpl
def govdisclose_recognize(text: str, templates: Mapping[str, Template]):
    column, rows = shape(text)
    base = templates[BASE].marker_score(text) if column else 0
    if not base or not column:
        return {FULL: 0.0, COLUMN_ONLY: 0.0}
    # Both claim a table with the 小计 column; the one with the rows wins when they are there.
    return {COLUMN_ONLY: base + 10.0, FULL: base + 10.0 + 10.0 * rows if rows else 0.0}


# -- the plugin's own rules -----------------------------------------------------------------------

ROW_FORMULA = ("subtotal row = its items", "小计行等于其各分项之和")
COLUMN_FORMULA = ("小计 = the five 法人或其他组织 columns", "法人或其他组织小计等于商业企业、科研机构、社会公益组织、"
                                                          "法律服务机构、其他之和")


def _cells(report, rows, columns):
    """The cells at rows × columns; None when one is missing or absent (a parse finding says so)."""
    cells = [report.cell(TABLE, r, c) for r in rows for c in columns]
    return None if any(c is None or c.kind == "absent" for c in cells) else cells


@raises(RULE_ROW)
def subtotal_rows_add_up(report, template: Template) -> Iterator:
    """subtotals.row: each subtotal row = the sum of its items, in each column."""
    block = template.table(TABLE).blocks[0]
    for row in block.rows:
        if not row.sum_of:
            continue
        for column in block.columns:
            left = _cells(report, (row.key,), (column.key,))
            right = _cells(report, row.sum_of, (column.key,))
            if left and right:
                f = sum_rule(RULE_ROW, left, right, f"row {row.key} {row.label}, column {column.key} "
                                                    f"{column.label}", formula=ROW_FORMULA,
                             where_zh=f"“{row.label}”行，“{column.label}”列")
                if f:
                    yield f


@raises(RULE_COLUMN)
def subtotal_column_adds_up(report, template: Template) -> Iterator:
    """subtotals.column: 小计 = the five organisation columns, in each row."""
    block = template.table(TABLE).blocks[0]
    for column in block.columns:
        if not column.sum_of:
            continue
        for row in block.rows:
            left = _cells(report, (row.key,), (column.key,))
            right = _cells(report, (row.key,), column.sum_of)
            if left and right:
                f = sum_rule(RULE_COLUMN, left, right, f"row {row.key}", formula=COLUMN_FORMULA,
                             where_zh=f"“{row.label}”行")
                if f:
                    yield f


@hookimpl
def govdisclose_checks(template: Template):
    if template.id in (FULL, COLUMN_ONLY):
        return (subtotal_rows_add_up, subtotal_column_adds_up)
    return ()
