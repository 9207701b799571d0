"""The hook implementations of the PDF plugin."""
from __future__ import annotations

from govdisclose.hookspecs import hookimpl

from .reader import PdfReader

READERS = (PdfReader(),)


@hookimpl
def govdisclose_readers():
    return READERS
