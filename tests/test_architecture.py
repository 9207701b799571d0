"""The house's shape (docs/architecture.md): no import cycle, every module importable on its
own, the import layers kept, the contract a leaf, the built-ins registered by name."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import govdisclose
from govdisclose import host as plugin_host, hookspecs, model

PACKAGE = Path(govdisclose.__file__).parent
ROOT = PACKAGE.parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.with_suffix("").relative_to(ROOT).parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imported(name: str, path: Path) -> set[str]:
    """The govdisclose modules *name* imports anywhere in its source (inside functions too,
    not under ``if TYPE_CHECKING:``), each as the module it names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                and getattr(node.test, "id", getattr(node.test, "attr", None)) == "TYPE_CHECKING"
                for n in ast.walk(node)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in checking:
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module or ""
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in MODULES else module for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith("govdisclose") and target != name:
                out.add(target)
    return out


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of *graph*, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


GRAPH = {name: _imported(name, path) for name, path in MODULES.items()}


def test_no_import_cycle_among_the_modules_counting_imports_inside_functions():
    assert _cycle(GRAPH) is None, " -> ".join(_cycle(GRAPH) or ())


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_records_and_the_contract_import_nothing_above_them():
    assert GRAPH["govdisclose.model"] == set()
    assert GRAPH["govdisclose.hookspecs"] == set()             # pluggy only; types under TYPE_CHECKING
    assert GRAPH["govdisclose.errors"] == set()
    source = (PACKAGE / "hookspecs.py").read_text(encoding="utf-8")
    assert [line for line in source.splitlines() if line.startswith(("import ", "from "))] == [
        "from __future__ import annotations", "from typing import TYPE_CHECKING, Mapping, Sequence", "import pluggy"]
    assert hookspecs.hookimpl.project_name == "govdisclose"


def test_the_built_in_plugins_are_modules_named_in_a_tuple_the_host_imports():
    assert plugin_host.DEFAULT_PLUGINS == ("govdisclose.templates.builtin", "govdisclose.readers.builtin",
                                       "govdisclose.checks.builtin", "govdisclose.writers.builtin")
    for dotted in plugin_host.DEFAULT_PLUGINS:
        assert dotted in MODULES and not str(MODULES[dotted]).endswith("__init__.py")
        assert not GRAPH["govdisclose.host"] & {dotted}, "the host imports the built-ins by name only"
    host = plugin_host.PluginHost(entry_points=False)
    assert [name for name, _ in host.pm.list_name_plugin()] == ["national", "readers", "national-checks", "writers"]


def test_model_delegates_to_the_layers_above_by_a_late_lookup():
    assert model._above("govdisclose.writers.jsonout", "report_to_dict").__module__ == "govdisclose.writers.jsonout"


@pytest.mark.parametrize("first", ["plain", "without-the-package-init"])
def test_every_module_imports_first_in_a_fresh_interpreter(first):
    """Each module imported before any other of ours. ``plain``: as users do (the package's
    ``__init__`` runs first); ``without-the-package-init``: the package's ``__init__`` skipped,
    so the module's own imports decide the order — it catches what works only because
    ``govdisclose/__init__.py`` happens to import things in a lucky order."""
    names = [n for n in MODULES if n != "govdisclose.__main__"]       # (it runs the CLI)
    script = r'''
import importlib, json, sys, types
names, skip_init, root = json.loads(sys.argv[1]), sys.argv[2] == "1", sys.argv[3]
failed = {}
for name in names:
    for loaded in [m for m in sys.modules if m == "govdisclose" or m.startswith("govdisclose.")]:
        del sys.modules[loaded]
    if skip_init:
        package = types.ModuleType("govdisclose")
        package.__path__ = [root]
        sys.modules["govdisclose"] = package
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(failed))
'''
    done = subprocess.run([sys.executable, "-c", script, json.dumps(names), "1" if first != "plain" else "0",
                           str(PACKAGE)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {}


def test_the_import_layers_contract_is_kept():
    pytest.importorskip("importlinter", reason="import-linter is in the test extra")
    done = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()",
                           "--no-cache", str(ROOT / "pyproject.toml")], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 kept, 0 broken" in done.stdout


def test_every_module_has_its_place_in_the_architecture_doc():
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [name for name in MODULES if name != "govdisclose"
               and f"`{name.removeprefix('govdisclose.')}`" not in doc]
    assert missing == []


def test_the_old_module_names_still_work_and_say_where_they_moved():
    with pytest.warns(DeprecationWarning, match="govdisclose.host.PluginHost"):
        from govdisclose.plugins import PluginHost
    assert PluginHost is plugin_host.PluginHost
    with pytest.warns(DeprecationWarning, match="govdisclose.api.render"):
        from govdisclose.writers.document import render
    assert render is govdisclose.render
    with pytest.warns(DeprecationWarning, match="govdisclose.api.validate"):
        from govdisclose.checks import validate
    assert validate is govdisclose.validate
    with pytest.warns(DeprecationWarning, match="govdisclose.layout.LayoutRow"):
        from govdisclose.canonical import Row
    from govdisclose.layout import LayoutRow
    assert Row is LayoutRow


def test_one_name_per_concept_the_layouts_document_apart_from_the_templates():
    from govdisclose.layout import document
    from govdisclose.templates import spec
    assert not {"Table", "Block", "Row", "Item"} & set(document.__all__)
    assert {"Table", "Block", "Row"} <= set(dir(spec))
