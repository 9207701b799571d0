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
from typing import Any, Callable, Iterable, Iterator

import attrs

__all__ = ["Location", "location", "Cell", "CellColumns", "Section", "Meta", "Finding", "Findings", "Report", "TableReading", "ERROR", "WARNING", "INFO"]

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


#: Key tuples seen, shared: a template's cells come in one order report after report, and one
#: tuple of keys (and what is worked out from it: ``CellColumns.index``, a check's plan) serves
#: them all. Bounded: unusual orders (unknown rows) are not kept once it is full.
_KEYS: dict[tuple, tuple] = {}
#: What :meth:`CellColumns.memo` worked out, by (keys, what, work); emptied when full (4096
#: entries: a few hundred orders of keys, each with the plans of every check).
_MEMO: dict[tuple, tuple] = {}


def shared_keys(keys: tuple) -> tuple:
    """The one tuple of these keys that every report with them holds (:data:`_KEYS`)."""
    found = _KEYS.get(keys)
    if found is None:
        if len(_KEYS) >= 256:
            return keys
        found = _KEYS[keys] = keys
    return found


@attrs.frozen(eq=False)
class CellColumns:
    """A report's cells by column: one tuple of keys (shared by every report whose cells come
    in the same order: a template's) and, in the same order, a tuple each of the values, the
    raw texts, kinds, units, row labels, source lines, columns, pages and provenance.

    It is what a :class:`Report` holds: its :class:`Cell` objects are built from it when asked
    for, the checks run over its values, a report pickles as it. Two are equal when their
    cells are (the page is not compared, as in a :class:`Location`)."""

    keys: tuple[tuple[str, str, str], ...]
    values: tuple[int | Decimal | None, ...]
    raws: tuple[str, ...]
    kinds: tuple[str, ...]
    units: tuple[str | None, ...]
    labels: tuple[str, ...]
    lines: tuple[int | None, ...]
    chars: tuple[int | None, ...]
    pages: tuple[int | None, ...]
    provenance: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, cells: Iterable[Cell]) -> "CellColumns":
        """The columns of *cells*, in their order."""
        cells = tuple(cells)
        locations = [c.location for c in cells]
        return cls(shared_keys(tuple([(c.table, c.row, c.column) for c in cells])),
                   tuple([c.value for c in cells]), tuple([c.raw for c in cells]), tuple([c.kind for c in cells]),
                   tuple([c.unit for c in cells]), tuple([c.label for c in cells]),
                   tuple([at.line for at in locations]), tuple([at.column for at in locations]),
                   tuple([at.page for at in locations]), tuple([c.provenance for c in cells]))

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def index(self) -> dict[tuple[str, str, str], int]:
        """Key -> the cell's place in the columns (worked out once for reports with the same keys)."""
        return self.places(None)

    def places(self, wanted: tuple | None) -> "dict | tuple[int | None, ...]":
        """The places of the *wanted* keys (a tuple of keys; None where there is no such cell),
        worked out once for reports with the same keys (:meth:`memo`). ``places(None)`` is
        :attr:`index`."""
        return self.memo(wanted, _places)

    def memo(self, what: object, work: "Callable[[CellColumns, Any], Any]") -> Any:
        """``work(self, what)``, worked out once for all reports with the same keys: a check's
        plan is a constant per template (*what*), so the places it looks at are found once,
        and applying it is then a lookup per value. *work* must depend on the keys only."""
        keys = self.keys
        memo_key = (id(keys), id(what), work)
        found = _MEMO.get(memo_key)
        if found is not None and found[0] is keys and found[1] is what:
            return found[2]
        result = work(self, what)
        if len(_MEMO) >= 4096:
            _MEMO.clear()
        _MEMO[memo_key] = (keys, what, result)          # (holding both: their ids are not reused)
        return result

    def cell(self, i: int) -> Cell:
        """The cell at place *i*."""
        line, column, page = self.lines[i], self.chars[i], self.pages[i]
        table, row, col = self.keys[i]
        return Cell(table, row, col, self.values[i], self.raws[i], self.kinds[i], self.units[i], self.labels[i],
                    location(line, column) if page is None else Location(line, column, page), self.provenance[i])

    def cells(self) -> tuple[Cell, ...]:
        """Every cell, in order."""
        return tuple(self.cell(i) for i in range(len(self.keys)))

    def _compared(self) -> tuple:
        return (self.keys, self.values, self.raws, self.kinds, self.units, self.labels, self.lines, self.chars,
                self.provenance)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CellColumns):
            return NotImplemented
        return self is other or self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())


def _places(columns: CellColumns, wanted: tuple | None) -> "dict | tuple[int | None, ...]":
    if wanted is None:
        return {key: i for i, key in enumerate(columns.keys)}
    get = columns.index.get
    return tuple([get(key) for key in wanted])


def _held(cells) -> "tuple[Cell, ...] | CellColumns":
    """What a Report holds of its cells: their columns as given, or the cells as a tuple."""
    return cells if isinstance(cells, CellColumns) else tuple(cells)


@attrs.frozen(repr=False, eq=False)
class Report:
    """A parsed report. ``report["applications", "total", "total"]`` is that cell's value.

    *cells* may be given as :class:`Cell` objects or as :class:`CellColumns`; the report
    gives both (``report.cells``, ``report.columns``), each worked out from the other once,
    when first asked for."""

    meta: Meta
    sections: tuple[Section, ...] = attrs.field(default=(), converter=tuple)
    _given: "tuple[Cell, ...] | CellColumns" = attrs.field(default=(), converter=_held, alias="cells")
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=Findings)
    _cells: tuple | None = attrs.field(init=False, default=None)
    _columns: CellColumns | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self._given, CellColumns):
            object.__setattr__(self, "_cells", self._given)

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every table cell: the template's in its order, then the rows it does not know."""
        cells = self._cells
        if cells is None:
            given = self._given
            cells = given.cells() if isinstance(given, CellColumns) else given
            object.__setattr__(self, "_cells", cells)
        return cells

    @property
    def columns(self) -> CellColumns:
        """The cells by column (:class:`CellColumns`): what the checks and the writers read."""
        columns = self._columns
        if columns is None:
            given = self._given
            columns = given if isinstance(given, CellColumns) else CellColumns.of(given)
            object.__setattr__(self, "_columns", columns)
        return columns

    def cell(self, table: str, row: str, column: str) -> Cell | None:
        """The cell under these keys, or None when the report has no such cell."""
        columns = self.columns
        i = columns.index.get((table, row, column))
        if i is None:
            return None
        return columns.cell(i) if self._cells is None else self._cells[i]

    def cells_at(self, keys: Iterable[tuple[str, str, str]]) -> list[Cell | None]:
        """The cells under each of *keys* (None where the report has no such cell), in order."""
        columns, cells = self.columns, self._cells
        at = map(columns.index.get, keys)
        if cells is None:
            return [None if i is None else columns.cell(i) for i in at]
        return [None if i is None else cells[i] for i in at]

    def value(self, table: str, row: str, column: str) -> int | Decimal | None:
        columns = self.columns
        i = columns.index.get((table, row, column))
        return None if i is None else columns.values[i]

    def __getitem__(self, key: tuple[str, str, str]) -> int | Decimal | None:
        columns = self.columns
        i = columns.index.get(tuple(key))
        if i is None:
            raise KeyError(key)
        return columns.values[i]

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return self is other or (self.meta == other.meta and self.sections == other.sections
                                 and self.columns == other.columns and self.findings == other.findings)

    def __hash__(self) -> int:
        return hash((self.meta, self.sections, self.columns, self.findings))

    def __repr__(self) -> str:
        """One line: what it is and how much it holds (``print(report)`` used to print every
        cell and finding, 30–40 KB; they are ``report.cells`` and ``report.findings``)."""
        m = self.meta
        counts = {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}
        values = self.columns.values
        filled = sum(1 for v in values if v is not None)
        return (f"<Report {m.agency or '?'} {m.year or '?'} {m.variant or m.template or '?'}: "
                f"{len(self.sections)} sections, {len(values)} cells ({filled} with a value), "
                f"findings: {counts[ERROR]} errors, {counts[WARNING]} warnings, {counts[INFO]} info>")

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key[0] for key in self.columns.keys))

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
        # Pickled as its columns (parse_many sends every report from a worker process): no
        # Cell object crosses, and none is built on arrival until one is asked for.
        return _unpickle_report, (self.meta, self.sections, tuple(attrs.astuple(self.columns, recurse=False)),
                                  tuple(self.findings))


def _unpickle_report(meta: Meta, sections: tuple, columns: tuple, findings: tuple) -> Report:
    keys, *rest = columns
    return Report(meta=meta, sections=sections, findings=findings, cells=CellColumns(shared_keys(keys), *rest))
