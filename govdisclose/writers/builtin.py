"""The built-in output layouts, registered through the ``govdisclose_writers`` hook like a plugin's."""
from __future__ import annotations

from ..hookspecs import hookimpl
from .document import _writers


@hookimpl
def govdisclose_writers():
    return list(_writers().values())
