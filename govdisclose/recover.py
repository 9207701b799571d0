"""Cells from text that lost its table structure, with the template's labels and arithmetic.

Input: the items of :class:`~govdisclose.readers.loose.LooseReader` — text lines and
:class:`NumberRun` s (a line's trailing numbers and the label before them). Output: for
every template row found, its cells, how they were found, and findings where they could
not be found. Nothing is guessed:

1. **Anchors.** A run whose label text (with the text since the run before: wrapped and
   one-character-a-line labels) names a template row anchors that row. Anchors follow
   the template's row order; a row is matched by its label's core (ordinal and bracketed
   guidance removed), or by the start of a long label wrapped onto the next line.
2. **Numbers to rows.** The numbers from one anchor to the next belong to the rows from
   the first anchor's row up to the next anchor's, in template order (numbers of rows
   whose labels are missing, as in ``pdftotext``'s default mode, are placed by that order
   when their count fits exactly). Numbers that follow each other with no text between
   are in layout order; a row whose numbers are separated by text (interleaved columns)
   is kept only when its rules hold (R3 for table 2, R5 for table 3), else it is left
   blank with a ``recover.unordered`` finding.
3. **Run-together digits.** A row with fewer numbers than cells (``152000017`` for seven
   cells) is split into the row's cells: no leading zeros (but a lone 0), the row's own
   rules (总计 = its parts: R3 for table 2, R5 for each table-3 group), then the column
   rules across rows (R1, R4) for rows left with several candidates. A split is accepted
   only when exactly one candidate survives; otherwise the cells stay blank and a
   ``recover.ambiguous`` finding lists the candidates. Work is bounded: a run with more
   than :data:`MAX_SPLITS` splits gives ``recover.too-many``.

Every recovered cell carries its provenance (``Cell.provenance``): ``("layout",)`` for
numbers read in order, ``("digits", "R3", …)`` for cells split by arithmetic, with the
rules that pinned them.
"""
from __future__ import annotations

import itertools
import re
from decimal import Decimal, InvalidOperation
from typing import Callable, Iterator, Sequence

import attrs

from .findings import excerpt, finding, too_many_digits
from .model import WARNING, Finding, Location
from .normalize import key_form, squeeze
from .readers.base import NumberRun, SourceCell, TextLine
from .stream import RECOVER_AMBIGUOUS, RECOVER_TOO_MANY, RECOVER_UNALIGNED, RECOVER_UNORDERED, in_text_boxes
from .templates.spec import Block, Row, Table, Template
from .values import MAX_DIGITS

__all__ = ["RowCells", "Recovery", "recover", "splits", "MAX_SPLITS"]

MAX_SPLITS = 20_000            # candidate splits of one row, at most
MAX_COMBINATIONS = 20_000      # joint choices over ambiguous rows, at most
APPLICANT_PARTS = 6

_PUNCT = re.compile(r"[^\w]")
_SENTENCE = re.compile(r"[。；;！？]|\d+\s*件")
# a table's block caption or a section heading: the numbers after it are not the row before's
_WALL = re.compile(r"^第二十条第[(（][一二三四五六七八九十]+[)）]项$|^[一二三四五六七八九十]、.{2,30}情况$")


@attrs.frozen
class RowSpec:
    table: Table
    block: Block
    row: Row

    @property
    def width(self) -> int:
        return len(self.block.columns)

    @property
    def key(self) -> tuple[str, str]:
        return (self.table.key, self.row.key)


@attrs.frozen
class RowCells:
    """A template row's cells as recovered: text and location of each, and how they were found."""

    spec: RowSpec
    cells: tuple[SourceCell, ...]
    provenance: tuple[str, ...]
    first_item: int                 # the item the row's numbers start at (where the table goes)
    digits: tuple[SourceCell, ...] = ()                 # an ambiguous row: its numbers as written
    candidates: tuple[tuple[str, ...], ...] = ()        # … and the splits that fit its own rules

    @property
    def ambiguous(self) -> bool:
        return not self.cells and bool(self.digits)


@attrs.frozen
class Recovery:
    rows: tuple[RowCells, ...]
    findings: tuple[Finding, ...]
    consumed: frozenset[int]        # items that were table rows or table text, not prose


def _rows(template: Template) -> list[RowSpec]:
    return [RowSpec(t, b, r) for t in template.tables for b in t.blocks for r in b.rows]


def _forms(spec: RowSpec) -> tuple[str, ...]:
    """The label as written (ordinal kept: ``3其他``), and its core and aliases where they are
    distinctive (four characters or more: ``部分公开``, not ``其他`` or ``总计``)."""
    forms = [_normal(spec.row.label)]
    forms += [f for f in (key_form(spec.row.label), *(_normal(a) for a in spec.row.aliases)) if len(f) >= 4]
    return tuple(dict.fromkeys(f for f in forms if f))


def _normal(text: str) -> str:
    return _PUNCT.sub("", squeeze(text))


def _names(spec: RowSpec, context: str) -> bool:
    """Whether *context* (normalised) names the row: its core label, or the start of a long
    label wrapped onto the next line."""
    for form in _forms(spec):
        if form in context:
            return True
        if len(form) >= 10 and form[:8] in context:
            return True
    return False


# -- splitting run-together digits ------------------------------------------------------------

_TOKEN = re.compile(r"^(?P<sign>[+-]?)(?P<digits>\d+)(?P<tail>(?:\.\d+)?\D*)$")


class _Budget:
    """Bounded work: every step of the search counts; past the limit it stops."""

    def __init__(self, limit: int):
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise OverflowError


def splits(tokens: Sequence[str], width: int, limit: int = MAX_SPLITS,
           keep: Callable[[list[Decimal | None], str | None], bool] | None = None) -> Iterator[tuple[str, ...]]:
    """Every way to cut *tokens* (their boundaries kept) into *width* numbers: no leading zeros
    (a lone 0 is fine), a sign stays on a token's first number, decimals and a unit (``.6万元``)
    on its last. *keep(values so far, digits left in the last token or None)* prunes as the
    cells are chosen (see :func:`_keeper`). Raises OverflowError past *limit* candidates or ten times as many
    steps of the search."""
    parsed = [_TOKEN.match(t) for t in tokens]
    sizes = [len(m["digits"]) if m and "," not in t else 1 for m, t in zip(parsed, tokens, strict=True)]
    capacity = [sum(sizes[i + 1:]) for i in range(len(tokens))]     # most numbers the later tokens give
    budget = _Budget(limit * 10)
    found = 0

    def walk(ti: int, pos: int, cells: list[str], values: list) -> Iterator[tuple[str, ...]]:
        budget.spend()
        if ti == len(tokens):
            if len(cells) == width:
                yield tuple(cells)
            return
        later = len(tokens) - ti - 1                  # tokens after this one: a number each, at least
        m = parsed[ti]
        if m is None or "," in tokens[ti]:            # not cut: one cell as written
            chosen_values = values + [_value(tokens[ti])]
            if pos == 0 and len(cells) < width - later and (keep is None or keep(chosen_values, None)):
                yield from walk(ti + 1, 0, cells + [tokens[ti]], chosen_values)
            return
        digits = m["digits"]
        for end in range(pos + 1, min(len(digits), pos + MAX_DIGITS) + 1):     # longer: no report's number
            budget.spend()
            piece = digits[pos:end]
            if len(piece) > 1 and piece.startswith("0"):
                break                                 # and every longer piece too
            last = end == len(digits)
            left = width - len(cells) - 1             # cells still to choose after this one
            if left < later or (not last and left < later + 1) or left > capacity[ti] + len(digits) - end:
                continue
            text = (m["sign"] if pos == 0 else "") + piece + (m["tail"] if last else "")
            number = _value(text) if last and m["tail"] else int(piece) * (-1 if pos == 0 and m["sign"] == "-" else 1)
            chosen_values = values + [number]
            if keep is not None and not keep(chosen_values, digits[end:] if later == 0 else None):
                continue
            chosen = cells + [text]
            yield from walk(ti + 1, 0, chosen, chosen_values) if last else walk(ti, end, chosen, chosen_values)

    for candidate in walk(0, 0, [], []):
        found += 1
        if found > limit:
            raise OverflowError
        yield candidate


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[^\d.+-]", "", text))
    except InvalidOperation:
        return None


def _row_rules(spec: RowSpec) -> list[tuple[str, int, tuple[int, ...]]]:
    """(rule, total index, part indexes) that hold inside one row of this table."""
    if spec.table.key == "applications" and spec.width == APPLICANT_PARTS + 1:
        return [("R3", APPLICANT_PARTS, tuple(range(APPLICANT_PARTS)))]
    if spec.table.key == "reviews" and spec.width == 15:
        return [("R5", 5 * g + 4, tuple(range(5 * g, 5 * g + 4))) for g in range(3)]
    return []


def _keeper(rules) -> Callable[[list, str | None], bool] | None:
    """Prune a split as soon as it cannot satisfy the rules: a rule whose cells are all chosen
    must hold; a 总计 still to come from the digits left is at most those digits' number."""
    if not rules:
        return None

    def keep(values: list, rest: str | None) -> bool:
        n = len(values)
        for _, total, parts in rules:
            last = max(total, *parts)
            if last == n - 1:                         # this rule's last cell was just chosen
                chosen = [values[i] for i in (total, *parts)]
                if any(v is None for v in chosen) or chosen[0] != sum(chosen[1:]):
                    return False
            elif total == last and max(parts) < n <= total and rest:     # parts chosen, the total to come
                if len(rest.lstrip("0")) <= MAX_DIGITS and sum(values[i] or 0 for i in parts) > int(rest):
                    return False
        return True
    return keep


def _holds(values: Sequence[Decimal | None], rules) -> bool:
    for _, total, parts in rules:
        if any(values[i] is None for i in (total, *parts)):
            return False
        if values[total] != sum(values[i] for i in parts):
            return False
    return True


# -- the column rules across rows (R1, R4) for rows left ambiguous --------------------------------

def _column_rules(rows: dict[str, tuple[Decimal, ...]], template: Template) -> Iterator[tuple[str, list, list]]:
    """(rule, left rows, right rows) of table 2's column rules."""
    block = template.table("applications").blocks[0]
    base = {"new_received", "carried_over", "total", "carried_forward"}
    outcomes = [r.key for r in block.rows if r.key not in base]
    yield "R1", ["new_received", "carried_over"], ["total", "carried_forward"]
    yield "R4", ["total"], outcomes


def _resolve_jointly(candidates: dict[str, list[tuple[Decimal, ...]]], known: dict[str, tuple[Decimal, ...]],
                     template: Template) -> tuple[dict[str, tuple[Decimal, ...]] | None, tuple[str, ...]]:
    """The one choice of candidates (one per ambiguous table-2 row) under which R1 and R4 hold in
    every column, and the rules that decided; (None, ()) when none or several remain."""
    names = sorted(candidates)
    total = 1
    for name in names:
        total *= len(candidates[name])
    if total > MAX_COMBINATIONS:
        return None, ()
    rules = [r for r in _column_rules(known, template)
             if all(row in known or row in candidates for row in r[1] + r[2])
             and any(row in candidates for row in r[1] + r[2])]
    if not rules:
        return None, ()
    winners = []
    for choice in itertools.product(*(candidates[n] for n in names)):
        rows = dict(known)
        rows.update(zip(names, choice, strict=True))
        width = len(next(iter(rows.values())))
        if all(sum(rows[r][c] for r in left) == sum(rows[r][c] for r in right)
               for _, left, right in rules for c in range(width)):
            winners.append(dict(zip(names, choice, strict=True)))
            if len(winners) > 1:
                return None, ()
    return (winners[0], tuple(r[0] for r in rules)) if winners else (None, ())


# -- putting it together -------------------------------------------------------------------------

@attrs.define
class _Token:
    cell: SourceCell
    segment: int            # numbers with no text between them share a segment
    run: int                # the run (item index) it came from


def _anchors(items: Sequence, specs: list[RowSpec]) -> list[tuple[int, int]]:
    """(item index of a run, row index) for every run whose label names the next rows in order."""
    anchors: list[tuple[int, int]] = []
    context: list[str] = []
    p = 0
    for i, item in enumerate(items):
        if isinstance(item, TextLine):
            if _SENTENCE.search(item.text):              # prose is no label
                continue
            context.append(item.text)
            following = items[i + 1] if i + 1 < len(items) else None
            if anchors and not (isinstance(following, NumberRun) and not following.label):
                for j in range(p, min(p + 3, len(specs))):    # inside a table, a label alone: a blank row
                    if specs[j].row.label and _forms(specs[j])[0] == _normal(item.text):
                        anchors.append((i, j))
                        p = j + 1
                        context = []
                        break
            continue
        if not isinstance(item, NumberRun):
            context = []
            continue
        if _SENTENCE.search(item.label):                 # a sentence that ends in a number
            context = []
            continue
        text = _normal("".join(context[-4:]) + item.label)
        context = []
        for j in range(p, len(specs)):
            if specs[j].row.label and _names(specs[j], text):
                anchors.append((i, j))
                p = j + 1
                break
    return anchors


def recover(items: Sequence, template: Template) -> Recovery:
    """The template rows found in loose-text *items* (see the module doc)."""
    specs = _rows(template)
    anchors = _anchors(items, specs)
    boxed = in_text_boxes([item.location.line or 0 for item in items if isinstance(item, NumberRun)
                           and len(item.numbers) == 1 and not item.label])
    spaced = _spaced(items) or boxed        # (a text box holds one cell: never digits run together)
    found: list[RowCells] = []
    findings: list[Finding] = []
    consumed: set[int] = set()
    spans = []
    for k, (start, j) in enumerate(anchors):
        end = anchors[k + 1][0] if k + 1 < len(anchors) else len(items)
        spans.append((start, end, specs[j:anchors[k + 1][1]] if k + 1 < len(anchors) else specs[j:]))
    regions = []
    doubted: set[str] = set()           # tables with numbers that stand after a caption, no row's
    for k, (start, end, rows, doubt) in enumerate(_stacked(items, spans)):
        if doubt:
            findings.append(_doubt_stacked(items, start, end, rows))
            found.extend(RowCells(spec, (), ("unaligned",), start) for spec in rows)
            consumed.update(range(start, end))
            continue
        regions += _per_table(items, rows, start, end, k + 1 == len(spans))
    for k, (rows, start, end, final) in enumerate(regions):
        wall = next((i for i in range(start + 1, end) if isinstance(items[i], TextLine)
                     and _WALL.match(squeeze(items[i].text))), end)
        tokens = _tokens(items, start, wall)
        orphans = _tokens(items, wall, end)
        last_token_item = max((t.run for t in tokens), default=start)
        consumed.update(i for i in range(start, last_token_item + 1))
        found_rows, region_findings = _assign(rows, tokens, final=final, first_item=start, spaced=spaced)
        if orphans:     # numbers past a caption or heading: not these rows', and whose cannot be told
            region_findings.append(finding(
                RECOVER_UNALIGNED, WARNING, orphans[0].cell.location, table=rows[0].table.key,
                row=rows[0].row.key,
                en=f"{len(orphans)} numbers stand after a caption or heading and before the next row's label: "
                   "whose they are cannot be told; the rows of this table read as blank are left unresolved",
                zh="标题后、下一行标签前的数字无法确定所属行，本表按空白读取的行未予采用",
                details=(("numbers", tuple(t.cell.text for t in orphans)), ("rows", ()))))
            doubted.add(rows[0].table.key)
            found_rows = found_rows or [RowCells(rows[0], (), ("unaligned",), start)]
        found.extend(found_rows)
        findings.extend(region_findings)
    # (the blank rows of a table with numbers no row can be given, before or after them)
    found = [attrs.evolve(r, provenance=("unaligned",)) if r.provenance == ("blank",) and r.spec.table.key in doubted
             else r for r in found]
    if boxed:
        found = _doubt_after_short(found, findings)
    found, joint_findings = _resolve_ambiguous(found, template)
    return Recovery(tuple(found), tuple(findings) + tuple(joint_findings), frozenset(consumed))


def _doubt_after_short(found: list[RowCells], findings: list[Finding]) -> list[RowCells]:
    """In text boxes, a row after one whose numbers do not fit its cells, in its table, may
    hold a number that row lacks: in the same block (行政许可 30867 632 / 其他对外管理服务事项
    18664 547833 562: the 562 is licensing's) or a later one (规章 4 _ 159 … 行政事业性收费 195
    159: the 159 is 规章's). Unless its own sum (R3, R5) confirms its numbers, it is
    unresolved, with a finding (as :func:`govdisclose.stream` does for its reading)."""
    out = list(found)
    short: RowCells | None = None
    for i, row in enumerate(found):
        if short is not None and row.spec.table is not short.spec.table:
            short = None
        if short is None:
            if row.ambiguous or row.provenance in (("ambiguous",), ("unaligned",)):
                short = row
            continue
        if not row.cells or row.provenance[:1] != ("layout",):
            continue
        rules = _row_rules(row.spec)
        if rules and _holds([_value(c.text) for c in row.cells], rules):
            continue
        findings.append(finding(
            RECOVER_UNALIGNED, WARNING, row.cells[0].location, table=row.spec.table.key, row=row.spec.row.key,
            en=f"row {row.spec.row.key} follows row {short.spec.row.key}, whose numbers do not fit its cells, "
               "in numbers printed one a line (text boxes): a number that row lacks may stand among these, "
               "and no sum confirms them; left unresolved",
            zh="该行位于数字与单元格数不符的一行之后，逐个成行排列的数字中可能混有前面一行的数字，且无合计可确认，未予采用",
            details=(("numbers", tuple(c.text for c in row.cells)), ("rows", (row.spec.row.key,)))))
        out[i] = RowCells(row.spec, (), ("unaligned",), row.first_item)
    return out


def _stacked(items: Sequence, spans: list[tuple[int, int, list[RowSpec]]]
             ) -> list[tuple[int, int, list[RowSpec], bool]]:
    """Labels printed one after another with no number between, then numbers (plain
    ``pdftotext`` and pdfminer print a block so). When the numbers are exactly those of all
    their rows, the rows are one region. When they are fewer and one a line, some of the
    rows are blank (such text drops blank cells) and which cannot be told: the rows are in
    doubt (``True``). The labels alone are blank rows, each a region of its own, where the
    last row's numbers stand on its label's line or on a line of their own, or where another
    row of the block has a label followed by its numbers one a line, line after line (text in
    row order: an HTML page's text, a node a line)."""
    def count(start: int, end: int) -> int:
        return sum(len(items[i].numbers) for i in range(start, end) if isinstance(items[i], NumberRun))

    def one_a_line(start: int, end: int) -> bool:
        return all(len(items[i].numbers) == 1 for i in range(start, end) if isinstance(items[i], NumberRun))

    def line_after_line(start: int, end: int) -> bool:    # no empty line between: not text boxes
        lines = [items[i].location.line for i in range(start, end) if isinstance(items[i], NumberRun)]
        return all(b == a + 1 for a, b in zip(lines, lines[1:]))
    # a row whose numbers, one a line and line after line (plain pdftotext and pdfminer leave an
    # empty line between text boxes), follow its label and the numbers of the row before it
    in_row_order = {id(rows[0].block) for (lo, hi, before), (start, end, rows) in zip(spans, spans[1:])
                    if len(rows) == 1 and rows[0].width > 1 and count(start, end) == rows[0].width
                    and one_a_line(start, end) and line_after_line(start, end)
                    and before[-1].block is rows[0].block and count(lo, hi)}
    out: list[tuple[int, int, list[RowSpec], bool]] = []
    empty: list[tuple[int, int, list[RowSpec]]] = []        # the spans just before, with no number
    for start, end, rows in spans:
        found = count(start, end)
        if not found:
            empty.append((start, end, rows))
            continue
        width = sum(r.width for r in rows)
        doubt = False
        if empty and not (isinstance(items[start], NumberRun) and items[start].label):
            run = [sp for sp in empty if sp[2][0].table.key == rows[0].table.key]
            out.extend((*sp, False) for sp in empty[:len(empty) - len(run)])
            if run and found == width + sum(r.width for sp in run for r in sp[2]):
                start, rows = run[0][0], [r for sp in run for r in sp[2]] + rows
            elif run and one_a_line(start, end) and id(rows[-1].block) not in in_row_order:
                start, rows, doubt = run[0][0], [r for sp in run for r in sp[2]] + rows, True
            else:
                out.extend((*sp, False) for sp in run)
        else:
            out.extend((*sp, False) for sp in empty)
        empty = []
        out.append((start, end, rows, doubt))
    return out + [(*sp, False) for sp in empty]


def _doubt_stacked(items: Sequence, start: int, end: int, rows: list[RowSpec]) -> Finding:
    numbers = [c for i in range(start, end) if isinstance(items[i], NumberRun) for c in items[i].numbers]
    return finding(
        RECOVER_UNALIGNED, WARNING, numbers[0].location if numbers else items[start].location,
        table=rows[0].table.key, row=rows[0].row.key,
        en=f"rows {', '.join(r.row.key for r in rows)} stand label after label and {len(numbers)} numbers follow, "
           f"one a line, where the rows have {sum(r.width for r in rows)} cells: blank cells do not show in this "
           "text, so whose numbers they are cannot be told; left unresolved",
        zh="数行标签相连、其后数字逐个成行且少于各行单元格数，空白单元格未显示，无法确定数字所属行，未予采用",
        details=(("numbers", tuple(c.text for c in numbers)), ("rows", tuple(r.row.key for r in rows))))


def _per_table(items: Sequence, rows: list[RowSpec], start: int, end: int, final: bool
               ) -> list[tuple[list[RowSpec], int, int, bool]]:
    """One anchored region cut where its rows pass into the next table: that table's rows
    (one read by position, or whose labels were not found) take only the numbers after its
    heading (``四、…情况``); without its heading in the region, they take none here."""
    tables = list(dict.fromkeys(r.table.key for r in rows))
    out = []
    lo = start
    for n, key in enumerate(tables):
        mine = [r for r in rows if r.table.key == key]
        nxt = tables[n + 1] if n + 1 < len(tables) else None
        hi = end
        if nxt is not None:
            heading = _heading(items, next(r.table for r in rows if r.table.key == nxt), lo + 1, end)
            hi = heading if heading is not None else end
        out.append((mine, lo, hi, final and nxt is None))
        if nxt is None or hi == end:
            break
        lo = hi
    return out


def _heading(items: Sequence, table: Table, start: int, end: int) -> int | None:
    """The item of *table*'s heading (its section's ``四、…情况`` line, or its title) in items[start:end]."""
    title = _normal(table.title)
    for i in range(start, end):
        item = items[i]
        if isinstance(item, TextLine):
            text = squeeze(item.text)
            if title and title in _normal(text) or table.section and _WALL.match(text) \
                    and text.startswith("一二三四五六七八九十"[table.section - 1] + "、"):
                return i
    return None


def _tokens(items: Sequence, start: int, end: int) -> list[_Token]:
    tokens: list[_Token] = []
    segment = 0
    for i in range(start, end):
        item = items[i]
        if isinstance(item, NumberRun):
            if item.label or i == start or not isinstance(items[i - 1], NumberRun):
                segment += 1
            tokens.extend(_Token(cell, segment, i) for cell in item.numbers)
        else:
            segment += 1
    return tokens


def _runs(tokens: list[_Token]) -> list[list[_Token]]:
    runs: dict[int, list[_Token]] = {}
    for t in tokens:
        runs.setdefault(t.run, []).append(t)
    return list(runs.values())


def _spaced(items: Sequence) -> bool:
    """Whether the text writes a row's numbers apart (by spaces): then a row with fewer numbers
    than cells has blank cells, not digits run together, and is not cut."""
    for item in items:
        if isinstance(item, NumberRun):
            for a, b in zip(item.numbers, item.numbers[1:]):
                if (a.location.line == b.location.line and a.location.column is not None
                        and b.location.column is not None and b.location.column > a.location.column + len(a.text)):
                    return True
    return False


def _assign(rows: list[RowSpec], tokens: list[_Token], final: bool, first_item: int, spaced: bool = False
            ) -> tuple[list[RowCells], list[Finding]]:
    """Numbers of one anchored region to its rows."""
    need = sum(r.width for r in rows)
    out: list[RowCells] = []
    findings: list[Finding] = []
    if not tokens and len(rows) == 1:                  # a label alone: the row was left blank
        return [RowCells(rows[0], (), ("blank",), first_item)], findings
    if len(tokens) == need or (final and len(tokens) >= rows[0].width):
        filled = []
        at = 0
        for spec in rows:
            if at + spec.width > len(tokens):
                break
            filled.append((spec, tokens[at:at + spec.width]))
            at += spec.width
        if not _order_shown(filled):
            return _by_arithmetic(filled, at == len(tokens), findings), findings
        for spec, mine in filled:
            out.extend(_in_order(spec, mine, first_item, findings))
        return out, findings
    runs = _runs(tokens)
    if len(tokens) < need and len(runs) == len(rows):          # a run a row: run-together digits
        for spec, run in zip(rows, runs, strict=True):
            # where numbers are written apart, a short row has blank cells — unless it is one run of
            # digits in a row with a rule (R3, R5): seven cells of table 2 are never one number
            blanks = spaced and len(run) < spec.width and (len(run) > 1 or not _row_rules(spec))
            out.extend(_short_row(spec, run, findings) if blanks else _split_row(spec, run, findings))
        return out, findings
    location = tokens[0].cell.location if tokens else Location()
    findings.append(finding(
        RECOVER_UNALIGNED, WARNING, location, table=rows[0].table.key, row=rows[0].row.key,
        en=f"{len(tokens)} numbers where rows {', '.join(r.row.key for r in rows)} have {need} cells; "
           "they are left blank", zh="数字个数与表格行列不符，按空白处理",
        details=(("numbers", tuple(t.cell.text for t in tokens)), ("rows", tuple(r.row.key for r in rows)))))
    return [RowCells(spec, (), ("unaligned",), first_item) for spec in (rows[:1] if final else rows)], findings


def _order_shown(filled: list[tuple[RowSpec, list[_Token]]]) -> bool:
    """Whether the text shows where each row's numbers end, when several rows' numbers follow
    one label: text stands between every two rows' numbers, or each row's numbers are on a line
    of their own. Numbers one a line after labels printed together do not show it: plain
    ``pdftotext`` and pdfminer print a block's numbers column by column as often as row by row."""
    if len(filled) < 2 or all(spec.width == 1 for spec, _ in filled):
        return True
    pairs = list(zip(filled, filled[1:]))
    if all(a[-1].segment != b[0].segment for (_, a), (_, b) in pairs):
        return True
    lines = [{t.cell.location.line for t in mine} for _, mine in filled]
    return all(len(ls) == 1 for ls in lines) and len({min(ls) for ls in lines}) == len(lines)


def _by_arithmetic(filled: list[tuple[RowSpec, list[_Token]]], exact: bool, findings: list[Finding]
                   ) -> list[RowCells]:
    """Rows whose numbers stand one a line with nothing to show where a row ends, read row by
    row. They are kept when reading them column by column (rows as wide, the numbers exactly
    theirs) gives the same cells and no row's own sum fails; or when every row has its own
    sums (R3, R5) and they all hold row by row and not column by column. A reading column by
    column is never kept: the columns of such text come in any order. Else the rows are
    unresolved, with a finding."""
    specs = [spec for spec, _ in filled]
    by_row = [tuple(t.cell.text for t in mine) for _, mine in filled]
    by_column = None
    widths = {spec.width for spec in specs}
    if len(widths) == 1 and exact:
        texts = [t for row in by_row for t in row]
        n, width = len(by_row), widths.pop()
        by_column = [tuple(texts[c * n + r] for c in range(width)) for r in range(n)]

    def holds(rows) -> bool:
        return all(_holds([_value(t) for t in row], _row_rules(spec)) for spec, row in zip(specs, rows))
    rules = tuple(dict.fromkeys(r for spec in specs for r, _, _ in _row_rules(spec)))
    if by_column == by_row:
        kept, rules = holds(by_row), ()
    else:
        kept = all(_row_rules(spec) for spec in specs) and holds(by_row) \
            and (by_column is None or not holds(by_column))
    if kept:
        return [RowCells(spec, tuple(t.cell for t in mine), ("layout", *rules), mine[0].run) for spec, mine in filled]
    cells = [t.cell for _, mine in filled for t in mine]
    findings.append(finding(
        RECOVER_UNORDERED, WARNING, cells[0].location, table=specs[0].table.key, row=specs[0].row.key,
        en=f"the numbers of rows {', '.join(s.row.key for s in specs)} stand one a line after their labels, "
           "which plain pdftotext and pdfminer print column by column as often as row by row; the rows' "
           "sums do not tell which; left unresolved",
        zh="数行数字逐个成行排列，可能按行也可能按列，合计无法确定，未予采用",
        details=(("numbers", tuple(c.text for c in cells)), ("rows", tuple(s.row.key for s in specs)))))
    return [RowCells(spec, (), ("unordered",), mine[0].run) for spec, mine in filled]


def _in_order(spec: RowSpec, mine: list[_Token], first_item: int, findings: list[Finding]) -> list[RowCells]:
    cells = tuple(t.cell for t in mine)
    if len({t.segment for t in mine}) > 1:                      # interleaved: only when its rules hold
        rules = _row_rules(spec)
        values = [_value(c.text) for c in cells]
        if not rules or not _holds(values, rules):
            blank = RowCells(spec, (), ("unordered",), mine[0].run)
            findings.append(finding(
                RECOVER_UNORDERED, WARNING, cells[0].location, table=spec.table.key, row=spec.row.key,
                en=f"the numbers of row {spec.row.key} are interleaved with text and their order cannot be "
                   "confirmed; left blank", zh="该行数字被文字隔开，顺序无法确认，按空白处理",
                details=(("numbers", tuple(c.text for c in cells)),)))
            return [blank]
        return [RowCells(spec, cells, ("layout", *(r for r, _, _ in rules)), mine[0].run)]
    return [RowCells(spec, cells, ("layout",), mine[0].run)]


def _short_row(spec: RowSpec, run: list[_Token], findings: list[Finding]) -> list[RowCells]:
    """Fewer numbers than cells in text that writes numbers apart: some cells are blank, and
    which ones cannot be told."""
    findings.append(finding(
        RECOVER_AMBIGUOUS, WARNING, run[0].cell.location, table=spec.table.key, row=spec.row.key,
        en=f"{len(run)} number(s) ({' '.join(t.cell.text for t in run)}) for {spec.width} cells: some cells are "
           "blank and which ones cannot be told; left blank",
        zh="数字少于单元格数，无法确定哪些单元格空白，按空白处理",
        details=(("digits", " ".join(t.cell.text for t in run)), ("candidates", ()))))
    return [RowCells(spec, (), ("ambiguous",), run[0].run)]


def _fewer_cells_possible(texts: list[str], width: int) -> bool:
    """Whether the digits also read as fewer numbers (the other cells blank): with no rule to
    check, ``910`` may be 9 | 1 | 0 or a blank and 91 | 0 …; ``000`` can only be three zeros."""
    for k in range(len(texts), width):
        try:
            if next(splits(texts, k), None) is not None:
                return True
        except OverflowError:
            return True
    return False


def _split_row(spec: RowSpec, run: list[_Token], findings: list[Finding]) -> list[RowCells]:
    texts = [t.cell.text for t in run]
    rules = _row_rules(spec)
    location = run[0].cell.location
    if sum(len(t) for t in texts) > spec.width * MAX_DIGITS:       # no row of report numbers is this long
        findings.append(too_many_digits("".join(texts), spec.width, location, spec.table.key, spec.row.key))
        return []
    try:
        candidates = list(splits(texts, spec.width, keep=_keeper(rules)))
    except OverflowError:
        findings.append(finding(
            RECOVER_TOO_MANY, WARNING, location, table=spec.table.key, row=spec.row.key,
            en=f"{excerpt(''.join(texts))!r} has more than {MAX_SPLITS} ways to be cut into {spec.width} cells; left blank",
            zh="数字串可能的拆分过多，按空白处理", details=(("digits", "".join(texts)),)))
        return []
    if len(candidates) == 1 and not rules and _fewer_cells_possible(texts, spec.width):
        candidates.append(("…",))                      # blank cells would read as well: not one reading
    if len(candidates) == 1:
        cells = tuple(SourceCell(text, location) for text in candidates[0])
        return [RowCells(spec, cells, ("digits", *(r for r, _, _ in rules)), run[0].run)]
    return [RowCells(spec, (), ("ambiguous",), run[0].run, tuple(t.cell for t in run), tuple(candidates))]


def _resolve_ambiguous(found: list[RowCells], template: Template) -> tuple[list[RowCells], list[Finding]]:
    """Rows with several candidate splits: decided by R1/R4 across rows when exactly one choice
    fits, else left blank with the candidates in a finding."""
    pending = {r.spec.row.key: r for r in found if r.ambiguous}
    findings: list[Finding] = []
    if not pending:
        return found, findings
    decided: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    apps = {k: p for k, p in pending.items() if p.spec.table.key == "applications" and p.candidates}
    if apps and template.national in ("pre2021", "post2021"):
        known = {r.spec.row.key: tuple(_value(c.text) or Decimal(0) for c in r.cells) for r in found
                 if r.spec.table.key == "applications" and r.cells}
        candidates = {k: [tuple(_value(x) for x in c) for c in p.candidates] for k, p in apps.items()}
        choice, rules = _resolve_jointly(candidates, known, template)
        if choice is not None:
            for key, values in choice.items():
                texts = apps[key].candidates[candidates[key].index(values)]
                decided[key] = (texts, rules)
    out: list[RowCells] = []
    for row in found:
        if not row.ambiguous:
            out.append(row)
            continue
        p, location = row, row.digits[0].location
        written = "".join(c.text for c in row.digits)
        if row.spec.row.key in decided:
            texts, rules = decided[row.spec.row.key]
            out.append(RowCells(row.spec, tuple(SourceCell(t, location) for t in texts),
                                ("digits", *(r for r, _, _ in _row_rules(row.spec)), *rules), row.first_item))
            continue
        shown = [" ".join(c) for c in p.candidates[:10]]
        findings.append(finding(
            RECOVER_AMBIGUOUS, WARNING, location, table=row.spec.table.key, row=row.spec.row.key,
            en=f"{written!r} can be cut into {row.spec.width} cells in "
               f"{len(p.candidates)} ways ({'; '.join(shown)}{' …' if len(p.candidates) > 10 else ''}); "
               "left blank" if p.candidates else
               f"{written!r} cannot be cut into {row.spec.width} cells that add up; "
               "left blank",
            zh="数字串有多种拆分方式，无法确定，按空白处理" if p.candidates else "数字串无法拆分为合乎勾稽关系的单元格，按空白处理",
            details=(("digits", written), ("candidates", p.candidates))))
        out.append(row)                                  # written blank, not left out
    return out, findings
