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
    base_year = _common_base_year(latest)
    schools = _schools_frame(latest)
    counties = pd.DataFrame({
        "county_code": list(latest),
        "county_name": [str(d.info.get("county_name") or "") for d in latest.values()],
    })
    history = _history_rows(by_county)
    years = np.arange(min(int(history["school_year"].min()), base_year), base_year + 1)
    students = _students_array(schools, history, years)
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
        zone_primary=_zone_primary(latest, schools, town_key),
        zone_junior=_zone_junior(latest, schools),
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
    frames = []
    for code, data in latest.items():
        schools = data.schools[["school_id", "name", "school_type", "town_code",
                                "urban_rural_code", "central_school"]].copy()
        rooms = data.facilities[["school_id", "classrooms"]].drop_duplicates("school_id")
        schools = schools.merge(rooms, on="school_id", how="left")
        schools.insert(0, "county_code", code)
        frames.append(schools)
    schools = pd.concat(frames, ignore_index=True)
    if schools.empty:
        raise JunhengError("最新学年的“学校”表为空：没有可预测的学校。")
    duplicated = schools.duplicated(["county_code", "school_id"])
    if duplicated.any():
        shown = "、".join(schools.loc[duplicated, "school_id"].astype(str).head(5))
        raise JunhengError(f"“学校”表中学校标识码重复：{shown}。请保证每所学校只有一行。")
    schools["classrooms"] = schools["classrooms"].astype("Float64").to_numpy(
        dtype=float, na_value=np.nan)
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

def _history_rows(by_county: Mapping[str, list[CountyData]]) -> pd.DataFrame:
    """Every (county, year, school, grade, students) row, the most trusted source kept."""
    frames = []
    for code, datas in by_county.items():
        for data in datas:
            past = data.enrolment_history[["school_year", "school_id", "grade", "students"]]
            frames.append(past.assign(county_code=code, priority=2 * data.school_year))
            classes = data.classes
            if not classes.empty:
                current = (classes.groupby(["school_id", "grade"], sort=False)["students"]
                           .sum(min_count=1).reset_index())
                frames.append(current.assign(school_year=data.school_year, county_code=code,
                                             priority=2 * data.school_year + 1))
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if rows.empty:
        raise JunhengError("没有任何在校生数据（“班级”与“在校生历史”均为空）：无法预测。")
    rows = rows.sort_values("priority", kind="stable")
    rows = rows.drop_duplicates(["county_code", "school_year", "school_id", "grade"], keep="last")
    rows["school_year"] = rows["school_year"].astype(int)
    return rows


def _students_array(schools: pd.DataFrame, history: pd.DataFrame, years: np.ndarray
                    ) -> np.ndarray:
    key = pd.MultiIndex.from_frame(schools[["county_code", "school_id"]])
    school = key.get_indexer(pd.MultiIndex.from_frame(history[["county_code", "school_id"]]))
    grade = history["grade"].map(GRADE_INDEX).fillna(-1).astype(int).to_numpy()
    year = history["school_year"].to_numpy() - years[0]
    values = history["students"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    keep = (school >= 0) & (grade >= 0) & (year >= 0) & (year < len(years))
    students = np.full((len(schools), len(GRADE_ORDER), len(years)), np.nan)
    students[school[keep], grade[keep], year[keep]] = values[keep]
    # a school that reported in a year had no pupils in the allowed grades it left out
    reported = np.zeros((len(schools), len(years)), dtype=bool)
    reported[school[keep], year[keep]] = True
    allowed = _allowed_grades(schools)
    fill = reported[:, None, :] & allowed[:, :, None] & np.isnan(students)
    students[fill] = 0.0
    return students


# -- towns, births and resident children ----------------------------------------------------

def _towns_frame(by_county: Mapping[str, list[CountyData]], schools: pd.DataFrame
                 ) -> pd.DataFrame:
    pairs = [schools[["county_code", "town_code"]]]
    for code, datas in by_county.items():
        for data in datas:
            for table in (data.births, data.villages):
                if not table.empty:
                    pairs.append(pd.DataFrame({"county_code": code,
                                               "town_code": table["town_code"].to_numpy()}))
    towns = pd.concat(pairs, ignore_index=True).dropna().drop_duplicates()
    towns["town_code"] = towns["town_code"].astype(str)
    return towns.sort_values(["county_code", "town_code"], ignore_index=True)


def _first_birth_year(by_county: Mapping[str, list[CountyData]], fallback: int) -> int:
    years = [int(d.births["year"].min()) for ds in by_county.values() for d in ds
             if not d.births.empty and d.births["year"].notna().any()]
    return min(years, default=fallback)


def _births_array(by_county: Mapping[str, list[CountyData]], town_key: pd.MultiIndex,
                  birth_years: np.ndarray) -> np.ndarray:
    frames = [d.births.assign(county_code=code, priority=d.school_year)
              for code, ds in by_county.items() for d in ds if not d.births.empty]
    births = np.full((len(town_key), len(birth_years)), np.nan)
    if not frames:
        return births
    rows = pd.concat(frames, ignore_index=True).dropna(subset=["town_code", "year", "births"])
    rows = rows.sort_values("priority", kind="stable").drop_duplicates(
        ["county_code", "town_code", "year"], keep="last")
    town = town_key.get_indexer(pd.MultiIndex.from_frame(rows[["county_code", "town_code"]]))
    year = rows["year"].astype(int).to_numpy() - birth_years[0]
    keep = (town >= 0) & (year >= 0) & (year < len(birth_years))
    births[town[keep], year[keep]] = rows["births"].astype(float).to_numpy()[keep]
    return births


def _children_by_year(by_county: Mapping[str, list[CountyData]], town_key: pd.MultiIndex
                      ) -> dict[int, np.ndarray]:
    """Per school year with a village table: resident children by town and age (towns x 15)."""
    out: dict[int, np.ndarray] = {}
    for code, datas in by_county.items():
        for data in datas:
            villages = data.villages
            if villages.empty:
                continue
            ages = villages[list(AGE_KEYS)].astype("Float64")
            sums = ages.groupby(villages["town_code"].to_numpy()).sum(min_count=1)
            town = town_key.get_indexer(pd.MultiIndex.from_arrays(
                [[code] * len(sums), sums.index.astype(str)]))
            year = out.setdefault(data.school_year,
                                  np.full((len(town_key), len(AGE_KEYS)), np.nan))
            keep = town >= 0
            year[town[keep]] = sums.to_numpy(dtype=float, na_value=np.nan)[keep]
    return out


# -- attendance zones ------------------------------------------------------------------------

def _zoned_villages(latest: Mapping[str, CountyData]) -> pd.DataFrame:
    frames = []
    for code, data in latest.items():
        v = data.villages
        if v.empty:
            continue
        ages = v[list(AGE_KEYS)].astype("Float64").fillna(0).to_numpy(dtype=float)
        frames.append(pd.DataFrame({
            "county_code": code, "town_code": v["town_code"].astype(str).to_numpy(),
            "zone_primary": v["zone_primary"].to_numpy(), "zone_junior": v["zone_junior"].to_numpy(),
            "young": ages[:, :7].sum(axis=1), "primary_age": ages[:, 6:12].sum(axis=1),
        }))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _zone_primary(latest: Mapping[str, CountyData], schools: pd.DataFrame,
                  town_key: pd.MultiIndex) -> sparse.csr_array | None:
    """Share of each town's young children (0–6) living in each school's primary zone."""
    villages = _zoned_villages(latest)
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


def _zone_junior(latest: Mapping[str, CountyData], schools: pd.DataFrame
                 ) -> sparse.csr_array | None:
    """Share of each primary school's zone children (6–11) zoned to each junior school."""
    villages = _zoned_villages(latest)
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
