"""HTML pages as published: the five seeds as whole saved pages (UTF-8, GBK, GB2312 …) parse
to exactly their gold; encodings as served; the page's title, 发布机构 and 发布日期; chrome
never taken for report text or agency; the committed pages in tests/data/html/."""
from __future__ import annotations


import json
import re
import pathlib

import pytest

import govdisclose
from govdisclose import testing
from govdisclose.cli import main
from govdisclose.errors import NotAReportError
from govdisclose.readers.html import HtmlReader, looks_like_html
from govdisclose.sources import declared_charset, decode

from conftest import SEEDS, gold, seed_path
from html_pages import ENCODINGS, FOOTER_AGENCY, STATIC, VARIANTS, blanked, page, report_title, saved

DATA = pathlib.Path(__file__).parent / "data" / "html"


@pytest.fixture(scope="module")
def seeds() -> dict:
    return {name: govdisclose.parse(seed_path(name)) for name in SEEDS}


# -- the seeds as saved pages ------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", SEEDS)
def test_seed_page_parses_to_its_gold(seeds, name, variant, encoding):
    report = govdisclose.parse(saved(seeds[name], variant, encoding))
    assert report.meta.reader == "html"
    assert testing.gold_problems(report, gold(name)) == []
    # nothing of the page around the report: the same cells, sections and findings as the bare rendering
    bare = govdisclose.parse(govdisclose.render(seeds[name], layout="html"))
    assert testing.content(report)[1:] == testing.content(bare)[1:]
    # … but the year: a page whose heading states it (the report's title) needs no inferring
    inferred = "meta.year-inferred"
    assert sorted(f.rule for f in report.findings if f.rule != inferred) == \
        sorted(f.rule for f in bare.findings if f.rule != inferred)
    if any(f.rule == inferred for f in report.findings):
        assert report.meta.title is None or not re.search(r"\d{4}", report.meta.title)


@pytest.mark.parametrize("name", SEEDS)
def test_render_html_and_parse_keeps_the_content(seeds, name):
    report = seeds[name]
    again = govdisclose.parse(govdisclose.render(report, layout="html"))
    assert testing.content(again) == testing.content(report)
    assert again.meta.reader == "html"


@pytest.mark.parametrize("variant", VARIANTS[1:])
def test_page_meta(seeds, variant):
    """Title from the page's heading, agency from it, date from the signature, else 发布日期."""
    signed = seeds["seed-002"]                      # signed 保康县 2021年2月2日
    report = govdisclose.parse(page(signed, variant, published="2021-02-03"))
    assert report.meta.title == signed.meta.title == "保康县2020年度政府信息公开工作年度报告"
    assert (report.meta.agency, report.meta.date) == ("保康县", "2021-02-02")
    unsigned = seeds["seed-001"]                    # no title, no signature in the text
    report = govdisclose.parse(page(unsigned, variant, published="2025-01-20"))
    assert report.meta.title == "冶金街道2024年政府信息公开工作年度报告"
    assert (report.meta.agency, report.meta.year, report.meta.date) == ("冶金街道", 2024, "2025-01-20")


def test_title_from_the_head_when_the_page_has_no_heading(seeds):
    html = page(seeds["seed-001"]).replace("<h1>冶金街道2024年政府信息公开工作年度报告</h1>", "")
    report = govdisclose.parse(html)
    assert report.meta.title == "冶金街道2024年政府信息公开工作年度报告"       # <title>, without _政府信息公开年报_…
    html = html.replace("<title>", '<meta name="ArticleTitle" content="冶金街道2024年度政府信息公开工作年度报告">\n'
                        "<title>", 1)
    assert govdisclose.parse(html).meta.title == "冶金街道2024年度政府信息公开工作年度报告"


def test_publication_date_from_the_head():
    html = page(SEED_001(), published="").replace("<span>发布日期：</span>", "")
    assert govdisclose.parse(html).meta.date is None
    html = html.replace("<title>", '<meta name="PubDate" content="2025-02-28 09:30">\n<title>', 1)
    assert govdisclose.parse(html).meta.date == "2025-02-28"


def SEED_001() -> govdisclose.Report:
    return govdisclose.parse(seed_path("seed-001"))


# -- chrome ---------------------------------------------------------------------------------------

def test_chrome_is_not_report_text(seeds):
    for name in SEEDS:
        report = govdisclose.parse(page(seeds[name], "nested"))
        text = "\n".join(s.text for s in report.sections)
        for chrome in ("首页", "当前位置", "分享到", "上一篇", "下一篇", "相关链接", "主办单位", "ICP备", "联系电话：010",
                       "浏览次数", "附件：", "document.write", "_hmt", "font-family", "请输入关键字"):
            assert chrome not in text, (name, chrome)


def test_chrome_is_not_the_agency(seeds):
    """No title naming the agency, no signature: the 发布机构 line, never 主办单位 or the site name."""
    unsigned = seeds["seed-004"]
    html = page(unsigned, h1="政府信息公开工作年度报告", publisher="朝阳市龙城区住房和城乡建设局")
    assert govdisclose.parse(html).meta.agency == "朝阳市龙城区住房和城乡建设局"
    # nothing but the body's own words: the body's organ, not the footer's 主办单位
    html = page(seeds["seed-001"], h1="政府信息公开工作年度报告", publisher="")
    html = html.replace("<span>发布机构：</span>", "")
    report = govdisclose.parse(html)
    assert report.meta.agency == "冶金街道"
    assert FOOTER_AGENCY not in (report.meta.agency or "")


def test_info_table_is_page_information_not_a_table(seeds):
    html = page(seeds["seed-004"], "info-table", published="2023-01-30", publisher="朝阳市龙城区住建局")
    html = html.replace("<span>发布机构：朝阳市龙城区住建局</span>", "").replace("<span>发布日期：2023-01-30</span>", "")
    items = HtmlReader().read(html)
    assert items.meta == {"title": "朝阳市龙城区住房和城乡建设局2022年政府信息公开工作年度报告",
                          "publisher": "朝阳市龙城区住建局", "date": "2023-01-30"}
    lines = [it.text for it in items[:6]]
    assert lines[0] == items.meta["title"] and "发布机构：朝阳市龙城区住建局" in lines  # under the title
    report = govdisclose.parse(html)
    assert not [f for f in report.findings if f.rule in ("parse.unknown-table", "parse.unknown-row")]
    assert report.meta.date == "2022-12-30"         # the signature's date comes first


# -- the blank total ------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_blank_total_next_to_filled_components_stays_blank(seeds, variant, encoding):
    report = blanked(seeds["seed-001"], [("applications", "partially_granted", "total")])
    assert report.value("applications", "partially_granted", "natural_person") == 1
    again = govdisclose.parse(saved(report, variant, encoding))
    total = again.cell("applications", "partially_granted", "total")
    assert (total.value, total.kind) == (None, "blank")
    assert again.value("applications", "partially_granted", "natural_person") == 1
    assert testing.content(again)[2] == testing.content(report)[2]


# -- the committed pages ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(STATIC))
def test_committed_page_parses_to_its_gold(name):
    path = DATA / f"{name}.html"
    want = json.loads((DATA / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    report = govdisclose.parse(path)
    assert report.meta.reader == "html" and report.meta.source == str(path)
    assert testing.gold_problems(report, want) == []
    assert not [f for f in report.findings if f.severity == "error"]


def test_committed_gbk_page_keeps_its_blank_total():
    report = govdisclose.parse(DATA / "yejin-2024.html")
    assert decode((DATA / "yejin-2024.html").read_bytes())[1] == "gb18030"
    assert report.cell("applications", "partially_granted", "total").kind == "blank"
    assert report.value("applications", "partially_granted", "natural_person") == 1
    assert report.value("applications", "total", "total") == 2


def test_cell_locations_point_at_the_cell_tags():
    path = DATA / "baokang-2020.html"
    lines = path.read_bytes().decode("gb18030").split("\n")
    report = govdisclose.parse(path)
    for cell in report.cells:
        line = lines[cell.location.line - 1]
        assert line[cell.location.column - 1:].startswith(("<td", "<th")), cell
    fees = report.cell("active_disclosure", "centralized_procurement", "procurement_amount")
    assert "5234" in lines[fees.location.line - 1][fees.location.column - 1:].split("</td>")[0]


# -- encodings ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, detected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"),
                                                ("gb2312-http-equiv", "gb18030"), ("gbk-undeclared", "gb18030")])
def test_encoding_as_served(seeds, encoding, detected):
    data = saved(seeds["seed-003"], "page", encoding)
    text, found = decode(data)
    assert found == detected
    assert "棉洋镇人民政府2020年政府信息公开工作年度报告" in text


@pytest.mark.parametrize("declaration, expected", [
    (b'<meta charset="gbk">', "gb18030"), (b"<meta charset=GB2312>", "gb18030"), (b"<meta charset='x-gbk'>", "gb18030"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />', "gb18030"),
    (b'<META HTTP-EQUIV="content-type" CONTENT="text/html;charset=GB18030">', "gb18030"),
    (b'<meta charset="utf-8">', "utf-8"), (b'<meta charset="UTF-16">', "utf-8"), (b'<meta charset="big5">', "big5"),
    (b'<meta charset="nonsense">', None), (b"<p>charset=gbk</p>", None)])
def test_declared_charset(declaration, expected):
    assert declared_charset(b"<html><head>" + declaration + b"</head><body></body></html>") == expected


def test_a_declaration_the_bytes_contradict_is_not_followed():
    body = "<p>保康县2020年度政府信息公开工作年度报告：本年新收政府信息公开申请数量</p>"
    utf8_said_gbk = ('<html><head><meta charset="gbk"></head><body>' + body + "</body></html>").encode("utf-8")
    assert decode(utf8_said_gbk)[1] == "utf-8"
    gbk_said_utf8 = ('<html><head><meta charset="utf-8"></head><body>' + body + "</body></html>").encode("gbk")
    assert decode(gbk_said_utf8)[1] == "gb18030"
    gbk_said_latin1 = ('<html><head><meta charset="iso-8859-1"></head><body>' + body + "</body></html>").encode("gbk")
    assert decode(gbk_said_latin1) == (gbk_said_latin1.decode("gb18030"), "gb18030")
    latin1 = '<html><head><meta charset="iso-8859-1"></head><body>Le café est fermé.</body></html>'.encode("latin-1")
    assert decode(latin1)[1] == "iso8859-1"


# -- what a page is, and what is not a report -----------------------------------------------------------

def test_sniff(seeds):
    reader = HtmlReader()
    for name in SEEDS:
        assert reader.sniff(seed_path(name).read_text(encoding="utf-8")) == 0.0
        assert reader.sniff(page(seeds[name])) == 0.99
    assert looks_like_html("说明文字\n<table><tr><td>本年制发件数</td><td>0</td></tr>\n" * 4 + "</table>") == 0.95
    assert looks_like_html("如 <p> 与 <br> 之类的字样出现在正文里") == 0.0


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_page_that_is_not_a_report(encoding):
    news = ('<!DOCTYPE html><html><head><meta charset="{}"><title>示例市召开政务公开工作会议_示例市人民政府</title></head>'
            '<body><div class="nav"><a href="/">首页</a><a href="/zwgk/">政府信息公开年度报告</a></div>'
            "<h1>示例市召开政务公开工作会议</h1><p>会议要求做好2024年政府信息公开工作年度报告编制工作。</p>"
            "<table border=1><tr><td>项目</td><td>数量</td></tr><tr><td>培训</td><td>3</td></tr></table>"
            '<div class="footer">主办单位：示例市人民政府办公室</div></body></html>').format(encoding)
    with pytest.raises(NotAReportError, match="^no statistics table"):
        govdisclose.parse(news.encode(encoding))


def test_words_in_scripts_do_not_make_a_report():
    html = ("<html><head><script>var t = '本年制发件数 本年废止件数 现行有效件数 本年处理决定数量';</script>"
            "<style>/* 本年收费金额 */</style></head><body><p>通知</p></body></html>")
    with pytest.raises(NotAReportError):
        govdisclose.parse(html)


def test_cells_as_a_browser_shows_them():
    from govdisclose.readers.base import CellRow
    html = ("<html><body><table><tr>"
            "<td><p class=MsoNormal><span>结果</span></p><p><span>纠正</span></p></td>"
            "<td>商业<br>企业</td><td>本年新\n  制作数量</td><td>&nbsp;</td><td>&nbsp;12&nbsp;</td><td>3<br>5</td>"
            "<td>a<br>b</td><td><!-- 0 --><o:p></o:p></td><td><script>x=1</script>7</td>"
            "</tr></table></body></html>")
    rows = [it for it in HtmlReader().read(html) if isinstance(it, CellRow)]
    assert [c.text for c in rows[0].cells] == ["结果纠正", "商业企业", "本年新制作数量", "", "12", "3 5", "a b", "", "7"]


def test_nested_tables_and_layout_tables():
    from govdisclose.readers.base import CellRow, TextLine
    html = ("<html><body><table><tr><td><a href='/'>首页</a></td><td><a href='/x'>政务公开</a></td></tr></table>"
            "<h1>示例市2024年政府信息公开工作年度报告</h1><table><tr><td><p>一、总体情况</p><p>正文。</p>"
            "<table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table>"
            "</td></tr></table></body></html>")
    items = HtmlReader().read(html)
    assert [type(it).__name__ for it in items] == ["TextLine", "TextLine", "TextLine", "CellRow", "CellRow"]
    assert [it.text for it in items if isinstance(it, TextLine)] == ["示例市2024年政府信息公开工作年度报告", "一、总体情况",
                                                                     "正文。"]
    cell = items[3].cells[0]
    assert html[cell.location.column - 1:].startswith("<td>信息内容")
    assert [[c.text for c in it.cells] for it in items if isinstance(it, CellRow)] == [["信息内容", "本年制发件数"],
                                                                                        ["规章", "0"]]


def test_empty_and_broken_markup():
    assert list(HtmlReader().read("<html></html>")) == []
    with pytest.raises(NotAReportError):
        govdisclose.parse("<html><body><p>本年<b>制发</i>文件</table>")
    # end tags left out, as HTML allows: rows and cells close themselves; an unclosed inline tag too
    report = govdisclose.parse("<html><body><table><tr><td colspan=2>第二十条第（一）项<tr><td>信息内容<td>本年<b>制发</b>件数"
                               "<tr><td>规章<td><font>4</table>")
    assert report.value("active_disclosure", "regulations", "issued") == 4
    assert report.meta.reader == "html"


# -- the command line ------------------------------------------------------------------------------

def test_cli_picks_the_reader_by_content(tmp_path, capsys, seeds):
    as_txt = tmp_path / "report.txt"                         # an HTML page saved with a .txt name
    as_txt.write_bytes(saved(seeds["seed-002"], "word", "gbk"))
    pipe_as_html = tmp_path / "report.html"                   # pipe text saved with an .html name
    pipe_as_html.write_bytes(seed_path("seed-001").read_bytes())
    assert main(["parse", "--format", "json", str(as_txt), str(pipe_as_html)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["meta"]["reader"] for o in out] == ["html", "pipe"]
    assert out[0]["meta"]["agency"] == "保康县" and out[0]["meta"]["variant"] == "hubei-2020"


def test_cli_forced_reader(tmp_path, capsys, seeds):
    path = tmp_path / "page.htm"
    path.write_text(page(seeds["seed-004"]), encoding="utf-8")
    assert main(["parse", "--format", "json", "--reader", "html", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["title"] == report_title(seeds["seed-004"])


def test_deeply_nested_pages():
    """libxml2 reads 2048 levels deep (huge_tree); deeper, a clear error, not a half-read page."""
    from govdisclose.errors import UnreadableInputError
    html = (DATA / "baokang-2020.html").read_bytes().decode("gb18030")
    zoom = '<div id="zoom" class="TRS_Editor">'
    deep = govdisclose.parse(html.replace(zoom, "<div>" * 2000 + zoom, 1))
    assert testing.gold_problems(deep, json.loads((DATA / "gold" / "baokang-2020.json").read_text(encoding="utf-8"))) == []
    with pytest.raises(UnreadableInputError, match="more than 2048 deep"):
        govdisclose.parse(html.replace(zoom, "<div>" * 3000 + zoom, 1))


def test_preformatted_text_keeps_its_lines():
    from govdisclose.readers.base import TextLine
    items = HtmlReader().read("<html><body><p>说明</p><pre>一、总体情况\n正文  第一行\n\n第二行</pre></body></html>")
    assert [(it.text, it.location.line) for it in items if isinstance(it, TextLine)] == [
        ("说明", 1), ("一、总体情况", 1), ("正文 第一行", 2), ("第二行", 4)]


# -- a cell's text: the recursive walk and the stack walk agree ----------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from govdisclose.readers import html as html_reader  # noqa: E402

_WORDS = st.sampled_from(["", "申请", "12", "a b", " \n ", "予以\n公开", "&nbsp;", "3\u00a0", "x\r\ny"])
_OPEN = st.sampled_from(["<p>", "<span>", "<div class=x>", "<b>", "<p style='display:none'>", "<span hidden>",
                         "<font>", "<o:p>", "<li>", "<span style='color:red'>"])


@st.composite
def _cell_html(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "br", "comment", "script", "element"] if depth < 4 else ["text", "br"]))
        if kind == "text":
            parts.append(draw(_WORDS))
        elif kind == "br":
            parts.append("<br>" + draw(_WORDS))
        elif kind == "comment":
            parts.append("<!-- 注释 -->" + draw(_WORDS))
        elif kind == "script":
            parts.append("<script>var a = 1;</script>" + draw(_WORDS))
        else:
            tag = draw(_OPEN)
            name = tag[1:].split(">")[0].split()[0]
            parts.append(tag + draw(_cell_html(depth + 1)) + f"</{name}>" + draw(_WORDS))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(inner=_cell_html())
def test_cell_text_walks_agree(inner):
    import lxml.html
    cell = lxml.html.fromstring(f"<table><tr><td>{inner}</td></tr></table>").find(".//td")
    deep = html_reader._finish("".join(html_reader._fragments_deep(cell)))
    assert html_reader._cell_text(cell) == deep


def test_a_cell_nested_deeper_than_python_recurses_is_read():
    import lxml.html
    inner = "<span>" * 1500 + "予以公开" + "</span>" * 1500 + "<br>12"
    cell = lxml.html.fromstring(f"<table><tr><td>{inner}</td></tr></table>", parser=lxml.html.HTMLParser(
        huge_tree=True)).find(".//td")
    assert html_reader._cell_text(cell) == "予以公开12"
