"""Fixed-denominator indicators of one report, for panels (``docs/indicators.md``).

Each indicator is a ratio of the report's own cells (the 总计 column of table 2; table 3's
groups), computed only where its cells are there and the rules over them hold:

==================================  ===================================================================
``disclosure_rate`` 公开率           (（一）予以公开 + （二）部分公开) / （七）总计
``denial_rate`` 不予公开率            （三）不予公开 (its eight rows) / （七）总计
``unable_rate`` 无法提供率            （四）无法提供 (its three rows) / （七）总计
``not_held_rate`` 不掌握信息率         （四）1.本机关不掌握相关政府信息 / （七）总计
``carry_forward_rate`` 结转率         四、结转下年度继续办理 / (一、本年新收 + 二、上年结转)
``review_correction_rate`` 复议纠错率  行政复议 结果纠正 / 行政复议 总计
``litigation_correction_rate`` 诉讼纠错率  行政诉讼 结果纠正 / 行政诉讼 总计 (未经复议直接起诉 and 复议后起诉 together)
``natural_person_share`` 申请人构成·自然人  一、本年新收 自然人 / 一、本年新收 总计
``organisation_share`` 申请人构成·法人或其他组织  一、本年新收 法人或其他组织 (five columns) / 一、本年新收 总计
==================================  ===================================================================

An indicator is None, with the reason, when a cell it needs is missing or blank, when a rule
over its cells fails (R1, R3, R4 in table 2, R5 in table 3: the findings say where), or when
its denominator is 0.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Sequence

import attrs

from .model import Finding, Report

__all__ = ["Indicator", "INDICATORS", "indicators"]

_ORGS = ("commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org")
_DENIED = ("denied.state_secret", "denied.prohibited_by_law", "denied.three_safeties_one_stability",
           "denied.third_party_rights", "denied.internal_affairs", "denied.process_info",
           "denied.law_enforcement_file", "denied.administrative_inquiry")
_UNABLE = ("unable.not_held", "unable.needs_creation", "unable.unclear_after_correction")


def _apps(rows: Sequence[str], column: str = "total") -> tuple[tuple[str, str, str], ...]:
    return tuple(("applications", row, column) for row in rows)


def _reviews(columns: Sequence[str]) -> tuple[tuple[str, str, str], ...]:
    return tuple(("reviews", "reviews", column) for column in columns)


#: name -> (Chinese name, numerator cells, denominator cells, the rules that must hold)
INDICATORS = {
    "disclosure_rate": ("公开率", _apps(("granted", "partially_granted")), _apps(("total",)), ("R1", "R3", "R4")),
    "denial_rate": ("不予公开率", _apps(_DENIED), _apps(("total",)), ("R1", "R3", "R4")),
    "unable_rate": ("无法提供率", _apps(_UNABLE), _apps(("total",)), ("R1", "R3", "R4")),
    "not_held_rate": ("不掌握信息率", _apps(("unable.not_held",)), _apps(("total",)), ("R1", "R3", "R4")),
    "carry_forward_rate": ("结转率", _apps(("carried_forward",)), _apps(("new_received", "carried_over")),
                           ("R1", "R3")),
    "review_correction_rate": ("复议纠错率", _reviews(("review.corrected",)), _reviews(("review.total",)), ("R5",)),
    "litigation_correction_rate": ("诉讼纠错率",
                                   _reviews(("litigation_direct.corrected", "litigation_after_review.corrected")),
                                   _reviews(("litigation_direct.total", "litigation_after_review.total")), ("R5",)),
    "natural_person_share": ("申请人构成·自然人", _apps(("new_received",), "natural_person"),
                             _apps(("new_received",)), ("R3",)),
    "organisation_share": ("申请人构成·法人或其他组织",
                           tuple(("applications", "new_received", c) for c in _ORGS), _apps(("new_received",)),
                           ("R3",)),
}


@attrs.frozen
class Indicator:
    """An indicator's value (a ratio as a Decimal, None when it cannot be computed) and why not."""

    name: str
    name_zh: str
    value: Decimal | None
    reason: str = ""


def indicators(report: Report, findings: Sequence[Finding]) -> dict[str, Indicator]:
    """Every indicator of :data:`INDICATORS` for *report*, judged by *findings*
    (``validate(report)``: a rule that fails makes the indicators that need it None)."""
    failed = [f for f in findings if f.detail("status") == "failed"]
    out = {}
    for name, (zh, numerator, denominator, rules) in INDICATORS.items():
        out[name] = _one(report, name, zh, numerator, denominator, rules, failed)
    return out


def _one(report: Report, name: str, zh: str, numerator, denominator, rules, failed) -> Indicator:
    mine = {*numerator, *denominator}
    broken = list(dict.fromkeys(f.rule for f in failed if f.rule in rules and mine & {c.key for c in f.cells}))
    if broken:
        return Indicator(name, zh, None, f"{', '.join(broken)} fails in this report: its cells do not add up")
    values = []
    for key in (*numerator, *denominator):
        cell = report.cell(*key)
        if cell is None or cell.kind == "absent":
            return Indicator(name, zh, None, f"{'/'.join(key)} was not read")
        if cell.value is None:
            return Indicator(name, zh, None, f"{'/'.join(key)} is blank")
        values.append(Decimal(cell.value))
    top, bottom = sum(values[:len(numerator)]), sum(values[len(numerator):])
    if bottom == 0:
        return Indicator(name, zh, None, "the denominator is 0")
    return Indicator(name, zh, top / bottom)
