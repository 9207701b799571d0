"""Make the charts docs/plots.md shows: ``python docs/plots/make_charts.py`` (the plot extra).

They are drawn from reports that are ours to publish: the five seeds and the bundled example,
and, for one agency across years, three made-up reports of a made-up agency, 示例县人民政府,
for 2022 to 2024: the example's tables with tables 2 and 3 multiplied by 7, 11 and 16 (which
keeps every sum). (The tests draw the
same charts for the seeds plus the real reports in ``../shared/real``: tests/test_plots.py.)
"""
from __future__ import annotations

import pathlib
import shutil
import tempfile

import attrs

import govdisclose
from govdisclose import testing

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]

if __name__ == "__main__":
    reports = [govdisclose.parse(testing.seed_path(name)) for name in testing.SEEDS]
    reports.append(govdisclose.parse(ROOT / "examples" / "yejin-2024.txt"))
    example = reports[-1]
    for year, k in ((2022, 7), (2023, 11), (2024, 16)):
        cells = [attrs.evolve(c, value=c.value * k) if c.table in ("applications", "reviews") and c.value else c
                 for c in example.cells]
        reports.append(attrs.evolve(example, cells=cells, meta=attrs.evolve(
            example.meta, agency="示例县人民政府", year=year, source=f"made-up-{year}.txt")))
    with tempfile.TemporaryDirectory() as work:
        written = govdisclose.plot(reports, work, formats=("png",))
        for path in written:
            if path.name in ("agency-name_示例县人民政府.png", "region-襄阳市-2020.png", "indicators.png"):
                shutil.copy(path, HERE / {"agency-name_示例县人民政府.png": "agency.png",
                                          "region-襄阳市-2020.png": "region.png"}.get(path.name, path.name))
    print("wrote", ", ".join(sorted(p.name for p in HERE.glob("*.png"))))
