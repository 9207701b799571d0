"""Write the five seed reports as PDF files, to look at: ``python build_pdf_fixtures.py OUT_DIR``.

The tests build the same files in a temporary folder (``govdisclose.testing.report_pdf``); needs
reportlab (the plugin's ``test`` extra), no system font (STSong-Light is built into
reportlab and not embedded: a viewer without Adobe's Chinese fonts shows empty cells,
while the text layer, which is what is read, is complete).
"""
from __future__ import annotations

import pathlib
import sys

import govdisclose
from govdisclose import testing

from govdisclose.testing import report_pdf

SEEDS = testing.seed_path("seed-000").parent

if __name__ == "__main__":
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("seed-*.txt")):
        (out / f"{seed.stem}.pdf").write_bytes(report_pdf(govdisclose.parse(seed)))
        print(out / f"{seed.stem}.pdf")
