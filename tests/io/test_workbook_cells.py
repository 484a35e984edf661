"""Cell parsing, and hypothesis: no value in a numeric cell ever crashes reader or validator."""

import datetime as dt
import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from junheng.errors import Problem
from junheng.io import read_grids, validate_county
from junheng.io.cells import CellError, parse_cell
from junheng.model import SHEETS, SHEETS_BY_KEY, Kind

SCHOOLS = SHEETS_BY_KEY["schools"]
CLASSES = SHEETS_BY_KEY["classes"]
FACILITIES = SHEETS_BY_KEY["facilities"]


@pytest.mark.parametrize(("raw", "expected"), [
    (45.0, 45), (45, 45), ("45", 45), (" 45 ", 45), ("４５", 45), ("45.0", 45),
    (None, None), ("", None), ("　", None), (math.nan, None),
])
def test_integer_cells(raw, expected):
    assert parse_cell(CLASSES.column("students"), raw) == expected


@pytest.mark.parametrize(("raw", "message"), [
    (44.5, "“学生数”应为整数，不能有小数。"),
    ("四十五", "“学生数”应填数字，“四十五”不是数字。"),
    (True, "“学生数”应填数字，不能是逻辑值 TRUE/FALSE。"),
    (dt.date(2025, 9, 1), "“学生数”应填数字，单元格却是日期或时间格式：请把单元格格式改为“常规”或“数值”。"),
    ("inf", "“学生数”应填有限的数字。"),
    # Issue 14: separators are refused, never stripped ("1,2,3" was read as 123).
    ("1,200", "“学生数”应填数字，“1,200”不是数字（数字中不能有空格、逗号或下划线"),
    (1e16, "“学生数”数值过大（超过 10 的 15 次方），请检查是否误填。"),
])
def test_integer_cell_errors(raw, message):
    with pytest.raises(CellError, match=re.escape(message)):
        parse_cell(CLASSES.column("students"), raw)


def test_number_cells_keep_fractions():
    assert parse_cell(FACILITIES.column("teaching_area"), "6800.5") == 6800.5
    assert parse_cell(FACILITIES.column("teaching_area"), 96) == 96.0


def test_code_cells_keep_text_and_recover_whole_numbers():
    town = SCHOOLS.column("town_code")
    assert parse_cell(town, "410306001") == "410306001"
    assert parse_cell(town, 410306001.0) == "410306001"
    assert parse_cell(town, "410306001.0") == "410306001"
    assert parse_cell(SCHOOLS.column("school_id"), 4103060001.0) == "4103060001"
    with pytest.raises(CellError, match="丢失了前导零（只剩 8 位，应为 9 位）"):
        parse_cell(town, 41030601.0)
    with pytest.raises(CellError, match="应为数字代码，不能有小数或负号"):
        parse_cell(town, 410306001.5)


def test_choice_cells_map_labels_to_codes_and_forgive_case_and_hyphens():
    assert parse_cell(SCHOOLS.column("crs"), "gcj-02") == "GCJ02"
    assert parse_cell(SCHOOLS.column("urban_rural_code"), 220.0) == "220"
    assert parse_cell(SCHOOLS.column("boarding"), "是") is True
    assert parse_cell(SCHOOLS.column("boarding"), False) is False
    with pytest.raises(CellError, match="“寄宿制”不是允许的值；应为以下之一：是、否。"):
        parse_cell(SCHOOLS.column("boarding"), "Y")


def test_text_cells_keep_class_numbers_typed_as_numbers():
    assert parse_cell(CLASSES.column("class_no"), 3.0) == "3"
    assert parse_cell(CLASSES.column("class_no"), " 3班 ") == "3班"


# --- hypothesis ------------------------------------------------------------------------------

PLAIN_CELL = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["", " ", "-0", "1e309", "NaN", "１２", "1,2,3"]),
)
ANY_CELL = st.one_of(PLAIN_CELL, st.dates(), st.datetimes())
NUMERIC = [(s, j, c) for s in SHEETS for j, c in enumerate(s.columns)
           if c.kind in (Kind.INTEGER, Kind.NUMBER)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_in_numeric_cells_yields_data_or_located_problems(county, grids_of, data):
    grids = grids_of(county)
    for _ in range(data.draw(st.integers(1, 6))):
        sheet, j, column = data.draw(st.sampled_from(NUMERIC))
        rows = grids[sheet.name]
        i = data.draw(st.integers(1, len(rows) - 1))
        rows[i][j] = data.draw(ANY_CELL)
    reading = read_grids(grids)
    assert reading.data is not None
    assert all(isinstance(p, Problem) and p.sheet in {s.name for s in SHEETS}
               and p.message for p in reading.problems)
    for p in reading.problems:
        assert p.row is None or p.row >= 2


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_number_in_memory_never_crashes_the_validator(county, edit, data):
    changed = county
    for _ in range(data.draw(st.integers(1, 6))):
        sheet, _, column = data.draw(st.sampled_from([n for n in NUMERIC if not n[0].single_row]))
        frame = changed.tables[sheet.key]
        i = data.draw(st.integers(0, len(frame) - 1)) if len(frame) else None
        if i is None:
            continue
        if column.kind is Kind.INTEGER:
            value = data.draw(st.one_of(st.none(), st.integers(-(2**62), 2**62)))
        else:
            value = data.draw(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)))
        changed = edit(changed, sheet.key, i, **{column.key: value})
    problems = validate_county(changed)
    assert all(isinstance(p, Problem) and p.message for p in problems)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(values=st.lists(PLAIN_CELL, min_size=7, max_size=7))
def test_any_value_written_to_a_real_file_never_crashes_the_reader(county, grids_of, raw_xlsx,
                                                                  values):
    from junheng.io import inspect_workbook

    grids = grids_of(county)
    for k, value in enumerate(values):
        sheet, j, _ = NUMERIC[(k * 7) % len(NUMERIC)]
        grids[sheet.name][1][j] = value
    reading = inspect_workbook(raw_xlsx(grids))
    assert reading.data is not None
    assert all(isinstance(p, Problem) for p in reading.problems)
