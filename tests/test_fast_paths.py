"""Fast paths agree with what they stand in for.

``layout.parse._scan`` reads the canonical layout line by line instead of through the Lark
parser: on every text, valid or not, it must give exactly the Lark parser's entries or
step aside (and it steps aside only where the Lark parser fails).
"""
from __future__ import annotations

import pathlib

import pytest
from hypothesis import given, strategies as st

import govdisclose
from govdisclose.layout import parse as C
from govdisclose import testing
from govdisclose.errors import CanonicalSyntaxError

ROOT = pathlib.Path(__file__).resolve().parent.parent
TRICKY = ("[end]", "[end] x", "[end]\t", "[row] a | b", "[row]", "[header] 信息内容 | x", "[header]", "[caption] 第二十条",
          "[note] 注", "§ 1 一、总体情况", "§ 12", "§", "§ 0 x", "%govdisclose canonical 1", "%x", "[table x]",
          "[table]", "[table x] y", "[tablex]", "  ", "\\[x", "\\§ 1", "text", "[row] \\| a | b", "[row] a > b | 1",
          "[header] a | b\r", "[end]\r", "", "[caption]", "[note]")


def lark_or_error(text: str):
    try:
        return C._lark_entries(text)
    except CanonicalSyntaxError as exc:
        return ("error", str(exc))


def check(text: str) -> None:
    if not text.endswith("\n"):
        text += "\n"
    fast, slow = C._scan(text), lark_or_error(text)
    if isinstance(slow, tuple):
        assert fast is None, text
    else:
        assert fast == slow, text


def canonical_texts():
    texts = [(ROOT / "examples" / "canonical-2022.txt").read_text(encoding="utf-8")]
    for path in [testing.seed_path(n) for n in testing.SEEDS] + [ROOT / "examples" / "yejin-2024.txt"]:
        report = govdisclose.parse(path)
        texts.append(govdisclose.render(report, layout="canonical"))
    return texts


@pytest.mark.parametrize("index", range(6))
def test_scan_agrees_with_lark_on_bundled_reports(index):
    text = canonical_texts()[index]
    check(text)
    assert C._scan(text if text.endswith("\n") else text + "\n") is not None


@given(st.data())
def test_scan_agrees_with_lark_on_edited_texts(data):
    report = data.draw(testing.reports(data.draw(st.sampled_from(("pre2021", "post2021")))))
    lines = govdisclose.render(report, layout="canonical").split("\n")
    for _ in range(data.draw(st.integers(0, 4))):
        i = data.draw(st.integers(0, len(lines)))
        edit = data.draw(st.sampled_from(("delete", "insert", "duplicate", "swap")))
        if edit == "insert":
            lines.insert(i, data.draw(st.sampled_from(TRICKY)))
        elif i < len(lines) and edit == "delete":
            del lines[i]
        elif i < len(lines) and edit == "duplicate":
            lines.insert(i, lines[i])
        elif i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
    check("\n".join(lines))


@given(st.lists(st.sampled_from(TRICKY), max_size=12))
def test_scan_agrees_with_lark_on_tricky_lines(lines):
    check("\n".join(lines))


def test_parse_canonical_reports_errors_as_before():
    with pytest.raises(CanonicalSyntaxError) as exc:
        C.parse_canonical("[table x]\n[header] a | b\n[row] 1\n[end]\n")
    assert (exc.value.line, exc.value.column) == (3, 1)
    with pytest.raises(CanonicalSyntaxError) as exc:
        C.parse_canonical("text\n[row] a\n")
    assert exc.value.line == 2


# -- normalize.nfkc: NFKC of the runs that can change -------------------------------------------

import unicodedata  # noqa: E402

from govdisclose import normalize  # noqa: E402


@given(st.text())
def test_nfkc_is_unicode_nfkc(text):
    assert normalize.nfkc(text) == unicodedata.normalize("NFKC", text)


@given(st.lists(st.sampled_from(("e", "\u0301", "\u0327", "가", "\u11a8", "\u1100", "\u1161", "（", "１", "ﬁ", "字",
                                 "。", "\u3000", "…", "ｶ", "\u3099", "A", " ", "\u2126", "\uf900", "\u2f00", "Ａ", "，", "：",
                                 "\u302a", "\u20d0", "“", "\u200b", "\ufeff", "\xa0", "\t", "\n", "ﾞ", "ﾟ", "ⅰ",
                                 "①", "㈠", "\u2f29", "ｱ", "\U0002f800", "ᄀ", "ㄱ", "ㅏ", "\u0338", "<", "="))))
def test_nfkc_joins_runs_as_unicode_does(parts):
    text = "".join(parts)
    assert normalize.nfkc(text) == unicodedata.normalize("NFKC", text)


@given(st.text())
def test_clean_and_squeeze_are_as_defined(text):
    expected = normalize._SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(normalize._QUOTES)).strip()
    assert normalize.clean(text) == expected
    assert normalize.squeeze(text) == normalize._SPACES.sub("", expected)
    assert normalize.squeeze(text * 40) == normalize._SPACES.sub("", normalize._SPACES.sub(" ", unicodedata.normalize(
        "NFKC", text * 40).translate(normalize._QUOTES)).strip())


def test_nfkc_and_clean_on_every_bundled_report():
    for path in [testing.seed_path(n) for n in testing.SEEDS] + sorted((ROOT / "examples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert normalize.nfkc(text) == unicodedata.normalize("NFKC", text)
        expected = normalize._SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(normalize._QUOTES)).strip()
        assert normalize.clean(text) == expected


def test_nfkc_of_every_character_and_pairs_with_inert_neighbours():
    astral = [*range(0x1D400, 0x1D800), *range(0x1F100, 0x1F300), *range(0x2F800, 0x2FA20)]   # math, enclosed, compat CJK
    for cp in [*range(0x10000), *astral]:
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        for text in (ch, "A" + ch, ch + "A", "（" + ch, ch + "，"):
            assert normalize.nfkc(text) == unicodedata.normalize("NFKC", text), hex(cp)


def test_per_template_computes_once_per_template_object():
    import attrs

    from govdisclose.templates import national
    from govdisclose.templates.spec import per_template
    calls = []

    @per_template
    def derived(template, n=0):
        calls.append((template.id, n))
        return (template.id, n)

    base = national("post2021")
    assert derived(base) == derived(base) == ("post2021", 0) and calls == [("post2021", 0)]
    assert derived(base, 1) == ("post2021", 1) and len(calls) == 2
    copy = attrs.evolve(base)                       # equal, but another object: its own entry
    assert copy == base and derived(copy) == ("post2021", 0) and len(calls) == 3
