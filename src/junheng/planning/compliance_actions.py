"""A solved compliance model read out as actions: school, item, quantity, cost and years.

One row per school (or unit, for teachers) and item; teachers rotated out of one unit and
into another are paired into moves. Every one-off action starts in the years its lead
group's spending starts in — as early as the yearly budget allows (:func:`earliest_spending`:
the solver fixes each group's total, its own timing is arbitrary), actions taken in a fixed order (forced rooms first, then schools in the county's
order), so an action may start in two years; each start is in use its lead years later and
paid evenly in the school years between (:func:`~.layout_phases.payments`, the layout plan's
rule), the action in use when its last start is; yearly items (new teachers, leases,
rotation) start in the target year. Building and sports projects carry their fixed
costs as actions of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from junheng.evaluate import evaluate
from junheng.planning.compliance_county import apply_actions
from junheng.planning.compliance_data import (
    EQUIPMENT_SCALE,
    ROTATION_TYPES,
    SCHOOL_ITEMS,
    UNIT_ITEMS,
    shared_built,
)
from junheng.planning.compliance_model import (
    PROJECT_ITEMS,
    ComplianceModel,
    forced_cost,
    lead_of,
)
from junheng.planning.compliance_rent import RENT_ITEMS, booked_by_year
from junheng.planning.compliance_rotation import exchanged, rotation_rows, with_pooled
from junheng.planning.compliance_temporary import idle_reason, temporary_reason
from junheng.planning.compliance_temporary_area import rented_reason
from junheng.planning.rotation_cover import COVER_ITEM, PRICED, backfill

ITEM_NAMES = {
    "classroom": ("新建普通教室", "间"), "music_room": ("新建音乐专用教室", "间"),
    "art_room": ("新建美术专用教室", "间"),
    "music_room_renovation": ("音乐专用教室改造扩大", "平方米"),
    "art_room_renovation": ("美术专用教室改造扩大", "平方米"),
    "music_room_repair": ("音乐专用教室维修改造（核定面积）", "平方米"),
    "art_room_repair": ("美术专用教室维修改造（核定面积）", "平方米"),
    "music_room_conversion": ("闲置普通教室改造为音乐专用教室", "间"),
    "art_room_conversion": ("闲置普通教室改造为美术专用教室", "间"),
    "teaching_area": ("新建、扩建教学及辅助用房", "平方米"),
    "field": ("新建室外体育运动场地", "平方米"), "gym": ("新建室内体育馆（风雨操场）", "平方米"),
    "lease": ("租用校外体育场地", "平方米"), "equipment": ("购置教学仪器设备", "元"),
    "multimedia_room": ("配置网络多媒体教室", "间"),
    "hire_teacher": ("招聘高于规定学历的专任教师", "人"),
    "hire_pe_art": ("招聘体育、音乐、美术专任教师", "人"),
    "hire_backbone": ("引进县级以上骨干教师", "人"),
    "degree_upgrade": ("在职教师学历提升", "人"), "backbone_training": ("培养认定县级骨干教师", "人"),
    "rotation": ("交流轮岗调出教师", "人"),
    "rotation_cover": ("招聘专任教师顶替交流轮岗调出教师（交流期间每人每年）", "人"),
    "building": ("校舍建设项目前期与管理费用", "项"), "sports": ("体育场馆项目前期与管理费用", "项"),
    "temporary_classroom": ("临时周转解决普通教室缺口（不新建）", "间·学年"),
    "temporary_area": ("租赁教学及辅助用房（独立使用，不新建）", "平方米·学年"),
    "books": ("购置图书（补足省定办学基本标准生均图书册数）", "册"),
}
#: Project (整改项目) each item belongs to, for the 整改项目清单.
PROJECT_OF = {
    "classroom": "building", "music_room": "building", "art_room": "building",
    "teaching_area": "building", "building": "building",
    "music_room_renovation": "renovation", "art_room_renovation": "renovation",
    "music_room_repair": "repair", "art_room_repair": "repair",
    "music_room_conversion": "renovation", "art_room_conversion": "renovation",
    "field": "sports", "gym": "sports", "sports": "sports", "lease": "lease",
    "equipment": "equipment", "multimedia_room": "multimedia",
    "hire_teacher": "teachers", "hire_pe_art": "teachers", "hire_backbone": "teachers",
    "degree_upgrade": "training", "backbone_training": "training", "rotation": "rotation",
    "rotation_cover": "teachers",
    "temporary_classroom": "temporary", "temporary_area": "rented_area", "books": "books",
}
#: the teachers' training items (their reason says where training before an opening is done)
TRAINING_ITEMS = tuple(k for k, v in PROJECT_OF.items() if v == "training")
COLUMNS = ("school_id", "name", "stage", "item", "quantity", "unit", "unit_cost", "cost",
           "annual_cost", "lead_years", "year", "in_use_year", "funding", "project",
           "teacher_type", "to_school_id", "to_name", "reason", "forced", "built", "exchanged",
           "pool_places")


def plan_actions(model: ComplianceModel, values, *, designate: bool = True) -> pd.DataFrame:
    """Every action of the plan ``values`` (model columns), funded year by year; with
    ``designate``, 招聘体育艺术 only as far as each unit's standard asks (:func:`designated`)."""
    v = designated(model, values) if designate else np.asarray(values, float)
    rotation = _rotation_rows(model, v)
    rows = _forced_rows(model) + _school_rows(model, v) + _unit_rows(model, v) + rotation \
        + _cover_rows(model, rotation)
    if not rows:
        return pd.DataFrame(columns=list(COLUMNS))
    frame = _fund(model, v, pd.DataFrame(rows))
    names = dict(zip(model.problem.start.schools["school_id"],
                     model.problem.start.schools["name"], strict=False))
    frame["name"] = frame["school_id"].map(names)
    frame["to_name"] = frame["to_school_id"].map(names)
    frame["project"] = frame["item"].map(PROJECT_OF)
    given = frame["built"] if "built" in frame else pd.Series(np.nan, index=frame.index)
    frame["built"] = given.fillna(pd.Series(built_quantity(model.problem, frame), index=frame.index))
    return frame[list(COLUMNS)].reset_index(drop=True)


def designated(model: ComplianceModel, values) -> np.ndarray:
    """``values`` with each unit's 招聘体育、音乐、美术专任教师 cut to what the standard asks
    there, ``⌈need⌉`` less the 体育艺术 teachers it has after the plan's other moves; the rest
    are 招聘高于规定学历专任教师 (brief hteach 1: a new school's 16 hires all named 体育艺术
    against a shortfall of 4). Both hires count once as 高于规定学历 and cost the same, so the
    solver may name any hire 体育艺术; a 体育艺术 hire costing less than the other is left as is.

    >>> from types import SimpleNamespace as NS
    >>> units = pd.DataFrame({"base_pe": [4.0], "need_pe": [7.389]})
    >>> costs = NS(objective_cost=lambda item: 50.0)
    >>> p = NS(units=units, indicators=("pe",), numerator=lambda k: "pe_art_teachers", costs=costs)
    >>> blocks = {"hire_pe_art": np.array([0]), "hire_teacher": np.array([1])}
    >>> m = NS(problem=p, block=blocks.get, additions=lambda v: {"pe": np.array([v[0]])})
    >>> designated(m, [16.0, 0.0]).tolist()  # 4 + 16 = 20 体育艺术 against ⌈7.389⌉ = 8: 12 are not
    [4.0, 12.0]
    """
    v = np.asarray(values, float).copy()
    p = model.problem
    key = next((k for k in p.indicators if p.numerator(k) == "pe_art_teachers"), None)
    cheaper = p.costs.objective_cost("hire_pe_art") < p.costs.objective_cost("hire_teacher")
    if key is None or cheaper:
        return v
    pe, other = model.block("hire_pe_art"), model.block("hire_teacher")
    after = p.units[f"base_{key}"].to_numpy(float) + model.additions(v)[key]
    need = np.ceil(p.units[f"need_{key}"].to_numpy(float) - 1e-9)
    extra = np.minimum(np.round(v[pe]), np.floor(np.maximum(after - need, 0.0) + 1e-9))
    v[pe] -= extra
    v[other] += extra
    return v


def checked_actions(model: ComplianceModel, values, failing: Callable[[Any], bool]):
    """(actions, county after them, the engine's evaluation, whether no failure is
    ``failing``): with 招聘体育艺术 as far as each unit's standard asks (:func:`designated`),
    unless the solver's own naming fails fewer of the engine's items (the extra 体育艺术
    teachers may hold a 差异系数)."""
    first, failed = _engine_checked(model, values, True, failing)
    if not failed:
        return first
    second, still = _engine_checked(model, values, False, failing)
    return second if still < failed else first


def _engine_checked(model: ComplianceModel, values, designate: bool,
                    failing: Callable[[Any], bool]) -> tuple[tuple, set]:
    """The plan's actions, the county after them, the evaluation and whether it passes; and
    the failing items (area, item, stage, unit)."""
    actions = plan_actions(model, values, designate=designate)
    after = apply_actions(model.problem.before, actions, model.problem.backbone_criteria)
    result = evaluate(after, model.problem.standard)
    failed = {(f.area, f.id, f.stage, f.unit_id) for f in result.verdict.failures if failing(f)}
    return (actions, after, result, not failed), failed


def built_quantity(problem, actions: pd.DataFrame) -> np.ndarray:
    """What the county has after each action: its quantity, except a shared item at a school
    that also teaches 高中, whose quantity is the compulsory stages' part of a building of
    quantity / compulsory share (the engine splits the whole building by the weighted pupils;
    the rest is 高中's and outside the plan)."""
    share = actions["school_id"].map(problem.schools.set_index("school_id")["share_compulsory"])
    return shared_built(actions["item"], actions["quantity"], share)


def _row(model: ComplianceModel, school: str, item: str, quantity: float, *, stage=None,
         forced: bool = False, cost: float | None = None, **extra) -> dict:
    p = model.problem
    if item in PROJECT_ITEMS:
        unit_cost, recurring = p.costs.projects[item].unit_cost, False
    elif item == "rotation":
        unit_cost, recurring = p.costs.item("rotation").unit_cost, True
    elif forced:
        unit_cost, recurring = forced_cost(p, item, 1.0), False
    else:
        c = p.costs.item(PRICED.get(item, item))
        unit_cost, recurring = c.unit_cost, c.recurring
    total = unit_cost * quantity
    return {"school_id": school, "stage": stage, "item": item, "quantity": float(quantity),
            "unit": ITEM_NAMES[item][1], "unit_cost": unit_cost,
            "cost": total * (p.costs.recurring_years if recurring else 1),
            "annual_cost": total if recurring else 0.0, "lead_years": lead_of(p, PRICED.get(item, item)),
            "forced": forced, "teacher_type": extra.get("teacher_type"),
            "to_school_id": extra.get("to_school_id"), "reason": extra.get("reason"),
            "exchanged": 0, "pool_places": 0}


def _forced_rows(model: ComplianceModel) -> list[dict]:
    f, p = model.problem.forced, model.problem
    why = {r["school_id"]: temporary_reason(r, p.peak_years)
           for r in (p.temporary if p.temporary is not None else pd.DataFrame()).to_dict("records")}
    books = {} if p.books is None else dict(zip(p.books["school_id"], p.books["reason"],
                                                strict=True))
    rented = p.rented_area.to_dict("records") if p.rented_area is not None else []
    why = {"temporary_classroom": why, "books": books,
           "classroom": {sid: idle_reason(end) for sid, end in (p.idle_end or {}).items()},
           "temporary_area": {r["school_id"]: rented_reason(r) for r in rented}}
    built = f["built"] if "built" in f else pd.Series(np.nan, index=f.index)
    return [{**_row(model, s, i, q, forced=True, reason=why.get(i, {}).get(s)), "built": b}
            for s, i, q, b in zip(f["school_id"], f["item"], f["quantity"], built, strict=True)]


def _school_rows(model: ComplianceModel, v: np.ndarray) -> list[dict]:
    schools = model.problem.schools["school_id"].to_numpy()
    projects = [p for p in PROJECT_ITEMS if model.problem.costs.projects[p].unit_cost > 0]
    rows = []
    for item in (*SCHOOL_ITEMS, *projects):
        qty = v[model.block(item)] * (EQUIPMENT_SCALE if item == "equipment" else 1.0)
        for school, q in zip(schools, qty, strict=True):
            if q > 1e-6:
                rows.append(_row(model, school, item, round(float(q), 2)))
    return rows


def _unit_rows(model: ComplianceModel, v: np.ndarray) -> list[dict]:
    units = model.problem.units
    rows = []
    for item in UNIT_ITEMS:
        for school, stage, q in zip(units["school_id"], units["stage"], v[model.block(item)],
                                    strict=True):
            if q > 0.5:
                rows.append(_row(model, school, item, round(float(q)), stage=stage))
    return rows


def _rotation_rows(model: ComplianceModel, v: np.ndarray) -> list[dict]:
    """Pair each stage's teachers rotated out with the units that take them in
    (:mod:`junheng.planning.compliance_rotation`: down the levels of (15), a reason on each
    move), each move into a unit at its 编制 an exchange (``exchanged``)."""
    p = model.problem

    def row(school, item, quantity, **extra):
        return _row(model, school, item, quantity, **extra)

    return exchanged(with_pooled(p), [r for kind in ROTATION_TYPES for r in rotation_rows(
        p.units, kind, np.round(v[model.block(f"out:{kind}")]).astype(int),
        np.round(v[model.block(f"in:{kind}")]).astype(int), row)])


def _cover_rows(model: ComplianceModel, rotation: list[dict]) -> list[dict]:
    """(26) per sending school that must hire, its ``rotation_cover`` action: the teachers the
    staffing ledger's surplus cannot put in the posts of those it rotates out
    (:func:`~.rotation_cover.backfill`; none without a ledger)."""
    return [_row(model, x["school_id"], COVER_ITEM, x["quantity"], stage=x["stage"],
                 reason=x["reason"]) for x in backfill(rotation, model.problem.staffing)]


def _fund(model: ComplianceModel, v: np.ndarray, frame: pd.DataFrame) -> pd.DataFrame:
    """Years each action is funded in: one-off actions fill their lead group's yearly
    spending in order; yearly actions are paid in each of the ``recurring_years`` years from
    the year they start (the target year; a school the layout opens earlier: its opening
    year, :func:`recurring_funding`), so every action's funding adds up to its
    cost and the years add up to the plan's total."""
    p = model.problem
    years = list(p.years)
    recurring = frame["annual_cost"] > 0
    pins = pinned_starts(p, frame)
    spend = earliest_spending(model, v, float(frame.loc[recurring, "annual_cost"].sum()),
                              start_floor(model, frame, pins),
                              0.005 * int(((frame["lead_years"] > 1) & ~recurring).sum()))
    funding: list[Mapping[int, float]] = [{} for _ in range(len(frame))]
    in_use = [p.target_year] * len(frame)
    for g, d in enumerate(model.lead_groups):
        left = list(spend[g])
        rows = np.flatnonzero((frame["lead_years"] == d).to_numpy() & ~recurring.to_numpy())
        for i in sorted(rows, key=lambda k: pins[k] is None):  # a merged part first, at its start
            starts = _take(left, years, float(frame["cost"].iloc[i]), pins[i])
            funding[i], in_use[i] = paid_from(starts, d), max(starts, default=p.target_year - d) + d
    for i in np.flatnonzero(recurring.to_numpy()):
        lead = int(frame["lead_years"].iloc[i])
        in_use[i] = p.target_year + lead
        opens = (p.opening or {}).get(frame["school_id"].iloc[i])
        if opens is not None:  # a school the layout opens has its staff from its first year
            in_use[i] = min(in_use[i], int(opens) + lead)
        # paid from the school year the teacher starts (review rv14 N2: 「2030—2034 学年安排资金」
        # for teachers 「2029—2030 学年陆续投入使用」)
        funding[i] = recurring_funding(float(frame["annual_cost"].iloc[i]), in_use[i] - lead,
                                       p.costs.recurring_years)
    frame = frame.assign(funding=funding)
    frame["funding"] = funding = booked_by_year(p, frame)  # a rent in each year it is used
    frame["year"] = [min(f) if f else p.target_year for f in funding]
    frame["in_use_year"] = [min(f) if item in RENT_ITEMS and f else u  # a rent: from its first year
                            for item, f, u in zip(frame["item"], funding, in_use, strict=True)]
    return _before_opening(frame, p.opening or {})


def _before_opening(frame: pd.DataFrame, opening: Mapping[str, int]) -> pd.DataFrame:
    """Training started before its school opens says where it is done (review2 item 11).

    >>> frame = pd.DataFrame({"school_id": ["N", "N"], "item": ["degree_upgrade", "equipment"],
    ...                       "year": [2027, 2029], "reason": [None, None]})
    >>> _before_opening(frame, {"N": 2029})["reason"].tolist()
    ['2029 学年开办前，在调入该校的教师现任学校进行', None]
    """
    early = [s in opening and i in TRAINING_ITEMS and y < opening[s]
             for s, i, y in zip(frame["school_id"], frame["item"], frame["year"], strict=True)]
    if not any(early):
        return frame
    said = [f"{opening[s]} 学年开办前，在调入该校的教师现任学校进行" if e else r
            for s, e, r in zip(frame["school_id"], early, frame["reason"], strict=True)]
    return frame.assign(reason=pd.Series(said, index=frame.index, dtype=object))


def paid_from(starts: Mapping[int, float], lead: int) -> dict[int, float]:
    """The payments of an action started in ``starts`` (year → 万元 of it started then): each
    part in use ``lead`` years on and paid evenly in the years before (the layout plan's
    :func:`~.layout_phases.payments`, each part a whole 0.01 万元 but the last).

    >>> paid_from({2027: 100.01}, 2), paid_from({2027: 4.0, 2028: 2.0}, 2)
    ({2027: 50.0, 2028: 50.01}, {2027: 2.0, 2028: 3.0, 2029: 1.0})
    >>> paid_from({2030: 5.0}, 0)
    {2030: 5.0}
    """
    from junheng.planning.layout_phases import payments

    out: dict[int, float] = {}
    for start, amount in starts.items():
        for year, part in payments(amount, start + lead, lead, 0.01).items():
            out[year] = round(out.get(year, 0.0) + part, 4)
    return dict(sorted(out.items()))


def recurring_funding(annual: float, first: int, years: int) -> dict[int, float]:
    """A yearly item's payments: ``annual`` in each of ``years`` years from ``first`` (the
    plan's total counts it for that many years, review finding 12).

    >>> recurring_funding(10.0, 2028, 3)
    {2028: 10.0, 2029: 10.0, 2030: 10.0}
    """
    return {first + k: annual for k in range(years)}


def earliest_spending(model: ComplianceModel, v: np.ndarray, yearly: float,
                      floor: np.ndarray | None = None, margin: float = 0.0) -> np.ndarray:
    """Each lead group's spending (the solver's totals) started as early as the yearly budget
    allows: a small LP over the start years (≤ target − lead) that keeps every year's payments
    (:func:`~.compliance_model.paid_in`, and ``yearly`` 万元 of yearly items in the target
    year) within what the budget leaves, the later starts weighing more; every group starts
    in the first year without a budget. ``floor`` (groups × years, :func:`start_floor`): at
    least that much starts then where the budget allows (else the LP without it). Each year
    keeps ``margin`` 万元 of the budget back (an action paid over two or more years pays whole
    0.01 万元 parts, :func:`paid_from`, so a year may take up to half a cent more per such
    action) where it can; the
    solver's timing where every LP fails (it cannot: the solver's is a solution)."""
    from scipy.optimize import linprog

    from junheng.planning.compliance_model import paid_in

    p, groups = model.problem, model.lead_groups
    years = list(p.years)
    spend = v[model.block("spend")].reshape(len(groups), len(years))
    index = np.arange(spend.size).reshape(spend.shape)
    eq = np.zeros((len(groups), spend.size))
    for g in range(len(groups)):
        eq[g, index[g]] = 1.0
    rows, caps = [], []
    for t, year in enumerate(years if p.budget is not None else ()):
        row = np.zeros(spend.size)
        cols, parts = paid_in(index, groups, t)
        np.add.at(row, cols, parts)
        rows.append(row)
        caps.append(p.room(year) - (yearly if year == p.target_year else 0.0) + 1e-6)
    weights = np.tile(np.arange(1, len(years) + 1, dtype=float), len(groups))
    lows = ([] if floor is None else [np.minimum(floor, spend.sum(axis=1)[:, None])]) + [
        np.zeros(spend.shape)]
    for low, back in [(low, back) for back in (margin, 0.0) for low in lows]:
        bounds = [(float(low[g, s]), None if years[s] <= p.target_year - d else 0)
                  for g, d in enumerate(groups) for s in range(len(years))]
        found = linprog(weights, A_ub=np.array(rows) if rows else None,
                        b_ub=[c - back for c in caps] or None,
                        A_eq=eq, b_eq=spend.sum(axis=1), bounds=bounds, method="highs")
        if found.success:
            return found.x.reshape(spend.shape)
    return spend


def start_floor(model: ComplianceModel, frame: pd.DataFrame, pins: list[int | None]
                ) -> np.ndarray:
    """Per lead group and plan year, the cost of the actions pinned to start then."""
    years, groups = list(model.problem.years), model.lead_groups
    floor = np.zeros((len(groups), len(years)))
    for start, d, cost in zip(pins, frame["lead_years"], frame["cost"], strict=True):
        if start is not None:
            floor[groups.index(int(d)), years.index(start)] += float(cost)
    return floor


def pinned_starts(p, frame: pd.DataFrame) -> list[int | None]:
    """Per action, the start year that makes it part of one building with the layout's at
    its school (the same item, plans_together.SHARED_ITEMS: in use in the layout's ready year,
    ``problem.layout_ready``), a 临时周转's first year (``problem.temporary``), at a school
    the layout opens (``problem.opening``) its opening year, or the year that puts it in use
    then when that is too late for the target (review2 item 11: nothing there before it
    opens but its construction, and training in the teachers' current schools), or None (no
    such build, a yearly item, or a start outside the plan years)."""
    from junheng.planning.plans_together import SHARED_ITEMS

    shared, ready = {i[3] for i in SHARED_ITEMS}, p.layout_ready or {}
    temporary = {} if p.temporary is None or p.temporary.empty else dict(
        zip(p.temporary["school_id"], p.temporary["first"], strict=True))
    out: list[int | None] = []
    for sid, item, d, yearly in zip(frame["school_id"], frame["item"], frame["lead_years"],
                                    frame["annual_cost"] > 0, strict=True):
        s = ready[sid] - int(d) if sid in ready and item in shared and not yearly else None
        if item == "temporary_classroom":  # paid when its first year met so begins
            s = int(temporary[sid]) if sid in temporary else None
        if item == "temporary_area":  # rented from the target year, the year it is evaluated
            s = p.target_year
        if sid in (p.opening or {}) and not yearly:
            s = opening_start(p.opening[sid], int(d), p.target_year)
        out.append(s if s is not None and p.first_year <= s <= p.target_year - int(d) else None)
    return out


def opening_start(opens: int, lead: int, target_year: int) -> int:
    """The start of a one-off action at a school opening in ``opens``: that year when the
    action is then done by the target year, else the year that has it done as the school opens.

    >>> opening_start(2029, 0, 2030), opening_start(2029, 1, 2030), opening_start(2029, 2, 2030)
    (2029, 2029, 2027)
    """
    return opens if opens + lead <= target_year else opens - lead


def _take(left: list[float], years: list[int], amount: float,
          start: int | None = None) -> dict[int, float]:
    """Take ``amount`` from the yearly amounts ``left``, from ``start``'s year first when
    given, then earliest first."""
    out = {}
    order = list(enumerate(years))
    if start in years:
        order.insert(0, order.pop(years.index(start)))
    for t, year in order:
        if amount <= 1e-9:
            break
        part = min(left[t], amount)
        if part > 1e-9:
            out[year] = round(part, 4)
            left[t] -= part
            amount -= part
    if amount > 1e-6:
        last = max(out) if out else years[-1]
        out[last] = round(out.get(last, 0.0) + amount, 4)
    return out
