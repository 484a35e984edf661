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

Reader: ``python -m bench.facility --realschool DIR [--la NAME]``
------------------------------------------------------------------
``DIR`` holds CSV files as published (encoding, title lines, column spellings: see
:mod:`bench.school_files`) and GeoJSON files (properties as columns, a point or a
polygon's area-weighted centre as the coordinates; a point file's centroid replaces a
polygon's centre); each file's role comes from its columns:

* schools — the file with a capacity column (``SchoolCapacity``, ``capacity``): GIAS
  ``edubasealldata*.csv`` (national, Windows-1252), a GIAS search download
  (``results.csv``) or an extract of it. Kept: open rows (``EstablishmentStatus (name)``
  "Open…", when there) of the phase (``PhaseOfEducation (name)`` containing "Primary" or
  "All-through"; without a phase column, or with ``phase="age"``
  (:data:`BY_AGE`), a highest statutory age of 7 to 12, ``StatutoryHighAge`` or
  ``highest_admission_age``, whatever the type: independent and special schools too), with a positive capacity and a point
  (``Easting``/``Northing``, ``x``/``y`` or ``lon``/``lat``). ``--la`` keeps the rows whose
  ``LA (code)`` (358), ``LA (name)`` (Trafford), ``DistrictAdministrative (code)``
  (E08000009) or other LA column equals it, case aside; a file without an LA column is
  taken as the authority's own.
* areas — files with an output-area code (``OA21CD``, ``OA11CD``, ``geography code``,
  ``Output Areas Code``, ``mnemonic``, ``area_code``…), joined by it: centroids (ONS
  population-weighted centroids: ``x``/``y``, ``X``/``Y``, ArcGIS exports with ``FID`` and
  ``GlobalID``, or degrees) and children of ages 4-10 — single-year columns (``4``,
  ``Age 4`` of 2011 QS103EW, ``Age: Aged 4 years; measures: Value`` of Census 2021 TS007,
  ``F4`` + ``M4``), a ready column (``pupils``, ``age4_10``), or the long format (a row
  per area and age: ``Age (101 categories)`` "Aged 4 years" and ``Observation``, or
  Nomis's ``C2021_AGE_102_NAME`` / ``OBS_VALUE``). With a sex column (``sex``: Persons,
  Females, Males) the persons / total rows count, else the sum over the sexes.
* the authority's areas — by an LA column of an area file or an OA -> LAD lookup
  (``LAD22CD``, ``LAD22NM``, ``LAD11CD``, ``LA code``…) equal to ``--la`` or to an LA
  name or code of the kept schools (so ``--la 358`` also finds ``Trafford`` and
  ``E08000009`` in the ONS files); without any, the areas whose nearest school of the
  phase (in the whole school file) is a kept one, within :data:`MAX_KM` km.

What was kept (schools, capacity, areas, children, how the areas were restricted) is
printed on standard error.

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

import csv
import itertools
import math
import re
import sys
from pathlib import Path

import numpy as np

from bench.school_files import (
    AREA_CODE,
    CAPACITY,
    LA_COLUMN,
    TOTAL_SEX,
    Rows,
    Table,
    clean,
    column,
    coordinate_pairs,
    geojson_rows,
    looks_like_degrees,
    number,
    source,
    to_metres,
)
from junheng.optimize import FacilityProblem

DATA = Path(__file__).resolve().parent / "data"
#: Cost of an open school in pupil-km (one way, per school day).
FIXED_COST = 300.0
#: Pairs per area: its nearest schools.
NEAREST = 10
PRIMARY_AGES = (4, 10)
#: Without an authority column or lookup, areas farther than this from every kept school
#: are dropped (km).
MAX_KM = 5.0
#: ``phase`` value that selects primary schools by their statutory age range only.
BY_AGE = "age"


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


def _points(table: Table | Rows) -> np.ndarray | None:
    """The point of every row (metres, n × 2; ``nan`` where a row has none): the first
    column pair in metres, else the first in degrees (see :mod:`bench.school_files`);
    ``None`` when no column pair holds a point in the first 1,000 rows."""
    sample = list(itertools.islice(table.rows(), 1000))
    chosen = None
    for east, north in coordinate_pairs(table.header):
        values = [(number(r.get(east)), number(r.get(north))) for r in sample]
        if any(math.isfinite(x) and math.isfinite(y) for x, y in values):
            degrees = looks_like_degrees(values)
            if chosen is None or (chosen[2] and not degrees):
                chosen = (east, north, degrees)
    if chosen is None:
        return None
    east, north, degrees = chosen
    pairs = [(number(r.get(east)), number(r.get(north))) for r in table.rows()]
    return to_metres(np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs]), degrees)


def _name(table: Table | Rows) -> str:
    return table.path.name if table.path else "文件"


def _tables(folder: Path) -> list[Table | Rows]:
    """The CSV and GeoJSON files of ``folder``; polygon files first, so that a centroid
    file's points (read later) replace the polygons' centres."""
    tables: list[Table | Rows] = [t for path in sorted(folder.glob("*.csv"))
                                  if (t := Table.open(path))]
    shapes = [t for pattern in ("*.geojson", "*.json") for path in sorted(folder.glob(pattern))
              if (t := geojson_rows(path))]
    return [t for t in shapes if t.polygons] + tables + [t for t in shapes if not t.polygons]


def _phase_test(header: list[str], phase: str):
    """Row -> in the phase: GIAS's phase column, else (or with ``phase`` ``"age"``) the
    statutory age range of a primary school (the highest age 7 to 12, whatever the type:
    GIAS gives independent and special schools the phase "Not applicable"), else every
    row."""
    phase_col = column(header, r"phaseofeducation \(name\)", "phaseofeducation",
                       "phase of education", "phase")
    if phase_col and phase != BY_AGE:
        return lambda row: bool(re.search(phase, row.get(phase_col) or "", re.IGNORECASE))
    high = column(header, r"statutory ?high ?age", r"highest admission age", r"max ?age",
                  r"high ?age", r"age ?high")
    if high and (phase == BY_AGE or re.search("primary", phase, re.IGNORECASE)):
        return lambda row: 7 <= number(row.get(high)) <= 12
    if phase == BY_AGE:
        raise SystemExit(f"学校文件没有学龄上限列（StatutoryHighAge）：{', '.join(header)}")
    return lambda row: True


def _la_columns(header: list[str]) -> list[str]:
    return [h for h in header if any(re.fullmatch(p, clean(h)) for p in LA_COLUMN)]


def _school_rows(table: Table | Rows, phase: str, la: str | None):
    """(row, in the authority, the LA columns) for the open rows of the phase; every row
    is in the authority when the file has no LA column (an authority's own extract)."""
    header = table.header
    test = _phase_test(header, phase)
    status = column(header, r"establishmentstatus \(name\)", "establishmentstatus", "status")
    la_cols = _la_columns(header)
    for row in table.rows():
        if not test(row):
            continue
        if status and not re.match("open", row.get(status) or "", re.IGNORECASE):
            continue
        yield row, la is None or not la_cols or any(
            (row.get(c) or "").strip().lower() == la.strip().lower() for c in la_cols), la_cols


def school_table(table: Table | Rows | list[dict[str, str]], phase: str = "primary|all-through",
                 la: str | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, set[str]]:
    """Coordinates (metres) and capacities of the open schools of the phase in ``la``,
    coordinates of those of the phase elsewhere, and the names and codes (lower case) of
    the authorities of the kept schools with ``la`` itself."""
    table = source(table)
    capacity = column(table.header, *CAPACITY)
    if capacity is None:
        raise SystemExit(f"学校文件没有容量列（SchoolCapacity）：{', '.join(table.header)}")
    rows = list(_school_rows(table, phase, la))
    keys = {la.strip().lower()} if la else set()
    points = _points(Rows(table.header, [row for row, _, _ in rows], table.path)) if rows else []
    if points is None:
        raise SystemExit(f"{_name(table)} 找不到坐标列（Easting/Northing、x/y 或经纬度）："
                         f"{', '.join(table.header)}")
    mine, cap, other = [], [], []
    for (row, inside, la_cols), point in zip(rows, points, strict=True):
        seats = number(row.get(capacity))
        if not np.isfinite(point).all():
            continue
        if inside and seats > 0:
            mine.append(point)
            cap.append(seats)
            keys |= {(row.get(c) or "").strip().lower() for c in la_cols} - {""}
        elif not inside:
            other.append(point)
    return (np.array(mine, float).reshape(-1, 2), np.array(cap, float),
            np.array(other, float).reshape(-1, 2), keys)


def read_schools(rows: Table | Rows | list[dict[str, str]], phase: str = "primary|all-through",
                 la: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """School coordinates (metres) and capacities from GIAS rows: open schools of the
    phase, of the local authority ``la`` (name or code, e.g. "Trafford", "358" or
    "E08000009") when given."""
    xy, capacity, _, _ = school_table(rows, phase, la)
    return xy, capacity


def _age_columns(header: list[str], low: int, high: int) -> list[str]:
    """Single-year columns of ages ``low``..``high``: ``4``, ``Age 4``, ``age_4``,
    ``Age: Aged 4 years; measures: Value`` (a total column when a table also splits by
    sex), else ``F4`` + ``M4``."""
    found = []
    for age in range(low, high + 1):
        named = [h for h in header if re.fullmatch(
            rf"{age}|age ?{age}|(.*: ?)?aged? {age}( years?)?(; measures: value)?", clean(h))]
        if len(named) > 1:
            named = [h for h in named if re.search("all persons|total", clean(h))] or named
        found += named or [h for h in header if re.fullmatch(f"[fm] ?{age}", clean(h))]
    return found


def _year_of(label: str) -> int | None:
    """The single year of age of a long-format label ("Aged 4 years", "Age 4", "4";
    "Aged under 1 year" is 0); ``None`` for a band ("Aged 5 to 9 years") or a total."""
    text = label.strip().lower()
    if re.search(r"under 1|less than 1", text):
        return 0
    if re.search(r"\d+ *(to|-) *\d+", text) or not (digits := re.search(r"\d+", text)):
        return None
    return int(digits.group())


def _population(table: Table | Rows, code: str, ages: tuple[int, int],
                keep) -> dict[str, dict[str, float]]:
    """Area code -> sex (as written; "" without a sex column) -> children of the ages:
    wide (a column per year or a ready column) or long (a row per area and age)."""
    header = table.header
    ready = column(header, "pupils", "children", f"age ?{ages[0]} {ages[1]}")
    years = _age_columns(header, *ages)
    sex = column(header, r"(c\d* )?(sex|gender)( name)?", r"c\d* sex \d+ name")
    value = column(header, "observation", "obs value", "value", "count")
    age = column(header, r"(c\d* )?age( \(\d+ categories\))?( name)?", r"c\d* age \d+ name",
                 r"age.* code", r"age \(\d+ categories\) code")
    measure = column(header, r"measures?( name)?")  # Nomis: Value and Percent rows
    if not (ready or years or (value and age)):
        return {}
    counts: dict[str, dict[str, float]] = {}
    for row in table.rows():
        area = (row.get(code) or "").strip()
        if not keep(area) or (measure and clean(row.get(measure) or "") not in ("value", "")):
            continue
        if ready or years:
            count = number(row.get(ready)) if ready else sum(number(row.get(c)) for c in years)
        elif (year := _year_of(row.get(age) or "")) is not None and ages[0] <= year <= ages[1]:
            count = number(row.get(value))
        else:
            continue
        by_sex = counts.setdefault(area, {})
        key = (row.get(sex) or "").strip().lower() if sex else ""
        by_sex[key] = by_sex.get(key, 0.0) + count
    return counts


def _children(by_sex: dict[str, float]) -> float:
    """All children of an area: the persons / total row when the table has one, else the
    sum over the sexes."""
    total = [v for k, v in by_sex.items() if k in TOTAL_SEX]
    return total[0] if total else sum(by_sex.values())


def _inside(tables: list[Table | Rows], keys: set[str]) -> tuple[set[str] | None, str]:
    """Area codes in the authorities ``keys`` by an LA column of an area file or a lookup
    (``None`` when no area file has one), and the column used."""
    inside: set[str] | None = None
    used = ""
    for table in tables:
        code = column(table.header, *AREA_CODE)
        la_cols = _la_columns(table.header)
        if code is None or not la_cols or not keys:
            continue
        inside = inside or set()
        used = used or ", ".join(la_cols)
        found, seen, every = set(), set(), set()
        for row in table.rows():
            values = tuple((row.get(c) or "").strip() for c in la_cols)
            seen.add(values)
            every.add((row.get(code) or "").strip())
            if any(v.lower() in keys for v in values):
                found.add((row.get(code) or "").strip())
        if not found and len(seen) == 1:  # one authority's own file, named another way
            found = every  # (GIAS gives Trafford as 358, ONS as E08000009)
            used = f"{', '.join(la_cols)}：文件只含一个地方当局（{' '.join(next(iter(seen)))}），视为所选学校的地方当局"
        inside |= found
    return inside, used


def area_table(tables: list[Table | Rows], ages: tuple[int, int] = PRIMARY_AGES,
               inside: set[str] | None = None) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Codes, centroids (metres) and children of the given ages of the output areas
    (those in ``inside`` when given), joined by area code across the files."""
    xy: dict[str, np.ndarray] = {}
    counts: dict[str, dict[str, float]] = {}
    keep = (lambda _: True) if inside is None else inside.__contains__
    for table in tables:
        code = column(table.header, *AREA_CODE)
        if code is None:
            continue
        for area, by_sex in _population(table, code, ages, keep).items():
            for sex, value in by_sex.items():
                counts.setdefault(area, {})[sex] = counts.get(area, {}).get(sex, 0.0) + value
        if coordinate_pairs(table.header) and (points := _points(table)) is not None:
            codes = [(row.get(code) or "").strip() for row in table.rows()]
            xy.update((c, p) for c, p in zip(codes, points, strict=True)
                      if keep(c) and np.isfinite(p).all())
    codes = sorted(set(xy) & set(counts))
    if not codes:
        raise SystemExit("没有同时具有坐标和分年龄人口的输出区：请检查区域文件的列名"
                         "（区域代码如 OA21CD，坐标如 x/y，分年龄人口如 4 … 10）。")
    return (codes, np.array([xy[c] for c in codes]),
            np.array([_children(counts[c]) for c in codes]))


def read_areas(tables: list, ages: tuple[int, int] = PRIMARY_AGES
               ) -> tuple[np.ndarray, np.ndarray]:
    """Area centroids (metres) and children of the given ages, joined by area code."""
    _, xy, pupils = area_table([source(t) for t in tables if t], ages)
    return xy, pupils


def _nearest_is_ours(area_xy: np.ndarray, mine: np.ndarray, other: np.ndarray,
                     max_km: float) -> np.ndarray:
    """Areas whose nearest school of the phase is a kept one, within ``max_km``."""
    from scipy.spatial import cKDTree

    def nearest(points: np.ndarray) -> np.ndarray:
        if not points.size:
            return np.full(area_xy.shape[0], np.inf)
        return cKDTree(points).query(area_xy)[0]

    ours = nearest(mine)
    return (ours <= max_km * 1000.0) & (ours <= nearest(other))


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def read_directory(folder: Path, *, ages: tuple[int, int] = PRIMARY_AGES,
                   phase: str = "primary|all-through", la: str | None = None,
                   fixed_cost: float = FIXED_COST, nearest: int = NEAREST,
                   max_km: float = MAX_KM) -> FacilityProblem:
    """The instance of the module docstring from the CSV files in ``folder``: the schools
    of ``la`` when given (needed with a national GIAS file), the areas of the kept schools'
    authorities by an LA column or lookup, else those nearest to a kept school within
    ``max_km``. What was read is said on standard error."""
    tables = _tables(folder)
    school = [t for t in tables if column(t.header, *CAPACITY)]
    if not school:
        raise SystemExit(f"{folder} 中没有带 SchoolCapacity 列的学校文件（CSV 或 GeoJSON）。")
    mine, capacity, other, keys = school_table(school[0], phase, la)
    if not mine.size:
        where = f"地方当局“{la}”的" if la else ""
        raise SystemExit(f"{school[0].path.name} 中没有{where}开放小学（有坐标和正容量）："
                         "请检查 --la（名称如 Trafford、GIAS 代码如 358 或 ONS 代码如 E08000009）。")
    _say(f"学校：{school[0].path.name}，保留 {mine.shape[0]} 所，总容量 {capacity.sum():,.0f}。")
    rest = [t for t in tables if t is not school[0]]
    inside, used = _inside(rest, keys)
    if inside is not None and not inside:
        raise SystemExit(f"区域文件的 {used} 列中没有“{'、'.join(sorted(keys))}”："
                         "请检查 --la 或输出区与地方当局的对照表。")
    codes, area_xy, pupils = area_table(rest, ages, inside)
    if inside is not None:
        how = used if "视为" in used else f"按 {used} 列限定在 {'、'.join(sorted(keys))}"
    else:
        near = _nearest_is_ours(area_xy, mine, other, max_km)
        how = (f"没有地方当局列或对照表：保留最近的同学段学校是所选学校且在 {max_km:g} 公里以内的"
               f"输出区（{area_xy.shape[0]:,} 个中的 {int(near.sum()):,} 个）")
        area_xy, pupils = area_xy[near], pupils[near]
    _say(f"输出区：{area_xy.shape[0]} 个，{ages[0]}-{ages[1]} 岁儿童 {pupils.sum():,.0f} 人"
         f"（{how}）。")
    if capacity.sum() < pupils.sum():
        _say(f"总容量 {capacity.sum():,.0f} 小于儿童 {pupils.sum():,.0f}：实例无可行解；"
             "请检查学段、--la 或区域的限定。")
    return school_problem(area_xy, pupils, mine, capacity, fixed_cost=fixed_cost,
                          nearest=nearest)
