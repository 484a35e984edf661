"""新校优先: a 建设项目's new school next to an overfull school takes its pupils before the
plan builds classrooms for them (planner review: 城东新区第二小学 17% used beside crowded
urban schools), on a hand-made county worked out by hand.

A (10 rooms: 450 places at 45 a class) teaches 2,200 pupils today (50 classes of 44); its two
城区 communities, both zoned to A, have 150 children in grades 1–3 and 150 in grades 4–6
each: 600 expected in the target year, 150 over A's places. N, a new school with 20 rooms
(900 places) and no pupils (kept: a project's school), is 0.0025° east of A; village 1 is at
A, village 2 0.001° east of it, 0.0015° (0.899 minutes at 12 km/h, detour 1.3) from N.
"""

from __future__ import annotations

import math

import pytest
from layout_builders import county, flat_config, school, village

from junheng.planning import plan_layout
from junheng.planning.layout_check import check_plan
from junheng.planning.layout_json import layout_json

URBAN_TOWN = "410306001"
R = 6371.0088
#: minutes from village 2 to N: 0.0015° of longitude at lat 34°, ×1.3 detour, 12 km/h
V2_TO_N = (
    2 * R * math.asin(math.cos(math.radians(34)) * math.sin(math.radians(0.00075))) * 1.3 / 12 * 60
)


def overfull_county(new_lon: float = 112.0025):
    villages = [
        {**village(n, lon, g13=150, g46=150, code="111", town=URBAN_TOWN), "zone_primary": "A"}
        for n, lon in ((1, 112.000), (2, 112.001))
    ]
    schools = [
        school("A", "primary_school", 112.000, town=URBAN_TOWN, code="111"),
        school("N", "primary_school", new_lon, town=URBAN_TOWN, code="111"),
    ]
    rows = [
        {"school_id": "A", "grade": g, "class_no": str(i + 1), "students": 44}
        for g in ("g1", "g2", "g3", "g4", "g5")
        for i in range(10)
    ]
    return county(villages, schools, {"A": 10, "N": 20}, classes=rows)


def config(**kw):
    return flat_config(**{"keep": ["N"], **kw})


def test_the_new_school_takes_the_overfull_schools_pupils_before_a_classroom_is_built():
    plan = plan_layout(overfull_county(), config(), evaluate_cvs=False)
    sites = plan.problem.sites
    # A's overload is 600 − 450 = 150; the relief floor (12) would keep 450, which only both
    # villages (600) meet, so A built ⌈150 / 45⌉ = 4 rooms while N stood empty. N is within
    # the day limit (30 minutes) and has 900 places: the floor no longer holds the group it
    # has room for until the overload is met (one group of 150: 450 − 150 = 300).
    assert sites.at["A", "expected"] == 600 and sites.at["A", "stay_floor"] == 300
    schools = {s["school_id"]: s for s in layout_json(plan.outcome)["schools"]}
    # village 2 (grades 1–6 together, 就近划片) goes to N: 300 there, 300 stay, no room built
    assert schools["A"]["students_after"]["primary"] == 300
    assert schools["N"]["students_after"]["primary"] == 300
    assert schools["A"]["added_classrooms"] == 0 and schools["A"]["action"] == "keep"
    # two open sites at 400,000 元 and village 2's 300 pupils at 72 元 per pupil-minute
    assert plan.solution.objective == pytest.approx(2 * 400_000 + 72 * 300 * V2_TO_N, rel=1e-6)
    check_plan(plan.problem, layout_json(plan.outcome))


def test_a_new_school_beyond_the_day_limit_leaves_the_overfull_school_to_build():
    # N 0.1° east of A: village 2 is 0.099° from it, 0.099 × 111.32 × cos 34° = 9.14 km in a
    # straight line, over the 5 km from which a 城区 pupil rides the school bus: 11.88 km of
    # road at 20 km/h, 35.6 minutes, beyond the day limit of 30 (at 0.06° it was 21.2 minutes
    # by bus, within it): the floor holds 450 as before and A builds its rooms: 4 by seats, 7 grade
    # by grade in the target year (rule (27): grades 1–3 100 a grade, 3 classes each; grades 4–6 at
    # A's 0.5, 0.5, 0 of its classes today, 150, 4 each: 17 classes in 10 rooms).
    plan = plan_layout(overfull_county(112.10), config(), evaluate_cvs=False)
    assert plan.problem.sites.at["A", "stay_floor"] == 450
    a = next(s for s in layout_json(plan.outcome)["schools"] if s["school_id"] == "A")
    assert a["students_after"]["primary"] == 600 and a["added_classrooms"] == 7


def test_the_new_schools_note_gives_the_trips_of_each_schools_villages_to_it():
    # the note's figures (layout_reasons.trip_minutes): A's villages are 0.0015° (village 2)
    # and 0.0025° (village 1) from N, both stages' groups at A today
    from junheng.planning.layout_reasons import trip_minutes

    plan = plan_layout(overfull_county(), config(), evaluate_cvs=False)
    v1 = V2_TO_N * math.sin(math.radians(0.00125)) / math.sin(math.radians(0.00075))
    lo, hi = trip_minutes(plan.problem, "N")[("A", "小学")]
    assert (lo, hi) == (pytest.approx(V2_TO_N, rel=1e-9), pytest.approx(v1, rel=1e-9))
    assert round(lo, 3) == 0.899 and round(hi, 3) == 1.498
