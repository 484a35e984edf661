"""One basis for pupils per school (issue 16's leftovers): each school's data-year pupils are
what it reports, a 城区 community is split among the schools that serve it today, a rural
village goes whole to one school, and the checker holds plans to it.

The county (layout_builders: one step = 0.05° of longitude): an urban town with communities
A (112.00, 720 children of grades 4–6) and B (112.10, 240), and the 城区 primary schools U1
(112.00), U2 (112.05) and U3 (112.10) reporting 400, 500 and 300 pupils of grades 4–6; a
rural town with village R (112.50, 84 children) and its school RS (60 pupils).

By hand: U1–U3 report 1,200 pupils; the communities' 960 children scale to A 900 and B 300.
The least pupil-minutes: A fills U1 (0 steps, 400) and U2 (1 step, 500), B fills U3 (0
steps, 300): 500 pupil-steps; any other flow moves someone farther. So A is two parts (400
at U1, 500 at U2) and B one (300 at U3), and each school's pupils today are its reported
ones. R stays one customer: its 84 children × 60 / 84 = 60 at RS.
"""

from __future__ import annotations

import copy

import pytest
from layout_builders import TOWN, county, school, village

from junheng.jobs.layout import village_points
from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_today import SPLIT_CODES
from junheng.report.layout_map import layout_map_data

RURAL = "410306102"
U1, U2, U3, RS = "4103060101", "4103060102", "4103060103", "4103060201"


def config(**kw):
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025,
            "cv_limits": False}
    return load_layout_config(None, **{**base, **kw})


def grade4(sid: str, n: int, size: int) -> list[dict]:
    return [{"school_id": sid, "grade": "g4", "class_no": str(i), "students": size}
            for i in range(n)]


def town_county():
    villages = [village(1, 112.00, g46=720, code="111"), village(2, 112.10, g46=240, code="111"),
                village(3, 112.50, g46=84, town=RURAL)]
    schools = [school(U1, "primary_school", 112.00, code="111"),
               school(U2, "primary_school", 112.05, code="111"),
               school(U3, "primary_school", 112.10, code="111"),
               school(RS, "primary_school", 112.50, town=RURAL, code="220")]
    rows = grade4(U1, 8, 50) + grade4(U2, 10, 50) + grade4(U3, 6, 50) + grade4(RS, 2, 30)
    return county(villages, schools, {U1: 12, U2: 12, U3: 12, RS: 6}, rows)


A, B, R = "410306101001", "410306101002", "410306102003"


def test_a_town_community_is_split_among_the_schools_that_report_its_pupils():
    problem = build_layout_problem(town_county(), config())
    got = problem.customers[["village_code", "before_site", "demand"]].values.tolist()
    assert got == [[A, U1, 400], [A, U2, 500], [B, U3, 300], [R, RS, 60]]
    now = problem.now.groupby("site_id")["demand"].sum().to_dict()
    assert now == {U1: 400, U2: 500, U3: 300, RS: 60}  # 当前 = reported, school by school
    assert "111" in SPLIT_CODES


def test_the_target_year_keeps_todays_shares_part_by_part():
    # 2026: grades 4–6 are today's ages 8–10; the builder's children are on ages 9–11 only,
    # so A has 480 and B 160: A's parts 480 × 400 / 720 = 266.7 and 480 × 500 / 720 = 333.3,
    # B's 160 × 300 / 240 = 200, R's 56 × 60 / 84 = 40
    # (today's age 11 is in grades 7–9 then: the county has no junior school for them)
    problem = build_layout_problem(town_county(), config(target_year=2026))
    cust = problem.customers[problem.customers["group"] == "grades_4_6"]
    got = cust[["village_code", "before_site", "demand"]].values.tolist()
    assert got == [[A, U1, 267], [A, U2, 333], [B, U3, 200], [R, RS, 40]]


def test_the_plan_sends_each_part_whole_and_the_checker_holds_single_sourcing():
    # parts apart: without 就近划片 (community_zoning) A's parts stay at U1 and U2
    plan = plan_layout(town_county(), config(community_zoning=False), evaluate_cvs=False)
    doc = layout_json(plan.outcome)
    check_plan(plan.problem, doc)
    records = [(a["village_id"], a["school_id"], a["students"]) for a in doc["assignments"]]
    assert records == [(A, U1, 400), (A, U2, 500), (B, U3, 300), (R, RS, 60)]
    # the map names both parts of A, coloured by the larger (U2)
    points = layout_map_data(plan.outcome, village_points(town_county()))["villages"]
    assert points[0]["tip"] == ("村1：四至六年级 400 人 → 学校4103060101（0 分钟）；"
                                "四至六年级 500 人 → 学校4103060102（30 分钟）")

    split_rural = copy.deepcopy(doc)
    rural = next(a for a in split_rural["assignments"] if a["village_id"] == R)
    rural["students"] = 30
    split_rural["assignments"].append({**rural})
    with pytest.raises(PlanViolation, match="农村村居整体就读一所学校（单一来源）"):
        check_plan(plan.problem, split_rural)

    merged = copy.deepcopy(doc)  # A's two parts written as one record of 900
    merged["assignments"][0]["students"] = 900
    del merged["assignments"][1]
    with pytest.raises(PlanViolation, match="^村1的四至六年级没有分配学校或分配不全（共 1 处遗漏）。$"):
        check_plan(plan.problem, merged)

    swapped = copy.deepcopy(doc)  # the k-th record is the k-th part: 500 is not U1's 400
    one, two = swapped["assignments"][:2]
    one["students"], two["students"] = 500, 400
    with pytest.raises(PlanViolation) as err:  # every assignment that breaks the rule, one line each
        check_plan(plan.problem, swapped)
    assert err.value.lines == ("村1四至六年级学生数 500 与需求 400 不符。", "村1四至六年级学生数 400 与需求 500 不符。")


def test_without_today_shares_a_community_is_one_customer_of_its_children():
    problem = build_layout_problem(town_county(), config(today_shares=False))
    got = problem.customers[["village_code", "before_site", "demand"]].values.tolist()
    assert got == [[A, U1, 720], [B, U3, 240], [R, RS, 84]]


def point_county(p_rooms: int = 2):
    """A 中心校 C (112.00) reporting 50 pupils of grades 1–3 and 60 of 4–6, and its 教学点 P
    (112.10) reporting 10; village 1 at C and village 2 at P, 30 children in each group.
    Village 2's grades 1–3 are nearest P, its grades 4–6 at C (2 steps, 28.8 minutes)."""
    villages = [village(1, 112.00, g13=30, g46=30), village(2, 112.10, g13=30, g46=30)]
    schools = [school("C", "primary_school", 112.00), school("P", "teaching_point", 112.10,
                                                                central="C")]
    rows = ([{"school_id": "C", "grade": g, "class_no": "1", "students": n}
             for g, n in (("g1", 17), ("g2", 17), ("g3", 16), ("g4", 20), ("g5", 20),
                          ("g6", 20))]
            + [{"school_id": "P", "grade": "g1", "class_no": "1", "students": 10}])
    return county(villages, schools, {"C": 12, "P": p_rooms}, rows)


def test_a_points_villages_beyond_its_pupils_attend_their_central_school_today():
    # planner review 2026-12-03 finding 6: village 2's 30 children of grades 1–3 were all
    # taken as P's and scaled to P's 10 pupils (10 against 30 in grades 4–6), while village
    # 1's 30 were scaled up to C's 50. P keeps 10 of them; the other 20 attend C, where
    # village 2's grades 4–6 are: C's 30 + 20 children are its 50 pupils, unscaled. Village
    # 2's grades 1–3 are then 10 + 20 = 30, as its children.
    problem = build_layout_problem(point_county(), config())
    cust = problem.customers[problem.customers["group"] == "grades_1_3"]
    got = cust[["village_code", "before_site", "demand"]].values.tolist()
    v1, v2 = f"{TOWN}001", f"{TOWN}002"
    assert got == [[v1, "C", 30], [v2, "P", 10], [v2, "C", 20]]
    now = problem.now.groupby(["site_id", "group"])["demand"].sum().to_dict()
    assert now == {("C", "grades_1_3"): 50, ("C", "grades_4_6"): 60, ("P", "grades_1_3"): 10}
    # the plan holds both parts and the checker takes them as village 2's two parts
    plan = plan_layout(point_county(), config(), evaluate_cvs=False)
    check_plan(plan.problem, layout_json(plan.outcome))
    young = [(a.village_id, a.students) for a in plan.outcome.assignments
             if a.stage_group == "grades_1_3"]
    assert sorted(young) == [(v1, 30), (v2, 10), (v2, 20)]
