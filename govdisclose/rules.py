"""The rule registry: every kind of finding, declared once by the stage or check that raises it.

A :class:`Rule` is a stable code (``parse.unknown-row``, ``R1`` …; never renamed or reused),
the severities its findings take, a title in English and in Chinese, and the page of
``docs/`` that documents it. A module declares its rules at import time::

    UNKNOWN_ROW = declare("parse.unknown-row", WARNING, "row not in the template", "模板中没有的行")

and raises them with :func:`govdisclose.findings.finding` (``finding(UNKNOWN_ROW, …)``). A
check says which rules it raises with :func:`raises`, and ``govdisclose plugins`` lists checks
by those codes. ``tests/test_docs.py`` verifies ``docs/findings.md`` against the registry:
every code is documented with its severities, and every documented code is declared. A
plugin declares its own rules the same way (their codes start with the plugin's name).
"""
from __future__ import annotations

from typing import Any, Callable, TypeVar

import attrs

from .model import SEVERITIES

__all__ = ["Rule", "declare", "registered", "get", "raises", "codes_of"]


def _severities(value: Any) -> tuple[str, ...]:
    found = (value,) if isinstance(value, str) else tuple(value)
    unknown = [s for s in found if s not in SEVERITIES]
    if not found or unknown:
        raise ValueError(f"severities must be some of {', '.join(SEVERITIES)}, not {found!r}")
    return found


@attrs.frozen
class Rule:
    """One kind of finding. *severities*: the first is the usual one; a finding may be raised
    at any of them (a sum rule fails as an error, or is not assessable, info)."""

    code: str
    severities: tuple[str, ...] = attrs.field(converter=_severities)
    title: str
    title_zh: str
    doc: str = "findings.md"

    @property
    def severity(self) -> str:
        return self.severities[0]

    def __str__(self) -> str:
        return self.code


_REGISTRY: dict[str, Rule] = {}


def declare(code: str, severities: str | tuple[str, ...], title: str, title_zh: str,
            doc: str = "findings.md") -> Rule:
    """Declare the rule *code* (see the module doc). Declaring it again the same way (a module
    imported twice) returns the first; declaring it differently is a programming error."""
    rule = Rule(code, severities, title, title_zh, doc)
    known = _REGISTRY.setdefault(code, rule)
    if known != rule:
        raise ValueError(f"rule {code!r} is already declared as {known}")
    return known


def registered() -> tuple[Rule, ...]:
    """Every rule declared so far, by code: those of the modules imported (the plugin host's
    :meth:`~govdisclose.host.PluginHost.rules` imports every built-in and installed plugin
    first)."""
    return tuple(_REGISTRY[code] for code in sorted(_REGISTRY))


def get(code: str) -> Rule | None:
    return _REGISTRY.get(code)


F = TypeVar("F", bound=Callable[..., Any])


def raises(*rules: Rule) -> Callable[[F], F]:
    """Decorator of a check: the rules it raises (``govdisclose plugins`` lists them)."""
    def mark(check: F) -> F:
        check.rules = tuple(r.code for r in rules)      # type: ignore[attr-defined]
        return check
    return mark


def codes_of(check: Any) -> tuple[str, ...]:
    """The codes a check raises (:func:`raises`), or its name when it does not say."""
    codes = getattr(check, "rules", None)
    if codes:
        return tuple(codes)
    return (getattr(check, "__qualname__", None) or getattr(check, "__name__", None) or repr(check),)
