"""The hooks a govdisclose plugin can implement. Public API, versioned.

A plugin is a module or object whose functions are marked with :data:`hookimpl` and
named after a hook below; it is found through the ``govdisclose`` entry-point group::

    [project.entry-points.govdisclose]
    hubei = "govdisclose_hubei.plugin"

Every hook is called with keyword arguments. A plugin that implements a hook not
listed here, or with an argument the hook does not have, is refused when it loads,
with a message saying which; the other plugins keep working.

This module imports only pluggy (the types of the hooks are named for type checkers
only), so any module may import :data:`hookimpl` from it without an import cycle.

Changes to this file follow :data:`HOOKSPEC_VERSION` (major: a hook or argument was
removed or changed; minor: one was added). Each hook says the version it came in.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence

import pluggy

if TYPE_CHECKING:       # the contract imports nothing of govdisclose at run time
    from .checks.base import Check
    from .readers.base import Reader
    from .templates.spec import Template
    from .writers.base import LayoutWriter

__all__ = ["PROJECT", "HOOKSPEC_VERSION", "hookspec", "hookimpl"]

PROJECT = "govdisclose"
HOOKSPEC_VERSION = "1.1"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def govdisclose_templates() -> Sequence[Template]:
    """Declare templates: national ones (``base=None``) or variants made with
    :meth:`Template.extend` of a national one. Ids must be unique across plugins. (1.0)"""


@hookspec
def govdisclose_recognize(text: str, templates: Mapping[str, Template]) -> Mapping[str, float] | None:
    """Score how well the report *text* fits each of **this plugin's** templates.

    *templates* maps every registered template id to its definition (so a variant can
    build on its base's score). Return ``{template_id: score}``; 0 or a missing id means
    "not this one". The highest score wins; a variant should score above the national
    template it extends only when its own marks are present. Ties are broken by id. (1.0)
    """


@hookspec
def govdisclose_readers() -> Sequence[Reader]:
    """Provide input-layout readers (objects with ``name``, ``sniff(text)`` and
    ``read(text)``, see :class:`govdisclose.readers.base.Reader`). The reader whose
    ``sniff`` scores highest reads the input. (1.0)"""


@hookspec
def govdisclose_checks(template: Template) -> Sequence[Check]:
    """Checks to run on reports of *template* (a national template or a variant):
    callables ``check(report, template) -> Iterable[Finding]``. Return ``()`` for
    templates the plugin has nothing to add to. (1.0)"""


@hookspec
def govdisclose_writers() -> Sequence[LayoutWriter]:
    """Provide output layouts: :class:`govdisclose.writers.base.LayoutWriter` objects,
    each with a ``name`` no other writer has, for ``govdisclose.render(report, layout=name)``
    and ``govdisclose render --layout name``. Writers keep per-call state: return new ones on
    every call. (1.1)"""
