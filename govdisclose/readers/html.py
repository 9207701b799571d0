"""HTML pages as published: a whole saved page, its report tables row by row.

The page is parsed with lxml's HTML parser (libxml2), never tokenised by hand. Every
``<tr>`` of a report table becomes one :class:`CellRow` holding the cells that start in
that row (rowspan/colspan are not expanded: that is what the pipe layout gives too, and
the assembler rebuilds the official merged grid from the template's words). Block-level
text (``p``, ``div``, ``h1``–``h6``, ``li``, lines broken by ``<br>``) becomes
:class:`TextLine` s. Scripts, styles, forms, navigation and other page chrome are
dropped. Locations are the source line of each element (lxml ``sourceline``) and, for
cells, the column of the ``<td``/``<th`` tag.

Text is read as a browser shows it: whitespace runs collapse to one space, a line break
between two Chinese characters disappears (CSS Text 3; Word-exported pages wrap lines in
the middle of words), ``&nbsp;`` is a space. Inside a cell or a heading, ``<br>`` and
``<p>`` boundaries join the parts (``结果<br>纠正`` -> ``结果纠正``; a space only between
two ASCII letters or digits, so ``3<br>5`` stays two numbers, unreadable, not 35).

Tables: a table that holds another table, that has no row of two or more cells, whose
cells are only links, or that has a cell longer than a table cell can be is a *layout*
table: its cells are read as blocks of text. A page-information table (索引号, 发布机构,
发布日期 …) is read as text lines ``发布机构：…``.

Page chrome: navigation (``nav``, ``aside``, ``header``/``footer`` and elements whose
class or id says nav, menu, breadcrumb, share, footer …, unless they hold a table or an
``<h1>``), lines of links only, 上一篇/下一篇 lines, 附件 download links, everything before
the report's title but page information, and everything after the signature's date. The
rest of the chrome (主办单位, 备案号 …) is left to the outline (``sections.is_chrome``).
See ``docs/html.md``.

What the page says about itself outside the text goes into ``Items.meta``: the title
(the heading that names the report, else ``<meta name="ArticleTitle">``, else the part
of ``<title>`` that names it), the publisher (发布机构/发文机关 lines and info tables)
and the publication date (发布日期/发布时间, else ``<meta name="PubDate">``, else 成文日期).
"""
from __future__ import annotations

import itertools
import re
import unicodedata

from ..errors import UnreadableInputError
from ..model import location
from ..normalize import squeeze
from ..sections import date_line, heading_number
from .base import CellRow, Items, SourceCell, TextLine

__all__ = ["HtmlReader", "looks_like_html"]

# -- sniffing ------------------------------------------------------------------------------

_DOC_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])",
                        re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<(?:html|head|body|meta|div|p|table|tr|td|th|br|span|h[1-6])[\s>/]", re.IGNORECASE)


def looks_like_html(text: str) -> float:
    """0.99 for a document that starts as HTML, 0.95 for HTML tables among text, else 0."""
    head = text[:20000].lstrip("\ufeff")
    if "<" not in head:
        return 0.0
    if _DOC_START.match(head) or re.search(r"<html[\s>]", head[:5000], re.IGNORECASE):
        return 0.99
    lower = head.lower()
    if "<table" in lower and "<tr" in lower and ("<td" in lower or "<th" in lower) and len(_TAG.findall(head)) >= 10:
        return 0.95
    return 0.0


# -- element kinds -------------------------------------------------------------------------

_SKIP = frozenset("script style noscript template iframe frame frameset object embed applet svg math canvas map "
                  "select option optgroup datalist button input textarea audio video source track head title "
                  "meta link base nav aside".split())
_BLOCK = frozenset("address article blockquote body center dd details dialog dir div dl dt fieldset figcaption "
                   "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu ol p pre section "
                   "summary table caption tbody thead tfoot tr td th ul legend".split())
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_CELLS = ("td", "th")

#: class/id words of page chrome (matched against the words of class and id, lower case)
_CHROME_WORDS = frozenset(
    "nav navbar navbox navigation menu menubar mainnav subnav topnav breadcrumb breadcrumbs crumb crumbs position "
    "curpos location dqwz weizhi share sharebox bdshare bdsharebuttonbox jiathis footer foot bottom copyright "
    "sidebar toolbar topbar top header banner search searchbox login related xgwz xglj friendlink yqlj "
    "print fontsize skip".split())
_CHROME_PREFIXES = ("nav", "menu", "breadcrumb", "crumb", "share", "bdshare", "footer", "copyright", "sidebar",
                    "topbar", "toolbar", "search", "friendlink")
_WORD = re.compile(r"[a-z0-9]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NOT_REPORT_LINE = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇)")
_ATTACHMENT = re.compile(r"^(?:相关)?附件(?:下载)?\s*[:：]")

_HARD = "\ue000"             # a <br> or block boundary inside a cell or heading
_SPACE_RUN = re.compile(r"[ \t\r\n\f]+")


def _tag(el) -> str | None:
    tag = el.tag
    return tag if isinstance(tag, str) else None     # None: a comment or processing instruction
                                                      # (lxml's HTML parser gives lower-case names)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _collapse(text: str) -> str:
    """Whitespace as a browser shows it: runs to one space; a line break between two wide
    (Chinese) characters to nothing."""
    def repl(m: re.Match) -> str:
        run = m.group(0)
        if ("\n" in run or "\r" in run) and 0 < m.start() and m.end() < len(text) \
                and _wide(text[m.start() - 1]) and _wide(text[m.end()]):
            return ""
        return " "
    return _SPACE_RUN.sub(repl, text)


def _join(parts: list[str]) -> str:
    """Parts of one cell or heading (split by <br> or <p>): a space only between ASCII words."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


_NOTHING_TO_FINISH = re.compile(r"[^\s\ue000]*")     # no whitespace (str.split's), no hard break


def _finish(raw: str) -> str:
    """Fragments of one line or cell -> its text."""
    if _NOTHING_TO_FINISH.fullmatch(raw):
        return raw
    text = _collapse(raw).replace("\u00a0", " ")
    return _join([" ".join(p.split()) for p in text.split(_HARD)])


def _chrome_element(el) -> bool:
    words = _WORD.findall(((el.get("class") or "") + " " + (el.get("id") or "")).lower())
    return any(w in _CHROME_WORDS or w.startswith(_CHROME_PREFIXES) for w in words)


def _hidden(el) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))


def _holds_content(el) -> bool:
    """A table or the page's main heading inside: not to be dropped as chrome."""
    return el.find(".//table") is not None or el.find(".//h1") is not None


# -- page information ----------------------------------------------------------------------

_INFO_KEYS = ("索引号", "主题分类", "主题词", "体裁分类", "组配分类", "服务对象", "发布机构", "发文机关", "发布单位",
              "公开机构", "发布部门", "成文日期", "发布日期", "发布时间", "公开日期", "发文日期", "发文字号", "文号",
              "标题", "有效性", "公开方式", "公开范围", "公开时限", "信息来源", "来源", "生成日期")
_INFO_CELL = re.compile(r"^\s*(?P<key>" + "|".join(r"\s*".join(k) for k in sorted(_INFO_KEYS, key=len, reverse=True))
                        + r")\s*[:：]?\s*(?P<value>.*)$", re.DOTALL)       # 标　　题：
_PUBLISHER = re.compile(r"(?:发布机构|发文机关|发布单位|公开机构|发布部门)\s*[:：]\s*(?P<org>[^\s:：|]{2,40})")
_DATE = r"(?P<y>(?:19|20)\d{2})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})"
_PUBLISHED = re.compile(r"(?:发布日期|发布时间|公开日期|发文日期|发表时间|发布于)\s*[:：]?\s*" + _DATE)
_WRITTEN = re.compile(r"(?:成文日期|生成日期)\s*[:：]\s*" + _DATE)
_META_DATE = re.compile(r"^\s*" + _DATE)
_TITLE_WORDS = re.compile(r"报告|年报")
_TITLE_KIND = re.compile(r"年度|年报|政府信息公开|政务公开|信息公开")
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|\s[-－—–]\s|--|——)\s*")


def _iso(m: re.Match) -> str | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _titleish(text: str, *, strict: bool) -> bool:
    flat = squeeze(text)
    if not flat or len(flat) > (60 if strict else 80) or any(c in flat for c in ">＞»"):
        return False
    if not (_TITLE_WORDS.search(flat) and _TITLE_KIND.search(flat)):
        return False
    return not strict or flat.rstrip("）)】]").endswith(("报告", "年报"))


# -- the walk ------------------------------------------------------------------------------

class _Line:
    __slots__ = ("frags", "line", "chars", "linked", "links", "heading")

    def __init__(self) -> None:
        self.frags: list[str] = []
        self.line: int | None = None
        self.chars = self.linked = self.links = 0
        self.heading = False


class _Walker:
    def __init__(self, source: str, root):
        self.items: list = []          # TextLine | CellRow, with flags in self.flags
        self.flags: list[dict] = []
        self.cur = _Line()
        self.link_depth = 0
        self.heading_depth = 0
        self.pre_depth = 0
        self._lines = source.split("\n")
        self._tags: dict[int, list[int]] = {}       # line -> columns of the <td/<th tags on it
        self._texts: dict = {}                       # cell element -> its text
        self._nth: dict = {}            # cell element -> how many <td>/<th> start before it on its line
        per_line: dict[int, int] = {}
        for cell in root.iter("td", "th"):
            line = cell.sourceline
            self._nth[cell] = per_line.get(line, 0)
            per_line[line] = self._nth[cell] + 1

    # -- text lines ------------------------------------------------------------------------
    def text(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if self.pre_depth and "\n" in text:          # <pre>: its lines are lines
            for i, part in enumerate(text.split("\n")):
                if i:
                    self.hard_break(line)
                self._add(part, None if line is None else line + i)
            return
        self._add(text, line)

    def _add(self, text: str, line: int | None) -> None:
        cur = self.cur
        if cur.line is None and text.strip():
            cur.line = line
        cur.frags.append(text)
        n = len("".join(text.split()))
        cur.chars += n
        if self.link_depth:
            cur.linked += n
        if self.heading_depth:
            cur.heading = True

    def hard_break(self, line: int | None) -> None:
        if self.heading_depth:
            self.cur.frags.append(_HARD)
        else:
            self.flush()

    def flush(self) -> None:
        cur, self.cur = self.cur, _Line()
        if not cur.frags:
            return
        text = _finish("".join(cur.frags))
        if not text:
            return
        self.items.append(TextLine(text, location(cur.line)))
        self.flags.append({"link_only": cur.chars > 0 and cur.linked == cur.chars, "links": cur.links,
                           "heading": cur.heading,
                           # 附件：<a>….pdf</a>: the page's download link, not the report's text
                           "attachment": cur.linked > 0 and cur.chars - cur.linked <= 6
                           and _ATTACHMENT.match(text) is not None})

    # -- cells ---------------------------------------------------------------------------
    def cell_column(self, cell) -> int | None:
        """The column of the cell's ``<td``/``<th`` tag on its source line."""
        line, nth = cell.sourceline, self._nth.get(cell)
        if line is None or nth is None or not 0 < line <= len(self._lines):
            return None
        if line not in self._tags:
            self._tags[line] = [m.start() + 1 for m in _CELL_TAG.finditer(self._lines[line - 1])]
        tags = self._tags[line]
        return tags[nth] if nth < len(tags) else None

    def cell_text(self, cell) -> str:
        if cell not in self._texts:
            self._texts[cell] = _cell_text(cell)
        return self._texts[cell]


_CELL_TAG = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)


def _cell_text(cell) -> str:
    """A cell's text: <br> and block boundaries join its parts (see the module doc)."""
    if not len(cell):                   # no child elements (most cells): its own text
        return _finish(cell.text or "")
    frags: list[str] = [cell.text] if cell.text else []
    try:
        _fragments(cell, frags)
    except RecursionError:              # nested deeper than Python recurses: the same, with a stack
        frags = _fragments_deep(cell)
    return _finish("".join(frags))


def _fragments(parent, frags: list[str]) -> None:
    """The text of *parent*'s children and their tails, in order, with a hard break at each
    <br> and around each block; scripts, hidden elements and comments give only their tails."""
    for el in parent:
        tag = el.tag
        if tag.__class__ is not str or tag in _SKIP or el.get("hidden") is not None \
                or ((style := el.get("style")) and _HIDDEN.search(style)):
            if el.tail:                 # a comment, a script, hidden: only the text after it
                frags.append(el.tail)
            continue
        if tag == "br":
            frags.append(_HARD)
        else:
            block = tag in _BLOCK
            if block:
                frags.append(_HARD)
            if el.text:
                frags.append(el.text)
            if len(el):
                _fragments(el, frags)
            if block:
                frags.append(_HARD)
        if el.tail:
            frags.append(el.tail)


def _fragments_deep(cell) -> list[str]:
    """:func:`_fragments` of *cell*, its text first, without recursion (a page may nest 2,048 deep)."""
    frags: list[str] = []
    stack: list = [(cell, False)]
    while stack:
        el, done = stack.pop()
        tag = _tag(el)
        if done:
            if tag in _BLOCK and el is not cell:
                frags.append(_HARD)
            if el is not cell and el.tail:
                frags.append(el.tail)
            continue
        if tag is None:                     # comment: only its tail
            if el.tail and el is not cell:
                frags.append(el.tail)
            continue
        if el is not cell and (tag in _SKIP or _hidden(el)):
            if el.tail:
                frags.append(el.tail)
            continue
        if tag == "br":
            frags.append(_HARD)
            if el.tail:
                frags.append(el.tail)
            continue
        if tag in _BLOCK and el is not cell:
            frags.append(_HARD)
        if el.text:
            frags.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(list(el)))
    return frags


def _rows(table) -> list:
    """The table's own rows (not those of tables nested in its cells)."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if _tag(r) == "tr")
    return rows


def _cells(row) -> list:
    return [c for c in row if _tag(c) in _CELLS]


def _table_kind(table, walker: _Walker) -> str:
    """``data`` (a statistics table), ``info`` (索引号/发布机构 …) or ``layout``."""
    if table.find(".//table") is not None:
        return "layout"
    rows = _rows(table)
    texts = [[walker.cell_text(c) for c in _cells(r)] for r in rows]
    flat = [t for row in texts for t in row if t]
    if not flat:
        return "layout"
    if sum(1 for t in flat if _INFO_CELL.match(t) and len(t) <= 60) >= 2 \
            and sum(1 for t in flat if _INFO_CELL.match(t)) * 3 >= len(flat):
        return "info"
    if not any(len(_cells(r)) >= 2 for r in rows) or any(len(t) > 300 for t in flat):
        return "layout"
    if all(_only_links(c) for r in rows for c in _cells(r) if walker.cell_text(c)):
        return "layout"                     # a navigation bar
    return "data"


def _only_links(el) -> bool:
    """All of the element's text is inside links."""
    total = len("".join("".join(el.itertext()).split()))
    linked = sum(len("".join("".join(a.itertext()).split())) for a in el.iter("a"))
    return total > 0 and linked >= total


def _walk(root, walker: _Walker) -> None:
    """Text lines and table rows of *root* and everything in it, in source order."""
    stack: list = [(root, None)]
    while stack:
        el, opened = stack.pop()
        tag = _tag(el)
        line = getattr(el, "sourceline", None)
        if opened is not None:              # leaving el: undo what entering it did
            heading, link = opened
            walker.link_depth -= link
            walker.heading_depth -= heading
            walker.pre_depth -= tag == "pre"
            if tag in _BLOCK:
                walker.hard_break(line)
            walker.text(el.tail, line)
            continue
        if tag is None or tag in _SKIP or _hidden(el) or (
                (tag in ("header", "footer") or (tag not in ("html", "body") and _chrome_element(el)))
                and not _holds_content(el)):
            walker.text(el.tail, line)      # a comment, a script, page chrome: only the text after it
            continue
        if tag == "br":
            walker.hard_break(line)
            walker.text(el.tail, line)
            continue
        if tag == "table":
            kind = _table_kind(el, walker)
            if kind != "layout":
                walker.flush()
                (_info_table if kind == "info" else _data_table)(el, walker)
                walker.text(el.tail, line)
                continue
        if tag in _BLOCK:
            walker.hard_break(line)
        heading = int(tag in _HEADINGS or (tag in _BLOCK and _titled(el)))
        link = int(tag == "a" and el.get("href") is not None)
        walker.heading_depth += heading
        walker.link_depth += link
        walker.cur.links += link
        walker.pre_depth += tag == "pre"
        walker.text(el.text, line)
        stack.append((el, (heading, link)))
        stack.extend((child, None) for child in reversed(list(el)))
    walker.flush()


def _titled(el) -> bool:
    """A short block whose class or id says it is a title (``<div class="article-title">``):
    read as one line, like a heading."""
    return ("title" in ((el.get("class") or "") + " " + (el.get("id") or "")).lower()
            and el.find(".//table") is None and len("".join(el.itertext())) <= 200)


def _data_table(table, walker: _Walker) -> None:
    """One CellRow per row; a caption, and anything else a page puts inside a table between
    its rows (``<p>`` or bare text, which browsers would move above it), as text in source order."""
    def stray(el) -> None:
        if _tag(el) is None:
            walker.text(el.tail, el.sourceline)
        else:
            _walk(el, walker)

    walker.text(table.text, table.sourceline)
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            walker.flush()
            _data_row(child, walker)
            walker.text(child.tail, child.sourceline)
        elif tag in ("thead", "tbody", "tfoot"):
            walker.text(child.text, child.sourceline)
            for row in child:
                if _tag(row) == "tr":
                    walker.flush()
                    _data_row(row, walker)
                    walker.text(row.tail, row.sourceline)
                else:
                    stray(row)
            walker.text(child.tail, child.sourceline)
        else:
            stray(child)
    walker.flush()


def _data_row(row, walker: _Walker) -> None:
    cells = []
    for cell in _cells(row):
        cells.append(SourceCell(walker.cell_text(cell), location(cell.sourceline, walker.cell_column(cell))))
    if cells:
        walker.items.append(CellRow(cells, breaks=True))
        walker.flags.append({"table": True})


def _info_table(table, walker: _Walker) -> None:
    """索引号 | … | 发布机构 | … as lines ``key：value``."""
    for row in _rows(table):
        cells = [(c, walker.cell_text(c)) for c in _cells(row)]
        i = 0
        while i < len(cells):
            cell, text = cells[i]
            m = _INFO_CELL.match(text)
            if m and not m["value"].strip() and i + 1 < len(cells) and not _INFO_CELL.match(cells[i + 1][1]):
                value = cells[i + 1][1]
                i += 1
            elif m:
                value = m["value"].strip()
            else:
                value = None
            i += 1
            line = f"{''.join(m['key'].split())}：{value}" if m else text
            if not line.strip("：") or (m and not value):
                continue
            walker.items.append(TextLine(line, location(cell.sourceline)))
            walker.flags.append({"link_only": False, "links": 0, "heading": False, "info": True})


# -- after the walk --------------------------------------------------------------------------

def _head_meta(root) -> dict[str, str]:
    """<title> and the <meta name=…> a government site writes (ArticleTitle, PubDate)."""
    out: dict[str, str] = {}
    for el in root.iter("title"):
        text = " ".join("".join(el.itertext()).split())
        if text:
            out.setdefault("title", text)
    for el in root.iter("meta"):
        name = (el.get("name") or el.get("property") or "").lower()
        content = " ".join((el.get("content") or "").split())
        if content and name in ("articletitle", "og:title"):
            out.setdefault("article_title", content)
        elif content and name in ("pubdate", "publishdate", "firstpublishedtime", "article:published_time"):
            out.setdefault("pub_date", content)
    return out


def _title_index(items: list, flags: list[dict], keep: list[bool]) -> int | None:
    """The text line that is the report's title: a heading naming a report, else a line that
    reads as a report's title; either before the first table row and section heading, not a
    link, not page information."""
    body = next((i for i, it in enumerate(items) if isinstance(it, CellRow)
                 or heading_number(it.text) is not None), len(items))
    lines = [(i, items[i]) for i in range(body)
             if keep[i] and isinstance(items[i], TextLine) and not flags[i].get("info") and not flags[i]["link_only"]]
    for i, it in lines:
        if flags[i]["heading"] and _titleish(it.text, strict=False):
            return i
    for i, it in lines:
        if _titleish(it.text, strict=True):
            return i
    return None


def _title_from_head(head: dict[str, str]) -> str | None:
    if "article_title" in head and _titleish(head["article_title"], strict=False):
        return head["article_title"]
    for part in _TITLE_SPLIT.split(head.get("title", "")):
        if _titleish(part, strict=False):
            return part.strip()
    return None


#: The most table cells an HTML page may have. A report's page has about 300 (its three
#: tables, a layout table or two: the saved pages in ``tests/data/html`` have 294 and 295).
#: A page costs about 2 KB of traced memory a cell (3 to 4 KB resident), so the bound keeps
#: the largest page accepted within 20 MiB (issue 14: 600,000 cells in 28.6 MB took 51 s and
#: 4.4 GB). Past it the page is refused with one line before it is parsed.
MAX_CELLS = 4_000
_CELL_TAG = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)


class HtmlReader:
    name = "html"
    markup = True       # the pipeline recognises the template in the items' text, not in the tags

    def sniff(self, text: str) -> float:
        return looks_like_html(text)

    def read(self, text: str) -> Items:
        import lxml.etree
        import lxml.html

        cells = sum(1 for _ in itertools.islice(_CELL_TAG.finditer(text), MAX_CELLS + 1))
        if cells > MAX_CELLS:
            raise UnreadableInputError(f"the HTML page has more than {MAX_CELLS} table cells (<td>, <th>): more "
                                       "than a report's page; not read")
        source = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"), count=1)  # a str has no encoding
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=False,
                                      huge_tree=True)      # nesting up to 2048 deep, long text nodes
        try:
            root = lxml.etree.fromstring(source.encode("utf-8", "surrogatepass"), parser)
        except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
            root = None
        if any("Excessive depth" in error.message for error in parser.error_log):
            raise UnreadableInputError("the HTML page nests its elements more than 2048 deep: "
                                       "lxml (libxml2) stops reading it there")
        if root is None:
            return Items()
        walker = _Walker(source, root)
        body = root.find("body")
        _walk(body if body is not None else root, walker)
        items, flags = walker.items, walker.flags
        meta = _page_meta(items, root)

        keep = [not (isinstance(it, TextLine) and ((flags[i]["link_only"] and flags[i]["links"] >= 2)
                                                   or flags[i].get("attachment")
                                                   or _NOT_REPORT_LINE.match(it.text)))
                for i, it in enumerate(items)]
        order = list(range(len(items)))
        title = _title_index(items, flags, keep)
        if title is not None:
            # before the report's title there is only the site: its lines and tables are dropped,
            # page-information lines (发布机构 …) move under the title
            info = [i for i in range(title) if flags[i].get("info")]
            order = [title] + info + list(range(title + 1, len(items)))
        end = _signature_end(items, keep)
        if end is not None:
            order = [i for i in order if i <= end]
        return Items((items[i] for i in order if keep[i]), meta=meta)


def _page_meta(items: list, root) -> dict:
    """title, publisher and date from the page (see the module doc)."""
    head = _head_meta(root)
    meta: dict = {}
    title = _title_from_head(head)
    if title:
        meta["title"] = title
    texts = [it.text for it in items if isinstance(it, TextLine)]
    publisher = next((m["org"] for m in map(_PUBLISHER.search, texts) if m), None)
    if publisher:
        meta["publisher"] = publisher
    dates = [_iso(m) for m in map(_PUBLISHED.search, texts) if m]
    if "pub_date" in head:
        m = _META_DATE.match(head["pub_date"])
        dates.append(_iso(m) if m else None)
    dates += [_iso(m) for m in map(_WRITTEN.search, texts) if m]
    date = next((d for d in dates if d), None)
    if date:
        meta["date"] = date
    return meta


def _signature_end(items: list, keep: list[bool]) -> int | None:
    """The index of the signature's date line: a date alone on a line after the last section
    heading and the last table row; None when there is none."""
    last = -1
    for i, it in enumerate(items):
        if keep[i] and (isinstance(it, CellRow) or heading_number(it.text) is not None):
            last = i
    for i in range(len(items) - 1, last, -1):
        if keep[i] and isinstance(items[i], TextLine) and date_line(items[i].text):
            return i
    return None
