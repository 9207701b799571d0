"""The ``govdisclose`` command line.

Exit status: 0 parsed; 1 parsed with error-level findings; 2 the input cannot be read
as a report (one clear line on stderr, never a traceback).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from .errors import GovdiscloseError
from .pipeline import parse
from .host import own_version
from .writers.builtin import LAYOUTS

__all__ = ["main"]


def _cannot_read(name: str, exc: GovdiscloseError) -> None:
    """One line on stderr: ``govdisclose: FILE: why`` (the file named once), and for a folder
    the command that reads one."""
    message = str(exc)
    line = message if message.startswith(f"{name}: ") else f"{name}: {message}"
    if name != "-" and Path(name).is_dir():
        line += f" (a folder of reports: govdisclose batch {name} --out panel.parquet)"
    print(f"govdisclose: {line}", file=sys.stderr)


FORMATS = ("json", "table", "html")
_FORMAT_HELP = ("json: one JSON document per file, one per line; table: a readable summary (default); html: a "
                "self-contained check page per file (with --out DIR: one page a file and DIR/index.html)")


def _parse_command(args: argparse.Namespace) -> int:
    if args.format == "html":
        return _pages(args, checked=False)
    status = 0
    for name in args.files:
        source = sys.stdin.buffer if name == "-" else Path(name)
        try:
            report = parse(source, template=args.template, reader=args.reader)
        except GovdiscloseError as exc:
            _cannot_read(name, exc)
            status = 2
            continue
        if args.format == "json":
            from .writers.jsonout import to_json
            print(to_json(report))
        else:
            from .writers.table import print_report
            print_report(report)
        if status == 0 and not report.ok:
            status = 1
    return status


def _validate_command(args: argparse.Namespace) -> int:
    import json

    from .api import validate
    from .checks.culprit import likely_culprits
    from .writers.jsonout import finding_to_dict, json_default
    from .writers.summary import counts, print_validation
    if args.format == "html":
        return _pages(args, checked=True)
    status = 0
    failing = {"error", "warning"} if args.strict else {"error"}
    for name in args.files:
        try:
            report = parse(sys.stdin.buffer if name == "-" else Path(name), template=args.template)
        except GovdiscloseError as exc:
            _cannot_read(name, exc)
            status = 2
            continue
        findings = validate(report)
        failed = any(f.severity in failing for f in findings)
        if args.format == "json":
            print(json.dumps({"file": name, "meta": {"agency": report.meta.agency, "year": report.meta.year,
                                                     "template": report.meta.template,
                                                     "variant": report.meta.variant},
                              "ok": not failed, "counts": counts(findings),
                              "findings": [finding_to_dict(f) for f in findings],
                              "likely_culprits": [{"table": k.cell.table, "row": k.cell.row, "column": k.cell.column,
                                                   "raw": k.cell.raw, "location": str(k.cell.location),
                                                   "rules": list(k.rules)} for k in likely_culprits(findings)]},
                             ensure_ascii=False, default=json_default))
        else:
            print_validation(name, report, findings, failed)
        if status == 0 and failed:
            status = 1
    return status


def _pages(args: argparse.Namespace, checked: bool) -> int:
    """``--format html``: a check page for each file, to stdout, or with ``--out DIR`` one
    page a file in DIR and ``DIR/index.html``. *checked*: validated (``validate``: every check,
    hints), else the parse findings only (``parse``)."""
    from .api import check_page, validate
    from .writers.checkpage import IndexEntry, check_index
    failing = {"error", "warning"} if getattr(args, "strict", False) else {"error"}
    status = 0
    read: list[tuple[str, object]] = []
    entries: list[IndexEntry] = []
    for name in args.files:
        try:
            read.append((name, parse(sys.stdin.buffer if name == "-" else Path(name), template=args.template,
                                     reader=getattr(args, "reader", None))))
        except GovdiscloseError as exc:
            _cannot_read(name, exc)
            entries.append(IndexEntry(name, None, error=str(exc)))
            status = 2
    by_agency = {(r.meta.agency, r.meta.year): r for _, r in read if r.meta.agency and r.meta.year}
    out = Path(args.out) if args.out else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    used: set[str] = {"index"}
    for name, report in read:
        findings = validate(report) if checked else report.findings
        previous = by_agency.get((report.meta.agency, (report.meta.year or 0) - 1))
        page = check_page(report, findings, previous=previous, name=name, with_hints=checked)
        if any(f.severity in failing for f in findings) and status == 0:
            status = 1
        if out is None:
            sys.stdout.write(page)
            continue
        stem = Path(name).stem if name != "-" else "stdin"
        file = stem
        n = 1
        while file in used:
            n += 1
            file = f"{stem}-{n}"
        used.add(file)
        (out / f"{file}.html").write_text(page, encoding="utf-8")
        entries.append(IndexEntry(name, f"{file}.html", report.meta.agency, report.meta.year, tuple(findings)))
    if out is not None:
        order = {name: i for i, name in enumerate(args.files)}
        entries.sort(key=lambda e: order.get(e.name, 0))
        (out / "index.html").write_text(check_index(entries), encoding="utf-8")
        print(f"wrote {len(read)} page(s) and {out / 'index.html'}", file=sys.stderr)
    return status


def _render_command(args: argparse.Namespace) -> int:
    from .api import render
    source = sys.stdin.buffer if args.file == "-" else Path(args.file)
    try:
        report = parse(source, template=args.template, reader=args.reader)
    except GovdiscloseError as exc:
        _cannot_read(args.file, exc)
        return 2
    sys.stdout.write(render(report, layout=args.layout))
    return 0


def _plugins_command(args: argparse.Namespace) -> int:
    from .host import host
    for info in host().info():
        print(f"{info.name} {info.version or ''}".rstrip())
        if info.templates:
            print("  templates: " + ", ".join(info.templates))
        if info.readers:
            print("  readers:   " + ", ".join(info.readers))
        if info.writers:
            print("  writers:   " + ", ".join(info.writers))
        if info.checks:
            print("  checks:    " + ", ".join(info.checks))
    for problem in host().problems:
        print(f"  problem:   {problem}")
    return 0


def _batch_command(args: argparse.Namespace) -> int:
    from .batch import run_batch
    return run_batch(args.sources, args.out, workers=args.workers, shape=args.shape, findings_out=args.findings,
                     check=args.check, overwrite=args.overwrite, validate=not args.no_validate,
                     template=args.template, progress=False if args.no_progress else None)


def _plot_command(args: argparse.Namespace) -> int:
    from .batch import FORMATS as PANEL_SUFFIXES
    from .plots import plot
    sources = args.sources
    panel = len(sources) == 1 and Path(sources[0]).suffix.lower() in PANEL_SUFFIXES \
        and Path(sources[0]).suffix.lower() != ".xlsx" and Path(sources[0]).is_file()
    if panel:
        items: Any = sources[0]
    else:
        from .corpus import parse_many
        items = list(parse_many(sources, workers=args.workers))
        unread = [r for r in items if r.report is None]
        for r in unread:
            print(f"  unreadable: {r.source}: {r.error}", file=sys.stderr)
    written = plot(items, args.out, kinds=args.kind.split(","), formats=args.format.split(","), agency=args.agency)
    print(f"wrote {len(written)} chart file(s) into {args.out}")
    return 0


def _dictionary_command(args: argparse.Namespace) -> int:
    from .writers.dictionary import data_dictionary
    sys.stdout.write(data_dictionary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="govdisclose", description="Chinese government information-disclosure "
                                 "annual reports (政府信息公开工作年度报告) as exact, validated data.")
    ap.add_argument("--version", action="version", version=f"govdisclose {own_version() or '(not installed)'}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse reports and print their cells, sections and findings")
    p.add_argument("files", nargs="+", metavar="FILE", help="report files (text in any layout); - for stdin")
    p.add_argument("--format", choices=FORMATS, default="table", help=_FORMAT_HELP)
    p.add_argument("--out", metavar="DIR", help="with --format html: write the pages into DIR, with DIR/index.html")
    p.add_argument("--template", metavar="ID", help="force a template (pre2021, post2021 or a plugin's)")
    p.add_argument("--reader", metavar="NAME", help="force an input reader (pipe, cell-lines, tabbed, markdown, "
                                                  "canonical …); by default chosen from the content")
    p.set_defaults(run=_parse_command)
    p = sub.add_parser("validate", help="check reports against the 勾稽 rules; exit 1 on an error-level finding")
    p.add_argument("files", nargs="+", metavar="FILE", help="report files; - for stdin")
    p.add_argument("--format", choices=FORMATS + ("text",), default="table",
                   help=_FORMAT_HELP + " (text: the same as table)")
    p.add_argument("--out", metavar="DIR", help="with --format html: write the pages into DIR, with DIR/index.html")
    p.add_argument("--template", metavar="ID", help="force a template")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.set_defaults(run=_validate_command)
    p = sub.add_parser("render", help="parse a report and write it out again in a layout (to stdout)")
    p.add_argument("file", metavar="FILE", help="a report file; - for stdin")
    p.add_argument("--layout", default="canonical", metavar="NAME",
                   help=f"{', '.join(LAYOUTS)} or an installed plugin's layout (default: canonical)")
    p.add_argument("--template", metavar="ID", help="force a template")
    p.add_argument("--reader", metavar="NAME", help="force an input reader")
    p.set_defaults(run=_render_command)
    p = sub.add_parser("plugins", help="list installed plugins: templates, readers, writers and checks")
    p.set_defaults(run=_plugins_command)
    p = sub.add_parser("dictionary", help="print the data dictionary (keys, labels, units) as Markdown")
    p.set_defaults(run=_dictionary_command)
    p = sub.add_parser("batch", help="parse and validate a folder (or glob) of reports into one panel file "
                       "(Parquet, CSV, JSON Lines or an Excel workbook); resumable")
    p.add_argument("sources", nargs="+", metavar="DIR_OR_GLOB", help="folders (every file under them), globs or files")
    p.add_argument("--out", required=True, metavar="FILE", help="panel.parquet, panel.csv, panel.jsonl or panel.xlsx (sheets panel and findings; "
                   "written afresh each run)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="processes (default: 1, this one)")
    p.add_argument("--shape", choices=("long", "wide"), default="long",
                   help="long: one row per cell (default); wide: one row per report")
    p.add_argument("--findings", metavar="FILE", help="also write every finding, one row each (.parquet/.csv/.jsonl; with --out "
                   "panel.xlsx they are its findings sheet too)")
    p.add_argument("--check", action="store_true", help="run the cross-report checks (R6, R7, duplicates) at the end")
    p.add_argument("--overwrite", action="store_true", help="start afresh instead of resuming: skipping the files already wholly in --out (same content, same name)")
    p.add_argument("--no-validate", action="store_true", help="parse only (findings: the parse findings)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--template", metavar="ID", help="force a template")
    p.set_defaults(run=_batch_command)
    p = sub.add_parser("plot", help="charts of a panel (PNG and SVG): each agency across years, a region's agencies "
                       "in a year, the indicators")
    p.add_argument("sources", nargs="+", metavar="PANEL_OR_REPORTS",
                   help="a govdisclose batch output (.parquet, .csv, .jsonl), or report files, folders, globs")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder the charts are written into")
    p.add_argument("--kind", default="agency,region,indicators", metavar="KINDS",
                   help="which charts, by commas: agency, region, indicators (default: all)")
    p.add_argument("--format", default="png,svg", metavar="FORMATS", help="png, svg or both (default)")
    p.add_argument("--agency", metavar="ID_OR_NAME", help="only this agency's reports (agency_id or name)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="processes to parse reports with")
    p.set_defaults(run=_plot_command)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "out", None) and getattr(args, "format", None) in ("json", "table", "text") \
            and args.command in ("parse", "validate"):
        print(f"govdisclose: --out {args.out} is for --format html (the pages and their index.html)", file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except BrokenPipeError:                 # govdisclose parse F | head -1: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())           # (no second error when Python flushes stdout at exit)
        return 0
    except GovdiscloseError as exc:
        print(f"govdisclose: {exc}", file=sys.stderr)
        return 2
