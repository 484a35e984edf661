"""The yearly cost of a layout, part by part, before and after the plan (元 per year), kept
in three kinds that are never added together in a report (issue 16, item 3):

Money the bureau spends (财政支出), each year:

* ``operating_site_yuan``: the fixed per-site cost of the open sites,
  ``operating_yuan_per_school`` each (security, heating, water, power and upkeep);
* ``funding_floor_yuan``: 公用经费 a rural school or 教学点 under ``funding_floor_pupils``
  (100) receives for the pupils it does not have: quota × (100 − pupils), since such
  schools are funded as if they had 100 (国办发〔2012〕48号; 国发〔2015〕67号); closing one saves
  it, merging its pupils into a larger school does not add any;
* ``boarding_cost_yuan``: boarders × ``boarder_yuan_per_year``;
* ``school_bus_yuan``: the day part of the pupils who ride the school bus
  (:func:`~.layout_config.bus_riders`: beyond ``school_bus_km`` in a straight line, or over
  the day limit because they must board but have no bed) × ``school_bus_yuan_per_pupil_year``
  (default 3,000 元, :data:`~.layout_config.SCHOOL_BUS_YUAN` gives its source);
* ``transport_yuan``: day pupils whose road distance exceeds ``transport_min_km`` and who
  do not ride the bus × ``transport_yuan_per_pupil_year`` (交通补助; 0 unless the county
  sets a price);
* ``operating_pupil_yuan``: pupils × the per-pupil part (``operating_yuan_per_pupil_*``,
  default the county's 生均公用经费基准定额 from its workbook): the same before and after,
  since every pupil is taught somewhere;
* ``hire_staff_yuan``: the teachers the plan hires (the staffing ledger's 按编制需招聘,
  :mod:`~junheng.planning.staffing_ledger`, after the teachers who follow the pupils and the
  县管校聘 moves within a stage) × ``teacher_yuan_per_year`` (新聘教师人员经费): teachers
  moved to a new school are already paid, so its posts are not priced. Set by
  :func:`with_hire_cost` once the plan's ledger exists (0 before the plan); not in the
  objective;
* ``operating_yuan``: their sum. Construction is one-off money, ``capital_cost_yuan`` of
  the plan's metrics.

Travel, in pupil-minutes, not 元: ``travel_pupil_minutes``, every pupil's one-way minutes ×
trips a year (360 for day pupils, 72 for boarders).

The weights of the objective (not money spent or saved):

* ``travel_weight_yuan``: the pupil-minutes × ``yuan_per_pupil_minute``;
* ``staff_weight_yuan``: at a 小规模学校 or 教学点, the staff it has beyond what its pupils
  earn by the 生师比 (``standards/staffing.yaml``) times ``teacher_yuan_per_year`` (its
  teachers of the compulsory stages in the 教师 sheet, at most what its classes need by the
  班师比): teachers of a merged point are redeployed, not dismissed, so no salary is saved
  unless posts fall county-wide (:func:`staff_posts`, the plan's 编制 rows) and then only
  as staff leave;
* ``capital_annual_yuan``: construction (classrooms, beds, new schools, the receivers' areas) over
  ``capital_years``; rooms met by 临时周转 are not built (borrowed or rented for a peak of at
  most ``temporary_peak_years``, a transition cost of the years they are used: the 过渡期's
  20,000 元 a room-year) and are left out;
* ``hall_beyond_weight_yuan``: the receivers' sports area beyond the hall cap or without a
  hall (rules (15), (17)) × ``hall_beyond_cap_yuan_per_m2`` over ``capital_years``;
* ``objective_yuan``: the plan's 综合评价值, the weights plus the yearly spending less its
  constant per-pupil part and the new schools' teacher posts (equal to the solver's objective
  up to rounding to whole 元, less the annualised rooms met by 临时周转: the solver prices every
  added room as built, the 过渡期 then borrows those a short peak needs; and less its penalty).

The solver's penalty, apart from the score and counted in pupils, not 元 (planner review he:
a 600 万元 penalty was 13 % of the 综合评价值 a planner read as money):

* ``relief_short_pupils``: the pupils open schools lack of their relief floor (12); the
  solver prices each at ``RELIEF_SHORT_YUAN`` a year so that it is 0 unless no plan meets
  every floor, and the plan names each school short with its reason (layout_unmet).

>>> from junheng.planning import load_layout_config
>>> import pandas as pd
>>> a = pd.DataFrame({"demand": [10, 20], "travel_min": [5.0, 40.0], "boarding": [False, True],
...                   "group": ["grades_1_3", "grades_7_9"], "distance_km": [1.0, 12.0]})
>>> parts = cost_parts(load_layout_config(), a, site_yuan=200_000, floor_yuan=57_600,
...                    capital=800_000, quotas={"primary": 720, "junior": 940})
>>> parts["travel_pupil_minutes"], parts["travel_weight_yuan"], parts["boarding_cost_yuan"]
(75600.0, 15120.0, 30000.0)
>>> parts["operating_site_yuan"], parts["funding_floor_yuan"], parts["capital_annual_yuan"]
(200000.0, 57600.0, 40000.0)
>>> parts["operating_yuan"], parts["objective_yuan"]
(313600.0, 342720.0)
>>> parts = cost_parts(load_layout_config(), a, site_yuan=200_000, floor_yuan=57_600,
...                    capital=800_000, quotas={"primary": 720, "junior": 940},
...                    beyond_yuan=1_000_000, relief_pupils=2)
>>> parts["hall_beyond_weight_yuan"], parts["relief_short_pupils"], parts["objective_yuan"]
(50000.0, 2.0, 392720.0)

A 教学点 of 24 pupils in three classes needs 3 × 1.7 = 5.1 staff by the 班师比 and earns
24 / 19 ≈ 1.26 by the 生师比: 3.837 more staff at 100,000 元 plus the site's 19,200 元 (one guard) is
402,884 元 a year; a 1,000-pupil school costs its 19,200 元. The point's 公用经费 floor is
720 × (100 − 24) = 54,720 元:

>>> sites = pd.DataFrame({"kind": ["teaching_point", "primary_school"], "existing": True,
...     "urban_rural_code": ["220", "121"], "pupils_now": [24, 1000],
...     "students_primary_now": [24, 1000], "students_junior_now": 0,
...     "classes_primary_now": [3, 22], "classes_junior_now": 0}, index=["TP", "BIG"])
>>> c = site_costs(sites, load_layout_config(), {"primary": 720, "junior": 940})
>>> c["site_cost"].round().tolist(), c["floor_quota"].tolist()
([402884.0, 19200.0], [720.0, 0.0])
>>> float(funding_floor(c["floor_quota"], pd.Series({"TP": 24}), 100))
54720.0

Unit areas (``costs.classroom_area_m2`` 120 m² a classroom, ``costs.bed_area_m2`` 8 m² a bed,
used only when the county gives its 元/m²) and what the standards say, in
:data:`UNIT_AREA_SOURCES` (also docs/layout-yaml.md). No standard gives an area per added
classroom or per bed: 建标109-2008 (农村) and 建标〔2002〕102号 (城市) give building area per
pupil by school size. From the city standard's table 4-1(1) (基本指标: 完全小学 12/18/24/30 班
3,569/4,684/5,812/6,912 m²; 初级中学 4,772/6,379/7,972/9,605 m²) one more class adds
183–188 m² (primary) and 266–272 m² (junior) of the whole school (offices and service
rooms included); a classroom alone is 61–70 m² of use area. 120 m²
(a classroom with its share of corridors, stairs, toilets and teachers' offices, the
教学及辅助用房 the evaluation counts) lies between, so it stays the default; a county that
builds the whole-school share sets the marginal figures. A bed: the superseded GBJ 99-86
§5.1.6 asked 2.7 m² of dormitory use area a bed (plus 0.10–0.12 m² storage); with washrooms,
toilets, duty rooms and circulation 8 m² of building area stays an estimate.

A point of 6 pupils in three classes with 2 teachers has 2 − 6 / 19 ≈ 1.684 staff more than
its pupils earn (its 2 teachers are fewer than the 5.1 of the 班师比): 187,621 元 a year; with
8 teachers it is capped at the 5.1:

>>> few = pd.DataFrame({"kind": "teaching_point", "existing": True, "urban_rural_code": "220",
...     "pupils_now": 6, "students_primary_now": 6, "students_junior_now": 0,
...     "classes_primary_now": 3, "classes_junior_now": 0, "teachers_now": [2.0, 8.0]},
...     index=["TWO", "EIGHT"])
>>> site_costs(few, load_layout_config(), {})["site_cost"].round().tolist()
[187621.0, 497621.0]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from junheng.evaluate.guarantee import floor_funding, floor_short_by_school, floor_shortfall
from junheng.planning.layout_config import bus_riders
from junheng.planning.layout_data import GROUP_STAGE

#: The yearly money the bureau spends (财政支出), in the order the comparison lists it.
SPENDING = ("operating_site_yuan", "funding_floor_yuan", "boarding_cost_yuan", "school_bus_yuan",
            "transport_yuan",
            "operating_pupil_yuan", "hire_staff_yuan", "operating_yuan")

#: Where the unit areas come from (standard, table, value), as the plan's documentation says.
UNIT_AREA_SOURCES = {
    "classroom_area_m2": (
        "每间 120 平方米（教室及其分摊的走廊、楼梯、卫生间和教师办公，即评估所计的教学及辅助用房）。"
        "标准未按每间教室给出建筑面积：《农村普通中小学校建设标准》（建标109-2008）第八、九条按学校规模"
        "（完全小学 6–24 班，近期 45 人/班；初级中学 12–24 班，近期 50 人/班）给出生均校舍建筑面积；"
        "《城市普通中小学校校舍建设标准》（建标〔2002〕102号）表 4-1(1) 基本指标：完全小学 12、18、24、30 班"
        "分别为 3,569、4,684、5,812、6,912 平方米，初级中学 4,772、6,379、7,972、9,605 平方米，即每增加一个班"
        "整校增加小学 183–188、初中 266–272 平方米（含行政办公和生活服务用房）。普通教室本身使用面积约 61–70 平方米。"
        "只扩建教学用房时取 120；需按整校标准配套时请把 classroom_area_m2 设为上述增量。"),
    "bed_area_m2": (
        "每床 8 平方米建筑面积（估算）。原《中小学校建筑设计规范》GBJ 99-86 第 5.1.6 条：中学学生宿舍使用面积"
        "每床 2.7 平方米，贮藏间每生 0.10–0.12 平方米；另加盥洗、卫生间、管理和交通面积。"
        "现行 GB 50099-2011 的宿舍条款与各省寄宿制学校标准请按本县设计核对后替换。"),
}


def county_quotas(data, config) -> dict[str, float]:
    """The per-pupil operating cost per stage: the plan's figure, else the county's 生均公用
    经费基准定额 from its workbook, else 0."""
    info = getattr(data, "info", {}) or {}
    w = config.weights
    out = {}
    for stage, given in (("primary", w.operating_yuan_per_pupil_primary),
                         ("junior", w.operating_yuan_per_pupil_junior)):
        value = given if given is not None else info.get(f"{stage}_funding_quota")
        out[stage] = float(value) if value is not None and pd.notna(value) else 0.0
    return out


def site_costs(sites: pd.DataFrame, config, quotas: dict[str, float]) -> pd.DataFrame:
    """Per site: ``site_cost``, the per-site operating cost of keeping it open (元/年; in the
    objective), of which ``staff_cost`` is the small site's extra staff (a weight, not money
    saved: :func:`cost_parts`), ``small_site``, ``class_posts`` (staff its classes need by
    the 班师比), ``staff_now`` (its compulsory teachers, that entitlement where the sheet lists
    none) and ``floor_quota``, the 公用经费 quota (元/生) its missing pupils under
    ``funding_floor_pupils`` are funded at (0 where the floor does not apply: urban or town
    schools that are no 教学点, and new sites)."""
    from junheng.teachers.rules import load_rules

    rules = load_rules()
    w = config.weights
    existing = sites["existing"].to_numpy(bool)
    point = (sites["kind"] == "teaching_point").to_numpy()
    rural = sites["urban_rural_code"].astype(str).str.startswith("2").to_numpy()
    small = existing & (point | (rural & (sites["pupils_now"].to_numpy()
                                          < rules.small_max_students)))
    entitled = sum(sites[f"classes_{st}_now"].to_numpy(float) * rules.class_ratio[st]
                   for st in ("primary", "junior"))
    earned = sum(sites[f"students_{st}_now"].to_numpy(float) / rules.student_ratio[st]
                 for st in ("primary", "junior"))
    actual = (sites["teachers_now"].to_numpy(float) if "teachers_now" in sites
              else np.full(len(sites), np.nan))
    staff = np.where(np.isnan(actual), entitled, np.minimum(actual, entitled))
    extra = np.maximum(0.0, staff - earned)
    quota = np.where((sites["students_primary_now"].to_numpy() > 0) | point,
                     quotas.get("primary", 0.0), quotas.get("junior", 0.0))
    floor = existing & (point | rural) & (w.funding_floor_pupils > 0)
    staff_cost = np.where(small, extra, 0.0) * w.teacher_yuan_per_year
    return pd.DataFrame({"site_cost": w.operating_yuan_per_school + staff_cost,
                         "staff_cost": staff_cost,
                         "floor_quota": np.where(floor, quota, 0.0),
                         "small_site": small,
                         "class_posts": entitled,
                         "staff_now": np.where(np.isnan(actual), entitled, actual)},
                        index=sites.index)


def funding_floor(floor_quota: pd.Series, pupils: pd.Series, floor_pupils: int) -> float:
    """元 a year paid for missing pupils: Σ quota × (floor − pupils)⁺ over the sites listed in
    ``pupils`` (the open sites and their pupils)."""
    quota = floor_quota.reindex(pupils.index).fillna(0.0)
    return float((quota * (floor_pupils - pupils).clip(lower=0)).sum())


def with_floor_unpaid(metrics: dict, data, config) -> dict:
    """``metrics`` (当前) with what the 经费表 shows of the 公用经费保底 today: ``floor_schools``
    (schools and 教学点 the rule covers), ``floor_paid_schools`` (of them paid to it), of both
    the 教学点 (``floor_points``, ``floor_paid_points``) and
    ``floor_unpaid_yuan`` (short in all; :func:`~junheng.evaluate.guarantee.floor_shortfall`,
    the 自评报告's item of the same name) and ``floor_unpaid_by_school`` (school id: the 元
    of its 保底 not paid, :func:`~junheng.evaluate.guarantee.floor_short_by_school`). Review
    2026-12-04 finding 7: the 保底 saving took every small school as paid it; review
    2026-12-05 finding 4: which of the closed schools' 保底 is not paid today. Also
    ``project_funds``, the 资金来源 of the listed projects not yet 竣工
    (:func:`~.layout_funds.project_funds`). The floor's figures are left out without a floor
    or without such schools."""
    from junheng.planning.layout_funds import project_funds

    if funds := project_funds(data.tables.get("projects")):  # review rv10 9: the listed sources
        metrics = {**metrics, "project_funds": funds}
    floor = config.weights.funding_floor_pupils
    found = floor_shortfall(data, floor) if floor > 0 else None
    if found is None:
        return metrics
    return {**metrics, "floor_schools": found.schools, "floor_paid_schools": found.paid,
            "floor_unpaid_yuan": float(found.unpaid_yuan), "floor_points": found.points,
            "floor_paid_points": found.paid_points,
            "floor_unpaid_by_school": floor_short_by_school(data, floor),
            "floor_due_by_school": floor_due_by_school(data, floor)}


def floor_due_by_school(data, floor: float) -> dict[str, float]:
    """Per school the 100-pupil rule covers and the 经费表 pays short: the 元 it must be paid
    more to be funded in full (required less paid, not capped at its 保底 as
    :func:`~junheng.evaluate.guarantee.floor_short_by_school`): what funding the floor in full
    adds a year until it closes (review rv10 10). The schools of
    tests/evaluate/test_floor_shortfall.py: ``{"B": 52000.0, "C": 22000.0}``."""
    small = floor_funding(data, floor)
    if small is None or small.empty:
        return {}
    due = (small["required"] - small["public_funding"]).clip(lower=0)
    return {str(i): round(float(v), 0) for i, v in zip(small["school_id"], due, strict=True) if v > 0}


def floor_unpaid_closed(plan) -> tuple[int, float] | None:
    """(closed schools, 元 a year) of the 公用经费保底 the plan's closed schools are not paid
    today (``metrics["now"]["floor_unpaid_by_school"]``, :func:`with_floor_unpaid`): money
    the 保底 saving counts that is not spent now (review 2026-12-05 finding 4); None for a
    plan stored before the figure.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("B", "乙", "close"), PlannedSchool("C", "丙", "keep"),
    ...     PlannedSchool("D", "丁", "close")), {"now": {"floor_unpaid_by_school": {"B": 14_400.0, "C": 22_000.0}}})
    >>> floor_unpaid_closed(plan)
    (1, 14400.0)
    """
    short = ((plan.metrics or {}).get("now") or {}).get("floor_unpaid_by_school")
    if short is None:
        return None
    closed = [short[s.school_id] for s in plan.schools if s.action == "close" and s.school_id in short]
    return len(closed), float(sum(closed))


def closed_kinds(plan) -> str:
    """The closed schools short of the 保底 today counted by kind, 「31 个教学点」 (rv13 13: 「31
    个（所）」), from ``metrics["now"]["floor_unpaid_by_school"]``.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲", "close", "teaching_point"),
    ...     PlannedSchool("Q", "乙", "close", "primary_school"), PlannedSchool("R", "丙", "close", "teaching_point")),
    ...     {"now": {"floor_unpaid_by_school": {"P": 1.0, "Q": 2.0}}})
    >>> closed_kinds(plan)
    '1 所学校、1 个教学点'
    """
    from junheng.model.labels import count_of_kinds

    short = ((plan.metrics or {}).get("now") or {}).get("floor_unpaid_by_school") or {}
    return count_of_kinds(s.kind for s in plan.schools if s.action == "close" and short.get(s.school_id))


def cost_parts(config, assign: pd.DataFrame, *, site_yuan: float, floor_yuan: float,
               capital: float, quotas: dict[str, float], staff_yuan: float = 0.0,
               beyond_yuan: float = 0.0,
               relief_pupils: float = 0.0) -> dict[str, float]:
    """The parts of the module docstring for one assignment (demand, travel_min, distance_km,
    boarding, group per village and stage group); ``site_yuan`` is the open sites' fixed per-site cost,
    ``staff_yuan`` their extra staff and ``floor_yuan`` their 公用经费 floor; ``beyond_yuan``
    the one-off weight of the sports area beyond the hall cap or without a hall (annualised
    here) and ``relief_pupils`` the pupils short of the relief floors (12), a penalty of the
    solver kept out of ``objective_yuan``.

    Money the bureau spends each year (``operating_yuan``) is kept apart from the objective's
    weights (travel time valued per pupil-minute, the extra staff of small sites: teachers of
    a merged point are redeployed, not dismissed), which only ``objective_yuan`` adds in."""
    from junheng.planning.layout_trips import checked_rows

    w = config.weights
    d = assign["demand"].to_numpy(float)
    t = np.nan_to_num(assign["travel_min"].to_numpy(float))
    share = (assign["board_share"].fillna(0.0).to_numpy(float) if "board_share" in assign
             else assign["boarding"].fillna(False).to_numpy(float))  # by the rule only
    trips = share * w.boarder_trips_per_year + (1.0 - share) * w.day_trips_per_year
    stage = assign["group"].map(GROUP_STAGE).to_numpy()
    quota = np.where(stage == "junior", quotas.get("junior", 0.0), quotas.get("primary", 0.0))
    minutes = float((d * t * trips).sum())
    km = np.nan_to_num(assign["distance_km"].to_numpy(float))
    riding = bus_riders(km, t, config) & ~checked_rows(assign)  # no data-check boarders (ht 5)
    spent = {
        "operating_site_yuan": float(site_yuan),
        "funding_floor_yuan": float(floor_yuan),
        "boarding_cost_yuan": float((d * share).sum() * w.boarder_yuan_per_year),
        "school_bus_yuan": float((d * w.school_bus(riding, share)).sum()),
        "transport_yuan": float((d * w.transport(km, share, config.detour_factor, riding)).sum()),
        "operating_pupil_yuan": float((d * quota).sum()),
        "hire_staff_yuan": 0.0,
    }
    spent = {k: round(v, 0) for k, v in spent.items()}
    spent["operating_yuan"] = round(sum(spent.values()), 0)
    weights = {"travel_weight_yuan": round(minutes * w.yuan_per_pupil_minute, 0),
               "staff_weight_yuan": round(float(staff_yuan), 0),
               "capital_annual_yuan": round(float(capital / w.capital_years), 0),
               "hall_beyond_weight_yuan": round(float(beyond_yuan / w.capital_years), 0)}
    objective = (sum(weights.values()) + spent["operating_yuan"] - spent["operating_pupil_yuan"]
                 - spent["hire_staff_yuan"])
    return {**spent, "travel_pupil_minutes": round(minutes, 0), **weights,
            "objective_yuan": round(objective, 0), "relief_short_pupils": round(float(relief_pupils), 1)}


#: the yearly spending ``operating_yuan`` adds up, and the weights ``objective_yuan`` adds to
#: it less the per-pupil 公用经费 and the hires (:func:`cost_parts`)
SPENT_PARTS = tuple(k for k in SPENDING if k != "operating_yuan")
WEIGHT_PARTS = ("travel_weight_yuan", "staff_weight_yuan", "capital_annual_yuan",
                "hall_beyond_weight_yuan")


def shown_totals(column: Mapping[str, Any], wan: bool) -> dict[str, Any]:
    """``column`` (one column of a plan's metrics) with ``operating_yuan`` and
    ``objective_yuan`` the sums of their parts as printed: in 万元 (``wan``) each part to
    0.01 万元 first, so every total a table, headline or report shows is the sum of the parts
    it shows (review rv2 finding 10: 运行支出合计 6,426.01 beside parts adding to 6,426.00);
    in 元 the parts are whole already. A column without all its parts (an older plan) is
    returned as it is.

    >>> col = {"operating_site_yuan": 1_240_004.0, "funding_floor_yuan": 411_049.0,
    ...        "boarding_cost_yuan": 0.0, "school_bus_yuan": 0.0, "transport_yuan": 0.0,
    ...        "operating_pupil_yuan": 3_595_776.0, "hire_staff_yuan": 0.0,
    ...        "operating_yuan": 5_246_829.0, "travel_weight_yuan": 18_785_949.0,
    ...        "staff_weight_yuan": 0.0, "capital_annual_yuan": 0.0,
    ...        "hall_beyond_weight_yuan": 0.0, "objective_yuan": 20_437_002.0}
    >>> t = shown_totals(col, True)  # 124.00 + 41.10 + 359.58 = 524.68 (not 524.68 from 524.6829:
    >>> # the same here); 524.68 − 359.58 + 1,878.59 = 2,043.69 where 20,437,002 元 reads 2,043.70
    >>> t["operating_yuan"], t["objective_yuan"], t["funding_floor_yuan"], shown_totals(col, False) == col
    (5246800.0, 20436900.0, 411000.0, True)
    """
    out = dict(column)
    if not wan or any(k not in column for k in (*SPENT_PARTS, "operating_yuan")):
        return out

    def shown(key: str) -> float:
        return round(float(column[key]) / 10_000, 2)

    operating = round(sum(shown(k) for k in SPENT_PARTS), 2)
    out["operating_yuan"] = round(operating * 10_000, 0)
    # the parts as printed too: a change worked from them adds up to the total's change with
    # no remainder (review rv3 finding 6: 「…变化每年 0.01 万元」 was 93 元 of rounding)
    out.update({k: round(shown(k) * 10_000, 0) for k in SPENT_PARTS})
    if "objective_yuan" in column and all(k in column for k in WEIGHT_PARTS):
        legacy = ("relief_short_weight_yuan",) if "relief_short_weight_yuan" in column else ()
        objective = (operating - shown("operating_pupil_yuan") - shown("hire_staff_yuan")
                     + sum(shown(k) for k in (*WEIGHT_PARTS, *legacy)))  # a plan before 12-05
        out["objective_yuan"] = round(round(objective, 2) * 10_000, 0)
        # the weights as printed too (review rv3 5: a comparison's 通行时间 change from them)
        out.update({k: round(shown(k) * 10_000, 0) for k in (*WEIGHT_PARTS, *legacy)})
    return out


def shown_metrics(metrics: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every column of a plan's metrics (now, before, after) through :func:`shown_totals`, in
    万元 when any amount of them reaches a million 元 (the comparison table's unit), so the
    table, the headline and the yearly running change read one figure (6,426.00, not .01).

    >>> m = shown_metrics({"before": {"operating_yuan": 1.0}, "after": {"x_yuan": 2e6}})
    >>> m == {"before": {"operating_yuan": 1.0}, "after": {"x_yuan": 2e6}}  # no parts: as given
    True
    """
    wan = max((abs(float(v)) for column in metrics.values() for k, v in column.items()
               if k.endswith("_yuan") and isinstance(v, int | float) and v == v),
              default=0.0) >= 1_000_000
    return {name: shown_totals(column, wan) for name, column in metrics.items()}


def with_hire_cost(metrics: dict, hires: int, yuan_per_teacher: float,
                   before_hires: int = 0) -> dict:
    """``metrics`` (before, after) with the hires priced: ``after``'s ``hire_staff_yuan`` =
    ``hires`` (the plan's) × ``yuan_per_teacher``, ``before``'s = ``before_hires`` (the
    unadjusted county's, counted the same way: review2 finding 2, the hires enrolment causes
    are in both columns) × the same, each ``operating_yuan`` moved by the same; the objective
    does not count it.

    >>> m = with_hire_cost({"before": {"operating_yuan": 5.0, "hire_staff_yuan": 0.0},
    ...                     "after": {"operating_yuan": 4.0, "hire_staff_yuan": 0.0}}, 72, 100_000,
    ...                    before_hires=70)
    >>> m["after"], m["before"]
    ({'operating_yuan': 7200004.0, 'hire_staff_yuan': 7200000.0}, {'operating_yuan': 7000005.0, 'hire_staff_yuan': 7000000.0})
    """
    if "after" not in metrics:
        return metrics
    out = dict(metrics)
    for key, count in (("after", hires), ("before", before_hires)):
        if key not in metrics:
            continue
        column = dict(metrics[key])
        yuan = round(float(count) * float(yuan_per_teacher), 0)
        column["operating_yuan"] = float(column["operating_yuan"]) - float(
            column.get("hire_staff_yuan", 0.0)) + yuan
        column["hire_staff_yuan"] = yuan
        out[key] = column
    return out


def extra_weights(sites: pd.DataFrame, schools: pd.DataFrame | None,
                  pupils: pd.Series) -> dict[str, float]:
    """The objective's weights besides travel and staff, as :func:`cost_parts` takes them, so
    that ``objective_yuan`` is the solver's objective less its penalty: the one-off weight of
    the receivers' sports area beyond the hall cap or without a hall (``beyond_yuan``, rules
    (15), (17): the plan's ``beyond_weight_yuan`` per school) and the pupils short of the
    relief floors (``relief_pupils``, rule (12): the penalty, apart from the score)."""
    beyond = (0.0 if schools is None or "beyond_weight_yuan" not in schools
              else float(schools["beyond_weight_yuan"].sum()))
    return {"beyond_yuan": beyond,
            "relief_pupils": relief_shortfall(sites, pupils)}


def relief_shortfall(sites: pd.DataFrame, pupils: pd.Series) -> float:
    """Pupils the open sites (``pupils``: pupils per open site) lack of their relief floor
    (``stay_floor``, rule (12)): Σ (floor − pupils)⁺, 0 where the sites carry no floor.

    >>> relief_shortfall(pd.DataFrame({"stay_floor": [300.0, 0.0, 500.0]}, index=["A", "B", "C"]),
    ...                  pd.Series({"A": 280, "B": 10, "C": 600}))
    20.0
    """
    if "stay_floor" not in sites:
        return 0.0
    floor = sites["stay_floor"].reindex(pupils.index).fillna(0.0)
    return float((floor - pupils.astype(float)).clip(lower=0).sum())


def staff_posts(sites: pd.DataFrame, pupils: pd.DataFrame) -> int:
    """Staff the open sites need by the staffing standard (``standards/staffing.yaml``):
    ⌈pupils ÷ 生师比⌉ per stage (the staffing ledger's rule, staffing_ledger.staff_need), at a
    小规模学校 or 教学点 at least what its classes need by the 班师比, rounded up (生师比与班师比
    相结合). ``pupils``: one row per open site (index) with ``primary`` and ``junior``
    pupils; ``sites`` carries :func:`site_costs`'s ``small_site`` and ``class_posts``.

    A 1,000-pupil primary school needs 1000 / 19 → 53 posts; a point of 24 pupils in three
    classes 3 × 1.7 = 5.1 → 6 (not 24 / 19 → 2):

    >>> sites = pd.DataFrame({"small_site": [False, True], "class_posts": [40.8, 5.1]},
    ...                      index=["BIG", "TP"])
    >>> staff_posts(sites, pd.DataFrame({"primary": [1000, 24], "junior": 0}, index=["BIG", "TP"]))
    59
    >>> staff_figures(sites, pd.DataFrame({"primary": [1000, 24], "junior": 0}, index=["BIG", "TP"]))
    {'staff_posts': 59, 'staff_posts_class_ratio': 4}
    """
    return int(_posts(sites, pupils)[1].sum())


def staff_figures(sites: pd.DataFrame, pupils: pd.DataFrame) -> dict[str, int]:
    """The plan's 编制 metrics: ``staff_posts`` (:func:`staff_posts`) and of them
    ``staff_posts_class_ratio``, the posts the 班师比 gives the 小规模学校 and 教学点 beyond their
    pupils' 生师比 posts: what the staffing ledger (生师比 only) does not count, so that
    ``staff_posts − staff_posts_class_ratio`` is the ledger's need for the same pupils."""
    earned, need = _posts(sites, pupils)
    return {"staff_posts": int(need.sum()), "staff_posts_class_ratio": int((need - earned).sum())}


def _posts(sites: pd.DataFrame, pupils: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per site its posts by the 生师比 (stage by stage, rounded up) and by the standard."""
    from junheng.teachers.rules import load_rules

    rules = load_rules()
    earned = sum(np.ceil(pupils.get(st, pd.Series(0.0, index=pupils.index)).to_numpy(float)
                         / rules.student_ratio[st] - 1e-9) for st in ("primary", "junior"))
    small = sites["small_site"].reindex(pupils.index).fillna(False).to_numpy(bool)
    classes = np.ceil(sites["class_posts"].reindex(pupils.index).fillna(0.0).to_numpy(float) - 1e-9)
    return earned, np.where(small, np.maximum(earned, classes), earned)


def room_counts(schools: pd.DataFrame | None) -> dict[str, int]:
    """The plan's rooms built and those met by 临时周转 (borrowed, not built), one count each
    (planner review: 「方案新增普通教室 29」 counted 13 rooms the plan does not build).

    >>> room_counts(pd.DataFrame({"added_classrooms": [3, 20], "temporary_classrooms": [2, 0]}))
    {'built_classrooms': 21, 'temporary_classrooms': 2}
    >>> room_counts(None)
    {'built_classrooms': 0, 'temporary_classrooms': 0}
    """
    if schools is None:
        return {"built_classrooms": 0, "temporary_classrooms": 0}
    temporary = int(schools["temporary_classrooms"].sum())
    return {"built_classrooms": int(schools["added_classrooms"].sum()) - temporary,
            "temporary_classrooms": temporary}


def built_capital(schools: pd.DataFrame) -> float:
    """The plan's 建设投资 without the receivers' areas from its schools' table (``cost_yuan``
    less ``temporary_yuan``, the rooms met by 临时周转 and not built), each rounded to 100 元 as shown.

    >>> built_capital(pd.DataFrame({"cost_yuan": [1_260_000.0, 150.0], "temporary_yuan": [420_000.0, 0.0]}))
    840200.0
    """
    from junheng.planning.layout_outcome import shown_yuan

    return shown_yuan(schools["cost_yuan"]) - shown_yuan(schools.get("temporary_yuan", [0.0]))
