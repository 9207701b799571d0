"""Peak memory and time of one parse, against the input's size, for the largest inputs.

    python benchmarks/bench_memory.py [--megabytes 1 4 16] [--kinds html-cells html-text text-repeated one-line]

Each input is parsed in a fresh process (``govdisclose parse FILE --format json``, its
output thrown away); the peak resident memory of that process (``ru_maxrss``), less that of a
process that only imports govdisclose and parses a seed, is the parse's memory. Prints,
per kind and size, the seconds, the peak in MB and the ratio peak / input size.
``docs/bad-input.md`` ("Size") records the numbers and the bound they support.

Kinds:

* ``html-cells``: an HTML page of one huge table of numbered cells (the adversarial page
  of issue 14: 600,000 cells in 28.6 MB took 51 s and 4.4 GB);
* ``html-text``: a report's page (a seed in ``<pre>``) followed by paragraphs of prose, the
  largest a page of few cells gets (``<p>`` after ``<p>``);
* ``text-repeated``: a seed report repeated (``|`` rows);
* ``one-line``: a seed report's page text with every line break taken out, repeated.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "govdisclose" / "testing" / "seeds" / "seed-001.txt"      # (govdisclose.testing.seed_path)

_PEAK = r"""
import contextlib, os, resource, sys
from govdisclose import testing
from govdisclose.cli import main
with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
    main(["parse", sys.argv[1], "--format", "json"])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make(kind: str, size: int) -> bytes:
    seed = SEED.read_text(encoding="utf-8")
    if kind == "html-cells":
        cell = "<td>12345</td>"
        row = "<tr>" + cell * 20 + "</tr>\n"
        head = f"<html><head><meta charset='utf-8'></head><body><pre>{seed}</pre><table>"
        return (head + row * max(1, (size - len(head)) // len(row)) + "</table></body></html>").encode()
    if kind == "html-text":
        para = "<p>" + "本机关依法依规做好政府信息公开工作，" * 20 + "</p>\n"
        head = f"<html><head><meta charset='utf-8'></head><body><pre>{seed}</pre>"
        body = para * max(1, (size - len(head.encode())) // len(para.encode()))
        return (head + body + "</body></html>").encode()
    if kind == "text-repeated":
        data = seed.encode() + b"\n"
        return data * max(1, size // len(data))
    if kind == "one-line":
        line = " ".join(seed.replace("|", " ").split()).encode() + b" "
        return line * max(1, size // len(line))
    raise ValueError(kind)


def peak(path: str | None) -> tuple[float, int]:
    """(seconds, peak RSS in bytes) of a process parsing *path* (None: importing only)."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _PEAK] + ([path] if path else [str(SEED)]),
                         capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    return seconds, int(run.stdout.strip().splitlines()[-1]) * 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--megabytes", type=float, nargs="+", default=[1, 4, 16])
    ap.add_argument("--kinds", nargs="+", default=["html-cells", "html-text", "text-repeated", "one-line"])
    args = ap.parse_args()
    _, base = peak(None)
    print(f"baseline (import, parse one seed): {base / 1e6:.0f} MB")
    print(f"{'kind':14} {'input MB':>9} {'seconds':>8} {'peak MB':>8} {'peak/input':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.kinds:
            for mb in args.megabytes:
                data = make(kind, int(mb * (1 << 20)))
                path = os.path.join(folder, f"{kind}.html" if kind.startswith("html") else f"{kind}.txt")
                pathlib.Path(path).write_bytes(data)
                seconds, rss = peak(path)
                used = max(0, rss - base)
                print(f"{kind:14} {len(data) / 1e6:9.1f} {seconds:8.1f} {used / 1e6:8.0f} {used / len(data):10.1f}",
                      flush=True)


if __name__ == "__main__":
    main()
