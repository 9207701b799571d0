"""The built-in readers, registered through the ``govdisclose_readers`` hook like a plugin's."""
from __future__ import annotations

from ..hookspecs import hookimpl
from .canonical import CanonicalReader
from .cell_lines import CellLinesReader
from .html import HtmlReader
from .loose import LooseReader
from .markdown import MarkdownReader
from .pipe import PipeReader
from .tabbed import TabbedReader

__all__ = ["BUILTIN_READERS", "NAME", "govdisclose_readers"]

#: This plugin's name in ``govdisclose plugins``.
NAME = "readers"

BUILTIN_READERS = (CanonicalReader(), MarkdownReader(), PipeReader(), CellLinesReader(), TabbedReader(),
                   HtmlReader(), LooseReader())


@hookimpl
def govdisclose_readers() -> tuple:
    return BUILTIN_READERS
