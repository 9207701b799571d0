"""The canonical layout: the Lark grammar, parse_canonical, escapes, and canonical input to parse()."""
from __future__ import annotations

from decimal import Decimal

import lark
import pytest
from hypothesis import given, settings, strategies as st

import govdisclose
from govdisclose import grammar
from govdisclose.layout import (MAGIC, Document, Heading, LayoutBlock as Block, LayoutRow as Row,
                                LayoutTable as Table, Text, escape_cell, escape_text, parse_canonical)
from govdisclose.errors import CanonicalSyntaxError, GovdiscloseError

VALID = """\
%govdisclose canonical 1
某某局2022年政府信息公开工作年度报告
§ 2 二、主动公开政府信息情况
[table active_disclosure]
[caption] 第二十条第（一）项
[note] 说明一
[header] 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
[row] 规章 | 0 | 1 | 2
[row] 行政规范性文件 |  | - | 3件
[caption] 第二十条第（八）项
[header] 信息内容 | 本年收费金额（单位：万元）
[row] 行政事业性收费 | 1.5
[end]
§ 3 三、收到和处理政府信息公开申请情况
[table applications]
[header]  | 自然人 | 总计
[row] 三、本年度办理结果 > （一）予以公开 | 1 | 2
[end]
正文结束。
"""


def test_valid_document_round_trips_into_items():
    doc = parse_canonical(VALID)
    assert isinstance(doc, Document)
    assert doc.items == (
        Text("某某局2022年政府信息公开工作年度报告", 2),
        Heading(2, "二、主动公开政府信息情况", 3),
        Table("active_disclosure", (
            Block("第二十条第（一）项", ("说明一",), ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
                  (Row(("规章",), ("0", "1", "2"), 8), Row(("行政规范性文件",), ("", "-", "3件"), 9)), 5),
            Block("第二十条第（八）项", (), ("信息内容", "本年收费金额（单位：万元）"),
                  (Row(("行政事业性收费",), ("1.5",), 12),), 10),
        ), 4),
        Heading(3, "三、收到和处理政府信息公开申请情况", 14),
        Table("applications", (
            Block(None, (), ("", "自然人", "总计"),
                  (Row(("三、本年度办理结果", "（一）予以公开"), ("1", "2"), 17),), 16),
        ), 15),
        Text("正文结束。", 19),
    )
    assert [t.key for t in doc.tables] == ["active_disclosure", "applications"]


def test_magic_is_optional_and_trailing_newline_is_not_needed():
    doc = parse_canonical("[table x]\n[header] h | a\n[row] r | 1\n[end]")
    assert doc.items == (Table("x", (Block(None, (), ("h", "a"), (Row(("r",), ("1",), 3),), 2),), 1),)
    assert parse_canonical("").items == ()
    assert parse_canonical(MAGIC + "\n").items == ()


def test_table_without_key_and_header_without_rows():
    doc = parse_canonical("[table]\n[header] h | a\n[end]\n")
    assert doc.items == (Table("", (Block(None, (), ("h", "a"), (), 2),), 1),)


def test_blank_lines_are_skipped():
    doc = parse_canonical("\n\n" + MAGIC + "\n\n文字\n\n\n§ 1 一、总体情况\n\n")
    assert doc.items == (Text("文字", 5), Heading(1, "一、总体情况", 8))


# -- structure errors carry the line ----------------------------------------------------------

def _error(text: str) -> CanonicalSyntaxError:
    with pytest.raises(CanonicalSyntaxError) as info:
        parse_canonical(text)
    assert isinstance(info.value, GovdiscloseError)
    return info.value


def test_data_row_before_any_header():
    exc = _error(MAGIC + "\n[table x]\n[row] a | 1\n[end]\n")
    assert (exc.line, exc.column) == (3, 1)
    assert str(exc).startswith("line 3:1: ")


def test_row_with_too_few_cells():
    exc = _error(MAGIC + "\ntext\n[table x]\n[header] h | c1 | c2\n[row] a | 1 | 2\n[row] b | 1\n[end]\n")
    assert (exc.line, exc.column) == (6, 1)
    assert str(exc) == "line 6:1: row has 1 value cells, its header has 2"


def test_row_with_too_many_cells():
    exc = _error("[table x]\n[header] h | c1\n[row] a | 1 | 2\n[end]\n")
    assert (exc.line, exc.column) == (3, 1)
    assert str(exc) == "line 3:1: row has 2 value cells, its header has 1"


def test_escaped_pipe_does_not_count_as_a_cell():
    doc = parse_canonical("[table x]\n[header] h | c1\n[row] a\\|b | 1\\|2\n[end]\n")
    assert doc.tables[0].blocks[0].rows == (Row(("a|b",), ("1|2",), 3),)


def test_table_never_closed():
    exc = _error(MAGIC + "\n[table x]\n[header] h | c1\n[row] a | 1\n")
    assert exc.line == 4
    exc = _error(MAGIC + "\n[table x]\n[header] h | c1\n[row] a | 1\nsome text\n")
    assert (exc.line, exc.column) == (5, 1)


@pytest.mark.parametrize("text, line", [
    ("[table x]\n[end]\n", 2),                       # a table needs a block
    ("text\n[end]\n", 2),                            # [end] outside a table
    ("ok\n[foo] bar\n", 2),                          # an unknown tag
    ("§x not a section\n", 1),                       # § must be written \§ in text
    ("%something\n", 1),                             # so must %
    (MAGIC + "\n" + MAGIC + "\n", 2),                # the magic line only once, first
    ("[table x]\n[header] h | a\n[table y]\n", 3),   # tables do not nest
])
def test_other_syntax_errors(text, line):
    assert _error(text).line == line


# -- escapes ----------------------------------------------------------------------------------------

def test_escapes_are_read_back():
    text = "\n".join([
        MAGIC,
        "\\[not a tag]",
        "\\§ 2 not a section",
        "\\%not magic",
        "\\\\starts with a backslash",
        "a | b > c",
        "§ 4 四、复议\\|诉讼",
        "[table x]",
        "[caption] 第二十条\\|第（一）项",
        "[header] 信息\\|内容 | 列\\>一",
        "[row] 组\\>别 > 行\\|名 | a\\|b\\>c\\\\",
        "[end]",
    ])
    doc = parse_canonical(text)
    assert doc.items[:5] == (Text("[not a tag]", 2), Text("§ 2 not a section", 3), Text("%not magic", 4),
                             Text("\\starts with a backslash", 5), Text("a | b > c", 6))
    assert doc.items[5] == Heading(4, "四、复议|诉讼", 7)
    block = doc.tables[0].blocks[0]
    assert block.caption == "第二十条|第（一）项"
    assert block.header == ("信息|内容", "列>一")
    assert block.rows == (Row(("组>别", "行|名"), ("a|b>c\\",), 11),)


def test_escape_helpers():
    assert escape_cell("a|b>c\\") == "a\\|b\\>c\\\\"
    assert escape_text("[x]") == "\\[x]"
    assert escape_text("§ 1") == "\\§ 1"
    assert escape_text("%x") == "\\%x"
    assert escape_text("\\x") == "\\\\x"
    assert escape_text("plain [x]") == "plain [x]"


_LINE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40)


@settings(deadline=None)
@given(_LINE)
def test_text_lines_round_trip(text):
    doc = parse_canonical(MAGIC + "\n" + escape_text(text) + "\n")
    assert doc.items == (Text(text, 2),)


@settings(deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=4), _LINE)
def test_cells_round_trip(values, label):
    header = "[header] h | " + " | ".join(f"c{i}" for i in range(len(values)))
    row = "[row] " + " | ".join([escape_cell(label)] + [escape_cell(v) for v in values])
    doc = parse_canonical("\n".join(["[table x]", header, row, "[end]"]))
    (got,) = doc.tables[0].blocks[0].rows
    assert got.cells == tuple(v.strip() for v in values)
    assert got.label == ((label.strip(),) if label.strip() else ())


def test_nul_in_a_cell_is_kept():
    # was a bug: unescape() split on NUL as a sentinel, so "1\x009" was silently read as 1
    doc = parse_canonical("[table x]\n[header] h | a\n[row] r | 1\x009\n[end]\n")
    assert doc.tables[0].blocks[0].rows[0].cells == ("1\x009",)


# -- the grammar file and parser ------------------------------------------------------------------------

def test_grammar_file_exists():
    path = grammar.grammar_path()
    assert path.is_file()
    assert path.name == "report.lark"
    assert "TABLE_OPEN" in path.read_text(encoding="utf-8")


def test_parser_is_built_once():
    first = grammar.parser()
    assert isinstance(first, lark.Lark)
    assert grammar.parser() is first


# -- canonical input through parse() ---------------------------------------------------------------------

REPORT = """\
%govdisclose canonical 1
某某局2022年政府信息公开工作年度报告
§ 1 一、总体情况
2022年，某某局认真贯彻落实政府信息公开条例。
§ 2 二、主动公开政府信息情况
[table active_disclosure]
[caption] 第二十条第（一）项
[header] 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
[row] 规章 | 0 | 1 | 2
[row] 行政规范性文件 |  | - | 3件
[caption] 第二十条第（八）项
[header] 信息内容 | 本年收费金额（单位：万元）
[row] 行政事业性收费 | 1.5
[end]
§ 6 六、其他需要报告的事项
无。
"""


def test_canonical_document_through_parse():
    report = govdisclose.parse(REPORT)
    assert report.meta.reader == "canonical"
    assert report.meta.template == "post2021"
    assert report.meta.variant is None
    assert report.meta.year == 2022
    assert [report.value("active_disclosure", "regulations", c) for c in ("issued", "repealed", "in_force")] \
        == [0, 1, 2]
    cells = [report.cell("active_disclosure", "normative_documents", c) for c in ("issued", "repealed", "in_force")]
    assert [(c.value, c.kind, c.raw) for c in cells] == [(None, "blank", ""), (None, "placeholder", "-"),
                                                         (3, "number", "3件")]
    fee = report["active_disclosure", "administrative_fees", "fee_amount"]
    assert fee == Decimal("1.5") and isinstance(fee, Decimal)
    assert [s.number for s in report.sections] == [1, 2, 6]
    assert report.cell("active_disclosure", "regulations", "issued").location.line == 9


def test_canonical_syntax_error_through_parse():
    with pytest.raises(CanonicalSyntaxError) as info:
        govdisclose.parse(REPORT.replace("[row] 规章 | 0 | 1 | 2", "[row] 规章 | 0 | 1"))
    assert info.value.line == 9
