"""The plugin host survives broken plugins; a good variant plugin claims its reports."""
from __future__ import annotations

import types
from importlib import metadata

import pytest

import govdisclose
import govdisclose.host as plugins_module
from govdisclose.errors import UnknownTemplateError
from govdisclose.hookspecs import hookimpl
from govdisclose.normalize import squeeze
from govdisclose.host import PluginHost, Problem
from govdisclose.readers.builtin import BUILTIN_READERS as builtin_readers
from govdisclose.templates import Column, Row, national

from conftest import seed_path

BUILTIN_READERS = [r.name for r in builtin_readers]       # which they are: test_readers.py


def plugin(name: str, **hooks) -> types.SimpleNamespace:
    return types.SimpleNamespace(__name__=name, **hooks)


def assert_still_works(host: PluginHost) -> None:
    assert {"pre2021", "post2021"} <= set(host.templates())
    assert [r.name for r in host.readers() if r.name in BUILTIN_READERS] == BUILTIN_READERS
    report = govdisclose.parse(seed_path("seed-001"), plugins=host)
    assert (report.meta.template, report.meta.variant) == ("post2021", None)
    assert report["active_disclosure", "administrative_licensing", "decisions"] == 1990


def test_builtins_only():
    host = PluginHost(entry_points=False)
    assert sorted(host.templates()) == ["post2021", "pre2021"]
    assert [r.name for r in host.readers()] == BUILTIN_READERS
    assert host.problems == []
    assert_still_works(host)
    with pytest.raises(UnknownTemplateError):
        host.template("hubei-2020")


# -- broken plugins -------------------------------------------------------------------------------------------

def test_unknown_hook(capsys):
    @hookimpl
    def govdisclose_frobnicate():
        return 1

    host = PluginHost(entry_points=False, extra=[plugin("frob", govdisclose_frobnicate=govdisclose_frobnicate)])
    assert sorted(host.templates()) == ["post2021", "pre2021"]
    assert len(host.problems) == 1
    problem = host.problems[0]
    assert problem.plugin == "frob"
    assert "govdisclose_frobnicate" in problem.message
    assert "unknown hook" in problem.message
    assert capsys.readouterr().err.strip() == str(problem)
    assert_still_works(host)


def test_unknown_hook_leaves_out_the_plugins_good_hooks_too():
    @hookimpl
    def govdisclose_frobnicate():
        return 1

    @hookimpl
    def govdisclose_templates():
        return [national("pre2021").extend("half-good", markers=("zzz",))]

    host = PluginHost(entry_points=False, extra=[plugin("mixed", govdisclose_frobnicate=govdisclose_frobnicate,
                                                        govdisclose_templates=govdisclose_templates)])
    assert sorted(host.templates()) == ["post2021", "pre2021"]
    assert [p.plugin for p in host.problems] == ["mixed"]


def test_bad_hook_signature():
    @hookimpl
    def govdisclose_templates(colour):
        return []

    host = PluginHost(entry_points=False, extra=[plugin("badsig", govdisclose_templates=govdisclose_templates)])
    assert sorted(host.templates()) == ["post2021", "pre2021"]
    assert len(host.problems) == 1
    assert host.problems[0].plugin == "badsig"
    assert "bad hook implementation" in host.problems[0].message
    assert "colour" in host.problems[0].message
    assert_still_works(host)


def test_hook_that_raises():
    @hookimpl
    def govdisclose_templates():
        raise RuntimeError("boom")

    host = PluginHost(entry_points=False, extra=[plugin("raiser", govdisclose_templates=govdisclose_templates)])
    assert sorted(host.templates()) == ["post2021", "pre2021"]
    assert host.problems == [Problem("raiser", "hook govdisclose_templates raised RuntimeError: boom")]
    assert str(host.problems[0]) == ("govdisclose: plugin 'raiser' left out: "
                                     "hook govdisclose_templates raised RuntimeError: boom")
    assert_still_works(host)


def test_recognize_and_readers_that_raise():
    @hookimpl
    def govdisclose_recognize(text, templates):
        raise ValueError("no")

    @hookimpl
    def govdisclose_readers():
        raise ImportError("missing dependency")

    host = PluginHost(entry_points=False, extra=[plugin("flaky", govdisclose_recognize=govdisclose_recognize,
                                                        govdisclose_readers=govdisclose_readers)])
    assert_still_works(host)
    messages = sorted(p.message for p in host.problems)
    assert messages[0] == "hook govdisclose_readers raised ImportError: missing dependency"
    assert messages[-1] == "hook govdisclose_recognize raised ValueError: no"
    assert {p.plugin for p in host.problems} == {"flaky"}


def test_duplicate_template_id_is_reported():
    @hookimpl
    def govdisclose_templates():
        return [national("post2021")]

    host = PluginHost(entry_points=False, extra=[plugin("copycat", govdisclose_templates=govdisclose_templates)])
    assert sorted(host.templates()) == ["post2021", "pre2021"]
    assert [p.plugin for p in host.problems] == ["copycat"]
    assert host.problems[0].message == "template id 'post2021' already provided by 'national'"


def test_duplicate_template_id_does_not_displace_the_national_one():
    # was a bug: hooks were called last-registered first, so the impostor took the id and "national" was blamed
    import attrs

    @hookimpl
    def govdisclose_templates():
        return [attrs.evolve(national("post2021"), title="impostor")]

    host = PluginHost(entry_points=False, extra=[plugin("copycat", govdisclose_templates=govdisclose_templates)])
    assert host.template("post2021") is national("post2021")
    assert [p.plugin for p in host.problems] == ["copycat"]
    assert_still_works(host)


def _single_template():
    @hookimpl
    def govdisclose_templates():                       # forgot the list around it
        return national("pre2021").extend("single", markers=("zzz",))
    return plugin("single", govdisclose_templates=govdisclose_templates)


def _scalar_score():
    @hookimpl
    def govdisclose_recognize(text, templates):        # a score, not {template_id: score}
        return 3.0
    return plugin("scalar", govdisclose_recognize=govdisclose_recognize)


def _reader_without_sniff():
    @hookimpl
    def govdisclose_readers():
        return [types.SimpleNamespace(name="half-reader")]
    return plugin("half", govdisclose_readers=govdisclose_readers)


@pytest.mark.parametrize("make", [_single_template, _scalar_score, _reader_without_sniff])
def test_hook_result_of_the_wrong_shape(make):
    # was a bug: a wrongly shaped result raised TypeError/AttributeError out of the host
    broken = make()
    host = PluginHost(entry_points=False, extra=[broken])
    assert_still_works(host)
    assert [p.plugin for p in host.problems] == [broken.__name__]


def test_plugin_reader_comes_after_the_builtins_and_loses_ties():
    from govdisclose.readers.pipe import PipeReader

    class CopyPipe(PipeReader):
        name = "copy-pipe"

    @hookimpl
    def govdisclose_readers():
        return [CopyPipe()]

    host = PluginHost(entry_points=False, extra=[plugin("copy", govdisclose_readers=govdisclose_readers)])
    assert [r.name for r in host.readers()] == BUILTIN_READERS + ["copy-pipe"]
    assert govdisclose.parse(seed_path("seed-001"), plugins=host).meta.reader == "pipe"
    assert govdisclose.parse(seed_path("seed-001"), plugins=host, reader="copy-pipe").meta.reader == "copy-pipe"


# -- entry points -------------------------------------------------------------------------------------------------

class FakeEntryPoint:
    def __init__(self, name, target=None, error=None):
        self.name, self._target, self._error = name, target, error
        self.dist = None

    def load(self):
        if self._error is not None:
            raise self._error
        return self._target


def test_entry_point_that_fails_to_import(monkeypatch, capsys):
    import govdisclose_hubei.plugin as hubei
    calls = []

    def fake_entry_points(**kwargs):
        calls.append(kwargs)
        return [FakeEntryPoint("hubei", hubei),
                FakeEntryPoint("broken", error=ImportError("No module named 'govdisclose_broken'"))]

    assert plugins_module.metadata is metadata
    monkeypatch.setattr(plugins_module.metadata, "entry_points", fake_entry_points)
    host = PluginHost()
    assert sorted(host.templates()) == ["hubei-2020", "post2021", "pre2021"]
    assert calls == [{"group": "govdisclose"}]
    assert host.problems == [Problem("broken", "cannot be imported: ImportError: No module named 'govdisclose_broken'")]
    assert "plugin 'broken' left out" in capsys.readouterr().err
    assert_still_works(host)
    assert govdisclose.parse(seed_path("seed-002"), plugins=host).meta.variant == "hubei-2020"


def test_entry_point_that_raises_something_else(monkeypatch):
    monkeypatch.setattr(plugins_module.metadata, "entry_points",
                        lambda **kwargs: [FakeEntryPoint("syntax", error=SyntaxError("invalid syntax"))])
    host = PluginHost()
    assert sorted(host.templates()) == ["post2021", "pre2021"]
    assert [p.plugin for p in host.problems] == ["syntax"]
    assert host.problems[0].message.startswith("cannot be imported: SyntaxError")
    assert_still_works(host)


def test_entry_points_are_not_read_when_disabled(monkeypatch):
    def fail(**kwargs):
        raise AssertionError("entry points read")

    monkeypatch.setattr(plugins_module.metadata, "entry_points", fail)
    host = PluginHost(entry_points=False)
    assert sorted(host.templates()) == ["post2021", "pre2021"]


# -- a good variant plugin ------------------------------------------------------------------------------------------

VARIANT = "test-variant-2021"
EXTRA_ROW = Row("other_documents", "其他文件")


def variant_plugin():
    @hookimpl
    def govdisclose_templates():
        return [national("post2021").extend(
            VARIANT, markers=("其他文件",),
            add_rows={("active_disclosure", "item1"): [("normative_documents", EXTRA_ROW)]})]

    @hookimpl
    def govdisclose_recognize(text, templates):
        own = templates[VARIANT].marker_score(text)
        return {VARIANT: templates["post2021"].marker_score(text) + 10.0 * own if own else 0.0}

    return plugin("variant", govdisclose_templates=govdisclose_templates,
                  govdisclose_recognize=govdisclose_recognize)


def seed_001_with_extra_row() -> str:
    text = seed_path("seed-001").read_text(encoding="utf-8")
    assert "行政规范性文件 | 0 | 0 | 0 |\n" in text
    return text.replace("行政规范性文件 | 0 | 0 | 0 |\n", "行政规范性文件 | 0 | 0 | 0 |\n其他文件 | 4 | 5 | 6 |\n")


def test_good_variant_is_chosen():
    host = PluginHost(entry_points=False, extra=[variant_plugin()])
    text = seed_001_with_extra_row()
    scores = host.recognize(text)
    assert scores[0][1] == VARIANT
    assert dict((t, s) for s, t in scores)[VARIANT] > dict((t, s) for s, t in scores)["post2021"]
    report = govdisclose.parse(text, plugins=host)
    assert (report.meta.template, report.meta.variant) == ("post2021", VARIANT)
    assert [report["active_disclosure", "other_documents", c] for c in ("issued", "repealed", "in_force")] == [4, 5, 6]
    assert not [f for f in report.findings if f.rule == "parse.unknown-row"]
    assert host.problems == []


# was a bug (fixed): see the git history for the xfail that marked it
def test_recognize_may_return_any_mapping():
    good = variant_plugin()
    scores = good.govdisclose_recognize

    @hookimpl
    def govdisclose_recognize(text, templates):
        return types.MappingProxyType(scores(text=text, templates=templates))

    good.govdisclose_recognize = govdisclose_recognize
    host = PluginHost(entry_points=False, extra=[good])
    report = govdisclose.parse(seed_001_with_extra_row(), plugins=host)
    assert host.problems == []
    assert report.meta.variant == VARIANT


def test_good_variant_leaves_other_reports_alone():
    host = PluginHost(entry_points=False, extra=[variant_plugin()])
    report = govdisclose.parse(seed_path("seed-001"), plugins=host)
    assert (report.meta.template, report.meta.variant) == ("post2021", None)
    assert report.cell("active_disclosure", "other_documents", "issued") is None


def test_variant_with_an_added_column():
    @hookimpl
    def govdisclose_templates():
        return [national("post2021").extend("with-column", markers=("zzz",), add_columns={
            ("active_disclosure", "item5"): [(None, Column("pending", "尚在办理数量"))]})]

    host = PluginHost(entry_points=False, extra=[plugin("cols", govdisclose_templates=govdisclose_templates)])
    template = host.template("with-column")
    assert [c.key for c in template.table("active_disclosure").block("item5").columns] == ["decisions", "pending"]
    assert template.base == "post2021"
    # scored 0 by nobody's recognize hook: never chosen by itself
    assert govdisclose.parse(seed_path("seed-001"), plugins=host).meta.variant is None


# -- the Hubei plugin -----------------------------------------------------------------------------------------------

SEED_002_LABEL = next(line.split("|")[0] for line in seed_path("seed-002").read_text(encoding="utf-8").splitlines()
                      if line.startswith("其他主动公开文件"))


def test_hubei_plugin_claims_seed_002():
    report = govdisclose.parse(seed_path("seed-002"))           # entry points: the Hubei plugin is installed
    assert (report.meta.template, report.meta.variant) == ("pre2021", "hubei-2020")
    assert [report["active_disclosure", "other_active_documents", c]
            for c in ("newly_made", "newly_published", "total_published")] == [30, 3, 447]
    assert not [f for f in report.findings if f.rule == "parse.unknown-row"]
    assert not [c for c in report.cells if c.row.startswith("unknown:")]


def test_builtins_keep_the_hubei_row_as_unknown():
    report = govdisclose.parse(seed_path("seed-002"), plugins=PluginHost(entry_points=False))
    assert (report.meta.template, report.meta.variant) == ("pre2021", None)
    key = "unknown:" + squeeze(SEED_002_LABEL)
    assert key.startswith("unknown:其他主动公开文件(含以本单位或本单位办公室名义正式签发的")
    assert [report["active_disclosure", key, c] for c in ("newly_made", "newly_published", "total_published")] \
        == [30, 3, 447]
    assert [c.raw for c in report.iter_cells("active_disclosure") if c.row == key] == ["30", "3", "447"]
    unknown = [f for f in report.findings if f.rule == "parse.unknown-row"]
    assert len(unknown) == 1
    assert (unknown[0].table, unknown[0].row, unknown[0].severity) == ("active_disclosure", key, "warning")
    assert unknown[0].detail("raw") == ("30", "3", "447")
    assert unknown[0].location.line == 13
    assert report.cell("active_disclosure", "other_active_documents", "newly_made") is None
    # everything else is as with the plugin
    with_plugin = govdisclose.parse(seed_path("seed-002"))
    known = [(c.key, c.value) for c in with_plugin.cells if c.row != "other_active_documents"]
    assert [(c.key, c.value) for c in report.cells if not c.row.startswith("unknown:")] == known


# -- checks from plugins ----------------------------------------------------------------------------------------

def test_plugin_check_is_run_by_validate_beside_the_national_ones():
    def too_many_licences(report, template):
        if (report.value("active_disclosure", "administrative_licensing", "decisions") or 0) > 1000:
            yield govdisclose.findings.finding("example.many-licences", "info", en="more than 1000 licences")

    @hookimpl
    def govdisclose_checks(template):
        return [too_many_licences] if template.national == "post2021" else []

    host = PluginHost(entry_points=False, extra=[plugin("licences", govdisclose_checks=govdisclose_checks)])
    report = govdisclose.parse(seed_path("seed-001"), plugins=host)
    assert [f.rule for f in govdisclose.validate(report, plugins=host)] == ["example.many-licences"]
    broken = govdisclose.parse(seed_path("seed-001").read_text(encoding="utf-8").replace(
        "(七)总计 | 2 |", "(七)总计 | 5 |"), plugins=host)
    assert {f.rule for f in govdisclose.validate(broken, plugins=host)} == {"R1", "R3", "R4", "example.many-licences"}
    pre = govdisclose.parse(seed_path("seed-003"), plugins=host)
    assert "example.many-licences" not in {f.rule for f in govdisclose.validate(pre, plugins=host)}


def test_a_check_that_raises_is_a_finding_and_the_others_still_run():
    def broken_check(report, template):
        raise ZeroDivisionError("oops")

    @hookimpl
    def govdisclose_checks(template):
        return [broken_check]

    host = PluginHost(entry_points=False, extra=[plugin("raiser", govdisclose_checks=govdisclose_checks)])
    text = seed_path("seed-001").read_text(encoding="utf-8").replace("(七)总计 | 2 |", "(七)总计 | 5 |")
    findings = govdisclose.validate(govdisclose.parse(text, plugins=host), plugins=host)
    crashed = [f for f in findings if f.rule == "check.crashed"]
    assert len(crashed) == 1 and crashed[0].severity == "error" and "ZeroDivisionError" in crashed[0].message
    assert {"R1", "R3", "R4"} <= {f.rule for f in findings}


def test_two_templates_scoring_equally_is_a_tie_finding():
    @hookimpl
    def govdisclose_templates():
        return [national("post2021").extend("twin-2021", markers=())]

    builtin_score = dict((t, s) for s, t in PluginHost(entry_points=False).recognize(
        seed_path("seed-001").read_text(encoding="utf-8")))["post2021"]

    @hookimpl
    def govdisclose_recognize(text, templates):
        return {"twin-2021": builtin_score}       # exactly what post2021 scores

    host = PluginHost(entry_points=False, extra=[plugin("twin", govdisclose_templates=govdisclose_templates,
                                                        govdisclose_recognize=govdisclose_recognize)])
    report = govdisclose.parse(seed_path("seed-001"), plugins=host)
    (tie,) = [f for f in report.findings if f.rule == "template.tie"]
    assert tie.severity == "warning" and report.meta.template == "post2021"
    assert report.meta.variant is None                        # the first by id order: post2021
