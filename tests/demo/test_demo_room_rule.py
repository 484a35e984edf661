"""One room count per school and year in the demo's two plans (brief hroom): the layout's
过渡期 counts a school's 普通教室 need grade by grade, as the 达标路径 does, so the 达标路径
borrows beyond the layout only where it counts what the layout does not (a school teaching
both stages, whose rooms the 达标路径 pools and the layout splits by stage)."""

from __future__ import annotations


def test_the_compliance_plan_borrows_beside_the_layout_only_at_a_school_of_both_stages(demo_run):
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
    # paid 6 + 4 + 4 room-years beside the layout's there when the layout counted seats); since
    # hseat the layout counts 新区实验学校's 小学 grade by grade in 2029 too (1 room, its years
    # over), the room-year the 达标路径 paid there: no school borrows in both plans
    assert paid & layout == set()
    names = {s.school_id: s.name for s in outcome.schools}
    fourth = {
        r.year: r.overflow for r in outcome.transition if names[r.school_id] == "洛北县第四小学"
    }
    assert {y: fourth[y] for y in (2029, 2030, 2031)} == {2029: 4, 2030: 2, 2031: 1}
