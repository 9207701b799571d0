"""Charts of a panel: what researchers would rather look at than read (``docs/plots.md``).

>>> govdisclose.plot(results, "charts")          # Reports, parse_many results, a frame or a panel file
>>> govdisclose plot panel.parquet --out charts   # the same from the command line

Three kinds, each written as PNG and SVG (matplotlib, no browser, no screen):

* ``agency`` — one agency's outcomes across years (``agency-<agency_id>``): for each year, the
  （七）总计 column's outcomes stacked (予以公开, 部分公开, 不予公开, 无法提供, 不予处理,
  其他处理) beside 一、本年新收 and 四、结转下年度. A blank cell is not counted (blank is not
  zero): a year whose outcomes are all blank has no bar, and says so.
* ``region`` — a region's agencies side by side for one year (``region-<region>-<year>``):
  the city where the gazetteer knows it, else the province, else 地区不详.
* ``indicators`` — the indicators (:mod:`govdisclose.indicators`) of every report, a row a
  report and a column an indicator, each value written in its cell; a null indicator is a
  grey cell marked 无 (its reason is in :func:`govdisclose.indicators_frame`).

Sizes are fixed, so that a chart is the same whatever it shows: ``agency`` and ``region``
1000×600 pixels, ``indicators`` 1200 pixels wide and 180 + 36 per report high (at most
:data:`MAX_ROWS` reports a chart: more make ``indicators-2`` …). Chinese labels render with
Noto Sans CJK SC from mplfonts (the ``plot`` extra: ``pip install "govdisclose[plot]"``), or
a Chinese font the system has; with none, :class:`PlotError` says what to install.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import GovdiscloseError
from .frames import reported, split_key
from .indicators import INDICATORS, indicators
from .model import Cell, Finding, Meta, Report
from .values import is_missing

__all__ = ["plot", "PlotError", "KINDS", "FORMATS", "OUTCOMES", "chart_font", "MAX_ROWS"]

KINDS = ("agency", "region", "indicators")
FORMATS = ("png", "svg")
#: table 2's outcome groups (the row keys' groups) and their Chinese names, in the report's order
OUTCOMES = {"granted": "予以公开", "partially_granted": "部分公开", "denied": "不予公开", "unable": "无法提供",
            "not_processed": "不予处理", "other": "其他处理"}
#: the most reports one indicators chart shows
MAX_ROWS = 40
DPI = 100
_COLOURS = ("#4e79a7", "#59a14f", "#e15759", "#f28e2b", "#b07aa1", "#9c755f")
#: Chinese fonts looked for where mplfonts is not installed
SYSTEM_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC")


class PlotError(GovdiscloseError):
    """A chart cannot be drawn: matplotlib or a Chinese font is missing, or nothing to draw."""


def _matplotlib():
    try:
        import matplotlib
        from matplotlib import font_manager
        from matplotlib.figure import Figure
    except ImportError:
        raise PlotError('charts need matplotlib: pip install "govdisclose[plot]"') from None
    return matplotlib, font_manager, Figure


def chart_font() -> str:
    """The family name of the Chinese font the charts use (registered with matplotlib)."""
    _, font_manager, _ = _matplotlib()
    try:
        from importlib import resources
        path = resources.files("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf"     # (it ships Noto CJK)
        if path.is_file():
            font_manager.fontManager.addfont(str(path))
            return font_manager.FontProperties(fname=str(path)).get_name()
    except ImportError:
        pass
    have = {f.name for f in font_manager.fontManager.ttflist}
    for name in SYSTEM_FONTS:
        if name in have:
            return name
    raise PlotError('no Chinese font for the charts\' labels: pip install "govdisclose[plot]" (mplfonts ships one)')


# -- what is drawn ------------------------------------------------------------------------------------

def _entries(items: Any, plugins) -> list[tuple[Report, Sequence[Finding]]]:
    """(report, its findings) of Reports, parse_many results, a tidy or wide frame, or a
    panel file (``govdisclose batch`` output); files that gave no report are left out."""
    from .api import validate
    if isinstance(items, (str, Path)):
        from .batch import read_panel
        items = read_panel(items, plugins=plugins)
    if hasattr(items, "columns"):                       # a DataFrame
        items = _reports_of(items)
    if isinstance(items, Report):
        items = [items]
    out = []
    for item in items:
        if isinstance(item, Report):
            out.append((item, validate(item, plugins)))
        elif getattr(item, "report", None) is not None:
            out.append((item.report, item.findings or validate(item.report, plugins)))
    return out


def _reports_of(frame) -> list[Report]:
    """Reports rebuilt from a tidy or wide frame: the meta and the cells (their values and
    whether blank), enough to plot and to check the sums again."""
    def value(v: Any, exact: Any = None) -> int | Decimal | None:
        if not is_missing(exact):
            d = Decimal(str(exact))
            return int(d) if d == d.to_integral_value() and "." not in str(exact) else d
        if is_missing(v):
            return None
        if isinstance(v, Decimal):
            return v
        f = float(v)
        return int(f) if f.is_integer() else Decimal(repr(f))

    frame = reported(frame)
    reports: dict[Any, tuple[Meta, list[Cell]]] = {}
    tidy = "table_key" in frame.columns
    for row in frame.to_dict("records"):
        source = row.get("source")
        if source not in reports:
            year = row.get("year")
            reports[source] = (Meta(agency=row.get("agency") if not is_missing(row.get("agency")) else None,
                                    year=int(year) if not is_missing(year) else None,
                                    template=row.get("template") if not is_missing(row.get("template")) else None,
                                    source=source), [])
        cells = reports[source][1]
        if tidy:
            if is_missing(row.get("table_key")):
                continue
            v = value(row.get("value"), row.get("exact"))
            cells.append(Cell(str(row["table_key"]), str(row["row_key"]), str(row["column_key"]), v,
                              kind="number" if v is not None else "blank"))
        else:
            for name, v in row.items():
                if isinstance(name, str) and name.count("/") == 2:
                    table, r, c = name.split("/")
                    v = value(v)
                    cells.append(Cell(table, r, c, v, kind="number" if v is not None else "blank"))
    return [Report(meta=meta, cells=cells) for meta, cells in reports.values()]


def _outcomes(report: Report) -> dict[str, int | Decimal | None]:
    """The （七）总计 column's outcome groups of *report* (None where every cell is blank or
    absent), with 一、本年新收 and 四、结转下年度."""
    sums: dict[str, Any] = {}
    for cell in report.cells:
        if cell.table != "applications" or cell.column != "total":
            continue
        group = split_key(cell.row)[0]
        if group in OUTCOMES and cell.value is not None:
            sums[group] = sums.get(group, 0) + cell.value
    out: dict[str, Any] = {g: sums.get(g) for g in OUTCOMES}
    out["new_received"] = report.value("applications", "new_received", "total")
    out["carried_forward"] = report.value("applications", "carried_forward", "total")
    return out


def _who(report: Report) -> dict[str, Any]:
    from .agency import identify
    who = identify(report.meta.agency)
    return {"id": who.agency_id or f"source:{report.meta.source}", "name": who.name or report.meta.agency or "未知机关",
            "region": who.city or who.province or "地区不详", "year": report.meta.year}


# -- drawing ---------------------------------------------------------------------------------------

def _figure(width: int, height: int):
    _, _, Figure = _matplotlib()
    return Figure(figsize=(width / DPI, height / DPI), dpi=DPI)


def _save(figure, out: Path, stem: str, formats: Sequence[str]) -> list[Path]:
    written = []
    for fmt in formats:
        path = out / f"{stem}.{fmt}"
        metadata = {"Date": None} if fmt == "svg" else {"Software": "govdisclose"}
        figure.savefig(path, format=fmt, dpi=DPI, metadata=metadata)
        written.append(path)
    return written


def _finish(figure, ax, note: str, out: Path, stem: str, formats) -> list[Path]:
    """The legend right of the axes, the note under them, the files."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False)
    figure.text(0.08, 0.035, note, fontsize=9, color="#555555")
    return _save(figure, out, stem, formats)


def _stem(text: str) -> str:
    """A file-name piece of an id or a name: what a file system takes, Chinese kept."""
    return re.sub(r"[\\/:*?\"<>|\s]+", "_", str(text)).strip("_") or "_"


def _agency_chart(name: str, years: list[tuple[int | None, dict]], out: Path, stem: str, formats) -> list[Path]:
    figure = _figure(1000, 600)
    ax = figure.add_axes((0.08, 0.16, 0.62, 0.72))
    labels = [str(y) if y is not None else "年度不详" for y, _ in years]
    xs = list(range(len(years)))
    bottoms = [0.0] * len(years)
    width = 0.5
    for (group, zh), colour in zip(OUTCOMES.items(), _COLOURS):
        heights = [float(o[group]) if o[group] is not None else 0.0 for _, o in years]
        ax.bar(xs, heights, width, bottom=bottoms, label=zh, color=colour)
        bottoms = [b + h for b, h in zip(bottoms, heights)]
    new = [float(o["new_received"]) if o["new_received"] is not None else None for _, o in years]
    carried = [float(o["carried_forward"]) if o["carried_forward"] is not None else None for _, o in years]
    ax.plot([x for x, v in zip(xs, new) if v is not None], [v for v in new if v is not None], "o--", color="#333333",
            label="本年新收")
    ax.plot([x for x, v in zip(xs, carried) if v is not None], [v for v in carried if v is not None], "s:",
            color="#888888", label="结转下年度")
    for x, (_, o) in zip(xs, years):
        if all(o[g] is None for g in OUTCOMES):
            ax.annotate("办理结果空白", (x, 0), ha="center", va="bottom", fontsize=9, color="#aa0000")
    ax.set_xticks(xs, labels)
    ax.set_xlim(-0.75, len(years) - 0.25)
    ax.set_ylim(0, max([1.0, *bottoms, *(v for v in new + carried if v is not None)]) * 1.1)
    ax.set_ylabel("件（总计列）")
    ax.set_title(f"{name}：历年申请办理结果", fontsize=14)
    return _finish(figure, ax, "空白单元格未计入（空白不是零）", out, stem, formats)


def _region_chart(region: str, year: int | None, agencies: list[tuple[str, dict]], out: Path, stem: str,
                  formats) -> list[Path]:
    figure = _figure(1000, 600)
    ax = figure.add_axes((0.08, 0.25, 0.62, 0.65))
    xs = list(range(len(agencies)))
    series = (("new_received", "本年新收", "#4e79a7"), ("disclosed", "予以公开＋部分公开", "#59a14f"),
              ("carried_forward", "结转下年度", "#f28e2b"))
    width = 0.8 / len(series)
    for i, (key, zh, colour) in enumerate(series):
        values = []
        for _, o in agencies:
            if key == "disclosed":
                parts = [o["granted"], o["partially_granted"]]
                v = None if all(p is None for p in parts) else sum(p for p in parts if p is not None)
            else:
                v = o[key]
            values.append(float(v) if v is not None else 0.0)
        ax.bar([x + (i - 1) * width for x in xs], values, width, label=zh, color=colour)
    ax.set_xticks(xs, [_short(n) for n, _ in agencies], rotation=30, ha="right")
    ax.set_ylabel("件")
    ax.set_title(f"{region} {year if year is not None else '年度不详'}年：各机关申请情况", fontsize=14)
    return _finish(figure, ax, "空白单元格记为无柱（空白不是零）", out, stem, formats)


def _short(name: str, most: int = 14) -> str:
    return name if len(name) <= most else name[:most - 1] + "…"


def _indicators_chart(rows: list[tuple[str, dict]], out: Path, stem: str, formats) -> list[Path]:
    import numpy as np
    height = 180 + 36 * len(rows)
    figure = _figure(1200, height)
    top = 1 - 90 / height
    bottom = 50 / height
    ax = figure.add_axes((0.22, bottom, 0.76, top - bottom))
    names = list(INDICATORS)
    grid = np.ma.masked_invalid(np.array([[float(v) if v is not None else np.nan for v in (r[n] for n in names)]
                                          for _, r in rows], dtype=float))
    import matplotlib.colors as mcolors
    cmap = mcolors.LinearSegmentedColormap.from_list("share", ["#f7fbff", "#2171b5"]).with_extremes(bad="#dddddd")
    ax.imshow(grid, aspect="auto", cmap=cmap, vmin=0.0, vmax=1.0, interpolation="nearest")
    for i, (_, r) in enumerate(rows):
        for j, n in enumerate(names):
            v = r[n]
            ax.text(j, i, "无" if v is None else f"{float(v):.0%}", ha="center", va="center", fontsize=9,
                    color="#333333" if v is None or float(v) < 0.6 else "white")
    ax.set_xticks(range(len(names)), [INDICATORS[n][0].replace("·", "\n") for n in names], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)), [label for label, _ in rows], fontsize=9)
    figure.text(0.01, 1 - 25 / height, "信息公开指标（无：所需单元格空白、勾稽不符或分母为零）", fontsize=13)
    return _save(figure, out, stem, formats)


def plot(items: Any, out: str | Path, *, kinds: Iterable[str] = KINDS, formats: Iterable[str] = FORMATS,
         agency: str | None = None, plugins=None) -> list[Path]:
    """Write the charts of *items* (Reports, :func:`~govdisclose.parse_many` results, a tidy
    or wide frame, or the path of a ``govdisclose batch`` output) into the folder *out* (made
    if missing): the *kinds* of :data:`KINDS` in each of *formats* (``png``, ``svg``);
    *agency* (an ``agency_id`` or a name) keeps one agency's. Returns the files written."""
    from .host import host
    plugins = plugins or host()
    kinds, formats = tuple(kinds), tuple(formats)
    for kind in kinds:
        if kind not in KINDS:
            raise ValueError(f"unknown chart {kind!r}; one of {', '.join(KINDS)}")
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown chart format {fmt!r}; one of {', '.join(FORMATS)}")
    font = chart_font()                              # no font: one clear error before anything is drawn
    entries = _entries(items, plugins)
    drawn = [(report, found, _who(report), _outcomes(report)) for report, found in entries]
    if agency is not None:
        drawn = [d for d in drawn if agency in (d[2]["id"], d[2]["name"], d[0].meta.agency)]
    if not drawn:
        raise PlotError("no report to draw" + (f" of the agency {agency!r}" if agency is not None else ""))
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    matplotlib, _, _ = _matplotlib()
    with matplotlib.rc_context({"font.family": [font, "DejaVu Sans"]}):     # every label, Chinese included
        return _draw(drawn, folder, kinds, formats)


def _draw(drawn: list[tuple], folder: Path, kinds: tuple[str, ...], formats: tuple[str, ...]) -> list[Path]:
    """The charts of *drawn* ((report, findings, who, outcomes) each) into *folder*."""
    written: list[Path] = []
    year_key = lambda d: (d[2]["year"] is None, d[2]["year"] or 0, d[0].meta.source or "")  # noqa: E731
    if "agency" in kinds:
        by_agency: dict[str, list] = {}
        for d in sorted(drawn, key=year_key):
            by_agency.setdefault(d[2]["id"], []).append(d)
        for agency_id, group in sorted(by_agency.items()):
            written += _agency_chart(group[-1][2]["name"], [(d[2]["year"], d[3]) for d in group], folder,
                                     f"agency-{_stem(agency_id)}", formats)
    if "region" in kinds:
        by_region: dict[tuple, list] = {}
        for d in sorted(drawn, key=lambda d: (d[2]["name"], year_key(d))):
            by_region.setdefault((d[2]["region"], d[2]["year"]), []).append(d)
        for (region, year), group in sorted(by_region.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
            written += _region_chart(region, year, [(d[2]["name"], d[3]) for d in group], folder,
                                     f"region-{_stem(region)}-{year if year is not None else 'unknown'}", formats)
    if "indicators" in kinds:
        rows = []
        for report, found, who, _ in sorted(drawn, key=lambda d: (d[2]["name"], year_key(d))):
            values = indicators(report, found)
            rows.append((f"{_short(who['name'], 18)} {who['year'] or ''}",
                         {n: values[n].value for n in INDICATORS}))
        for i in range(0, len(rows), MAX_ROWS):
            stem = "indicators" if i == 0 else f"indicators-{i // MAX_ROWS + 1}"
            written += _indicators_chart(rows[i:i + MAX_ROWS], folder, stem, formats)
    return written
