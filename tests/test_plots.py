"""Charts of a panel (govdisclose.plot, govdisclose plot): written for the seeds plus the real
reports, PNG and SVG, of the expected size, Chinese labels drawn with a Chinese font."""
from __future__ import annotations

import pathlib
import shutil
import struct
import warnings

import pytest

import govdisclose
from govdisclose import testing
from govdisclose.cli import main

pytest.importorskip("matplotlib", reason="charts need the plot extra (matplotlib)")
pd = pytest.importorskip("pandas")
from govdisclose.plots import KINDS, PlotError, chart_font  # noqa: E402 - after the skips

ROOT = pathlib.Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "reports"


def png_size(path: pathlib.Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def panel(tmp_path_factory) -> pathlib.Path:
    """The seeds, the example, and the real reports where ../shared/real is beside the repository
    (the PDFs where the pdf extra reads them)."""
    folder = tmp_path_factory.mktemp("reports")
    for name in testing.SEEDS:
        shutil.copy(testing.seed_path(name), folder)
    shutil.copy(ROOT / "examples" / "yejin-2024.txt", folder)
    if REAL.is_dir():
        for path in sorted(REAL.iterdir()):
            if path.suffix != ".pdf" or any(r.name == "pdf" for r in govdisclose.host.host().readers()):
                shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> pathlib.Path:
    """The seeds and the example only (text: quick to parse again and again)."""
    folder = tmp_path_factory.mktemp("small")
    for name in testing.SEEDS:
        shutil.copy(testing.seed_path(name), folder)
    shutil.copy(ROOT / "examples" / "yejin-2024.txt", folder)
    return folder


@pytest.fixture(scope="module")
def charts(panel, tmp_path_factory):
    results = list(govdisclose.parse_many(panel))
    out = tmp_path_factory.mktemp("charts")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = govdisclose.plot(results, out)
    return results, out, written, [str(w.message) for w in caught]


def test_every_chart_is_a_png_and_an_svg_of_its_size(charts):
    results, out, written, _ = charts
    pngs = sorted(p for p in written if p.suffix == ".png")
    assert sorted(p.with_suffix(".svg") for p in pngs) == sorted(p for p in written if p.suffix == ".svg")
    assert all(p.exists() and p.stat().st_size > 5000 for p in written)
    reports = [r.report for r in results if r.report is not None]
    agencies = {govdisclose.agency.identify(r.meta.agency).agency_id for r in reports}
    assert len([p for p in pngs if p.name.startswith("agency-")]) == len(agencies)
    for path in pngs:
        if path.name.startswith(("agency-", "region-")):
            assert png_size(path) == (1000, 600), path.name
    assert png_size(out / "indicators.png") == (1200, 180 + 36 * len(reports))
    svg = (out / "indicators.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg


def test_chinese_labels_are_drawn_with_a_chinese_font(charts):
    *_, messages = charts
    assert not [m for m in messages if "missing from" in m or "Glyph" in m]
    from matplotlib import font_manager
    path = font_manager.findfont(font_manager.FontProperties(family=chart_font()), fallback_to_default=False)
    from matplotlib.ft2font import FT2Font
    font = FT2Font(path)
    assert all(font.get_char_index(ord(ch)) for ch in "洪泽区人民政府历年申请办理结果予以公开不予处理公开率结转")


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (the real reports) is absent")
def test_one_agency_across_years_the_two_hongze_reports(charts):
    pytest.importorskip("pdfplumber", reason="the real PDFs are read with the pdf extra")
    results, out, _, _ = charts
    hongze = [r.report for r in results if r.report is not None and "洪泽" in (r.report.meta.agency or "")]
    assert sorted(r.meta.year for r in hongze) == [2023, 2024]
    ids = {govdisclose.agency.identify(r.meta.agency).agency_id for r in hongze}
    assert len(ids) == 1
    (agency_id,) = ids
    chart = out / f"agency-{agency_id.replace(':', '_')}.png"
    assert chart.exists() and png_size(chart) == (1000, 600)
    assert (out / "region-淮安市-2024.png").exists()


def test_plot_from_a_batch_panel_on_the_command_line(small, tmp_path, capsys):
    panel = small
    out = tmp_path / "panel.parquet"
    assert main(["batch", str(panel), "--out", str(out), "--no-progress", "--shape", "wide"]) in (0, 1)
    capsys.readouterr()
    charts = tmp_path / "charts"
    assert main(["plot", str(out), "--out", str(charts), "--kind", "indicators,agency", "--format", "png"]) == 0
    assert "chart file(s)" in capsys.readouterr().out
    names = sorted(p.name for p in charts.iterdir())
    assert "indicators.png" in names and not [n for n in names if n.endswith(".svg") or n.startswith("region-")]
    # the same indicators from the tidy panel, and from the reports themselves
    tidy = tmp_path / "tidy.parquet"
    main(["batch", str(panel), "--out", str(tidy), "--no-progress"])
    from govdisclose.plots import _entries
    from govdisclose.indicators import indicators
    from_reports = {r.meta.source: indicators(r, f) for r, f in _entries(list(govdisclose.parse_many(panel)), None)}
    for path in (out, tidy):
        for report, found in _entries(str(path), None):
            got = {n: i.value for n, i in indicators(report, found).items()}
            assert got == {n: i.value for n, i in from_reports[report.meta.source].items()}, (path.name, report.meta.source)
    # one agency only
    one = tmp_path / "one"
    assert main(["plot", str(panel), "--out", str(one), "--agency", "冶金街道", "--kind", "agency"]) == 0
    assert [p.name for p in sorted(one.iterdir())] == ["agency-name_冶金街道.png", "agency-name_冶金街道.svg"]


def test_without_a_chinese_font_one_line_says_what_to_install(monkeypatch, tmp_path):
    import sys
    import govdisclose.plots as plots
    monkeypatch.setitem(sys.modules, "mplfonts", None)
    monkeypatch.setattr(plots, "SYSTEM_FONTS", ())
    report = govdisclose.parse(testing.seed_path("seed-001"))
    with pytest.raises(PlotError, match=r'pip install "govdisclose\[plot\]"'):
        govdisclose.plot([report], tmp_path / "charts")
    assert not (tmp_path / "charts").exists()
    with pytest.raises(ValueError, match="unknown chart"):
        govdisclose.plot([report], tmp_path, kinds=["pie"])
    assert set(KINDS) == {"agency", "region", "indicators"}
