"""Bounded and lossless (issue 14): inputs that broke a promise of docs/bad-input.md, each a
test. Done so far: a declared charset that is no text encoding; numbers that are not written
with 0-9 (they are unreadable values, never silently folded into numbers, never blank).
"""
from __future__ import annotations

import pathlib
import re

import pytest

import govdisclose
from govdisclose import testing
from govdisclose.cli import main

from conftest import seed_path


@pytest.mark.parametrize("head", ['<meta charset="undefined">', '<?xml version="1.0" encoding="undefined"?>',
                                  '<meta charset="base64">', '<meta charset="zlib_codec">'])
def test_a_declared_charset_that_is_no_text_encoding_is_ignored(tmp_path, capsys, head):
    page = (head + "<p>中文</p>").encode("ascii", "xmlcharrefreplace").replace(b"&#20013;&#25991;", "中文".encode("gbk"))
    path = tmp_path / "u.html"
    path.write_bytes(page)
    status = main(["parse", str(path)])
    out, err = capsys.readouterr()
    assert status == 2 and "Traceback" not in err and len(err.splitlines()) == 1   # not a report: one line
    text, encoding = govdisclose.sources.decode(page)
    assert "中文" in text


ODD = ["NaN", "inf", "-Infinity", "1990e308", "1.5E3", "١٩٩٠", "۱۹۹۰", "1\u0301990", "¹⁹⁹⁰", "①⑨⑨⓪", "❶❾"]


@pytest.mark.parametrize("junk", ODD)
def test_a_number_not_written_with_0_to_9_is_an_unreadable_value(junk):
    text = seed_path("seed-001").read_text(encoding="utf-8")
    bad = re.sub(r"\| (\d+) (?=\|)", lambda m: "| " + junk + " ", text)
    report = govdisclose.parse(bad)
    assert not report.ok
    errors = [f for f in report.findings if f.rule == "value.unreadable"]
    assert errors and all(f.severity == "error" for f in errors)
    cells = [c for c in report.cells if c.table == "applications"]
    assert cells and all(c.value is None for c in cells)
    assert not [f for f in report.findings if f.rule == "parse.unknown-row"]      # a value, not a label


def test_fullwidth_digits_are_numbers():
    text = seed_path("seed-001").read_text(encoding="utf-8").replace("| 1990 |", "| １９９０ |")
    report = govdisclose.parse(text)
    assert report["active_disclosure", "administrative_licensing", "decisions"] == 1990 and report.ok


@pytest.mark.parametrize("form", ["page-text-spaces", "page-text-nosep", "converter-markdown"])
def test_odd_digits_in_text_forms_are_never_read_as_numbers(form):
    report = govdisclose.parse(seed_path("seed-001"))
    text = testing.form(report, form).replace("1990", "¹⁹⁹⁰").replace("186", "①⑧⑥")
    again = govdisclose.parse(text)
    for row in ("administrative_licensing", "administrative_penalty"):
        cell = again.cell("active_disclosure", row, "decisions")
        assert cell.value is None and cell.kind != "blank"                 # not a number, not blank
    assert not again.ok


@pytest.mark.parametrize("form", ["canonical", "page-text-lines", "page-text-spaces", "page-text-nosep"])
@pytest.mark.parametrize("digits", [19, 5000, 100_000])
def test_a_run_of_digits_longer_than_any_cell_is_an_unreadable_value(form, digits):
    """More digits than a cell (or a row of cells) holds: an error-level finding, never a
    conversion (int() refuses past 4,300 digits) and never a number; the message stays short."""
    report = govdisclose.parse(seed_path("seed-001"))
    text = seed_path("seed-001").read_text(encoding="utf-8") if form == "canonical" else testing.form(report, form)
    run = "7" * digits
    cell_text = list(re.finditer(r"行政许可[\s|]*(1990)", text))[-1]       # the table's, after the prose's
    bad = text[:cell_text.start(1)] + run + text[cell_text.end(1):]
    again = govdisclose.parse(bad)
    cell = again.cell("active_disclosure", "administrative_licensing", "decisions")
    assert cell.value is None
    assert not again.ok
    unreadable = [f for f in again.findings if f.rule == "value.unreadable"]
    assert unreadable and all(len(f.message) < 300 for f in again.findings)
    row_of_table_2 = re.search(r"本年新收政府信息公开申请数量\D*3\D+0\D+0\D+0\D+0\D+0\D+3", bad)
    if row_of_table_2:                      # the same for a row whose digits would have to be split
        glued = bad[:row_of_table_2.start()] + "本年新收政府信息公开申请数量 " + run + bad[row_of_table_2.end():]
        report = govdisclose.parse(glued)
        assert not report.ok and all(c.value is None for c in report.cells if c.row == "new_received")


def _seed_bytes() -> bytes:
    return seed_path("seed-001").read_bytes()


@pytest.mark.parametrize("damage", ["one-invalid", "cut-character", "three-invalid", "nul-bytes", "nul-inside-a-character"])
def test_a_few_bad_bytes_in_utf8_are_mended_with_a_finding_that_says_where(damage):
    data = _seed_bytes()
    at = data.index("三、收到和处理".encode())
    mended = {"one-invalid": data[:at] + b"\xff" + data[at:],
              "cut-character": data[:at] + data[at + 1:],           # a character's first byte lost
              "three-invalid": data[:at] + b"\xff\xfe\xc3" + data[at:],
              "nul-bytes": data[:at] + b"\0\0\0" + data[at:],
              "nul-inside-a-character": data[:at + 1] + b"\0" + data[at + 1:]}[damage]
    report = govdisclose.parse(mended)
    repaired = [f for f in report.findings if f.rule == "text.repaired"]
    assert len(repaired) == 1 and repaired[0].severity == "warning"
    line = data[:at].count(b"\n") + 1
    assert repaired[0].location.line == line and f"line {line}" in repaired[0].message
    clean = govdisclose.parse(data)
    assert [c.value for c in report.cells] == [c.value for c in clean.cells]      # the tables are whole


@pytest.mark.parametrize("data", [b"\0" * 100, b"\0\1\2" * 50, _seed_bytes()[:2000] + b"\0" * 400 + _seed_bytes()[2000:]],
                         ids=["nul-only", "control-bytes", "many-nuls-in-text"])
def test_nul_bytes_past_a_few_are_binary_data_as_documented(data, tmp_path, capsys):
    with pytest.raises(govdisclose.errors.NotAReportError, match="binary data"):
        govdisclose.parse(data)
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    assert main(["parse", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_text_that_is_not_mostly_utf8_is_not_mended():
    junk = bytes(range(128, 256)) * 40
    with pytest.raises(govdisclose.errors.GovdiscloseError):
        govdisclose.parse(junk)
    gbk = seed_path("seed-001").read_text(encoding="utf-8").encode("gbk")
    report = govdisclose.parse(gbk)                            # GBK is GBK, not UTF-8 with replacements
    assert not [f for f in report.findings if f.rule == "text.repaired"] and "冶金街道" in report.meta.agency


def test_an_html_page_with_more_cells_than_a_report_page_is_refused_in_one_line(tmp_path, capsys):
    from govdisclose.readers.html import MAX_CELLS
    seed = seed_path("seed-001").read_text(encoding="utf-8")
    row = "<tr>" + "<td>12345</td>" * 20 + "</tr>"
    page = f"<html><body><pre>{seed}</pre><table>{row * (MAX_CELLS // 20 + 1)}</table></body></html>"
    path = tmp_path / "cells.html"
    path.write_text(page, encoding="utf-8")
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"more than {MAX_CELLS} table cells" in err


def test_the_size_limit_is_where_parsing_stays_bounded():
    """The largest input accepted costs what docs/bad-input.md says (benchmarks/bench_memory.py
    measures it): here only that the limit is the documented one."""
    from govdisclose import sources
    doc = (pathlib.Path(__file__).resolve().parent.parent / "docs" / "bad-input.md").read_text(encoding="utf-8")
    assert f"`sources.MAX_BYTES` ({sources.MAX_BYTES >> 20} MiB)" in doc


def test_bytes_that_decode_to_nothing_but_spaces_are_not_an_empty_document():
    """100 bytes of 0xFF read as cp1125 no-break spaces: binary, not "the document is empty"."""
    with pytest.raises(govdisclose.errors.UnreadableInputError, match="cannot detect the text encoding"):
        govdisclose.parse(b"\xff" * 100)
