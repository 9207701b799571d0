"""Input readers: which layout is sniffed, what each reads, and that every layout gives the same cells."""
from __future__ import annotations

from decimal import Decimal

import pytest

import govdisclose
from govdisclose import testing
from govdisclose.layout import MAGIC, Canonical
from govdisclose.model import Location
from govdisclose.readers import CellRow, SourceCell, TextLine
from govdisclose.readers.builtin import BUILTIN_READERS
from govdisclose.readers.canonical import CanonicalReader
from govdisclose.readers.cell_lines import CellLinesReader
from govdisclose.readers.markdown import MarkdownReader
from govdisclose.readers.pipe import PipeReader
from govdisclose.readers.tabbed import TabbedReader

from conftest import gold, seed_path

READERS = {r.name: r for r in BUILTIN_READERS}
SEED_LAYOUT = {"seed-000": "pipe", "seed-001": "pipe", "seed-002": "pipe", "seed-003": "tabbed",
               "seed-004": "cell-lines"}


def best(text: str) -> str:
    readers = list(BUILTIN_READERS)
    return max(readers, key=lambda r: (r.sniff(text), -readers.index(r))).name


def test_builtin_readers():
    names = [r.name for r in BUILTIN_READERS]
    assert names[:6] == ["canonical", "markdown", "pipe", "cell-lines", "tabbed", "html"]
    assert isinstance(READERS["pipe"], PipeReader) and isinstance(READERS["tabbed"], TabbedReader)


# -- the seeds ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, layout", sorted(SEED_LAYOUT.items()))
def test_seed_layout_is_sniffed(name, layout):
    text = seed_path(name).read_text(encoding="utf-8")
    assert best(text) == layout
    scores = {r.name: r.sniff(text) for r in BUILTIN_READERS}
    assert scores["canonical"] == 0.0 and scores["markdown"] == 0.0
    assert scores[layout] > max(s for n, s in scores.items() if n != layout)
    assert govdisclose.parse(seed_path(name)).meta.reader == layout


def test_seed_sniff_scores():
    assert READERS["pipe"].sniff(seed_path("seed-001").read_text(encoding="utf-8")) == pytest.approx(0.9)
    assert READERS["tabbed"].sniff(seed_path("seed-003").read_text(encoding="utf-8")) == 0.9
    assert READERS["cell-lines"].sniff(seed_path("seed-004").read_text(encoding="utf-8")) == pytest.approx(0.95)


def test_forced_reader():
    report = govdisclose.parse(seed_path("seed-001"), reader="pipe")
    assert report.meta.reader == "pipe"
    with pytest.raises((KeyError, govdisclose.GovdiscloseError), match="nope"):
        govdisclose.parse(seed_path("seed-001"), reader="nope")


# -- small synthetic inputs, reader by reader ------------------------------------------------------------

def test_pipe_reader():
    text = "标题\n" + "规章 | 0 | 1 | 2 |\n" * 5
    reader = PipeReader()
    assert reader.sniff(text) == pytest.approx(0.9)
    assert reader.sniff("规章 | 0 | 1 | 2 |\n" * 4) == 0.0            # too few pipe lines
    assert reader.sniff("a |\n" * 10) == 0.0                          # one cell a line: not this layout
    items = reader.read("标题\n\n规章 | 0 | 1|\n")
    assert items == [
        TextLine("标题", Location(1, 1)),
        CellRow((SourceCell("规章 ", Location(3, 1)), SourceCell(" 0 ", Location(3, 6)),
                 SourceCell(" 1", Location(3, 10))), breaks=True),   # where the text starts
    ]


def test_pipe_reader_keeps_inner_blank_cells():
    (row,) = PipeReader().read("a | | 2 |")
    assert [c.text for c in row.cells] == ["a ", " ", " 2 "]


def test_cell_lines_reader():
    text = "标题\n" + "规章 |\n0 |\n|||\n" * 3
    reader = CellLinesReader()
    assert reader.sniff(text) == pytest.approx(0.95)
    assert reader.sniff("a |\n" * 4) == 0.0
    assert reader.sniff("a | b | c |\n" * 10) == 0.0
    items = reader.read("标题\n规章 |\n0 |\n|||\n")
    assert items == [
        TextLine("标题", Location(1, 1)),
        CellRow((SourceCell("规章 ", Location(2, 1)),), breaks=False),
        CellRow((SourceCell("0 ", Location(3, 1)),), breaks=False),
        CellRow((SourceCell("", Location(4, 1)), SourceCell("", Location(4, 2)), SourceCell("", Location(4, 3))),
                breaks=False),
    ]


def test_markdown_reader():
    text = "# 标题\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 1 |\n| a | b |\n| c | d |\n| e | f |\n正文\n"
    reader = MarkdownReader()
    assert reader.sniff(text) == 0.97
    assert best(text) == "markdown"                          # above pipe, which also sees the pipes
    assert reader.sniff(text.replace("|---|---|\n", "")) == 0.0   # no separator: not markdown
    items = reader.read(text)
    assert items[0] == TextLine("标题", Location(1, 1))
    assert items[1] == CellRow((SourceCell(" 信息内容 ", Location(3, 2)), SourceCell(" 本年制发件数 ", Location(3, 9))))
    assert items[2] == CellRow((SourceCell(" 规章 ", Location(5, 2)), SourceCell(" 1 ", Location(5, 7))))
    assert items[-1] == TextLine("正文", Location(9, 1))
    assert all(not (isinstance(i, CellRow) and "---" in i.cells[0].text) for i in items)


@pytest.mark.parametrize("rule", ["|---|---|", "| --- | --- |", "|:---|---:|", "| :---: | --- |", "---|---"])
def test_markdown_separator_variants(rule):
    text = "| a | b |\n" + rule + "\n" + "| 1 | 2 |\n" * 4
    assert MarkdownReader().sniff(text) == 0.97
    assert len(MarkdownReader().read(text)) == 5


def test_markdown_escaped_pipe_stays_in_the_cell():
    # was a bug: the line was split on every "|" before "\\|" was unescaped
    (row,) = MarkdownReader().read("| a \\| b | c |\n")
    assert [c.text.strip() for c in row.cells] == ["a | b", "c"]


def test_canonical_reader():
    reader = CanonicalReader()
    text = MAGIC + "\n§ 1 一、总体情况\n"
    assert reader.sniff(text) == 1.0
    assert reader.sniff("\ufeff\n\n" + text) == 1.0
    assert reader.sniff("标题\n" + text) == 0.0
    assert reader.read(text) == Canonical(text)
    assert best(text + "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 6) == "canonical"


def test_tabbed_reader_sniff():
    reader = TabbedReader()
    assert reader.sniff("\tx\n" * 20) == 0.9
    assert reader.sniff("\tx\n" * 19) == 0.0
    assert reader.sniff("\tx\n" * 20 + "text\n" * 81) == 0.0              # under a fifth of the lines
    assert reader.sniff("\tx\n" * 20 + "text\n" * 80) == 0.9


# -- tabbed continuation lines -------------------------------------------------------------------------------

def test_tabbed_label_broken_over_two_lines_is_joined():
    items = TabbedReader().read("\t行政许可\n\t21\n\n\t其他对外管理\n服务事项\n\t85\n\t+37\n")
    assert items == [
        CellRow((SourceCell("行政许可", Location(1, 2)), SourceCell("21", Location(2, 2)))),
        CellRow((SourceCell("其他对外管理服务事项", Location(4, 2)), SourceCell("85", Location(6, 2)),
                 SourceCell("+37", Location(7, 2)))),
    ]


def test_tabbed_label_broken_across_a_blank_line_is_joined():
    # seed-003: "\t其他对外管理" / "" / "服务事项" / "\t85"
    items = TabbedReader().read("\t其他对外管理\n\n服务事项\n\t85\n\n\t（三）\n不予公开\n\t1.属于国家秘密\n\t0\n")
    assert items == [
        CellRow((SourceCell("其他对外管理服务事项", Location(1, 2)), SourceCell("85", Location(4, 2)))),
        CellRow((SourceCell("（三）不予公开", Location(6, 2)), SourceCell("1.属于国家秘密", Location(8, 2)),
                 SourceCell("0", Location(9, 2)))),
    ]


def test_tabbed_section_heading_between_tables_is_not_joined():
    items = TabbedReader().read("\t行政强制\n\t0\n二、主动公开政府信息情况\n\t第二十条第（一）项\n\n\t0\n\n"
                                "三、收到和处理政府信息公开申请情况\n\n\t（本列）\n")
    assert items == [
        CellRow((SourceCell("行政强制", Location(1, 2)), SourceCell("0", Location(2, 2)))),
        TextLine("二、主动公开政府信息情况", Location(3, 1)),
        CellRow((SourceCell("第二十条第（一）项", Location(4, 2)),)),
        CellRow((SourceCell("0", Location(6, 2)),)),
        TextLine("三、收到和处理政府信息公开申请情况", Location(8, 1)),
        CellRow((SourceCell("（本列）", Location(10, 2)),)),
    ]


def test_tabbed_long_text_between_cells_is_not_joined():
    sentence = "全年未收到任何书面或其它形式要求公开政府信息的申请。"
    items = TabbedReader().read(f"\t规章\n\t0\n{sentence}\n\t1\n")
    assert items[1] == TextLine(sentence, Location(3, 1))


def test_seed_003_continuation_row():
    report = govdisclose.parse(seed_path("seed-003"))
    cell = report.cell("active_disclosure", "other_management_services", "previous_year_items")
    assert (cell.value, cell.label) == (85, "其他对外管理服务事项")
    assert report["active_disclosure", "other_management_services", "change"] == 37
    assert report["active_disclosure", "other_management_services", "decisions"] == 1852


# -- one report, every layout ------------------------------------------------------------------------------

ROWS = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "2", "3"], ["行政规范性文件", "4", "5", "6"],
        ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", "1990件"],
        ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "7.5"]]
HEAD = ("某某局2022年政府信息公开工作年度报告\n一、总体情况\n2022年，某某局认真贯彻落实政府信息公开条例。\n"
        "二、主动公开政府信息情况\n")
TAIL = "六、其他需要报告的事项\n无。\n"


def _markdown_rows(rows, width):
    lines = []
    for i, row in enumerate(rows):
        lines.append("| " + " | ".join(row + [""] * (width - len(row))) + " |")
        if i == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines) + "\n"


LAYOUTS = {
    "pipe": lambda: HEAD + "".join(" | ".join(r) + " |\n" for r in ROWS) + TAIL,
    "cell-lines": lambda: HEAD + "".join(c + " |\n" for r in ROWS for c in r) + TAIL,
    "tabbed": lambda: HEAD + "\n" + "\n".join("".join("\t" + c + "\n" for c in r) for r in ROWS) + "\n" + TAIL,
    "markdown": lambda: HEAD + _markdown_rows(ROWS, 4) + TAIL,
    "canonical": lambda: "\n".join([
        MAGIC, "某某局2022年政府信息公开工作年度报告", "§ 1 一、总体情况", "2022年，某某局认真贯彻落实政府信息公开条例。",
        "§ 2 二、主动公开政府信息情况", "[table active_disclosure]",
        "[caption] 第二十条第（一）项", "[header] 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
        "[row] 规章 | 1 | 2 | 3", "[row] 行政规范性文件 | 4 | 5 | 6",
        "[caption] 第二十条第（五）项", "[header] 信息内容 | 本年处理决定数量", "[row] 行政许可 | 1990件",
        "[caption] 第二十条第（八）项", "[header] 信息内容 | 本年收费金额（单位：万元）", "[row] 行政事业性收费 | 7.5",
        "[end]", "§ 6 六、其他需要报告的事项", "无。"]) + "\n",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_gives_the_same_cells(layout):
    text = LAYOUTS[layout]()
    assert best(text) == layout
    report = govdisclose.parse(text)
    assert report.meta.reader == layout
    assert (report.meta.template, report.meta.agency, report.meta.year) == ("post2021", "某某局", 2022)
    got = {(c.row, c.column): c.value for c in report.iter_cells("active_disclosure")}
    assert got == {
        ("regulations", "issued"): 1, ("regulations", "repealed"): 2, ("regulations", "in_force"): 3,
        ("normative_documents", "issued"): 4, ("normative_documents", "repealed"): 5,
        ("normative_documents", "in_force"): 6, ("administrative_licensing", "decisions"): 1990,
        ("administrative_penalty", "decisions"): None, ("administrative_coercion", "decisions"): None,
        ("administrative_fees", "fee_amount"): Decimal("7.5"),
    }
    assert [s.number for s in report.sections] == [1, 2, 6]
    assert not [f for f in report.findings if f.rule in ("parse.unknown-row", "parse.unknown-column",
                                                         "value.unreadable")]


def test_text_without_a_table_layout_falls_back_to_pipe():
    report = govdisclose.parse(HEAD + "本年制发件数、本年废止件数和现行有效件数均为0。\n" + TAIL)
    assert report.meta.reader == "pipe"
    assert report.value("active_disclosure", "regulations", "issued") is None


def test_html_is_read_by_the_html_reader():
    """A page is read as HTML (tests/test_html.py); a fragment of a table is a report with findings."""
    report = govdisclose.parse("<html><body><table><tr><td>本年制发件数</td></tr></table></body></html>")
    assert (report.meta.reader, report.meta.template) == ("html", "post2021")
    assert {"parse.missing-table", "parse.no-sections"} <= {f.rule for f in report.findings}


# -- markdown built from seed-001 ------------------------------------------------------------------------------

def seed_as_markdown(name: str) -> str:
    out, in_table = [], False
    for line in seed_path(name).read_text(encoding="utf-8").splitlines():
        if "|" in line:
            cells = line.split("|")
            if not cells[-1].strip():
                cells.pop()
            out.append("| " + " | ".join(c.strip() for c in cells) + " |")
            if not in_table:
                out.append("|" + "---|" * len(cells))
            in_table = True
        else:
            out.append(line)
            in_table = False
    return "\n".join(out) + "\n"


def test_markdown_seed_001_gives_the_gold_cells(tmp_path):
    path = tmp_path / "seed-001.md"
    path.write_text(seed_as_markdown("seed-001"), encoding="utf-8")
    assert "|---|---|---|---|" in path.read_text(encoding="utf-8")
    report = govdisclose.parse(path)
    assert report.meta.reader == "markdown"
    assert report.meta.template == "post2021"
    want = {(c["table"], c["row"], c["column"]): c["value"] for c in gold("seed-001")["cells"]}
    got = {c.key: c.value for c in report.cells}
    assert set(got) == set(want)
    assert {k: (None if v is None else Decimal(str(v))) for k, v in got.items()} == \
        {k: (None if v is None else Decimal(str(v))) for k, v in want.items()}
    pipe = govdisclose.parse(seed_path("seed-001"))
    assert [(c.key, c.value, c.kind) for c in report.cells] == [(c.key, c.value, c.kind) for c in pipe.cells]
    assert [f.rule for f in report.findings] == [f.rule for f in pipe.findings]


def test_join_lines_puts_a_space_only_between_words_that_are_not_chinese():
    from govdisclose.readers.base import join_lines
    assert join_lines(["（三）不予", "公开"]) == "（三）不予公开"
    assert join_lines(["Open", "Data", "平台", "", "API"]) == "Open Data平台API"
    assert join_lines(["本年收费金额", "(单位：万元)"]) == "本年收费金额(单位：万元)"
    assert join_lines(["1.", "2"]) == "1. 2" and join_lines([]) == ""


def _every_reader_sniffed(text: str, plugins):
    """The rule choose_reader keeps, the plain way: every reader sniffs, the best wins,
    registration order breaks ties, no score at all is pipe."""
    readers = plugins.readers()
    scores = [(reader.sniff(text), -i) for i, reader in enumerate(readers)]
    best = max(range(len(readers)), key=scores.__getitem__)
    return readers[best] if scores[best][0] > 0 else plugins.reader("pipe")


def test_sniffing_once_and_stopping_early_chooses_as_every_sniff_would():
    """choose_reader asks a markup reader first and skips a reader that cannot win (the
    loose reader after a score of 0.6): the reader chosen is the one every sniff chooses,
    for every layout, page, loose mode and converter form of generated reports and the seeds."""
    from govdisclose.host import host
    from govdisclose.recognize import choose_reader
    plugins = host()
    texts = [text for _, _, text in testing.corpus(40, seed=3)]
    for name in testing.SEEDS:
        report = govdisclose.parse(seed_path(name))
        texts += [testing.loose_text(report, mode) for mode in testing.LOOSE_MODES]
        texts += [testing.page_text(report, how) for how in ("spaces", "lines", "nosep")]
        texts += [testing.converter_markdown(report), govdisclose.render(report, "html")]
    texts += ["", "plain prose, no table at all", "<p>a paragraph</p>"]
    chosen = [(choose_reader(t, plugins).name, _every_reader_sniffed(t, plugins).name) for t in texts]
    assert [a for a, b in chosen if a != b] == []
    assert {a for a, _ in chosen} >= {"html", "loose", "markdown", "pipe"}
