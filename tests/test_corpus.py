"""Corpora: DataFrames, parse_many on executors, the batch command, cross-report checks.

The generated corpus (a few hundred reports, every layout, both templates) is drawn once
for the module; with the seeds it stands for a researcher's folder of reports.
"""
from __future__ import annotations

import importlib
import json
import os
import pathlib
import pickle
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import attrs
import pytest

import govdisclose
from conftest import cli_batch
from govdisclose import testing
from govdisclose.findings import finding
from govdisclose.frames import TIDY_COLUMNS, cell_column

pd = pytest.importorskip("pandas")        # the frame extra: installed by the README's test set-up
pytest.importorskip("pyarrow")

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = [testing.seed_path(n) for n in testing.SEEDS]
EXAMPLE = ROOT / "examples" / "yejin-2024.txt"


@pytest.fixture(scope="module")
def generated() -> list[tuple[govdisclose.Report, str, str]]:
    return testing.corpus(200, seed=7)


@pytest.fixture(scope="module")
def folder(tmp_path_factory, generated) -> pathlib.Path:
    """Generated reports and the seeds as files, as a scraper leaves them."""
    root = tmp_path_factory.mktemp("reports")
    for i, (_, layout, text) in enumerate(generated[:30]):
        (root / f"gen-{i:03d}-{layout}.txt").write_text(text, encoding="utf-8")
    for seed in SEEDS:
        shutil.copy(seed, root / seed.name)
    return root


# -- a notebook: a DataFrame of a few hundred reports ----------------------------------------------

def test_notebook_dataframe_of_generated_reports_and_seeds(generated):
    reports = [govdisclose.parse(text) for _, _, text in generated] + [govdisclose.parse(p) for p in SEEDS]
    frame = govdisclose.to_frame(reports)
    assert list(frame.columns[-len(TIDY_COLUMNS):]) == list(TIDY_COLUMNS)
    assert len(frame) == sum(len(r.cells) for r in reports)
    assert set(frame["template"]) == {"pre2021", "post2021"}
    # every cell as it is in the report: exact text, float value, blank flag (blank is not zero)
    frame["report"] = [i for i, r in enumerate(reports) for _ in r.cells]
    exact = {(i, c.key): c.value for i, r in enumerate(reports) for c in r.cells}
    sample = frame.sample(3000, random_state=1)
    for row in sample.itertuples(index=False):
        value = exact[(row.report, (row.table_key, row.row_key, row.column_key))]
        if value is None:
            assert row.blank and pd.isna(row.value) and pd.isna(row.exact)
        else:
            assert not row.blank and Decimal(row.exact) == value and row.value == float(value)
    assert frame["value"].dtype == "Float64" and frame["blank"].dtype == "boolean"
    # Chinese labels and units for every key the templates know
    known = frame[~frame["row_key"].str.startswith("unknown:")]
    assert known["table_zh"].notna().all() and known["row_zh"].notna().all() and known["column_zh"].notna().all()
    assert set(known["unit"]) == {"件", "万元"}
    money = frame[frame["column_key"] == "fee_amount"]
    assert (money["unit"] == "万元").all()
    # what a researcher does: R1 per report and column, on the frame (blank rows left out)
    apps = frame[(frame["table_key"] == "applications") & (frame["report"] < len(generated))]
    table = apps.pivot_table(index=["report", "column_key"], columns="row_key", values="value", aggfunc="first",
                             observed=True)
    both = table[["new_received", "carried_over", "total", "carried_forward"]].dropna()
    assert len(both) > 500
    assert ((both["new_received"] + both["carried_over"]) == (both["total"] + both["carried_forward"])).all()


def test_wide_frame_is_one_row_per_report(generated):
    reports = [govdisclose.parse(text) for _, _, text in generated[:40]] + [govdisclose.parse(SEEDS[1])]
    wide = govdisclose.to_frame(reports, wide=True)
    assert len(wide) == len(reports)
    for i, report in enumerate(reports):
        for cell in report.cells[:50]:
            got = wide.loc[i, cell_column(*cell.key)]
            assert (pd.isna(got) if cell.value is None else got == cell.value), (cell, got)
    assert wide["applications/total/total"].dtype == "Int64"
    assert wide.loc[len(reports) - 1, "agency"] == reports[-1].meta.agency
    one = reports[0].to_frame(wide=True)
    assert len(one) == 1 and one.loc[0, "cells"] == sum(1 for c in reports[0].cells if c.kind != "absent")


def test_report_and_findings_show_as_html_tables():
    text = EXAMPLE.read_text(encoding="utf-8").replace("行政强制 | 0 |", "行政强制 | 1.5 |")
    report = govdisclose.parse(text)
    html = report._repr_html_()
    assert "<table" in html and "冶金街道" in html and "收到和处理政府信息公开申请情况" in html
    assert "自然人" in html and "总计" in html and ">1990</td>" in html
    assert "value.unreadable" in html and 'data-key="active_disclosure/administrative_licensing/decisions"' in html
    odd = finding("x.y", "warning", en="<b>x</b> & co")
    assert "<b>x</b>" not in odd._repr_html_() and "&lt;b&gt;x&lt;/b&gt; &amp; co" in odd._repr_html_()
    findings = govdisclose.validate(report)
    assert isinstance(findings, govdisclose.Findings) and isinstance(findings, tuple)
    table = findings._repr_html_()
    assert table.count("<tr>") == len(findings) + 1 and "value.unreadable" in table
    assert "value.unreadable" in findings[0]._repr_html_()
    blank = govdisclose.parse(SEEDS[0])                      # every cell blank: shown blank, not 0
    shown = blank._repr_html_()
    assert 'data-key="applications/new_received/total"></td>' in shown and ">0</td>" not in shown


def test_a_report_whose_sums_fail_does_not_show_as_ok():
    """Jupyter judges a report by every finding validate gives, not its parse findings only
    (a report that breaks R1, R3 and R4 showed "ok: 0 errors")."""
    broken = govdisclose.parse(EXAMPLE.read_text(encoding="utf-8").replace("(七)总计 | 2 |", "(七)总计 | 5 |"))
    assert broken.ok                                          # parsed without an error
    html = broken._repr_html_()
    assert 'data-status="errors"' in html and "错误 3 项" in html and "R1" in html and "R4" in html
    assert "likely-culprit" in html
    assert 'data-status="passes"' in govdisclose.parse(EXAMPLE)._repr_html_()
    assert not govdisclose.validate(broken).ok and govdisclose.validate(govdisclose.parse(EXAMPLE)).ok


def test_print_shows_a_line_not_every_cell():
    report = govdisclose.parse(EXAMPLE)
    line = repr(report)
    assert line.startswith("<Report 冶金街道 2024 post2021: 6 sections,") and "\n" not in line and len(line) < 200
    finding_ = govdisclose.validate(govdisclose.parse(
        EXAMPLE.read_text(encoding="utf-8").replace("(七)总计 | 2 |", "(七)总计 | 5 |")))[0]
    assert repr(finding_).startswith("<Finding R1 error ") and len(repr(finding_)) < 300


# -- parse_many ------------------------------------------------------------------------------------

def _bad_files(root: pathlib.Path) -> list[pathlib.Path]:
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.txt").write_text("会议纪要：今天天气很好。\n", encoding="utf-8")
    return [root / "binary.txt", root / "empty.txt", root / "notes.txt"]


def test_parse_many_streams_results_and_bad_files_are_records(tmp_path, folder):
    for p in folder.iterdir():
        shutil.copy(p, tmp_path / p.name)
    bad = _bad_files(tmp_path)
    paths = sorted(str(p) for p in tmp_path.iterdir()) + [str(tmp_path / "missing.txt")]
    results = govdisclose.parse_many(paths)
    assert iter(results) is results                          # a stream, not a list
    results = list(results)
    assert [r.source for r in results] == paths
    by = {pathlib.Path(r.source).name: r for r in results}
    for p in bad + [tmp_path / "missing.txt"]:
        r = by[p.name]
        assert r.status == "unreadable" and r.report is None and r.error and r.error_type
    assert by["missing.txt"].sha256 is None and by["binary.txt"].sha256 is not None
    good = [r for r in results if r.ok]
    assert len(good) == len(paths) - 4
    assert all(r.report.meta.source == r.source for r in good)
    assert all(r.findings[:len(r.report.findings)] == r.report.findings for r in good)
    assert pickle.loads(pickle.dumps(results)) == results        # picklable, equal again


def test_parse_many_on_a_process_pool_and_any_executor(folder):
    alone = list(govdisclose.parse_many(folder))
    pooled = list(govdisclose.parse_many(str(folder / "*.txt"), workers=2, chunksize=4))
    assert [r.source for r in pooled] == [r.source for r in alone]
    assert [testing.content(r.report) for r in pooled] == [testing.content(r.report) for r in alone]
    assert [r.findings for r in pooled] == [r.findings for r in alone]
    with ThreadPoolExecutor(2) as executor:
        threaded = list(govdisclose.parse_many(folder, executor=executor, ordered=False))
        assert sorted(r.source for r in threaded) == sorted(r.source for r in alone)
        assert executor.submit(len, "still running").result() == 13      # ours to shut down, not parse_many's


def _total(result):
    """What a caller keeps of a file (runs in the worker): its source and 总计, or its error."""
    if result.report is None:
        return (result.source, result.error)
    return (result.source, result.report["applications", "total", "total"])


def _frozen(result):
    """How many objects the worker that parsed *result* froze out of the collector's way."""
    import gc
    import os
    return os.getpid(), gc.get_freeze_count()


def test_a_pool_worker_is_warmed_up_and_frozen(folder):
    """The pool's workers parsed a bundled report and froze what was alive before their first
    file (``corpus.warm_worker``): the collector leaves the modules and caches alone."""
    from govdisclose.corpus import _WARM_UP
    assert _WARM_UP.is_file()                       # bundled (in the wheel too: package data)
    counts = dict(govdisclose.parse_many(folder, workers=2, then=_frozen))
    assert counts and all(n > 10_000 for n in counts.values())
    assert os.getpid() not in counts


def test_a_failing_warm_up_is_skipped(monkeypatch):
    """A check (or a plugin) that breaks on the warm-up report does not break the worker: the
    warm-up is skipped and the worker still freezes; without validation nothing is validated."""
    import gc
    import govdisclose.api
    from govdisclose.corpus import warm_worker
    calls = []

    def broken(report):
        calls.append(report)
        raise ZeroDivisionError("a broken check")
    monkeypatch.setattr(govdisclose.api, "validate", broken)
    try:
        warm_worker(validate=False)
        assert calls == [] and gc.get_freeze_count() > 0
        warm_worker()                               # raises nothing
        assert len(calls) == 1
    finally:
        gc.unfreeze()


def test_parse_many_then_runs_where_the_file_is_parsed(tmp_path, folder):
    src = tmp_path / "in"
    shutil.copytree(folder, src)
    (src / "broken.txt").write_bytes(b"\x00\xff" * 300)
    alone = [_total(r) for r in govdisclose.parse_many(src)]
    assert list(govdisclose.parse_many(src, then=_total)) == alone
    assert list(govdisclose.parse_many(src, workers=2, then=_total)) == alone     # pickled to and from the pool
    kept = dict(alone)
    assert "binary data" in kept[str(src / "broken.txt")]               # the error, not a total
    assert kept[str(src / "seed-001.txt")] == govdisclose.parse(SEEDS[1])["applications", "total", "total"]


def test_parse_many_on_a_dask_cluster(folder):
    # the dask extra: the README's test set-up installs it, so CI (CI=true) requires it
    distributed = importlib.import_module("distributed") if os.environ.get("CI") else pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        results = list(govdisclose.parse_many(folder, executor=client.get_executor()))
    alone = list(govdisclose.parse_many(folder))
    assert [r.source for r in results] == [r.source for r in alone]
    assert [testing.content(r.report) for r in results] == [testing.content(r.report) for r in alone]


# -- the batch command ---------------------------------------------------------------------------

def test_batch_writes_a_parquet_panel_lists_the_bad_file_and_resumes(tmp_path, folder):
    src = tmp_path / "in"
    shutil.copytree(folder, src)
    (src / "broken.txt").write_bytes(b"\x00\xff" * 300)
    out = tmp_path / "panel.parquet"
    status, text = cli_batch(str(src), "--out", str(out), "--workers", "2", "--findings", str(tmp_path / "f.jsonl"))
    files = len(list(src.iterdir()))
    assert status == 2                                   # one file could not be read
    assert f"{files} files: " in text and "1 unreadable" in text
    assert f"unreadable: {src / 'broken.txt'}" in text
    panel = pd.read_parquet(out)
    assert set(panel["source"]) == {str(p) for p in src.iterdir()}
    broken = panel[panel["source"] == str(src / "broken.txt")]
    assert len(broken) == 1 and broken["status"].iloc[0] == "unreadable" and broken["error"].iloc[0]
    seed = panel[panel["source"] == str(src / "seed-001.txt")]
    report = govdisclose.parse(SEEDS[1])
    assert len(seed) == len(report.cells)
    got = seed.set_index(["table_key", "row_key", "column_key"])["exact"]
    assert all((pd.isna(got[c.key]) if c.value is None else Decimal(got[c.key]) == c.value) for c in report.cells)
    findings = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()]
    assert findings and {"source", "rule", "severity", "message"} <= set(findings[0])
    # resumable: only the new file is parsed; nothing is written twice
    (src / "yejin.txt").write_text(EXAMPLE.read_text(encoding="utf-8") + "\n（完）\n", encoding="utf-8")
    status, text = cli_batch(str(src), "--out", str(out))
    assert status == 0 and "1 parsed" in text and f"{files} already in" in text
    again = pd.read_parquet(out)
    assert len(again) == len(panel) + len(govdisclose.parse(src / "yejin.txt").cells)
    assert not again.duplicated(subset=["source", "table_key", "row_key", "column_key"]).any()


_KILLED_RUN = r"""
import os, sys
import govdisclose.batch as batch
from govdisclose.cli import main
batch._FLUSH_ROWS = 1                       # a part after every report
real = batch.parse_many
def dying(*args, **kwargs):                 # the process dies hard after 5 reports: no finally, no close
    for n, result in enumerate(real(*args, **kwargs), 1):
        yield result
        if n == 5:
            os._exit(9)
batch.parse_many = dying
main(["batch", sys.argv[1], "--out", sys.argv[2], "--no-progress"])
"""


def test_batch_parquet_survives_a_hard_kill(tmp_path, folder):
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(folder.iterdir())[:12]:
        shutil.copy(p, src / p.name)
    out = tmp_path / "panel.parquet"
    killed = subprocess.run([sys.executable, "-c", _KILLED_RUN, str(src), str(out)], capture_output=True, text=True)
    assert killed.returncode == 9, killed.stderr
    parts = sorted((tmp_path / "panel.parquet.parts").glob("part-*.parquet"))
    assert not out.exists() and len(parts) >= 4          # the reports written before the kill, each whole
    status, text = cli_batch(str(src), "--out", str(out))   # resumes: the parts' files are done
    assert status in (0, 1), text
    skipped = int(text.split(" already in")[0].rsplit(", ", 1)[1])
    assert skipped >= 4 and f"{12 - skipped} parsed" in text.replace(" parsed with", "")
    panel = pd.read_parquet(out)
    expected = {str(p): len(govdisclose.parse(p).cells) for p in src.iterdir()}
    assert panel.groupby("source").size().to_dict() == expected          # every file once, whole
    assert not (tmp_path / "panel.parquet.parts").exists()
    # killed after the merge but before the parts were removed: they are not merged twice
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
    merged = pq.read_table(out)
    stale = tmp_path / "panel.parquet.parts"
    stale.mkdir()
    pq.write_table(merged.filter(pc.equal(merged["source"], merged["source"][0])), stale / "part-000001.parquet")
    status, text = cli_batch(str(src), "--out", str(out))
    assert "12 already in" in text
    assert pd.read_parquet(out).groupby("source").size().to_dict() == expected


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_batch_csv_and_jsonl_hold_the_same_table(tmp_path, folder, suffix):
    files = sorted(folder.iterdir())[:6]
    for p in files:
        shutil.copy(p, tmp_path / p.name)
    out = tmp_path / f"panel{suffix}"
    status, _ = cli_batch(str(tmp_path / "*.txt"), "--out", str(out))
    assert status in (0, 1)
    from govdisclose.batch import read_panel
    frame = read_panel(out)
    assert len(frame) == sum(len(govdisclose.parse(p).cells) for p in files)
    status, text = cli_batch(str(tmp_path / "*.txt"), "--out", str(out))        # resumed: nothing to do
    assert "6 already in" in text and len(read_panel(out)) == len(frame)


def test_batch_wide_shape_and_cross_report_checks(tmp_path):
    before, after = _pair()
    broken = _with(after, ("applications", "carried_over", "total"), 99)
    for name, report in (("a-2024.txt", before), ("a-2025.txt", broken)):
        (tmp_path / name).write_text(govdisclose.render(report, layout="pipe"), encoding="utf-8")
    shutil.copy(tmp_path / "a-2024.txt", tmp_path / "copy.txt")
    out = tmp_path / "wide.parquet"
    fee = ("active_disclosure", "administrative_fees", "fee_amount")
    (tmp_path / "b-2024.txt").write_text(govdisclose.render(_with(before, fee, Decimal("1234.567891")), layout="pipe")
                                         .replace("冶金街道", "红旗街道"), encoding="utf-8")
    status, text = cli_batch(str(tmp_path), "--out", str(out), "--shape", "wide", "--check")
    wide = pd.read_parquet(out)
    assert len(wide) == 4 and wide["applications/total/total"].tolist() == [before["applications", "total", "total"]] * 4
    assert "R6 error" in text and "panel.duplicate warning" in text
    # money is exact in Parquet (decimal128), a float in CSV
    import pyarrow.parquet as pq
    assert str(pq.read_schema(out).field("active_disclosure/administrative_fees/fee_amount").type) == "decimal128(38, 17)"
    fees = dict(zip(wide["source"], wide["active_disclosure/administrative_fees/fee_amount"]))
    assert fees[str(tmp_path / "b-2024.txt")] == Decimal("1234.567891") and fees[str(tmp_path / "a-2024.txt")] == 0
    status, _ = cli_batch(str(tmp_path), "--out", str(tmp_path / "wide.csv"), "--shape", "wide")
    csv = pd.read_csv(tmp_path / "wide.csv")
    assert csv.set_index("source").loc[str(tmp_path / "b-2024.txt"), "active_disclosure/administrative_fees/fee_amount"] \
        == 1234.567891
    status, text = cli_batch(str(tmp_path), "--out", str(tmp_path / "long.parquet"), "--check")
    assert "R6 error" in text and "panel.duplicate warning" in text


# -- cross-report checks -----------------------------------------------------------------------

def _with(report: govdisclose.Report, key, value) -> govdisclose.Report:
    return attrs.evolve(report, cells=[attrs.evolve(c, value=value, raw=str(value)) if c.key == key else c
                                       for c in report.cells])


def _pair() -> tuple[govdisclose.Report, govdisclose.Report]:
    """冶金街道 2024 (the example) and a 2025 report consistent with it across the years."""
    before = govdisclose.parse(EXAMPLE)
    after = attrs.evolve(before, meta=attrs.evolve(before.meta, year=2025, title="冶金街道2025年政府信息公开工作年度报告",
                                                   date="2026-01-20", source=None))
    cells = []
    for c in after.cells:
        if c.table == "applications" and c.row == "carried_over":
            c = attrs.evolve(c, value=before["applications", "carried_forward", c.column])
        if c.key == ("active_disclosure", "regulations", "issued"):
            c = attrs.evolve(c, value=2)
        if c.key == ("active_disclosure", "regulations", "in_force"):
            c = attrs.evolve(c, value=before["active_disclosure", "regulations", "in_force"] + 2)
        cells.append(c)
    return before, attrs.evolve(after, cells=cells)


def test_panel_rules_hold_on_a_consistent_pair_and_fail_on_a_broken_one():
    before, after = _pair()
    assert govdisclose.check_panel([before, after]) == ()
    broken = _with(after, ("applications", "carried_over", "natural_person"), 7)
    found = govdisclose.check_panel([after, broken, before][1:])
    assert [(f.rule, f.severity, f.column) for f in found] == [("R6", "error", "natural_person")]
    f = found[0]
    assert f.detail("years") == (2024, 2025) and f.detail("status") == "failed"
    assert f.detail("left")[0].key == ("applications", "carried_forward", "natural_person")
    assert f.detail("right")[0].value == 7
    lapsed = _with(after, ("active_disclosure", "regulations", "in_force"), 0)
    found = govdisclose.check_panel([before, lapsed])
    assert [(f.rule, f.severity, f.row) for f in found] == [("R7", "warning", "regulations")]
    blank = _with(after, ("applications", "carried_over", "total"), None)
    assert [(f.rule, f.severity) for f in govdisclose.check_panel([before, blank])] == [("R6", "info")]


def test_panel_duplicates_and_two_reports_for_one_year(generated):
    before, after = _pair()
    again = attrs.evolve(before, meta=attrs.evolve(before.meta, source="elsewhere.txt"))
    found = govdisclose.check_panel([before, after, again])
    assert [f.rule for f in found] == ["panel.duplicate"]
    other = _with(before, ("applications", "granted", "total"), 5)
    found = govdisclose.check_panel([before, other, after])
    assert [f.rule for f in found] == ["panel.agency-year-twice"]         # and R6 is not assessed


def test_panel_checks_read_frames_as_they_read_reports(tmp_path):
    before, after = _pair()
    broken = _with(_with(after, ("applications", "carried_over", "total"), 9),
                   ("active_disclosure", "regulations", "in_force"), 1)
    reports = [attrs.evolve(r, meta=attrs.evolve(r.meta, source=f"r{i}.txt")) for i, r in enumerate((before, broken))]
    expected = [(f.rule, f.severity, f.table, f.row, f.column, f.detail("left_sum"), f.detail("right_sum"))
                for f in govdisclose.check_panel(reports)]
    assert {e[0] for e in expected} == {"R6", "R7"}
    for frame in (govdisclose.to_frame(reports), govdisclose.to_frame(reports, wide=True)):
        got = [(f.rule, f.severity, f.table, f.row, f.column, f.detail("left_sum"), f.detail("right_sum"))
               for f in govdisclose.check_panel(frame)]
        assert got == expected


def test_tables_identical_to_the_year_before_are_the_sign_of_a_copied_report():
    before, after = _pair()
    same = {c.key: c.value for c in before.cells if c.table in ("applications", "reviews")}
    copied = attrs.evolve(after, cells=[attrs.evolve(c, value=same[c.key]) if c.key in same else c
                                        for c in after.cells])
    reports = [attrs.evolve(r, meta=attrs.evolve(r.meta, source=f"r{i}.txt")) for i, r in enumerate((before, copied))]
    for items in (reports, govdisclose.to_frame(reports), govdisclose.to_frame(reports, wide=True)):
        found = [f for f in govdisclose.check_panel(items) if f.rule == "panel.copied-tables"]
        assert [(f.severity, f.detail("years")) for f in found] == [("warning", (2024, 2025))]
        assert "完全相同" in found[0].message_zh
    assert not [f for f in govdisclose.check_panel([before, after]) if f.rule == "panel.copied-tables"]
    nothing = [attrs.evolve(r, cells=[attrs.evolve(c, value=0) if c.table in ("applications", "reviews") else c
                                      for c in r.cells]) for r in (before, after)]
    assert not [f for f in govdisclose.check_panel(nothing) if f.rule == "panel.copied-tables"]   # alike by right


def test_findings_frame_one_row_a_finding_with_its_cells_and_unreadable_files(tmp_path):
    broken = EXAMPLE.read_text(encoding="utf-8").replace("(七)总计 | 2 |", "(七)总计 | 5 |")
    (tmp_path / "a.txt").write_text(broken, encoding="utf-8")
    (tmp_path / "b.txt").write_text("not a report", encoding="utf-8")
    report = govdisclose.parse(broken)
    frame = govdisclose.findings_frame(report)
    assert list(frame["rule"]) == ["R1", "R3", "R4"] and set(frame["severity"]) == {"error"}
    assert all("applications/total/natural_person" in cells.split() for cells in frame["cell_keys"])
    assert str(frame["year"].dtype) == "Int64" and str(frame["rule"].dtype) == "category"
    assert len(govdisclose.to_frame(govdisclose.validate(report))) == 3        # was an empty frame
    results = list(govdisclose.parse_many(str(tmp_path / "*.txt")))
    frame = govdisclose.findings_frame(results)
    unread = frame[frame["rule"] == "file.unreadable"]
    assert list(unread["source"]) == [str(tmp_path / "b.txt")] and unread["message"].iloc[0]
    assert set(frame.loc[frame["source"] == str(tmp_path / "a.txt"), "agency"]) == {"冶金街道"}


def test_a_pickled_report_is_the_same_report(generated):
    """Reports cross process boundaries compactly (Report.__reduce__); nothing is lost."""
    from govdisclose import testing as t
    loose = govdisclose.parse(t.loose_text(govdisclose.parse(SEEDS[1]), "run-together"))
    for report in [govdisclose.parse(p) for p in SEEDS] + [govdisclose.parse(text) for _, _, text in generated[:20]] \
            + [loose]:
        again = pickle.loads(pickle.dumps(report))
        assert again == report and type(again.findings) is type(report.findings)
        assert [(c.location, c.provenance) for c in again.cells] == [(c.location, c.provenance) for c in report.cells]
        assert [s.line_locations for s in again.sections] == [s.line_locations for s in report.sections]
        assert all(again.cell(*c.key) == c for c in report.cells)
    assert any(c.provenance for c in loose.cells)
