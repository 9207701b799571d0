"""parse(): input -> reader -> template -> canonical layout (in memory) -> cells, sections, meta -> Report."""
from __future__ import annotations

import bisect
import os
import re
from typing import BinaryIO

import attrs

from .assemble import from_recovery, headings_apart, is_loose, to_layout
from .choose import combine, needs_stream, readings_of
from .errors import GovdiscloseError, NotAReportError, UnreadableInputError
from .findings import VALUE_UNREADABLE, finding
from .host import PluginHost, host as default_host
from .layout.document import Layout
from .layout.parse import read_canonical
from .layout.text import Canonical
from .mapping import map_tables
from .meta import find_meta, meta_findings
from .model import ERROR, INFO, WARNING, CellColumns, Finding, Location, Meta, Report, location
from .normalize import lines as text_lines
from .readers.base import items_text
from .recognize import binary_reader, choose_reader, choose_template, unconfirmed_variant
from .recover import recover
from .rules import declare
from .sections import outline, outline_findings
from .sources import Raw, load, read_raw
from .stream import read_stream
from .templates.spec import Template
from .values import has_odd_digits

__all__ = ["parse", "lay_out"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
PARSE_MANY_FINDINGS = declare("parse.many-findings", (WARNING, ERROR, INFO),
                              "more findings of one rule in a table than are listed",
                              "同一表格同一规则的问题过多，仅列出部分")
TEXT_REPAIRED = declare("text.repaired", WARNING, "decoding mended the text", "解码时修补了文本")

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


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
    items = read.pop()                      # (freed once laid out, before the layout is mapped)
    given_canonical = isinstance(items, Canonical)
    layout = lay_out(items, template)
    del items
    cells, table_findings = _mapped(layout, template)
    reader_name = reader.name
    if not given_canonical and needs_stream(cells, table_findings, template):
        read_cells = list(cells.cells())
        readings = [("stream", read_stream(text, template))]
        combined, found, used = combine(read_cells, table_findings, readings, template)
        if needs_stream(CellColumns.of(combined), found, template):      # still something unread: every reader
            readings += _other_readings(text, reader, template, plugins)
            combined, found, used = combine(read_cells, table_findings, readings, template)
        cells, table_findings = CellColumns.of(combined), found
        reader_name = "+".join([reader.name, *used])
    if "blank" in cells.kinds and has_odd_digits(text):
        odd, table_findings = _odd_numbers(text, cells.cells(), table_findings)
        cells = CellColumns.of(odd)
    return layout, cells, table_findings, reader_name


def _mapped(layout: Layout, template: Template) -> tuple[CellColumns, list]:
    """A layout's cells (by column) and findings."""
    cells, findings = map_tables(layout.document, template, layout.positions, layout.notes)
    return cells, [*findings, *layout.findings]


def lay_out(read, template: Template) -> Layout:
    """A reader's items (or its canonical text) in the canonical layout, in memory: canonical
    text parsed by the grammar, loose items placed by :func:`govdisclose.recover.recover`,
    cell rows and text lines rebuilt by :func:`govdisclose.assemble.to_layout`."""
    if isinstance(read, Canonical):
        return read_canonical(read)
    items = list(read)
    if not is_loose(items):
        return to_layout(items, template)       # (which puts the headings apart itself)
    items = headings_apart(items)
    return from_recovery(items, recover(items, template), template)


def _paged(items, cells: list, findings: list) -> tuple[list, list]:
    """A paged document's cells and findings with the page of the item their line stands at
    (the other readings read the items' text, a line an item: they know no page)."""
    pages = [getattr(_first_location(item), "page", None) for item in items]
    if not any(pages):
        return cells, findings

    def page(where: Location) -> int | None:
        """The page of a place without one, from its line (an item); None when it has one or none is known."""
        if where.page is not None or where.line is None or not 0 < where.line <= len(pages):
            return None
        return pages[where.line - 1]

    def paged(thing):
        p = page(thing.location)
        return thing if p is None else attrs.evolve(thing, location=Location(thing.location.line,
                                                                             thing.location.column, p))
    return [paged(c) for c in cells], [paged(f) for f in findings]


def _first_location(item) -> Location | None:
    cells = getattr(item, "cells", None)
    if cells:
        return cells[0].location
    return getattr(item, "location", None)


def _odd_numbers(text: str, cells: list, findings: list) -> tuple[list, list]:
    """A row read blank on a line that holds a number written with digits no table cell
    holds (¹⁹⁹⁰, ①⑨⑨⓪: a reader that does not take them for numbers sees none): the row is
    unresolved, not blank, and the number is an unreadable value."""
    odd_lines = [n for n, line in enumerate(text_lines(text), 1) if has_odd_digits(line)]
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
            cells, findings = _mapped(lay_out(items, template), template)
        except GovdiscloseError:
            continue
        out.append((other.name, readings_of(cells.cells(), findings, template)))
    return out


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


@attrs.frozen
class _Source:
    """What the sources and a reader made of the input: its text, the items read before the
    template was chosen (a PDF's, a Word file's or a page's: they cannot be read again from
    the text; None for a text reader, whose items are read once the template is known), the
    reader, the source's name and the findings of decoding."""

    text: str
    items: object
    reader: object
    name: str | None
    findings: tuple


@attrs.frozen
class _Tables:
    """The tables read with a template: the layout, the cells and their findings, which
    readers made them, and what the reader said of the document (``items.meta``)."""

    layout: Layout
    cells: CellColumns
    findings: list
    reader: str
    meta: object


def _read_source(source, reader: str | None, plugins: PluginHost) -> _Source:
    """The source's text and its reader: a binary reader's items (read from the bytes) or
    the text decoded (a page's items read now: its template is recognised in their text)."""
    raw = None if isinstance(source, str) else read_raw(source)
    binary = binary_reader(raw, reader, plugins) if raw is not None else None
    if binary is not None:                  # a PDF, a Word document …: read from the bytes
        read = _read_binary(binary, raw)
        return _Source(items_text(read), read, binary, raw.name, ())
    src = load(raw if raw is not None else source)
    text, read = src.text.lstrip("\ufeff"), None
    _check_text(text)
    repaired = tuple(_repaired(*repair, src.encoding) for repair in src.repairs)
    chosen_reader = plugins.reader(reader) if reader is not None else choose_reader(text, plugins)
    if getattr(chosen_reader, "markup", False):     # HTML: the template is recognised in the page's text
        read = chosen_reader.read(text)
        text = items_text(read)
    return _Source(text, read, chosen_reader, src.name, repaired)


def _tables(source: _Source, template: Template, plugins: PluginHost) -> _Tables:
    """The source's tables with *template* (a text reader's items read now, and freed once
    laid out)."""
    read = source.items if source.items is not None else source.reader.read(source.text)
    meta = getattr(read, "meta", None)
    holder, read = [read], None
    layout, cells, findings, reader_name = _read_tables(source.text, holder, source.reader, template, plugins)
    if getattr(source.reader, "binary", False):
        paged, findings = _paged(source.items, cells.cells(), findings)
        cells = CellColumns.of(paged)
    return _Tables(layout, cells, findings, reader_name, meta)


def _confirmed(tables: _Tables, source: _Source, chosen: Template, scores, forced: bool,
               plugins: PluginHost) -> tuple[Template, _Tables, list]:
    """A variant that its own rows do not confirm gives way to its national template, and
    the tables are read again with that (``recognize.unconfirmed_variant``)."""
    fallback = None if forced else unconfirmed_variant(tables.cells, chosen, scores, plugins)
    if fallback is None:
        return chosen, tables, []
    national, note = fallback
    return national, _tables(source, national, plugins), [note]


def _outline(tables: _Tables) -> tuple:
    """The sections, the meta and what they lack."""
    shape = outline(tables.layout.document, tables.layout.positions)
    meta = find_meta(shape, tables.meta)
    return shape, meta, [*meta_findings(meta), *outline_findings(shape)]


def parse(source: str | bytes | os.PathLike | BinaryIO, *, template: str | None = None, reader: str | None = None,
          plugins: PluginHost | None = None) -> Report:
    """Parse one report: text (``str``), file contents (``bytes``, or a binary stream such
    as ``sys.stdin.buffer``) or a path. Bad input raises a
    :class:`~govdisclose.errors.GovdiscloseError` (see ``docs/bad-input.md``).

    *template* forces a template id (``pre2021``, ``post2021`` or a plugin's), *reader*
    an input reader by name; by default both are chosen from the content.
    """
    plugins = plugins or default_host()
    read = _read_source(source, reader, plugins)                                    # sources, readers
    chosen, scores, recognized = choose_template(read.text, template, source, plugins)   # the template
    tables = _tables(read, chosen, plugins)                                         # layout, cells
    chosen, tables, fell_back = _confirmed(tables, read, chosen, scores, template is not None, plugins)
    shape, meta, outlined = _outline(tables)                                        # sections, meta
    return Report(
        meta=Meta(agency=meta["agency"], year=meta["year"], template=chosen.national,
                  variant=chosen.id if chosen.base else None, title=meta["title"], date=meta["date"],
                  source=read.name, reader=tables.reader),
        sections=shape.sections, cells=tables.cells,
        findings=capped([*read.findings, *recognized, *fell_back, *tables.findings, *outlined]))
