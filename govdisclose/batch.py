"""``govdisclose batch``: a folder (or glob) of reports into one panel file.

    govdisclose batch reports/ --out panel.parquet [--workers 4] [--findings findings.csv] [--check]

Every file is parsed and validated (:func:`~govdisclose.parse_many`) and written, as it
comes, to ``--out``: Parquet, CSV or JSON Lines by its suffix, through pyarrow (the
``frame`` extra). The table is the tidy frame of :mod:`govdisclose.frames` (one row per
cell, ``--shape long``, the default) or one row per report (``--shape wide``: a column per
cell key of the installed templates), led in both by the file's columns :data:`FILE_COLUMNS`
(``source``, ``sha256``, ``size``, ``status``, ``error``, the meta, the finding counts). A
file that cannot be read is one row with ``status`` ``unreadable`` and ``error`` saying why.

The run is resumable: files whose content (sha256) is already in ``--out`` are skipped
(``--overwrite`` starts afresh). CSV and JSON Lines are appended to as reports come;
Parquet is written in parts (``OUT.parts/``, a complete file every ~80 reports) that are
merged with the rows already there into ``--out`` when the run ends (also on Ctrl-C). A
run killed hard leaves ``--out`` as it was and its parts: the next run counts the parts'
files as done and merges them in, so at most the last ~80 reports are parsed again. A progress bar (rich) shows on a
terminal; the summary at the end counts the files parsed, parsed with errors, unreadable
and skipped, and lists the unreadable ones. ``--findings FILE`` writes every finding (one
row each); ``--check`` runs the cross-report checks (:func:`~govdisclose.check_panel`) over
the whole output and adds their findings.

Exit status: 0 every file parsed without an error-level finding; 1 some have one; 2 some
file could not be read as a report (or the output cannot be written).
"""
from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any, Iterable

import attrs

from .corpus import Result, expand, parse_many, sha256_of
from .frames import TIDY_COLUMNS, cell_column, severity_counts, tidy_columns, wide_row

__all__ = ["run_batch", "FILE_COLUMNS", "FINDING_COLUMNS", "Sink", "done_hashes", "read_panel"]

FILE_COLUMNS = ("source", "sha256", "size", "status", "error", "agency", "year", "template", "variant", "reader",
                "errors", "warnings", "infos")
FINDING_COLUMNS = ("source", "sha256", "rule", "severity", "message", "message_zh", "table", "row", "column",
                   "line", "char")
FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_FLUSH_ROWS = 16_384       # rows buffered before a Parquet row group is written (~80 reports)


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.csv  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ImportError("govdisclose batch needs pyarrow: pip install \"govdisclose[frame]\"") from None
    return pyarrow


def output_format(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: the output must end in .parquet, .csv or .jsonl")
    return FORMATS[suffix]


# -- schemas -----------------------------------------------------------------------------------

def long_schema():
    pa = _pyarrow()
    strings = ("source", "sha256", "status", "error", "agency", "template", "variant", "reader", "table", "row",
               "column", "table_zh", "row_zh", "column_zh", "exact", "unit", "raw", "kind", "unit_written", "label")
    types = {name: pa.string() for name in strings}
    types.update({"size": pa.int64(), "year": pa.int64(), "errors": pa.int64(), "warnings": pa.int64(),
                  "infos": pa.int64(), "value": pa.float64(), "blank": pa.bool_(), "line": pa.int64(),
                  "char": pa.int64()})
    return pa.schema([(name, types[name]) for name in FILE_COLUMNS + TIDY_COLUMNS])


def wide_keys(plugins=None) -> list[tuple[str, str, str, bool]]:
    """(table, row, column, is_count) of every cell of the installed templates, template order."""
    from .plugins import host
    from .values import COUNT
    keys: dict[tuple[str, str, str], bool] = {}
    for template in (plugins or host()).templates().values():
        for table in template.tables:
            for block in table.blocks:
                for row in block.rows:
                    for col in block.columns:
                        keys.setdefault((table.key, row.key, col.key), col.vtype == COUNT)
    return [(*k, count) for k, count in keys.items()]


#: Money in wide Parquet: exact, every amount values.py reads fits (18 digits, 13 decimals, 元 -> 万元)
MONEY_TYPE = ("decimal128", 38, 17)


def wide_schema(plugins=None, exact_money: bool = True):
    """One row per report: the file columns, then a column per cell key (int64 counts; money
    as decimal128(38, 17) when *exact_money* (Parquet), else float64 (CSV, JSON Lines))."""
    pa = _pyarrow()
    base = long_schema()
    money = pa.decimal128(*MONEY_TYPE[1:]) if exact_money else pa.float64()
    fields = [base.field(name) for name in FILE_COLUMNS]
    fields += [pa.field(cell_column(t, r, c), pa.int64() if count else money)
               for t, r, c, count in wide_keys(plugins)]
    fields.append(pa.field("unknown_cells", pa.int64()))
    return pa.schema(fields)


def finding_schema():
    pa = _pyarrow()
    return pa.schema([(n, pa.int64() if n in ("line", "char") else pa.string()) for n in FINDING_COLUMNS])


# -- rows ----------------------------------------------------------------------------------------

def file_columns(result: Result) -> dict[str, Any]:
    row = {"source": result.source, "sha256": result.sha256, "size": result.size, "status": result.status,
           "error": result.error}
    if result.report is not None:
        m = result.report.meta
        row.update(agency=m.agency, year=m.year, template=m.template, variant=m.variant, reader=m.reader)
        row.update(severity_counts(result.findings))
    return row


def long_batch(result: Result, schema):
    """The file's rows of the long shape as one Arrow record batch, built column by column
    (faster than a dict per cell; ``pa.repeat`` is slower than converting a repeated list)."""
    pa = _pyarrow()
    lead = file_columns(result)
    if result.report is None:
        return pa.RecordBatch.from_pylist([lead], schema=schema)
    cells, n = tidy_columns(result.report), len(result.report.cells)
    arrays = [pa.array([lead.get(field.name)] * n if field.name in FILE_COLUMNS else cells[field.name], field.type)
              for field in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def wide_rows(result: Result, known: set[str], exact_money: bool = False) -> list[dict[str, Any]]:
    row = file_columns(result)
    if result.report is None:
        return [row]
    cells = wide_row(result.report, result.findings, {})
    unknown = 0
    for name, value in cells.items():
        if "/" not in name:
            continue
        if name in known:
            row[name] = value if value is None or isinstance(value, int) or exact_money else float(value)
        else:
            unknown += 1
    row["unknown_cells"] = unknown
    return [row]


@attrs.frozen
class FileRows:
    """What the batch keeps of one file, made where it was parsed (:func:`file_rows`): its
    rows (an Arrow record batch for the long shape, a dict for the wide), its finding rows
    when asked for, and for the summary its status and, when unreadable, why."""

    source: str
    status: str
    error: str | None
    rows: Any
    findings: list[dict[str, Any]] | None


def file_rows(result: Result, *, schema, shape: str, known: set[str], exact_money: bool,
              findings: bool) -> FileRows:
    """A Result as the batch writes it (runs in the worker: ``parse_many(then=…)``)."""
    rows = long_batch(result, schema) if shape == "long" else wide_rows(result, known, exact_money)
    found = finding_rows(result.source, result.sha256, result.findings) if findings and result.findings else None
    return FileRows(result.source, result.status, result.error, rows, found)


def finding_rows(source: str | None, sha256: str | None, findings: Iterable) -> list[dict[str, Any]]:
    return [{"source": source, "sha256": sha256, "rule": f.rule, "severity": f.severity, "message": f.message,
             "message_zh": f.message_zh, "table": f.table, "row": f.row, "column": f.column,
             "line": f.location.line, "char": f.location.column} for f in findings]


# -- sinks: one output table, written as rows come -------------------------------------------------

_HASH = re.compile(r'"sha256":\s*"([0-9a-f]{64})"')


def done_hashes(path: Path) -> set[str]:
    """The sha256 of every file already in the output *path* (none when it does not exist),
    and, for Parquet, in the parts an interrupted run left (see :class:`Sink`)."""
    fmt = output_format(path)
    if fmt == "parquet":
        pa = _pyarrow()
        done: set[str] = set()
        for file in ([path] if path.exists() and path.stat().st_size > 0 else []) + _part_files(parts_folder(path)):
            table = pa.parquet.read_table(file, columns=["sha256"])
            done.update(h for h in table.column("sha256").unique().to_pylist() if h)
        return done
    if not path.exists() or path.stat().st_size == 0:
        return set()
    if fmt == "jsonl":
        with path.open(encoding="utf-8") as f:
            return {m.group(1) for line in f for m in [_HASH.search(line)] if m}
    import csv
    with path.open(encoding="utf-8", newline="") as f:
        return {row.get("sha256") for row in csv.DictReader(f) if row.get("sha256")}


class Sink:
    """Rows into a Parquet, CSV or JSON Lines file with a fixed schema; buffered, appending
    (*resume*) or starting afresh.

    CSV and JSON Lines are appended to and flushed as rows come. Parquet cannot be appended
    to, so each buffer of rows is written as a complete Parquet file of its own in
    ``PATH.parts/`` (written to a temporary name, then renamed), and :meth:`close` merges
    ``PATH``, the parts and the rest into ``PATH.partial``, which then replaces ``PATH``.
    A run killed before that (kill -9, a power cut) leaves ``PATH`` as it was and its parts
    on disk: the next run (resuming) counts their files as done and merges them in. A part's
    rows already in ``PATH`` (a kill between the replace and the clean-up) are not copied twice.
    """

    def __init__(self, path: Path, schema, resume: bool):
        self.pa = _pyarrow()
        self.path, self.schema, self.format = path, schema, output_format(path)
        self.buffer: list = []              # record batches not yet written
        self.buffered = 0                   # … and their rows
        keep = resume and path.exists() and path.stat().st_size > 0
        if self.format == "parquet":
            self.parts = parts_folder(path)
            if not resume and self.parts.exists():
                shutil.rmtree(self.parts)
            self.parts.mkdir(exist_ok=True)
            self.keep = keep
            self.next_part = 1 + max((int(p.stem.split("-")[1]) for p in _part_files(self.parts)), default=0)
        else:
            if keep:
                _drop_partial_line(path)
            self.file = path.open("a" if keep else "w", encoding="utf-8", newline="")
            self.header = not keep

    def add(self, rows) -> None:
        """Rows: a list of dicts (keys: the schema's names) or an Arrow record batch of the schema."""
        batch = rows if isinstance(rows, self.pa.RecordBatch) else \
            self.pa.RecordBatch.from_pylist(rows, schema=self.schema)
        self.buffer.append(batch)
        self.buffered += batch.num_rows
        if self.buffered >= _FLUSH_ROWS or self.format != "parquet":
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        table = self.pa.Table.from_batches(self.buffer, schema=self.schema)
        self.buffer, self.buffered = [], 0
        if self.format == "parquet":
            part = self.parts / f"part-{self.next_part:06d}.parquet"
            self.next_part += 1
            temporary = part.with_suffix(".tmp")
            self.pa.parquet.write_table(table, temporary)
            os.replace(temporary, part)                 # a part on disk is always whole
        elif self.format == "csv":
            import io
            out = io.BytesIO()
            options = self.pa.csv.WriteOptions(include_header=self.header)
            self.pa.csv.write_csv(table, out, write_options=options)
            self.header = False
            self.file.write(out.getvalue().decode("utf-8"))
            self.file.flush()
        else:
            for row in table.to_pylist():
                self.file.write(json.dumps(row, ensure_ascii=False) + "\n")
            self.file.flush()

    def close(self) -> None:
        self.flush()
        if self.format != "parquet":
            self.file.close()
            return
        pq = self.pa.parquet
        partial = self.path.with_name(self.path.name + ".partial")
        written: set[tuple[str, str]] = set()          # (source, sha256) already merged
        with pq.ParquetWriter(partial, self.schema) as writer:       # row group by row group: flat memory
            if self.keep:
                old = pq.ParquetFile(self.path)
                for i in range(old.num_row_groups):
                    group = old.read_row_group(i).select(self.schema.names).cast(self.schema)
                    written.update(_files_in(group))
                    writer.write_table(group)
            for part in _part_files(self.parts):
                with pq.ParquetFile(part) as file:
                    for i in range(file.num_row_groups):
                        group = file.read_row_group(i).cast(self.schema)
                        files = _files_in(group)
                        if written & files:             # merged before a kill: only the new files
                            mask = [(s, h) not in written or h is None for s, h in
                                    zip(group.column("source").to_pylist(), group.column("sha256").to_pylist())]
                            group = group.filter(self.pa.array(mask))
                        written.update(files)
                        writer.write_table(group)
                self.pa.default_memory_pool().release_unused()
        os.replace(partial, self.path)
        shutil.rmtree(self.parts, ignore_errors=True)


def parts_folder(path: Path) -> Path:
    """Where a Parquet output's parts wait to be merged (see :class:`Sink`)."""
    return path.with_name(path.name + ".parts")


def _part_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []


def _files_in(table) -> set[tuple[str, str]]:
    return {(s, h) for s, h in zip(table.column("source").to_pylist(), table.column("sha256").to_pylist())
            if h is not None}


def _drop_partial_line(path: Path) -> None:
    """An interrupted append may leave a last line without its newline: cut it off."""
    with path.open("rb+") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        if size == 0:
            return
        f.seek(size - 1)
        if f.read(1) == b"\n":
            return
        block = min(size, 1 << 20)
        f.seek(size - block)
        tail = f.read(block)
        cut = tail.rfind(b"\n")
        f.truncate(size - block + cut + 1 if cut >= 0 else 0)


# -- reading a panel back -----------------------------------------------------------------------

def read_panel(path: str | os.PathLike, columns: list[str] | None = None):
    """A batch output (Parquet, CSV or JSON Lines) as a pandas DataFrame."""
    from .frames import require_pandas
    pd = require_pandas()
    path = Path(path)
    fmt = output_format(path)
    if fmt == "parquet":
        return pd.read_parquet(path, columns=columns)
    if fmt == "csv":
        return pd.read_csv(path, usecols=columns, dtype={"exact": "string", "raw": "string", "sha256": "string"},
                           keep_default_na=False, na_values=[""])
    frame = pd.read_json(path, lines=True, dtype={"exact": "string", "raw": "string"})
    return frame[columns] if columns else frame


def panel_input(path: str | os.PathLike):
    """What :func:`~govdisclose.check_panel` needs of a batch output, and no more: the file
    columns, and of the cells only those the cross-report rules read."""
    from .checks.panel import PANEL_KEYS
    path = Path(path)
    names = set(_pyarrow().parquet.read_schema(path).names) if output_format(path) == "parquet" else None
    lead = ["source", "sha256", "agency", "year", "template"]
    if names is not None and "table" not in names:              # wide Parquet: the columns it needs
        wanted = [n for n in lead + [cell_column(*k) for k in sorted(PANEL_KEYS)] if n in names]
        return read_panel(path, columns=wanted)
    if names is not None:
        import pyarrow.compute as pc
        import pyarrow.dataset as ds
        tables = sorted({k[0] for k in PANEL_KEYS})
        rows = sorted({k[1] for k in PANEL_KEYS})
        data = ds.dataset(path, format="parquet")
        reports = data.to_table(columns=lead).group_by(lead, use_threads=False).aggregate([])  # one row a file
        cells = data.to_table(columns=lead + ["table", "row", "column", "value", "exact", "raw", "line", "char"],
                              filter=pc.field("table").isin(tables) & pc.field("row").isin(rows))
        import pandas as pd
        return pd.concat([reports.to_pandas(), cells.to_pandas()], ignore_index=True)
    return read_panel(path)


# -- the command ----------------------------------------------------------------------------------

def run_batch(sources: list[str], out: str, *, workers: int | None = None, shape: str = "long",
              findings_out: str | None = None, check: bool = False, overwrite: bool = False,
              validate: bool = True, template: str | None = None, progress: bool | None = None,
              stdout=None, stderr=None) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    stdout = stdout or sys.stdout
    console = Console(file=stderr or sys.stderr)
    out_path = Path(out)
    try:
        output_format(out_path)
        if findings_out:
            output_format(findings_out)
    except ValueError as exc:
        print(f"govdisclose: {exc}", file=stderr or sys.stderr)
        return 2
    try:
        exact_money = output_format(out_path) == "parquet"
        schema = long_schema() if shape == "long" else wide_schema(exact_money=exact_money)
    except ImportError as exc:
        print(f"govdisclose: {exc}", file=stderr or sys.stderr)
        return 2
    known = {name for name in schema.names if "/" in name}
    previous = [] if overwrite else ([out_path] if out_path.exists() and out_path.stat().st_size > 0 else [])
    if not overwrite and output_format(out_path) == "parquet":
        previous += _part_files(parts_folder(out_path))[:1]     # an interrupted run's parts
    for earlier in previous:
        try:
            existing = _pyarrow().parquet.read_schema(earlier).remove_metadata() \
                if output_format(out_path) == "parquet" else None
        except Exception as exc:  # noqa: BLE001 - not a Parquet file we can append to
            print(f"govdisclose: {earlier}: cannot resume ({exc}); use --overwrite", file=stderr or sys.stderr)
            return 2
        if existing is not None and existing != schema:
            print(f"govdisclose: {earlier} has other columns (another --shape, other templates installed or "
                  "written by another version); "
                  "use --overwrite or another --out", file=stderr or sys.stderr)
            return 2
    done = set() if overwrite else done_hashes(out_path)
    paths = expand(sources)
    todo, skipped = [], 0
    for path in paths:
        try:
            with open(path, "rb") as f:
                digest = sha256_of(f.read())
        except OSError:
            digest = None
        if digest is not None and digest in done:
            skipped += 1
        else:
            todo.append(path)
    sink = Sink(out_path, schema, resume=not overwrite)
    finding_sink = Sink(Path(findings_out), finding_schema(), resume=not overwrite) if findings_out else None
    counts = {"parsed": 0, "errors": 0, "unreadable": 0}
    unreadable: list[FileRows] = []
    show = console.is_terminal if progress is None else progress
    try:
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=console, disable=not show, transient=False) as bar:
            task = bar.add_task("parsing", total=len(todo))
            rows_of = functools.partial(file_rows, schema=schema, shape=shape, known=known, exact_money=exact_money,
                                        findings=finding_sink is not None)
            for done_file in parse_many(todo, workers=workers, validate=validate, template=template, then=rows_of):
                counts[done_file.status] += 1
                if done_file.status == "unreadable":
                    unreadable.append(done_file)
                sink.add(done_file.rows)
                if done_file.findings:
                    finding_sink.add(done_file.findings)
                bar.advance(task)
    finally:
        sink.close()
    panel_findings = ()
    if check:
        from .checks.panel import check_panel
        panel_findings = check_panel(panel_input(out_path))
        if finding_sink is not None:
            finding_sink.add(finding_rows(None, None, panel_findings))
    if finding_sink is not None:
        finding_sink.close()
    total = len(paths)
    print(f"{total} file{'s' if total != 1 else ''}: {counts['parsed']} parsed, {counts['errors']} parsed with "
          f"errors, {counts['unreadable']} unreadable, {skipped} already in {out_path} (skipped)", file=stdout)
    for result in unreadable:
        print(f"  unreadable: {result.source}: {result.error}", file=stdout)
    if check:
        by_rule: dict[str, int] = {}
        for f in panel_findings:
            by_rule[f"{f.rule} {f.severity}"] = by_rule.get(f"{f.rule} {f.severity}", 0) + 1
        print(f"cross-report checks: {len(panel_findings)} finding(s)"
              + ("".join(f"; {n} {k}" for k, n in sorted(by_rule.items()))), file=stdout)
        for f in panel_findings:
            if f.severity != "info":
                print(f"  {f.rule} {f.severity}: {f.message}", file=stdout)
    print(f"wrote {out_path}" + (f" and {findings_out}" if findings_out else ""), file=stdout)
    if counts["unreadable"]:
        return 2
    return 1 if counts["errors"] else 0

