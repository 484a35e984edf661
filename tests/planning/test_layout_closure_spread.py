"""分期撤并: closures spread over the plan's phases, smallest first (planner review: 64
教学点 all closed in 2027 while the plan said 分 3 期), on a hand-made county worked by hand.

A central school C (12 rooms) at 112.00 and four 教学点 P1–P4 at 112.01–112.04 with 10, 20,
30 and 40 pupils today; each point's village is at the point. The plan must close the four
(``close``); C has room for all, so no closure waits for a build. Made on 2026-09-15 (data
year 2025: 2026 学年 begun, 2027's 论证报告 due by 2026-09-30 not yet overdue), the plan acts
from 2027 (phase 2) in 3 phases: 2027, 2028, 2029. Made on 2026-12-04, 2027's 论证报告 is
overdue (review rv13 5): closures from 2028 (phase 3), spread to the plan's last phase 2029.
"""

from __future__ import annotations

from datetime import date

import pytest
from layout_builders import county, flat_config, school, village

from junheng.planning import plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
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


SEPTEMBER, DECEMBER = date(2026, 9, 15), date(2026, 12, 4)


def config(**kw):
    return flat_config(**{"close": list(POINTS), "plan_date": SEPTEMBER, **kw})


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
        "分期撤并：撤并在 2027—2029 学年的 3 个学年实施：按现有在校生由少到多排入 2027—2029 学年，每学年约 1/3，规模最小的先撤并；"
        "等待接收学校建设的在其建成后的下一学年撤并（先建后撤），预计少于小规模学校标准后撤并的学校在该学年撤并。"
        "各学年撤并：2027 学年教学点 2 个，2028 学年教学点 1 个，2029 学年教学点 1 个。"
    )
    check_plan(plan.problem, layout_json(plan.outcome))
    # rv2 9: plan.json counts the school years acted in (2027, 2028, 2029: 3), as the note
    # does, not the last phase (4 = 2029 − 2025)
    assert layout_json(plan.outcome)["phases"] == 3


def test_one_phase_closes_everything_in_the_first_school_year():
    plan = plan_layout(points_county(), config(phases=1), evaluate_cvs=False)
    assert {s.phase for s in plan.outcome.schools if s.action == "close"} == {2}


def test_a_closure_into_a_school_whose_project_is_unfinished_waits_for_its_school_year():
    # Review 2026-12-05 finding 4: 上桃寨村教学点 closed into 余下洼村小学 in the school year its
    # 规划 迁建 was due. Here C's 改扩建 (规划) is due 2028-08-01, but not begun on the plan's day
    # (2026-12-04): review rv 13, in use no sooner than the first school year 2027 + its build
    # time (expansion_lead_years 2) = 2029 (phase 4), so P1, P2 and P3, spread to 2027–2028,
    # wait for it; P4 (2029) closes as spread. Target year 2028 (ages 3–5 as many as 6–8, so
    # the points keep their grades 1–3 pupils).
    import pandas as pd

    data = points_county()
    villages = data.villages.copy()
    for a in (3, 4, 5):
        villages[f"age_{a}"] = villages[f"age_{a + 3}"]
    project = {"school_id": "C", "name": "学校C教学楼改扩建", "project_type": "expansion",
               "completion_date": pd.Timestamp("2028-08-01"), "status": "planned",
               "added_places": 45}
    data = data.with_tables(villages=villages, projects=pd.DataFrame([project]).astype(
        {"added_places": "Int64"}))
    plan = plan_layout(data, config(target_year=2028, plan_date=DECEMBER), evaluate_cvs=False)
    schools = {s.school_id: s for s in plan.outcome.schools}
    assert {p: schools[p].phase for p in POINTS} == {"P1": 4, "P2": 4, "P3": 4, "P4": 4}
    # each closure into C says it waits for the project, and from which school year at the earliest
    assert schools["P1"].condition == (
        # rv5 11: one date with its reason, no second 「（最早 2029 学年）」
        "（先建后撤：学校C改扩建项目竣工投入使用后撤并，原计划 2028 年 8 月竣工，按未开工改扩建项目的建设周期最早 "
        "2029 学年投入使用，撤并安排在该学年；项目现为规划状态（未开工），尚不能作为保障，"
        "推迟竣工则撤并顺延）")
    assert schools["P4"].condition == schools["P1"].condition
    # a project begun (在建) due before the first school year holds nothing back
    early = data.with_tables(projects=data.projects.assign(
        completion_date=pd.Timestamp("2026-08-01"), status="under_construction"))
    plan = plan_layout(early, config(target_year=2028), evaluate_cvs=False)
    assert {s.school_id: s.phase for s in plan.outcome.schools if s.action == "close"} == {
        "P1": 2, "P2": 2, "P3": 3, "P4": 4}


def test_a_plan_made_after_the_first_years_report_was_due_closes_nothing_that_year():
    # rv13 5: made 2026-12-04, a 2027 closure's 论证报告 was due by 2026-09-30: the first
    # closure year is 2028 (phase 3), and the closures spread over what is left of the plan's
    # 3 phases from 2027 (2027–2029): 2028 and 2029, k = 2; the i-th smallest (i from 0) in
    # 3 + ⌊2i / 4⌋: P1, P2 in 3 (2028), P3, P4 in 3 + ⌊4/4⌋ = 3 + ⌊6/4⌋ = 4 (2029)
    plan = plan_layout(points_county(), config(plan_date=DECEMBER), evaluate_cvs=False)
    schools = {s.school_id: s for s in plan.outcome.schools}
    assert {p: schools[p].phase for p in POINTS} == {"P1": 3, "P2": 3, "P3": 4, "P4": 4}
    note = next(n for n in plan.outcome.notes if "分期撤并" in n)
    assert note.endswith(
        "撤并须先完成逐点论证报告，再听证、公示、报批（见“撤并程序”）：2027 学年撤并的论证报告期限（2026 年 9 月底）"
        "在编制日期 2026 年 12 月 4 日前已过，撤并最早自 2028 学年起实施。"
        "分期撤并：撤并在 2028—2029 学年的 2 个学年实施：按现有在校生由少到多排入 2028—2029 学年，每学年约 1/2，"
        "规模最小的先撤并；等待接收学校建设的在其建成后的下一学年撤并（先建后撤），预计少于小规模学校标准后撤并的学校"
        "在该学年撤并。各学年撤并：2028 学年教学点 2 个，2029 学年教学点 2 个。"
    )
    check_plan(plan.problem, layout_json(plan.outcome))
    # one phase: everything in the first school year closures may use, 2028
    one = plan_layout(points_county(), config(plan_date=DECEMBER, phases=1), evaluate_cvs=False)
    assert {s.phase for s in one.outcome.schools if s.action == "close"} == {3}


def test_the_checker_refuses_a_closure_whose_report_was_due_before_the_plan_date():
    plan = plan_layout(points_county(), config(plan_date=DECEMBER), evaluate_cvs=False)
    edited = layout_json(plan.outcome)
    for s in edited["schools"]:  # P1 and P2 moved back to 2027 by hand
        if s["school_id"] in ("P1", "P2"):
            s["phase"] = 2
    with pytest.raises(PlanViolation) as caught:
        check_plan(plan.problem, edited)
    # 2027 − 1 = 2026: report due by 2026 年 9 月底; made 2026-12-04 (after 9-30): from 2026 + 2
    assert caught.value.lines == (
        "学校P1在 2027 学年撤并，其逐点论证报告须在 2026 年 9 月底前完成，编制日期 2026 年 12 月 4 日已过此期限，"
        "撤并应不早于 2028 学年。",
        "学校P2在 2027 学年撤并，其逐点论证报告须在 2026 年 9 月底前完成，编制日期 2026 年 12 月 4 日已过此期限，"
        "撤并应不早于 2028 学年。")
    # made on 2026-09-15 the same 2027 closures are on time
    early = plan_layout(points_county(), config(), evaluate_cvs=False)
    assert {s.phase for s in early.outcome.schools if s.action == "close"} == {2, 3, 4}
    check_plan(early.problem, layout_json(early.outcome))
