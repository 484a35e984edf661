"""The policy rules of 布局调整 that decide who may close and where pupils go.

* **Who may close** (:func:`closable`): by default only 教学点 and 小规模学校 (fewer than
  ``small_school_max_pupils`` compulsory pupils today) outside the 城区 (城乡分类代码 111/112)
  are candidates for 撤并; any other school closes only when the plan lists it in
  ``close_candidates`` (the optimiser may close it) or ``close`` (it must close). A school
  over the size cap is relieved by expansions, new schools and moving part of its pupils.
* **Where pupils go** (:func:`receiver_pairs`): a village's stage group may stay at today's
  school or move to a complete school (never a 教学点) in the same 乡镇 as its school today
  (as the village where it has none); ``cross_town`` lifts the 乡镇 condition. A school closing in the plan
  receives nobody (the model's rule (2)).
* **应留必留**: with these pairs, a 教学点 whose grades 1–3 have no receiver within the day
  limit is the only school within reach and stays open (``exempt_sites``).

>>> import pandas as pd
>>> from junheng.planning import load_layout_config
>>> sites = pd.DataFrame({"kind": ["teaching_point", "primary_school", "primary_school"],
...                       "existing": [True, True, True], "pupils_now": [20, 2233, 80],
...                       "urban_rural_code": ["220", "111", "111"]},
...                      index=pd.Index(["P", "URBAN", "SMALL-URBAN"], name="site_id"))
>>> closable(sites, load_layout_config()).tolist()
[True, False, False]
>>> closable(sites, load_layout_config(close_candidates=["URBAN"])).tolist()
[True, True, False]
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from junheng.model.areas import is_urban

#: The proven gap at or below which a plan may be called 最优 (0.01%).
OPTIMAL_GAP = 1e-4


def closable(sites: pd.DataFrame, config) -> pd.Series:
    """Per site: may the optimiser close it (a 撤并 candidate)?"""
    listed = sites.index.isin(list(config.close_candidates) + list(config.close))
    small = (sites["kind"] == "teaching_point").to_numpy() | (
        sites["pupils_now"].to_numpy() < config.small_school_max_pupils)
    rural = ~is_urban(sites["urban_rural_code"].astype(str))
    return pd.Series(sites["existing"].to_numpy(bool) & ((small & rural) | listed),
                     index=sites.index)


def receiver_pairs(pairs: pd.DataFrame, customers: pd.DataFrame, sites: pd.DataFrame,
                   config) -> pd.DataFrame:
    """The pairs the receivers rule allows: today's school, or a complete school in the same
    乡镇 as today's school (as the village where it has none; any 乡镇 with ``cross_town``)."""
    before = customers["before_site"].reindex(pairs["customer"]).to_numpy(object)
    site = pairs["site_id"].to_numpy(object)
    stays = site == before
    complete = (sites["kind"].reindex(site) != "teaching_point").to_numpy()
    ok = stays | complete
    if not config.cross_town:
        town = sites["town_code"].reindex(site).to_numpy(object)
        village_town = customers["town_code"].reindex(pairs["customer"]).to_numpy(object)
        before_town = sites["town_code"].reindex(
            [b if isinstance(b, str) else "" for b in before]).to_numpy(object)
        known = np.array([isinstance(b, str) for b in before], bool)
        ok &= stays | np.where(known, town == before_town, town == village_town)
    return pairs[ok].reset_index(drop=True)


def cross_town_moves(assignments: pd.DataFrame, sites: pd.DataFrame) -> int:
    """Pupils who move to a school in another 乡镇 than today's school's."""
    before = assignments["before_site"]
    known = before.map(lambda b: isinstance(b, str)).to_numpy(bool)
    a = assignments[known & (assignments["site_id"] != before).to_numpy()]
    town = sites["town_code"].reindex(a["site_id"]).to_numpy(object)
    was = sites["town_code"].reindex(a["before_site"]).to_numpy(object)
    return int(a["demand"].to_numpy()[town != was].sum())


def status_text(status: str, gap: float | None) -> str:
    """The plan's status in words: 最优 only at a proven gap of at most 0.01%.

    >>> status_text("optimal", 0.00004), status_text("feasible", 0.0096)
    ('最优', '可行方案，与最优的差距不超过 0.96%')
    >>> status_text("feasible", 0.00951)
    '可行方案，与最优的差距不超过 0.96%'
    """
    g = 0.0 if gap is None or not math.isfinite(gap) else max(gap, 0.0)
    if status == "optimal" and g <= OPTIMAL_GAP + 1e-12:
        return "最优"
    pct = math.ceil(round(g * 10000, 6)) / 100
    return f"可行方案，与最优的差距不超过 {pct:.2f}%"


def size_band(pupils: float) -> str:
    """The size band of a school by its compulsory pupils today, for the plausibility table."""
    for top, label in ((100, "100 人以下"), (300, "100–299 人"), (1000, "300–999 人")):
        if pupils < top:
            return label
    return "1000 人及以上"


def closed_by_band(sites: pd.DataFrame, closed: list[str]) -> dict[str, int]:
    """Closed existing schools counted by size band (教学点 separately)."""
    out: dict[str, int] = {}
    for s in closed:
        label = ("教学点" if sites.at[s, "kind"] == "teaching_point"
                 else size_band(float(sites.at[s, "pupils_now"])))
        out[label] = out.get(label, 0) + 1
    return out


def receivers_by_type(sites: pd.DataFrame, merged_into: dict[str, str]) -> dict[str, int]:
    """Receiving schools of the closures counted by kind."""
    out: dict[str, int] = {}
    for r in merged_into.values():
        kind = str(sites.at[r, "kind"]) if r in sites.index else "unknown"
        out[kind] = out.get(kind, 0) + 1
    return out
