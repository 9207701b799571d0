"""Who reported (issue 18): the agency's name normalised, its kind and region, a stable id."""
from __future__ import annotations

import pytest

import govdisclose
from govdisclose.agency import identify

from conftest import REAL_NAMES, real_report, seed_path

pytest.importorskip("cpca", reason="the region comes from the cpca gazetteer (the frame extra)")

#: by hand: name -> (kind, province, city, county)
KNOWN = {
    "冶金街道": ("township", None, None, None),
    "保康县": ("county", "湖北省", "襄阳市", "保康县"),
    "棉洋镇人民政府": ("township", None, None, None),
    "朝阳市龙城区住房和城乡建设局": ("department", "辽宁省", "朝阳市", "龙城区"),
    "淮安市人民政府": ("city", "江苏省", "淮安市", None),
    "平潭综合实验区": ("zone", "福建省", "福州市", "平潭县"),
    "洪泽区人民政府": ("county", "江苏省", "淮安市", "洪泽区"),
    "淮安市洪泽区人民政府": ("county", "江苏省", "淮安市", "洪泽区"),
    "江苏省人民政府": ("province", "江苏省", None, None),
    "北京市人民政府": ("province", "北京市", None, None),
    "昆山市人民政府": ("county", "江苏省", "苏州市", "昆山市"),        # a county-level 市, by its code
    "湖北省发展和改革委员会": ("department", "湖北省", None, None),
}


@pytest.mark.parametrize("name", KNOWN)
def test_kinds_and_regions_against_a_hand_made_table(name):
    a = identify(name)
    assert (a.kind, a.province, a.city, a.county) == KNOWN[name]
    assert a.reason and a.agency_id


def test_a_misspelt_county_gets_no_region_rather_than_a_wrong_one():
    """cpca reads 沐阳县 (for 沭阳县) as 重庆市's 县: the region is kept only when the name spells it."""
    a = identify("沐阳县人民政府")
    assert (a.kind, a.province, a.adcode) == ("county", None, None)


def test_a_crawlers_prefix_and_the_city_before_a_county_are_one_agency():
    assert identify("标题:平潭综合实验区").agency_id == identify("平潭综合实验区").agency_id
    assert identify("洪泽区人民政府").agency_id == identify("淮安市洪泽区人民政府").agency_id == "320813:人民政府"
    assert identify("保康县").agency_id == identify("保康县人民政府").agency_id
    assert identify("冶金街道").agency_id != identify("冶金街道办事处").agency_id


def test_the_seeds_agencies():
    kinds = {n: identify(govdisclose.parse(seed_path(n)).meta.agency).kind
             for n in ("seed-000", "seed-001", "seed-002", "seed-003", "seed-004")}
    assert kinds == {"seed-000": "township", "seed-001": "township", "seed-002": "county",
                     "seed-003": "township", "seed-004": "department"}


@pytest.mark.skipif(not {"hongze-2023", "hongze-2024"} <= set(REAL_NAMES), reason="../shared/real is absent")
def test_the_two_hongze_reports_are_one_agency_and_r6_links_their_years():
    pytest.importorskip("pdfplumber", reason="the real PDFs are read with pdfplumber (the pdf extra)")
    reports = [govdisclose.parse(real_report(n)) for n in ("hongze-2023", "hongze-2024")]
    assert {r.meta.agency for r in reports} == {"洪泽区人民政府", "淮安市洪泽区人民政府"}
    ids = {identify(r.meta.agency).agency_id for r in reports}
    assert ids == {"320813:人民政府"}
    assert identify(reports[1].meta.agency).kind == "county"
    linked = [f for f in govdisclose.check_panel(reports) if f.rule == "R6"]
    carried = {r.meta.year: r for r in reports}
    holds = all(carried[2023].value("applications", "carried_forward", c) ==
                carried[2024].value("applications", "carried_over", c)
                for c in ("natural_person", "total"))
    assert linked or holds                          # R6 was assessed across the two years
    frame = govdisclose.to_frame(reports, wide=True)
    assert set(frame["agency_id"]) == {"320813:人民政府"} and set(frame["agency_kind"]) == {"county"}


def test_batch_outputs_carry_who_reported(tmp_path):
    pytest.importorskip("pyarrow")
    from govdisclose import batch
    import io
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("seed-002", "seed-004"):
        (folder / f"{name}.txt").write_text(seed_path(name).read_text(encoding="utf-8"), encoding="utf-8")
    for shape in ("long", "wide"):
        out = tmp_path / f"{shape}.parquet"
        assert batch.run_batch([str(folder)], str(out), shape=shape, progress=False, stdout=io.StringIO(),
                               stderr=io.StringIO()) == 0
        frame = batch.read_panel(out).drop_duplicates("source").set_index("agency")
        assert frame.loc["保康县", "agency_id"] == "420626:人民政府" and frame.loc["保康县", "province"] == "湖北省"
        assert frame.loc["朝阳市龙城区住房和城乡建设局", "agency_kind"] == "department"
