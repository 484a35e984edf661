"""No closure into a school without beds for the pupils who must board there (brief hbed;
国办发〔2012〕48号 as the 2016 通报 restates it: 「并入学校住宿…不能满足需要…不得强行撤并」):
one rule (layout_boarding.boards_by_rule, unhoused_movers) for the model's rule (5), the
checker and the words of 撤并程序. A closure whose pupils board by the rule either builds
whole blocks of beds at its receiver, priced in the objective and the plan's investment, or
is not made, the kept school saying why."""

from __future__ import annotations

import pytest
from layout_builders import FLAT_COSTS, V1_PRICES, county, flat_config, school, village

from junheng.planning import plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_procedure import procedure_paragraphs, unfit_closures

S, R = "4103060011", "4103060012"


def bed_county(pupils: int = 60):
    """A small primary S at 112.00 whose 村1 sends ``pupils`` of grades 4–6 and no younger
    child, and R at 112.15 (0 beds), 村2's school: 3 steps of 14.38 minutes, 43.14 minutes
    from 村1, beyond the 30-minute day limit (within the 90 minutes a boarder may ride), so
    村1's pupils board at R by the rule; R is 村2's only school (its grades 1–3 stay)."""
    villages = [village(1, 112.00, g46=pupils), village(2, 112.15, g13=60, g46=60)]
    schools = [school(S, "primary_school", 112.00), school(R, "primary_school", 112.15)]
    return county(villages, schools, {S: 6, R: 12})


def config(operating: int = 400_000, **kw):
    # V1 prices: 1,500,000 元 a block of 50 beds, 75,000 元 a year over 20 years
    return flat_config(weights={**FLAT_COSTS, "operating_yuan_per_school": operating},
                       costs=V1_PRICES, **kw)


def _school(plan, sid):
    return next(s for s in plan.schools if s.school_id == sid)


@pytest.mark.parametrize(("pupils", "blocks"), [(60, 2), (40, 1)])
def test_a_closure_whose_pupils_must_board_builds_whole_blocks_of_beds_at_its_receiver(pupils, blocks):
    # S closes (its 400,000 元 a year against R's beds, 75,000 a block a year, and 1,500 元
    # a boarder a year): 60 boarders need ⌈60 / 50⌉ = 2 blocks, 100 beds, 2 × 1,500,000 =
    # 3,000,000 元 in the plan's investment and 150,000 元 a year in its objective; 40 need 1
    plan = plan_layout(bed_county(pupils), config())
    out = plan.outcome
    assert _school(out, S).action == "close"
    r = _school(out, R)
    assert (r.added_beds, r.beds_after, r.capital_yuan) == (50 * blocks, 50 * blocks, 1_500_000.0 * blocks)
    after = out.metrics["after"]
    assert (after["boarders"], after["capital_cost_yuan"], after["capital_annual_yuan"]) == (
        pupils, 1_500_000.0 * blocks, 75_000.0 * blocks)
    assert unfit_closures(out) == {}
    assert not any(p.startswith("不具备撤并条件") for p in procedure_paragraphs(out))
    check_plan(plan.problem, layout_json(out))


def test_a_closure_that_would_cost_more_in_beds_than_it_saves_is_not_made_and_says_why():
    # operating 50,000 元 a year: closing S costs 150,000 in beds and 90,000 in boarding a
    # year, so S stays (no minimum size here, so S may stay with 60 pupils); R, 村2's only
    # school, gets no note
    plan = plan_layout(bed_county(), config(50_000, min_school_size={"primary_school": 0}))
    out = plan.outcome
    assert (_school(out, S).action, _school(out, R).added_beds) == ("keep", 0)
    assert out.kept_reasons[S] == (
        "不撤并（应留必留）：撤并则村1四至六年级 60 人（单程约 43.1 分钟）须转入学校4103060012，按规则须寄宿，"
        "该校床位不够，须新建宿舍床位 100 张（2 组）、300.00 万元（四至九年级走读单程按直线距离估算超过 30 分钟的"
        "寄宿）；综合通行、运行和建设成本后保留更优。")
    assert "不撤并" not in out.kept_reasons.get(R, "")
    check_plan(plan.problem, layout_json(out))


def test_the_checker_refuses_a_closure_whose_boarders_have_no_bed():
    plan = plan_layout(bed_county(), config())
    doc = layout_json(plan.outcome)
    r = next(s for s in doc["schools"] if s["school_id"] == R)
    r.update(added_beds=0, beds_after=0, capital_yuan=0.0, action="keep")  # the beds struck out
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc)
    assert err.value.lines == (
        f"学校{S}撤并后转入学校{R}的学生中，60 人按规则须寄宿（四至九年级走读单程超过 30 分钟）而计划未安排床位"
        "（该校床位 0 张）：不具备撤并条件。",
        f"学校{R}寄宿生 60 人，床位只有 0 张。")
