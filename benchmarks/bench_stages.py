"""Where the time of one parse goes: milliseconds per report, stage by stage.

    python benchmarks/bench_stages.py [--reports 2000] [--rounds 3]

On the text reports of the corpus ``bench_corpus.py`` generates (the same cache) plus the
seeds, it runs each stage of :func:`govdisclose.parse` on its own, in the order the
pipeline runs them, and then ``validate``; it prints the CPU milliseconds per report of
each (the best of *rounds*), and the whole ``parse`` for comparison. Profile with this
before optimising, and measure again after.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import time
from collections import defaultdict

import govdisclose
from govdisclose import pipeline, recognize
from govdisclose.mapping import map_tables
from govdisclose.meta import find_meta
from govdisclose.sections import outline
from govdisclose.host import host

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench_corpus import SEEDS, corpus  # noqa: E402


def stages(texts: list[str]) -> dict[str, float]:
    """CPU seconds spent in each stage over *texts*."""
    plugins = host()
    spent: dict[str, float] = defaultdict(float)

    def timed(name, fn, *args):
        start = time.process_time()
        result = fn(*args)
        spent[name] += time.process_time() - start
        return result

    for text in texts:
        timed("check the text", pipeline._check_text, text)
        reader = timed("choose the reader (sniff)", recognize.choose_reader, text, plugins)
        template, _ = timed("choose the template (recognize)", recognize.best_template, text, plugins)
        read = timed("read (the chosen reader)", reader.read, text)
        # the layout in memory (canonical input: its text parsed with the grammar)
        layout = timed("lay out (assemble, or parse canonical text)", pipeline.lay_out, read, template)
        timed("map labels to keys, read values", map_tables, layout.document, template, layout.positions,
              layout.notes)
        shape = timed("sections and meta", outline, layout.document, layout.positions)
        timed("sections and meta", find_meta, shape, getattr(read, "meta", None))
        report = timed("parse (all of it)", govdisclose.parse, text)
        timed("validate", govdisclose.validate, report)
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=2000, help="generated reports (default 2000, cached)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=3, help="rounds; the best of each stage is shown (default 3)")
    args = ap.parse_args()
    texts = [t for layout, t in corpus(args.reports, args.seed) if layout != "html"]
    texts += [p.read_text(encoding="utf-8") for p in SEEDS]
    govdisclose.parse(texts[0])                                  # plugins loaded, grammar built
    best: dict[str, float] = {}          # (in the pipeline's order: the first round sets it)
    for _ in range(args.rounds):
        for name, seconds in stages(texts).items():
            best[name] = min(best.get(name, seconds), seconds)
    n = len(texts)
    print(f"{n} text reports; CPU ms per report (best of {args.rounds} rounds)")
    for name, seconds in best.items():
        print(f"  {name:36s} {seconds / n * 1e3:7.3f}")


if __name__ == "__main__":
    main()
