"""The hook implementations of the Word plugin."""
from __future__ import annotations

from govdisclose.hookspecs import hookimpl

from .reader import DocxReader

READERS = (DocxReader(),)


@hookimpl
def govdisclose_readers():
    return READERS
