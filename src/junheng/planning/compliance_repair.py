"""Turn any point of the compliance model into a feasible plan, and the greedy baseline.

A MILP solution of the outer approximation may still break a CV cone (the cuts approximate
it from outside) and has fractional areas. :func:`feasible_values` rounds it up to whole m²
and 100 元, then lifts the lowest units of every CV still over its limit with the engine's
water-filling (:func:`junheng.evaluate.water_fill`), buying each unit's shortfall with the
cheapest action that adds to it, schedules the spending year by year under the budget, and
completes the model's own columns (indicator flags, cone pieces). The result satisfies every
row of the model, so it is both an upper bound and a warm start for the next round.

:func:`greedy_values` is the baseline a bureau would reach by hand, school by school and then
CV by CV: every school below the rule buys the cheapest indicators up to its threshold (the
rest to 85 %), then each failing CV is water-filled.
"""

from __future__ import annotations

import numpy as np

from junheng.evaluate import water_fill
from junheng.optimize.cv_cone import piece_values
from junheng.planning.compliance_county import AREA_PER_CLASSROOM
from junheng.planning.compliance_data import EQUIPMENT_SCALE, SCHOOL_ITEM_TOTAL
from junheng.planning.compliance_model import (
    PROJECT_ITEMS,
    ComplianceModel,
    forced_cost,
    free_multimedia,
    hall_limits,
    lead_of,
    moving_staffed,
    one_off_costs,
    unit_share,
    yearly_costs,
)
from junheng.planning.compliance_model_teachers import exact_cover

#: Rounding steps of the continuous items (model units): whole m², 100 元.
STEPS = {"teaching_area": 1.0, "field": 1.0, "gym": 1.0, "lease": 1.0,
         "equipment": 100.0 / EQUIPMENT_SCALE}
#: Teacher actions that add to a teacher total, cheapest kind first (stock-limited ones first).
TEACHER_ACTIONS = {"higher_degree_teachers": ("degree_upgrade", "hire_teacher"),
                   "backbone_teachers": ("backbone_training", "hire_backbone"),
                   "pe_art_teachers": ("hire_pe_art",)}
TOLERANCE = 1e-7
MAX_PASSES = 12


def rounded(model: ComplianceModel, values) -> np.ndarray:
    """Integers rounded, areas and equipment rounded up to their steps, cone columns kept."""
    v = np.asarray(values, float).copy()
    integer = model.milp.integer
    v[integer] = np.round(v[integer])
    for item, step in STEPS.items():
        cols = model.block(item)
        v[cols] = np.ceil(np.maximum(v[cols], 0.0) / step - 1e-6) * step
    _cap_lease(model, v)
    _cap_ground(model, v)
    return v


def _cap_ground(model: ComplianceModel, v: np.ndarray) -> None:
    """Field and hall within the school's spare ground (20) after the rounding up: the field
    gives back what the two rounded up add beyond it (the ground is whole m²)."""
    ground = model.problem.schools["ground"].to_numpy(float)
    known = np.flatnonzero(np.isfinite(ground))
    field, gym = model.block("field")[known], model.block("gym")[known]
    v[field] = np.minimum(v[field], np.maximum(ground[known] - v[gym], 0.0))


def _cap_lease(model: ComplianceModel, v: np.ndarray) -> None:
    """Whole m² of leased ground within its share (9) after the rounding (the cones are
    repaired afterwards with built ground if the cut leaves a CV over its limit)."""
    costs = model.problem.costs
    if not costs.lease_allowed:
        return
    share = costs.lease_max_share
    built = v[model.block("field")] + v[model.block("gym")]
    room = share / (1 - share) * (model.problem.schools["sports_area"].to_numpy(float) + built) \
        if share < 1 else np.full(len(built), np.inf)
    lease = model.block("lease")
    v[lease] = np.minimum(v[lease], np.floor(room + 1e-9))


# --- buying a unit's shortfall -------------------------------------------------------------

def _school_options(model: ComplianceModel, total: str, school: int) -> list[str]:
    """School items adding to ``total`` at this school, cheapest usable first."""
    p, upper = model.problem, model.milp.upper
    items = [i for i, t in SCHOOL_ITEM_TOTAL.items() if t == total and i != "lease"]
    usable = [i for i in items if upper[model.block(i)[school]] > 0]
    return sorted(usable, key=lambda i: p.costs.objective_cost(i))


def buy(model: ComplianceModel, v: np.ndarray, unit: int, total: str, amount: float) -> bool:
    """Add ``amount`` to a unit's ``total`` with the cheapest action that has room; False when
    nothing can (a bound or a teacher stock is exhausted)."""
    p = model.problem
    if amount <= 0:
        return True
    if total in TEACHER_ACTIONS:
        return _buy_teachers(model, v, unit, total, int(np.ceil(amount - 1e-9)))
    row = p.units.iloc[unit]
    school = int(np.flatnonzero(p.schools["school_id"].to_numpy() == row["school_id"])[0])
    for item in _school_options(model, total, school):
        share = float(unit_share(p, item)[unit])
        if share <= 0:
            continue
        col = model.block(item)[school]
        per = EQUIPMENT_SCALE if item == "equipment" else 1.0
        step = STEPS.get(item, 1.0)
        qty = np.ceil(amount / share / per / step - 1e-9) * step
        if v[col] + qty <= model.milp.upper[col] + 1e-9:
            v[col] += qty
            _open_project(model, v, item, school)
            if item == "multimedia_room":
                _room_for_multimedia(model, v, school)
            return True
    return False


def _room_for_multimedia(model: ComplianceModel, v: np.ndarray, school: int) -> None:
    """Build the teaching area that rooms beyond today's free ones need (10)."""
    free = float(free_multimedia(model.problem)[school])
    area = model.block("teaching_area")[school]
    over = v[model.block("multimedia_room")[school]] - free - v[area] / AREA_PER_CLASSROOM
    if over > 1e-9:
        v[area] += np.ceil(over) * AREA_PER_CLASSROOM
        _open_project(model, v, "teaching_area", school)


def _open_project(model: ComplianceModel, v: np.ndarray, item: str, school: int) -> None:
    for project, items in PROJECT_ITEMS.items():
        if item in items:
            v[model.block(project)[school]] = 1.0


def _buy_teachers(model: ComplianceModel, v: np.ndarray, unit: int, total: str, count: int
                  ) -> bool:
    upper = model.milp.upper
    for item in TEACHER_ACTIONS[total]:
        col = model.block(item)[unit]
        room = int(upper[col] - v[col] + 1e-9)
        take = min(room, count)
        v[col] += take
        count -= take
        if count == 0:
            return True
    return False


# --- CVs, spending, the model's own columns -------------------------------------------------

def repair_cones(model: ComplianceModel, v: np.ndarray) -> bool:
    """Water-fill every CV over its limit until none is (additions at a school reach both of
    its stages, so passes repeat); False when an addition has no room."""
    p = model.problem
    for _ in range(MAX_PASSES):
        broken = [c for c in model.cones if c.cone.violated(v[: model.n_decisions])]
        if not broken:
            return True
        for c in broken:
            x = c.cone.values(v[: model.n_decisions])
            students = p.units["students"].to_numpy(float)[c.units]
            fill = water_fill(x, students, per=1.0, step=1e-9, limit=c.cone.limit - 1e-9)
            if fill is None:
                return False
            need = p.units[f"need_{c.indicator}"].to_numpy(float)[c.units]
            for unit, add, scale in zip(c.units, fill[0], need / students, strict=True):
                if add > 0 and not buy(model, v, int(unit), p.numerator(c.indicator),
                                       add * scale):
                    return False
    return not any(c.cone.violated(v[: model.n_decisions]) for c in model.cones)


def schedule(model: ComplianceModel, v: np.ndarray) -> bool:
    """Spread each lead group's one-off cost over its years, latest deadline last, earliest
    years first, under the budget (2) (3); False when the budget cannot hold it. When the
    budget is minimised, it is set to the least level that meets every deadline."""
    p, m = model.problem, model.milp
    years = len(p.years)
    spend = m.block("spend").reshape(len(model.lead_groups), years)
    cols, coefs = yearly_costs(p, m)
    yearly = float(coefs @ v[cols])
    totals = _group_totals(model, v)
    committed = np.array([float((p.committed or {}).get(y, 0.0)) for y in p.years])
    if model.least_budget:
        level = _least_level(model, totals, yearly)
        v[m.block("budget")] = level
        room = level - committed
    else:
        room = np.array([np.inf if p.budget is None else p.room(y) for y in p.years])
    room[-1] -= yearly if (p.budget is not None or model.least_budget) else 0.0
    v[spend.ravel()] = 0.0
    for g in np.argsort(model.lead_groups)[::-1]:
        d = model.lead_groups[g]
        left = totals[d]
        for t in range(years - d):
            take = min(left, max(room[t], 0.0))
            v[spend[g, t]] = take
            room[t] -= take
            left -= take
        if left > 1e-6 * max(1.0, totals[d]):
            return False
    return True


def _group_totals(model: ComplianceModel, v: np.ndarray) -> dict[int, float]:
    """One-off cost per lead group, forced rooms included."""
    p, m = model.problem, model.milp
    forced = _forced_by_group(model)
    out = {}
    for d in model.lead_groups:
        cols, coefs = one_off_costs(p, m, d)
        out[d] = float(coefs @ v[cols]) + forced.get(d, 0.0)
    return out


def _least_level(model: ComplianceModel, totals: dict[int, float], yearly: float) -> float:
    """The least yearly budget meeting every deadline with the committed spending (3): max
    over years of what must be spent by then (the yearly items in the last year) and what is
    committed by then, divided by the years so far, and at least each year's committed."""
    p = model.problem
    years = len(p.years)
    committed = [float((p.committed or {}).get(y, 0.0)) for y in p.years]
    level = max(committed, default=0.0)
    for t in range(years):
        due = sum(c for d, c in totals.items() if years - 1 - d <= t)
        due += yearly if t == years - 1 else 0.0
        level = max(level, (due + sum(committed[: t + 1])) / (t + 1))
    return float(np.ceil(level * 100 - 1e-6) / 100)


def _forced_by_group(model: ComplianceModel) -> dict[int, float]:
    p = model.problem
    out: dict[int, float] = {}
    for item, qty in zip(p.forced["item"], p.forced["quantity"], strict=True):
        d = lead_of(p, item)
        out[d] = out.get(d, 0.0) + forced_cost(p, item, qty)
    return out


def complete(model: ComplianceModel, v: np.ndarray) -> None:
    """Set the indicator flags (4)-(6) and the cone columns (7) from the decisions."""
    p = model.problem
    met = model.block("met").reshape(len(p.units), len(p.indicators))
    added = model.additions(v)
    for j, k in enumerate(p.indicators):
        have = p.units[f"base_{k}"].to_numpy(float) + added[k]
        v[met[:, j]] = (have >= p.units[f"need_{k}"].to_numpy(float) * (1 - 1e-12)).astype(float)
    for c in model.cones:
        mean, pieces = piece_values(c.cone, v[: model.n_decisions])
        v[c.columns.mean] = mean
        v[c.columns.pieces] = pieces


def whole_halls(model: ComplianceModel, v: np.ndarray) -> None:
    """(19) every hall built is at least the smallest whole hall: a smaller one is raised to
    it (whole m²), and the hall flags say which schools build one."""
    least, _ = hall_limits(model.milp, model.problem)
    gym, hall = model.block("gym"), model.block("hall")
    built = v[gym] > TOLERANCE
    v[gym] = np.where(built, np.maximum(v[gym], np.ceil(least - 1e-9)), v[gym])
    v[hall] = (built & (least > 0)).astype(float)


def feasible_values(model: ComplianceModel, values) -> np.ndarray | None:
    """A feasible plan near ``values`` (see the module docstring), or None."""
    v = rounded(model, values)
    exact_cover(model.problem, model.milp, v)  # (26) (27) the named plan's exchanges and hires
    if not repair_cones(model, v):
        return None
    whole_halls(model, v)
    if not schedule(model, v):
        return None
    complete(model, v)
    if model.milp.violation(v) > 1e-5 * max(1.0, np.abs(v).max()):
        return None
    return v


def greedy_values(model: ComplianceModel) -> np.ndarray | None:
    """The school-by-school, then CV-by-CV baseline (see the module docstring), or None."""
    p = model.problem
    v = np.zeros(model.milp.n_cols)
    v[model.milp.lower > 0] = model.milp.lower[model.milp.lower > 0]
    rule = p.standard.school_rule
    for u in np.flatnonzero(~p.is_exempt(p.units["school_id"])):
        if not _fix_school(model, v, int(u), rule.min_met, rule.floor_ratio):
            return None
    for u in np.flatnonzero(moving_staffed(p)):
        if not _staff_school(model, v, int(u)):
            return None
    return feasible_values(model, v)


def _staff_school(model: ComplianceModel, v: np.ndarray, u: int) -> bool:
    """(14) a school being relocated gets every teacher item in full."""
    p = model.problem
    row = p.units.iloc[u]
    return all(buy(model, v, u, p.numerator(k), float(row[f"need_{k}"]) - float(row[f"base_{k}"]))
               for k in p.indicators if p.numerator(k) in TEACHER_ACTIONS)


def _fix_school(model: ComplianceModel, v: np.ndarray, u: int, min_met: int,
                floor: float) -> bool:
    p = model.problem
    row = p.units.iloc[u]
    short = []
    for k in p.indicators:
        have, need = float(row[f"base_{k}"]), float(row[f"need_{k}"])
        if have < floor * need and not buy(model, v, u, p.numerator(k), floor * need - have):
            return False
        if have < need * (1 - 1e-12):
            short.append((_unit_cost(model, u, k) * (need - max(have, floor * need)), k, need,
                          max(have, floor * need)))
    met = len(p.indicators) - len(short)
    for _, k, need, have in sorted(short)[: max(min_met - met, 0)]:
        if not buy(model, v, u, p.numerator(k), need - have):
            return False
    return True


def _unit_cost(model: ComplianceModel, u: int, indicator: str) -> float:
    """万元 per numerator unit of the cheapest action for this unit (for ranking only)."""
    p = model.problem
    total = p.numerator(indicator)
    if total in TEACHER_ACTIONS:
        return min(p.costs.objective_cost(i) for i in TEACHER_ACTIONS[total])
    items = [i for i, t in SCHOOL_ITEM_TOTAL.items() if t == total and i != "lease"]
    return min(p.costs.objective_cost(i) for i in items)
