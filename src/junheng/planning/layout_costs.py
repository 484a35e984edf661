"""The yearly cost of a layout, part by part, before and after the plan (元 per year).

* ``travel_cost_yuan``: every pupil's one-way minutes × trips a year (360 for day pupils,
  72 for boarders) × ``yuan_per_pupil_minute``;
* ``boarding_cost_yuan``: boarders × ``boarder_yuan_per_year``;
* ``operating_site_yuan``: open sites × ``operating_yuan_per_school``, the per-site part of
  the operating cost (minimum staff, security, canteen, heating and upkeep of a site), the
  part that is substantial only for small sites and the only one the plan changes;
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
>>> parts = cost_parts(load_layout_config(), a, open_sites=2, capital=800_000,
...                    quotas={"primary": 720, "junior": 940})
>>> parts["travel_cost_yuan"], parts["boarding_cost_yuan"], parts["operating_pupil_yuan"]
(15120.0, 30000.0, 26000.0)
>>> parts["operating_site_yuan"], parts["capital_annual_yuan"], parts["total_cost_yuan"]
(800000.0, 40000.0, 911120.0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.planning.layout_data import GROUP_STAGE

COST_LABELS = {
    "travel_cost_yuan": "通行时间折算成本（元/年）",
    "boarding_cost_yuan": "寄宿成本（元/年）",
    "operating_site_yuan": "运行成本：校点部分（元/年）",
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


def cost_parts(config, assign: pd.DataFrame, *, open_sites: int, capital: float,
               quotas: dict[str, float]) -> dict[str, float]:
    """The parts of the module docstring for one assignment (demand, travel_min, boarding,
    group per village and stage group)."""
    w = config.weights
    d = assign["demand"].to_numpy(float)
    t = np.nan_to_num(assign["travel_min"].to_numpy(float))
    board = assign["boarding"].fillna(False).to_numpy(bool)
    trips = np.where(board, w.boarder_trips_per_year, w.day_trips_per_year)
    stage = assign["group"].map(GROUP_STAGE).to_numpy()
    quota = np.where(stage == "junior", quotas.get("junior", 0.0), quotas.get("primary", 0.0))
    parts = {
        "travel_cost_yuan": float((d * t * trips).sum() * w.yuan_per_pupil_minute),
        "boarding_cost_yuan": float(d[board].sum() * w.boarder_yuan_per_year),
        "operating_site_yuan": float(open_sites * w.operating_yuan_per_school),
        "operating_pupil_yuan": float((d * quota).sum()),
        "capital_annual_yuan": float(capital / w.capital_years),
    }
    parts = {k: round(v, 0) for k, v in parts.items()}
    parts["total_cost_yuan"] = round(sum(parts.values()), 0)
    return parts
