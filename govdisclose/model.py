"""The records a parse produces: frozen, slotted attrs classes.

A :class:`Report` holds the :class:`Meta`, the six :class:`Section` s, every table
:class:`Cell` under the data dictionary's keys, and the :class:`Finding` s: everything
the library had to note. Nothing here does I/O, and nothing here imports the rest of
govdisclose: ``to_dict``, ``to_frame`` and ``_repr_html_`` look their writer up when called
(:func:`_above`), so the records stay the bottom layer (``docs/architecture.md``).
"""
from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any, Iterable, Iterator

import attrs

__all__ = ["Location", "location", "Cell", "Section", "Meta", "Finding", "Findings", "Report", "TableReading", "ERROR", "WARNING", "INFO"]

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


def _above(module: str, name: str) -> Any:
    """A function of a layer above the records, looked up when it is called."""
    return getattr(importlib.import_module(module), name)


@attrs.frozen
class Location:
    """Where something stood in the source: 1-based line and column, and in a paged source
    (a PDF) the page (a binary reader's lines are its items, in reading order)."""

    line: int | None = None
    column: int | None = None
    #: the page, in a paged source (a PDF): a reader's item numbers are its lines there
    page: int | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        if self.line is None:
            return "?"
        if self.page is not None:
            return f"p.{self.page}"             # a PDF's lines are its reader's items: the page tells
        return f"{self.line}:{self.column}" if self.column else str(self.line)


_LOCATIONS: dict[tuple[int | None, int | None], Location] = {}


def location(line: int | None, column: int | None = None) -> Location:
    """``Location(line, column)``, shared: a report has thousands and they repeat from
    report to report (a Location is immutable, so one object serves them all). Only the
    places a report's cells are usually at are shared: a huge input's own places would fill
    the table with objects no other report uses."""
    key = (line, column)
    found = _LOCATIONS.get(key)
    if found is None:
        found = Location(line, column)
        if (line or 0) < 4000 and (column or 0) < 400:
            if len(_LOCATIONS) >= 50_000:
                _LOCATIONS.clear()
            _LOCATIONS[key] = found
    return found


@attrs.frozen
class Cell:
    """One table cell: stable keys, the value read, and the text as written."""

    table: str
    row: str
    column: str
    value: int | Decimal | None
    raw: str = ""
    kind: str = "number"            # number | blank | placeholder | text | absent
    unit: str | None = None         # unit written in the cell
    label: str = ""                 # the row label as written
    location: Location = Location()
    #: how the value was found when not read as written: ``("digits", "R3")`` for a cell
    #: split from run-together digits by arithmetic, ``("layout",)`` for loose numbers
    provenance: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.row, self.column)

    @property
    def blank(self) -> bool:
        return self.value is None


@attrs.frozen
class Section:
    """One of the report's sections (一 … 六): number, heading as written, body text."""

    number: int
    heading: str
    text: str
    location: Location = Location()
    #: where each line of ``text`` stood in the source (provenance: not part of equality)
    line_locations: tuple[Location, ...] = attrs.field(default=(), converter=tuple, eq=False, repr=False)


@attrs.frozen
class Meta:
    """What the report says about itself, and how it was read."""

    agency: str | None = None
    year: int | None = None
    template: str | None = None     # the national base the tables follow: pre2021 | post2021
    variant: str | None = None      # the variant plugin template that claimed the report
    title: str | None = None
    date: str | None = None         # publication date (ISO) when stated
    source: str | None = None       # path, or None for text given directly
    reader: str | None = None       # the input layout/format reader that was used


@attrs.frozen(repr=False)
class Finding:
    """Anything the library reports: a stable rule id, a severity, where, and why."""

    rule: str
    severity: str
    message: str
    message_zh: str = ""
    location: Location = Location()
    table: str | None = None
    row: str | None = None
    column: str | None = None
    details: tuple[tuple[str, Any], ...] = ()

    def detail(self, name: str, default: Any = None) -> Any:
        return dict(self.details).get(name, default)

    @property
    def cells(self) -> tuple["Cell", ...]:
        """The cells its details name: a rule's sides (``left``, ``right``, ``minus``), the
        ``blank`` cells that made it not assessable, a prose check's ``readings``."""
        found: list[Cell] = []
        for name in ("left", "right", "minus", "blank"):
            found.extend(c for c in self.detail(name, ()) or () if isinstance(c, Cell))
        for reading in self.detail("readings", ()) or ():
            found.extend(c for c in reading if isinstance(c, Cell))
        return tuple(found)

    @property
    def keys(self) -> tuple[tuple[str, str, str], ...]:
        """The keys of the cells it concerns: its own cell's first, then :attr:`cells`', once each."""
        own = [(self.table, self.row, self.column)] if self.table and self.row and self.column else []
        return tuple(dict.fromkeys([*own, *(c.key for c in self.cells)]))

    def _repr_html_(self) -> str:
        return _above("govdisclose.writers.notebook", "findings_html")((self,))

    def __repr__(self) -> str:
        """One line: rule, severity, where, the cell and the message (the details — cells
        with their own locations — are ``finding.details``, not printed)."""
        keys = "/".join(k for k in (self.table, self.row, self.column) if k)
        at = f" {self.location}" if self.location.line is not None else ""
        return f"<Finding {self.rule} {self.severity}{at}{' ' + keys if keys else ''}: {self.message}>"


class Findings(tuple):
    """A tuple of findings (``report.findings``, ``validate()``) that shows as a table in Jupyter."""

    __slots__ = ()

    @property
    def ok(self) -> bool:
        """No error-level finding (``govdisclose.validate(report).ok``: the report passes)."""
        return not any(f.severity == ERROR for f in self)

    def __repr__(self) -> str:
        """One line: how many findings of each severity (the findings are its items)."""
        counts = {s: sum(1 for f in self if f.severity == s) for s in SEVERITIES}
        return f"<Findings {len(self)}: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + ">"

    def _repr_html_(self) -> str:
        return _above("govdisclose.writers.notebook", "findings_html")(self)


def _index(cells: tuple[Cell, ...]) -> dict[tuple[str, str, str], Cell]:
    return {c.key: c for c in cells}


@attrs.frozen
class TableReading:
    """One table as one reading of the text gives it (a reader's, or the stream's): its
    cells, its findings, and how much was read; readings are compared table by table
    (:mod:`govdisclose.choose`)."""

    key: str
    cells: tuple[Cell, ...]
    findings: tuple[Finding, ...]
    filled: int                  # cells with a number (or a placeholder) read
    anchored: int                # rows found by their labels
    #: the lines of the text the table was read from (first, last)
    lines: tuple[int, int] = (0, 0)

    @property
    def resolved(self) -> int:
        """Cells read: a number, a placeholder or a blank (not unresolved)."""
        return sum(1 for c in self.cells if c.provenance != ("unresolved",))


@attrs.frozen(repr=False)
class Report:
    """A parsed report. ``report["applications", "total", "total"]`` is that cell's value."""

    meta: Meta
    sections: tuple[Section, ...] = attrs.field(default=(), converter=tuple)
    cells: tuple[Cell, ...] = attrs.field(default=(), converter=tuple)
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=Findings)
    _by_key: dict = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_key", _index(self.cells))

    def cell(self, table: str, row: str, column: str) -> Cell | None:
        """The cell under these keys, or None when the report has no such cell."""
        return self._by_key.get((table, row, column))

    def cells_at(self, keys: Iterable[tuple[str, str, str]]) -> list[Cell | None]:
        """The cells under each of *keys* (None where the report has no such cell), in order."""
        get = self._by_key.get
        return [get(key) for key in keys]

    def value(self, table: str, row: str, column: str) -> int | Decimal | None:
        cell = self.cell(table, row, column)
        return None if cell is None else cell.value

    def __getitem__(self, key: tuple[str, str, str]) -> int | Decimal | None:
        cell = self._by_key.get(tuple(key))
        if cell is None:
            raise KeyError(key)
        return cell.value

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def __repr__(self) -> str:
        """One line: what it is and how much it holds (``print(report)`` used to print every
        cell and finding, 30–40 KB; they are ``report.cells`` and ``report.findings``)."""
        m = self.meta
        counts = {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}
        filled = sum(1 for c in self.cells if c.value is not None)
        return (f"<Report {m.agency or '?'} {m.year or '?'} {m.variant or m.template or '?'}: "
                f"{len(self.sections)} sections, {len(self.cells)} cells ({filled} with a value), "
                f"findings: {counts[ERROR]} errors, {counts[WARNING]} warnings, {counts[INFO]} info>")

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.table for c in self.cells))

    def iter_cells(self, table: str | None = None) -> Iterator[Cell]:
        return (c for c in self.cells if table is None or c.table == table)

    @property
    def ok(self) -> bool:
        """No error-level finding among the parse findings (``report.findings``: what reading
        it noted). The checks (the 勾稽 rules, R9 …) are not run here:
        ``govdisclose.validate(report).ok`` covers every finding."""
        return not any(f.severity == ERROR for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready except money, which stays Decimal)."""
        return _above("govdisclose.writers.jsonout", "report_to_dict")(self)

    def to_frame(self, wide: bool = False):
        """A pandas DataFrame: one row per cell (tidy), or one row for the report (*wide*).
        Needs the ``frame`` extra; see :mod:`govdisclose.frames` for the columns."""
        return _above("govdisclose.api", "to_frame")(self, wide=wide)

    def _repr_html_(self) -> str:
        return _above("govdisclose.api", "report_html")(self)

    def __reduce__(self):
        # Pickled compactly (parse_many sends every report from a worker process): its cells
        # as plain tuples, rebuilt on arrival; the same Report, in a third of the time.
        cells = tuple((c.table, c.row, c.column, c.value, c.raw, c.kind, c.unit, c.label, c.location.line,
                       c.location.column, c.provenance, c.location.page) for c in self.cells)
        return _unpickle_report, (self.meta, self.sections, cells, tuple(self.findings))


def _unpickle_report(meta: Meta, sections: tuple, cells: tuple, findings: tuple) -> Report:
    return Report(meta=meta, sections=sections, findings=findings,
                  cells=[Cell(t, r, c, v, raw, kind, unit, label,
                              location(line, column) if page is None else Location(line, column, page), provenance)
                         for t, r, c, v, raw, kind, unit, label, line, column, provenance, page in cells])
