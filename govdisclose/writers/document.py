"""Deprecated (one release): the writer base class is :mod:`govdisclose.writers.base`,
``render`` and ``writer`` are :func:`govdisclose.render` and :func:`govdisclose.api.writer`, and
the built-in layouts are :data:`govdisclose.LAYOUTS`."""
from __future__ import annotations

from ..moved import moved
from .base import Decorate, LayoutWriter, date_text, unknown_rows

__all__ = ["LayoutWriter", "unknown_rows", "date_text", "Decorate"]

__getattr__ = moved(__name__, {"render": "govdisclose.api", "writer": "govdisclose.api",
                               "LAYOUTS": "govdisclose.writers.builtin"})
