"""Text normalisation shared by every stage: width, whitespace, brackets, ordinals.

Labels in real reports vary in width (（一） / (一)), spacing (``本年新 制作数量``),
bracketed guidance (``规章（设区的市…）``) and numbering (``1.`` / ``1、`` / ``1．``).
Matching is done on a *core* form that removes all of that; the text as written is
kept elsewhere (``raw``).
"""
from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["MARKDOWN_RULE", "lines", "clean", "squeeze", "core", "key_form", "ordinal", "strip_guidance", "CN_NUMERALS"]

CN_NUMERALS = "一二三四五六七八九十"

_LINE_END = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
# NFKC folds full-width ASCII (（ ） ， ： １) but leaves curly quotes; fold those too.
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]",
                         "【": "[", "】": "]", "—": "-", "－": "-", "–": "-", "．": "."})
_ORDINAL = re.compile(
    r"^(?:"
    r"(?P<cn>[" + CN_NUMERALS + r"]+)[、.,]"           # 一、
    r"|\((?P<paren>[" + CN_NUMERALS + r"]+)\)[、.]?"    # (一)
    r"|(?P<num>\d{1,2})(?:[.、]|\s)(?!\d)"            # 1. 1、
    r")"
)
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


# NFKC of report text, fast and exact. NFKC(text) = compose(NFKD(text)), and NFKD works
# character by character. When no character of NFKD(text) can combine with its neighbour
# (canonical combining class 0, never the second of a composition, not a conjoining jamo),
# composing changes nothing, so NFKC(text) is the concatenation of each character's NFKD.
# Characters whose NFKD is made of such characters only are "safe"; of those, the ones NFKD
# leaves as they are (ASCII, CJK, 、。《》…) are "inert". A text of safe characters is normalised
# run by run of non-inert characters (（，：１ …, whose NFKC is looked up, not recomputed); any
# other text goes to unicodedata whole. tests/test_fast_paths.py checks it is the same.
_NFKC_STABLE = "\x00-\x7f\u4e00-\u9fff"
_ALL_STABLE = re.compile(f"[{_NFKC_STABLE}]*")
_QUOTE_CHARS = re.compile("[" + "".join(chr(c) for c in _QUOTES) + "]")
_RUNS: dict[str, str] = {}


def lines(text: str) -> list[str]:
    """A text's lines, as an editor numbers them: only ``\\n``, ``\\r\\n`` and ``\\r`` end a line.

    (``str.splitlines`` also breaks at form feeds, which pdftotext puts between pages, and at
    other separators: a cell's location would then name another line than the file's.)
    A final line end opens no further line.
    """
    found = _LINE_END.split(text)
    if found and found[-1] == "" and len(found) > 1:
        found.pop()
    return found


def _ranges(codepoints: list[int]) -> str:
    """A regex character class body for sorted code points."""
    out, start, previous = [], codepoints[0], codepoints[0]
    for cp in codepoints[1:] + [-1]:
        if cp == previous + 1:
            previous = cp
            continue
        out.append(re.escape(chr(start)) + ("" if start == previous else "-" + re.escape(chr(previous))))
        start = previous = cp
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _classes() -> tuple[re.Pattern, re.Pattern]:
    """(all-safe text, a run of non-inert characters), built from unicodedata on first use
    (about 40 ms; the basic multilingual plane only: other characters are never safe)."""
    seconds = set()
    for cp in range(0x80, 0x10000):
        d = unicodedata.decomposition(chr(cp))
        if d and d[0] != "<" and d.count(" ") == 1:
            seconds.add(chr(int(d.split()[1], 16)))

    def plain(ch: str) -> bool:
        return (unicodedata.combining(ch) == 0 and ch not in seconds
                and not ("\u1100" <= ch <= "\u11ff" or "\uac00" <= ch <= "\ud7a3"))

    safe, inert = list(range(0x80)), list(range(0x80))
    for cp in range(0x80, 0x10000):
        if 0xd800 <= cp <= 0xdfff:
            continue
        ch = chr(cp)
        if 0x4e00 <= cp <= 0x9fff:
            safe.append(cp)
            inert.append(cp)
            continue
        d = unicodedata.normalize("NFKD", ch)
        if all(plain(x) for x in d):
            safe.append(cp)
            if d == ch:
                inert.append(cp)
    return re.compile(f"[{_ranges(safe)}]*"), re.compile(f"[^{_ranges(inert)}]+")


def _nfkc_run(match: re.Match) -> str:
    run = match.group()
    done = _RUNS.get(run)
    if done is None:
        done = unicodedata.normalize("NFKC", run)
        if len(_RUNS) >= 4096:
            _RUNS.clear()
        _RUNS[run] = done
    return done


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, normalising only what can change."""
    if _ALL_STABLE.fullmatch(text):
        return text
    safe, run = _classes()
    if not safe.fullmatch(text):
        return unicodedata.normalize("NFKC", text)
    return run.sub(_nfkc_run, text)


def _without_spaces(text: str) -> str:
    """``_SPACES.sub("", text)``: str.split() splits on the same whitespace as ``\\s``."""
    text = "".join(text.split())
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", "").replace("\ufeff", "")
    return text


def _fold_quotes(match: re.Match) -> str:
    return _QUOTES[ord(match.group())]


def _clean(text: str) -> str:
    text = nfkc(text)
    if _QUOTE_CHARS.search(text):
        text = _QUOTE_CHARS.sub(_fold_quotes, text)
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(text.split())                  # _SPACES.sub(" ", text).strip()


_clean_short = functools.lru_cache(maxsize=8192)(_clean)
_LONG = 256         # longer texts (whole documents) are not kept in the label caches …
_recent: dict[tuple[str, str], str] = {}     # … only the last few (a document is squeezed once per template)


def _long(kind: str, text: str, compute) -> str:
    hit = _recent.get((kind, text))
    if hit is None:
        hit = compute(text)
        if len(_recent) >= 8:
            _recent.clear()             # (atomic: safe when threads parse at once)
        _recent[(kind, text)] = hit
    return hit


def clean(text: str) -> str:
    """NFKC, fold quotes and dashes, collapse whitespace runs to one space, strip."""
    if len(text) > _LONG:
        return _long("clean", text, _clean)
    return _clean_short(text)


def _squeeze(text: str) -> str:
    if len(text) <= _LONG:
        return _without_spaces(clean(text))
    text = nfkc(text)                   # a whole document: clean's steps, without its spaces
    if _QUOTE_CHARS.search(text):
        text = _QUOTE_CHARS.sub(_fold_quotes, text)
    return _without_spaces(text)


_squeeze_short = functools.lru_cache(maxsize=8192)(_squeeze)


def squeeze(text: str) -> str:
    """`clean` without any whitespace: the form labels are compared in."""
    if len(text) > _LONG:
        return _long("squeeze", text, _squeeze)
    return _squeeze_short(text)


def ordinal(text: str) -> tuple[str, str]:
    """Split a leading ordinal off a squeezed label: ``(二)部分公开`` -> (``(二)``, ``部分公开``)."""
    m = _ORDINAL.match(text)
    if not m:
        return "", text
    return m.group(0), text[m.end():]


def strip_guidance(text: str) -> str:
    """Remove bracketed guidance, innermost first: ``规章(设区的市…)`` -> ``规章``."""
    previous = None
    while previous != text:
        previous, text = text, _BRACKETED.sub("", text)
    return text


@functools.lru_cache(maxsize=8192)
def core(text: str) -> str:
    """The form a label is matched in: squeezed, ordinal and guidance removed."""
    number, rest = ordinal(squeeze(text))          # 一 、 / (二) with stray spaces
    if not number:
        rest = squeeze(ordinal(clean(text))[1])    # 1 属于… : a space is the separator
    return strip_guidance(rest).strip(":：")


_PUNCT = re.compile(r"[、,，.。;；:：\"'“”‘’·\-_/\\]")


@functools.lru_cache(maxsize=8192)
def key_form(text: str) -> str:
    """`core` without punctuation: tolerant of ``、`` vs ``，`` and quote styles."""
    return _PUNCT.sub("", core(text))


#: a markdown table's rule line under its header (``| --- | --- |``, ``---|---``: html2text's
#: have no outer pipes)
MARKDOWN_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
