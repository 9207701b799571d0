"""Any text read as a stream of labels and numbers (govdisclose/stream.py, choose.py).

The promise: a number given is the report's number; where the text cannot tell, the cell is
unresolved and a finding says why. Real reports are read from ``../shared/real/`` at test
time (skipped where that folder is absent); generated reports cover every form users meet.
"""
from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
import govdisclose.templates
from govdisclose import testing

from conftest import seed_path

ROOT = pathlib.Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
REAL_NAMES = ("hongze-2023", "hongze-2024", "huaian-2024", "pingtan-2023", "shuyang-2025")


def real_report(name: str) -> pathlib.Path:
    found = sorted((REAL / "reports").glob(name + ".*"))
    if not found:
        pytest.skip(f"{REAL / 'reports'} is absent (the real reports are not in the repository)")
    return found[0]


def real_gold(name: str) -> dict:
    return json.loads((REAL / "gold" / f"{name}.json").read_text(encoding="utf-8"))


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
        pytest.importorskip("govdisclose_pdf")
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


def test_single_other_row_of_a_2021_report_keeps_its_own_key():
    pytest.importorskip("govdisclose_pdf")
    report = govdisclose.parse(real_report("hongze-2024"))
    assert report.value("applications", "other", "total") == 0
    assert report.cell("applications", "other.other", "total") is None
    assert not [f for f in report.findings if f.rule == "parse.unknown-row"]
    variant = [f for f in report.findings if f.rule == "recover.label-variant"]
    assert variant and variant[0].row == "denied.prohibited_by_law"


@pytest.mark.parametrize("mode", ["-layout", "-raw", None])
@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
def test_real_pdf_through_pdftotext_is_never_wrong(name, mode, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", *([mode] if mode else []), str(real_report(name)), str(out)], check=True)
    report = govdisclose.parse(out)
    wrong, unresolved = compare(report, real_gold(name)["cells"])
    assert wrong == []
    if mode:                                 # -layout and -raw keep rows: every cell read
        assert unresolved == []
    for c in unresolved:                     # the default mode prints columns apart: each unresolved row says why
        assert any(f.table == c["table"] and (f.row in (c["row"], None) or c["row"] in (f.detail("rows") or ()))
                   for f in report.findings)


# -- the three named cases ------------------------------------------------------------------------

def page_text(report, how: str = "spaces") -> str:
    import lxml.html
    doc = lxml.html.fromstring(govdisclose.render(report, layout="html"))
    parts = [s.strip() for s in doc.itertext() if s.strip()]
    return {"spaces": " ".join(parts), "lines": "\n".join(parts), "nosep": "".join(parts)}[how]


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


def test_prose_naming_a_variants_marker_does_not_change_the_template():
    pytest.importorskip("govdisclose_hubei")
    text = seed_path("seed-001").read_text(encoding="utf-8").replace(
        "一、总体情况", "一、总体情况\n其他主动公开文件均在门户网站发布。", 1)
    report = govdisclose.parse(text)
    assert (report.meta.template, report.meta.variant) == ("post2021", None)
    assert "template.variant-unconfirmed" in {f.rule for f in report.findings}
    assert govdisclose.parse(seed_path("seed-002")).meta.variant == "hubei-2020"   # its own row is there


# -- every form of generated reports: never a wrong cell ---------------------------------------------

FORMS = ("spaces", "lines", "nosep")


@pytest.mark.parametrize("how", FORMS)
@pytest.mark.parametrize("name", ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"])
def test_seed_page_text_is_never_wrong(name, how):
    report = govdisclose.parse(seed_path(name))
    again = govdisclose.parse(page_text(report, how))
    mismatched = [(c.key, c.value, report.value(*c.key)) for c in again.cells
                  if c.kind in ("number", "blank") and report.cell(*c.key) is not None
                  and c.value != report.value(*c.key)]
    assert mismatched == []
    if how != "nosep":                      # numbers apart: every cell read
        assert [c.key for c in again.cells if "unresolved" in c.provenance] == []


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), how=st.sampled_from(FORMS), template=st.sampled_from(["post2021", "pre2021"]))
def test_generated_report_page_text_is_never_wrong(data, how, template):
    report = data.draw(testing.reports(template))
    again = govdisclose.parse(page_text(report, how), template=template)
    mismatched = [(c.key, c.value, report.value(*c.key)) for c in again.cells
                  if c.kind in ("number", "blank") and report.cell(*c.key) is not None
                  and report.cell(*c.key).kind != "absent" and c.value != report.value(*c.key)]
    assert mismatched == []
