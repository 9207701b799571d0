"""The canonical layout in memory is the canonical layout: for every layout and form a reader
meets, both templates and the Hubei variant, the `Layout` the pipeline builds from a reader's
items (`assemble.to_layout`, `assemble.from_recovery`) equals what writing it as canonical
text (`layout.write.write_canonical`) and parsing that text with the Lark grammar gives — the
same parts at the same lines — and the cells mapped from either are the same. The grammar
stays the definition of the layout; the pipeline only skips writing and reading the text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
from govdisclose import testing
from govdisclose.assemble import as_canonical, to_layout
from govdisclose.host import host
from govdisclose.layout import parse_canonical
from govdisclose.layout.document import Heading, LayoutTable, Text
from govdisclose.layout.write import write_canonical
from govdisclose.mapping import map_tables
from govdisclose.model import location
from govdisclose.normalize import clean
from govdisclose.pipeline import lay_out
from govdisclose.readers.base import CellRow, NumberRun, SourceCell, TextLine
from govdisclose.recognize import choose_reader
from govdisclose.testing.forms import PAGE_TEXT, converter_markdown, page_text

from conftest import SEEDS, seed_path

PLUGINS = host()
TEMPLATES = ["post2021", "pre2021"] + (["hubei-2020"] if "hubei-2020" in PLUGINS.templates() else [])
RENDERED = ("pipe", "cell-lines", "tabbed", "markdown", "html")
FORMS = (*RENDERED, *(f"loose-{m}" for m in testing.LOOSE_MODES), *(f"page-text-{h}" for h in PAGE_TEXT),
         "converter-markdown", "noisy-pipe", "noisy-markdown")
PROPERTY = settings(max_examples=6, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _text(report: govdisclose.Report, form: str, data) -> str:
    if form.startswith("loose-"):
        return testing.loose_text(report, form[len("loose-"):])
    if form.startswith("page-text-"):
        return page_text(report, form[len("page-text-"):])
    if form == "converter-markdown":
        return converter_markdown(report)
    if form.startswith("noisy-"):
        return data.draw(testing.noisy_render(report, form[len("noisy-"):]))
    return govdisclose.render(report, layout=form)


def assert_layout_is_its_text(layout, template) -> None:
    """*layout* equals its canonical text parsed by the grammar, and maps to the same cells."""
    text = write_canonical(layout.document)
    parsed = parse_canonical(text, grammar=True)
    assert parsed == layout.document
    assert [p.line for p in parsed.items] == [p.line for p in layout.document.items]
    assert parse_canonical(text) == parsed                     # the line scanner agrees
    memory = map_tables(layout.document, template, layout.positions, layout.notes)
    assert map_tables(parsed, template, layout.positions, layout.notes) == memory


def _reader_layout(text: str, template):
    reader = choose_reader(text, PLUGINS)
    return lay_out(reader.read(text), template)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("template_id", TEMPLATES)
@PROPERTY
@given(data=st.data())
def test_reader_layout_equals_its_canonical_text_parsed(template_id, form, data):
    template = PLUGINS.template(template_id)
    report = data.draw(testing.reports(template))
    text = _text(report, form, data)
    layout = _reader_layout(text, template)
    if form in RENDERED:
        assert any(isinstance(p, LayoutTable) for p in layout.document.items)
    assert_layout_is_its_text(layout, template)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_layouts_equal_their_canonical_text(name):
    text = seed_path(name).read_text(encoding="utf-8")
    template = PLUGINS.template(govdisclose.parse(text).meta.variant or govdisclose.parse(text).meta.template)
    assert_layout_is_its_text(_reader_layout(text, template), template)


HERE = location(1, 1)
cell_text = st.text(st.sampled_from(list("ab |>\\[§%-—（）一二0129.") + ["\u3000", "\t", "\n"]), max_size=8)


def _placed(items: list) -> list:
    """*items*, each at a line of its own (line i+1) and each cell at its own column."""
    out = []
    for n, item in enumerate(items, 1):
        if isinstance(item, TextLine):
            out.append(TextLine(item.text, location(n, 1)))
        else:
            out.append(CellRow(tuple(SourceCell(c.text, location(n, j)) for j, c in enumerate(item.cells, 1))))
    return out


@PROPERTY
@given(rows=st.lists(st.one_of(
    st.builds(lambda t: TextLine(t, HERE), cell_text),
    st.builds(lambda cells: CellRow(tuple(SourceCell(c, HERE) for c in cells)), st.lists(cell_text, max_size=7)),
), max_size=25))
def test_any_items_lay_out_as_their_text(rows):
    """Items with every character the text escapes (``|``, ``>``, ``\\``, a leading ``[``, ``§``,
    ``%``) and whitespace of every kind: the layout and its text agree, and each text line,
    heading and row label is placed at the item it came from."""
    template = PLUGINS.template("post2021")
    items = _placed(rows)
    layout = to_layout(items, template)
    assert_layout_is_its_text(layout, template)
    for part in layout.document.items:
        if isinstance(part, (Text, Heading)):
            item = items[layout.positions.get((part.line, 0)).line - 1]
            assert " ".join(item.text.split()) == (part.text if isinstance(part, Text) else part.heading)
        else:
            for row in (r for b in part.blocks for r in b.rows if r.label and r.label != ("?",)):
                at = layout.positions.get((row.line, 0))
                cell = items[at.line - 1].cells[at.column - 1]
                assert clean(cell.text) == row.label[0]


def test_a_table_of_contents_in_loose_text_is_prose_not_headings():
    """Loose text's prose that ends in a number is a text line, even when it starts like a
    section heading (a table of contents: ``二、主动公开政府信息情况 2``)."""
    report = govdisclose.parse(seed_path("seed-001"))
    loose = testing.loose_text(report, "spaced")
    contents = "目录\n一、总体情况 1\n二、主动公开政府信息情况 2\n六、其他需要报告的事项 4\n"
    plain, with_contents = govdisclose.parse(loose), govdisclose.parse(contents + loose)
    assert [s.number for s in with_contents.sections] == [s.number for s in plain.sections] == [1, 2, 3, 4, 5, 6]
    assert [c.value for c in with_contents.cells] == [c.value for c in plain.cells]


def test_plain_dict_positions_are_read_as_positions():
    """A plugin's canonical text may carry its positions as a plain ``{(line, index): Location}``."""
    from govdisclose.layout import Positions
    text = seed_path("seed-000").read_text(encoding="utf-8")
    template = PLUGINS.template("post2021")
    layout = _reader_layout(text, template)
    plain = {(line, i): at for line, ats in layout.positions.items() for i, at in enumerate(ats) if at is not None}
    assert isinstance(layout.positions, Positions)
    assert map_tables(layout.document, template, plain) == map_tables(layout.document, template, layout.positions)


def test_a_layout_as_text_keeps_what_it_knows():
    items = [TextLine("一、总体情况", HERE), TextLine("[文字] | 含竖线", HERE),
             CellRow((SourceCell("信息内容", HERE), SourceCell("本年制发件数", HERE))),
             CellRow((SourceCell("规章", HERE), SourceCell("3", HERE)))]
    layout = to_layout(items, PLUGINS.template("post2021"))
    canon = as_canonical(layout)
    kinds = [type(p) for p in layout.document.items]
    assert kinds[:2] == [Heading, Text] and LayoutTable in kinds
    assert canon.text.splitlines()[0] == "%govdisclose canonical 1"
    assert canon.positions is layout.positions
    assert "\\[文字] \\| 含竖线" not in canon.text and "\\[文字] | 含竖线" in canon.text


def test_loose_items_are_refused_by_to_layout():
    with pytest.raises(TypeError):
        to_layout([NumberRun("规章", HERE, (SourceCell("3", HERE),))], PLUGINS.template("post2021"))
