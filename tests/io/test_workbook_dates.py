"""Property tests of the parsers format v2 adds: date cells and Chinese 指标名称."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junheng.io.cells import CellError, parse_cell
from junheng.io.dates import EXCEL_EPOCH, DateError, parse_date
from junheng.model import SHEETS_BY_KEY
from junheng.model.county_items import INDICATORS, indicator_code_of

START = SHEETS_BY_KEY["projects"].column("start_date")
_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


def _forms(day: dt.date) -> list[object]:
    """The ways a user's workbook may hold one day."""
    serial = (day - EXCEL_EPOCH).days
    return [day, dt.datetime.combine(day, dt.time()), float(serial), serial,
            day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day.year}.{day.month}.{day.day}",
            f"{day.year}年{day.month}月{day.day}日", f" {day.year} 年 {day.month} 月 {day.day} 日 ",
            day.strftime("%Y%m%d"), int(day.strftime("%Y%m%d")), f"{day.isoformat()} 00:00:00",
            day.isoformat().translate(_FULL_WIDTH)]


@settings(max_examples=60, deadline=None)
@given(day=DAYS)
def test_every_form_of_a_day_reads_as_that_day(day):
    assert {parse_date(form, START) for form in _forms(day)} == {day}


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.text(max_size=14), st.integers(-10**9, 10**9),
                       st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                       st.times(), st.dates(), st.datetimes()))
def test_any_cell_is_a_day_in_range_or_a_chinese_refusal(value):
    try:
        day = parse_cell(START, value)
    except CellError as exc:
        message = str(exc)
        assert message.startswith("“开工日期”")
        said = re.sub(r"“.*?”", "", message, flags=re.S)  # what the user typed is quoted back verbatim
        assert not re.search(r"[A-Za-z]{2,}|\de[+-]\d", said), message  # no English, no 1e+09
        return
    if day is not None:
        assert dt.date(1990, 1, 1) <= day <= dt.date(2100, 12, 31)


@pytest.mark.parametrize(("value", "message"), [
    ("2025-02-30", "“开工日期”填的“2025-02-30”不是有效日期：请核对月份和日期。"),
    ("2025年9月", "“开工日期”填的“2025年9月”只有年月：请填写完整日期（年、月、日）。"),
    # rv2 finding 13: a month 13 is said to be wrong (was 「只有年月」)
    ("2026年13月", "“开工日期”填的“2026年13月”的月份 13 无效：月份应为 1 至 12。"),
    ("2026-0", "“开工日期”填的“2026-0”的月份 0 无效：月份应为 1 至 12。"),
    ("下个月", "“开工日期”应填日期（如 2025-09-01），“下个月”不是日期。"),
    (dt.date(1989, 12, 31), "“开工日期”为 1989-12-31，应在 1990-01-01 至 2100-12-31 之间。"),
    (12.5, "“开工日期”应填日期（如 2025-09-01），12.5 不是日期。"),
    (7, "“开工日期”应填日期（如 2025-09-01），7 不是日期。"),
    (True, "“开工日期”应填日期（如 2025-09-01），单元格不是日期。"),
])
def test_what_is_not_a_date_says_why(value, message):
    with pytest.raises(DateError, match=f"^{re.escape(message)}$"):
        parse_date(value, START)


_SPACES = st.text(alphabet=" \u3000\t", max_size=2)


@settings(max_examples=80, deadline=None)
@given(item=st.sampled_from(INDICATORS), spaces=st.lists(_SPACES, min_size=3, max_size=3),
       ascii_brackets=st.booleans(), alias=st.booleans())
def test_a_listed_indicator_name_maps_to_its_code_however_it_is_spaced(item, spaces,
                                                                       ascii_brackets, alias):
    name = item.aliases[0] if alias and item.aliases else item.label
    if ascii_brackets:
        name = name.replace("（", "(").replace("）", ")")
    middle = len(name) // 2
    typed = spaces[0] + name[:middle] + spaces[1] + name[middle:] + spaces[2]
    assert indicator_code_of(typed) == item.code


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.none(), st.integers(), st.text(max_size=30)))
def test_any_other_name_maps_to_no_code_or_to_a_listed_one(text):
    code = indicator_code_of(text)
    assert code is None or code in {i.code for i in INDICATORS}
