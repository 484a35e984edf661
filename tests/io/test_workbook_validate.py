"""Every rule of validate_county, each with its located problem and its message.

The example county is valid; each case changes one thing and expects exactly one problem.
Positions in the example county (frame row i is Excel row i + 2):
schools 0 小学, 1 初级中学 (boarding, 300 beds), 2 九年一贯制 (boarding, 200 beds),
3 教学点 (under 2), 4 公办幼儿园, 5 民办幼儿园; classes 0-11 小学, 12-20 初中, 21-29 九年一贯制,
30-31 教学点, 32-39 幼儿园; teachers 0-29 小学, 30-65 初中, 66-89 九年一贯制 (66-77 小学段),
90-92 教学点, 93-111 幼儿园; enrolment 0 小学 g1, 1 初中 g7, 2/3 九年一贯制 g1/g7, 4 教学点 g1.
"""

import math

import pytest
from workbook_builders import check_problem, one_problem

from junheng.io import county_notices, inspect_workbook, validate_county
from junheng.io.validate import RULES, SCHOOL_REFERENCES
from junheng.model import CountyData

PRIMARY, JUNIOR, NINE_YEAR, POINT, KINDER = (
    "4103060001", "4103060002", "4103060003", "4103060004", "4103060005")
GHOST = "4103069999"


_one, _check = one_problem, check_problem


def test_example_county_is_valid_and_has_no_notices(county):
    assert validate_county(county) == []
    assert county_notices(county) == []


def test_every_rule_is_a_named_function_with_a_docstring():
    assert len(RULES) == 17
    assert all(rule.__name__.startswith("check_") and rule.__doc__ for rule in RULES)


# --- 基本信息 -------------------------------------------------------------------------------


def test_empty_county_info_is_one_problem(county):
    empty = CountyData(dict.fromkeys(county.info), county.tables)
    _check(empty, "基本信息", 2, None, None,
           "“基本信息”没有填写：请在第 2 行填写县区代码、县区名称、所属地市、学年和经费定额。")


def test_county_code_needs_six_digits(county, edit):
    _check(edit(county, "county_info", 0, county_code="41036"), "基本信息", 2, "县区代码", "41036",
           "“县区代码”应为 6 位数字：请核对代码，并把该列设为“文本”格式。")


def test_school_year_out_of_range(county, edit):
    bad = edit(county, "county_info", 0, school_year=1999)
    problems = validate_county(bad)
    assert (problems[0].sheet, problems[0].row, problems[0].column, problems[0].value) == \
        ("基本信息", 2, "学年", 1999)
    assert problems[0].message == "“学年”为 1999，应为 2000–2100 的整数。"


# --- column rules ----------------------------------------------------------------------------


def test_required_cell_left_empty(county, edit):
    _check(edit(county, "schools", 1, name=None), "学校", 3, "学校名称", None,
           "“学校名称”为必填项，不能为空。")


def test_unknown_code_in_memory_is_not_allowed(county, edit):
    _check(edit(county, "teachers", 0, subject="astronomy"), "教师", 2, "任教学科", "astronomy",
           "“任教学科”不是允许的值；应为以下之一：语文、数学、英语、道德与法治、科学、物理、化学、生物、历史、地理、"
           "体育、音乐、美术、信息技术、劳动、心理健康、综合实践、其他。")


@pytest.mark.parametrize(("sheet_key", "position", "column", "value", "where", "message"), [
    ("classes", 3, "students", 121, ("班级", 5, "学生数"), "“学生数”为 121，应为 0–120 的整数。"),
    ("classes", 3, "students", -3, ("班级", 5, "学生数"), "“学生数”为 -3，应为 0–120 的整数。"),
    ("teachers", 7, "birth_year", 1930, ("教师", 9, "出生年份"), "“出生年份”为 1930，应为 1940–2015 的整数。"),
    ("facilities", 0, "teaching_area", -1.5, ("校舍设施", 2, "教学及辅助用房面积"),
     "“教学及辅助用房面积”为 -1.5，不能小于 0。"),
    ("villages", 2, "age_3", -1, ("村居", 4, "3岁"), "“3岁”为 -1，不能小于 0。"),
])
def test_values_outside_the_schema_range(county, edit, sheet_key, position, column, value,
                                         where, message):
    sheet, row, header = where
    _check(edit(county, sheet_key, position, **{column: value}), sheet, row, header, value, message)


def test_coordinates_outside_china(county, edit):
    _check(edit(county, "schools", 2, lon=12.67), "学校", 4, "经度", 12.67,
           "“经度”为 12.67，不在中国境内（经度应在东经 73–135.5 度之间）：请检查经纬度是否填反、坐标系是否选对。")
    _check(edit(county, "villages", 0, lat=-34.9), "村居", 2, "纬度", -34.9,
           "“纬度”为 -34.9，不在中国境内（纬度应在北纬 3.5–53.6 度之间）：请检查经纬度是否填反、坐标系是否选对。")


def test_infinite_number_is_not_allowed(county, edit):
    _check(edit(county, "funding", 1, public_funding=math.inf), "经费", 3, "公用经费拨款", math.inf,
           "“公用经费拨款”应为有限的数字。")


@pytest.mark.parametrize(("sheet_key", "column", "header", "sheet", "value", "digits"), [
    ("schools", "town_code", "乡镇代码", "学校", "41030600", 9),
    ("villages", "village_code", "区划代码", "村居", "4103060010011", 12),
    ("births", "town_code", "乡镇代码", "出生", "41030600A", 9),
])
def test_codes_need_their_number_of_digits(county, edit, sheet_key, column, header, sheet, value,
                                           digits):
    _check(edit(county, sheet_key, 0, **{column: value}), sheet, 2, header, value,
           f"“{header}”应为 {digits} 位数字：请核对代码，并把该列设为“文本”格式。")


# --- unique keys -----------------------------------------------------------------------------


@pytest.mark.parametrize(("sheet_key", "position", "changes", "where", "rule"), [
    ("schools", 1, {"school_id": PRIMARY}, ("学校", 3, "学校标识码", PRIMARY, 2), "学校标识码须唯一"),
    ("teachers", 5, {"teacher_id": "T0001"}, ("教师", 7, "教师编号", "T0001", 2), "教师编号须唯一"),
    ("villages", 3, {"village_code": "410306101201", "town_code": "410306101"},
     ("村居", 6, "区划代码", "410306101201", 5), "区划代码须唯一"),
    ("classes", 1, {"class_no": "1"}, ("班级", 3, "班号", "1", 2), "同一学校同一年级内班号须唯一"),
    ("births", 2, {"year": 2011}, ("出生", 4, "年份", 2011, 2), "每个乡镇每个年份只填一行"),
    ("enrolment", 3, {"grade": "g1"}, ("招生", 5, "年级", "一年级", 4), "每所学校每个起始年级只填一行"),
])
def test_duplicate_keys(county, edit, sheet_key, position, changes, where, rule):
    sheet, row, header, value, first = where
    problems = [p for p in validate_county(edit(county, sheet_key, position, **changes))
                if p.message.startswith("与第")]
    problem = _one(problems)
    assert (problem.sheet, problem.row, problem.column, problem.value) == (sheet, row, header, value)
    assert problem.message == f"与第 {first} 行重复：{rule}。请删除重复行或更正。"


@pytest.mark.parametrize(("sheet_key", "sheet", "rule"), [
    ("facilities", "校舍设施", "每所学校只填一行"),
    ("funding", "经费", "每所学校只填一行"),
])
def test_one_facility_and_funding_row_per_school(county, edit, sheet_key, sheet, rule):
    bad = edit(county, sheet_key, 5, school_id=KINDER)
    _check(bad, sheet, 7, "学校标识码", KINDER, f"与第 6 行重复：{rule}。请删除重复行或更正。")


def test_same_class_number_in_another_grade_is_fine(county):
    # every school numbers its classes 1, 2, ... in each grade
    assert (county.classes["class_no"] == "1").sum() > 1
    assert validate_county(county) == []


# --- references ------------------------------------------------------------------------------


@pytest.mark.parametrize(("sheet_key", "column"), SCHOOL_REFERENCES)
def test_every_referenced_school_must_exist(county, edit, sheet_key, column):
    bad = edit(county, sheet_key, 3 if sheet_key == "schools" else 0, **{column: GHOST})
    problems = [p for p in validate_county(bad) if "在“学校”表中不存在" in p.message]
    problem = _one(problems)
    assert problem.row == (5 if sheet_key == "schools" else 2)
    assert problem.value == GHOST
    assert problem.message == (f"{problem.column}“{GHOST}”在“学校”表中不存在：请先在“学校”表登记该校，"
                               "或更正代码。")


# --- teaching points -------------------------------------------------------------------------


def test_teaching_point_needs_its_central_school(county, edit):
    _check(edit(county, "schools", 3, central_school=None), "学校", 5, "所属学校标识码", None,
           "教学点须填写所属学校标识码（其中心校的学校标识码）。")


def test_teaching_point_cannot_belong_to_a_teaching_point(county, edit, append):
    bad = append(county, "schools", school_id="4103060007", name="下河教学点",
                 school_type="teaching_point", ownership="public", town_code="410306101",
                 urban_rural_code="220", lon=112.68, lat=34.84, crs="WGS84", boarding=False,
                 central_school=POINT)
    _check(bad, "学校", 8, "所属学校标识码", POINT,
           "所属学校本身是教学点：教学点须隶属于一所不是教学点的学校（中心校）。")


def test_school_naming_a_central_school_is_only_a_notice(county, edit):
    odd = edit(county, "schools", 0, central_school=NINE_YEAR)
    assert validate_county(odd) == []
    assert county_notices(odd) == [
        "学校第 2 行“示例县城关第一小学”不是教学点，却填写了所属学校标识码 4103060003：只有教学点需要填写。"]


# --- grades and stages fit the school type ---------------------------------------------------


def test_no_junior_grade_in_a_primary_school(county, edit):
    _check(edit(county, "classes", 11, grade="g7"), "班级", 13, "年级", "七年级",
           "年级与学校类型“小学”不符：小学只能有一年级至六年级。")


def test_teaching_point_grades_are_one_to_six(county, edit):
    _check(edit(county, "classes", 31, grade="g8"), "班级", 33, "年级", "八年级",
           "年级与学校类型“教学点”不符：教学点只能有一年级至六年级。")


def test_no_primary_grade_in_a_kindergarten(county, edit):
    _check(edit(county, "classes", 39, grade="g1"), "班级", 41, "年级", "一年级",
           "年级与学校类型“幼儿园”不符：幼儿园只能有托班、小班、中班、大班、混合班。")


def test_first_grade_entrants_only_where_there_are_primary_grades(county, edit):
    _check(edit(county, "enrolment", 1, grade="g1"), "招生", 3, "年级", "一年级",
           "招生年级与学校类型“初级中学”不符：只有设小学年级的学校才能招收该年级新生。")


def test_seventh_grade_entrants_only_where_there_are_junior_grades(county, edit):
    _check(edit(county, "enrolment", 4, grade="g7"), "招生", 6, "年级", "七年级",
           "招生年级与学校类型“教学点”不符：只有设初中年级的学校才能招收该年级新生。")


def test_teacher_stage_fits_the_school_type(county, edit):
    _check(edit(county, "teachers", 0, stage="junior"), "教师", 2, "任教学段", "初中",
           "任教学段与学校类型“小学”不符：该校只有小学学段。")
    _check(edit(county, "teachers", 70, stage="senior"), "教师", 72, "任教学段", "高中",
           "任教学段与学校类型“九年一贯制学校”不符：该校只有小学、初中学段。")


def test_zone_schools_teach_the_right_stage(county, edit):
    _check(edit(county, "villages", 0, zone_primary=JUNIOR), "村居", 2, "划片小学", JUNIOR,
           "该校是初级中学，没有小学年级，不能作为划片小学。")
    _check(edit(county, "villages", 4, zone_junior=POINT), "村居", 6, "划片初中", POINT,
           "该校是教学点，没有初中年级，不能作为划片初中。")


# --- counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("column", "header"), [
    ("boarders", "寄宿生数"), ("migrant_students", "随迁子女数"), ("disabled_students", "残疾学生数")])
def test_class_subgroups_cannot_exceed_students(county, edit, column, header):
    # class 12 (junior, g7 class 1) has 50 students
    _check(edit(county, "classes", 12, **{column: 51}), "班级", 14, header, 51,
           f"{header} 51 超过该班学生数 50：请核对。")


@pytest.mark.parametrize(("column", "header"), [
    ("zone_entrants", "划片入学数"), ("migrant_entrants", "随迁子女新生数")])
def test_entrant_subgroups_cannot_exceed_entrants(county, edit, column, header):
    # the primary school's 一年级 entrants: 46 + 44 = 90
    _check(edit(county, "enrolment", 0, **{column: 91}), "招生", 2, header, 91,
           f"{header} 91 超过新生数 90：请核对。")


def test_unknown_subgroups_are_never_compared(county, edit):
    data = edit(county, "classes", 12, boarders=None, migrant_students=None)
    data = edit(data, "enrolment", 0, migrant_entrants=None)
    assert validate_county(data) == []


# --- boarding --------------------------------------------------------------------------------


def test_boarding_school_needs_beds(county, edit):
    _check(edit(county, "schools", 1, boarding_beds=None), "学校", 3, "宿舍床位数", None,
           "寄宿制学校须填写宿舍床位数。")


def test_boarding_school_needs_a_bed_for_every_boarder(county, edit):
    # junior boarders: 3 × 22 + 3 × 24 + 3 × 25 = 213
    _check(edit(county, "schools", 1, boarding_beds=212), "学校", 3, "宿舍床位数", 212,
           "宿舍床位数少于该校寄宿生数 213（班级表合计）：请核对床位数或寄宿生数。")
    assert validate_county(edit(county, "schools", 1, boarding_beds=213)) == []


def test_boarders_in_a_day_school_are_flagged(county, edit):
    bad = edit(county, "classes", 0, boarders=4)
    _check(bad, "学校", 2, "寄宿制", "否",
           "该校在班级表中有寄宿生 4 人，但寄宿制填“否”：请改为“是”并填写宿舍床位数，或更正寄宿生数。")


# --- codes -----------------------------------------------------------------------------------


def test_school_id_has_ten_digits_except_for_teaching_points(county, edit):
    bad = edit(county, "schools", 0, school_id="410306001")
    # the other sheets now reference a missing school too; that rule is tested above
    problem = _one([p for p in validate_county(bad) if p.sheet == "学校"])
    assert (problem.row, problem.column, problem.value) == (2, "学校标识码", "410306001")
    assert problem.message == "学校标识码应为 10 位数字（教学点可用自有编码）：请核对，并把该列设为“文本”格式。"


def test_teaching_point_may_use_its_own_code(county, edit):
    own = "JXD-0001"
    point = edit(county, "schools", 3, school_id=own)
    for sheet_key, position in (("classes", 30), ("classes", 31), ("teachers", 90),
                                ("teachers", 91), ("teachers", 92), ("enrolment", 4),
                                ("facilities", 3), ("funding", 3)):
        point = edit(point, sheet_key, position, school_id=own)
    point = edit(point, "villages", 4, zone_primary=own)
    history = point.enrolment_history.copy()
    history.loc[history["school_id"] == POINT, "school_id"] = own
    assert validate_county(point.with_tables(enrolment_history=history)) == []


def test_town_code_must_belong_to_the_county(county, edit):
    _check(edit(county, "schools", 0, town_code="410307001"), "学校", 2, "乡镇代码", "410307001",
           "乡镇代码不属于本县区：前 6 位应为县区代码 410306。")
    _check(edit(county, "births", 0, town_code="410307001"), "出生", 2, "乡镇代码", "410307001",
           "乡镇代码不属于本县区：前 6 位应为县区代码 410306。")


def test_village_code_must_start_with_its_town_code(county, edit):
    _check(edit(county, "villages", 0, village_code="410306101009"), "村居", 2, "区划代码",
           "410306101009", "区划代码与乡镇代码“410306001”不符：区划代码的前 9 位应为乡镇代码。")


# --- conditional requirements -----------------------------------------------------------------


def test_kindergarten_needs_affordability(county, edit):
    _check(edit(county, "schools", 5, affordable=None), "学校", 7, "普惠性", None,
           "幼儿园须填写普惠性（公办园填“是”）。")
    # other schools leave it empty without a problem
    assert county.schools["affordable"].isna().sum() == 4
    assert validate_county(county) == []


def test_compulsory_school_needs_its_seven_resources(county, edit):
    _check(edit(county, "facilities", 2, books=None), "校舍设施", 4, "图书册数", None,
           "“图书册数”为空：义务教育学校（教学点除外）须填写此项（空白表示未知，不会按 0 计）。")
    # a teaching point or kindergarten may leave them empty
    assert validate_county(edit(county, "facilities", 3, books=None, computers=None)) == []
    assert validate_county(edit(county, "facilities", 4, sports_area=None)) == []


def test_compulsory_school_needs_a_facilities_row(county):
    facilities = county.facilities[county.facilities["school_id"] != JUNIOR].reset_index(drop=True)
    _check(county.with_tables(facilities=facilities), "校舍设施", None, "学校标识码", JUNIOR,
           "学校“示例县第一初级中学”缺少校舍设施行：义务教育学校（教学点除外）须填写教学及辅助用房面积等前七项资源数据。")


# --- years -----------------------------------------------------------------------------------


def test_history_is_before_the_workbook_year(county, edit):
    _check(edit(county, "enrolment_history", 0, school_year=2025), "在校生历史", 2, "学年", 2025,
           "学年应早于本工作簿的学年 2025：在校生历史只填以往学年。")


def test_teacher_years_are_in_order(county, edit):
    t = county.teachers.loc[3]
    _check(edit(county, "teachers", 3, work_start_year=int(t["birth_year"])), "教师", 5,
           "参加工作年份", int(t["birth_year"]),
           f"参加工作年份不晚于出生年份 {t['birth_year']}：请核对。")
    _check(edit(county, "teachers", 3, school_start_year=int(t["work_start_year"]) - 1), "教师", 5,
           "本校任教起始年份", int(t["work_start_year"]) - 1,
           f"本校任教起始年份早于参加工作年份 {t['work_start_year']}：请核对。")
    _check(edit(county, "teachers", 3, school_start_year=2026), "教师", 5, "本校任教起始年份",
           2026, "本校任教起始年份晚于本工作簿的学年 2025：请核对。")


def test_rotated_teacher_comes_from_another_school(county, edit):
    _check(edit(county, "teachers", 0, from_school_id=PRIMARY), "教师", 2, "原学校标识码", PRIMARY,
           "原学校标识码与现任教学校相同：交流轮岗教师应填调出学校。")


# --- the same rules through real workbooks -------------------------------------------------


def test_rules_report_excel_rows_through_a_written_workbook(county, edit, xlsx_of):
    bad = edit(county, "classes", 11, grade="g7")
    bad = edit(bad, "schools", 1, boarding_beds=10)
    bad = edit(bad, "villages", 0, village_code="410306101009")
    bad = edit(bad, "teachers", 90, stage="junior")
    reading = inspect_workbook(xlsx_of(bad))
    assert [(p.sheet, p.row, p.column, p.value) for p in reading.problems] == [
        ("学校", 3, "宿舍床位数", 10),
        ("班级", 13, "年级", "七年级"),
        ("教师", 92, "任教学段", "初中"),
        ("村居", 2, "区划代码", "410306101009"),
    ]


def test_validator_uses_the_row_mapping_it_is_given(county, edit):
    bad = edit(county, "funding", 2, training_funding=-1.0)
    rows = {"funding": [5, 9, 14, 15, 16, 17]}
    problem = _one(validate_county(bad, rows=rows))
    assert (problem.sheet, problem.row) == ("经费", 14)
