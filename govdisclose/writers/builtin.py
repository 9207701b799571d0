"""The built-in output layouts, registered through the ``govdisclose_writers`` hook like a plugin's."""
from __future__ import annotations

from ..hookspecs import hookimpl
from .base import LayoutWriter
from .canonical_text import CanonicalWriter
from .flat import CellLinesWriter, PipeWriter, TabbedWriter
from .html import HtmlWriter
from .markdown import MarkdownWriter

__all__ = ["LAYOUTS", "NAME", "govdisclose_writers"]

#: This plugin's name in ``govdisclose plugins``.
NAME = "writers"

_WRITERS = (CanonicalWriter, PipeWriter, CellLinesWriter, TabbedWriter, MarkdownWriter, HtmlWriter)

#: The built-in layouts :func:`govdisclose.render` writes, each one a reader reads back (plugins
#: may add more through the ``govdisclose_writers`` hook).
LAYOUTS = tuple(w.name for w in _WRITERS)


@hookimpl
def govdisclose_writers() -> list[LayoutWriter]:
    return [make() for make in _WRITERS]        # new ones every call: writers keep per-call state
