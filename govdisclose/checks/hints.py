"""Hints: the one edit that repairs failed sum rules, where one can be computed.

A reviewer does not stop at "R4 fails": they look for the slip that explains it. Each hint
here is an edit of one or two cells that makes failed sum rules (findings with ``status``
``failed``: R1, R3, R4, R5 and plugins' :func:`~govdisclose.checks.national.sum_rule`\\ s)
hold again without breaking a rule that held, found by trying the edits below on a copy of
the report and checking it again:

``hint.value``
    one cell, changed to the value the rules imply, repairs two or more failed rules: the
    likely culprit (:mod:`.culprit`) with its value;
``hint.split-digits`` / ``hint.join-digits``
    two neighbouring cells of a row: one cell's digits belong to two cells (``12`` | blank
    for ``1`` | ``2``), or two cells' digits to one (``1`` | ``2`` for ``12`` | 0);
``hint.wrong-column``
    a number entered one column off: one cell of a row is too big by *d* and another of the
    same row too small by *d*, while the row's total balances;
``hint.blank-zero``
    a rule not assessable over blank cells holds when those blanks are 0: the template asks
    for a 0 where there was none;
``hint.copied-total``
    (with the same agency's report of the year before) a total of a failed rule equal to the
    year before's, while its parts are not: a total copied from the previous report.

Hints are advice, never applied: the report's numbers stay as written.
"""
from __future__ import annotations

import functools
from typing import Callable, Iterable, Iterator, Sequence

import attrs

from ..findings import cell_label
from ..model import Cell, Finding, Report

__all__ = ["Hint", "HINT_KINDS", "hints"]

HINT_KINDS = ("hint.value", "hint.split-digits", "hint.join-digits", "hint.wrong-column", "hint.blank-zero",
              "hint.copied-total")

#: The most candidate edits tried a report (each is a check of the whole report, ~0.4 ms).
MAX_TRIES = 2000

Key = tuple[str, str, str]
Recheck = Callable[[Report], Sequence[Finding]]


@attrs.frozen
class Hint:
    """An edit that repairs failed rules: its kind, the cells and their suggested values, the
    rules it repairs (their findings), and what it says in English and Chinese."""

    kind: str
    edits: tuple[tuple[Cell, int | None], ...]          # (cell as read, the value suggested)
    repairs: tuple[Finding, ...]
    message: str
    message_zh: str

    @property
    def keys(self) -> tuple[Key, ...]:
        return tuple(cell.key for cell, _ in self.edits)


def _rule_id(f: Finding) -> tuple:
    return (f.rule, f.table, f.row, f.column, f.detail("formula"))


def _failed(findings: Iterable[Finding]) -> dict[tuple, Finding]:
    return {_rule_id(f): f for f in findings if f.detail("status") == "failed"}


class _Trial:
    """Edits tried on copies of one report, each checked again (at most :data:`MAX_TRIES`)."""

    def __init__(self, report: Report, failed: dict[tuple, Finding], recheck: Recheck):
        self.report, self.failed, self.recheck, self.tries = report, failed, recheck, 0

    def repairs(self, edits: dict[Key, int | None]) -> tuple[Finding, ...]:
        """The failed rules the *edits* repair, none if they break a rule that held or leave
        the report as it was."""
        if not edits or self.tries >= MAX_TRIES:
            return ()
        self.tries += 1
        cells = tuple(attrs.evolve(c, value=edits[c.key], kind="number" if edits[c.key] is not None else c.kind)
                      if c.key in edits else c for c in self.report.cells)
        after = _failed(self.recheck(attrs.evolve(self.report, cells=cells)))
        if any(k not in self.failed for k in after):
            return ()                                       # breaks a rule that held
        return tuple(f for k, f in self.failed.items() if k not in after)


Label = Callable[[Cell], str]


def _at(cell: Cell) -> str:
    return f" ({cell.location})" if cell.location.line is not None else ""


def _digits(cell: Cell) -> str | None:
    return str(cell.value) if isinstance(cell.value, int) and cell.value >= 0 else None


def _rules(found: Sequence[Finding]) -> str:
    return ", ".join(dict.fromkeys(f.rule for f in found))


def _holds_zh(found: Sequence[Finding]) -> str:
    rules = tuple(dict.fromkeys(f.rule for f in found))
    return f"{rules[0]}即成立" if len(rules) == 1 else f"{'、'.join(rules)}均成立"


def hints(report: Report, findings: Sequence[Finding], recheck: Recheck, names: dict[tuple, tuple] | None = None,
          previous: Report | None = None) -> list[Hint]:
    """The hints for *report* given its *findings* (``validate(report)``); *recheck* checks a
    copy of the report again (``validate``); *names*: the template's labels, for the messages;
    *previous*: the same agency's report of the year before, for ``hint.copied-total``."""
    label: Label = functools.partial(cell_label, names=names)
    failed = _failed(findings)
    out: list[Hint] = list(_blank_zero(findings, label))
    if not failed:
        return out
    trial = _Trial(report, failed, recheck)
    involved: dict[Key, Cell] = {}
    for f in failed.values():
        for cell in f.cells:
            involved.setdefault(cell.key, cell)
    out.extend(_values(trial, failed, involved, label))
    out.extend(_digit_slips(trial, report, involved, label))
    out.extend(_wrong_columns(trial, failed, involved, label))
    if previous is not None:
        out.extend(_copied_totals(failed, previous, label))
    return out


def _blank_zero(findings: Iterable[Finding], label: Label) -> Iterator[Hint]:
    """Blanks that, as 0, make rules not assessable hold: one hint for each set of blanks."""
    by_blanks: dict[tuple[Key, ...], tuple[tuple[Cell, ...], list[Finding]]] = {}
    for f in findings:
        if f.detail("status") == "not-assessable" and f.detail("holds_if_zero"):
            blanks = tuple(c for c in f.detail("blank", ()) if isinstance(c, Cell))
            by_blanks.setdefault(tuple(c.key for c in blanks), (blanks, []))[1].append(f)
    for blanks, found in by_blanks.values():
        names = "、".join(f"“{label(c)}”" for c in blanks)
        yield Hint("hint.blank-zero", tuple((c, 0) for c in blanks), tuple(found),
                   f"{_rules(found)} would hold if the blank cell(s) {', '.join(label(c) + _at(c) for c in blanks)} "
                   "were 0: the template asks for 0 where there were none",
                   f"{names}为空白；填写0后{_holds_zh(found)}（没有发生的事项应填0，不应留空）")


def _values(trial: _Trial, failed: dict[tuple, Finding], involved: dict[Key, Cell], label: Label) -> Iterator[Hint]:
    """One cell, changed to what its first failed rule implies, repairing two or more rules."""
    counted: dict[Key, int] = {}
    for f in failed.values():
        for key in {c.key for c in f.cells}:
            counted[key] = counted.get(key, 0) + 1
    for key, n in sorted(counted.items(), key=lambda kv: -kv[1]):
        if n < 2:
            break
        cell = involved[key]
        if cell.value is None or not isinstance(cell.value, int):
            continue
        f = next(f for f in failed.values() if key in {c.key for c in f.cells})
        on_left = key in {c.key for c in f.detail("left", ())}
        value = cell.value - f.detail("difference") if on_left else cell.value + f.detail("difference")
        if value < 0 or value == cell.value:
            continue
        repaired = trial.repairs({key: value})
        if len(repaired) >= 2:
            yield Hint("hint.value", ((cell, value),), repaired,
                       f"{label(cell)}{_at(cell)} reads {cell.value}; {value} would make {_rules(repaired)} hold",
                       f"“{label(cell)}”为{cell.value}；若为{value}，{_holds_zh(repaired)}")


def _neighbours(report: Report, involved: dict[Key, Cell]) -> Iterator[tuple[Cell, Cell]]:
    """Pairs of cells side by side in a row (the report's column order), one of them in a
    failed rule."""
    by_row: dict[tuple[str, str], list[Cell]] = {}
    for c in report.cells:
        by_row.setdefault((c.table, c.row), []).append(c)
    for cells in by_row.values():
        for a, b in zip(cells, cells[1:]):
            if a.key in involved or b.key in involved:
                yield a, b


def _digit_slips(trial: _Trial, report: Report, involved: dict[Key, Cell], label: Label) -> Iterator[Hint]:
    for a, b in _neighbours(report, involved):
        da, db = _digits(a), _digits(b)
        empty_b, empty_a = b.value in (None, 0), a.value in (None, 0)
        splits = []
        if da and len(da) >= 2 and empty_b:
            splits += [({a.key: int(da[:i]), b.key: int(da[i:])}, (a, int(da[:i])), (b, int(da[i:])))
                       for i in range(1, len(da)) if da[i] != "0" or i == len(da) - 1]
        if db and len(db) >= 2 and empty_a:
            splits += [({a.key: int(db[:i]), b.key: int(db[i:])}, (a, int(db[:i])), (b, int(db[i:])))
                       for i in range(1, len(db)) if db[i] != "0" or i == len(db) - 1]
        for edits, first, second in splits:
            repaired = trial.repairs(edits)
            if repaired:
                source = a if da and empty_b and edits[a.key] != a.value else b
                yield Hint("hint.split-digits", (first, second), repaired,
                           f"{label(source)}{_at(source)} reads {source.value}: as {first[1]} | {second[1]} in "
                           f"{label(a)} and {label(b)}, {_rules(repaired)} would hold (two numbers run together?)",
                           f"“{label(source)}”的{source.value}若拆为“{label(a)}”{first[1]}、“{label(b)}”{second[1]}，"
                           f"{_holds_zh(repaired)}（两个数字连在了一起？）")
                break
        if da and db and not (a.value == 0 or b.value == 0):
            joined = int(da + db)
            for edits, pair in (({a.key: joined, b.key: 0}, ((a, joined), (b, 0))),
                                ({a.key: 0, b.key: joined}, ((a, 0), (b, joined)))):
                repaired = trial.repairs(edits)
                if repaired:
                    yield Hint("hint.join-digits", pair, repaired,
                               f"{label(a)} {a.value} and {label(b)} {b.value}{_at(a)}: as one number, {joined}, "
                               f"{_rules(repaired)} would hold (one number split in two?)",
                               f"“{label(a)}”{a.value}与“{label(b)}”{b.value}若为一个数{joined}，"
                               f"{_holds_zh(repaired)}（一个数字被拆开了？）")
                    break


def _wrong_columns(trial: _Trial, failed: dict[tuple, Finding], involved: dict[Key, Cell],
                   label: Label) -> Iterator[Hint]:
    """One cell of a row too big by d, another of the same row too small by d."""
    amounts = sorted({abs(f.detail("difference")) for f in failed.values()
                      if isinstance(f.detail("difference"), int) and f.detail("difference")})
    by_row: dict[tuple[str, str], list[Cell]] = {}
    for cell in involved.values():
        if isinstance(cell.value, int):
            by_row.setdefault((cell.table, cell.row), []).append(cell)
    for cells in by_row.values():
        for i, a in enumerate(cells):
            for b in cells[i + 1:]:
                for big, small in ((a, b), (b, a)):
                    for d in amounts:
                        if big.value - d < 0:
                            continue
                        repaired = trial.repairs({big.key: big.value - d, small.key: small.value + d})
                        if len(repaired) >= 2:
                            yield Hint("hint.wrong-column",
                                       ((big, big.value - d), (small, small.value + d)), repaired,
                                       f"{d} of {label(big)}{_at(big)} ({big.value}) may belong to "
                                       f"{label(small)} ({small.value}): moved, {_rules(repaired)} would hold "
                                       "and the row's total stays",
                                       f"“{label(big)}”（{big.value}）中的{d}或应填在“{label(small)}”"
                                       f"（{small.value}）：移过去后{_holds_zh(repaired)}，合计不变")
                            break                       # the smallest amount that repairs them


def _copied_totals(failed: dict[tuple, Finding], previous: Report, label: Label) -> Iterator[Hint]:
    seen: set[Key] = set()
    for f in failed.values():
        for total in f.detail("left", ()) or ():
            if not isinstance(total, Cell) or total.key in seen or total.value is None:
                continue
            before = previous.cell(*total.key)
            parts = f.detail("right", ()) or ()
            if before is None or before.value != total.value or not parts:
                continue
            if all(previous.value(*p.key) == p.value for p in parts if isinstance(p, Cell)):
                continue                            # the year before is the same throughout: not this slip
            seen.add(total.key)
            year = previous.meta.year or "the year before"
            yield Hint("hint.copied-total", ((total, None),), (f,),
                       f"{label(total)}{_at(total)} is {total.value}, as in {year}'s report, but its parts "
                       "are not: a total copied from the year before?",
                       f"“{label(total)}”为{total.value}，与{year}年报告相同，但其各分项不同：是否沿用了上年的合计数？")
