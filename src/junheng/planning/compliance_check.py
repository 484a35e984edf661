"""Check a compliance plan without the solver: recompute its cost and every constraint from
the actions alone, and raise on the first one broken.

The checks follow the formulation's numbers (:mod:`.compliance_model`): (1) lead times,
(2)-(3) the spending and the budget, (4)-(6) the school rule and (7) the CVs through the
evaluation engine's own functions on the county after the plan, (8) projects, (9) leased
ground, (10) multimedia rooms, (11)-(12) teachers (drawn from the unit's own teachers; rotation
pairs an outgoing with an incoming teacher), and the room and class-size items.

Examples
--------
>>> from junheng.io import example_county
>>> from junheng.planning.compliance import plan_compliance
>>> from junheng.planning.compliance_county import current_students
>>> county = example_county()
>>> plan = plan_compliance(county, current_students(county), 2028, time_limit=10)
>>> check_plan(plan.problem, plan.actions)
221.1
"""

from __future__ import annotations

import pandas as pd

from junheng.errors import JunhengError
from junheng.evaluate import evaluate
from junheng.planning.compliance_county import AREA_PER_CLASSROOM, apply_actions
from junheng.planning.compliance_data import ComplianceProblem
from junheng.planning.compliance_model import available, forced_cost, lead_of

ROOM_ITEMS = ("music_art_rooms", "music_art_room_area", "class_size")
TOLERANCE = 1e-6


class PlanCheckError(JunhengError):
    """A compliance plan breaks one of its constraints (the message says which)."""


def check_plan(problem: ComplianceProblem, actions: pd.DataFrame) -> float:
    """Raise :class:`PlanCheckError` on the first broken constraint; return the plan's total
    cost in 万元 recomputed from the unit costs."""
    total = _check_costs(problem, actions)
    _check_years(problem, actions)
    _check_budget(problem, actions)
    _check_school_items(problem, actions)
    try:
        after = apply_actions(problem.before, actions)
    except JunhengError as exc:
        raise PlanCheckError(f"(11) {exc}") from exc
    _check_engine(problem, after)
    return round(total, 2)


def _expected_cost(problem: ComplianceProblem, row) -> float:
    costs = problem.costs
    if row.forced:
        return forced_cost(problem, row.item, row.quantity)
    if row.item in costs.projects:
        return costs.projects[row.item].unit_cost * row.quantity
    item = costs.item(row.item)
    return item.unit_cost * row.quantity * (costs.recurring_years if item.recurring else 1)


def _check_costs(problem: ComplianceProblem, actions: pd.DataFrame) -> float:
    total = 0.0
    for row in actions.itertuples():
        expected = _expected_cost(problem, row)
        if abs(expected - row.cost) > TOLERANCE * max(1.0, expected):
            raise PlanCheckError(f"{row.name} {row.item} 的费用 {row.cost:.2f} 万元与单价计算的 "
                                 f"{expected:.2f} 万元不符。")
        total += expected
    return total


def _check_years(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    for row in actions.itertuples():
        last = problem.target_year - lead_of(problem, row.item)
        late = [y for y in row.funding if y > last or y < problem.data_year + 1]
        if late or (not row.forced and not available(problem, row.item)):
            raise PlanCheckError(f"(1) {row.name} {row.item} 在 {late or row.year} 年投入，"
                                 f"实施周期 {lead_of(problem, row.item)} 年，{problem.target_year} "
                                 "学年前无法投入使用。")
        if abs(sum(row.funding.values()) - (row.annual_cost or row.cost)) > 1e-3 * max(
                1.0, row.cost):
            raise PlanCheckError(f"(2) {row.name} {row.item} 的分年投入合计与费用不符。")


def _check_budget(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    if problem.budget is None:
        return
    by_year: dict[int, float] = {}
    for funding in actions["funding"]:
        for year, amount in funding.items():
            by_year[year] = by_year.get(year, 0.0) + amount
    for year, amount in sorted(by_year.items()):
        if amount > problem.budget * (1 + 1e-6) + 1e-6:
            raise PlanCheckError(f"(3) {year} 年投入 {amount:,.2f} 万元，超过年度预算 "
                                 f"{problem.budget:,.2f} 万元。")


def _check_school_items(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    schools = problem.schools.set_index("school_id")
    per = actions.pivot_table(index="school_id", columns="item", values="quantity",
                              aggfunc="sum", fill_value=0.0)
    for school, row in per.iterrows():
        get = row.get
        if school not in schools.index:
            continue
        info = schools.loc[school]
        fixed = {k: c.unit_cost > 0 for k, c in problem.costs.projects.items()}
        if fixed["building"] and get("teaching_area", 0) > 0 and get("building", 0) < 1:
            raise PlanCheckError(f"(8) {info['name']} 新增教学用房但没有建设项目。")
        if fixed["sports"] and get("field", 0) + get("gym", 0) > 0 and get("sports", 0) < 1:
            raise PlanCheckError(f"(8) {info['name']} 新建体育场馆但没有建设项目。")
        if get("field", 0) > 0 and not info["field_allowed"]:
            raise PlanCheckError(f"(8) {info['name']} 位于城区，没有新增室外运动场地的用地。")
        _check_lease(problem, info, get("lease", 0), get("field", 0) + get("gym", 0))
        rooms = info["multimedia_cap"] + get("teaching_area", 0) / AREA_PER_CLASSROOM
        if get("multimedia_room", 0) > rooms + 1e-6:
            raise PlanCheckError(f"(10) {info['name']} 配置网络多媒体教室 {get('multimedia_room'):.0f} "
                                 f"间，超过可用教室 {rooms:.0f} 间。")


def _check_lease(problem: ComplianceProblem, info: pd.Series, lease: float, built: float
                 ) -> None:
    if lease <= 0:
        return
    if not problem.costs.lease_allowed:
        raise PlanCheckError(f"(9) {info['name']} 租用校外场地，但单价文件未允许计入租用场地。")
    share = problem.costs.lease_max_share
    if lease > share * (info["sports_area"] + built + lease) + 1e-6:
        raise PlanCheckError(f"(9) {info['name']} 租用场地超过可计入的 {share:.0%}。")


def _check_engine(problem: ComplianceProblem, after) -> None:
    """(4)-(7) and the room and class-size items, judged by the evaluation engine."""
    result = evaluate(after, problem.standard)
    for f in result.verdict.failures:
        if f.id == "school_rule" or f.area == "cv" or f.id in ROOM_ITEMS:
            number = "(4)-(6)" if f.id == "school_rule" else "(7)" if f.area == "cv" else ""
            raise PlanCheckError(f"{number} 方案实施后仍未达标：{f.message}".strip())
