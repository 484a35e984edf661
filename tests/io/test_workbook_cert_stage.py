"""教师资格证学段 (教师, format v2, optional): read as codes, a value outside the list located
with its exact message, a v1 workbook without the column read unchanged, and hypothesis: no
text in the column ever crashes the reader.

The example county (io/example.py): T0001 (甲小学) has none of the rules that set a stage
other than 小学; T0004 is every fourth: 初中; T0023 every 23rd: blank."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from junheng.errors import Problem
from junheng.io import read_grids
from junheng.model import SHEETS, SHEETS_BY_KEY
from junheng.model.codes_v2 import CERTIFICATE_STAGES

J = SHEETS_BY_KEY["teachers"].keys.index("cert_stage")
ALLOWED = "幼儿园、小学、初中、高中、中等职业学校、中职实习指导"


def test_labels_become_codes_and_a_blank_is_unknown(county, grids_of):
    grids = grids_of(county)
    assert [grids["教师"][k][J] for k in (1, 4, 23)] == ["小学", "初中", None]
    grids["教师"][1][J] = "中职实习指导"
    grids["教师"][2][J] = "中等职业学校"
    reading = read_grids(grids)
    assert reading.problems == []
    got = reading.data.teachers["cert_stage"]
    assert got.iloc[:4].tolist() == ["vocational_practice", "vocational", "primary", "junior"]
    assert pd.isna(got.iloc[22])


def test_a_value_outside_the_list_is_located_with_the_allowed_ones(county, grids_of):
    grids = grids_of(county)
    grids["教师"][3][J] = "大学"
    reading = read_grids(grids)
    assert [(p.sheet, p.row, p.column, p.value, p.message) for p in reading.problems] == [
        ("教师", 4, "教师资格证学段", "大学", f"“教师资格证学段”不是允许的值；应为以下之一：{ALLOWED}。")]


def test_a_v1_workbook_without_the_column_reads_as_before(county, grids_of):
    grids = grids_of(county)
    v1 = {}
    for sheet in SHEETS:
        if not sheet.optional:
            keep = [j for j, c in enumerate(sheet.columns) if c.since == "v1"]
            v1[sheet.name] = [[row[j] for j in keep] for row in grids[sheet.name]]
    old, new = read_grids(v1), read_grids(grids)
    assert old.format_version == "v1" and old.problems == []
    assert old.data.teachers["cert_stage"].isna().all()
    columns = [c.key for c in SHEETS_BY_KEY["teachers"].columns if c.since == "v1"]
    pd.testing.assert_frame_equal(old.data.teachers[columns], new.data.teachers[columns])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.one_of(st.none(), st.sampled_from([*CERTIFICATE_STAGES, " 初中 ", "初 中"]),
                                 st.text(max_size=8), st.integers(), st.floats()),
                       min_size=1, max_size=5))
def test_any_value_in_the_column_yields_a_code_or_a_located_problem(county, grids_of, values):
    grids = grids_of(county)
    for i, value in enumerate(values, start=1):
        grids["教师"][i][J] = value
    reading = read_grids(grids)
    assert reading.data is not None
    codes = set(CERTIFICATE_STAGES.values())
    bad = {p.row for p in reading.problems}
    for i in range(1, len(values) + 1):
        got = reading.data.teachers["cert_stage"].iloc[i - 1]
        assert i + 1 in bad or pd.isna(got) or got in codes
    for p in reading.problems:
        assert isinstance(p, Problem)
        assert (p.sheet, p.column) == ("教师", "教师资格证学段")
        assert p.message == f"“教师资格证学段”不是允许的值；应为以下之一：{ALLOWED}。"
