"""Loads ``grammars/report.lark`` and builds its LALR parser once.

The grammar lives at the top of the source tree (``grammars/``) and is copied into the
wheel as ``govdisclose/grammars/``. It is found in either place, so it loads from a
wheel, from an editable install and from a source checkout run as ``python -m``.
"""
from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import lark

__all__ = ["grammar_path", "parser"]

GRAMMAR = "report.lark"


def grammar_path() -> Path:
    """The grammar file: inside the installed package, else in the source tree."""
    packaged = resources.files("govdisclose") / "grammars" / GRAMMAR
    if packaged.is_file():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parent.parent / "grammars" / GRAMMAR
    if source_tree.is_file():
        return source_tree
    raise FileNotFoundError(f"govdisclose grammar {GRAMMAR} not found in the package or the source tree")


@functools.lru_cache(maxsize=None)
def parser() -> lark.Lark:
    """The LALR parser of the canonical layout (built on first use, then reused)."""
    return lark.Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr",
                     lexer="contextual", propagate_positions=False, maybe_placeholders=False)
