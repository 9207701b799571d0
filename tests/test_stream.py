"""Any text read as a stream of labels and numbers (govdisclose/stream.py, choose.py).

The promise: a number given is the report's number; where the text cannot tell, the cell is
unresolved and a finding says why. Real reports are read from ``../shared/real/`` at test
time (skipped where that folder is absent); generated reports cover every form users meet.
"""
from __future__ import annotations


import attrs
import pytest

import govdisclose
import govdisclose.templates
from govdisclose import testing

from conftest import REAL_NAMES, pdftotext, real_gold, real_report, seed_path

def compare(report, gold_cells) -> tuple[list, list]:
    """(wrong, unresolved) gold cells: a wrong cell has another value than the gold's."""
    wrong, unresolved = [], []
    for c in gold_cells:
        cell = report.cell(c["table"], c["row"], c["column"])
        if cell is None or "unresolved" in cell.provenance or (cell.kind == "absent" and c["value"] is not None):
            unresolved.append(c)
        elif (cell.value is None) != (c["value"] is None) or (
                cell.value is not None and float(cell.value) != float(c["value"])):
            wrong.append((c, cell.value))
    return wrong, unresolved


# -- real reports, as published and as pdftotext makes them -----------------------------------------

@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_report_is_read_exactly(name):
    path = real_report(name)
    if path.suffix == ".pdf":
        pytest.importorskip("pdfplumber", reason="the pdf extra reads PDFs")
    gold = real_gold(name)
    report = govdisclose.parse(path)
    wrong, unresolved = compare(report, gold["cells"])
    assert wrong == [] and unresolved == []
    assert report.meta.year == gold["meta"]["year"] and report.meta.template == gold["meta"]["template"]
    if "agency_contains" in gold["meta"]:
        assert gold["meta"]["agency_contains"] in (report.meta.agency or "")


def test_crawler_header_gives_title_agency_and_date():
    report = govdisclose.parse(real_report("pingtan-2023"))
    assert report.meta.title == "平潭综合实验区2023年度政府信息公开工作年度报告"
    assert report.meta.agency == "平潭综合实验区"
    assert report.meta.date == "2024-03-08"
    # the whole report on one line: its six sections are cut out of it
    assert [s.heading for s in report.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert "parse.no-sections" not in {f.rule for f in report.findings}


def test_single_other_row_of_a_2021_report_keeps_its_own_key():
    pytest.importorskip("pdfplumber", reason="the pdf extra reads PDFs")
    report = govdisclose.parse(real_report("hongze-2024"))
    assert report.value("applications", "other", "total") == 0
    assert report.cell("applications", "other.other", "total") is None
    assert not [f for f in report.findings if f.rule == "parse.unknown-row"]
    variant = [f for f in report.findings if f.rule == "recover.label-variant"]
    assert variant and variant[0].row == "denied.prohibited_by_law"


def _one_other_row(values: str, layout: str = "pipe") -> str:
    """seed-001 with （六）其他处理 printed as one row (the 2019 way) in place of its three."""
    text = seed_path("seed-001").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("(六)其他处理"))
    lines[at:at + 3] = ["(六)其他处理 | " + " | ".join(values.split()) + " | |"]
    text = "\n".join(lines)
    if layout == "pipe":
        return text
    return govdisclose.render(govdisclose.parse(text), layout=layout)


@pytest.mark.parametrize("layout", ["pipe", "html", "markdown"])
def test_a_group_printed_as_one_row_is_read_by_every_reader_and_checked(layout):
    report = govdisclose.parse(_one_other_row("1 0 0 0 0 0 1", layout))
    assert [report.value("applications", "other", c) for c in ("natural_person", "other_org", "total")] == [1, 0, 1]
    rows = [c.row for c in report.cells if c.table == "applications"]
    assert "other.other" not in rows and rows.index("other") == rows.index("total") - 7    # in its place
    assert not [f for f in (*report.findings, *govdisclose.validate(report)) if f.table]

    broken = govdisclose.parse(_one_other_row("2 0 0 0 0 0 1", layout))
    found = {(f.rule, f.row) for f in govdisclose.validate(broken) if f.severity == "error"}
    assert found == {("R3", "other"), ("R4", "total")}          # R3 on its own row, R4 counts it


@pytest.mark.parametrize("mode", ["layout", "raw", "default"])
@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
def test_real_pdf_through_pdftotext_is_never_wrong(name, mode):
    report = govdisclose.parse(pdftotext(real_report(name), mode))
    wrong, unresolved = compare(report, real_gold(name)["cells"])
    assert wrong == []
    if mode != "default":                               # -layout and -raw keep rows: every cell read
        assert unresolved == []
    for c in unresolved:                     # the default mode prints columns apart: each unresolved row says why
        assert any(f.table == c["table"] and (f.row in (c["row"], None) or c["row"] in (f.detail("rows") or ()))
                   for f in report.findings)


# -- the three named cases ------------------------------------------------------------------------

def page_text(report, how: str = "spaces") -> str:
    return testing.page_text(report, how)


def test_vanished_blanks_leave_the_cell_unresolved_with_its_candidates():
    text = page_text(govdisclose.parse(seed_path("seed-001"))).replace("规章 0 0 0", "规章 0 0")
    report = govdisclose.parse(text)
    cells = [report.cell("active_disclosure", "regulations", c) for c in ("issued", "repealed", "in_force")]
    assert all(c.value is None and "unresolved" in c.provenance for c in cells)
    (f,) = [f for f in report.findings if f.rule == "recover.ambiguous" and f.row == "regulations"]
    assert set(f.detail("candidates")) == {("0", "0", None), ("0", None, "0"), (None, "0", "0")}
    assert report["active_disclosure", "normative_documents", "issued"] == 0     # the next row is kept


def test_carried_forward_row_never_takes_table_3s_numbers():
    # 四、结转 written 0, five blanks, 0 (the blanks vanished), then table 3 with numbers of its own
    text = ("某县2023年度政府信息公开工作年度报告 三、收到和处理政府信息公开申请情况 申请人情况 自然人 商业企业 科研机构 "
            "社会公益组织 法律服务机构 其他 总计 一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1 "
            "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0 （七）总计 1 0 0 0 0 0 1 四、结转下年度继续办理 0 0 "
            "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 "
            "1 1 0 0 2 0 0 0 1 1 0 0 0 0 0 五、存在的主要问题及改进情况 无。")
    report = govdisclose.parse(text, template="post2021")
    row = [report.cell("applications", "carried_forward", c.key)
           for c in govdisclose.templates.national("post2021").table("applications").blocks[0].columns]
    assert all(c.value in (None, 0) for c in row)
    assert any("unresolved" in c.provenance for c in row)           # which cells are blank cannot be told
    assert [report.value("reviews", "reviews", k) for k in ("review.upheld", "review.corrected", "review.total",
                                                           "litigation_direct.total")] == [1, 1, 2, 1]


def test_numbers_standing_before_a_label_leave_its_row_unresolved_unless_its_sum_holds():
    """A PDF cell too narrow for its number wraps it: parts of the row's numbers stand above
    its (vertically centred) label, the rest after it. The row is not read from the rest."""
    text = page_text(govdisclose.parse(seed_path("seed-001")))
    wrapped = text.replace("其他 一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3",
                           "其他 30 1 一、本年新收政府信息公开申请数量 3 0 0 0 0 0 33")
    report = govdisclose.parse(wrapped)
    row = [report.cell("applications", "new_received", c) for c in ("natural_person", "total")]
    assert all(c.value is None and "unresolved" in c.provenance for c in row)
    (f,) = [f for f in report.findings if f.rule == "recover.stray-numbers"]
    assert (f.row, f.detail("numbers")) == ("new_received", ("30", "1"))
    assert report.value("applications", "carried_over", "total") == 0             # the next row is read

    holds = govdisclose.parse(text.replace("其他 一、本年新收", "其他 2024 一、本年新收"))
    assert holds.value("applications", "new_received", "total") == 3              # its sum holds: kept


def test_a_heading_like_line_between_table_3s_title_and_header_does_not_blank_it():
    report = govdisclose.parse(seed_path("seed-001"))
    text = page_text(report).replace("四、政府信息公开行政复议、行政诉讼情况",
                                     "四、政府信息公开行政复议、行政诉讼情况 二、主动公开政府信息情况", 1)
    again = govdisclose.parse(text)
    assert [again.value(*c.key) for c in report.cells if c.table == "reviews"] == \
        [c.value for c in report.cells if c.table == "reviews"]


def test_prose_naming_a_variants_marker_does_not_change_the_template():
    pytest.importorskip("govdisclose_hubei")
    text = seed_path("seed-001").read_text(encoding="utf-8").replace(
        "一、总体情况", "一、总体情况\n其他主动公开文件均在门户网站发布。", 1)
    report = govdisclose.parse(text)
    assert (report.meta.template, report.meta.variant) == ("post2021", None)
    assert "template.variant-unconfirmed" in {f.rule for f in report.findings}
    assert govdisclose.parse(seed_path("seed-002")).meta.variant == "hubei-2020"   # its own row is there


def test_readings_that_tie_and_differ_leave_those_cells_unresolved():
    from govdisclose.choose import combine, readings_of
    template = govdisclose.templates.national("post2021")
    report = govdisclose.parse(seed_path("seed-001"))
    cells = list(report.cells)
    # a second reading: the same cells, one value changed in a way no row sum sees (table 1)
    other = [attrs.evolve(c, value=1999, raw="1999")
             if c.key == ("active_disclosure", "administrative_licensing", "decisions") else c for c in cells]
    out, findings, used = combine(cells, [], [("another", readings_of(other, [], template))], template)
    cell = next(c for c in out if c.key == ("active_disclosure", "administrative_licensing", "decisions"))
    assert cell.value is None and "unresolved" in cell.provenance
    (tie,) = [f for f in findings if f.rule == "read.tie"]
    assert set(tie.detail("readings")) == {("the reader", 1990), ("another", 1999)}
    assert used == []                                                       # the reader's reading kept
    kept = next(c for c in out if c.key == ("active_disclosure", "administrative_penalty", "decisions"))
    assert kept.value == 186 and "unresolved" not in kept.provenance         # the cells they agree on


def test_readings_that_nearly_tie_and_differ_leave_those_cells_unresolved():
    """A reading that fills a cell or two fewer, with no more broken sums, and gives another
    value is a near-tie: the cell is not the better reading's to give (``read.tie``). One
    that fills many fewer is no tie."""
    from govdisclose.choose import NEAR_TIE, combine, readings_of
    template = govdisclose.templates.national("post2021")
    cells = list(govdisclose.parse(seed_path("seed-001")).cells)
    licensing = ("active_disclosure", "administrative_licensing", "decisions")
    emptied = [c.key for c in cells if c.table == "active_disclosure" and c.key != licensing and c.kind == "number"]

    def other(blanked: int) -> list:
        gone = set(emptied[:blanked])
        return [attrs.evolve(c, value=1999, raw="1999") if c.key == licensing else
                attrs.evolve(c, kind="absent", value=None, raw="", provenance=("unresolved",)) if c.key in gone else c
                for c in cells]
    for blanked, tie in ((1, True), (NEAR_TIE, True), (NEAR_TIE + 1, False), (10, False)):
        out, findings, used = combine(cells, [], [("another", readings_of(other(blanked), [], template))], template)
        cell = next(c for c in out if c.key == licensing)
        assert (cell.value is None) == tie and used == [], blanked
        assert bool([f for f in findings if f.rule == "read.tie"]) == tie


def test_a_template_of_the_other_format_scoring_nearly_as_well_is_a_finding():
    text = seed_path("seed-001").read_text(encoding="utf-8")
    plain = govdisclose.parse(text)
    assert not [f for f in plain.findings if f.rule == "template.tie"]
    # prose that names six of the 2019 table's column words: nearly as many markers as the 2021 table has
    words = "本年新制作数量、本年新公开数量、对外公开总数、上一年项目数量、采购项目数量、采购总金额"
    quoted = text.replace("二、主动公开政府信息情况\n", f"二、主动公开政府信息情况\n去年的报告用过旧表（{words}）。\n", 1)
    report = govdisclose.parse(quoted)
    assert report.meta.template == "post2021"
    (near,) = [f for f in report.findings if f.rule == "template.tie"]
    assert "pre2021" in near.message and dict(near.detail("scores"))["post2021"] >= dict(near.detail("scores"))["pre2021"]
    assert [c.value for c in report.cells] == [c.value for c in plain.cells]


def test_a_broken_row_sum_in_a_table_whose_numbers_do_not_fit_is_not_believed():
    """pdfminer's text boxes: a block's numbers come in chunks apart from their labels, and a
    row may be given seven numbers that are other rows' (899 360 0 0 0 0 0: its 总计 0). In a
    table whose numbers do not all fit its rows, such a row is unresolved; where they all
    fit, a broken sum is the report's own and is kept (validation reports it)."""
    from govdisclose.stream import read_stream
    template = govdisclose.host.host().template("post2021")
    text = page_text(govdisclose.parse(seed_path("seed-001")))
    row = "1.属于国家秘密 0 0 0 0 0 0 0"
    assert row in text
    broken = text.replace(row, "1.属于国家秘密 899 360 0 0 0 0 0")
    kept = read_stream(broken, template)["applications"]
    assert [c.value for c in kept.cells if c.row == "denied.state_secret"][:2] == [899, 360]
    disorder = broken.replace("（一）予以公开 0 0 0 0 0 0 0", "（一）予以公开 0 0 0 0 0 0 0 5 5")
    assert disorder != broken
    doubted = read_stream(disorder, template)["applications"]
    assert all(c.value is None for c in doubted.cells if c.row == "denied.state_secret")
    assert any(f.rule == "recover.unaligned" and f.row == "denied.state_secret" for f in doubted.findings)


def test_in_text_boxes_the_row_after_one_that_lacks_a_number_is_not_believed():
    """Plain pdftotext prints numbers one a line with an empty line between, and may print a
    row's last number among the next row's (行政许可 30867 632 / 其他对外管理服务事项 18664
    547833 562, the 562 licensing's). The row after a row whose numbers do not fit is
    unresolved there, unless its sum confirms it; in a page's text, a node a line, it is read."""
    report = govdisclose.parse(seed_path("seed-003"))
    text = testing.page_text(report, "lines")
    rows = "行政许可\n21\n98\n1780\n其他对外管理服务事项\n85\n37\n1852\n"
    assert rows in text
    moved = text.replace(rows, "行政许可\n21\n98\n其他对外管理服务事项\n85\n37\n1852\n")
    read = govdisclose.parse(moved)
    assert [read.value("active_disclosure", "other_management_services", c)
            for c in ("previous_year_items", "change", "decisions")] == [85, 37, 1852]
    boxed = govdisclose.parse(moved.replace("\n", "\n\n"))
    cells = [c for c in boxed.iter_cells("active_disclosure") if c.row == "other_management_services"]
    assert cells and all(c.value is None and c.kind != "blank" for c in cells)
    assert boxed.value("applications", "new_received", "total") == report.value("applications", "new_received", "total")


def test_in_text_boxes_a_lone_number_is_never_cut_into_cells():
    """A text box holds one cell: ``39443`` alone after 3.补正后申请内容仍不明确 is not cut into
    39 · 4 · … · 43 (whose 总计 43 every cut agrees on), as a crawler's run-together digits are."""
    report = govdisclose.parse(seed_path("seed-001"))
    text = testing.page_text(report, "lines")
    row = "3.补正后申请内容仍不明确\n0\n0\n0\n0\n0\n0\n0\n"
    assert row in text
    boxed = govdisclose.parse(text.replace(row, "3.补正后申请内容仍不明确\n39443\n").replace("\n", "\n\n"))
    cells = [c for c in boxed.iter_cells("applications") if c.row == "unable.unclear_after_correction"]
    assert cells and all(c.value is None and c.kind != "blank" for c in cells)


def test_a_line_opening_with_an_ordinal_is_no_number():
    """``1.申请人无正当理由逾期`` (a label cut short, as markitdown leaves it, so not found): its
    ``1`` opens a line before a label character and is the label's ordinal, not a cell. The
    rows before and after are read in order (14 numbers for two rows), not left unresolved
    as 15 numbers for 7 cells."""
    from govdisclose.stream import read_stream
    report = govdisclose.parse(seed_path("seed-001"))
    text = testing.page_text(report, "lines")
    label = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n"
    assert label in text
    reading = read_stream(text.replace(label, "1.申请人无正当理由逾期\n"),
                          govdisclose.host.host().template("post2021"))["applications"]
    for row in ("not_processed.confirm_or_reissue", "other.overdue_correction"):
        assert [c.value for c in reading.cells if c.row == row] == \
            [c.value for c in report.iter_cells("applications") if c.row == row], row
