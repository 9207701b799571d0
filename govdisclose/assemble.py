"""Reader items -> the canonical layout, using what the template knows.

Scraped tables lose their structure: merged header cells, row boundaries (one cell per
line), label cells broken over lines. This module rebuilds tables from a stream of
cells with the template's vocabulary: captions start blocks (第二十条第（X）项), header
words start tables and headers, a label starts a row, values fill it up to the
block's width. Blank cells count as blank values only inside the physical row of the
label they follow; elsewhere they are padding from merged cells. The result is the
canonical layout (``grammars/report.lark``) in memory, a
:class:`~govdisclose.layout.document.Layout`, with where each of its cells stood in the
source; its text is written only when asked for (:func:`to_canonical`).
"""
from __future__ import annotations

import functools
from typing import Iterable, NamedTuple, Sequence

import attrs

from .layout.document import (Document, Heading, Layout, LayoutBlock, LayoutRow, LayoutTable, Part, Positions,
                              Text)
from .errors import CanonicalSyntaxError
from .layout.text import Canonical
from .layout.write import write_canonical
from .model import Location, location
from .normalize import clean, key_form, squeeze
from .readers.base import CellRow, Item, NumberRun, SourceCell, TextLine
from .sections import heading_number, inline_headings
from .templates.spec import Block, Table, Template, caption_item, per_template
from .values import looks_like_value, odd_number

__all__ = ["to_layout", "to_canonical", "as_canonical", "from_recovery", "headings_apart", "is_loose"]

_NOTE = "勾稽关系"
UNBOUNDED = 1 << 30        # a block with no header and no template: as wide as its rows


class _Kind(NamedTuple):
    """What one cell's text is, whatever the template: the walk's first question."""

    text: str               # cleaned
    value: bool             # a number or a placeholder
    caption: str | None     # 第二十条第（X）项 -> X
    note: bool              # 勾稽关系 …
    word: str               # key_form, for the template's header words


@functools.lru_cache(maxsize=16384)
def _kind(raw: str) -> _Kind:
    if odd_number(raw) is not None:         # kept as written: folding would make it a number
        written = " ".join(raw.split())
        return _Kind(written, True, None, False, "")
    text = clean(raw)
    if not text or looks_like_value(text):
        return _Kind(text, bool(text), None, False, "")
    return _Kind(text, False, caption_item(text) if len(squeeze(text)) <= 20 else None, _NOTE in text,
                 key_form(text))


@attrs.define
class _Row:
    label: list[SourceCell] = attrs.Factory(list)
    values: list[SourceCell] = attrs.Factory(list)
    phys: int = -1


@attrs.define
class _Block:
    spec: Block | None
    caption: SourceCell | None = None
    notes: list[SourceCell] = attrs.Factory(list)
    header: list[SourceCell] = attrs.Factory(list)
    rows: list[_Row] = attrs.Factory(list)
    width: int | None = None


@attrs.define
class _Table:
    spec: Table | None
    blocks: list[_Block] = attrs.Factory(list)


class _Assembler:
    """Rebuilds the tables of one run of cell rows."""

    def __init__(self, template: Template):
        self.template = template
        self.vocab = {t.key: t.vocabulary() for t in template.tables}
        self.openers = {key_form(w): t for t in template.tables for w in t.header_words[:2]}
        self.by_caption = {caption_item(b.caption): (t, b) for t in template.tables
                           for b in t.blocks if b.caption}
        self.active = next((t for t in template.tables if any(b.caption for b in t.blocks)), None)
        self._words: dict[tuple[str | None, str], bool] = {}       # (table, word) -> a header word?

    # -- vocabulary ---------------------------------------------------------------
    def _header_word(self, word: str, table: Table | None) -> bool:
        key = (table.key if table else None, word)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = self._is_header_word(word, table)
            if len(self._words) > 16384:
                self._words.clear()
        return found

    def _is_header_word(self, word: str, table: Table | None) -> bool:
        if not word:
            return False
        vocabularies = [self.vocab[table.key]] if table else list(self.vocab.values())
        return any(word in v or (len(word) >= 2 and any(w.startswith(word) or word.startswith(w)
                                                        for w in v if len(w) >= 2))
                   for v in vocabularies)

    # -- the walk -----------------------------------------------------------------
    def run(self, rows: Sequence[CellRow]) -> list[_Table]:
        tables: list[_Table] = []
        table: _Table | None = None
        block: _Block | None = None
        row: _Row | None = None
        header_mode = False
        phys = 0

        def new_table(spec: Table | None) -> _Table:
            t = _Table(spec)
            tables.append(t)
            return t

        for cell_row in rows:
            if cell_row.breaks:
                phys += 1
            for cell in cell_row.cells:
                kind = _kind(cell.text)
                if kind.value:            # (a value is never a caption, a note or a header word)
                    if block is None:
                        table = new_table(None)
                        block = _Block(None)
                        table.blocks.append(block)
                    header_mode = False
                    width = self._width(block)
                    if row is not None and row.label and row.phys == phys and len(row.values) >= width \
                            and not _kind(row.values[0].text).text:
                        row.values.pop(0)       # a merged label's cells written out empty (colspan=3)
                    if row is None or len(row.values) >= width:
                        row = _Row(phys=phys)
                        block.rows.append(row)
                    row.values.append(cell)
                    row.phys = phys
                    continue
                text = kind.text
                if not text:
                    if (not header_mode and row is not None and row.phys == phys and block is not None
                            and len(row.values) < self._width(block)):
                        row.values.append(cell)
                    continue
                if kind.caption is not None:
                    spec_table, spec_block = self.by_caption.get(kind.caption, (self.active, None))
                    if table is None or table.spec is not spec_table:
                        table = new_table(spec_table)
                    block = _Block(spec_block, caption=cell)
                    table.blocks.append(block)
                    row, header_mode = None, True
                    continue
                if kind.note or kind.word in self.openers:
                    spec_table = self.openers.get(kind.word) or self._table_with_note()
                    if not (header_mode and table is not None and table.spec is spec_table):
                        table = new_table(spec_table)
                        block = _Block(spec_table.blocks[0] if spec_table else None)
                        table.blocks.append(block)
                    (block.notes if kind.note else block.header).append(cell)
                    row, header_mode = None, True
                    continue
                if header_mode or (row is None and block is not None and not block.rows):
                    if self._header_word(kind.word, table.spec if table else None):
                        if block is None:
                            spec_table = self._table_for(text)
                            table = new_table(spec_table)
                            block = _Block(spec_table.blocks[0] if spec_table else None)
                            table.blocks.append(block)
                        block.header.append(cell)
                        header_mode = True
                        continue
                # a label
                if block is None:
                    table = new_table(None)
                    block = _Block(None)
                    table.blocks.append(block)
                if header_mode:
                    header_mode = False
                if row is not None and not row.values:
                    row.label.append(cell)
                else:
                    row = _Row([cell])
                    block.rows.append(row)
                row.phys = phys
        return tables

    def _table_with_note(self) -> Table | None:
        return next((t for t in self.template.tables if any(_NOTE in w for w in t.header_words)), None)

    def _table_for(self, text: str) -> Table | None:
        word = key_form(text)
        return next((t for t in self.template.tables if word in self.vocab[t.key]), None)

    def _width(self, block: _Block) -> int:
        if block.width is None:
            block.width = self.block_width(block)
        return block.width

    @staticmethod
    def block_width(block: _Block) -> int:
        spec = block.spec
        if spec is not None and spec.label_title == "":
            return len(spec.columns)            # multi-level header: the template's leaf columns
        named = [c for c in block.header if clean(c.text)]
        if named and spec is not None and key_form(named[0].text) == key_form(spec.label_title):
            named = named[1:]
        if named:
            return len(named)
        return len(spec.columns) if spec is not None else UNBOUNDED


#: The template's assembler (its vocabulary is built once; ``run`` keeps no state).
_assembler = per_template(_Assembler)


# -- the canonical layout, in memory ----------------------------------------------------

class _Builder:
    """The parts of a :class:`~govdisclose.layout.document.Document`, numbered as the lines
    of its canonical text (line 1 is the magic line), and where their cells stood."""

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.count = 1
        self.positions = Positions()

    def line(self, *locations: Location | None) -> int:
        """The next line's number (its cells' *locations* noted)."""
        self.count += 1
        if locations:
            self.positions.line(self.count, locations)
        return self.count

    def text(self, text: str, location: Location | None, number: int | None = None) -> None:
        """A text line (whitespace collapsed): section heading *number* where it is one."""
        if number is not None:
            self.parts.append(Heading(number, text, self.line(location)))
        else:
            self.prose(text, location)

    def prose(self, text: str, location: Location | None) -> None:
        """A text line as it is (a line of prose that ends in numbers: not a heading, even
        when it starts like one, as a table of contents' ``二、主动公开政府信息情况 2``)."""
        self.parts.append(Text(text, self.line(location)))

    def layout(self, notes: dict | None = None, findings: tuple = ()) -> Layout:
        return Layout(Document(tuple(self.parts)), self.positions, notes if notes is not None else {}, findings)

    def table(self, table: _Table) -> None:
        line = self.line()
        blocks = [self._block(block) for block in table.blocks]
        self.line()                                 # [end]
        self.parts.append(LayoutTable(table.spec.key if table.spec else "", tuple(blocks), line))

    def _block(self, block: _Block) -> LayoutBlock:
        width = block.width or _Assembler.block_width(block)
        if width == UNBOUNDED:      # no header and no template block: as wide as its rows
            width = max([len(r.values) for r in block.rows] + [len([c for c in block.header if clean(c.text)])])
        first = self.count + 1
        caption = None
        if block.caption is not None:
            caption = clean(block.caption.text)
            self.line(block.caption.location)
        notes = []
        for note in block.notes:
            notes.append(clean(note.text))
            self.line(note.location)
        header = self._header(block, width)
        self.line()
        rows: list[LayoutRow] = []
        positions = self.positions
        for row in block.rows:
            cells = row.values[:width]
            values = [_kind(v.text).text for v in cells]
            if len(values) < width:
                values += [""] * (width - len(values))
            self.count += 1                         # (self.line, inlined: the most lines are rows)
            positions.line(self.count, (row.label[0].location if row.label else None,
                                        *(cell.location for cell in cells)))
            rows.append(LayoutRow(tuple(_kind(c.text).text for c in row.label), tuple(values), self.count))
            for extra in row.values[width:]:        # never dropped: a row of its own
                rows.append(LayoutRow(("?",), (_kind(extra.text).text, *[""] * (width - 1)),
                                      self.line(extra.location, extra.location)))
        return LayoutBlock(caption, tuple(notes), tuple(header), tuple(rows), first)

    @staticmethod
    def _header(block: _Block, width: int) -> list[str]:
        spec = block.spec
        if spec is not None and (spec.label_title == "" or not block.header):
            return [spec.label_title] + [c.label for c in spec.columns][:width]
        cells = [clean(c.text) for c in block.header if clean(c.text)]
        if cells and spec is not None and key_form(cells[0]) == key_form(spec.label_title):
            cells = cells[1:]
        title = spec.label_title if spec is not None else ""
        if width == UNBOUNDED:
            width = len(cells)
        return [title] + (cells + [f"c{i}" for i in range(len(cells) + 1, width + 1)])[:width]


def is_loose(items: Sequence[Item]) -> bool:
    """Items of text that lost its table structure (a reader gave ``NumberRun`` s): their
    numbers are placed by :func:`govdisclose.recover.recover`, then laid out by
    :func:`from_recovery`; other items by :func:`to_layout`."""
    return any(isinstance(item, NumberRun) for item in items)


def headings_apart(items: list[Item]) -> list[Item]:
    """A report crawled onto one line: its section headings each begin a line of their own
    (and end it), when no line of the text is a heading already."""
    texts = [item for item in items if isinstance(item, TextLine)]
    if any(heading_number(clean(item.text)) is not None for item in texts):
        return items
    out: list[Item] = []
    for item in items:
        cuts = inline_headings(item.text) if isinstance(item, TextLine) else []
        if not cuts:
            out.append(item)
            continue
        line, column = item.location.line, item.location.column or 1
        bounds = sorted({0, len(item.text), *(x for _, start, end in cuts for x in (start, end))})
        for start, end in zip(bounds, bounds[1:]):
            if item.text[start:end].strip():
                out.append(TextLine(item.text[start:end], location(line, column + start)))
    return out


def to_layout(items: Iterable[Item], template: Template) -> Layout:
    """Reader *items* of cell rows and text lines in the canonical layout, the tables rebuilt
    with *template* (loose items, :func:`is_loose`, go through the recovery)."""
    items = headings_apart(list(items))
    if is_loose(items):
        raise TypeError("loose items (NumberRun) are placed by govdisclose.recover.recover, "
                        "then laid out by from_recovery")
    builder = _Builder()
    assembler = _assembler(template)
    run: list[CellRow] = []

    def flush() -> None:
        if run:
            for table in assembler.run(run):
                builder.table(table)
            run.clear()

    for item in items:
        if isinstance(item, CellRow):
            run.append(item)
            continue
        assert isinstance(item, TextLine)
        text = " ".join(item.text.split())          # prose kept as written, whitespace collapsed
        if text:
            flush()
            builder.text(text, item.location, heading_number(clean(text)))
    flush()
    return builder.layout()


def to_canonical(items: Iterable[Item], template: Template) -> Canonical:
    """:func:`to_layout` written as canonical text (what the pipeline never writes: for
    debugging, and the tests that hold the two equal)."""
    return as_canonical(to_layout(items, template))


def as_canonical(layout: Layout) -> Canonical:
    """A layout as canonical text, with its positions, notes and findings."""
    return Canonical(write_canonical(layout.document), layout.positions, layout.notes, layout.findings)



# -- loose text: the numbers recover.py placed, written out ----------------------------------------------------------

def _vocabulary(template: Template) -> tuple[str, ...]:
    words = {"信息内容", "第二十条", "申请人情况", "勾稽关系", "法人或其他组织"}
    for table in template.tables:
        words.update(table.header_words)
        for block in table.blocks:
            words.update(c.label.split("·")[-1] for c in block.columns)
            words.update(g for c in block.columns if c.group for g in c.group.split("·"))
    return tuple(sorted(w for w in (key_form(w) for w in words) if len(w) >= 2))


def _table_text(text: str, vocabulary: tuple[str, ...]) -> bool:
    """A line of a table's header or labels, not prose: very short, or made of the table's words."""
    flat = key_form(text)
    return len(flat) <= 6 or any(w in flat for w in vocabulary)


def from_recovery(items: list[Item], recovery, template: Template) -> Layout:
    """Loose *items* (their headings apart: :func:`headings_apart`) in the canonical layout:
    the tables as *recovery* (:func:`govdisclose.recover.recover` of the same items) placed
    their numbers, the prose as written, the table's own header and label lines left out."""
    vocabulary = _vocabulary(template)
    by_table: dict[str, list] = {}
    for row in recovery.rows:
        by_table.setdefault(row.spec.table.key, []).append(row)
    starts = {min(r.first_item for r in rows): key for key, rows in by_table.items()}
    table_text = set(recovery.consumed)
    for start in starts:                        # the header lines just above a table are table text
        i = start - 1
        while i >= 0 and isinstance(items[i], TextLine) and heading_number(clean(items[i].text)) is None \
                and _table_text(items[i].text, vocabulary):
            table_text.add(i)
            i -= 1
    builder = _Builder()
    notes: dict = {}
    for i, item in enumerate(items):
        if i in starts:
            _recovered_table(builder, notes, template.table(starts[i]), by_table[starts[i]])
        if isinstance(item, NumberRun):
            if i not in table_text and (text := " ".join(item.label.split() + [c.text for c in item.numbers])):
                builder.prose(text, item.location)          # prose that ends in a number: never a heading
            continue
        if not isinstance(item, TextLine):
            continue
        text = " ".join(item.text.split())
        number = heading_number(clean(text)) if text else None
        if number is not None:
            builder.text(text, item.location, number)
        elif text and not (i in table_text and _table_text(text, vocabulary)
                           or i in recovery.consumed and len(key_form(text)) <= 40):
            builder.prose(text, item.location)
    return builder.layout(notes, recovery.findings)


def _recovered_table(builder: _Builder, notes: dict, table: Table, rows: list) -> None:
    line = builder.line()
    by_key = {r.spec.row.key: r for r in rows}
    blocks = []
    for block in table.blocks:
        mine = [by_key[r.key] for r in block.rows if r.key in by_key]
        if not mine:
            continue
        first = builder.count + 1
        if block.caption:
            builder.line()
        builder.line()                              # the header
        layout_rows = []
        for row in mine:
            values = tuple(c.text.strip() for c in row.cells) or ("",) * len(block.columns)
            if len(values) != len(block.columns):       # (what the grammar refuses: never placed so)
                raise CanonicalSyntaxError(f"row has {len(values)} value cells, its header has "
                                           f"{len(block.columns)}", builder.count + 1, 1)
            location = row.cells[0].location if row.cells else (row.digits[0].location if row.digits else None)
            n = builder.line(location, *[c.location for c in row.cells])
            label = row.spec.row.label.strip()
            layout_rows.append(LayoutRow((label,) if label else (), values, n))
            for i in range(1, len(block.columns) + 1):
                notes[(n, i)] = row.provenance
        blocks.append(LayoutBlock(block.caption or None, (),
                                  (block.label_title, *(c.label for c in block.columns)), tuple(layout_rows), first))
    builder.line()                                  # [end]
    builder.parts.append(LayoutTable(table.key, tuple(blocks), line))
