"""Deprecated (one release): the writer base class is :mod:`govdisclose.writers.base`,
``render`` and ``writer`` are :func:`govdisclose.render` and :func:`govdisclose.api.writer`, and
the built-in layouts are :data:`govdisclose.LAYOUTS`."""
from __future__ import annotations

import importlib
import warnings
from typing import Any

from .base import Decorate, LayoutWriter, date_text, unknown_rows

__all__ = ["LayoutWriter", "unknown_rows", "date_text", "Decorate"]

_MOVED = {"render": "govdisclose.api", "writer": "govdisclose.api", "LAYOUTS": "govdisclose.writers.builtin"}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        warnings.warn(f"govdisclose.writers.document.{name} moved to {_MOVED[name]}.{name}",
                      DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
