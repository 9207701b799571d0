"""The ``govdisclose`` command line.

Exit status: 0 parsed; 1 parsed with error-level findings; 2 the input cannot be read
as a report (one clear line on stderr, never a traceback).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from .errors import GovdiscloseError
from .pipeline import parse
from .host import own_version
from .writers.builtin import LAYOUTS

__all__ = ["main"]


def _parse_command(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        source = sys.stdin.buffer if name == "-" else Path(name)
        try:
            report = parse(source, template=args.template, reader=args.reader)
        except GovdiscloseError as exc:
            print(f"govdisclose: {name}: {exc}", file=sys.stderr)
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
    status = 0
    failing = {"error", "warning"} if args.strict else {"error"}
    for name in args.files:
        try:
            report = parse(sys.stdin.buffer if name == "-" else Path(name), template=args.template)
        except GovdiscloseError as exc:
            print(f"govdisclose: {name}: {exc}", file=sys.stderr)
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


def _render_command(args: argparse.Namespace) -> int:
    from .api import render
    source = sys.stdin.buffer if args.file == "-" else Path(args.file)
    try:
        report = parse(source, template=args.template, reader=args.reader)
    except GovdiscloseError as exc:
        print(f"govdisclose: {args.file}: {exc}", file=sys.stderr)
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
    p.add_argument("--format", choices=("json", "table"), default="table",
                   help="json: one JSON document per file, one per line; table: a readable summary")
    p.add_argument("--template", metavar="ID", help="force a template (pre2021, post2021 or a plugin's)")
    p.add_argument("--reader", metavar="NAME", help="force an input reader (pipe, cell-lines, tabbed, markdown, "
                                                  "canonical …); by default chosen from the content")
    p.set_defaults(run=_parse_command)
    p = sub.add_parser("validate", help="check reports against the 勾稽 rules; exit 1 on an error-level finding")
    p.add_argument("files", nargs="+", metavar="FILE", help="report files; - for stdin")
    p.add_argument("--format", choices=("json", "text"), default="text")
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
                       "(Parquet, CSV or JSON Lines); resumable")
    p.add_argument("sources", nargs="+", metavar="DIR_OR_GLOB", help="folders (every file under them), globs or files")
    p.add_argument("--out", required=True, metavar="FILE", help="panel.parquet, panel.csv or panel.jsonl")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="processes (default: 1, this one)")
    p.add_argument("--shape", choices=("long", "wide"), default="long",
                   help="long: one row per cell (default); wide: one row per report")
    p.add_argument("--findings", metavar="FILE", help="also write every finding, one row each (.parquet/.csv/.jsonl)")
    p.add_argument("--check", action="store_true", help="run the cross-report checks (R6, R7, duplicates) at the end")
    p.add_argument("--overwrite", action="store_true", help="start afresh instead of resuming: skipping the files already wholly in --out (same content, same name)")
    p.add_argument("--no-validate", action="store_true", help="parse only (findings: the parse findings)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--template", metavar="ID", help="force a template")
    p.set_defaults(run=_batch_command)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
    except GovdiscloseError as exc:
        print(f"govdisclose: {exc}", file=sys.stderr)
        return 2
