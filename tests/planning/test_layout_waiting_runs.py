"""Brief hn (issue 16): the plan itself keeps every school's 临时周转 within 3 school years in a
row, the years its pupils wait for a new school counted, on a hand-made county where renting
for 4 years is cheapest (planning.layout_runs, the checker planning.layout_check_runs).

Villages on one parallel (layout_builders), every age 0–14 alike, so each group's children
are the same every year: village 1 at 112.00 with 100 children of each age (300 in grades
7–9), village 2 at 112.10 with 300 (900). The junior school J at 112.00 has 20 rooms, 1,000
seats at 50; both villages' grades 7–9 attend it today: 1,200 pupils. The plan opens the new
school N1 at village 2 (kept: the test is the wait, not the choice), made on 2026-12-04 (first
school year 2027) with a new school's build of 4 school years: N1 opens in 2031 and village
2's 900 pupils wait at J till then, 1,200 on 1,000 seats, ⌈200 / 50⌉ = 4 rooms short in each
of 2027–2030. Renting them is 16 room-years, 32 万元 at 2 万 a room-year; 4 rooms built cost
168 万元 — renting is cheapest. An expansion is in use 2 school years after the first (2029):
the run is counted from 2029 (review rv4 4, one run start in both plans and both checkers,
planning.layout_years.run_start); 2027–2028 no build can help (unavoidable), 2029–2030 are 2
years, within the limit: the plan rents, builds nothing and names no exception. (Counted from
2027, as the layout once did, it was 4 years and an exception for the 局务会.)
"""

from __future__ import annotations

from datetime import date

import pytest
from layout_builders import TOWN, county, school, village

from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_check import check_plan
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_runs import own_breaches, run_words
from junheng.planning.layout_waiting import borrowed_rooms

J, P0, P1, N = "4103060002", "4103060003", "4103060004", "N1"
#: no per-site cost, no 公用经费 floor, no school bus: only construction and travel
NO_SITE_COST = {"operating_yuan_per_school": 0, "funding_floor_pupils": 0,
                "school_bus_yuan_per_pupil_year": 0}


def flat(n: int, lon: float, per_age: int) -> dict:
    return {**village(n, lon, code="220"), **{f"age_{a}": per_age for a in range(15)}}


def waiting_county():
    """J (20 rooms) and the primary schools P0 (20 rooms, village 1's 600: 100 a grade, 3
    classes of 45 each, 18) and P1 (42 rooms, village 2's 1,800: 300 a grade, 7 classes each,
    42; by seats 40 would do, grade by grade it lacks 2 rooms every year), which keep their
    pupils."""
    return county([flat(1, 112.00, 100), flat(2, 112.10, 300)],
                  [school(J, "junior_school", 112.00, code="220"),
                   school(P0, "primary_school", 112.00, code="220"),
                   school(P1, "primary_school", 112.10, code="220")],
                  {J: 20, P0: 20, P1: 42})


def config():
    return load_layout_config(None, **{
        "new_sites": [{"id": N, "name": "新校", "lon": 112.10, "lat": 34.0, "town_code": TOWN}],
        "keep": [N], "boarding_per_town": False, "target_year": 2030, "today_shares": False,
        "cv_limits": False, "weights": NO_SITE_COST, "plan_date": date(2026, 12, 4),
        "new_school_lead_years": 4, "expansion_lead_years": 2})


@pytest.fixture(scope="module")
def plan():
    return plan_layout(waiting_county(), config())


def test_the_plan_rents_the_wait_before_a_room_can_be_in_use(plan):
    # N1 opens in 2025 + 6 = 2031 with village 2's 900; J keeps village 1's 300 and borrows 4
    # rooms 2027–2030 (16 room-years, 32 万元, against 168 万元 built). A room built at J is
    # in use from 2027 + 2 = 2029: 2027–2028 are unavoidable, the run counted is 2029–2030, 2
    # years ≤ 3: no room built, no exception, no unmet rule; the reason says the two parts
    schools = {s.school_id: s for s in plan.outcome.schools}
    assert (schools[N].action, schools[N].phase, schools[N].students_after["junior"]) == (
        "new", 6, 900)
    j = schools[J]
    assert (j.action, j.added_classrooms_by_stage["junior"], j.temporary_classrooms,
            j.capital_yuan, j.students_after["junior"]) == ("keep", 0, 0, 0.0, 300)
    assert borrowed_rooms(plan.outcome) == {J: {2027: 4, 2028: 4, 2029: 4, 2030: 4}}
    assert [(r.year, r.crowded, r.crowded_rooms) for r in plan.outcome.transition
            if r.school_id == N and r.year < 2031] == [
        (2027, 200, 4), (2028, 200, 4), (2029, 200, 4), (2030, 200, 4)]
    assert own_breaches(plan.outcome) == {}
    assert run_words(plan.outcome) == {J: "2027—2030 学年连续 4 个学年借用教室临时周转（其中 2027—2028 学年即使新建"
                                          "教室也来不及投入使用，自 2029 学年起计 2 个学年），超过临时周转年限 3 年，需论证"}
    from junheng.planning.layout_reasons import action_reasons
    from junheng.planning.layout_unmet import unmet_labels
    assert unmet_labels(plan.outcome) == []
    assert action_reasons(plan.outcome)[J].endswith(run_words(plan.outcome)[J])


def test_the_checker_accepts_the_plan(plan):
    # the checker counts the run from 2029 too (run_start): 2 years, no refusal;
    # the rooms' yearly cost is in the objective: the checker recomputes the same
    data = waiting_county()
    assert check_plan(plan.problem, layout_json(plan.outcome), data) == pytest.approx(
        plan.outcome.objective, abs=1.0)
