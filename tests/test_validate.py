"""validate(): the national 勾稽 rules on the seeds and on reports with one number changed."""
from __future__ import annotations

import attrs
import pytest

import govdisclose
from govdisclose.model import ERROR, INFO

from conftest import SEEDS, seed_path


@pytest.fixture(scope="module")
def reports() -> dict:
    return {name: govdisclose.parse(seed_path(name)) for name in SEEDS}


def change(report: govdisclose.Report, key: tuple[str, str, str], value) -> govdisclose.Report:
    cells = [attrs.evolve(c, value=value) if c.key == key else c for c in report.cells]
    return attrs.evolve(report, cells=cells)


@pytest.mark.parametrize("name", ["seed-001", "seed-003", "seed-004"])
def test_consistent_seeds_have_no_finding(reports, name):
    assert govdisclose.validate(reports[name]) == ()


def test_blank_template(reports):
    (f,) = govdisclose.validate(reports["seed-000"])
    assert f.rule == "data.blank-template" and f.severity == "warning"


def test_blank_row_beside_filled_rows_is_not_assessable_not_failed(reports):
    findings = govdisclose.validate(reports["seed-002"])
    assert not [f for f in findings if f.severity == ERROR]
    r4 = [f for f in findings if f.rule == "R4"]
    assert len(r4) == 7 and {f.severity for f in r4} == {INFO}
    assert all(f.detail("status") == "not-assessable" and f.detail("holds_if_zero") for f in r4)
    (blank,) = [f for f in findings if f.rule == "data.blank-row"]
    assert (blank.table, blank.row) == ("applications", "granted")


@pytest.mark.parametrize("key, rules", [
    (("applications", "new_received", "natural_person"), {"R1", "R3"}),
    (("applications", "partially_granted", "natural_person"), {"R3", "R4"}),
    (("applications", "total", "total"), {"R1", "R3", "R4"}),
    (("applications", "carried_forward", "other_org"), {"R1", "R3"}),
    (("reviews", "reviews", "litigation_direct.pending"), {"R5"}),
])
def test_one_changed_number_breaks_exactly_its_rules(reports, key, rules):
    report = reports["seed-001"]
    broken = change(report, key, report.value(*key) + 7)
    errors = [f for f in govdisclose.validate(broken) if f.severity == ERROR]
    assert {f.rule for f in errors} == rules
    for f in errors:
        assert abs(f.detail("difference")) == 7
        assert any(k == key for k, _ in f.detail("left") + f.detail("right"))
        assert f.location.line is not None and f.message and f.message_zh


def test_validate_command(tmp_path, capsys):
    from govdisclose.cli import main
    assert main(["validate", str(seed_path("seed-001"))]) == 0
    assert "no findings" in capsys.readouterr().out
    assert main(["validate", str(seed_path("seed-000"))]) == 0
    assert main(["validate", "--strict", str(seed_path("seed-000"))]) == 1
    broken = tmp_path / "broken.txt"
    text = seed_path("seed-001").read_text(encoding="utf-8")
    broken.write_text(text.replace("(七)总计 | 2 |", "(七)总计 | 5 |"), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--format", "json", str(broken)]) == 1
    import json
    doc = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in doc["findings"] if f["severity"] == "error"} == {"R1", "R3", "R4"}
    assert main(["validate", str(tmp_path / "missing.txt")]) == 2
