"""Many reports at once: :func:`parse_many` streams one :class:`Result` per file.

>>> for result in govdisclose.parse_many("reports/**/*.txt", workers=4):
...     if result.ok: use(result.report, result.findings)
...     else: print(result.source, result.error)

A file that cannot be read as a report becomes a Result with ``error`` set, never the
end of the run. The work is a plain function of (path, options) — stateless and
picklable — so it runs on any :class:`concurrent.futures.Executor`: in this process
(``workers=1``, the default), on a process pool (``workers=N``), or on a cluster through
an engine's executor (Dask: ``parse_many(paths, executor=client.get_executor())``).
Files go out in chunks and at most a few chunks per worker are in flight, so memory
stays flat however many files there are.
"""
from __future__ import annotations

import glob
import hashlib
import os
import stat
from collections import deque
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import attrs

from .errors import GovdiscloseError
from .model import ERROR, Finding, Report, _above

__all__ = ["Result", "parse_many", "expand", "parse_file", "warm_worker", "STATUSES"]

#: ``parsed``: read, no error-level finding; ``errors``: read, with error-level findings;
#: ``unreadable``: not a report, or not readable at all (``error`` says why).
STATUSES = ("parsed", "errors", "unreadable")


@attrs.frozen
class Result:
    """What became of one file: the report and its findings, or why there is none."""

    source: str
    sha256: str | None = None           # of the file's bytes (None when the file could not be read)
    size: int | None = None
    report: Report | None = None
    #: ``validate(report)`` (every finding) when parse_many validated, else ``report.findings``
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=tuple)
    error: str | None = None            # why there is no report: the exception's message
    error_type: str | None = None       # its class: UnreadableInputError, NotAReportError, OSError …

    @property
    def ok(self) -> bool:
        """A report was read (it may still have error-level findings: see :attr:`status`)."""
        return self.report is not None

    @property
    def status(self) -> str:
        """``parsed``, ``errors`` (a report with an error-level finding) or ``unreadable``."""
        if self.report is None:
            return "unreadable"
        return "errors" if any(f.severity == ERROR for f in self.findings) else "parsed"

    def __repr__(self) -> str:
        """One line: the file, its status and what it came to."""
        if self.report is None:
            return f"<Result {self.source} unreadable: {self.error_type or 'error'}: {self.error}>"
        m = self.report.meta
        return (f"<Result {self.source} {self.status}: {m.agency or '?'} {m.year or '?'}, "
                f"{len(self.report.columns)} cells, {len(self.findings)} findings>")

    def _repr_html_(self) -> str:
        return _above("govdisclose.api", "result_html")(self)


def expand(sources: str | os.PathLike | Iterable[str | os.PathLike], *,
           pattern: str = "*") -> list[str]:
    """The files *sources* names: a glob (``reports/**/*.txt``), a directory (every file
    under it matching *pattern*, recursively, hidden files left out), a file, or an
    iterable of those; in sorted order within each, duplicates removed."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    found: dict[str, None] = {}
    for source in sources:
        text = os.fspath(source)
        path = Path(text)
        if path.is_dir():
            matches = sorted(str(p) for p in path.rglob(pattern)
                             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif glob.has_magic(text) and not path.exists():
            matches = sorted(p for p in glob.glob(text, recursive=True) if os.path.isfile(p))
        else:
            matches = [text]                # a file (or a missing one: its Result says so)
        found.update(dict.fromkeys(matches))
    return list(found)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_file(path: str, validate: bool = True, template: str | None = None,
               reader: str | None = None) -> Result:
    """One file -> its :class:`Result` (never raises for a bad file). The file is read once:
    its bytes are hashed and parsed (``report.meta.source`` is *path*)."""
    from .pipeline import parse
    from .sources import read_raw
    raw = None
    try:
        if not _regular(path):
            return Result(str(path), error="not a regular file (a FIFO, a device or a socket): only files are read "
                          "as reports here; parse(open(path, 'rb')) reads a stream", error_type="UnreadableInputError")
        raw = read_raw(Path(path))
        report = parse(raw.data, template=template, reader=reader)
        report = attrs.evolve(report, meta=attrs.evolve(report.meta, source=str(path)))
        findings = report.findings
        if validate:
            from .api import validate as run_checks
            findings = run_checks(report)
    except Exception as exc:  # noqa: BLE001 - a bad file (or a bug on one file) must not end a run
        internal = not isinstance(exc, (GovdiscloseError, OSError, UnicodeError))
        return Result(str(path), None if raw is None else sha256_of(raw.data), None if raw is None else len(raw.data),
                      error=("internal error: " if internal else "") + _message(exc), error_type=type(exc).__name__)
    return Result(str(path), sha256_of(raw.data), len(raw.data), report, findings)


def _regular(path: str) -> bool:
    """Whether *path* is a regular file, or is missing (its Result then says why): a FIFO or a
    device is never opened (opening a FIFO waits for a writer; /dev/zero never ends)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _message(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return text[:500]


def _parse_chunk(paths: Sequence[str], options: dict[str, Any], then: Callable[[Result], Any] | None = None) -> list:
    """The unit of work sent to an executor: a few files, parsed one after another (and
    each result passed through *then*)."""
    results = [parse_file(p, **options) for p in paths]
    return results if then is None else [then(r) for r in results]


def parse_many(sources: str | os.PathLike | Iterable[str | os.PathLike], *, workers: int | None = None,
               executor: Executor | None = None, validate: bool = True, template: str | None = None,
               reader: str | None = None, chunksize: int | None = None, ordered: bool = True,
               skip: Any = None, then: Callable[[Result], Any] | None = None) -> Iterator[Any]:
    """Parse (and by default validate) every file *sources* names, streaming one
    :class:`Result` per file.

    *sources*: a glob, a directory, a path, or an iterable of paths (see :func:`expand`).
    *executor*: any :class:`concurrent.futures.Executor` (a process pool, Dask's
    ``Client.get_executor()`` …); it is used and left running, and *workers* then says how
    many workers it has (by default its ``_max_workers``, else this machine's cores), which
    sets how many chunks are in flight (three per worker). Without one, *workers* > 1
    starts a process pool of that many workers for this call, and ``workers`` 1 or None
    parses in this process. *chunksize* files go to a worker at a time (default: 1 in
    this process, else up to 16, fewer for a few files). Results come in the order of the
    files (*ordered*) or as they are done. *skip*, a predicate on a path, leaves files out
    before they are read (the CLI's ``batch`` skips files already in its output by hash).
    *then*, a picklable function of a :class:`Result`, runs where the file was parsed (in
    the worker) and parse_many yields what it returns instead of the Result: keep only
    what you need of each report (its rows, a few cells) and less crosses from the worker
    processes to this one, which on a few cores is what limits scale-out (``batch`` sends
    Arrow record batches this way).
    """
    paths = expand(sources)
    if skip is not None:
        paths = [p for p in paths if not skip(p)]
    options = {"validate": validate, "template": template, "reader": reader}
    if executor is None and (workers or 1) <= 1:
        for path in paths:
            result = parse_file(path, **options)
            yield result if then is None else then(result)
        return
    own = executor is None
    pool = executor if executor is not None else ProcessPoolExecutor(max_workers=workers, initializer=warm_worker,
                                                                     initargs=(validate,))
    width = workers or getattr(pool, "_max_workers", None) or os.cpu_count() or 2
    size = chunksize or max(1, min(16, len(paths) // (width * 4) or 1))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    try:
        yield from _stream(pool, chunks, options, window=width * 3, ordered=ordered, then=then)
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


#: The bundled report a worker parses once before its first file (:func:`warm_worker`).
_WARM_UP = Path(__file__).resolve().parent / "testing" / "seeds" / "seed-001.txt"


def warm_worker(validate: bool = True) -> None:
    """A worker process's start (the initializer of the pool :func:`parse_many` starts):
    the plugins loaded, the grammar built and the per-template caches filled by parsing a
    bundled report (and validating it, with *validate*), then all that is alive moved out
    of the garbage collector's reach (``gc.freeze``): its collections no longer walk the
    modules, templates and caches at every report, and a forked worker does not write to
    (and so copy) the pages it shares with its parent. Pass it as the ``initializer`` of an
    executor of your own. A warm-up that fails is skipped: the files are parsed as ever,
    each with its own error."""
    import gc

    from .api import validate as check
    from .pipeline import parse
    try:
        report = parse(_WARM_UP.read_text(encoding="utf-8"))
        if validate:
            check(report)
    except Exception:  # noqa: BLE001 - a broken plugin or a missing file must not break the pool
        pass
    gc.freeze()


def _stream(pool: Executor, chunks: list[list[str]], options: dict[str, Any], window: int,
            ordered: bool, then: Callable[[Result], Any] | None = None) -> Iterator[Any]:
    """Submit chunks keeping at most *window* in flight; yield their results."""
    from concurrent.futures import FIRST_COMPLETED, wait
    pending: deque[tuple[list[str], Future]] = deque()
    queue = iter(chunks)

    def fill() -> None:
        while len(pending) < window:
            chunk = next(queue, None)
            if chunk is None:
                return
            pending.append((chunk, pool.submit(_parse_chunk, chunk, options, then)))

    fill()
    while pending:
        if ordered:
            chunk, future = pending.popleft()
        else:
            wait([f for _, f in pending], return_when=FIRST_COMPLETED)
            index = next(i for i, (_, f) in enumerate(pending) if f.done())
            chunk, future = pending[index]
            del pending[index]
        yield from _chunk_results(chunk, future, then)
        fill()


def _chunk_results(chunk: list[str], future: Future, then: Callable[[Result], Any] | None = None) -> list:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - the worker died (killed, out of memory …): its files are lost
        lost = [Result(p, error=f"the worker parsing it failed: {type(exc).__name__}: {_message(exc)}",
                       error_type=type(exc).__name__) for p in chunk]
        return lost if then is None else [then(r) for r in lost]
