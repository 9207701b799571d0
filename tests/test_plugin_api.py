"""The plugin API beyond templates and readers: writers from plugins, overriding a base
template, subtotals (``sum_of``) and the national R4, and what ``govdisclose plugins`` lists."""
from __future__ import annotations

import types

import attrs
import pytest

import govdisclose
import govdisclose.host as plugins_module
from govdisclose import hookspecs
from govdisclose.cli import main
from govdisclose.checks.national import outcome_rows
from govdisclose.errors import UnknownLayoutError
from govdisclose.hookspecs import hookimpl
from govdisclose.host import PluginHost
from govdisclose.templates import Column, Row, national
from govdisclose.api import LAYOUTS, render, writer
from govdisclose.writers.base import LayoutWriter

from conftest import seed_path


def plugin(name: str, **hooks) -> types.SimpleNamespace:
    return types.SimpleNamespace(__name__=name, **hooks)


class SemicolonWriter(LayoutWriter):
    name = "semicolon"

    def table(self, grid, table, report):
        for row in grid.rows:
            yield ";".join(cell.text for cell in row)


def writers_plugin(*classes, name="semi"):
    @hookimpl
    def govdisclose_writers():
        return [cls() for cls in classes]
    return plugin(name, govdisclose_writers=govdisclose_writers)


def test_hookspec_version_and_hooks():
    assert hookspecs.HOOKSPEC_VERSION == "1.1"
    hooks = sorted(n for n in dir(hookspecs) if n.startswith("govdisclose_"))
    assert hooks == ["govdisclose_checks", "govdisclose_readers", "govdisclose_recognize", "govdisclose_templates",
                     "govdisclose_writers"]
    for name in hooks:                                   # each says the version it came in
        assert "(1." in getattr(hookspecs, name).__doc__


# -- writers -----------------------------------------------------------------------------------------------

def test_builtin_writers_come_through_the_hook():
    host = PluginHost(entry_points=False)
    assert [w.name for w in host.writers()] == list(LAYOUTS)
    assert host.writers()[0] is not host.writers()[0]             # new ones each time: per-call state


def test_a_plugin_writer_is_used_by_render():
    host = PluginHost(entry_points=False, extra=[writers_plugin(SemicolonWriter)])
    report = govdisclose.parse(seed_path("seed-001"), plugins=host)
    text = render(report, layout="semicolon", plugins=host)
    assert "行政许可;1990" in text
    assert isinstance(writer("semicolon", host), SemicolonWriter)
    assert host.problems == []
    with pytest.raises(UnknownLayoutError, match="semicolon"):   # not in a host without the plugin
        render(report, layout="semicolon", plugins=PluginHost(entry_points=False))


def test_unknown_layout_is_a_value_error_naming_the_layouts():
    report = govdisclose.parse(seed_path("seed-001"), plugins=PluginHost(entry_points=False))
    with pytest.raises(ValueError, match="'nope'.*canonical, pipe"):
        render(report, layout="nope", plugins=PluginHost(entry_points=False))


def test_a_writer_may_not_take_a_name_already_taken():
    class Impostor(SemicolonWriter):
        name = "pipe"

    host = PluginHost(entry_points=False, extra=[writers_plugin(Impostor, SemicolonWriter, name="impostor")])
    assert [w.name for w in host.writers()] == list(LAYOUTS) + ["semicolon"]
    assert type(writer("pipe", host)).__name__ == "PipeWriter"
    assert [p.plugin for p in host.problems] == ["impostor"]
    assert "layout 'pipe' already written by 'writers'" in host.problems[0].message


def test_writers_of_the_wrong_shape_are_left_out():
    @hookimpl
    def govdisclose_writers():
        return [object()]

    host = PluginHost(entry_points=False, extra=[plugin("bad", govdisclose_writers=govdisclose_writers)])
    assert [w.name for w in host.writers()] == list(LAYOUTS)
    assert [p.plugin for p in host.problems] == ["bad"]


@pytest.fixture
def semicolon_installed(monkeypatch):
    host = PluginHost(entry_points=False, extra=[writers_plugin(SemicolonWriter)])
    monkeypatch.setattr(plugins_module, "_HOST", host)
    return host


def test_cli_render_with_a_plugin_layout(capsys, semicolon_installed):
    assert main(["render", "--layout", "semicolon", str(seed_path("seed-001"))]) == 0
    assert "行政许可;1990" in capsys.readouterr().out


def test_cli_render_with_an_unknown_layout(capsys, semicolon_installed):
    assert main(["render", "--layout", "nope", str(seed_path("seed-001"))]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "unknown layout 'nope'" in err and "semicolon" in err


def test_cli_plugins_lists_versions_templates_readers_writers_and_checks(capsys, semicolon_installed):
    assert main(["plugins"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("national")
    assert "  templates: pre2021, post2021" in lines
    assert ("  checks:    R1, R3, R4, R5, data.blank-template, data.blank-row, data.blank-total, data.negative, "
            "template.year-mismatch, R9, meta.late") in lines
    assert "  writers:   " + ", ".join(LAYOUTS) in lines
    assert lines[-2:] == ["semi", "  writers:   semicolon"]           # no version: not from an entry point
    info = {i.name: i for i in semicolon_installed.info()}
    assert info["national-checks"].version == govdisclose.__version__
    assert info["semi"].writers == ("semicolon",) and info["semi"].checks == ()


# -- overriding a base template -------------------------------------------------------------------------

def test_extend_replaces_rows_and_columns_by_key():
    base = national("post2021")
    block = base.table("active_disclosure").block("item1")
    wider = attrs.evolve(block.row("regulations"), aliases=("政府规章",))
    renamed = attrs.evolve(block.column("in_force"), aliases=("现行有效件数（历史累计）",))
    variant = base.extend("replaced", replace_rows={("active_disclosure", "item1"): [wider]},
                          replace_columns={("active_disclosure", "item1"): [renamed]})
    got = variant.table("active_disclosure").block("item1")
    assert [r.key for r in got.rows] == [r.key for r in block.rows]
    assert got.row("regulations").aliases == ("政府规章",)
    assert got.column("in_force").aliases == ("现行有效件数（历史累计）",)
    assert variant.table("applications") == base.table("applications")
    assert base.table("active_disclosure").block("item1").row("regulations").aliases == ()   # base untouched


@pytest.mark.parametrize("change", [
    dict(replace_rows={("active_disclosure", "item1"): [Row("nope", "无此行")]}),
    dict(add_rows={("active_disclosure", "item9"): [(None, Row("x", "某行"))]}),
    dict(add_columns={("active_disclosure", "item1"): [("nope", Column("x", "某列"))]}),
])
def test_extend_refuses_what_the_base_does_not_have(change):
    with pytest.raises(KeyError):
        national("post2021").extend("broken", **change)


def test_a_variant_extending_what_is_not_there_is_a_plugin_problem():
    @hookimpl
    def govdisclose_templates():
        return [national("post2021").extend("typo", add_rows={("applications", "aplications"): [(None, Row("x", "x"))]})]

    host = PluginHost(entry_points=False, extra=[plugin("typo", govdisclose_templates=govdisclose_templates)])
    assert sorted(host.templates()) == ["post2021", "pre2021"]
    assert [p.plugin for p in host.problems] == ["typo"] and "aplications" in host.problems[0].message


# -- subtotals and R4 ----------------------------------------------------------------------------------------

def test_r4_leaves_out_subtotal_rows_but_counts_a_variants_other_rows():
    base = national("post2021")
    block = base.table("applications").blocks[0]
    denied = tuple(r.key for r in block.rows if r.key.startswith("denied."))
    variant = base.extend("with-rows", add_rows={("applications", "applications"): [
        ("partially_granted", Row("denied.subtotal", "（三）不予公开", sum_of=denied)),
        ("other.other", Row("other.more", "4.其他情形", group="（六）其他处理")),
    ]})
    assert outcome_rows(base) == tuple(r.key for r in block.rows
                                       if r.key not in ("new_received", "carried_over", "total", "carried_forward"))
    assert outcome_rows(variant) == outcome_rows(base) + ("other.more",)
