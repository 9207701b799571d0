"""The subtotals variants: table 2 with a 小计 column (200 numbers) and subtotal rows (232)."""
from __future__ import annotations

import pathlib
import types

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
from govdisclose import testing
from govdisclose.hookspecs import hookimpl
from govdisclose.host import PluginHost
from govdisclose.templates import national

import govdisclose_subtotals.plugin as subtotals

REPORT = pathlib.Path(__file__).parent / "data" / "example-2023.txt"
TEXT = REPORT.read_text(encoding="utf-8")
GROUPS = ("(三)不予公开", "(四)无法提供", "(五)不予处理", "(六)其他处理")
SUBTOTAL_ROWS = ("denied.subtotal", "unable.subtotal", "not_processed.subtotal", "other.subtotal")
TEXT_LAYOUTS = ("canonical", "pipe", "cell-lines", "tabbed", "markdown")
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def host(*more) -> PluginHost:
    return PluginHost(entry_points=False, extra=[subtotals, *more])


def parse(text: str, plugins: PluginHost | None = None) -> govdisclose.Report:
    return govdisclose.parse(text, plugins=plugins or host())


def rules(text: str, plugins: PluginHost | None = None) -> list:
    plugins = plugins or host()
    return list(govdisclose.validate(parse(text, plugins), plugins=plugins))


def numbers(report: govdisclose.Report) -> list:
    return [c for c in report.cells if c.table == "applications" and c.kind != "absent"]


def column_only(text: str = TEXT) -> str:
    """The fixture without its subtotal rows: the 200-number shape."""
    return "\n".join(line for line in text.splitlines() if not line.startswith(GROUPS))


def national_shape(text: str = TEXT) -> str:
    """The fixture as the national template has it: no 小计 column, no subtotal rows (175)."""
    lines = column_only(text).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("(本列数据"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度"))
    for i in range(start, end + 1):
        if lines[i].startswith("商业 企业"):
            lines[i] = lines[i].replace(" 小计 |", "")
        elif lines[i].count("|") == 9 or lines[i].startswith("三、本年度"):   # a row: drop its 小计 number
            cells = lines[i].split(" | ")
            del cells[-2]
            lines[i] = " | ".join(cells)
    return "\n".join(lines)


# -- the templates ------------------------------------------------------------------------------------

def test_templates_extend_the_2021_format_and_nothing_else():
    base = national("post2021")
    full, column = subtotals.variants(base)
    assert (full.id, column.id) == (subtotals.FULL, subtotals.COLUMN_ONLY)
    for template in (full, column):
        assert template.base == "post2021" and template.national == "post2021"
        assert template.table("active_disclosure") == base.table("active_disclosure")
        assert template.table("reviews") == base.table("reviews")
    block, base_block = full.table("applications").blocks[0], base.table("applications").blocks[0]
    assert [c.key for c in block.columns] == ["natural_person", "commercial_enterprise", "research_institution",
                                              "social_welfare_org", "legal_service_org", "other_org",
                                              "org_subtotal", "total"]
    assert len(block.rows) * len(block.columns) == 232
    assert len(column.table("applications").blocks[0].rows) * len(block.columns) == 200
    assert len(base_block.rows) * len(base_block.columns) == 175
    keys = [r.key for r in block.rows]
    assert keys.index("denied.subtotal") == keys.index("denied.state_secret") - 1
    assert block.row("denied.subtotal").sum_of == tuple(k for k in keys if k.startswith("denied.")
                                                        and k != "denied.subtotal")
    assert block.row("other.subtotal").label == "（六）其他处理"
    assert block.column("org_subtotal").sum_of == ("commercial_enterprise", "research_institution",
                                                   "social_welfare_org", "legal_service_org", "other_org")
    assert [r for r in block.rows if r.key not in SUBTOTAL_ROWS] == list(base_block.rows)


# -- the fixture: 232 numbers ------------------------------------------------------------------------

def test_claims_the_232_number_report():
    report = parse(TEXT)
    assert (report.meta.template, report.meta.variant) == ("post2021", subtotals.FULL)
    assert len(numbers(report)) == 232 and all(c.value is not None for c in numbers(report))
    assert [report["applications", row, "total"] for row in SUBTOTAL_ROWS] == [3, 10, 3, 2]
    assert [report["applications", "denied.subtotal", c] for c in ("natural_person", "commercial_enterprise",
                                                                   "org_subtotal")] == [2, 1, 1]
    assert [report["applications", row, "org_subtotal"] for row in ("new_received", "total",
                                                                    "carried_forward")] == [6, 5, 2]
    assert report["applications", "total", "total"] == 43
    assert report.findings == ()
    assert rules(TEXT) == []              # national rules (R4 counts no subtotal twice) and the plugin's


def test_subtotal_rows_labelled_xiaoji_under_their_group_cell():
    text = TEXT
    for group in GROUPS:                   # (三)不予公开 | 小计 | 2 | … : the subtotal first in its group
        text = text.replace(f"\n{group} | ", f"\n{group} | 小计 | ", 1)
    report = parse(text)
    assert report.meta.variant == subtotals.FULL and report.findings == ()
    assert [report["applications", row, "total"] for row in SUBTOTAL_ROWS] == [3, 10, 3, 2]


def test_claims_the_200_number_report_and_its_rows_are_not_there():
    text = column_only()
    report = parse(text)
    assert (report.meta.template, report.meta.variant) == ("post2021", subtotals.COLUMN_ONLY)
    assert len(numbers(report)) == 200
    assert report.cell("applications", "denied.subtotal", "total") is None        # not there, not zero
    assert report["applications", "total", "org_subtotal"] == 5
    assert report.findings == ()
    assert rules(text) == []


def test_leaves_a_national_report_to_post2021():
    text = national_shape()
    report = parse(text)
    assert (report.meta.template, report.meta.variant) == ("post2021", None)
    assert len(numbers(report)) == 175
    assert report.cell("applications", "total", "org_subtotal") is None
    assert report.findings == () and rules(text) == []


def test_without_the_plugin_the_report_is_not_read_as_a_2021_table():
    report = parse(TEXT, PluginHost(entry_points=False))
    assert report.meta.variant is None
    assert any(f.rule == "parse.unknown-row" for f in report.findings)


def test_scores():
    h = host()
    scores = {tid: s for s, tid in h.recognize(TEXT)}
    assert scores[subtotals.FULL] > scores[subtotals.COLUMN_ONLY] > scores["post2021"] > 0
    scores = {tid: s for s, tid in h.recognize(column_only())}
    assert scores[subtotals.COLUMN_ONLY] > scores["post2021"] and scores[subtotals.FULL] == 0
    scores = {tid: s for s, tid in h.recognize(national_shape())}
    assert scores[subtotals.COLUMN_ONLY] == scores[subtotals.FULL] == 0


@pytest.mark.parametrize("text, expected", [
    ("其他 | 小计 |\n(三)不予公开 | 2 | 1 |", (True, 1)),
    ("其他 |\n小计 |\n（四）无法提供 |\n8 |", (True, 1)),
    ("\t其他\n\t小计\n\n\t（五）不予 处理（注：按实际填写）\n\t3件\n", (True, 1)),
    ("法人或其他组织小计 | (六)其他处理 | 1.申请人无正当理由逾期不补正", (True, 0)),
    ("其他 | 小计 |\n(三)不予公开 | 小计 | 2 |", (True, 1)),
    ("(三)不予公开 | 1.属于国家秘密 | 0 |", (False, 0)),
    ("全年不予公开 3件,其他处理2件。", (False, 0)),
])
def test_shape(text, expected):
    assert subtotals.shape(text) == expected


# -- the plugin's rules ------------------------------------------------------------------------------------

def test_a_subtotal_row_that_is_not_its_items_breaks_subtotals_row():
    text = TEXT.replace("(四)无法提供 | 8 |", "(四)无法提供 | 9 |")
    found = rules(text)
    (row,) = [f for f in found if f.rule == subtotals.RULE_ROW.code]
    assert (row.severity, row.table, row.row, row.column) == ("error", "applications", "unable.subtotal",
                                                             "natural_person")
    assert (row.detail("left_sum"), row.detail("right_sum"), row.detail("difference")) == (9, 8, 1)
    assert row.detail("status") == "failed" and row.detail("formula") == subtotals.ROW_FORMULA[0]
    assert [c.row for c in row.detail("right")] == ["unable.not_held", "unable.needs_creation",
                                                   "unable.unclear_after_correction"]
    assert row.location.line == TEXT.splitlines().index(next(
        line for line in TEXT.splitlines() if line.startswith("(四)无法提供"))) + 1
    # the cell is in R3's sum too (总计 = the six applicant columns); R4 does not read subtotal rows
    assert {f.rule for f in found} == {subtotals.RULE_ROW.code, "R3"}


def test_a_subtotal_column_cell_that_is_not_the_organisations_breaks_subtotals_column():
    text = TEXT.replace("| 40 | 3 | 0 | 1 | 2 | 0 | 6 | 46 |", "| 40 | 3 | 0 | 1 | 2 | 0 | 7 | 46 |")
    found = rules(text)
    (column,) = [f for f in found if f.rule == subtotals.RULE_COLUMN.code]
    assert (column.row, column.column, column.detail("difference")) == ("new_received", "org_subtotal", 1)
    assert {f.rule for f in found} == {subtotals.RULE_COLUMN.code, "R1"}    # R1 reads the 小计 column too


def test_a_blank_item_makes_the_subtotal_not_assessable():
    text = TEXT.replace("2.重复申请 | 1 |", "2.重复申请 |  |")
    found = [f for f in rules(text) if f.rule == subtotals.RULE_ROW.code]
    assert [(f.severity, f.detail("status"), f.detail("holds_if_zero")) for f in found] == \
        [("info", "not-assessable", False)]


def test_the_national_sum_rules_still_run_on_the_variant():
    text = TEXT.replace("(七)总计 | 38 |", "(七)总计 | 39 |")
    assert {f.rule for f in rules(text)} == {"R1", "R3", "R4"}
    text = TEXT.replace("(七)总计 | 38 | 2 |", "(七)总计 | 38 | 3 |")     # 商业企业: in the 小计 too
    assert {f.rule for f in rules(text)} == {"R1", "R3", "R4", subtotals.RULE_COLUMN.code}


# -- two plugins claiming the same report ----------------------------------------------------------------

def rival(template_id: str, score):
    """Another plugin's variant with the same 小计 column, scoring *score(own score)*."""
    @hookimpl
    def govdisclose_templates():
        base = national("post2021")
        block = base.table("applications").blocks[0]
        return [base.extend(template_id, add_columns={
            ("applications", "applications"): [("other_org", subtotals.subtotal_column(block))]})]

    @hookimpl
    def govdisclose_recognize(text, templates):
        return {template_id: score(dict((t, s) for s, t in host().recognize(text))[subtotals.FULL])}

    return types.SimpleNamespace(__name__=f"rival-{template_id}", govdisclose_templates=govdisclose_templates,
                                 govdisclose_recognize=govdisclose_recognize)


@pytest.mark.parametrize("first", [True, False], ids=["rival-registered-first", "rival-registered-last"])
def test_the_higher_score_wins_whatever_the_order(first):
    for score, winner in ((lambda s: s - 1, subtotals.FULL), (lambda s: s + 1, "zz-rival")):
        other = rival("zz-rival", score)
        plugins = PluginHost(entry_points=False, extra=[other, subtotals] if first else [subtotals, other])
        report = parse(TEXT, plugins)
        assert (report.meta.template, report.meta.variant) == ("post2021", winner)
        assert not [f for f in report.findings if f.rule == "template.tie"]


@pytest.mark.parametrize("first", [True, False])
def test_equal_scores_are_broken_by_id_with_a_finding(first):
    for rival_id, winner in (("aa-rival", "aa-rival"), ("zz-rival", subtotals.FULL)):
        other = rival(rival_id, lambda s: s)
        plugins = PluginHost(entry_points=False, extra=[other, subtotals] if first else [subtotals, other])
        report = parse(TEXT, plugins)
        assert report.meta.variant == winner
        assert [f.rule for f in report.findings][0] == "template.tie"
        # the rival has no subtotal rows: taken by it, they are kept and reported as unknown
        assert [f.row for f in report.findings[1:]] == ([] if winner == subtotals.FULL else
                                                        ["unknown:" + g for g in GROUPS])


# -- generated reports: govdisclose.testing with this plugin's templates ---------------------------------

@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
@PROPERTY
@given(data=st.data())
def test_generated_reports_round_trip(layout, data):
    plugins = host()
    template = data.draw(st.sampled_from([subtotals.FULL, subtotals.COLUMN_ONLY]))
    report = data.draw(testing.reports(template, layout=layout, plugins=plugins))
    assert testing.content(parse(govdisclose.render(report, layout=layout, plugins=plugins), plugins)) \
        == testing.content(report)
    noisy = data.draw(testing.noisy_render(report, layout, plugins=plugins))
    again = parse(noisy, plugins)
    assert testing.content(again) == testing.content(report)
    assert again.meta.variant == template
    assert not [f for f in govdisclose.validate(again, plugins=plugins) if f.severity == "error"]


@PROPERTY
@given(data=st.data())
def test_one_changed_subtotal_breaks_its_rule(data):
    plugins = host()
    report = data.draw(testing.reports(subtotals.FULL, blanks=False, plugins=plugins))
    row = data.draw(st.sampled_from(SUBTOTAL_ROWS))
    cells = [attrs.evolve(c, value=c.value + 1) if c.key == ("applications", row, "natural_person") else c
             for c in report.cells]
    found = {f.rule for f in govdisclose.validate(attrs.evolve(report, cells=cells), plugins=plugins)
             if f.severity == "error"}
    assert found == {subtotals.RULE_ROW.code, "R3"}
