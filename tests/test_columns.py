"""A report's cells by column (``model.CellColumns``): what a Report holds, pickles as and is
checked over. The Cell objects built from the columns are the cells given, the checks give
the same findings whatever order or form the cells come in, and a pickled report builds no
Cell until one is asked for."""
from __future__ import annotations

import pickle
import random
from decimal import Decimal
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
from govdisclose import model, testing
from govdisclose.model import Cell, CellColumns, Location, Report

SEED_REPORTS = [govdisclose.parse(testing.seed_path(n)) for n in testing.SEEDS]


def _with_pages(report: Report, rng: random.Random) -> Report:
    """Some cells on a page (a PDF's), some unknown rows after the template's."""
    cells = [attrs.evolve(c, location=Location(c.location.line, c.location.column, rng.randint(1, 9)))
             if rng.random() < 0.3 else c for c in report.cells]
    cells += [Cell("applications", f"unknown:小计{i}", "total", i, str(i), label=f"小计{i}", location=Location(900 + i))
              for i in range(rng.randint(0, 3))]
    return attrs.evolve(report, cells=cells)


def _changed(report: Report, rng: random.Random) -> Report:
    """The report with some cells blank, absent, negative or other numbers (sums then fail)."""
    def change(c: Cell) -> Cell:
        roll = rng.random()
        if roll < 0.05:
            return attrs.evolve(c, value=None, raw="", kind="blank")
        if roll < 0.08:
            return attrs.evolve(c, value=None, raw="", kind="absent")
        if roll < 0.10:
            return attrs.evolve(c, value=-3, raw="-3")
        if roll < 0.15:
            return attrs.evolve(c, value=rng.randint(0, 50), raw="x")
        return c
    return attrs.evolve(report, cells=[change(c) for c in report.cells])


def _all_ways(report: Report) -> None:
    """Everything a report answers is the same held as cells, as columns and pickled."""
    columns = CellColumns.of(report.cells)
    as_columns = Report(report.meta, report.sections, columns, report.findings)
    again = pickle.loads(pickle.dumps(report))
    for other in (as_columns, again):
        assert other == report and hash(other) == hash(report)
        assert other.cells == report.cells
        assert [c.location.page for c in other.cells] == [c.location.page for c in report.cells]
        assert other.tables == report.tables and list(other.iter_cells("reviews")) == list(report.iter_cells("reviews"))
        keys = [c.key for c in report.cells] + [("applications", "nothing", "total")]
        assert other.cells_at(keys) == report.cells_at(keys)
        for key in keys:
            assert other.cell(*key) == report.cell(*key) and other.value(*key) == report.value(*key)
        assert govdisclose.validate(other) == govdisclose.validate(report)
    assert columns.values == tuple(c.value for c in report.cells)
    assert [columns.cell(i) for i in range(len(columns))] == list(report.cells)


@pytest.mark.parametrize("report", SEED_REPORTS, ids=testing.SEEDS)
def test_the_columns_are_the_cells(report):
    _all_ways(report)
    _all_ways(_with_pages(report, random.Random(1)))


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(st.data(), st.sampled_from(("post2021", "pre2021")), st.randoms(use_true_random=False))
def test_columns_of_generated_reports(data, template, rng):
    report = data.draw(testing.reports(template))
    _all_ways(_with_pages(_changed(report, rng), rng))


def _findings(report: Report) -> list:
    return sorted(repr((f.rule, f.severity, f.table, f.row, f.column, f.message, f.location, f.keys))
                  for f in govdisclose.validate(report))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEED_REPORTS))), st.randoms(use_true_random=False))
def test_the_checks_do_not_depend_on_the_cells_order(which, rng):
    """The checks look cells up by their place in the columns, worked out once per order of
    keys (``CellColumns.memo``): reports whose cells come in other orders, one after another,
    each get their own findings."""
    report = _changed(SEED_REPORTS[which], rng)
    shuffled = list(report.cells)
    rng.shuffle(shuffled)
    other = attrs.evolve(report, cells=shuffled)
    assert _findings(other) == _findings(report)
    assert _findings(pickle.loads(pickle.dumps(other))) == _findings(report)


def test_the_checks_find_what_the_values_say():
    """The array checks against the cells: a total that is off by one fails R3 and R4 at it,
    a blank part makes R3 not assessable, a negative count is data.negative, a wholly blank
    row is data.blank-row and a blank total beside its parts is data.blank-total."""
    report = SEED_REPORTS[1]
    assert not [f for f in govdisclose.validate(report) if f.severity == "error"]
    total = report.cell("applications", "total", "natural_person")
    off = attrs.evolve(report, cells=[
        attrs.evolve(c, value=c.value + 1) if c.key == total.key else c for c in report.cells])
    found = {(f.rule, f.severity, f.row, f.column) for f in govdisclose.validate(off)}
    assert ("R3", "error", "total", "total") in found and ("R4", "error", "total", "natural_person") in found
    left = [c for c in next(f for f in govdisclose.validate(off) if f.rule == "R4").detail("left")]
    assert left == [attrs.evolve(total, value=total.value + 1)]
    cells = list(report.cells)
    blank_row = [c for c in cells if c.table == "applications" and c.row == "carried_over"]
    changed = {c.key: attrs.evolve(c, value=None, raw="", kind="blank") for c in blank_row}
    negative = next(c for c in cells if c.table == "applications" and c.row == "new_received"
                    and c.column == "other_org")
    changed[negative.key] = attrs.evolve(negative, value=-2, raw="-2")
    blank_total = report.cell("reviews", "reviews", "review.total")
    changed[blank_total.key] = attrs.evolve(blank_total, value=None, raw="", kind="blank")
    broken = attrs.evolve(report, cells=[changed.get(c.key, c) for c in cells])
    findings = govdisclose.validate(broken)
    rules = {(f.rule, f.table, f.row, f.column) for f in findings}
    assert ("data.blank-row", "applications", "carried_over", None) in rules
    assert ("data.negative", "applications", "new_received", "other_org") in rules
    assert ("data.blank-total", "reviews", "reviews", "review.total") in rules
    r5 = next(f for f in findings if f.rule == "R5" and f.column == "review.total")
    assert r5.severity == "info" and r5.detail("status") == "not-assessable"
    assert r5.detail("blank") == (changed[blank_total.key],)


def test_a_pickled_report_builds_no_cell_until_one_is_asked_for():
    report = SEED_REPORTS[1]
    data = pickle.dumps(report)
    with mock.patch.object(model.Cell, "__init__", side_effect=AssertionError("a Cell was built")):
        again = pickle.loads(data)
        assert again["applications", "total", "total"] == report["applications", "total", "total"]
        assert again.columns == report.columns and again.tables == report.tables
        assert again.columns.keys is report.columns.keys          # one tuple of keys for the template's order
        assert repr(again) == repr(report)
        with pytest.raises(AssertionError, match="a Cell was built"):
            again.cells
    assert again.cells == report.cells
    assert len(data) < 16_000


def test_columns_compare_as_cells_do():
    """Equal when the cells are: a page is not compared (as in a Location), a value 1 and 1.0 are."""
    cells = SEED_REPORTS[1].cells
    a = CellColumns.of(cells)
    b = CellColumns.of([attrs.evolve(c, location=Location(c.location.line, c.location.column, 3)) for c in cells])
    assert a == b and hash(a) == hash(b)
    c = CellColumns.of([attrs.evolve(c, value=Decimal(c.value)) if c.value is not None else c for c in cells])
    assert a == c
    assert a != CellColumns.of([attrs.evolve(cells[0], raw="x"), *cells[1:]])
    assert a != CellColumns.of(cells[1:])


def test_the_writers_read_the_columns():
    """What crosses back from a worker is written without a Cell built: the JSON dict, the
    tidy and wide rows and the counts of a pickled report are those of the report itself."""
    from govdisclose.frames import report_counts, tidy_columns, wide_cells, wide_columns
    from govdisclose.host import host
    report = _with_pages(SEED_REPORTS[2], random.Random(2))
    known = set(wide_columns(host()))
    expected = (report.to_dict(), tidy_columns(report, host()), wide_cells(report, known), report_counts(report))
    data = pickle.dumps(report)
    with mock.patch.object(model.Cell, "__init__", side_effect=AssertionError("a Cell was built")):
        again = pickle.loads(data)
        got = (again.to_dict(), tidy_columns(again, host()), wide_cells(again, known), report_counts(again))
    assert got == expected
    assert any(c["location"] and "page" in c["location"] for c in got[0]["cells"])
    assert got[1]["value"][0] == float(report.cells[0].value) and len(got[1]["raw"]) == len(report.cells)
