"""A new school's site, land and steps (review rv15 2 and 14), on a hand-made plan with the
demo's timing: data year 2025, plan made 2026-12-05, built in 2 school years, opened 2029."""

from __future__ import annotations

from dataclasses import replace

from junheng.planning.layout_new_steps import land_least, site_lines, step_rows
from junheng.planning.layout_outcome import (
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)

NAME = "文化路社区片区初级中学"


def plan(rezoning: str = "whole") -> LayoutOutcome:
    new = PlannedSchool("NEW-1", NAME, "new", phase=4, added_classrooms=18,
                        added_classrooms_by_stage={"junior": 18}, students_after={"junior": 821},
                        standard_area=1_000.0, field_area=8_000.0, lon=112.4567, lat=34.1236,
                        town_code="410331001")
    one = PlannedSchool("S1", "洛北县第一初级中学", "keep", town_code="410331001")
    two = PlannedSchool("S2", "洛北县实验中学", "keep", town_code="410331001")
    near = [VillageAssignment("V1", "grades_7_9", "NEW-1", 566, 1.24, 9.0, False, village_name="文化路社区"),
            VillageAssignment("V2", "grades_7_9", "NEW-1", 255, 0.61, 6.0, False, village_name="丰收路社区"),
            VillageAssignment("V3", "grades_7_9", "S1", 600, 0.10, 3.0, False, village_name="长青社区")]
    rows = (YearRooms(2027, "NEW-1", "junior", 700, 0, 0, 0, crowded_at=(("S1", 120, 3),)),
            YearRooms(2028, "NEW-1", "junior", 760, 0, 0, 0, crowded_at=(("S1", 150, 4), ("S2", 30, 1))),
            YearRooms(2029, "NEW-1", "junior", 839, 18, 18, 0))
    return LayoutOutcome("optimal", (one, two, new), {}, year=2025, target_year=2030,
                         costs={"classroom_area_m2": 120.0}, assignments=tuple(near), transition=rows,
                         rules={"plan_date": "2026-12-05", "new_school_lead_years": 2, "rezoning_grades": rezoning})


def test_the_land_is_its_buildings_on_five_storeys_and_its_field():
    # (18 × 120 + 1,000) ÷ 5 + 8,000 = 3,160 ÷ 5 + 8,000 = 632 + 8,000 = 8,632 m²
    assert land_least(plan().schools[2], 120.0) == 8_632.0


def test_the_site_is_the_candidate_point_with_its_land_to_be_found():
    # no school name here names its 乡镇 (洛北县第一初级中学): no 乡镇 said, not its code; 丰收路社区
    # 0.61 km is the nearest community it serves (长青社区 goes to 第一初级中学)
    assert site_lines(plan()) == [
        f"{NAME}校址：本方案按片区学生分布测算的候选校址，坐标东经 112.4567 度、北纬 34.1236 度，"
        "距其服务片区中最近的丰收路社区约 0.6 公里，不是已确定的地块。用地：按本方案规模，校舍（普通教室 18 间及其他教学辅助用房）"
        "建筑面积约 3,160 平方米，按教学用房至多 5 层计占地约 632 平方米，室外体育运动场地约 8,000 平方米，合计用地至少约 8,632 平方米"
        "（宿舍、道路、绿化等用地按建设用地标准在可研中核定）；县域数据中没有该处的用地，需落实用地（待核实）。"]


LAND = ["立项、可研、选址与用地", "用地落实后方可确定",
        "候选校址不是已确定的地块，用地落实后完成立项、可行性研究、选址和用地手续；按本方案须在建设资金安排的首个学年"
        "（2027 学年）开始前即 2027 年 8 月前完成（编制日期 2026 年 12 月），否则以下各步相应顺延"]


#: the plan's years hold only with the land found before the first school year paid (hfix8 3)
IF_LAND = "（2027 年 8 月前落实用地的，为 {} 学年）"


def test_the_steps_follow_the_lead_years_and_the_wait():
    # opens 2025 + 4 = 2029; built in 2 years: paid 2027, 2028; approvals before 2027-09-01,
    # the land first (rv17 10: no fixed months for a site that is no plot); under whole 划片
    # every grade of the 片区 moves in 2029, so no 「首届七年级」 beside 「各年级齐全」 (rv17 1).
    # hfix8 3: the land is 待核实, so each later step counts from it (2 × 12 = 24 months to
    # build, open the 3rd autumn term after), its plan years said as holding only with the land
    # found by 2027-08
    assert step_rows(plan()) == [
        [NAME, *LAND],
        [NAME, "设计与建设", "用地落实后约 24 个月" + IF_LAND.format("2027—2028"),
         "建设周期 2 学年（本方案参数“新建学校建设周期”）"],
        [NAME, "招生启用", "用地落实后第 3 个秋季学期" + IF_LAND.format(2029),
         "启用当学年片区七至九年级在读学生整体转入，各年级同时开班；规划年 2030 学年初中 821 人"],
        [NAME, "年级齐全", "启用当学年" + IF_LAND.format(2029), "启用当学年即各年级齐全"],
        [NAME, "启用前过渡", "启用前" + IF_LAND.format("2027—2028"),
         "片区学生留在现就读学校：洛北县第一初级中学 2027—2028 学年超出学位最多 150 人、临时周转最多 4 间；"
         "洛北县实验中学 2028 学年超出学位最多 30 人、临时周转最多 1 间；用地晚于 2027 年 8 月落实的，过渡期相应延长"]]


def test_the_site_names_its_town_where_a_school_name_gives_it():
    p = plan()
    named = replace(p, schools=(*p.schools, PlannedSchool("S3", "城关镇中心小学", "keep", town_code="410331001")))
    assert site_lines(named)[0].startswith(f"{NAME}校址：本方案按片区学生分布测算的候选校址位于城关镇，坐标东经 112.4567 度")


def test_entry_grades_fill_the_school_a_grade_a_year():
    # rezoning_grades entry: 七年级 2029, 八年级 2030, 九年级 2031
    rows = step_rows(plan("entry"))
    assert [r[1:] for r in rows[:4]] == [
        LAND,
        ["设计与建设", "用地落实后约 24 个月" + IF_LAND.format("2027—2028"), "建设周期 2 学年（本方案参数“新建学校建设周期”）"],
        ["招生启用", "用地落实后第 3 个秋季学期" + IF_LAND.format(2029), "首届七年级入学；规划年 2030 学年初中 821 人"],
        ["年级齐全", "启用后第 3 个学年" + IF_LAND.format(2031), "此前片区在读学生留原校就读，逐年招生至 2031 学年各年级齐全"]]


def test_a_new_primary_school_takes_grades_one_to_six_under_whole():
    p = plan()
    primary = replace(p.schools[2], name="城关新区小学", added_classrooms_by_stage={"primary": 24},
                      students_after={"primary": 900})
    rows = step_rows(replace(p, schools=(*p.schools[:2], primary)))
    assert rows[2][1:] == ["招生启用", "用地落实后第 3 个秋季学期" + IF_LAND.format(2029),
                           "启用当学年片区一至六年级在读学生整体转入，各年级同时开班；规划年 2030 学年小学 900 人"]
    entry = step_rows(replace(p, schools=(*p.schools[:2], primary), rules={**p.rules, "rezoning_grades": "entry"}))
    assert [r[1:3] for r in entry[2:4]] == [["招生启用", "用地落实后第 3 个秋季学期" + IF_LAND.format(2029)],
                                            ["年级齐全", "启用后第 6 个学年" + IF_LAND.format(2034)]]
    assert entry[2][3] == "首届一年级入学；规划年 2030 学年小学 900 人"


def test_no_steps_without_a_new_school_or_its_opening():
    p = plan()
    assert step_rows(replace(p, schools=p.schools[:2])) == [] and site_lines(replace(p, schools=p.schools[:2])) == []
    assert step_rows(replace(p, year=None)) == []


def test_a_school_built_in_its_year_of_use_counts_from_the_land_too():
    # no build time: built and opened in 2029, the land needed before 2029-09-01
    rows = step_rows(replace(plan(), rules={**plan().rules, "new_school_lead_years": 0}))
    assert [r[2] for r in rows[1:4]] == ["用地落实后当学年（2029 年 8 月前落实用地的，为 2029 学年）",
                                        "用地落实后第 1 个秋季学期（2029 年 8 月前落实用地的，为 2029 学年）",
                                        "启用当学年（2029 年 8 月前落实用地的，为 2029 学年）"]
