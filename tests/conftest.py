"""Shared fixtures: the seed reports and their hand-read gold; hypothesis profiles.

CI sets CI=true: the ``ci`` profile (hypothesis' deterministic one, 50 examples a test)
is loaded; ``dev`` (HYPOTHESIS_PROFILE=dev, 1000 examples) runs deeper locally; otherwise
hypothesis' default (100 examples, random, with its example database).
"""
from __future__ import annotations

import json
import os
import pathlib

import pytest
from hypothesis import settings

# ``ci``: hypothesis' own deterministic profile (derandomised, no database, no deadline) with
# a number of examples that keeps the suite to a few minutes on 2 cores; ``dev``: deeper.
settings.register_profile("ci", parent=settings.get_profile("ci"), max_examples=50)
settings.register_profile("dev", max_examples=1000)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif os.environ.get("CI"):
    settings.load_profile("ci")

HERE = pathlib.Path(__file__).parent
SEEDS = sorted(p.stem for p in (HERE / "seeds").glob("seed-*.txt"))


def seed_path(name: str) -> pathlib.Path:
    return HERE / "seeds" / f"{name}.txt"


def gold(name: str) -> dict:
    return json.loads((HERE / "gold" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(params=SEEDS)
def seed(request) -> str:
    return request.param


APPLICATION_SIDES = {"new_received", "carried_over", "total", "carried_forward"}      # the rows R1 reads
NOT_OUTCOMES = {"new_received", "carried_over", "carried_forward"}                     # rows R4 does not read


def expected_rules(table: str, row: str, column: str) -> set[str]:
    """The sum rules a cell takes part in, from the templates (templates.md §6), not from the code."""
    if table == "reviews":
        return {"R5"}
    if table != "applications":
        return set()
    expected = {"R3"}
    if row in APPLICATION_SIDES:
        expected.add("R1")
    if row not in NOT_OUTCOMES:
        expected.add("R4")
    return expected
