"""Single-source school instances from real public data: a reader and a generator.

The instance (both ways)
------------------------
Customers are census output areas with primary-age children (single years of age 4-10 by
default: reception to year 6), sites are primary schools with their capacity. Serving
area ``j`` from school ``i`` costs ``pupils_j × km_ij`` (straight line between the area's
(population-weighted) centroid and the school), opening a school costs
:data:`FIXED_COST` pupil-km (a stated figure: the running cost of a site expressed in the
travel unit, so that closing a school pays only when its pupils fit nearby), each area is
served by ONE school (single source), and each area may use only its :data:`NEAREST`
nearest schools. Objective unit: pupil-km (one way).

Reader: ``python -m bench.facility --realschool DIR``
----------------------------------------------------
``DIR`` holds CSV files in the published formats:

* schools — DfE "Get Information About Schools" (GIAS, ``edubasealldata*.csv``) rows or an
  extract of them, with ``URN``, ``EstablishmentName``, ``PhaseOfEducation (name)`` (or
  ``PhaseOfEducation``), ``Easting``, ``Northing`` (British National Grid metres; or
  ``x``/``y``, or ``latitude``/``longitude``) and ``SchoolCapacity``; the file is the one
  with a capacity column. Only open (``EstablishmentStatus (name)`` "Open…", when the
  column is there) primary-phase rows (phase containing "Primary", or "All-through") with
  a positive capacity and coordinates are used; with a national file, ``--la Trafford``
  (or the code in ``LA (code)`` / ``DistrictAdministrative (code)``) keeps one authority.
* areas — ONS output areas: a code column (``OA21CD``, ``OA11CD``, ``oa11cd``, …), the
  centroid (``x``/``y``, ``Easting``/``Northing``, ``X``/``Y`` or ``lat``/``long``) and
  either single-year-of-age columns (``4`` … ``10``, ``Age 4``, ``age_4``, ``F4``+``M4``…)
  or a ready pupil column (``pupils`` or ``age4_10``). Centroids and populations may be in
  two files joined by the code.

Licence of what is in the repository: ``bench/data/oa_newcastle.csv`` and
``oa_gateshead.csv`` are per-output-area sums of ages 4-10 and population-weighted
centroids (BNG metres) of Newcastle upon Tyne (E08000021, 910 areas, 24,081 children) and
Gateshead (E08000037, 706 areas, 16,082), 2011 output areas, taken from
https://github.com/alan-turing-institute/spatial-inequality ``data/processed/<LA>/``
(``centroids.csv``, ``population_ages.csv``; code MIT, data ONS, Open Government Licence
v3.0; contains OS data © Crown copyright and database right 2021). No school list with
capacities under a clear licence was found for those areas, so :func:`generated` places
the schools (see there).
"""

from __future__ import annotations

import contextlib
import csv
import math
import re
from pathlib import Path

import numpy as np

from junheng.optimize import FacilityProblem

DATA = Path(__file__).resolve().parent / "data"
#: Cost of an open school in pupil-km (one way, per school day).
FIXED_COST = 300.0
#: Pairs per area: its nearest schools.
NEAREST = 10
PRIMARY_AGES = (4, 10)


def school_problem(area_xy: np.ndarray, pupils: np.ndarray, school_xy: np.ndarray,
                   capacity: np.ndarray, *, fixed_cost: float = FIXED_COST,
                   nearest: int = NEAREST) -> FacilityProblem:
    """The single-source instance of the module docstring (coordinates in metres)."""
    keep = pupils > 0
    area_xy, pupils = area_xy[keep], pupils[keep]
    km = np.sqrt(((school_xy[:, None, :] - area_xy[None, :, :]) ** 2).sum(-1)) / 1000.0
    cost = pupils[None, :] * np.maximum(km, 0.05)  # a child in the school's own area walks 50 m
    return FacilityProblem.from_cost_matrix(
        cost, pupils.astype(float), fixed_cost, capacity.astype(float),
        k_nearest=min(nearest, school_xy.shape[0]), single_source=True)


# --------------------------------------------------------------------------- generator


def areas(name: str = "newcastle") -> tuple[np.ndarray, np.ndarray]:
    """Centroids (metres) and children aged 4-10 of the output areas of ``bench/data``."""
    with open(DATA / f"oa_{name}.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    xy = np.array([[float(r["x"]), float(r["y"])] for r in rows])
    return xy, np.array([float(r["age4_10"]) for r in rows])


def generated(seed: int = 0, sites: int = 100, customers: int = 700, slack: float = 0.10,
              name: str = "newcastle") -> FacilityProblem:
    """A school-sized instance on real output areas, with placed schools.

    ``customers`` areas are drawn (with children), ``sites`` schools are placed at area
    centroids spread by k-means++ seeding weighted by children; each school's capacity is
    the children nearest to it times a random factor in [0.8, 1.4], rounded to a multiple
    of 30 (one form of entry is 30 a year), at least 90, then all scaled so that total
    capacity is ``1 + slack`` times the children.
    """
    rng = np.random.default_rng(seed)
    xy, pupils = areas(name)
    has = np.flatnonzero(pupils > 0)
    pick = np.sort(rng.choice(has, size=min(customers, has.size), replace=False))
    xy, pupils = xy[pick], pupils[pick]
    centres = [int(rng.choice(pupils.size, p=pupils / pupils.sum()))]
    near = ((xy - xy[centres[0]]) ** 2).sum(1)
    for _ in range(sites - 1):
        weight = near * pupils
        centres.append(int(rng.choice(pupils.size, p=weight / weight.sum())))
        near = np.minimum(near, ((xy - xy[centres[-1]]) ** 2).sum(1))
    school_xy = xy[centres]
    owner = np.argmin(((school_xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1), axis=0)
    base = np.bincount(owner, weights=pupils, minlength=sites) * rng.uniform(0.8, 1.4, sites)
    capacity = np.maximum(np.round(base / 30.0) * 30.0, 90.0)
    capacity = np.floor(capacity * (1 + slack) * pupils.sum() / capacity.sum())
    return school_problem(xy, pupils, school_xy, capacity)


# --------------------------------------------------------------------------- reader


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as handle:
        return list(csv.DictReader(handle))


def _column(header: list[str], *patterns: str) -> str | None:
    for pattern in patterns:
        for name in header:
            if re.fullmatch(pattern, name.strip(), flags=re.IGNORECASE):
                return name
    return None


def _number(text: str | None) -> float:
    try:
        return float(str(text).replace(",", "").strip())
    except ValueError:
        return math.nan


def _xy(row: dict[str, str], header: list[str]) -> tuple[float, float]:
    """Metres: BNG easting/northing as given, lon/lat projected around Britain's middle."""
    east = _column(header, "easting", "x", "bng_e", "x_coord")
    north = _column(header, "northing", "y", "bng_n", "y_coord")
    if east and north:
        return _number(row[east]), _number(row[north])
    lat = _column(header, "lat", "latitude")
    lon = _column(header, "long", "lon", "longitude", "lng")
    if lat and lon:
        la, lo = _number(row[lat]), _number(row[lon])
        return lo * 111_320.0 * math.cos(math.radians(54.0)), la * 110_574.0
    raise SystemExit(f"找不到坐标列（Easting/Northing、x/y 或经纬度）：{', '.join(header)}")


def _wanted(row: dict[str, str], header: list[str], phase: str, la: str | None) -> bool:
    """Phase matches, the school is open (when GIAS says), and in the LA (when asked)."""
    phase_col = _column(header, r"phaseofeducation \(name\)", "phaseofeducation",
                        "phase of education", "phase")
    status = _column(header, r"establishmentstatus \(name\)", "establishmentstatus")
    if phase_col and not re.search(phase, row[phase_col] or "", flags=re.IGNORECASE):
        return False
    if status and not re.match("open", row[status] or "", flags=re.IGNORECASE):
        return False
    la_cols = [c for c in header if re.fullmatch(r"la \((code|name)\)|districtadministrative "
                                                 r"\((code|name)\)", c.strip(), re.I)]
    return la is None or any((row[c] or "").strip().lower() == la.lower() for c in la_cols)


def read_schools(rows: list[dict[str, str]], phase: str = "primary|all-through",
                 la: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """School coordinates (metres) and capacities from GIAS rows: open schools of the
    phase, of the local authority ``la`` (name or code, e.g. "Trafford", "358" or
    "E08000009") when given."""
    header = list(rows[0])
    capacity = _column(header, "schoolcapacity", "capacity", "school_capacity")
    xy, cap = [], []
    for row in rows:
        if not _wanted(row, header, phase, la):
            continue
        point, seats = _xy(row, header), _number(row[capacity])
        if seats > 0 and all(math.isfinite(v) for v in point):
            xy.append(point)
            cap.append(seats)
    return np.array(xy, dtype=float).reshape(-1, 2), np.array(cap, dtype=float)


def _age_columns(header: list[str], low: int, high: int) -> list[str]:
    found = []
    for age in range(low, high + 1):
        exact = _column(header, str(age), f"age ?_?{age}", f"age{age}", f"aged? {age}")
        found += [exact] if exact else [h for h in header
                                        if re.fullmatch(f"[fm]_?{age}", h.strip(), re.I)]
    return found


def read_areas(tables: list[list[dict[str, str]]], ages: tuple[int, int] = PRIMARY_AGES
               ) -> tuple[np.ndarray, np.ndarray]:
    """Area centroids (metres) and children of the given ages, joined by area code."""
    xy: dict[str, tuple[float, float]] = {}
    pupils: dict[str, float] = {}
    for rows in tables:
        header = list(rows[0])
        code = _column(header, "oa[0-9]*cd", "oa_code", "output_area", "geography code")
        if code is None:
            continue
        ready = _column(header, "pupils", "children", f"age{ages[0]}_{ages[1]}")
        years = _age_columns(header, *ages)
        for row in rows:
            if ready or years:
                pupils[row[code]] = (_number(row[ready]) if ready
                                     else sum(_number(row[c]) for c in years))
            with contextlib.suppress(SystemExit):  # a population file without coordinates
                xy[row[code]] = _xy(row, header)
    codes = sorted(set(xy) & set(pupils))
    if not codes:
        raise SystemExit("没有同时具有坐标和分年龄人口的输出区：请检查区域文件的列名。")
    return (np.array([xy[c] for c in codes]), np.array([pupils[c] for c in codes]))


def read_directory(folder: Path, *, ages: tuple[int, int] = PRIMARY_AGES,
                   phase: str = "primary|all-through", la: str | None = None,
                   fixed_cost: float = FIXED_COST, nearest: int = NEAREST) -> FacilityProblem:
    """The instance of the module docstring from the CSV files in ``folder`` (schools of
    ``la`` only when given: needed with a national GIAS file)."""
    tables = [rows for path in sorted(folder.glob("*.csv")) if (rows := _rows(path))]
    school = [t for t in tables if _column(list(t[0]), "schoolcapacity", "capacity")]
    if not school:
        raise SystemExit(f"{folder} 中没有带 SchoolCapacity 列的学校文件。")
    school_xy, capacity = read_schools(school[0], phase, la)
    area_xy, pupils = read_areas([t for t in tables if t is not school[0]], ages)
    return school_problem(area_xy, pupils, school_xy, capacity, fixed_cost=fixed_cost,
                          nearest=nearest)
