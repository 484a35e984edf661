"""One rule for an indoor sports hall (室内体育馆), shared by the 达标路径 and the layout plan.

A school builds a hall whole or not at all: at least ``gym_min_area`` m² built and at most
``gym_max_area`` (``standards/costs.yaml``, ``land:``; the county's ``--costs`` over it). A
hall shared with 高中 or 附设幼儿班 is counted by the compulsory stages' part: both limits times
the compulsory share, the least rounded up and the most down to whole m²
(:func:`hall_limits`). Its price is the unit-price file's item ``gym`` (:func:`hall_yuan`).

The 达标路径 builds such a hall (its rule (19), :mod:`~junheng.planning.compliance_model`);
the layout plan prices a receiver's hall the same way (its rule (17),
:mod:`~junheng.planning.layout_model`): a 城镇 receiver short of ``s`` m² of sports area
either builds a hall of ``min(max(s, least), most)`` m² (the m² beyond ``most`` carry the
weight beyond the cap) or builds none, the whole ``s`` carrying that weight
(:func:`cheapest_hall`). Before, the layout priced a 100 m² top-up at 100 m² while the
达标路径 could only build 800 m².

>>> least, most = hall_limits(np.array([1.0, 0.5]), np.array([0.0, 0.0]), 800.0, 3000.0)
>>> least.tolist(), most.tolist()
([800.0, 400.0], [3000.0, 1500.0])
>>> g, u = cheapest_hall(np.array([100.0, 700.0, 3500.0]), np.full(3, 800.0),
...                      np.full(3, 3000.0), 4200.0, 10_000.0)
>>> g.tolist(), u.tolist()
([0.0, 800.0, 3000.0], [100.0, 0.0, 500.0])

(100 m² short: a hall of 800 m² costs 3,360,000 元, the weight of 100 m² 1,000,000, so no hall;
700 m²: 3,360,000 < 7,000,000, the whole hall; 3,500 m²: the largest hall and 500 m² beyond.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.standards import load_standard

#: the standard both plans plan sports area by, and its per-pupil sports area (σ_s)
_QUALITY = load_standard("quality-2017")
SPORTS = {s: float(_QUALITY.indicator("sports_area_per_student").threshold_for(s))
          for s in ("primary", "junior")}
#: the unit-price file's item of a hall (万元 per m²)
HALL_ITEM = "gym"
#: 元 per 万元
_YUAN_PER_WAN = 10_000


def sports_ratio(floor_ratio: float, margin: float) -> float:
    """The share of the sports-area standard both plans hold an existing school to in a year,
    one rule for the layout's receivers (:mod:`~.layout_areas`) and the 达标路径 (its row (5)):
    the school rule's floor (优质均衡: at most one indicator below the standard, at least
    ``floor_ratio`` of it) with the plan's ``margin`` (``land.floor_margin``). Sports area is
    the indicator a school leaves at the floor (the one that needs ground); a school whose
    other indicators the 达标路径 cannot all meet is lifted to the standard by that plan, at its
    cost. Before (brief hb 1), the layout held its receivers at 100 % while the 达标路径 planned
    第三初级中学 at 85 % × 1.02, and the comparison listed 265 m² of its ground as the layout's
    though the 达标路径's field covered them.

    >>> round(sports_ratio(0.85, 0.02), 6), sports_ratio(0.85, 0.0)
    (0.867, 0.85)
    """
    return floor_ratio * (1.0 + margin)


def receiver_ratio(costs) -> float:
    """The share of ``SPORTS`` both plans hold an existing school to (:func:`sports_ratio`,
    the margin ``costs.sports_floor_margin``: the 达标路径's ``land.floor_margin``): 0.867."""
    return sports_ratio(float(_QUALITY.school_rule.floor_ratio), costs.sports_floor_margin)


def sports_per_pupil(ratio: float, junior) -> tuple[np.ndarray, np.ndarray]:
    """m² of sports area (compulsory part) a school needs per primary and per junior pupil so
    that each of its stages' units reaches ``ratio`` of the standard as the evaluation splits a
    school's area (一贯制: weighted 1 : 1.1, ``split_weights``): ``k × w_s`` with ``k`` the
    largest ``σ_s / w_s`` of the stages it teaches (``junior``: bool per school, it teaches
    juniors). A 九年一贯制 school's primary pupil needs 10.2 / 1.1 = 9.27 m² at 100 %, not 7.5
    (brief hb 1: 新区实验学校's 初中 unit fell short on a need the layout counted met).

    >>> [v.round(4).tolist() for v in sports_per_pupil(1.0, np.array([False, True]))]
    [[7.5, 9.2727], [8.25, 10.2]]
    """
    w = _QUALITY.split_weights["nine_year"]
    k = np.where(np.asarray(junior, bool), max(SPORTS["primary"] / w["primary"],
                                               SPORTS["junior"] / w["junior"]),
                 SPORTS["primary"] / w["primary"]) * ratio
    return k * w["primary"], k * w["junior"]


def hall_yuan(costs) -> float:
    """元 per m² of hall from a unit-price file (:class:`~.compliance_costs.ComplianceCosts`)."""
    return round(costs.item(HALL_ITEM).unit_cost * _YUAN_PER_WAN, 2)


def hall_limits(share, built, min_area: float, max_area: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """Per school, the least and the most hall (m², compulsory-stage part) still to build:
    ``min_area`` and ``max_area`` of the whole hall times the compulsory ``share`` (the least
    rounded up, the most down), less a hall already built there (``built``, m²)."""
    share = np.asarray(share, float)
    built = np.asarray(built, float)
    least = np.maximum(np.ceil(min_area * share - 1e-9) - built, 0.0)
    most = np.maximum(np.floor(max_area * share + 1e-9) - built, 0.0)
    return np.minimum(least, most), most


def cheapest_hall(short, least, most, price, weight: float) -> tuple[np.ndarray, np.ndarray]:
    """(hall m², m² beyond) that meet a shortfall ``short`` of sports area at the least cost:
    a whole hall ``min(max(short, least), most)`` at ``price`` per m² (the rest beyond it at
    ``weight``), or no hall and all of ``short`` at ``weight``; where ``most`` is infinite (a
    乡村 field, no limits) always the field. Ties build the hall."""
    short = np.maximum(np.asarray(short, float), 0.0)
    least, most = np.asarray(least, float), np.asarray(most, float)
    price = np.asarray(price, float)
    hall = np.where(short > 0, np.minimum(np.maximum(short, least), most), 0.0)
    beyond = short - np.minimum(short, hall)
    build = (price * hall + weight * beyond <= weight * short + 1e-9) | ~np.isfinite(most)
    return np.where(build, hall, 0.0), np.where(build, beyond, short)


def hall_or_field(short, least, most, hall_price, field_most, field_price, weight
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hall m², field m², m² beyond) that meet a shortfall ``short`` of sports area at the
    least cost where a school may build a hall (:func:`cheapest_hall`: ``least``–``most``,
    ``most`` 0 where it may not) or lay a field of at most ``field_most`` m² (its spare
    ground; 0 where it may not, infinite at a 乡村 school whose ground the data do not give)
    at ``field_price``, not both; the m² either leaves carry ``weight``. Ties lay the field.

    >>> h, f, u = hall_or_field(np.array([5000.0, 5000.0, 100.0, 700.0]), np.full(4, 800.0),
    ...     np.array([3000.0, 3000.0, 3000.0, 0.0]), 4200.0, np.array([2000.0, 0.0, 0.0, 300.0]),
    ...     900.0, 10_000.0)
    >>> h.tolist(), f.tolist(), u.tolist()
    ([0.0, 3000.0, 0.0, 0.0], [2000.0, 0.0, 0.0, 300.0], [3000.0, 2000.0, 100.0, 400.0])

    (5,000 m² short on 2,000 m² of ground: a field of 2,000 m² and 3,000 beyond the ground,
    1.8 + 30 million, beats a hall of 3,000 m² and 2,000 beyond its cap, 12.6 + 20 million;
    without ground the hall; 100 m² short without ground: no hall (800 m² × 4,200 =
    3,360,000 > 1,000,000); a 乡村 school (no hall) with 300 m² of ground: 300 and 400 beyond.)
    """
    short = np.maximum(np.asarray(short, float), 0.0)
    hall, left = cheapest_hall(short, least, most, hall_price, weight)
    field = np.minimum(short, np.asarray(field_most, float))
    over = short - field
    lay = (field > 0) & (field_price * field + weight * over
                         <= np.asarray(hall_price, float) * hall + weight * left + 1e-9)
    return np.where(lay, 0.0, hall), np.where(lay, field, 0.0), np.where(lay, over, left)


def on_ground(ground, field, cap, gym, least) -> tuple[np.ndarray, np.ndarray]:
    """Per school, the field and hall bounds (m², compulsory-stage part) its own spare ground
    allows: ``ground`` is that spare ground (:func:`~.layout_ground.spare_ground` times the
    compulsory share; NaN where the data do not give it, the field's bound ``field`` by the
    城乡分类 rule then unchanged). A field is at most the ground and the addition's cap ``cap``; a hall (single storey, its floor area its footprint: ``costs.yaml``'s
    ``gym_max_area``) only where its smallest whole size ``least`` fits, at most the ground.
    Field and hall together stay within the ground too (the model's row (20)); what the
    ground cannot hold is land to buy (:mod:`~.compliance_sports_path`).

    >>> f, g = on_ground([np.nan, 10_000.0, 144.0, 0.0], [0.0, 0.0, 0.0, 5000.0],
    ...                  np.full(4, 9000.0), [3000.0, 3000.0, 1646.0, 800.0], np.full(4, 800.0))
    >>> f.tolist(), g.tolist()
    ([0.0, 9000.0, 144.0, 0.0], [3000.0, 3000.0, 0.0, 0.0])

    (Unknown ground: no field in 城区, the hall as before; 10,000 m²: field up to the cap, the
    largest hall; 144 m²: a field of 144 m², no 800 m² hall; none: neither.)
    """
    ground = np.asarray(ground, float)
    known = np.isfinite(ground)
    room = np.where(known, ground, np.inf)
    field = np.where(known, np.minimum(room, np.asarray(cap, float)), np.asarray(field, float))
    gym = np.asarray(gym, float)
    fits = room + 1e-9 >= np.asarray(least, float)
    return field, np.where(fits, np.minimum(gym, room), 0.0)


def field_holds(ground, m2) -> np.ndarray:
    """Per school, whether its sports top-up ``m2`` (compulsory part) is laid as an outdoor
    field: its spare ground's compulsory part ``ground`` (NaN: unknown) holds it, the field
    bound of :func:`on_ground` (no cap) at least ``m2``; a hall otherwise. One rule for the
    layout plan's receivers and the 达标路径 (review rv3 3: the layout priced 5,835 m² of
    halls at 4,200 元/m² where the 达标路径 laid fields at 900 元/m² on the same ground).

    >>> field_holds([np.nan, 10_071.0, 144.0, 530.0], [500.0, 1_183.0, 1_646.0, 530.0]).tolist()
    [False, True, False, True]
    """
    m2 = np.asarray(m2, float)
    n = len(m2)
    field, _ = on_ground(ground, np.zeros(n), np.full(n, np.inf), np.zeros(n), np.full(n, np.inf))
    return np.isfinite(np.asarray(ground, float)) & (field + 1e-9 >= m2) & (m2 > 0)


def sports_label(field: bool) -> str:
    """What a receiver's sports top-up is called: a field on its own ground, else a hall.

    >>> sports_label(True), sports_label(False)
    ('室外体育运动场地', '室内体育馆')
    """
    return "室外体育运动场地" if field else "室内体育馆"


def sports_reach(schools: pd.DataFrame, units: pd.DataFrame, lease_share: float = 0.0
                 ) -> np.ndarray:
    """Per unit, the most sports area (m², in the unit's terms) its school may add: the
    largest hall (``bound_gym``, capped at ``gym_max_area`` built) and the field
    (``bound_field``), together at most the school's spare ground where the data give it
    (``ground``, row (20)), and the leased ground a county rule allows (9) — issue 16: no
    county builds a 23,321 m² hall.

    >>> schools = pd.DataFrame({"school_id": ["A", "B", "C"], "bound_gym": [100.0, 100.0, 800.0],
    ...     "bound_field": [0.0, 500.0, 1000.0], "ground": [np.nan, np.nan, 1000.0],
    ...     "sports_area": [0.0] * 3, "reach_primary": [1.0] * 3, "reach_junior": [0.0] * 3})
    >>> units = pd.DataFrame({"school_id": ["A", "B", "C"], "stage": ["primary"] * 3})
    >>> sports_reach(schools, units).tolist()
    [100.0, 600.0, 1000.0]
    """
    s = schools.set_index("school_id").reindex(units["school_id"])
    most = s["bound_gym"].to_numpy(float) + s["bound_field"].fillna(0.0).to_numpy(float)
    most = np.fmin(most, s["ground"].to_numpy(float))  # NaN: ground unknown, no cap
    most = most + lease_share * (most + s["sports_area"].to_numpy(float)) / max(
        1.0 - lease_share, 1e-9)
    reach = np.where(units["stage"].to_numpy() == "primary", s["reach_primary"].to_numpy(float),
                     s["reach_junior"].to_numpy(float))
    return reach * most


def sports_target(problem, assessment: pd.DataFrame) -> np.ndarray:
    """Per row of an ``assessment`` (the engine's, one row a unit and indicator), the sports
    area per pupil the plans hold its unit to: the one rule of both plans
    (:func:`~.halls.sports_ratio`, the school rule's floor with ``floor_margin``) where sports
    area is the unit's only indicator below the standard, the standard where another is below
    too (the school rule then needs sports area met, the model's row (6)). Brief hb 1: the
    land to buy was counted to 100 % (东城小学 861 m²) while the plan holds such a school at
    85 % × 1.02."""
    sports = {i.id for i in problem.standard.resource_indicators
              if problem.numerator(i.id) == "sports_area"}
    below = assessment[~assessment["met"].fillna(False).astype(bool)]
    others = set(below.loc[~below["indicator"].isin(sports), "unit_id"])
    ratio = sports_ratio(problem.standard.school_rule.floor_ratio, problem.costs.floor_margin)
    alone = ~assessment["unit_id"].isin(others).to_numpy(bool)
    return assessment["threshold"].to_numpy(float) * np.where(alone, ratio, 1.0)


def short_m2(problem, assessment: pd.DataFrame) -> np.ndarray:
    """Per row, the whole m² of sports area its unit lacks to :func:`sports_target`."""
    gap = sports_target(problem, assessment) - assessment["value"].to_numpy(float)
    return np.ceil(np.maximum(gap, 0.0) * assessment["students"].to_numpy(float) - 1e-9)
