"""Bounded and lossless (issue 14): inputs that broke a promise of docs/bad-input.md, each a
test. Done so far: a declared charset that is no text encoding; numbers that are not written
with 0-9 (they are unreadable values, never silently folded into numbers, never blank).
"""
from __future__ import annotations

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
