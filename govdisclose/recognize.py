"""Choosing the reader and the template: the reader whose sniff scores highest (a binary
reader first, for bytes), the template whose ``govdisclose_recognize`` score is highest (or,
with no template's marks, the national one in force for the title's year), and a variant
given up for its national base when none of its own rows is in the tables."""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from .errors import NotAReportError
from .findings import finding
from .model import INFO, WARNING, CellColumns, Finding
from .rules import declare
from .sources import Raw
from .templates import expected_template
from .templates.spec import Template

if TYPE_CHECKING:       # stages take the host as an argument; they never import it
    from .host import PluginHost

__all__ = ["MARKUP_DECIDES", "choose_reader", "binary_reader", "choose_template", "best_template", "template_by_year",
           "near_template", "unconfirmed_variant", "NEAR_TEMPLATE"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
TEMPLATE_TIE = declare("template.tie", WARNING, "two templates score (nearly) equally", "两种模板得分相同或接近")
TEMPLATE_BY_YEAR = declare("template.by-year", WARNING, "the template chosen by the report's year", "按报告年度选择模板")
TEMPLATE_VARIANT_UNCONFIRMED = declare("template.variant-unconfirmed", INFO, "a variant's marks without its rows",
                                       "有地方模板标记但无其特有行")


def best_template(text: str, plugins: PluginHost) -> tuple[Template | None, list[tuple[float, str]]]:
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


def near_template(scores: list[tuple[float, str]], plugins: PluginHost) -> tuple[float, str] | None:
    """The best-scoring template of another national format than the best's, when it scores
    nearly as well (a variant of the same format is no rival: it extends the best's tables)."""
    national = plugins.template(scores[0][1]).national
    for score, template_id in scores[1:]:
        if score > 0 and plugins.template(template_id).national != national:
            return (score, template_id) if score >= NEAR_TEMPLATE * scores[0][0] else None
    return None


#: A markup reader's sniff of at least this (the document starts as HTML) decides at once: no
#: text reader's sniff could beat it (only the canonical magic line scores more, and a
#: document cannot start with both).
MARKUP_DECIDES = 0.99


def choose_reader(text: str, plugins: PluginHost):
    """The reader whose sniff scores highest (registration order breaks ties). Sniffed once
    each, and only where it could still win: markup readers first, and a document that
    starts as markup is theirs (:data:`MARKUP_DECIDES`); a reader is not asked when an
    earlier one scored its ``most`` already (the loose reader's 0.6)."""
    readers = plugins.readers()
    sniffed = {i: reader.sniff(text) for i, reader in enumerate(readers) if getattr(reader, "markup", False)}
    first = max(sniffed, key=lambda i: (sniffed[i], -i), default=None)
    if first is not None and sniffed[first] >= MARKUP_DECIDES:
        return readers[first]
    best_score, chosen = 0.0, None
    for i, reader in enumerate(readers):
        score = sniffed.get(i)
        if score is None:
            if getattr(reader, "most", 1.0) <= best_score:
                continue                    # it cannot score more than what is found: ties go earlier
            score = reader.sniff(text)
        if score > best_score:
            best_score, chosen = score, reader
    return chosen if chosen is not None else plugins.reader("pipe")   # no table layout: the tables reported missing


def binary_reader(raw: Raw, reader: str | None, plugins: PluginHost):
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


def choose_template(text: str, template: str | None, source, plugins: PluginHost
                    ) -> tuple[Template, list[tuple[float, str]], list[Finding]]:
    """The template to read *text* with: *template* when forced, else the best-scoring one, or
    the one in force for the year the title states (``template.by-year``); with the scores and
    the findings of the choice (``template.tie``). No template at all: :class:`NotAReportError`
    (*source*: what was parsed, for the hint)."""
    findings: list[Finding] = []
    if template is not None:
        chosen = plugins.template(template)
        scores: list = []
    else:
        chosen, scores = best_template(text, plugins)
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
        near = near_template(scores, plugins)
        if near is not None:
            findings.append(finding(
                TEMPLATE_TIE, WARNING, en=f"templates {scores[0][1]} (marker score {scores[0][0]:g}) and {near[1]} "
                f"({near[0]:g}, another national format) fit nearly as well; {scores[0][1]} was taken: if the tables "
                f"are {near[1]}'s, pass template={near[1]!r}", zh="两种全国格式的模板几乎同样匹配，已取得分较高者",
                details=(("scores", ((scores[0][1], scores[0][0]), (near[1], near[0]))),)))
    return chosen, scores, findings


def _own_rows_found(cells: CellColumns, variant: Template, plugins: PluginHost) -> bool:
    """Whether any row the variant adds to its national base was read in the tables (*cells*,
    by column) (or
    the variant adds no row: then its markers alone decide)."""
    base = plugins.template(variant.national)
    base_rows = {(t.key, r.key) for t in base.tables for b in t.blocks for r in b.rows}
    own = {(t.key, r.key) for t in variant.tables for b in t.blocks for r in b.rows} - base_rows
    if not own:
        return True
    return any((table, row) in own and (kind != "absent" or "unresolved" in provenance)
               for (table, row, _), kind, provenance in zip(cells.keys, cells.kinds, cells.provenance))


def unconfirmed_variant(cells: CellColumns, chosen: Template, scores: list[tuple[float, str]], plugins: PluginHost
                        ) -> tuple[Template, Finding] | None:
    """When *chosen* is a variant whose marker words occur but none of whose own rows is in
    the tables read (*cells*): the best national template instead, and the finding that says so."""
    if chosen.base is None or _own_rows_found(cells, chosen, plugins):
        return None
    fallback = next((plugins.template(tid) for score, tid in scores
                     if score > 0 and tid != chosen.id and plugins.template(tid).base is None), None)
    if fallback is None:
        return None
    return fallback, finding(TEMPLATE_VARIANT_UNCONFIRMED, INFO, en=f"the markers of {chosen.id} occur, "
                             f"but none of its own rows is in the tables; read as {fallback.id}",
                             zh=f"文中出现{chosen.id}的标志词，但表格中没有其特有的行，按{fallback.id}读取",
                             details=(("variant", chosen.id), ("template", fallback.id)))
