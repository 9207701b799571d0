"""Parse throughput on the seed reports, against a split-lines baseline.

    python benchmarks/bench_parse.py [--seconds 3]

Prints reports/s for govdisclose.parse (one core) and for a baseline that only splits
the same texts into lines and ``|`` cells, and their ratio.
"""
from __future__ import annotations

import argparse
import time

import govdisclose
from govdisclose import testing

SEEDS = [testing.seed_path(n) for n in testing.SEEDS]


def rate(fn, texts: list[str], seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            fn(text)
        done += len(texts)
    return done / (time.perf_counter() - start)


def baseline(text: str) -> int:
    return sum(len(line.split("|")) for line in text.splitlines())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    govdisclose.parse(texts[0])                      # plugins loaded, grammar built
    ours = rate(govdisclose.parse, texts, args.seconds)
    base = rate(baseline, texts, args.seconds)
    print(f"parse:    {ours:10.1f} reports/s (one core, {len(texts)} seed reports)")
    print(f"baseline: {base:10.1f} reports/s (str.splitlines + str.split)")
    print(f"ratio:    {base / ours:10.1f}x")


if __name__ == "__main__":
    main()
