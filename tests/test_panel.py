"""A panel researchers can analyse: the frames' types and names, the same columns wide in a
frame and a batch, files that gave no report kept as rows, dtypes through Parquet and back,
the batch Parquet in DuckDB with the documented query (no quoting), and Excel."""
from __future__ import annotations

import pathlib
import shutil
from decimal import Decimal

import pytest

import govdisclose
from conftest import cli_batch
from govdisclose.cli import main
from govdisclose import testing
from govdisclose.frames import FILE_COLUMNS, KEY_COLUMNS, REPORT_COLUMNS, TIDY_COLUMNS, split_key

pd = pytest.importorskip("pandas")        # the frame extra: installed by the README's test set-up
pytest.importorskip("pyarrow")

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = [testing.seed_path(n) for n in testing.SEEDS]
EXAMPLE = ROOT / "examples" / "yejin-2024.txt"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> pathlib.Path:
    """The seeds, the example and a file that is not a report."""
    root = tmp_path_factory.mktemp("panel")
    for seed in SEEDS:
        shutil.copy(seed, root / seed.name)
    shutil.copy(EXAMPLE, root / EXAMPLE.name)
    (root / "notes.txt").write_text("会议纪要：今天讨论了绿化。", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def results(folder):
    return list(govdisclose.parse_many(folder))


def test_tidy_frame_types_keys_and_split_keys(results, folder):
    frame = govdisclose.to_frame(results)
    assert list(frame.columns) == list(REPORT_COLUMNS + TIDY_COLUMNS)
    for name in KEY_COLUMNS + ("row_group", "row_item", "column_group", "column_item", "unit", "kind", "status"):
        assert str(frame[name].dtype) == "category", name
    for name in ("year", "count", "line", "char"):
        assert str(frame[name].dtype) == "Int64", name
    assert str(frame["value"].dtype) == "Float64" and str(frame["blank"].dtype) == "boolean"
    # counts are integers, money exact decimals; each in its own column, the other empty
    report = govdisclose.parse(EXAMPLE)
    mine = frame[frame["source"] == str(folder / EXAMPLE.name)]
    by_key = {(t, r, c): (n, m) for t, r, c, n, m in zip(mine["table_key"], mine["row_key"], mine["column_key"],
                                                           mine["count"], mine["money"])}
    for cell in report.cells:
        count, money = by_key[cell.key]
        if cell.value is None:
            assert pd.isna(count) and money is None
        elif isinstance(cell.value, Decimal) or cell.column.endswith("amount"):
            assert pd.isna(count) and money == cell.value and isinstance(money, Decimal)
        else:
            assert count == cell.value and money is None
    # a dotted key split into group and item; an undotted one is its own group
    denied = mine[mine["row_key"] == "denied.state_secret"].iloc[0]
    assert (denied["row_group"], denied["row_item"]) == ("denied", "state_secret")
    total = mine[mine["row_key"] == "total"].iloc[0]
    assert total["row_group"] == "total" and pd.isna(total["row_item"])
    assert split_key("litigation_after_review.upheld") == ("litigation_after_review", "upheld")
    assert split_key("total") == ("total", None)


def test_a_file_that_gave_no_report_is_a_row_with_its_status_and_error(results, folder):
    for frame in (govdisclose.to_frame(results), govdisclose.to_frame(results, wide=True)):
        bad = frame[frame["source"] == str(folder / "notes.txt")]
        assert len(bad) == 1
        assert bad["status"].iloc[0] == "unreadable" and "statistics table" in bad["error"].iloc[0]
        assert pd.isna(bad["agency"].iloc[0])
        assert set(frame["status"].dropna()) <= {"parsed", "errors", "unreadable"}
    # the cross-report checks leave it out
    assert not [f for f in govdisclose.check_panel(govdisclose.to_frame(results)) if "notes" in str(f.message)]


def test_wide_frame_and_batch_wide_have_the_same_columns(results, folder, tmp_path):
    wide = govdisclose.to_frame(results, wide=True)
    out = tmp_path / "wide.parquet"
    status, _ = cli_batch(str(folder), "--out", str(out), "--shape", "wide")
    assert status == 2                                          # notes.txt is not a report
    panel = pd.read_parquet(out)
    assert list(wide.columns) == list(panel.columns)
    assert list(wide.columns[:len(FILE_COLUMNS)]) == list(FILE_COLUMNS)
    assert wide.columns[-1] == "unknown_cells"
    back = govdisclose.read_panel(out)
    for name in ("year", "cells", "errors", "applications/total/total"):
        assert str(wide[name].dtype) == str(back[name].dtype) == "Int64", name
    # the same values, file by file
    wide = wide.set_index("source").sort_index()
    back = back.set_index("source").sort_index()
    for name in ("agency", "year", "cells", "blank_cells", "applications/total/total",
                 "active_disclosure/administrative_fees/fee_amount", "unknown_cells", "status"):
        assert [None if pd.isna(v) else v for v in wide[name]] == [None if pd.isna(v) else v for v in back[name]], name


def test_dtypes_survive_parquet_and_read_panel_restores_them_from_every_format(results, folder, tmp_path):
    frame = govdisclose.to_frame(results)
    frame.to_parquet(tmp_path / "frame.parquet")
    again = pd.read_parquet(tmp_path / "frame.parquet")
    assert again.dtypes.astype(str).to_dict() == frame.dtypes.astype(str).to_dict()
    money = frame["money"].dropna()
    assert len(money) and list(again["money"].dropna()) == list(money)
    for suffix in (".parquet", ".csv", ".jsonl"):
        out = tmp_path / f"panel{suffix}"
        status, _ = cli_batch(str(folder), "--out", str(out))
        assert status == 2
        panel = govdisclose.read_panel(out)
        for name in KEY_COLUMNS + ("unit", "kind"):
            assert str(panel[name].dtype) == "category", (suffix, name)
        for name in ("year", "count", "line", "char", "size", "rows"):
            assert str(panel[name].dtype) == "Int64", (suffix, name)
        assert str(panel["blank"].dtype) == "boolean" and str(panel["value"].dtype) == "Float64"
        exact = panel["exact"].dropna()
        assert all(isinstance(v, str) for v in exact)                # "25.846387", not a float
        amounts = panel.loc[panel["unit"] == "万元", ["money", "exact"]].dropna()
        assert len(amounts) and all(m == Decimal(e) for m, e in zip(amounts["money"], amounts["exact"])), suffix


def test_the_batch_parquet_opens_in_duckdb_with_the_documented_query(folder, tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is in the test extra")
    out = tmp_path / "panel.parquet"
    cli_batch(str(folder), "--out", str(out))
    doc = (ROOT / "docs" / "corpora.md").read_text(encoding="utf-8")
    query = doc.split("```sql\n", 1)[1].split("```", 1)[0]
    assert '"' not in query                                      # no quoted names
    rows = duckdb.sql(query.replace("panel.parquet", str(out))).fetchall()
    expected = {}
    for path in sorted(folder.iterdir()):
        try:
            report = govdisclose.parse(path)
        except govdisclose.GovdiscloseError:
            continue
        expected[(report.meta.agency, report.meta.year)] = report["applications", "new_received", "total"]
    assert {(agency, year): total for agency, year, total in rows} == expected


def test_batch_writes_an_excel_workbook_of_the_panel_and_its_findings(folder, results, tmp_path):
    pytest.importorskip("openpyxl", reason="openpyxl is in the frame extra")
    out = tmp_path / "out" / "panel.xlsx"
    status, text = cli_batch(str(folder), "--out", str(out), "--check")
    assert status == 2 and f"wrote {out}" in text and "unreadable: " in text
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["panel", "findings"]
    panel, findings = sheets["panel"], sheets["findings"]
    assert list(panel.columns) == list(FILE_COLUMNS + TIDY_COLUMNS)
    seed = panel[panel["source"] == str(folder / "seed-001.txt")]
    report = govdisclose.parse(folder / "seed-001.txt")
    assert len(seed) == len(report.cells)
    got = dict(zip(zip(seed["table_key"], seed["row_key"], seed["column_key"]), seed["exact"]))
    for cell in report.cells:
        want = got[cell.key]
        assert pd.isna(want) if cell.value is None else Decimal(str(want)) == cell.value, cell.key
    bad = panel[panel["source"] == str(folder / "notes.txt")]
    assert len(bad) == 1 and bad["status"].iloc[0] == "unreadable"
    everything = sum(len(govdisclose.validate(govdisclose.parse(p))) for p in sorted(folder.iterdir())
                     if p.name != "notes.txt")
    cross = govdisclose.check_panel(results)                     # --check adds the cross-report findings
    assert len(findings) == everything + len(cross) and {"rule", "severity", "message_zh", "row_key"} <= set(findings.columns)
    # --findings beside it: the same findings, in that file's own format
    csv = tmp_path / "found.csv"
    status, text = cli_batch(str(folder), "--out", str(out), "--findings", str(csv))
    assert status == 2 and f"wrote {out} and {csv}" in text
    assert len(govdisclose.read_panel(csv)) == len(pd.read_excel(out, sheet_name="findings")) == everything
    # findings as a workbook of their own: no (they are the workbook's findings sheet)
    assert main(["batch", str(folder), "--out", str(tmp_path / "p.parquet"), "--findings", str(tmp_path / "f.xlsx"),
                 "--no-progress"]) == 2
    # the wide shape too; the lock file beside it is the only other file
    status, _ = cli_batch(str(folder), "--out", str(out), "--shape", "wide")
    assert len(pd.read_excel(out, sheet_name="panel")) == len(list(folder.iterdir()))
    assert sorted(p.name for p in out.parent.iterdir()) == [".panel.xlsx.lock", "panel.xlsx"]
