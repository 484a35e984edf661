"""The 达标路径 pays a build as the layout plan does (review 2026-12-04, left2 item 1): a
project of 实施周期 d is in use d school years after it starts and paid evenly in those d
years (layout_phases.payments), the yearly budget (3) holding each year's payments.

County as tests/report/test_compliance_in_use_words.py: A, 1,000 pupils in the main city,
builds a 3,000 m² hall at 0.42 万元/m² = 1,260 万元, 实施周期 2 here; B's equipment is 10 万元
(实施周期 0). Planned 2026-06-01: 2026 is the first year money can be arranged in.
"""

from __future__ import annotations

from datetime import date

import pytest

from compliance_builders import cost_file, county, primary_school
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_check import PlanCheckError, check_plan
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students


def _plan(tmp_path, target: int, budget: float | None, ready=None, opening=None):
    data = county(primary_school("A", 1000, code="111", sports_area=2.0),
                  primary_school("B", 1000, equipment_value=1600.0))
    return plan_compliance(data, current_students(data), target, time_limit=30, budget=budget,
                           costs=load_costs(cost_file(tmp_path, items__gym__lead_years=2)),
                           plan_date=date(2026, 6, 1), layout_ready=ready, opening=opening)


def _hall(plan):
    return next(r for r in plan.actions.itertuples() if r.item == "gym")


def test_a_budget_that_delays_the_hall_still_pays_it_in_the_two_years_before_use(tmp_path):
    # target 2030, 500 万元 a year: a hall started in s is paid half in s and half in s + 1,
    # starts at the latest in 2028 (in use 2030), as early as the budget allows. The payments of 2027 are half the starts of
    # 2026 and 2027, so those starts hold at most 1,000 of the 1,260: at least 260 starts in
    # 2028 and the hall is in use in 2030, with at least 130 paid in 2029 (T − 1, a year the
    # old rule "in use lead years after the last payment" never paid a 2-year build in).
    plan = _plan(tmp_path, 2030, 500.0)
    hall = _hall(plan)
    assert hall.in_use_year == 2030 and hall.lead_years == 2
    assert sum(hall.funding.values()) == pytest.approx(1260.0)
    assert hall.funding[2029] >= 130.0 - 1e-6 and max(hall.funding) == 2029
    by_year: dict[int, float] = {}
    for funding in plan.actions["funding"]:
        for year, amount in funding.items():
            by_year[year] = by_year.get(year, 0.0) + amount
    assert max(by_year.values()) <= 500.0 + 1e-6
    assert check_plan(plan.problem, plan.actions) == pytest.approx(1270.0)


def test_without_a_budget_each_build_starts_in_the_first_year(tmp_path):
    # target 2029, first year 2026: the hall starts in 2026, 630 in 2026 and 2027, in use
    # 2028; the equipment (lead 0) is paid and in use in 2026
    plan = _plan(tmp_path, 2029, None)
    hall = _hall(plan)
    assert (hall.funding, hall.in_use_year) == ({2026: 630.0, 2027: 630.0}, 2028)
    kit = next(r for r in plan.actions.itertuples() if r.item == "equipment")
    assert (kit.funding, kit.in_use_year) == ({2026: 10.0}, 2026)


def test_the_checker_refuses_a_hall_paid_in_one_year_of_its_two(tmp_path):
    # the old rule's schedule: all 1,260 in 2027, "in use 2029": paid in 2027 only, the hall is
    # in use from 2028 by the rule, yet 2 years of building need the first payment in 2026
    plan = _plan(tmp_path, 2029, None)
    actions = plan.actions.copy()
    i = next(k for k, item in enumerate(actions["item"]) if item == "gym")
    actions.at[actions.index[i], "funding"] = {2027: 1260.0}
    actions.at[actions.index[i], "in_use_year"] = 2029
    with pytest.raises(PlanCheckError) as err:
        check_plan(plan.problem, actions)
    assert str(err.value) == ("(1) A小学 新建室内体育馆（风雨操场） 在 2027 学年投入，实施周期 2 年，"
                              "应在投入使用前的 2 个学年投入、2028 学年投入使用（方案写 2029 学年）。")


def test_a_merged_halls_two_parts_share_one_schedule_and_one_ready_year():
    # review finding (left2 item 2): the layout's part of the hall at 第三初级中学 was paid in
    # 2027 and 2028 and in use in 2029, the 达标路径's part paid in the same years said 2030
    # (last payment 2028 + 2). One function now: a part started in 2027 with 2 years of
    # building is paid 2027 and 2028 (the 559.44 万元 evenly) and in use in 2029, the
    # layout's payments for a build in use in 2029 the same years and shares.
    from junheng.planning.compliance_actions import paid_from
    from junheng.planning.layout_phases import payments

    assert paid_from({2027: 559.44}, 2) == payments(559.44, 2029, 2, 0.01) == {
        2027: 279.72, 2028: 279.72}


def test_a_hall_where_the_layout_builds_one_starts_with_it(tmp_path):
    # the layout's build at A is in use in 2029: the 达标路径's hall there is part of the same
    # building, so it starts in 2029 − 2 = 2027 (630 in 2027 and 2028) and is in use in 2029,
    # not in 2028 as alone (previous test); B's equipment, no layout build there, stays 2026
    plan = _plan(tmp_path, 2029, None, ready={"4103060001": 2029})  # A
    hall = _hall(plan)
    assert (hall.funding, hall.in_use_year) == ({2027: 630.0, 2028: 630.0}, 2029)
    kit = next(r for r in plan.actions.itertuples() if r.item == "equipment")
    assert (kit.funding, kit.in_use_year) == ({2026: 10.0}, 2026)
    assert check_plan(plan.problem, plan.actions) == pytest.approx(1270.0)
    # a ready year the plan cannot start for in time (2031 − 2 is after 2029 − 2) pins nothing
    late = _hall(_plan(tmp_path, 2029, None, ready={"4103060001": 2031}))
    assert (late.funding, late.in_use_year) == ({2026: 630.0, 2027: 630.0}, 2028)


def test_nothing_is_done_at_a_new_school_before_it_opens(tmp_path):
    # review2 item 11: B, a school the layout opens in 2028, gets its 10 万元 of equipment
    # (实施周期 0) in 2028, not 2026 as in test_without_a_budget_each_build_starts_in_the_first_year;
    # A opening in 2028 too: its hall (2 years) cannot start in 2028 and be in use by 2029, so
    # it starts 2028 − 2 = 2026 and is in use as A opens (part of its construction)
    from compliance_builders import school_id

    plan = _plan(tmp_path, 2029, None, opening={school_id("B"): 2028, school_id("A"): 2028})
    kit = next(r for r in plan.actions.itertuples() if r.item == "equipment")
    assert (kit.funding, kit.in_use_year) == ({2028: 10.0}, 2028)
    hall = _hall(plan)
    assert (hall.funding, hall.in_use_year) == ({2026: 630.0, 2027: 630.0}, 2028)
    assert check_plan(plan.problem, plan.actions) == pytest.approx(1270.0)


def test_a_school_the_layout_opens_has_its_hired_teachers_from_its_first_year(tmp_path):
    # Planner review 2026-12-05 finding 15: the new 初级中学 opened in 2029 and its PE/music/art
    # teachers were 2030 学年到岗. B (1,000 pupils, 0.5 pe per 100 = 5 pe teachers) has its other
    # indicators met, so this one needs 85 % of 0.9 × 10 = 9: ⌈7.65⌉ = 8, 3 hired (实施周期 0),
    # in use in the target year 2029 at a school already open, in 2028 where the layout opens
    # B in 2028.
    from compliance_builders import school_id

    data = county(primary_school("A", 1000), primary_school("B", 1000, pe_art=0.5))
    costs = load_costs(cost_file(tmp_path))

    def hires(opening):
        plan = plan_compliance(data, current_students(data), 2029, time_limit=30, costs=costs,
                               plan_date=date(2026, 6, 1), opening=opening)
        return [(r.quantity, r.in_use_year, r.funding) for r in plan.actions.itertuples()
                if r.item == "hire_pe_art"]

    # paid from the school year they start (review rv14 N2: 「2030—2034 学年安排资金」 for
    # teachers in use from 2029): 3 × 10 万元 = 30 万元 a year for 5 years from that year
    assert hires(None) == [(3.0, 2029, dict.fromkeys(range(2029, 2034), 30.0))]
    assert hires({school_id("B"): 2028}) == [(3.0, 2028, dict.fromkeys(range(2028, 2033), 30.0))]


def test_a_new_school_of_the_layout_has_the_standard_multimedia_rooms():
    # finding 15: 2.4 rooms per 100 初中 pupils, 1,186 pupils: ⌈28.464⌉ = 29 (its 25 classrooms
    # were all it had, and the 达标路径 added 3); 2.3 per 100 of 400 小学 pupils and 2.4 of
    # 300 初中: ⌈9.2 + 7.2⌉ = 17.
    from junheng.planning.compliance_layout import standard_multimedia_rooms
    from junheng.planning.layout_outcome import PlannedSchool

    assert standard_multimedia_rooms(PlannedSchool("N", "新中学", "new",
                                                   students_after={"junior": 1186})) == 29
    assert standard_multimedia_rooms(PlannedSchool("N", "新学校", "new",
                                                   students_after={"primary": 400, "junior": 300})) == 17
