"""The clerk's check page (issue 17): ``govdisclose validate --format html``, its hints, and a
real browser opening it (headless Chromium, when installed)."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess

import attrs
import lxml.html
import pytest
from hypothesis import given, settings, strategies as st

import govdisclose
from govdisclose.api import check_page, hints
from govdisclose.cli import main

from conftest import seed_path

ROOT = pathlib.Path(__file__).resolve().parent.parent


def edited_text(name: str, key: tuple[str, str, str], new: str) -> str:
    """Seed *name*'s text with the cell *key* written as *new*, as a clerk would type it."""
    text = seed_path(name).read_text(encoding="utf-8")
    cell = govdisclose.parse(text).cell(*key)
    lines = text.splitlines()
    line, at = lines[cell.location.line - 1], cell.location.column - 1
    assert line[at:at + len(cell.raw)] == cell.raw
    lines[cell.location.line - 1] = line[:at] + new + line[at + len(cell.raw):]
    return "\n".join(lines) + "\n"


def with_values(report, **values):
    """*report* with cells set: ``applications__total__natural_person=5`` (None: blank)."""
    edits = {tuple(k.split("__")): v for k, v in values.items()}
    for key in edits:
        assert report.cell(*key) is not None, key
    return attrs.evolve(report, cells=[
        attrs.evolve(c, value=edits[c.key], raw="" if edits[c.key] is None else str(edits[c.key]),
                     kind="blank" if edits[c.key] is None else "number") if c.key in edits else c
        for c in report.cells])


TOTAL = ("applications", "total", "natural_person")


def _dom(html: str):
    return lxml.html.fromstring(html.encode("utf-8"))


def _classes(dom, key: str) -> set[str]:
    found = dom.xpath(f'//td[@data-key="{key}"]')
    assert len(found) == 1, key
    return set(found[0].get("class", "").split())


def _marked(dom) -> list[str]:
    return [td.get("data-key") for td in dom.xpath("//td[@data-key]")
            if {"finding-error", "finding-warning", "likely-culprit"} & set(td.get("class", "").split())]


# -- the page ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["seed-001", "seed-002", "seed-003", "seed-004"])
def test_every_cell_of_a_seed_is_on_its_page_under_its_key_as_read(name):
    report = govdisclose.parse(seed_path(name))
    dom = _dom(check_page(report))
    shown = {td.get("data-key"): td.text_content() for td in dom.xpath("//td[@data-key]")}
    for cell in report.cells:
        if cell.row.startswith("unknown:") or cell.kind == "absent":
            continue
        key = "/".join(cell.key)
        assert key in shown, key
        if cell.value is None:                          # blank stays blank; a placeholder as written
            assert shown[key] == (cell.raw if cell.kind == "placeholder" else ""), key
        else:
            assert shown[key].removesuffix("万元") == (str(cell.value) if isinstance(cell.value, int)
                                                      else format(cell.value, "f")), key
    assert not _marked(dom) or any(f.severity != "info" for f in govdisclose.validate(report))
    assert not dom.xpath("//script[@src]") and not dom.xpath("//link[@href]")        # self-contained


def test_a_changed_total_is_the_likely_culprit_and_every_broken_rule_is_marked():
    report = govdisclose.parse(edited_text("seed-001", TOTAL, "5"))
    dom = _dom(check_page(report))
    assert {"finding-error", "likely-culprit"} <= _classes(dom, "/".join(TOTAL))
    for key in ("applications/new_received/natural_person", "applications/total/total",
                "applications/partially_granted/natural_person"):            # R1, R3, R4's other cells
        assert "finding-error" in _classes(dom, key)
    assert "finding-error" not in _classes(dom, "applications/granted/commercial_enterprise")
    assert dom.xpath('//p[@data-status="errors"]')
    items = dom.xpath('//ol[@class="findings"]/li')
    assert {li.get("data-rule") for li in items} == {"R1", "R3", "R4"}
    text = " ".join(li.text_content() for li in items)
    assert "（七）总计" in text or "(七)总计" in text
    assert "自然人" in text and "相差" in text and "公式" in text
    assert all("/".join(TOTAL) in li.get("data-cells").split() for li in items)
    assert dom.xpath('//li[@data-kind="hint.value"]')


def test_a_clean_seed_has_no_highlighted_cell_and_passes():
    dom = _dom(check_page(govdisclose.parse(seed_path("seed-001"))))
    assert _marked(dom) == []
    assert dom.xpath('//p[@data-status="passes"]')


def test_a_prose_check_quotes_its_sentence():
    text = seed_path("seed-001").read_text(encoding="utf-8")
    report = govdisclose.parse(text)
    r9 = [f for f in govdisclose.validate(with_values(report, applications__new_received__natural_person=2,
                                                      applications__new_received__total=2))
          if f.rule == "R9"]
    if not r9:
        pytest.skip("seed-001's prose states no figure of 一、本年新收")
    dom = _dom(check_page(with_values(report, applications__new_received__natural_person=2,
                                      applications__new_received__total=2)))
    quotes = [q.text_content() for q in dom.xpath('//li[@data-rule="R9"]//blockquote')]
    assert quotes and all(q.strip() for q in quotes)


# -- the command line ----------------------------------------------------------------------------

def test_validate_html_to_stdout_and_to_a_folder_with_an_index(tmp_path, capsys):
    edited = tmp_path / "edited.txt"
    edited.write_text(edited_text("seed-001", TOTAL, "5"), encoding="utf-8")
    clean = tmp_path / "clean.txt"
    shutil.copy(seed_path("seed-003"), clean)
    assert main(["validate", "--format", "html", str(edited)]) == 1
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "likely-culprit" in page
    out = tmp_path / "pages"
    status = main(["validate", "--format", "html", "--out", str(out), str(edited), str(clean),
                   str(tmp_path / "missing.txt")])
    err = capsys.readouterr().err
    assert status == 2 and f"govdisclose: {tmp_path / 'missing.txt'}: No such file or directory" in err
    assert sorted(p.name for p in out.iterdir()) == ["clean.html", "edited.html", "index.html"]
    index = _dom((out / "index.html").read_text(encoding="utf-8"))
    links = {a.get("href"): a.getparent().getparent().get("class") for a in index.xpath("//a")}
    assert links == {"edited.html": "errors", "clean.html": "passes"}
    assert index.xpath('//tr[@class="unreadable"]')
    assert main(["parse", "--format", "html", str(clean)]) == 0
    assert "data-key" in capsys.readouterr().out


def test_out_without_html_is_refused_in_one_line(tmp_path, capsys):
    assert main(["validate", "--format", "json", "--out", str(tmp_path), str(seed_path("seed-001"))]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_broken_pipe_ends_quietly_with_exit_0():
    seeds = [str(seed_path(n)) for n in ("seed-001", "seed-002", "seed-003", "seed-004")]
    for form in ("table", "json", "html"):
        done = subprocess.run(f"{os.sys.executable} -m govdisclose parse --format {form} "
                              + " ".join(seeds) + " | head -c 10 > /dev/null; echo ${PIPESTATUS[0]}",
                              shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=120)
        assert done.stdout.strip() == "0" and done.stderr == "", (form, done.stderr[-500:])


def test_a_folder_given_to_parse_suggests_batch(tmp_path, capsys):
    assert main(["parse", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "govdisclose batch" in err


# -- hints: each made the way it describes --------------------------------------------------------

def _kinds(report, previous=None) -> dict[str, list]:
    found: dict[str, list] = {}
    for h in hints(report, previous=previous):
        found.setdefault(h.kind, []).append(h)
    return found


def test_hint_value_names_the_value_the_rules_imply():
    report = govdisclose.parse(edited_text("seed-001", TOTAL, "5"))
    (hint,) = _kinds(report)["hint.value"]
    assert [(c.key, v) for c, v in hint.edits] == [(TOTAL, 2)]
    assert {f.rule for f in hint.repairs} == {"R1", "R3", "R4"} and "若为2" in hint.message_zh


def test_hint_split_digits_two_numbers_run_together():
    report = govdisclose.parse(seed_path("seed-001"))       # 一、本年新收: 自然人 3, 商业企业 0
    slipped = with_values(report, applications__new_received__natural_person=30,
                          applications__new_received__commercial_enterprise=None)
    found = _kinds(slipped)["hint.split-digits"]
    assert [(c.key[2], v) for c, v in found[0].edits] == [("natural_person", 3), ("commercial_enterprise", 0)]


def test_hint_join_digits_one_number_split_in_two():
    report = govdisclose.parse(seed_path("seed-001"))
    grown = with_values(report, **{"__".join(c.key): c.value * 12 for c in report.cells      # the sums are linear
                                   if c.table == "applications" and c.column in ("natural_person", "total")
                                   and isinstance(c.value, int)})
    assert not [f for f in govdisclose.validate(grown) if f.detail("status") == "failed"]
    assert grown.value("applications", "new_received", "natural_person") == 36
    split = with_values(grown, applications__new_received__natural_person=3,        # 36 typed as 3 | 6
                        applications__new_received__commercial_enterprise=6)
    found = _kinds(split)["hint.join-digits"]
    assert [(c.key[2], v) for c, v in found[0].edits] == [("natural_person", 36), ("commercial_enterprise", 0)]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 60), st.data())
def test_hint_wrong_column_a_number_one_column_off(scale, data):
    """seed-001 with its applications counts scaled (the sums are linear), then part of an
    outcome row's 自然人 count moved to another applicant column: the row's 总计 still
    balances, R4 fails in both columns (and R1 when the row is a total), and the hint moves
    the amount back."""
    from govdisclose.checks.national import APPLICANTS, NOT_OUTCOMES
    seed = govdisclose.parse(seed_path("seed-001"))
    report = with_values(seed, **{"__".join(c.key): c.value * scale for c in seed.cells
                                  if c.table == "applications" and isinstance(c.value, int)})
    rows = [c.row for c in report.cells if c.table == "applications" and c.column == "natural_person"
            and isinstance(c.value, int) and c.value > 0 and c.row not in NOT_OUTCOMES]
    row = data.draw(st.sampled_from(rows))
    other = data.draw(st.sampled_from(APPLICANTS[1:]))
    value = report.value("applications", row, "natural_person")
    moved = data.draw(st.integers(1, value))
    there = report.value("applications", row, other)
    slipped = with_values(report, **{f"applications__{row}__natural_person": value - moved,
                                     f"applications__{row}__{other}": there + moved})
    found = _kinds(slipped).get("hint.wrong-column", [])
    want = sorted([(("applications", row, "natural_person"), value), (("applications", row, other), there)])
    assert any(sorted((c.key, v) for c, v in h.edits) == want for h in found), [h.message for h in found]


def test_hint_blank_zero_a_blank_the_rule_needs_as_0():
    report = govdisclose.parse(seed_path("seed-001"))
    blank = with_values(report, applications__partially_granted__commercial_enterprise=None)
    (hint,) = _kinds(blank)["hint.blank-zero"]
    assert [(c.key, v) for c, v in hint.edits] == [(("applications", "partially_granted", "commercial_enterprise"), 0)]
    assert {f.rule for f in hint.repairs} == {"R3", "R4"} and "填写0" in hint.message_zh


def test_hint_copied_total_a_total_as_the_year_before():
    before = govdisclose.parse(seed_path("seed-001"))
    this_year = with_values(before, applications__new_received__natural_person=5,
                            applications__new_received__total=5, applications__granted__natural_person=3,
                            applications__granted__total=3)   # the 总计 rows kept from the year before
    this_year = attrs.evolve(this_year, meta=attrs.evolve(before.meta, year=(before.meta.year or 2024) + 1))
    found = _kinds(this_year, previous=before)["hint.copied-total"]
    assert ("applications", "total", "natural_person") in {c.key for h in found for c, _ in h.edits}
    assert not _kinds(this_year).get("hint.copied-total")          # without the year before: no such hint


# -- a real browser -------------------------------------------------------------------------------

def _chromium() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


def _artifacts() -> pathlib.Path:
    folder = pathlib.Path(os.environ.get("GOVDISCLOSE_ARTIFACTS") or ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium is not installed (apt-get install chromium; "
                    ".ci/run installs it)")
def test_headless_chromium_renders_the_page_of_a_seed_with_one_number_changed(tmp_path):
    browser = _chromium()
    pages = {}
    for name, text in (("edited", edited_text("seed-001", TOTAL, "5")),
                       ("clean", seed_path("seed-001").read_text(encoding="utf-8"))):
        path = tmp_path / f"{name}.html"
        path.write_text(check_page(govdisclose.parse(text)), encoding="utf-8")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                 f"--user-data-dir={tmp_path / 'profile'}"]
        dom = subprocess.run([browser, *flags, "--dump-dom", path.as_uri()], capture_output=True, text=True,
                             timeout=120)
        assert dom.returncode == 0 and "</html>" in dom.stdout, dom.stderr[-2000:]
        pages[name] = _dom(dom.stdout)
        shot = _artifacts() / f"check-page-{name}.png"
        done = subprocess.run([browser, *flags, "--window-size=1300,2600", f"--screenshot={shot}", path.as_uri()],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and shot.stat().st_size > 10_000, done.stderr[-2000:]
    linked = subprocess.run([browser, *flags, "--dump-dom", (tmp_path / "edited.html").as_uri() + "#finding-3"],
                            capture_output=True, text=True, timeout=120)           # as a click on the third
    selected = {td.get("data-key") for td in _dom(linked.stdout).xpath("//td[@data-key]")
                if "selected" in td.get("class", "").split()}
    r4 = pages["edited"].xpath('//li[@id="finding-3"]')[0]
    assert selected == set(r4.get("data-cells").split()) and "/".join(TOTAL) in selected
    edited = pages["edited"]
    assert {"finding-error", "likely-culprit"} <= _classes(edited, "/".join(TOTAL))
    assert "finding-error" in _classes(edited, "applications/total/total")
    assert "finding-error" in _classes(edited, "applications/new_received/natural_person")
    names = " ".join(li.text_content() for li in edited.xpath('//ol[@class="findings"]/li'))
    assert "总计" in names and "自然人" in names
    assert _marked(pages["clean"]) == []


# -- notebooks ------------------------------------------------------------------------------------

def test_results_and_findings_show_in_one_line_and_as_the_check_page(tmp_path):
    from govdisclose.corpus import parse_file
    broken = tmp_path / "broken.txt"
    broken.write_text(edited_text("seed-001", TOTAL, "5"), encoding="utf-8")
    junk = tmp_path / "junk.txt"
    junk.write_text("not a report at all", encoding="utf-8")
    result = parse_file(str(broken))
    assert "\n" not in repr(result) and len(repr(result)) < 200 and "errors" in repr(result)
    html = result._repr_html_()
    assert "likely-culprit" in html and 'data-status="errors"' in html
    unread = parse_file(str(junk))
    assert "unreadable" in repr(unread) and 'data-status="unreadable"' in unread._repr_html_()
    findings = govdisclose.validate(result.report)
    assert repr(findings) == "<Findings 3: 3 error, 0 warning, 0 info>" and not findings.ok
    assert result.report.ok                                   # parsed without an error; its checks fail
