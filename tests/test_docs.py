"""The docs cannot drift from the code: the data dictionary is generated, docs/findings.md
is verified against the rule registry (every declared rule documented with its severities,
every documented rule declared, no rule raised by a bare string), and the terminal renderer
draws every seed."""
from __future__ import annotations

import ast
import io
import pathlib
import re

import pytest
from rich.console import Console

import govdisclose
from govdisclose import testing
from govdisclose import rules as registry
from govdisclose.writers.dictionary import data_dictionary
from govdisclose.writers.table import print_report

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PACKAGE = ROOT / "govdisclose"
SEEDS = [testing.seed_path(n) for n in testing.SEEDS]

def emitted_rules() -> set[str]:
    """Every rule govdisclose declares (the registry, once ``import govdisclose`` has imported
    every built-in stage and check)."""
    return {rule.code for rule in _host_rules() if rule.doc == "findings.md"}


def _host_rules():
    from govdisclose.host import PluginHost
    return PluginHost(entry_points=False).rules()


#: A row of one of docs/findings.md's rule tables: | `code` | severities | when |
_DOC_ROW = re.compile(r"^\| `([^`]+)` \| ([^|]+) \|", re.M)


def documented_rules() -> dict[str, str]:
    """code -> the severity column of its row in docs/findings.md's tables."""
    return {m.group(1): m.group(2).strip() for m in _DOC_ROW.finditer(
        (DOCS / "findings.md").read_text(encoding="utf-8"))}


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


def test_every_declared_rule_is_documented_with_its_severities():
    declared = {rule.code: rule for rule in _host_rules() if rule.doc == "findings.md"}
    assert len(declared) >= 40, sorted(declared)
    documented = documented_rules()
    assert sorted(set(declared) - set(documented)) == [], "rules missing from docs/findings.md's tables"
    for code, rule in declared.items():
        written = documented[code]
        if written == "as the worst it counts":
            assert set(rule.severities) == {"error", "warning", "info"}, code
        else:
            assert set(written.split(" / ")) == set(rule.severities), (code, written, rule.severities)


def test_every_documented_rule_is_declared():
    assert sorted(set(documented_rules()) - {r.code for r in _host_rules()}) == []


def test_rules_are_raised_by_their_declaration_not_a_bare_string():
    """``finding("some.code", …)`` would bypass the registry: every call names a declared Rule."""
    bare = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("finding", "sum_rule") \
                    and node.args and isinstance(node.args[0], (ast.Constant, ast.JoinedStr)):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == []


def test_a_rule_is_declared_once_and_raised_only_at_its_severities():
    rule = registry.get("R1")
    assert rule is registry.declare("R1", ("error", "info"), rule.title, rule.title_zh)
    with pytest.raises(ValueError, match="already declared"):
        registry.declare("R1", "warning", "another R1", "另一条")
    from govdisclose.findings import finding
    assert finding(rule, en="x").severity == "error" and finding(rule, "info", en="x").severity == "info"
    with pytest.raises(ValueError, match="not raised as 'warning'"):
        finding(rule, "warning", en="x")
    assert all(rule.title and rule.title_zh for rule in _host_rules())


def test_plugins_lists_checks_by_the_rules_they_raise():
    from govdisclose.host import PluginHost
    (info,) = [i for i in PluginHost(entry_points=False).info() if i.name == "national-checks"]
    assert info.checks == ("R1", "R3", "R4", "R5", "data.blank-template", "data.blank-row", "data.blank-total",
                           "data.negative", "template.year-mismatch", "R9", "meta.late")


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
NOT_FROM_TEXT |= {"R6", "R7", "panel.duplicate", "panel.agency-year-twice", "panel.copied-tables"}
NOT_FROM_TEXT |= {"file.unreadable"}      # a file of many that gave no report: tests/test_corpus.py


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
