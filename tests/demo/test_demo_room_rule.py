"""One room count per school and year in the demo's two plans (brief hroom): the layout's
过渡期 counts a school's 普通教室 need grade by grade, as the 达标路径 does, so the 达标路径
borrows beyond the layout only where it counts what the layout does not (a school teaching
both stages, whose rooms the 达标路径 pools and the layout splits by stage)."""

from __future__ import annotations


def test_the_compliance_plan_borrows_beside_the_layout_at_no_school(demo_run):
    outcome = demo_run.plan.outcome
    actions = demo_run.compliance.actions
    paid = set(actions.loc[actions["item"] == "temporary_classroom", "school_id"])
    layout = {r.school_id for r in outcome.transition if r.overflow}
    both = {
        s.school_id
        for s in outcome.schools
        if all(s.students_after.get(st, 0) for st in ("primary", "junior"))
    }
    assert paid & layout <= both
    # the demo: 第四小学, 实验中学 and 第三初级中学 borrow in the layout alone (the 达标路径
    # paid 6 + 4 + 4 room-years beside the layout's there when the layout counted seats); brief
    # hyears 1: the layout's 过渡期 counts 新区实验学校's primary stage too (2029: 1 primary room
    # beside its junior ones, net of spare rooms), so the 达标路径 pays no room-year beside it
    names = {s.school_id: s.name for s in outcome.schools}
    assert {names[s] for s in paid & layout} == set()
    new_area = {(r.year, r.stage): r.temporary for r in outcome.transition
                if names[r.school_id] == "洛北县新区实验学校" and r.year == 2029}
    # brief hnewsch rule (T): its 6 初中 rooms built for 2030 stand in 2029 too: only the 小学 room
    assert new_area == {(2029, "junior"): 0, (2029, "primary"): 1}
    fourth = {
        r.year: r.overflow for r in outcome.transition if names[r.school_id] == "洛北县第四小学"
    }
    assert {y: fourth[y] for y in (2029, 2030, 2031)} == {2029: 4, 2030: 2, 2031: 1}
