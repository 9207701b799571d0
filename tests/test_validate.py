"""validate(): the 勾稽 rules, structure checks and R9 on the seeds, on the real report's
prose, and on reports with one number changed in their source text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import govdisclose
from govdisclose import testing
from govdisclose.checks.narrative import claims
from govdisclose.cli import main
from govdisclose.model import ERROR, INFO, WARNING

from conftest import SEEDS, expected_rules, real_gold, real_text, seed_path

EXAMPLE = Path(__file__).parent.parent / "examples" / "yejin-2024.txt"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def huaian() -> str:
    """The real 2024 report of 淮安市 (../shared/real), its PDF through pdftotext -layout at test time."""
    return real_text("huaian-2024")


class Reports(dict):
    """The seeds parsed; the real report parsed when a test asks for it (skipped without ../shared)."""

    def __missing__(self, name):
        self[name] = govdisclose.parse(huaian() if name == "huaian-2024" else seed_path(name))
        return self[name]


@pytest.fixture(scope="module")
def reports() -> dict:
    return Reports()


def rules(findings, severity=None) -> list[tuple]:
    return sorted((f.rule, f.table, f.row, f.column) for f in findings if severity in (None, f.severity))


# -- the seeds, as a careful reader would judge them -------------------------------------

def test_blank_template_seed_000(reports):
    findings = govdisclose.validate(reports["seed-000"])
    assert not [f for f in findings if f.severity == ERROR]
    assert {f.rule for f in findings} == {"data.blank-template", "parse.missing-row", "meta.year-inferred"}
    (blank,) = [f for f in findings if f.rule == "data.blank-template"]
    assert blank.severity == WARNING
    (year,) = [f for f in findings if f.rule == "meta.year-inferred"]     # no 统计期限, no title: 2021年度
    assert (year.severity, year.detail("year"), year.detail("from")) == (INFO, 2021, "年度")


@pytest.mark.parametrize("name", ["seed-001", "seed-004", "huaian-2024"])
def test_consistent_reports_have_no_finding(reports, name):
    found = govdisclose.validate(reports[name])
    if name == "seed-004":          # states no 统计期限 and has no title: its year is its only 年度, 2022
        assert [(f.rule, f.severity, f.detail("year")) for f in found] == [("meta.year-inferred", INFO, 2022)]
    else:
        assert found == ()


def test_a_year_the_report_does_not_state_is_inferred_and_said_so():
    text = read(EXAMPLE).replace("本年度报告中所有数据的统计期限是2024年1月1日至2024年12月31日。", "")
    report = govdisclose.parse(text)
    (year,) = [f for f in report.findings if f.rule == "meta.year-inferred"]
    assert report.meta.year == 2024 and year.severity == WARNING and year.detail("from") == "text"   # 2024年 ×5, 2025年 ×1
    dated = govdisclose.parse(text.replace("2024年", "本年").replace("2025年", "明年").replace(
        "扫一扫在手机上查看当前页面", "冶金街道办事处\n2025年1月20日\n扫一扫在手机上查看当前页面"))   # signed, no year stated
    (year,) = [f for f in dated.findings if f.rule == "meta.year-inferred"]
    assert dated.meta.year == 2024 and year.severity == WARNING and year.detail("from") == "date"


def test_seed_002_blank_row_beside_filled_rows(reports):
    findings = govdisclose.validate(reports["seed-002"])
    assert not [f for f in findings if f.severity == ERROR]
    (blank,) = [f for f in findings if f.rule == "data.blank-row"]
    assert (blank.severity, blank.table, blank.row) == (WARNING, "applications", "granted")
    assert blank.location.line == 34
    r4 = [f for f in findings if f.rule == "R4"]
    assert len(r4) == 7 and {f.severity for f in r4} == {INFO}
    for f in r4:     # not assessable, never passed or failed; it would hold with the blank as 0
        assert f.detail("status") == "not-assessable" and f.detail("holds_if_zero") is True
        assert [c.key for c in f.detail("blank")] == [("applications", "granted", f.column)]
    assert {f.rule for f in findings} == {"R4", "data.blank-row"}


def test_seed_003_money_in_yuan_under_an_unstated_unit(reports):
    (f,) = govdisclose.validate(reports["seed-003"])
    assert (f.rule, f.severity, f.row) == ("value.unit-converted", INFO, "centralized_procurement")


def test_validate_returns_parse_findings_first(reports):
    report = govdisclose.parse(read(seed_path("seed-001")).replace("行政许可 |", "行政许可证 |"))
    findings = govdisclose.validate(report)
    assert findings[:len(report.findings)] == report.findings
    assert "parse.unknown-row" in {f.rule for f in findings}


# -- one number changed in the source text -----------------------------------------------

def with_cell_changed(text: str, cell, new: int) -> str:
    lines = text.split("\n")
    line, column = cell.location.line - 1, cell.location.column - 1
    assert lines[line][column:].startswith(cell.raw)
    lines[line] = lines[line][:column] + str(new) + lines[line][column + len(cell.raw):]
    return "\n".join(lines)


CONSISTENT = {"seed-001": read(seed_path("seed-001")), "seed-004": read(seed_path("seed-004"))}
try:
    CONSISTENT["huaian-2024"] = huaian()
except pytest.skip.Exception:       # no ../shared/real or no pdftotext: the seeds alone
    pass
_parsed = {name: govdisclose.parse(text) for name, text in CONSISTENT.items()}
SUM_CELLS = [(name, c) for name, r in _parsed.items() for c in r.cells
             if c.table in ("applications", "reviews") and c.value is not None]


@settings(deadline=None)
@given(st.sampled_from(SUM_CELLS), st.integers(1, 10_000), st.booleans())
def test_changing_one_cell_breaks_exactly_its_rules(target, delta, down):
    name, cell = target
    new = cell.value - delta if down and cell.value >= delta else cell.value + delta
    text = with_cell_changed(CONSISTENT[name], cell, new)
    report = govdisclose.parse(text)
    assert report[cell.key] == new
    findings = govdisclose.validate(report)
    errors = [f for f in findings if f.severity == ERROR]
    assert {f.rule for f in errors} == expected_rules(*cell.key)
    for f in errors:       # every broken rule names the changed cell, with the difference
        operands = f.detail("left") + f.detail("right")
        assert cell.key in [c.key for c in operands]
        changed = next(c for c in operands if c.key == cell.key)
        assert changed.location == cell.location and changed.value == new
        assert abs(f.detail("difference")) == delta
        assert f.detail("left_sum") - f.detail("right_sum") == f.detail("difference")
        assert f.detail("formula") and f.detail("formula_zh") and f.message and f.message_zh
    # nothing else but what R9 says about the prose that restates this cell
    assert {f.rule for f in findings if f.severity != ERROR} <= {"R9", "meta.year-inferred"}   # (seed-004 states no year)


@pytest.mark.parametrize("key, expected", [
    (("applications", "new_received", "natural_person"), {"R1", "R3"}),
    (("applications", "partially_granted", "natural_person"), {"R3", "R4"}),
    (("applications", "total", "total"), {"R1", "R3", "R4"}),
    (("applications", "carried_forward", "other_org"), {"R1", "R3"}),
    (("reviews", "reviews", "litigation_direct.pending"), {"R5"}),
])
def test_the_rule_table_of_a_cell(key, expected):
    assert expected_rules(*key) == expected


def test_broken_rule_in_json_names_the_cells_and_where_they_stood(tmp_path, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_text(read(seed_path("seed-001")).replace("(七)总计 | 2 |", "(七)总计 | 5 |"), encoding="utf-8")
    assert main(["validate", "--format", "json", str(broken)]) == 1
    doc = json.loads(capsys.readouterr().out)
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    assert {f["rule"] for f in errors} == {"R1", "R3", "R4"}
    r4 = next(f for f in errors if f["rule"] == "R4" and f["column"] == "natural_person")
    assert r4["details"]["formula"] == "（七）总计 = every outcome row"
    (total,) = r4["details"]["left"]
    assert total == {"table": "applications", "row": "total", "column": "natural_person", "value": 5,
                     "raw": "5", "location": {"line": 58, "column": 9}}
    assert len(r4["details"]["right"]) == 21 and r4["details"]["difference"] == 3


# -- structure checks ----------------------------------------------------------------------

def canonical(active_rows: str = "", year: int = 2022, apps: str = "", reviews: str = "") -> str:
    return "\n".join([
        "%govdisclose canonical 1", f"示例县{year}年政府信息公开工作年度报告",
        "[table active_disclosure]", "[caption] 第二十条第（一）项",
        "[header] 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", active_rows or "[row] 规章 | 1 | 0 | 3", "[end]",
        "[table applications]",
        "[header]  | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计",
        apps or "[row] 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3", "[end]",
        "[table reviews]",
        "[header]  | 行政复议·结果维持 | 行政复议·结果纠正 | 行政复议·其他结果 | 行政复议·尚未审结 | 行政复议·总计",
        reviews or "[row]  | 1 | 0 | 0 | 0 | 1", "[end]", ""])


def check_findings(text: str) -> list:
    report = govdisclose.parse(text)
    return [f for f in govdisclose.validate(report) if not f.rule.startswith(("parse.", "R"))]


def test_negative_count():
    (f,) = check_findings(canonical(active_rows="[row] 规章 | -1 | 0 | 3"))
    assert (f.rule, f.severity, f.row, f.column) == ("data.negative", ERROR, "regulations", "issued")
    assert (f.location.line, f.location.column) == (6, 12)


def test_signed_change_column_may_be_negative():
    text = read(seed_path("seed-003")).replace("+98", "-98")
    report = govdisclose.parse(text)
    assert any(c.value == -98 and c.column == "change" for c in report.cells)
    assert "data.negative" not in {f.rule for f in govdisclose.validate(report)}


def test_blank_total_beside_filled_components():
    findings = check_findings(canonical(reviews="[row]  | 1 | 0 | 2 | 0 | "))
    (f,) = [f for f in findings if f.rule == "data.blank-total"]
    assert (f.severity, f.table, f.column) == (WARNING, "reviews", "review.total")
    assert [c.value for c in f.detail("filled")] == [1, 0, 2, 0]
    # and the sum rule over it is not assessable, not failed
    report = govdisclose.parse(canonical(reviews="[row]  | 1 | 0 | 2 | 0 | "))
    (r5,) = [f for f in govdisclose.validate(report) if f.rule == "R5"]
    assert r5.severity == INFO and r5.detail("status") == "not-assessable"


@pytest.mark.parametrize("year, template, expected", [
    (2023, "pre2021", "post2021"), (2020, "post2021", "pre2021"), (2015, "pre2021", None)])
def test_template_not_matching_the_year(year, template, expected):
    text = read(seed_path("seed-002" if template == "pre2021" else "seed-004"))
    old_year = 2020 if template == "pre2021" else 2022
    report = govdisclose.parse(text.replace(f"{old_year}年", f"{year}年"))
    assert (report.meta.year, report.meta.template) == (year, template)
    (f,) = [f for f in govdisclose.validate(report) if f.rule == "template.year-mismatch"]
    assert f.severity == WARNING and f.detail("expected") == expected


@pytest.mark.parametrize("name", SEEDS)
def test_seeds_use_the_template_of_their_year(reports, name):
    assert "template.year-mismatch" not in {f.rule for f in govdisclose.validate(reports[name])}


def test_missing_and_duplicated_tables_are_findings():
    text = canonical()
    no_reviews = text[:text.index("[table reviews]")]
    assert ("parse.missing-table", "reviews") in {(f.rule, f.table) for f in
                                                   govdisclose.validate(govdisclose.parse(no_reviews))}
    twice = text + text[text.index("[table reviews]"):]
    found = govdisclose.validate(govdisclose.parse(twice))
    assert ("parse.duplicate-table", ERROR) in {(f.rule, f.severity) for f in found}


def test_money_in_yuan_under_a_wanyuan_header_is_converted_with_a_warning():
    text = canonical(active_rows="[row] 规章 | 1 | 0 | 3").replace("[end]\n[table applications]", (
        "[caption] 第二十条第（八）项\n[header] 信息内容 | 本年收费金额（单位：万元）\n[row] 行政事业性收费 | 258463.87元\n"
        "[end]\n[table applications]"), 1)
    report = govdisclose.parse(text)
    assert str(report["active_disclosure", "administrative_fees", "fee_amount"]) == "25.846387"
    (f,) = [f for f in govdisclose.validate(report) if f.rule.startswith("value.")]
    assert (f.rule, f.severity) == ("value.unit-converted", WARNING)


def test_bare_number_with_assumed_unit_is_info():
    text = read(seed_path("seed-003")).replace("258463.87元", "5234")
    (f,) = [f for f in govdisclose.validate(govdisclose.parse(text)) if f.rule.startswith("value.")]
    assert (f.rule, f.severity, f.detail("raw")) == ("value.unit-assumed", INFO, "5234")


# -- R9: the prose against the tables --------------------------------------------------------

def test_seed_001_prose_agrees_with_its_tables(reports):
    found = {(c.subject, c.stated, c.status) for c in claims(reports["seed-001"])}
    assert found == {("received", 3, "holds"), ("answered", 2, "holds"), ("carried_forward", 1, "holds"),
                     ("licensing", 1990, "holds"), ("penalty", 186, "holds"), ("coercion", 0, "holds")}


def test_real_report_prose_no_false_alarm(reports):
    """The real 2024 city report (PDF) restates 15 figures; all agree, so no finding."""
    found = claims(reports["huaian-2024"])
    assert {c.status for c in found} == {"holds"}
    by_subject = {c.subject: c.stated for c in found}
    assert by_subject == {"regulations": 1, "received": 3119, "answered": 3050, "carried_over": 34,
                          "carried_forward": 103, "review": 351, "review.upheld": 72, "review.corrected": 64,
                          "review.other": 178, "review.pending": 37, "litigation": 46, "litigation.upheld": 25,
                          "litigation.corrected": 5, "litigation.other": 9, "litigation.pending": 7}
    # “政策性文件11件” is not 行政规范性文件, “5500余条” is not in 件: neither is read as a claim
    assert "normative_documents" not in by_subject


def test_fixture_tables_match_the_real_gold(reports):
    gold = real_gold("huaian-2024")
    report = reports["huaian-2024"]
    for cell in gold["cells"]:
        assert str(report[cell["table"], cell["row"], cell["column"]]) == str(cell["value"]), cell


@pytest.mark.parametrize("old, new, subject, stated, table_value", [
    ("办理行政许可1990件", "办理行政许可1999件", "licensing", 1999, 1990),
    ("剩余1件结转下年度", "剩余2件结转下年度", "carried_forward", 2, 1),
])
def test_seed_001_prose_mismatch(old, new, subject, stated, table_value):
    text = read(seed_path("seed-001")).replace(old, new, 1)
    (f,) = [f for f in govdisclose.validate(govdisclose.parse(text)) if f.rule == "R9"]
    assert f.severity == WARNING and f.detail("stated") == stated
    assert f.detail("table_values") == (table_value,) and f.detail("difference") == stated - table_value
    assert f.location.line == 7 if subject == "carried_forward" else 15
    assert new.replace(" ", "") in f.detail("sentence")


def test_litigation_figure_is_the_sum_of_both_groups():
    text = huaian().replace("政府信息公开行政诉讼 46 件", "政府信息公开行政诉讼 26 件")
    (f,) = [f for f in govdisclose.validate(govdisclose.parse(text)) if f.rule == "R9"]
    assert [c.column for c in f.detail("readings")[0]] == ["litigation_direct.total",
                                                           "litigation_after_review.total"]
    assert f.detail("table_values") == (46,) and f.detail("difference") == -20


def test_prose_over_a_blank_cell_is_not_assessable():
    text = read(seed_path("seed-001")).replace("行政许可 | 1990件 |", "行政许可 |  |")
    (f,) = [f for f in govdisclose.validate(govdisclose.parse(text)) if f.rule == "R9"]
    assert f.severity == INFO and f.detail("status") == "not-assessable"


@pytest.mark.parametrize("sentence", [
    "全年主动公开信息120条。", "新增政策性文件11件。", "接听群众电话230件。", "行政复议和行政诉讼共5件。",
    "未制定规章、行政规范性文件。", "收到人大建议12件。", "共受理行政复议申请5件。",
])
def test_sentences_that_state_no_table_figure_are_not_claims(sentence):
    text = read(seed_path("seed-001")).replace("冶金街道党工委", sentence + "冶金街道党工委", 1)
    report = govdisclose.parse(text)
    assert len(claims(report)) == 9             # seed-001's own claims only
    assert not [f for f in govdisclose.validate(report) if f.rule == "R9"]


# -- the command ------------------------------------------------------------------------------

def test_validate_command_exit_status(tmp_path, capsys):
    assert main(["validate", str(seed_path("seed-001"))]) == 0
    assert main(["validate", str(seed_path("seed-000"))]) == 0
    assert main(["validate", "--strict", str(seed_path("seed-000"))]) == 1
    assert main(["validate", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err and "Traceback" not in err


def test_validate_command_summary(tmp_path, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_text(read(seed_path("seed-001")).replace("(七)总计 | 2 |", "(七)总计 | 5 |"), encoding="utf-8")
    assert main(["validate", str(seed_path("seed-001")), str(broken), str(seed_path("seed-002"))]) == 1
    out = capsys.readouterr().out
    assert "冶金街道" in out and "保康县" in out
    assert "3 errors" in out and "R4" in out and "58:9" in out
    assert "not assessable" in out


def test_a_report_signed_below_the_page_footer_has_its_signature_read():
    text = read(EXAMPLE)
    assert text.rstrip().endswith("扫一扫在手机上查看当前页面")              # the page's footer, after the report
    report = govdisclose.parse(text + "\n冶金街道办事处\n2025年1月20日\n")
    assert (report.meta.agency, report.meta.date, report.meta.year) == ("冶金街道办事处", "2025-01-20", 2024)
    assert "2025年1月20日" not in report.section(6).text and "冶金街道办事处" not in report.section(6).text


@settings(max_examples=30)
@given(st.sampled_from(["pre2021", "post2021"]).flatmap(testing.inconsistent))
def test_a_broken_sum_is_told_in_chinese_with_chinese_places(broken):
    """message_zh names the row, column or group by its Chinese label (“（二）部分公开……”行,
    “自然人”列, “行政复议”), never by a data-dictionary key."""
    import re
    report, _ = broken
    found = [f for f in govdisclose.validate(report) if f.rule in ("R1", "R3", "R4", "R5")]
    assert found
    for f in found:
        assert not re.search(r"[A-Za-z_]{3,}", f.message_zh), f.message_zh
        assert "”" in f.message_zh


def test_a_panel_rule_is_told_in_chinese_with_chinese_places():
    import re

    import attrs
    report = govdisclose.parse(seed_path("seed-001"))
    later = attrs.evolve(report, meta=attrs.evolve(report.meta, year=report.meta.year + 1), cells=[
        attrs.evolve(c, value=(c.value or 0) + 5) if c.key == ("applications", "carried_over", "natural_person") else c
        for c in report.cells])
    found = [f for f in govdisclose.check_panel([report, later]) if f.rule == "R6"]
    assert found and all(not re.search(r"[A-Za-z_]{3,}", f.message_zh) for f in found), [f.message_zh for f in found]
    assert "“自然人”列" in found[0].message_zh


@settings(max_examples=40)
@given(st.sampled_from(["pre2021", "post2021"]).flatmap(testing.inconsistent))
def test_one_changed_count_that_breaks_two_rules_is_their_likely_culprit(broken):
    """A count changed in table 2 breaks its row's R3 and its column's R1 or R4: the one cell
    both failed rules share is that count (table 3's cells are in R5 alone: no culprit)."""
    from govdisclose.checks.culprit import likely_culprits
    report, changed = broken
    findings = govdisclose.validate(report)
    failed = {f.rule for f in findings if f.detail("status") == "failed"}
    culprits = likely_culprits(findings)
    if len([f for f in findings if f.detail("status") == "failed"]) >= 2:
        assert culprits and culprits[0].cell.key == tuple(changed), (changed, failed, culprits[:2])
    else:
        assert culprits == []


def test_the_cli_names_the_likely_culprit(tmp_path, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_text(seed_path("seed-001").read_text(encoding="utf-8").replace("(七)总计 | 2 |", "(七)总计 | 5 |"),
                      encoding="utf-8")
    assert main(["validate", "--format", "json", str(broken)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["likely_culprits"][0] == {"table": "applications", "row": "total", "column": "natural_person",
                                         "raw": "5", "location": "58:9", "rules": ["R1", "R3", "R4"]}
    assert main(["validate", str(broken)]) == 1
    assert "likely culprit: applications/total/natural_person = 5 at 58:9" in capsys.readouterr().out
