"""Strict reading (issue 14, item 8): no cell is misread or silently dropped.

The attack run found "12 34" read as 1234, "1,2,3" as 123 and "1_000" as 1000; Excel error
values, formulas without a cached value and merged cells became "unknown" with no message;
integers of 2³¹ and more passed on SQLite and failed on PostgreSQL at write time. Each case
is rebuilt here and must give a located Chinese problem.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junheng.io.cells import CellError, parse_cell, strict_number
from junheng.model import INTEGER_RANGE, SHEETS_BY_KEY

CLASSES = SHEETS_BY_KEY["classes"]
FACILITIES = SHEETS_BY_KEY["facilities"]
STUDENTS = CLASSES.column("students")
AREA = FACILITIES.column("teaching_area")


@pytest.mark.parametrize("text", ["12 34", "1,2,3", "1_000", "1,200", "6,800.5", "1e5",
                                  "1.2.3", "--1", "+-1", "0x10", "١٢", "1，000"])
def test_a_number_with_separators_or_other_notation_is_refused_not_misread(text):
    with pytest.raises(CellError, match=re.escape(f"“学生数”应填数字，“{text}”不是数字")):
        parse_cell(STUDENTS, text)


def test_the_refusal_says_which_characters_are_not_allowed():
    with pytest.raises(CellError, match="数字中不能有空格、逗号或下划线"):
        parse_cell(AREA, "6,800.5")


@pytest.mark.parametrize(("text", "expected"), [
    ("45", 45), (" 45 ", 45), ("４５", 45), ("+3", 3), ("-0", 0), ("45.", 45), ("45.000", 45),
])
def test_plain_digits_with_one_point_and_a_sign_are_read(text, expected):
    assert parse_cell(STUDENTS, text) == expected


@pytest.mark.parametrize(("text", "expected"), [(".5", 0.5), ("０．２５", 0.25), ("-12.5", -12.5)])
def test_decimals_are_read_exactly(text, expected):
    assert parse_cell(AREA, text) == expected


@pytest.mark.parametrize("value", [INTEGER_RANGE[1] + 1, float(2**31), "2147483648", -(2**31) - 1])
def test_integers_beyond_what_the_store_holds_are_refused_when_read(value):
    with pytest.raises(CellError, match="超出可保存的范围（-2,147,483,648 至 2,147,483,647）"):
        parse_cell(STUDENTS, value)


@pytest.mark.parametrize("value", [2**31 - 1, -(2**31), "2147483647"])
def test_integers_at_the_limits_of_the_store_are_read(value):
    assert parse_cell(STUDENTS, value) == int(value)


DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(sign=st.sampled_from(["", "+", "-"]), whole=DIGITS,
       fraction=st.one_of(st.none(), st.text(alphabet="0123456789", max_size=6)))
def test_every_strict_decimal_is_read_as_its_value(sign, whole, fraction):
    text = sign + whole + ("" if fraction is None else "." + fraction)
    assert strict_number(text) == float(Decimal(text))


@settings(max_examples=200, deadline=None)
@given(left=DIGITS, right=DIGITS, separator=st.sampled_from([" ", ",", "_", "，", "\u3000",
                                                              "'", "e", "."]))
def test_digits_split_by_a_separator_are_never_read_as_one_number(left, right, separator):
    text = f"{left}{separator}{right}"
    if separator == ".":  # one point is a decimal; two are not
        text += ".1"
    with pytest.raises(ValueError):
        strict_number(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=16))
def test_any_text_is_read_only_when_it_is_a_plain_decimal(text):
    try:
        value = strict_number(text)
    except ValueError:
        return
    plain = unicodedata.normalize("NFKC", text).strip()
    assert re.fullmatch(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)", plain)
    assert value == float(plain)


def test_an_integer_the_store_cannot_hold_is_a_located_problem_in_memory_too(county, edit):
    from junheng.io import validate_county

    changed = edit(county, "classes", 0, students=2**31)
    problems = [p for p in validate_county(changed) if "超出可保存的范围" in p.message]
    assert [(p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("班级", 2, "学生数", 2**31)]
