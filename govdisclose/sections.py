"""Sections: how their headings (一 … 六) are recognised in text, and a document's outline
(preamble, the six sections, the signature and the site chrome around them).

A heading is recognised by its *words*, not only its ordinal, so that body lines such
as ``一、本年新收政府信息公开申请数量`` (a table row) or an inserted ``五、专项整改情况``
are never taken for one. The words each heading is known by, as real reports vary them,
are :data:`_WORDS` below.
"""
from __future__ import annotations

import re

import attrs

from .findings import finding
from .layout import document as L
from .model import WARNING, Finding, Location, Section
from .normalize import CN_NUMERALS, squeeze
from .rules import declare

__all__ = ["heading_number", "inline_headings", "CANONICAL_HEADINGS", "Outline", "outline", "outline_findings"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
PARSE_NO_SECTIONS = declare("parse.no-sections", WARNING, "no section heading found", "未找到章节标题")

CANONICAL_HEADINGS = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}

_WORDS = {
    1: re.compile(r"^(?:\d{4}年(?:度)?)?(?:政府信息公开工作|政务公开工作)?(?:总体(?:工作)?情况|概述)$"),
    2: re.compile(r"主动公开(?:政府|政务)?信息"),
    3: re.compile(r"(?:收到和处理|依申请公开).*(?:申请|信息)|处理政府信息公开申请"),
    4: re.compile(r"行政复议.*行政诉讼|行政复议和提起行政诉讼"),
    5: re.compile(r"存在(?:的)?(?:主要)?问题.*(?:改进|整改)|问题(?:及|和|与)改进"),
    6: re.compile(r"^其他需要报告的事项"),
}
_BARE_HEADINGS = frozenset(squeeze(h)[2:] for h in CANONICAL_HEADINGS.values())
_HEADING = re.compile(r"^[|lI]?(?P<ord>[" + CN_NUMERALS + r"])[、.,]?(?P<rest>.+)$")


def heading_number(line: str) -> int | None:
    """The section number (1–6) a text line heads, or None when it is not a heading."""
    flat = squeeze(line)
    if not flat or len(flat) > 48 or flat.endswith(("。", ";", "；")) or "|" in flat[1:]:
        return None
    m = _HEADING.match(flat)
    rest = m.group("rest") if m else flat.lstrip("|")
    if m is None and not _WORDS[1].match(rest) and rest not in _BARE_HEADINGS:
        return None                      # without an ordinal only the template's own words count
    rest = re.sub(r"[(（][^)）]*[)）]$", "", rest)   # trailing annotation: （数据准确、要素齐全）
    if rest.endswith("统计表"):
        rest = rest[:-3]
    for number, words in _WORDS.items():
        if words.search(rest):
            if number == 1 and m is None and not words.match(rest):
                continue
            return number
    return None


_PUNCT = {"、": "[、,，.．]", "，": "[、,，]", "（": "[(（]", "）": "[)）]"}


def _inline_pattern(heading: str) -> "re.Pattern":
    """A canonical heading inside a line: spaces may fall between its characters."""
    return re.compile(r"\s*".join(_PUNCT.get(ch, re.escape(ch)) for ch in heading))


_INLINE = {number: _inline_pattern(h) for number, h in CANONICAL_HEADINGS.items()}


def _inline_variant(line: str, number: int, at: int) -> tuple[int, int] | None:
    """A variant heading of section *number* inside a line from *at*: its ordinal, then words
    ending the way headings end, that :func:`heading_number` takes for that section."""
    pattern = re.compile(CN_NUMERALS[number - 1] + r"\s*[、.,，．]\s*[^。；;！!？?]{2,36}?(?:情况|事项|措施|思路|方向)")
    for m in pattern.finditer(line, at):
        if heading_number(m.group()) == number:
            return m.start(), m.end()
    return None


def inline_headings(line: str) -> list[tuple[int, int, int]]:
    """(number, start, end) of the section headings standing inside a long line (a report
    crawled onto one line), in order; none unless two or more stand there in order.

    The template's headings are looked for first (spaces may fall inside them); then a
    heading's ordinal and words that :func:`heading_number` takes for that section and end
    as headings end (…情况, …事项)."""
    if len(line) <= 48:
        return []
    found, at = [], 0
    for number, pattern in _INLINE.items():
        m = pattern.search(line, at)
        span = (m.start(), m.end()) if m is not None else _inline_variant(line, number, at)
        if span is not None:
            found.append((number, *span))
            at = span[1]
    return found if len(found) >= 2 else []


# -- the report's outline: preamble, sections, trailer ------------------------------------

_CHROME = re.compile(
    r"主办|承办|协办|联系电话|联系方式|咨询电话|电话[:：]|备案|ICP|公网安备|网站标识码|扫一扫|站点地图|网站地图|"
    r"E-?mail|邮编|邮政编码|地址[:：]|版权所有|技术支持|当前位置|首页\s*[>＞]|字号|打印本页|关闭窗口|分享到|"
    r"浏览次数|阅读次数|来源[:：]|【|责任编辑", re.IGNORECASE)
_DATE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")


def is_chrome(line: str) -> bool:
    """Website chrome around a report: footer, filing numbers, share buttons."""
    return len(line) <= 120 and _CHROME.search(line) is not None


def date_line(line: str) -> str | None:
    """``2022年12月30日`` alone on a line -> ``2022-12-30``."""
    m = _DATE.match(squeeze(line))
    if not m:
        return None
    return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"


_ORGAN = re.compile(r"^[\u4e00-\u9fff（）()·]+(?:政府|办公室|办事处|街道|委员会|管委会|局|厅|委|办|镇|乡|县|区|市|省|"
                    r"中心|院|所|站|队|社区|公司|部)[）)]?$")


def _signature_line(text: str) -> bool:
    """An organ's name above the date: short, Chinese, ending like an organ's name."""
    flat = squeeze(text)
    return (len(flat) <= 40 and _ORGAN.match(flat) is not None
            and not flat.startswith(("（", "(")))       # （三）… is a sub-heading, not an organ


_INLINE_SIGNATURE = re.compile(r"(?:^|(?<=[。！；;\s]))\s*(?P<org>[\u4e00-\u9fff（）()·]{2,40})\s*"
                               r"(?P<date>(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")


def split_trailer(lines: list) -> tuple[list, list, list]:
    """Split the last section's lines into (body, signature, chrome).

    *lines* are objects with a ``text`` attribute. Chrome is taken from the end first;
    then a date line and the organ's name above it form the signature.
    """
    end = len(lines)
    chrome_start = end
    for i in range(end - 1, -1, -1):
        if is_chrome(lines[i].text):
            chrome_start = i
        elif chrome_start - i > 2 or i < end - 15:
            break
    body, chrome = lines[:chrome_start], lines[chrome_start:]
    signature: list = []
    for i in range(len(body) - 1, max(len(body) - 4, -1), -1):
        if date_line(body[i].text):
            signature = body[max(i - 2, 0):i + 1] if i >= 1 else body[i:i + 1]
            signature = [s for s in signature if date_line(s.text) or _signature_line(s.text)]
            body = body[:len(body) - len(signature) - (len(body) - 1 - i)]
            break
    if not signature and body:      # the whole report on one line: … 。 冶金街道 2024年12月30日
        m = _INLINE_SIGNATURE.search(body[-1].text)
        if m:
            last = body[-1]
            signature = [attrs.evolve(last, text=m["org"]), attrs.evolve(last, text=m["date"])]
            body = body[:-1] + ([attrs.evolve(last, text=last.text[:m.start()].rstrip())]
                                if last.text[:m.start()].strip() else [])
    if not signature:       # signed below the page's footer (扫一扫… / 冶金街道办事处 / 2025年1月20日)
        for i in range(len(chrome) - 1, 0, -1):
            if date_line(chrome[i].text):
                above = [s for s in chrome[max(i - 2, 0):i] if not is_chrome(s.text) and _signature_line(s.text)]
                signature = above + [chrome[i]]
                chrome = [c for c in chrome if not any(c is s for s in signature)]
                break
    return body, signature, chrome


@attrs.frozen
class Outline:
    preamble: tuple[L.Text, ...]
    sections: tuple[Section, ...]
    signature: tuple[L.Text, ...]
    chrome: tuple[L.Text, ...]


def outline(document: L.Document, positions: dict) -> Outline:
    """Split the document's text into preamble, sections (body text), signature, chrome."""
    def loc(line: int) -> Location:
        return positions.get((line, 0)) or Location(line, 1)

    preamble: list[L.Text] = []
    heads: list[L.Heading] = []
    bodies: list[list[L.Text]] = []
    for item in document.items:
        if isinstance(item, L.Heading):
            if heads and item.number <= heads[-1].number:
                bodies[-1].append(L.Text(item.heading, item.line))     # repeated heading: body text
                continue
            heads.append(item)
            bodies.append([])
        elif isinstance(item, L.Text):
            (bodies[-1] if bodies else preamble).append(item)
    signature: list = []
    chrome: list = []
    if bodies:
        bodies[-1], signature, chrome = split_trailer(bodies[-1])
    else:
        preamble, signature, chrome = split_trailer(preamble)
    lead_chrome = [t for t in preamble if is_chrome(t.text)]
    preamble = [t for t in preamble if not is_chrome(t.text)]
    sections = tuple(Section(h.number, h.heading, "\n".join(t.text for t in body), loc(h.line),
                             tuple(loc(t.line) for t in body))
                     for h, body in zip(heads, bodies))
    return Outline(tuple(preamble), sections, tuple(signature), tuple(lead_chrome + chrome))


def outline_findings(shape: Outline) -> list[Finding]:
    """What the outline lacks, as findings (no section heading at all)."""
    if shape.sections:
        return []
    return [finding(PARSE_NO_SECTIONS, WARNING, en="no section heading (一、总体情况 …) was found", zh="未找到章节标题")]
