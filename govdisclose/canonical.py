"""Deprecated (one release): the canonical layout is :mod:`govdisclose.layout` (``Table``,
``Block``, ``Row`` and ``Item`` of its document are ``LayoutTable``, ``LayoutBlock``,
``LayoutRow`` and ``Part``; ``split_cells`` is ``split_layout_cells``)."""
from __future__ import annotations

import importlib
import warnings
from typing import Any

_RENAMED = {"Table": "LayoutTable", "Block": "LayoutBlock", "Row": "LayoutRow", "Item": "Part",
            "split_cells": "split_layout_cells"}


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    layout = importlib.import_module("govdisclose.layout")
    new = _RENAMED.get(name, name)
    if not hasattr(layout, new):
        for module in ("text", "parse", "document"):
            found = importlib.import_module(f"govdisclose.layout.{module}")
            if hasattr(found, new):
                layout = found
                break
    value = getattr(layout, new)
    warnings.warn(f"govdisclose.canonical.{name} moved to {layout.__name__}.{new}", DeprecationWarning, stacklevel=2)
    return value
