"""Per table, the better of two readings: the sniffed reader's and the stream's.

The reader chosen by sniffing trusts its layout (columns, rows, lines). When it leaves a
table missing, cells unresolved, rows unknown or a row whose own sums fail, the same text is
also read as a stream (:mod:`govdisclose.stream`), and each table is taken from the reading
that fills the most cells while its rules hold:

- a table only one reading has comes from that reading;
- the stream's table wins when it fills more cells and breaks no more row sums (R3, R5), or
  as many cells and fewer breaks (a cell shifted one column breaks its row's sum); a tie
  keeps the reader's;
- where the reader found a table but read no number in it, the stream's table is taken when
  its rows whose sums fail were read as written (as many numbers as cells, in order): the
  report's own sums may fail (the checks then say so), and nothing is against them.

Every cell taken from the stream carries ``stream`` first in its provenance, and
``Meta.reader`` names both readings (``pdf+stream``); the table's findings are the stream's.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import attrs

from .checks.national import REVIEW_GROUPS, REVIEW_OUTCOMES
from .findings import finding
from .mapping import complete_table
from .model import WARNING, Cell, CellColumns, Finding, Location, TableReading
from .rules import declare
from .stream import RECOVER_NO_NUMBERS, snorm
from .templates.spec import Table, Template

__all__ = ["needs_stream", "combine", "readings_of"]

# The rules raised here (the registry: govdisclose.rules; documented in docs/findings.md).
READ_TIE = declare("read.tie", WARNING, "two readings of a table tie and differ", "两种读法相当而结果不同")


def _row_breaks(table: Table, cells: Sequence[Cell], blanks: bool = True) -> set[str]:
    """Rows of *table* whose own sums (R3 in table 2, R5 in table 3) fail, blanks as 0 (with
    *blanks* false, a row with a blank cell is not assessed)."""
    return _broken_rows(CellColumns.of(cells), table, blanks)


def _broken_rows(cells: CellColumns, table: Table, blanks: bool = True) -> set[str]:
    """:func:`_row_breaks` of cells by column: each row's sums at the places worked out once
    for reports with the same keys (:func:`_row_sums`)."""
    values, kinds, provenance = cells.values, cells.kinds, cells.provenance
    broken = set()
    for row, places, sums in cells.memo(table, _row_sums):
        if any(kinds[i] == "absent" or provenance[i] == ("unresolved",) or (not blanks and values[i] is None)
               for i in places):
            continue                                # not assessed
        if any((values[total] or 0) != sum(values[i] or 0 for i in parts) for total, parts in sums):
            broken.add(row)
    return broken


def _row_sums(cells: CellColumns, table: Table) -> tuple:
    """(row, the places of its cells, its sums as (total's place, parts' places)) for each row
    of *table* in *cells*: in table 2 the row's total and every other column but a variant's
    小计 columns, in table 3 each group's total and its outcomes."""
    by_row: dict[str, dict[str, int]] = {}
    places: dict[str, list[int]] = {}
    for i, (key, row, column) in enumerate(cells.keys):
        if key == table.key:
            by_row.setdefault(row, {})[column] = i
            places.setdefault(row, []).append(i)
    subtotals = {c.key for b in table.blocks for c in b.columns if c.sum_of}
    out = []
    for row, at in by_row.items():
        if table.key == "applications":
            sums = ((at["total"], tuple(i for k, i in at.items() if k != "total" and k not in subtotals)),) \
                if "total" in at else ()
        elif table.key == "reviews":
            sums = tuple((at[f"{g}.total"], tuple(at[f"{g}.{k}"] for k in REVIEW_OUTCOMES if f"{g}.{k}" in at))
                         for g in REVIEW_GROUPS if f"{g}.total" in at)
        else:
            sums = ()
        if sums:
            out.append((row, tuple(places[row]), sums))
    return tuple(out)


def _filled(cells: Iterable[Cell]) -> int:
    return sum(1 for c in cells if c.kind in ("number", "placeholder") and not c.row.startswith("unknown:"))


def needs_stream(cells: CellColumns, findings: Sequence[Finding], template: Template) -> bool:
    """Whether the reader's reading (its cells by column) leaves something the stream may
    read: a table missing, cells unresolved or missing from a row, unknown rows, or a row whose
    own sum fails (a row missing as a whole, with every label in place, is the report's own)."""
    kinds = cells.kinds
    if cells.memo(None, _has_unknown_rows) or any(p and "unresolved" in p for p in cells.provenance):
        return True
    tables = cells.memo(None, _table_places)
    if any(not any(kinds[i] != "absent" for i in tables.get(t.key, ())) for t in template.tables):
        return True                                 # a table missing (no cell of it read)
    if any(f.rule.startswith(("recover.", "parse.unknown", "parse.missing-table", "parse.missing-cells",
                              "value.unreadable")) for f in findings):
        return True
    return any(_broken_rows(cells, table) for table in template.tables)


def _has_unknown_rows(cells: CellColumns, _) -> bool:
    return any(row.startswith("unknown:") for _, row, _ in cells.keys)


def _table_places(cells: CellColumns, _) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for i, key in enumerate(cells.keys):
        found.setdefault(key[0], []).append(i)
    return {table: tuple(at) for table, at in found.items()}


def readings_of(cells: Sequence[Cell], findings: Sequence[Finding], template: Template) -> dict[str, TableReading]:
    """A reader's mapped cells and findings as one reading per template table it read numbers in."""
    out = {}
    for table in template.tables:
        mine = tuple(c for c in cells if c.table == table.key)
        if not any(c.kind == "number" and not c.row.startswith("unknown:") for c in mine):
            continue            # no number read (a header alone; a markdown rule read as dashes)
        lines = [c.location.line for c in mine if c.location.line]
        out[table.key] = TableReading(table.key, mine, tuple(f for f in findings if f.table == table.key),
                                      _filled(mine), len({c.row for c in mine if c.kind != "absent"}),
                                      (min(lines), max(lines)) if lines else (0, 0))
    return out


def combine(cells: list[Cell], findings: list[Finding], readings: Sequence[tuple[str, dict[str, TableReading]]],
            template: Template) -> tuple[list[Cell], list[Finding], list[str]]:
    """The cells and findings with each table from the best reading: the reader's own
    (*cells*, *findings*) or one of the other *readings* (``(name, tables)``, the stream's
    first); and the names of the readings any table was taken from.

    Two readings that fill as many cells (or within :data:`NEAR_TIE`) with no more broken row
    sums and still differ are a tie nothing decides: the cells they disagree on are
    unresolved (``read.tie``)."""
    taken: list[tuple[str, str]] = []          # (reading, table) for each table another reading gave
    out_cells: list[Cell] = []
    out_findings = list(findings)
    for table in template.tables:
        mine, doubted = _honest([c for c in cells if c.table == table.key], findings)
        out_findings.extend(finding(
            RECOVER_NO_NUMBERS, WARNING, Location(), table=table.key, row=row,
            en=f"row {row}'s numbers could not be told apart from those of the table that did not fit its rows: "
               "its cells are left unresolved, not blank", zh="该行数字无法与本表未能对齐的数字区分，单元格未予采用")
            for row in doubted)
        others = [(name, tables[table.key]) for name, tables in readings if table.key in tables]
        if "stream" in dict(others):
            mine = _doubted_by_stream(table, mine, dict(others)["stream"], out_findings)
        missing = any(f.rule == "parse.missing-table" and f.table == table.key for f in findings) or not mine
        best_name, best = None, [c for c in mine if c.kind != "absent"]
        best_score = (_filled(best), -len(_row_breaks(table, best)))
        empty = not missing and best_score[0] == 0         # the reader found the table, but not one number
        weighed: list[tuple[str, list[Cell], tuple[int, int]]] = [] if missing else [("the reader", best, best_score)]
        for name, theirs in others:
            their_cells = [_from(name, c) for c in theirs.cells]
            score = (_filled(their_cells), -len(_row_breaks(table, their_cells)))
            weighed.append((name, their_cells, score))
            # a table the reader missed: the stream's when it read it; another reader's only with
            # numbers (a header alone is no row of blanks)
            first_table = missing and best_name is None and (theirs.resolved if name == "stream" else theirs.filled)
            # where the reader read no number, the stream's numbers as written (as many as the
            # cells, in order) stand even when the report's own sums fail with them
            first_table = first_table or (empty and best_name is None and name == "stream" and score[0]
                                          and _as_written(table, their_cells))
            # where the reader made only unknown rows of the table (html2text's header cells read
            # as rows) and the stream found every row, all its cells empty (一、本年新收…| | | |):
            # blank, not absent
            first_table = first_table or (empty and best_name is None and name == "stream" and not score[0]
                                          and best and all(c.row.startswith("unknown:") for c in best)
                                          and theirs.resolved == len(theirs.cells) > 0
                                          and all(c.kind == "blank" for c in their_cells))
            if first_table or (score[0] > best_score[0] and score[1] >= best_score[1]) \
                    or (score[0] == best_score[0] and score[1] > best_score[1]):
                best_name, best, best_score = name, their_cells, score
        # readings as good, or nearly (a cell or two fewer, no more broken sums), that give a cell
        # another value: nothing decides between them there
        ties = [(name, their_cells) for name, their_cells, score in weighed
                if name != (best_name or "the reader") and score[0] and score[1] >= best_score[1]
                and best_score[0] - score[0] <= NEAR_TIE and _differ(best, their_cells)]
        if best_name is None:
            out_cells.extend(_tied(table, mine, ties, "the reader", out_findings))
            continue
        theirs = dict(others)[best_name]
        taken.append((best_name, table.key))
        unknown = _still_unknown(mine, theirs)
        out_findings = [f for f in out_findings if f.table != table.key
                        or (f.rule == "parse.unknown-row" and f.row in unknown)]
        out_findings.extend(theirs.findings)
        chosen = complete_table(table, {c.key: c for c in best}, out_findings, partial=False)
        out_cells.extend(_tied(table, chosen, ties, best_name, out_findings))
        out_cells.extend(c for c in mine if c.row in unknown)
    # unknown tables stay as read, but for those within the lines of a table another reading
    # took: what the reader could not make of them that reading has read (a converter's
    # row-by-row tables)
    keys = {t.key for t in template.tables}
    spans = [dict(readings)[name][key].lines for name, key in taken]
    read = [c for c in cells if c.table not in keys and not _within(c.location, spans)]
    superseded = {c.table for c in cells if c.table not in keys} - {c.table for c in read}
    out_findings = [f for f in out_findings
                    if not (f.table in superseded or (f.table is None and f.rule == "parse.unknown-table"
                                                      and _within(f.location, spans)))]
    out_cells.extend(read)
    return out_cells, out_findings, list(dict.fromkeys(name for name, _ in taken))


def _as_written(table: Table, cells: Sequence[Cell]) -> bool:
    """Whether every row of *cells* whose own sum fails was read as written: its numbers as many
    as its cells and in their order (``layout``), not split from run-together digits or put in
    order by the sums."""
    broken = _row_breaks(table, cells)
    return all(c.provenance[1:] == ("layout",) for c in cells if c.row in broken)


#: How many fewer cells a reading may fill (with no more broken row sums) and still tie with
#: the best: a near-tie, where the cells they disagree on are not the best's to give.
NEAR_TIE = 2


def _differ(a: Sequence[Cell], b: Sequence[Cell]) -> bool:
    values = {c.key: c.value for c in a if c.kind != "absent"}
    return any(c.kind != "absent" and c.key in values and values[c.key] != c.value for c in b)


def _tied(table: Table, cells: list[Cell], ties: list[tuple[str, list[Cell]]], name: str,
          findings: list[Finding]) -> list[Cell]:
    """*cells* with those another, equally good reading gives another value unresolved."""
    if not ties:
        return cells
    others = {}
    for other, their_cells in ties:
        for c in their_cells:
            if c.kind != "absent":
                others.setdefault(c.key, []).append((other, c.value))
    out = []
    for c in cells:
        alternatives = [(o, v) for o, v in others.get(c.key, ()) if v != c.value]
        if c.kind != "absent" and alternatives:
            findings.append(finding(
                READ_TIE, WARNING, c.location, table=c.table, row=c.row, column=c.column,
                en=f"readings fit equally (or nearly) well and differ: {name} reads {c.value}, "
                   + ", ".join(f"{o} reads {v}" for o, v in alternatives) + "; the cell is left unresolved",
                zh="多种读法同样（或几乎同样）吻合而结果不同，单元格未予采用",
                details=(("readings", ((name, c.value), *alternatives)),)))
            c = attrs.evolve(c, kind="absent", value=None, provenance=("unresolved", *c.provenance))
        out.append(c)
    return out


def _within(where: Location, spans: Sequence[tuple[int, int]]) -> bool:
    return where.line is not None and any(first <= where.line <= last for first, last in spans)


def _doubted_by_stream(table: Table, mine: list[Cell], theirs: TableReading, findings: list[Finding]) -> list[Cell]:
    """The reader's rows the stream could not tell and has evidence against: a row whose sum
    fails in the reader's reading while the stream leaves it unresolved, or a row with numbers
    standing before its label that no row has (``recover.stray-numbers``), unless its sum
    holds. Those cells are unresolved, with the stream's finding."""
    unresolved = {c.row for c in theirs.cells if c.provenance == ("unresolved",)}
    if not unresolved:
        return mine
    why = {f.row: f for f in theirs.findings if f.row in unresolved}
    broken = _row_breaks(table, mine, blanks=False)
    stray = {f.row for f in theirs.findings if f.rule == "recover.stray-numbers"}
    rows = {c.row for c in mine if c.kind != "absent"}
    doubted = {r for r in rows & unresolved if r in broken or (r in stray and table.key != "applications")}
    if not doubted:
        return mine
    findings.extend(why[r] for r in sorted(doubted) if r in why)
    return [attrs.evolve(c, kind="absent", value=None, provenance=("unresolved", *c.provenance))
            if c.row in doubted else c for c in mine]


def _still_unknown(mine: Sequence[Cell], theirs: TableReading) -> set[str]:
    """The reader's unknown rows that the stream did not read as a template row (a label
    variant it matched, or a group printed as one row): they stay, with their findings."""
    variants = {snorm(str(f.detail("written") or "")) for f in theirs.findings if f.rule == "recover.label-variant"}
    labels = {snorm(c.label) for c in theirs.cells}
    out = set()
    for c in mine:
        if c.row.startswith("unknown:"):
            label = snorm(c.row[len("unknown:"):])
            if label and label not in labels and not any(w and w in label for w in variants):
                out.add(c.row)
    return out


_NOT_READ = {("unaligned",), ("unordered",), ("ambiguous",)}


def _honest(cells: list[Cell], findings: Sequence[Finding]) -> tuple[list[Cell], list[str]]:
    """The line-based recovery's cells it could not place (``unaligned`` …) are unresolved, not
    blank; and where a table has such rows, its rows with a label and no numbers are too (their
    numbers may be the ones that did not fit)."""
    if not any(c.provenance in _NOT_READ for c in cells):
        return cells, []
    table = cells[0].table
    named = {r for f in findings if f.table == table for r in (f.row, *(f.detail("rows") or ()))}
    doubted = list(dict.fromkeys(c.row for c in cells if c.provenance == ("blank",)
                                 or (c.provenance in _NOT_READ and c.row not in named)))
    return [attrs.evolve(c, kind="absent", provenance=("unresolved", *c.provenance))
            if c.provenance in _NOT_READ or c.provenance == ("blank",) else c for c in cells], doubted


def _from(name: str, cell: Cell) -> Cell:
    """A cell another reading gave: its provenance starts with that reading's name."""
    if cell.provenance[:1] == (name,):
        return cell
    return attrs.evolve(cell, provenance=(name, *cell.provenance))
