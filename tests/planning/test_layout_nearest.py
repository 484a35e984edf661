"""Planner review finding 9: a group whose school stays open goes to the nearest school with
room. The relief floor (12) does not hold the pupils of a school's own villages that a nearer
school, open whatever the plan decides, can seat without building; and a group leaves a
school that has room for its expected pupils only for a nearer one.

Distances as in ``layout_builders``: urban villages (111) travel at 12 km/h with the detour
factor 1.3, so 0.01° of longitude at lat 34° (0.9217 km) is 5.99 minutes.
"""

from __future__ import annotations

from layout_builders import FLAT_COSTS, county, school, village

from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_check import check_plan
from junheng.planning.layout_json import layout_json

URBAN_TOWN = "410306001"
A, F = "4103060031", "4103060032"


def config(**kw):
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025,
            "weights": FLAT_COSTS}
    return load_layout_config(None, **{**base, **kw})


def nearest_county():
    """Urban primaries A at 112.00 and F at 112.045, 12 rooms (540 seats) each, reporting 200
    and 100 pupils. Village 1 beside A (60 in grades 1–3, 60 in 4–6), village 2 at 112.03 (40
    and 40) zoned to F, nearer to it (8.99 minutes against 17.98), village 3 at 112.05 (50
    and 50) zoned to F (3.00 minutes). Today's 多校划片 (today_shares) fills F with village 3,
    its nearest, so village 2 is at A today."""
    villages = [{**village(1, 112.00, g13=60, g46=60, code="111", town=URBAN_TOWN),
                 "zone_primary": A},
                {**village(2, 112.03, g13=40, g46=40, code="111", town=URBAN_TOWN),
                 "zone_primary": F},
                {**village(3, 112.05, g13=50, g46=50, code="111", town=URBAN_TOWN),
                 "zone_primary": F}]
    schools = [school(A, "primary_school", 112.00, town=URBAN_TOWN, code="111"),
               school(F, "primary_school", 112.045, town=URBAN_TOWN, code="111")]
    rows = [{"school_id": A, "grade": f"g{g}", "class_no": "1", "students": n}
            for g, n in zip(range(1, 7), (33, 33, 34, 33, 33, 34), strict=True)]
    rows += [{"school_id": F, "grade": f"g{g}", "class_no": "1", "students": n}
             for g, n in zip(range(1, 7), (17, 17, 16, 17, 17, 16), strict=True)]
    data = county(villages, schools, {A: 12, F: 12}, classes=rows)
    # both schools have area to spare (5,000 m² of teaching and 8,000 of sports area), so the
    # receivers' per-pupil areas (rules (14)–(15)) decide nothing here
    return data.with_tables(facilities=data.facilities.assign(teaching_area=5000.0,
                                                              sports_area=8000.0))


def test_pupils_sent_far_today_go_to_the_nearest_school_with_room():
    # A expects 200, no overload: it may lose 10% (20), so its floor was 180 and held village
    # 2's 80 pupils 17.98 minutes away. F, which may not close, has 540 − 100 = 440 seats
    # free and is nearer (8.99), so the floor no longer holds them: 180 − 80 = 100. F keeps
    # its floor 90 (village 3 has no nearer school).
    problem = build_layout_problem(nearest_county(), config())
    assert problem.sites["stay_floor"].to_dict() == {A: 100.0, F: 90.0}
    plan = plan_layout(nearest_county(), config())
    got = {(a.village_id[-3:], a.stage_group): (a.school_id, a.students)
           for a in plan.outcome.assignments}
    assert got == {("001", "grades_1_3"): (A, 60), ("001", "grades_4_6"): (A, 60),
                   ("002", "grades_1_3"): (F, 40), ("002", "grades_4_6"): (F, 40),
                   ("003", "grades_1_3"): (F, 50), ("003", "grades_4_6"): (F, 50)}
    assert {s.school_id: s.students_after["primary"] for s in plan.outcome.schools} == {
        A: 120, F: 180}
    assert all(s.added_classrooms == 0 for s in plan.outcome.schools)
    check_plan(plan.problem, layout_json(plan.outcome))


def test_a_group_leaves_a_school_with_room_only_for_a_nearer_one():
    # village 1 is beside A, which has room: no pair to F (26.97 minutes); village 2 may stay
    # at A or go to the nearer F
    pairs = build_layout_problem(nearest_county(), config()).pairs
    by_village = pairs.groupby(pairs["village_code"].str[-3:])["site_id"].agg(sorted)
    assert by_village.to_dict() == {"001": [A, A], "002": [A, A, F, F], "003": [F, F]}
