"""The five real seed reports parse to exactly their hand-read gold, every cell."""
from __future__ import annotations

from decimal import Decimal

import pytest

import govdisclose
from govdisclose.host import PluginHost

from conftest import SEEDS, gold, seed_path


@pytest.fixture(scope="module")
def parsed() -> dict:
    return {name: govdisclose.parse(seed_path(name)) for name in SEEDS}


def test_five_seeds_are_there():
    assert SEEDS == [f"seed-00{i}" for i in range(5)]


@pytest.mark.parametrize("name", SEEDS)
def test_every_gold_cell(parsed, name):
    report = parsed[name]
    wrong = []
    for c in gold(name)["cells"]:
        got = report.cell(c["table"], c["row"], c["column"])
        assert got is not None, f"{name}: no cell {c['table']}/{c['row']}/{c['column']}"
        want = c["value"]
        if want is None:
            ok = got.value is None
        else:
            ok = got.value is not None and Decimal(str(got.value)) == Decimal(str(want))
        if not ok:
            wrong.append((c["table"], c["row"], c["column"], got.value, want))
    assert wrong == []


@pytest.mark.parametrize("name", SEEDS)
def test_meta(parsed, name):
    want = gold(name)["meta"]
    meta = parsed[name].meta
    assert meta.year == want["year"]
    assert meta.template == want["template"]
    assert want["agency_contains"] in (meta.agency or "")


@pytest.mark.parametrize("name", SEEDS)
def test_no_cell_outside_the_gold_but_known_variants(parsed, name):
    """Nothing invented: every cell the parser gives is one the gold names."""
    keys = {(c["table"], c["row"], c["column"]) for c in gold(name)["cells"]}
    extra = [c.key for c in parsed[name].cells if c.key not in keys]
    assert extra == []


def test_blank_is_not_zero(parsed):
    blank_template = parsed["seed-000"]
    assert all(c.value is None for c in blank_template.cells)
    assert {c.kind for c in blank_template.iter_cells("applications")} == {"blank"}
    # seed-002 leaves （一）予以公开 empty beside filled rows
    hubei = parsed["seed-002"]
    assert [hubei.value("applications", "granted", k) for k in ("natural_person", "total")] == [None, None]
    assert hubei.value("applications", "partially_granted", "total") == 0


def test_values_with_units_and_signs(parsed):
    assert parsed["seed-001"]["active_disclosure", "administrative_licensing", "decisions"] == 1990
    assert parsed["seed-001"].cell("active_disclosure", "administrative_licensing", "decisions").raw == "1990件"
    assert parsed["seed-002"]["active_disclosure", "centralized_procurement", "procurement_amount"] == Decimal(5234)
    assert parsed["seed-002"]["active_disclosure", "administrative_coercion", "change"] == -9
    assert parsed["seed-003"]["active_disclosure", "administrative_licensing", "change"] == 98
    amount = parsed["seed-003"]["active_disclosure", "centralized_procurement", "procurement_amount"]
    assert amount == Decimal("25.846387") and isinstance(amount, Decimal)
    assert parsed["seed-004"]["active_disclosure", "administrative_fees", "fee_amount"] == Decimal("168.61")
    assert any(f.rule == "value.unit-converted" for f in parsed["seed-003"].findings)


def test_sections(parsed):
    for name, report in parsed.items():
        assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6], name
    s5 = parsed["seed-002"].section(5)
    assert s5.heading == "五、政府信息公开工作存在的问题及改进情况"
    assert s5.text.startswith("2020年，保康县政府信息公开工作虽然做了大量工作") or \
        s5.text.startswith("2020年,保康县政府信息公开工作虽然做了大量工作")
    six = parsed["seed-002"].section(6)
    assert six.text == "无"            # signature and site chrome are not section text
    assert "主办" not in parsed["seed-002"].section(6).text
    assert "扫一扫" not in parsed["seed-001"].section(6).text


def test_meta_details(parsed):
    assert parsed["seed-002"].meta.title == "保康县2020年度政府信息公开工作年度报告"
    assert parsed["seed-002"].meta.date == "2021-02-02"
    assert parsed["seed-003"].meta.title == "棉洋镇人民政府2020年政府信息公开工作年度报告"
    assert parsed["seed-004"].meta.agency == "朝阳市龙城区住房和城乡建设局"
    assert parsed["seed-004"].meta.date == "2022-12-30"
    assert parsed["seed-000"].meta.agency == "郑庄子镇"
    assert parsed["seed-001"].meta.agency == "冶金街道"


def test_cells_know_where_they_stood(parsed):
    cell = parsed["seed-001"].cell("active_disclosure", "administrative_licensing", "decisions")
    line = seed_path("seed-001").read_text(encoding="utf-8").splitlines()[cell.location.line - 1]
    assert "1990件" in line and line.startswith("行政许可")
    cell = parsed["seed-004"].cell("applications", "total", "total")
    assert cell.location.line is not None


def test_variant_claims_seed_002(parsed):
    meta = parsed["seed-002"].meta
    assert (meta.template, meta.variant) == ("pre2021", "hubei-2020")
    assert [parsed["seed-002"]["active_disclosure", "other_active_documents", c]
            for c in ("newly_made", "newly_published", "total_published")] == [30, 3, 447]
    assert not [f for f in parsed["seed-002"].findings if f.rule == "parse.unknown-row"]


def test_without_the_variant_the_row_is_kept_as_unknown():
    report = govdisclose.parse(seed_path("seed-002"), plugins=PluginHost(entry_points=False))
    assert report.meta.variant is None and report.meta.template == "pre2021"
    unknown = [c for c in report.cells if c.row.startswith("unknown:其他主动公开文件")]
    assert [c.value for c in unknown] == [30, 3, 447]
    assert [c.column for c in unknown] == ["newly_made", "newly_published", "total_published"]
    (f,) = [f for f in report.findings if f.rule == "parse.unknown-row"]
    assert f.row == unknown[0].row and f.location.line is not None


@pytest.mark.parametrize("name", SEEDS)
def test_str_bytes_and_path_agree(parsed, name):
    path = seed_path(name)
    by_text = govdisclose.parse(path.read_text(encoding="utf-8"))
    by_bytes = govdisclose.parse(path.read_bytes())
    gbk = govdisclose.parse(path.read_text(encoding="utf-8").encode("gb18030"))
    for other in (by_text, by_bytes, gbk):
        assert [(c.key, c.value) for c in other.cells] == [(c.key, c.value) for c in parsed[name].cells]
        assert other.meta.agency == parsed[name].meta.agency
