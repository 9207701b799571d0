"""Bounded and lossless batches (issue 14): every file's rows exactly once, whatever cut the
last run short; an output that cannot be written, or that another batch is writing, is one
line and exit status 2; inputs that are no regular file, or too big, are refused before a
byte is read.
"""
from __future__ import annotations

import errno
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

import pytest

import govdisclose
from govdisclose import batch
from govdisclose.cli import main

from conftest import seed_path

pd = pytest.importorskip("pandas")        # the frame extra: installed by the README's test set-up
pytest.importorskip("pyarrow")
pytest.importorskip("filelock")

SEEDS = ("seed-001", "seed-002", "seed-003")


def _batch(source: pathlib.Path, out: pathlib.Path, **options) -> tuple[int, str, str]:
    """``govdisclose batch SOURCE --out OUT``: (exit status, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    status = batch.run_batch([str(source)], str(out), progress=False, stdout=stdout, stderr=stderr, **options)
    return status, stdout.getvalue(), stderr.getvalue()


@pytest.fixture()
def reports(tmp_path) -> pathlib.Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SEEDS:
        shutil.copy(seed_path(name), folder / f"{name}.txt")
    return folder


def _expected(folder: pathlib.Path) -> dict[str, int]:
    return {str(p): len(govdisclose.parse(p).cells) for p in sorted(folder.iterdir())}


def _rows_by_file(out: pathlib.Path) -> dict[str, int]:
    frame = batch.read_panel(out)
    return frame.groupby("source").size().to_dict()


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_resume_after_any_cut_writes_every_file_once_and_whole(tmp_path, reports, suffix):
    """The output of a run cut off anywhere (kill -9 mid-file, a full disk: any prefix of
    the whole output) resumes to the whole output: a file whose rows are not all there is
    parsed again, and its partial rows are not kept."""
    whole = tmp_path / f"whole{suffix}"
    status, _, err = _batch(reports, whole)
    assert status in (0, 1), err
    expected = _expected(reports)
    assert _rows_by_file(whole) == expected
    data = whole.read_bytes()
    line_ends = [i + 1 for i, b in enumerate(data) if b == 0x0A]
    first_block_lines = expected[str(reports / f"{SEEDS[0]}.txt")] + (suffix == ".csv")
    cuts = {line_ends[59], line_ends[first_block_lines - 1], line_ends[first_block_lines - 2],
            line_ends[first_block_lines] - 7, line_ends[len(line_ends) // 2], len(data) - 1, 3, 0}
    for cut in sorted(cuts):
        part = tmp_path / f"cut-{cut}{suffix}"
        part.write_bytes(data[:cut])
        status, text, err = _batch(reports, part)
        assert status in (0, 1) and not err, (cut, err)
        assert _rows_by_file(part) == expected, cut                   # every file, whole, once
    # a finished output resumes to nothing to do
    status, text, _ = _batch(reports, whole)
    assert f"{len(SEEDS)} already in" in text and _rows_by_file(whole) == expected


def test_the_issue_repro_first_60_lines(tmp_path, reports):
    two = tmp_path / "two"
    two.mkdir()
    for p in sorted(reports.iterdir())[:2]:
        shutil.copy(p, two / p.name)
    full = tmp_path / "f.jsonl"
    _batch(two, full)
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    partial = tmp_path / "p.jsonl"
    partial.write_text("".join(lines[:60]), encoding="utf-8")
    status, text, _ = _batch(two, partial)
    assert "0 already in" in text
    assert len(partial.read_text(encoding="utf-8").splitlines()) == len(lines)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_a_full_disk_is_one_line_and_the_same_command_resumes(tmp_path, reports, suffix, monkeypatch):
    out = tmp_path / f"panel{suffix}"
    findings = tmp_path / f"findings{suffix}"
    real_flush = batch.Sink.flush
    calls = {"n": 0}

    def flush_then_fill_the_disk(self):
        if self.path == out and self.buffer:
            calls["n"] += 1
            if calls["n"] == 2:                 # the second file's block: half written, then ENOSPC
                real_flush(self)
                if self.format != "parquet":
                    with out.open("rb+") as f:
                        f.truncate(out.stat().st_size // 2 + 3)
                raise OSError(errno.ENOSPC, "No space left on device", str(out))
        real_flush(self)
    monkeypatch.setattr(batch, "_FLUSH_ROWS", 1)
    monkeypatch.setattr(batch.Sink, "flush", flush_then_fill_the_disk)
    status, _, err = _batch(reports, out, findings_out=str(findings))
    assert status == 2 and len(err.splitlines()) == 1 and "No space left on device" in err
    assert "Traceback" not in err and not (tmp_path / f"panel{suffix}.partial").exists()
    monkeypatch.setattr(batch.Sink, "flush", real_flush)
    status, _, err = _batch(reports, out, findings_out=str(findings))
    assert status in (0, 1), err
    assert _rows_by_file(out) == _expected(reports)
    # the findings: each file's once (the same as a run that was never cut short)
    clean = tmp_path / f"clean{suffix}"
    clean_findings = tmp_path / f"clean-findings{suffix}"
    _batch(reports, clean, findings_out=str(clean_findings))
    got = batch.read_panel(findings).groupby(["source", "rule"]).size().to_dict()
    assert got == batch.read_panel(clean_findings).groupby(["source", "rule"]).size().to_dict()


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_an_output_that_cannot_be_written_is_one_line(tmp_path, reports, suffix, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output's folder should be", encoding="utf-8")
    status = main(["batch", str(reports), "--out", str(blocker / f"panel{suffix}"), "--no-progress"])
    out, err = capsys.readouterr()
    assert status == 2 and len(err.splitlines()) == 1 and "cannot write the output" in err
    assert "Traceback" not in err


_HOLD = r"""
import sys, time
from pathlib import Path
from govdisclose.batch import _lock
lock = _lock(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_a_second_batch_on_the_same_output_is_told_it_is_in_use(tmp_path, reports, suffix, capsys):
    out = tmp_path / f"panel{suffix}"
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        status = main(["batch", str(reports), "--out", str(out), "--no-progress"])
        _, err = capsys.readouterr()
        assert status == 2 and len(err.splitlines()) == 1 and "in use by another govdisclose batch" in err
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait()
    # the holder died (as a killed batch does): its lock went with it
    status = main(["batch", str(reports), "--out", str(out), "--no-progress"])
    assert status in (0, 1) and _rows_by_file(out) == _expected(reports)


_BATCH = r"""
import sys
from govdisclose.cli import main
sys.exit(main(["batch", *sys.argv[1:], "--no-progress"]))
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")
def test_fifos_devices_and_huge_files_are_refused_before_a_byte_is_read(tmp_path, reports):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)                              # opening it would wait for a writer for ever
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(3 << 30)                      # 3 GB, sparse: hashing it would read 3 GB
    out = tmp_path / "panel.jsonl"
    assert _batch(reports, out)[0] in (0, 1)
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", _BATCH, str(reports), "/dev/zero", str(fifo), str(huge),
                          "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60
    assert run.returncode == 2, run.stderr
    assert "unreadable: /dev/zero: not a regular file" in run.stdout
    assert f"unreadable: {fifo}: not a regular file" in run.stdout
    assert f"unreadable: {huge}: " in run.stdout and "more than a report" in run.stdout
    assert f"{len(SEEDS)} already in" in run.stdout
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["source"] for r in rows if r["status"] == "unreadable"} == {"/dev/zero", str(fifo), str(huge)}


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_resume_keeps_same_content_under_two_names_and_unread_files_once(tmp_path, reports, suffix):
    """Done is a file's content under its name: a copy under another name cut off mid-block is
    parsed again, not skipped for its twin; a file that was not read (too big) is one row
    however often the run resumes. Also a findings output in another format than --out."""
    shutil.copy(reports / "seed-001.txt", reports / "twin.txt")
    huge = reports / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(govdisclose.sources.MAX_BYTES + 1)
    out = tmp_path / f"panel{suffix}"
    findings = tmp_path / ("findings.parquet" if suffix != ".parquet" else "findings.jsonl")
    expected = {str(p): (1 if p == huge else len(govdisclose.parse(p).cells)) for p in sorted(reports.iterdir())}
    status, _, err = _batch(reports, out, findings_out=str(findings))
    assert status == 2 and not err
    assert _rows_by_file(out) == expected
    before = batch.read_panel(findings).groupby("source").size().to_dict()
    if suffix != ".parquet":             # cut inside the twin's block
        data = out.read_bytes()
        text = data.decode("utf-8")
        at = text.index(str(reports / "twin.txt"))
        out.write_bytes(text[:at + 200].encode("utf-8"))
    for _ in range(2):
        status, text, err = _batch(reports, out, findings_out=str(findings))
        assert status in (0, 1) and not err, err                 # the unread file: already in, skipped
        assert "0 unreadable" in text and _rows_by_file(out) == expected
        assert batch.read_panel(findings).groupby("source").size().to_dict() == before


def test_a_csv_cell_longer_than_the_csv_module_allows_resumes(tmp_path, reports):
    long_cell = reports / "long.txt"
    long_cell.write_text(seed_path("seed-001").read_text(encoding="utf-8").replace("| 1990件 |", "| " + "7" * 200_000 + " |"),
                         encoding="utf-8")
    out = tmp_path / "panel.csv"
    _batch(reports, out)
    expected = _rows_by_file(out)
    (reports / "later.txt").write_text(seed_path("seed-004").read_text(encoding="utf-8"), encoding="utf-8")
    status, text, err = _batch(reports, out)
    assert f"{len(expected)} already in" in text and not err
    assert _rows_by_file(out) == {**expected, str(reports / "later.txt"): len(govdisclose.parse(reports / "later.txt").cells)}


def test_an_old_csv_with_other_columns_is_refused_even_with_only_its_header(tmp_path, reports):
    out = tmp_path / "panel.csv"
    out.write_text("source,sha256,size,status\n/x.txt,abc,12,pa", encoding="utf-8")      # no rows column
    status, _, err = _batch(reports, out)
    assert status == 2 and "other columns" in err and err.count("\n") == 1


def test_findings_to_the_output_itself_is_refused_in_one_line(tmp_path, reports):
    out = tmp_path / "panel.jsonl"
    status, _, err = _batch(reports, out, findings_out=str(out))
    assert status == 2 and err.count("\n") == 1 and "another file than --out" in err and not out.exists()


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_an_output_in_a_folder_that_does_not_exist_is_written_there(tmp_path, reports, suffix):
    out = tmp_path / "2024" / "county" / f"panel{suffix}"
    status, _, err = _batch(reports, out, findings_out=str(tmp_path / "notes" / "findings.csv"))
    assert status == 0, err
    assert _rows_by_file(out) == _expected(reports)
    assert (tmp_path / "notes" / "findings.csv").exists()
    assert _batch(reports, out)[0] == 0 and _rows_by_file(out) == _expected(reports)   # resumed: each once
