"""Template definitions: the public vocabulary plugins use to declare tables.

A :class:`Template` is data: tables made of blocks, each block with its columns and
rows, every one with a stable ``key`` (the data dictionary's) and the Chinese label
it is found by (plus aliases). The national templates and every plugin declare theirs
with these classes; a variant *extends* its national base with :meth:`Template.extend`
instead of copying it.
"""
from __future__ import annotations

import functools
import re
from typing import Callable, Iterable, Mapping, Sequence, TypeVar

import attrs

from ..normalize import key_form, squeeze
from ..values import COUNT

__all__ = ["Column", "Row", "GroupRow", "group_rows", "printable_rows", "Block", "Table", "Template", "per_template",
           "caption_item"]


def _tuple(items: Iterable) -> tuple:
    return tuple(items)


@attrs.frozen
class Column:
    """One value column: ``key`` as in the data dictionary, ``label`` as in the template."""

    key: str
    label: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    vtype: str = COUNT
    group: str | None = None        # a merged header above it, e.g. 法人或其他组织
    signed: bool = False            # may be negative (2019 本年增/减); other counts may not
    #: A subtotal column: the keys of the columns of its block it adds up (in every row).
    #: Only declares the relation (for generated reports and checks); nothing is computed.
    sum_of: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@attrs.frozen
class Row:
    """One data row, found by its label (never by its position)."""

    key: str
    label: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    group: str | None = None        # the merged label cell it sits under, e.g. （三）不予公开
    #: A subtotal row: the keys of the rows of its block it adds up (in every column). A
    #: national rule over "every outcome row" (R4) leaves such rows out.
    sum_of: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@attrs.frozen
class GroupRow:
    """A merged group label (（六）其他处理) printed as a row of its own, the 2019 way, in a
    template that has its sub-rows: its key is their keys' common prefix (``other``), and it
    stands for them (in R3, R4 and in the cells a report has)."""

    key: str
    label: str
    members: tuple[str, ...]


def _group_rows(block: "Block") -> tuple[GroupRow, ...]:
    """The groups of *block* whose sub-rows share a key prefix (``other.*`` -> ``other``)."""
    groups: dict[str, list[Row]] = {}
    for row in block.rows:
        if row.group and "." in row.key and not row.group.startswith("三、"):
            groups.setdefault(row.group, []).append(row)
    out = []
    for label, rows in groups.items():
        prefixes = {r.key.split(".", 1)[0] for r in rows}
        if len(prefixes) == 1:
            key = prefixes.pop()
            # not when the block has a row of that key or label (a variant's subtotal row)
            if not any(r.key == key or key_form(r.label) == key_form(label) for r in block.rows):
                out.append(GroupRow(key, label, tuple(r.key for r in rows)))
    return tuple(out)


def printable_rows(block: "Block") -> tuple[Row, ...]:
    """Every row a report may print in *block*: the template's rows and, just before its
    sub-rows, each group printed as one row (drawn only when a report has it)."""
    groups = {g.members[0]: g for g in group_rows(block)}
    if not groups:
        return block.rows
    out: list[Row] = []
    for row in block.rows:
        if row.key in groups:
            out.append(Row(groups[row.key].key, groups[row.key].label))
        out.append(row)
    return tuple(out)


@attrs.frozen
class Block:
    """A caption (optional), a header and rows sharing the same columns."""

    key: str
    columns: tuple[Column, ...] = attrs.field(converter=_tuple)
    rows: tuple[Row, ...] = attrs.field(converter=_tuple)
    caption: str | None = None      # e.g. 第二十条第（一）项
    label_title: str = "信息内容"    # the header over the label column

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)


@attrs.frozen
class Table:
    """A statistics table: one or more blocks and the words of its header."""

    key: str
    title: str
    blocks: tuple[Block, ...] = attrs.field(converter=_tuple)
    header_words: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    positional: bool = False        # a single unlabelled data row read by position (table 3)
    section: int | None = None      # the report section (二=2, 三=3, 四=4) it belongs to

    def block(self, key: str) -> Block:
        return next(b for b in self.blocks if b.key == key)

    def vocabulary(self) -> frozenset[str]:
        """Every header word of this table in key form (groups, columns, titles)."""
        words = {key_form(w) for w in self.header_words}
        for block in self.blocks:
            words.add(key_form(block.label_title))
            for col in block.columns:
                words.update(key_form(n.split("·")[-1]) for n in col.names())
                if col.group:
                    words.update(key_form(g) for g in col.group.split("·"))
        words.discard("")
        return frozenset(words)


@attrs.frozen
class Template:
    """A report template: the national base (``base is None``) or a variant of one."""

    id: str
    title: str
    tables: tuple[Table, ...] = attrs.field(converter=_tuple)
    markers: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    base: str | None = None         # id of the national template a variant extends
    description: str = ""

    @property
    def national(self) -> str:
        """The national template whose tables this one follows."""
        return self.base or self.id

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def marker_score(self, text: str) -> int:
        """How many of this template's own markers occur in *text* (squeezed)."""
        flat = squeeze(text)
        return sum(1 for m in self.markers if squeeze(m) in flat)

    def extend(self, id: str, *, title: str = "", markers: Sequence[str] = (),
               add_rows: Mapping[tuple[str, str], Sequence[tuple[str | None, Row]]] = {},
               add_columns: Mapping[tuple[str, str], Sequence[tuple[str | None, Column]]] = {},
               replace_rows: Mapping[tuple[str, str], Sequence[Row]] = {},
               replace_columns: Mapping[tuple[str, str], Sequence[Column]] = {},
               description: str = "") -> "Template":
        """A variant of this template.

        ``add_rows[(table, block)]`` is a list of ``(after_row_key, Row)``: the row is
        inserted after the named row (``None``: at the end). ``add_columns`` likewise.
        ``replace_rows[(table, block)]`` is a list of rows, each taking the place of the
        base row with the same key (e.g. ``attrs.evolve(row, aliases=…)`` to add a label);
        ``replace_columns`` likewise. A key, table or block that is not there is a ``KeyError``.
        """
        tables = []
        known = {(t.key, b.key) for t in self.tables for b in t.blocks}
        for where in (*add_rows, *add_columns, *replace_rows, *replace_columns):
            if tuple(where) not in known:
                raise KeyError(f"no block {where!r} in template {self.id!r}")
        for table in self.tables:
            blocks = []
            for block in table.blocks:
                rows = _replaced(list(block.rows), replace_rows.get((table.key, block.key), ()))
                for after, row in add_rows.get((table.key, block.key), ()):
                    rows.insert(_position(rows, after), row)
                cols = _replaced(list(block.columns), replace_columns.get((table.key, block.key), ()))
                for after, col in add_columns.get((table.key, block.key), ()):
                    cols.insert(_position(cols, after), col)
                blocks.append(attrs.evolve(block, rows=rows, columns=cols))
            tables.append(attrs.evolve(table, blocks=blocks))
        return Template(id=id, title=title or self.title, tables=tables, markers=markers,
                        base=self.national, description=description)


def _position(items: list, after: str | None) -> int:
    if after is None:
        return len(items)
    for i, item in enumerate(items):
        if item.key == after:
            return i + 1
    raise KeyError(f"no row or column {after!r} to insert after")


def _replaced(items: list, replacements: Sequence) -> list:
    for new in replacements:
        i = next((i for i, item in enumerate(items) if item.key == new.key), None)
        if i is None:
            raise KeyError(f"no row or column {new.key!r} to replace")
        items[i] = new
    return items


_CAPTION = re.compile(r"第二十条第?\(?([一二三四五六七八九十]+)\)?项")


def caption_item(text: str) -> str | None:
    """The item a block's caption names: ``第二十条第（一）项`` -> ``一``."""
    m = _CAPTION.search(squeeze(text))
    return m.group(1) if m else None


T = TypeVar("T")


def per_template(make: Callable[..., T]) -> Callable[..., T]:
    """Decorator: ``make(template, *args)`` computed once per template object (or one of its
    parts: a table, a block) and *args*, for what every report of a template needs (its
    assembler, its rules' cell keys, its cell order, its labels' matches): the one cache
    mechanism of what a template determines. Keyed by the template's identity (templates
    are immutable, and hashing one is slow), the template kept alongside so that a reused
    id never hits; bounded."""
    cache: dict[tuple, tuple] = {}

    @functools.wraps(make)
    def get(template, *args):
        key = (id(template), *args)
        hit = cache.get(key)
        if hit is None or hit[0] is not template:
            if len(cache) >= 1024:
                cache.clear()           # (atomic: safe when threads parse at once)
            hit = cache[key] = (template, make(template, *args))
        return hit[1]
    return get


#: The groups of a block whose sub-rows share a key prefix (``other.*`` -> ``other``), worked
#: out once per block (every report's checks, mapping and stream ask).
group_rows: Callable[["Block"], tuple[GroupRow, ...]] = per_template(_group_rows)
