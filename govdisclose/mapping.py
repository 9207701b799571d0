"""Canonical tables -> cells under the template's stable keys (labels -> keys).

Rows are found by their labels (with aliases), never by counting; the one exception is
a positional table's single unlabelled data row (table 3). Every row the template does
not know is kept as ``unknown:<label>``; every problem becomes a finding.
"""
from __future__ import annotations

from typing import Iterable

import attrs

from .findings import finding, unreadable_value
from .layout import document as L
from .layout.document import Positions
from .model import ERROR, INFO, WARNING, Cell, CellColumns, Finding, Location, location, shared_keys
from .normalize import key_form, squeeze
from .rules import declare
from .templates.spec import Block, Column, GroupRow, Row, Table, Template, caption_item, group_rows, per_template
from .values import COUNT, MONEY, read_value

__all__ = ["map_tables", "match_row", "match_group", "match_column", "complete_table"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
PARSE_UNKNOWN_TABLE = declare("parse.unknown-table", WARNING, "a table the template does not have", "模板中没有的表格")
PARSE_DUPLICATE_TABLE = declare("parse.duplicate-table", ERROR, "a table appears twice", "表格重复出现")
PARSE_UNKNOWN_BLOCK = declare("parse.unknown-block", WARNING, "a block caption the table does not have",
                              "表格中没有的栏目")
PARSE_UNKNOWN_COLUMN = declare("parse.unknown-column", WARNING, "a header cell names no column", "表头单元格不对应任何列")
PARSE_UNKNOWN_ROW = declare("parse.unknown-row", WARNING, "a row the template does not have", "模板中没有的行")
PARSE_DUPLICATE_ROW = declare("parse.duplicate-row", ERROR, "a row appears twice", "同一行重复出现")
PARSE_MISSING_TABLE = declare("parse.missing-table", ERROR, "a table of the template is missing", "缺少模板中的表格")
PARSE_MISSING_ROW = declare("parse.missing-row", WARNING, "a row of the template is missing", "缺少模板中的行")
PARSE_MISSING_CELLS = declare("parse.missing-cells", WARNING, "a row lacks some of its cells", "行中缺少单元格")
VALUE_UNIT_CONVERTED = declare("value.unit-converted", (WARNING, INFO), "a money cell in 元 converted to 万元",
                               "以元填写的金额已换算为万元")
VALUE_UNIT_ASSUMED = declare("value.unit-assumed", INFO, "a bare amount taken as 万元", "未注明单位的金额按万元处理")


def _names_match(text: str, names: Iterable[str], prefix: bool = False) -> bool:
    word = key_form(text)
    if not word:
        return False
    for name in names:
        target = key_form(name.split("·")[-1]) if "·" in name and "·" not in text else key_form(name)
        if word == target or (prefix and len(word) >= 2 and (target.startswith(word) or word.startswith(target))):
            return True
    return False


def match_column(block: Block, text: str) -> Column | None:
    """The block's column a header cell names (exact first, then truncated or annotated)."""
    return _cached("column", block, text, _match_column)


def _match_column(block: Block, text: str) -> Column | None:
    for prefix in (False, True):
        for column in block.columns:
            names = column.names()
            if column.group:        # a merged header written out: 法人或其他组织·商业企业
                names += tuple(f"{column.group}·{name}" for name in names)
            if _names_match(text, names, prefix):
                if prefix and _names_another(block, column, text):
                    return None     # two columns' names in one cell (本年废止件数<br>现行有效件数)
                return column
    return None


def _names_another(block: Block, column: Column, text: str) -> bool:
    """Whether a header cell also names another column of the block: a converter joined two
    header cells (and their cells below: which number is whose cannot be told)."""
    word = key_form(text)
    own = {key_form(n.split("·")[-1]) for n in column.names()}
    return any(len(name) >= 4 and name in word and not any(name in o for o in own)
               for other in block.columns if other is not column
               for name in (key_form(n.split("·")[-1]) for n in other.names()))


#: Per template block, label -> the row or column it names: labels repeat from report to
#: report, and matching them is pure. Through the one per-template cache mechanism
#: (``templates.spec.per_template``, keyed by the block itself), each block's memo bounded.
_MAX_MATCHES = 5_000


@per_template
def _matches_of(block: Block) -> dict:
    return {}


def _cached(kind: str, block: Block, text, find):
    memo = _matches_of(block)
    key = (kind, text)
    hit = memo.get(key, memo)
    if hit is memo:
        hit = find(block, text)
        if len(memo) >= _MAX_MATCHES:
            memo.clear()
        memo[key] = hit
    return hit


def match_row(block: Block, label: tuple[str, ...]) -> Row | None:
    """The block's row a label names; the innermost label part decides, then the whole."""
    return _cached("row", block, label, _match_row)


def _match_row(block: Block, label: tuple[str, ...]) -> Row | None:
    candidates = [label[-1]] if label else []
    if len(label) > 1:
        candidates.append("".join(label))
    for text in candidates:
        for row in block.rows:
            if _names_match(text, row.names()):
                return row
    return None


def match_group(block: Block, label: tuple[str, ...]) -> GroupRow | None:
    """The group a label names when it is the merged group label alone (（六）其他处理
    printed as one row, the 2019 way), in a block that has that group's sub-rows."""
    return _cached("group", block, label, _match_group)


def _match_group(block: Block, label: tuple[str, ...]) -> GroupRow | None:
    parts = [part for part in label if key_form(part)]
    if not parts:
        return None
    for group in group_rows(block):
        if all(_names_match(part, (group.label,)) for part in parts):
            return group
    return None


def _unknown_key(label: tuple[str, ...]) -> str:
    return "unknown:" + squeeze("".join(label))


class _Mapper:
    def __init__(self, template: Template, positions: Positions | dict, notes: dict | None = None):
        self.template = template
        self.positions = Positions.of(positions)
        self.notes = notes or {}
        #: key -> the cell read, as a tuple of Cell's fields after its keys (a Cell is built only
        #: where the template's cells must be completed: :meth:`complete`)
        self.cells: dict[tuple[str, str, str], tuple] = {}
        self.findings: list[Finding] = []
        self.seen_rows: dict[tuple[str, str], int] = {}

    def loc(self, line: int, index: int = 0) -> Location:
        return self.positions.get((line, index)) or self.positions.get((line, 0)) or location(line)

    def table(self, table: L.LayoutTable, seen_tables: set[str]) -> None:
        spec = next((t for t in self.template.tables if t.key == table.key), None)
        if spec is None:
            first = next((row.line for block in table.blocks for row in block.rows), table.line)
            self.findings.append(finding(
                PARSE_UNKNOWN_TABLE, WARNING, self.loc(first),
                en=f"a table the template {self.template.id} does not know; its rows are kept as unknown",
                zh="模板中没有的表格，其各行按未知行保留"))
        elif spec.key in seen_tables and not spec.blocks[0].caption:
            self.findings.append(finding(
                PARSE_DUPLICATE_TABLE, ERROR, self.loc(table.line), table=spec.key,
                en=f"table {spec.key} appears twice; the first one is kept",
                zh=f"表格{spec.title}出现两次，保留第一次"))
            return
        if spec is not None:
            seen_tables.add(spec.key)
        table_key = spec.key if spec else (table.key or "unknown")
        for block in table.blocks:
            self.block(spec, table_key, block)

    def block(self, spec: Table | None, table_key: str, block: L.LayoutBlock) -> None:
        block_spec = self._block_spec(spec, block)
        columns: list[tuple[str, str]] = []         # (key, vtype)
        for i, text in enumerate(block.header[1:], 1):
            column = match_column(block_spec, text) if block_spec else None
            if column is None or any(k == column.key for k, _ in columns):
                if block_spec is not None:
                    self.findings.append(finding(
                        PARSE_UNKNOWN_COLUMN, WARNING, self.loc(block.line), table=table_key,
                        en=f"header cell {text!r} names no column of this block; kept as c{i}",
                        zh=f"表头“{text}”不对应任何列，按c{i}保留"))
                columns.append((f"c{i}", COUNT))
            else:
                columns.append((column.key, column.vtype))
        for row in block.rows:
            self.row(spec, table_key, block_spec, columns, row)

    def _block_spec(self, spec: Table | None, block: L.LayoutBlock) -> Block | None:
        if spec is None:
            return None
        if block.caption is not None:
            item = caption_item(block.caption)
            found = next((b for b in spec.blocks if b.caption and caption_item(b.caption) == item), None)
            if found is None:
                self.findings.append(finding(
                    PARSE_UNKNOWN_BLOCK, WARNING, self.loc(block.line), table=spec.key,
                    en=f"caption {block.caption!r} names no block of table {spec.key}",
                    zh=f"“{block.caption}”不是本表的栏目"))
            return found
        return spec.blocks[0] if len(spec.blocks) == 1 else None

    def row(self, spec: Table | None, table_key: str, block_spec: Block | None,
            columns: list[tuple[str, str]], row: L.LayoutRow) -> None:
        row_spec = match_row(block_spec, row.label) if block_spec else None
        if row_spec is None and spec is not None and spec.positional and not row.label and block_spec:
            row_spec = block_spec.rows[0]
        label_text = " ".join(row.label)
        group = match_group(block_spec, row.label) if row_spec is None and block_spec else None
        if group is not None:
            row_key = group.key
        elif row_spec is None:
            row_key = _unknown_key(row.label) if row.label else "unknown:"
            self.findings.append(finding(
                PARSE_UNKNOWN_ROW, WARNING, self.loc(row.line), table=table_key, row=row_key,
                en=f"row {label_text or '(no label)'!r} is not in the template {self.template.id}; kept as {row_key}",
                zh=f"模板{self.template.id}中没有“{label_text}”这一行，按未知行保留",
                details=(("label", label_text), ("raw", row.cells))))
        else:
            row_key = row_spec.key
        if (table_key, row_key) in self.seen_rows:
            self.findings.append(finding(
                PARSE_DUPLICATE_ROW, ERROR, self.loc(row.line), table=table_key, row=row_key,
                en=f"row {row_key} appears twice (first at line {self.seen_rows[(table_key, row_key)]}); "
                   "the first is kept", zh=f"“{label_text}”行重复出现，保留第一次",
                details=(("raw", row.cells),)))
            return
        self.seen_rows[(table_key, row_key)] = self.loc(row.line).line or row.line
        line, notes, cells = row.line, self.notes, self.cells
        placed = dict.get(self.positions, line) or ()               # the row's cells' locations (Positions)
        at_line = (placed[0] if placed else None) or location(line)
        n_placed = len(placed)
        for i, ((column_key, vtype), raw) in enumerate(zip(columns, row.cells), 1):
            reading = read_value(raw, vtype)
            where = (placed[i] if i < n_placed else None) or at_line     # self.loc(line, i)
            cells[(table_key, row_key, column_key)] = (reading.value, raw, reading.kind, reading.unit, label_text,
                                                       where, tuple(notes.get((line, i), ())) if notes else ())
            if reading.note is None and reading.kind != "text":
                continue                        # read as written: nothing to note
            if reading.kind == "text":
                self.findings.append(unreadable_value(raw, reading.note, where, table_key, row_key, column_key))
            elif reading.note and reading.unit == "元":
                self.findings.append(finding(
                    VALUE_UNIT_CONVERTED, WARNING if vtype == MONEY else INFO, where,
                    table=table_key, row=row_key, column=column_key,
                    en=f"{raw!r} is in 元; converted to {reading.value} 万元",
                    zh=f"“{raw}”以元为单位，已换算为{reading.value}万元", details=(("raw", raw),)))
            elif reading.note:
                self.findings.append(finding(
                    VALUE_UNIT_ASSUMED, INFO, where, table=table_key, row=row_key, column=column_key,
                    en=f"{raw!r}: the header states no unit; taken as 万元",
                    zh=f"“{raw}”未注明单位，按万元计", details=(("raw", raw),)))

    def complete(self, tables_present: set[str]) -> list[Cell] | None:
        """Cells the template expects but the report lacks: absent, with a finding. The
        template's cells in order, or None when every one was read and nothing else."""
        order = _cell_order(self.template)
        if not order.keys() - self.cells.keys() and len(self.cells) == len(order):
            return None                 # every cell there (the common case): nothing to look for
        have = {key: Cell(*key, *fields) for key, fields in self.cells.items()}
        ordered: list[Cell] = []
        for spec in self.template.tables:
            if spec.key in tables_present:
                ordered += complete_table(spec, have, self.findings)
            else:
                self.findings.append(finding(
                    PARSE_MISSING_TABLE, ERROR, Location(), table=spec.key,
                    en=f"table {spec.key} ({spec.title}) was not found", zh=f"未找到表格：{spec.title}"))
        placed = {cell.key for cell in ordered}
        # unknown rows and columns last, in the order read
        return ordered + [cell for key, cell in have.items() if key not in placed]


def complete_table(spec: Table, have: dict[tuple[str, str, str], Cell], findings: list[Finding],
                   partial: bool = True) -> list[Cell]:
    """*spec*'s cells in template order: those in *have*, the others absent, each wholly missing
    row with a finding (and, with *partial*, each row missing some columns).

    A group printed as one row (key ``other`` for （六）其他处理) stands in the place of its
    sub-rows, which are then not missing; a group label row left blank above its sub-rows is
    only their caption, and is dropped."""
    out: list[Cell] = []
    rows_present = {key[1] for key in have if key[0] == spec.key}
    for block in spec.blocks:
        groups = {g.members[0]: g for g in group_rows(block)}
        replaced: set[str] = set()
        for g in groups.values():
            if g.key not in rows_present:
                continue
            own = [have[k] for k in ((spec.key, g.key, c.key) for c in block.columns) if k in have]
            if any(m in rows_present for m in g.members):
                for c in own:
                    del have[c.key]
                if any(c.value is not None for c in own):   # numbers beside its sub-rows: a subtotal
                    key = _unknown_key((own[0].label,))      # row this template does not have
                    for c in own:
                        have[(spec.key, key, c.column)] = attrs.evolve(c, row=key)
                    findings.append(finding(
                        PARSE_UNKNOWN_ROW, WARNING, own[0].location, table=spec.key, row=key,
                        en=f"row {own[0].label!r} stands beside its sub-rows (a subtotal), which the template "
                           f"does not have; kept as {key}", zh=f"“{own[0].label}”为小计行，模板中没有，按未知行保留",
                        details=(("label", own[0].label), ("raw", tuple(c.raw for c in own)))))
                continue
            replaced.update(g.members)
        for row in block.rows:
            g = groups.get(row.key)
            if g is not None and row.key in replaced:
                out.extend(have[k] for k in ((spec.key, g.key, c.key) for c in block.columns) if k in have)
            if row.key in replaced:
                continue
            missing = [c for c in block.columns if (spec.key, row.key, c.key) not in have]
            for column in block.columns:
                cell = have.get((spec.key, row.key, column.key))
                out.append(cell if cell is not None else Cell(spec.key, row.key, column.key, None, "", "absent",
                                                              None, row.label, Location()))
            if not missing:
                continue
            if len(missing) == len(block.columns):
                findings.append(finding(
                    PARSE_MISSING_ROW, WARNING, Location(), table=spec.key, row=row.key,
                    en=f"row {row.key} ({row.label or 'data row'}) was not found; its cells are blank",
                    zh=f"未找到“{row.label or '数据行'}”行，按空白处理"))
            elif partial:
                findings.append(finding(
                    PARSE_MISSING_CELLS, WARNING, Location(), table=spec.key, row=row.key,
                    en=f"row {row.key} lacks columns {', '.join(c.key for c in missing)}; blank",
                    zh=f"“{row.label}”行缺少部分列，按空白处理"))
    return out


def map_tables(document: L.Document, template: Template, positions: Positions | dict,
               notes: dict | None = None) -> tuple[CellColumns, list[Finding]]:
    """The cells (in template order, then unknown ones) and findings of *document*'s tables,
    the cells by column (:class:`~govdisclose.model.CellColumns`: no Cell is built where the
    report has every cell of its template); *notes* gives recovered cells their provenance."""
    mapper = _Mapper(template, positions, notes)
    seen: set[str] = set()
    for table in document.tables:
        mapper.table(table, seen)
    ordered = mapper.complete(seen)
    if ordered is not None:
        return CellColumns.of(ordered), mapper.findings
    keys = _cell_keys(template)
    values, raws, kinds, units, labels, places, provenance = zip(*map(mapper.cells.__getitem__, keys))
    return CellColumns(keys, values, raws, kinds, units, labels, tuple([at.line for at in places]),
                       tuple([at.column for at in places]), tuple([at.page for at in places]),
                       provenance), mapper.findings


@per_template
def _cell_keys(template: Template) -> tuple[tuple[str, str, str], ...]:
    """The template's cell keys in order: one tuple, which every report with all of them shares."""
    return shared_keys(tuple(_cell_order(template)))


@per_template
def _cell_order(template: Template) -> dict[tuple[str, str, str], int]:
    """Each template cell's place (tables, blocks, rows, columns in order)."""
    order: dict[tuple[str, str, str], int] = {}
    for spec in template.tables:
        for block in spec.blocks:
            for row in block.rows:
                for column in block.columns:
                    order[(spec.key, row.key, column.key)] = len(order)
    return order
