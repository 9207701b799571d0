"""Templates: the public vocabulary for declaring tables, and the national templates.

Plugins import from here (``from govdisclose.templates import Row, Template, national``)
and nowhere deeper.
"""
from __future__ import annotations

from .spec import Block, Column, Row, Table, Template

__all__ = ["Block", "Column", "Row", "Table", "Template", "national", "NATIONAL_IDS", "expected_template"]

NATIONAL_IDS = ("pre2021", "post2021")


def national(template_id: str) -> Template:
    """The national template ``pre2021`` (2019 format) or ``post2021`` (2021 format)."""
    from . import post2021, pre2021
    templates = {t.id: t for t in (pre2021.TEMPLATE, post2021.TEMPLATE)}
    try:
        return templates[template_id]
    except KeyError:
        raise KeyError(f"no national template {template_id!r}; use one of {', '.join(NATIONAL_IDS)}") from None


def expected_template(year: int | None) -> str | None:
    """The national template a report on *year* should use: 2019 format for 2019–2020, 2021 format after."""
    if year is None:
        return None
    if year >= 2021:
        return "post2021"
    return "pre2021" if year >= 2019 else None
