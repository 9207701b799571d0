"""Cell text -> value (values.py) and label normalisation (normalize.py)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from govdisclose.normalize import clean, core, key_form, ordinal, squeeze, strip_guidance
from govdisclose.values import COUNT, MONEY, MONEY_ASSUMED, PLACEHOLDERS, Reading, looks_like_value, read_value

VTYPES = (COUNT, MONEY, MONEY_ASSUMED)


# -- counts --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("0", 0, None),
    ("21", 21, None),
    ("1990件", 1990, "件"),
    ("12个", 12, "个"),
    ("3项", 3, "项"),
    ("7条", 7, "条"),
    ("4次", 4, "次"),
    (" 1990 件 ", 1990, "件"),
    ("+98", 98, None),
    ("-9", -9, None),
    ("+ 98", 98, None),
    ("－9", -9, None),                 # full-width minus
    ("-68件", -68, "件"),
    ("０１２", 12, None),               # full-width digits
    ("１９９０件", 1990, "件"),
    ("1,234", 1234, None),
    ("1,234,567", 1234567, None),
    ("１，２３４", 1234, None),          # full-width digits and comma
    ("2.0", 2, None),                   # a whole number written with a zero fraction
    ("10.00", 10, None),
])
def test_counts(text, value, unit):
    reading = read_value(text, COUNT)
    assert reading == Reading(value, "number", unit)
    assert type(reading.value) is int
    assert looks_like_value(text) is True


def test_count_is_the_default_type():
    assert read_value("1990件") == Reading(1990, "number", "件")


@pytest.mark.parametrize("text", ["-", "/", "--", "---", "无", "空", "N/A", "n/a", "NA", "——", "\\", "-/-",
                                  "—", "－", "–", " - ", "\u3000无\u3000"])
@pytest.mark.parametrize("vtype", VTYPES)
def test_lone_placeholders_are_none(text, vtype):
    reading = read_value(text, vtype)
    assert reading == Reading(None, "placeholder")
    assert looks_like_value(text) is True


def test_em_dash_is_folded_to_a_hyphen():
    # normalize folds "—" to "-", which is why a lone em dash is a placeholder
    assert clean("—") == "-"
    assert clean("——") == "--"
    assert "—" not in PLACEHOLDERS and "-" in PLACEHOLDERS


@pytest.mark.parametrize("text", ["", " ", "   ", "\t", "\n", "\u00a0", "\u3000", "\u00a0 \u3000\u200b", "\ufeff"])
@pytest.mark.parametrize("vtype", VTYPES)
def test_blank(text, vtype):
    reading = read_value(text, vtype)
    assert reading == Reading(None, "blank")
    assert looks_like_value(text) is False


@pytest.mark.parametrize("text", ["", " ", "\u00a0", "-", "无", "—"])
@pytest.mark.parametrize("vtype", VTYPES)
def test_blank_and_placeholder_are_never_zero(text, vtype):
    reading = read_value(text, vtype)
    assert reading.value is None
    assert reading.value != 0
    assert reading.kind in ("blank", "placeholder")


def test_zero_is_zero_not_blank():
    assert read_value("0") == Reading(0, "number")
    assert read_value("0", MONEY) == Reading(Decimal(0), "number")


# -- money -------------------------------------------------------------------------------------

@pytest.mark.parametrize("vtype", [MONEY, MONEY_ASSUMED])
def test_yuan_is_converted_to_wan_yuan(vtype):
    reading = read_value("258463.87元", vtype)
    assert reading.value == Decimal("25.846387")
    assert isinstance(reading.value, Decimal)
    assert (reading.kind, reading.unit, reading.note) == ("number", "元", "converted from 元 to 万元")


@pytest.mark.parametrize("vtype", [MONEY, MONEY_ASSUMED])
def test_wan_yuan_stays(vtype):
    reading = read_value("5234万元", vtype)
    assert reading == Reading(Decimal(5234), "number", "万元")
    assert isinstance(reading.value, Decimal)


def test_more_money():
    assert read_value("168.61", MONEY) == Reading(Decimal("168.61"), "number")
    assert read_value("0元", MONEY) == Reading(Decimal(0), "number", "元", "converted from 元 to 万元")
    assert read_value("1,234.5元", MONEY).value == Decimal("0.12345")
    assert read_value("2500000元", MONEY).value == Decimal(250)
    assert read_value("-5元", MONEY).value == Decimal("-0.0005")
    assert read_value("１２．５万元", MONEY) == Reading(Decimal("12.5"), "number", "万元")


def test_bare_number_money_vs_money_assumed():
    stated = read_value("168.61", MONEY)
    assumed = read_value("168.61", MONEY_ASSUMED)
    assert stated == Reading(Decimal("168.61"), "number", None, None)
    assert assumed == Reading(Decimal("168.61"), "number", None, "unit not stated; taken as 万元")
    # a unit written in the cell is not an assumption
    assert read_value("18万元", MONEY_ASSUMED).note is None


def test_count_unit_in_a_money_column_is_text():
    assert read_value("5件", MONEY) == Reading(None, "text", "件", "unit 件 in a money column")


# -- text -------------------------------------------------------------------------------------

def test_fraction_in_a_count_column_is_text_with_a_note():
    reading = read_value("1.5", COUNT)
    assert reading == Reading(None, "text", None, "fraction in a count column")
    assert read_value("3.25件", COUNT) == Reading(None, "text", "件", "fraction in a count column")


@pytest.mark.parametrize("text, unit", [("10元", "元"), ("10万元", "万元"), ("258463.87元", "元")])
def test_money_unit_in_a_count_column_is_text(text, unit):
    reading = read_value(text, COUNT)
    assert reading == Reading(None, "text", unit, f"money unit {unit} in a count column")


@pytest.mark.parametrize("text", ["abc", "规章", "12,34", "1 2 3 x", "约100", "100余件", "1990件件"])
def test_not_a_number(text):
    assert read_value(text) == Reading(None, "text", None, "not a number")
    assert looks_like_value(text) is False


@pytest.mark.parametrize("vtype", VTYPES)
def test_very_long_number_is_text_not_an_exception(vtype):
    # was a bug: int() past Python's 4300-digit limit raised ValueError
    reading = read_value("1" * 5000, vtype)
    assert (reading.value, reading.kind) == (None, "text")
    assert looks_like_value("1" * 5000) is True


def test_very_long_yuan_amount_is_text_not_an_exception():
    # was a bug: quantizing a whole 万元 amount past the decimal precision raised InvalidOperation
    reading = read_value("1" * 40 + "元", MONEY)
    assert (reading.value, reading.kind, reading.unit) == (None, "text", "元")


def test_whole_yuan_conversion_is_not_in_exponent_form():
    assert str(read_value("100000元", MONEY).value) == "10"
    assert str(read_value("2500000元", MONEY).value) == "250"
    assert str(read_value("258463.87元", MONEY).value) == "25.846387"


# -- properties ------------------------------------------------------------------------------

@settings(deadline=None)
@given(st.text(max_size=60), st.sampled_from(VTYPES))
def test_read_value_never_raises_and_agrees_with_looks_like_value(text, vtype):
    reading = read_value(text, vtype)
    assert reading.kind in ("number", "blank", "placeholder", "text")
    assert (reading.value is None) == (reading.kind != "number")
    assert (reading.kind == "blank") == (clean(text) == "")
    # looks_like_value is False exactly for blanks and for text that is not a number at all
    not_value = reading.kind == "blank" or reading.note == "not a number"
    assert looks_like_value(text) is (not not_value)
    if reading.kind in ("number", "placeholder"):
        assert looks_like_value(text)
    if reading.kind == "number":
        assert isinstance(reading.value, int if vtype == COUNT else Decimal)


@given(st.integers(-10**9, 10**9), st.sampled_from(["", "件", "个", "项"]), st.booleans())
def test_integers_read_exactly(n, unit, fullwidth):
    text = f"{n:+d}" if n > 0 and unit == "" else str(n)
    text += unit
    if fullwidth:
        text = text.translate(str.maketrans("0123456789-+", "０１２３４５６７８９－＋"))
    assert read_value(text, COUNT) == Reading(n, "number", unit or None)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_yuan_amounts_are_exact(amount):
    reading = read_value(f"{amount}元", MONEY)
    assert reading.kind == "number"
    assert reading.value == amount / 10000


# -- normalize --------------------------------------------------------------------------------

def test_brackets_full_and_half_width():
    assert clean("（一）予以公开") == "(一)予以公开"
    assert squeeze("（一）予以公开") == squeeze("(一)予以公开") == "(一)予以公开"
    assert ordinal("(一)予以公开") == ("(一)", "予以公开")
    assert core("（一）予以公开") == core("(一)予以公开") == "予以公开"
    assert key_form("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "部分公开"


def test_spaces_inside_words():
    assert clean("本年新 制作数量") == "本年新 制作数量"
    assert clean("本年新\u3000\u00a0 制作数量 ") == "本年新 制作数量"
    assert squeeze("本年新 制作数量") == "本年新制作数量"
    assert core("本年新 制作数量") == key_form("本年新 制作数量") == "本年新制作数量"
    assert key_form("商业 企业") == "商业企业"


def test_bracketed_guidance_is_removed():
    assert core("规章（设区的市、自治州人民政府应提供相关数据）") == "规章"
    assert key_form("规章（设区的市、自治州人民政府应提供相关数据）") == "规章"
    assert strip_guidance("a(b(c)d)e") == "ae"
    assert core("上一年项目数量 (指2019年事项数)") == "上一年项目数量"


@pytest.mark.parametrize("label", ["1.属于国家秘密", "1、属于国家秘密", "1．属于国家秘密", "1. 属于国家秘密",
                                   " 1、 属于 国家秘密"])
def test_numbering(label):
    assert core(label) == "属于国家秘密"
    assert key_form(label) == "属于国家秘密"


def test_numbering_with_a_space():
    # was a bug: core() squeezed the space out before ordinal() could see it
    assert core("1 属于国家秘密") == "属于国家秘密"


def test_ordinal_split():
    assert ordinal("一、总体情况") == ("一、", "总体情况")
    assert ordinal("1.属于国家秘密") == ("1.", "属于国家秘密")
    assert ordinal("1、属于国家秘密") == ("1、", "属于国家秘密")
    assert ordinal("规章") == ("", "规章")
    assert ordinal("2020年") == ("", "2020年")          # a year is not an ordinal
    assert ordinal("1.5") == ("", "1.5")                # nor is a decimal


def test_curly_and_straight_quotes():
    curly, straight = "3.危及“三安全一稳定”", '3.危及"三安全一稳定"'
    assert clean(curly) == straight
    assert core(curly) == core(straight) == '危及"三安全一稳定"'
    assert key_form(curly) == key_form(straight) == "危及三安全一稳定"


def test_comma_vs_enumeration_comma_in_the_2021_row():
    official = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    variant = "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"
    assert core(official) != core(variant)
    assert key_form(official) == key_form(variant) == "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"


def test_clean_folds_dashes_and_ideographic_full_stop():
    assert clean("－") == "-" and clean("–") == "-"
    assert clean("１．") == "1."
    assert clean("〔2019〕") == "[2019]"


def test_numbers_fit_the_exports_or_are_not_a_reports_number():
    from decimal import Decimal

    from govdisclose.values import MAX_DECIMALS, MAX_DIGITS, MONEY, read_value
    assert (MAX_DIGITS, MAX_DECIMALS) == (18, 13)
    assert read_value("9" * 18).value == 10 ** 18 - 1 < 2 ** 63        # int64 in Parquet
    assert read_value("0" * 6 + "9" * 18).value == 10 ** 18 - 1         # leading zeros do not count
    for text in ("1" + "0" * 18, "1,000,000,000,000,000,000"):
        reading = read_value(text)
        assert reading.value is None and reading.kind == "text" and "too many digits" in reading.note
    assert read_value("1." + "1" * 13, MONEY).value == Decimal("1." + "1" * 13)
    assert read_value("1." + "1" * 14, MONEY).kind == "text"
    wan = read_value("9" * 18 + "." + "9" * 13 + "元", MONEY).value    # 元 -> 万元: 14 + 17 digits
    assert wan == Decimal("9" * 14 + "." + "9" * 17) and -wan.as_tuple().exponent <= 17   # decimal128(38, 17)


@given(st.text(alphabet=st.sampled_from("0123456789０１２３４５６７８９.年件 \u00b9\u00b2\u2075\u2081\u2460\u2776\u3251"
                                        "\u0301\u0660\u0967\u0e53\u1040\uff10") | st.characters(), max_size=40))
def test_odd_digits_are_found_as_the_pattern_finds_them(text):
    """``has_odd_digits`` passes over a text without the characters an ODD_DIGITS match needs;
    where they are, it is ODD_DIGITS' answer."""
    from govdisclose.values import ODD_DIGITS, has_odd_digits
    assert has_odd_digits(text) == (ODD_DIGITS.search(text) is not None)


def test_every_character_an_odd_number_can_hold_is_looked_for():
    import sys
    from govdisclose.values import ODD_DIGITS, has_odd_digits
    missed = [hex(c) for c in range(sys.maxunicode + 1) for probe in (chr(c), "1" + chr(c))
              if ODD_DIGITS.search(probe) is not None and not has_odd_digits(probe)]
    assert not missed
