"""The compliance path (达标路径) as a mixed-integer model with second-order cones.

Sets: unit schools ``s`` (a school and the teaching points merged into it), evaluation units
``u = (s, g)`` of stage ``g``, the seven resource indicators ``k``, plan years ``y`` (the
first school year not yet begun on the plan's day ``plan_date``, at least data year + 1, …
target year ``T``), lead-time groups ``d`` (years from funding to use).

Data: per unit the students ``Pᵤ``, the indicator's numerator today ``Nᵤₖ`` (after the forced
rooms) and the numerator the threshold asks for ``nᵤₖ = tₖ Pᵤ / perₖ``; the share ``σₛ₉`` of
an addition at school ``s`` that reaches its stage-``g`` unit (the engine's 1 : 1.1 : 1.32
split); teacher stocks; unit costs ``c`` (万元), yearly items counted for ``R`` years;
the floor ``f`` = 0.85 and ``min_met`` = 6 of the school rule; CV limits ``c₉``; budget ``B``;
``Cᵧ`` 万元 already committed in year ``y`` (a layout plan's one-off construction).

Variables (integer where the real thing is): per school teaching area, outdoor field, gym and
leased ground (m², continuous), equipment (万元, continuous), multimedia rooms (integer),
building and sports project indicators and a hall indicator (binary); per unit hires of 高于规定学历 teachers, of
体育/音乐/美术 teachers and of backbone teachers, degree upgrades, backbone training
(integer), teachers rotated out and in by type (integer); ``zᵤₖ`` indicator met (binary);
spending per lead group and year (万元, continuous).

Objective: one-off costs + project fixed costs + R × yearly costs (+ the forced rooms' cost,
a constant).

Constraints (numbered as in the code):

(1) an item with lead time ``d`` starts in years ≤ T − d (spending bounds): the spending of
    lead group ``d`` started in year ``s`` is in use from ``s + d`` and paid evenly in the
    ``d`` school years ``s … s + d − 1`` before it (in ``s`` itself when ``d`` = 0), the rule
    of the layout plan (:func:`~.layout_phases.payments`, docs/plan-yaml.md);
(2) per lead group, the year-by-year spending adds up to the group's one-off cost;
(3) per year, what is paid in it (every group's spending started in the ``d`` years up to
    it, a ``d``-th of each; and in year T the first year of the yearly items) ≤ ``max(B − Cᵧ, 0)``
    (what the budget leaves once the committed spending is counted: both plans keep ``B``
    where this plan can move its items to later years; a year whose ``Cᵧ`` alone exceeds
    ``B`` gets none of this plan's spending); for the least budget that works, ``B`` is a
    column whose cost outweighs every plan cost (``BUDGET_WEIGHT``) and the row is
    spending + ``Cᵧ`` ≤ ``B``, so the model finds the smallest yearly budget both plans fit
    in and then the cheapest plan within it;
(4) ``zᵤₖ = 1`` only if ``Nᵤₖ + Aᵤₖ(v) ≥ nᵤₖ``, where ``Aᵤₖ`` adds every action's effect;
(5) every indicator reaches the floor: ``Nᵤₖ + Aᵤₖ(v) ≥ f nᵤₖ``; for the sports area, a
    unit below it is lifted to it with the margin ``m`` (``land.floor_margin``, 0.02: a plan
    landing on exactly 85 % fails with one pupil more), ``Aᵤₖ(v) ≥ min((1 + m) f nᵤₖ − Nᵤₖ, Mᵤ)`` with ``Mᵤ`` the most the school's largest hall
    (``gym_max_area`` built), field (only with land) and lease can add: what is short beyond
    it is unresolved (征地、租用场地或布局分流，需论证), never priced;
(6) ``Σₖ zᵤₖ ≥ min_met``;
(7) per stage and indicator, the student-weighted CV of ``(N + A(v)) / n`` is ≤ ``c₉`` — a
    second-order cone, held as a lifted outer approximation that cuts tighten
    (:mod:`junheng.optimize.cv_cone`); not for the indicators in ``problem.free_cv`` (set
    only when no plan meets the limit with each school's gym capped at its own shortfall:
    the plan then says the CV still fails and needs 布局分流);
(8) area is only added with a building project, field and gym only with a sports project;
(9) leased ground is at most ``max_share`` of the sports area it counts in (0 where the
    standard does not allow it);
(10) multimedia rooms fit in the school's teaching rooms, today's and those the added area
     holds (one per ``AREA_PER_CLASSROOM`` m²), in compulsory-stage terms: rooms ≤
     ``Σ_{compulsory} σₛ`` × today's free rooms + area / ``AREA_PER_CLASSROOM``;
(11) upgrades, training and rotation draw on the unit's own teachers of that kind (training:
     those who qualify by data, :mod:`.backbone_criteria`);
(12) per stage and type, teachers rotated in = teachers rotated out;
(13) no action at a 民办 school ``s ∈ Π`` (``problem.private``): its school columns, its units'
     teacher columns and rotation in and out are 0, and (4)-(6) do not apply to its units
     (its 举办者 funds it; it stays as reported in every CV (7));
(13a) with a staffing ledger, a unit hires at most the posts its teachers leave open and those
     of its teachers over the 编制 (the ledger's ``hire`` + ``surplus`` at its school and
     stage) and no 体育艺术 teacher while one of its stage
     is still over its unit's need (:func:`~.hire_rule.hire_caps`, rv14 N2, N3);
(14) no building at a school being relocated ``s ∈ Ρ`` (``problem.no_build``): its area,
     field, gym, lease and multimedia-room columns are 0 (equipment and teachers stay
     allowed), and (4)-(6) do not apply to its units (its new campus is the project's), except
     that each teacher indicator is met in full (``zᵤₖ = 1`` in (4)): a project builds, it
     does not hire (review finding 1).
(15) 交流轮岗 goes 城镇 → 乡村 and 优质 → 薄弱: with ``ℓᵤ`` the unit's level within its stage
     (城区, 镇区, 乡村 by the 城乡分类 code, then more 骨干教师 per 专任教师 first; equal keys
     share a level), per stage, type and level ``L``: ``Σ_{ℓᵤ ≤ L} inᵤ ≤ Σ_{ℓᵤ < L} outᵤ``, so
     every incoming teacher can come from a unit of a strictly lower level
     (:mod:`junheng.planning.compliance_rotation`; within one 城乡 class, levels are tiers of
     骨干教师 share at least 5 points apart).
(16) a unit sends at most ⌈20%⌉ of its teachers of a type: ``outᵤₖ ≤ ⌈0.2 · stockᵤₖ⌉``
     (a column bound; ``compliance_rotation.max_out``).
(17) idle rooms before new rooms (a rule on the forced actions, no column): with ``Iₛ`` the
     school's 普通教室 beyond its target-year classes and ``Qₛ`` the music and art rooms the
     room item asks for, ``min(Iₛ, Qₛ)`` rooms are converted (music first; ``room_conversion``
     by the room's standard area, no building project) and only ``Qₛ − min(Iₛ, Qₛ)`` built
     (:func:`junheng.planning.compliance_data.forced_actions`); a room's area gap of fewer than
     ``rooms.repair_below`` m² of a kind at a school is a 维修改造（核定面积） item, the same
     area at the same price (:func:`junheng.planning.compliance_data.repairs_apart`).
(18) teachers follow pupils before any 招聘 (after a layout plan; no column either): the county
     the model starts from has the teachers redeployed from schools the layout took pupils
     from to the schools that gained them (:mod:`junheng.planning.compliance_redeploy`), so a
     hire at a receiving school is only for what no sender of its 乡镇 and stage can spare.
(19) a hall is built whole or not at all: with the binary ``hallₛ``, ``Gₛ hallₛ ≤ gymₛ ≤ Uₛ
     hallₛ``, ``Gₛ`` the smallest buildable hall (``gym_min_area`` built, in compulsory-stage
     terms, less a layout plan's hall there; costs.yaml) and ``Uₛ`` the gym column's bound,
     which is at least ``Gₛ`` where the school is short of sports area at all: a school whose
     gap is smaller builds the whole hall or meets the gap otherwise (field, lease, or 6 of 7
     indicators with sports area at the floor) — review finding 9, no 209 m² hall.
(20) a field and a hall stand on the school's own ground: ``fieldₛ + gymₛ ≤ Gₛ`` with
     ``Gₛ`` its spare ground (占地面积 − 校舍建筑面积 − 体育运动场馆面积, the layout plan's
     :func:`~.layout_ground.spare_ground`, times the compulsory share) where the data give it;
     a field is then allowed in any 城乡分类 up to that ground, a hall only where its smallest
     size fits (:func:`~.halls.on_ground`); what is short beyond is land to buy, priced apart
     (:mod:`~.compliance_sports_path`; planner review tb 1–2: land priced at schools with
     3,893–12,701 m² free, a 1,646 m² hall on 144 m²).
(23) 骨干教师 are at least the standard's share ``β`` (rotation_backbone_share, 0.2) of all the
     teachers rotated, those a receiver at its 编制 sends back in an exchange included: with
     ``eᵤ ≥ 0`` (continuous) the teachers unit ``u`` exchanges, ``eᵤ ≥ Σₖ (inᵤₖ − outᵤₖ) −
     max(Qᵤ − Tᵤ, 0)`` (``Qᵤ = ⌈Pᵤ / r⌉`` its 编制, ``Tᵤ`` its teachers: a move into a unit at
     its 编制 counts twice) and ``Σᵤ Σ_{k 骨干} inᵤₖ ≥ β (Σᵤ Σₖ inᵤₖ + Σᵤ eᵤ)``
     (:func:`~.compliance_rotation.exchange_room`, :func:`~.compliance_rotation.exchanged`).
(24) ``eᵤ = 0`` where ``u``'s school sent ``Gᵤ > 0`` teachers of its stage by 县管校聘调剂 (no
     swap back): a teacher rotated in takes one of their places, (23)'s room is ``+ Gᵤ``.
(25) ``eᵤ + Σₖ outᵤₖ ≤ Eᵤ``, its teachers the 交流轮岗 rules let rotate (stocks.exchangeable).
(26) the posts of the teachers rotated out are filled for the rotation's years (a rotated
     teacher's 编制 stays at his school): by the teachers exchanged back, then by the staffing
     ledger's teachers beyond the 编制 of the stage ``L₉`` (``problem.staffing``,
     :func:`~.rotation_cover.stage_surplus`), the rest hired: with ``h₉ ≥ 0`` per stage,
     ``h₉ ≥ Σ_{u∈g} Σₖ outᵤₖ − Σ_{u∈g} eᵤ − L₉`` at ``hire_teacher`` × R each (the backfill
     :func:`~.rotation_cover.cover_rows` names school by school; none without a ledger). The
     model may send from a stage with surplus to avoid a hire (brief hrot6).
(27) ``eᵤ`` is exactly ``max(0, Σₖ (inᵤₖ − outᵤₖ) − roomᵤ)`` (the exchanges the named plan
     makes, :func:`~.compliance_rotation.exchanged`), else (26) would count exchanges no plan
     makes: with ``δᵤ ∈ {0, 1}``, ``eᵤ ≤ min(Eᵤ, Σₖ īnᵤₖ) δᵤ`` and ``eᵤ ≤ Σₖ (inᵤₖ − outᵤₖ) −
     roomᵤ + (roomᵤ + Σₖ ōutᵤₖ)(1 − δᵤ)`` (where (24) leaves ``eᵤ`` free; only with a ledger).

Column units: a shared item (area, ground, equipment, multimedia rooms) at a school that also
teaches 高中 is counted as the compulsory stages' part ``x``; it reaches the stage-``g`` unit
by ``σₛ₉ / Σ_{compulsory} σₛ``, and the county after the plan has the whole building
``x / Σ_{compulsory} σₛ`` that the engine splits (whole rooms: ``⌈x / Σ_{compulsory} σₛ⌉``,
at least the effect the model counts; the rest is 高中's, outside the plan).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from junheng.optimize import Milp
from junheng.optimize.cv_cone import ConeColumns, WeightedCvCone
from junheng.planning.compliance_county import AREA_PER_CLASSROOM, FACILITY_EFFECTS, ROOM_AREA
from junheng.planning.compliance_data import (
    EQUIPMENT_SCALE,
    ROTATION_TYPES,
    SCHOOL_ITEM_TOTAL,
    SCHOOL_ITEMS,
    SHARED_ITEMS,
    TEACHER_EFFECTS,
    UNIT_ITEMS,
    ComplianceProblem,
)
from junheng.planning.compliance_model_teachers import cover_blocks, teacher_rows
from junheng.planning.compliance_rotation import max_out, pooled, with_pooled
from junheng.planning.halls import sports_reach
from junheng.planning.hire_rule import hire_caps
from junheng.planning.rotation_cover import COVER_PRICED_AS

#: Cost item of each forced action (万元 per unit: area items by their m²).
FORCED_COST_ITEM = {"classroom": "teaching_area", "music_room": "teaching_area",
                    "art_room": "teaching_area", "music_room_renovation": "room_renovation",
                    "art_room_renovation": "room_renovation",
                    "music_room_repair": "room_renovation", "art_room_repair": "room_renovation",
                    "music_room_conversion": "room_conversion",
                    "art_room_conversion": "room_conversion",
                    "temporary_classroom": "temporary_room", "temporary_area": "temporary_room",
                    "books": "books"}
#: m² a converted room is priced by (its standard area, rule (17)); rented area is priced as
#: a 临时周转 room of AREA_PER_CLASSROOM m² (compliance_temporary_area)
CONVERSION_AREA = {"music_room_conversion": ROOM_AREA["music_room"],
                   "art_room_conversion": ROOM_AREA["art_room"],
                   "temporary_area": 1.0 / AREA_PER_CLASSROOM}
PROJECT_ITEMS = {"building": ("teaching_area",), "sports": ("field", "gym")}
TEACHER_TOTALS = ("higher_degree_teachers", "backbone_teachers", "pe_art_teachers")
#: 万元 of plan cost one 万元 a year of budget is worth when the budget itself is minimised.
BUDGET_WEIGHT = 1000.0


@dataclass(frozen=True)
class StageCone:
    """One CV constraint (7): its stage, indicator, cone and the cone's columns."""

    stage: str
    indicator: str
    cone: WeightedCvCone
    columns: ConeColumns
    units: np.ndarray


@dataclass(frozen=True, eq=False)
class ComplianceModel:
    """The MILP of a :class:`ComplianceProblem` with its cones (the MILP grows by cuts)."""

    problem: ComplianceProblem
    milp: Milp
    effects: Mapping[str, sp.csr_matrix]
    cones: tuple[StageCone, ...]
    n_decisions: int
    constant: float
    lead_groups: tuple[int, ...]
    least_budget: bool = False

    def block(self, name: str) -> np.ndarray:
        return self.milp.block(name)

    def additions(self, values) -> dict[str, np.ndarray]:
        """Per indicator, what the plan adds to each unit's numerator."""
        v = np.asarray(values, float)[: self.n_decisions]
        return {k: e @ v for k, e in self.effects.items()}


def lead_of(problem: ComplianceProblem, item: str) -> int:
    if item in PROJECT_ITEMS:
        return min(problem.costs.item(i).lead_years for i in PROJECT_ITEMS[item])
    return problem.costs.item(FORCED_COST_ITEM.get(item, item)).lead_years


def available(problem: ComplianceProblem, item: str) -> bool:
    """Whether an item funded by the latest allowed year is in use by the target year (1)."""
    return problem.target_year - lead_of(problem, item) >= problem.first_year


def build_model(problem: ComplianceProblem, *, least_budget: bool = False) -> ComplianceModel:
    """The MILP (1)-(20) and (23)-(27) with the initial outer approximation of every cone; with
    ``least_budget`` the yearly budget is a column to minimise (see (3))."""
    m = Milp()
    _school_blocks(m, problem)
    _unit_blocks(m, problem)
    cover_blocks(m, problem)                                           # (26) (27)
    _project_blocks(m, problem)
    n_ind = len(problem.indicators)
    m.add_block("met", cost=np.zeros(len(problem.units) * n_ind), lower=0, upper=1,
                integer=True)
    groups = tuple(sorted({lead_of(problem, i) for i in
                           (*SCHOOL_ITEMS, *UNIT_ITEMS, "rotation", *FORCED_COST_ITEM,
                            *PROJECT_ITEMS)}))
    _spend_block(m, problem, groups)
    if least_budget:
        m.add_block("budget", cost=[BUDGET_WEIGHT], lower=0, upper=np.inf, integer=False)
    effects = _effects(m, problem)
    constant = _spending_rows(m, problem, groups, least_budget)        # (1) (2) (3)
    _school_rule_rows(m, problem, effects)                             # (4) (5) (6)
    n_decisions = m.n_cols
    cones = _cones(m, problem, effects, n_decisions)                   # (7)
    _project_rows(m, problem)                                          # (8) (9) (19)
    teacher_rows(m, problem)                       # (11) (12) (15) (23) (25) (26) (27)
    return ComplianceModel(problem, m, effects, cones, n_decisions, constant, groups,
                           least_budget)


# --- columns ---------------------------------------------------------------------------------

def _school_blocks(m: Milp, p: ComplianceProblem) -> None:
    s, costs = p.schools, p.costs
    bounds = {
        "teaching_area": s["bound_teaching_area"],
        "field": s["bound_field"],
        "gym": s["bound_gym"],
        "lease": s["bound_sports_area"] if costs.lease_allowed else np.zeros(len(s)),
        "equipment": s["bound_equipment_value"] / EQUIPMENT_SCALE,
        "multimedia_room": free_multimedia(p) + s["bound_teaching_area"] / AREA_PER_CLASSROOM,
    }
    for item in SCHOOL_ITEMS:
        unit_cost = costs.objective_cost(item) * (EQUIPMENT_SCALE if item == "equipment" else 1)
        upper = np.asarray(bounds[item], float) * available(p, item)     # (1)
        upper = np.where(p.is_private(s["school_id"]), 0.0, upper)       # (13)
        if item != "equipment":
            upper = np.where(p.is_no_build(s["school_id"]), 0.0, upper)  # (14)
        m.add_block(item, cost=np.full(len(s), unit_cost), lower=0, upper=upper,
                    integer=item == "multimedia_room")


def _unit_blocks(m: Milp, p: ComplianceProblem) -> None:
    u, stocks = p.units, p.stocks
    public = ~p.is_private(u["school_id"])                              # (13)
    hires = np.ceil(np.maximum(u["need_higher_degree_teachers_per_100"], 5.0)).to_numpy()
    caps = hire_caps(p.staffing, u)  # the posts left; no 体育艺术 hire beside a spare one
    upper = {**{item: np.minimum(hires, cap) for item, cap in caps.items()},
             "degree_upgrade": stocks["non_higher"], "backbone_training": stocks["trainable"]}
    for item in UNIT_ITEMS:
        m.add_block(item, cost=np.full(len(u), p.costs.objective_cost(item)), lower=0,
                    upper=np.asarray(upper[item], float) * available(p, item) * public,
                    integer=True)
    rotation = p.costs.objective_cost("rotation")
    on = available(p, "rotation")
    for kind in ROTATION_TYPES:
        total = stocks.groupby(u["stage"])[kind].transform("sum").to_numpy(float)
        m.add_block(f"out:{kind}", cost=np.zeros(len(u)), lower=0,               # (16)
                    upper=max_out(stocks[kind].to_numpy(float)) * on * public, integer=True)
        m.add_block(f"in:{kind}", cost=np.full(len(u), rotation), lower=0,
                    upper=total * on * public, integer=True)
    m.add_block("exchanged", cost=np.zeros(len(u)), lower=0, integer=False,     # (23) (24)
                upper=np.where(pooled(with_pooled(p)) > 0, 0.0, np.inf))


def _project_blocks(m: Milp, p: ComplianceProblem) -> None:
    forced = set(p.forced.loc[p.forced["item"].isin(("classroom", "music_room", "art_room")),
                              "school_id"])
    building_lower = p.schools["school_id"].isin(forced).to_numpy(float)
    for project, lower in (("building", building_lower), ("sports", 0.0)):
        m.add_block(project, cost=np.full(len(p.schools), p.costs.projects[project].unit_cost),
                    lower=lower, upper=1, integer=True)
    least, _ = hall_limits(m, p)
    m.add_block("hall", cost=np.zeros(len(p.schools)), lower=0,                  # (19)
                upper=(least > 0).astype(float), integer=True)


def hall_limits(m: Milp, p: ComplianceProblem) -> tuple[np.ndarray, np.ndarray]:
    """Per school, ``Gₛ`` and ``Uₛ`` of (19): the smallest whole hall (never above the gym
    column's bound; 0 where no hall may be built) and that bound."""
    upper = m.upper[m.block("gym")]
    return np.minimum(p.schools["least_gym"].to_numpy(float), upper), upper


def _spend_block(m: Milp, p: ComplianceProblem, groups: tuple[int, ...]) -> None:
    years = np.array(p.years)
    upper = [np.where(years <= p.target_year - d, np.inf, 0.0) for d in groups]  # (1)
    m.add_block("spend", cost=np.zeros(len(groups) * len(years)), lower=0,
                upper=np.concatenate(upper), integer=False)


# --- effects of the actions on the unit numerators ----------------------------------------

def _effects(m: Milp, p: ComplianceProblem) -> dict[str, sp.csr_matrix]:
    """indicator → (units × columns): numerator added per unit of each column."""
    units = p.units
    pos = pd.Index(p.schools["school_id"]).get_indexer(units["school_id"])
    rows = np.arange(len(units))
    by_total: dict[str, list] = {}
    for item in SCHOOL_ITEMS:
        scale = EQUIPMENT_SCALE if item == "equipment" else 1.0
        share = unit_share(p, item)
        by_total.setdefault(SCHOOL_ITEM_TOTAL[item], []).append(
            (rows, m.block(item)[pos], share * scale))
    for item, effect in TEACHER_EFFECTS.items():
        blocks = [(item, 1.0)] if item in UNIT_ITEMS else [(f"in:{item}", 1.0),
                                                          (f"out:{item}", -1.0)]
        for total, per in effect.items():
            for block, sign in blocks:
                by_total.setdefault(total, []).append(
                    (rows, m.block(block), np.full(len(units), sign * per)))
    out = {}
    for k in p.indicators:
        parts = by_total.get(p.numerator(k), [])
        r = np.concatenate([a for a, _, _ in parts]) if parts else np.zeros(0, int)
        c = np.concatenate([b for _, b, _ in parts]) if parts else np.zeros(0, int)
        v = np.concatenate([x for _, _, x in parts]) if parts else np.zeros(0)
        out[k] = sp.csr_matrix((v, (r, c)), shape=(len(units), m.n_cols))
    return out


def free_multimedia(p: ComplianceProblem) -> np.ndarray:
    """Per school, the compulsory stages' part of the rooms free for multimedia today."""
    s = p.schools
    return s["multimedia_cap"].to_numpy(float) * s["share_compulsory"].to_numpy(float)


def unit_share(p: ComplianceProblem, item: str) -> np.ndarray:
    """Per unit, what one unit of a school item adds to the unit's numerator: the school's
    compulsory-stage reach for the shared items (their column is the compulsory part), the
    engine's stage share otherwise."""
    pos = pd.Index(p.schools["school_id"]).get_indexer(p.units["school_id"])
    kind = "reach" if item in SHARED_ITEMS else "share"
    return np.where(p.units["stage"] == "primary",
                    p.schools[f"{kind}_primary"].to_numpy(float)[pos],
                    p.schools[f"{kind}_junior"].to_numpy(float)[pos])


# --- rows -------------------------------------------------------------------------------------

def one_off_costs(p: ComplianceProblem, m: Milp, group: int) -> tuple[np.ndarray, np.ndarray]:
    """Columns and 万元 per unit of the one-off items of a lead group."""
    cols, coefs = [], []
    for item in (*SCHOOL_ITEMS, *UNIT_ITEMS):
        cost = p.costs.item(item)
        if not cost.recurring and lead_of(p, item) == group:
            block = m.block(item)
            scale = EQUIPMENT_SCALE if item == "equipment" else 1.0
            cols.append(block)
            coefs.append(np.full(len(block), cost.unit_cost * scale))
    for project in PROJECT_ITEMS:
        if lead_of(p, project) == group:
            cols.append(m.block(project))
            coefs.append(np.full(len(p.schools), p.costs.projects[project].unit_cost))
    return (np.concatenate(cols) if cols else np.zeros(0, int),
            np.concatenate(coefs) if coefs else np.zeros(0))


def yearly_costs(p: ComplianceProblem, m: Milp) -> tuple[np.ndarray, np.ndarray]:
    """Columns and 万元 per unit per year of the yearly items (first paid in year T)."""
    cols, coefs = [], []
    for item in (*SCHOOL_ITEMS, *UNIT_ITEMS):
        if p.costs.item(item).recurring:
            cols.append(m.block(item))
            coefs.append(np.full(len(m.block(item)), p.costs.item(item).unit_cost))
    for kind in ROTATION_TYPES:
        cols.append(m.block(f"in:{kind}"))
        coefs.append(np.full(len(p.units), p.costs.item("rotation").unit_cost))
    cols.append(m.block("cover"))                                       # (26)
    coefs.append(np.full(len(m.block("cover")), p.costs.item(COVER_PRICED_AS).unit_cost))
    return np.concatenate(cols), np.concatenate(coefs)


def forced_cost(p: ComplianceProblem, item: str, quantity: float) -> float:
    """万元 of a forced action: rooms by their area at the building cost, a converted room
    by its standard area at the conversion cost (17)."""
    per = FACILITY_EFFECTS[item].get("teaching_area", 1.0) if item in (
        "classroom", "music_room", "art_room") else CONVERSION_AREA.get(item, 1.0)
    return quantity * per * p.costs.item(FORCED_COST_ITEM[item]).unit_cost


def _spending_rows(m: Milp, p: ComplianceProblem, groups: tuple[int, ...],
                   least_budget: bool) -> float:
    spend = m.block("spend").reshape(len(groups), len(p.years))
    forced = p.forced.assign(cost=[forced_cost(p, i, q) for i, q in
                                   zip(p.forced["item"], p.forced["quantity"], strict=True)],
                             group=[lead_of(p, i) for i in p.forced["item"]])
    for g, d in enumerate(groups):
        cols, coefs = one_off_costs(p, m, d)
        fixed = float(forced.loc[forced["group"] == d, "cost"].sum())
        m.add_row("(2)", np.r_[spend[g], cols], np.r_[np.ones(len(p.years)), -coefs],
                  lo=fixed, hi=fixed)
    if p.budget is not None or least_budget:
        ycols, ycoefs = yearly_costs(p, m)
        cap = m.block("budget") if least_budget else np.zeros(0, int)
        for t, year in enumerate(p.years):
            last = year == p.target_year
            paid, parts = paid_in(spend, groups, t)
            cols = np.r_[paid, ycols, cap] if last else np.r_[paid, cap]
            coefs = np.r_[parts, ycoefs if last else [], -np.ones(len(cap))]
            m.add_row("(3)", cols, coefs, hi=-_committed(p, year) if least_budget
                      else p.room(year))
    return float(forced["cost"].sum())


def paid_in(spend: np.ndarray, groups: tuple[int, ...], t: int) -> tuple[np.ndarray, np.ndarray]:
    """The spending columns paid in year index ``t`` and the share of each paid then (3): a
    group of lead ``d`` ≥ 1 started in the ``d`` years up to ``t``, a ``d``-th each; lead 0
    started in ``t``, whole.

    >>> cols, parts = paid_in(np.arange(6).reshape(2, 3), (0, 2), 1)
    >>> cols.tolist(), parts.tolist()
    ([1, 3, 4], [1.0, 0.5, 0.5])
    """
    cols, parts = [], []
    for g, d in enumerate(groups):
        for s in range(max(0, t - max(d, 1) + 1), t + 1):
            cols.append(spend[g, s])
            parts.append(1.0 / max(d, 1))
    return np.asarray(cols, int), np.asarray(parts, float)


def _committed(p: ComplianceProblem, year: int) -> float:
    """万元 already committed in ``year`` (3)."""
    return float((p.committed or {}).get(year, 0.0))


def _school_rule_rows(m: Milp, p: ComplianceProblem, effects: Mapping[str, sp.csr_matrix]
                      ) -> None:
    units, rule = p.units, p.standard.school_rule
    met = m.block("met").reshape(len(units), len(p.indicators))
    can_fall = (p.stocks[list(ROTATION_TYPES)].sum(axis=1) > 0).to_numpy()
    private = p.is_exempt(units["school_id"])                           # (13), (14)
    staffed = moving_staffed(p)                                         # (14) teachers
    most = sports_most(p)
    for j, k in enumerate(p.indicators):
        base = units[f"base_{k}"].to_numpy(float)
        need = units[f"need_{k}"].to_numpy(float)
        teacher = p.numerator(k) in TEACHER_TOTALS
        skip = private & ~(staffed & teacher)
        short = ((base < need * (1 - 1e-12)) | (can_fall & teacher)) & ~skip
        m.set_bounds(met[(~short & ~skip) | (staffed & teacher), j], lower=1.0)
        rows = np.flatnonzero(short)
        e = effects[k][rows].tocoo()
        local = np.arange(len(rows))
        # (4) Aᵤₖ − nᵤₖ zᵤₖ ≥ −Nᵤₖ
        m.add_rows("(4)", np.r_[e.row, local], np.r_[e.col, met[rows, j]],
                   np.r_[e.data, -need[rows]], -base[rows], np.inf, count=len(rows))
        # (5) Aᵤₖ ≥ min(f nᵤₖ − Nᵤₖ, Mᵤ): sports area at most what the capped hall and
        # the field can add (Mᵤ, sports_reach); what is short then stays unresolved
        floor = rule.floor_ratio * need[rows] - base[rows]
        if p.numerator(k) == "sports_area":  # lifted to the floor with its margin (5)
            floor = np.minimum(np.where(floor > 0, floor + margin_m2(p, need[rows]), floor),
                               most[rows])
        m.add_rows("(5)", e.row, e.col, e.data, floor, np.inf, count=len(rows))
    # (6) Σₖ zᵤₖ ≥ min_met
    public = np.flatnonzero(~private)
    m.add_rows("(6)", np.repeat(np.arange(len(public)), len(p.indicators)),
               met[public].ravel(), 1.0, np.full(len(public), float(rule.min_met)), np.inf)


def margin_m2(p: ComplianceProblem, need: np.ndarray) -> np.ndarray:
    """The m² above the school rule's floor a unit lifted to it gets (5): ``floor_margin``
    of the floor (``costs.yaml``; review tb 4: halls built to exactly 85 %)."""
    return p.costs.floor_margin * p.standard.school_rule.floor_ratio * need


def moving_staffed(p: ComplianceProblem) -> np.ndarray:
    """Per unit, whether it is at a public school being relocated, whose teacher items the
    plan still meets in full (14): its project builds the campus, the plan staffs it."""
    ids = p.units["school_id"]
    return p.is_no_build(ids) & ~p.is_private(ids)


def sports_most(p: ComplianceProblem) -> np.ndarray:
    """Per unit, the most sports area its school may add (:func:`.sports_reach`)."""
    share = p.costs.lease_max_share if p.costs.lease_allowed else 0.0
    return sports_reach(p.schools, p.units, share)


def sports_blocked_units(p: ComplianceProblem) -> np.ndarray:
    """Per unit, whether even the most its school may add leaves its sports area under the
    school rule's floor: (5) then asks for that most, and the school stays unresolved."""
    k = next((k for k in p.indicators if p.numerator(k) == "sports_area"), None)
    if k is None:
        return np.zeros(len(p.units), bool)
    floor = p.standard.school_rule.floor_ratio * p.units[f"need_{k}"].to_numpy(float)
    return floor - p.units[f"base_{k}"].to_numpy(float) > sports_most(p) + 1e-6


def _cones(m: Milp, p: ComplianceProblem, effects: Mapping[str, sp.csr_matrix],
           n_decisions: int) -> tuple[StageCone, ...]:
    out = []
    units = p.units
    for stage in p.standard.stages:
        sel = np.flatnonzero(units["stage"].to_numpy() == stage)
        limit = p.standard.single_cv_limit.get(stage)
        if limit is None or len(sel) < 2:
            continue
        for k in (k for k in p.indicators if k not in p.free_cv):
            need = units[f"need_{k}"].to_numpy(float)[sel]
            gain = sp.diags(1.0 / need) @ effects[k][sel][:, :n_decisions]
            cone = WeightedCvCone(units[f"base_{k}"].to_numpy(float)[sel] / need, gain,
                                  units["students"].to_numpy(float)[sel], float(limit))
            out.append(StageCone(stage, k, cone, cone.attach(m, "(7)", f"cv:{stage}:{k}"), sel))
    return tuple(out)


def _project_rows(m: Milp, p: ComplianceProblem) -> None:
    s = p.schools
    n = np.arange(len(s))
    upper = m.upper
    for project, items in PROJECT_ITEMS.items():
        cols = [m.block(i) for i in items]
        big = np.maximum(sum(upper[c] for c in cols), 1.0)
        # (8) Σ items ≤ M · project
        m.add_rows("(8)", np.r_[np.tile(n, len(cols)), n],
                   np.r_[np.concatenate(cols), m.block(project)],
                   np.r_[np.ones(len(cols) * len(s)), -big], -np.inf, np.zeros(len(s)))
    # (10) multimedia rooms − area / AREA_PER_CLASSROOM ≤ free teaching rooms today (both
    # in compulsory-stage terms: the share of the free rooms at a school with 高中)
    m.add_rows("(10)", np.r_[n, n], np.r_[m.block("multimedia_room"), m.block("teaching_area")],
               np.r_[np.ones(len(s)), np.full(len(s), -1.0 / AREA_PER_CLASSROOM)], -np.inf,
               free_multimedia(p))
    least, most = hall_limits(m, p)
    whole = np.flatnonzero(least > 0)
    k = np.arange(len(whole))
    for bound, lo, hi in ((least, 0.0, np.inf), (most, -np.inf, 0.0)):
        # (19) gym − Gₛ hall ≥ 0 and gym − Uₛ hall ≤ 0
        m.add_rows("(19)", np.r_[k, k], np.r_[m.block("gym")[whole], m.block("hall")[whole]],
                   np.r_[np.ones(len(whole)), -bound[whole]], lo, hi, count=len(whole))
    # (20) field + gym ≤ the school's spare ground, where the data give it (halls.on_ground)
    known = np.flatnonzero(np.isfinite(s["ground"].to_numpy(float)))
    k = np.arange(len(known))
    m.add_rows("(20)", np.r_[k, k], np.r_[m.block("field")[known], m.block("gym")[known]],
               1.0, -np.inf, s["ground"].to_numpy(float)[known], count=len(known))
    if p.costs.lease_allowed:
        share = p.costs.lease_max_share
        # (9) (1 − λ) lease − λ (field + gym) ≤ λ · sports area today
        m.add_rows("(9)", np.tile(n, 3),
                   np.r_[m.block("lease"), m.block("field"), m.block("gym")],
                   np.r_[np.full(len(s), 1 - share), np.full(2 * len(s), -share)],
                   -np.inf, share * s["sports_area"].to_numpy(float))
