"""The likely culprit: the cell that several broken sum rules share.

One wrong cell breaks every rule it takes part in: a 自然人 （七）总计 typed 5 instead of 2
breaks R1 (its column), R3 (its row) and R4 (its column). The failed rules' cells (their
findings' ``left`` and ``right`` details) that stand in more than one failed rule are where
to look first; the one in the most failed rules is the likely culprit.
"""
from __future__ import annotations

from typing import Iterable

import attrs

from ..model import Cell, Finding

__all__ = ["Culprit", "likely_culprits"]


@attrs.frozen
class Culprit:
    """A cell in several failed rules: the cell, and those rules' findings."""

    cell: Cell
    findings: tuple[Finding, ...]

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.rule for f in self.findings))


def likely_culprits(findings: Iterable[Finding]) -> list[Culprit]:
    """The cells shared by two or more failed sum rules, most shared first (then in the
    order the findings name them). A rule that is only not assessable (blank cells) or a
    finding without the sides' cells takes no part."""
    failed = [f for f in findings if f.detail("status") == "failed"]
    by_key: dict[tuple[str, str, str], tuple[Cell, list[Finding]]] = {}
    for f in failed:
        seen = set()
        for cell in f.cells:                   # (a failed rule's: its sides)
            if cell.key in seen:
                continue
            seen.add(cell.key)
            by_key.setdefault(cell.key, (cell, []))[1].append(f)
    shared = [(cell, found) for cell, found in by_key.values() if len(found) >= 2]
    shared.sort(key=lambda item: -len(item[1]))        # (stable: ties keep the findings' order)
    return [Culprit(cell, tuple(found)) for cell, found in shared]
