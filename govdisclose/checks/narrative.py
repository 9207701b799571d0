"""R9: numbers stated in the report's prose against the table cells they describe.

Reports restate their tables in words: “共受理政府信息公开申请3119件，答复3050件（含上年度
结转申请34件，另有103件顺延到下年度答复）”, “行政诉讼46件，其中结果维持25件”, “办理行政
许可1990件”. :func:`claims` finds such statements in every section's text: a *subject*
(applications received, answered, carried forward …) and a number in 件 close to it in
the same clause, and pairs it with the cells that hold the same figure (“行政诉讼46件” is
未经复议直接起诉 总计 + 复议后起诉 总计). A statement is read only when it is unambiguous;
anything else (“政策性文件11件”, “主动公开信息120条”, numbers in other units) is not a claim
and never a finding.

A claim whose figure matches none of its readings is an ``R9`` warning; a claim over a
blank cell is not assessable (info).
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator, Sequence

import attrs

from ..findings import finding
from ..model import INFO, WARNING, Cell, Finding, Location, Report
from ..normalize import squeeze
from ..rules import declare, raises
from ..templates.spec import Template

__all__ = ["Claim", "claims", "narrative"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
R9 = declare("R9", (WARNING, INFO), "a figure the prose states differs from the tables", "正文所述数字与表格不符")

A = "applications"
N = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)件"
GAP = r"[^\d,;。、:]{0,%d}?"          # a short stretch of the same clause, no other number


@attrs.frozen
class Subject:
    """What a sentence can state, how it is worded, and the cells that hold it."""

    key: str
    patterns: tuple[re.Pattern, ...]
    readings: tuple[tuple[tuple[str, str, str], ...], ...]   # alternatives: cells whose sum is the figure
    forbid: re.Pattern | None = None                          # words that make the clause mean something else
    require: re.Pattern | None = None                         # words the sentence must have


def _p(*patterns: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in patterns)


def _app(row: str) -> tuple[str, str, str]:
    return (A, row, "total")


def _rev(group: str, column: str) -> tuple[str, str, str]:
    return ("reviews", "reviews", f"{group}.{column}")


def _active(row: str, column: str) -> tuple[str, str, str]:
    return ("active_disclosure", row, column)


APPLICATION_WORDS = re.compile(r"申请|公开信息|信息公开")
DISCLOSURE = re.compile(r"公开")         # table 3 counts only reviews and suits over information disclosure
OTHER_PROCEEDINGS = re.compile(r"复议|诉讼|许可|处罚|强制|举报|投诉|信访|咨询|电话|留言|提案|建议")

# In priority order: a number is claimed by the first subject whose pattern takes it.
SUBJECTS = (
    Subject("carried_forward", _p(N + GAP % 8 + r"(?:结转|顺延|转入|转至|延续)(?:到|至)?下一?年",
                                  r"(?:结转|顺延|转入|转至)(?:到|至)?下一?年度?" + GAP % 8 + N),
            ((_app("carried_forward"),),), forbid=OTHER_PROCEEDINGS),
    Subject("carried_over", _p(r"上一?年度?(?:结转|遗留)" + GAP % 8 + N),
            ((_app("carried_over"),),), forbid=OTHER_PROCEEDINGS),
    Subject("received", _p(r"(?:受理|收到|接收|新收|接到)" + GAP % 16 + N),
            ((_app("new_received"),), (_app("new_received"), _app("carried_over"))),
            forbid=OTHER_PROCEEDINGS, require=APPLICATION_WORDS),
    Subject("answered", _p(r"(?:答复|办结|办理完毕|处理完毕)" + GAP % 4 + N,
                           N + GAP % 10 + r"(?:答复|办结|办理完毕|处理完毕)"),
            ((_app("total"),),), forbid=OTHER_PROCEEDINGS, require=APPLICATION_WORDS),
    Subject("review", _p(r"行政复议(?:案件|申请)?" + GAP % 4 + N),
            ((_rev("review", "total"),),), forbid=re.compile(r"诉讼|起诉"), require=DISCLOSURE),
    Subject("litigation", _p(r"行政诉讼(?:案件)?" + GAP % 4 + N),
            ((_rev("litigation_direct", "total"), _rev("litigation_after_review", "total")),),
            forbid=re.compile(r"复议"), require=DISCLOSURE),
    Subject("licensing", _p(r"行政许可(?:事项|案件)?" + GAP % 4 + N),
            ((_active("administrative_licensing", "decisions"),),)),
    Subject("penalty", _p(r"行政处罚(?:案件|决定)?" + GAP % 4 + N),
            ((_active("administrative_penalty", "decisions"),),)),
    Subject("coercion", _p(r"行政强制(?:案件|决定)?" + GAP % 4 + N),
            ((_active("administrative_coercion", "decisions"),),)),
    Subject("regulations", _p(r"(?:制定|制发|出台|印发|新增公开|新增|发布)" + GAP % 6 + r"规章" + N),
            ((_active("regulations", "issued"),), (_active("regulations", "newly_made"),),
             (_active("regulations", "newly_published"),)), forbid=re.compile(r"有效|废止|清理")),
    Subject("normative_documents",
            _p(r"(?:制定|制发|出台|印发|新增公开|新增|发布)" + GAP % 6 + r"行政规范性文件" + N),
            ((_active("normative_documents", "issued"),), (_active("normative_documents", "newly_made"),),
             (_active("normative_documents", "newly_published"),)), forbid=re.compile(r"有效|废止|清理")),
)

# “其中结果维持72件，结果纠正64件…”: outcomes of the 行政复议 or 行政诉讼 named before them.
OUTCOME_WORDS = {"upheld": r"(?:结果)?维持", "corrected": r"(?:结果)?纠正", "other": r"其他结果",
                 "pending": r"尚未审结|未审结"}
OUTCOMES = tuple((k, re.compile(f"(?:{w})" + GAP % 2 + N)) for k, w in OUTCOME_WORDS.items())
GROUP_CUE = re.compile(r"行政复议|行政诉讼")
SENTENCE = re.compile(r"[^。;!?]+")
#: What every claim's number ends with (``N``): a sentence without it states no figure in 件.
_FIGURE = re.compile(r"\d件")
HEADING = re.compile(r"^(?:\(?[一二三四五六七八九十]+[)、]|[0-9]+[.、])")


@attrs.frozen
class Claim:
    """A figure the prose states, the cells it describes, and whether they agree."""

    subject: str
    stated: int
    text: str                                   # the sentence, whitespace removed
    location: Location
    readings: tuple[tuple[Cell, ...], ...]      # each alternative reading's cells
    status: str                                 # holds | differs | not-assessable

    @property
    def table_values(self) -> tuple[int | None, ...]:
        return tuple(None if any(c.value is None for c in r) else sum(c.value for c in r) for r in self.readings)


class _Prose:
    """A section's lines squeezed and joined (PDF text wraps mid-sentence), and where each stood."""

    def __init__(self, section):
        lines = section.text.split("\n")
        self.starts, parts, at = [], [], 0
        for line in lines:
            self.starts.append(at)
            part = squeeze(line)
            if HEADING.match(part) and not part.endswith(("。", ";")) and len(part) <= 30:
                part += "。"                          # a sub-heading ends its own sentence
            parts.append(part)
            at += len(part)
        self.text = "".join(parts)
        self.locations = section.line_locations or (section.location,) * len(lines)
        self.fallback = section.location

    def where(self, offset: int) -> Location:
        """The source location of the line the joined text's *offset* came from."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.locations[i] if 0 <= i < len(self.locations) else self.fallback


def _claim(report: Report, subject: str, stated: int, sentence: str, location: Location,
           readings: Sequence[Sequence[tuple[str, str, str]]]) -> Claim | None:
    cells = [tuple(report.cell(*key) for key in reading) for reading in readings]
    cells = [r for r in cells if r and all(c is not None and c.kind != "absent" for c in r)]
    if not cells:
        return None                                # the report has no such cells (other template)
    filled = [r for r in cells if all(c.value is not None for c in r)]
    if not filled:
        status = "not-assessable"
    else:
        status = "holds" if any(sum(c.value for c in r) == stated for r in filled) else "differs"
    return Claim(subject, stated, sentence, location, tuple(cells), status)  # type: ignore[arg-type]


def _clause(sentence: str, m: re.Match) -> str:
    """The clause a match stands in, up to its number: “行政复议和行政诉讼共5件” is about both."""
    start = max(sentence.rfind(",", 0, m.start()), sentence.rfind("、", 0, m.start())) + 1
    return sentence[start:m.start("n")]


def _number(m: re.Match) -> int:
    return int(m.group("n").replace(",", ""))


def claims(report: Report) -> tuple[Claim, ...]:
    """Every figure the report's prose states about its own tables (see the module doc)."""
    found: list[Claim] = []
    for section in report.sections:
        if "件" not in section.text:
            continue                                  # no figure in 件 (no other character squeezes to 件)
        prose = _Prose(section)
        for s in SENTENCE.finditer(prose.text):
            sentence, base = s.group(), s.start()
            if not _FIGURE.search(sentence):
                continue                              # no figure in 件 stated (every pattern ends in one)
            taken: set[int] = set()
            for subject in SUBJECTS:
                if subject.require and not subject.require.search(sentence):
                    continue
                for pattern in subject.patterns:
                    for m in pattern.finditer(sentence):
                        if m.start("n") in taken:
                            continue
                        if subject.forbid and subject.forbid.search(_clause(sentence, m)):
                            continue
                        taken.add(m.start("n"))
                        c = _claim(report, subject.key, _number(m), sentence, prose.where(base + m.start("n")),
                                   subject.readings)
                        if c:
                            found.append(c)
            found.extend(_outcome_claims(report, sentence, base, prose, taken))
    return tuple(found)


def _outcome_claims(report: Report, sentence: str, base: int, prose: _Prose, taken: set[int]) -> Iterator[Claim]:
    cues = [(m.start(), m.group()) for m in GROUP_CUE.finditer(sentence)]
    if not cues:
        return
    for outcome, pattern in OUTCOMES:
        for m in pattern.finditer(sentence):
            if m.start("n") in taken:
                continue
            before = [cue for at, cue in cues if at < m.start()]
            if not before:
                continue
            groups = ("review",) if before[-1] == "行政复议" else ("litigation_direct", "litigation_after_review")
            c = _claim(report, f"{'review' if len(groups) == 1 else 'litigation'}.{outcome}", _number(m), sentence,
                       prose.where(base + m.start("n")), (tuple(_rev(g, outcome) for g in groups),))
            if c:
                taken.add(m.start("n"))
                yield c


@raises(R9)
def narrative(report: Report, template: Template) -> Iterator[Finding]:
    """R9 findings: a stated figure that differs from its cells (warning) or rests on blanks (info)."""
    for claim in claims(report):
        if claim.status == "holds":
            continue
        cells = claim.readings[0]
        first = cells[0]
        values = " or ".join("?" if v is None else str(v) for v in claim.table_values)
        keys = " + ".join("/".join(c.key[1:]) for c in cells)
        details = (("formula", f"the figure stated for {claim.subject} = {keys}"),
                   ("formula_zh", "正文所述数字等于表格中对应数字"),
                   ("stated", claim.stated), ("sentence", claim.text), ("readings", claim.readings),
                   ("table_values", claim.table_values), ("status", claim.status))
        if claim.status == "not-assessable":
            yield finding(R9, INFO, claim.location, table=first.table, row=first.row, column=first.column,
                          en=f"the text states {claim.stated} for {claim.subject}; the table leaves it blank "
                             f"(not assessable)", zh=f"正文称{claim.stated}件，表格对应单元格空白，无法核对",
                          details=details)
            continue
        diffs = tuple(claim.stated - v for v in claim.table_values if v is not None)
        yield finding(R9, WARNING, claim.location, table=first.table, row=first.row, column=first.column,
                      en=f"the text states {claim.stated} for {claim.subject} but the table has {values}",
                      zh=f"正文所述{claim.stated}件与表格数字{values}不一致",
                      details=details + (("difference", min(diffs, key=abs)),))
