"""Every rule format v2 adds, each with its located problem and its exact message.

Positions in the example county's v2 sheets (frame row i is Excel row i + 2): 建设项目 0 初中
新增宿舍 (竣工), 1 小学 改扩建 (在建), 2 九年一贯制 运动场 (规划), 3 新建城东小学 (在建), 4 幼儿园 迁建
(竣工); 学校组织 0–1 城关教育集团 (小学牵头), 2–3 共同体 (小学牵头), 4–5 学前教育联盟; 教师交流记录
0–2 本学年 T0072/T0080/T0088 小学→九年一贯制, 3 T0005 past 支教, 4 T0006 走教; 教师培训 rows 2i and
2i+1 for teacher i; 校长 0 小学 … 4 民办园; 编制岗位 0 小学 (31 = 28 + 2 + 1); 专用教室 0 小学音乐 96,
1 小学美术 90; 县级年度数据 0 2023 一般公共预算教育支出; 县级认定 0–3 一票否决, 4 基本均衡认定 (2016).
"""

import pandas as pd
import pytest
from workbook_builders import check_problem, one_problem

from junheng.io import county_notices, validate_county
from junheng.io.validate_v2 import V2_RULES

PRIMARY, JUNIOR, NINE_YEAR, POINT, KINDER = (
    "4103060001", "4103060002", "4103060003", "4103060004", "4103060005")
GHOST = "4103069999"


_one, _check = one_problem, check_problem


def test_every_v2_rule_is_a_named_function_with_a_docstring():
    assert all(rule.__name__.startswith("check_") and rule.__doc__ for rule in V2_RULES)


# --- 建设项目 ---------------------------------------------------------------------------------


def test_a_project_of_an_unlisted_school_must_be_a_new_build(county, edit):
    _check(edit(county, "projects", 1, school_id=GHOST), "建设项目", 3, "学校标识码", GHOST,
           f"学校标识码“{GHOST}”在“学校”表中不存在：改扩建、迁建等项目须为“学校”表中的学校；"
           "为新学校建设的项目请把项目类型选为“新建”。")


def test_a_new_school_needs_a_ten_digit_id(county, edit):
    _check(edit(county, "projects", 3, school_id="新校"), "建设项目", 5, "学校标识码", "新校",
           "新建学校的学校标识码应为 10 位数字：请填写为新校分配的学校标识码。")


def test_completion_before_start_is_refused(county, edit):
    _check(edit(county, "projects", 1, completion_date=pd.Timestamp(2024, 12, 1)), "建设项目", 3,
           "竣工日期", "2024-12-01", "竣工日期早于开工日期 2025-03-01：请核对。")


@pytest.mark.parametrize(("position", "column", "message"), [
    (1, "start_date", "在建和竣工的项目须填写开工日期。"),
    (0, "completion_date", "竣工项目须填写竣工日期。"),
])
def test_started_and_finished_projects_need_their_dates(county, edit, position, column, message):
    problem = _one(validate_county(edit(county, "projects", position, **{column: pd.NaT})))
    assert (problem.row, problem.value, problem.message) == (position + 2, None, message)


def test_a_project_finished_after_the_school_year_is_not_yet_completed(county, edit):
    late = edit(county, "projects", 0, completion_date=pd.Timestamp(2026, 10, 1))
    _check(late, "建设项目", 2, "竣工日期", "2026-10-01",
           "竣工日期晚于本学年末（2026-08-31）：尚未竣工的项目状态应为“在建”或“规划”。")


def test_a_project_starting_after_the_school_year_is_only_planned(county, edit):
    later = edit(county, "projects", 3, start_date=pd.Timestamp(2026, 9, 15),
                 completion_date=pd.Timestamp(2028, 8, 1))
    _check(later, "建设项目", 5, "开工日期", "2026-09-15",
           "开工日期晚于本学年末（2026-08-31）：尚未开工的项目状态应为“规划”。")


def test_a_dormitory_states_its_beds_and_a_sports_ground_its_area(county, edit):
    _check(edit(county, "projects", 0, added_beds=None), "建设项目", 2, "新增床位", None,
           "新增宿舍项目须填写新增床位（大于 0）。")
    _check(edit(county, "projects", 2, added_sports_area=0.0), "建设项目", 4, "新增运动场面积", 0,
           "运动场项目须填写新增运动场面积（大于 0）。")


def test_a_finished_new_school_not_yet_listed_is_only_a_notice(county, edit):
    done = edit(county, "projects", 3, status="completed",
                completion_date=pd.Timestamp(2025, 8, 31))
    assert validate_county(done) == []
    assert county_notices(done) == [
        "建设项目第 5 行“示例县城东小学新建工程”已竣工，但新校 4103060007 尚未列入“学校”表：开办后请登记该校。"]


# --- 学校组织, 校长, 编制岗位, 专用教室 -----------------------------------------------------------


def test_an_organisation_needs_exactly_one_lead_school(county, edit):
    _check(edit(county, "school_groups", 0, role="member_school"), "学校组织", 2, "角色", "成员校",
           "组织“城关教育集团”没有牵头校：每个组织须有一所牵头校。")
    _check(edit(county, "school_groups", 1, role="lead_school"), "学校组织", 3, "角色", "牵头校",
           "组织“城关教育集团”已有牵头校：每个组织只能有一所牵头校。")


def test_an_organisation_has_one_type_and_nobody_joins_after_the_year(county, edit):
    _check(edit(county, "school_groups", 1, group_type="alliance"), "学校组织", 3, "组织类型",
           "学校联盟", "同一组织的组织类型须一致：该组织的第一行为“教育集团”。")
    _check(edit(county, "school_groups", 1, join_year=2026), "学校组织", 3, "加入年份", 2026,
           "加入年份晚于 2025 年（本工作簿学年 2025）：请核对。")


def test_a_principal_of_several_schools_has_one_rank(county, edit):
    shared = edit(county, "principals", 1, principal_id="P001")
    _check(shared, "校长", 3, "职级", "一级", "同一校长在各校的职级须一致：该校长的第一行为“二级”。")


def test_one_principal_row_per_school(county, edit):
    _check(edit(county, "principals", 1, school_id=PRIMARY), "校长", 3, "学校标识码", PRIMARY,
           "与第 2 行重复：每所学校只填一名校长。请删除重复行或更正。")


def test_posts_stay_within_the_staffing_quota(county, edit):
    _check(edit(county, "staffing", 0, professional_posts=29), "编制岗位", 2, "核定编制数", 31,
           "三类岗位数合计 32 超过核定编制数：岗位总量应在核定编制内，请核对。")


def test_room_rows_and_the_facility_totals_agree(county, edit):
    _check(edit(county, "special_rooms", 0, area=100.0), "校舍设施", 2, "音乐专用教室面积", 96,
           "与“专用教室”表不一致：该校音乐专用教室面积合计为 100 平方米。")
    _check(edit(county, "facilities", 0, art_rooms=2), "校舍设施", 2, "美术专用教室数", 2,
           "与“专用教室”表不一致：该校登记了 1 间美术专用教室。")


# --- 附设幼儿班 ---------------------------------------------------------------------------------


def test_a_primary_school_may_hold_a_preschool_class_with_its_teacher(county, append, edit):
    attached = append(county, "classes", school_id=PRIMARY, grade="kmix", class_no="1",
                      students=18)
    attached = edit(attached, "teachers", 0, stage="preschool", kindergarten_post="teacher",
                    post_certified=True)
    assert validate_county(attached) == []


def test_a_preschool_class_of_a_primary_school_cannot_be_a_nursery_class(county, append):
    nursery = append(county, "classes", school_id=POINT, grade="k0", class_no="1", students=9)
    _check(nursery, "班级", 42, "年级", "托班",
           "小学、教学点附设幼儿班只能是小班、中班、大班或混合班，不能是托班。")


def test_preschool_staff_of_a_primary_school_need_its_preschool_class(county, edit):
    _check(edit(county, "teachers", 0, stage="preschool"), "教师", 2, "任教学段", "学前",
           "任教学段为学前，但该校在“班级”表中没有附设幼儿班：请核对任教学段，或登记附设幼儿班。")


# --- 教师 v2 columns ----------------------------------------------------------------------------


def test_only_backbone_teachers_have_a_designation_year(county, edit):
    _check(edit(county, "teachers", 0, backbone_year=2020), "教师", 2, "骨干认定年份", 2020,
           "骨干等级为“无”，不应填写骨干认定年份：请清空此格或更正骨干等级。")


def test_a_designation_year_lies_between_work_start_and_the_school_year(county):
    backbone = county.teachers.index[county.teachers["backbone"] != "none"][0]
    teachers = county.teachers.copy()
    start = int(teachers.at[backbone, "work_start_year"])
    teachers.loc[backbone, "backbone_year"] = start - 1
    _check(county.with_tables(teachers=teachers), "教师", backbone + 2, "骨干认定年份", start - 1,
           f"骨干认定年份早于参加工作年份 {start}：请核对。")
    teachers.loc[backbone, "backbone_year"] = 2026
    _check(county.with_tables(teachers=teachers), "教师", backbone + 2, "骨干认定年份", 2026,
           "骨干认定年份晚于 2025 年（本工作簿学年 2025）：请核对。")


def test_kindergarten_posts_are_for_preschool_staff_and_certificates_go_with_a_post(county, edit):
    _check(edit(county, "teachers", 0, kindergarten_post="caregiver"), "教师", 2, "幼儿园岗位",
           "保育员", "幼儿园岗位只填学前教职工：该教职工任教学段为小学。")
    _check(edit(county, "teachers", 0, post_certified=True), "教师", 2, "岗位资格证书", "是",
           "岗位资格证书对应幼儿园岗位：请先填写幼儿园岗位，或清空此格。")


# --- 教师交流记录 --------------------------------------------------------------------------------


def test_records_of_teachers_no_longer_on_the_staff_are_kept_with_a_notice(county, edit):
    left = edit(county, "rotations", 3, teacher_id="T9999")
    assert validate_county(left) == []
    assert county_notices(left) == [
        "“教师交流记录”中有 1 个教师编号不在“教师”表中（T9999）：如为已调离或退休的教师，其记录照常保留，"
        "但不计入现有教师；如为填写错误，请更正。"]


def test_an_ongoing_rotation_names_listed_schools_and_an_ended_one_is_a_notice(county, edit):
    _check(edit(county, "rotations", 4, to_school_id=GHOST), "教师交流记录", 6, "交流学校标识码",
           GHOST, f"学校标识码“{GHOST}”在“学校”表中不存在：本学年仍在进行的交流须为“学校”表中的学校，请核对。")
    ended = edit(county, "rotations", 3, to_school_id=GHOST)
    assert validate_county(ended) == []
    assert county_notices(ended) == [
        "教师交流记录有 1 行已结束的交流涉及“学校”表中没有的学校（如已撤并的学校），已照常保留。"]


def test_a_rotation_goes_to_another_school_and_ends_after_it_starts(county, edit):
    _check(edit(county, "rotations", 4, to_school_id=PRIMARY), "教师交流记录", 6, "交流学校标识码",
           PRIMARY, "交流学校与原学校相同：请填写交流到的学校。")
    _check(edit(county, "rotations", 3, end_date=pd.Timestamp(2022, 6, 1)), "教师交流记录", 5,
           "结束日期", "2022-06-01", "结束日期早于开始日期 2022-09-01：请核对。")


def test_a_rotation_record_has_begun_by_the_end_of_the_school_year(county, edit):
    _check(edit(county, "rotations", 4, start_date=pd.Timestamp(2026, 9, 1)), "教师交流记录", 6,
           "开始日期", "2026-09-01", "开始日期晚于本学年末（2026-08-31）：交流记录只填已开始的交流。")


def test_a_teacher_rotated_in_this_year_has_the_record_of_it(county, edit):
    moved = county.teachers.index[county.teachers["rotated_in"]][0]
    without = county.with_tables(rotations=county.rotations.iloc[1:].reset_index(drop=True))
    _check(without, "教师", moved + 2, "本学年交流轮岗", "是",
           "本学年交流轮岗为“是”，但“教师交流记录”中没有该教师本学年到本校的交流或支教记录：请补充记录或更正。")


def test_history_without_this_years_rotations_is_not_compared_with_the_teachers(county):
    past = county.with_tables(rotations=county.rotations.iloc[3:].reset_index(drop=True))
    assert validate_county(past) == []


def test_a_record_of_this_year_agrees_with_the_teacher_row(county, edit):
    moved = county.teachers.index[county.teachers["rotated_in"]][0]
    stayed = edit(county, "teachers", moved, rotated_in=False, from_school_id=None,
                  school_start_year=2020)
    _check(stayed, "教师交流记录", 2, "教师编号", "T0072",
           "该教师本学年交流到现任教学校，但“教师”表中本学年交流轮岗为“否”：请更正其中之一。")
    elsewhere = edit(county, "teachers", moved, from_school_id=JUNIOR)
    _check(elsewhere, "教师交流记录", 2, "原学校标识码", PRIMARY,
           f"与“教师”表的原学校标识码 {JUNIOR} 不一致：请更正其中之一。")


# --- 教师培训 -----------------------------------------------------------------------------------


def test_training_hours_add_up_to_the_five_year_total(county, edit):
    # T0001: 277 hours in five years, 111 in 2022 and 166 in 2024
    _check(edit(county, "training", 1, hours=100.0), "教师", 2, "近五年培训学时", 277,
           "与“教师培训”表不一致：该教师 2021—2025 年培训学时合计为 211 学时。")


def test_training_of_a_teacher_not_on_the_staff_counts_for_nobody(county, edit):
    unknown = edit(county, "training", 0, teacher_id="T9999")
    _check(unknown, "教师", 2, "近五年培训学时", 277,
           "与“教师培训”表不一致：该教师 2021—2025 年培训学时合计为 166 学时。")
    assert county_notices(unknown)[0].startswith("“教师培训”中有 1 个教师编号不在“教师”表中（T9999）")


def test_training_years_end_with_the_school_year(county, edit):
    future = validate_county(edit(county, "training", 1, year=2026))
    assert [(p.sheet, p.row, p.column, p.value, p.message) for p in future] == [
        ("教师培训", 3, "年份", 2026, "年份晚于 2025 年（本工作簿学年 2025）：请核对。"),
        ("教师", 2, "近五年培训学时", 277, "与“教师培训”表不一致：该教师 2021—2025 年培训学时合计为 111 学时。"),
    ]


def test_teachers_without_training_rows_are_a_notice(county):
    training = county.training[county.training["teacher_id"] != "T0001"]
    data = county.with_tables(training=training.reset_index(drop=True))
    assert validate_county(data) == []
    assert county_notices(data) == [
        "1 名教师的近五年培训学时大于 0，但在“教师培训”表中没有记录：这些学时无法逐年核对。"]


# --- 县级指标, 县级年度数据, 县级认定 ------------------------------------------------------------


def test_an_indicator_code_must_fit_its_listed_name(county, edit):
    _check(edit(county, "county_indicators", 0, indicator_name="初中三年巩固率"), "县级指标", 2,
           "指标代码", "teacher_pay_ratio",
           "指标代码与指标名称“初中三年巩固率”不一致：该名称的指标代码为 junior_retention_rate。")


def test_a_share_is_a_decimal(county, edit):
    _check(edit(county, "county_indicators", 3, value=97.0), "县级指标", 5, "数值", 97,
           "比例应填 0 到 1 之间的小数（如 0.86），97 不是：百分数请除以 100。")
    _check(edit(county, "county_figures", 8, value=90.0), "县级年度数据", 10, "数值", 90,
           "比例应填 0 到 1 之间的小数（如 0.86），90 不是：百分数请除以 100。")


def test_a_county_figure_has_its_own_unit_no_negative_amount_and_a_known_year(county, edit):
    _check(edit(county, "county_figures", 0, unit="元"), "县级年度数据", 2, "单位", "元",
           "“一般公共预算教育支出”的单位应为 万元：请按该单位填写数值，单位列可留空。")
    _check(edit(county, "county_figures", 0, value=-5.0), "县级年度数据", 2, "数值", -5,
           "“一般公共预算教育支出”不能为负数。")
    _check(edit(county, "county_figures", 0, year=2027), "县级年度数据", 2, "年份", 2027,
           "年份晚于 2026 年（本工作簿学年 2025 的次年）：请核对。")


def test_basic_balance_recognition_names_its_year(county, edit):
    _check(edit(county, "county_attestations", 4, year=None), "县级认定", 6, "认定年份", None,
           "基本均衡已通过国家认定的，须填写认定年份。")
    _check(edit(county, "county_attestations", 4, year=2026), "县级认定", 6, "认定年份", 2026,
           "认定年份晚于 2025 年（本工作簿学年 2025）：请核对。")


def test_every_attestation_has_its_answer_and_evidence(county, edit):
    _check(edit(county, "county_attestations", 0, answer=None), "县级认定", 2, "认定结果", None,
           "“认定结果”为必填项，不能为空。")
    _check(edit(county, "county_attestations", 0, evidence=None), "县级认定", 2, "佐证说明", None,
           "“佐证说明”为必填项，不能为空。")


def test_cells_left_as_nan_in_memory_count_as_empty(county, edit):
    figures = county.county_figures.copy()
    figures["unit"] = figures["unit"].astype(object).where(figures["unit"].notna(), float("nan"))
    indicators = county.county_indicators.copy()
    indicators.loc[0, "evidence"] = float("nan")
    assert validate_county(county.with_tables(county_figures=figures,
                                              county_indicators=indicators)) == []
