"""Reading workbooks: headers, skipped rows, types, Excel row numbers, coordinates."""

import copy

import pandas as pd
import pytest

from junheng.errors import Problem, ValidationError, WorkbookError
from junheng.geo import wgs84_to_bd09, wgs84_to_gcj02
from junheng.io import inspect_workbook, read_grids, read_workbook
from junheng.io.reader import header_name
from junheng.model import EXAMPLE_MARKER, SHEETS_BY_KEY


def _col(sheet_key, column_key):
    return SHEETS_BY_KEY[sheet_key].keys.index(column_key)


def _where(problems):
    return [(p.sheet, p.row, p.column, p.value) for p in problems]


def test_negative_class_size_and_unknown_teacher_school_are_both_located(
        county, edit, xlsx_of):
    # The "done when" case: class at frame position 10 sits in Excel row 12 (header is row 1).
    bad = edit(county, "classes", 10, students=-3)
    bad = edit(bad, "teachers", 4, school_id="4103069999")
    path = xlsx_of(bad)
    with pytest.raises(ValidationError, match="2 处问题") as caught:
        read_workbook(path)
    assert _where(caught.value.problems) == [
        ("班级", 12, "学生数", -3),
        ("教师", 6, "学校标识码", "4103069999"),
    ]
    assert caught.value.problems[0].message == "“学生数”为 -3，应为 0–120 的整数。"
    assert "在“学校”表中不存在" in caught.value.problems[1].message


def test_example_county_round_trips_through_a_workbook(county, xlsx_of):
    back = read_workbook(xlsx_of(county))
    assert back.info == county.info
    for key, frame in county.tables.items():
        pd.testing.assert_frame_equal(back.tables[key], frame, check_dtype=True, obj=key)


def test_excel_rows_stay_exact_when_example_and_empty_rows_are_skipped(county, grids_of):
    grids = grids_of(county)
    classes = grids["班级"]
    example = [f"{EXAMPLE_MARKER}4103060001", "一年级", "1", 45, None, None, None]
    empty = [None] * 7
    # header, example row, 3 data rows, two empty rows, then the rest
    grids["班级"] = [classes[0], example, *classes[1:4], empty, ["", "  "], *classes[4:]]
    grids["班级"][9][_col("classes", "students")] = 121  # frame row 5 -> Excel row 10
    reading = read_grids(grids)
    assert len(reading.data.classes) == len(county.classes)
    assert reading.rows["classes"][:6] == [3, 4, 5, 8, 9, 10]
    assert _where(reading.problems) == [("班级", 10, "学生数", 121)]


def test_header_with_units_in_either_bracket_maps_to_the_column():
    assert header_name("教学及辅助用房面积（平方米）") == "教学及辅助用房面积"
    assert header_name("学生数(人)") == "学生数"
    assert header_name(" 出生年份 ") == "出生年份"
    assert header_name("*学年") == "学年"
    assert header_name(None) == ""


def test_columns_may_come_in_any_order_with_or_without_units(county, grids_of):
    grids = grids_of(county)
    rows = grids["班级"]
    order = [3, 0, 2, 1, 4, 5, 6]
    grids["班级"] = [[row[j] for j in order] for row in rows]
    grids["班级"][0] = ["学生数(人)", "学校标识码", "班号", "年级", "寄宿生数", "随迁子女数", "残疾学生数"]
    reading = read_grids(grids)
    assert reading.problems == []
    pd.testing.assert_frame_equal(reading.data.classes, county.classes)


def test_unknown_columns_and_sheets_are_ignored_with_a_notice(county, grids_of):
    grids = grids_of(county)
    grids["学校"] = [row + ["备注"] if i == 0 else row + ["新建"] for i, row in
                    enumerate(grids["学校"])]
    grids["统计"] = [["随便"]]
    reading = read_grids(grids)
    assert reading.problems == []
    assert "工作表“学校”的列“备注”不是模板中的列，已忽略。" in reading.notices
    assert "工作表“统计”不是模板中的工作表，已忽略。" in reading.notices


def test_missing_required_column_is_a_problem_and_no_data_is_built(county, grids_of):
    grids = grids_of(county)
    j = _col("classes", "students")
    grids["班级"] = [row[:j] + row[j + 1:] for row in grids["班级"]]
    reading = read_grids(grids)
    assert reading.data is None
    assert _where(reading.problems) == [("班级", 1, "学生数", None)]
    assert reading.problems[0].message == "缺少必填列“学生数”：请按模板在表头添加该列。"


def test_missing_optional_column_reads_as_unknown_with_a_notice(county, grids_of):
    grids = grids_of(county)
    j = _col("classes", "disabled_students")
    grids["班级"] = [row[:j] + row[j + 1:] for row in grids["班级"]]
    reading = read_grids(grids)
    assert reading.problems == []
    assert reading.data.classes["disabled_students"].isna().all()
    assert "工作表“班级”没有可选列“残疾学生数”，按未知处理。" in reading.notices


def test_duplicated_header_is_a_problem(county, grids_of):
    grids = grids_of(county)
    grids["经费"] = [row + [row[1]] for row in grids["经费"]]
    reading = read_grids(grids)
    assert reading.data is None
    assert reading.problems[0].sheet == "经费" and reading.problems[0].row == 1
    assert "出现了两次（第 2 列和第 4 列）" in reading.problems[0].message


def test_missing_sheet_is_a_problem_naming_the_sheet(county, grids_of):
    grids = grids_of(county)
    del grids["出生"]
    reading = read_grids(grids)
    assert reading.data is None
    assert _where(reading.problems) == [("出生", None, None, None)]
    assert "缺少工作表“出生”" in reading.problems[0].message


def test_workbook_without_any_v1_sheet_is_refused():
    with pytest.raises(WorkbookError, match="这不是县域教育数据工作簿"):
        read_grids({"Sheet1": [["a", "b"], [1, 2]]})


def test_sheet_without_header_is_a_problem(county, grids_of):
    grids = grids_of(county)
    grids["县级指标"] = []
    reading = read_grids(grids)
    assert _where(reading.problems) == [("县级指标", 1, None, None)]
    assert "没有表头" in reading.problems[0].message


def test_header_may_start_below_empty_rows_and_rows_keep_excel_numbers(county, grids_of):
    grids = grids_of(county)
    grids["经费"] = [[None, None, None], *grids["经费"]]
    grids["经费"][3][1] = -5.0  # second data row, Excel row 4
    reading = read_grids(grids)
    assert _where(reading.problems) == [("经费", 4, "公用经费拨款", -5)]


def test_second_row_in_county_info_is_a_problem(county, grids_of):
    grids = grids_of(county)
    grids["基本信息"].append(list(grids["基本信息"][1]))
    reading = read_grids(grids)
    assert _where(reading.problems) == [("基本信息", 3, None, None)]
    assert reading.problems[0].message == "“基本信息”只能填一行：请删除多余的行。"


def test_codes_typed_as_numbers_are_read_back_as_text(county, grids_of):
    grids = grids_of(county)
    grids["基本信息"][1][0] = 410306.0
    grids["学校"][1][_col("schools", "school_id")] = 4103060001.0
    grids["学校"][1][_col("schools", "town_code")] = 410306001.0
    grids["学校"][1][_col("schools", "urban_rural_code")] = 111.0
    reading = read_grids(grids)
    assert reading.problems == []
    assert reading.data.county_code == "410306"
    assert reading.data.schools.loc[0, ["school_id", "town_code", "urban_rural_code"]].tolist() \
        == ["4103060001", "410306001", "111"]


def test_code_that_lost_leading_zeros_is_a_problem(county, grids_of):
    grids = grids_of(county)
    grids["村居"][1][_col("villages", "village_code")] = 41030600100.0  # 11 digits left
    reading = read_grids(grids)
    assert _where(reading.problems)[0] == ("村居", 2, "区划代码", 41030600100.0)
    assert "丢失了前导零（只剩 11 位，应为 12 位）" in reading.problems[0].message


def test_integers_must_be_whole(county, grids_of):
    grids = grids_of(county)
    grids["班级"][2][_col("classes", "students")] = 44.5
    grids["班级"][3][_col("classes", "students")] = "45"  # text digits are accepted
    reading = read_grids(grids)
    assert _where(reading.problems) == [("班级", 3, "学生数", 44.5)]
    assert reading.problems[0].message == "“学生数”应为整数，不能有小数。"
    assert reading.data.classes.loc[2, "students"] == 45


def test_text_in_a_number_cell_is_a_problem_not_a_zero(county, grids_of):
    grids = grids_of(county)
    grids["校舍设施"][1][_col("facilities", "sports_area")] = "约四千"
    reading = read_grids(grids)
    assert _where(reading.problems) == [("校舍设施", 2, "体育运动场馆面积", "约四千")]
    assert reading.problems[0].message == "“体育运动场馆面积”应填数字，“约四千”不是数字。"
    assert pd.isna(reading.data.facilities.loc[0, "sports_area"])


def test_chinese_labels_become_english_codes_and_yes_no_booleans(county, grids_of):
    reading = read_grids(grids_of(county))
    schools = reading.data.schools
    assert schools["school_type"].tolist()[:3] == ["primary_school", "junior_school", "nine_year"]
    assert schools["boarding"].tolist()[:3] == [False, True, True]
    assert reading.data.teachers["stage"].iloc[0] == "primary"


def test_unknown_label_is_a_problem_listing_allowed_values(county, grids_of):
    grids = grids_of(county)
    grids["学校"][1][_col("schools", "school_type")] = "中学"
    grids["学校"][2][_col("schools", "boarding")] = "有"
    reading = read_grids(grids)
    assert _where(reading.problems) == [("学校", 2, "学校类型", "中学"), ("学校", 3, "寄宿制", "有")]
    assert reading.problems[0].message.startswith("“学校类型”不是允许的值；应为以下之一：小学、初级中学")
    assert reading.problems[1].message == "“寄宿制”不是允许的值；应为以下之一：是、否。"


def test_empty_optional_cells_are_unknown_never_zero(county, grids_of):
    grids = grids_of(county)
    grids["班级"][1][_col("classes", "migrant_students")] = None
    grids["校舍设施"][5][_col("facilities", "books")] = ""
    reading = read_grids(grids)
    assert pd.isna(reading.data.classes.loc[0, "migrant_students"])
    assert reading.data.classes["migrant_students"].sum() == \
        county.classes["migrant_students"].sum() - county.classes.loc[0, "migrant_students"]
    assert pd.isna(reading.data.facilities.loc[4, "books"])


def test_a_bad_cell_is_reported_once_not_again_as_empty(county, grids_of):
    grids = grids_of(county)
    grids["班级"][1][_col("classes", "students")] = "很多"
    reading = read_grids(grids)
    assert _where(reading.problems) == [("班级", 2, "学生数", "很多")]


def test_gcj02_and_bd09_coordinates_are_converted_to_wgs84_on_read(county, grids_of):
    grids = grids_of(county)
    lon_j, lat_j, crs_j = (_col("schools", k) for k in ("lon", "lat", "crs"))
    true = [(county.schools.loc[i, "lon"], county.schools.loc[i, "lat"]) for i in (0, 1)]
    grids["学校"][1][lon_j], grids["学校"][1][lat_j] = wgs84_to_gcj02(*true[0])
    grids["学校"][1][crs_j] = "GCJ02"
    grids["学校"][2][lon_j], grids["学校"][2][lat_j] = wgs84_to_bd09(*true[1])
    grids["学校"][2][crs_j] = "bd-09"  # case and hyphen are forgiven
    reading = read_grids(grids)
    schools = reading.data.schools
    assert reading.problems == []
    assert schools["crs"].tolist() == ["WGS84"] * len(schools)
    for i in (0, 1):
        assert schools.loc[i, "lon"] == pytest.approx(true[i][0], abs=1e-9)
        assert schools.loc[i, "lat"] == pytest.approx(true[i][1], abs=1e-9)
    assert "“学校”有 2 行坐标由 GCJ02/BD09 换算为 WGS84。" in reading.notices


def test_inspect_returns_problems_while_read_raises(county, edit, xlsx_of):
    path = xlsx_of(edit(county, "funding", 0, training_funding=-1.0))
    reading = inspect_workbook(path)
    assert not reading.ok
    assert _where(reading.problems) == [("经费", 2, "教师培训经费", -1)]
    assert reading.data is not None
    with pytest.raises(ValidationError) as caught:
        read_workbook(path)
    assert caught.value.problems == reading.problems


def test_problems_come_in_sheet_then_row_order(county, grids_of):
    grids = copy.deepcopy(grids_of(county))
    grids["教师"][3][_col("teachers", "birth_year")] = 1800
    grids["班级"][5][_col("classes", "students")] = 200
    grids["学校"][2][_col("schools", "lat")] = 60.0
    reading = read_grids(grids)
    assert [(p.sheet, p.row) for p in reading.problems] == [("学校", 3), ("班级", 6), ("教师", 4)]
    assert isinstance(reading.problems[0], Problem)


def test_title_row_above_the_header_is_skipped_with_a_notice(county, grids_of):
    grids = grids_of(county)
    width = len(grids["经费"][0])
    grids["经费"] = [["示例县 2025 年学校经费表"] + [None] * (width - 1), *grids["经费"]]
    grids["经费"][3][1] = -5.0  # second data row, now Excel row 4
    reading = read_grids(grids)
    assert _where(reading.problems) == [("经费", 4, "公用经费拨款", -5)]
    assert "工作表“经费”的表头在第 2 行，其上方 1 行内容已忽略。" in reading.notices


def test_a_problem_names_the_column_by_its_letter_and_its_header_as_written(county, grids_of):
    # rw 12: 班级!D50 = 「58人」 was shown as 「学生数」, with no letter and a stray space.
    # 学生数 is the 4th column of 班级 (学校标识码, 年级, 班号, 学生数): D
    grids = grids_of(county)
    grids["班级"][2][_col("classes", "students")] = "58人"
    problem = read_grids(grids).problems[0]
    assert (problem.place, problem.message) == ("D 列“学生数（人）”", "“学生数”应填数字，“58人”不是数字。")
    assert str(problem) == "班级 / 第 3 行 / D 列“学生数（人）”（值：58人）：“学生数”应填数字，“58人”不是数字。"


def test_the_letter_is_the_columns_place_in_the_workbook_read(county, grids_of):
    # a user moved 学生数 to the front of 班级: it is column A there, 学校标识码 B
    grids = grids_of(county)
    j = _col("classes", "students")
    grids["班级"] = [[row[j], *row[:j], *row[j + 1:]] for row in grids["班级"]]
    grids["班级"][2][0] = 44.5
    grids["班级"][3][1] = None  # 学校标识码 is required
    places = {p.place for p in read_grids(grids).problems if p.sheet == "班级"}
    assert places == {"A 列“学生数（人）”", "B 列“学校标识码”"}


def test_every_column_of_every_sheet_gets_its_template_letter(county, grids_of):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from junheng.io.reader import column_letter
    from junheng.model import SHEETS

    grids = grids_of(county)
    numbers = [(s, c) for s in SHEETS if s.name in grids and len(grids[s.name]) > 2
               for c in s.columns if c.kind.name in ("INTEGER", "NUMBER")]

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.function_scoped_fixture])
    @given(st.sampled_from(numbers))
    def check(pair):
        sheet, column = pair
        broken = copy.deepcopy(grids)
        j = sheet.keys.index(column.key)
        broken[sheet.name][2][j] = "一些"
        found = [p for p in read_grids(broken).problems if p.value == "一些"]
        assert [p.place for p in found] == [f"{column_letter(j)} 列“{column.header_with_unit}”"]
        assert found[0].message.startswith(f"“{column.header}”应填数字")

    check()
