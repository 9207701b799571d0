"""The canonical layout as an input: recognised by its first line, parsed by the grammar."""
from __future__ import annotations

from ..layout.text import MAGIC, Canonical, source_positions


class CanonicalReader:
    name = "canonical"

    def sniff(self, text: str) -> float:
        head = text.lstrip("\ufeff \n")[:64]
        return 1.0 if head.startswith(MAGIC.rsplit(" ", 1)[0]) else 0.0

    def read(self, text: str) -> Canonical:
        return Canonical(text, source_positions(text))
