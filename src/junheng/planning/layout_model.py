"""The layout MILP (布局调整) and its solution, in the facility core's vocabulary.

The layout problem is the capacitated facility location problem of
:mod:`junheng.optimize.facility` with several capacities per site and single sourcing:

* sites ``i ∈ I``: existing schools, teaching points and candidate new sites, with a fixed
  cost ``f_i`` per year when open (operating cost, plus the annualised building cost of a
  new site); the plan may force a site open (keep) or closed (close);
* customers ``j ∈ J``: a village × stage group with demand ``d_j`` pupils; a 城区 community
  (城乡分类代码 111/112) that several schools serve today is one customer per part, a part
  being the pupils it sends to one school today (多校划片, calibrated so that each school's
  data-year pupils are what it reports: :mod:`junheng.planning.layout_today`); a rural
  village is one customer (single sourcing);
* pairs ``(i, j) ∈ A``: allowed within the travel limits (``j``'s school today even beyond
  them: the status quo, layout_data.allowed_pairs) and by the receivers rule (``j`` stays
  at today's school or moves to a complete school of the same 乡镇,
  :func:`~junheng.planning.layout_rules.receiver_pairs`), cost ``c_ij`` per year (the
  travel time of all ``d_j`` pupils valued per pupil-minute, plus the boarding cost of the
  share ``s_ij`` of ``j`` that boards at ``i``: 1 beyond the day limit, else the share that
  boards at ``j``'s school today, at that school and, when it may not close and ``j`` is a
  rural village, anywhere else (its boarders stay boarders), 0 when ``j`` leaves a school
  that may close or is a 城区/镇区 community leaving within the day limit
  (:func:`~junheng.planning.layout_boarding.board_share`, one basis for every column),
  plus the school bus of its day part beyond ``school_bus_km`` or the day limit, but not of a
  data-check school's own boarders (layout_zoning.checked_boarders: their trip is their
  community's, no bus ride; review ht 5), plus at a new site the annualised term (16) below;
* capacities per site: primary seats ``S^P_i``, junior seats ``S^J_i``, beds ``S^B_i`` and
  the school size cap ``S^T_i``; the first three expand in integer units (a classroom of
  ``size^P`` / ``size^J`` seats, a block of beds) at annualised unit costs ``e_room``,
  ``e_bed``: the layout counterpart of the core's expansion steps;
* an assignment sends each customer whole to one open site;
* the 公用经费 floor: a rural school or 教学点 with fewer than ``F`` (100) pupils is funded as
  if it had ``F``; its missing pupils ``z_i`` cost the quota ``q_i`` each (0 elsewhere).

Variables: ``x_ij ∈ {0,1}`` (``j`` goes to ``i``), ``y_i ∈ {0,1}`` (``i`` open),
``a^P_i, a^J_i ∈ ℤ₊`` classrooms added per stage, ``b_i ∈ ℤ₊`` bed blocks added,
``o_i ∈ {0,1}`` (``i`` counts as its town's boarding school), ``r_i`` the shortfall
under the relief floor (12), ``z_i ∈ [0, F]`` missing pupils under the 公用经费 floor (upper bound 0 where ``q_i = 0``); ``t_i, g_i, f_i, u_i ≥ 0``
the m² of teaching area, of hall (``g_i ≤ cap_i``), of field (``f_i ≤ F_i``, the spare
ground) and of sports area beyond what either holds a receiver needs for its added pupils
(14)–(15), 0 where the site has no area terms; ``h_i, e_i ∈ {0,1}`` a hall, a field (17), (22);
``β_i ∈ ℤ₊`` rooms an existing school borrows (临时周转) in the target year, not built (27).

Objective (元 per year, weights reported with the plan)::

    min  Σ_i f_i y_i  +  Σ_(i,j)∈A c_ij x_ij  +  e_room Σ_i (a^P_i + a^J_i)  +  e_bed Σ_i b_i
         +  (e_room + 1) Σ_i β_i   (a room borrowed in T priced as built; 1 元 a tie-break)
         (c_ij with K_ij / capital_years at a new site: (16))
         +  Σ_i q_i z_i  +  RELIEF_SHORT_YUAN Σ_i r_i
         +  Σ_i (p_T t_i + p_G g_i + p_F f_i + p_L l_i + w_cap u_i) / capital_years

``f_i`` is the per-site operating cost (layout_costs.site_costs: a flat part plus, at a small
site, the staff its classes need beyond its pupils' share), plus a new site's annualised
base cost ``K_new`` (land, site, walls, pipes, the sports ground: no building). ``p_T``,
``p_G``, ``p_F``: 元 per m² of teaching area, of hall and of field; ``w_cap``: the weight per
m² of sports area left beyond the hall cap or the field's ground (权重，不是支出,
``hall_beyond_cap_yuan_per_m2`` ≥ the hall's price, so ``g`` and ``f`` fill first); all in
:mod:`junheng.planning.layout_areas`.

(16) A new site's teaching and auxiliary area to the standard, a term of the pairs (no row):
each pupil of stage ``s`` that ``j`` sends to a new site ``i`` needs ``τ_s`` m² (优质均衡 2017),
of which its classroom gives ``ρ / size^s_i`` (``ρ`` = ``classroom_area_m2``), so the pair
costs once ``K_ij = p_T d_j (τ_s − ρ / size^s_i)⁺`` 元 besides the rooms (3)–(4) add at
``e_room`` (:func:`~junheng.planning.layout_areas.standard_top_up`); ``c_ij`` holds
``K_ij / capital_years`` and (10) holds ``K_ij``. Rooms and this term together give the site
``ρ (a^P_i + a^J_i) + Σ_j K_ij / p_T ≥ Σ_j τ_j d_j x_ij``, equal up to the rounding of rooms
(``K_ij = 0`` at an existing site: its areas are rules (14)–(15)).

Constraints::

    (1) Σ_i x_ij = 1                                   ∀ j   one school per village and group
        (per part of a split community: its parts go to one school by (18) where zoned)
    (2) x_ij ≤ y_i                                     ∀ (i,j)   only an open site (strong)
    (3) Σ_{j primary} d_j x_ij ≤ S^P_i y_i + size^P_i a^P_i   primary seats at standard class size
    (4) Σ_{j junior} d_j x_ij ≤ S^J_i y_i + size^J_i a^J_i    junior seats (grade classes: (23), (24), (27))
    (5) Σ_j s_ij d_j x_ij ≤ S^B_i y_i + block b_i        boarders have beds; a pupil moved beyond
        the day limit in grades 4–9 (layout_boarding.boards_by_rule) has s_ij = 1, so a closure
        whose pupils must board builds ⌈n / block⌉ blocks at its receiver (e_bed each, in (10))
        or is not made (应留必留); the checker and 撤并程序 re-derive it (unhoused_movers)
    (6) Σ_j d_j x_ij ≤ S^T_i y_i                       school size cap (2000; 2500 for 一贯制)
    (7) a^P_i ≤ M^P_i y_i, a^J_i ≤ M^J_i y_i, b_i ≤ M^B_i y_i   build only where open;
        M^P_i = M^J_i = M^B_i = 0 at a school being relocated (an unfinished 迁建,
        planning.projects.no_build_ids: 正在迁建，新校址建设按项目实施)
    (8) Σ_j d_j x_ij ≥ min_i y_i       existing 撤并 candidates not exempt (应留必留 and kept
        sites exempt; sites that may not close, layout_rules.closable, are exempt too)
    (9) a boarding school is one with boarders (review finding 3): for each town the rule
        covers and each stage with candidates T (layout_boarding.boarding_requirements: its
        existing boarding schools, else its 中心校 that ≥ m_B pupils could board at, else any
        such school; never a school being relocated, 迁建):
        (9a) o_i ≤ y_i                                   ∀ i ∈ T   (o_i = 0 outside every T)
        (9b) Σ_{j boarding at i} s_ij d_j x_ij ≥ m_B o_i   ∀ i ∈ T not boarding today: its
             planned boarders (s_ij the pair's boarding share), m_B = min_boarders
        (9c) Σ_{i ∈ T} o_i ≥ 1
        Beds follow the boarders by (5) only, so no bed is built for the rule itself; a town
        and stage without candidates has no pupil who needs to board and no row (the plan
        says so, layout_boarding.unmet_notes)
    (10) K_new Σ_{i new} y_i + K_room Σ_i (a^P_i + a^J_i) + K_bed Σ_i b_i
        + Σ_i (p_T t_i + p_G g_i + p_F f_i + p_L l_i) + Σ_{(i,j)∈A, i new} K_ij x_ij ≤ annual budget × phases,
        the row divided by the largest unit cost (coefficients near 1, same rule)
    (11) y_i = 1 for sites kept by the plan and for existing sites that are no 撤并 candidate
        (layout_rules.closable: only 教学点 and small rural schools may close by default),
        y_i = 0 for sites closed by the plan (column bounds)

    (12) Σ_j d_j x_ij + r_i ≥ L_i y_i     relief bound: an existing school that stays open
        loses at most what its overload requires plus a margin, and keeps at least a share
        of its expected pupils (``L_i``: layout_rules.relief_floor, 0 for new sites; over its
        seats or cap, at most its seats and cap: layout_rules.floor_ceiling); the shortfall
        ``r_i ∈ [0, L_i]`` costs ``RELIEF_SHORT_YUAN`` per pupil, far above any travel or
        building saving, so it is 0 unless no plan within the other rules meets every floor
        (the floors are set school by school, and the pupils one school may keep are also
        those another may: a town's floors can exceed what its villages reach); the plan
        names every school short of its floor and by how much
    (13) z_i + Σ_j d_j x_ij ≥ F y_i                    公用经费 floor, where q_i > 0: z_i is
        (F − pupils)⁺ at the optimum (z costs q_i ≥ 0), 0 at a closed site

    (14) t_i + ρ_i (a^P_i + a^J_i) − Σ_j τ_j d_j x_ij ≥ −H^T_i    teaching area of a receiver
        (τ_j m² a pupil of j's stage, ρ_i the m² an added classroom gives, H^T_i the area its
        pupils without the plan need or it has, whichever is more)
    (15) g_i + f_i + l_i + u_i − Σ_j σ_j d_j x_ij ≥ −H^S_i,  g_i ≤ cap_i,  f_i ≤ F_i   sports area:
        a hall up to ``cap_i`` (城镇; 0 at a 乡村 school) or a field up to ``F_i`` (any
        城乡分类), both on the ground ``L_i`` the school's spare ground leaves once its own
        gap without the plan (the 达标路径's, ``H^S_i`` − share_i × sports area today) is laid
        on it: ``F_i = L_i`` (unbounded at a 乡村 school whose ground the data do not give, 0
        at a 城镇 one), ``cap_i = min(share_i × gym_max_area, L_i)`` and 0 where the smallest
        hall ``G_i`` does not fit ``L_i`` (as the 达标路径's halls.on_ground; ground not given:
        the hall cap); land bought beside it ``l_i`` (25); the rest ``u_i`` 需征地/租用/布局分流，需论证
        Rows (14)–(15) exist only where the pupils who may come could need more than H_i
        (elsewhere t, g, u are fixed at 0); at the optimum t, g, u are the amounts of
        :meth:`~junheng.planning.layout_areas.AreaArrays.amounts`.
    (17) G_i h_i ≤ g_i ≤ cap_i h_i,  h_i ∈ {0,1}      a 城镇 receiver's hall is built whole
        or not at all, as the 达标路径 builds it (its rule (19)): ``G_i`` = ``gym_min_area``
        × the compulsory share (rounded up), ``cap_i`` as in (15) (``gym_max_area`` × that
        share rounded down, within the ground left), one rule for both plans (:mod:`junheng.planning.halls`). A receiver
        short of fewer m² either builds the smallest hall (its spare m² unused) or none, the
        shortfall then carrying the weight ``w_cap`` like the m² beyond the cap (left to the
        达标路径, which builds the whole hall: 不足一座室内体育馆最小面积); only where row
        (15) exists and ``G_i > 0`` (elsewhere ``h_i`` is 0 and ``g_i ≤ cap_i`` as before).
    (22) f_i ≤ F_i e_i,  g_i ≤ cap_i (1 − e_i),  e_i ∈ {0,1}   a receiver that may build both
        lays a field or builds a hall, not both (the hall needs ground too): the field is
        capped by the ground left ``L_i``, the hall by the hall cap within it (brief va2: the
        field took the ground the school's own gap needed, and a hall bounded by no ground
        took it once the field was held back), and the plan says which bound the
        m² left ``u_i`` are beyond (brief va 1: a field was sized as a hall, capped at its
        3,000 m², and said 「超出室内体育馆面积上限」); only where row (15) exists, ``cap_i > 0``
        and ``F_i > 0`` (elsewhere ``e_i`` is 0).

    (18) x_ij = x_ij0   ∀ i, j ∈ Z, j0 the first part of Z     就近划片 (``community_zoning``):
        the parts Z of a 城区 community and stage (its 寄宿 part apart) that share a site go to
        one school (0 where one part has no pair at i; layout_zoning.zones)
    (19) with ``keep_points_beyond_review`` (应留必留), no pair moves a 教学点's grades 1–3
        beyond ``review_minutes_grades_1_3`` (or its point's own minutes): a point they
        cannot leave so is their only pair, kept by (1)–(2) (layout_zoning.review_pairs)
    (20) with ``board_unchanged``, ``s_ij`` at a pair that stays at today's school is cut by
        beds / staying boarders, so (5) builds no bed for pupils who do not move
        (layout_zoning.unchanged_shares)
    (21) with ``small_school_by_target_year``, (11) treats a rural school expecting fewer
        than ``small_school_max_pupils`` in the target year as a 撤并 candidate
    (23) a new site's rooms hold its classes grade by grade each year (layout_model_classes)
    (24) an existing receiver's too after T (each year's forecast grades), or no shorter than without the plan
    (25) 0 ≤ l_i ≤ Λ_i   land bought beside a receiver, a field laid on it, at ``p_L`` 元 a m²
        (``land_yuan_per_m2`` + ``field_yuan_per_m2``); ``Λ_i`` the scenario's
        ``sports_land_by_school`` or ``sports_land_max_m2``, 0 where the field's ground is not
        known (a 乡村 field without a cap) or row (15) does not exist (column bound; layout_land);
        (25') l_i ≤ (s_i − W_i)⁺, only what the whole spare ground ``W_i`` cannot hold: where
        ``W_i > F_i`` (a share split), l_i − Λ_i b_i ≤ 0 and l_i + (W_i + H^S_i) b_i − Σ_j σ_j d_j x_ij ≤ 0, b_i ∈ {0,1}
    (26) a site closed closes in a school year ≥ Y_c, the first whose 逐点论证报告 (撤并程序 论证 → 听证 → 公示 → 报批;
        due by 9-30 of the year before) is not overdue on the plan's day: set by the phasing (layout_phases.closure_window)
    (27) Σ_g k_igT − a^P_i − a^J_i − β_i ≤ R_i   target year T: an existing school's classes grade by grade (k of
        (24a), the forecast's grades of T) fit in its rooms, those added and those it borrows, as the 过渡期 counts
        the 规划年 (not a 教学点); 0 ≤ β_i ≤ the rooms (27) may ask, outside the budget (10) and (7)
        (layout_model_receivers: a room the budget cannot build is borrowed, never built); the row pools both
        stages, so the solve's split of a^P_i, a^J_i is a tie: the plan reads each stage's rooms as its 过渡期
        counts the target year (layout_model_receivers.target_split: a stage's seats, then its classes)

(7') ``M^P_i = min(max rooms, max(⌈(D^P_i − S^P_i)⁺ / size^P⌉, the rooms (23), (24), (27) ask of them))``, ``D^P_i``
the primary demand of every customer with a pair at ``i``; ``M^J_i`` likewise; ``M^B_i = min(max blocks, ⌈(D^B_i −
S^B_i)⁺ / block⌉)``, ``D^B_i`` the demand that would board at ``i``: the upper bounds of ``a^P``, ``a^J``, ``b``. A plan never needs more (fewer rooms or beds only loosen (3)–(5), (9) and (10) and cost
less), so the optimum is unchanged and the LP is tighter than with one big-M per site. With one capacity per site
(only (6), no expansions, no rules (8)–(10)) this is exactly the core's :class:`~junheng.optimize.FacilityProblem`
with ``single_source=True`` (:mod:`~.layout_core`, both solvers).

Solving (:func:`solve_layout`): the rows are built in bulk from
:class:`~junheng.planning.layout_data.LayoutArrays` with :class:`~junheng.optimize.Milp`; a
warm start (LP relaxation, RENS sub-MIP, local search: :mod:`junheng.planning.layout_start`)
is checked against these rows and handed to HiGHS, which then proves the gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from junheng.optimize import HighsSolver, Milp, MilpResult, SolveStatus
from junheng.optimize.model import INF
from junheng.planning.layout_boarding import boarding_candidates
from junheng.planning.layout_data import (
    LayoutArrays,
    LayoutProblem,
    exempt_sites,
    layout_arrays,
)
from junheng.planning.layout_model_areas import (
    area_rows,
    area_sites,
    field_rows,
    hall_rows,
    hall_sites,
    land_sites,
    rooms_as_area,
)
from junheng.planning.layout_model_classes import class_rows, rooms_for_classes
from junheng.planning.layout_model_errors import explain_infeasible, no_plan
from junheng.planning.layout_model_receivers import (
    borrowed_rooms,
    receiver_rooms,
    receiver_rows,
    target_split,
)
from junheng.planning.layout_rules import OPTIMAL_GAP
from junheng.planning.layout_start import WarmStart
from junheng.planning.layout_start import warm_start as find_start
from junheng.planning.layout_zoning import zoning_rows

#: 元 a year per pupil an open existing school is short of its relief floor (12): a penalty
#: no saving of the plan comes near (a pupil's yearly travel is at most a few thousand 元).
RELIEF_SHORT_YUAN = 1_000_000.0

# HiGHS's own searches for a first plan, switched off when the warm start gives one: with
# them on, half the solve went to sub-MIPs that rarely beat the start (bench.layout).
START_SKIPS = ("mip_heuristic_run_rens", "mip_heuristic_run_root_reduced_cost",
               "mip_heuristic_run_feasibility_jump")

#: ``plan.json`` "status" (docs/layout-json.md): "optimal" when proven within 0.01% (and the
#: scenario's ``gap``), "feasible" when the time limit or a looser gap stopped the solve first.
PLAN_STATUS = {SolveStatus.OPTIMAL: "optimal", SolveStatus.GAP_LIMIT: "optimal",
               SolveStatus.TIME_LIMIT: "feasible"}


@dataclass(frozen=True)
class LayoutSolution:
    """The solved end state: which sites are open, what is built, who goes where.

    ``status`` is how the solve ended (:class:`~junheng.optimize.SolveStatus`: OPTIMAL only
    when the proven gap is at most 1e-6, GAP_LIMIT when it stopped at the scenario's gap);
    ``plan_status`` is the documented string of ``plan.json``.
    """

    status: SolveStatus
    objective: float
    bound: float
    gap: float
    seconds: float
    open_sites: frozenset[str]
    added_primary_rooms: dict[str, int]
    added_junior_rooms: dict[str, int]
    added_bed_blocks: dict[str, int]
    boarding_schools: frozenset[str]
    assignment: pd.DataFrame  # customer, site_id, travel_min, distance_km, boarding
    exempt: dict[str, list[int]]  # site -> customers only it can serve (应留必留)
    path: dict = field(default_factory=lambda: {"ran": "milp"})  # or "core", "bound" + figures
    #: site -> stage -> rooms borrowed in the target year (``β_i`` of (27)), among its added rooms: the
    #: 过渡期 meets them by 临时周转, never builds them (the budget (10) did not pay them)
    borrowed_rooms: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def plan_status(self) -> str:
        """"optimal" only when the proven gap is at most 0.01% (``OPTIMAL_GAP``), whatever
        gap the scenario let the solver stop at; otherwise "feasible"."""
        if self.gap > OPTIMAL_GAP + 1e-12:
            return "feasible"
        return PLAN_STATUS[self.status]


@dataclass(frozen=True)
class LayoutColumns:
    """Column indices of each variable block of the layout MILP, by site or pair position."""

    x: np.ndarray
    y: np.ndarray
    a_p: np.ndarray
    a_j: np.ndarray
    b: np.ndarray
    o: np.ndarray
    z: np.ndarray
    r: np.ndarray
    t: np.ndarray
    g: np.ndarray
    u: np.ndarray
    h: np.ndarray
    f: np.ndarray
    e: np.ndarray
    land: np.ndarray | None = None  # m² of land bought beside a receiver, a field on it (25)
    land_buy: np.ndarray | None = None  # 1: land is bought, within the whole ground's room (25')
    k: np.ndarray | None = None  # a new site's classes of a grade in a year (23)
    k_r: np.ndarray | None = None  # an existing school's likewise (24), (27)
    borrow: np.ndarray | None = None  # per site: rooms borrowed in the target year, not built (27)


def room_bounds(arr: LayoutArrays) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Upper bounds of a^P, a^J and b per site (7'): the configured maxima, cut to what the
    pupils who may come could ever need."""
    d, site, n = arr.pair_demand, arr.pair_site, arr.n_sites
    pot_p = np.bincount(site, d * arr.pair_primary, minlength=n)
    pot_j = np.bincount(site, d * ~arr.pair_primary, minlength=n)
    pot_b = np.bincount(site, d * arr.pair_boarding, minlength=n)
    rooms_p = np.ceil(np.maximum(pot_p - arr.seats_primary, 0) / arr.class_primary)
    rooms_j = np.ceil(np.maximum(pot_j - arr.seats_junior, 0) / arr.class_junior)
    blocks = np.ceil(np.maximum(pot_b - arr.beds, 0) / arr.bed_block)
    classes_p, classes_j = rooms_for_classes(arr.class_needs, np.ones(len(d)), n)  # (23)
    extra = receiver_rooms(arr.receivers, np.ones(len(d)), n)  # (24), rooms of either stage
    return (np.minimum(arr.max_rooms * arr.offers_primary, np.maximum.reduce([rooms_p, classes_p, extra])),
            np.minimum(arr.max_rooms * arr.offers_junior, np.maximum.reduce([rooms_j, classes_j, extra])),
            np.minimum(arr.max_blocks, blocks))


def _loose_room_bounds(arr: LayoutArrays) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The configured maxima of a^P, a^J and b, without (7')."""
    return arr.max_rooms * arr.offers_primary, arr.max_rooms * arr.offers_junior, arr.max_blocks


def _add_columns(m: Milp, arr: LayoutArrays, bounds: tuple) -> LayoutColumns:
    """The variable blocks; (11) kept and closed sites are the bounds of ``y``."""
    n = arr.n_sites
    max_p, max_j, max_b = bounds
    a = arr.areas
    rows_t, rows_s = area_sites(arr)
    return LayoutColumns(
        x=m.add_block("assign", arr.pair_cost, 0, 1, integer=True),
        y=m.add_block("open", arr.open_cost, arr.lower_open, arr.upper_open, integer=True),
        a_p=m.add_block("rooms_primary", np.full(n, arr.room_cost), 0, max_p, integer=True),
        a_j=m.add_block("rooms_junior", np.full(n, arr.room_cost), 0, max_j, integer=True),
        b=m.add_block("bed_blocks", np.full(n, arr.block_cost), 0, max_b, integer=True),
        o=m.add_block("boarding", np.zeros(n), 0, boarding_candidates(arr).astype(float),
                      integer=True),
        z=m.add_block("floor_pupils", arr.floor_quota, 0,
                      np.where(arr.floor_quota > 0, arr.floor_pupils, 0.0), integer=False),
        r=m.add_block("relief_short", np.full(n, RELIEF_SHORT_YUAN), 0, arr.stay_floor,
                      integer=False),
        t=m.add_block("teaching_area", np.full(n, a.teaching_yuan / a.years), 0,
                      np.where(rows_t, INF, 0.0), integer=False),
        g=m.add_block("sports_area", a.sports_yuan / a.years, 0,
                      np.where(rows_s, a.hall_cap, 0.0), integer=False),
        u=m.add_block("sports_beyond_cap", np.full(n, a.beyond_weight / a.years), 0,
                      np.where(rows_s & np.isfinite(a.field_cap), INF, 0.0), integer=False),
        h=m.add_block("hall", np.zeros(n), 0, hall_sites(arr).astype(float), integer=True),
        f=m.add_block("sports_field", np.full(n, a.field_yuan / a.years), 0,
                      np.where(rows_s, a.field_cap, 0.0), integer=False),
        e=m.add_block("field", np.zeros(n), 0, (rows_s & a.either()).astype(float),
                      integer=True),
        land=m.add_block("sports_land", np.full(n, a.land_yuan / a.years), 0,
                         np.where(rows_s, a.land(), 0.0), integer=False),  # (25)
        land_buy=m.add_block("land_buy", np.zeros(n), 0, land_sites(arr).astype(float), integer=True))


def _assignment_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns, *, strong: bool) -> None:
    n_pairs, site, ones = len(arr.pair_site), arr.pair_site, np.ones(len(arr.pair_site))
    # (1) every customer is assigned once
    m.add_rows("(1)", arr.pair_customer, c.x, ones, 1.0, 1.0)
    if strong:  # (2) x_ij - y_i <= 0
        link = np.arange(n_pairs)
        m.add_rows("(2)", np.r_[link, link], np.r_[c.x, c.y[site]], np.r_[ones, -ones],
                   -INF, 0.0)
    else:  # the aggregated textbook link, the benchmark's baseline
        counts = np.bincount(site, minlength=arr.n_sites).astype(float)
        m.add_rows("(2)", np.r_[site, np.arange(arr.n_sites)], np.r_[c.x, c.y],
                   np.r_[ones, -counts], -INF, 0.0)


def _capacity_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns) -> None:
    """(3) primary seats, (4) junior seats, (5) beds for boarders, (6) school size cap."""
    site, d, sites = arr.pair_site, arr.pair_demand, np.arange(arr.n_sites)
    prim, boards = arr.pair_primary, arr.pair_boarding
    for group, mask, cap, room, per_room in (
            ("(3)", prim, arr.seats_primary, c.a_p, arr.class_primary),
            ("(4)", ~prim, arr.seats_junior, c.a_j, arr.class_junior),
            ("(5)", boards > 0, arr.beds, c.b, np.full(arr.n_sites, float(arr.bed_block))),
            ("(6)", np.ones(len(site), bool), arr.size_cap, None, None)):
        share = boards[mask] if group == "(5)" else 1.0
        rows, cols, vals = [site[mask], sites], [c.x[mask], c.y], [d[mask] * share, -cap]
        if room is not None:
            rows.append(sites)
            cols.append(room)
            vals.append(-per_room)
        m.add_rows(group, np.concatenate(rows), np.concatenate(cols), np.concatenate(vals),
                   -INF, 0.0)


def _build_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns, bounds: tuple, *,
                strong: bool) -> None:
    """(7) build only where open: per resource with (7'), or one aggregated big-M row."""
    n, sites = arr.n_sites, np.arange(arr.n_sites)
    if strong:
        for room, bound in zip((c.a_p, c.a_j, c.b), bounds, strict=True):
            m.add_rows("(7)", np.r_[sites, sites], np.r_[room, c.y],
                       np.r_[np.ones(n), -bound], -INF, 0.0)
    else:
        m.add_rows("(7)", np.tile(sites, 4), np.r_[c.a_p, c.a_j, c.b, c.y],
                   np.r_[np.ones(2 * n), np.full(n, float(arr.bed_block)),
                         -(2 * arr.max_rooms + arr.max_added_beds)], -INF, 0.0)


def _minimum_size_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns) -> None:
    """(8) minimum size unless the only school within reach, kept by the plan, or no
    candidate for 撤并."""
    small = np.flatnonzero(arr.min_size > 0)
    if not len(small):
        return
    site, d = arr.pair_site, arr.pair_demand
    local = np.full(arr.n_sites, -1)
    local[small] = np.arange(len(small))
    at = local[site] >= 0
    m.add_rows("(8)", np.r_[local[site[at]], np.arange(len(small))], np.r_[c.x[at], c.y[small]],
               np.r_[d[at], -arr.min_size[small]], 0.0, INF)


def planned_boarder_sites(arr: LayoutArrays) -> np.ndarray:
    """Candidates that count only with planned boarders, (9b): not boarding schools today."""
    return np.flatnonzero(boarding_candidates(arr) & ~arr.board_now)


def _boarding_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns) -> None:
    """(9) a boarding school is open (9a) and has boarders (9b); one per town and stage (9c)."""
    cand = np.flatnonzero(boarding_candidates(arr))
    k = len(cand)
    m.add_rows("(9)", np.r_[np.arange(k), np.arange(k)], np.r_[c.o[cand], c.y[cand]],
               np.r_[np.ones(k), -np.ones(k)], -INF, 0.0)
    site, d, share = arr.pair_site, arr.pair_demand, arr.pair_boarding
    for i in planned_boarder_sites(arr):
        at = np.flatnonzero((site == i) & (share > 0))
        m.add_row("(9)", np.r_[c.x[at], c.o[i]], np.r_[d[at] * share[at], -arr.min_boarders],
                  lo=0.0)
    for members in arr.towns:
        m.add_row("(9)", c.o[members], 1.0, lo=1.0)


def _floor_rows(m: Milp, group: str, arr: LayoutArrays, c: LayoutColumns, slack: np.ndarray,
                floor: np.ndarray) -> None:
    """Σ_j d_j x_ij + slack_i − floor_i y_i ≥ 0 for every site with a positive floor: (12)
    the relief floor with its shortfall ``r``, (13) the 公用经费 floor with the missing
    pupils ``z``."""
    sites = np.flatnonzero(floor > 0)
    if not len(sites):
        return
    local = np.full(arr.n_sites, -1)
    local[sites] = np.arange(len(sites))
    at = local[arr.pair_site] >= 0
    k = np.arange(len(sites))
    m.add_rows(group, np.r_[local[arr.pair_site[at]], k, k],
               np.r_[c.x[at], slack[sites], c.y[sites]],
               np.r_[arr.pair_demand[at], np.ones(len(sites)), -floor[sites]], 0.0, INF)


def _budget_row(m: Milp, arr: LayoutArrays, c: LayoutColumns) -> None:
    """(10) total construction budget over the phases, in units of the largest unit cost;
    a new site's pairs carry their term (16)."""
    if arr.budget is None:
        return
    n, new = arr.n_sites, np.flatnonzero(~arr.existing)
    unit = max(arr.capital_new, arr.capital_room, arr.capital_block) or 1.0
    a = arr.areas
    std = np.flatnonzero(arr.pair_capital > 0)
    m.add_row("(10)", np.r_[c.y[new], c.a_p, c.a_j, c.b, c.t, c.g, c.f, c.land, c.x[std]],
              np.r_[np.full(len(new), arr.capital_new), np.full(2 * n, arr.capital_room),
                    np.full(n, arr.capital_block), np.full(n, a.teaching_yuan),
                    a.sports_yuan, np.full(n, a.field_yuan), np.full(n, a.land_yuan),
                    arr.pair_capital[std]] / unit,
              hi=arr.budget / unit)


def build_layout_milp(arr: LayoutArrays, *, strong: bool = True) -> tuple[Milp, LayoutColumns]:
    """The MILP of the module docstring, rows added in bulk (one group per numbered rule)."""
    bounds = room_bounds(arr) if strong else _loose_room_bounds(arr)
    m = Milp()
    cols = _add_columns(m, arr, bounds)
    _assignment_rows(m, arr, cols, strong=strong)
    _capacity_rows(m, arr, cols)
    _build_rows(m, arr, cols, bounds, strong=strong)
    _minimum_size_rows(m, arr, cols)
    _boarding_rows(m, arr, cols)
    _budget_row(m, arr, cols)
    area_rows(m, arr, cols)
    hall_rows(m, arr, cols)
    field_rows(m, arr, cols)
    _floor_rows(m, "(12)", arr, cols, cols.r, arr.stay_floor)
    _floor_rows(m, "(13)", arr, cols, cols.z,
                np.where(arr.floor_quota > 0, arr.floor_pupils, 0.0))
    zoning_rows(m, arr, cols)
    k_r, borrow = receiver_rows(m, arr.receivers, cols.x, cols.a_p, cols.a_j, arr.room_cost)
    return m, replace(cols, k=class_rows(m, arr.class_needs, cols.x, cols.a_p, cols.a_j), k_r=k_r, borrow=borrow)


def solve_layout(problem: LayoutProblem, *, seed: int = 0, strong: bool = True,
                 warm_start: bool = True, core: bool = False,
                 bound: bool = False, rescue_nodes: int = 0) -> LayoutSolution:
    """Build and solve the MILP; raise :class:`InfeasibleError` with reasons when none exists.

    With ``warm_start`` HiGHS begins from the plan of
    :func:`~junheng.planning.layout_start.warm_start` (LP relaxation, RENS sub-MIP, local
    search; verified against the MILP's rows) and, having it, skips its own search heuristics
    that duplicate it (RENS, reduced-cost sub-MIPs, feasibility jump; RINS stays). The time
    limit covers the warm start and the solve. ``strong=False`` replaces (2) by the
    aggregated textbook link Σ_j x_ij ≤ |J|·y_i and (7) by one aggregated big-M row without
    (7'); with ``warm_start=False`` it is the benchmark's baseline. Raises :class:`SolverError`
    (with status and bound) when the time limit passes before any plan. ``bound`` fixes sites and
    pairs by :mod:`~junheng.planning.layout_bound` after a warm start; ``core`` solves by the
    facility core unless zones, class or area rows need the MILP (neither is the default: measured
    no faster, see those modules; the bound 2026-12-07: same plans in 1.2-2.7 times the CPU on the
    demo and bench.layout's counties, and below HiGHS's root bound). ``rescue_nodes``: see
    :func:`solve_layout_milp` (off: not strictly better than HiGHS given as many more nodes,
    :mod:`~junheng.planning.layout_rescue`). ``path`` says which ran.
    """
    explain_infeasible(problem)
    cfg = problem.config
    exempt = exempt_sites(problem)
    arr = layout_arrays(problem, exempt)
    solver = HighsSolver(time_limit=cfg.time_limit_s, relative_gap=cfg.gap, seed=seed,
                         options={"mip_max_nodes": cfg.node_limit})
    if core and strong and warm_start and not (arr.zones or arr.class_needs or arr.receivers.needs
                                               or np.any(area_sites(arr))):
        from junheng.planning.layout_core import solve_layout_core

        (result, cols), path = solve_layout_core(arr, solver), {"ran": "core"}
    else:  # solve_layout_milp sets "bound" when that ran
        result, cols = solve_layout_milp(arr, solver, strong=strong, warm_start=warm_start,
                                         bound=bound, path=(path := {"ran": "milp"}),
                                         rescue_nodes=rescue_nodes)
    if result.values is None:
        raise no_plan(problem, result)
    return replace(_solution(problem, result, cols, exempt, arr), path=path)


def solve_layout_milp(arr: LayoutArrays, solver: HighsSolver, *, strong: bool = True,
                      warm_start: bool = True, bound: bool = False, path: dict | None = None,
                      rescue_nodes: int = 0) -> tuple[MilpResult, LayoutColumns]:
    """Solve the layout MILP of ``arr`` with ``solver``: the warm start (if asked) and the solve
    share ``solver.time_limit``; ``result.seconds`` counts both. Check ``result.status`` before
    reading values. With ``bound`` and a start, :mod:`~junheng.planning.layout_bound` fixes
    sites and pairs first (``path`` gets ``"ran": "bound"`` and ``solve_with_fixing``'s figures).
    With ``rescue_nodes`` (not after ``bound``) a solve that stops short of
    ``solver.relative_gap`` with a plan is rescued (:mod:`~junheng.planning.layout_rescue`, up
    to that many more nodes; ``path`` gets ``"rescue"``: its figures, or why it did not run)."""
    m, cols = build_layout_milp(arr, strong=strong)
    start = (find_start(arr, m, cols, solver) if warm_start
             else WarmStart(None, None, "none", None, 0.0))
    options = dict.fromkeys(START_SKIPS, False) if start.values is not None else {}
    rest = replace(solver, time_limit=max(solver.time_limit - start.seconds, 1.0),
                   options={**solver.options, **options})
    if bound and start.values is not None and whole_pupils(arr):
        from junheng.planning.layout_bound import solve_with_fixing

        result, figures = solve_with_fixing(arr, m, cols, start.values, rest)
        (path if path is not None else {}).update(ran="bound", **figures)
    else:
        result = rest.solve(m, start=start.values)
        if rescue_nodes:
            from junheng.planning.layout_rescue import rescue_short

            result = rescue_short(arr, m, cols, result, rest, nodes=rescue_nodes, path=path)
    return replace(result, seconds=result.seconds + start.seconds), cols


def whole_pupils(arr: LayoutArrays) -> bool:
    """True when every pair's demand is a whole number of pupils (the weights of the
    exact knapsacks of :mod:`~junheng.planning.layout_bound`)."""
    return bool(np.all(np.mod(arr.pair_demand, 1) == 0))


def _solution(problem: LayoutProblem, result: MilpResult, cols: LayoutColumns,
              exempt: dict[str, list[int]], arr: LayoutArrays | None = None) -> LayoutSolution:
    v = np.round(result.require_values()).astype(int)
    if arr is not None:
        v = target_split(arr, cols, rooms_as_area(arr, cols, v))  # (27)'s rooms by stage as the 过渡期
    sites = problem.sites.index
    chosen = problem.pairs[v[cols.x] == 1].copy()
    chosen = chosen.drop_duplicates("customer").set_index("customer").sort_index()

    def nonzero(block: np.ndarray) -> dict[str, int]:
        return {sites[i]: int(v[block][i]) for i in np.flatnonzero(v[block])}

    borrowed = borrowed_rooms(problem, arr, cols, v)
    added = {st: nonzero(block) for st, block in (("primary", cols.a_p), ("junior", cols.a_j))}
    for site, stages in borrowed.items():  # among the added rooms, not built
        for st, k in stages.items():
            added[st][site] = added[st].get(site, 0) + k
    return LayoutSolution(
        status=result.status, objective=result.objective, bound=result.bound,
        gap=max(0.0, result.gap or 0.0), seconds=result.seconds,
        open_sites=frozenset(sites[v[cols.y] == 1]), added_primary_rooms=added["primary"],
        added_junior_rooms=added["junior"], added_bed_blocks=nonzero(cols.b), borrowed_rooms=borrowed,
        boarding_schools=frozenset(sites[v[cols.o] == 1]),
        assignment=chosen[["site_id", "travel_min", "distance_km", "boarding", "board_share"]],
        exempt=exempt)
