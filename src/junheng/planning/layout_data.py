"""From a county to a layout problem: demand per village × stage group, sites, travel times.

Stage groups: ``grades_1_3`` (day pupils only), ``grades_4_6`` (primary), ``grades_7_9``
(junior). A village's demand for a group in the target year is its resident children of the
matching ages aged forward: grades 1–3 are ages 6–8, grades 4–6 ages 9–11, grades 7–9 ages
12–14; less the county's 民办 share of the stage (民办学校 take no part in the layout); with
``today_shares`` (default) on the data year's basis of :mod:`~junheng.planning.layout_today`:
each school's data-year pupils are what it reports, a 城区 community is split among the
schools that serve it today, and the target year keeps today's shares (规划年不调整).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from junheng.errors import ConfigError
from junheng.evaluate.boarding import boarding_beds
from junheng.model import CountyData
from junheng.model.areas import TOWN_SEAT_CODES, is_urban, urban_towns
from junheng.planning.layout_areas import AreaArrays, area_arrays, site_area_terms
from junheng.planning.layout_boarding import (
    BoardingRequirement,
    board_share,
    boarding_requirements,
    boards_by_rule,
    pin_boarders,
    relocating,
    today_frame,
)
from junheng.planning.layout_children import group_children
from junheng.planning.layout_config import LayoutConfig, bus_riders, trip_minutes
from junheng.planning.layout_counts import (
    compulsory_teachers,
    grade_mix,
    private_shares,
    split_rooms,
    stage_counts,
)
from junheng.planning.layout_forecast import (
    calibrated,
    forecast_grade_mix,
    forecast_growth,
    school_forecast,
    with_range,
)
from junheng.planning.layout_horizon import check_target_year
from junheng.planning.layout_model_classes import class_needs, class_years
from junheng.planning.layout_model_receivers import Receivers, receiver_needs, year_mixes
from junheng.planning.layout_today import TodayBasis, target_customers, today_basis, today_sites
from junheng.planning.layout_trips import checked_customers

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
    ``customers``: one row per village × group with demand > 0 (index 0..n-1; a split 城区
    community one per part, :mod:`~junheng.planning.layout_today`): village_code,
    village_name, town_code, group, demand, before_site.
    ``pairs``: allowed customer × site pairs: customer, site_id, distance_km, travel_min, boarding."""

    county_code: str
    school_year: int
    target_year: int
    config: LayoutConfig
    sites: pd.DataFrame
    customers: pd.DataFrame
    pairs: pd.DataFrame
    travel: pd.DataFrame  # every customer × offering site (for before metrics and checks)
    now: pd.DataFrame | None = None  # the data year at today's schools (当前): now_frame
    years: pd.DataFrame | None = None  # customers' growth to the years a new school is open (23)
    #: town candidate sites not offered, their need not lasting: name -> why (layout_new_need)
    not_offered: dict = field(default_factory=dict)
    #: school year from the target -> the forecast's grade shares per site that year (24), (27)
    grade_mix: dict = field(default_factory=dict)


def haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle distance in km, broadcasting over arrays."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def village_demand(data: CountyData, target_year: int) -> pd.DataFrame:
    """Children per village and group in ``target_year`` who will attend a public school: by
    ageing today's children forward, less the stage's 民办 share (:func:`private_shares`)."""
    check_target_year(target_year, data.school_year)
    shift = target_year - data.school_year
    villages = data.villages
    private = private_shares(data)
    children = group_children(data, shift)
    rows = []
    for group in GROUP_AGES:
        demand = children[group].to_numpy() * (1.0 - private[GROUP_STAGE[group]])
        rows.append(pd.DataFrame({
            "village_code": villages["village_code"].to_numpy(),
            "village_name": villages["name"].to_numpy(),
            "town_code": villages["town_code"].to_numpy(),
            "urban_rural_code": villages["urban_rural_code"].to_numpy(),
            "lon": villages["lon"].to_numpy(float), "lat": villages["lat"].to_numpy(float),
            "group": group, "demand": demand.round().astype(int),
            "zone_primary": villages["zone_primary"].to_numpy(),
            "zone_junior": villages["zone_junior"].to_numpy(),
        }))
    out = pd.concat(rows, ignore_index=True)
    return out[out["demand"] > 0].reset_index(drop=True)


def existing_sites(data: CountyData, config: LayoutConfig) -> pd.DataFrame:
    """Compulsory schools and teaching points with seats per stage, beds and size rules.

    Classrooms are split between the stages by :func:`split_rooms` (高中 classes keep their
    rooms); without a classroom count a school has one room per class. ``teachers_now`` are
    the school's teachers of the compulsory stages in the 教师 sheet (NaN without any listed);
    ``boarders_*`` count the compulsory grades' 寄宿生 only, and ``beds`` are the school's
    宿舍床位 less those its other (高中) boarders sleep in; ``share_g1`` … ``share_g9`` and
    ``other_classes`` are :func:`~junheng.planning.layout_counts.grade_mix`, ``rooms_other``
    the rooms of its other classes.
    """
    schools = data.schools[data.schools["school_type"].isin(SITE_GROUPS)]
    ids = schools["school_id"]
    per = stage_counts(data, ids)
    n_p, n_j, n_o = (per[f"classes_{st}"].to_numpy() for st in ("primary", "junior", "other"))
    rooms = data.facilities.set_index("school_id")["classrooms"].reindex(ids).to_numpy(float)
    rooms = np.where(np.isnan(rooms), n_p + n_j + n_o, rooms).astype(np.int64)
    kind = schools["school_type"].to_numpy()
    teaches_p = np.array(["grades_1_3" in SITE_GROUPS[t] for t in kind], bool)
    teaches_j = np.array(["grades_7_9" in SITE_GROUPS[t] for t in kind], bool)
    rooms_p, rooms_j = split_rooms(rooms, n_p, n_j, n_o, teaches_p)
    size_p = np.where(kind == "teaching_point", config.class_size_teaching_point,
                      config.class_size_primary)
    mix = grade_mix(data, ids)
    return pd.DataFrame({
        "site_id": ids.to_numpy(), "name": schools["name"].to_numpy(), "kind": kind,
        "town_code": schools["town_code"].to_numpy(),
        "urban_rural_code": schools["urban_rural_code"].to_numpy(),
        "lon": schools["lon"].to_numpy(float), "lat": schools["lat"].to_numpy(float),
        "existing": True, "ownership": schools["ownership"].to_numpy(),
        "rooms_primary": rooms_p, "rooms_junior": rooms_j,
        "seats_primary": np.where(teaches_p, rooms_p * size_p, 0),
        "seats_junior": np.where(teaches_j, rooms_j * config.class_size_junior, 0),
        "class_size_primary": size_p,
        "class_size_junior": np.full(len(ids), config.class_size_junior, np.int64),
        # the 高中 boarders of a 完全中学 keep their beds (second review: 第四中学's 3,390 beds counted for 613 junior pupils while 2,189 held 高中 boarders)
        "beds": np.maximum(boarding_beds(schools) - per["boarders_other"].to_numpy(), 0),
        "boarders_now": (per["boarders_primary"] + per["boarders_junior"]).to_numpy(),
        "boarders_upper_now": per["boarders_upper"].to_numpy(),
        "students_upper_now": per["students_upper"].to_numpy(),
        "boarders_junior_now": per["boarders_junior"].to_numpy(),
        "students_primary_now": per["students_primary"].to_numpy(),
        "students_junior_now": per["students_junior"].to_numpy(),
        "classes_primary_now": n_p, "classes_junior_now": n_j,
        "teachers_now": compulsory_teachers(data, ids),
        "central_school": schools["central_school"].to_numpy(),
        "relocating": relocating(data, ids),  # 迁建 under way: rule (9) builds nothing there
        "rooms_other": rooms - rooms_p - rooms_j,
        **{c: mix[c].to_numpy() for c in mix.columns},
    })


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
        "boarders_upper_now": 0, "students_upper_now": 0, "boarders_junior_now": 0,
        "teachers_now": np.nan, "students_primary_now": 0, "students_junior_now": 0, "classes_primary_now": 0,
        "classes_junior_now": 0, "central_school": None, "relocating": False,
        "rooms_other": 0, "other_classes": 0,
        **{f"share_g{g}": 1 / 3 for g in range(1, 10)}} for r in rows])


def _town_centres(data: CountyData) -> list[dict]:
    villages = data.villages
    urban = urban_towns(villages, data.schools)
    rows = []
    for town, group in villages.groupby("town_code", sort=True):
        if town in urban:
            continue
        centre = group[group["urban_rural_code"].isin(TOWN_SEAT_CODES)]
        anchor = centre.iloc[0] if len(centre) else group.iloc[0]
        rows.append({"site_id": f"NEW-{town}", "name": f"{anchor['name']}寄宿制学校",
                     "town_code": town, "lon": float(anchor["lon"]), "lat": float(anchor["lat"]),
                     "urban_rural_code": str(anchor["urban_rural_code"])})
    return rows


def _urban_centres(data: CountyData, per_town: int) -> list[dict]:
    """Candidate sites in each urban town: centres of its communities grouped by k-means,
    weighted by school-age children, named after the community nearest each centre."""
    from scipy.cluster.vq import kmeans2

    villages = data.villages
    towns = urban_towns(villages, data.schools)
    urban = villages[is_urban(villages["urban_rural_code"])]
    rows = []
    for town, group in urban.groupby("town_code", sort=True):
        if town not in towns or per_town == 0:
            continue
        k = min(per_town, len(group))
        children = group[[f"age_{a}" for a in range(6, 15)]].astype("float64").fillna(0).sum(axis=1)
        points = group[["lon", "lat"]].to_numpy(float)
        reps = np.repeat(points, np.maximum(1, (children.to_numpy() / 20).round().astype(int)),
                         axis=0)
        centres, _ = kmeans2(reps, k, seed=np.random.default_rng(0), minit="++")
        for i, (lon, lat) in enumerate(centres):
            near = group.iloc[int(np.argmin(np.hypot(points[:, 0] - lon, points[:, 1] - lat)))]
            rows.append({"site_id": f"NEW-{town}-{i + 1}", "name": f"{near['name']}片区学校",
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
        minutes = trip_minutes(dist, is_urban(cust["urban_rural_code"])[:, None], config)
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
    travel["boarding"] = boards_by_rule(customers["group"].reindex(travel["customer"]),
                                        travel["travel_min"], config.day_travel_limit_min)
    return travel


def allowed_pairs(travel: pd.DataFrame, customers: pd.DataFrame, config: LayoutConfig
                  ) -> pd.DataFrame:
    """Pairs within the travel limits, the ``nearest_sites`` nearest per customer plus its
    current school; that school even beyond the limits (the status quo, brief hstay: the plan
    is not to blame for today's trip; grades 1–3 stay day pupils there, ``boards_by_rule``),
    any other school only within them."""
    group = customers["group"].reindex(travel["customer"]).to_numpy()
    limit = np.where(group == "grades_1_3", config.day_travel_limit_min,
                     config.boarding_travel_limit_min)
    today = travel["site_id"].to_numpy(object) == customers["before_site"].reindex(
        travel["customer"]).to_numpy(object)
    ok = travel[(travel["travel_min"].to_numpy() <= limit + 1e-9) | today]
    ok = ok.sort_values(["customer", "travel_min", "site_id"], kind="stable")
    rank = ok.groupby("customer").cumcount()
    before = customers["before_site"].reindex(ok["customer"]).to_numpy()
    keep = (rank < config.nearest_sites).to_numpy() | (ok["site_id"].to_numpy() == before)
    return ok[keep].reset_index(drop=True)


def layout_sites(data: CountyData, config: LayoutConfig, *, check_lists: bool = True
                 ) -> pd.DataFrame:
    """The problem's sites (index ``site_id``): public schools and candidate new sites with
    size rules, costs and ``may_close``; ``check_lists`` rejects keep/close lists naming no
    site or closing a 大校额 school (:func:`~.layout_rules.check_school_lists`; off for the data
    as reported, whose lists may name a project's new school)."""
    from junheng.planning.layout_costs import county_quotas, site_costs
    from junheng.planning.layout_reviewed import check_reviews
    from junheng.planning.layout_rules import check_school_lists, closable

    public = existing_sites(data, config)
    public = public[public["ownership"] != "private"]  # 民办学校 take no part (private_shares)
    sites = pd.concat([public, candidate_sites(data, config)], ignore_index=True)
    if sites.empty:
        raise ConfigError("县内没有义务教育学校或候选校址，无法做布局规划。")
    sites["size_cap"] = np.where(sites["kind"].isin(THROUGH_TYPES), config.school_size_cap_through,
                                 config.school_size_cap)
    sites["urban_town"] = sites["town_code"].isin(urban_towns(data.villages, data.schools))
    sites["min_size"] = sites["kind"].map(config.min_school_size).fillna(0).astype(int)
    sites.loc[~sites["existing"], "min_size"] = 0
    sites["pupils_now"] = sites["students_primary_now"] + sites["students_junior_now"]
    sites = sites.set_index("site_id", drop=False)
    if check_lists:
        check_school_lists(sites, config)
    check_reviews(config, dict(zip(sites["site_id"], sites["name"], strict=True)) if check_lists else None)
    sites = sites.join(site_costs(sites, config, county_quotas(data, config)))
    sites["may_close"] = closable(sites, config)
    return sites


def build_layout_problem(data: CountyData, config: LayoutConfig, *,
                         travel_matrix: pd.DataFrame | None = None) -> LayoutProblem:
    """Assemble the problem for ``config.target_year`` (default: the data's school year plus
    ``target_years_ahead``, 5), with the receivers rule applied to the pairs."""
    from junheng.planning.layout_new_need import offered_sites
    from junheng.planning.layout_rules import (
        closable,
        expected_pupils,
        receiver_pairs,
        relief_terms,
        shown_expected,
    )
    from junheng.planning.layout_zoning import unchanged_shares

    target = config.target_year or data.school_year + config.target_years_ahead
    customers = village_demand(data, target)
    sites = forecast_grade_mix(layout_sites(data, config), data, target)  # the forecast's grades
    basis, now = now_frame(data, sites, config, travel_matrix)
    if basis is not None:
        raw = customers
        before = today_sites(raw, travel_frame(raw, sites, config, travel_matrix), sites)
        customers = target_customers(raw, basis, before)
    else:
        customers["before_site"] = today_sites(
            customers, travel_frame(customers, sites, config, travel_matrix), sites)
    customers = calibrated(customers, school_forecast(data), target)  # one number per school
    not_offered, sites = offered_sites(data, sites, customers, config, target)  # rv15 1: lasting need only
    growth = site_growth(customers, sites)
    sites["may_close"] = closable(sites, config, expected_pupils(sites, growth))
    customers = pin_boarders(customers, sites)  # town schools' boarders stay (finding 5)
    travel = travel_frame(customers, sites, config, travel_matrix)
    travel["board_share"] = board_share(travel, customers, sites)
    travel["board_share"] = unchanged_shares(travel, customers, sites, config)
    sites = with_range(sites.assign(expected=expected_pupils(sites, growth)), data, target)  # 复核
    pairs = receiver_pairs(allowed_pairs(travel, customers, config), customers, sites, config)
    sites["expected_shown"] = shown_expected(sites, growth)  # the tables' whole pupils
    # the floor and its figures (rv28 7); floor_rule stays when layout_stay_new lowers stay_floor
    terms = relief_terms(sites, customers, pairs, config, growth)
    for column, term in (("stay_floor", "floor"), ("floor_rule", "floor"),
                         ("floor_overload", "overload"), ("floor_nearer", "nearer")):
        sites[column] = terms[term]
    sites = site_area_terms(sites, data, config.costs, growth, target)  # rules (14)-(15)
    years = class_years(data, customers, config, target)
    return LayoutProblem(data.county_code, data.school_year, target, config, sites, customers,
                         pairs, travel, now, years, not_offered, year_mixes(data, sites, years, target))


def now_frame(data: CountyData, sites: pd.DataFrame, config: LayoutConfig,
              travel_matrix: pd.DataFrame | None = None) -> tuple[TodayBasis | None, pd.DataFrame]:
    """The data year's customers at today's schools (当前), one row each with its travel to
    that school: with ``today_shares`` calibrated to the schools' reported pupils, split
    communities in parts (:func:`~junheng.planning.layout_today.today_basis`, also
    returned); without, the villages' children."""
    existing = sites[sites["existing"]]
    if config.today_shares:
        basis = today_basis(data, existing, config, travel_matrix)
        cust, travel = basis.now, basis.travel
    else:
        basis, cust = None, village_demand(data, data.school_year)
        travel = travel_frame(cust, existing, config, travel_matrix)
        cust["before_site"] = today_sites(cust, travel, existing)
        cust["origin"] = cust.index
    t = travel[["customer", "site_id", "travel_min", "distance_km", "boarding"]]
    return basis, today_frame(cust, t, existing, config)  # boarding as the plan year's (rv18 4)


def site_growth(customers: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """Per site and stage (columns primary, junior): the target year's children whose school
    today is in the site's 乡镇 over that town's pupils today (1 where it has none), so that
    the expected pupils of a town's schools add up to its children of the target year."""
    town = sites["town_code"].reindex(customers["before_site"].fillna("")).to_numpy(object)
    stage = customers["group"].map(GROUP_STAGE).to_numpy()
    will = customers.assign(town=town, stage=stage).groupby(["town", "stage"])["demand"].sum()
    out = pd.DataFrame(1.0, index=sites.index, columns=["primary", "junior"])
    for st in out.columns:
        now = sites.loc[sites["existing"], f"students_{st}_now"].groupby(
            sites["town_code"]).sum()
        kids = will.xs(st, level="stage") if st in will.index.get_level_values(1) else None
        ratio = (kids.reindex(now.index).fillna(0) / now.where(now > 0)) if kids is not None \
            else now * 0.0
        out[st] = ratio.reindex(sites["town_code"]).fillna(1.0).to_numpy()
    return forecast_growth(out, customers, sites)


def pair_cost(problem: LayoutProblem, pairs: pd.DataFrame) -> np.ndarray:
    """Yearly travel, boarding, bus (no data-check boarders: ht 5) and transport cost of each pair."""
    cfg, w = problem.config, problem.config.weights
    demand = problem.customers["demand"].reindex(pairs["customer"]).to_numpy(float)
    share = pairs["board_share"].to_numpy(float)
    trips = share * w.boarder_trips_per_year + (1.0 - share) * w.day_trips_per_year
    checked = checked_customers(problem.customers).reindex(pairs["customer"]).to_numpy(bool)
    riding = bus_riders(pairs["distance_km"], pairs["travel_min"], cfg) & ~checked
    return (demand * pairs["travel_min"].to_numpy() * trips * w.yuan_per_pupil_minute
            + demand * share * w.boarder_yuan_per_year + demand * w.school_bus(riding, share)
            + demand * w.transport(pairs["distance_km"], share, cfg.detour_factor, riding))


def exempt_sites(problem: LayoutProblem) -> dict[str, list[int]]:
    """Sites that are the only school within the limits for some customer (应留必留), among
    those the plan could close (a 撤并 candidate or a new site): a school that may not close
    is the only pair of its own villages that have no nearer school with room
    (layout_rules.farther_than_today), which is no 应留必留."""
    counts = problem.pairs.groupby("customer")["site_id"].agg(["nunique", "first"])
    sites = problem.sites
    could_close = sites.index[sites["may_close"].to_numpy(bool) | ~sites["existing"].to_numpy(bool)]
    only = counts[(counts["nunique"] == 1) & counts["first"].isin(could_close)]
    out: dict[str, list[int]] = {}
    for customer, site in only["first"].items():
        out.setdefault(site, []).append(int(customer))
    return out


def towns_needing_boarding(problem: LayoutProblem) -> list[str]:
    """The towns of the sites that the boarding-per-town rule covers, sorted: every town, or
    with ``boarding_per_town_skip_urban`` every town but the urban ones (街道)."""
    sites = problem.sites
    urban = sites["urban_town"].groupby(sites["town_code"], sort=True).any()
    skip = urban.to_numpy() & problem.config.boarding_per_town_skip_urban
    return list(urban.index[~skip])


def boarding_towns(problem: LayoutProblem, offers_p: np.ndarray | None = None,
                   offers_j: np.ndarray | None = None) -> list[BoardingRequirement]:
    """Rule (9) per town the boarding-per-town rule covers and stage: the site positions
    that may count as its boarding school (:mod:`junheng.planning.layout_boarding`);
    ``offers_*``: sites teaching grades 4–6 / 7–9 (by default from their kinds)."""
    if not problem.config.boarding_per_town:
        return []
    kind = problem.sites["kind"]
    if offers_p is None:
        offers_p = kind.map(lambda k: "grades_4_6" in SITE_GROUPS[k]).to_numpy(bool)
    if offers_j is None:
        offers_j = kind.map(lambda k: "grades_7_9" in SITE_GROUPS[k]).to_numpy(bool)
    return boarding_requirements(problem.sites, problem.customers, problem.pairs,
                                 problem.config, towns_needing_boarding(problem),
                                 offers_p, offers_j)


@dataclass(frozen=True)
class LayoutArrays:
    """The layout problem as the numbers of its MILP (see ``layout_model``), by position.

    Sites are numbered as ``problem.sites`` rows, customers as ``problem.customers`` rows and
    pairs as ``problem.pairs`` rows. Costs are per year (capital annualised); ``capital_*``
    are the undiscounted amounts the budget counts.
    """

    n_sites: int
    n_customers: int
    existing: np.ndarray        # bool per site
    offers_primary: np.ndarray  # bool: may add primary classrooms
    offers_junior: np.ndarray   # bool: may add junior classrooms
    can_board: np.ndarray       # bool: may have beds (not a teaching point)
    max_rooms: np.ndarray       # float: classrooms a site may add per stage
    max_blocks: np.ndarray      # float: bed blocks a site may add
    seats_primary: np.ndarray
    seats_junior: np.ndarray
    class_primary: np.ndarray   # seats per added primary classroom
    class_junior: np.ndarray
    beds: np.ndarray
    size_cap: np.ndarray
    min_size: np.ndarray        # float: minimum size where rule (8) applies, else 0
    lower_open: np.ndarray      # 1 where the plan keeps the site
    upper_open: np.ndarray      # 0 where the plan closes the site
    open_cost: np.ndarray       # yearly cost of an open site (operating + new-site capital)
    room_cost: float            # yearly cost of one classroom
    block_cost: float           # yearly cost of one bed block
    pair_site: np.ndarray       # int per pair
    pair_customer: np.ndarray   # int per pair (customer position)
    pair_cost: np.ndarray       # yearly: travel, boarding, transport, and pair_capital annualised
    pair_capital: np.ndarray    # one-off 元: a new site's teaching area to the standard (16)
    pair_demand: np.ndarray
    pair_primary: np.ndarray    # bool: the customer is a primary group
    pair_boarding: np.ndarray   # float: share of the pair's pupils who board
    towns: tuple[np.ndarray, ...]  # site positions of each boarding-per-town requirement
    board_now: np.ndarray       # bool: an existing boarding school (counts without new boarders)
    min_boarders: float         # planned boarders that make a site its town's boarding school
    bed_block: int
    min_boarding_beds: int
    max_added_beds: int
    budget: float | None        # total construction budget over the phases
    capital_new: float
    capital_room: float
    capital_block: float
    stay_floor: np.ndarray      # float per site: pupils it keeps at least if open (12)
    floor_quota: np.ndarray     # float per site: 公用经费 quota of its missing pupils (13)
    floor_pupils: float         # the 公用经费 floor (100 pupils)
    areas: AreaArrays           # the receivers' per-pupil areas, rules (14)-(15)
    zones: tuple[np.ndarray, ...] = ()  # customer positions going to one school (18)
    class_needs: tuple = ()  # a new site's classes grade by grade (23): layout_model_classes
    receivers: Receivers = Receivers()  # an existing receiver's classes (24)


def _pair_arrays(problem: LayoutProblem, areas: AreaArrays) -> dict[str, np.ndarray]:
    """The per-pair numbers of :class:`LayoutArrays`: ``pair_capital`` is a new site's term
    (16), which ``pair_cost`` holds annualised."""
    customers, pairs = problem.customers, problem.pairs
    site_pos = pd.Series(np.arange(len(problem.sites)), index=problem.sites.index)
    customer_pos = pd.Series(np.arange(len(customers)), index=customers.index)
    customer = customer_pos.reindex(pairs["customer"]).to_numpy()
    site = site_pos.reindex(pairs["site_id"]).to_numpy()
    demand = customers["demand"].to_numpy(float)[customer]
    primary = (customers["group"].map(GROUP_STAGE).to_numpy() == "primary")[customer]
    capital = demand * areas.pair_yuan(site, primary)
    return {"pair_site": site, "pair_customer": customer,
            "pair_cost": pair_cost(problem, pairs) + capital / areas.years,
            "pair_capital": capital, "pair_demand": demand, "pair_primary": primary,
            "pair_boarding": pairs["board_share"].to_numpy(float)}


def layout_arrays(problem: LayoutProblem, exempt: dict[str, list[int]] | None = None
                  ) -> LayoutArrays:
    """The numbers of the layout MILP; ``exempt`` as from :func:`exempt_sites`."""
    from junheng.planning.layout_zoning import zones

    cfg, sites, customers = problem.config, problem.sites, problem.customers
    exempt = exempt_sites(problem) if exempt is None else exempt
    w, k = cfg.weights, cfg.costs
    kind = sites["kind"].to_numpy()
    existing = sites["existing"].to_numpy(bool)
    offers_p = np.array([t == "teaching_point" or "grades_4_6" in SITE_GROUPS[t] for t in kind])
    offers_j = np.array(["grades_7_9" in SITE_GROUPS[t] for t in kind])
    can_board = kind != "teaching_point"
    moving = sites["relocating"].to_numpy(bool)  # (7): no rooms, no beds there
    max_rooms = np.where(moving, 0, np.where(existing, cfg.max_added_classrooms,
                                             cfg.max_added_classrooms_new))
    ids = sites.index
    keep, close = set(cfg.keep), set(cfg.close)
    # (8) applies to sites the plan may close: not 应留必留, not kept, a 撤并 candidate
    applies = (~ids.isin(list(exempt)) & ~ids.isin(list(keep))
               & (sites["may_close"].to_numpy(bool) | ~existing))
    towns = [r for r in boarding_towns(problem, offers_p, offers_j) if r.basis != "none"]
    areas = area_arrays(sites, cfg)
    fill = 1.0 + cfg.new_school_fill_margin
    return LayoutArrays(
        n_sites=len(sites), n_customers=len(customers), existing=existing,
        offers_primary=offers_p, offers_junior=offers_j, can_board=can_board,
        max_rooms=max_rooms.astype(float),
        max_blocks=((cfg.max_added_beds // cfg.bed_block) * (can_board & ~moving)).astype(float),
        seats_primary=sites["seats_primary"].to_numpy(float),
        seats_junior=sites["seats_junior"].to_numpy(float),
        # a new site's room seats its class less the fill margin (layout_newsite)
        class_primary=sites["class_size_primary"].to_numpy(float) / np.where(existing, 1.0, fill),
        class_junior=sites["class_size_junior"].to_numpy(float) / np.where(existing, 1.0, fill),
        beds=sites["beds"].to_numpy(float), size_cap=sites["size_cap"].to_numpy(float),
        min_size=np.where(applies, sites["min_size"].to_numpy(float), 0.0),
        lower_open=(ids.isin(list(keep)) | (existing & ~sites["may_close"].to_numpy(bool)
                                            & ~ids.isin(list(close)))).astype(float),
        upper_open=(~ids.isin(list(close))).astype(float),
        open_cost=sites["site_cost"].to_numpy(float)
        + np.where(existing, 0.0, k.new_school_yuan / w.capital_years),
        room_cost=k.classroom() / w.capital_years,
        block_cost=k.bed_block_cost(cfg.bed_block) / w.capital_years,
        **_pair_arrays(problem, areas),
        towns=tuple(r.members for r in towns),
        board_now=np.isin(np.arange(len(sites)), [m for r in towns if r.basis == "existing"
                                                  for m in r.members]),
        min_boarders=float(cfg.min_boarders),
        bed_block=cfg.bed_block, min_boarding_beds=cfg.min_boarding_beds,
        max_added_beds=cfg.max_added_beds, budget=None if cfg.annual_budget_yuan is None
        else cfg.annual_budget_yuan * cfg.phases,
        capital_new=k.new_school_yuan, capital_room=k.classroom(),
        capital_block=k.bed_block_cost(cfg.bed_block), floor_quota=sites["floor_quota"].to_numpy(float),
        floor_pupils=float(cfg.weights.funding_floor_pupils),
        stay_floor=sites["stay_floor"].to_numpy(float) if "stay_floor" in sites
        else np.zeros(len(sites)), areas=areas,
        zones=tuple(zones(customers, problem.pairs)) if cfg.community_zoning else (),
        class_needs=class_needs(problem), receivers=receiver_needs(problem))
