"""The Hubei variant: its row gets a stable key, and it claims only reports that have it."""
from __future__ import annotations

import pathlib

from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
from govdisclose import testing
from govdisclose.host import PluginHost
from govdisclose.templates import national

import govdisclose_hubei.plugin as hubei

REPORT = pathlib.Path(__file__).parent / "data" / "baokang-2020.txt"


def host() -> PluginHost:
    return PluginHost(entry_points=False, extra=[hubei])


def test_template_extends_the_2019_format_without_copying_it():
    template = hubei.variant(national("pre2021"))
    assert template.base == "pre2021" and template.national == "pre2021"
    block = template.table("active_disclosure").block("item1")
    assert [r.key for r in block.rows] == ["regulations", "normative_documents", "other_active_documents"]
    base_block = national("pre2021").table("active_disclosure").block("item1")
    assert block.columns == base_block.columns
    assert template.table("applications") == national("pre2021").table("applications")


def test_claims_the_hubei_report():
    report = govdisclose.parse(REPORT, plugins=host())
    assert (report.meta.template, report.meta.variant) == ("pre2021", hubei.TEMPLATE_ID)
    assert [report["active_disclosure", "other_active_documents", c]
            for c in ("newly_made", "newly_published", "total_published")] == [30, 3, 447]
    assert not [f for f in report.findings if f.rule == "parse.unknown-row"]


def test_leaves_other_reports_to_the_national_template():
    text = REPORT.read_text(encoding="utf-8")
    plain = "\n".join(line for line in text.splitlines() if not line.startswith("其他主动公开文件"))
    report = govdisclose.parse(plain, plugins=host())
    assert (report.meta.template, report.meta.variant) == ("pre2021", None)
    assert report.cell("active_disclosure", "other_active_documents", "newly_made") is None


def test_scores_above_its_base_only_with_its_row():
    h = host()
    text = REPORT.read_text(encoding="utf-8")
    scores = dict((tid, s) for s, tid in h.recognize(text))
    assert scores[hubei.TEMPLATE_ID] > scores["pre2021"] > scores["post2021"]
    assert h.recognize(text)[0][1] == hubei.TEMPLATE_ID


# -- generated Hubei reports, with govdisclose.testing ---------------------------------------------


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_hubei_round_trips_through_noise(data):
    report = data.draw(testing.reports("hubei-2020", layout="pipe"))
    assert report.cell("active_disclosure", "other_active_documents", "newly_made") is not None
    text = data.draw(testing.noisy_render(report, "pipe"))
    again = govdisclose.parse(text)
    assert testing.content(again) == testing.content(report)
    assert again.meta.variant == "hubei-2020"
