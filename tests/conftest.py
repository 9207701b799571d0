"""Shared fixtures: the seed reports and their hand-read gold; the real reports beside the
repository; hypothesis profiles.

Every run is deterministic by default: the ``ci`` profile (hypothesis' derandomised one, no
example database, 50 examples a test) is loaded unless ``HYPOTHESIS_PROFILE`` names
another: ``dev`` (random, 1000 examples, with the database) explores deeper for those who
ask for it (``HYPOTHESIS_PROFILE=dev python -m pytest``).
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess

import pytest
from hypothesis import settings

from govdisclose import testing

# ``ci``: hypothesis' own deterministic profile (derandomised, no database, no deadline) with
# a number of examples that keeps the suite to a few minutes on 2 cores; ``dev``: deeper.
settings.register_profile("ci", parent=settings.get_profile("ci"), max_examples=50)
settings.register_profile("dev", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")

HERE = pathlib.Path(__file__).parent
SEEDS = list(testing.SEEDS)        # shipped with govdisclose.testing, with their gold


# The real published reports and their hand-read gold stay in ``../shared/real/`` (beside the
# repository, as in CI); they are not in the repository, and tests that read them skip without them.
REAL = HERE.parents[1] / "shared" / "real"
REAL_NAMES = ("hongze-2023", "hongze-2024", "huaian-2024", "pingtan-2023", "shuyang-2025")


def real_report(name: str) -> pathlib.Path:
    """The path of a real report as published (a PDF, a crawler dump, converter markdown)."""
    found = sorted((REAL / "reports").glob(name + ".*"))
    if not found:
        pytest.skip(f"{REAL / 'reports'} is absent (the real reports are not in the repository)")
    return found[0]


def real_gold(name: str) -> dict:
    path = REAL / "gold" / f"{name}.json"
    if not path.exists():
        pytest.skip(f"{path} is absent (the real reports' gold is not in the repository)")
    return json.loads(path.read_text(encoding="utf-8"))


def pdftotext(path: pathlib.Path, mode: str = "layout") -> str:
    """A PDF's text as poppler's pdftotext makes it (``layout``, ``raw`` or ``default``), at test time."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    flags = [] if mode == "default" else [f"-{mode}"]
    done = subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def real_text(name: str, mode: str = "layout") -> str:
    """A real PDF report's text through pdftotext, made at test time."""
    return pdftotext(real_report(name), mode)


def seed_path(name: str) -> pathlib.Path:
    return testing.seed_path(name)


def gold(name: str) -> dict:
    return testing.seed_gold(name)


@pytest.fixture(params=SEEDS)
def seed(request) -> str:
    return request.param


APPLICATION_SIDES = {"new_received", "carried_over", "total", "carried_forward"}      # the rows R1 reads
NOT_OUTCOMES = {"new_received", "carried_over", "carried_forward"}                     # rows R4 does not read


def expected_rules(table: str, row: str, column: str) -> set[str]:
    """The sum rules a cell takes part in, as the official templates state them (docs/findings.md),
    not from the code."""
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


def seed_files(folder: pathlib.Path, suffix: str, make) -> dict:
    """name -> (the seed parsed from its text, its file written by *make* (a report -> bytes)
    into *folder*, that file parsed): a binary reader's fixtures."""
    import govdisclose
    out = {}
    for name in SEEDS:
        report = govdisclose.parse(testing.seed_path(name))
        path = folder / f"{name}{suffix}"
        path.write_bytes(make(report))
        out[name] = (report, path, govdisclose.parse(path))
    return out


def cli_batch(*args: str) -> tuple[int, str]:
    """``govdisclose batch ARGS --no-progress``: its exit status and what it printed."""
    import io
    from contextlib import redirect_stdout
    from govdisclose.cli import main
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["batch", *args, "--no-progress"])
    return status, out.getvalue()
