"""Names that moved, kept for one release: a module's ``__getattr__`` that finds the new
place, warns (``DeprecationWarning``, saying where it is now) and returns it."""
from __future__ import annotations

import importlib
import warnings
from typing import Any, Callable, Mapping

__all__ = ["moved"]


def moved(old: str, names: Mapping[str, str], rest: str | None = None) -> Callable[[str], Any]:
    """The ``__getattr__`` of module *old*: each of *names* maps an old name to its new place
    (``"package.module:new_name"``, or ``"package.module"`` when the name stayed); any other
    public name is looked for in module *rest*, when given."""
    def __getattr__(name: str) -> Any:
        place = names.get(name) or (rest if rest is not None and not name.startswith("_") else None)
        if place is None:
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        module, _, new = place.partition(":")
        value = getattr(importlib.import_module(module), new or name)      # AttributeError if none
        warnings.warn(f"{old}.{name} moved to {module}.{new or name}", DeprecationWarning, stacklevel=2)
        return value
    return __getattr__
