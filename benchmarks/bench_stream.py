"""Recovery stays bounded: a 1 MB text on one line (a crawler dump) parses in under a second.

Builds the seed-001 report as page text with its text nodes run together (one line), pads its
prose to 1 MB, and times ``govdisclose.parse`` on it, best of three::

    python benchmarks/bench_stream.py [--size 1000000]
"""
from __future__ import annotations

import argparse
import pathlib
import time

import lxml.html

import govdisclose
from govdisclose import testing

ROOT = pathlib.Path(__file__).resolve().parents[1]


def one_line(size: int) -> str:
    report = govdisclose.parse(testing.seed_path("seed-001"))
    doc = lxml.html.fromstring(govdisclose.render(report, layout="html"))
    text = "".join(s.strip() for s in doc.itertext() if s.strip())
    head, sep, tail = text.partition("二、主动公开政府信息情况")
    filler = "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。"
    pad = filler * max(0, (size - len(text.encode())) // len(filler.encode()))
    return head + pad + sep + tail


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1_000_000, help="bytes of text (default 1 MB)")
    a = ap.parse_args()
    text = one_line(a.size)
    best = min(_time(text) for _ in range(3))
    report = govdisclose.parse(text)
    filled = sum(1 for c in report.cells if c.kind == "number")
    print(f"{len(text.encode()) / 1e6:.2f} MB on {text.count(chr(10)) + 1} line(s): parse {best:.3f} s "
          f"(best of 3), reader {report.meta.reader}, {filled} cells read")


def _time(text: str) -> float:
    started = time.perf_counter()
    govdisclose.parse(text)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
