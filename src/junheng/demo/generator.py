"""Generate demo counties: one county's consecutive school years, or a province of counties.

A county is built once (geography, births, schools, flows of children to schools) and then
snapshotted year by year: pupils and classes follow the cohorts, a few teaching points merge
into their central school, a private kindergarten becomes public, the staff ages, retires,
is replaced and rotates. Every random draw comes from a stream named after what it draws and
keyed by (seed, county, stream, year), so a county does not depend on how many counties or
years are generated with it.

The format-v2 data (:mod:`junheng.demo.v2`) is added to each year's v1 tables from streams of
its own (``v2_*``, appended to the stream list so the v1 streams keep their keys): every v1
figure is what the v1 generator makes, except what the v2 events change on purpose
(:mod:`junheng.demo.events`).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from junheng.demo import classes as class_module
from junheng.demo import enrolment, facilities, indicators, teachers, v2
from junheng.demo.geography import CountySpec, Geography, build_geography, county_catalogue
from junheng.demo.population import MAX_YEARS, Population, build_population, round_columns
from junheng.demo.schools import build_schools, nearest_zone_schools
from junheng.errors import ConfigError
from junheng.model import SHEETS_BY_KEY, TABLE_KEYS, CountyData, dtype_of
from junheng.model.codes import CHILD_AGES

HISTORY_YEARS = 5  # past school years in 在校生历史
BIRTH_YEARS_SHOWN = 15  # 出生 rows per town: the school year and the 14 before it
_STREAMS = ("catalogue", "geography", "births", "cohorts", "schools", "merges", "classes",
            "zone_rates", "beds", "staffing", "staff", "rotation", "facilities", "funding",
            "indicators", "kindergarten", "v2_principals", "v2_rotation", "v2_groups",
            "v2_projects", "v2_rooms", "v2_quota", "v2_figures", "v2_attached", "v2_staff",
            "v2_training", "v2_cert")


class Streams:
    """Independent random generators keyed by (seed, county, stream name, k)."""

    def __init__(self, seed: int, county_index: int):
        self.seed = seed
        self.county_index = county_index

    def __call__(self, name: str, k: int = 0) -> np.random.Generator:
        return np.random.default_rng([self.seed, self.county_index, _STREAMS.index(name), k])


@dataclass(frozen=True)
class _World:
    """Everything about a county that does not change from year to year."""

    geo: Geography
    pop: Population
    schools: pd.DataFrame
    zones: pd.DataFrame
    pupils: dict[int, np.ndarray]
    sections: dict[int, np.ndarray]
    closed: dict[int, frozenset[int]]
    turned_public: int | None


def check_arguments(seed: int, counties: int, years: int, first_year: int) -> None:
    """Raise :class:`ConfigError` (in Chinese) when an argument of :func:`generate` is out of range."""
    if seed < 0:
        raise ConfigError(f"随机种子 {seed} 无效：请使用非负整数。")
    if counties < 1:
        raise ConfigError(f"县区数 {counties} 无效：至少生成 1 个县区。")
    if not 1 <= years <= MAX_YEARS:
        raise ConfigError(f"学年数 {years} 无效：可生成 1 至 {MAX_YEARS} 个连续学年。")
    if not 2005 <= first_year <= 2060:
        raise ConfigError(f"起始学年 {first_year} 无效：请在 2005 至 2060 之间选择。")


def generate(seed: int = 2025, counties: int = 1, years: int = 2, first_year: int = 2024, *,
             workers: int = 1) -> list[list[CountyData]]:
    """Generate demo counties, each as its consecutive school years.

    Parameters
    ----------
    seed
        Non-negative seed; the same seed gives identical data.
    counties
        Number of counties; the first is the default demo county 洛北县 (洛阳市, 12 towns,
        about 250 villages and 170 schools), the others vary in size across Henan's cities.
    years
        Consecutive school years per county, starting with ``first_year`` (1–20).
    first_year
        The first school year (2024 means 2024–25).
    workers
        Processes to generate counties in parallel (the result does not depend on it).

    Returns
    -------
    list[list[CountyData]]
        Per county, its school years in order.

    Raises
    ------
    ConfigError
        If an argument is out of range.

    Examples
    --------
    >>> [[d.school_year for d in county] for county in generate(seed=7, years=2)]
    [[2024, 2025]]
    """
    return list(iter_counties(seed, counties, years, first_year, workers=workers))


def county_specs(seed: int = 2025, counties: int = 1) -> list[CountySpec]:
    """The counties :func:`generate` makes for ``seed`` (codes and names known before any data)."""
    check_arguments(seed, counties, 1, 2024)
    return county_catalogue(counties, Streams(seed, 0)("catalogue"))


def iter_counties(seed: int = 2025, counties: int = 1, years: int = 2, first_year: int = 2024,
                  *, workers: int = 1) -> Iterator[list[CountyData]]:
    """Like :func:`generate`, one county at a time (in catalogue order), for progress and memory."""
    check_arguments(seed, counties, years, first_year)
    if workers < 1:
        raise ConfigError(f"并行进程数 {workers} 无效：至少为 1。")
    specs = county_specs(seed, counties)
    task = partial(generate_county, seed=seed, years=years, first_year=first_year)
    if workers == 1 or counties == 1:
        yield from map(task, specs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(task, specs, chunksize=max(1, counties // (8 * workers)))


def generate_county(spec: CountySpec, *, seed: int = 2025, years: int = 2,
                    first_year: int = 2024) -> list[CountyData]:
    """The consecutive school years of one county of the catalogue (see :func:`generate`)."""
    check_arguments(seed, 1, years, first_year)
    streams = Streams(seed, spec.index)
    world = _build_world(spec, streams, first_year, years)
    out: list[CountyData] = []
    carry = None
    for k in range(years):
        data, carry = _snapshot(world, streams, first_year + k, k, carry)
        out.append(data)
    return out


def _build_world(spec: CountySpec, streams: Streams, first_year: int, years: int) -> _World:
    geo = build_geography(spec, streams("geography"))
    pop = build_population(geo, first_year, HISTORY_YEARS, streams)
    children_first = pop.children(first_year)
    schools = build_schools(geo, children_first[:, 6:15], pop.births_of(first_year - 8),
                            streams("schools"))
    zones = nearest_zone_schools(geo, schools)
    flows = enrolment.build_flows(geo, schools, zones, children_first, first_year)
    school_years = list(range(first_year, first_year + years))
    closed = enrolment.decide_merges(pop, flows, schools, school_years, streams)
    all_years = list(range(first_year - HISTORY_YEARS, first_year + years))
    pupils = {y: enrolment.pupils(pop, flows, schools, y, closed.get(y, frozenset()))
              for y in all_years}
    sections = dict(zip(all_years, class_module.class_counts([pupils[y] for y in all_years],
                                                            schools), strict=True))
    return _World(geo, pop, schools, zones, pupils, sections, closed,
                  _kindergarten_turning_public(schools, pupils[first_year]))


def _kindergarten_turning_public(schools: pd.DataFrame, pupils: np.ndarray) -> int | None:
    """The largest affordable private kindergarten outside the seat (becomes public next year)."""
    candidates = np.flatnonzero((schools["role"] == "kg_private").to_numpy()
                                & schools["affordable"].eq(True).to_numpy()
                                & (schools["locale"] != "seat").to_numpy())
    if not len(candidates):
        return None
    return int(candidates[pupils[candidates].sum(axis=1).argmax()])


def _schools_of_year(world: _World, year: int, k: int) -> pd.DataFrame:
    schools = world.schools.copy()
    if k >= 1 and world.turned_public is not None:
        schools.at[world.turned_public, "ownership"] = "public"
        schools.at[world.turned_public, "affordable"] = True
    return schools


@dataclass
class _Carry:
    """What one school year hands to the next: beds, rates, staff and buildings."""

    beds: pd.Series
    zone_rates: np.ndarray
    staffing_noise: np.ndarray
    support_share: np.ndarray
    floor_breakers: np.ndarray
    ids: teachers.TeacherIds
    staff: pd.DataFrame | None = None
    facilities: pd.DataFrame | None = None
    v2: v2.V2State | None = None


def _first_carry(world: _World, schools: pd.DataFrame, classes: pd.DataFrame,
                 streams: Streams) -> _Carry:
    n = len(schools)
    return _Carry(
        beds=_beds(classes, schools, streams("beds")),
        zone_rates=class_module.zone_rates(schools, streams("zone_rates")),
        staffing_noise=streams("staffing").uniform(0.95, 1.06, n),
        support_share=streams("staffing", 1).uniform(0.03, 0.10, n),
        floor_breakers=facilities.floor_breakers(schools, streams("funding")),
        ids=teachers.TeacherIds(world.geo.spec.county_code))


def _snapshot(world: _World, streams: Streams, year: int, k: int, carry: _Carry | None
              ) -> tuple[CountyData, _Carry]:
    """One school year of the county, and what it hands to the next year."""
    schools = _schools_of_year(world, year, k)
    closed = world.closed[year]
    present = ~np.isin(np.arange(len(schools)), list(closed))
    listed = v2.listed_schools(world, streams, year, k, present)
    pupils = world.pupils[year]
    classes = class_module.class_rows(pupils, world.sections[year], schools,
                                      streams("classes", k))
    if carry is None:
        carry = _first_carry(world, schools, classes, streams)
    else:
        classes = class_module.cap_boarders(classes, carry.beds)
    eligible = _staff(world, schools, streams, year, k, carry)
    _facilities(world, schools, streams, year, k, carry)
    funding = facilities.build_funding(schools, pupils, year, carry.floor_breakers,
                                       streams("funding", k + 1))
    history = class_module.history_rows(
        {y: world.pupils[y] for y in range(year - HISTORY_YEARS, year)}, schools, present, closed)
    raw = {  # the v1 tables v2 changes, typed once v2 is done
        "schools": _with_beds(schools, carry.beds)[listed], "classes": classes,
        "teachers": _teacher_rows(carry.staff, schools),
        "facilities": carry.facilities[listed], "enrolment_history": history,
    }
    tables = {
        "enrolment": _columns(class_module.enrolment_rows(classes, schools, carry.zone_rates),
                              "enrolment"),
        "funding": _columns(funding[listed], "funding"),
        "villages": _village_frame(world, year),
        "births": _births_frame(world, year),
        "county_indicators": _columns(indicators.county_indicator_rows(
            year, k, eligible, streams("indicators", k)), "county_indicators"),
    }
    if carry.v2 is None:
        carry.v2 = v2.start(world, streams, year, raw, carry.facilities)
    raw.update(v2.add_v2(world, streams, carry.v2, year, k, {**tables, **raw}, schools, listed))
    tables.update({key: _columns(frame, key) for key, frame in raw.items()})
    return CountyData(_info(world.geo.spec, year), {key: tables[key] for key in TABLE_KEYS}), carry


def _with_beds(schools: pd.DataFrame, beds: pd.Series) -> pd.DataFrame:
    """宿舍床位数: the beds of boarding schools, 0 for day schools."""
    return schools.assign(boarding_beds=np.where(
        schools["boarding"], schools["school_id"].map(beds).fillna(0), 0))


def _beds(classes: pd.DataFrame, schools: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """Beds of boarding schools: first-year boarders plus 15–45% room."""
    boarders = classes.groupby("school_id")["boarders"].sum()
    boarding = schools.loc[schools["boarding"], "school_id"]
    base = boarders.reindex(boarding).fillna(0).to_numpy()
    beds = np.ceil(base * rng.uniform(1.15, 1.45, len(base))) + 20
    return pd.Series(beds.astype(np.int64), index=boarding.to_numpy())


def _staff(world: _World, schools: pd.DataFrame, streams: Streams, year: int, k: int,
           carry: _Carry) -> int:
    """This year's staff into ``carry``; returns the teachers eligible for rotation."""
    need = teachers.required_teachers(schools, world.pupils[year], world.sections[year],
                                      carry.staffing_noise)
    support = teachers.support_staff(need, carry.support_share)
    if carry.staff is None:
        staff = teachers.initial_staff(streams("staff"), schools, need, support, year, carry.ids)
    else:
        index_of = {sid: i for i, sid in enumerate(schools["school_id"])}
        merged_into = {s: index_of[schools.at[s, "central_school"]] for s in world.closed[year]}
        staff = teachers.next_year_staff(streams("staff", k), carry.staff, schools, need,
                                         support, year, merged_into, carry.ids)
    eligible = int(teachers.eligible_for_rotation(staff, schools, year).sum())
    carry.staff = teachers.rotate(streams("rotation", k), staff, schools, year, k)
    return eligible


def _facilities(world: _World, schools: pd.DataFrame, streams: Streams, year: int, k: int,
                carry: _Carry) -> None:
    """This year's 校舍设施 (every school, merged ones included) into ``carry``."""
    if carry.facilities is None:
        carry.facilities = facilities.build_facilities(
            schools, world.pupils[year], world.sections[year], streams("facilities"))
    else:
        carry.facilities = facilities.update_facilities(
            carry.facilities, schools, world.sections[year], streams("facilities", k))


def _info(spec: CountySpec, year: int) -> dict:
    primary_quota, junior_quota = facilities.funding_quota(year)
    return {"county_code": spec.county_code, "county_name": spec.county_name,
            "city_name": spec.city_name, "school_year": year,
            "primary_funding_quota": primary_quota, "junior_funding_quota": junior_quota}


def _columns(frame: pd.DataFrame, sheet: str) -> pd.DataFrame:
    """The frame with exactly the sheet's columns and dtypes (as :func:`typed_frame` gives).

    Built column by column from numpy arrays: the generator makes a province's worth of rows,
    where the general-purpose ``typed_frame`` would dominate the run time.
    """
    n = len(frame)
    out = {}
    for column in SHEETS_BY_KEY[sheet].columns:
        dtype = dtype_of(column)
        values = frame[column.key].to_numpy() if column.key in frame else np.full(n, None)
        if dtype == "object":
            values = np.asarray(values, dtype=object)
            missing = pd.isna(values)
            if missing.any():
                values = values.copy()
                values[missing] = None
            out[column.key] = pd.Series(values, dtype=object)
        elif dtype == "float64":
            out[column.key] = pd.Series(np.asarray(values, dtype=float))
        else:
            out[column.key] = pd.Series(pd.array(values, dtype=dtype))
    return pd.DataFrame(out)


def _teacher_rows(staff: pd.DataFrame, schools: pd.DataFrame) -> pd.DataFrame:
    """The staff with 学校标识码 for its school and former school (untyped)."""
    ids = schools["school_id"].to_numpy()
    frame = staff.copy()
    frame["school_id"] = ids[frame["school_idx"].to_numpy()]
    source = frame["from_school_idx"].to_numpy()
    frame["from_school_id"] = np.where(source >= 0, ids[np.maximum(source, 0)], None)
    return frame


def _village_frame(world: _World, year: int) -> pd.DataFrame:
    villages = world.geo.villages
    children = round_columns(world.pop.children(year, np.array(CHILD_AGES)))
    frame = villages[["village_code", "name", "town_code", "urban_rural_code", "lon", "lat"]].copy()
    frame["crs"] = "WGS84"
    for age in CHILD_AGES:
        frame[f"age_{age}"] = children[:, age]
    frame["zone_primary"] = world.zones["zone_primary"].to_numpy()
    frame["zone_junior"] = world.zones["zone_junior"].to_numpy()
    return _columns(frame, "villages")


def _births_frame(world: _World, year: int) -> pd.DataFrame:
    pop, towns = world.pop, world.geo.towns
    shown = np.arange(year - BIRTH_YEARS_SHOWN + 1, year + 1)
    columns = shown - pop.birth_years[0]
    births = pop.town_births[:, columns]
    return _columns(pd.DataFrame({
        "town_code": np.repeat(towns["town_code"].to_numpy(), len(shown)),
        "year": np.tile(shown, len(towns)), "births": births.ravel()}), "births")
