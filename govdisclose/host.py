"""The plugin host: finds plugins lazily and survives broken ones.

Built-in templates and readers are registered through the same hooks a third party
uses; third-party plugins come from the ``govdisclose`` entry-point group. A plugin
that fails to import, implements an unknown hook, has a bad hook signature or raises
inside a hook is reported (``host.problems``, and a warning on stderr) and left out;
everything else keeps working.
"""
from __future__ import annotations

import importlib
import sys
import threading
from importlib import metadata
from typing import Any, Iterable, Mapping

import attrs
import pluggy

from . import hookspecs
from .errors import UnknownLayoutError, UnknownReaderError, UnknownTemplateError
from .rules import Rule, codes_of, registered
from .templates.spec import Template

__all__ = ["PluginHost", "Problem", "host", "PluginInfo", "DEFAULT_PLUGINS"]

ENTRY_POINT_GROUP = "govdisclose"

#: The built-in plugins, by dotted name, registered before any third party's (as pytest's
#: ``default_plugins``); each module's ``NAME`` is its name in ``govdisclose plugins``.
DEFAULT_PLUGINS = ("govdisclose.templates.builtin", "govdisclose.readers.builtin",
                   "govdisclose.checks.builtin", "govdisclose.writers.builtin")


@attrs.frozen
class Problem:
    plugin: str
    message: str

    def __str__(self) -> str:
        return f"govdisclose: plugin {self.plugin!r} left out: {self.message}"


@attrs.frozen
class PluginInfo:
    name: str
    version: str | None
    templates: tuple[str, ...]
    readers: tuple[str, ...]
    checks: tuple[str, ...] = ()        # the rule codes its checks raise (a check that does not say: its name)
    writers: tuple[str, ...] = ()       # the output layouts it writes


class PluginHost:
    """Loads plugins on first use. ``entry_points=False`` gives only the built-ins."""

    def __init__(self, entry_points: bool = True, extra: Iterable[Any] = ()):
        self._entry_points = entry_points
        self._extra = tuple(extra)
        self._pm: pluggy.PluginManager | None = None
        self._lock = threading.Lock()
        self.problems: list[Problem] = []
        self._versions: dict[str, str | None] = {}
        self._templates: dict[str, Template] | None = None
        self._readers: list | None = None

    # -- loading --------------------------------------------------------------------
    @property
    def pm(self) -> pluggy.PluginManager:
        if self._pm is None:
            with self._lock:
                if self._pm is None:
                    self._pm = self._load()
        return self._pm

    def _load(self) -> pluggy.PluginManager:
        pm = pluggy.PluginManager(hookspecs.PROJECT)
        pm.add_hookspecs(hookspecs)
        for dotted in DEFAULT_PLUGINS:
            module = importlib.import_module(dotted)
            name = getattr(module, "NAME", dotted)
            pm.register(module, name=name)
            self._versions[name] = own_version()
        for plugin in self._extra:
            self._register(pm, plugin, getattr(plugin, "__name__", repr(plugin)), None)
        if self._entry_points:
            for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
                try:
                    plugin = ep.load()
                except Exception as exc:  # noqa: BLE001 - any import failure leaves the plugin out
                    self._problem(ep.name, f"cannot be imported: {type(exc).__name__}: {exc}")
                    continue
                version = ep.dist.version if getattr(ep, "dist", None) else None
                self._register(pm, plugin, ep.name, version)
        return pm

    def _register(self, pm: pluggy.PluginManager, plugin: Any, name: str, version: str | None) -> None:
        try:
            pm.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            self._problem(name, f"bad hook implementation: {exc}")
            return
        unknown = [impl.function.__name__ for hook in pm.get_hookcallers(plugin) or ()
                   for impl in hook.get_hookimpls() if impl.plugin is plugin and hook.spec is None]
        if unknown:
            pm.unregister(plugin)
            self._problem(name, f"implements unknown hook(s) {', '.join(sorted(unknown))} "
                                f"(hookspecs version {hookspecs.HOOKSPEC_VERSION})")
            return
        self._versions[name] = version

    def _problem(self, name: str, message: str) -> None:
        problem = Problem(name, message)
        if problem in self.problems:        # (hooks are called again, e.g. for each new writer)
            return
        self.problems.append(problem)
        print(str(problem), file=sys.stderr)

    def _call(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a hook plugin by plugin; one that raises is reported and skipped."""
        hook = getattr(self.pm.hook, hook_name)
        results = []
        for impl in hook.get_hookimpls():            # registration order: built-ins first
            try:
                result = impl.function(**{k: kwargs[k] for k in impl.argnames})
            except Exception as exc:  # noqa: BLE001 - a broken plugin must not break parsing
                self._problem(impl.plugin_name, f"hook {hook_name} raised {type(exc).__name__}: {exc}")
                continue
            if result is not None:
                results.append((impl.plugin_name, result))
        return results

    # -- what plugins provide -------------------------------------------------------------
    def templates(self) -> dict[str, Template]:
        if self._templates is None:
            found: dict[str, Template] = {}
            self._owner: dict[str, str] = {}
            for plugin, templates in self._call("govdisclose_templates"):
                if not _sequence_of(templates, Template):
                    self._problem(plugin, "govdisclose_templates must return a list of Template")
                    continue
                for template in templates:
                    if template.id in found:
                        self._problem(plugin, f"template id {template.id!r} already provided by "
                                              f"{self._owner[template.id]!r}")
                        continue
                    found[template.id] = template
                    self._owner[template.id] = plugin
            self._templates = found
        return self._templates

    def template(self, template_id: str) -> Template:
        try:
            return self.templates()[template_id]
        except KeyError:
            known = ", ".join(sorted(self.templates()))
            raise UnknownTemplateError(f"no installed template {template_id!r} (installed: {known})") from None

    def readers(self) -> list:
        if self._readers is None:
            self._readers = []
            for plugin, readers in self._call("govdisclose_readers"):
                good = isinstance(readers, (list, tuple)) and all(
                    isinstance(getattr(r, "name", None), str) and callable(getattr(r, "sniff", None))
                    and callable(getattr(r, "read", None)) for r in readers)
                if not good:
                    self._problem(plugin, "govdisclose_readers must return a list of readers "
                                          "(objects with name, sniff(text) and read(text))")
                    continue
                self._readers.extend(readers)
        return self._readers

    def reader(self, name: str):
        for reader in self.readers():
            if reader.name == name:
                return reader
        raise UnknownReaderError(f"no installed reader {name!r} (installed: {', '.join(r.name for r in self.readers())})")

    def checks(self, template: Template) -> list:
        return [check for _, checks in self._checks(template) for check in checks]

    def _checks(self, template: Template) -> list[tuple[str, Any]]:
        found = []
        for plugin, checks in self._call("govdisclose_checks", template=template):
            if not (isinstance(checks, (list, tuple)) and all(callable(c) for c in checks)):
                self._problem(plugin, "govdisclose_checks must return a list of checks "
                                      "(callables check(report, template))")
                continue
            found.append((plugin, checks))
        return found

    def _writers(self) -> list[tuple[str, Any]]:
        """(plugin, writer) for every layout writer, first by name wins (built-ins first)."""
        found: list[tuple[str, Any]] = []
        names: dict[str, str] = {}
        for plugin, writers in self._call("govdisclose_writers"):
            good = isinstance(writers, (list, tuple)) and all(
                isinstance(getattr(w, "name", None), str) and w.name and callable(getattr(w, "write", None))
                for w in writers)
            if not good:
                self._problem(plugin, "govdisclose_writers must return a list of writers "
                                      "(LayoutWriter objects with a name)")
                continue
            for w in writers:
                if w.name in names:
                    if names[w.name] != plugin:
                        self._problem(plugin, f"layout {w.name!r} already written by {names[w.name]!r}")
                    continue
                names[w.name] = plugin
                found.append((plugin, w))
        return found

    def writers(self) -> list:
        """A new writer of every layout (writers keep per-call state)."""
        return [w for _, w in self._writers()]

    def writer(self, name: str):
        writers = self.writers()
        for w in writers:
            if w.name == name:
                return w
        raise UnknownLayoutError(f"unknown layout {name!r}; one of {', '.join(w.name for w in writers)}")

    def recognize(self, text: str) -> list[tuple[float, str]]:
        """(score, template id) for every template, best first; ties broken by id."""
        templates = self.templates()
        scores: dict[str, float] = {tid: 0.0 for tid in templates}
        for plugin, result in self._call("govdisclose_recognize", text=text, templates=templates):
            if not isinstance(result, Mapping) or not all(isinstance(s, (int, float)) for s in result.values()):
                self._problem(plugin, "govdisclose_recognize must return {template_id: score}")
                continue
            for tid, score in result.items():
                if tid in templates and self._owner.get(tid) == plugin:
                    scores[tid] = max(scores[tid], float(score))
        return sorted(((s, t) for t, s in scores.items()), key=lambda st: (-st[0], st[1]))

    def rules(self) -> tuple[Rule, ...]:
        """Every rule govdisclose and the loaded plugins declare (:mod:`govdisclose.rules`)."""
        self.pm                                     # (loading imports the built-ins and plugins)
        return registered()

    def info(self) -> list[PluginInfo]:
        templates = self.templates()
        readers = {plugin: [r.name for r in rs] for plugin, rs in self._call("govdisclose_readers")}
        checks: dict[str, list[str]] = {}
        for template in templates.values():
            for plugin, found in self._checks(template):
                names = checks.setdefault(plugin, [])
                names.extend(code for check in found for code in codes_of(check) if code not in names)
        writers: dict[str, list[str]] = {}
        for plugin, w in self._writers():
            writers.setdefault(plugin, []).append(w.name)
        names = [name for name, plugin in self.pm.list_name_plugin() if plugin is not None]
        return [PluginInfo(name, self._versions.get(name),
                           tuple(t for t in templates if self._owner.get(t) == name),
                           tuple(readers.get(name, ())), tuple(checks.get(name, ())),
                           tuple(writers.get(name, ()))) for name in names]


def _sequence_of(value: Any, kind: type) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, kind) for v in value)


def own_version() -> str | None:
    """The installed govdisclose's version (None when it runs from a source tree not installed)."""
    try:
        return metadata.version("govdisclose")
    except metadata.PackageNotFoundError:
        return None


_HOST: PluginHost | None = None


def host() -> PluginHost:
    """The process-wide plugin host (created on first use)."""
    global _HOST
    if _HOST is None:
        _HOST = PluginHost()
    return _HOST
