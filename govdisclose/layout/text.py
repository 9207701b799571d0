"""The canonical layout as text: its first line, how cells and lines are escaped and split,
and a text with the source positions of its cells (:class:`Canonical`). The grammar that
defines the layout is ``grammars/report.lark``; ``docs/canonical-layout.md`` describes it."""
from __future__ import annotations

import re

import attrs

from ..model import location
from .document import Positions
from ..normalize import lines as text_lines

__all__ = ["MAGIC", "Canonical", "Positions", "escape_cell", "escape_text", "split_layout_cells", "cell_columns",
           "source_positions", "unescape"]

MAGIC = "%govdisclose canonical 1"
_SPECIAL_START = ("[", "§", "%", "\\")


def escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace(">", "\\>")


def escape_text(text: str) -> str:
    return "\\" + text if text.startswith(_SPECIAL_START) else text


def split_layout_cells(text: str, sep: str, keep_escapes: bool = False) -> list[str]:
    """Split on unescaped *sep*; strip each part and unescape it (unless *keep_escapes*)."""
    if "\\" not in text:
        return [part.strip() for part in text.split(sep)]
    parts, buf, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i:i + 2] if keep_escapes else text[i + 1])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf).strip())
    return parts


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_ROW = "[row]"


def cell_columns(line: str) -> list[int]:
    """The 1-based column where each cell of a ``[row]`` line starts (label first)."""
    if "\\" not in line:                    # no escapes: every | separates
        columns, start = [], len(_ROW)
        for part in line[start:].split("|"):
            stripped = part.lstrip()
            columns.append(start + (len(part) - len(stripped) if stripped.rstrip() else 1) + 1)
            start += len(part) + 1
        return columns
    columns, i, start = [], len(_ROW), len(_ROW)
    while i <= len(line):
        if i == len(line) or line[i] == "|":
            part = line[start:i]
            indent = len(part) - len(part.lstrip()) if part.strip() else 1
            columns.append(start + indent + 1)
            start = i + 1
        elif line[i] == "\\":
            i += 1
        i += 1
    return columns


def source_positions(text: str) -> Positions:
    """Positions of a canonical text that is itself the source: each row cell's line and column."""
    positions = Positions()
    for n, line in enumerate(text_lines(text), 1):
        if line.startswith(_ROW):
            positions.line(n, tuple(location(n, column) for column in cell_columns(line)))
    return positions


def unescape(text: str) -> str:
    """``\\|`` -> ``|`` and so on: a backslash keeps the character after it."""
    return _ESCAPED.sub(r"\1", text).strip()


@attrs.frozen
class Canonical:
    """Canonical text and, per (canonical line, cell index), where it stood in the source.

    Index 0 is a row's label (or a text line), 1… its value cells. A line with no
    position is taken to stand at that line of the source.
    """

    text: str
    positions: Positions = attrs.field(factory=Positions, eq=False)
    #: per (canonical line, cell index): how a recovered cell was found (``Cell.provenance``)
    notes: dict = attrs.field(factory=dict, eq=False)
    #: what rebuilding the tables noted (e.g. ``recover.ambiguous``)
    findings: tuple = attrs.field(default=(), eq=False)
