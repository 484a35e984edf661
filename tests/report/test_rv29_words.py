"""Review rv29 findings 4, 7 and 9: the 自评报告 and the layout plan say what their figures count.

* 4: the 集团化办学 line counts 义务教育 schools' groups only (3 学前教育联盟 of 9 kindergartens
  were in 「学校联盟 8 个（24 所学校）」), as the 规划台账 counts them;
* 7: 成效 states both 大班额 bands, the one that rose too;
* 9: a school year holding only 临时周转 is no 期 of the plan.
"""

from __future__ import annotations

from datetime import date

from junheng.ledger import compute_measure
from junheng.model import CountyData
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.report.plan_rows import layout_summary, plan_when
from junheng.report.self_report.measures_done import _layout, bands_moved

SCHOOLS = [{"school_id": s, "name": f"学校{s}", "school_type": t, "ownership": "public", "town_code": "410306101",
            "urban_rural_code": "121", "boarding": False} for s, t in (
    ("P1", "primary_school"), ("P2", "primary_school"), ("J1", "junior_school"), ("T1", "teaching_point"),
    ("K1", "kindergarten"), ("K2", "kindergarten"), ("K3", "kindergarten"), ("H1", "senior_school"))]
#: 2 城乡学校联盟 of P1+P2+K1 and J1+T1, a 学前教育联盟 of K2+K3, a 共同体 of J1, a 高中 alone in one
GROUPS = [{"group_name": n, "group_type": t, "school_id": s, "role": r, "join_year": y} for n, t, s, r, y in (
    ("一小联盟", "alliance", "P1", "lead_school", 2021), ("一小联盟", "alliance", "P2", "member_school", 2022),
    ("一小联盟", "alliance", "K1", "member_school", 2020), ("一中联盟", "alliance", "J1", "lead_school", 2023),
    ("一中联盟", "alliance", "T1", "member_school", 2023), ("幼儿园联盟", "alliance", "K2", "lead_school", 2019),
    ("幼儿园联盟", "alliance", "K3", "member_school", 2019), ("一中共同体", "community", "J1", "lead_school", 2022),
    ("高中共同体", "community", "H1", "lead_school", 2018))]


def grouped() -> CountyData:
    info = {"county_code": "410306", "county_name": "示例县", "city_name": "示例市", "school_year": 2025,
            "primary_funding_quota": 720.0, "junior_funding_quota": 940.0}
    return CountyData.from_records(info, schools=SCHOOLS, school_groups=GROUPS)


def test_the_group_line_counts_compulsory_schools_groups_and_members_only():
    # 联盟: 一小联盟 (P1, P2; K1 not counted, its 2020 not the start) and 一中联盟 (J1, T1) → 2 个,
    # 3 所学校、1 个教学点, from 2021; 幼儿园联盟 (K2, K3) left out (main: 3 个, 6 所学校 …, 2019 年起);
    # 共同体: 一中共同体 only, 高中共同体 (H1) left out (main: 2 个, 2018 年起)
    assert _layout(grouped(), date(2026, 12, 7)) == [
        "推进集团化、学区化办学：现有学校联盟 2 个（3 所学校、1 个教学点参加，2021 年起）、"
        "教育共同体 1 个（1 所学校参加，2022 年起）。"]


def test_the_ledger_counts_the_same_groups():
    # the 中牟 row 「巩固10个城乡义务教育协作发展联盟」 (联盟 and 共同体): 2 + 1 = 3, the self-report's
    # figures; the 高中 alone in 高中共同体 is no 义务教育 school (main: 4)
    reading = compute_measure("school_groups", grouped(), {"group_types": ["alliance", "community"]})
    assert reading.items == ("一中共同体", "一中联盟", "一小联盟")


def test_without_a_compulsory_school_in_any_group_no_group_line_is_written():
    only = [g for g in GROUPS if g["group_name"] == "幼儿园联盟"]
    info = {"county_code": "410306", "county_name": "示例县", "city_name": "示例市", "school_year": 2025}
    assert _layout(CountyData.from_records(info, schools=SCHOOLS, school_groups=only), None) == []


def test_both_class_size_bands_are_said_the_one_that_rose_too():
    # the demo: 大班额 185 → 191 (rose), 超大班额 2 → 0; main said only 「超大班额（66 人及以上）由 2024
    # 学年 2 个减为 2025 学年 0 个（已消除）」
    bands = [("大班额（56–65 人）", 185, 191), ("超大班额（66 人及以上）", 2, 0)]
    assert bands_moved(2024, 2025, bands) == ("与 2024 学年相比，2025 学年大班额（56–65 人）由 185 个增至 191 个，"
                                              "超大班额（66 人及以上）由 2 个减为 0 个。")
    assert bands_moved(2023, 2025, [("大班额（56–65 人）", 7, 7), ("超大班额（66 人及以上）", 3, 1)]) == (
        "与 2023 学年相比，2025 学年大班额（56–65 人）仍为 7 个，超大班额（66 人及以上）由 3 个降至 1 个。")


def _school(sid: str, name: str, action: str, **kw) -> PlannedSchool:
    return PlannedSchool(sid, name, action, kind=kw.pop("kind", "primary"),
                         capacity={"primary": 0, "junior": 0}, students_after={"primary": 0, "junior": 0}, **kw)


def test_a_year_of_temporary_rooms_only_is_said_as_the_transition_not_as_a_phase():
    # 丁初中 only borrows (临时周转) in phase 2 = 2027; 甲教学点 closes in 2028, 乙初中 expands in
    # 2029: 「2027 学年临时周转过渡，2028—2029 学年分 2 期实施」 (main: 「2027—2029 学年分 3 期实施」)
    plan = LayoutOutcome("optimal", (
        _school("P", "甲教学点", "close", kind="teaching_point", merged_into="X", phase=3),
        _school("X", "乙初中", "expand", phase=4, added_classrooms=2, capital_yuan=840_000.0),
        _school("D", "丁初中", "expand", phase=2, added_classrooms=2, temporary_classrooms=2,
                capital_yuan=840_000.0, temporary_yuan=840_000.0)), {},
        scenario="默认方案", year=2025, target_year=2030, phases=4)
    assert layout_summary(plan).sentence() == (
        "布局调整方案（目标学年 2030，2027 学年临时周转过渡，2028—2029 学年分 2 期实施）：撤并教学点 1 个，"
        "扩建 1 所；另有 1 所学校不扩建，所缺教室以临时周转过渡。")
    assert plan_when(plan) == "2027 学年临时周转过渡，2028—2029 学年分 2 期实施"


def test_the_demo_county_s_measures_say_both_bands_and_the_compulsory_groups(demo_years):
    # seed 2025: 大班额 185 → 191, 超大班额 2 → 0 (main said only the latter, 「（已消除）」);
    # 学校联盟 5 of 15 schools once the 3 学前教育联盟 (9 kindergartens) are left out (main: 8, 24)
    from junheng.evaluate import evaluate
    from junheng.report.self_report.measures_done import measures_done

    before, now = demo_years
    measures = measures_done(evaluate(now), now, evaluate(before), date(2026, 12, 7))
    assert ("与 2024 学年相比，2025 学年大班额（56–65 人）由 185 个增至 191 个，超大班额（66 人及以上）由 2 个减为 0 个。"
            in measures[4].facts)
    (groups,) = [f for f in measures[2].facts if f.startswith("推进集团化")]
    assert "学校联盟 5 个（15 所学校参加，2021 年起）、教育共同体 1 个（3 所学校参加，2021 年起）" in groups
