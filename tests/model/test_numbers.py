"""Numbers as Chinese reports write them, for any float: never 6.45e+04, nan, None or inf."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from junheng.model.numbers import amount, money, number, percent

UNITS = ("", "人", "间", "所", "m²", "元", "万元", "比例", "%", "分钟", "生/班")
REPORT = re.compile(r"^(—|-?\d{1,3}(,\d{3})*(\.\d+)?(%| [^\d\s,.%-]+)?)$")
FORBIDDEN = ("e+", "e-", "E+", "E-", "nan", "None", "inf", "NaN")


def _assert_reported(text: str) -> None:
    assert REPORT.match(text), text
    assert not [word for word in FORBIDDEN if word in text], text


@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(UNITS),
       st.integers(min_value=0, max_value=4))
def test_any_float_is_written_as_a_report_writes_it(value, unit, digits):
    for text in (number(value, digits), percent(value, digits), money(value), amount(value, unit),
                 amount(value, unit, digits)):
        _assert_reported(text)


@given(st.integers(min_value=-10**30, max_value=10**30))
def test_any_integer_keeps_every_digit(value):
    assert number(value).replace(",", "") == str(value)


@pytest.mark.parametrize("value", [None, float("nan"), math.inf, -math.inf, pd.NA, "abc"])
def test_a_missing_value_is_a_dash(value):
    assert number(value) == percent(value) == money(value) == amount(value, "人") == "—"


def test_each_unit_has_its_decimals():
    assert amount(1234.4, "人") == "1,234 人"
    assert amount(12.5, "间") == "12 间"  # Python rounds half to even: 12.5 -> 12
    assert amount(56.789, "m²") == "56.79 m²"
    assert amount(0.8734, "比例") == "87.3%"
    assert amount(87.34, "%") == "87.3%"
    assert amount(3.14159) == "3.14"
    assert amount(3.14159, "人", digits=2) == "3.14 人"


def test_large_money_is_written_in_wan_yuan():
    assert money(999_999) == "999,999 元"
    assert money(1_000_000) == "100.00 万元"
    assert money(64_500_000) == "6,450.00 万元"
    assert money(-2_500_000) == "-250.00 万元"
    assert amount(64_500, "元") == "64,500 元"


def test_tiny_and_negative_numbers():
    assert number(1e-300, 2) == "0.00"
    assert number(-1e-300, 2) == "0.00"  # no negative zero
    assert number(-1234.5, 1) == "-1,234.5"
    assert number(1e20) == "100,000,000,000,000,000,000"
    assert percent(-0.25) == "-25.0%"


def test_one_rounding_for_cvs():
    """Review 2026-12-04 finding 4: a CV of 0.636494 was stored as 0.6365, and rounding that
    again read 0.637 in the docx and 未解决事项 beside 0.636 in the web 差异系数 table. One
    rounding, half up from the value given: 0.636494 → 0.636 (4th decimal 4 < 5); 0.6365 and
    0.4125 are exact halves → up (0.637, 0.413); 0.41244 → 0.412."""
    from junheng.model.numbers import CV_DIGITS, cv3
    from junheng.report.report_format import fmt_cv

    assert [cv3(v) for v in (0.636494, 0.6365, 0.41244, 0.4125, 1.0)] == [
        "0.636", "0.637", "0.412", "0.413", "1.000"]
    # a stored CV keeps 6 decimals, so the stored figure reads as the raw one does
    assert cv3(round(0.63649432, CV_DIGITS)) == cv3(0.63649432) == "0.636"
    assert fmt_cv(0.636494) == "0.636" and fmt_cv(None) == "无法计算" and fmt_cv(float("inf")) == "无法计算"


def test_a_ratio_reads_with_a_space_before_倍():
    # review2 finding 8: the 自评报告 read "现值 0.995倍，标准 ≥1倍"
    from junheng.evaluate.engine import value_text

    assert (value_text(0.995, "倍"), value_text(1.0, "倍"), value_text(2.5, "平方米")) == (
        "0.995 倍", "1 倍", "2.5平方米")
