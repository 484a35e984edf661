"""Counties, towns and villages: codes, names, coordinates (WGS84) and urban–rural classes.

A county has one seat (城关街道, code ``…001``) with urban communities (城乡分类 111 core, 112
fringe), rural towns (镇, codes ``…1xx``; centre community 121) and townships (乡, ``…2xx``;
centre village 210), villages (220) around each centre, and a few remote mountain villages far
from any town centre. Village codes are the town code plus three digits (居委会 001–199, 村委会
200–399), as in the NBS 统计用区划代码.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.demo import names
from junheng.errors import ConfigError

KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LON_EQUATOR = 111.32
MAX_COUNTIES = len(names.HENAN_CITIES) * 69  # county suffixes 31..99 under each city


@dataclass(frozen=True)
class CountySpec:
    """What a generated county looks like before any data is drawn."""

    index: int
    county_code: str
    county_name: str
    city_name: str
    lon: float
    lat: float
    scale: float  # population relative to the default county (~450,000 people)
    n_towns: int
    n_villages: int


@dataclass(frozen=True)
class Geography:
    """Towns and villages of one county as frames (internal columns, see the builders)."""

    spec: CountySpec
    towns: pd.DataFrame
    villages: pd.DataFrame

    def km(self, lon: np.ndarray, lat: np.ndarray, lon2: np.ndarray, lat2: np.ndarray
           ) -> np.ndarray:
        """Planar distance in km between points (broadcasting), good to 1% within a county."""
        return distance_km(lon, lat, lon2, lat2, self.spec.lat)


def distance_km(lon, lat, lon2, lat2, lat0: float) -> np.ndarray:
    """Equirectangular distance in km around latitude ``lat0`` (broadcasts like numpy)."""
    dx = (np.asarray(lon) - np.asarray(lon2)) * KM_PER_DEGREE_LON_EQUATOR * np.cos(
        np.radians(lat0))
    dy = (np.asarray(lat) - np.asarray(lat2)) * KM_PER_DEGREE_LAT
    return np.hypot(dx, dy)


def county_catalogue(counties: int, rng: np.random.Generator) -> list[CountySpec]:
    """The first ``counties`` counties of the demo province; county 0 is the default county.

    Counties go round the cities of Henan (洛阳市 first) with suffixes 31, 32, ... so codes are
    distinct; each sits on a ring around its city's centre. The catalogue's first ``k`` entries
    do not depend on ``counties``.
    """
    if not 1 <= counties <= MAX_COUNTIES:
        raise ConfigError(f"县区数 {counties} 超出范围：演示省份可生成 1 至 {MAX_COUNTIES} 个县区。")
    county_names = names.county_names(counties, rng)
    specs = []
    for index in range(counties):
        city = names.HENAN_CITIES[index % len(names.HENAN_CITIES)]
        ring = index // len(names.HENAN_CITIES)
        angle = np.radians(137.5 * index)
        radius = 0.28 + 0.16 * ring
        scale = 1.0 if index == 0 else float(np.clip(rng.lognormal(-0.14, 0.3), 0.55, 1.8))
        n_towns = 12 if index == 0 else int(np.clip(round(12 * scale**0.6 + rng.normal(0, 1.5)),
                                                     7, 22))
        n_villages = 250 if index == 0 else int(round(250 * scale * rng.uniform(0.85, 1.15)))
        specs.append(CountySpec(
            index=index, county_code=f"{city.code}{31 + ring:02d}", county_name=county_names[index],
            city_name=city.name, lon=round(city.lon + radius * np.cos(angle), 4),
            lat=round(city.lat + radius * np.sin(angle) * 0.8, 4), scale=scale, n_towns=n_towns,
            n_villages=n_villages))
    return specs


def _offset(lon0: float, lat0: float, dx_km, dy_km) -> tuple[np.ndarray, np.ndarray]:
    lon = lon0 + np.asarray(dx_km) / (KM_PER_DEGREE_LON_EQUATOR * np.cos(np.radians(lat0)))
    lat = lat0 + np.asarray(dy_km) / KM_PER_DEGREE_LAT
    return lon, lat


def build_towns(spec: CountySpec, rng: np.random.Generator) -> pd.DataFrame:
    """Towns: code, name, kind (seat/town/township), centre, mountain flag, polar position (km)."""
    n_rural = spec.n_towns - 1
    radius = 22.0 * np.sqrt(spec.scale)
    angles = 2 * np.pi * np.arange(n_rural) / n_rural + rng.uniform(-0.25, 0.25, n_rural)
    mountain_angle = rng.uniform(0, 2 * np.pi)
    gap = np.abs((angles - mountain_angle + np.pi) % (2 * np.pi) - np.pi)
    mountain = gap < min(1.0, np.pi * 0.6 * 3 / max(n_rural, 3))
    mountain[np.argsort(gap)[:2]] = True  # at least two mountain towns
    r = radius * rng.uniform(0.4, 1.0, n_rural) * np.where(mountain, 1.15, 1.0)
    township = mountain & (rng.random(n_rural) < 0.7) | (rng.random(n_rural) < 0.12)
    stems = names.town_stems(n_rural, rng)
    lon, lat = _offset(spec.lon, spec.lat, r * np.cos(angles), r * np.sin(angles))
    codes, labels, kinds = [spec.county_code + "001"], ["城关街道"], ["seat"]
    n_town = n_township = 0
    for i in range(n_rural):
        if township[i]:
            codes.append(f"{spec.county_code}{200 + n_township:03d}")
            labels.append(stems[i] + "乡")
            kinds.append("township")
            n_township += 1
        else:
            codes.append(f"{spec.county_code}{100 + n_town:03d}")
            labels.append(stems[i] + "镇")
            kinds.append("town")
            n_town += 1
    return pd.DataFrame({
        "town_code": codes, "name": labels, "kind": kinds,
        "lon": np.r_[spec.lon, lon], "lat": np.r_[spec.lat, lat],
        "mountain": np.r_[False, mountain], "angle": np.r_[0.0, angles], "r_km": np.r_[0.0, r],
    })


def _village_counts(spec: CountySpec, towns: pd.DataFrame, rng: np.random.Generator
                    ) -> tuple[int, np.ndarray]:
    n_seat = max(6, round(16 * spec.scale**0.8))
    rural = towns.iloc[1:]
    share = rng.uniform(0.75, 1.25, len(rural)) * np.where(rural["mountain"], 1.2, 1.0)
    total = max(spec.n_villages - n_seat, 8 * len(rural))
    counts = np.maximum(8, np.floor(share / share.sum() * total)).astype(int)
    for i in rng.permutation(len(counts))[: max(0, total - counts.sum())]:
        counts[i] += 1
    return n_seat, counts


def build_villages(spec: CountySpec, towns: pd.DataFrame, rng: np.random.Generator
                   ) -> pd.DataFrame:
    """Villages and communities with codes, names, coordinates, classes and population weights.

    Internal columns: ``town_idx``, ``role`` (community/fringe/centre/village), ``remote``,
    ``weight`` (share of the town's births) and ``migration`` (yearly share of children who
    leave a rural village, for the seat, the town centre or outside the county).
    """
    n_seat, counts = _village_counts(spec, towns, rng)
    taken: set[str] = set()
    frames = [_seat_communities(spec, towns.iloc[0], n_seat, rng)]
    for i, n in enumerate(counts, start=1):
        frames.append(_rural_villages(spec, towns, i, n, rng, taken))
    villages = pd.concat(frames, ignore_index=True)
    _push_remote_villages(spec, towns, villages)
    villages["lon"] = villages["lon"].round(6)
    villages["lat"] = villages["lat"].round(6)
    return villages


def _seat_communities(spec: CountySpec, seat: pd.Series, n: int, rng: np.random.Generator
                      ) -> pd.DataFrame:
    n_core = int(round(n * 0.65))
    r = np.r_[rng.uniform(0.2, 2.0, n_core), rng.uniform(2.2, 4.2, n - n_core)]
    angle = rng.uniform(0, 2 * np.pi, n)
    lon, lat = _offset(seat["lon"], seat["lat"], r * np.cos(angle), r * np.sin(angle))
    core = np.arange(n) < n_core
    return pd.DataFrame({
        "village_code": [f"{seat['town_code']}{k + 1:03d}" for k in range(n)],
        "name": names.community_names(n, rng), "town_code": seat["town_code"], "town_idx": 0,
        "urban_rural_code": np.where(core, "111", "112"),
        "lon": lon, "lat": lat, "role": np.where(core, "community", "fringe"), "remote": False,
        "weight": np.where(core, rng.lognormal(0.0, 0.25, n), rng.lognormal(-0.3, 0.3, n)),
        "migration": 0.0,
    })


def _rural_villages(spec: CountySpec, towns: pd.DataFrame, idx: int, n: int,
                    rng: np.random.Generator, taken: set[str]) -> pd.DataFrame:
    town = towns.iloc[idx]
    is_town = town["kind"] == "town"
    radius = 7.0 if town["mountain"] else 5.0
    r = radius * np.sqrt(rng.uniform(0.03, 1.0, n))
    r[0] = rng.uniform(0.05, 0.3)  # the centre community or village
    angle = rng.uniform(0, 2 * np.pi, n)
    n_remote = min(n // 6, int(rng.integers(2, 4))) if town["mountain"] else 0
    remote = np.zeros(n, dtype=bool)
    remote[n - n_remote:] = True
    outward = town["angle"] + rng.uniform(-0.6, 0.6, n)
    r = np.where(remote, rng.uniform(11.0, 15.0, n), r)
    angle = np.where(remote, outward, angle)
    lon, lat = _offset(town["lon"], town["lat"], r * np.cos(angle), r * np.sin(angle))
    village_labels = names.village_names(n, rng, taken)
    codes = np.array(["220"] * n, dtype=object)
    roles = np.array(["village"] * n, dtype=object)
    roles[0] = "centre"
    codes[0] = "121" if is_town else "210"
    if is_town and n > 4 and rng.random() < 0.6:
        codes[1] = "122"
    labels = list(village_labels)
    if is_town:
        labels[0] = names.town_short(town["name"]) + "社区"
    code_numbers = [1] + list(range(200, 200 + n - 1)) if is_town else list(range(200, 200 + n))
    weight = rng.lognormal(0.0, 0.45, n) * np.where(remote, 0.35, 1.0)
    weight[0] *= 3.0
    migration = np.where(remote, 0.03, rng.uniform(0.012, 0.022, n))
    migration[0] = 0.0
    migration = np.where(codes == "122", 0.008, migration)
    return pd.DataFrame({
        "village_code": [f"{town['town_code']}{k:03d}" for k in code_numbers],
        "name": labels, "town_code": town["town_code"], "town_idx": idx,
        "urban_rural_code": codes, "lon": lon, "lat": lat, "role": roles, "remote": remote,
        "weight": weight, "migration": migration,
    })


def _push_remote_villages(spec: CountySpec, towns: pd.DataFrame, villages: pd.DataFrame
                          ) -> None:
    """Move each remote village outwards until it is at least 9 km from every town centre."""
    for i in np.flatnonzero(villages["remote"].to_numpy()):
        town = towns.iloc[villages.at[i, "town_idx"]]
        for _ in range(20):
            d = distance_km(villages.at[i, "lon"], villages.at[i, "lat"], towns["lon"].to_numpy(),
                            towns["lat"].to_numpy(), spec.lat)
            if d.min() >= 9.0:
                break
            dlon = villages.at[i, "lon"] - town["lon"]
            dlat = villages.at[i, "lat"] - town["lat"]
            villages.at[i, "lon"] = town["lon"] + dlon * 1.15
            villages.at[i, "lat"] = town["lat"] + dlat * 1.15


def build_geography(spec: CountySpec, rng: np.random.Generator) -> Geography:
    """Towns and villages of ``spec``'s county."""
    towns = build_towns(spec, rng)
    return Geography(spec, towns, build_villages(spec, towns, rng))
