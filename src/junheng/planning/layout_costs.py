"""The yearly cost of a layout, part by part, before and after the plan (元 per year).

* ``travel_cost_yuan``: every pupil's one-way minutes × trips a year (360 for day pupils,
  72 for boarders) × ``yuan_per_pupil_minute``;
* ``boarding_cost_yuan``: boarders × ``boarder_yuan_per_year``;
* ``operating_site_yuan``: the per-site part of the operating cost of the open sites
  (:func:`site_costs`): ``operating_yuan_per_school`` (security, heating, water, power and
  upkeep of a site) plus, at a 小规模学校 or 教学点, the staff it has beyond what its pupils
  earn by the 生师比 (``standards/staffing.yaml``) times ``teacher_yuan_per_year``: its
  teachers of the compulsory stages in the 教师 sheet, at most what its classes need by the
  班师比 (that entitlement where the sheet lists none); substantial only for small sites;
* ``funding_floor_yuan``: 公用经费 a rural school or 教学点 under ``funding_floor_pupils``
  (100) receives for the pupils it does not have: quota × (100 − pupils), since such
  schools are funded as if they had 100 (国办发〔2012〕48号; 国发〔2015〕67号); closing one saves
  it, merging its pupils into a larger school does not add any;
* ``operating_pupil_yuan``: pupils × the per-pupil part (``operating_yuan_per_pupil_*``,
  default the county's 生均公用经费基准定额 from its workbook): the same before and after,
  since every pupil is taught somewhere; reported so the per-site part is seen in proportion;
* ``capital_annual_yuan``: construction (classrooms, beds, new schools) over
  ``capital_years``;
* ``total_cost_yuan``: the sum. The objective of the MILP is this sum less the constant
  per-pupil part.

>>> from junheng.planning import load_layout_config
>>> import pandas as pd
>>> a = pd.DataFrame({"demand": [10, 20], "travel_min": [5.0, 40.0], "boarding": [False, True],
...                   "group": ["grades_1_3", "grades_7_9"]})
>>> parts = cost_parts(load_layout_config(), a, site_yuan=200_000, floor_yuan=57_600,
...                    capital=800_000, quotas={"primary": 720, "junior": 940})
>>> parts["travel_cost_yuan"], parts["boarding_cost_yuan"], parts["operating_pupil_yuan"]
(15120.0, 30000.0, 26000.0)
>>> parts["operating_site_yuan"], parts["funding_floor_yuan"], parts["capital_annual_yuan"]
(200000.0, 57600.0, 40000.0)
>>> parts["total_cost_yuan"]
368720.0

A 教学点 of 24 pupils in three classes needs 3 × 1.7 = 5.1 staff by the 班师比 and earns
24 / 19 ≈ 1.26 by the 生师比: 3.837 more staff at 100,000 元 plus the site's 100,000 元 is
483,684 元 a year; a 1,000-pupil school costs its 100,000 元. The point's 公用经费 floor is
720 × (100 − 24) = 54,720 元:

>>> sites = pd.DataFrame({"kind": ["teaching_point", "primary_school"], "existing": True,
...     "urban_rural_code": ["220", "121"], "pupils_now": [24, 1000],
...     "students_primary_now": [24, 1000], "students_junior_now": 0,
...     "classes_primary_now": [3, 22], "classes_junior_now": 0}, index=["TP", "BIG"])
>>> c = site_costs(sites, load_layout_config(), {"primary": 720, "junior": 940})
>>> c["site_cost"].round().tolist(), c["floor_quota"].tolist()
([483684.0, 100000.0], [720.0, 0.0])
>>> float(funding_floor(c["floor_quota"], pd.Series({"TP": 24}), 100))
54720.0

A point of 6 pupils in three classes with 2 teachers has 2 − 6 / 19 ≈ 1.684 staff more than
its pupils earn (its 2 teachers are fewer than the 5.1 of the 班师比): 268,421 元 a year; with
8 teachers it is capped at the 5.1:

>>> few = pd.DataFrame({"kind": "teaching_point", "existing": True, "urban_rural_code": "220",
...     "pupils_now": 6, "students_primary_now": 6, "students_junior_now": 0,
...     "classes_primary_now": 3, "classes_junior_now": 0, "teachers_now": [2.0, 8.0]},
...     index=["TWO", "EIGHT"])
>>> site_costs(few, load_layout_config(), {})["site_cost"].round().tolist()
[268421.0, 578421.0]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.planning.layout_data import GROUP_STAGE

COST_LABELS = {
    "travel_cost_yuan": "通行时间折算成本（元/年）",
    "boarding_cost_yuan": "寄宿成本（元/年）",
    "operating_site_yuan": "运行成本：校点部分（元/年）",
    "funding_floor_yuan": "公用经费保底：不足 100 人按 100 人核定多拨部分（元/年）",
    "operating_pupil_yuan": "运行成本：生均部分（元/年）",
    "capital_annual_yuan": "建设投资年均摊（元/年）",
    "total_cost_yuan": "年度总成本（元/年）",
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
    """Per site: ``site_cost``, the per-site operating cost of keeping it open (元/年), and
    ``floor_quota``, the 公用经费 quota (元/生) its missing pupils under
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
    return pd.DataFrame({"site_cost": w.operating_yuan_per_school
                         + np.where(small, extra, 0.0) * w.teacher_yuan_per_year,
                         "floor_quota": np.where(floor, quota, 0.0)}, index=sites.index)


def funding_floor(floor_quota: pd.Series, pupils: pd.Series, floor_pupils: int) -> float:
    """元 a year paid for missing pupils: Σ quota × (floor − pupils)⁺ over the sites listed in
    ``pupils`` (the open sites and their pupils)."""
    quota = floor_quota.reindex(pupils.index).fillna(0.0)
    return float((quota * (floor_pupils - pupils).clip(lower=0)).sum())


def cost_parts(config, assign: pd.DataFrame, *, site_yuan: float, floor_yuan: float,
               capital: float, quotas: dict[str, float]) -> dict[str, float]:
    """The parts of the module docstring for one assignment (demand, travel_min, boarding,
    group per village and stage group); ``site_yuan`` and ``floor_yuan`` are the open sites'
    per-site operating cost and 公用经费 floor."""
    w = config.weights
    d = assign["demand"].to_numpy(float)
    t = np.nan_to_num(assign["travel_min"].to_numpy(float))
    share = (assign["board_share"].fillna(0.0).to_numpy(float) if "board_share" in assign
             else assign["boarding"].fillna(False).to_numpy(float))  # by the rule only
    trips = share * w.boarder_trips_per_year + (1.0 - share) * w.day_trips_per_year
    stage = assign["group"].map(GROUP_STAGE).to_numpy()
    quota = np.where(stage == "junior", quotas.get("junior", 0.0), quotas.get("primary", 0.0))
    parts = {
        "travel_cost_yuan": float((d * t * trips).sum() * w.yuan_per_pupil_minute),
        "boarding_cost_yuan": float((d * share).sum() * w.boarder_yuan_per_year),
        "operating_site_yuan": float(site_yuan),
        "funding_floor_yuan": float(floor_yuan),
        "operating_pupil_yuan": float((d * quota).sum()),
        "capital_annual_yuan": float(capital / w.capital_years),
    }
    parts = {k: round(v, 0) for k, v in parts.items()}
    parts["total_cost_yuan"] = round(sum(parts.values()), 0)
    return parts
