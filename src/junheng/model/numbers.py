"""Numbers the way Chinese reports write them: the one formatter of the reports, CLI and web.

Thousands separators; a fixed number of decimals per unit (人、间、所 whole, m² two, shares
one as a percentage); 元 of a million or more written in 万元; a dash "—" for a missing value
(None, NaN, pandas NA, an infinity); never scientific notation, ``nan``, ``None`` or ``inf``.

>>> number(1234567.891, 2), number(float("nan")), number(1e20)
('1,234,567.89', '—', '100,000,000,000,000,000,000')
>>> amount(1234, "人"), amount(56.789, "m²"), amount(0.8734, "比例")
('1,234 人', '56.79 m²', '87.3%')
>>> amount(3500, "元"), amount(64_500_000, "元"), amount(12.5, "万元")
('3,500 元', '6,450.00 万元', '12.50 万元')
>>> percent(0.5), percent(None), trimmed(4.2), trimmed(1000.0)
('50.0%', '—', '4.2', '1,000')
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal
from numbers import Integral
from typing import Any

DASH = "—"
SHARE = "比例"  # the standards' unit of a share; written as a percentage
TIMES = "倍"  # a ratio to 1 (teacher pay to civil-servant pay): 0.995 must not read as 0.99 or 1


def unit_digits(unit: str) -> int:
    """Decimals a measured value in ``unit`` is shown with: 0 for 元, 3 for 倍, else 2.

    >>> trimmed(0.995, unit_digits("倍")), unit_digits("元")
    ('0.995', 0)
    """
    return {"元": 0, TIMES: 3}.get(unit, 2)
# Decimals per unit; a unit not listed gets DEFAULT_DECIMALS.
UNIT_DECIMALS: dict[str, int] = {"人": 0, "名": 0, "间": 0, "所": 0, "个": 0, "班": 0, "项": 0,
                                 "张": 0, "台": 0, "年": 0, "元": 0, "万元": 2, "m²": 2,
                                 "平方米": 2, "分钟": 1, "公里": 1, "%": 1, SHARE: 1}
DEFAULT_DECIMALS = 2
WAN = 10_000
WIDE = Context(prec=330)  # :func:`wan` of any finite float
CV_DIGITS = 6  # decimals a stored CV keeps: enough that rounding it to 3 is rounding once
WAN_FROM = 1_000_000  # 元 from one million up are written in 万元

__all__ = ["CV_DIGITS", "DASH", "against", "amount", "cv3", "cv_change", "cv_change_text", "is_missing", "money", "money_parts", "number", "percent", "trend_texts", "trimmed", "value_unit", "wan", "wan_text"]


def is_missing(value: Any) -> bool:
    """True for None, NaN, pandas NA, an infinity and anything that is not a number."""
    if value is None or isinstance(value, bool):
        return value is None
    try:
        number_ = float(value)
    except (TypeError, ValueError):
        return True
    return not math.isfinite(number_)


def number(value: Any, digits: int = 0) -> str:
    """``value`` with thousands separators and ``digits`` decimals; "—" when missing."""
    if is_missing(value):
        return DASH
    digits = max(digits, 0)
    if isinstance(value, Integral):  # every digit of a big count, not a float's approximation
        text = f"{int(value):,}" + ("." + "0" * digits if digits else "")
    else:
        text = f"{float(value):,.{digits}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # no "-0.00"


def cv3(value: Any) -> str:
    """A 差异系数 as every document prints it: half up to three decimals, rounded once from
    the value given (review 2026-12-04 finding 4: rounding 0.636494 first to the stored 0.6365
    read 0.637 in the docx beside 0.636 on the web). Plans store CVs with :data:`CV_DIGITS`
    decimals so the stored figure rounds as the raw one does; '无法计算' when missing.

    >>> cv3(0.636494), cv3(0.6365), cv3(0.41244), cv3(0.4125), cv3(0.5), cv3(float("nan"))
    ('0.636', '0.637', '0.412', '0.413', '0.500', '无法计算')
    """
    if is_missing(value):
        return "无法计算"
    return f"{Decimal(repr(float(value))).quantize(Decimal('0.001'), rounding=ROUND_HALF_UP):f}"


def cv_change(old: Any, new: Any) -> float | None:
    """How far a CV moved, as the difference of the two values as :func:`cv3` shows them, so
    a table's 变化 column adds up (review 2026-12-04 finding 11: 0.522 → 0.503 read "-0.020");
    None when either is missing.

    >>> cv_change(0.5224, 0.5026), cv_change(0.3216, 0.3264), cv_change(None, 0.5)
    (-0.019, 0.004, None)
    """
    if is_missing(old) or is_missing(new):
        return None
    return float(Decimal(cv3(new)) - Decimal(cv3(old)))


def cv_change_text(old: Any, new: Any) -> str:
    """The 变化 cell of every table that sets two CVs side by side (web 学年对比, 自评 表6):
    :func:`cv_change` signed to three decimals, "0.000" for no change, "—" when either is
    missing (review rv2 finding 4: the web read 0.522 → 0.503 as "-0.020", the 自评 "-0.019").

    >>> cv_change_text(0.5224, 0.5026), cv_change_text(0.3904, 0.3595), cv_change_text(0.5, 0.5004)
    ('-0.019', '-0.030', '0.000')
    >>> cv_change_text(0.3216, 0.3264), cv_change_text(None, 0.5)
    ('+0.004', '—')
    """
    change = cv_change(old, new)
    if change is None:
        return DASH
    return "0.000" if change == 0 else f"{change:+.3f}"


def year_range(first: Any, last: Any) -> str:
    """A range of years in the one dash style of every output (review 2026-12-04 finding 17:
    "2027—2029 学年" stood beside "2027–2034 年"); one year alone when they are the same.

    >>> year_range(2027, 2034), year_range(2030, 2030)
    ('2027—2034', '2030')
    """
    return str(first) if int(first) == int(last) else f"{first}—{last}"


def trimmed(value: Any, digits: int = 2) -> str:
    """``value`` to at most ``digits`` decimals, trailing zeros dropped: 4.20 -> '4.2', 100.0 -> '100'."""
    text = number(value, digits)
    return text.rstrip("0").rstrip(".") if "." in text else text


def apart(value: Any, other: Any, digits: int = 2) -> str:
    """``value`` with at least ``digits`` decimals and as many more (up to 6) as it takes not to
    read as ``other``: a value just under a standard never prints as the standard itself.

    >>> apart(0.8957, 0.9), apart(0.8957, 0.8), apart(12.0, 12.0)
    ('0.896', '0.90', '12.00')
    """
    if is_missing(value) or is_missing(other):
        return number(value, digits)
    for places in range(digits, 7):
        if round(float(value), places) != round(float(other), places):
            return number(value, places)
    return number(value, digits)


def trend_texts(before: Any, after: Any, *beside: Any, digits: int = 2,
                share: bool = False) -> tuple[str, ...] | None:
    """The figures of one trend clause, 「A → B」 and any said ``beside`` it (a projection), the
    one rule of every such clause: all at one number of decimals, ``digits`` or as many more (up
    to 6) as it takes for ``before`` and ``after`` to read apart, so a change never reads as two
    equal figures (review rv20 2: 「逐年下降：2024 学年 96.8% → 2025 学年 96.8%」 was 96.81 % →
    96.76 %); shares as percentages (``digits`` of the percentage), other figures with trailing
    zeros dropped. None when the two do not read apart even at 6 decimals: no change to say.

    >>> trend_texts(0.9681112, 0.9676375, share=True, digits=1)
    ('96.81%', '96.76%')
    >>> trend_texts(1544, 1467, 1390.0, digits=3), trend_texts(12226.004, 12226.001)
    (('1,544', '1,467', '1,390'), ('12,226.004', '12,226.001'))
    >>> trend_texts(0.5, 0.5), trend_texts(None, 1)
    (None, None)
    """
    if is_missing(before) or is_missing(after):
        return None
    scale = 100 if share else 1
    for places in range(max(digits, 0), 7):
        first, second, *rest = (number(float(v) * scale, places) for v in (before, after, *beside))
        if first != second:
            if share:
                return tuple(f"{t}%" for t in (first, second, *rest))
            return tuple(t.rstrip("0").rstrip(".") if "." in t else t for t in (first, second, *rest))
    return None


def against(value: Any, standard: Any, unit: str = "", trim: bool = False) -> str:
    """A value printed against its standard, the one rule for every table that judges it:
    the unit's decimals (元 whole, shares as a percentage with one, else two) and as many more
    as it takes not to read as the standard, so value and verdict agree (review finding 5:
    "0.90 / 0.9 未达到"); ``trim`` drops trailing zeros.

    >>> against(0.8957, 0.9), against(0.97, 0.9), against(5999.6, 6000, "元")
    ('0.896', '0.97', '5,999.6')
    >>> against(0.4996, 0.5, SHARE), against(3.60, 4.5, trim=True), against(None, 0.9)
    ('49.96%', '3.6', '—')
    """
    if unit == SHARE:
        scaled = None if is_missing(value) else float(value) * 100
        text = apart(scaled, None if is_missing(standard) else float(standard) * 100, 1)
        return text if text == DASH else text + "%"
    text = apart(value, standard, 0 if unit == "元" else DEFAULT_DECIMALS)
    return text.rstrip("0").rstrip(".") if trim and "." in text else text


def percent(share: Any, digits: int = 1) -> str:
    """A share as a percentage: 0.873 -> '87.3%'; "—" when missing."""
    scaled = DASH if is_missing(share) else float(share) * 100
    return DASH if is_missing(scaled) else f"{number(scaled, digits)}%"


def wan(yuan: Any) -> float:
    """元 in 万元 to 0.01, rounded once and half up (四舍五入) from the amount in 元: the one
    rounding of every 万元 figure, so one amount never reads two ways (review hd 1: 610,850 元
    read 61.08 万元 in the 调整方案 sheet, rounded half to even on the hundreds, and 61.09 in
    the notes, so 14.31 + 61.09 + 131.04 = 206.44 stood beside a total of 206.43). Float noise
    below 0.0001 元 is ignored; a half rounds away from zero.

    >>> wan(610_850), wan(610_849.99), wan(-610_850), wan(1_049.0), wan(0.1 + 0.2)
    (61.09, 61.08, -61.09, 0.1, 0.0)
    """
    exact = WIDE.divide(Decimal(repr(round(float(yuan), 4))), WAN)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP, context=WIDE))


def wan_text(yuan: Any) -> str:
    """:func:`wan` as text with thousands separators and the unit: '1,234.57 万元'.

    >>> wan_text(12_345_650), wan_text(None)
    ('1,234.57 万元', '—')
    """
    return DASH if is_missing(yuan) else f"{number(wan(yuan), 2)} 万元"


def money_parts(yuan: float, scale: float = 0.0) -> tuple[float, str]:
    """An amount of money in the unit it is written in, rounded to that unit's decimals:
    元, or 万元 from a million 元 up (a workbook cell shows the unit by its format). With
    ``scale`` (the largest amount it is shown beside, e.g. a before/after row) the unit is
    that of the larger of the two, so one row reads in one unit.

    >>> money_parts(64_500_000), money_parts(3500.4), money_parts(-1_000_000)
    ((6450.0, '万元'), (3500.0, '元'), (-100.0, '万元'))
    >>> money_parts(486_720, scale=3_055_000)
    (48.67, '万元')
    """
    if max(abs(float(yuan)), abs(float(scale))) >= WAN_FROM:
        return wan(yuan), "万元"
    return float(round(float(yuan), UNIT_DECIMALS["元"])), "元"


def money(yuan: Any, scale: float = 0.0) -> str:
    """An amount of money: '3,500 元', or in 万元 from a million 元 up ('6,450.00 万元');
    ``scale`` as in :func:`money_parts` ('48.67 万元' beside 305.50 万元)."""
    if is_missing(yuan):
        return DASH
    value, unit = money_parts(yuan, scale)
    return f"{number(value, UNIT_DECIMALS[unit])} {unit}"


def money_in(part: Any, whole: Any) -> str:
    """A part of an amount, written in the unit of the ``whole`` it is said inside (one money
    rule for every document: never 元 inside a 万元 cell or sentence, review rv16 4:
    「5,035.44 万元（含新聘教师人员经费 300,000 元）」).

    >>> money_in(300_000, 50_354_400), money_in(3_500, 8_000)
    ('30.00 万元', '3,500 元')
    """
    return money(part, max(abs(float(part)), abs(float(whole))))


def shortfall_wan(yuan: float) -> str:
    """A sum of money still needed, in 万元 to 0.01 rounded up (never understated), as the
    reports' other sums (review 2026-12-04 finding 13: "需补足公用经费 1,269,800 元").

    >>> shortfall_wan(1_269_800), shortfall_wan(265_450), shortfall_wan(23_366), shortfall_wan(0)
    ('126.98 万元', '26.55 万元', '2.34 万元', '0.00 万元')
    """
    cents = math.ceil(round(max(float(yuan), 0.0), 6) / 100 - 1e-9)
    return f"{number(cents / 100, 2)} 万元"


def amount(value: Any, unit: str = "", digits: int | None = None) -> str:
    """``value`` in ``unit`` with the unit's decimals ('1,234 人', '87.3%', '6,450.00 万元')."""
    if is_missing(value):
        return DASH
    if unit == SHARE:
        return percent(value, UNIT_DECIMALS[SHARE] if digits is None else digits)
    if unit == "元" and digits is None:
        return money(value)
    places = UNIT_DECIMALS.get(unit, DEFAULT_DECIMALS) if digits is None else digits
    text = number(value, places)
    return f"{text} {unit}" if unit and unit != "%" else text + unit


def value_unit(indicator_id: str, unit: str) -> str:
    """The unit an indicator's value and its 标准 are read in: per 100 pupils or per pupil, in
    the words the documents' text uses (planner review 2026-12-05 finding 20: 「4.11 m²/生」 in a table
    beside 「生均 5.46 → 6.38 平方米」 in the text).

    >>> value_unit("backbone_teachers_per_100", "人"), value_unit("sports_area_per_student", "平方米")
    ('人/百生', '平方米/生')
    >>> value_unit("equipment_value_per_student", "元"), value_unit("x", "")
    ('元/生', '')
    """
    shown = unit
    if not shown:
        return ""
    if indicator_id.endswith("_per_100"):
        return f"{shown}/百生"
    if indicator_id.endswith("_per_student"):
        return f"{shown}/生"
    return shown
