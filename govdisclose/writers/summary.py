"""The ``govdisclose validate`` summary: per file, what was read, the verdict and the findings."""
from __future__ import annotations

from typing import Sequence

from rich.console import Console
from rich.text import Text

from ..checks.culprit import likely_culprits
from ..model import ERROR, INFO, WARNING, Finding, Report
from .table import SEVERITY_STYLE, findings_table, stdout_console

__all__ = ["print_validation", "counts"]


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in (ERROR, WARNING, INFO)}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def print_validation(name: str, report: Report, findings: Sequence[Finding], failed: bool,
                     console: Console | None = None) -> None:
    """One file's result: a heading line (file, agency, year, template), the verdict with counts by
    severity, and a table of the findings (rule, line:column and cell, message in both languages)."""
    console = console or stdout_console()
    meta = report.meta
    head = Text(name, style="bold")
    head.append(f"  {meta.agency or '?'} · {meta.year or '?'} · {meta.variant or meta.template}"
                f" · read as {meta.reader}", style="dim")
    console.print(head)
    n = counts(findings)
    verdict = Text("  FAIL " if failed else "  PASS ", style="bold red" if failed else "bold green")
    verdict.append(", ".join(Text.assemble((_plural(n[s], s), SEVERITY_STYLE[s] if n[s] else "dim")).plain
                             for s in (ERROR, WARNING, INFO)))
    not_assessable = sum(1 for f in findings if f.detail("status") == "not-assessable")
    if not_assessable:
        verdict.append(f" ({not_assessable} rule(s) not assessable over blank cells)", style="dim")
    console.print(verdict)
    if findings:
        console.print(findings_table(findings))
    for culprit in likely_culprits(findings)[:3]:
        cell = culprit.cell
        line = Text("  likely culprit: ", style="bold")
        line.append(f"{cell.table}/{cell.row}/{cell.column} = {cell.raw or '(blank)'} at {cell.location} "
                    f"({cell.label or cell.row}), in {len(culprit.findings)} failed rules: {', '.join(culprit.rules)} "
                    f"（可能出错的单元格：同时出现在{len(culprit.findings)}条不成立的规则中）")
        console.print(line)
