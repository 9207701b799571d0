"""The command line: in-process through cli.main, and once as ``python -m govdisclose``."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from govdisclose.cli import main
from govdisclose.readers.builtin import BUILTIN_READERS

from conftest import SEEDS, seed_path

NEWS = ("新华社北京3月5日电 第十四届全国人民代表大会第二次会议5日上午在人民大会堂开幕。国务院总理作政府工作报告，"
        "回顾过去一年工作，提出今年经济社会发展的主要目标任务。会议听取了关于国民经济和社会发展计划执行情况的报告。\n")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def one_json(out: str) -> dict:
    lines = out.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def cell(document: dict, table: str, row: str, column: str) -> dict:
    (found,) = [c for c in document["cells"] if (c["table"], c["row"], c["column"]) == (table, row, column)]
    return found


def assert_clear_error(status: int, out: str, err: str, name: str) -> None:
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"govdisclose: {name}: ")
    assert "Traceback" not in err


# -- parse --format json -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", SEEDS)
def test_json_one_document_per_file(capsys, name):
    status, out, err = run(capsys, "parse", "--format", "json", str(seed_path(name)))
    assert err == ""
    document = one_json(out)
    assert list(document) == ["meta", "sections", "cells", "findings"]
    assert status == (1 if any(f["severity"] == "error" for f in document["findings"]) else 0)
    assert document["meta"]["source"] == str(seed_path(name))
    assert [s["number"] for s in document["sections"]] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("name", ["seed-001", "seed-004"])
def test_clean_seed_exits_0(capsys, name):
    status, out, err = run(capsys, "parse", "--format", "json", str(seed_path(name)))
    assert (status, err) == (0, "")
    assert [f for f in json.loads(out)["findings"] if f["severity"] == "error"] == []


def test_json_money_is_a_number(capsys):
    _, out, _ = run(capsys, "parse", "--format", "json", str(seed_path("seed-003")))
    amount = cell(json.loads(out), "active_disclosure", "centralized_procurement", "procurement_amount")
    assert amount["value"] == 25.846387 and isinstance(amount["value"], float)
    assert (amount["raw"], amount["unit"], amount["kind"]) == ("258463.87元", "元", "number")
    exact = json.loads(out, parse_float=Decimal)
    assert cell(exact, "active_disclosure", "centralized_procurement", "procurement_amount")["value"] \
        == Decimal("25.846387")
    assert '"value": 25.846387,' in out

    _, out, _ = run(capsys, "parse", "--format", "json", str(seed_path("seed-004")))
    fee = cell(json.loads(out), "active_disclosure", "administrative_fees", "fee_amount")
    assert fee["value"] == 168.61 and isinstance(fee["value"], float)
    assert cell(json.loads(out, parse_float=Decimal), "active_disclosure", "administrative_fees",
                "fee_amount")["value"] == Decimal("168.61")


def test_json_whole_money_and_counts_are_integers(capsys):
    _, out, _ = run(capsys, "parse", "--format", "json", str(seed_path("seed-002")))
    document = json.loads(out)
    amount = cell(document, "active_disclosure", "centralized_procurement", "procurement_amount")["value"]
    assert amount == 5234 and type(amount) is int
    assert cell(document, "active_disclosure", "administrative_coercion", "change")["value"] == -9
    granted = cell(document, "applications", "granted", "total")
    assert (granted["value"], granted["kind"]) == (None, "blank")          # blank is null, not 0


def test_two_files_two_lines(capsys):
    status, out, err = run(capsys, "parse", "--format", "json", str(seed_path("seed-001")), str(seed_path("seed-004")))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["meta"]["agency"] for line in lines] == ["冶金街道", "朝阳市龙城区住房和城乡建设局"]


def test_one_good_one_bad_file(capsys, tmp_path):
    missing = tmp_path / "missing.txt"
    status, out, err = run(capsys, "parse", "--format", "json", str(seed_path("seed-001")), str(missing))
    assert status == 2
    assert json.loads(out)["meta"]["agency"] == "冶金街道"
    assert len(err.splitlines()) == 1 and err.startswith(f"govdisclose: {missing}: ")


def test_stdin(capsys, monkeypatch):
    data = seed_path("seed-004").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    status, out, err = run(capsys, "parse", "--format", "json", "-")
    assert (status, err) == (0, "")
    document = one_json(out)
    assert document["meta"]["source"] is None
    assert document["meta"]["agency"] == "朝阳市龙城区住房和城乡建设局"


# -- exit status 2: one line on stderr, no traceback --------------------------------------------------------

def test_missing_file(capsys, tmp_path):
    path = tmp_path / "nope.txt"
    status, out, err = run(capsys, "parse", "--format", "json", str(path))
    assert_clear_error(status, out, err, str(path))
    assert "No such file" in err


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", "\ufeff".encode("utf-8")])
def test_empty_file(capsys, tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    status, out, err = run(capsys, "parse", "--format", "json", str(path))
    assert_clear_error(status, out, err, str(path))
    assert "empty" in err


def test_binary_junk(capsys, tmp_path):
    for i in range(5):
        path = tmp_path / f"junk{i}.bin"
        # leading NULs: random bytes that happen to start with a BOM are tested below
        path.write_bytes(b"\0\0" + os.urandom(4096) + b"\0" * 64 + os.urandom(512))
        status, out, err = run(capsys, "parse", "--format", "json", str(path))
        assert_clear_error(status, out, err, str(path))


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf" + "一、总体情况\n本年制发件数".encode("gbk"),
                                  b"\xff\xfe\x00\xd8\x41",
                                  b"\xfe\xff\xd8\x00"],
                         ids=["utf8-bom-then-gbk", "utf16le-bom-then-junk", "utf16be-bom-then-junk"])
def test_bom_followed_by_junk(capsys, tmp_path, data):
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    status, out, err = run(capsys, "parse", "--format", "json", str(path))
    assert_clear_error(status, out, err, str(path))       # was a bug: UnicodeDecodeError traceback


def test_huge_number_in_a_cell(capsys, tmp_path):
    text = seed_path("seed-001").read_text(encoding="utf-8")
    path = tmp_path / "huge.txt"
    path.write_text(text.replace("行政许可 | 1990件", "行政许可 | " + "9" * 5000), encoding="utf-8")
    status, out, err = run(capsys, "parse", "--format", "json", str(path))
    assert (status, err) == (1, "")            # parsed, with an error-level finding
    document = one_json(out)
    licensing = cell(document, "active_disclosure", "administrative_licensing", "decisions")
    assert (licensing["value"], licensing["kind"]) == (None, "text")
    assert [f["rule"] for f in document["findings"] if f["row"] == "administrative_licensing"] == ["value.unreadable"]


def test_nul_bytes(capsys, tmp_path):
    path = tmp_path / "zeros.bin"
    path.write_bytes(b"\0" * 2000)
    status, out, err = run(capsys, "parse", "--format", "json", str(path))
    assert_clear_error(status, out, err, str(path))
    assert "binary" in err


def test_not_a_report(capsys, tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    status, out, err = run(capsys, "parse", "--format", "json", str(path))
    assert_clear_error(status, out, err, str(path))
    assert "no statistics table" in err


def test_a_directory(capsys, tmp_path):
    status, out, err = run(capsys, "parse", "--format", "json", str(tmp_path))
    assert_clear_error(status, out, err, str(tmp_path))


# -- --template -------------------------------------------------------------------------------------------

def test_template_forced(capsys):
    _, out, _ = run(capsys, "parse", "--format", "json", str(seed_path("seed-001")))
    assert json.loads(out)["meta"]["template"] == "post2021"
    status, out, err = run(capsys, "parse", "--format", "json", "--template", "post2021", str(seed_path("seed-003")))
    document = one_json(out)
    assert (document["meta"]["template"], document["meta"]["variant"]) == ("post2021", None)
    assert err == ""
    assert status in (0, 1)
    assert status == (1 if any(f["severity"] == "error" for f in document["findings"]) else 0)
    _, out, _ = run(capsys, "parse", "--format", "json", "--template", "pre2021", str(seed_path("seed-002")))
    assert (json.loads(out)["meta"]["template"], json.loads(out)["meta"]["variant"]) == ("pre2021", None)


def test_template_forced_to_a_variant(capsys):
    _, out, _ = run(capsys, "parse", "--format", "json", "--template", "hubei-2020", str(seed_path("seed-002")))
    meta = json.loads(out)["meta"]
    assert (meta["template"], meta["variant"]) == ("pre2021", "hubei-2020")


def test_unknown_template(capsys):
    status, out, err = run(capsys, "parse", "--format", "json", "--template", "nope", str(seed_path("seed-001")))
    assert_clear_error(status, out, err, str(seed_path("seed-001")))
    assert "'nope'" in err and "post2021" in err


def test_unknown_reader(capsys):
    status, out, err = run(capsys, "parse", "--format", "json", "--reader", "nope", str(seed_path("seed-001")))
    assert_clear_error(status, out, err, str(seed_path("seed-001")))


# -- other commands -----------------------------------------------------------------------------------------

def test_plugins(capsys):
    status, out, err = run(capsys, "plugins")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[0] == "national"
    assert "  templates: pre2021, post2021" in lines
    assert "  readers:   " + ", ".join(r.name for r in BUILTIN_READERS) in lines
    assert "  templates: hubei-2020" in lines
    assert "problem" not in out


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("govdisclose ")


def test_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["parse"])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--format", "table"], []])
def test_table_format(capsys, argv):
    status, out, err = run(capsys, "parse", *argv, str(seed_path("seed-004")))
    assert (status, err) == (0, "")
    assert "朝阳市龙城区住房和城乡建设局" in out


def test_dictionary(capsys):
    status, out, _ = run(capsys, "dictionary")
    assert status == 0
    assert "fee_amount" in out and "本年收费金额" in out


# -- as a program ---------------------------------------------------------------------------------------------

def test_python_dash_m(tmp_path):
    missing = tmp_path / "missing.txt"
    proc = subprocess.run([sys.executable, "-m", "govdisclose", "parse", "--format", "json",
                           str(seed_path("seed-003")), str(missing)],
                          capture_output=True, cwd=tmp_path, timeout=60)
    assert proc.returncode == 2
    out = proc.stdout.decode("utf-8")
    document = one_json(out)
    assert document["meta"]["agency"] == "棉洋镇人民政府"
    assert cell(document, "active_disclosure", "centralized_procurement", "procurement_amount")["value"] == 25.846387
    err = proc.stderr.decode("utf-8")
    assert err.splitlines() == [f"govdisclose: {missing}: No such file or directory"]     # the name once
