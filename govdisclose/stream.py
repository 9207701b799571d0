"""Cells from any text, read as a stream of label text and numbers.

Crawler dumps with a whole report on one line, page text as crawlers extract it (text nodes
run together, one a line, or joined by spaces), ``pdftotext`` in its three modes, PDF and
HTML converters' markdown: each keeps the report's labels and numbers in reading order and
loses some of the rest (line breaks, cell boundaries, blank cells, merged cells). This
module reads them all the same way, without relying on lines:

1. **The stream.** The text becomes one string of label characters and digits (`S`):
   whitespace, ``|``, tabs, markdown markup, punctuation and page footers (``— 5 —``,
   ``-3-``, ``第 2 页``) are dropped, but remembered as *gaps* between numbers. An empty
   cell between two separators (``| |``) is remembered as an explicit blank.
2. **Walls.** The section titles (二、主动公开政府信息情况 …) bound each table's region, and a
   block caption (第二十条第（五）项) or a sentence's end (。) ends the numbers of the row before
   it. A table's numbers never come from another table or from prose.
3. **Anchors.** Each template row is found by its label in the region, in template order:
   the longest chain of label occurrences in order wins, and a row is taken at its last
   occurrence before its numbers (a converter's heading repeats a label). A label not
   found exactly is looked for between its neighbours within a bounded edit distance
   (``2.其他法律行政止公开``), with a ``recover.label-variant`` finding. A group label
   printed as a row of its own, with none of its sub-rows (（六）其他处理 in 2021-format
   reports printed the 2019 way), is that group's row (key ``other``).
4. **Numbers to cells.** The numbers from a row's label to the next label or wall are that
   row's. As many numbers as cells: in order. Fewer: blank cells vanished or digits ran
   together (``801000081``), and every reading is enumerated (no leading zeros, blanks
   anywhere, the row's own sums R3/R5); then the column sums R1/R4 across rows narrow the
   readings of table 2 jointly. A cell is filled only when every reading left agrees on it;
   otherwise it stays unresolved (kind ``absent``, provenance ``unresolved``) and a
   ``recover.ambiguous`` finding lists the readings. More numbers than cells: unresolved,
   ``recover.unaligned``.

Work is bounded: every enumeration has a step budget (``recover.too-many`` past it), and
the text is scanned a constant number of times.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
from array import array
from decimal import Decimal
from typing import Iterator, Sequence

import attrs

from .findings import VALUE_UNREADABLE, excerpt, finding, too_many_digits, unreadable_value
from .model import ERROR, INFO, WARNING, Cell, Finding, Location, TableReading, location
from .normalize import MARKDOWN_RULE, key_form, lines as text_lines, nfkc
from .rules import declare
from .templates.spec import Block, GroupRow, Table, Template, group_rows, per_template
from .values import COUNT, MAX_DIGITS, ODD_DIGITS, has_odd_digits, read_value

__all__ = ["read_stream", "stream_of", "Stream", "MAX_STEPS"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
RECOVER_AMBIGUOUS = declare("recover.ambiguous", WARNING, "a row's numbers read several ways, or none",
                            "该行数字可有多种读法或无法读出")
RECOVER_TOO_MANY = declare("recover.too-many", WARNING, "a row has more readings than can be tried", "该行可能的读法过多")
RECOVER_UNALIGNED = declare("recover.unaligned", WARNING, "numbers that cannot be given to rows", "数字无法对应到行")
RECOVER_UNORDERED = declare("recover.unordered", WARNING, "a row's numbers in an order the sums do not confirm",
                            "该行数字顺序无法由合计确认")
RECOVER_LABEL_VARIANT = declare("recover.label-variant", INFO, "a row label found by edit distance", "行标签按近似文字识别")
RECOVER_NO_NUMBERS = declare("recover.no-numbers", WARNING, "no numbers after a row's label", "行标签后没有数字")
RECOVER_STRAY_NUMBERS = declare("recover.stray-numbers", WARNING, "numbers before a row's label that no row has",
                                "行标签前有不属于任何行的数字")
RECOVER_IN_ORDER = declare("recover.in-order", WARNING, "a block read in the template's row order", "按模板行序读取该栏目")

MAX_STEPS = 200_000          # search steps for one row's readings, or for the joint choice
MAX_READINGS = 512           # readings of one row kept, at most
MAX_SOLUTIONS = 64           # joint choices over table 2 kept, at most

_LABEL_CHARS = "\u3400-\u4dbf\u4e00-\u9fffA-Za-z"
_NOT_A_CELL = frozenset("年月日%％")
#: what follows a line's opening number when it is a label's ordinal: ``.`` or ``、`` and a label character
_LINE_ORDINAL = re.compile(r"[.、．]\s*[\u4e00-\u9fff“（(]")
_ODD = "⁇"        # stands for a number written with digits no table cell holds (see ODD_DIGITS)
_RUNS = re.compile(rf"(?P<num>[+\-－]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|{_ODD})|(?P<label>[{_LABEL_CHARS}]+)")
_URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+")
_TAG = re.compile(r"<(?:br|/?p|/?div|/?span|/?td|/?tr|/?th|/?b|/?strong|/?font|img)\b[^>]{0,200}>", re.I)
_FOOTER_LINE = re.compile(r"^\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
                          r"|\d{1,3}\s*/\s*\d{1,3}|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页)\s*$")
_FOOTER_INLINE = re.compile(r"(?:(?<=^)|(?<=[\s|]))(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?"
                            # a page number a converter's table cut in two (``| - 3 | - |``); not a
                            # number between two placeholder cells (``| - | 3 | - |``)
                            r"|[-—–－]+[ \t]*\d{1,3}[ \t]*\|[ \t]*[-—–－]+|[-—–－]+[ \t]*\|[ \t]*\d{1,3}[ \t]*[-—–－]+)"
                            r"(?=$|[\s|])")
_GENERIC_HEADER = re.compile(r"(?:数据|列|Column|Col|column|col)\s*\d{1,2}(?!\d)")
def _header_word(m: re.Match) -> str:
    return re.sub(r"\s*\d+$", "", m.group())         # 数据1 -> 数据: a header word, not a number


_PLACEHOLDER_CELL = re.compile(r"^\s*(?:-|--|---|/|\\|——|—|－|／|N/A|n/a)\s*$")
_UNIT = re.compile(r"\s*(万元|元)")
_SENTENCE_END = "。"


# -- the stream ------------------------------------------------------------------------------

@attrs.frozen
class Number:
    """A number (or an explicit blank, ``text == ""``) in the stream."""

    text: str
    at: int                         # where it starts in the stream's label string
    span: int                       # how many characters of the stream it takes (end - at)
    #: where it stood in the source: a Location, or the Stream that tells it from ``at`` (a
    #: huge text has a number in every few characters: one Location each would outweigh it)
    where: "Location | Stream | None" = attrs.field(default=None, eq=False, repr=False)
    glued_before: bool = False      # no gap between it and the character before it

    @property
    def end(self) -> int:
        return self.at + self.span

    @property
    def location(self) -> Location:
        where = self.where
        if isinstance(where, Stream):
            return where.location(self.at)
        return where if where is not None else Location()


#: a row's end with no outer pipe: its last cell empty (``政府集中采购| 3564|``), in a text whose
#: tables have html2text's rules, with no outer pipes (``---|---|---``)
_OPEN_END = re.compile(r"\|[ \u00a0]*$")
_OPEN_RULE = re.compile(r"^[ \u00a0]*-{3,}(?:[ \u00a0]*\|[ \u00a0]*-{3,})+[ \u00a0]*$", re.MULTILINE)


def _md_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().removeprefix("|").removesuffix("|").split("|")]


def _added_columns(lines: Sequence[str]) -> dict[int, int]:
    """Line number -> how many last columns of its markdown table a converter added: empty in
    the header and in every row (markitdown: ``| 信息内容 | 上一年项目数量 | 本年增/减 | |`` over
    ``| 行政事业性收费 | | 2019 | |``). Without them the row has as many cells as columns
    (``_ · 2019``), where dropping its first or its last empty cell would read it two ways."""
    out: dict[int, int] = {}
    for i in range(1, len(lines)):
        if not MARKDOWN_RULE.match(lines[i]) or not lines[i - 1].lstrip().startswith("|"):
            continue
        head = _md_cells(lines[i - 1])
        k = 0
        while k < len(head) - 2 and not head[len(head) - 1 - k]:
            k += 1
        if not k or not any(head[:len(head) - k]):
            continue
        rows = []
        j = i + 1
        while j < len(lines) and lines[j].lstrip().startswith("|"):
            rows.append(j)
            j += 1
        cells = [_md_cells(lines[j]) for j in rows]
        if not rows or any(len(c) != len(head) or any(c[len(c) - k:]) for c in cells):
            continue
        for j in (i - 1, *rows):
            out[j + 1] = k                  # (numbered from 1, as the stream's lines)
    return out


class Stream:
    """A text as label characters and numbers (see the module doc)."""

    def __init__(self, text: str):
        chars: list[str] = []
        starts = array("q")             # stream offset of each run
        lines, columns = array("q"), array("q")     # where each run stands in the text
        self._starts, self._lines, self._columns = starts, lines, columns   # (numbers ask them: Number.where)
        numbers: list[Number] = []
        blanks: list[Number] = []
        walls: list[int] = []
        ordinal_ok: set[int] = set()    # stream offsets where a number run ends and an ordinal may stand
        size = 0
        open_rows = _OPEN_RULE.search(text) is not None     # html2text: a bare last | is an empty cell
        all_lines = text_lines(text)
        cut = _added_columns(all_lines) if "---" in text else {}
        for lineno, line in enumerate(all_lines, 1):
            if not line or _FOOTER_LINE.match(line):
                continue
            if lineno in cut:               # a converter's added empty last column: no cell
                line = line.rstrip().removesuffix("|").rsplit("|", cut[lineno])[0] + "|"
            if has_odd_digits(line):
                line = ODD_DIGITS.sub(f" {_ODD} ", line)   # no number, not even folded (values.odd_number)
            line = nfkc(line)
            if "<" in line:
                line = _TAG.sub(" ", line)
            if "http" in line or "www." in line:
                line = _URL.sub(" ", line)
            if "页" in line or "-" in line or "—" in line or "－" in line:
                line = _FOOTER_INLINE.sub(" ", line)
            if "数据" in line or "ol" in line or "列" in line:
                line = _GENERIC_HEADER.sub(_header_word, line)
            last = 0
            line_start = size
            for m in _RUNS.finditer(line):
                gap = line[last:m.start()]
                if gap:
                    if _SENTENCE_END in gap:
                        walls.append(size)
                    if "|" in gap or "\t" in gap:
                        self._cells_in_gap(gap, size, lineno, last, blanks, at_line_start=size == line_start)
                glued = not gap and last > 0
                run = m.group()
                if m.lastgroup == "num" and line[m.end():m.end() + 1] in _NOT_A_CELL:
                    pass            # 2024年, 12月, 30日, 12.5%: a date or a rate in prose, never a cell
                elif m.lastgroup == "num" and last == 0 and not gap.strip() and len(run) <= 2 \
                        and _LINE_ORDINAL.match(line, m.end()):     # (only spaces before it: linear, not line[:start])
                    ordinal_ok.add(size + len(run))     # 1.申请人… opening a line: a label's ordinal, no cell
                elif m.lastgroup == "num":
                    unit = _UNIT.match(line, m.end())
                    numbers.append(Number(run.replace("－", "-") + (unit.group(1) if unit else ""), size,
                                          len(run), self, glued))
                    after = line[m.end():m.end() + 1]
                    if after in (".", "、") or _is_label(after):
                        ordinal_ok.add(size + len(run))
                starts.append(size)
                lines.append(lineno)
                columns.append(m.start() + 1)
                chars.append(run)
                size += len(run)
                last = m.end()
            tail = line[last:]
            if last and ("|" in tail or "\t" in tail):     # a row's trailing empty cells: | 3 |  |  |
                self._cells_in_gap(tail, size, lineno, last, blanks, at_line_start=False)
                if open_rows and _OPEN_END.search(tail) and not line.lstrip().startswith("|") \
                        and line.count("|") >= 2:
                    # html2text's rows have no outer pipes (规章| 3| 4): a last | with nothing after it
                    # is an empty last cell (政府集中采购| 3564|), not the row's closing pipe as in
                    # 规章 | 0 | 0 | 0 | (the pipe layout: no rules)
                    blanks.append(Number("", size, 0, location(lineno, len(line))))
        self.text = "".join(chars)
        self.numbers = numbers
        #: whether numbers stand one a line with an empty line between (:func:`in_text_boxes`)
        self.boxed = in_text_boxes([n.location.line or 0 for n in numbers])
        #: whether a number is one cell, never cut into several: the text writes numbers apart
        #: (spaces, | between them) rather than running a row's digits together, or in text boxes
        self.whole = self.boxed or sum(1 for a, b in zip(numbers, numbers[1:])
                                       if b.at == a.end and _gap_between(a, b)) >= 5
        self.number_starts = array("q", (n.at for n in numbers))
        blanks.sort(key=lambda b: b.at)
        self.blanks = blanks
        self.blank_starts = [b.at for b in blanks]
        self.walls = walls
        self.ordinal_ok = ordinal_ok

    @staticmethod
    def _cells_in_gap(gap: str, at: int, lineno: int, column: int, blanks: list, at_line_start: bool) -> None:
        """Explicit empty cells (``| |``) and placeholders (``| - |``) between two separators."""
        parts = re.split(r"[|\t]", gap)
        inner = parts[1:-1]
        for k, part in enumerate(inner):
            if not part.strip():
                if at_line_start:
                    continue                # a row's leading | |: no cell of this row yet
                blanks.append(Number("", at, 0, location(lineno, column + 1)))
            elif _PLACEHOLDER_CELL.match(part):
                blanks.append(Number(part.strip(), at, 0, location(lineno, column + 1)))

    def location(self, at: int) -> Location:
        i = bisect.bisect_right(self._starts, at) - 1
        if i < 0:
            return Location()
        return location(self._lines[i], self._columns[i] + (at - self._starts[i]))

    def has_blank(self, start: int, end: int) -> bool:
        """Whether an explicit blank cell stands from *start* to *end*, both included."""
        i = bisect.bisect_left(self.blank_starts, start)
        return i < len(self.blank_starts) and self.blank_starts[i] <= end

    def numbers_in(self, start: int, end: int) -> list[Number]:
        """The numbers (and explicit blanks) from *start* to *end* in the stream, in order;
        a number run cut by *start* or *end* (an ordinal glued to it) keeps its part inside."""
        out = []
        i = bisect.bisect_left(self.number_starts, start)
        if i > 0 and self.numbers[i - 1].end > start:
            i -= 1
        while i < len(self.numbers) and self.numbers[i].at < end:
            n = self.numbers[i]
            lo, hi = max(n.at, start), min(n.end, end)
            if lo < hi:
                text = n.text if (lo, hi) == (n.at, n.end) else _cut(n, lo, hi)
                if text and text not in "+-":
                    out.append(n if text == n.text else
                               attrs.evolve(n, text=text, at=lo, span=hi - lo, where=n.location))
            i += 1
        lo = bisect.bisect_left(self.blank_starts, start)
        # (a row's trailing empty cells stand where the text after them starts: at *end*, theirs)
        blanks = self.blanks[lo:bisect.bisect_right(self.blank_starts, end, lo)]
        if blanks:
            out = sorted(out + blanks, key=lambda n: (n.at, n.text != "" or n.end > n.at))
        return out


def in_text_boxes(lines: Sequence[int]) -> bool:
    """Whether numbers standing on these *lines*, in order, are one a line with an empty line
    between: the text boxes of plain ``pdftotext`` and pdfminer. There a box holds one cell,
    and a row's number may stand among the next row's."""
    alone = [(a, b) for a, b in zip(lines, lines[1:]) if a != b]
    return len(alone) >= 10 and sum(1 for a, b in alone if b == a + 2) >= 0.6 * len(alone)


def _without_extras(texts: list[str], width: int, lo: int, hi: int) -> list[int] | None:
    """Which of a row's *texts* are its cells, where it has more cells than its *width*
    columns: ``lo:hi``, once its leading (then trailing) empty cells are dropped, where no other
    choice of empty cells to drop reads it otherwise (a converter's added column: ``| 规章 | |
    1044296 | 2367 | |``, ``| 规章 | | 135 | | 99 |``); else the one reading every choice
    gives (``| 行政事业性收费 | | 118 | | -68 | | |``: as many numbers as columns); None where
    the choices differ."""
    kept = list(range(lo, hi))
    extra = len(texts) - width
    empties = [i for i, t in enumerate(texts) if t == ""]
    if extra <= 0 or len(empties) < extra or len(empties) > 12:
        return kept
    readings = {tuple(i for i in range(len(texts)) if i not in drop)
                for drop in itertools.combinations(empties, extra)}
    texts_of = {tuple(texts[i] for i in r) for r in readings}
    if texts_of == {tuple(texts[i] for i in kept)}:
        return kept
    if len(texts_of) == 1:
        return list(min(readings))
    return None


def _gap_between(a: Number, b: Number) -> bool:
    """Whether the source has a space or a separator between two numbers on one line (not an
    ordinal cut from a run of digits, ``00000002.其他``, nor a line's end)."""
    return a.location.line == b.location.line \
        and (b.location.column or 0) > (a.location.column or 0) + (a.end - a.at)


def _cut(n: Number, lo: int, hi: int) -> str:
    digits = n.text[:n.end - n.at]
    unit = n.text[n.end - n.at:]
    piece = digits[lo - n.at:hi - n.at]
    return piece + (unit if hi == n.end else "")


def _is_label(ch: str) -> bool:
    return bool(ch) and bool(re.match(f"[{_LABEL_CHARS}]", ch))


_LABEL_ONLY = re.compile(f"[^{_LABEL_CHARS}0-9]")


def snorm(text: str) -> str:
    """A label as the stream writes it: NFKC, label characters and digits only."""
    return _LABEL_ONLY.sub("", nfkc(text))


_STREAMS: dict[str, Stream] = {}


#: Texts longer than this are not kept: their stream would outlive the parse, larger than the text.
_KEEP_STREAM = 200_000


def stream_of(text: str) -> Stream:
    """The stream of *text* (the last few kept: one text is read for several templates)."""
    if len(text) > _KEEP_STREAM:
        return Stream(text)
    hit = _STREAMS.get(text)         # (a str keeps its hash, and the same object matches first)
    if hit is None:
        if len(_STREAMS) >= 4:
            _STREAMS.clear()
        hit = _STREAMS[text] = Stream(text)
    return hit


# -- the template's rows as the stream finds them ----------------------------------------------

@attrs.frozen
class _Spec:
    key: str
    label: str
    forms: tuple[tuple[str, int], ...]       # (core form in the stream, weight)
    ordinal: str                             # an Arabic ordinal written before it (1. …)
    needs_ordinal: bool
    width: int
    group: GroupRow | None = None


_DIGIT_ORDINAL = re.compile(r"^\s*(\d{1,2})\s*[.、．]")
_CN_ORDINAL = re.compile(r"^\s*[(（]?\s*([一二三四五六七八九十]{1,3})\s*[)）、]")


def _spec(key: str, label: str, aliases: Sequence[str], width: int, group: GroupRow | None = None) -> _Spec:
    m = _DIGIT_ORDINAL.match(nfkc(label))
    ordinal = m.group(1) if m else ""
    forms: dict[str, int] = {}
    cn = _CN_ORDINAL.match(nfkc(label))
    for text in (label, *aliases):
        core = snorm(key_form(text))
        if core:
            forms.setdefault(core, len(core))
        if cn and text == label and core:
            forms[snorm(cn.group(1)) + core] = len(core) + 2
        full = snorm(strip_ordinal(text))
        if full and full != core and len(full) > len(core):
            forms.setdefault(full, len(full))
    short = max(len(f) for f in forms) <= 2 if forms else True
    return _Spec(key, label, tuple(forms.items()), ordinal, bool(ordinal) and short, width, group)


def _starts_row(text: str) -> bool:
    """Whether *text* begins with a row's ordinal (``（一）``, ``二、``, ``3.``)."""
    return bool(_DIGIT_ORDINAL.match(text) or _CN_ORDINAL.match(text))


def strip_ordinal(text: str) -> str:
    return _DIGIT_ORDINAL.sub("", nfkc(text))


@per_template
def _specs(template: Template, table_key: str) -> list[tuple[Block, list[_Spec]]]:
    """Each block of the table with the rows the stream looks for (group rows before their
    sub-rows), computed once per template."""
    table = template.table(table_key)
    out = []
    for block in table.blocks:
        specs: list[_Spec] = []
        groups = {g.members[0]: g for g in group_rows(block)}
        for row in block.rows:
            if row.key in groups:
                g = groups[row.key]
                specs.append(_spec(g.key, g.label, (), len(block.columns), g))
            if row.label:
                specs.append(_spec(row.key, row.label, row.aliases, len(block.columns)))
        out.append((block, specs))
    return out


# -- regions, walls and anchors -------------------------------------------------------------------

_SECTION_WALLS = ("存在的主要问题", "存在的问题及改进", "存在的问题和改进", "其他需要报告的事项")


def _title_forms(table: Table) -> tuple[str, ...]:
    """Where the table starts: its title, or where a converter dropped headings, its first
    caption (第二十条第（一）项) or its own header words (申请人情况, 未经复议直接起诉)."""
    forms = [snorm(table.title)]
    if table.blocks[0].caption:
        forms.append(snorm(table.blocks[0].caption))
    forms += [snorm(w) for w in table.header_words if len(snorm(w)) >= 5]
    if table.key == "reviews":      # the 2019 wording, and the table's own header
        forms += [snorm("行政复议、行政诉讼情况"), snorm("行政复议、提起行政诉讼情况"), snorm("行政复议 行政诉讼")]
    return tuple(dict.fromkeys(forms))


def _occurrences(text: str, form: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    end = len(text) if end is None else end
    at = text.find(form, start, end)
    while at >= 0:
        yield at
        at = text.find(form, at + 1, end)


@attrs.frozen
class _Anchor:
    spec: int           # index into the table's specs
    start: int
    end: int
    fuzzy: bool = False


def _chain(found: list[_Anchor], weights: list[int], walls: Sequence[int] = ()) -> list[_Anchor]:
    """The heaviest chain of anchors in increasing spec order and position. A sentence's end
    between two anchors costs (labels named in prose are no table); of equal chains the
    latest wins (prose comes before its table)."""
    pairs = sorted(zip(found, weights), key=lambda p: (p[0].start, p[0].spec))
    found[:] = [a for a, _ in pairs]
    weights = [w for _, w in pairs]
    best: list[int] = []
    back: list[int] = []
    for i, a in enumerate(found):
        score, prev = weights[i], -1
        for j in range(i):
            b = found[j]
            if b.spec < a.spec and b.end <= a.start:
                k = bisect.bisect_left(walls, b.end)
                cost = 4 if k < len(walls) and walls[k] < a.start else 0
                if best[j] + weights[i] - cost >= score:
                    score, prev = best[j] + weights[i] - cost, j
        best.append(score)
        back.append(prev)
    if not found:
        return []
    i = max(range(len(found)), key=lambda k: (best[k], found[k].start))
    chain = []
    while i >= 0:
        chain.append(found[i])
        i = back[i]
    return chain[::-1]


def _edit_match(pattern: str, text: str, limit: int) -> tuple[int, int, int] | None:
    """The best approximate occurrence of *pattern* in *text* (Sellers): (distance, start, end)."""
    if not pattern or not text:
        return None
    m = len(pattern)
    prev = list(range(m + 1))
    starts_prev = [0] * (m + 1)
    best = None
    for j, ch in enumerate(text, 1):
        cur = [0] * (m + 1)
        starts = [j] * (m + 1)
        for i in range(1, m + 1):
            cost = 0 if pattern[i - 1] == ch else 1
            options = ((prev[i - 1] + cost, starts_prev[i - 1]), (prev[i] + 1, starts_prev[i]),
                       (cur[i - 1] + 1, starts[i - 1]))
            cur[i], starts[i] = min(options)
        if cur[m] <= limit and (best is None or cur[m] < best[0]):
            best = (cur[m], starts[m], j)
        prev, starts_prev = cur, starts
    return best


# -- readings of one row ---------------------------------------------------------------------------

def _value(text: str, vtype: str) -> Decimal | int | None:
    if not text:
        return None
    reading = read_value(text, vtype)
    return reading.value


def _row_rules(table: Table, width: int) -> list[tuple[int, tuple[int, ...]]]:
    if table.key == "applications" and width == 7:
        return [(6, tuple(range(6)))]
    if table.key == "reviews" and width == 15:
        return [(5 * g + 4, tuple(range(5 * g, 5 * g + 4))) for g in range(3)]
    return []


def _rule_names(table: Table, width: int) -> tuple[str, ...]:
    """The rules that hold inside one row of *table*, by name (a cell's provenance)."""
    if not _row_rules(table, width):
        return ()
    return ("R3",) if table.key == "applications" else ("R5",)


class _Overflow(Exception):
    pass


_READINGS: dict[tuple, object] = {}


def _readings_cached(texts: tuple[str, ...], width: int, rules: tuple, signed: tuple, vtypes: tuple
                     ) -> list[tuple[str | None, ...]]:
    """:func:`readings`, remembered (a table is read for each of its candidate regions, and rows
    repeat across reports); an overflow is remembered too."""
    key = (texts, width, rules, signed, vtypes)
    hit = _READINGS.get(key)
    if hit is None:
        try:
            hit = readings(texts, width, rules, signed, vtypes)
        except _Overflow:
            hit = _Overflow
        if len(_READINGS) >= 4096:
            _READINGS.clear()
        _READINGS[key] = hit
    if hit is _Overflow:
        raise _Overflow
    return hit  # type: ignore[return-value]


def readings(texts: Sequence[str], width: int, rules: Sequence[tuple[int, tuple[int, ...]]],
             signed: Sequence[bool], vtypes: Sequence[str], blanks: bool = True,
             budget: int = MAX_STEPS) -> list[tuple[str | None, ...]]:
    """Every way to read the number *texts* (in order) as a row of *width* cells: a text may
    be cut into several numbers (no leading zeros but a lone 0; a sign stays on its first
    number, decimals and a unit on its last), and cells may be blank (``None``) where
    *blanks*. A reading must satisfy *rules* (total index, part indexes; blanks as 0) and may
    not give a negative number to an unsigned column. Raises _Overflow past *budget* steps
    or MAX_READINGS readings."""
    if blanks and list(rules) == [(width - 1, tuple(range(width - 1)))] and not any(signed) \
            and all(v == COUNT for v in vtypes) and all(t.isdigit() and t.isascii() for t in texts):
        return _sum_row_readings(texts, width, budget)
    return _search_readings(texts, width, rules, signed, vtypes, blanks, budget)


def _search_readings(texts: Sequence[str], width: int, rules: Sequence[tuple[int, tuple[int, ...]]],
                     signed: Sequence[bool], vtypes: Sequence[str], blanks: bool = True,
                     budget: int = MAX_STEPS) -> list[tuple[str | None, ...]]:
    """:func:`readings` by a depth-first search, cell by cell (any row and rules)."""
    parsed = []
    for t in texts:
        m = re.fullmatch(r"([+-]?)(\d+)((?:\.\d+)?(?:万元|元)?)", t)
        parsed.append(m)
    out: list[tuple[str | None, ...]] = []
    if sum(len(m.group(2)) if m else 1 for m in parsed) > width * MAX_DIGITS:
        raise _Overflow                     # more digits than any row of numbers holds
    steps = [budget]
    cells: list[str | None] = [None] * width
    values: list = [0] * width
    checks: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for total, parts in rules:
        checks.setdefault(max(total, *parts), []).append((total, parts))

    def ok_at(c: int) -> bool:
        for total, parts in checks.get(c, ()):
            if values[total] != sum(values[p] for p in parts):
                return False
        return True

    def place(c: int, text: str | None) -> bool:
        cells[c] = text
        v = 0 if text is None else _value(text, vtypes[c])
        if text is not None and v is None:
            return False
        if v is not None and v < 0 and not signed[c]:
            return False
        values[c] = v or 0
        return ok_at(c)

    def walk(c: int, ti: int, pos: int) -> None:
        steps[0] -= 1
        if steps[0] < 0:
            raise _Overflow
        if ti == len(texts):
            # the rest blank
            for k in range(c, width):
                if not blanks or not place(k, None):
                    return
            out.append(tuple(cells))
            if len(out) > MAX_READINGS:
                raise _Overflow
            return
        if c == width:
            return
        m = parsed[ti]
        remaining_cells = width - c
        need = len(texts) - ti - (1 if pos else 0)      # each later text gives a number at least
        if pos == 0 and need > remaining_cells:
            return
        # a blank here
        if blanks and remaining_cells > need:
            if place(c, None):
                walk(c + 1, ti, pos)
        if m is None or (pos == 0 and len(m.group(2)) == 1):
            if pos == 0 and place(c, texts[ti]):
                walk(c + 1, ti + 1, 0)
            return
        digits, tail = m.group(2), m.group(3)
        sign = m.group(1) if pos == 0 else ""
        for end in range(pos + 1, min(len(digits), pos + MAX_DIGITS) + 1):
            steps[0] -= 1
            piece = digits[pos:end]
            if len(piece) > 1 and piece[0] == "0" and not (end == len(digits) and tail.startswith(".") and end - pos == 1):
                break
            last = end == len(digits)
            if not last and width - c - 1 < 1:
                continue
            if place(c, sign + piece + (tail if last else "")):
                walk(c + 1, ti + 1 if last else ti, 0 if last else end)
        cells[c] = None

    walk(0, 0, 0)
    return list(dict.fromkeys(out))


def _sum_row_readings(texts: Sequence[str], width: int, budget: int = MAX_STEPS) -> list[tuple[str | None, ...]]:
    """:func:`readings` of a row of counts whose last cell is the sum of the others (R3), found
    total first: the total is the last number, so it ends the last text; the numbers before it
    add up to it (which bounds them), and stand in any of the other cells in order, the rest
    blank. The same readings as the general search, without its walk through every blank."""
    parts_width = width - 1
    digits = "".join(texts)
    if len(digits) > width * MAX_DIGITS:
        raise _Overflow
    steps = [budget]
    found: list[tuple[tuple[str, ...], str | None]] = []     # (the parts in order, the total)

    dead: set[tuple[int, int, int, int]] = set()     # states that led to no reading

    def parts(ti: int, pos: int, left: int, taken: list[str], sources: Sequence[str]) -> None:
        """Cut *sources* from (ti, pos) into numbers adding up to *left*."""
        steps[0] -= 1
        if steps[0] < 0:
            raise _Overflow
        if ti == len(sources):
            if left == 0:
                found.append((tuple(taken), total[0]))
            return
        text = sources[ti]
        room = parts_width - len(taken)
        rest = len(text) - pos + sum(len(t) for t in sources[ti + 1:])
        # each number is at most *left*: so at most its digits long; there must be room for them
        if room == 0 or rest > room * len(str(left)) or len(sources) - ti > room:
            return
        longest = -(-rest // room)          # some number has at least this many digits: no smaller
        if longest > 1 and left < 10 ** (longest - 1):
            return
        key = (ti, pos, left, len(taken))
        if key in dead:
            return
        before = len(found)
        _cuts(ti, pos, left, taken, sources, text)
        if len(found) == before:
            dead.add(key)

    def _cuts(ti: int, pos: int, left: int, taken: list[str], sources: Sequence[str], text: str) -> None:
        for end in range(pos + 1, min(len(text), pos + MAX_DIGITS) + 1):
            piece = text[pos:end]
            if len(piece) > 1 and piece[0] == "0":
                break
            value = int(piece)
            if value > left:
                break
            taken.append(piece)
            if end == len(text):
                parts(ti + 1, 0, left - value, taken, sources)
            else:
                parts(ti, end, left - value, taken, sources)
            taken.pop()

    total: list[str | None] = [None]
    last = texts[-1] if texts else ""
    for k in range(max(0, len(last) - MAX_DIGITS), len(last)):
        piece = last[k:]
        if len(piece) > 1 and piece[0] == "0":
            continue
        total[0] = piece
        sources = [*texts[:-1], *([last[:k]] if k else [])]
        dead.clear()                # (states are of these sources)
        parts(0, 0, int(piece), [], sources)
    if texts and all(set(t) == {"0"} for t in texts):       # the total blank: every number a 0
        zeros = sum(len(t) for t in texts)
        if zeros <= parts_width:
            found.append((("0",) * zeros, None))
    count = sum(math.comb(parts_width, len(p)) for p, _ in found)
    if count > MAX_READINGS:
        raise _Overflow
    out = []
    for numbers, sum_text in found:
        for at in itertools.combinations(range(parts_width), len(numbers)):
            cells: list[str | None] = [None] * width
            for i, piece in zip(at, numbers):
                cells[i] = piece
            cells[-1] = sum_text
            out.append(tuple(cells))
    return list(dict.fromkeys(out))


# -- reading a table -------------------------------------------------------------------------------

def read_stream(text: str, template: Template) -> dict[str, TableReading]:
    """Every table of *template* found in *text* read as a stream (see the module doc). Text
    laid out in columns whose cells wrap onto lines below (inscriptis, ``pdftotext -layout``)
    is also read with each wrapped label rejoined (:func:`rejoin_wrapped`); a table is taken
    from that reading when it fills more cells."""
    out = _read_stream(text, template)
    joined = rejoin_wrapped(text, template)
    if joined is not text:
        for key, reading in _read_stream(joined, template).items():
            if key not in out or reading.resolved > out[key].resolved:
                out[key] = reading
    return out


_GAP = re.compile(r"\S+(?: \S+)*")           # a text's pieces between runs of two or more spaces
_NUMBER_PIECE = re.compile(r"^[+\-－]?\d[\d,]*(?:\.\d+)?(?:万元|元)?$")
_CAPTION_PIECE = re.compile(r"第二十条|^第\s*[（(]")
#: The longest piece of a wrapped cell, and the most lines one cell wraps onto.
_WRAP_PIECE, _WRAP_LINES = 24, 4


def rejoin_wrapped(text: str, template: Template) -> str:
    """*text* with the lines of wrapped cells joined to their row's line: a line with numbers,
    then lines with no digit whose pieces each start where a label piece of that line starts
    (``一、本年新收政府   0   0 …`` / ``信息公开申请数量``). A piece is no continuation when it
    begins a row (an ordinal: ``（一）``, ``二、``, ``3.``) or a caption (``第二十条``), is alone on its line and a row's whole
    label (a blank row of its own), is longer than a cell's piece or ends a sentence. The lines joined stay as
    empty lines (locations keep their line numbers). *text* itself when nothing was joined."""
    if "  " not in text:
        return text
    forms = {f for table in template.tables for _, specs in _specs(template, table.key)
             for spec in specs for f, _ in spec.forms if len(f) >= 2}
    lines = text.split("\n")
    changed = False
    i = 0
    while i < len(lines):
        pieces = [(m.start(), m.group()) for m in _GAP.finditer(lines[i])]
        numbers = [k for k, (_, p) in enumerate(pieces) if _NUMBER_PIECE.match(p)]
        labels = {col: k for k, (col, p) in enumerate(pieces) if not any(ch.isdigit() for ch in p) or
                  _starts_row(p)}
        # a row's line: short label pieces, then its numbers (one at least)
        if not numbers or not labels or max(labels.values()) > numbers[0] \
                or any(len(pieces[k][1]) > _WRAP_PIECE for k in labels.values()):
            i += 1
            continue
        joined = [p for _, p in pieces]
        j = i + 1
        while j < len(lines) and j - i <= _WRAP_LINES and lines[j].strip():
            below = [(m.start(), m.group()) for m in _GAP.finditer(lines[j])]
            into = [next((labels[c] for c in (col, col - 1, col + 1) if c in labels), None) for col, _ in below]
            if any(k is None for k in into) or any(
                    any(ch.isdigit() for ch in p) or len(p) > _WRAP_PIECE or _starts_row(p)
                    or "。" in p or (len(below) == 1 and snorm(p) in forms) or _CAPTION_PIECE.search(p)
                    for _, p in below):
                break
            for k, (_, p) in zip(into, below):
                joined[k] += p
            lines[j] = ""
            j += 1
        if j > i + 1:
            lines[i] = "  ".join(joined)
            changed = True
        i = j
    return "\n".join(lines) if changed else text


def _read_stream(text: str, template: Template) -> dict[str, TableReading]:
    stream = stream_of(text)
    s = stream.text
    titles = {t.key: [at for form in _title_forms(t) for at in _occurrences(s, form)] for t in template.tables}
    wall_starts = sorted({at for t in template.tables for at in titles[t.key]}
                         | {at for w in _SECTION_WALLS for at in _occurrences(s, snorm(w))})
    sections_end = sorted(at for w in _SECTION_WALLS for at in _occurrences(s, snorm(w)))
    out: dict[str, TableReading] = {}
    previous_end = 0
    for table in template.tables:
        # the table's title after the table before it, and before the report's last sections
        last = next((w for w in sections_end if w >= previous_end), len(s))
        candidates = [at for at in titles[table.key] if previous_end <= at < last] or [previous_end]
        best = None
        for at in candidates:
            own = set(titles[table.key])
            end = next((w for w in wall_starts if w > at and w not in own), len(s))
            read = _read_table(stream, table, template, at, end)
            if read is not None and (best is None or read.resolved >= best[0].resolved):
                best = (read, end)
        if best is not None and (best[0].anchored or best[0].filled):
            out[table.key] = best[0]
            previous_end = best[1]
    return out


def _read_table(stream: Stream, table: Table, template: Template, start: int, end: int) -> TableReading | None:
    s = stream.text
    findings: list[Finding] = []
    cells: dict[tuple[str, str, str], Cell] = {}
    pending: dict[str, tuple] = {}
    captions = sorted(at for b in table.blocks if b.caption for at in _occurrences(s, snorm(b.caption), start, end))
    walls = sorted([*captions, *(w for w in stream.walls if start <= w < end), end])
    if table.positional:
        block = table.blocks[0]
        header = {snorm(w) for w in table.header_words} | {snorm(c.label.split("·")[-1]) for c in block.columns}
        # the numbers follow the table's column header (prose may stand between title and header)
        columns = {snorm(c.label.split("·")[-1]) for c in block.columns}
        first = _after_header(stream, columns, start, end)
        if first == start and end < len(s):     # a heading-like line cut the table from its title
            beyond = _after_header(stream, columns, end, len(s))
            if beyond > end:                    # its numbers: the run right after its header
                first, walls = beyond, sorted([*walls, _run_end(stream, beyond)])
        numbers = stream.numbers_in(first, _next_wall(walls, first))
        spec = _spec(block.rows[0].key, block.rows[0].label, (), len(block.columns))
        at = Location() if not numbers else numbers[0].location
        if not numbers and any(n.text for n in stream.numbers_in(start, end)):
            findings.append(_no_numbers(table, spec, stream.location(start)))     # numbers past a wall
            _unresolved(table, spec, block.columns, at, "", cells)
        else:
            _place(table, block, spec, numbers, at, "", cells, findings, pending, _interleaved(stream, numbers),
                   stream.whole)
        anchored = 1 if numbers or any(s.find(w, start, end) >= 0 for w in header if len(w) >= 4) else 0
    else:
        flat = [(block, spec) for block, specs in _specs(template, table.key) for spec in specs]
        chain = _anchors(stream, table, flat, walls, start, end, findings)
        anchored = len(chain)
        # each anchor's numbers: up to the next anchor or wall
        ranges = []
        for k, anchor in enumerate(chain):
            nxt = chain[k + 1].start if k + 1 < len(chain) else end
            stop = min(nxt, _wall_from(walls, anchor.end))
            ranges.append((anchor, stop, stop == nxt))
        covered = [(a.end, stop) for a, stop, _ in ranges]
        suspect: set[int] = set()           # blocks whose numbers do not all stand after their labels
        stray: dict[int, list[Number]] = {}  # anchor -> numbers just before its label that no row has
        surplus_after = -1                  # the last row with more numbers than cells
        misfit: list[int] = []              # rows with numbers, but not as many as their cells
        for n in stream.numbers_in(start, end):
            if n.text and not any(lo <= n.at < hi for lo, hi in covered) and not _in_anchor(n, chain):
                after = next((a for a in chain if a.start >= n.at), None)
                if after is not None and _next_wall(walls, n.at) < after.start:
                    continue            # prose before a caption or a sentence's end: not the block's
                if after is not None:
                    stray.setdefault(chain.index(after), []).append(n)
                if chain:       # whose numbers they are cannot be told (columns printed apart)
                    suspect.update(id(block) for block, _ in flat)
        for k, (anchor, stop, to_next) in enumerate(ranges):
            block, spec = flat[anchor.spec]
            numbers = _on_number_lines(stream.numbers_in(anchor.end, stop), stream.location(anchor.start))
            at = stream.location(anchor.start)
            between = _rows_between(flat, anchor.spec, chain[k + 1].spec if k + 1 < len(chain) else None, block)
            real = [n for n in numbers if n.text]
            if between and to_next:
                widths = spec.width + sum(flat[i][1].width for i in between)
                if len(real) == widths:      # rows whose labels are missing, their numbers in order
                    at_n = 0
                    for i in (anchor.spec, *between):
                        b, sp = flat[i]
                        _write(table, sp, b.columns, [n.text for n in real[at_n:at_n + sp.width]], at, sp.label,
                               cells, ("layout", "order"))
                        at_n += sp.width
                    continue
                # the row's own line holds its cells (blank ones too: | 予以公开 | | | … |), and the
                # lines after it the rows whose labels were not found, in order
                own = [n for n in numbers if n.location.line == at.line]
                rest = numbers[len(own):]
                if len(own) == spec.width and rest and all(n.text for n in rest) \
                        and len(rest) == widths - spec.width and numbers[:len(own)] == own:
                    _place(table, block, spec, own, at, spec.label, cells, findings, pending, whole=stream.whole)
                    at_n = 0
                    for i in between:
                        b, sp = flat[i]
                        _write(table, sp, b.columns, [n.text for n in rest[at_n:at_n + sp.width]],
                               rest[at_n].location, sp.label, cells, ("layout", "order"))
                        at_n += sp.width
                    continue
            if _place(table, block, spec, numbers, at, spec.label, cells, findings, pending,
                      _interleaved(stream, numbers), stream.whole) == "surplus":
                suspect.add(id(block))
            if len(real) > spec.width:      # more numbers than cells: the blank rows before may own some
                surplus_after = k
            if real and len(real) != spec.width:
                misfit.append(k)
        _labels_in_a_row(stream, table, flat, ranges, cells, findings, pending)
        # rows found blank before a surplus was seen in their block, or before any row of the table
        # with more numbers than cells (pdfminer prints a table's labels, then all its numbers):
        # not blank after all
        for k, (anchor, stop, _) in enumerate(ranges):
            block, spec = flat[anchor.spec]
            if id(block) in suspect or k < surplus_after:
                keys = [(table.key, spec.key, c.key) for c in block.columns]
                if all(key in cells and cells[key].kind == "blank" and not cells[key].raw for key in keys) \
                        and cells[keys[0]].provenance == ("blank",):
                    findings.append(_no_numbers(table, spec, cells[keys[0]].location))
                    _unresolved(table, spec, block.columns, cells[keys[0]].location, spec.label, cells)
        for k, numbers in stray.items():
            _doubt_stray(table, flat[chain[k].spec], numbers, stream.location(chain[k].start), cells, findings)
        for block_id in suspect:
            if not _in_order(stream, table, flat, chain, ranges, stray, block_id, cells, findings, pending):
                _doubt_alone(stream, table, flat, ranges, block_id, cells, findings, pending, stray)
        if suspect or any(f.rule in _DISORDER for f in findings):
            _doubt_broken_sums(table, flat, cells, findings)
        if stream.boxed and misfit:         # a number the short row lacks may stand in any later row
            for j in range(misfit[0] + 1, len(ranges)):
                _doubt_later(table, flat[ranges[misfit[0]][0].spec], flat[ranges[j][0].spec], cells, findings)
    _resolve(table, template, cells, pending, findings)
    _unreadable_values(table, cells, findings)
    filled = sum(1 for c in cells.values() if c.kind in ("number", "placeholder"))
    if not cells:
        return None
    first, last = stream.location(start).line, stream.location(max(start, end - 1)).line
    return TableReading(table.key, tuple(cells.values()), tuple(findings), filled, anchored,
                       (first or 0, last or first or 0))


_UNIT_WORDS = re.compile(r"^(?:件|万元|元|个|项|次|条|篇)")


def _interleaved(stream: Stream, numbers: list[Number]) -> bool:
    """Whether label text stands between two of the numbers (columns printed apart from their
    row, as ``pdftotext`` without ``-layout`` does): then their order is not the row's."""
    real = [n for n in numbers if n.text]
    for a, b in zip(real, real[1:]):
        between = stream.text[a.end:b.at]
        if between and _UNIT_WORDS.sub("", between):
            return True
    return False


def _run_end(stream: Stream, at: int) -> int:
    """The end of the run of numbers from *at*: where label text (but a unit) first follows."""
    real = [n for n in stream.numbers_in(at, len(stream.text)) if n.text]
    if not real:
        return at
    for a, b in zip(real, real[1:]):
        if _UNIT_WORDS.sub("", stream.text[a.end:b.at]):
            return a.end
    return real[-1].end


def _after_header(stream: Stream, header: set[str], start: int, end: int) -> int:
    """Where a positional table's numbers begin: after its header words (the last of them
    before the first number that follows the first of them), or at *start* without them."""
    s = stream.text
    words = [w for w in header if len(w) >= 4]
    starts = [at for w in words for at in _occurrences(s, w, start, end)]
    if not starts:
        return start
    first_word = min(starts)
    following = [n for n in stream.numbers_in(first_word, end) if n.text]
    limit = following[0].at if following else end
    return max(at + len(w) for w in words for at in _occurrences(s, w, first_word, limit))


def _real_numbers(stream: Stream, anchor, stop: int) -> list[Number]:
    return [n for n in stream.numbers_in(anchor.end, stop) if n.text]


def _rows_on_lines(stream: Stream, anchors: list, last, stop: int) -> bool:
    """Whether the text keeps these rows on lines of their own, the last row's numbers on its
    label's line: then a label alone on its line is a blank row (PDF text, spaced text)."""
    lines = [stream.location(a.start).line for a in anchors]
    numbers = _real_numbers(stream, last, stop)
    return len(set(lines)) == len(lines) and bool(numbers) and numbers[0].location.line == lines[-1]


def _labels_in_a_row(stream: Stream, table: Table, flat, ranges, cells: dict, findings: list, pending: dict) -> None:
    """Labels that follow each other with no number (nor an explicit blank) between, then
    numbers. In text where blank cells vanish, the first rows may be blank and the numbers
    the last row's (an HTML page's text, in row order), or the numbers may be spread over
    them (plain ``pdftotext`` prints a block's numbers after all its labels), and the two
    look the same: those rows are unresolved, with a finding. Not where each row has a line
    of its own and the last row's numbers stand on its label's line."""
    counts = [len(_real_numbers(stream, anchor, stop)) for anchor, stop, _ in ranges]
    run: list[int] = []
    for k, (anchor, stop, to_next) in enumerate(ranges):
        if counts[k] == 0 and to_next and not stream.has_blank(anchor.end, stop):
            run.append(k)
            continue
        if run and counts[k] and not _rows_on_lines(stream, [ranges[i][0] for i in (*run, k)], anchor, stop):
            rows = [flat[ranges[i][0].spec] for i in (*run, k)]
            at = stream.location(ranges[run[0]][0].start)
            findings.append(finding(
                RECOVER_UNALIGNED, WARNING, at, table=table.key, row=rows[0][1].key,
                en=f"rows {', '.join(sp.key for _, sp in rows)} stand label after label and their numbers "
                   "follow the last: blank cells do not show in this text, so whose numbers they are cannot be "
                   "told; left unresolved", zh="数行标签相连、数字在最后一行之后，空白单元格未显示，无法确定数字所属行，未予采用",
                details=(("numbers", tuple(n.text for n in _real_numbers(stream, anchor, stop))),
                         ("rows", tuple(sp.key for _, sp in rows)))))
            for block, sp in rows:
                pending.pop(sp.key, None)           # (nor read later from the readings its numbers allow)
                _unresolved(table, sp, block.columns, at, sp.label, cells)
        run = []


#: Findings that say a table's numbers do not all fit its rows.
_DISORDER = frozenset({"recover.unaligned", "recover.no-numbers", "recover.stray-numbers", "recover.unordered"})


def _read_in_full(table: Table, block: Block, spec: _Spec, cells: dict) -> list[Cell] | None:
    """The row's cells when every one was read as a number; None otherwise."""
    read = [cells.get((table.key, spec.key, c.key)) for c in block.columns]
    return None if any(c is None or c.kind != "number" for c in read) else read


def _doubt_later(table: Table, short: tuple, after: tuple, cells: dict, findings: list) -> None:
    """In text boxes, a row after one whose numbers do not fit its cells may hold a number that
    row lacks: in its block (行政许可 30867 632 / 其他对外管理服务事项 18664 547833 562: the 562 is
    licensing's) or in a later one (规章 4 _ 159 … 行政事业性收费 195 159: the 159 is 规章's, the fee
    row's second cell blank). Unless its own sum confirms its numbers, a row read in full there
    is unresolved."""
    (_, spec), (block, later) = short, after
    read = _read_in_full(table, block, later, cells)
    if read is None:
        return
    rules = _row_rules(table, len(block.columns))
    if rules and _holds(table, block.columns, [c.raw for c in read], rules):
        return
    findings.append(finding(
        RECOVER_UNALIGNED, WARNING, read[0].location, table=table.key, row=later.key,
        en=f"row {later.key} follows row {spec.key}, whose numbers do not fit its cells, in numbers printed "
           "one a line (text boxes): a number that row lacks may stand among these, and no sum confirms them; "
           "left unresolved", zh="该行位于数字与单元格数不符的一行之后，逐个成行排列的数字中可能混有前面一行的数字，且无合计可确认，未予采用",
        details=(("numbers", tuple(c.raw for c in read)), ("rows", (later.key,)))))
    _unresolved(table, later, block.columns, read[0].location, later.label, cells)


def _doubt_broken_sums(table: Table, flat, cells: dict, findings: list) -> None:
    """In a table whose numbers do not all fit its rows (pdfminer's text boxes: a block's
    numbers come in chunks, apart from their labels), a row read in full whose own sum (R3,
    R5) fails more likely has other rows' numbers than a report's mistake: it is unresolved,
    with a finding. (In a table whose numbers all fit, such a row is kept: the report's own
    break, which validation reports.)"""
    for block, spec in flat:
        rules = _row_rules(table, len(block.columns))
        read = _read_in_full(table, block, spec, cells) if rules else None
        if read is None or _holds(table, block.columns, [c.raw for c in read], rules):
            continue
        findings.append(finding(
            RECOVER_UNALIGNED, WARNING, read[0].location, table=table.key, row=spec.key,
            en=f"row {spec.key}'s own sum fails in a table whose numbers do not all fit its rows: its numbers "
               "may be other rows'; left unresolved", zh="本表数字与各行不能全部对应，该行合计不成立，其数字可能属于他行，未予采用",
            details=(("numbers", tuple(c.raw for c in read)), ("rows", (spec.key,)))))
        _unresolved(table, spec, block.columns, read[0].location, spec.label, cells)


def _doubt_stray(table: Table, where: tuple, numbers: list[Number], at: Location, cells: dict,
                 findings: list) -> None:
    """Numbers stand before a row's label and no row has them (a PDF cell too narrow for its
    number wraps it, the label centred between the parts): the row's own numbers may be
    those. It is kept only when its row sum (R3) holds; otherwise, or where the table has no
    row sum, its cells are unresolved, with a finding that lists the stray numbers."""
    block, spec = where
    keys = [(table.key, spec.key, c.key) for c in block.columns]
    read = [cells.get(k) for k in keys]
    if table.key == "applications" and all(c is not None and c.kind == "number" for c in read):
        values = {c.column: c.value for c in read}
        if values.get("total") == sum(v for k, v in values.items() if k != "total"):
            return
    elif all(c is None or c.kind == "absent" for c in read):
        return
    findings.append(finding(
        RECOVER_STRAY_NUMBERS, WARNING, at, table=table.key, row=spec.key,
        en=f"numbers stand before row {spec.key}'s label that no row has "
           f"({' '.join(n.text for n in numbers)}): they may be part of its numbers (a wrapped cell); "
           "its cells are left unresolved", zh="该行标签前有不属于任何行的数字（可能为折行的单元格），单元格未予采用",
        details=(("numbers", tuple(n.text for n in numbers)),)))
    _unresolved(table, spec, block.columns, at, spec.label, cells)


#: What a block read in order replaces: the findings of its rows read label by label.
_SUPERSEDED = frozenset({"recover.unaligned", "recover.no-numbers", "recover.stray-numbers", "recover.ambiguous"})


def _in_order(stream: Stream, table: Table, flat, chain: list[_Anchor], ranges, stray: dict, block_id: int,
              cells: dict, findings: list, pending: dict) -> bool:
    """A block whose numbers do not all stand after their labels, read in row order.

    A PDF converter prints a row's numbers before or after its label (a label's cell is as
    tall as its wrapped text, its numbers centred in it): read label by label, one row has
    two rows' numbers and another none. The block's numbers are then its rows' cells in the
    template's row order, but only when that is certain: the block's first and last rows have
    their labels found (a first row whose label is missing, with a blank row whose cells
    vanished, shifts the rest by one row: each group of numbers is still a whole row, and its
    sum still holds); they are exactly as many as the rows' cells; the rows have row sums and
    every row's holds; a row whose label has numbers on its own line starts with them (unless the whole block is one line); and each row's
    numbers stand between the labels of the rows before and after it. Otherwise the rows stay
    as read (unresolved where they did not fit)."""
    ks = [k for k, (anchor, _, _) in enumerate(ranges) if id(flat[anchor.spec][0]) == block_id]
    if not ks or ks != list(range(ks[0], ks[-1] + 1)):
        return False
    block = flat[ranges[ks[0]][0].spec][0]
    rules = _row_rules(table, len(block.columns))
    if not rules:
        return False                # nothing would confirm the order
    rows: list[tuple[int, int | None]] = []          # (spec index, chain index; None: no label found)
    for k in ks:
        rows.append((ranges[k][0].spec, k))
        if k + 1 in ks:
            rows += [(i, None) for i in _rows_between(flat, ranges[k][0].spec, ranges[k + 1][0].spec, block)]
    own = [i for i, (b, _) in enumerate(flat) if b is block]
    if (rows[0][0], rows[-1][0]) != (own[0], own[-1]):
        return False                # the block's first or last row not found: the numbers may be its
    found: dict[tuple[int, int], Number] = {}
    for k in ks:
        anchor, stop, _ = ranges[k]
        for n in (*stray.get(k, ()), *_real_numbers(stream, anchor, stop)):
            found[(n.at, n.end)] = n
    numbers = [found[key] for key in sorted(found)]
    if len(numbers) != sum(flat[i][1].width for i, _ in rows):
        return False
    # a block printed on one line (a crawler's dump of PDF text) shows no line of its own for any row
    one_line = len({n.location.line for n in numbers} | {stream.location(ranges[k][0].start).line for k in ks}) == 1
    groups: list[list[Number]] = []
    before_label = False
    at = 0
    for i, k in rows:
        spec = flat[i][1]
        group = numbers[at:at + spec.width]
        at += spec.width
        if not _holds(table, block.columns, [n.text for n in group], rules):
            return False
        if k is not None:
            anchor, stop, _ = ranges[k]
            line = stream.location(anchor.start).line
            inline = [n for n in _real_numbers(stream, anchor, stop) if n.location.line == line]
            if inline and not one_line and (group[0].at, group[0].end) != (inline[0].at, inline[0].end):
                return False
            lo = chain[k - 1].start if k - 1 in ks else -1
            hi = chain[k + 1].end if k + 1 in ks else math.inf
            if not (lo < group[0].at and group[-1].at < hi):
                return False
            before_label = before_label or group[-1].at < anchor.start
        groups.append(group)
    if not before_label:
        return False
    keys = {flat[i][1].key for i, _ in rows}
    findings[:] = [f for f in findings if not (f.row in keys and f.rule in _SUPERSEDED)]
    for (i, _), group in zip(rows, groups):
        _, spec = flat[i]
        pending.pop(spec.key, None)
        _write(table, spec, block.columns, [n.text for n in group], group[0].location, spec.label, cells,
               ("layout", "order", *_rule_names(table, len(block.columns))))
    first, last = flat[rows[0][0]][1].key, flat[rows[-1][0]][1].key
    findings.append(finding(
        RECOVER_IN_ORDER, WARNING, groups[0][0].location, table=table.key, row=first,
        en=f"rows {first} to {last} have numbers standing before their labels (a PDF converter's order): "
           "read in the template's row order, as many numbers as their cells, every row's sum holding",
        zh="数行的数字位于标签之前（PDF转换工具的顺序），按模板行序读取：数字个数与单元格数相符，各行勾稽关系成立",
        details=(("rows", tuple(flat[i][1].key for i, _ in rows)),)))
    return True


def _doubt_alone(stream: Stream, table: Table, flat, ranges, block_id: int, cells: dict, findings: list,
                 pending: dict, stray: dict) -> None:
    """In a block whose numbers do not all stand after their labels and that cannot be read in
    order, a row whose label stands alone on its line, with numbers on lines before it and
    after it, may own either: it is unresolved, not read from the numbers after its label.
    For the first row, the numbers before it are those no row has (*stray*: the numbers of a
    row above it whose label was not found, or its own)."""
    for k, (anchor, stop, _) in enumerate(ranges):
        block, spec = flat[anchor.spec]
        if id(block) != block_id:
            continue
        line = stream.location(anchor.start).line
        real = _real_numbers(stream, anchor, stop)
        if k == 0:
            above_numbers = [n for n in stray.get(0, ()) if n.text]
            above = 0
        else:
            before, before_stop, _ = ranges[k - 1]
            above_numbers = _real_numbers(stream, before, before_stop)
            above = stream.location(before.start).line
        if not real or any(n.location.line == line for n in (*real, *above_numbers)):
            continue                # numbers on the label's line: they are its own
        if not any(above < n.location.line < line for n in above_numbers):
            continue                # no line of numbers between the row above's label and this one
        keys = [(table.key, spec.key, c.key) for c in block.columns]
        if all(cells.get(key) is not None and cells[key].kind == "absent" for key in keys):
            continue
        findings.append(finding(
            RECOVER_UNALIGNED, WARNING, stream.location(anchor.start), table=table.key, row=spec.key,
            en=f"row {spec.key}'s label stands alone on its line between lines of numbers, in a block whose "
               "numbers do not all follow their labels: whose numbers are its own cannot be told; left unresolved",
            zh="该行标签单独成行、前后均有数字，而本栏数字并非都在标签之后，无法确定其数字，未予采用",
            details=(("numbers", tuple(n.text for n in real)),)))
        pending.pop(spec.key, None)
        _unresolved(table, spec, block.columns, stream.location(anchor.start), spec.label, cells)


def _no_numbers(table: Table, spec: _Spec, at: Location) -> Finding:
    return finding(
        RECOVER_NO_NUMBERS, WARNING, at, table=table.key, row=spec.key,
        en=f"no numbers follow row {spec.key}'s label, and numbers of its block stand elsewhere "
           "(before a label, or more than a row holds): its cells are left unresolved, not blank",
        zh="该行标签后没有数字，而本栏其他数字位置不符，单元格未予采用")


def _in_anchor(n: Number, chain: list[_Anchor]) -> bool:
    return any(a.start <= n.at < a.end for a in chain)


def _on_number_lines(numbers: list[Number], at: Location) -> list[Number]:
    """Explicit blanks count only on a line of the row: its label's, or one of its numbers'."""
    if not any(not n.text for n in numbers):
        return numbers
    lines = {at.line} | {n.location.line for n in numbers if n.text}
    return [n for n in numbers if n.text or n.location.line in lines]


def _anchors(stream: Stream, table: Table, flat, walls: list[int], start: int, end: int, findings: list
             ) -> list[_Anchor]:
    s = stream.text
    found: list[_Anchor] = []
    weights: list[int] = []
    for i, (block, spec) in enumerate(flat):
        for form, weight in spec.forms:
            for at in _occurrences(s, form, start, end):
                a = _with_ordinal(stream, spec, at, at + len(form))
                if a is None:
                    continue
                found.append(_Anchor(i, *a))
                weights.append(weight + (1 if a[0] < at else 0))
    chain = _chain(found, weights, stream.walls)
    chain = _latest(chain, found, stream, walls, end)
    chain = _fuzzy(chain, flat, stream, start, end, findings, table)
    return _drop_groups(chain, flat)


def _wall_from(walls: list[int], at: int) -> int:
    """The first wall at or after *at* (a caption right after a label ends its numbers)."""
    i = bisect.bisect_left(walls, at)
    return walls[i] if i < len(walls) else walls[-1]


def _next_wall(walls: list[int], at: int) -> int:
    i = bisect.bisect_right(walls, at)
    return walls[i] if i < len(walls) else walls[-1]


def _with_ordinal(stream: Stream, spec: _Spec, start: int, end: int) -> tuple[int, int] | None:
    """The anchor with its Arabic ordinal (``2.`` glued to the numbers before it) when written;
    None when the row's label is too short to stand without it and it is not there."""
    if spec.ordinal:
        o = spec.ordinal
        if stream.text[start - len(o):start] == o and start in stream.ordinal_ok:
            return start - len(o), end
        if spec.needs_ordinal:
            return None
    return start, end


def _latest(chain: list[_Anchor], found: list[_Anchor], stream: Stream, walls: list[int], end: int) -> list[_Anchor]:
    """Each anchor moved to its row's last occurrence before the numbers (a heading and then the
    row repeat the label), never past the next anchor."""
    out = []
    by_spec: dict[int, list[_Anchor]] = {}
    for a in found:
        by_spec.setdefault(a.spec, []).append(a)
    for k, a in enumerate(chain):
        limit = chain[k + 1].start if k + 1 < len(chain) else end
        best = a
        for b in sorted(by_spec.get(a.spec, ()), key=lambda x: x.start):
            if b.start < a.start or b.end > limit:
                continue
            if not stream.numbers_in(a.end, b.start) or b is a:
                best = b if b.start >= best.start else best
            else:
                # numbers stand between the first occurrence and this one: they were the row's
                break
        out.append(best)
    return out


def _fuzzy(chain: list[_Anchor], flat, stream: Stream, start: int, end: int, findings: list, table: Table
           ) -> list[_Anchor]:
    """Rows not found exactly, looked for between their neighbours by edit distance."""
    have = {a.spec for a in chain}
    out = list(chain)
    for i, (block, spec) in enumerate(flat):
        if i in have or spec.group is not None:
            continue
        core = max(spec.forms, key=lambda f: f[1])[0] if spec.forms else ""
        if len(core) < 5:
            continue
        before = max((a for a in out if a.spec < i), key=lambda a: a.spec, default=None)
        after = min((a for a in out if a.spec > i), key=lambda a: a.spec, default=None)
        lo = before.end if before else start
        hi = after.start if after else end
        if hi - lo > 4000 or hi <= lo:
            continue
        window = stream.text[lo:hi]
        hit = _edit_match(core, window, max(1, len(core) // 4)) or _cut_label(core, window, flat)
        if hit is None:
            continue
        distance, a0, a1 = hit
        if any(ch.isdigit() for ch in window[a0:a1]):
            continue
        a = _with_ordinal(stream, spec, lo + a0, lo + a1) or (lo + a0, lo + a1)
        out.append(_Anchor(i, a[0], a[1], fuzzy=True))
        out.sort(key=lambda x: x.start)
        findings.append(finding(
            RECOVER_LABEL_VARIANT, INFO, stream.location(lo + a0), table=table.key, row=spec.key,
            en=f"row label {window[a0:a1]!r} read as {spec.label!r} (edit distance {distance})",
            zh=f"行标签“{window[a0:a1]}”按“{spec.label}”读取", details=(("written", window[a0:a1]),
                                                                     ("label", spec.label))))
    # keep the order consistent: spec order must follow position
    out.sort(key=lambda x: x.start)
    consistent = []
    for a in out:
        if consistent and a.spec <= consistent[-1].spec:
            continue
        consistent.append(a)
    return consistent


#: A long label cut by its numbers (``5.要求行政机关确认或重 | 新出具 | 0 | … | 已获取信息``): its
#: start stands for it when it is at least this long and this share of the label, and no other
#: row's label starts so.
_CUT_LABEL = (8, 0.6)


def _cut_label(core: str, window: str, flat) -> tuple[int, int, int] | None:
    """(distance, start, end) of the longest start of *core* in *window* that no other row's
    label shares, followed by a number (the rest of the label is past its numbers)."""
    shortest = max(_CUT_LABEL[0], math.ceil(len(core) * _CUT_LABEL[1]))
    others = [f for _, sp in flat for f, _ in sp.forms if f != core]
    for n in range(len(core) - 1, shortest - 1, -1):
        start = core[:n]
        if any(f.startswith(start) for f in others):
            return None
        at = window.find(start)
        if at >= 0 and window[at + n:at + n + 1].isdigit():
            return len(core) - n, at, at + n
    return None


def _drop_groups(chain: list[_Anchor], flat) -> list[_Anchor]:
    """A group label is a row of its own only when none of its sub-rows was found."""
    keys = {flat[a.spec][1].key for a in chain}
    return [a for a in chain if flat[a.spec][1].group is None
            or not any(m in keys for m in flat[a.spec][1].group.members)]


def _rows_between(flat, i: int, j: int | None, block: Block) -> list[int]:
    """The rows of *block* after spec *i* and before spec *j* (none found by their labels); a
    group printed as a row at *i* stands for its own rows."""
    stop = len(flat) if j is None else j
    group = flat[i][1].group
    members = group.members if group is not None else ()
    out = []
    for k in range(i + 1, stop):
        b, spec = flat[k]
        if spec.key in members:
            continue
        if b is not block or spec.group is not None:
            if b is not block:
                break
            continue
        out.append(k)
    return out if j is not None else []


def _place(table: Table, block: Block, spec: _Spec, numbers: list[Number], at: Location,
           label: str, cells: dict, findings: list, pending: dict, interleaved: bool = False,
           whole: bool = False) -> str:
    """The row's cells from its numbers (see the module doc, step 4); where numbers are
    *whole* (:attr:`Stream.whole`), each is one cell."""
    columns = block.columns
    width = len(columns)
    vtypes = [c.vtype for c in columns]
    texts = [n.text for n in numbers]
    lo, hi = 0, len(texts)
    while hi - lo > width and texts[lo] == "":               # leading empty cells under a merged label
        lo += 1
    while hi - lo > width and texts[hi - 1] == "":
        hi -= 1
    keep = _without_extras(texts, width, lo, hi) if any(texts[lo:hi]) else list(range(lo, hi))
    if keep is None:
        findings.append(finding(
            RECOVER_UNALIGNED, WARNING, numbers[0].location, table=table.key, row=spec.key,
            en=f"row {spec.key} has more cells than its {width} columns, and dropping other empty ones "
               "reads it otherwise: which are the extra cells cannot be told; left unresolved",
            zh="该行单元格多于列数，去掉其他空单元格则读法不同，无法确定多余的单元格，未予采用",
            details=(("numbers", tuple(texts)),)))
        _unresolved(table, spec, columns, at, label, cells)
        return "unresolved"
    numbers, texts = [numbers[i] for i in keep], [texts[i] for i in keep]
    if not [t for t in texts if t]:
        if texts and len(texts) != width:
            texts = []
        if not texts:                                        # a label alone: the row was left blank
            _write(table, spec, columns, [None] * width, at, label, cells, ("blank",))
            return "blank"
    odd = [n for n in numbers if n.text == _ODD]
    if odd:
        findings.append(finding(
            VALUE_UNREADABLE, ERROR, odd[0].location, table=table.key, row=spec.key,
            en=f"row {spec.key} has a number written with digits that are not 0-9 (superscript, circled or "
               "another script's): not read; the row is left unresolved",
            zh="该行数字的写法不是0-9（上标、圈码或其他文字的数字），未予读取"))
        _unresolved(table, spec, columns, at, label, cells)
        return "unresolved"
    rules = _row_rules(table, width)
    if interleaved and (not rules or len(texts) == width and not _holds(table, columns, texts, rules)):
        findings.append(finding(
            RECOVER_UNORDERED, WARNING, numbers[0].location, table=table.key, row=spec.key,
            en=f"the numbers of row {spec.key} are interleaved with text and their order cannot be confirmed"
               f"{' by its sums' if rules else ''}; left unresolved",
            zh="该行数字被文字隔开，顺序无法确认，未予采用", details=(("numbers", tuple(texts)),)))
        _unresolved(table, spec, columns, at, label, cells)
        return "unresolved"
    if len(texts) == width:
        readings_ = [tuple(texts)]
        provenance = ("layout", *(_rule_names(table, width) if interleaved else ()))
    elif len(texts) > width:
        findings.append(finding(
            RECOVER_UNALIGNED, WARNING, numbers[0].location, table=table.key, row=spec.key,
            en=f"{len([t for t in texts if t])} numbers where row {spec.key} has {width} cells; left unresolved",
            zh="数字个数多于该行单元格数，无法对齐，未予采用",
            details=(("numbers", tuple(texts)),)))
        _unresolved(table, spec, columns, at, label, cells)
        return "surplus"
    else:
        real = [t for t in texts if t]
        written = [n for n in numbers if n.text]
        try:
            # (a run longer than any cell is not one number: run-together cells, or none)
            if (whole or len(written) > 1 and not any(n.glued_before for n in written[1:])) \
                    and all(len(t) <= MAX_DIGITS for t in real):
                readings_ = _placed(tuple(real), width, tuple(rules), tuple(vtypes))   # written apart: never cut
            else:
                readings_ = _readings_cached(tuple(real), width, tuple(rules), tuple(c.signed for c in columns),
                                             tuple(vtypes))
        except _Overflow:
            if sum(len(t) for t in real) > width * MAX_DIGITS:
                findings.append(too_many_digits(" ".join(real), width, numbers[0].location if numbers else at,
                                                table.key, spec.key))
                _unresolved(table, spec, columns, at, label, cells)
                return "unresolved"
            findings.append(finding(
                RECOVER_TOO_MANY, WARNING, numbers[0].location if numbers else at, table=table.key, row=spec.key,
                en=f"{excerpt(' '.join(real))!r} has too many readings as the {width} cells of row {spec.key}; "
                   "left unresolved",
                zh="数字的可能读法过多，未予采用", details=(("digits", " ".join(real)),)))
            _unresolved(table, spec, columns, at, label, cells)
            return "unresolved"
        provenance = ("digits", *_rule_names(table, width))
        if not readings_:
            findings.append(finding(
                RECOVER_AMBIGUOUS, WARNING, numbers[0].location if numbers else at, table=table.key, row=spec.key,
                en=f"{excerpt(' '.join(real))!r} cannot be read as the {width} cells of row {spec.key} so that its "
                   "sums hold; left unresolved", zh="数字无法读作合乎勾稽关系的单元格，未予采用",
                details=(("digits", " ".join(real)), ("candidates", ()))))
            _unresolved(table, spec, columns, at, label, cells)
            return "unresolved"
    where = numbers[0].location if numbers else at
    if len(readings_) == 1:
        _write(table, spec, columns, readings_[0], where, label, cells, provenance)
        return "read"
    real_numbers = [n for n in numbers if n.text]
    written = "".join((" " if i and not n.glued_before else "") + n.text for i, n in enumerate(real_numbers))
    pending[spec.key] = (block, spec, readings_, where, label, written)
    _unresolved(table, spec, columns, where, label, cells)
    return "pending"


def _holds(table: Table, columns, texts: Sequence[str], rules) -> bool:
    values = [_num(t, c.vtype) for t, c in zip(texts, columns)]
    return all(values[total] == sum(values[p] for p in parts) for total, parts in rules)


def _write(table: Table, spec: _Spec, columns, texts: Sequence[str | None], where: Location, label: str,
           cells: dict, provenance: tuple[str, ...]) -> None:
    for column, text in zip(columns, texts):
        reading = read_value(text or "", column.vtype)
        cells[(table.key, spec.key, column.key)] = Cell(table.key, spec.key, column.key, reading.value, text or "",
                                                       reading.kind, reading.unit, label, where, provenance)


def _unreadable_values(table: Table, cells: dict, findings: list) -> None:
    """A number placed in a cell that is no value of its column (too many digits, a fraction
    in a count column …): an error-level finding, as the line readers give (``value.unreadable``)."""
    said = {(f.row, f.column) for f in findings if f.rule == "value.unreadable"}
    for cell in cells.values():
        if cell.kind == "text" and (cell.row, cell.column) not in said and (cell.row, None) not in said:
            vtype = next((c.vtype for b in table.blocks for c in b.columns if c.key == cell.column), COUNT)
            findings.append(unreadable_value(cell.raw, read_value(cell.raw, vtype).note, cell.location,
                                             table.key, cell.row, cell.column))


def _unresolved(table: Table, spec: _Spec, columns, where: Location, label: str, cells: dict) -> None:
    for column in columns:
        cells[(table.key, spec.key, column.key)] = Cell(table.key, spec.key, column.key, None, "", "absent", None,
                                                       label, where, ("unresolved",))


def _placed(texts: tuple[str, ...], width: int, rules: tuple, vtypes: tuple) -> list[tuple[str | None, ...]]:
    """Every way to give numbers written apart (by spaces) to a row of *width* cells, in
    order, the other cells blank, that keeps the row's *rules* (blanks as 0): such numbers
    are whole, and are never cut into several cells as run-together digits are."""
    out = []
    for at in itertools.combinations(range(width), len(texts)):
        row: list[str | None] = [None] * width
        for i, t in zip(at, texts):
            row[i] = t
        values = [_num(t, v) for t, v in zip(row, vtypes)]
        if all(values[total] == sum(values[p] for p in parts) for total, parts in rules):
            out.append(tuple(row))
    return out


def _num(text: str | None, vtype: str = COUNT):
    if not text:
        return 0
    v = _value(text, vtype)
    return v or 0


def _resolve(table: Table, template: Template, cells: dict, pending: dict, findings: list) -> None:
    """Rows with several readings: the column sums (table 2: R1, R4) narrow them jointly; a
    cell every reading left agrees on is filled, the others stay unresolved."""
    if not pending:
        return
    chosen: dict[str, list[tuple]] = {k: v[2] for k, v in pending.items()}
    rules_used: tuple[str, ...] = ()
    if table.key == "applications":
        narrowed = _jointly(table, template, cells, chosen)
        if narrowed:
            chosen, rules_used = narrowed
    for key, (block, spec, options, where, label, written) in pending.items():
        options = chosen[key]
        columns = block.columns
        agreed = [len({o[i] for o in options}) == 1 for i in range(len(columns))]
        for i, column in enumerate(columns):
            if agreed[i]:
                text = options[0][i]
                reading = read_value(text or "", column.vtype)
                cells[(table.key, spec.key, column.key)] = Cell(
                    table.key, spec.key, column.key, reading.value, text or "", reading.kind, reading.unit, label,
                    where, ("digits", *_rule_names(table, len(columns)), *rules_used))
        if not all(agreed):
            shown = ["·".join("_" if t is None else t for t in o) for o in options[:8]]
            findings.append(finding(
                RECOVER_AMBIGUOUS, WARNING, where, table=table.key, row=spec.key,
                en=f"row {spec.key}: {written!r} reads {len(options)} ways ({'; '.join(shown)}{' …' if len(options) > 8 else ''}); "
                   f"{sum(agreed)} of its {len(columns)} cells are the same in all of them, the others are left "
                   "unresolved", zh="该行数字有多种读法，无法确定的单元格未予采用",
                details=(("candidates", tuple(options)), ("unresolved", tuple(
                    c.key for c, a in zip(columns, agreed) if not a)))))


def _jointly(table: Table, template: Template, cells: dict, chosen: dict[str, list[tuple]]):
    """The readings of table 2's ambiguous rows under which R1 and R4 hold in every column
    (blanks as 0); None when no choice holds (the report breaks its sums) or the search is
    too large."""
    block = table.blocks[0]
    columns = block.columns
    width = len(columns)
    from .checks.national import outcome_rows
    present = {k[1] for k in cells}
    outcomes = outcome_rows(template, present)      # a group printed as one row stands for its sub-rows

    def known(row: str):
        if row in chosen:
            return None
        return tuple(_num(cells[(table.key, row, c.key)].raw) if (table.key, row, c.key) in cells else 0
                     for c in columns)

    rules = [(("new_received", "carried_over"), ("total", "carried_forward")), (("total",), tuple(outcomes))]
    names = sorted(chosen, key=lambda k: len(chosen[k]))
    values = {k: [tuple(_num(t) for t in o) for o in chosen[k]] for k in names}
    fixed = {r: known(r) for rule in rules for side in rule for r in side if r not in chosen}
    if any(v is None for v in fixed.values()):
        return None
    for rule in rules:
        for side in rule:
            for r in side:
                if r not in chosen and (table.key, r, columns[0].key) in cells and \
                        cells[(table.key, r, columns[0].key)].provenance == ("unresolved",):
                    return None
    relevant = [rule for rule in rules if any(r in chosen for side in rule for r in side)]
    if not relevant:
        return None
    steps = [MAX_STEPS]
    solutions: list[dict[str, int]] = []
    assign: dict[str, int] = {}

    def total(side, c):
        s = 0
        for r in side:
            s += values[r][assign[r]][c] if r in chosen else fixed[r][c]
        return s

    def check() -> bool:
        for left, right in relevant:
            if all(r in assign or r not in chosen for r in (*left, *right)):
                for c in range(width):
                    if total(left, c) != total(right, c):
                        return False
        return True

    def walk(i: int) -> None:
        steps[0] -= 1
        if steps[0] < 0 or len(solutions) > MAX_SOLUTIONS:
            raise _Overflow
        if i == len(names):
            solutions.append(dict(assign))
            return
        name = names[i]
        for k in range(len(values[name])):
            assign[name] = k
            if check():
                walk(i + 1)
            del assign[name]

    try:
        walk(0)
    except _Overflow:
        return None
    if not solutions:
        return None
    narrowed = {k: list(dict.fromkeys(chosen[k][s[k]] for s in solutions)) for k in names}
    return narrowed, ("R1", "R4")
