"""The optional 乡镇 sheet (format v2): read from grids, validated with located Chinese
messages, and preferred by model.places over the name guessed from school names.

The example county (here without its 乡镇 sheet) has towns 410306001 (its schools' names start
with 示例县城关…, so no name is guessed) and 410306101 (河口乡…, guessed 河口乡)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from workbook_builders import check_problem

from junheng.io import example_county, read_grids
from junheng.io.writer import sheet_rows
from junheng.model import SHEETS, typed_frame
from junheng.model.places import town_label, town_names

TOWN_HEADERS = ["乡镇代码", "乡镇名称"]
EXAMPLE = example_county().with_tables(towns=typed_frame("towns"))  # without its 乡镇 sheet


def county_grids(data):
    """The workbook as read_grids takes it (as tests/io/conftest.py's ``grids_of``)."""
    return {s.name: [[c.header_with_unit for c in s.columns], *sheet_rows(s, data)]
            for s in SHEETS}


def _with_towns(rows):
    return EXAMPLE.with_tables(towns=typed_frame("towns", [
        {"town_code": c, "town_name": n} for c, n in rows]))


def _read(rows):
    grids = county_grids(EXAMPLE)
    grids["乡镇"] = [TOWN_HEADERS, *map(list, rows)]
    return read_grids(grids)


def test_the_sheet_names_a_town_the_school_names_cannot():
    assert town_label("410306001", town_names(EXAMPLE)) == "乡镇（代码 410306001）"
    reading = _read([("410306001", "城关镇"), ("410306101", "河口镇")])
    assert reading.ok, [str(p) for p in reading.problems]
    names = town_names(reading.data)
    assert (names["410306001"], names["410306101"]) == ("城关镇", "河口镇")  # sheet wins


def test_a_v1_workbook_without_the_sheet_keeps_the_guess():
    reading = read_grids({k: v for k, v in county_grids(EXAMPLE).items() if k != "乡镇"})
    assert reading.data.towns.empty
    assert town_names(reading.data) == {"410306101": "河口乡"}


def test_a_town_of_another_county_is_refused_naming_sheet_row_column_value():
    check_problem(_with_towns([("410307001", "城关镇")]), "乡镇", 2, "乡镇代码", "410307001",
                  "乡镇代码不属于本县区：前 6 位应为县区代码 410306。")


def test_a_name_that_is_no_town_name_is_refused():
    check_problem(_with_towns([("410306001", "城关")]), "乡镇", 2, "乡镇名称", "城关",
                  "乡镇名称应为乡、镇或街道的全称，以“乡”“镇”“街道”“办事处”或“苏木”结尾（如“城关镇”“河口乡”）。")


def test_two_towns_of_one_name_are_refused_at_the_second():
    check_problem(_with_towns([("410306001", "河口乡"), ("410306101", "河口乡")]), "乡镇", 3,
                  "乡镇名称", "河口乡",
                  "乡镇名称与第 2 行重复：同一县区的不同乡镇名称不能相同，请核对乡镇代码。")


def test_towns_the_sheet_leaves_out_are_a_notice():
    reading = _read([("410306101", "河口乡")])
    assert reading.ok
    assert "“学校”表的乡镇代码 410306001 未列入“乡镇”表（共 1 个）：这些乡镇的名称按学校名称推断，" \
           "建议在“乡镇”表补填。" in reading.notices


SUFFIXES = st.sampled_from(["镇", "乡", "街道", "办事处", "苏木"])
STEMS = st.text(alphabet="城关河口东西南北山水石桥新安", min_size=1, max_size=4)


@settings(max_examples=15, deadline=None)
@given(towns=st.lists(st.tuples(st.integers(1, 999), STEMS, SUFFIXES), min_size=1, max_size=6,
                      unique_by=(lambda t: t[0], lambda t: t[1] + t[2])))
def test_any_valid_sheet_reads_back_exactly(towns):
    rows = [(f"410306{n:03d}", stem + suffix) for n, stem, suffix in towns]
    reading = _read(rows)
    assert not reading.problems, [str(p) for p in reading.problems]
    assert list(zip(reading.data.towns["town_code"], reading.data.towns["town_name"],
                    strict=True)) == rows
    assert {c: town_names(reading.data)[c] for c, _ in rows} == dict(rows)


@settings(max_examples=15, deadline=None)
@given(code=st.one_of(st.text(alphabet="0123456789", min_size=1, max_size=12),
                      st.text(alphabet="0123456789abc乡", min_size=1, max_size=9)),
       row=st.integers(0, 3))
def test_any_bad_code_is_located_in_chinese(code, row):
    rows = [(f"410306{200 + k:03d}", f"第{k}镇") for k in range(4)]
    rows[row] = (code, f"第{row}镇")
    good = len(code) == 9 and code.isdigit() and code.startswith("410306")
    if good and code in {c for c, _ in rows[:row] + rows[row + 1:]}:
        return  # a duplicate code: the unique-key rule, tested elsewhere
    reading = _read(rows)
    problems = [p for p in reading.problems if p.sheet == "乡镇"]
    if good:
        assert not problems
        return
    assert problems and all(p.row == row + 2 and p.column == "乡镇代码" for p in problems)
    assert all(not any(ch.isascii() and ch.isalpha() for ch in p.message) for p in problems), \
        [p.message for p in problems]
