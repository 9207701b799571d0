"""Exceptions: only for input that cannot be read as a report at all.

Data problems inside a report are :class:`~govdisclose.model.Finding` s, never
exceptions. Everything raised on purpose derives from :class:`GovdiscloseError`.
"""
from __future__ import annotations

__all__ = ["GovdiscloseError", "UnreadableInputError", "NotAReportError", "CanonicalSyntaxError",
           "UnknownTemplateError", "UnknownReaderError", "UnknownLayoutError"]


class GovdiscloseError(Exception):
    """Base class of every error govdisclose raises on purpose."""


class UnreadableInputError(GovdiscloseError):
    """The input cannot be decoded or opened (binary junk, unknown encoding, missing file)."""


class NotAReportError(GovdiscloseError):
    """The input was read but is not a government information-disclosure annual report."""


class UnknownTemplateError(GovdiscloseError):
    """A template id was asked for that no installed plugin provides."""


class UnknownReaderError(GovdiscloseError, KeyError):
    """A reader name was asked for that no installed plugin provides."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownLayoutError(GovdiscloseError, ValueError):
    """An output layout was asked for that neither govdisclose nor an installed plugin writes."""


class CanonicalSyntaxError(GovdiscloseError):
    """Canonical-layout text that breaks the grammar; carries the line and column."""

    def __init__(self, message: str, line: int | None, column: int | None):
        self.line, self.column = line, column
        super().__init__(f"line {line}:{column}: {message}")
