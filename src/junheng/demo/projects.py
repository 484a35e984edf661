"""建设项目: the county's construction projects, and what a project changes when it is finished.

The plan is drawn once (dates relative to the first school year ``Y``): the senior high school
relocates to the new district (started ``Y-2``, finished the summer of ``Y+1``: from then on the
school, same 学校标识码, has its new coordinates), a town junior school relocates (finished
``Y+2``), a village primary's relocation is planned; a boarding school gets a new dormitory in
the summer of ``Y+1`` (its 宿舍床位数 rise by the project's beds) and another one in ``Y+2``;
crowded seat schools are extended (one done before ``Y``, one under way, one planned); a new
primary school and a new kindergarten are built in the new district (not yet open); sports
grounds, a canteen. Each snapshot shows every project's 状态 on 30 September of its school year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from junheng.demo.geography import KM_PER_DEGREE_LAT, KM_PER_DEGREE_LON_EQUATOR

NEW_PRIMARY_SEQ = 800  # 学校标识码 sequence of the new district's primary (seat schools use 1…)
NEW_KINDERGARTEN_SEQ = 6800


@dataclass(frozen=True)
class Project:
    """One project: the school row it belongs to (``None`` for a school being built)."""

    school_idx: int | None
    school_id: str
    name: str
    kind: str
    start: date
    completion: date
    amounts: dict = field(default_factory=dict)
    effects: dict = field(default_factory=dict)


def data_date(year: int) -> date:
    """The day a school year's snapshot describes (30 September)."""
    return date(year, 9, 30)


def status_on(project: Project, day: date) -> str:
    if project.completion <= day:
        return "completed"
    return "under_construction" if project.start <= day else "planned"


def _moved(schools: pd.DataFrame, s: int, km: float, angle: float) -> tuple[float, float]:
    lat0 = float(schools["lat"].mean())
    lon = schools.at[s, "lon"] + km * np.cos(angle) / (KM_PER_DEGREE_LON_EQUATOR
                                                       * np.cos(np.radians(lat0)))
    lat = schools.at[s, "lat"] + km * np.sin(angle) / KM_PER_DEGREE_LAT
    return round(float(lon), 6), round(float(lat), 6)


def _pick(schools: pd.DataFrame, mask: np.ndarray, rng: np.random.Generator, k: int = 1
          ) -> list[int]:
    rows = np.flatnonzero(mask)
    return [int(s) for s in rng.permutation(rows)[:k]]


def _project(schools: pd.DataFrame, s: int, what: str, kind: str, start: date, done: date,
             effects: dict | None = None, **amounts) -> Project:
    return Project(s, schools.at[s, "school_id"], f"{schools.at[s, 'name']}{what}", kind, start,
                   done, amounts, effects or {})


def _relocations(schools, role, y, rng) -> list[Project]:
    out = []
    for s in _pick(schools, role == "seat_senior", rng):
        out.append(_relocation(schools, s, (4.0, 0.3), date(y - 2, 3, 15), date(y + 1, 8, 10),
                               added_places=900, added_floor_area=48_000.0, investment=38_000.0,
                               funding_source="地方政府专项债券、县财政"))
    for s in _pick(schools, role == "town_junior", rng):
        out.append(_relocation(schools, s, (1.5, 2.0), date(y, 4, 1), date(y + 2, 8, 15),
                               added_places=300, added_floor_area=12_000.0, investment=6500.0,
                               funding_source="县财政、薄弱环节改善资金"))
    for s in _pick(schools, role == "village_primary", rng):
        out.append(_relocation(schools, s, (0.8, 4.0), date(y + 2, 3, 1), date(y + 3, 8, 20),
                               added_floor_area=2600.0, investment=980.0))
    return out


def _relocation(schools, s: int, move: tuple[float, float], start: date, done: date,
                **amounts) -> Project:
    """A 迁建 ``move`` = (km, angle) away; the sheet gives the new site (新址经度, 新址纬度)."""
    lon, lat = _moved(schools, s, *move)
    return _project(schools, s, "迁建工程", "relocation", start, done, {"coords": (lon, lat)},
                    **amounts, site_lon=lon, site_lat=lat)


def _dormitories(schools, role, y, rng) -> list[Project]:
    boarding = schools["boarding"].to_numpy(bool) & np.isin(
        role, ("town_junior", "town_nine", "central_primary"))
    picked = _pick(schools, boarding, rng, 3)
    dates = ((date(y - 3, 3, 1), date(y - 2, 8, 1)), (date(y, 3, 10), date(y + 1, 7, 30)),
             (date(y + 1, 3, 1), date(y + 2, 8, 1)))
    out = []
    for s, (start, done) in zip(picked, dates, strict=False):
        beds = int(rng.integers(15, 31)) * 8
        out.append(_project(schools, s, "学生宿舍楼", "dormitory", start, done, {"beds": beds},
                            added_beds=beds, added_floor_area=beds * 20.0,
                            investment=round(beds * 7.2, 1), funding_source="县财政"))
    return out


def _extensions(schools, role, crowded, y, rng) -> list[Project]:
    seat = _pick(schools, np.isin(role, ("seat_primary", "seat_junior")) & crowded, rng, 3)
    dates = ((date(y - 2, 4, 1), date(y - 1, 8, 20)), (date(y - 1, 10, 8), date(y + 1, 12, 30)),
             (date(y + 1, 3, 20), date(y + 2, 8, 25)))
    out = []
    for s, (start, done) in zip(seat, dates, strict=False):
        rooms = int(rng.integers(10, 19))
        out.append(_project(schools, s, "教学楼改扩建", "expansion", start, done,
                            {"classrooms": rooms, "teaching_area": rooms * 95.0},
                            added_places=rooms * 45, added_floor_area=rooms * 160.0,
                            investment=round(rooms * 120.0, 1), funding_source="县财政"))
    return out


def _grounds_and_canteen(schools, role, weak, y, rng) -> list[Project]:
    village = _pick(schools, (role == "village_primary") & weak, rng)
    town = _pick(schools, np.isin(role, ("town_junior", "town_nine")) & weak, rng)
    central = _pick(schools, role == "central_primary", rng)
    out = [_project(schools, s, "运动场改造", "sports_ground", date(y - 1, 4, 1),
                    date(y - 1, 10, 15), added_sports_area=2400.0, investment=180.0)
           for s in village]
    out += [_project(schools, s, "运动场新建", "sports_ground", date(y + 1, 3, 1),
                     date(y + 2, 6, 30), {"sports_area": 5200.0}, added_sports_area=5200.0,
                     investment=420.0, funding_source="体育彩票公益金、县财政") for s in town]
    out += [_project(schools, s, "食堂改造", "other", date(y, 3, 1), date(y, 8, 20),
                     investment=260.0) for s in central]
    return out


def _new_schools(schools: pd.DataFrame, county_code: str, county: str, y: int
                 ) -> list[Project]:
    """The new district's primary and kindergarten, in the county town east of the seat senior
    high school's old site (its new campus is 4 km away at angle 0.3: the primary 3.2 km, the
    kindergarten 3.6 km the same way); 所在乡镇代码 the county town's."""
    seat = np.flatnonzero(schools["role"].to_numpy() == "seat_senior")
    sites = [{"site_lon": lon, "site_lat": lat, "town_code": str(schools.at[seat[0], "town_code"])}
             for lon, lat in (_moved(schools, int(seat[0]), km, 0.3) for km in (3.2, 3.6))
             ] if len(seat) else [{}, {}]
    return [
        Project(None, f"{county_code}{NEW_PRIMARY_SEQ:04d}", f"{county}县城东新区第二小学新建工程",
                "new_build", date(y - 1, 9, 20), date(y + 3, 8, 20),
                {"added_places": 2160, "added_floor_area": 26_000.0, "investment": 19_500.0,
                 "funding_source": "地方政府专项债券", **sites[0]}),
        Project(None, f"{county_code}{NEW_KINDERGARTEN_SEQ:04d}", f"{county}县城东新区幼儿园新建工程",
                "new_build", date(y + 1, 5, 10), date(y + 4, 8, 25),
                {"added_places": 360, "added_floor_area": 4800.0, "investment": 2600.0,
                 **sites[1]}),
    ]


def plan_projects(schools: pd.DataFrame, county_code: str, county: str, first_year: int,
                  rng: np.random.Generator) -> list[Project]:
    """The county's projects (see the module docstring)."""
    role, y = schools["role"].to_numpy(), first_year
    crowded, weak = schools["crowded"].to_numpy(bool), schools["weak"].to_numpy(bool)
    return (_relocations(schools, role, y, rng) + _dormitories(schools, role, y, rng)
            + _extensions(schools, role, crowded, y, rng)
            + _grounds_and_canteen(schools, role, weak, y, rng)
            + _new_schools(schools, county_code, county, y))


def finished_since_first(projects: list[Project], first_year: int, year: int) -> list[Project]:
    """Projects finished after the first year's snapshot and by this year's."""
    return [p for p in projects
            if data_date(first_year) < p.completion <= data_date(year) and p.effects]


def project_rows(projects: list[Project], listed_ids: set[str], year: int) -> pd.DataFrame:
    """建设项目 of one year: every project of a listed school, or building a new one."""
    day = data_date(year)
    rows = [{"school_id": p.school_id, "name": p.name, "project_type": p.kind,
             "start_date": p.start, "completion_date": p.completion,
             "status": status_on(p, day), **p.amounts}
            for p in projects if p.school_idx is None or p.school_id in listed_ids]
    return pd.DataFrame(rows)
