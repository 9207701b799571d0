"""Corpus throughput, memory and scale-out, against a split-lines baseline.

    python benchmarks/bench_corpus.py [--reports 2000] [--batch 10000] [--scale 2000]

On a corpus it generates (``govdisclose.testing.corpus``: every layout, both templates,
with the noise of real reports; cached in the temp directory) plus the seed reports, it
prints, per core (CPU time of this process, so other load on the machine does not count):

* reports/s for ``parse``, for ``parse`` + ``validate``, on text input and on HTML input
  (``n/a`` when no ``html`` reader is installed);
* the same figures for a baseline that only splits the same texts into lines and ``|``
  cells (``str.splitlines`` + ``str.split``), measured in the same run, and their ratio;
* the peak memory (max RSS) of a ``parse_many`` run over a batch of files (10,000 by
  default), in a fresh process, with the RSS after each tenth to show it stays flat, and
  of ``govdisclose batch`` writing them to Parquet;
* wall-clock reports/s of ``parse_many`` with ``workers=1`` and ``workers=2``, keeping the
  whole Result, and keeping only what ``then=`` makes of it in the worker.

The goals (issue 7): parse + validate ≥ 1,000 reports/s per core on text input, the
baseline no more than 15× ours, under 300 MB for 10,000 reports, workers=2 close to 2×.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import pickle
import subprocess
import sys
import tempfile
import time

import govdisclose
from govdisclose import testing
from govdisclose.host import host

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = [testing.seed_path(n) for n in testing.SEEDS]


def corpus(n: int, seed: int) -> list[tuple[str, str]]:
    """(layout, text) of *n* generated reports, cached between runs."""
    cache = pathlib.Path(tempfile.gettempdir()) / f"govdisclose-bench-corpus-{n}-{seed}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from govdisclose import testing
    started = time.perf_counter()
    drawn = [(layout, text) for _, layout, text in testing.corpus(n, seed=seed)]
    print(f"(generated {n} reports in {time.perf_counter() - started:.0f} s; cached in {cache})", file=sys.stderr)
    cache.write_bytes(pickle.dumps(drawn))
    return drawn


def per_core(fn, texts: list[str], seconds: float) -> float:
    """Reports per CPU second of this process, over at least *seconds* of CPU time."""
    done, start = 0, time.process_time()
    while True:
        for text in texts:
            fn(text)
        done += len(texts)
        spent = time.process_time() - start
        if spent >= seconds:
            return done / spent


def baseline(text: str) -> int:
    return sum(len(line.split("|")) for line in text.splitlines())


def parse_only(text: str):
    return govdisclose.parse(text)


def parse_validate(text: str):
    return govdisclose.validate(govdisclose.parse(text))


def write_batch(folder: pathlib.Path, texts: list[str], n: int) -> None:
    """*n* distinct files from *texts* (each made unique by a line of its own)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"r{i:05d}.txt").write_text(texts[i % len(texts)] + f"\n（编号 {i}）\n", encoding="utf-8")


# Peak memory is the process's VmHWM (ru_maxrss would count the parent's memory: Linux
# carries it over fork and exec).
_STATUS = r"""
def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith(key))
"""
_MEMORY = _STATUS + r"""
import sys, govdisclose
n = int(sys.argv[2]); marks = {max(1, n * k // 10) for k in range(1, 11)}; seen = 0; curve = []
for result in govdisclose.parse_many(sys.argv[1]):
    seen += 1
    if seen in marks:
        curve.append(status("VmRSS"))
print(seen, status("VmHWM"), " ".join(map(str, curve)))
"""


def memory(folder: pathlib.Path, n: int) -> tuple[int, int, list[int]]:
    out = subprocess.run([sys.executable, "-c", _MEMORY, str(folder), str(n)], check=True, capture_output=True,
                         text=True).stdout.split()
    return int(out[0]), int(out[1]), [int(x) for x in out[2:]]


_BATCH = _STATUS + r"""
import contextlib, io, sys
from govdisclose.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["batch", sys.argv[1], "--out", sys.argv[2], "--overwrite", "--no-progress"])
print(status("VmHWM"))
"""


def batch_memory(folder: pathlib.Path, out: pathlib.Path) -> tuple[int, float]:
    started = time.perf_counter()
    peak = subprocess.run([sys.executable, "-c", _BATCH, str(folder), str(out)], check=True, capture_output=True,
                          text=True).stdout.split()[-1]
    return int(peak), time.perf_counter() - started


def status(result) -> str:
    """What a caller might keep of each report, made in the worker (``parse_many(then=…)``)."""
    return result.status


def scale(folder: pathlib.Path, workers: int, then=None) -> float:
    started = time.perf_counter()
    n = sum(1 for _ in govdisclose.parse_many(folder, workers=workers, then=then))
    return n / (time.perf_counter() - started)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=2000, help="generated reports (default 2000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seconds", type=float, default=5.0, help="CPU seconds per figure (default 5)")
    ap.add_argument("--batch", type=int, default=10000, help="files in the memory run (0: skip; default 10000)")
    ap.add_argument("--scale", type=int, default=2000, help="files in the workers=1/2 run (0: skip; default 2000)")
    args = ap.parse_args()

    drawn = corpus(args.reports, args.seed)
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    text = [t for layout, t in drawn if layout != "html"] + seeds
    html = [t for layout, t in drawn if layout == "html"]
    has_html = any(r.name == "html" for r in host().readers())
    govdisclose.parse(seeds[0])                                  # plugins loaded, grammar built
    layouts = sorted({layout for layout, _ in drawn})
    print(f"corpus: {len(drawn)} generated reports ({', '.join(layouts)}; pre2021 and post2021) + {len(seeds)} seeds; "
          f"{len(text)} text, {len(html)} HTML; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")

    rows = []
    for name, texts, enabled in (("text", text, True), ("HTML", html, has_html and bool(html))):
        if not enabled:
            rows.append((name, None, None, None))
            continue
        rows.append((name, per_core(parse_only, texts, args.seconds), per_core(parse_validate, texts, args.seconds),
                     per_core(baseline, texts, min(args.seconds, 2.0))))
    print()
    print(f"{'reports/s per core':24s} {'parse':>10s} {'parse+validate':>15s} {'baseline':>12s} {'baseline/ours':>14s}")
    for name, p, pv, base in rows:
        if p is None:
            print(f"{name + ' input':24s} {'n/a':>10s} {'n/a':>15s} {'n/a':>12s} {'n/a':>14s}")
            continue
        print(f"{name + ' input':24s} {p:10.1f} {pv:15.1f} {base:12.0f} {base / pv:13.1f}x")
    text_pv, text_base = rows[0][2], rows[0][3]
    print(f"goal: parse+validate >= 1000/s per core on text: {text_pv:.0f}/s, {text_pv / 1000:.0%} of it; "
          f"baseline <= 15x ours: {text_base / text_pv:.0f}x")

    with tempfile.TemporaryDirectory() as tmp:
        if args.batch:
            folder = pathlib.Path(tmp) / "batch"
            write_batch(folder, text + html, args.batch)
            seen, peak, curve = memory(folder, args.batch)
            print()
            print(f"memory, parse_many over {seen} files (one process): peak {peak} MB; RSS after each tenth: "
                  f"{' '.join(map(str, curve))} MB (goal < 300 MB, flat)")
            peak_batch, took = batch_memory(folder, pathlib.Path(tmp) / "panel.parquet")
            print(f"memory, govdisclose batch {seen} files -> Parquet: peak {peak_batch} MB ({took:.0f} s, "
                  f"{seen / took:.0f} files/s with one worker, start-up and merge included)")
        if args.scale:
            folder = pathlib.Path(tmp) / "scale"
            write_batch(folder, text, args.scale)
            load = os.getloadavg()[0]
            one, two = scale(folder, 1), scale(folder, 2)
            one_kept, two_kept = scale(folder, 1, status), scale(folder, 2, status)
            print()
            print(f"parse_many wall clock, {args.scale} files: workers=1 {one:.0f}/s, workers=2 {two:.0f}/s "
                  f"({two / one:.2f}x; goal close to 2x on {os.cpu_count()} cores; load average before "
                  f"{load:.1f}: other processes take cores too)")
            print(f"  keeping only each file's status (then=, made in the worker): workers=1 {one_kept:.0f}/s, "
                  f"workers=2 {two_kept:.0f}/s ({two_kept / one_kept:.2f}x)")


if __name__ == "__main__":
    main()
