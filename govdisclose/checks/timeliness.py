"""Timeliness: was the report published by the legal deadline?

政府信息公开条例 第四十九条: the departments of governments at county level and above
publish their report on a year by 31 January of the next; those governments (through their
政府信息公开工作主管部门) by 31 March. Which deadline applies comes from the agency's kind,
told from its name (:func:`govdisclose.agency.agency_kind`; :func:`deadline_kind`):

* ``government``: a government at county level or above (…省人民政府, …市人民政府,
  …县人民政府, …区人民政府, …自治州人民政府, …旗人民政府, or the place's bare name:
  保康县): 31 March;
* ``department``: one of their departments or bodies (…局, …委员会, …厅, …办公室,
  …中心 …, not a government itself): 31 January;
* ``township``: a 乡, 镇 or 街道 — 第四十九条 sets no date for them (local rules do), so
  the rule is not assessable;
* ``None``: the kind cannot be told (a 开发区 or 管委会; a 人民政府办公室, which publishes its
  own report and often its government's; a name the report does not state).

The date checked is the one the report states under its signature (``meta.date``); without
it nothing is checked. ``meta.late`` is a warning when that date is past the deadline, and
info (not assessable) when the deadline cannot be told, saying why.
"""
from __future__ import annotations

import datetime
from typing import Iterator

from ..agency import OFFICE, agency_kind, cleaned
from ..findings import finding
from ..model import INFO, WARNING, Finding, Report
from ..rules import declare, raises
from ..templates.spec import Template

__all__ = ["deadline_kind", "deadline", "timeliness", "DEADLINES"]

META_LATE = declare("meta.late", (WARNING, INFO), "published after the legal deadline (条例第四十九条)",
                    "晚于法定期限公布（条例第四十九条）")

DEADLINES = {"government": (3, 31, "县级以上地方人民政府"), "department": (1, 31, "县级以上人民政府部门")}

_BY_KIND = {"province": "government", "city": "government", "county": "government", "department": "department",
            "township": "township"}


def deadline_kind(agency: str | None) -> str | None:
    """``government``, ``department``, ``township`` or None (see the module doc), from the
    agency's kind (:func:`govdisclose.agency.agency_kind`)."""
    if not agency or OFFICE.search(cleaned(agency)):
        return None                 # (an office publishes its own report and often its government's)
    return _BY_KIND.get(agency_kind(agency)[0])


def deadline(kind: str | None, year: int) -> datetime.date | None:
    """The last day to publish the report on *year* for an agency of *kind* (None: no date)."""
    if kind not in DEADLINES:
        return None
    month, day, _ = DEADLINES[kind]
    return datetime.date(year + 1, month, day)


@raises(META_LATE)
def timeliness(report: Report, template: Template) -> Iterator[Finding]:
    """``meta.late``: the report's date past its deadline (warning), or no deadline to tell (info)."""
    m = report.meta
    if not m.date or not m.year or m.year < 2019:
        return
    try:
        published = datetime.date.fromisoformat(m.date)
    except ValueError:
        return
    kind = deadline_kind(m.agency)
    due = deadline(kind, m.year)
    details = (("date", m.date), ("year", m.year), ("agency", m.agency), ("kind", kind))
    if due is None:
        why_en, why_zh = (("the 条例 (第四十九条) sets no date for a township or street (local rules do)",
                           "条例第四十九条未规定乡镇、街道的公布期限（以地方规定为准）") if kind == "township" else
                          ("the agency's kind (a government or a department) cannot be told from its name",
                           "无法从机关名称判断其为政府还是政府部门"))
        yield finding(META_LATE, INFO, en=f"timeliness is not assessable: {why_en}",
                      zh=f"无法判断是否按期公布：{why_zh}", details=details)
        return
    if published <= due:
        return
    who = DEADLINES[kind][2]
    yield finding(META_LATE, WARNING,
                  en=f"dated {m.date}, after the deadline {due.isoformat()} for a {kind} (条例第四十九条: "
                     f"{who}), {(published - due).days} days late",
                  zh=f"报告落款日期{m.date}晚于法定期限{due.isoformat()}（条例第四十九条：{who}），"
                     f"逾期{(published - due).days}天",
                  details=details + (("deadline", due.isoformat()),))
