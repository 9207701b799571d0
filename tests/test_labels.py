"""Labels -> template keys (mapping.match_row / match_column) and section headings."""
from __future__ import annotations

import pytest

from govdisclose.mapping import match_column, match_row
from govdisclose.sections import CANONICAL_HEADINGS, heading_number
from govdisclose.templates import national

PRE = national("pre2021")
POST = national("post2021")
NATIONAL = {"pre2021": PRE, "post2021": POST}


def _blocks():
    for tid, template in NATIONAL.items():
        for table in template.tables:
            for block in table.blocks:
                yield tid, table, block


def _row_cases():
    for tid, table, block in _blocks():
        for row in block.rows:
            if row.label:                      # table 3's single data row is positional, unlabelled
                yield pytest.param(block, row, id=f"{tid}:{table.key}:{row.key}")


def _column_cases():
    for tid, table, block in _blocks():
        for column in block.columns:
            yield pytest.param(block, column, id=f"{tid}:{table.key}:{block.key}:{column.key}")


def row_key(block, *label):
    row = match_row(block, tuple(label))
    return None if row is None else row.key


def column_key(block, text):
    column = match_column(block, text)
    return None if column is None else column.key


def applications(template):
    return template.table("applications").blocks[0]


def active(template, block):
    return template.table("active_disclosure").block(block)


# -- every template label matches its own row / column ----------------------------------------

@pytest.mark.parametrize("block, row", list(_row_cases()))
def test_every_row_label_matches_its_row(block, row):
    for name in row.names():
        assert row_key(block, name) == row.key
    if row.group:
        assert row_key(block, row.group, row.label) == row.key


@pytest.mark.parametrize("block, column", list(_column_cases()))
def test_every_column_label_matches_its_column(block, column):
    for name in column.names():
        assert column_key(block, name) == column.key


def test_the_templates_have_the_expected_rows():
    assert len(applications(PRE).rows) == 23
    assert len(applications(POST).rows) == 25
    assert [r.key for r in active(POST, "item1").rows] == ["regulations", "normative_documents"]
    assert [c.key for c in active(PRE, "item9").columns] == ["procurement_items", "procurement_amount"]


# -- row label variants ---------------------------------------------------------------------------

@pytest.mark.parametrize("label, key", [
    ("(一)予以公开", "granted"),
    ("（一）予以公开", "granted"),
    ("（二）部分公开", "partially_granted"),
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "partially_granted"),
    ("1.属于国家秘密", "denied.state_secret"),
    ("1、属于国家秘密", "denied.state_secret"),
    ("1．属于国家秘密", "denied.state_secret"),
    ("1. 属于 国家秘密", "denied.state_secret"),
    ('3.危及"三安全一稳定"', "denied.three_safeties_one_stability"),
    ("3、危及“三安全一稳定”", "denied.three_safeties_one_stability"),
    ("一、本年新收政府信息公开申请数量", "new_received"),
    ("本年新收 政府信息公开申请数量", "new_received"),
    ("本年新收政府信息公开申请", "new_received"),
    ("二、上年结转政府信息公开申请数量", "carried_over"),
    ("（七）总计", "total"),
    ("七、总计", "total"),
    ("合计", "total"),
    ("四、结转下年度继续办理", "carried_forward"),
    ("结转下年度继续办理", "carried_forward"),
])
@pytest.mark.parametrize("template", ["pre2021", "post2021"])
def test_application_row_variants(template, label, key):
    assert row_key(applications(NATIONAL[template]), label) == key


# was a bug (fixed): see the git history for the xfail that marked it
@pytest.mark.parametrize("label, key", [
    ("一 、本年新收政府信息公开申请数量", "new_received"),
    ("四 、结转下年度继续办理", "carried_forward"),
], ids=["new_received", "carried_forward"])
def test_space_inside_the_ordinal(label, key):
    assert row_key(applications(POST), label) == key


def test_2021_other_rows():
    block = applications(POST)
    assert row_key(block, "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请") == "other.overdue_correction"
    assert row_key(block, "2.申请人逾期未按收费通知要求缴纳费用,行政机关不再处理其政府信息公开申请") == "other.unpaid_fee"
    assert row_key(block, "(六)其他处理", "3.其他") == "other.other"
    assert row_key(block, "（六）其他处理") is None          # a group cell, no row of its own in 2021
    assert row_key(applications(PRE), "（六）其他处理") == "other"


def test_label_parts_innermost_first():
    block = applications(POST)
    assert row_key(block, "三、本年度办理结果", "（一）予以公开") == "granted"
    assert row_key(block, "（三）不予公开", "1.属于国家秘密") == "denied.state_secret"
    assert row_key(block, "（四）无法提供", "1.本机关不掌握相关政府信息") == "unable.not_held"
    assert row_key(block, "（三）不予公开") is None


@pytest.mark.parametrize("template", ["pre2021", "post2021"])
def test_guidance_and_spacing_in_active_rows(template):
    block = active(NATIONAL[template], "item1")
    assert row_key(block, "规章（设区的市、自治州人民政府应提供相关数据）") == "regulations"
    assert row_key(block, "规章(设区的市、自治州人民政府应提供相关数据)") == "regulations"
    assert row_key(block, "规 章") == "regulations"
    assert row_key(block, "规范性文件(行政机关制定发布的决定、公告、通告、意见、通知)") == "normative_documents"
    # 规范性文件 (2019) and 行政规范性文件 (2021) are aliases of each other in both templates
    assert row_key(block, "规范性文件") == "normative_documents"
    assert row_key(block, "行政规范性文件") == "normative_documents"


def test_pre2021_active_rows_with_guidance():
    assert row_key(active(PRE, "item5"), "其他对外管理服务事项(指行政许可以外的政务服务事项,含行政确认)") \
        == "other_management_services"
    assert row_key(active(PRE, "item5"), "其他对外管理 服务事项") == "other_management_services"
    assert row_key(active(PRE, "item9"), "政府集中采购") == "centralized_procurement"


@pytest.mark.parametrize("label", ["本年度新闻发布会", "其他主动公开文件", "规章制度建设情况", "", "总体情况"])
def test_unrelated_labels_match_nothing(label):
    assert row_key(applications(POST), label) is None
    assert row_key(active(PRE, "item1"), label) is None


def test_empty_label_matches_nothing():
    assert match_row(applications(PRE), ()) is None


# -- column header variants -------------------------------------------------------------------------

def test_truncated_headers():
    block = active(PRE, "item1")
    assert column_key(block, "对外公开总数") == "total_published"           # seed-003's truncated header
    assert column_key(block, "对外公开总数量") == "total_published"
    assert column_key(block, "本年新 制作数量") == "newly_made"
    assert column_key(block, "本年新 公开数量") == "newly_published"
    assert column_key(active(POST, "item8"), "本年收费金额") == "fee_amount"


@pytest.mark.parametrize("header, key", [
    ("上一年项目数量 (指2019年事项数)", "previous_year_items"),
    ("本年增/减 (指2020年增加或减少的事项数,减用负值表示,如-8)", "change"),
    ("处理决定数量 (指2020年办件量)", "decisions"),
    ("本年增减", "change"),
    ("本年处理决定数量", "decisions"),
])
def test_hubei_style_headers_with_guidance(header, key):
    assert column_key(active(PRE, "item5"), header) == key
    assert column_key(active(PRE, "item6"), header) == key


def test_hubei_style_fee_and_procurement_headers():
    assert column_key(active(PRE, "item8"), "上一年项目数量 (指2019年收费项目数)") == "previous_year_items"
    assert column_key(active(PRE, "item8"), "本年增/减 (指2020年增加的收费项目数,减用负值表示,如-8)") == "change"
    item9 = active(PRE, "item9")
    items = match_column(item9, "采购项目数量 (指2020年以政府集中采购方式采购的项目总个数)")
    amount = match_column(item9, "采购总金额 (指2020年以政府集中采购方式采购的项目已支付的总金额)")
    assert (items.key, items.vtype) == ("procurement_items", "count")
    assert (amount.key, amount.vtype) == ("procurement_amount", "money?")


def test_2021_headers():
    item1 = active(POST, "item1")
    assert column_key(item1, "现行有效件数 (历史累计)") == "in_force"
    fee = match_column(active(POST, "item8"), "本年收费金额(单位:万元)")
    assert (fee.key, fee.vtype) == ("fee_amount", "money")
    assert column_key(active(POST, "item5"), "处理决定数量") == "decisions"


def test_application_headers():
    block = applications(POST)
    assert [column_key(block, h) for h in ("自然人", "商业 企业", "科研 机构", "社会公益组织", "法律服务机构",
                                           "其他", "总计")] == \
        ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
         "legal_service_org", "other_org", "total"]
    assert column_key(block, "合计") == "total"


@pytest.mark.parametrize("header", ["信息内容", "申请人情况", "法人或其他组织", "与本表无关", "", "公开总数"])
def test_unrelated_headers_match_nothing(header):
    assert column_key(active(PRE, "item1"), header) is None
    assert column_key(applications(PRE), header) is None


# -- section headings -------------------------------------------------------------------------------

@pytest.mark.parametrize("number, heading", sorted(CANONICAL_HEADINGS.items()))
def test_canonical_headings(number, heading):
    assert heading_number(heading) == number
    assert heading_number(heading.replace("、", ".")) == number
    assert heading_number(" " + heading + " ") == number


@pytest.mark.parametrize("heading, number", [
    # 一
    ("总体情况", 1),
    ("一、总体工作情况", 1),
    ("一、政府信息公开工作总体情况", 1),
    ("一、2025年政务公开工作总体情况", 1),
    ("一、概述", 1),
    ("一 、总体情况", 1),
    ("一，总体情况", 1),
    # 二
    ("二、行政机关主动公开政府信息情况", 2),
    ("二、本年度主动公开政府信息情况", 2),
    ("二、主动公开政务信息情况", 2),
    ("二、主动公开政府信息的情况", 2),
    ("主动公开政府信息情况", 2),
    # 三
    ("三、行政机关收到和处理信息公开申请情况", 3),
    ("三、收到和处理政府信息公开申请情况统计表", 3),
    ("三、收到和处理政府信息公开申请情况（数据准确、要素齐全）", 3),
    ("三、依申请公开政府信息情况", 3),
    # 四
    ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 4),
    ("四、因政府信息公开工作被行政复议、提起行政诉讼情况", 4),
    ("四、政府信息公开工作行政复议、行政诉讼情况", 4),
    ("四、被申请行政复议、提起行政诉讼情况", 4),
    ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", 4),
    ("四、因政府信息公开申请行政复议和提起行政诉讼情况", 4),
    # 五
    ("五、存在的主要问题和改进情况", 5),
    ("五、政府信息公开工作存在的主要问题及改进情况", 5),
    ("五、存在的问题及改进情况", 5),
    ("五、存在问题及改进情况", 5),
    ("五、存在主要问题及改进情况", 5),
    ("五、存在问题与改进方向", 5),
    ("五、存在的主要问题及改进思路", 5),
    ("五、信息公开工作存在的主要问题及改进措施", 5),
    ("五、政务信息工作存在主要问题和改进情况", 5),
    # 六
    ("其他需要报告的事项", 6),
    ("六、其他需要报告的事项（文字描述）", 6),
    ("七、其他需要报告的事项", 6),          # an inserted section shifts the ordinal; the words decide
    # OCR artefacts before the ordinal
    ("l二、主动公开政府信息情况", 2),
    ("I一、总体情况", 1),
])
def test_heading_variants(heading, number):
    assert heading_number(heading) == number


def test_heading_with_a_leading_pipe_artefact():
    # was a bug: every line holding a "|" was rejected before the [|lI] ordinal prefix was tried
    assert heading_number("|一、总体情况") == 1


def test_heading_one_without_ordinal_with_prefix():
    # was a bug: without an ordinal only the exact canonical words were accepted (spec §2.2 lists this one)
    assert heading_number("政府信息公开工作总体情况") == 1


@pytest.mark.parametrize("line", [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "四、结转下年度继续办理",
    "五、专项整改情况",
    "（七）总计",
    "（一）加强组织领导，强化责任分工",
    "（一）总体情况",
    "1.总体情况",
    "一、总体情况。",
    "二、主动公开政府信息情况 | ",
    "2020年，我镇以打造服务型机关为目标，把落实信息公开作为增强工作透明度。",
    "全年主动公开政府信息7074条，其中规范性文件3件。",
    "我局高度重视政府信息公开工作，主动公开政府信息情况良好，存在的问题及改进情况已作说明",
    "",
    "   ",
])
def test_non_headings(line):
    assert heading_number(line) is None
