"""From a county to a layout problem: demand per village × stage group, sites, travel times.

Stage groups: ``grades_1_3`` (day pupils only), ``grades_4_6`` (primary), ``grades_7_9``
(junior). A village's demand for a group in the target year is its resident children of the
matching ages aged forward: grades 1–3 are ages 6–8, grades 4–6 ages 9–11, grades 7–9
ages 12–14.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import ConfigError
from junheng.model import CountyData
from junheng.model.codes import URBAN_CODES
from junheng.planning.layout_config import LayoutConfig

GROUPS = ("grades_1_3", "grades_4_6", "grades_7_9")
GROUP_AGES = {"grades_1_3": (6, 7, 8), "grades_4_6": (9, 10, 11), "grades_7_9": (12, 13, 14)}
GROUP_STAGE = {"grades_1_3": "primary", "grades_4_6": "primary", "grades_7_9": "junior"}
GROUP_LABELS = {"grades_1_3": "一至三年级", "grades_4_6": "四至六年级", "grades_7_9": "七至九年级"}

SITE_GROUPS = {
    "primary_school": ("grades_1_3", "grades_4_6"),
    "teaching_point": ("grades_1_3",),
    "junior_school": ("grades_7_9",),
    "nine_year": GROUPS,
    "twelve_year": GROUPS,
    "complete_secondary": ("grades_7_9",),
    "new": GROUPS,
}
THROUGH_TYPES = frozenset({"nine_year", "twelve_year", "new"})
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class LayoutProblem:
    """Everything the layout model needs, as frames.

    ``sites``: one row per existing school or candidate new site (index ``site_id``) with
    name, kind, town_code, lon, lat, existing, seats_primary, seats_junior, beds,
    class sizes, size cap, min size, students now.
    ``customers``: one row per village × group with demand > 0 (index 0..n-1):
    village_code, village_name, town_code, group, demand, before_site.
    ``pairs``: allowed customer × site pairs: customer, site_id, distance_km, travel_min,
    boarding.
    """

    county_code: str
    school_year: int
    target_year: int
    config: LayoutConfig
    sites: pd.DataFrame
    customers: pd.DataFrame
    pairs: pd.DataFrame
    travel: pd.DataFrame  # every customer × offering site (for before metrics and checks)


def haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle distance in km, broadcasting over arrays."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def village_demand(data: CountyData, target_year: int) -> pd.DataFrame:
    """Children per village and group in ``target_year``, by ageing today's children forward."""
    shift = target_year - data.school_year
    if shift < 0:
        raise ConfigError(f"目标学年 {target_year} 早于数据学年 {data.school_year}。")
    if shift > 6:
        raise ConfigError(
            f"目标学年 {target_year} 距数据学年 {data.school_year} 超过 6 年：村居分年龄儿童数只能"
            "推算 6 年内的一至三年级学生，请缩短规划期或使用招生预测。")
    villages = data.villages
    rows = []
    for group, ages in GROUP_AGES.items():
        cols = [f"age_{a - shift}" for a in ages]
        demand = villages[cols].astype("float64").fillna(0).sum(axis=1)
        rows.append(pd.DataFrame({
            "village_code": villages["village_code"].to_numpy(),
            "village_name": villages["name"].to_numpy(),
            "town_code": villages["town_code"].to_numpy(),
            "urban_rural_code": villages["urban_rural_code"].to_numpy(),
            "lon": villages["lon"].to_numpy(float), "lat": villages["lat"].to_numpy(float),
            "group": group, "demand": demand.round().astype(int).to_numpy(),
            "zone_primary": villages["zone_primary"].to_numpy(),
            "zone_junior": villages["zone_junior"].to_numpy(),
        }))
    out = pd.concat(rows, ignore_index=True)
    return out[out["demand"] > 0].reset_index(drop=True)


def existing_sites(data: CountyData, config: LayoutConfig) -> pd.DataFrame:
    """Compulsory schools and teaching points with seats per stage, beds and size rules."""
    schools = data.schools[data.schools["school_type"].isin(SITE_GROUPS)].copy()
    classes = data.classes.merge(schools[["school_id"]], on="school_id")
    stage = np.where(classes["grade"].isin(["g7", "g8", "g9"]), "junior",
                     np.where(classes["grade"].str.startswith("g"), "primary", "other"))
    per = (classes.assign(stage=stage).groupby(["school_id", "stage"])
           .agg(classes=("students", "size"), students=("students", "sum")).unstack(fill_value=0))
    fac = data.facilities.set_index("school_id")["classrooms"]
    out = []
    for row in schools.itertuples(index=False):
        n_p = int(per.get(("classes", "primary"), pd.Series(dtype=int)).get(row.school_id, 0))
        n_j = int(per.get(("classes", "junior"), pd.Series(dtype=int)).get(row.school_id, 0))
        s_p = int(per.get(("students", "primary"), pd.Series(dtype=int)).get(row.school_id, 0))
        s_j = int(per.get(("students", "junior"), pd.Series(dtype=int)).get(row.school_id, 0))
        rooms = fac.get(row.school_id, pd.NA)
        rooms = n_p + n_j if pd.isna(rooms) else int(rooms)
        share_p = n_p / (n_p + n_j) if n_p + n_j else (1.0 if "grades_1_3" in SITE_GROUPS[
            row.school_type] else 0.0)
        rooms_p = round(rooms * share_p)
        rooms_j = rooms - rooms_p
        size_p = (config.class_size_teaching_point if row.school_type == "teaching_point"
                  else config.class_size_primary)
        boarders = data.classes.loc[data.classes["school_id"] == row.school_id, "boarders"]
        out.append({
            "site_id": row.school_id, "name": row.name, "kind": row.school_type,
            "town_code": row.town_code, "urban_rural_code": row.urban_rural_code,
            "lon": float(row.lon), "lat": float(row.lat), "existing": True,
            "ownership": row.ownership,
            "rooms_primary": rooms_p, "rooms_junior": rooms_j,
            "seats_primary": rooms_p * size_p if "grades_1_3" in SITE_GROUPS[row.school_type]
            else 0,
            "seats_junior": rooms_j * config.class_size_junior
            if "grades_7_9" in SITE_GROUPS[row.school_type] else 0,
            "class_size_primary": size_p, "class_size_junior": config.class_size_junior,
            "beds": int(row.boarding_beds) if bool(row.boarding) and not pd.isna(
                row.boarding_beds) else 0,
            "boarders_now": int(boarders.fillna(0).sum()),
            "students_primary_now": s_p, "students_junior_now": s_j,
            "classes_primary_now": n_p, "classes_junior_now": n_j,
            "central_school": row.central_school,
        })
    return pd.DataFrame(out)


def candidate_sites(data: CountyData, config: LayoutConfig) -> pd.DataFrame:
    """New-site candidates: each rural town's centre, or the user's points."""
    if config.new_sites == "none":
        return pd.DataFrame()
    if isinstance(config.new_sites, list):
        rows = [{"site_id": str(s["id"]), "name": str(s.get("name", s["id"])),
                 "town_code": str(s["town_code"]), "lon": float(s["lon"]),
                 "lat": float(s["lat"]), "urban_rural_code": str(s.get("urban_rural_code", "121"))}
                for s in config.new_sites]
    elif config.new_sites == "town_centres":
        rows = _town_centres(data) + _urban_centres(data, config.urban_candidates)
    else:
        raise ConfigError(f"new_sites 取值 {config.new_sites!r} 无效：应为 town_centres、none 或校址列表。")
    return pd.DataFrame([{
        **r, "kind": "new", "existing": False, "ownership": "public",
        "rooms_primary": 0, "rooms_junior": 0, "seats_primary": 0, "seats_junior": 0,
        "class_size_primary": config.class_size_primary,
        "class_size_junior": config.class_size_junior, "beds": 0, "boarders_now": 0,
        "students_primary_now": 0, "students_junior_now": 0, "classes_primary_now": 0,
        "classes_junior_now": 0, "central_school": None} for r in rows])


def _town_centres(data: CountyData) -> list[dict]:
    villages = data.villages
    rows = []
    for town, group in villages.groupby("town_code", sort=True):
        if group["urban_rural_code"].isin(URBAN_CODES).mean() > 0.5:
            continue
        centre = group[group["urban_rural_code"].isin(["121", "122", "210"])]
        anchor = centre.iloc[0] if len(centre) else group.iloc[0]
        rows.append({"site_id": f"NEW-{town}", "name": f"{anchor['name']}新建寄宿制学校",
                     "town_code": town, "lon": float(anchor["lon"]), "lat": float(anchor["lat"]),
                     "urban_rural_code": str(anchor["urban_rural_code"])})
    return rows


def _urban_centres(data: CountyData, per_town: int) -> list[dict]:
    """Candidate sites in each urban town: centres of its communities grouped by k-means,
    weighted by school-age children, named after the community nearest each centre."""
    from scipy.cluster.vq import kmeans2

    villages = data.villages
    urban = villages[villages["urban_rural_code"].isin(URBAN_CODES)]
    rows = []
    for town, group in urban.groupby("town_code", sort=True):
        if group["urban_rural_code"].isin(URBAN_CODES).mean() <= 0.5 or per_town == 0:
            continue
        k = min(per_town, len(group))
        children = group[[f"age_{a}" for a in range(6, 15)]].astype("float64").fillna(0).sum(axis=1)
        points = group[["lon", "lat"]].to_numpy(float)
        reps = np.repeat(points, np.maximum(1, (children.to_numpy() / 20).round().astype(int)),
                         axis=0)
        centres, _ = kmeans2(reps, k, seed=np.random.default_rng(0), minit="++")
        for i, (lon, lat) in enumerate(centres):
            near = group.iloc[int(np.argmin(np.hypot(points[:, 0] - lon, points[:, 1] - lat)))]
            rows.append({"site_id": f"NEW-{town}-{i + 1}", "name": f"{near['name']}片区新建学校",
                         "town_code": town, "lon": float(lon), "lat": float(lat),
                         "urban_rural_code": str(near["urban_rural_code"])})
    return rows


def travel_frame(customers: pd.DataFrame, sites: pd.DataFrame, config: LayoutConfig,
                 travel_matrix: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every customer × site offering its group: distance, travel minutes, boarding need."""
    frames = []
    for group in GROUPS:
        cust = customers[customers["group"] == group]
        offer = sites[sites["kind"].map(lambda k, g=group: g in SITE_GROUPS[k])]
        if cust.empty or offer.empty:
            continue
        dist = haversine_km(cust["lon"].to_numpy()[:, None], cust["lat"].to_numpy()[:, None],
                            offer["lon"].to_numpy()[None, :], offer["lat"].to_numpy()[None, :])
        urban = cust["urban_rural_code"].isin(URBAN_CODES).to_numpy()[:, None]
        speed = np.where(urban, config.speed_kmh_urban, config.speed_kmh_rural)
        minutes = dist * config.detour_factor / speed * 60.0
        frames.append(pd.DataFrame({
            "customer": np.repeat(cust.index.to_numpy(), len(offer)),
            "village_code": np.repeat(cust["village_code"].to_numpy(), len(offer)),
            "site_id": np.tile(offer["site_id"].to_numpy(), len(cust)),
            "distance_km": dist.ravel(), "travel_min": minutes.ravel(),
        }))
    travel = pd.concat(frames, ignore_index=True)
    if travel_matrix is not None and len(travel_matrix):
        given = travel_matrix.set_index(["village_code", "school_id"])["minutes"]
        key = pd.MultiIndex.from_arrays([travel["village_code"], travel["site_id"]])
        override = given.reindex(key).to_numpy(float)
        travel["travel_min"] = np.where(np.isnan(override), travel["travel_min"], override)
    group = customers["group"].reindex(travel["customer"]).to_numpy()
    travel["boarding"] = (group != "grades_1_3") & (travel["travel_min"] > config.day_travel_limit_min)
    return travel


def allowed_pairs(travel: pd.DataFrame, customers: pd.DataFrame, config: LayoutConfig
                  ) -> pd.DataFrame:
    """Pairs within the travel limits, the ``nearest_sites`` nearest per customer plus its
    current school."""
    group = customers["group"].reindex(travel["customer"]).to_numpy()
    limit = np.where(group == "grades_1_3", config.day_travel_limit_min,
                     config.boarding_travel_limit_min)
    ok = travel[travel["travel_min"].to_numpy() <= limit + 1e-9]
    ok = ok.sort_values(["customer", "travel_min", "site_id"], kind="stable")
    rank = ok.groupby("customer").cumcount()
    before = customers["before_site"].reindex(ok["customer"]).to_numpy()
    keep = (rank < config.nearest_sites).to_numpy() | (ok["site_id"].to_numpy() == before)
    return ok[keep].reset_index(drop=True)


def before_sites(customers: pd.DataFrame, travel: pd.DataFrame, sites: pd.DataFrame
                 ) -> pd.Series:
    """Today's school per customer: its zone school when it teaches the group, else the
    nearest existing school that does (teaching points count for grades 1–3)."""
    existing = set(sites.loc[sites["existing"], "site_id"])
    near = (travel[travel["site_id"].isin(existing)]
            .sort_values(["customer", "travel_min", "site_id"], kind="stable")
            .drop_duplicates("customer").set_index("customer")["site_id"])
    offered = {(c, s) for c, s in zip(travel["customer"], travel["site_id"], strict=True)}
    out = {}
    for idx, row in customers.iterrows():
        zone = row["zone_junior"] if row["group"] == "grades_7_9" else row["zone_primary"]
        if row["group"] != "grades_1_3" and isinstance(zone, str) and (idx, zone) in offered:
            out[idx] = zone
        else:
            out[idx] = near.get(idx)
    return pd.Series(out, dtype=object)


def build_layout_problem(data: CountyData, config: LayoutConfig, *,
                         travel_matrix: pd.DataFrame | None = None) -> LayoutProblem:
    """Assemble the problem for ``config.target_year`` (default: the data's school year)."""
    target = config.target_year or data.school_year
    customers = village_demand(data, target)
    sites = pd.concat([existing_sites(data, config), candidate_sites(data, config)],
                      ignore_index=True)
    if sites.empty:
        raise ConfigError("县内没有义务教育学校或候选校址，无法做布局规划。")
    unknown = (set(config.keep) | set(config.close)) - set(sites["site_id"])
    if unknown:
        raise ConfigError(f"方案中的 keep/close 含有不存在的学校标识码：{', '.join(sorted(unknown))}")
    sites["size_cap"] = np.where(sites["kind"].isin(THROUGH_TYPES), config.school_size_cap_through,
                                 config.school_size_cap)
    sites["min_size"] = sites["kind"].map(config.min_school_size).fillna(0).astype(int)
    sites.loc[~sites["existing"], "min_size"] = 0
    travel = travel_frame(customers, sites, config, travel_matrix)
    customers["before_site"] = before_sites(customers, travel, sites)
    pairs = allowed_pairs(travel, customers, config)
    return LayoutProblem(data.county_code, data.school_year, target, config,
                         sites.set_index("site_id", drop=False), customers, pairs, travel)
