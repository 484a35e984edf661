"""The per-pupil areas a layout's receivers lack once it moves pupils there, priced inside the
layout model (issue 16: rules (14)–(15) of :mod:`~junheng.planning.layout_model`; before, they
were priced after the solve and the model's receivers, budget and phases did not see them).

A kept school that receives pupils needs, by the 优质均衡 2017 per-pupil items, ``TEACHING``
m² of teaching and auxiliary space and ``SPORTS`` m² of sports area per pupil of each stage
(τ_s, σ_s). For an existing site ``i`` with pupils in the target year without the plan (its
expected pupils per stage ``P_i``, ``J_i``; a building project's new school has none and is
left to its project; a new site is priced apart, below)::

    H^T_i = max(share_i × teaching area today, τ_P P_i + τ_J J_i)
    H^S_i = max(share_i × sports area today,   ρ (σ_P P_i + σ_J J_i))
    t_i   = max(0, τ_P p_i + τ_J j_i − H^T_i − share_i × area_room × rooms added)
    s_i   = max(0, ρ (σ_P p_i + σ_J j_i) − H^S_i)

with ``p_i``, ``j_i`` the planned pupils per stage: what a school lacked without the plan is
the compliance plan's (the max), its spare area serves the moved pupils first, and the
classrooms the plan adds count as their teaching area. ``share``: the compulsory stages' part
of a building the school shares with 高中, the evaluation's weighted split
(:func:`~.stage_split.compulsory_share`, as the 达标路径 counts it) of its expected pupils and
the forecast's 高中 of the target year (附设幼儿班 take none). ``ρ`` = 0.85 × 1.02 (by default)
is the share of the sports standard both plans hold an existing school to, and a 一贯制
school's σ_P, σ_J are what its units need as the evaluation splits its area (1 : 1.1, 9.27 and
10.2 at 100 %): :func:`~.halls.sports_per_pupil` (brief hb 1).

Sports area is a hall or a field, one of them, built as the 达标路径 builds it
(:mod:`~junheng.planning.halls`, rules (17) and (22) of the layout model):

Both stand on the school's own spare ground (:func:`~.layout_ground.spare_ground` times
share_i), less the ground its own gap without the plan takes first (that gap is the
达标路径's, laid on the same ground; the layout does not take the ground the 达标路径 needs)::

    L_i = ⌊ground_i − (ρ (σ_P P_i + σ_J J_i) − share_i × sports area today)⁺⌋⁺   (whole m²)

* a field (``field_yuan_per_m2``): at most ``F_i = L_i``, in any 城乡分类; at a 乡村 school
  whose ground the data do not give, without a cap (the 城乡分类 rule), at a 城镇 one then
  none;
* a hall (城镇 only; ``gym_yuan_per_m2``) whole or not at all: at least ``G_i`` = share_i ×
  ``gym_min_area_m2`` and at most ``cap_i = min(share_i × gym_max_area_m2, L_i)`` (a shared
  hall counted by its compulsory part; single storey, its floor area its footprint), and
  only where ``G_i ≤ L_i`` (else ``cap_i = G_i = 0``); where the ground is not given, up to
  the hall cap. The 达标路径's own rule, :func:`~.halls.on_ground`, on the ground left.

With both bounded by ``L_i`` (brief va2), a field is never dearer than a hall that fits.

The hall ``g_i = min(max(s_i, G_i), cap_i)`` leaves ``s_i − min(s_i, g_i)``, the field
``f_i = min(s_i, F_i)`` leaves ``s_i − f_i``; the m² left, ``u_i``, are not priced (需征地/
租用/布局分流，需论证, listed in the plan's notes as beyond the hall cap or beyond the spare
ground, as the case is) and carry the weight ``hall_beyond_cap_yuan_per_m2`` (权重，不是支出) so
that the model prefers receivers that do not need them. The cheaper of the two with its
weight is built (:func:`~.halls.hall_or_field`); where the hall costs more than the weight of
``s_i`` and there is no ground, none: ``u_i = s_i``, left to the 达标路径 (不足一座室内体育馆
最小面积).

The one-off cost ``teaching_yuan t_i + gym_yuan g_i + field_yuan f_i`` is the plan's
``receiver_area_yuan`` (财政支出, beside ``capital_cost_yuan``), counted in the budget (10)
and the build phases; the objective has it, and the weight of ``u_i``, over
``capital_years``. The built areas join the county the compliance plan starts from
(:func:`~.compliance_layout.county_after_layout`, so it does not buy them again).

A new site (a candidate of the plan, no building today) is built to the same standard, at
its own cost: each pupil of stage ``s`` it receives needs ``τ_s`` m², of which its classrooms
give ``area_room / size_s`` (one room of ``area_room`` m² a class of ``size_s``: 120 / 45 ≈
2.67 m² a primary pupil, 120 / 50 = 2.4 a junior one), so it costs besides its rooms::

    n_i = (τ_P − area_room / size_P)⁺ p_i + (τ_J − area_room / size_J)⁺ j_i      m²

at ``teaching_yuan`` (term (16) of :mod:`~junheng.planning.layout_model`, on the pairs: no
row), and ``area_room × rooms + n_i ≥ τ_P p_i + τ_J j_i``, equal up to the rounding of rooms.
It is part of the new school's construction (``capital_cost_yuan``, ``standard_area``,
``standard_area_yuan``), counted in the budget (10) and the phases; the objective has it over
``capital_years``. The new school's sports ground is in its base cost
(``costs.new_school_yuan``: land, site, walls, pipes and the sports ground).

>>> top_up = standard_top_up(np.array([45.0]), np.array([50.0]), 120.0)
>>> [round(float(v[0]), 4) for v in top_up]
[1.8333, 3.4]

(450 primary and 500 junior pupils: 10 + 10 rooms, 2,400 m², and 1.8333 × 450 + 3.4 × 500 =
825 + 1,700 = 2,525 m² more; 2,400 + 2,525 = 4.5 × 450 + 5.8 × 500 = 4,925 m².)
>>> terms = area_terms(pd.Series([True]), pd.DataFrame({"primary": [0.0], "junior": [700.0]}),
...     teaching_area=pd.Series([5000.0]), sports_area=pd.Series([8000.0]),
...     share=pd.Series([1.0]), rural=pd.Series([False]), costs=Costs())
>>> areas = area_arrays(terms, LayoutConfig())
>>> t, g, f, land, u = areas.amounts(np.array([0.0]), np.array([1400.0]), np.array([10.0]))
>>> [round(float(v[0]), 6) for v in (t, g, f, land, u, areas.capital(t, g, f, land))]
[1920.0, 3000.0, 0.0, 1000.0, 380.76, 20820000.0]

(teaching: H = max(5,000, 700 × 5.8 = 4,060); 8,120 − 5,000 − 10 rooms × 120 = 1,920 m²; sports
at ρ = 0.867: H = max(8,000, 6,190.38); 12,380.76 − 8,000 = 4,380.76 m², a hall of 3,000 m² (城镇,
no ground data), 1,000 m² of land bought beside it (``sports_land_max_m2``, a field on it at
600 + 900 元, rule (25)) and 380.76 beyond; 1,920 × 3,500 + 3,000 × 4,200 + 1,000 × 1,500 元.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import ConfigError
from junheng.model import CountyData
from junheng.model.areas import is_rural
from junheng.model.numbers import wan_text
from junheng.planning.halls import (
    SPORTS,
    hall_limits,
    on_ground,
    receiver_ratio,
    sports_label,
    sports_per_pupil,
)
from junheng.planning.layout_area_words import (
    price_source,
    senior_sports,
    sports_ground_text,
    sports_prices,
)
from junheng.planning.layout_config import Costs, LayoutConfig
from junheng.planning.layout_land import (
    BEYOND_CAP,
    BEYOND_HALL,
    LAND_NOTE,
    NO_GROUND,
    NO_HALL,
    hall_field_land,
    land_caps,
    land_price,
    land_price_note,
    own_gap,
    site_hall_field_land,
    whole_ground_left,
)
from junheng.planning.stage_split import compulsory_share, planned_pupils, share_of
from junheng.standards import load_standard

STAGES = ("primary", "junior")
_QUALITY = load_standard("quality-2017")
TEACHING = {s: float(_QUALITY.indicator("teaching_area_per_student").threshold_for(s)) for s in STAGES}
#: the per-site columns of the area terms (layout_data.build_layout_problem adds them)
AREA_COLUMNS = ("area_on", "area_teaching_have", "area_room_m2", "area_sports_have",
                "area_hall_cap", "area_hall_least", "area_sports_yuan", "area_ground",
                "area_ground_left", "area_field_cap", "area_ground_whole", "area_sports_now",
                "area_sports_primary", "area_sports_junior")


def _need(per: dict[str, float], primary, junior):
    return per["primary"] * primary + per["junior"] * junior


def standard_top_up(size_primary, size_junior, room_m2: float):
    """m² of teaching and auxiliary area per primary and per junior pupil a new site needs beyond
    its classrooms (``room_m2`` each, one a class of ``size_*``): ``(τ_s − room_m2 / size_s)⁺``."""
    return tuple(np.maximum(TEACHING[s] - room_m2 / np.maximum(np.asarray(size, float), 1.0), 0.0)
                 for s, size in zip(STAGES, (size_primary, size_junior), strict=True))


def area_terms(existing: pd.Series, expected: pd.DataFrame, *, teaching_area: pd.Series,
               sports_area: pd.Series, share: pd.Series, rural: pd.Series,
               costs: Costs, ground: pd.Series | None = None) -> pd.DataFrame:
    """The per-site columns ``AREA_COLUMNS`` (one index for every argument): see the module
    docstring; ``expected``: the pupils per stage without the plan (primary, junior);
    ``ground``: the spare ground (m², whole school; NaN or None: unknown), kept as its
    compulsory part in ``area_ground`` (:func:`~.halls.field_holds`) and, less the school's own
    gap without the plan, in ``area_ground_left`` (``L_i``, bounding the field and the hall)."""
    p, j = expected["primary"].astype(float), expected["junior"].astype(float)
    on = existing.astype(bool) & ((p + j).round() > 0)
    part = share.astype(float)
    rural = rural.astype(bool)
    least, most = hall_limits(part.to_numpy(float), np.zeros(len(part)), costs.gym_min_area_m2,
                              costs.gym_max_area_m2)
    whole = pd.Series(np.nan, index=on.index) if ground is None else ground.astype(float)
    ground = whole * part
    # the ground the school's own gap without the plan needs is the 达标路径's, laid first
    per_p, per_j = sports_per_pupil(receiver_ratio(costs), j.to_numpy(float) > 0)  # brief hb 1
    sports = per_p * p + per_j * j
    own = own_gap(sports, sports_area.fillna(0.0) * part)  # rounded once, as every text says it
    left = np.floor(ground - own + 1e-6).clip(lower=0.0)  # whole m², as the plan states them
    field, hall = on_ground(left, np.where(rural, np.inf, 0.0), np.full(len(part), np.inf),
                            np.where(rural, 0.0, most), least)
    return pd.DataFrame({
        "area_on": on,
        "area_teaching_have": np.maximum(teaching_area.fillna(0.0) * part,
                                         _need(TEACHING, p, j)).where(on, 0.0),
        "area_room_m2": (costs.classroom_area_m2 * part).where(on, 0.0),
        "area_sports_have": np.maximum(sports_area.fillna(0.0) * part, sports).where(on, 0.0),
        "area_hall_cap": pd.Series(hall, index=on.index),
        "area_hall_least": pd.Series(np.where(hall > 0, least, 0.0), index=on.index),
        "area_sports_yuan": pd.Series(costs.gym_yuan_per_m2, index=on.index),
        "area_ground": ground,
        "area_ground_left": left,
        "area_ground_whole": whole,  # the whole school's, before both plans (layout_ground)
        "area_sports_now": sports_area.fillna(0.0) * part,
        "area_sports_primary": per_p, "area_sports_junior": per_j,
        # a field: on the ground left where the data give it, else (乡村) without a cap
        "area_field_cap": pd.Series(field, index=on.index),
    })


def site_area_terms(sites: pd.DataFrame, data: CountyData, costs: Costs,
                    growth: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """``sites`` (layout_data, index site_id) with ``AREA_COLUMNS``: today's areas from the
    county's facilities, the expected pupils per stage as layout_rules.expected_pupils, a
    building shared with 高中 split by them and the forecast's 高中 of the target ``year``
    (:func:`~.stage_split.compulsory_share`)."""
    from junheng.planning.layout_ground import spare_ground

    fac = data.facilities.set_index("school_id").reindex(sites.index)
    expected = pd.DataFrame({s: sites[f"students_{s}_now"] * growth[s] for s in STAGES})
    rural = pd.Series(is_rural(sites["urban_rural_code"].astype(str)), index=sites.index)
    terms = area_terms(
        sites["existing"], expected, teaching_area=fac["teaching_area"].astype(float),
        sports_area=fac["sports_area"].astype(float),
        share=_expected_share(expected[sites["existing"].astype(bool)], data, year)
        .reindex(sites.index).fillna(1.0), rural=rural, costs=costs,
        ground=pd.Series(spare_ground(data), dtype=float).reindex(sites.index))
    return sites.assign(**{c: terms[c] for c in AREA_COLUMNS})


def _expected_share(expected: pd.DataFrame, data: CountyData, year: int | None) -> pd.Series:
    """The compulsory share per school by its expected pupils per stage (``expected``, index
    school id) and its other stages in ``year``."""
    per = {str(i): {s: float(expected.at[i, s]) for s in STAGES} for i in expected.index}
    return compulsory_share(data, planned_pupils(per, data, year))


@dataclass(frozen=True)
class AreaArrays:
    """The area terms by site position, and their prices (rules (14)–(15))."""

    on: np.ndarray             # bool: an existing site with pupils without the plan
    teaching_have: np.ndarray  # H^T, m²
    room_m2: np.ndarray        # teaching m² an added classroom gives
    sports_have: np.ndarray    # H^S, m²
    hall_cap: np.ndarray       # m² a hall may have: within L_i (0 at a 乡村 site, or no fit)
    hall_least: np.ndarray     # m² a hall has at least (0 at a 乡村 site), rule (17)
    sports_yuan: np.ndarray    # 元 per m² of hall
    field_cap: np.ndarray      # m² a field may have: L_i (inf: 乡村, ground unknown)
    field_yuan: float          # 元 per m² of field
    teaching_yuan: float       # 元 per m² of teaching area
    beyond_weight: float       # weight per m² beyond the hall cap (not money)
    years: float               # capital_years
    standard_primary: np.ndarray  # m² a primary pupil needs beyond rooms at a new site (16)
    standard_junior: np.ndarray   # the same per junior pupil (0 at existing sites)
    field_primary: np.ndarray     # m² of sports field a primary pupil needs at a new site
    field_junior: np.ndarray      # the same per junior pupil
    yuan_primary: np.ndarray      # 元 a primary pupil costs a new site: area, field, equipment
    yuan_junior: np.ndarray       # the same per junior pupil (layout_newsite.per_pupil)
    sports_primary: np.ndarray    # σ per primary pupil of an existing site (sports_per_pupil)
    sports_junior: np.ndarray     # the same per junior pupil
    land_cap: np.ndarray | None = None  # Λ_i, m² of land a site may buy beside it (25): 0
    #: where none may be or no field's ground is known (area_arrays)
    land_yuan: float = 0.0        # p_L, 元 per m² of that land with its field
    ground_whole: np.ndarray | None = None  # W_i, the whole spare ground less its own gap (25')

    def land(self) -> np.ndarray:
        """Λ_i per site (rule (25)): 0 where no land may be bought or no field's ground is known."""
        return np.zeros(len(self.on)) if self.land_cap is None else self.land_cap

    def amounts(self, primary, junior, rooms
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(t, g, f, l, u) per site for its planned pupils per stage and added classrooms: the
        teaching area, the hall, the field, the land bought beside it (25) and the sports area
        beyond what they hold."""
        t = np.maximum(_need(TEACHING, primary, junior) - self.teaching_have
                       - self.room_m2 * rooms, 0.0) * self.on
        s = np.maximum(self.sports_primary * primary + self.sports_junior * junior
                       - self.sports_have, 0.0) * self.on
        return (t, *hall_field_land(s, self.hall_least, self.hall_cap, self.sports_yuan, self.field_cap,
                                    self.field_yuan, self.land(), self.land_yuan, self.beyond_weight,
                                    0.0 if self.ground_whole is None else self.ground_whole))

    def halls(self, g) -> np.ndarray:
        """The hall indicator ``h`` of rule (17) per site for the hall ``g``: 1 where a hall
        with a least size is built."""
        return ((np.asarray(g, float) > 0) & (self.hall_least > 0)).astype(float)

    def either(self) -> np.ndarray:
        """bool per site: both a hall and a field may be built, one of them (rule (22))."""
        return (self.hall_cap > 0) & (self.field_cap > 0)

    def site_yearly(self, s: int, primary: float, junior: float, rooms: float) -> float:
        """:meth:`yearly` of one site position ``s`` (the local search's scalar view)."""
        if not self.on[s]:
            return 0.0
        t = max(_need(TEACHING, primary, junior) - self.teaching_have[s]
                - self.room_m2[s] * rooms, 0.0)
        sports = max(self.sports_primary[s] * primary + self.sports_junior[s] * junior
                     - self.sports_have[s], 0.0)
        most = 0.0 if self.land_cap is None else float(self.land_cap[s])
        g, f, land, u = site_hall_field_land(
            sports, float(self.hall_least[s]), float(self.hall_cap[s]), float(self.sports_yuan[s]),
            float(self.field_cap[s]), self.field_yuan, most, self.land_yuan, self.beyond_weight,
            0.0 if self.ground_whole is None else float(self.ground_whole[s]))
        return float(self.teaching_yuan * t + self.sports_yuan[s] * g + self.field_yuan * f
                     + self.land_yuan * land + self.beyond_weight * u) / self.years

    def capital(self, t, g, f, land=0.0):
        """One-off 元 of the teaching area ``t``, the hall ``g``, the field ``f`` and the land
        bought with its field ``land`` (25)."""
        return (self.teaching_yuan * t + self.sports_yuan * g + self.field_yuan * f
                + self.land_yuan * land)

    def yearly(self, t, g, f, land, u):
        """What they add to the objective a year (the weight of ``u`` included)."""
        return (self.capital(t, g, f, land) + self.beyond_weight * u) / self.years

    def standard(self, primary, junior):
        """m² per site a new site needs beyond its classrooms for its pupils, term (16)."""
        return self.standard_primary * primary + self.standard_junior * junior

    def new_site_yuan(self, primary, junior):
        """元 per site a new site's per-pupil package costs (term (16))."""
        return self.yuan_primary * primary + self.yuan_junior * junior

    def pair_yuan(self, pair_site: np.ndarray, primary: np.ndarray) -> np.ndarray:
        """元 per pupil of each pair, term (16): 0 at an existing site."""
        return np.where(primary, self.yuan_primary[pair_site], self.yuan_junior[pair_site])

    def per_pupil(self, primary: np.ndarray, site: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(τ, σ) per pair of the given stage mask (True: primary) at its ``site``."""
        return (np.where(primary, TEACHING["primary"], TEACHING["junior"]),
                np.where(primary, self.sports_primary[site], self.sports_junior[site]))


def teaching_price(costs: Costs) -> float:
    """元 per m² of teaching area: the scenario's own 元/m² when given, else the file's."""
    return costs.yuan_per_m2 if costs.yuan_per_m2 is not None else costs.teaching_yuan_per_m2


def _standard_terms(sites: pd.DataFrame, cfg: LayoutConfig) -> dict[str, np.ndarray]:
    """Term (16) per site: what a pupil of each stage needs at a new site (a row with
    ``existing`` false; :func:`~junheng.planning.layout_newsite.per_pupil`), 0 elsewhere
    (and everywhere for a frame of area terms only)."""
    from junheng.planning.layout_newsite import per_pupil

    keys = [f"{part}_{s}" for part in ("standard", "field", "yuan") for s in STAGES]
    if "existing" not in sites:
        return {key: np.zeros(len(sites)) for key in keys}
    new = ~sites["existing"].to_numpy(bool)
    per = per_pupil(cfg, sites["class_size_primary"].to_numpy(float),
                    sites["class_size_junior"].to_numpy(float))
    return {key: np.where(new, per[key], 0.0) for key in keys}


def area_arrays(sites: pd.DataFrame, cfg: LayoutConfig) -> AreaArrays:
    """The area terms of ``sites`` (none where it lacks ``AREA_COLUMNS``: a hand-made
    problem; a new site's term (16) always); raises when the weight of the m² left unbuilt is
    below the hall's price (the cost per m² of sports area must not fall past the cap, or the
    model would leave the hall unbuilt)."""
    k, n, w = cfg.costs, len(sites), cfg.weights
    if w.hall_beyond_cap_yuan_per_m2 < k.gym_yuan_per_m2:
        raise ConfigError(
            f"超出室内体育馆面积上限或校内空地可建面积的体育运动场馆面积权重（每平方米 "
            f"{w.hall_beyond_cap_yuan_per_m2:,.0f} 元）低于室内体育馆单价（每平方米 {k.gym_yuan_per_m2:,.0f} 元）："
            "请调高该权重。")
    prices = {"teaching_yuan": teaching_price(k), "field_yuan": k.field_yuan_per_m2,
              "beyond_weight": w.hall_beyond_cap_yuan_per_m2, "years": w.capital_years,
              "land_cap": land_caps(sites.index, cfg), "land_yuan": land_price(k),
              **_standard_terms(sites, cfg),
              **{f"sports_{s}": (sites[f"area_sports_{s}"].to_numpy(float) if f"area_sports_{s}" in sites
                                 else np.full(n, SPORTS[s])) for s in STAGES}}
    if "area_on" not in sites:
        zero = np.zeros(n)
        return AreaArrays(on=np.zeros(n, bool), teaching_have=zero, room_m2=zero,
                          sports_have=zero, hall_cap=zero, hall_least=zero, sports_yuan=zero,
                          field_cap=zero, **{**prices, "land_cap": zero})
    cap = sites["area_hall_cap"].to_numpy(float)
    field = (sites["area_field_cap"].to_numpy(float) if "area_field_cap" in sites
             else np.where(np.isinf(cap), np.inf, 0.0))  # frames of before: inf, a 乡村 field
    return AreaArrays(
        on=sites["area_on"].to_numpy(bool),
        teaching_have=sites["area_teaching_have"].to_numpy(float),
        room_m2=sites["area_room_m2"].to_numpy(float),
        sports_have=sites["area_sports_have"].to_numpy(float),
        hall_cap=np.where(np.isinf(cap), 0.0, cap),
        hall_least=(sites["area_hall_least"].to_numpy(float) if "area_hall_least" in sites
                    else np.zeros(n)),
        sports_yuan=sites["area_sports_yuan"].to_numpy(float), field_cap=field,
        ground_whole=whole_ground_left(sites.get("area_ground_whole", np.full(n, np.nan)),
                                       sites["area_sports_have"], sites.get("area_sports_now", 0.0)),
        **{**prices, "land_cap": np.where(sites["area_on"].to_numpy(bool) & np.isfinite(field),
                                          prices["land_cap"], 0.0)})


def planned_areas(sites: pd.DataFrame, cfg: LayoutConfig, primary: pd.Series,
                  junior: pd.Series, rooms: pd.Series) -> pd.DataFrame:
    """Per site (index as ``sites``): ``added_teaching_area``, ``added_sports_area`` (the
    hall or field built, ``sports_field`` which), ``sports_beyond_cap_area`` (m², not priced:
    beyond the hall cap or the field's ground, or the shortfall without either),
    ``area_cost_yuan`` and ``beyond_weight_yuan`` (the weight of those m², not money: the
    objective has it over ``capital_years``) for its planned pupils per stage and added
    classrooms; at a new site ``standard_area`` (m², term (16)) and ``standard_area_yuan``,
    part of its construction."""
    areas = area_arrays(sites, cfg)
    ix = sites.index
    p, j, rooms = (s.reindex(ix, fill_value=0).to_numpy(float) for s in (primary, junior, rooms))
    t, g, f, land, u = areas.amounts(p, j, rooms)
    n = areas.standard(p, j)
    field = areas.field_primary * p + areas.field_junior * j
    package = areas.new_site_yuan(p, j)
    field_yuan = cfg.costs.field_yuan_per_m2 * field
    # a field is priced on the whole m² the plan states (530 m² × 900 = 47.70 万元)
    land_yuan = areas.land_yuan * np.round(land, 0)  # (25), on the whole m² stated
    cost = (areas.teaching_yuan * t + areas.sports_yuan * g + areas.field_yuan * np.round(f, 0)
            + land_yuan)
    return pd.DataFrame({"added_teaching_area": np.round(t, 0),
                         "added_sports_area": np.round(g + f, 0),
                         "sports_beyond_cap_area": np.round(u, 0),
                         "sports_land_area": np.round(land, 0),
                         "sports_land_yuan": np.round(land_yuan, 0),
                         "area_cost_yuan": np.round(cost, 0),
                         # a field site: one laid, or one the school may lay (乡村) but no ground
                         "sports_field": (f > 0) | ((areas.hall_cap <= 0) & (u > 0)),
                         "beyond_weight_yuan": np.round(areas.beyond_weight * u, 0),
                         # the ground its own gap leaves (compulsory part; NaN: unknown)
                         "sports_ground_left": (sites["area_ground_left"].to_numpy(float)
                                                if "area_ground_left" in sites else np.nan),
                         "standard_area": np.round(n, 0),
                         "standard_area_yuan": np.round(areas.teaching_yuan * n, 0),
                         "field_area": np.round(field, 0), "field_yuan": np.round(field_yuan, 0),
                         "equipment_yuan": np.round(package - areas.teaching_yuan * n - field_yuan, 0),
                         "package_yuan": np.round(package, 0)}, index=ix)


def _sid(r) -> str:
    return str(getattr(r, "site_id", r.Index))


def planned_share(plan, data: CountyData) -> pd.Series:
    """The compulsory share of each school of ``plan`` (a LayoutOutcome) by the pupils of its
    target year (:func:`~.stage_split.planned_pupils`): what the layout states."""
    planned = {s.school_id: s.students_after for s in plan.schools if s.action != "close"}
    return compulsory_share(data, planned_pupils(planned, data, plan.target_year))


def layout_senior(plan, data: CountyData, *, share: pd.Series | None = None,
                  prices: tuple[float, float, float] | None = None) -> pd.DataFrame:
    """Per receiver of ``plan`` (a :class:`~.layout_outcome.LayoutOutcome`) whose sports top-up
    is shared with 高中: the rows of :func:`~.compliance_outside.senior_part` for 高中's part
    (item ``field`` or ``gym``, priced as the note prices it) and ``year``, the school year the
    layout funds it (its data year + phase), so that 另需高中经费 holds every 高中 amount.
    ``share`` and ``prices`` (land, hall, field 元/m²): the layout's own
    (:func:`planned_share`, its ``costs``) unless the caller's plan states others."""
    land, hall, lawn = prices or sports_prices(plan.costs)
    share = (planned_share(plan, data) if share is None else share).to_dict()
    rows = []
    for s in plan.schools:
        if s.action == "new" or s.added_sports_area <= 0:
            continue
        whole, senior, wan = senior_sports(s.added_sports_area, share_of(share, s.school_id),
                                           lawn if s.sports_field else hall)
        if senior > 0:
            rows.append({"school_id": s.school_id, "name": s.name,
                         "item": "field" if s.sports_field else "gym",
                         "quantity": s.added_sports_area, "built": float(whole),
                         "senior": float(senior), "senior_cost": wan, "layout": 0.0,
                         "year": (plan.year or 0) + s.phase})
    return pd.DataFrame(rows)


def _planned_pupils(schools: pd.DataFrame, data: CountyData, year: int | None) -> pd.DataFrame:
    """:func:`~.stage_split.planned_pupils` of the plan's rows (``students_primary`` and
    ``students_junior`` per site; today's pupils where a frame lacks them)."""
    if not {"students_primary", "students_junior"} <= set(schools.columns):
        return planned_pupils({}, data, year)
    kept = schools[schools["action"] != "close"] if "action" in schools else schools
    ids = kept["site_id"] if "site_id" in kept else pd.Series(kept.index, index=kept.index)
    return planned_pupils({str(i): {"primary": p, "junior": j} for i, p, j in zip(
        ids, kept["students_primary"], kept["students_junior"], strict=True)}, data, year)


def _beyond_lines(schools: pd.DataFrame, beyond: pd.Series) -> list[str]:
    """The notes' lines of the sports area left unbuilt, one per case (:func:`beyond_cap_text`)."""
    field = schools.get("sports_field", pd.Series(False, index=schools.index)).astype(bool)
    built = schools["added_sports_area"] > 0
    cases = (
        (built & ~field, f"{BEYOND_CAP}：以下城镇接收学校分流所需的体育运动场馆面积{BEYOND_HALL}，超出部分不计价"),
        (built & field, f"{BEYOND_CAP}：以下接收学校分流所需的体育运动场馆面积超出其校内空地留足本校缺口后可建的室外体育运动场地面积"
                        "（校内空地按数据为下限），超出部分不计价"),
        (~built & ~field, f"{NO_HALL}：以下城镇接收学校分流所需的体育运动场馆面积不足一座室内体育馆的最小面积，建整馆的"
                          "费用高于按权重折算的缺口，不计价（缺口按权重计入综合评价值），是否整馆建设或以其他方式补足由达标路径确定"),
        (~built & field, f"{BEYOND_CAP}：以下接收学校{NO_GROUND}，分流所需的体育运动场馆面积不计价"),
    )
    return [head + "：" + "；".join(f"{r.name} {r.sports_beyond_cap_area:,.0f} 平方米"
                                   for r in schools[(beyond > 0) & mask].itertuples()) + "。"
            for mask, head in cases if ((beyond > 0) & mask).any()]


def receiver_note(schools: pd.DataFrame, data: CountyData | None = None, costs=None,
                  year: int | None = None) -> tuple[str, ...]:
    """The 需论证 lines: every receiver the areas are priced at (with its sports area's
    ground by ``data``'s spare ground and compulsory shares in the target ``year``,
    :func:`sports_ground_text`, at the layout's ``costs``), and every receiver whose
    sports area the plan leaves unbuilt, by why (:func:`_beyond_lines`; none: no line)."""
    from junheng.planning.layout_ground import spare_ground
    from junheng.planning.layout_outcome import shown_yuan

    ground = spare_ground(data) if data is not None else {}
    share = (compulsory_share(data, _planned_pupils(schools, data, year)).to_dict()
             if data is not None else {})
    beyond = schools.get("sports_beyond_cap_area", pd.Series(0.0, index=schools.index))
    land = schools.get("sports_land_area", pd.Series(0.0, index=schools.index))
    got = schools[(schools["added_teaching_area"] > 0) | (schools["added_sports_area"] > 0) | (land > 0)]
    out = []
    if not got.empty:
        land, hall, lawn = sports_prices(costs) if data is not None else (0.0, 0.0, 0.0)
        parts = [
            f"{r.name}（规划年学生 {int(r.students_expected):,} → "
            f"{int(r.students_primary + r.students_junior):,} 人："
            + "、".join(f"{label} {m2:,.0f} 平方米" for label, m2 in (
                ("教学及辅助用房", r.added_teaching_area),
                (sports_label(getattr(r, "sports_field", False)), r.added_sports_area),
                (LAND_NOTE, getattr(r, "sports_land_area", 0.0)))
                        if m2 > 0)
            + f"，{wan_text(r.area_cost_yuan)}"
            + sports_ground_text(r.added_sports_area, share_of(share, _sid(r)),
                                 ground.get(_sid(r)), land,
                                 lawn if getattr(r, "sports_field", False) else hall,
                                 bool(getattr(r, "sports_field", False)),
                                 getattr(r, "sports_ground_left", None)) + "）"
            for r in got.itertuples()
        ]
        # the sum of the items as listed, each rounded once (wan), so the total adds up on the
        # page and is the plan's receiver_area_yuan (shown_yuan)
        total = shown_yuan(got["area_cost_yuan"]) / 10_000
        out.append(
            f"需论证：布局分流使 {len(got)} 所接收学校的生均面积低于优质均衡标准，超出其富余面积的部分计为本方案"
            f"一次性财政支出“接收学校补足生均面积”（共 {total:,.2f} 万元，已计入方案的取舍、预算和分期；达标路径以其为已建成）："
            + "；".join(parts)
            + "。这些学校的用地和建设条件须经论证，条件不具备的应减少分流或另选接收学校"
            + (price_source(costs) if data is not None else "") + "。" + land_price_note(costs, got))
    out += _beyond_lines(schools, beyond)
    return tuple(out)
