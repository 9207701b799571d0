"""Mutated real reports never crash the parser: a Report with findings, or a clear error."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
from govdisclose.errors import GovdiscloseError

from conftest import SEEDS, seed_path

TEXTS = {name: seed_path(name).read_text(encoding="utf-8") for name in SEEDS}


def _parse(source) -> None:
    try:
        report = govdisclose.parse(source)
    except GovdiscloseError:
        return
    assert report.meta.template in ("pre2021", "post2021")
    for cell in report.cells:            # blank stays None, numbers are numbers
        assert cell.value is None or cell.kind == "number"


@st.composite
def mutated(draw):
    lines = TEXTS[draw(st.sampled_from(SEEDS))].splitlines()
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "swap", "digits", "duplicate", "split", "junk"]))
        if action == "delete":
            del lines[i]
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "digits":
            lines[i] = "".join(draw(st.sampled_from("0123456789")) if ch.isdigit() else ch for ch in lines[i])
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "split":
            k = draw(st.integers(0, len(lines[i])))
            lines[i:i + 1] = [lines[i][:k], lines[i][k:]]
        else:
            lines[i] = draw(st.text(alphabet="|\t 0123456789-+元万件（）()一二三、.总计其他", max_size=30))
    return "\n".join(lines)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_reports_never_crash(text):
    _parse(text)


@settings(deadline=None)
@given(st.sampled_from(SEEDS), st.floats(0, 1))
def test_truncated_bytes_never_crash(name, fraction):
    data = seed_path(name).read_bytes()
    _parse(data[:int(len(data) * fraction)])


@settings(deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text):
    _parse(text)
