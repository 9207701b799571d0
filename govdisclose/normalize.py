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

__all__ = ["clean", "squeeze", "core", "key_form", "ordinal", "strip_guidance", "CN_NUMERALS"]

CN_NUMERALS = "一二三四五六七八九十"

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


# NFKC leaves ASCII and the CJK unified ideographs as they are, and neither ever combines with
# the character before it; so only the runs of other characters (with the one character
# before each run, for composition) need normalising: the same result as NFKC of the whole
# text, several times faster on report text (tests/test_fast_paths.py checks it is the same).
# A run starting with a character that never combines with the one before it (full-width
# forms, CJK and general punctuation: （，：“…) is normalised on its own, so that the few runs
# report text has are the same from line to line and their NFKC is looked up, not recomputed.
_NFKC_STABLE = "\x00-\x7f\u4e00-\u9fff"
_FREE = "\u2000-\u206f\u3000-\u3029\u3030-\u303f\uff01-\uff60"
_UNSTABLE_RUN = re.compile(f"(?:.(?=[^{_NFKC_STABLE}])(?![{_FREE}]))?[^{_NFKC_STABLE}]+", re.DOTALL)
_ALL_STABLE = re.compile(f"[{_NFKC_STABLE}]*")
_QUOTE_CHARS = re.compile("[" + "".join(chr(c) for c in _QUOTES) + "]")
_RUNS: dict[str, str] = {}


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
    return _UNSTABLE_RUN.sub(_nfkc_run, text)


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
    return _without_spaces(clean(text))


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
