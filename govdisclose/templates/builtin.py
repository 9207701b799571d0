"""The built-in plugin of the two national templates, registered like any other."""
from __future__ import annotations

from typing import Mapping

from ..hookspecs import hookimpl
from ..templates.spec import Template
from . import post2021, pre2021

#: This plugin's name in ``govdisclose plugins``.
NAME = "national"

NATIONAL = (pre2021.TEMPLATE, post2021.TEMPLATE)


@hookimpl
def govdisclose_templates() -> tuple[Template, ...]:
    return NATIONAL


@hookimpl
def govdisclose_recognize(text: str, templates: Mapping[str, Template]) -> dict[str, float]:
    return {t.id: float(t.marker_score(text)) for t in NATIONAL}
