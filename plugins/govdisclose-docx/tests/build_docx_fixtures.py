"""Write the five seed reports as .docx files, to look at: ``python build_docx_fixtures.py OUT_DIR``.

The tests build the same files in a temporary folder (``docx_fixtures.report_docx``).
"""
from __future__ import annotations

import pathlib
import sys

import govdisclose
from govdisclose import testing

from docx_fixtures import report_docx

SEEDS = testing.seed_path("seed-000").parent

if __name__ == "__main__":
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("seed-*.txt")):
        (out / f"{seed.stem}.docx").write_bytes(report_docx(govdisclose.parse(seed)))
        print(out / f"{seed.stem}.docx")
