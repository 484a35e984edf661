"""Rule (27)'s rooms by stage at a 九年一贯制 school (brief hfix27): the rule pools both stages
(Σ_g k_igT − a^P_i − a^J_i − β_i ≤ R_i), so the solve is indifferent to which stage a room goes
on; the demo's 新区实验学校 got 1 primary room and 5 junior ones where its 过渡期 builds 6 junior,
then a 7th priced for the junior's target year (+21,000 元 a year) and a primary room no year from
the target used. The plan now puts each room on the stage whose classes lack it, and the checker
refuses a stage's room met by 临时周转 that no year from the target needs."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from layout_builders import COUNTY, FLAT_COSTS, school, village

from junheng.model import CountyData
from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_check_borrow import check_unused
from junheng.planning.layout_data import exempt_sites, layout_arrays
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_model import build_layout_milp, solve_layout
from junheng.planning.layout_model_receivers import target_split

N = "4103060009"


def through_county() -> CountyData:
    """One 九年一贯制 school N of 9 rooms (today 6 primary classes of 40, 3 junior of 60: 6 + 3 rooms)
    beside one village whose children are 40 of each age 0–6 and 60 of each age 7–14. In the target
    year 2030 grades 1–6 are today's ages 1–6 (40 each: 1 class of 45 each, 6 in the 6 primary
    rooms) and grades 7–9 today's ages 7–9 (60 each: 2 classes of 50 each, 6 in 3 junior rooms):
    rule (27) asks 6 + 6 − 9 = 3 rooms, the junior seats (4) ⌈(180 − 150) / 50⌉ = 1."""
    v = village(1, 112.00)
    v.update({f"age_{a}": 40 if a <= 6 else 60 for a in range(15)})
    rows = [{"school_id": N, "grade": f"g{g}", "class_no": "1", "students": 40 if g <= 6 else 60}
            for g in range(1, 10)]
    info = {"county_code": COUNTY, "county_name": "示例县", "city_name": "洛阳市",
            "school_year": 2025, "primary_funding_quota": 720, "junior_funding_quota": 940}
    return CountyData.from_records(info, villages=[v], schools=[school(N, "nine_year", 112.00)],
                                   classes=rows, facilities=[{"school_id": N, "classrooms": 9}])


def _config():
    return load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2030,
                              weights=FLAT_COSTS, cv_limits=False, plan_date=date(2026, 12, 4))


def test_the_rooms_rule_27_asks_go_on_the_stage_short_of_them():
    problem = build_layout_problem(through_county(), _config())
    arr = layout_arrays(problem, exempt_sites(problem))
    _, cols = build_layout_milp(arr)
    solution = solve_layout(problem)
    assert (solution.added_primary_rooms, solution.added_junior_rooms) == ({}, {N: 3})
    # the solve's values with the pooled row's other split (1 primary, 2 junior: the same cost,
    # the same rows met) are read back as 0 and 3, the stage whose 6 classes lack 3 rooms
    v = np.zeros(max(int(cols.a_j.max()), int(cols.x.max()), int(cols.a_p.max())) + 1, dtype=int)
    v[cols.x] = 1
    v[cols.a_p[0]], v[cols.a_j[0]] = 1, 2
    out = target_split(arr, cols, v)
    assert (out[cols.a_p[0]], out[cols.a_j[0]]) == (0, 3)


def test_the_plan_prices_the_junior_rooms_its_target_year_borrows_and_no_more():
    # before: the solve put 2 rooms on the primary stage (its 6 classes in 6 rooms: no year lacks
    # one) and 1 on the junior (its seats), the plan built the 2 primary rooms in 2029 and raised the
    # junior to 3 for its target year (rule (T)): 5 rooms, 505,000 元; now the 3 junior rooms,
    # borrowed 2027–2031 (from the rooms' first year in use 2029 a run of 3 years, within the limit):
    # 400,000 (the site) + 3 × 21,000 (420,000 元 a room over 20 years) = 463,000 元, checked
    data = through_county()
    plan = plan_layout(data, _config(), evaluate_cvs=False)
    (s,) = plan.outcome.schools
    assert (s.added_classrooms, s.added_classrooms_by_stage, s.temporary_classrooms) == (
        3, {"primary": 0, "junior": 3}, 3)
    assert (s.capacity, s.students_after) == ({"primary": 270, "junior": 300}, {"primary": 170, "junior": 180})
    assert [(r.year, r.stage, r.overflow, r.temporary) for r in plan.outcome.transition] == [
        (y, "junior", 3, 3) for y in range(2027, 2032)]
    assert plan.solution.objective == pytest.approx(463_000.0, abs=0.01)
    assert check_plan(plan.problem, layout_json(plan.outcome), data) == pytest.approx(463_000.0, abs=0.01)


def test_the_checker_refuses_a_stages_room_met_by_borrowing_that_no_year_from_the_target_needs():
    # the demo's 新区实验学校 before: 1 primary room met by 临时周转 in 2029 only (its primary seats
    # 585 hold the 462 of 2030)
    with pytest.raises(PlanViolation) as caught:
        check_unused("洛北县新区实验学校（小学）", (1, 0, 585, 45), {2029: 1, 2030: 0, 2031: 0},
                     {2029: 489, 2030: 462, 2031: 437}, 2030)
    assert str(caught.value).endswith("洛北县新区实验学校（小学）新增教室 1 间，规划年 2030 学年起各学年最多缺 0 间："
                                      "多出的 1 间规划年及以后各学年都不用，不应计入方案。")
    # its junior: 6 built, 6 short in 2030
    check_unused("洛北县新区实验学校（初中）", (6, 6, 450, 50), {2029: 6, 2030: 6, 2031: 4}, {2030: 681}, 2030)
    # a room the target year's seats need (rows (3)–(4): ⌈(180 − 150) / 50⌉ = 1) though the classes,
    # net of the other stage's spare rooms, do not: held
    check_unused("乙学校（初中）", (1, 0, 150, 50), {2030: 0}, {2030: 180}, 2030)
    # built rooms are left to the run rule's check: the old plan of through_county() (2 primary rooms
    # built for no year) is not refused here; its cause, the split, is what the solve no longer makes
    check_unused("学校4103060009（小学）", (2, 2, 270, 45), {2029: 0, 2030: 0, 2031: 0}, {2030: 170}, 2030)
