"""The indicators (issue 18), on hand-computed values."""
from __future__ import annotations

from decimal import Decimal

import pytest

import govdisclose
from govdisclose.indicators import INDICATORS

from conftest import real_report, seed_path


def _values(report) -> dict:
    return {name: ind.value for name, ind in govdisclose.indicators(report).items()}


def test_seed_001_by_hand():
    """冶金街道 2024: 3 new, 0 carried over; 总计 2 = 部分公开 1 + 其他 1; 1 carried forward."""
    values = _values(govdisclose.parse(seed_path("seed-001")))
    assert values["disclosure_rate"] == Decimal(1) / 2
    assert values["denial_rate"] == values["unable_rate"] == values["not_held_rate"] == 0
    assert values["carry_forward_rate"] == Decimal(1) / 3
    assert values["natural_person_share"] == 1 and values["organisation_share"] == 0
    reasons = govdisclose.indicators(govdisclose.parse(seed_path("seed-001")))
    assert reasons["review_correction_rate"].value is None and reasons["review_correction_rate"].reason == \
        "the denominator is 0"


def test_a_blank_cell_or_a_failing_rule_makes_an_indicator_null_with_the_reason():
    blank = govdisclose.indicators(govdisclose.parse(seed_path("seed-002")))     # 予以公开 printed blank
    assert blank["disclosure_rate"].value is None and "granted/total is blank" in blank["disclosure_rate"].reason
    assert blank["denial_rate"].value == 1                                      # 1 of 1: 属于国家秘密
    text = seed_path("seed-001").read_text(encoding="utf-8").replace("(七)总计 | 2 |", "(七)总计 | 5 |")
    broken = govdisclose.indicators(govdisclose.parse(text))
    assert broken["disclosure_rate"].value is None and "R3 fails" in broken["disclosure_rate"].reason   # total/total
    assert broken["natural_person_share"].value == 1          # R3 holds in 一、本年新收: still computed


def test_a_real_report_by_hand():
    """洪泽区 2024 (the gold): 予以公开 50 + 部分公开 9 of 总计 95; 不掌握 31; 复议 纠正 1 of 2;
    诉讼 纠正 0 of 1 + 3."""
    pytest.importorskip("pdfplumber", reason="the real PDFs are read with pdfplumber (the pdf extra)")
    values = _values(govdisclose.parse(real_report("hongze-2024")))
    assert values["disclosure_rate"] == Decimal(59) / 95
    assert values["not_held_rate"] == Decimal(31) / 95
    assert values["carry_forward_rate"] == 0
    assert values["review_correction_rate"] == Decimal(1) / 2
    assert values["litigation_correction_rate"] == 0


def test_the_indicators_frame_one_row_a_report():
    pytest.importorskip("pandas")
    reports = [govdisclose.parse(seed_path(n)) for n in ("seed-001", "seed-002")]
    frame = govdisclose.indicators_frame(reports)
    assert len(frame) == 2 and str(frame["disclosure_rate"].dtype) == "Float64"
    assert frame.loc[0, "disclosure_rate"] == 0.5 and frame["disclosure_rate"].isna().iloc[1]
    assert "blank" in frame.loc[1, "disclosure_rate_reason"]
    assert all(name in frame.columns and f"{name}_reason" in frame.columns for name in INDICATORS)


def test_every_indicator_is_documented_with_its_formula():
    import pathlib
    doc = (pathlib.Path(__file__).resolve().parent.parent / "docs" / "indicators.md").read_text(encoding="utf-8")
    for name, (zh, *_rest) in INDICATORS.items():
        assert f"`{name}`" in doc and zh in doc
