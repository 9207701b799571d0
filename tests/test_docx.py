"""The Word reader (the ``docx`` extra): the seed reports rebuilt as .docx (merged cells as in the official
template) parse to their gold, merged cells are read once, the reader is chosen by
content, and damaged files are clear errors. The .docx files are built here with
python-docx (``govdisclose.testing.report_docx``)."""
from __future__ import annotations

import io
import zipfile

import pytest

docx = pytest.importorskip("docx", reason="the Word reader reads with python-docx (the docx extra)")
from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
from conftest import seed_files
from govdisclose import testing
from govdisclose.cli import main
from govdisclose.errors import GovdiscloseError, UnreadableInputError
from govdisclose.readers.base import CellRow, TextLine
from govdisclose.testing.contract import ReaderContract

import govdisclose.readers.docx as docx_plugin
from govdisclose.readers.docx import DocxReader, docx_score, read_docx
from govdisclose.testing import report_docx

SEEDS = testing.SEEDS          # shipped with govdisclose.testing, with their gold


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict:
    """name -> (the seed parsed from its text, the path of its .docx, the .docx parsed)."""
    return seed_files(tmp_path_factory.mktemp("docx"), ".docx", report_docx)


class TestDocxContract(ReaderContract):
    """The reader contract (govdisclose.testing.contract) on the seeds written as .docx with
    merged cells as in the official template: the same report as their text, exactly."""
    reader, plugin, install, suffix = "docx", docx_plugin, "govdisclose[docx]", ".docx"

    def make(self, report):
        return report_docx(report)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_generated_reports_round_trip_through_docx(data):
    """Any report of either national format (blank cells, large counts, signed 本年增/减,
    money with decimals, awkward prose), written as .docx, reads back the same."""
    report = data.draw(testing.reports(data.draw(st.sampled_from(["post2021", "pre2021"])), layout="html"))
    again = govdisclose.parse(report_docx(report))
    assert again.meta.reader == "docx"
    assert testing.content(again) == testing.content(report)


def test_the_fixtures_have_merged_cells(seeds):
    _, path, _ = seeds["seed-001"]
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:gridSpan") > 10 and xml.count('<w:vMerge w:val="restart"/>') > 5
    assert "<w:vMerge/>" in xml


def test_merged_cells_are_read_once_in_their_first_row():
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "三、本年度办理结果"      # merged down
    table.cell(0, 1).merge(table.cell(0, 3)).text = "申请人情况"             # merged across
    table.cell(1, 1).text, table.cell(1, 2).text, table.cell(1, 3).text = "1", "", "3"
    table.cell(2, 1).merge(table.cell(2, 2)).text = "（七）总计"
    table.cell(2, 3).text = "4"
    out = io.BytesIO()
    document.save(out)
    rows = [[(c.text, c.location.column) for c in item.cells] for item in read_docx(out.getvalue())
            if isinstance(item, CellRow)]
    assert rows == [[("三、本年度办理结果", 1), ("申请人情况", 2)],
                    [("1", 2), ("", 3), ("3", 4)],                 # a blank cell is kept: a blank value
                    [("（七）总计", 2), ("4", 4)]]


def test_body_in_order_and_page_numbers_dropped():
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    document.add_paragraph("正文。")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "规章"
    document.add_paragraph("- 3 -")
    document.add_paragraph("")
    document.add_paragraph("二、主动公开政府信息情况")
    out = io.BytesIO()
    document.save(out)
    items = read_docx(out.getvalue())
    assert [type(i).__name__ for i in items] == ["TextLine", "TextLine", "CellRow", "TextLine"]
    assert [i.text for i in items if isinstance(i, TextLine)] == ["一、总体情况", "正文。", "二、主动公开政府信息情况"]
    assert [i.location.line if isinstance(i, TextLine) else i.cells[0].location.line for i in items] == [1, 2, 3, 4]


def test_cell_paragraphs_are_joined(seeds):
    _, path, _ = seeds["seed-001"]
    cells = [c.text for item in read_docx(path.read_bytes()) if isinstance(item, CellRow) for c in item.cells]
    assert "商业企业" in cells and "科研机构" in cells          # two paragraphs each in the file


# -- the reader is chosen by content ------------------------------------------------------


def test_a_docx_is_known_by_its_bytes_under_any_name(seeds, tmp_path):
    _, path, _ = seeds["seed-003"]
    for name in ("report.pdf", "report"):
        disguised = tmp_path / name
        disguised.write_bytes(path.read_bytes())
        assert govdisclose.parse(disguised).meta.reader == "docx"
    assert DocxReader().sniff("一、总体情况") == 0.0


def test_other_zip_archives_are_not_word(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert docx_score(out.getvalue()) == 0.0
    with pytest.raises(UnreadableInputError, match="^this is a ZIP archive"):
        govdisclose.parse(out.getvalue())


# -- damaged input ------------------------------------------------------------------------


@pytest.mark.parametrize("cut", [0.05, 0.5, 0.99])
def test_truncated_docx_is_a_clear_error(seeds, tmp_path, capsys, cut):
    _, path, _ = seeds["seed-001"]
    data = path.read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(data[:int(len(data) * cut)])
    with pytest.raises(GovdiscloseError, match="^this is a Word document \\(.docx\\) that cannot be read"):
        govdisclose.parse(broken)
    assert main(["parse", str(broken)]) == 2
    _, err = capsys.readouterr()
    assert "Traceback" not in err and err.count("\n") == 1
    assert err.startswith(f"govdisclose: {broken}: this is a Word document")


def test_not_xml_inside_is_a_clear_error():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "一、总体情况 not XML")
    with pytest.raises(UnreadableInputError, match="^this is a Word document"):
        govdisclose.parse(out.getvalue())


def test_empty_document_is_a_clear_error():
    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(UnreadableInputError, match="no text"):
        govdisclose.parse(out.getvalue())


# -- bounds: what a .docx may cost (issue 14) ---------------------------------------------

def _with_body(docx_bytes: bytes, body: bytes) -> bytes:
    """*docx_bytes* with its word/document.xml replaced by *body* (compressed as Word does)."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            z.writestr(info.filename, body if info.filename == "word/document.xml" else src.read(info),
                       compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize("megabytes", [100, 300])
def test_a_zip_bomb_is_refused_before_python_docx_reads_it(seeds, megabytes, tmp_path, capsys):
    from govdisclose.readers.docx import MAX_XML
    _, path, _ = seeds["seed-001"]
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
            b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    bomb = _with_body(path.read_bytes(), head + b"<w:p/>" * ((megabytes << 20) // 6) + b"</w:body></w:document>")
    assert len(bomb) < megabytes * 3000                  # hundreds of KB on disk
    target = tmp_path / "bomb.docx"
    target.write_bytes(bomb)
    import time
    started = time.monotonic()
    status = main(["parse", str(target)])
    _, err = capsys.readouterr()
    assert time.monotonic() - started < 10
    assert status == 2 and err.count("\n") == 1 and "bigger than a report when unpacked" in err
    assert f"at most {MAX_XML >> 20} MiB" in err


def test_too_many_parts_are_refused(seeds):
    from govdisclose.readers.docx import MAX_PARTS
    _, path, _ = seeds["seed-001"]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as src, zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info))
        for i in range(MAX_PARTS + 1):
            z.writestr(f"customXml/x{i}.bin", b"")
    with pytest.raises(UnreadableInputError, match=f"at most {MAX_PARTS}"):
        read_docx(out.getvalue())


def test_without_python_docx_a_docx_is_one_line_naming_the_extra(tmp_path, monkeypatch):
    import re
    import sys
    path = tmp_path / "report.docx"
    path.write_bytes(report_docx(govdisclose.parse(testing.seed_path("seed-001"))))
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(UnreadableInputError, match=re.escape('pip install "govdisclose[docx]"')) as caught:
        govdisclose.parse(path)
    assert "\n" not in str(caught.value)
