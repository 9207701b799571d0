"""The built-in checks, registered through the ``govdisclose_checks`` hook like a plugin's."""
from __future__ import annotations

from ..hookspecs import hookimpl
from ..templates.spec import Template
from .narrative import narrative
from .national import SUM_RULES
from .structure import STRUCTURE_CHECKS
from .timeliness import timeliness

#: This plugin's name in ``govdisclose plugins``.
NAME = "national-checks"

NATIONAL_CHECKS = SUM_RULES + STRUCTURE_CHECKS + (narrative, timeliness)


@hookimpl
def govdisclose_checks(template: Template):
    return NATIONAL_CHECKS if template.national in ("pre2021", "post2021") else ()
