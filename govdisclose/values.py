"""Cell text -> value.

A cell is read into a :class:`Reading`: its value (``int`` for counts, ``Decimal`` for
money in 万元, ``None`` when there is no number), a *kind* saying what stood there
(``number``, ``blank``, ``placeholder``, ``text``) and the unit written in the cell.
Blank is not zero and a placeholder is not zero: both read as ``None``. A number with more
than 18 digits before its point or 13 after it is not a report's number (kind ``text``).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Context, Decimal, InvalidOperation

import attrs

from .normalize import clean

__all__ = ["is_missing", "Reading", "read_value", "looks_like_value", "odd_number", "ODD_DIGITS", "has_odd_digits", "PLACEHOLDERS", "COUNT", "MONEY", "MONEY_ASSUMED"]

#: Column value types declared by templates.
COUNT = "count"                 # integer, units 件/个/项/条/次 allowed
MONEY = "money"                 # 万元 stated by the header: Decimal
MONEY_ASSUMED = "money?"        # money whose header states no unit: taken as 万元, noted

PLACEHOLDERS = frozenset({"-", "/", "--", "---", "无", "空", "N/A", "n/a", "NA", "——", "\\", "-/-"})

#: The most digits a cell's number may have before (MAX_DIGITS, leading zeros aside) and after
#: (MAX_DECIMALS) its point; more is "text" (value.unreadable), not a report's number. Every
#: value then fits the exports: int64 for counts, decimal128(38, 17) for money in 万元.
MAX_DIGITS, MAX_DECIMALS = 18, 13

_EXACT = Context(prec=64)        # more digits than any value read has: no rounding, whatever the thread's context

_COUNT_UNITS = "件个项条次人家篇"
_NUMBER = re.compile(
    r"^(?P<sign>[+-])?\s*(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<frac>\.[0-9]+)?\s*"
    r"(?P<unit>万元|元|[" + _COUNT_UNITS + r"])?$"
)


@attrs.frozen
class Reading:
    """What one cell's text says."""

    value: int | Decimal | None
    kind: str            # number | blank | placeholder | text
    unit: str | None = None      # unit written in the cell, if any
    note: str | None = None      # why the value is None although text was there, or a conversion made


def _fold(text: str) -> str:
    return clean(text).replace(" ", "")


# What looks like a number but is not one a report writes: a float's words and exponent
# (NaN, inf, 1990e308), and digits that folding would turn into 0-9 but that are not the
# digits a table cell holds (superscript, circled, Arabic-Indic …, or with combining marks).
_FLOAT_WORDS = re.compile(r"^[+-]?(?:nan|inf|infinity|[0-9]+(?:\.[0-9]*)?e[+-]?[0-9]+)$", re.IGNORECASE)
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")


#: A number written with digits a table cell does not hold: another script's, superscript,
#: circled, or with combining marks (NFKC would fold them into 0-9).
_ODD_DIGIT = (r"(?:(?![0-9０-９])\d|[\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\u2460-\u24ff"
              r"\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]|(?<=[0-9０-９])[\u0300-\u036f])")
#: (Tried only where a run of digits starts: linear time on a line of 100,000 digits.)
ODD_DIGITS = re.compile(r"(?<![0-9０-９.])[0-9０-９.]*" + _ODD_DIGIT + r"(?:[0-9０-９.]|" + _ODD_DIGIT + r")*")
#: The characters an ODD_DIGITS match must hold one of (two plain classes: a text without
#: them is passed over several times faster than ODD_DIGITS itself could).
_OTHER_SCRIPT_DIGIT = re.compile(r"[^\D0-9０-９]")
_ODD_MARK = re.compile(r"[\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\u2460-\u24ff\u2776-\u2793\u3251-\u325f"
                       r"\u32b1-\u32bf\u0300-\u036f]")


def has_odd_digits(text: str) -> bool:
    """Whether *text* holds a number written with digits no table cell holds (``ODD_DIGITS``)."""
    if text.isascii() or not (_OTHER_SCRIPT_DIGIT.search(text) or _ODD_MARK.search(text)):
        return False
    return ODD_DIGITS.search(text) is not None


def odd_number(text: str) -> str | None:
    """Why *text* is no number although it looks like one (None: it is not such a text)."""
    t = text.replace(" ", "").replace("\u3000", "")
    if not t:
        return None
    if _FLOAT_WORDS.match(t):
        return "a float's notation (NaN, inf, an exponent), not a report's number"
    if t.isascii():
        return None
    odd = marks = False
    for ch in t:
        if ch in _FULLWIDTH_DIGITS or ch.isascii():
            continue
        if unicodedata.digit(ch, None) is not None:
            odd = True                      # ¹ ① ١ ۱ …
        elif unicodedata.category(ch) == "Mn":
            marks = True                    # a combining mark on a digit
        else:
            return None                     # other text: a label, a unit …
    if odd:
        return "digits not written as 0-9 (superscript, circled or another script's)"
    if marks and any(ch.isdigit() for ch in t):
        return "digits with combining marks"
    return None


def looks_like_value(text: str) -> bool:
    """True for cells that hold a number or a placeholder (not a label), or something that
    poses as a number (NaN, ¹⁹⁹⁰, ①⑨⑨⓪: read as unreadable, never as a label)."""
    t = _fold(text)
    return bool(t) and (t in PLACEHOLDERS or _NUMBER.match(t) is not None or odd_number(text) is not None)


_BLANK = Reading(None, "blank")


#: "0", "1990" … in a count column (the common case) -> its Reading, once read
_PLAIN_COUNTS: dict[str, Reading] = {}


def read_value(text: str, vtype: str = COUNT) -> Reading:
    """Read one cell's text as a value of the column type *vtype*."""
    if not text:
        return _BLANK
    if vtype == COUNT:
        hit = _PLAIN_COUNTS.get(text)
        if hit is not None:
            return hit
        if len(text) <= MAX_DIGITS and text.isdigit() and text.isascii():
            if len(_PLAIN_COUNTS) >= 16384:
                _PLAIN_COUNTS.clear()
            hit = _PLAIN_COUNTS[text] = Reading(int(text), "number")
            return hit
    return _read(text, vtype)


@functools.lru_cache(maxsize=16384)
def _read(text: str, vtype: str) -> Reading:
    odd = odd_number(text)
    if odd is not None:
        return Reading(None, "text", note=odd)
    t = _fold(text)
    if not t:
        return _BLANK
    if t in PLACEHOLDERS:
        return Reading(None, "placeholder")
    m = _NUMBER.match(t)
    if m is None:
        return Reading(None, "text", note="not a number")
    unit = m.group("unit")
    digits = m.group("digits").replace(",", "")
    if len(digits.lstrip("0")) > MAX_DIGITS or len(m.group("frac") or ".") - 1 > MAX_DECIMALS:
        return Reading(None, "text", unit, note="too many digits for a report's number")
    sign = -1 if m.group("sign") == "-" else 1
    frac = m.group("frac") or ""
    if vtype == COUNT:
        if unit in ("元", "万元"):
            return Reading(None, "text", unit, note=f"money unit {unit} in a count column")
        if frac.strip(".0"):
            return Reading(None, "text", unit, note="fraction in a count column")
        return Reading(sign * int(digits), "number", unit)
    # money
    if unit is not None and unit not in ("元", "万元"):
        return Reading(None, "text", unit, note=f"unit {unit} in a money column")
    try:
        amount = Decimal(digits + frac)          # (exact: arithmetic would round to the context)
        if sign < 0:
            amount = amount.copy_negate()
    except InvalidOperation:  # pragma: no cover - the regex admits only decimals
        return Reading(None, "text", unit, note="not a number")
    if unit == "元":
        wan = amount.scaleb(-4, _EXACT).normalize(_EXACT)
        if wan == wan.to_integral_value():
            wan = wan.quantize(Decimal(1), context=_EXACT)      # 100000元 -> Decimal('10'), not Decimal('1E+1')
        return Reading(wan, "number", unit, note="converted from 元 to 万元")
    if unit is None and vtype == MONEY_ASSUMED:
        return Reading(amount, "number", None, note="unit not stated; taken as 万元")
    return Reading(amount, "number", unit)


def is_missing(value) -> bool:
    """None, NaN, or pandas' NA (known by its type's name: pandas is not imported here): a
    frame's empty value, as the frames and the panel checks read them back."""
    if value is None or type(value).__name__ == "NAType":
        return True
    try:
        return bool(value != value)
    except TypeError:
        return False
