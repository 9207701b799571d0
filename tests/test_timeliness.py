"""Timeliness (issue 17): the report's date against 条例第四十九条's deadline for its kind."""
from __future__ import annotations

import attrs
import pytest

import govdisclose
from govdisclose.checks.timeliness import deadline, deadline_kind

from conftest import seed_path


@pytest.mark.parametrize("agency, kind", [
    ("淮安市人民政府", "government"), ("洪泽区人民政府", "government"), ("淮安市洪泽区人民政府", "government"),
    ("保康县", "government"), ("江苏省人民政府", "government"), ("鄂尔多斯市达拉特旗人民政府", "government"),
    ("朝阳市龙城区住房和城乡建设局", "department"), ("湖北省发展和改革委员会", "department"),
    ("淮安市人民政府办公室", None), ("平潭综合实验区", None), ("苏州工业园区管委会", None), ("某某社区", None),
    ("冶金街道", "township"), ("棉洋镇人民政府", "township"), ("郑庄子镇", "township"), ("某某乡", "township"),
    (None, None), ("", None)])
def test_the_deadline_kind_is_told_from_the_agency_name(agency, kind):
    assert deadline_kind(agency) == kind


def _dated(name: str, agency: str, date: str):
    report = govdisclose.parse(seed_path(name))
    return attrs.evolve(report, meta=attrs.evolve(report.meta, agency=agency, date=date))


def _late(report):
    return [(f.severity, f.detail("deadline")) for f in govdisclose.validate(report) if f.rule == "meta.late"]


def test_a_department_after_31_january_is_late_a_government_is_not_until_31_march():
    report = govdisclose.parse(seed_path("seed-004"))                # 朝阳市龙城区住房和城乡建设局, on 2022
    assert report.meta.year == 2022 and _late(report) == []          # dated 2022-12-30
    assert _late(_dated("seed-004", report.meta.agency, "2023-01-31")) == []
    assert _late(_dated("seed-004", report.meta.agency, "2023-02-01")) == [("warning", "2023-01-31")]
    assert _late(_dated("seed-004", "龙城区人民政府", "2023-03-31")) == []
    assert _late(_dated("seed-004", "龙城区人民政府", "2023-04-01")) == [("warning", "2023-03-31")]
    (f,) = [f for f in govdisclose.validate(_dated("seed-004", "龙城区人民政府", "2023-04-10"))
            if f.rule == "meta.late"]
    assert "逾期10天" in f.message_zh and "第四十九条" in f.message_zh


def test_where_the_kind_or_the_deadline_cannot_be_told_it_is_not_assessable():
    for agency in ("平潭综合实验区", "龙城区人民政府办公室", "冶金街道"):
        assert _late(_dated("seed-004", agency, "2023-06-01")) == [("info", None)]
    assert _late(_dated("seed-004", "龙城区人民政府", None)) == []        # no date: nothing checked


def test_the_deadline_is_the_next_year():
    assert str(deadline("department", 2024)) == "2025-01-31" and str(deadline("government", 2024)) == "2025-03-31"
    assert deadline("township", 2024) is None and deadline(None, 2024) is None
