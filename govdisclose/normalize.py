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


@functools.lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """NFKC, fold quotes and dashes, collapse whitespace runs to one space, strip."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


@functools.lru_cache(maxsize=8192)
def squeeze(text: str) -> str:
    """`clean` without any whitespace: the form labels are compared in."""
    return _SPACES.sub("", clean(text))


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
