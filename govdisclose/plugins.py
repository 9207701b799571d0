"""Deprecated (one release): the plugin host is :mod:`govdisclose.host`; ``plugins/`` at the
top of the repository holds the plugin distributions."""
from __future__ import annotations

import importlib
import warnings
from typing import Any


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    value = getattr(importlib.import_module("govdisclose.host"), name)      # AttributeError if none
    warnings.warn(f"govdisclose.plugins.{name} moved to govdisclose.host.{name}", DeprecationWarning, stacklevel=2)
    return value
