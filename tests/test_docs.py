"""The docs cannot drift from the code: the data dictionary is generated, every finding
rule id the source emits is documented, and the terminal renderer draws every seed."""
from __future__ import annotations

import io
import pathlib
import re

import pytest
from rich.console import Console

import govdisclose
from govdisclose.render.dictionary import data_dictionary
from govdisclose.render.table import print_report

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PACKAGE = ROOT / "govdisclose"
SEEDS = sorted((ROOT / "tests" / "seeds").glob("seed-*.txt"))

#: A rule id as the first, string-literal argument of ``finding(`` (or of a helper
#: named ``…_rule(`` that passes it on, as the sum rules of ``checks/national.py`` do).
_RULE = re.compile(r'(?:\bfinding|_rule)\(\n?\s*"([^"{}]+)"')


def emitted_rules() -> set[str]:
    """Every rule id the package's source passes as a string literal."""
    return {m.group(1) for path in PACKAGE.rglob("*.py")
            for m in _RULE.finditer(path.read_text(encoding="utf-8"))}


def test_data_dictionary_doc_is_the_generated_one():
    assert (DOCS / "data-dictionary.md").read_text(encoding="utf-8") == data_dictionary(), \
        "regenerate it: govdisclose dictionary > docs/data-dictionary.md"


def test_data_dictionary_is_deterministic_and_names_every_key():
    text = data_dictionary()
    assert text == data_dictionary()
    for template_id in ("pre2021", "post2021"):
        for table in govdisclose.templates.national(template_id).tables:
            assert f"`{table.key}`" in text
            for block in table.blocks:
                assert all(f"`{row.key}`" in text for row in block.rows)
                assert all(f"`{column.key}`" in text for column in block.columns)


def test_every_emitted_rule_is_documented():
    rules = emitted_rules()
    assert len(rules) >= 10, rules            # the regex still finds the calls
    documented = (DOCS / "findings.md").read_text(encoding="utf-8")
    missing = sorted(rule for rule in rules if f"`{rule}`" not in documented)
    assert not missing, f"rule ids missing from docs/findings.md: {missing}"


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_print_report_renders_each_seed(path: pathlib.Path):
    report = govdisclose.parse(path)
    out = io.StringIO()
    print_report(report, Console(file=out, width=120))
    text = out.getvalue()
    assert "\x1b[" not in text                  # not a terminal: no ANSI codes
    assert report.meta.agency and report.meta.agency in text
    assert "new_received" in text and "reviews" in text
    numbers = [c for c in report.cells if c.value is not None]
    for cell in numbers[:5]:
        assert cell.row in text and str(cell.value) in text
    for finding in report.findings:
        assert finding.rule in text


def test_print_report_shows_blank_apart_from_zero():
    seed = govdisclose.parse(SEEDS[0])
    blank = next(c for c in seed.cells if c.value is None)
    out = io.StringIO()
    print_report(seed, Console(file=out, width=120))
    assert blank.row in out.getvalue() and "·" in out.getvalue()
