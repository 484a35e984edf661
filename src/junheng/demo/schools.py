"""The county's schools: which exist, where, of what type, and how popular.

The seat (城关街道) has a few large public primaries and juniors that are over capacity (their
class-size caps are 60–68: 大班额, and they draw pupils from the whole county: 大校额), ordinary
public primaries, a public nine-year school in the new district, a complete secondary school, a
senior high school, a private twelve-year school, the special-education school and public and
private kindergartens. Each rural town has a central primary and a junior school (or one
nine-year school that is also the central school), sometimes a second primary, village primaries,
teaching points in outlying and remote villages (grades 1–3 or 1–4, attached to the central
school) and a public central kindergarten with one to three private ones.

The frame has the 学校 sheet's columns plus internal ones the other modules read: ``town_idx``,
``village_idx`` (host village row), ``locale`` (seat/town/village), ``role``, ``attract``
(relative pull on pupils), ``class_cap`` (largest class the school forms before adding one),
``crowded``, ``tp_max_grade``, ``tp_target`` (teaching point size the first year), ``kg_mixed``,
``kg_has_k0`` and ``weak`` (deficits in equipment and funding).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.demo import names
from junheng.demo.geography import Geography, distance_km

PRIMARY_SERVING = ("primary_school", "nine_year", "twelve_year")
MIN_HOST_CHILDREN = 9  # children aged 6–8 a village needs to host a teaching point
JUNIOR_SERVING = ("junior_school", "nine_year", "twelve_year", "complete_secondary")

_SEAT_PRIMARY_NAMES = ("实验小学", "第二实验小学", "城关第一小学", "第二小学", "第三小学", "东城小学",
                       "西城小学", "第四小学", "南关小学", "北关小学", "第五小学", "滨河小学")
_SEAT_JUNIOR_NAMES = ("第一初级中学", "实验中学", "第三初级中学", "第五初级中学", "城关初级中学")
_SEAT_PUBLIC_KG_NAMES = ("第一实验幼儿园", "机关幼儿园", "第二实验幼儿园", "第三实验幼儿园",
                         "城关幼儿园")


class _Catalogue:
    """Accumulates school rows and numbers them (10-digit 学校标识码 by category)."""

    _FIRST_SEQ = {"school": 1, "teaching_point": 3001, "kindergarten": 6001, "special": 9001}

    _DEFAULTS = {"affordable": None, "central_school": None, "boarding": False,
                 "school_group": None, "crowded": False, "tp_max_grade": 0, "tp_target": 0.0,
                 "kg_mixed": False, "kg_has_k0": False, "attract": 1.0, "class_cap": 45.0,
                 "ownership": "public"}

    def __init__(self, geo: Geography, rng: np.random.Generator):
        self.geo = geo
        self.rng = rng
        self.rows: list[dict] = []
        self.seq = dict(self._FIRST_SEQ)
        self.county = names.county_short(geo.spec.county_name)
        self.village = {c: geo.villages[c].to_numpy() for c in
                        ("lon", "lat", "town_code", "town_idx", "urban_rural_code", "name",
                         "role", "remote")}
        centres = np.flatnonzero(self.village["role"] == "centre")
        self.centre_of_town = dict(zip(self.village["town_idx"][centres], centres, strict=True))
        self.town = {c: geo.towns[c].to_numpy() for c in ("name", "lon", "lat")}

    def add(self, category: str, village_idx: int, jitter_km: float, **row) -> str:
        """Add a school near village ``village_idx`` (within ``jitter_km``); return its id."""
        school_id = f"{self.geo.spec.county_code}{self.seq[category]:04d}"
        self.seq[category] += 1
        angle = self.rng.uniform(0, 2 * np.pi)
        r = self.rng.uniform(0.3, 1.0) * jitter_km
        lat0 = self.geo.spec.lat
        village = {k: v[village_idx] for k, v in self.village.items()}
        lon = village["lon"] + r * np.cos(angle) / (111.32 * np.cos(np.radians(lat0)))
        lat = village["lat"] + r * np.sin(angle) / 110.57
        self.rows.append({
            **self._DEFAULTS, **row, "school_id": school_id, "town_code": village["town_code"],
            "town_idx": int(village["town_idx"]), "village_idx": village_idx,
            "urban_rural_code": village["urban_rural_code"], "lon": round(float(lon), 6),
            "lat": round(float(lat), 6), "crs": "WGS84"})
        return school_id


def _seat_sites(geo: Geography, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Seat community rows for core schools (near the centre) and new-district schools."""
    seat = geo.villages[geo.villages["town_idx"] == 0]
    core = seat.index[seat["role"] == "community"].to_numpy()
    fringe = seat.index[seat["role"] == "fringe"].to_numpy()
    d = distance_km(seat.loc[core, "lon"], seat.loc[core, "lat"], geo.spec.lon, geo.spec.lat,
                    geo.spec.lat)
    return core[np.argsort(d)], rng.permutation(fringe) if len(fringe) else core


def _add_seat_schools(cat: _Catalogue) -> None:
    geo, rng, county = cat.geo, cat.rng, cat.county
    core, fringe = _seat_sites(geo, rng)
    scale = geo.spec.scale

    def site(k: int) -> int:
        return int(core[k % len(core)])

    n_primary = int(np.clip(round(8 * scale), 4, len(_SEAT_PRIMARY_NAMES)))
    n_crowded = 3 if scale >= 0.8 else 2
    for k in range(n_primary):
        crowded = k < n_crowded
        cat.add("school", site(k), 0.15, name=f"{county}县{_SEAT_PRIMARY_NAMES[k]}",
                school_type="primary_school", locale="seat", role="seat_primary",
                crowded=crowded, attract=rng.uniform(2.6, 3.4) if crowded else rng.uniform(0.8, 1.2),
                class_cap=rng.uniform(60, 64) if crowded else rng.uniform(48, 53))
    cat.add("school", int(fringe[0]), 0.2, name=f"{county}县新区实验学校", school_type="nine_year",
            locale="seat", role="seat_nine", attract=0.8, class_cap=rng.uniform(46, 50))
    n_junior = int(np.clip(round(3 * scale), 2, len(_SEAT_JUNIOR_NAMES)))
    for k in range(n_junior):
        crowded = k < 2
        cat.add("school", site(k + 2), 0.2, name=f"{county}县{_SEAT_JUNIOR_NAMES[k]}",
                school_type="junior_school", locale="seat", role="seat_junior", crowded=crowded,
                attract=rng.uniform(2.6, 3.2) if crowded else 1.0,
                class_cap=rng.uniform(61, 64) if crowded else rng.uniform(50, 53),
                boarding=crowded and k == 1)
    cat.add("school", site(5), 0.3, name=f"{county}县第四中学", school_type="complete_secondary",
            locale="seat", role="seat_complete", attract=1.0, class_cap=rng.uniform(52, 56),
            boarding=True)
    cat.add("school", int(fringe[1 % len(fringe)]), 0.4, name=f"{county}县第一高级中学",
            school_type="senior_school", locale="seat", role="seat_senior", class_cap=58.0,
            boarding=True)
    cat.add("school", int(fringe[2 % len(fringe)]), 0.4, name=f"{county}县育才外国语学校",
            school_type="twelve_year", ownership="private", locale="seat", role="private_twelve",
            class_cap=rng.uniform(44, 48), boarding=True)
    cat.add("special", site(3), 0.3, name=f"{county}县特殊教育学校", school_type="special_education",
            locale="seat", role="special", class_cap=12.0, boarding=True)
    _add_seat_kindergartens(cat, core, fringe)


def _add_seat_kindergartens(cat: _Catalogue, core: np.ndarray, fringe: np.ndarray) -> None:
    geo, rng, county = cat.geo, cat.rng, cat.county
    n_public = int(np.clip(round(3 * geo.spec.scale), 2, len(_SEAT_PUBLIC_KG_NAMES)))
    for k in range(n_public):
        cat.add("kindergarten", int(core[(k * 2 + 1) % len(core)]), 0.3,
                name=f"{county}县{_SEAT_PUBLIC_KG_NAMES[k]}", school_type="kindergarten",
                affordable=True, locale="seat", role="kg_public", attract=rng.uniform(1.2, 1.7),
                kg_has_k0=k == 0)
    n_private = max(4, round(11 * geo.spec.scale))
    sites = np.r_[core, fringe]
    for k, brand in enumerate(names.kindergarten_brands(n_private, rng)):
        affordable = rng.random() < 0.55
        cat.add("kindergarten", int(sites[rng.integers(len(sites))]), 0.4,
                name=f"{county}县{brand}幼儿园", school_type="kindergarten", ownership="private",
                affordable=bool(affordable), locale="seat", role="kg_private",
                attract=rng.uniform(0.1, 0.2) if k == n_private - 1 else rng.uniform(0.6, 1.3),
                kg_has_k0=rng.random() < 0.5, kg_mixed=k == n_private - 1)


def _allocate(total: int, weights: np.ndarray, caps: np.ndarray, rng: np.random.Generator
              ) -> np.ndarray:
    """``total`` items over towns in proportion to ``weights``, none above its cap."""
    counts = np.minimum(np.floor(weights / weights.sum() * total), caps).astype(int)
    while counts.sum() < min(total, caps.sum()):
        spare = np.flatnonzero(counts < caps)
        pick = spare[np.argmax(weights[spare] / (counts[spare] + 1) * rng.uniform(0.8, 1.2,
                                                                                  len(spare)))]
        counts[pick] += 1
    return counts


def _town_plans(geo: Geography, births: np.ndarray, school_age: np.ndarray,
                rng: np.random.Generator) -> pd.DataFrame:
    """Per rural town: nine-year instead of primary+junior, second primary, VPs, TPs."""
    towns = geo.towns.iloc[1:].copy()
    towns["births"] = births[1:]
    villages = geo.villages
    is_village = (villages["town_idx"].to_numpy() > 0) & (villages["role"].to_numpy() == "village")
    town_of = villages["town_idx"].to_numpy()
    towns["villages"] = np.bincount(town_of[is_village], minlength=len(geo.towns))[1:]
    hosts = is_village & (school_age[:, :3].sum(axis=1) >= MIN_HOST_CHILDREN)
    towns["hosts"] = np.bincount(town_of[hosts], minlength=len(geo.towns))[1:]
    order = towns["births"].rank(method="first")
    n = len(towns)
    towns["nine_year"] = order <= max(1, round(n * 0.25))
    towns["second_primary"] = order > n - max(1, round(n * 0.25))
    towns["vps"] = np.minimum(rng.integers(1, 3, n), towns["villages"] // 6)
    pull = (towns["villages"] * np.where(towns["mountain"], 1.8, 1.0)).to_numpy(float)
    target = int(round(rng.uniform(65, 77) * is_village.sum() / 231))
    caps = np.maximum(0, np.minimum(towns["hosts"], towns["villages"] - towns["vps"] - 1))
    towns["tps"] = _allocate(target, pull, caps.to_numpy(), rng)
    return towns


def _add_town_schools(cat: _Catalogue, town_idx: int, plan: pd.Series, school_age: np.ndarray
                      ) -> None:
    rng = cat.rng
    town_name = cat.town["name"][town_idx]
    centre = int(cat.centre_of_town[town_idx])
    boarding_primary = bool(plan["mountain"] or rng.random() < 0.35)
    if plan["nine_year"]:
        central = cat.add("school", centre, 0.5, name=f"{town_name}九年制学校",
                          school_type="nine_year", locale="town", role="town_nine",
                          boarding=True, class_cap=rng.uniform(45, 48))
    else:
        central = cat.add("school", centre, 0.4, name=f"{town_name}中心小学",
                          school_type="primary_school", locale="town", role="central_primary",
                          boarding=boarding_primary, class_cap=rng.uniform(45, 50))
        cat.add("school", centre, 0.9, name=f"{town_name}初级中学", school_type="junior_school",
                locale="town", role="town_junior", boarding=bool(rng.random() < 0.8),
                class_cap=rng.uniform(46, 52))
    if plan["second_primary"]:
        cat.add("school", centre, 1.2, name=f"{town_name}第二小学", school_type="primary_school",
                locale="town", role="town_primary2", class_cap=rng.uniform(45, 50))
    _add_village_schools(cat, town_idx, plan, central, school_age)
    _add_town_kindergartens(cat, town_idx, centre, plan)


def _add_village_schools(cat: _Catalogue, town_idx: int, plan: pd.Series, central: str,
                         school_age: np.ndarray) -> None:
    """Teaching points in the farthest villages (remote first) and village primaries."""
    rng = cat.rng
    rows = np.flatnonzero((cat.village["town_idx"] == town_idx)
                          & (cat.village["role"] == "village"))
    d = distance_km(cat.village["lon"][rows], cat.village["lat"][rows],
                    cat.town["lon"][town_idx], cat.town["lat"][town_idx], cat.geo.spec.lat)
    far_key = d * rng.lognormal(0, 0.3, len(rows)) + 100 * cat.village["remote"][rows]
    by_distance = np.argsort(-far_key)
    enough = school_age[rows, :3].sum(axis=1) >= MIN_HOST_CHILDREN
    tp_rows = rows[by_distance[enough[by_distance]]][: int(plan["tps"])]
    rest = np.flatnonzero(~np.isin(rows, tp_rows) & (d >= 1.5))
    rest = rows[rest[np.argsort(-school_age[rows[rest]].sum(axis=1), kind="stable")]]
    town_name = cat.town["name"][town_idx]
    names_of = cat.village["name"]
    for r in rest[: int(plan["vps"])]:
        cat.add("school", int(r), 0.3, name=f"{town_name}{names_of[r]}小学",
                school_type="primary_school", locale="village", role="village_primary",
                class_cap=45.0)
    for r in tp_rows:
        max_grade = 3 if rng.random() < 0.65 else 4
        cat.add("teaching_point", int(r), 0.2, name=f"{town_name}{names_of[r]}教学点",
                school_type="teaching_point", locale="village", role="teaching_point",
                central_school=central, tp_max_grade=max_grade,
                tp_target=float(np.clip(rng.lognormal(np.log(20), 0.6), 6, 55)), class_cap=120.0)


def _add_town_kindergartens(cat: _Catalogue, town_idx: int, centre: int, plan: pd.Series
                            ) -> None:
    rng = cat.rng
    town_name = cat.town["name"][town_idx]
    cat.add("kindergarten", centre, 0.4, name=f"{town_name}中心幼儿园", school_type="kindergarten",
            affordable=True, locale="town", role="kg_public", attract=rng.uniform(0.8, 1.1),
            kg_has_k0=rng.random() < 0.3)
    n_private = 1 + int(plan["villages"] > 20) + int(rng.random() < 0.4)
    for k, brand in enumerate(names.kindergarten_brands(n_private, rng)):
        mixed = k > 0 and rng.random() < 0.5  # a small private one with a single 混合班
        cat.add("kindergarten", centre, 1.5, name=f"{town_name}{brand}幼儿园",
                school_type="kindergarten", ownership="private",
                affordable=bool(rng.random() < 0.65), locale="town", role="kg_private",
                attract=rng.uniform(0.08, 0.15) if mixed else rng.uniform(0.5, 0.9),
                kg_mixed=mixed)


WEAK_SHARE = {"village_primary": 0.45, "teaching_point": 0.5, "central_primary": 0.3,
              "town_junior": 0.35, "town_nine": 0.4, "town_primary2": 0.3, "seat_primary": 0.1,
              "seat_junior": 0.1}


def build_schools(geo: Geography, school_age: np.ndarray, town_births: np.ndarray,
                  rng: np.random.Generator) -> pd.DataFrame:
    """Every school of the county (internal columns included), seat first.

    ``school_age`` is children per village aged 6–14 (columns) in the first year, used to put
    teaching points only where there are pupils; ``town_births`` the births per town in 2016.
    """
    cat = _Catalogue(geo, rng)
    _add_seat_schools(cat)
    plans = _town_plans(geo, town_births, school_age, rng)
    for town_idx, plan in plans.iterrows():
        _add_town_schools(cat, int(town_idx), plan, school_age)
    schools = pd.DataFrame(cat.rows)
    schools["weak"] = rng.random(len(schools)) < schools["role"].map(WEAK_SHARE).fillna(0.0)
    schools["school_group"] = _school_groups(schools, cat.county, rng)
    return schools.sort_values("school_id", ignore_index=True)


def _school_groups(schools: pd.DataFrame, county: str, rng: np.random.Generator) -> pd.Series:
    """集团化办学: each crowded seat school leads a group with two or three rural schools."""
    groups = pd.Series([None] * len(schools), dtype=object)
    partners = {"seat_primary": ["central_primary", "town_nine"], "seat_junior": ["town_junior"]}
    for role, partner_roles in partners.items():
        pool = list(rng.permutation(schools.index[schools["role"].isin(partner_roles)]))
        for lead in schools.index[(schools["role"] == role) & schools["crowded"]]:
            name = f"{schools.at[lead, 'name'].removeprefix(county + '县')}教育集团"
            members = [lead] + [pool.pop() for _ in range(min(len(pool), 2 + rng.integers(2)))]
            groups[members] = f"{county}县{name}"
    return groups


def nearest_zone_schools(geo: Geography, schools: pd.DataFrame) -> pd.DataFrame:
    """Each village's 划片小学 and 划片初中: the nearest public school of the stage in its town.

    A village whose town has no such school is zoned to the nearest one in the county.
    """
    villages = geo.villages
    public = (schools["ownership"].to_numpy() == "public") & \
        (schools["role"].to_numpy() != "special")
    d = distance_km(villages["lon"].to_numpy()[:, None], villages["lat"].to_numpy()[:, None],
                    schools["lon"].to_numpy()[None, :], schools["lat"].to_numpy()[None, :],
                    geo.spec.lat)
    same_town = villages["town_idx"].to_numpy()[:, None] == schools["town_idx"].to_numpy()[None, :]
    out = {}
    for column, types in (("zone_primary", PRIMARY_SERVING), ("zone_junior", JUNIOR_SERVING)):
        fits = public & schools["school_type"].isin(types).to_numpy()
        local = same_town & fits[None, :]
        anywhere = np.where(fits[None, :], d, np.inf)
        choice = np.where(local.any(axis=1), np.where(local, d, np.inf).argmin(axis=1),
                          anywhere.argmin(axis=1))
        out[column] = schools["school_id"].to_numpy()[choice]
    return pd.DataFrame(out, index=villages.index)
