"""parse(): input -> reader -> canonical layout -> grammar -> template -> Report."""
from __future__ import annotations

import bisect
import os
import re
from typing import BinaryIO

import attrs

from .assemble import to_canonical
from .choose import combine, needs_stream, readings_of
from .errors import GovdiscloseError, NotAReportError, UnreadableInputError
from .findings import finding
from .layout.parse import parse_canonical
from .layout.text import Canonical
from .mapping import map_tables
from .meta import find_meta, outline
from .model import ERROR, INFO, WARNING, Finding, Meta, Report, location
from .host import PluginHost, host as default_host
from .readers.base import items_text
from .sources import Raw, load, read_raw
from .normalize import lines as text_lines
from .stream import read_stream
from .templates import expected_template
from .templates.spec import Template
from .values import ODD_DIGITS
from .findings import VALUE_UNREADABLE
from .rules import declare

__all__ = ["parse", "choose_template"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
PARSE_NO_SECTIONS = declare("parse.no-sections", WARNING, "no section heading found", "未找到章节标题")
PARSE_MANY_FINDINGS = declare("parse.many-findings", (WARNING, ERROR, INFO), "more findings of one rule in a table than are listed",
                              "同一表格同一规则的问题过多，仅列出部分")
TEXT_REPAIRED = declare("text.repaired", WARNING, "decoding mended the text", "解码时修补了文本")
TEMPLATE_TIE = declare("template.tie", WARNING, "two templates score (nearly) equally", "两种模板得分相同或接近")
TEMPLATE_BY_YEAR = declare("template.by-year", WARNING, "the template chosen by the report's year", "按报告年度选择模板")
TEMPLATE_VARIANT_UNCONFIRMED = declare("template.variant-unconfirmed", INFO, "a variant's marks without its rows",
                                       "有地方模板标记但无其特有行")
META_NO_AGENCY = declare("meta.no-agency", WARNING, "the report does not name its agency", "报告未写明发布机关")
META_NO_YEAR = declare("meta.no-year", WARNING, "the report does not state its year", "报告未写明年度")
META_YEAR_INFERRED = declare("meta.year-inferred", (INFO, WARNING), "the year inferred, not stated", "年度系推断得出")

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def choose_template(text: str, plugins: PluginHost) -> tuple[Template | None, list[tuple[float, str]]]:
    """The best-scoring template for *text* (None when no template's marks are there)."""
    scores = plugins.recognize(text)
    if not scores or scores[0][0] <= 0:
        return None, scores
    return plugins.template(scores[0][1]), scores


#: Row labels both national formats' table 2 and 3 share: words a report's tables keep even
#: where a converter wraps every header cell (``本年新 / 制作数量``) and no marker is left whole.
_SHARED_LABELS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "行政复议", "行政诉讼")
_TITLE_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告")


def template_by_year(text: str) -> tuple[str, int] | None:
    """(template id, year) for a report whose template no marker names: the national
    template in force for the year its title states, when the text has the tables' shared
    row labels (at least 5 of :data:`_SHARED_LABELS`); None otherwise."""
    flat = re.sub(r"\s+", "", text)
    if sum(1 for w in _SHARED_LABELS if w in flat) < 5:
        return None
    m = _TITLE_YEAR.search(flat)
    if m is None:
        return None
    expected = expected_template(int(m["y"]))
    return (expected, int(m["y"])) if expected else None


#: A template of another national format whose marker score is at least this share of the
#: best one's nearly ties with it (``template.tie``).
NEAR_TEMPLATE = 0.8


def _near_template(scores: list[tuple[float, str]], plugins: PluginHost) -> tuple[float, str] | None:
    """The best-scoring template of another national format than the best's, when it scores
    nearly as well (a variant of the same format is no rival: it extends the best's tables)."""
    national = plugins.template(scores[0][1]).national
    for score, template_id in scores[1:]:
        if score > 0 and plugins.template(template_id).national != national:
            return (score, template_id) if score >= NEAR_TEMPLATE * scores[0][0] else None
    return None


def _choose_reader(text: str, plugins: PluginHost):
    """The reader whose sniff scores highest (registration order breaks ties)."""
    readers = plugins.readers()
    scores = [(reader.sniff(text), -i) for i, reader in enumerate(readers)]
    best = max(range(len(readers)), key=scores.__getitem__)
    if scores[best][0] > 0:
        return readers[best]
    return plugins.reader("pipe")           # no table layout: text only, the tables reported missing


def _binary_reader(raw: Raw, reader: str | None, plugins: PluginHost):
    """The binary reader (PDF, Word …) for these bytes: the forced one if it is binary, else
    the installed binary reader whose ``sniff_bytes`` scores highest above 0; or None."""
    if reader is not None:
        forced = plugins.reader(reader)
        return forced if getattr(forced, "binary", False) else None
    best, best_score = None, 0.0
    for candidate in plugins.readers():
        if not getattr(candidate, "binary", False):
            continue
        try:
            score = float(candidate.sniff_bytes(raw.data))
        except Exception:  # noqa: BLE001 - a broken plugin's sniff must not break parsing
            score = 0.0
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_binary(reader, raw: Raw):
    try:
        return reader.read_bytes(raw.data)
    except GovdiscloseError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file is an input error, never a traceback
        raise UnreadableInputError(f"the {reader.name} reader cannot read this input: "
                                   f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}") from None


def _read_tables(text: str, read, reader, template: Template, plugins: PluginHost):
    """The reader's items (*read*: a list that holds them, emptied here) as the template's
    tables; where they leave something unread, the text is also read as a stream and by every
    other text reader whose sniff is above 0, and each table comes from the best reading
    (:mod:`govdisclose.choose`)."""
    items = read.pop()                      # (freed once written as canonical text, before that is parsed)
    given_canonical = isinstance(items, Canonical)
    canon = _canonical(items, template)
    del items
    document, cells, table_findings = _parsed(canon, template)
    reader_name = reader.name
    if not given_canonical and needs_stream(cells, table_findings, template):
        readings = [("stream", read_stream(text, template))]
        combined, found, used = combine(cells, table_findings, readings, template)
        if needs_stream(combined, found, template):         # still something unread: every reader
            readings += _other_readings(text, reader, template, plugins)
            combined, found, used = combine(cells, table_findings, readings, template)
        cells, table_findings = combined, found
        reader_name = "+".join([reader.name, *used])
    if not text.isascii() and any(c.kind == "blank" for c in cells) and ODD_DIGITS.search(text):
        cells, table_findings = _odd_numbers(text, cells, table_findings)
    return document, canon, cells, table_findings, reader_name


def _mapped(read, template: Template):
    """A reader's items (or canonical text) as (canonical, document, cells, findings)."""
    canon = _canonical(read, template)
    return (canon, *_parsed(canon, template))


def _parsed(canon: Canonical, template: Template):
    """Canonical text as (document, cells, findings)."""
    document = parse_canonical(canon.text)
    cells, findings = map_tables(document, template, canon.positions, canon.notes)
    return document, cells, [*findings, *canon.findings]


def _canonical(read, template: Template) -> Canonical:
    return read if isinstance(read, Canonical) else to_canonical(read, template)


def _odd_numbers(text: str, cells: list, findings: list) -> tuple[list, list]:
    """A row read blank on a line that holds a number written with digits no table cell
    holds (¹⁹⁹⁰, ①⑨⑨⓪: a reader that does not take them for numbers sees none): the row is
    unresolved, not blank, and the number is an unreadable value."""
    odd_lines = [n for n, line in enumerate(text_lines(text), 1) if ODD_DIGITS.search(line)]
    starts = sorted({c.location.line for c in cells if c.location.line})

    def odd_after(line: int) -> bool:       # on the row's line, or before the next row's
        i = bisect.bisect_right(starts, line)
        stop = starts[i] if i < len(starts) else line + 1
        j = bisect.bisect_left(odd_lines, line)
        return j < len(odd_lines) and odd_lines[j] < stop
    rows = {(c.table, c.row) for c in cells if c.kind == "blank" and c.location.line and odd_after(c.location.line)}
    rows -= {(c.table, c.row) for c in cells if c.kind != "blank" and (c.table, c.row) in rows}
    if not rows:
        return cells, findings
    found = list(findings)
    for table, row in sorted(rows):
        at = next(c.location for c in cells if (c.table, c.row) == (table, row))
        found.append(finding(VALUE_UNREADABLE, ERROR, at, table=table, row=row,
                             en=f"row {row}'s line has a number written with digits that are not 0-9 "
                                "(superscript, circled or another script's): not read; the row is unresolved",
                             zh="该行数字的写法不是0-9（上标、圈码或其他文字的数字），未予读取"))
    return [attrs.evolve(c, kind="absent", provenance=("unresolved", *c.provenance)) if (c.table, c.row) in rows
            else c for c in cells], found


def _other_readings(text: str, reader, template: Template, plugins: PluginHost) -> list[tuple[str, dict]]:
    """Each other text reader's reading of *text*, where its sniff is above 0."""
    out = []
    for other in plugins.readers():
        if other.name == reader.name or getattr(other, "binary", False) or getattr(other, "markup", False):
            continue
        try:
            if other.sniff(text) <= 0:
                continue
            items = other.read(text)
        except Exception:  # noqa: BLE001 - a reader that cannot read this text offers no reading
            continue
        try:
            _, _, cells, findings = _mapped(items, template)
        except GovdiscloseError:
            continue
        out.append((other.name, readings_of(cells, findings, template)))
    return out


def _own_rows_found(cells, variant: Template, plugins: PluginHost) -> bool:
    """Whether any row the variant adds to its national base was read in the tables (or
    the variant adds no row: then its markers alone decide)."""
    base = plugins.template(variant.national)
    base_rows = {(t.key, r.key) for t in base.tables for b in t.blocks for r in b.rows}
    own = {(t.key, r.key) for t in variant.tables for b in t.blocks for r in b.rows} - base_rows
    if not own:
        return True
    return any((c.table, c.row) in own and (c.kind != "absent" or "unresolved" in c.provenance) for c in cells)


def _repaired(what: str, count: int, line: int, column: int, encoding: str | None) -> Finding:
    """A repair decoding made (:attr:`~govdisclose.sources.Source.repairs`) as a finding."""
    if what == "nul":
        return finding(TEXT_REPAIRED, WARNING, location(line, column),
                       en=f"{count} NUL byte(s) in the text (the first at line {line}, column {column}) were dropped",
                       zh=f"文本中有{count}个NUL字节（首个在第{line}行第{column}列），已删除",
                       details=(("nul_bytes", count),))
    return finding(TEXT_REPAIRED, WARNING, location(line, column),
                   en=f"{count} byte sequence(s) are not valid {encoding} (the first at line {line}, column {column}); "
                      "each is U+FFFD (�) in the text", zh=f"有{count}处字节不是有效的{encoding}编码（首处在第{line}行"
                   f"第{column}列），已替换为�", details=(("invalid_sequences", count),))


def _check_text(text: str) -> None:
    if not text.strip():
        raise NotAReportError("the document is empty")
    sample = text[:20000]
    if _CONTROL.search(sample) and len(_CONTROL.findall(sample)) > max(10, len(sample) // 100):
        raise NotAReportError("the document is binary data, not report text")


#: Findings of one rule in one table, at most; the rest are counted in one ``parse.many-findings``.
MAX_FINDINGS_PER_RULE = 25


def capped(findings: list[Finding]) -> list[Finding]:
    """At most :data:`MAX_FINDINGS_PER_RULE` findings of one rule in one table (a line of
    thousands of ``0|0|0…`` cells is not thousands of findings); past that, one
    ``parse.many-findings`` says how many more there were, as severe as the worst of them."""
    seen: dict[tuple[str, str | None], int] = {}
    kept: list[Finding] = []
    dropped: dict[tuple[str, str | None], list[Finding]] = {}
    for f in findings:
        key = (f.rule, f.table)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= MAX_FINDINGS_PER_RULE:
            kept.append(f)
        else:
            dropped.setdefault(key, []).append(f)
    for (rule, table), more in dropped.items():
        severity = next((s for s in (ERROR, WARNING, INFO) if any(f.severity == s for f in more)), INFO)
        kept.append(finding(
            PARSE_MANY_FINDINGS, severity, more[0].location, table=table,
            en=f"{len(more)} more {rule} findings{' in ' + table if table else ''} are not listed "
               f"(the first {MAX_FINDINGS_PER_RULE} are)", zh=f"另有{len(more)}条{rule}未列出",
            details=(("rule", rule), ("count", len(more)))))
    return kept


def parse(source: str | bytes | os.PathLike | BinaryIO, *, template: str | None = None, reader: str | None = None,
          plugins: PluginHost | None = None) -> Report:
    """Parse one report: text (``str``), file contents (``bytes``, or a binary stream such
    as ``sys.stdin.buffer``) or a path. Bad input raises a
    :class:`~govdisclose.errors.GovdiscloseError` (see ``docs/bad-input.md``).

    *template* forces a template id (``pre2021``, ``post2021`` or a plugin's), *reader*
    an input reader by name; by default both are chosen from the content.
    """
    plugins = plugins or default_host()
    raw = None if isinstance(source, str) else read_raw(source)
    binary = _binary_reader(raw, reader, plugins) if raw is not None else None
    repaired: list[Finding] = []
    if binary is not None:                  # a PDF, a Word document …: read from the bytes
        read = _read_binary(binary, raw)
        text, source_name, chosen_reader = items_text(read), raw.name, binary
    else:
        src = load(raw if raw is not None else source)
        text, source_name, read = src.text.lstrip("\ufeff"), src.name, None
        _check_text(text)
        repaired = [_repaired(*repair, src.encoding) for repair in src.repairs]
        chosen_reader = plugins.reader(reader) if reader is not None else _choose_reader(text, plugins)
        if getattr(chosen_reader, "markup", False):     # HTML: the template is recognised in the page's text
            read = chosen_reader.read(text)
            text = items_text(read)
    findings = list(repaired)

    if template is not None:
        chosen = plugins.template(template)
        scores: list = []
    else:
        chosen, scores = choose_template(text, plugins)
        by_year = template_by_year(text) if chosen is None else None
        if by_year is not None:
            chosen, scores = plugins.template(by_year[0]), []
            findings.append(finding(
                TEMPLATE_BY_YEAR, WARNING, en=f"no template's own header words are in the text (a converter "
                f"wrapped or dropped them); the tables are read with {by_year[0]}, the national template in force "
                f"for {by_year[1]}, the year the title states", zh=f"文中没有任何模板特有的表头词（可能被转换工具折行或删去），"
                f"按标题所载年度{by_year[1]}适用的全国模板{by_year[0]}读取", details=(("year", by_year[1]),)))
    if chosen is None:
        hint = ""
        if isinstance(source, str) and "\n" not in source and len(source) < 4096 and os.path.exists(source):
            hint = f" (to read the file {source!r}, pass pathlib.Path({source!r}): a str is report text)"
        raise NotAReportError("no statistics table of any known template "
                              "(政府信息公开工作年度报告) was found in the document" + hint)
    if scores and len(scores) > 1 and scores[1][0] == scores[0][0]:
        findings.append(finding(TEMPLATE_TIE, WARNING, en=f"templates {scores[0][1]} and {scores[1][1]} "
                                f"fit equally well; {chosen.id} was taken by id order",
                                zh="多个模板同样匹配，按标识顺序选取"))
    elif scores and template is None:
        near = _near_template(scores, plugins)
        if near is not None:
            findings.append(finding(
                TEMPLATE_TIE, WARNING, en=f"templates {scores[0][1]} (marker score {scores[0][0]:g}) and {near[1]} "
                f"({near[0]:g}, another national format) fit nearly as well; {scores[0][1]} was taken: if the tables "
                f"are {near[1]}'s, pass template={near[1]!r}", zh="两种全国格式的模板几乎同样匹配，已取得分较高者",
                details=(("scores", ((scores[0][1], scores[0][0]), (near[1], near[0]))),)))

    if read is None:
        read = chosen_reader.read(text)
    read_meta = getattr(read, "meta", None)
    # a text reader's items are not kept: they are freed once written as canonical text (and
    # read again in the rare case below); a PDF's, a Word file's or a page's cannot be read again
    kept = read if binary is not None or getattr(chosen_reader, "markup", False) else None
    holder, read = [read], None
    document, canon, cells, table_findings, reader_name = _read_tables(text, holder, chosen_reader, chosen, plugins)
    if template is None and chosen.base is not None and not _own_rows_found(cells, chosen, plugins):
        # a variant's marker words in the prose, but none of its own rows in the tables
        fallback = next((plugins.template(tid) for score, tid in scores
                         if score > 0 and tid != chosen.id and plugins.template(tid).base is None), None)
        if fallback is not None:
            findings.append(finding(TEMPLATE_VARIANT_UNCONFIRMED, INFO, en=f"the markers of {chosen.id} occur, "
                                    f"but none of its own rows is in the tables; read as {fallback.id}",
                                    zh=f"文中出现{chosen.id}的标志词，但表格中没有其特有的行，按{fallback.id}读取",
                                    details=(("variant", chosen.id), ("template", fallback.id))))
            chosen = fallback
            document, canon, cells, table_findings, reader_name = _read_tables(
                text, [kept if kept is not None else chosen_reader.read(text)], chosen_reader, chosen, plugins)
    findings.extend(table_findings)
    shape = outline(document, canon.positions)
    meta = find_meta(shape, read_meta)
    for name in ("agency", "year"):
        if meta[name] is None:
            findings.append(finding({"agency": META_NO_AGENCY, "year": META_NO_YEAR}[name], WARNING, en=f"the report does not state its {name}",
                                    zh="报告未载明" + ("机关名称" if name == "agency" else "年度")))
    if meta["year_from"] in ("年度", "text", "date"):
        how = {"年度": "the only year the text calls a 年度", "text": "the year the text names most",
               "date": f"the year before its publication date {meta['date']}"}[meta["year_from"]]
        findings.append(finding(META_YEAR_INFERRED, INFO if meta["year_from"] == "年度" else WARNING,
                                en=f"neither a statistics period (统计期限) nor the "
                                f"title states the year; {meta['year']} is {how}",
                                zh=f"报告未载明统计期限，标题亦无年度；年度{meta['year']}系推断",
                                details=(("year", meta["year"]), ("from", meta["year_from"]))))
    if not shape.sections:
        findings.append(finding(PARSE_NO_SECTIONS, WARNING, en="no section heading (一、总体情况 …) was found",
                                zh="未找到章节标题"))
    return Report(
        meta=Meta(agency=meta["agency"], year=meta["year"], template=chosen.national,
                  variant=chosen.id if chosen.base else None, title=meta["title"], date=meta["date"],
                  source=source_name, reader=reader_name),
        sections=shape.sections, cells=cells, findings=capped(findings))
