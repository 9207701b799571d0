"""A Report on the terminal (``govdisclose parse --format table``), drawn with rich.

Meta, one table per statistics table, the sections and the findings. Blank cells show
as a dim ``·`` (never as 0); money is shown as the exact ``Decimal``. Every string is
passed as :class:`rich.text.Text`, so report text is never read as rich markup. When
stdout is not a terminal rich writes plain text without ANSI codes.
"""
from __future__ import annotations

import os
import sys
from decimal import Decimal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import ERROR, INFO, WARNING, Cell, Report

__all__ = ["print_report", "value_text", "findings_table", "stdout_console"]

BLANK = "·"
SEVERITY_STYLE = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}
SNIPPET = 60
PIPE_WIDTH = 180


def value_text(cell: Cell) -> Text:
    """A cell's value for display: the number, or a dim marker saying why there is none."""
    if isinstance(cell.value, Decimal):
        return Text(format(cell.value, "f"))
    if cell.value is not None:
        return Text(str(cell.value))
    if cell.kind in ("text", "placeholder"):       # unreadable (red) or a placeholder as written
        return Text(cell.raw, style="red" if cell.kind == "text" else "dim")
    return Text(BLANK, style="dim")


def _meta(report: Report) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    meta = report.meta
    for name in ("agency", "year", "template", "variant", "title", "date", "reader", "source"):
        value = getattr(meta, name)
        grid.add_row(Text(name), Text("—" if value is None else str(value)))
    return grid


def _blocks(cells: list[Cell]) -> list[tuple[list[str], list[str]]]:
    """(rows, columns) of each run of rows sharing the same columns (a template block)."""
    columns: dict[str, list[str]] = {}
    for cell in cells:
        columns.setdefault(cell.row, []).append(cell.column)
    blocks: list[tuple[list[str], list[str]]] = []
    for row, cols in columns.items():
        if blocks and blocks[-1][1] == cols:
            blocks[-1][0].append(row)
        else:
            blocks.append(([row], cols))
    return blocks


def _statistics(report: Report, table_key: str) -> list[Table]:
    cells = list(report.iter_cells(table_key))
    by_key = {(c.row, c.column): c for c in cells}
    out = []
    for rows, columns in _blocks(cells):
        title = Text(table_key, style="bold") if not out else None
        table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
        if len(rows) == 1 and len(columns) > 3:     # one wide data row (reviews): a line per column
            table.add_column("column", overflow="fold")
            table.add_column(Text(rows[0]), justify="right", overflow="fold")
            for column in columns:
                table.add_row(Text(column), value_text(by_key[(rows[0], column)]))
        else:
            table.add_column("row", no_wrap=True)
            for column in columns:
                table.add_column(Text(column), justify="right", overflow="fold")
            for row in rows:
                table.add_row(Text(row), *(value_text(by_key[(row, c)]) for c in columns))
        out.append(table)
    return out


def _sections(report: Report) -> Table:
    out = Table(title=Text("sections", style="bold"), box=box.SIMPLE_HEAD, title_justify="left")
    for name in ("no.", "heading", "text"):
        out.add_column(name)
    for section in report.sections:
        snippet = " ".join(section.text.split())
        snippet = snippet[:SNIPPET] + ("…" if len(snippet) > SNIPPET else "")
        out.add_row(Text(str(section.number)), Text(section.heading), Text(snippet, style="dim"))
    return out


def findings_table(findings, title: str = "findings") -> Table:
    """Findings as a table: severity, rule, where (line:column and cell keys), message in both languages."""
    out = Table(title=Text(f"{title} ({len(findings)})", style="bold"), box=box.SIMPLE_HEAD,
                title_justify="left")
    for name in ("severity", "rule", "location", "message"):
        out.add_column(name, overflow="fold")
    for f in findings:
        keys = "/".join(k for k in (f.table, f.row, f.column) if k)
        where = " ".join(w for w in (str(f.location) if f.location.line else "", keys) if w)
        message = Text(f.message)
        if f.message_zh:
            message.append("\n" + f.message_zh, style="dim")
        if f.severity == ERROR and f.detail("left"):      # the cells of both sides, to find them
            message.append("\n" + " = ".join(_side(f.detail(side)) for side in ("left", "right")), style="dim")
        out.add_row(Text(f.severity, style=SEVERITY_STYLE.get(f.severity, "")), Text(f.rule), Text(where), message)
    return out


def _side(cells) -> str:
    """One side of a broken sum: its non-zero cells with where they stood, then how many are 0."""
    shown = [f"{c.row}/{c.column} {BLANK if c.value is None else c.value} @{c.location}" for c in cells
             if c.value != 0]
    zeros = sum(1 for c in cells if c.value == 0)
    if zeros:
        shown.append(f"{zeros} cell{'s' if zeros > 1 else ''} of 0")
    return " + ".join(shown)


class _PipedConsole(Console):
    def on_broken_pipe(self) -> None:
        """A reader that stopped reading (``| head``): the CLI ends quietly (rich would exit 1)."""
        raise BrokenPipeError


def stdout_console() -> Console:
    """A console for stdout: piped (not a terminal) and no COLUMNS, wider than rich's 80."""
    return _PipedConsole(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else PIPE_WIDTH)


def print_report(report: Report, console: Console | None = None) -> None:
    """Print *report* readably: meta, statistics tables, sections, findings."""
    console = console or stdout_console()
    console.print(Text("govdisclose report", style="bold underline"))
    console.print(_meta(report))
    for table_key in report.tables:
        for table in _statistics(report, table_key):
            console.print(table)
    console.print(_sections(report))
    console.print(findings_table(report.findings) if report.findings else Text("no findings", style="green"))
