"""Issue 16 review item 5: a new school in town takes the pupils nearest to it first
(先分流后扩建); the relief floor (12) never holds them at a farther school, and the checker
re-derives the lowered floor.

Distances as in ``layout_builders``: 0.04° of longitude at lat 34° is 3.687 km; urban
villages (111/112) travel at 12 km/h with the detour factor 1.3: 3.687 × 1.3 / 12 × 60 ≈
23.97 minutes, within the 30-minute day limit of grades 1–3.
"""

from __future__ import annotations

import pytest
from layout_builders import FLAT_COSTS, county, school, village

from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json

URBAN_TOWN = "410306001"
A, N, B = "4103060021", "4103060022", "4103060023"


def config(**kw):
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025,
            "weights": FLAT_COSTS, "today_shares": False, "keep": [N]}
    return load_layout_config(None, **{**base, **kw})


def new_school_county():
    """Urban primary A at 112.00 (12 rooms) teaching 220 pupils today: village 1 at A (60 in
    grades 1–3, 60 in 4–6) and village 2 at 112.04 (50 and 50), zoned to A. The new school N
    (a project: 12 rooms, no pupils today) stands in village 2. Urban primary B at 112.08
    (12 rooms) teaches village 3 at 112.05 (30 in grades 1–3): 0.03° (17.98 minutes) from B,
    0.01° (5.99) from N, 0.05° (29.96) from A."""
    villages = [village(1, 112.00, g13=60, g46=60, code="111", town=URBAN_TOWN),
                {**village(2, 112.04, g13=50, g46=50, code="111", town=URBAN_TOWN),
                 "zone_primary": A},
                {**village(3, 112.05, g13=30, code="111", town=URBAN_TOWN), "zone_primary": B}]
    schools = [school(A, "primary_school", 112.00, town=URBAN_TOWN, code="111"),
               school(N, "primary_school", 112.04, town=URBAN_TOWN, code="111"),
               school(B, "primary_school", 112.08, town=URBAN_TOWN, code="111")]
    rows = [{"school_id": A, "grade": f"g{g}", "class_no": "1", "students": n}
            for g, n in zip(range(1, 7), (37, 37, 36, 37, 37, 36), strict=True)]
    rows += [{"school_id": B, "grade": f"g{g}", "class_no": "1", "students": 10}
             for g in (1, 2, 3)]
    return county(villages, schools, {A: 12, N: 12, B: 12}, classes=rows)


def test_the_relief_floor_does_not_hold_pupils_nearer_to_a_new_school():
    # A expects its 220 pupils (growth 1), no overload: it may lose 10% (22), so its floor
    # was 198 and village 2's 100 pupils stayed 23.97 minutes away with N empty beside them.
    # They are nearer to N (0 minutes), so the floor no longer holds them: 198 − 100 = 98.
    # B's 30 (floor 30 − 3 = 27) are nearer to N too: 0.
    problem = build_layout_problem(new_school_county(), config())
    assert problem.sites["stay_floor"].to_dict() == {A: 98.0, N: 0.0, B: 0.0}
    plan = plan_layout(new_school_county(), config())
    got = {(a.village_id[-3:], a.stage_group): a.school_id for a in plan.outcome.assignments}
    assert got == {("001", "grades_1_3"): A, ("001", "grades_4_6"): A,
                   ("002", "grades_1_3"): N, ("002", "grades_4_6"): N, ("003", "grades_1_3"): N}
    assert {s.school_id: s.students_after["primary"] for s in plan.outcome.schools} == {
        A: 120, N: 130, B: 0}
    check_plan(plan.problem, layout_json(plan.outcome))


def test_the_checker_still_holds_a_school_to_the_pupils_no_new_school_is_nearer_to():
    # village 1's 120 pupils are A's own and nearest to A: its floor of 98 holds them
    plan = plan_layout(new_school_county(), config())
    doc = layout_json(plan.outcome)
    for a in doc["assignments"]:
        if a["village_id"].endswith("001") and a["stage_group"] == "grades_4_6":
            a.update(school_id=N, travel_min=23.97)
    for s in doc["schools"]:
        s["students_after"]["primary"] = {A: 60, N: 190, B: 0}[s["school_id"]]
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc)
    # A has room for its 220 (12 rooms, 540 seats): its village 1 leaves only for a nearer
    # school (planner review finding 9), and N is 23.97 minutes away
    # (every rule the move breaks, one line each: village 1's primary pupils split over A and
    # N, and A left with 60, under its floor of 98)
    assert err.value.lines == (
        f"村1的四至六年级转入学校{N}（单程 24.0 分钟），比现就读的学校{A}（0.0 分钟）更远，而现就读学校规划年不调整"
        "也有足够学位：学生只转入更近的学校。",
        f"就近划片：村1（城区）的小学学生被分到学校{A}、学校{N}等多所学校，应只划入一所学校。",
        f"学校{A}保留，规划年不调整时约 220 人，规划后只有 60 人，少于分流上限要求的 98 人：保留的学校只分流超出"
        "学位或校额的部分，另加不超过 10% 的学生。")


def test_a_group_leaving_its_school_never_goes_past_a_nearer_new_school():
    # village 3 may stay at B or move to N (5.99 minutes); A (29.96) lies past N: no pair
    problem = build_layout_problem(new_school_county(), config())
    pairs = problem.pairs
    assert sorted(pairs.loc[pairs["village_code"].str.endswith("003"), "site_id"]) == [N, B]
    plan = plan_layout(new_school_county(), config())
    doc = layout_json(plan.outcome)
    a = next(a for a in doc["assignments"] if a["village_id"].endswith("003"))
    a.update(school_id=A, travel_min=29.96)
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc)
    assert str(err.value) == (f"村3的一至三年级转入学校{A}（单程 30.0 分钟），越过更近的"
                              f"新建学校学校{N}（6.0 分钟）：新学校先接收离它最近的学生。")
