"""``govdisclose batch``: a folder (or glob) of reports into one panel file.

    govdisclose batch reports/ --out panel.parquet [--workers 4] [--findings findings.csv] [--check]

Every file is parsed and validated (:func:`~govdisclose.parse_many`) and written, as it
comes, to ``--out``: Parquet, CSV or JSON Lines by its suffix, through pyarrow (the
``frame`` extra). The table is the tidy frame of :mod:`govdisclose.frames` (one row per
cell, ``--shape long``, the default) or one row per report (``--shape wide``: a column per
cell key of the installed templates), led in both by the file's columns :data:`FILE_COLUMNS`
(``source``, ``sha256``, ``size``, ``status``, ``error``, the meta, the finding counts). A
file that cannot be read is one row with ``status`` ``unreadable`` and ``error`` saying why.

The run is resumable: files whose content (sha256) is already in ``--out`` under their name are skipped
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
import hashlib
import json
import errno
import os
import re
import shutil
import stat
import sys
from pathlib import Path
from typing import Any, Iterator

import attrs

from .corpus import Result, expand, parse_many
from .frames import (FILE_COLUMNS, FINDING_COLUMNS, INTEGER_COLUMNS, TIDY_COLUMNS, cell_column, count_columns,
                     finding_rows, frame_types, report_columns, report_counts, tidy_columns, unreadable_columns,
                     wide_file_row, wide_keys)
from .host import host

__all__ = ["run_batch", "FILE_COLUMNS", "FINDING_COLUMNS", "Sink", "done_hashes", "done_files", "read_panel"]

FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".xlsx": "xlsx"}
#: The most rows an Excel sheet holds (a header row and 1,048,575 more)
EXCEL_ROWS = 1_048_576
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
        raise ValueError(f"{path}: the output must end in .parquet, .csv, .jsonl or .xlsx")
    return FORMATS[suffix]


# -- schemas -----------------------------------------------------------------------------------

def long_schema(exact_money: bool = True):
    """One row per cell: the file columns, then the tidy frame's (money as decimal128(38, 17)
    when *exact_money* (Parquet), else float64 (CSV, JSON Lines); ``exact`` is its text)."""
    pa = _pyarrow()
    money = pa.decimal128(*MONEY_TYPE[1:]) if exact_money else pa.float64()
    types = {name: pa.int64() for name in INTEGER_COLUMNS}
    types.update({"value": pa.float64(), "blank": pa.bool_(), "money": money})
    return pa.schema([(name, types.get(name, pa.string())) for name in FILE_COLUMNS + TIDY_COLUMNS])


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
               for t, r, c, count in wide_keys(plugins or host())]
    fields.append(pa.field("unknown_cells", pa.int64()))
    return pa.schema(fields)


def finding_schema():
    pa = _pyarrow()
    return pa.schema([(n, pa.int64() if n in ("line", "char") else pa.string()) for n in FINDING_COLUMNS])


# -- rows ----------------------------------------------------------------------------------------

def file_columns(result: Result, rows: int = 1) -> dict[str, Any]:
    """The file's columns (:data:`FILE_COLUMNS`); *rows*: how many rows the file has in the
    output (the long shape: one a cell; the wide: one), which tells a resumed run whether
    they were all written."""
    if result.report is None:
        return {**unreadable_columns(result), "size": result.size, "rows": rows}
    return {**report_columns(result.report, result.source, result.sha256, result.status), "size": result.size,
            "rows": rows, **report_counts(result.report, result.findings)}


def long_batch(result: Result, schema):
    """The file's rows of the long shape as one Arrow record batch, built column by column
    (faster than a dict per cell; ``pa.repeat`` is slower than converting a repeated list)."""
    pa = _pyarrow()
    if result.report is None or not len(result.report.columns):
        return pa.RecordBatch.from_pylist([file_columns(result)], schema=schema)
    cells, n = tidy_columns(result.report, host()), len(result.report.columns)
    lead = file_columns(result, rows=n)
    if schema.field("money").type == pa.float64():          # CSV, JSON Lines: money as a float (exact: its text)
        cells["money"] = [None if v is None else float(v) for v in cells["money"]]
    arrays = [pa.array([lead.get(field.name)] * n if field.name in FILE_COLUMNS else cells[field.name], field.type)
              for field in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def wide_rows(result: Result, known: set[str], exact_money: bool = False) -> list[dict[str, Any]]:
    """The file's row of the wide shape (:func:`govdisclose.frames.wide_file_row`); money as a
    float unless *exact_money*."""
    row = wide_file_row(result.report, file_columns(result), known)
    if not exact_money:
        row.update({k: float(v) for k, v in row.items() if "/" in k and v is not None and not isinstance(v, int)})
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


# -- sinks: one output table, written as rows come -------------------------------------------------

#: A file in an output: (source, sha256), the sha256 None for a file that was not read.
FileKey = tuple  # (str | None, str | None)


def done_files(path: Path) -> set[FileKey]:
    """(source, sha256) of every file whose rows are all in the output *path* (none when it
    does not exist), and, for Parquet, in the parts an interrupted run left (see :class:`Sink`)."""
    if output_format(path) == "parquet":
        pa = _pyarrow()
        done: set[FileKey] = set()
        for file in ([path] if path.exists() and path.stat().st_size > 0 else []) + _part_files(parts_folder(path)):
            table = pa.parquet.read_table(file, columns=["source", "sha256"])
            done.update(_files_in(table, unread=True))
        return done
    return _scan(path)[0] if path.exists() and path.stat().st_size > 0 else set()


def done_hashes(path: Path) -> set[str]:
    """The sha256 of every file whose rows are all in the output *path* (see :func:`done_files`)."""
    return {sha for _, sha in done_files(path) if sha}


# -- resuming CSV and JSON Lines: whole files' blocks only --------------------------------------
#
# A file's rows are appended as one block, and its ``rows`` column says how many rows the
# block has. A run cut off (kill -9, a full disk) can leave only the last block part-written
# (one writer at a time: the lock), so on resume the output is cut back to the end of its
# last whole block; a file counts as done only when all its rows are there.

#: The lead of a JSON Lines row as ``Sink`` writes it (the schema's order): read without
#: decoding the whole line (a resume reads every row of the output).
_JSONL_LEAD = re.compile(rb'^\{"source": (null|"(?:[^"\\]|\\.)*"), "sha256": (null|"[0-9a-f]{64}"), '
                         rb'"size": (?:null|-?\d+), "rows": (null|\d+)[,}]')


def _records(path: Path, fmt: str) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(byte offset where the record starts, the record) of a CSV or JSON Lines output; a
    record that cannot be read (a half-written last line) is ``None`` and ends it. A CSV's
    header comes first, as the record ``{"": header}`` at its offset 0."""
    with path.open("rb") as f:
        if fmt == "jsonl":
            start = 0
            for line in f:
                record = None
                if line.endswith(b"\n"):
                    m = _JSONL_LEAD.match(line)
                    try:
                        record = {"source": json.loads(m[1]), "sha256": json.loads(m[2]), "rows": json.loads(m[3])} \
                            if m else json.loads(line)
                    except ValueError:
                        record = None
                yield start, record
                if record is None:
                    return
                start += len(line)
            return
        import csv
        csv.field_size_limit(sys.maxsize)   # a cell's raw text may be long (100,000 digits)
        offset, ended = [0], [True]

        def lines() -> Iterator[str]:
            for line in f:
                offset[0] += len(line)
                ended[0] = line.endswith(b"\n")
                yield line.decode("utf-8", "replace")
        reader = csv.reader(lines())
        try:
            header = next(reader)
        except (StopIteration, csv.Error):
            header = None
        if header is None or not ended[0]:
            yield 0, None                   # not even the header whole
            return
        yield 0, {"": header}
        start = offset[0]
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error:               # cut off inside a quoted field
                record = None
            if record is None or not ended[0] or len(record) != len(header):
                yield start, None           # cut off: the record without its line end, or its fields
                return
            yield start, dict(zip(header, record))
            start = offset[0]


def _scan(path: Path) -> tuple[set[FileKey], int | None]:
    """Of a CSV or JSON Lines output: the files whose blocks are whole, and the byte offset to
    cut it back to, the start of its first block that is not (None: nothing to cut)."""
    whole: set[FileKey] = set()
    block: FileKey | None = None
    block_start, count, rows = 0, 0, 0
    for start, record in _records(path, output_format(path)):
        if record is not None and "" in record:
            continue                        # a CSV's header
        key = None if record is None else (record.get("source") or None, record.get("sha256") or None)
        if key is not None and key == block and count < rows:
            count += 1
            continue
        if block is not None:               # the block before ends here
            if count != rows:
                return whole, block_start
            whole.add(block)
        if record is None:
            return whole, start
        block, block_start, count, rows = key, start, 1, _int(record.get("rows")) or 0
    if block is not None and count != rows:
        return whole, block_start
    if block is not None:
        whole.add(block)
    return whole, None


def _findings_cut(path: Path, done: set[FileKey]) -> int | None:
    """Where to cut a CSV or JSON Lines findings output: at its first row of a file not in
    *done* (or of the cross-report findings, which ``--check`` computes again), or None."""
    for start, record in _records(path, output_format(path)):
        if record is not None and "" in record:
            continue
        if record is None or not record.get("sha256") or (record.get("source"), record["sha256"]) not in done:
            return start
    return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def resume(path: Path, done: set[FileKey] | None = None) -> set[FileKey]:
    """Make the CSV or JSON Lines output *path* ready to append to: cut back to its last whole
    block (:func:`_scan`), or, a findings output, to the files *done* (:func:`_findings_cut`);
    the files done."""
    if not path.exists() or path.stat().st_size == 0:
        return set()
    whole, cut = _scan(path) if done is None else (done, _findings_cut(path, done))
    if cut is not None:
        with path.open("rb+") as f:
            f.truncate(cut)
    return whole


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

    def __init__(self, path: Path, schema, resume: bool, companion: "Sink | None" = None,
                 only: "set[FileKey] | None" = None):
        self.pa = _pyarrow()
        self.path, self.schema, self.format = path, schema, output_format(path)
        self.companion = companion          # flushed first (the findings of the rows flushed)
        self.only = only                    # rows already there kept only for these files (findings)
        self.buffer: list = []              # record batches not yet written
        self.buffered = 0                   # … and their rows
        self.file = None
        self.closed = False
        keep = resume and path.exists() and path.stat().st_size > 0
        if self.format == "parquet":
            self.parts = parts_folder(path)
            if not resume and self.parts.exists():
                shutil.rmtree(self.parts)
            self.parts.mkdir(exist_ok=True)
            self.keep = keep
            self.next_part = 1 + max((int(p.stem.split("-")[1]) for p in _part_files(self.parts)), default=0)
            self.first_new_part = self.next_part
        else:                               # (cut back to its last whole block by resume())
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
        if self.companion is not None:
            self.companion.flush()
        if not self.buffer:
            return
        table = self.pa.Table.from_batches(self.buffer, schema=self.schema)
        self.buffer, self.buffered = [], 0
        if self.format == "parquet":
            part = self.parts / f"part-{self.next_part:06d}.parquet"
            self.next_part += 1
            temporary = part.with_suffix(".tmp")
            self.pa.parquet.write_table(table, temporary)
            with open(temporary, "rb") as f:            # on disk before it is named a part
                os.fsync(f.fileno())
            os.replace(temporary, part)                 # a part on disk is always whole
        elif self.format == "csv":
            import io
            out = io.BytesIO()
            options = self.pa.csv.WriteOptions(include_header=self.header)
            self.pa.csv.write_csv(table, out, write_options=options)
            self.header = False
            self.file.write(out.getvalue().decode("utf-8"))
            self.file.flush()
        else:                               # one write a flush: a file's rows as one block
            self.file.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in table.to_pylist()))
            self.file.flush()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.flush()
        if self.format != "parquet":
            os.fsync(self.file.fileno())
            self.file.close()
            return
        pq = self.pa.parquet
        partial = self.path.with_name(self.path.name + ".partial")
        written: set[tuple[str, str]] = set()          # (source, sha256) already merged
        with pq.ParquetWriter(partial, self.schema) as writer:       # row group by row group: flat memory
            if self.keep:
                old = pq.ParquetFile(self.path)
                for i in range(old.num_row_groups):
                    group = self._kept(old.read_row_group(i).select(self.schema.names).cast(self.schema))
                    written.update(_files_in(group))
                    writer.write_table(group)
            for part in _part_files(self.parts):
                new = int(part.stem.split("-")[1]) >= self.first_new_part
                with pq.ParquetFile(part) as file:
                    for i in range(file.num_row_groups):
                        group = file.read_row_group(i).cast(self.schema)
                        group = group if new else self._kept(group)
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

    def _kept(self, table):
        """Of rows written before this run: those of the files in :attr:`only` (all without it)."""
        if self.only is None:
            return table
        only = self.only
        mask = [(s, h) in only for s, h in zip(table.column("source").to_pylist(), table.column("sha256").to_pylist())]
        return table.filter(self.pa.array(mask, self.pa.bool_()))

    def abort(self) -> None:
        """After a write failed (a full disk …): close what is open and leave what is written,
        to resume from (CSV, JSON Lines: the whole blocks; Parquet: the parts)."""
        self.closed = True
        if self.file is not None:
            try:
                self.file.close()
            except OSError:
                pass
        if self.format == "parquet":
            self.path.with_name(self.path.name + ".partial").unlink(missing_ok=True)


def parts_folder(path: Path) -> Path:
    """Where a Parquet output's parts wait to be merged (see :class:`Sink`)."""
    return path.with_name(path.name + ".parts")


def _part_files(folder: Path) -> list[Path]:
    """The whole parts in *folder*: a part that cannot be read (a power cut between its rename
    and its data reaching the disk) is left out, and its files are parsed again."""
    if not folder.is_dir():
        return []
    pq = _pyarrow().parquet
    whole = []
    for part in sorted(folder.glob("part-*.parquet")):
        try:
            pq.read_metadata(part)
        except Exception:  # noqa: BLE001 - pyarrow raises ArrowInvalid, OSError …
            continue
        whole.append(part)
    return whole


def _files_in(table, unread: bool = False) -> set[FileKey]:
    """(source, sha256) of the files in *table*; with *unread*, also files not read (no sha256)."""
    return {(s, h) for s, h in zip(table.column("source").to_pylist(), table.column("sha256").to_pylist())
            if h is not None or (unread and s is not None)}


# -- reading a panel back -----------------------------------------------------------------------

def read_panel(path: str | os.PathLike, columns: list[str] | None = None, plugins=None):
    """A batch output (Parquet, CSV or JSON Lines) as a pandas DataFrame, in the dtypes of
    :func:`govdisclose.to_frame` (:func:`govdisclose.frames.frame_types`: categorical keys,
    ``Int64`` counts, exact ``Decimal`` money, ``boolean`` blank), whichever the format."""
    from .frames import require_pandas
    pd = require_pandas()
    path = Path(path)
    fmt = output_format(path)
    text = {name: "string" for name in ("exact", "raw", "sha256", "money", "error", "label", "unit_written")}
    if fmt == "parquet":
        frame = pd.read_parquet(path, columns=columns)
    elif fmt == "csv":
        names = pd.read_csv(path, nrows=0).columns
        frame = pd.read_csv(path, usecols=columns, keep_default_na=False, na_values=[""],
                            dtype={**text, **{n: "string" for n in names if "/" in n}})
    else:
        frame = pd.read_json(path, lines=True, dtype=text)
        frame = frame[columns] if columns else frame
    return frame_types(frame, counts=count_columns(plugins or host()))


def panel_input(path: str | os.PathLike):
    """What :func:`~govdisclose.check_panel` needs of a batch output, and no more: the file
    columns, and of the cells only those the cross-report rules read."""
    from .checks.panel import PANEL_KEYS
    path = Path(path)
    names = set(_pyarrow().parquet.read_schema(path).names) if output_format(path) == "parquet" else None
    lead = ["source", "sha256", "status", "agency", "year", "template"]
    if names is not None and "table_key" not in names:          # wide Parquet: the columns it needs
        wanted = [n for n in lead + [cell_column(*k) for k in sorted(PANEL_KEYS)] if n in names]
        return read_panel(path, columns=wanted)
    if names is not None:
        import pyarrow.compute as pc
        import pyarrow.dataset as ds
        tables = sorted({k[0] for k in PANEL_KEYS})
        rows = sorted({k[1] for k in PANEL_KEYS})
        data = ds.dataset(path, format="parquet")
        reports = data.to_table(columns=lead).group_by(lead, use_threads=False).aggregate([])  # one row a file
        cells = data.to_table(columns=lead + ["table_key", "row_key", "column_key", "value", "exact", "raw", "line",
                                              "char"],
                              filter=pc.field("table_key").isin(tables) & pc.field("row_key").isin(rows))
        import pandas as pd
        return pd.concat([reports.to_pandas(), cells.to_pandas()], ignore_index=True)
    return read_panel(path)


# -- the command ----------------------------------------------------------------------------------

def run_batch(sources: list[str], out: str, *, workers: int | None = None, shape: str = "long",
              findings_out: str | None = None, check: bool = False, overwrite: bool = False,
              validate: bool = True, template: str | None = None, progress: bool | None = None,
              stdout=None, stderr=None) -> int:
    stderr = stderr or sys.stderr
    out_path = Path(out)
    try:
        output_format(out_path)
        if findings_out and output_format(findings_out) == "xlsx":
            raise ValueError(f"{findings_out}: the findings go to Excel as the findings sheet of --out panel.xlsx; "
                             "--findings is .parquet, .csv or .jsonl")
        excel = output_format(out_path) == "xlsx"
        if excel:
            _openpyxl()
        exact_money = output_format(out_path) in ("parquet", "xlsx")
        schema = long_schema(exact_money) if shape == "long" else wide_schema(exact_money=exact_money)
    except (ValueError, ImportError) as exc:
        print(f"govdisclose: {exc}", file=stderr)
        return 2
    outputs = [out_path] + ([Path(findings_out)] if findings_out else [])
    if findings_out and os.path.realpath(findings_out) == os.path.realpath(out_path):
        print(f"govdisclose: {out_path}: --findings must be another file than --out", file=stderr)
        return 2
    locks = []
    try:
        for path in outputs:                # one writer an output: a second run is told, not interleaved
            _make_folder(path)
            locks.append(_lock(path))
        options = dict(workers=workers, shape=shape, check=check, validate=validate, template=template,
                       progress=progress, stdout=stdout or sys.stdout, stderr=stderr)
        if excel:
            return _excel(sources, out_path, schema, findings_out, **options)
        return _run(sources, out_path, schema, exact_money, findings_out=findings_out, overwrite=overwrite, **options)
    except _InUse as exc:
        print(f"govdisclose: {exc}", file=stderr)
        return 2
    except OSError as exc:                  # the output cannot be written: a full disk, a read-only folder …
        where = exc.filename or out_path
        if exc.filename is not None and not _about_output(str(exc.filename), outputs):
            print(f"govdisclose: {where}: {exc.strerror or exc}", file=stderr)      # not the output's: say what
            return 2
        print(f"govdisclose: {where}: cannot write the output: {exc.strerror or exc}; what was written whole "
              "is kept, and the same command resumes from it", file=stderr)
        return 2
    finally:
        for lock in locks:
            lock.release()


def _openpyxl():
    try:
        import openpyxl
    except ImportError:
        raise ImportError('an Excel output needs openpyxl: pip install "govdisclose[frame]"') from None
    return openpyxl


def _excel(sources, out_path: Path, schema, findings_out: str | None, *, stderr, **options) -> int:
    """``--out panel.xlsx``: the batch run into Parquet in a temporary folder (its findings
    into ``--findings`` when given, else there too), then written whole as a workbook of two
    sheets, ``panel`` (the long or wide table, in read_panel's dtypes: money exact) and
    ``findings`` (every finding, one row each). An Excel output is not resumed: it is
    written afresh by every run."""
    import tempfile
    import pandas as pd
    with tempfile.TemporaryDirectory(prefix="govdisclose-batch-") as work:
        panel = Path(work) / "panel.parquet"
        found = Path(findings_out) if findings_out else Path(work) / "findings.parquet"
        status = _run(sources, panel, schema, True, findings_out=str(found), overwrite=True, shown=out_path,
                      shown_findings=findings_out, stderr=stderr, **options)
        frame = read_panel(panel) if panel.exists() else pd.DataFrame(columns=schema.names)
        findings = read_panel(found) if found.exists() and found.stat().st_size \
            else pd.DataFrame(columns=FINDING_COLUMNS)
        for name, table in (("panel", frame), ("findings", findings)):
            if len(table) >= EXCEL_ROWS:
                print(f"govdisclose: {out_path}: the {name} has {len(table):,} rows, more than an Excel sheet holds "
                      f"({EXCEL_ROWS - 1:,}); write --shape wide, or a .parquet", file=stderr)
                return 2
        with pd.ExcelWriter(out_path, engine="openpyxl") as workbook:
            frame.to_excel(workbook, sheet_name="panel", index=False)
            findings.to_excel(workbook, sheet_name="findings", index=False)
    return status


def _make_folder(path: Path) -> None:
    """The folder of the output *path*, made with its parents (``--out 2024/panel.parquet``)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:                 # a file where a folder should be: say so of the output
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path)) from None


class _InUse(Exception):
    pass


def _lock(path: Path):
    """An exclusive lock on the output *path* (``PATH.lock``; released when the process ends,
    however it ends), or :class:`_InUse` when another batch holds it."""
    try:
        from filelock import FileLock, Timeout
    except ImportError:
        raise ImportError("govdisclose batch needs filelock: pip install \"govdisclose[frame]\"") from None
    lock = FileLock(str(lock_path(path)))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise _InUse(f"{path} is in use by another govdisclose batch (it holds {lock_path(path)}); wait for it to end, "
                     "or write to another --out") from None
    return lock


def lock_path(path: Path) -> Path:
    """The lock file of the output *path*: hidden, beside it (``.panel.parquet.lock``)."""
    return path.with_name(f".{path.name}.lock")


def _about_output(filename: str, outputs: list[Path]) -> bool:
    """Whether an OSError's *filename* is an output's, its own files' or a folder on its way."""
    real = os.path.realpath(filename)
    return _is_own(filename, outputs) or any(
        os.path.realpath(p).startswith(real.rstrip(os.sep) + os.sep) or real.startswith(os.path.realpath(p))
        for p in outputs)


def _is_own(candidate: str, outputs: list[Path]) -> bool:
    """Whether *candidate* is a file a batch writes (an output, its lock, its ``.partial``, or
    anything in its parts folder): never an input."""
    real = os.path.realpath(candidate)
    for path in outputs:
        own = {os.path.realpath(p) for p in (path, lock_path(path), path.with_name(path.name + ".partial"))}
        if real in own or os.path.dirname(real) == os.path.realpath(parts_folder(path)):
            return True
    return False


def file_digest(path: str) -> str | None:
    """The sha256 of the file *path*, read in chunks; None for what batch does not read (not a
    regular file: a FIFO, a device; more than a report's size; missing): its Result says why."""
    from .sources import MAX_BYTES
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(functools.partial(f.read, 1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _run(sources, out_path: Path, schema, exact_money: bool, *, workers, shape, findings_out, check, overwrite,
         validate, template, progress, stdout, stderr, shown: Path | None = None,
         shown_findings: str | None = None) -> int:
    """The batch into *out_path* (and *findings_out*); the summary names *shown* and
    *shown_findings* instead where given (an Excel output's)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    console = Console(file=stderr)
    fmt = output_format(out_path)
    known = {name for name in schema.names if "/" in name}
    findings_path = Path(findings_out) if findings_out else None
    previous = [] if overwrite else [(p, sch) for p, sch in ((out_path, schema), (findings_path, finding_schema()))
                                     if p is not None and p.exists() and p.stat().st_size > 0]
    if not overwrite and fmt == "parquet":
        previous += [(p, schema) for p in _part_files(parts_folder(out_path))[:1]]     # an interrupted run's parts
    for earlier, expected in previous:
        problem = _columns_problem(earlier, expected)
        if problem:
            print(f"govdisclose: {earlier}: {problem}", file=stderr)
            return 2
    if overwrite:
        done: set[FileKey] = set()
    elif fmt == "parquet":
        done = done_files(out_path)
    else:
        done = resume(out_path)             # cut back to its last whole file
    if findings_path is not None and not overwrite and output_format(findings_path) != "parquet":
        resume(findings_path, done)         # the findings of the files done, no more
    own = [out_path] + [Path(p) for p in (findings_path, shown, shown_findings) if p is not None]
    paths = [p for p in expand(sources) if not _is_own(p, own)]
    todo, skipped = [], 0
    for path in paths:                      # done: the same content under the same name
        if done and (str(path), file_digest(path)) in done:
            skipped += 1
        else:
            todo.append(path)
    finding_sink = Sink(findings_path, finding_schema(), resume=not overwrite, only=done) \
        if findings_path is not None else None
    sink = Sink(out_path, schema, resume=not overwrite, companion=finding_sink)
    sinks = [s for s in (finding_sink, sink) if s is not None]
    counts = {"parsed": 0, "errors": 0, "unreadable": 0}
    unreadable: list[FileRows] = []
    panel_findings = ()
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
                if done_file.findings:      # before the file's rows: rows written mean findings written
                    finding_sink.add(done_file.findings)
                sink.add(done_file.rows)
                bar.advance(task)
        sink.close()
        if check:
            from .checks.panel import check_panel
            panel_findings = check_panel(panel_input(out_path))
            if finding_sink is not None:
                finding_sink.add(finding_rows(None, None, panel_findings))
        if finding_sink is not None:
            finding_sink.close()
    except OSError:                         # a write failed: leave what is whole, to resume from
        for s in sinks:
            s.abort()
        raise
    except BaseException:                   # Ctrl-C …: what was parsed is merged in (Parquet)
        for s in sinks:
            try:
                s.close()
            except OSError:
                s.abort()
        raise
    total = len(paths)
    print(f"{total} file{'s' if total != 1 else ''}: {counts['parsed']} parsed, {counts['errors']} parsed with "
          f"errors, {counts['unreadable']} unreadable, {skipped} already in {shown or out_path} (skipped)", file=stdout)
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
    if shown is not None:
        findings_out = shown_findings
    print(f"wrote {shown or out_path}" + (f" and {findings_out}" if findings_out else ""), file=stdout)
    if counts["unreadable"]:
        return 2
    return 1 if counts["errors"] else 0


def _columns_problem(path: Path, schema) -> str | None:
    """Why the output *path* (or a part of it) cannot be appended to with *schema*, or None."""
    fmt = output_format(path)
    try:
        if fmt == "parquet":
            names = _pyarrow().parquet.read_schema(path).remove_metadata()
            same = names == schema
        elif fmt == "csv":
            first = next((record for _, record in _records(path, fmt)), None)
            if first is None:
                return None                 # not even the header whole: resume() empties it
            same = first[""] == schema.names
        else:
            with path.open("rb") as f:
                line = f.readline()
            if not line.endswith(b"\n"):
                return None                 # nothing whole yet: resume() empties it
            same = list(json.loads(line)) == schema.names
    except Exception as exc:  # noqa: BLE001 - not an output we can append to
        return f"cannot resume ({exc}); use --overwrite"
    if same:
        return None
    return ("has other columns (another --shape, other templates installed or written by another version); "
            "use --overwrite or another --out")
