"""Round trips: parse(render(r, layout)) equals r, for the seeds and for generated reports of
every template in every layout, with and without the noise of real reports; the grammar
accepts every canonical rendering and rejects broken ones with a location; a consistent
generated report has no error, one changed cell breaks exactly the rules it is in."""
from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
from govdisclose import testing
from govdisclose.layout import parse_canonical
from govdisclose.errors import CanonicalSyntaxError
from govdisclose.model import ERROR
from govdisclose.host import host

from conftest import SEEDS, expected_rules, seed_path

TEXT_LAYOUTS = ("canonical", "pipe", "cell-lines", "tabbed", "markdown")
HTML_READER = any(r.name == "html" for r in host().readers())
LAYOUTS = TEXT_LAYOUTS + (("html",) if HTML_READER else ())
TEMPLATES = ["post2021", "pre2021"] + (["hubei-2020"] if "hubei-2020" in host().templates() else [])

# generated reports are big objects: hypothesis' data-too-large/too-slow checks do not fit them
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def round_trip(report: govdisclose.Report, layout: str) -> govdisclose.Report:
    return govdisclose.parse(govdisclose.render(report, layout=layout))


# -- the seeds --------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", SEEDS)
def test_seed_survives_render_and_parse(name, layout):
    report = govdisclose.parse(seed_path(name))
    again = round_trip(report, layout)
    assert testing.content(again) == testing.content(report)
    assert again.meta.reader == layout
    # every table stays, also one whose rows are all missing (seed-000's 行政复议 table: its header alone)
    assert [c.key for c in again.cells] == [c.key for c in report.cells]
    assert {f.rule for f in again.findings if f.rule.startswith("parse.")} == \
        {f.rule for f in report.findings if f.rule.startswith("parse.")}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_render_is_deterministic(layout):
    report = govdisclose.parse(seed_path("seed-002"))
    assert govdisclose.render(report, layout=layout) == govdisclose.render(report, layout=layout)


@pytest.mark.parametrize("name", SEEDS)
def test_canonical_render_is_idempotent_through_parse(name):
    once = govdisclose.render(govdisclose.parse(seed_path(name)))
    assert govdisclose.render(govdisclose.parse(once)) == once


def test_unknown_rows_are_written_and_read_back():
    """A row no template knows (the Hubei row without its plugin) survives as unknown:…"""
    from govdisclose.host import PluginHost
    builtins = PluginHost(entry_points=False)
    report = govdisclose.parse(seed_path("seed-002"), plugins=builtins)
    unknown = [c for c in report.cells if c.row.startswith("unknown:")]
    assert [c.value for c in unknown] == [30, 3, 447]
    for layout in TEXT_LAYOUTS:
        again = govdisclose.parse(govdisclose.render(report, layout=layout, plugins=builtins), plugins=builtins)
        assert testing.content(again) == testing.content(report), layout


# -- generated reports ------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template", TEMPLATES)
@PROPERTY
@given(data=st.data())
def test_generated_report_round_trips(template, layout, data):
    report = data.draw(testing.reports(template, layout=layout))
    assert testing.content(round_trip(report, layout)) == testing.content(report)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template", TEMPLATES)
@PROPERTY
@given(data=st.data())
def test_generated_report_round_trips_through_noise(template, layout, data):
    report = data.draw(testing.reports(template, layout=layout))
    text = data.draw(testing.noisy_render(report, layout))
    assert testing.content(govdisclose.parse(text)) == testing.content(report)


@pytest.mark.parametrize("template", TEMPLATES)
@PROPERTY
@given(data=st.data())
def test_canonical_rendering_is_idempotent(template, data):
    report = data.draw(testing.reports(template))
    once = govdisclose.render(report)
    assert govdisclose.render(govdisclose.parse(once)) == once


@pytest.mark.parametrize("template", TEMPLATES)
@PROPERTY
@given(data=st.data())
def test_grammar_accepts_every_canonical_rendering(template, data):
    report = data.draw(testing.reports(template))
    document = parse_canonical(govdisclose.render(report))
    assert {t.key for t in document.items if hasattr(t, "blocks")} == {"active_disclosure", "applications",
                                                                        "reviews"}


@pytest.mark.parametrize("break_it", ["extra cell", "no end", "stray line"])
@PROPERTY
@given(data=st.data())
def test_grammar_rejects_a_broken_rendering_with_its_line(break_it, data):
    lines = govdisclose.render(data.draw(testing.reports("post2021"))).split("\n")
    rows = [i for i, line in enumerate(lines) if line.startswith("[row]")]
    i = data.draw(st.sampled_from(rows))
    if break_it == "extra cell":
        lines[i] += " | 9"
        expected = i + 1
    elif break_it == "no end":
        i = max(j for j, line in enumerate(lines) if line == "[end]")
        del lines[i]
        expected = None                                      # found at the end of the text
    else:
        lines.insert(i, "  [header] x | y")                  # an indented line inside a table
        expected = i + 1
    with pytest.raises(CanonicalSyntaxError) as raised:
        parse_canonical("\n".join(lines))
    assert raised.value.line is not None and str(raised.value).startswith(f"line {raised.value.line}:")
    if expected is not None:
        assert raised.value.line == expected


@pytest.mark.parametrize("template", TEMPLATES)
@PROPERTY
@given(data=st.data())
def test_consistent_generated_report_has_no_error(template, data):
    report = data.draw(testing.reports(template, layout="pipe"))
    assert not [f for f in govdisclose.validate(report) if f.severity == ERROR]
    assert not [f for f in govdisclose.validate(round_trip(report, "pipe")) if f.severity == ERROR]


@pytest.mark.parametrize("template", TEMPLATES)
@PROPERTY
@given(data=st.data())
def test_one_inconsistent_cell_breaks_exactly_its_rules(template, data):
    report, key = data.draw(testing.inconsistent(template))
    errors = [f for f in govdisclose.validate(report) if f.severity == ERROR]
    assert {f.rule for f in errors} == expected_rules(*key)
    for f in errors:
        assert key in [c.key for c in f.detail("left") + f.detail("right")]


# -- regression examples hypothesis found ------------------------------------------------------------

def _with_last_line(line: str) -> govdisclose.Report:
    report = govdisclose.parse(seed_path("seed-004"))            # signed: agency + date at the end
    sections = list(report.sections)
    sections[-1] = attrs.evolve(sections[-1], text=sections[-1].text + "\n" + line)
    return attrs.evolve(report, sections=tuple(sections))


@pytest.mark.parametrize("line", [
    "“双引号”与‘单引号’、——破折号……",       # was taken for part of the signature
    "（三）政府信息管理情况",                    # a sub-heading above the signature
    "行政许可",                                  # a short Chinese line above the signature
    "栏目名称 | 更新频率 | 责任科室",
])
def test_last_line_above_the_signature_stays_in_the_text(line):
    report = _with_last_line(line)
    assert report.meta.date and report.meta.agency
    again = round_trip(report, "canonical")
    assert testing.content(again) == testing.content(report)
    assert again.sections[-1].text.endswith(line)


@pytest.mark.parametrize("layout", ["pipe", "cell-lines", "tabbed", "markdown"])
def test_full_width_prose_is_kept_as_written(layout):
    """Readers used to NFKC-normalise prose: ，became , on the way back."""
    report = _with_last_line("2024年共计1990件，同比增长12.5%（含结转）。")
    assert round_trip(report, layout).sections[-1].text.endswith("2024年共计1990件，同比增长12.5%（含结转）。")
