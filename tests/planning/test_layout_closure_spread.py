"""分期撤并: closures spread over the plan's phases, smallest first (planner review: 64
教学点 all closed in 2027 while the plan said 分 3 期), on a hand-made county worked by hand.

A central school C (12 rooms) at 112.00 and four 教学点 P1–P4 at 112.01–112.04 with 10, 20,
30 and 40 pupils today; each point's village is at the point. The plan must close the four
(``close``); C has room for all, so no closure waits for a build. Made on 2026-12-04 (data
year 2025), the plan acts from 2027 (phase 2) in 3 phases: 2027, 2028, 2029.
"""

from __future__ import annotations

from datetime import date

from layout_builders import county, flat_config, school, village

from junheng.planning import plan_layout
from junheng.planning.layout_check import check_plan
from junheng.planning.layout_json import layout_json

POINTS = {"P1": 10, "P2": 20, "P3": 30, "P4": 40}


def points_county():
    villages = [village(k, 112.00 + k / 100, g13=n) for k, n in enumerate(POINTS.values(), 1)]
    schools = [school("C", "primary_school", 112.00)]
    schools += [
        school(p, "teaching_point", 112.00 + k / 100, central="C") for k, p in enumerate(POINTS, 1)
    ]
    classes = [
        {"school_id": p, "grade": "g1", "class_no": "1", "students": n} for p, n in POINTS.items()
    ]
    return county(villages, schools, {"C": 12, **dict.fromkeys(POINTS, 2)}, classes=classes)


def config(**kw):
    return flat_config(**{"close": list(POINTS), "plan_date": date(2026, 12, 4), **kw})


def test_closures_are_spread_over_the_phases_smallest_first():
    plan = plan_layout(points_county(), config(), evaluate_cvs=False)
    schools = {s.school_id: s for s in plan.outcome.schools}
    # four closures over 3 phases from phase 2: the i-th smallest (i from 0) closes in phase
    # 2 + ⌊3i / 4⌋: P1 (10) and P2 (20) in 2 + 0 (2027), P3 (30) in 2 + ⌊6/4⌋ = 3 (2028),
    # P4 (40) in 2 + ⌊9/4⌋ = 4 (2029)
    assert {p: schools[p].phase for p in POINTS} == {"P1": 2, "P2": 2, "P3": 3, "P4": 4}
    assert all(schools[p].action == "close" for p in POINTS)
    note = next(n for n in plan.outcome.notes if "分期撤并" in n)
    assert note.endswith(
        "分期撤并：撤并按现有在校生由少到多分 3 期（2027—2029 学年）实施，每期约 1/3，规模最小的先撤并；"
        "等待接收学校建设的在其建成后的下一学年撤并（先建后撤），预计少于小规模学校标准后撤并的学校在该学年撤并。"
        "各学年撤并：2027 学年教学点 2 个，2028 学年教学点 1 个，2029 学年教学点 1 个。"
    )
    check_plan(plan.problem, layout_json(plan.outcome))


def test_one_phase_closes_everything_in_the_first_school_year():
    plan = plan_layout(points_county(), config(phases=1), evaluate_cvs=False)
    assert {s.phase for s in plan.outcome.schools if s.action == "close"} == {2}
