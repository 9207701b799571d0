"""Shared fixtures: the seed reports and their hand-read gold; hypothesis profiles.

CI sets CI=true and hypothesis then loads its built-in deterministic ``ci`` profile by
itself; ``dev`` (HYPOTHESIS_PROFILE=dev) runs deeper locally.
"""
from __future__ import annotations

import json
import os
import pathlib

import pytest
from hypothesis import settings

settings.register_profile("dev", max_examples=1000)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])

HERE = pathlib.Path(__file__).parent
SEEDS = sorted(p.stem for p in (HERE / "seeds").glob("seed-*.txt"))


def seed_path(name: str) -> pathlib.Path:
    return HERE / "seeds" / f"{name}.txt"


def gold(name: str) -> dict:
    return json.loads((HERE / "gold" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(params=SEEDS)
def seed(request) -> str:
    return request.param
