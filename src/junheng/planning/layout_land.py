"""Rule (25) of the layout MILP: land bought beside a receiver (扩充体育运动场地用地, 征地/扩地).

A receiver whose sports area falls short of the standard once the plan moves pupils there
meets the shortfall ``s_i`` with a hall, a field on its own spare ground (rules (15), (17),
(22)) or, new here, a field laid on land acquired beside it: ``l_i`` m² at
``p_L = land_yuan_per_m2 + field_yuan_per_m2`` 元 a m² (the land, 征收或置换相邻用地, and the
field laid on it; the 达标路径's ``adjacent_land`` remedy prices the same two, ``costs.yaml``
``sports_remedy``), at most ``Λ_i`` m² a school::

    (25) 0 ≤ l_i ≤ Λ_i        Λ_i = sports_land_by_school[i] if given, else sports_land_max_m2

The land covers only what the school's own spare ground cannot hold: all of it, whatever share
rule splits its costs (a field shared with 高中 gives the compulsory part only its share, and a
planner buys no land beside a school with ground of its own)::

    (25') l_i ≤ (s_i − W_i)⁺     W_i the whole school's spare ground less its own gap (the
                                 compulsory part's, laid first), :func:`whole_ground_left`

one cap for the model, the amounts and the checker (:func:`land_room`). In the MILP, only where
``W_i > F_i`` (elsewhere the field, cheaper than land, takes the ground first and the row holds at
the optimum), with a binary ``b_i``: ``l_i − Λ_i b_i ≤ 0`` and
``l_i + (W_i + H^S_i) b_i − Σ_j σ_j d_j x_ij ≤ 0`` (``b_i`` = 1: ``l_i ≤ s_i − W_i``; 0: no land).

``l_i`` joins row (15) beside ``g_i``, ``f_i`` and ``u_i``, the budget (10) at ``p_L`` and the
objective at ``p_L / capital_years``; only where row (15) exists and the field's ground is
known (a 乡村 school whose ground the data do not give lays its field without a cap, no land
needed: ``Λ_i`` = 0 there, as ``u_i`` is). ``sports_land_by_school`` = 0 marks a school with
no land beside it: its shortfall stays ``u_i`` at the weight, reported as before.

At the optimum, for the planned pupils, :func:`hall_field_land` gives the cheapest (hall,
field, land, left) that meets ``s_i``: given the hall ``g`` (none, or whole between its least
and its cap, rule (17); a hall and a field not both, rule (22)), the rest is filled by the
cheaper of the field and the land up to their bounds, then the weight; the cost is piecewise
linear in ``g``, so its least is at an end or where the rest crosses a bound, the candidates
tried. Where ``Λ_i`` = 0 it is :func:`~.halls.hall_or_field`, unchanged.

A receiver 300 m² short with no ground left, no hall (乡村 rules), land allowed up to 1,000 m²:
300 m² of land at 600 + 900 = 1,500 元 (450,000 元) beats the weight (10,000 元 a m²):

>>> g, f, l, u = hall_field_land(np.array([300.0]), np.zeros(1), np.zeros(1), 4200.0,
...     np.zeros(1), 900.0, np.array([1000.0]), 1500.0, 10_000.0)
>>> [float(v[0]) for v in (g, f, l, u)]
[0.0, 0.0, 300.0, 0.0]
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from junheng.planning.halls import hall_or_field
from junheng.planning.layout_outcome import shown_yuan

#: the rule's label in the plan's notes and the cost table
LAND_LABEL = "扩充体育运动场地用地"
LAND_NOTE = f"{LAND_LABEL}（征用或置换相邻用地，建室外体育运动场地）"
BEYOND_CAP = "需征地/租用/布局分流，需论证"
NO_HALL = "不足一座室内体育馆最小面积，本方案不建馆，由达标路径确定是否补足"
#: what the m² left unbuilt are beyond: the hall cap (a hall built) or the spare ground (a field)
BEYOND_HALL, BEYOND_GROUND = "超出室内体育馆面积上限", "超出留足本校缺口后的校内空地可建面积"
NO_GROUND = "留足本校缺口后校内已无空地建室外体育运动场地"


def land_caps(site_ids, cfg) -> np.ndarray:
    """``Λ_i`` per site (rule (25)): the scenario's ``sports_land_by_school`` where it names the
    school, else ``sports_land_max_m2``."""
    by = {str(k): float(v) for k, v in (cfg.sports_land_by_school or {}).items()}
    return np.array([by.get(str(s), float(cfg.sports_land_max_m2)) for s in site_ids], float)


def own_gap(have, now) -> np.ndarray:
    """A school's own sports gap without the plan (``have`` − ``now``, at least 0) rounded once
    to whole m² (half up), the one figure every text states and the ground left is reckoned
    from (rv8 13: 第三初级中学's exact 3,608.116 m² read 3,608 in 表3 and 3,609 in the note).

    >>> own_gap(np.array([6_544.116, 100.0, 10.5]), np.array([2_936.0, 300.0, 0.0])).tolist()
    [3608.0, 0.0, 11.0]
    """
    gap = np.maximum(np.asarray(have, float) - np.asarray(now, float), 0.0)
    return np.floor(gap + 0.5 + 1e-9)


def whole_ground_left(whole, have, now) -> np.ndarray:
    """``W_i`` per site (rule (25')): the whole school's spare ground ``whole`` (m², NaN: not
    known, then 0) less its own gap without the plan (:func:`own_gap` of ``have`` − ``now``:
    the sports area its pupils need beyond what its compulsory part has), whole m².

    >>> whole_ground_left(np.array([12_701.0, np.nan, 100.0]), np.array([900.0, 50.0, 300.0]),
    ...                   np.array([900.0, 0.0, 100.0])).tolist()
    [12701.0, 0.0, 0.0]
    """
    left = np.asarray(whole, float) - own_gap(have, now)
    return np.floor(np.nan_to_num(left, nan=0.0) + 1e-6).clip(min=0.0)


def land_room(short, most, ground):
    """m² of land a school may buy (rules (25), (25')): its shortfall ``short`` beyond its own
    spare ground ``ground`` (``W_i``), at most ``most`` (``Λ_i``); plain floats or arrays.

    >>> land_room(363.0, 1000.0, 12_701.0), land_room(1500.0, 1000.0, 200.0)
    (0.0, 1000.0)
    """
    if isinstance(short, float | int):
        return min(float(most), max(float(short) - float(ground), 0.0))
    return np.minimum(most, np.maximum(np.asarray(short, float) - ground, 0.0))


def land_price(costs) -> float:
    """元 per m² of land bought beside a school with a field laid on it: ``p_L``."""
    return float(costs.land_yuan_per_m2) + float(costs.field_yuan_per_m2)


def hall_field_land(short, least, most, hall_price, field_most, field_price, land_most,
                    land_yuan: float, weight: float, ground=0.0
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(hall, field, land, left) m² per school meeting ``short`` at the least cost (module
    docstring); arguments as :func:`~.halls.hall_or_field` and ``land_most`` (``Λ_i``) at
    ``land_yuan`` a m², within :func:`land_room` of the whole spare ground ``ground``
    (``W_i``). Ties keep the smaller hall."""
    short = np.maximum(np.asarray(short, float), 0.0)
    n = len(short)
    land_most = land_room(short, np.asarray(land_most, float), np.asarray(ground, float))
    if not np.any(np.asarray(land_most, float) > 0):  # no land: the old rule (the local search's path)
        g, f, u = hall_or_field(short, least, most, hall_price, field_most, field_price, weight)
        return g, f, np.zeros(n), u
    least, most = np.broadcast_to(np.asarray(least, float), (n,)), np.broadcast_to(np.asarray(most, float), (n,))
    hp = np.broadcast_to(np.asarray(hall_price, float), (n,))
    fm = np.broadcast_to(np.asarray(field_most, float), (n,))
    lm = np.broadcast_to(np.asarray(land_most, float), (n,))
    g0, f0, u0 = hall_or_field(short, least, most, hall_price, field_most, field_price, weight)
    out = [g0, f0, np.zeros(n), u0]
    land = (lm > 0) & (land_yuan < weight) & np.isfinite(fm)
    if not land.any():
        return tuple(out)  # type: ignore[return-value]
    best = np.full(n, np.inf)
    picks = [np.zeros(n) for _ in range(4)]
    hall_ok = most > 0
    for pos, target in enumerate((np.zeros(n), least, most, short, short - fm, short - lm,
                                  short - fm - lm)):
        h = np.where(hall_ok & (pos > 0), np.minimum(np.maximum(target, least), most), 0.0)
        h = np.where(short > 0, h, 0.0)  # the first candidate: no hall
        rest = np.maximum(short - h, 0.0)
        fcap = np.where(h > 0, 0.0, fm)  # (22): a hall or a field, not both
        if field_price <= land_yuan:
            f = np.minimum(rest, fcap)
            ll = np.minimum(rest - f, lm)
        else:
            ll = np.minimum(rest, lm)
            f = np.minimum(rest - ll, fcap)
        u = rest - f - ll
        cost = hp * h + field_price * f + land_yuan * ll + weight * u
        better = cost < best - 1e-6
        best = np.where(better, cost, best)
        for k, v in enumerate((h, f, ll, u)):
            picks[k] = np.where(better, v, picks[k])
    return tuple(np.where(land, p, o) for p, o in zip(picks, out, strict=True))  # type: ignore[return-value]


def land_text(m2: float, yuan: float) -> str:
    """The plan's words for the land a school buys (the cost table's line, the notes).

    >>> land_text(300.0, 450_000.0)
    '扩充体育运动场地用地 300 平方米，45.00 万元'
    """
    return f"{LAND_LABEL} {m2:,.0f} 平方米，{yuan / 10_000:,.2f} 万元"


def land_price_note(costs, schools) -> str:
    """The land price under the plan's land money, said where that money is given (brief hm
    3): the price ``costs.land_yuan_per_m2`` (a :class:`~.layout_config.Costs` or its JSON)
    an assumption while it is the shipped default (单价文件 ``sports_remedy.land_unit_cost``),
    to be replaced by the county's 基准地价; "" where the plan's ``schools``
    (:func:`land_total`) buy no land.

    >>> from junheng.planning.layout_config import Costs
    >>> bought = pd.DataFrame({"sports_land_area": [267.0, 659.0], "sports_land_yuan": [0.0, 0.0]})
    >>> land_price_note(Costs(), bought)
    '土地价格按 600 元/平方米估算（假设值，另加室外体育运动场地每平方米 900 元），请以本县基准地价替换。'
    >>> land_price_note({"land_yuan_per_m2": 1_200.0, "field_yuan_per_m2": 900.0}, bought)
    '土地价格按 1,200 元/平方米估算（取自方案设置或县区单价文件，另加室外体育运动场地每平方米 900 元）。'
    >>> land_price_note(Costs(), bought.iloc[:0]), land_price_note(Costs(), ())
    ('', '')
    """
    from junheng.planning.layout_config import Costs

    if not round(land_total(schools)[0]):
        return ""
    got = costs.model_dump() if isinstance(costs, Costs) else dict(costs or {})
    land, field = (float(got.get(k) if got.get(k) is not None else getattr(Costs(), k))
                   for k in ("land_yuan_per_m2", "field_yuan_per_m2"))
    shipped = abs(land - float(Costs().land_yuan_per_m2)) < 0.005
    field_said = f"另加室外体育运动场地每平方米 {field:,.0f} 元"
    if shipped:
        return f"土地价格按 {land:,.0f} 元/平方米估算（假设值，{field_said}），请以本县基准地价替换。"
    return f"土地价格按 {land:,.0f} 元/平方米估算（取自方案设置或县区单价文件，{field_said}）。"


def land_total(schools) -> tuple[float, float]:
    """(m², 元) of land bought over the plan's schools (``LayoutSchool`` rows or a frame)."""
    if isinstance(schools, pd.DataFrame):
        if "sports_land_area" not in schools:
            return 0.0, 0.0
        return float(schools["sports_land_area"].sum()), float(schools["sports_land_yuan"].sum())
    rows = [s for s in schools if getattr(s, "action", "") != "close"]
    return (float(sum(getattr(s, "sports_land_area", 0.0) for s in rows)),
            float(sum(getattr(s, "sports_land_yuan", 0.0) for s in rows)))


def beyond_cap_text(m2: float, hall: bool = True, field: bool = False) -> str:
    """A receiver's sports area the plan leaves unbuilt, as the reports list it, by what it
    builds there: beyond the spare ground its field covers (``field``, ``hall``: it builds
    one), beyond the hall cap (a hall), its shortfall at a field school without ground (a
    乡村 school, ``field`` and not ``hall``), or below the smallest hall (rule (17)).

    >>> beyond_cap_text(3280.0)
    '超出室内体育馆面积上限的体育运动场馆 3,280 平方米（需征地/租用/布局分流，需论证）'
    >>> beyond_cap_text(3281.0, field=True)
    '超出留足本校缺口后的校内空地可建面积的体育运动场馆 3,281 平方米（需征地/租用/布局分流，需论证）'
    >>> beyond_cap_text(120.0, hall=False)
    '体育运动场馆缺口 120 平方米（不足一座室内体育馆最小面积，本方案不建馆，由达标路径确定是否补足）'
    >>> beyond_cap_text(120.0, hall=False, field=True)
    '体育运动场馆缺口 120 平方米（留足本校缺口后校内已无空地建室外体育运动场地，需征地/租用/布局分流，需论证）'
    """
    if not hall:
        why = f"{NO_GROUND}，{BEYOND_CAP}" if field else NO_HALL
        return f"体育运动场馆缺口 {m2:,.0f} 平方米（{why}）"
    return f"{BEYOND_GROUND if field else BEYOND_HALL}的体育运动场馆 {m2:,.0f} 平方米（{BEYOND_CAP}）"


def beyond_reason(hall: bool, field: bool) -> str:
    """Why a receiver's sports area is left unbuilt, short (the layout workbook's column;
    arguments as :func:`beyond_cap_text`).

    >>> beyond_reason(True, True), beyond_reason(True, False), beyond_reason(False, True)
    ('超出留足本校缺口后的校内空地可建面积', '超出室内体育馆面积上限', '留足本校缺口后校内已无空地建室外体育运动场地')
    """
    if not hall:
        return NO_GROUND if field else NO_HALL.split("，")[0]
    return BEYOND_GROUND if field else BEYOND_HALL


def site_hall_field_land(short: float, least: float, most: float, hall_price: float,
                         field_most: float, field_price: float, land_most: float,
                         land_yuan: float, weight: float, ground: float = 0.0
                         ) -> tuple[float, float, float, float]:
    """:func:`hall_field_land` of one school in plain floats (the local search calls it for
    every move; the arrays' overhead made the demo's warm start slow).

    >>> site_hall_field_land(900.0, 800.0, 3000.0, 4200.0, 0.0, 900.0, 1000.0, 1500.0, 10_000.0)
    (0.0, 0.0, 900.0, 0.0)
    >>> site_hall_field_land(900.0, 800.0, 3000.0, 4200.0, 0.0, 900.0, 0.0, 1500.0, 10_000.0)
    (900.0, 0.0, 0.0, 0.0)
    >>> site_hall_field_land(900.0, 0.0, 0.0, 4200.0, 0.0, 900.0, 1000.0, 1500.0, 10_000.0, 500.0)
    (0.0, 0.0, 400.0, 500.0)
    """
    short = max(short, 0.0)
    land_most = land_room(short, land_most, ground)
    if land_most <= 0 or land_yuan >= weight or not math.isfinite(field_most):
        hall = min(max(short, least), most) if short > 0 else 0.0
        left = short - min(short, hall)
        if not (hall_price * hall + weight * left <= weight * short + 1e-9 or not math.isfinite(most)):
            hall, left = 0.0, short
        field = min(short, field_most)
        if field > 0 and field_price * field + weight * (short - field) <= hall_price * hall + weight * left + 1e-9:
            return 0.0, field, 0.0, short - field
        return hall, 0.0, 0.0, left
    best, pick = math.inf, (0.0, 0.0, 0.0, 0.0)
    for pos, target in enumerate((0.0, least, most, short, short - field_most, short - land_most,
                                  short - field_most - land_most)):
        h = min(max(target, least), most) if pos and most > 0 and short > 0 else 0.0
        rest = max(short - h, 0.0)
        cap = 0.0 if h > 0 else field_most  # (22)
        if field_price <= land_yuan:
            f = min(rest, cap)
            bought = min(rest - f, land_most)
        else:
            bought = min(rest, land_most)
            f = min(rest - bought, cap)
        u = rest - f - bought
        cost = hall_price * h + field_price * f + land_yuan * bought + weight * u
        if cost < best - 1e-6:
            best, pick = cost, (h, f, bought, u)
    return pick


def land_figures(schools: pd.DataFrame | None) -> dict[str, float]:
    """The land bought beside receivers (rule (25)): its m² and 元 (each school's rounded to
    0.01 万元, as the tables show them), or {} where the plan buys none."""
    m2, _ = land_total(schools) if schools is not None else (0.0, 0.0)
    if not round(m2):
        return {}
    return {"sports_land_m2": round(m2), "sports_land_yuan": shown_yuan(schools["sports_land_yuan"])}


#: land beside a school is not the county's until the 自然资源 department grants it: both plans
#: list it as 待决策 with its amount and state their totals without it (review rv5 finding 6:
#: the layout booked 378.90 万元 of it while the 整改 left its own 1,350.30 万元 out as 待决策)
PENDING = "待决策，须经自然资源部门确认用地"


def pending_land(plan) -> str:
    """The plan's land beside receivers as a 待决策 item ('' where it buys none): its m², 万元
    and whether the per-school cap is the default assumption (``sports_land_max_m2`` without
    ``sports_land_by_school``).

    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> plan = LayoutOutcome("optimal", (), {"after": {"sports_land_m2": 2526, "sports_land_yuan": 3_789_000.0}},
    ...                      rules={"sports_land_max_m2": 1000, "sports_land_by_school": {}})
    >>> print(pending_land(plan))
    扩充体育运动场地用地 2,526 平方米、378.90 万元（待决策，须经自然资源部门确认用地，每校至多 1,000 平方米为假设值，确认前不作准）
    >>> pending_land(LayoutOutcome("optimal", (), {"after": {}}))
    ''
    """
    after = dict((plan.metrics or {}).get("after", {}))
    m2, yuan = float(after.get("sports_land_m2") or 0.0), float(after.get("sports_land_yuan") or 0.0)
    if not round(m2) or not round(yuan):
        return ""
    rules = dict(plan.rules or {})
    cap = rules.get("sports_land_max_m2")
    assumed = (f"，每校至多 {float(cap):,.0f} 平方米为假设值，确认前不作准"
               if isinstance(cap, int | float) and not rules.get("sports_land_by_school") else "")
    return f"{LAND_LABEL} {m2:,.0f} 平方米、{yuan / 10_000:,.2f} 万元（{PENDING}{assumed}）"
