"""Rule (27)'s borrowed rooms β_i (brief hborrow5 1) as plan.json carries them and the checker reads
them, and the example county's closure under rule (27) (brief hborrow5 2): a closure waits for its
receivers' builds, not for a receiver that only borrows (临时周转)."""

from __future__ import annotations

import pytest

from junheng.io import example_county
from junheng.jobs.layout import check_note, plan_county_layout
from junheng.planning import load_layout_config
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_borrow import check_borrow_counts


def _plan(**school) -> dict:
    """A plan.json of one school 甲小学 borrowing 2 rooms in 2029 and 1 in 2030 (its target year)."""
    return {"year": 2025, "target_year": 2030, "rules": {"plan_date": "2026-12-07"},
            "schools": [{"school_id": "A", "name": "甲小学", "action": "expand", "phase": 4,
                         "temporary_target": 1, "temporary_most": 2, **school}],
            "transition": [{"year": 2029, "school_id": "A", "temporary": 2, "crowded_at": []},
                           {"year": 2030, "school_id": "A", "temporary": 1, "crowded_at": []}]}


def test_the_checker_finds_the_rooms_the_budget_does_not_build_borrowed_in_the_target_year():
    # 1 room the solve borrows in 2030 (β = 1), met by 临时周转 and borrowed then: holds; a plan
    # written before the column (no borrowed_classrooms) is not checked for it
    check_borrow_counts(_plan(temporary_classrooms=1, borrowed_classrooms=1))
    check_borrow_counts(_plan(temporary_classrooms=1))
    # 2 borrowed by the solve, 1 borrowed in 2030 by the rows
    with pytest.raises(PlanViolation) as caught:
        check_borrow_counts(_plan(temporary_classrooms=2, borrowed_classrooms=2))
    assert str(caught.value).endswith(
        "甲小学求解模型在规划年 2030 学年借用普通教室 2 间（建设预算不建），按过渡期逐年记录规划年临时周转 1 间："
        "预算不建的教室须在规划年以临时周转解决。")
    # built: the plan meets none of the school's rooms by 临时周转
    with pytest.raises(PlanViolation) as caught:
        check_borrow_counts(_plan(temporary_classrooms=0, borrowed_classrooms=1))
    assert str(caught.value).endswith(
        "甲小学求解模型在规划年 2030 学年借用普通教室 1 间（建设预算不建），以临时周转解决的教室写为 0 间："
        "预算不建的教室不新建。")


def test_a_target_year_already_begun_is_not_counted():
    # the plan's day 2030-10-01: the first school year counted is 2031, the rows of 2030 are as today
    check_borrow_counts(_plan(temporary_classrooms=2, borrowed_classrooms=2, temporary_target=0,
                              temporary_most=0) | {"rules": {"plan_date": "2030-10-01"}})


def test_the_example_countys_point_closes_before_its_receiver_borrows():
    # Rule (27) and (24) at each year's forecast grades: 河口乡九年一贯制学校's grade 1 of 2032 holds 47.9
    # pupils with 上河教学点's (2 classes of 45: 10 classes in its 9 rooms), so the solve adds 1 room,
    # which the 过渡期 borrows that year (the only year short). A closure waited for such a school's
    # listing (its first year borrowed, 2032): 上河 closed in 2033, its pupils came after the need and
    # the checker refused the plan (1 room met by 临时周转 where no year lacked one). Now 上河 closes in
    # 2028 as without rule (27), and the checker passes the plan (plan_county_layout verifies it)
    plan = plan_county_layout([example_county()], load_layout_config())
    by = {s.name: s for s in plan.outcome.schools}
    point, school = by["河口乡上河教学点"], by["河口乡九年一贯制学校"]
    assert (point.action, plan.outcome.year + point.phase) == ("close", 2028)
    assert (school.added_classrooms, school.temporary_classrooms, school.borrowed_classrooms) == (1, 1, 0)
    assert [(r.year, r.overflow, r.temporary) for r in plan.outcome.transition
            if r.school_id == school.school_id] == [(2032, 1, 1)]
    # (its CV finding as without rule (27))
    assert check_note(plan.outcome.notes) == ("方案校验：已按方案核对 16 项规则，与方案所报一致；方案差异系数 1 项超过限值"
                                              "（本方案使其超限或变差，不符合规则）")
    # the room priced at e_room = 420,000 ÷ 20 = 21,000 元 a year: 1,182,030.74 without rule (27);
    # brief hsite: the per-site cost at 1.6 万元, not 10 万元: the same plan, its 4 open sites
    # 4 × 84,000 = 336,000 元 lower than 1,203,030.74; brief hguard: 1.92 万元 (河南 minimum wage), the
    # same plan, 4 × 3,200 = 12,800 元 higher: 879,830.74
    assert plan.solution.objective == pytest.approx(879_830.74, abs=0.01)
