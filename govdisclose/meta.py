"""Meta: what the report says about itself (agency, year, title, date), read from its
outline (:func:`govdisclose.sections.outline`).

The order in which the agency is looked for follows the data dictionary: the title,
the signature block at the end, a 发布机构 line, then the body's own name for itself.
Site chrome (主办单位, 备案号 …) is never taken for the agency.
"""
from __future__ import annotations

import collections
import re
from typing import Mapping

from .findings import finding
from .layout import document as L
from .model import INFO, WARNING, Finding
from .normalize import clean, squeeze
from .rules import declare
from .sections import Outline, date_line

__all__ = ["find_meta", "meta_findings"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
META_NO_AGENCY = declare("meta.no-agency", WARNING, "the report does not name its agency", "报告未写明发布机关")
META_NO_YEAR = declare("meta.no-year", WARNING, "the report does not state its year", "报告未写明年度")
META_YEAR_INFERRED = declare("meta.year-inferred", (INFO, WARNING), "the year inferred, not stated", "年度系推断得出")

_ORG_CHAR = r"[^\W\d_的在为和与及是了对我年月日，,、。；;：:（）()“”\"]"
_ORG_SUFFIX = (r"(?:人民政府办公室|人民政府|街道办事处|办事处|街道|管理委员会|委员会|管委会|办公室|"
               r"镇|乡|县|区|市|省|局|厅|委|办|中心|院|所|站|队|社区)")
_TITLE_ORG = re.compile(r"^(?:关于)?(?P<org>.+?)\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年")
_TITLE_ORG_NO_YEAR = re.compile(r"^(?P<org>.+?)(?:政府信息公开|政务公开)")
_SIGNATURE_ORG = re.compile(r"^[\u4e00-\u9fff（）()·]{2,40}" + _ORG_SUFFIX + r"$")
_PUBLISHER = re.compile(r"(?:发布机构|发文机关|发布单位)[:：]\s*(?P<org>\S{2,40})")
_BODY_ORG = (
    re.compile(r"\d{4}年(?:度)?[,，]?\s*(?P<org>" + _ORG_CHAR + r"{2,20}?" + _ORG_SUFFIX + r")(?:在|坚持|深入|认真|"
               r"紧紧|以|按照|围绕|全面|始终|严格|进一步|持续|聚焦|政务信息公开工作|政府信息公开工作|政务公开工作)"),
    re.compile(r"(?P<org>" + _ORG_CHAR + r"{2,20}?" + _ORG_SUFFIX + r")(?:政务公开|政府信息公开)(?:工作)?领导小组"),
)
_PERIOD = re.compile(r"统计期限[^。\n]*?(?P<y>\d{4})\s*年")
_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?P<du>度)?")


_YEAR_FIRST = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年")
_ORGAN_LINE = re.compile(r"^[\u4e00-\u9fff（）()·]{2,30}$")


_BOOK_TITLE = re.compile(r"《[^《》]*》")
_SENTENCE_END = ("。", ";", "；", ",", "，", ":", "：")


_CRAWLER_KEY = re.compile(r"^(?:标题|题目|文章标题|title)\s*[:：]\s*", re.I)
_CRAWLER_DATE = re.compile(r"^(?:发布时间|发布日期|成文日期)\s*[:：]\s*(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})")
# (a space only beside a year's digits: PDF text writes 淮安市人民政府 2024 年…)
_TITLE_PREFIX = re.compile(r"^(?P<title>(?:[^\s。，,；;]|(?<=\d) | (?=\d)){2,50}?(?:政府信息公开|政务公开)"
                           r"[^\s。，,；;]{0,12}?报告)(?=\s|[一二三四五六]、|$)")


def _title_piece(line: str) -> str:
    """A line that joins a page's side menu to its heading (``政务公开 冶金街道2024年政府信息公开
    工作年度报告``): the piece that is a whole title with its agency; otherwise the line."""
    if " " in line:
        named = [p for p in line.split(" ") if "报告" in p]
        if len(named) == 1 and _PAGE_TITLE.match(_BOOK_TITLE.sub("", named[0])):
            return named[0]
    return line


def _title(preamble: tuple[L.Text, ...]) -> str | None:
    lines = [_title_piece(clean(t.text)) for t in preamble[:12]]
    for line in lines:                                   # a crawler's header: 标题: …
        if _CRAWLER_KEY.match(line):
            return _CRAWLER_KEY.sub("", line) or None
    lines = lines[:4]
    for i, line in enumerate(lines):
        if len(line) > 60:                               # the whole report on one line: its title first
            m = _TITLE_PREFIX.match(_BOOK_TITLE.sub(lambda b: "_" * len(b.group()), line))
            return line[:m.end("title")] if m else None
        named = _BOOK_TITLE.sub("", line)        # 《…政府信息公开条例》 is a law the line cites, not its subject
        if "报告" in named and ("年度" in named or "政府信息公开" in named or "政务公开" in named) \
                and not line.endswith(_SENTENCE_END):      # a sentence (本报告根据…编制。) is not a title
            if i and _YEAR_FIRST.match(squeeze(line)) and _ORGAN_LINE.match(squeeze(lines[i - 1])):
                return lines[i - 1] + line        # 淮安市人民政府 / 2024 年政府信息公开工作年度报告
            return line
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if ("政府信息公开" in line or "政务公开" in line) and nxt.endswith("报告") and len(nxt) <= 20:
            return line + nxt
    # a converter's page keeps the site's chrome above the title (links, a menu, 当前位置): a
    # heading further down, alone on its line, that names a year and a 年度报告
    for t in preamble[4:40]:
        line = _title_piece(_HEADING_MARK.sub("", clean(t.text)))
        if len(line) <= 60 and _PAGE_TITLE.match(squeeze(_BOOK_TITLE.sub("", line))):
            return line
    return None


_HEADING_MARK = re.compile(r"^#{1,6}\s*")
_PAGE_TITLE = re.compile(r"^[^\s。，,；;:：|\[\]()]{2,40}(?:\d{4}|[〇零一二三四五六七八九]{4})年度?"
                         r"(?:政府信息公开|政务公开)(?:工作)?年度报告$")


def _crawler_date(preamble: tuple[L.Text, ...]) -> str | None:
    """A crawler header's 发布时间: 2024-03-08 15:34, as an ISO date."""
    for t in preamble[:12]:
        m = _CRAWLER_DATE.match(clean(t.text))
        if m:
            return f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
    return None


def _agency(title: str | None, outline_: Outline, publisher: str | None = None) -> str | None:
    if title:
        m = _TITLE_ORG.match(squeeze(title)) or _TITLE_ORG_NO_YEAR.match(squeeze(title))
        if m and len(m["org"]) >= 2 and not m["org"][0].isdigit():     # not "2024年" of a title without one
            return m["org"]
    for line in outline_.signature:
        flat = squeeze(line.text)
        if not date_line(flat) and _SIGNATURE_ORG.match(flat):
            return flat
    texts = [t.text for t in outline_.preamble] + [s.text for s in outline_.sections]
    for text in texts:
        m = _PUBLISHER.search(text)
        if m:
            return m["org"]
    if publisher:
        return publisher
    for pattern in _BODY_ORG:
        for text in texts:
            m = pattern.search(squeeze(text))
            if m and not m["org"].startswith(("我", "本")):
                return m["org"]
    return None


def _year(title: str | None, outline_: Outline, date: str | None) -> tuple[int | None, str | None]:
    """The year reported on, and where it was found: ``period`` (统计期限), ``title``, or,
    inferred when neither states it, ``年度`` (the only year the text calls a 年度),
    ``text`` (the year it names most, 年度 first) or ``date`` (the year before the
    publication date)."""
    texts = [t.text for t in outline_.preamble] + [s.text for s in outline_.sections]
    for text in texts:
        m = _PERIOD.search(squeeze(text))
        if m:
            return int(m["y"]), "period"
    if title:
        m = _YEAR.search(squeeze(title))
        if m:
            return int(m["y"]), "title"
    counts: collections.Counter = collections.Counter()
    for text in texts:
        for m in _YEAR.finditer(squeeze(text)):
            counts[(bool(m["du"]), int(m["y"]))] += 1
    for with_du in (True, False):
        years = [(n, y) for (du, y), n in counts.items() if du is with_du]
        if years:
            return max(years)[1], "年度" if with_du and len(years) == 1 else "text"
    return (int(date[:4]) - 1, "date") if date else (None, None)


def find_meta(outline_: Outline, page: Mapping | None = None) -> dict:
    """agency, year, title and date as far as the report states them; *page* (a reader's
    ``Items.meta``: title, publisher, date from outside the text, e.g. an HTML page's
    heading, 发布机构 and 发布日期) fills in what the text does not state."""
    page = page or {}
    title = _title(outline_.preamble) or page.get("title")
    date = next((d for d in (date_line(t.text) for t in outline_.signature) if d), None) or page.get("date") \
        or _crawler_date(outline_.preamble)
    year, year_from = _year(title, outline_, date)
    return {"title": title, "agency": _agency(title, outline_, page.get("publisher")),
            "year": year, "year_from": year_from, "date": date}


def meta_findings(meta: Mapping) -> list[Finding]:
    """What :func:`find_meta`'s *meta* lacks or had to infer, as findings."""
    findings: list[Finding] = []
    for rule, name, zh in ((META_NO_AGENCY, "agency", "机关名称"), (META_NO_YEAR, "year", "年度")):
        if meta[name] is None:
            findings.append(finding(rule, WARNING, en=f"the report does not state its {name}", zh="报告未载明" + zh))
    if meta["year_from"] in ("年度", "text", "date"):
        how = {"年度": "the only year the text calls a 年度", "text": "the year the text names most",
               "date": f"the year before its publication date {meta['date']}"}[meta["year_from"]]
        findings.append(finding(META_YEAR_INFERRED, INFO if meta["year_from"] == "年度" else WARNING,
                                en=f"neither a statistics period (统计期限) nor the "
                                f"title states the year; {meta['year']} is {how}",
                                zh=f"报告未载明统计期限，标题亦无年度；年度{meta['year']}系推断",
                                details=(("year", meta["year"]), ("from", meta["year_from"]))))
    return findings
