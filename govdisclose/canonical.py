"""Deprecated (one release): the canonical layout is :mod:`govdisclose.layout` (``Table``,
``Block``, ``Row`` and ``Item`` of its document are ``LayoutTable``, ``LayoutBlock``,
``LayoutRow`` and ``Part``; ``split_cells`` is ``split_layout_cells``)."""
from __future__ import annotations

from .moved import moved

__getattr__ = moved(__name__, {
    "Table": "govdisclose.layout:LayoutTable", "Block": "govdisclose.layout:LayoutBlock",
    "Row": "govdisclose.layout:LayoutRow", "Item": "govdisclose.layout:Part",
    "split_cells": "govdisclose.layout:split_layout_cells", "cell_columns": "govdisclose.layout.text",
    "source_positions": "govdisclose.layout.text"}, rest="govdisclose.layout")
