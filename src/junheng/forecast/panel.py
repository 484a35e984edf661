"""One county's (or many counties') history as arrays: the input of every projection.

:func:`build_panel` merges the school years it is given: every workbook's 在校生历史 plus
each year's 班级 (the class sums are that year's actual students and win over history rows
for the same year, and a later workbook's history wins over an earlier one's). Schools are
those of the latest year; a school that has closed is not projected. Births are merged the
same way, and each year's 村居 table gives resident children by age per town.

Arrays are indexed by position: ``students[school, grade, year]`` with grades in
:data:`GRADE_ORDER`. A grade a school's type allows is 0 in a year the school reported at
all and NaN (unknown) in a year it did not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import sparse

from junheng.errors import JunhengError
from junheng.forecast.capacity import rooms_kept_by_other
from junheng.model.codes import (
    CHILD_AGES,
    GRADE_STAGE,
    JUNIOR_GRADES,
    PRESCHOOL_GRADES,
    PRIMARY_GRADES,
    SCHOOL_TYPE_GRADES,
    SENIOR_GRADES,
)
from junheng.model.county import CountyData
from junheng.model.schema import SHEETS_BY_KEY, Kind

GRADE_ORDER: tuple[str, ...] = PRESCHOOL_GRADES + PRIMARY_GRADES + JUNIOR_GRADES + SENIOR_GRADES
GRADE_INDEX: dict[str, int] = {g: i for i, g in enumerate(GRADE_ORDER)}
GRADE_STAGES: np.ndarray = np.array([GRADE_STAGE[g] for g in GRADE_ORDER], dtype=object)
AGE_KEYS: tuple[str, ...] = tuple(f"age_{a}" for a in CHILD_AGES)
# children younger than the oldest age in the village table are needed this many years back
MAX_AGE = len(CHILD_AGES) - 1


@dataclass(frozen=True)
class EnrolmentPanel:
    """History arrays of one or more counties sharing a base year (see module docstring)."""

    schools: pd.DataFrame
    years: np.ndarray
    students: np.ndarray
    allowed: np.ndarray
    towns: pd.DataFrame
    school_town: np.ndarray
    school_county: np.ndarray
    town_county: np.ndarray
    counties: pd.DataFrame
    birth_years: np.ndarray
    births: np.ndarray
    children: Mapping[int, np.ndarray]
    central: np.ndarray
    zone_primary: sparse.csr_array | None = None
    zone_junior: sparse.csr_array | None = None

    @property
    def base_year(self) -> int:
        return int(self.years[-1])

    @property
    def n_schools(self) -> int:
        return len(self.schools)

    @property
    def n_towns(self) -> int:
        return len(self.towns)

    @property
    def n_counties(self) -> int:
        return len(self.counties)

    def until(self, year: int) -> EnrolmentPanel:
        """The panel as it was known in ``year``: later enrolment, births and villages removed."""
        keep = self.years <= year
        if not keep.any():
            raise JunhengError(f"没有 {year} 年及以前的在校生数据，无法回测。")
        births = np.where(self.birth_years[None, :] <= year, self.births, np.nan)
        children = {y: c for y, c in self.children.items() if y <= year}
        return replace(self, years=self.years[keep], students=self.students[:, :, keep],
                       births=births, children=children)


def build_panel(data: CountyData | Iterable[CountyData]) -> EnrolmentPanel:
    """Merge the given school years of one or more counties into an :class:`EnrolmentPanel`.

    Examples
    --------
    >>> data = CountyData.from_records(
    ...     {"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "S1", "school_type": "primary_school",
    ...               "town_code": "410306001"}],
    ...     classes=[{"school_id": "S1", "grade": "g1", "class_no": "1", "students": 40}])
    >>> panel = build_panel(data)
    >>> panel.students[0, GRADE_INDEX["g1"], -1], panel.students[0, GRADE_INDEX["g2"], -1]
    (np.float64(40.0), np.float64(0.0))
    """
    by_county = _group_by_county([data] if isinstance(data, CountyData) else list(data))
    latest = {code: years[-1] for code, years in by_county.items()}
    villages = _zoned_villages(latest)
    base_year = _common_base_year(latest)
    schools = _schools_frame(latest)
    counties = pd.DataFrame({
        "county_code": list(latest),
        "county_name": [str(d.info.get("county_name") or "") for d in latest.values()],
    })
    years, students = _students_array(by_county, schools, base_year)
    if np.isnan(students[:, :, -1]).all():
        raise JunhengError(f"最新学年 {base_year} 没有任何在校生数据（“班级”为空）："
                           "请先填写该学年的班级，或只提供到上一学年的数据。")
    towns = _towns_frame(by_county, schools)
    town_key = pd.MultiIndex.from_frame(towns[["county_code", "town_code"]])
    school_town = town_key.get_indexer(pd.MultiIndex.from_frame(schools[["county_code",
                                                                          "town_code"]]))
    county_index = pd.Index(counties["county_code"])
    birth_years = np.arange(min(_first_birth_year(by_county, years[0]), years[0] - MAX_AGE),
                            base_year + 1)
    return EnrolmentPanel(
        schools=schools,
        years=years,
        students=students,
        allowed=_allowed_grades(schools),
        towns=towns,
        school_town=school_town,
        school_county=county_index.get_indexer(schools["county_code"]),
        town_county=county_index.get_indexer(towns["county_code"]),
        counties=counties,
        birth_years=birth_years,
        births=_births_array(by_county, town_key, birth_years),
        children=_children_by_year(by_county, town_key),
        central=_central_index(schools),
        zone_primary=_zone_primary(villages, schools, town_key),
        zone_junior=_zone_junior(villages, schools),
    )


# -- grouping and the school list ---------------------------------------------------------

def _group_by_county(datas: list[CountyData]) -> dict[str, list[CountyData]]:
    if not datas:
        raise JunhengError("没有提供任何县区数据：请至少提供一个学年的工作簿。")
    grouped: dict[str, dict[int, CountyData]] = {}
    for item in datas:
        grouped.setdefault(item.county_code, {})[item.school_year] = item
    return {code: [years[y] for y in sorted(years)] for code, years in grouped.items()}


def _common_base_year(latest: Mapping[str, CountyData]) -> int:
    years = {code: d.school_year for code, d in latest.items()}
    if len(set(years.values())) > 1:
        shown = "，".join(f"{code}: {year}" for code, year in sorted(years.items()))
        raise JunhengError(f"各县区最新学年不一致（{shown}）：请为每个县区提供同一最新学年的数据。")
    return next(iter(years.values()))


def _schools_frame(latest: Mapping[str, CountyData]) -> pd.DataFrame:
    one_each = {code: [data] for code, data in latest.items()}
    schools = _stacked(one_each, "schools", ["school_id", "name", "school_type", "town_code",
                                             "urban_rural_code", "central_school"])
    if schools.empty:
        raise JunhengError("最新学年的“学校”表为空：没有可预测的学校。")
    rooms = _stacked(one_each, "facilities", ["school_id", "classrooms"])
    schools = schools.drop(columns="data_year")
    if rooms.empty:
        schools["classrooms"] = np.nan
    else:
        rooms = rooms.drop(columns="data_year").drop_duplicates(["county_code", "school_id"])
        schools = schools.merge(rooms, on=["county_code", "school_id"], how="left")
    schools = schools[["county_code", "school_id", "name", "school_type", "town_code",
                       "urban_rural_code", "central_school", "classrooms"]]
    duplicated = schools.duplicated(["county_code", "school_id"])
    if duplicated.any():
        shown = "、".join(schools.loc[duplicated, "school_id"].astype(str).head(5))
        raise JunhengError(f"“学校”表中学校标识码重复：{shown}。请保证每所学校只有一行。")
    schools["classrooms"] = schools["classrooms"].astype(float)
    kept = pd.concat([rooms_kept_by_other(d).rename_axis("school_id").reset_index()
                      .assign(county_code=code) for code, d in latest.items()])
    schools = schools.merge(kept, on=["county_code", "school_id"], how="left")
    schools["classrooms_other"] = schools["classrooms_other"].fillna(0.0)
    return schools


def _allowed_grades(schools: pd.DataFrame) -> np.ndarray:
    allowed = np.zeros((len(schools), len(GRADE_ORDER)), dtype=bool)
    for school_type, rows in schools.groupby("school_type", sort=False).indices.items():
        grades = SCHOOL_TYPE_GRADES.get(str(school_type), frozenset())
        columns = [GRADE_INDEX[g] for g in grades if g in GRADE_INDEX]
        allowed[np.ix_(rows, columns)] = True
    return allowed


def _central_index(schools: pd.DataFrame) -> np.ndarray:
    key = pd.MultiIndex.from_frame(schools[["county_code", "school_id"]])
    central = schools[["county_code", "central_school"]].rename(
        columns={"central_school": "school_id"})
    index = key.get_indexer(pd.MultiIndex.from_frame(central))
    return np.where(schools["school_type"].to_numpy() == "teaching_point", index, -1)


# -- enrolment history ---------------------------------------------------------------------

def _stacked(by_county: Mapping[str, list[CountyData]], table: str, columns: list[str],
             latest_only: bool = False) -> pd.DataFrame:
    """``columns`` of one table across every given county-year, plus ``county_code`` and
    ``data_year``; numbers become float (NaN unknown), everything else object.

    Built with numpy blocks, because a province has hundreds of county-years and per-frame
    pandas operations would dominate the whole forecast.
    """
    sheet = SHEETS_BY_KEY[table]
    numeric = [c for c in columns if sheet.column(c).kind in (Kind.INTEGER, Kind.NUMBER)]
    other = [c for c in columns if c not in numeric]
    blocks: list[np.ndarray] = []
    parts: dict[str, list[np.ndarray]] = {c: [] for c in (*other, "county_code", "data_year")}
    for code, datas in by_county.items():
        for data in (datas[-1:] if latest_only else datas):
            frame = data.tables[table]
            if frame.empty:
                continue
            if numeric:
                blocks.append(frame[numeric].to_numpy(dtype=float, na_value=np.nan))
            for column in other:
                parts[column].append(frame[column].to_numpy(dtype=object))
            parts["county_code"].append(np.full(len(frame), code, dtype=object))
            parts["data_year"].append(np.full(len(frame), data.school_year))
    if not parts["data_year"]:
        return pd.DataFrame(columns=[*columns, "county_code", "data_year"])
    out = {c: np.concatenate(v) for c, v in parts.items()}
    if numeric:
        values = np.vstack(blocks)
        out.update({c: values[:, j] for j, c in enumerate(numeric)})
    return pd.DataFrame(out)


def _students_array(by_county: Mapping[str, list[CountyData]], schools: pd.DataFrame,
                    base_year: int) -> tuple[np.ndarray, np.ndarray]:
    """``(years, students[school, grade, year])`` from every workbook's history and classes.

    For one (school, grade, year) the most trusted source wins: a year's own 班级 sums over
    any 在校生历史 row, and a later workbook's history over an earlier one's.
    """
    school, grade, year, students, priority = _enrolment_records(by_county, schools)
    if school.size == 0:
        raise JunhengError("没有任何在校生数据（“班级”与“在校生历史”均为空）：无法预测。")
    first = min(int(year.min()), base_year)
    years = np.arange(first, base_year + 1)
    keep = year <= base_year
    school, grade, year, students, priority = (a[keep] for a in (school, grade, year, students,
                                                                 priority))
    key = (school * len(GRADE_ORDER) + grade) * len(years) + (year - first)
    order = np.lexsort((priority, key))
    last = np.ones(order.size, dtype=bool)
    last[:-1] = key[order][1:] != key[order][:-1]
    chosen = order[last]
    array = np.full((len(schools), len(GRADE_ORDER), len(years)), np.nan)
    array[school[chosen], grade[chosen], year[chosen] - first] = students[chosen]
    # a school that reported in a year had no pupils in the allowed grades it left out
    reported = np.zeros((len(schools), len(years)), dtype=bool)
    reported[school, year - first] = True
    fill = reported[:, None, :] & _allowed_grades(schools)[:, :, None] & np.isnan(array)
    array[fill] = 0.0
    return years, array


def _enrolment_records(by_county: Mapping[str, list[CountyData]], schools: pd.DataFrame
                       ) -> tuple[np.ndarray, ...]:
    """Rows (school position, grade index, year, students, priority) of every source."""
    grade_index = pd.Index(GRADE_ORDER)
    rows_of = schools.groupby("county_code", sort=False).indices
    parts: list[tuple[np.ndarray, ...]] = []
    for code, datas in by_county.items():
        positions = rows_of.get(code, np.zeros(0, dtype=int))
        ids = pd.Index(schools["school_id"].to_numpy()[positions])
        for data in datas:
            past = data.enrolment_history
            if not past.empty:
                parts.append(_records_of(past, ids, positions, grade_index,
                                         past["school_year"].to_numpy(dtype=float,
                                                                      na_value=np.nan),
                                         2 * data.school_year))
            classes = data.classes
            if not classes.empty:
                year = np.full(len(classes), float(data.school_year))
                parts.append(_summed(_records_of(classes, ids, positions, grade_index, year,
                                                 2 * data.school_year + 1)))
    if not parts:
        return tuple(np.zeros(0, dtype=int) for _ in range(5))
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(5))


def _records_of(frame: pd.DataFrame, ids: pd.Index, positions: np.ndarray, grades: pd.Index,
                year: np.ndarray, priority: int) -> tuple[np.ndarray, ...]:
    local = ids.get_indexer(frame["school_id"].to_numpy(dtype=object))
    grade = grades.get_indexer(frame["grade"].to_numpy(dtype=object))
    keep = (local >= 0) & (grade >= 0) & ~np.isnan(year)
    students = frame["students"].to_numpy(dtype=float, na_value=np.nan)
    return (positions[local[keep]], grade[keep], year[keep].astype(int), students[keep],
            np.full(int(keep.sum()), priority))


def _summed(records: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    """Classes summed per school and grade (NaN if every class of it is unknown)."""
    school, grade, year, students, priority = records
    key = school * len(GRADE_ORDER) + grade
    unique, inverse = np.unique(key, return_inverse=True)
    known = ~np.isnan(students)
    total = np.bincount(inverse, weights=np.where(known, students, 0.0), minlength=unique.size)
    count = np.bincount(inverse, weights=known, minlength=unique.size)
    first = np.zeros(unique.size, dtype=int)
    first[inverse[::-1]] = np.arange(len(key))[::-1]
    return (school[first], grade[first], year[first], np.where(count > 0, total, np.nan),
            priority[first])


# -- towns, births and resident children ----------------------------------------------------

def _towns_frame(by_county: Mapping[str, list[CountyData]], schools: pd.DataFrame
                 ) -> pd.DataFrame:
    pairs = [schools[["county_code", "town_code"]]]
    for table in ("births", "villages"):
        stacked = _stacked(by_county, table, ["town_code"])
        if not stacked.empty:
            pairs.append(stacked[["county_code", "town_code"]])
    towns = pd.concat(pairs, ignore_index=True).dropna().drop_duplicates()
    towns["town_code"] = towns["town_code"].astype(str)
    return towns.drop_duplicates().sort_values(["county_code", "town_code"], ignore_index=True)


def _first_birth_year(by_county: Mapping[str, list[CountyData]], fallback: int) -> int:
    years = _stacked(by_county, "births", ["year"])
    if years.empty or years["year"].isna().all():
        return fallback
    return int(years["year"].min())


def _births_array(by_county: Mapping[str, list[CountyData]], town_key: pd.MultiIndex,
                  birth_years: np.ndarray) -> np.ndarray:
    births = np.full((len(town_key), len(birth_years)), np.nan)
    rows = _stacked(by_county, "births", ["town_code", "year", "births"])
    if rows.empty:
        return births
    rows = rows.dropna(subset=["town_code", "year", "births"])
    rows = rows.sort_values("data_year", kind="stable").drop_duplicates(
        ["county_code", "town_code", "year"], keep="last")
    town = town_key.get_indexer(pd.MultiIndex.from_frame(rows[["county_code", "town_code"]]))
    year = rows["year"].astype(int).to_numpy() - birth_years[0]
    keep = (town >= 0) & (year >= 0) & (year < len(birth_years))
    births[town[keep], year[keep]] = rows["births"].astype(float).to_numpy()[keep]
    return births


def _children_by_year(by_county: Mapping[str, list[CountyData]], town_key: pd.MultiIndex
                      ) -> dict[int, np.ndarray]:
    """Per school year with a village table: resident children by town and age (towns x 15)."""
    villages = _stacked(by_county, "villages", ["town_code", *AGE_KEYS])
    if villages.empty:
        return {}
    ages = villages[list(AGE_KEYS)]
    keys = [villages["county_code"].to_numpy(), villages["town_code"].astype(str).to_numpy(),
            villages["data_year"].to_numpy()]
    sums = ages.groupby(keys, sort=False).sum(min_count=1)
    town = town_key.get_indexer(pd.MultiIndex.from_arrays(
        [sums.index.get_level_values(0), sums.index.get_level_values(1)]))
    years = sums.index.get_level_values(2).to_numpy()
    values = sums.to_numpy(dtype=float)
    out: dict[int, np.ndarray] = {}
    for year in np.unique(years):
        array = np.full((len(town_key), len(AGE_KEYS)), np.nan)
        keep = (years == year) & (town >= 0)
        array[town[keep]] = values[keep]
        out[int(year)] = array
    return out


# -- attendance zones ------------------------------------------------------------------------

def _zoned_villages(latest: Mapping[str, CountyData]) -> pd.DataFrame:
    villages = _stacked({code: [data] for code, data in latest.items()}, "villages",
                        ["town_code", "zone_primary", "zone_junior", *AGE_KEYS])
    if villages.empty:
        return villages
    ages = np.nan_to_num(villages[list(AGE_KEYS)].to_numpy(dtype=float))
    return pd.DataFrame({
        "county_code": villages["county_code"].to_numpy(),
        "town_code": villages["town_code"].astype(str).to_numpy(),
        "zone_primary": villages["zone_primary"].to_numpy(),
        "zone_junior": villages["zone_junior"].to_numpy(),
        "young": ages[:, :7].sum(axis=1), "primary_age": ages[:, 6:12].sum(axis=1),
    })


def _zone_primary(villages: pd.DataFrame, schools: pd.DataFrame,
                  town_key: pd.MultiIndex) -> sparse.csr_array | None:
    """Share of each town's young children (0–6) living in each school's primary zone."""
    if villages.empty or villages["zone_primary"].isna().all():
        return None
    school_key = pd.MultiIndex.from_frame(schools[["county_code", "school_id"]])
    school = school_key.get_indexer(pd.MultiIndex.from_arrays(
        [villages["county_code"], villages["zone_primary"]]))
    town = town_key.get_indexer(pd.MultiIndex.from_frame(villages[["county_code", "town_code"]]))
    young = villages["young"].to_numpy()
    town_total = np.bincount(town[town >= 0], weights=young[town >= 0], minlength=len(town_key))
    keep = (school >= 0) & (town >= 0) & (town_total[np.maximum(town, 0)] > 0)
    weights = young[keep] / town_total[town[keep]]
    return sparse.csr_array((weights, (school[keep], town[keep])),
                            shape=(len(schools), len(town_key)))


def _zone_junior(villages: pd.DataFrame, schools: pd.DataFrame) -> sparse.csr_array | None:
    """Share of each primary school's zone children (6–11) zoned to each junior school."""
    if villages.empty or villages["zone_junior"].isna().all():
        return None
    villages = villages.dropna(subset=["zone_primary", "zone_junior"])
    key = pd.MultiIndex.from_frame(schools[["county_code", "school_id"]])
    primary = key.get_indexer(pd.MultiIndex.from_arrays(
        [villages["county_code"], villages["zone_primary"]]))
    junior = key.get_indexer(pd.MultiIndex.from_arrays(
        [villages["county_code"], villages["zone_junior"]]))
    children = villages["primary_age"].to_numpy()
    keep = (primary >= 0) & (junior >= 0)
    totals = np.bincount(primary[keep], weights=children[keep], minlength=len(schools))
    keep &= totals[np.maximum(primary, 0)] > 0
    weights = children[keep] / totals[primary[keep]]
    return sparse.csr_array((weights, (junior[keep], primary[keep])),
                            shape=(len(schools), len(schools)))
