"""The docs cannot drift from the code: the data dictionary is generated, every finding
rule id the source emits is documented, and the terminal renderer draws every seed."""
from __future__ import annotations

import io
import pathlib
import re

import pytest
from rich.console import Console

import govdisclose
from govdisclose.writers.dictionary import data_dictionary
from govdisclose.writers.table import print_report

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PACKAGE = ROOT / "govdisclose"
SEEDS = sorted((ROOT / "tests" / "seeds").glob("seed-*.txt"))

#: A rule id as the first, string-literal argument of ``finding(`` (or of the helpers
#: of ``checks/national.py`` that pass it on to it).
_RULE = re.compile(r'(?:\bfinding|_rule|_per_column|_in_row)\(\n?\s*"([^"{}]+)"')


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


# -- the rule catalogue: every example breaks its rule ----------------------------------------

_EXAMPLE = re.compile(r"^### `([^`]+)`\n```change (\S+)\n(.*?)^```", re.M | re.S)
NOT_FROM_TEXT = {"template.tie", "check.crashed"}     # need tied plugins / a raising check: test_plugins.py
NOT_FROM_TEXT |= {"read.tie"}      # needs two readings that tie: tests/test_stream.py
NOT_FROM_TEXT |= {"text.repaired"}  # needs bytes that do not decode (a str decodes): tests/test_limits.py
NOT_FROM_TEXT |= {"recover.in-order", "template.by-year"}   # converters' forms: tests/test_converters.py
NOT_FROM_TEXT |= {"parse.many-findings"}   # needs thousands of cells on a line: tests/test_bad_input.py
# cross-report rules compare two or more reports (check_panel), never one report's text: their
# examples in docs/findings.md are in prose, and tests/test_corpus.py breaks each of them
NOT_FROM_TEXT |= {"R6", "R7", "panel.duplicate", "panel.agency-year-twice"}


def catalogue() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """rule -> (file, [(old, new), …]) from docs/findings.md's rule catalogue."""
    found = {}
    for m in _EXAMPLE.finditer((DOCS / "findings.md").read_text(encoding="utf-8")):
        lines = [line.replace("\\n", "\n") for line in m.group(3).split("\n")[:-1]]
        assert len(lines) % 2 == 0, f"{m.group(1)}: the change lines come in pairs (old, new)"
        found[m.group(1)] = (m.group(2), list(zip(lines[::2], lines[1::2])))
    return found


def rules_of(text: str) -> set[str]:
    return {f.rule for f in govdisclose.validate(govdisclose.parse(text))}


def test_catalogue_has_an_example_for_every_rule():
    missing = emitted_rules() - NOT_FROM_TEXT - set(catalogue())
    assert not missing, f"no example in docs/findings.md's rule catalogue for {sorted(missing)}"


@pytest.mark.parametrize("rule", sorted(catalogue()))
def test_catalogue_example_breaks_its_rule(rule):
    file, changes = catalogue()[rule]
    text = (ROOT / file).read_text(encoding="utf-8")
    if changes:
        assert rule not in rules_of(text), f"{file} already breaks {rule}"
    for old, new in changes:
        assert old in text, f"{rule}: {old!r} is not in {file}"
        text = text.replace(old, new)
    assert rule in rules_of(text)
