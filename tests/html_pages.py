"""Saved HTML pages of reports, as government websites publish them, for tests/test_html.py.

A report is rendered with ``govdisclose.render(report, layout="html")`` (the official merged
grid with rowspan/colspan) and wrapped in a whole page: ``<head>`` with ``<title>``, scripts
and styles; a site header, navigation bar and breadcrumb; the article: its ``<h1>`` title, an
info line (发布机构 / 发布日期 / 浏览次数) and share buttons; the report; 上一篇/下一篇
links; a footer with 主办单位, 备案号 and 联系电话. Variants rewrite the report's tables the
ways real pages differ: cells exported from Word (``<p class=MsoNormal><span>…</span></p>``,
``<o:p>``, lines wrapped inside words), ``&nbsp;`` padding and empty cells, ``<br>`` inside
header and label cells (``结果<br>纠正``), the article inside nested layout tables, tables
without border attributes using ``<thead>``/``<th>``, and a page-information table (索引号 …).

:func:`page` returns the page as ``str``; :func:`saved` encodes it as a site serves it
(UTF-8, UTF-8 with BOM, GBK with ``<meta charset="gbk">``, GB2312 declared through
``http-equiv``, GBK with no declaration).
"""
from __future__ import annotations

import codecs
import html
import re
import unicodedata

import govdisclose
from govdisclose import testing

VARIANTS = ("plain", "page", "word", "nbsp", "br", "nested", "borderless", "info-table")
ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb2312-http-equiv", "gbk-undeclared")

SITE = "示例市人民政府"
FOOTER_AGENCY = "示例市人民政府办公室"

_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="{site}">
<meta name="ColumnName" content="政府信息公开年报">
<title>{title}_政府信息公开年报_{site}</title>
<link rel="stylesheet" href="/css/common.css">
<style type="text/css">
  body {{ font-family: "Microsoft YaHei"; }}
  .nav li {{ float: left; }}  /* 导航 | 主动公开 */
  table.MsoNormalTable td {{ border: 1px solid #000; }}
</style>
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script>
  var _hmt = _hmt || []; // 统计: 政府信息公开工作年度报告 <table><tr><td>本年制发件数</td></tr></table>
  document.write("<p>本年新收政府信息公开申请数量</p>");
</script>
</head>
<body>
"""

_TOP = """<div class="header">
  <div class="top-bar"><span>今天是2025年1月20日</span> <a href="/">网站首页</a> | <a href="/en">English</a> |
  <a href="/wza">无障碍浏览</a></div>
  <div class="logo"><img src="/images/logo.png" alt="{site}"><span>{site}</span></div>
  <div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字">
    <button type="submit">搜索</button></form></div>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li><li><a href="/zwgk/ndbg/">政府信息公开年度报告</a></li>
  </ul>
</div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
  <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
"""

_ARTICLE_HEAD = """<div class="article">
<div class="article-title"><h1>{h1}</h1></div>
<div class="article-info">
  <span>发布机构：{publisher}</span>&nbsp;&nbsp;<span>发布日期：{published}</span>&nbsp;&nbsp;
  <span>浏览次数：<script>document.write(1234)</script>1234</span>
  <span class="font-size">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span>
</div>
<div class="bdsharebuttonbox"><a class="bds_weixin" title="分享到微信">微信</a><a class="bds_tsina" title="分享到微博">微博</a>
  <a href="javascript:window.print()">【打印本页】</a></div>
<div id="zoom" class="TRS_Editor">
"""

_INFO_TABLE = """<table class="xxgk-info" width="100%" cellpadding="0" cellspacing="0">
  <tr><td>索引号：</td><td>11111111AA/2025-00012</td><td>主题分类：</td><td>综合政务</td></tr>
  <tr><td>发布机构：</td><td>{publisher}</td><td>成文日期：</td><td>{published}</td></tr>
  <tr><td>标　　题：</td><td colspan="3">{h1}</td></tr>
  <tr><td>发布日期：</td><td>{published}</td><td>有效性：</td><td>有效</td></tr>
</table>
"""

_ARTICLE_TAIL = """</div>
<div class="article-attach">附件：<a href="/files/report.pdf">{h1}.pdf</a></div>
<div class="prev-next">
  <p>上一篇：<a href="/zwgk/ndbg/1.html">示例市教育局2023年政府信息公开工作年度报告</a></p>
  <p>下一篇：<a href="/zwgk/ndbg/3.html">示例市财政局2023年政府信息公开工作年度报告</a></p>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">国务院办公厅政府信息公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知</a></li></ul></div>
<div class="close"><a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
"""

_FOOTER = """<div class="footer">
  <p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
  <p>主办单位：{footer_agency}　承办单位：示例市大数据中心</p>
  <p>网站标识码：1234000001　<a href="https://beian.miit.gov.cn">京ICP备12345678号</a>　京公网安备 11010502000001号</p>
  <p>联系电话：010-12345678　地址：示例市人民路1号</p>
</div>
<script>
  $(function() {{ $(".nav li").hover(function() {{ $(this).addClass("on"); }}); }});
</script>
</body>
</html>
"""


def report_title(report: govdisclose.Report) -> str:
    """The report's own title, or one written the usual way from its agency and year."""
    return report.meta.title or f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告"


def _body(rendered: str) -> str:
    """The report inside the rendered page's <body>, without its <h1> title."""
    body = rendered.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    return re.sub(r"<h1>.*?</h1>\n?", "", body, count=1)


# -- rewriting the rendered tables ---------------------------------------------------------------

_TD = re.compile(r"<td(?P<attrs>[^>]*)>(?P<text>.*?)</td>")
_NUMBER = re.compile(r"^[-+]?[0-9][0-9.,]*(?:件|万元|元)?$")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _wrap_word(text: str, width: int = 8) -> str:
    """Text wrapped over source lines as Word saves it: a CRLF between two Chinese characters
    about every *width* characters (a browser shows no space there)."""
    out, run = [], 0
    for i, ch in enumerate(text):
        if run >= width and i and _wide(text[i - 1]) and _wide(ch):
            out.append("\r\n")
            run = 0
        out.append(ch)
        run += 1
    return "".join(out)


def _word_paragraph(m: re.Match) -> str:
    return ('<p class="MsoNormal" style="text-indent:32.0pt"><span style="font-size:16.0pt;font-family:仿宋_GB2312">'
            + _wrap_word(m.group(1), 38) + "<span lang=\"EN-US\"><o:p></o:p></span></span></p>")


def _word_cell(m: re.Match) -> str:
    text = m["text"]
    inner = _wrap_word(text) if text else "&nbsp;"
    return (f"<td{m['attrs']} width=\"72\" valign=\"center\" style=\"width:54.0pt;border:solid windowtext 1.0pt;"
            f"padding:0cm 5.4pt 0cm 5.4pt\">\n  <p class=\"MsoNormal\" align=\"center\" style=\"text-align:center\">"
            f"<span style=\"font-size:10.5pt;font-family:仿宋_GB2312\">{inner}<span lang=\"EN-US\"><o:p></o:p>"
            f"</span></span></p>\n  </td>")


def _nbsp_cell(m: re.Match) -> str:
    text = m["text"]
    return f"<td{m['attrs']}>&nbsp;{text}&nbsp;</td>" if text else f"<td{m['attrs']}>&nbsp;</td>"


def _br_cell(m: re.Match) -> str:
    """A <br> in the middle of every label or header cell of four characters or more."""
    text = m["text"]
    plain = html.unescape(text)
    if len(plain) < 4 or _NUMBER.match(plain):
        return m.group(0)
    cut = len(plain) // 2
    return f"<td{m['attrs']}>{html.escape(plain[:cut], quote=False)}<br>{html.escape(plain[cut:], quote=False)}</td>"


def _borderless(body: str) -> str:
    """No border attributes; header rows in <thead> as <th>; data rows in <tbody>."""
    out = []
    for table in re.split(r"(<table[^>]*>.*?</table>)", body, flags=re.DOTALL):
        if not table.startswith("<table"):
            out.append(table)
            continue
        rows = re.findall(r"<tr>.*?</tr>", table, flags=re.DOTALL)
        head = []
        for row in rows:
            values = [html.unescape(t) for t in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            if any(_NUMBER.match(v) or not v for v in values) and not row.count("colspan") == 1 == len(values):
                break
            head.append(row)
        head = head if len(head) < len(rows) else []
        key = re.search(r'class="(\w+)"', table)
        th = [re.sub(r"<(/?)td", r"<\1th", r) for r in head]
        out.append(f'<table class="{key.group(1) if key else ""}" style="width:100%">\n'
                   + ("<thead>\n" + "\n".join(th) + "\n</thead>\n" if th else "")
                   + "<tbody>\n" + "\n".join(rows[len(head):]) + "\n</tbody>\n</table>")
    return "".join(out)


def _rewrite(body: str, variant: str) -> str:
    for part in variant.split("+"):
        body = _rewrite_one(body, part)
    return body


def _rewrite_one(body: str, variant: str) -> str:
    if variant == "word":
        body = re.sub(r'<table class="(\w+)" border="1" cellspacing="0">',
                      r'<table class="MsoNormalTable \1" border="1" cellspacing="0" cellpadding="0" '
                      r'style="border-collapse:collapse;border:none">', body)
        body = re.sub(r"<p>(.*?)</p>", _word_paragraph, body)
        body = _TD.sub(_word_cell, body)
    elif variant == "nbsp":
        body = _TD.sub(_nbsp_cell, body)
    elif variant == "br":
        body = _TD.sub(_br_cell, body)
    elif variant == "borderless":
        body = _borderless(body)
    return body


# -- the page -------------------------------------------------------------------------------------

def page(report: govdisclose.Report, variant: str = "page", *, charset: str = "utf-8",
         publisher: str | None = None, published: str = "2025-01-20", h1: str | None = None,
         footer_agency: str = FOOTER_AGENCY) -> str:
    """*report* as a saved page (see the module doc); ``plain`` is the rendering as it is.
    Variants combine with ``+`` (``nested+br+nbsp``)."""
    rendered = govdisclose.render(report, layout="html")
    if charset == "http-equiv-gb2312":
        declaration = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    elif charset:
        declaration = f'<meta charset="{charset}">'
    else:
        declaration = ""
    if variant == "plain":
        return rendered.replace('<meta charset="utf-8">', declaration)
    h1 = report_title(report) if h1 is None else h1
    publisher = report.meta.agency if publisher is None else publisher
    body = _rewrite(_body(rendered), variant)
    fields = {"site": SITE, "title": html.escape(h1), "h1": html.escape(h1), "publisher": publisher,
              "published": published, "footer_agency": footer_agency}
    parts = variant.split("+")
    article = (_ARTICLE_HEAD.format(**fields) + (_INFO_TABLE.format(**fields) if "info-table" in parts else "")
               + body + _ARTICLE_TAIL.format(**fields))
    if "nested" in parts:                 # an old site: the whole layout in tables
        article = ('<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">\n<tr>\n'
                   '<td width="200" valign="top" class="left"><table width="100%"><tr><td><a href="/zwgk/">政务公开'
                   '</a></td></tr><tr><td><a href="/zwgk/ndbg/">年度报告</a></td></tr></table></td>\n'
                   '<td width="780" valign="top">\n<table width="100%" border="0"><tr><td>\n'
                   + article + "\n</td></tr></table>\n</td>\n</tr>\n</table>\n")
    return (_HEAD.format(charset=declaration, **fields) + _TOP.format(**fields) + article
            + _FOOTER.format(**fields))


def saved(report: govdisclose.Report, variant: str = "page", encoding: str = "utf-8", **kwargs) -> bytes:
    """The page's bytes as a site serves them, in one of :data:`ENCODINGS`."""
    if encoding in ("utf-8", "utf-8-sig"):
        text = page(report, variant, charset="utf-8", **kwargs)
        return (codecs.BOM_UTF8 if encoding == "utf-8-sig" else b"") + text.encode("utf-8")
    if encoding == "gbk":
        return page(report, variant, charset="gbk", **kwargs).encode("gbk", "xmlcharrefreplace")
    if encoding == "gb2312-http-equiv":
        return page(report, variant, charset="http-equiv-gb2312", **kwargs).encode("gbk", "xmlcharrefreplace")
    if encoding == "gbk-undeclared":
        return page(report, variant, charset="", **kwargs).encode("gbk", "xmlcharrefreplace")
    raise ValueError(encoding)


# -- the committed pages ----------------------------------------------------------------------------

#: tests/data/html/NAME.html: (seed, variant, encoding, blank cells); the gold of each page is its
#: seed's gold with those cells blank, in tests/data/html/gold/NAME.json.
STATIC = {
    "yejin-2024": ("seed-001", "word+info-table", "gbk", [("applications", "partially_granted", "total")]),
    "baokang-2020": ("seed-002", "nested+br+nbsp+borderless", "gb2312-http-equiv", []),
}


def blanked(report: govdisclose.Report, keys) -> govdisclose.Report:
    """*report* with the cells *keys* left blank (a blank total next to filled components)."""
    import attrs
    keys = set(keys)
    return attrs.evolve(report, cells=[attrs.evolve(c, value=None, raw="", kind="blank", unit=None)
                                       if c.key in keys else c for c in report.cells])


def write_static(root) -> None:
    """Write tests/data/html/ again: ``python tests/html_pages.py``."""
    import json
    import pathlib
    root = pathlib.Path(root)
    (root / "gold").mkdir(parents=True, exist_ok=True)
    for name, (seed, variant, encoding, blanks) in STATIC.items():
        report = blanked(govdisclose.parse(testing.seed_path(seed)), blanks)
        (root / f"{name}.html").write_bytes(re.sub(rb"(?<!\r)\n", b"\r\n", saved(report, variant, encoding)))
        gold = testing.seed_gold(seed)
        for cell in gold["cells"]:
            if (cell["table"], cell["row"], cell["column"]) in set(blanks):
                cell["value"] = None
        (root / "gold" / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")


if __name__ == "__main__":
    import pathlib
    write_static(pathlib.Path(__file__).parent / "data" / "html")
