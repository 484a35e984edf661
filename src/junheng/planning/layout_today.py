"""Today's schools and pupils of the layout (布局调整): which school each village's stage
group attends today, and its pupils, so that each school holds the pupils it reports.

* **Today's school** (:func:`today_sites`) is the zones planner's source (``junheng plan
  zones``): the workbook's zone school of the stage (村居 ``zone_primary`` / ``zone_junior``)
  where it is a public school teaching the group. Grades 1–3 of a village whose nearest
  school teaching them is a 教学点 in the 乡镇 of that zone school attend the point (the
  village's own point: the zone names a complete school, the 1–3 year-olds go to the point
  near home). The zones planner counts a point's pupils at its 中心校 (it folds the point,
  jobs/zones_points), so the two differ exactly there, and at the parts of a split
  community below (tests/demo/test_demo_today_school.py). Without a zone school teaching
  the group, the nearest existing school that does (the zones planner then has none).
* **One basis for pupils per school** (:func:`today_basis`, with ``today_shares``): the data
  year's pupils of every school and group (grades 1–3, 4–6, 7–9 of the 班级 sheet; all of a
  教学点's pupils count in grades 1–3) are what it reports (现状按在校生校准, as
  :mod:`junheng.zones.calibrate`): the children of the villages it serves today are scaled
  by reported ÷ children, rounded so that they add up exactly (largest remainders). A school
  reporting no pupils of the group keeps its villages' children.
* **Split communities (多校划片)**: every 城区 community (城乡分类代码 111/112) is taken as
  served by several schools today, since a county seat's schools are zoned by several-school
  zones or by 小区 and no one school takes a community of 2,000 pupils (splitting only the
  communities over one school's room would need a capacity the reported pupils already
  exceed at the crowded schools; a community one school serves comes out as one part). Its pupils of a group are shared
  among the 城区 public schools teaching the group in the 乡镇 of its zone school: each such
  school gets its reported pupils less those of its single-sourced villages, and the
  communities' children, scaled to that total, go to them at the least pupil-minutes (a
  transportation problem; its optimal vertex is integral and has at most communities +
  schools − 1 positive flows). Each positive flow is one **part**: a customer of the layout
  with the part's school as today's school, sent whole to one school (rule (1) of
  :mod:`layout_model`). A rural village (any other code) stays one customer (single
  sourcing), as do communities without such schools, except that grades 1–3 of the
  villages a 教学点 serves, beyond the pupils the point reports, are a second part at the
  school their grades 4–6 attend today, if within the day limit (``_point_overflow``).
* **Target year** (规划年不调整 = today's shares at today's schools): each customer's
  children of the target year times its data-year factor (its calibrated pupils over its
  children; a part: the part's pupils over the community's children), rounded; a village
  with no data-year row (no children of the group then) takes its school's factor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import SolverError
from junheng.model import CountyData
from junheng.model.areas import is_urban
from junheng.planning.layout_config import LayoutConfig
from junheng.zones.calibrate import apportion

GROUPS = ("grades_1_3", "grades_4_6", "grades_7_9")
ZONE_COLUMN = {"grades_1_3": "zone_primary", "grades_4_6": "zone_primary",
               "grades_7_9": "zone_junior"}
#: 城乡分类代码 of a community shared among several schools today (城区).
SPLIT_CODES = ("111", "112")


@dataclass(frozen=True)
class TodayBasis:
    """The data year at today's schools: ``now`` one row per customer (village × group, a
    split community one per part) with ``before_site``, ``demand`` (calibrated pupils),
    ``children``, ``factor`` (demand ÷ children) and ``origin`` (its row of ``travel``'s
    customers: the village × group before the split); ``factors`` per (site, group) for the
    villages without a data-year row."""

    now: pd.DataFrame
    factors: pd.Series
    travel: pd.DataFrame | None = None


def offers(kind: str, group: str) -> bool:
    from junheng.planning.layout_data import SITE_GROUPS

    return group in SITE_GROUPS[kind]


def today_sites(customers: pd.DataFrame, travel: pd.DataFrame, sites: pd.DataFrame
                ) -> pd.Series:
    """Today's school per customer (the module's first rule): the zone school; grades 1–3
    at the nearest school teaching them where that is a 教学点 of the zone school's 乡镇.

    >>> sites = pd.DataFrame({"site_id": ["Z", "P", "Q"], "existing": True,
    ...     "kind": ["primary_school", "teaching_point", "teaching_point"],
    ...     "town_code": ["T", "T", "U"]}).set_index("site_id", drop=False)
    >>> cust = pd.DataFrame({"group": ["grades_1_3", "grades_4_6", "grades_1_3"],
    ...                      "zone_primary": ["Z", "Z", "Z"], "zone_junior": None})
    >>> travel = pd.DataFrame({"customer": [0, 0, 1, 2, 2], "site_id": ["P", "Z", "Z", "Q", "Z"],
    ...                        "travel_min": [5.0, 20.0, 20.0, 5.0, 20.0]})
    >>> today_sites(cust, travel, sites).tolist()  # 2's nearest point is in another 乡镇
    ['P', 'Z', 'Z']
    """
    existing = set(sites.loc[sites["existing"], "site_id"])
    near = (travel[travel["site_id"].isin(existing)]
            .sort_values(["customer", "travel_min", "site_id"], kind="stable")
            .drop_duplicates("customer").set_index("customer")["site_id"])
    near = near.reindex(customers.index)
    offered = set(zip(travel["customer"], travel["site_id"], strict=True))
    kind, town = sites["kind"].to_dict(), sites["town_code"].to_dict()
    out = []
    for (c, group), n in zip(customers["group"].items(), near.to_numpy(object), strict=True):
        zone = customers.at[c, ZONE_COLUMN[group]]
        zone = zone if isinstance(zone, str) and (c, zone) in offered else None
        if zone is None:
            out.append(None if pd.isna(n) else n)
        elif (group == "grades_1_3" and kind.get(n) == "teaching_point"
              and town.get(n) == town[zone]):
            out.append(n)
        else:
            out.append(zone)
    return pd.Series(out, index=customers.index, dtype=object)


def reported_pupils(sites: pd.DataFrame) -> pd.DataFrame:
    """Per site (index) and group (columns): the pupils it reports today; a 教学点's primary
    pupils all in grades 1–3 (it teaches no other group in the layout)."""
    point = (sites["kind"] == "teaching_point").to_numpy()
    primary = sites["students_primary_now"].to_numpy(float)
    upper = np.where(point, 0.0, sites["students_upper_now"].to_numpy(float))
    return pd.DataFrame({"grades_1_3": primary - upper, "grades_4_6": upper,
                         "grades_7_9": sites["students_junior_now"].to_numpy(float)},
                        index=sites.index)


def _pool_key(now: pd.DataFrame, sites: pd.DataFrame) -> pd.Series:
    """Per customer: (town of today's school, group) for a 城区 community, else None."""
    town = sites["town_code"].reindex(now["before_site"].fillna("")).to_numpy(object)
    split = now["urban_rural_code"].astype(str).isin(SPLIT_CODES).to_numpy()
    return pd.Series([(t, g) if s and isinstance(t, str) else None
                      for t, g, s in zip(town, now["group"], split, strict=True)],
                     index=now.index, dtype=object)


def today_basis(data: CountyData, sites: pd.DataFrame, config: LayoutConfig,
                travel_matrix: pd.DataFrame | None = None) -> TodayBasis:
    """The data year's customers at today's schools, calibrated (the module's rules)."""
    from junheng.planning.layout_data import travel_frame, village_demand

    existing = sites[sites["existing"]]
    now = village_demand(data, data.school_year)
    travel = travel_frame(now, existing, config, travel_matrix)
    now["before_site"] = today_sites(now, travel, existing)
    now["children"] = now["demand"]
    reported = reported_pupils(existing)
    key = _pool_key(now, existing)
    pools = {k: _pool_sites(existing, *k) for k in key.dropna().unique()}
    key = key.map(lambda k: k if k is not None and len(pools[k]) else None)
    single = _point_overflow(now[key.isna().to_numpy()].copy(), reported, existing["kind"],
                             _day_reach(travel, config))
    pooled = {(site, k[1]) for k, pool in pools.items() for site in pool}
    single["demand"] = _calibrated(single, reported, pooled)
    parts = [_split(now[(key == k).to_numpy()], single, pool, reported, travel)
             for k, pool in pools.items() if (key == k).any()]
    out = pd.concat([single, *parts]).sort_index(kind="stable")
    out["origin"] = out.index
    out = out[out["demand"] > 0].reset_index(drop=True)
    out["factor"] = out["demand"] / out["children"]
    return TodayBasis(out, _site_factors(out), travel)


def _pool_sites(existing: pd.DataFrame, town: str, group: str) -> pd.Index:
    """The 城区 public schools of ``town`` teaching ``group`` (existing: public only)."""
    ok = ((existing["town_code"] == town).to_numpy()
          & is_urban(existing["urban_rural_code"].astype(str))
          & existing["kind"].map(lambda k: offers(k, group)).to_numpy(bool))
    return existing.index[ok]


def _calibrated(single: pd.DataFrame, reported: pd.DataFrame, pooled: set) -> np.ndarray:
    """Single-sourced customers' pupils: per school and group, the children apportioned to
    the reported pupils (at a 城区 school sharing the group's communities, ``pooled``, and
    at a school reporting none: the children)."""
    out = single["demand"].to_numpy(float).copy()
    for (site, group), pos in single.reset_index(drop=True).groupby(
            ["before_site", "group"]).indices.items():
        told = reported.at[site, group] if site in reported.index else 0.0
        if (site, group) in pooled or not told > 0 or out[pos].sum() <= 0:
            continue
        out[pos] = apportion(out[pos], int(told))
    return out.astype(np.int64)


def _day_reach(travel: pd.DataFrame, config: LayoutConfig) -> set:
    """(customer, site) pairs within the day limit (grades 1–3 go to school daily)."""
    near = travel[travel["travel_min"].to_numpy(float) <= config.day_travel_limit_min + 1e-9]
    return set(zip(near["customer"], near["site_id"], strict=True))


def _point_overflow(single: pd.DataFrame, reported: pd.DataFrame, kinds: pd.Series,
                    reach: set) -> pd.DataFrame:
    """Grades 1–3 of the villages a 教学点 serves, beyond the pupils it reports, as a second
    part at the school the village's grades 4–6 attend today (planner review 2026-12-03
    finding 6: 赖庄村's 46 children of grades 1–3 were scaled to the 2 its point reports,
    1 in 2030 against 44 in grades 4–6; the others attend the 中心校, whose own villages were
    scaled up instead). The point keeps its reported pupils' worth of children, apportioned
    over its villages (largest remainders); a village whose grades 4–6 have no single
    school today, or one beyond the day limit (``reach``), stays whole at the point. Parts
    keep their village's row label."""
    upper = single[single["group"] == "grades_4_6"].drop_duplicates("village_code")
    upper = upper.set_index("village_code")["before_site"]
    young = (single["group"] == "grades_1_3").to_numpy() & (
        kinds.reindex(single["before_site"].fillna("")).to_numpy(object) == "teaching_point")
    extra = []
    for point, pos in single[young].reset_index(drop=True).groupby("before_site").indices.items():
        mine = single[young].iloc[pos]
        kids = mine["demand"].to_numpy(float)
        told = float(reported.at[point, "grades_1_3"]) if point in reported.index else 0.0
        if not 0 < told < kids.sum():
            continue
        school = upper.reindex(mine["village_code"]).to_numpy(object)
        ok = [(c, s) in reach for c, s in zip(mine.index, school, strict=True)]
        stay = np.where(ok, apportion(kids, int(told)), kids)
        single.loc[mine.index, "demand"] = stay.astype(np.int64)
        moved = mine.assign(before_site=school, demand=(kids - stay).astype(np.int64))
        extra.append(moved[moved["demand"] > 0])
    return pd.concat([single, *extra]).sort_index(kind="stable") if extra else single


def _split(members: pd.DataFrame, single: pd.DataFrame, pool: pd.Index,
           reported: pd.DataFrame, travel: pd.DataFrame) -> pd.DataFrame:
    """The parts of a pool's communities (one group): each school's reported pupils less its
    single-sourced villages' (at least 0), the communities' children apportioned to that
    total, shared at least pupil-minutes."""
    group = members["group"].iloc[0]
    mine = single[(single["group"] == group) & single["before_site"].isin(pool)]
    held = mine.groupby("before_site")["demand"].sum().reindex(pool, fill_value=0)
    need = np.maximum(reported[group].reindex(pool).fillna(0).to_numpy() - held.to_numpy(), 0)
    if need.sum() <= 0:
        return members
    supply = apportion(members["children"].to_numpy(float), int(need.sum()))
    minutes = (travel.set_index(["customer", "site_id"])["travel_min"]
               .reindex(pd.MultiIndex.from_product([members.index, pool])).to_numpy(float))
    flows = transport(supply, need.astype(float), np.nan_to_num(minutes, nan=1e6)
                      .reshape(len(members), len(pool)))
    rows = []
    for k, (c, row) in enumerate(members.iterrows()):
        for s in np.flatnonzero(flows[k] > 0):
            rows.append({**row.to_dict(), "before_site": pool[s], "demand": int(flows[k, s]),
                         "_order": c})
    out = pd.DataFrame(rows)
    return out.set_index(pd.Index(out.pop("_order").to_numpy(), name=None))


def transport(supply: np.ndarray, demand: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Whole flows from sources to sinks at least cost, every supply sent and every demand
    met (equal totals): the transportation problem, solved by dual simplex (an optimal
    vertex, integral for whole supplies and demands).

    >>> transport(np.array([30.0, 20.0]), np.array([25.0, 25.0]),
    ...           np.array([[1.0, 2.0], [3.0, 1.0]])).tolist()
    [[25, 5], [0, 20]]
    """
    from scipy.optimize import linprog

    m, n = cost.shape
    rows = np.zeros((m + n, m * n))
    for i in range(m):
        rows[i, i * n:(i + 1) * n] = 1.0
    for j in range(n):
        rows[m + j, j::n] = 1.0
    res = linprog(cost.ravel(), A_eq=rows, b_eq=np.r_[supply, demand], bounds=(0, None),
                  method="highs-ds")
    if res.status != 0:
        raise SolverError("现状学生分校（多校划片）的运输问题未能求解，请检查各校填报的在校生。",
                          status=str(res.status))
    return np.round(res.x).astype(np.int64).reshape(m, n)


def _site_factors(now: pd.DataFrame) -> pd.Series:
    """Per (site, group): calibrated pupils over children of its customers."""
    g = now.groupby(["before_site", "group"])[["demand", "children"]].sum()
    return g["demand"] / g["children"]


def target_customers(target: pd.DataFrame, basis: TodayBasis, before: pd.Series
                     ) -> pd.DataFrame:
    """The target year's customers (``target``: :func:`village_demand` of that year) on the
    data year's basis: a village × group with data-year rows is one customer per row (a
    split community: per part), its children × the row's factor; any other keeps
    ``before`` (today's school from :func:`today_sites` on ``target``) and takes that
    school's factor for the group (1 if none). Customers rounding to no pupil are dropped.

    >>> basis = TodayBasis(pd.DataFrame({"village_code": ["V", "V"], "group": "grades_4_6",
    ...     "before_site": ["A", "B"], "factor": [0.6, 0.9]}),
    ...     pd.Series([0.75], index=pd.MultiIndex.from_tuples([("A", "grades_4_6")])))
    >>> target = pd.DataFrame({"village_code": ["V", "W"], "group": "grades_4_6",
    ...                        "demand": [100, 40]})
    >>> target_customers(target, basis, pd.Series(["X", "A"])
    ...                  )[["village_code", "before_site", "demand"]].values.tolist()
    [['V', 'A', 60], ['V', 'B', 90], ['W', 'A', 30]]
    """
    now = basis.now
    cols = ["village_code", "group"]
    has = pd.MultiIndex.from_frame(target[cols]).isin(pd.MultiIndex.from_frame(now[cols]))
    lone = target[~has].assign(before_site=before.reindex(target.index)[~has].to_numpy(object))
    key = pd.MultiIndex.from_arrays([lone["before_site"].fillna("").to_numpy(object),
                                     lone["group"].to_numpy(object)])
    lone["factor"] = basis.factors.reindex(key).fillna(1.0).to_numpy(float)
    split = target[has].reset_index(names="_row").merge(
        now[[*cols, "before_site", "factor"]], on=cols, how="left")
    out = pd.concat([lone.reset_index(names="_row"), split]).sort_values("_row", kind="stable")
    out["demand"] = np.round(out["demand"].to_numpy(float) * out["factor"].to_numpy(float))
    out = out[out["demand"] > 0].drop(columns=["_row", "factor"]).reset_index(drop=True)
    out["demand"] = out["demand"].astype(np.int64)
    return out
