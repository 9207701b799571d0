"""Deprecated (one release): the plugin host is :mod:`govdisclose.host`; ``plugins/`` at the
top of the repository holds the plugin distributions."""
from __future__ import annotations

from .moved import moved

__getattr__ = moved(__name__, {}, rest="govdisclose.host")
