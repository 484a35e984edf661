"""The county forecast: students, classes and classrooms per school, town and county, by year.

:func:`forecast_county` merges the county's school years into a panel, fits the grade
progression projection (every series' model chosen by its own backtest), backtests the whole
projection on the county's history, and returns a :class:`CountyForecast` of tidy frames:

* ``students``: school × grade × year — ``students`` (mid), ``students_low``, ``students_high``;
* ``schools``: school × year — totals, classes needed at the standard class size, 普通教室数,
  classrooms short or idle, students per classroom, 大班额 risk, utilisation; at a compulsory
  school that also teaches 高中 or has 附设幼儿班 the classes and rooms are those of grades 1–9:
  its rooms less ``classrooms_other``, the rooms its other classes keep (capacity module);
* ``towns`` and ``county``: totals per stage and year (stage ``all`` also carries classrooms);
* ``models``: the model of every series and why; ``accuracy``: backtest MAPE by level and
  horizon; ``births`` and ``migration``: the pools behind the entry grades;
* ``choices``: per county and stage, whether the cohort projection beat the naive forecast
  (last year's pupils carried forward) on the backtests, else naive is used, and why;
  ``skill``: per county, stage and horizon the backtest MAPE of the forecast as made and of
  naive, and the share of backtest outcomes inside the interval; ``school_skill``: the same
  for the school totals (per county and horizon, every school's backtest pairs together),
  the uncertainty of every school-level figure (pupils, classrooms short).

Year ``base_year`` (horizon 0) holds the reported numbers; later years the projection. Students
are rounded to whole pupils; intervals come from the backtest errors at the same level.
:func:`forecast_counties` does the same for many counties at once (a city or province).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from junheng.errors import JunhengError
from junheng.forecast.backtest import (
    STAGE_OF_GRADE,
    STAGES,
    backtest_with_choice,
    interval_model,
    school_skill_frame,
    skill_frame,
)
from junheng.forecast.capacity import (
    COMPULSORY_GRADES,
    UNDER_USED,
    class_sizes,
    classes_needed,
    classroom_balance,
)
from junheng.forecast.cohort import CohortProjection, Projection
from junheng.forecast.intervals import DEFAULT_FLOOR, EmpiricalIntervals, round_outward
from junheng.forecast.panel import GRADE_ORDER, GRADE_STAGES, EnrolmentPanel, build_panel
from junheng.forecast.ratios import RatioModel
from junheng.model.areas import county_seat
from junheng.model.codes import COMPULSORY_SCHOOL_TYPES
from junheng.model.county import CountyData
from junheng.model.labels import FORECAST_LEVEL_LABELS as LEVEL_LABELS
from junheng.model.labels import STAGE_LABELS_WITH_TOTAL as STAGE_LABELS
from junheng.model.numbers import year_range
from junheng.model.places import town_names

MAX_HORIZON = 10
DEFAULT_COVERAGE = 0.8  # the interval's nominal coverage unless asked (the layout's forecast's)
#: The county seat's compulsory schools by the stage their rooms serve: a primary school's
#: spare room cannot take a junior-middle class, so each group's balance is its own; a
#: 九年、十二年一贯制 school's rooms serve both stages of that school.
SEAT_STAGE_GROUPS = (("primary", frozenset({"primary_school", "teaching_point"})),
                     ("junior", frozenset({"junior_school", "complete_secondary"})),
                     ("through", frozenset({"nine_year", "twelve_year"})))


@dataclass(frozen=True)
class NewSchoolRooms:
    """A new school an unfinished 新建 project opens: its rooms are in no forecast school."""

    name: str
    school_type: str
    urban_rural_code: str | None
    rooms: int
    first_year: int  # the first school year it is in use

    @property
    def stage_group(self) -> str | None:
        """Its key in :data:`SEAT_STAGE_GROUPS` (None for a 高中 or 幼儿园)."""
        return next((key for key, types in SEAT_STAGE_GROUPS if self.school_type in types),
                    None)


@dataclass(frozen=True)
class CountyForecast:
    """Result of :func:`forecast_county` (see the module docstring for every frame)."""

    counties: pd.DataFrame
    base_year: int
    horizon: int
    coverage: float
    students: pd.DataFrame
    schools: pd.DataFrame
    towns: pd.DataFrame
    county: pd.DataFrame
    models: pd.DataFrame
    accuracy: pd.DataFrame
    births: pd.DataFrame
    migration: pd.DataFrame
    notes: tuple[str, ...] = ()
    backtest_origins: tuple[int, ...] = ()
    choices: pd.DataFrame = field(default_factory=pd.DataFrame)
    skill: pd.DataFrame = field(default_factory=pd.DataFrame)
    town_names: Mapping[str, str] = field(default_factory=dict)  # {乡镇代码: 名称} of the data
    #: per county and horizon, the backtest error of the school totals and the hits of the
    #: school-level interval (backtest.school_skill_frame)
    school_skill: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: new schools of unfinished projects (rooms, first year), outside every classroom gap
    new_schools: tuple[NewSchoolRooms, ...] = ()

    @property
    def county_code(self) -> str:
        """The county's code (an error if this forecast covers several counties)."""
        codes = self.counties["county_code"].tolist()
        if len(codes) != 1:
            raise JunhengError(f"该预测包含 {len(codes)} 个县区，没有唯一的县区代码。")
        return str(codes[0])

    @property
    def years(self) -> list[int]:
        return list(range(self.base_year, self.base_year + self.horizon + 1))


def forecast_county(data: CountyData | Iterable[CountyData], horizon: int = 8, *,
                    coverage: float = DEFAULT_COVERAGE, entry_pool: str = "town",
                    junior_pool: str = "county",
                    candidates: Mapping[str, RatioModel] | None = None,
                    backtest_origins: int = 6,
                    interval_floor: float = DEFAULT_FLOOR,
                    added_rooms: pd.DataFrame | None = None,
                    room_notes: tuple[str, ...] = ()) -> CountyForecast:
    """Forecast one county's enrolment ``horizon`` years past its latest school year.

    Parameters
    ----------
    data : CountyData or iterable of CountyData
        One or more school years of the same county; histories are merged.
    horizon : int
        Years ahead, 1–10.
    coverage : float
        Share of outcomes the low–high interval should hold.
    entry_pool, junior_pool : str
        Pools of 一年级 (``town`` or ``zone``) and 七年级 (``county`` or ``zone``) entrants.
    candidates : mapping, optional
        Ratio models compared per series.
    backtest_origins : int
        At most this many of the latest history years serve as backtest origins.
    interval_floor : float
        Smallest interval half-width per year ahead (log scale; 0 allows zero width).
    added_rooms, room_notes
        Classrooms in use by a forecast year beyond the reported ones, and the notes saying
        which (see :func:`forecast_counties`).

    Examples
    --------
    >>> grades = ["g1", "g2", "g3", "g4", "g5", "g6"]
    >>> data = CountyData.from_records(
    ...     {"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "S1", "name": "一小", "school_type": "primary_school",
    ...               "town_code": "410306001", "urban_rural_code": "111"}],
    ...     classes=[{"school_id": "S1", "grade": g, "class_no": "1", "students": 40}
    ...              for g in grades],
    ...     enrolment_history=[{"school_year": y, "school_id": "S1", "grade": g, "students": 40}
    ...                        for y in (2023, 2024) for g in grades])
    >>> result = forecast_county(data, horizon=1)
    >>> result.schools[["year", "students"]].to_dict("records")
    [{'year': 2025, 'students': 240.0}, {'year': 2026, 'students': 240.0}]
    """
    datas = [data] if isinstance(data, CountyData) else list(data)
    codes = sorted({d.county_code for d in datas})
    if len(codes) > 1:
        raise JunhengError(f"forecast_county 只接受同一县区的数据，收到 {len(codes)} 个县区：{'、'.join(codes)}。"
                           "多个县区请用 forecast_counties。")
    return forecast_counties(datas, horizon, coverage=coverage, entry_pool=entry_pool,
                             junior_pool=junior_pool, candidates=candidates,
                             backtest_origins=backtest_origins, interval_floor=interval_floor,
                             added_rooms=added_rooms, room_notes=room_notes)


def forecast_counties(data: Iterable[CountyData], horizon: int = 8, *, coverage: float = DEFAULT_COVERAGE,
                      entry_pool: str = "town", junior_pool: str = "county",
                      candidates: Mapping[str, RatioModel] | None = None,
                      backtest_origins: int = 6,
                      interval_floor: float = DEFAULT_FLOOR,
                      added_rooms: pd.DataFrame | None = None,
                      room_notes: tuple[str, ...] = ()) -> CountyForecast:
    """Forecast many counties in one vectorised run (a city or a province); see forecast_county.

    ``added_rooms`` (school_id, year, rooms): classrooms a school has in a forecast year
    beyond its reported ones (building projects in use by then,
    :func:`junheng.planning.projects.rooms_by_year`); ``room_notes`` say which."""
    _check_horizon(horizon)
    data = list(data)
    panel = build_panel(data)
    options = {"entry_pool": entry_pool, "junior_pool": junior_pool, "candidates": candidates}
    model = CohortProjection(**options).fit(panel)
    backtest = backtest_with_choice(panel, horizon, options=options, max_origins=backtest_origins)
    projection = _with_naive_stages(panel, model.predict(horizon), backtest.naive_stage)
    intervals = backtest.chosen.intervals(coverage, interval_floor)
    tables = _Tables(panel, projection, intervals, added_rooms)
    notes = (*room_notes, *model.notes_, *_backtest_notes(backtest.chosen.origins, intervals),
             *_choice_notes(backtest.choices))
    models = pd.concat([model.model_report(), _birth_models(projection)], ignore_index=True)
    skill = skill_frame(panel, backtest, interval_model(coverage, interval_floor))
    school_skill = school_skill_frame(panel.counties["county_code"].to_numpy(), backtest,
                                      interval_model(coverage, interval_floor))
    return CountyForecast(
        counties=panel.counties.copy(), base_year=panel.base_year, horizon=horizon,
        coverage=coverage, students=tables.students(), schools=tables.schools(),
        towns=tables.groups("town"), county=tables.groups("county"), models=models,
        accuracy=backtest.chosen.accuracy(), births=_births_frame(panel, projection),
        migration=projection.population.migration, notes=notes,
        backtest_origins=backtest.chosen.origins, choices=backtest.choices, skill=skill,
        school_skill=school_skill,
        town_names={code: name for d in data for code, name in town_names(d).items()})


def _with_naive_stages(panel: EnrolmentPanel, projection: Projection, naive_stage: np.ndarray
                       ) -> Projection:
    """Where naive was chosen for a county's stage, every grade of it keeps last year's pupils."""
    if not naive_stage.any():
        return projection
    use = naive_stage[panel.school_county][:, STAGE_OF_GRADE]  # schools x grades
    last = np.where(panel.allowed, np.nan_to_num(panel.students[:, :, -1]), 0.0)
    students = np.where(use[:, :, None], last[:, :, None], projection.students)
    return replace(projection, students=students)


def _choice_notes(choices: pd.DataFrame) -> tuple[str, ...]:
    naive = choices[choices["method"] == "naive"]
    return tuple(f"{STAGE_LABELS.get(r.stage, r.stage)}：{r.reason}按上年人数持平预测。"
                 for r in naive.itertuples(index=False))


def _check_horizon(horizon: int) -> None:
    if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) \
            or not 1 <= horizon <= MAX_HORIZON:
        raise JunhengError(f"预测年限 {horizon!r} 无效：须为 1–{MAX_HORIZON} 的整数。")


def _backtest_notes(origins: tuple[int, ...], intervals: Mapping[str, EmpiricalIntervals]
                    ) -> tuple[str, ...]:
    if not origins:
        return ("历史不足两个学年，无法回测：区间按缺省宽度 ±5%×√年数 给出，仅供参考。",)
    # 学年 as the rest of the workbook counts them (planner review 2026-12-05 finding 19)
    notes = [f"回测起点 {year_range(origins[0], origins[-1])} 学年，共 {len(origins)} 个。"]
    fallback = [lvl for lvl, model in intervals.items() if model.source_ == "fallback"]
    if fallback:
        names = "、".join(LEVEL_LABELS.get(level, level) for level in fallback)
        notes.append(f"{names} 层级回测误差不足，区间按缺省宽度 ±5%×√年数 给出。")
    return tuple(notes)


class _Tables:
    """Builds the output frames from the panel, the projection and the intervals."""

    def __init__(self, panel: EnrolmentPanel, projection: Projection,
                 intervals: Mapping[str, EmpiricalIntervals],
                 added_rooms: pd.DataFrame | None = None):
        self.panel = panel
        self.added_rooms = added_rooms
        self.intervals = intervals
        base = np.where(panel.allowed, panel.students[:, :, -1], np.nan)
        self.mid = np.concatenate([base[:, :, None], projection.students], axis=2)
        self.rounded = np.round(self.mid)
        self.steps = self.mid.shape[2]
        self.horizons = np.arange(self.steps)
        self.years = panel.base_year + self.horizons
        self.sizes = class_sizes(panel.schools["school_type"].to_numpy(), GRADE_ORDER)
        # a grade counts if the school has it now or is projected to have it
        self.present = panel.allowed & (np.nan_to_num(self.mid).sum(axis=2) > 0)
        students = np.where(self.present[:, :, None], self.rounded, np.nan)
        self.classes = classes_needed(students, self.sizes[:, :, None])

    def _band(self, level: str, mid: np.ndarray, horizon: np.ndarray,
              shown: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Low and high in whole pupils; a future forecast ``shown`` lies strictly inside."""
        future = horizon >= 1
        low, high = mid.copy(), mid.copy()
        if future.any():
            lo, hi = self.intervals[level].predict(mid[future], horizon[future])
            low[future], high[future] = lo, hi
        centre = np.round(mid) if shown is None else shown
        return round_outward(low, centre, high)

    def students(self) -> pd.DataFrame:
        s, g = np.nonzero(self.present)
        schools = self.panel.schools
        n = len(s)
        horizon = np.tile(self.horizons, n)
        mid = self.mid[s, g, :].ravel()
        low, high = self._band("school_grade", mid, horizon, self.rounded[s, g, :].ravel())
        return pd.DataFrame({
            "county_code": np.repeat(schools["county_code"].to_numpy()[s], self.steps),
            "school_id": np.repeat(schools["school_id"].to_numpy()[s], self.steps),
            "grade": np.repeat(np.asarray(GRADE_ORDER, dtype=object)[g], self.steps),
            "stage": np.repeat(GRADE_STAGES[g], self.steps),
            "year": np.tile(self.years, n),
            "horizon": horizon,
            "students": self.rounded[s, g, :].ravel(),
            "students_low": low,
            "students_high": high,
        })

    def _school_arrays(self, compulsory: bool = False) -> dict[str, np.ndarray]:
        """Per school and year; with ``compulsory`` a compulsory school's grades 1–9 only
        (the grades its rooms less ``classrooms_other`` serve)."""
        present = self.present[:, :, None]
        if compulsory:
            mixed = self.panel.schools["school_type"].isin(COMPULSORY_SCHOOL_TYPES).to_numpy()
            other = ~np.isin(np.asarray(GRADE_ORDER), COMPULSORY_GRADES)
            present = present & ~(mixed[:, None] & other[None, :])[:, :, None]
        students = np.where(present, self.rounded, np.nan)
        sizes = self.sizes[:, :, None]
        classes = np.where(present, self.classes, np.nan)
        return {
            "students": np.nansum(students, axis=1),
            "mid": np.nansum(np.where(present, self.mid, np.nan), axis=1),
            "class_equivalents": np.nansum(students / sizes, axis=1),
            "classes_needed": np.nansum(classes, axis=1),
            "reported": ~np.isnan(students).all(axis=1) | (self.horizons[None, :] >= 1),
        }

    @functools.cached_property
    def school_frame(self) -> pd.DataFrame:
        return self._build_schools()

    def schools(self) -> pd.DataFrame:
        return self.school_frame.copy()

    def _added_rooms(self) -> np.ndarray:
        """Rooms projects add per school and year (0 without ``added_rooms``)."""
        added = self.added_rooms
        if added is None or added.empty:
            return np.zeros((len(self.panel.schools), self.steps))
        table = added.pivot_table(index="school_id", columns="year", values="rooms",
                                  aggfunc="sum")
        return table.reindex(index=self.panel.schools["school_id"].astype(str),
                             columns=self.years).fillna(0).to_numpy(float)

    def _build_schools(self) -> pd.DataFrame:
        schools = self.panel.schools
        arrays = self._school_arrays()
        n = len(schools)
        rooms = np.repeat(schools["classrooms"].to_numpy(dtype=float)[:, None], self.steps, 1)
        rooms = rooms + self._added_rooms() - schools["classrooms_other"].to_numpy(float)[:, None]
        counted = self._school_arrays(compulsory=True)
        balance = classroom_balance(counted["students"], counted["class_equivalents"],
                                    counted["classes_needed"], rooms)
        horizon = np.tile(self.horizons, n)
        low, high = self._band("school", arrays["mid"].ravel(), horizon,
                               arrays["students"].ravel())
        frame = pd.DataFrame({
            column: np.repeat(schools[column].to_numpy(), self.steps)
            for column in ("county_code", "school_id", "name", "school_type", "town_code",
                           "urban_rural_code")
        })
        frame["year"] = np.tile(self.years, n)
        frame["horizon"] = horizon
        frame["students"] = arrays["students"].ravel()
        frame["students_low"] = np.minimum(low, frame["students"])
        frame["students_high"] = np.maximum(high, frame["students"])
        # the pupils the classes and rooms are for: a 完全中学's or 一贯制's grades 1–9 (review
        # rv2 finding 6: 第四中学 3,089 pupils, ~2,500 of them 高中, beside 12 junior classes)
        frame["students_counted"] = counted["students"].ravel()
        frame["classes_needed"] = counted["classes_needed"].ravel()
        frame["classrooms"] = rooms.ravel()
        frame["classrooms_other"] = np.repeat(schools["classrooms_other"].to_numpy(float),
                                              self.steps)
        for key, values in balance.items():
            frame[key] = values.ravel()
        return frame[arrays["reported"].ravel()].reset_index(drop=True)

    def groups(self, by: str) -> pd.DataFrame:
        """Totals per town or county, stage and year; stage ``all`` also carries classrooms."""
        panel = self.panel
        group = panel.school_town if by == "town" else panel.school_county
        keys = panel.towns if by == "town" else panel.counties
        present = self.present[:, :, None]
        students = np.where(present, self.rounded, 0.0)
        mid = np.where(present, self.mid, 0.0)
        classes = np.nan_to_num(self.classes)
        stage_of = np.array([STAGES.index(s) for s in GRADE_STAGES])
        frames = []
        for k, stage in enumerate(STAGES):
            in_stage = stage_of == k
            frames.append(self._group_frame(by, group, keys, stage,
                                            students[:, in_stage].sum(axis=1),
                                            mid[:, in_stage].sum(axis=1),
                                            classes[:, in_stage].sum(axis=1)))
        total = self._group_frame(by, group, keys, "all", students.sum(axis=1), mid.sum(axis=1),
                                  classes.sum(axis=1))
        frames.append(self._with_classrooms(total, group))
        out = pd.concat(frames, ignore_index=True)
        out = out[(out["stage"] == "all") | (out.groupby([f"{by}_code", "stage"])["students"]
                                             .transform("sum") > 0)]
        return out.sort_values([f"{by}_code", "stage", "year"], key=_stage_order,
                               ignore_index=True)

    def _group_frame(self, by: str, group: np.ndarray, keys: pd.DataFrame, stage: str,
                     students: np.ndarray, mid: np.ndarray, classes: np.ndarray) -> pd.DataFrame:
        inside = group >= 0
        size = len(keys)
        sums = [np.zeros((size, self.steps)) for _ in range(3)]
        for total, values in zip(sums, (students, mid, classes), strict=True):
            np.add.at(total, group[inside], values[inside])
        horizon = np.tile(self.horizons, size)
        low, high = self._band(f"{by}_stage" if by == "town" else "county_stage",
                               sums[1].ravel(), horizon, sums[0].ravel())
        frame = pd.DataFrame({
            column: np.repeat(keys[column].to_numpy(), self.steps)
            for column in (("county_code", "town_code") if by == "town" else ("county_code",))
        })
        frame["stage"] = stage
        frame["year"] = np.tile(self.years, size)
        frame["horizon"] = horizon
        frame["students"] = sums[0].ravel()
        frame["students_low"] = np.minimum(low, frame["students"])
        frame["students_high"] = np.maximum(high, frame["students"])
        frame["classes_needed"] = sums[2].ravel()
        return frame

    def _with_classrooms(self, frame: pd.DataFrame, group: np.ndarray) -> pd.DataFrame:
        schools = self.school_frame
        schools = schools.assign(group=group[pd.MultiIndex.from_frame(
            self.panel.schools[["county_code", "school_id"]]).get_indexer(
            pd.MultiIndex.from_frame(schools[["county_code", "school_id"]]))])
        schools = schools[schools["group"] >= 0]
        sums = schools.groupby(["group", "year"])[["classrooms", "classroom_shortfall",
                                                   "idle_classrooms"]].sum(min_count=1)
        size = len(frame) // self.steps
        index = pd.MultiIndex.from_arrays([np.repeat(np.arange(size), self.steps),
                                           frame["year"].to_numpy()])
        sums = sums.reindex(index)
        for column in ("classrooms", "classroom_shortfall", "idle_classrooms"):
            frame[column] = sums[column].to_numpy()
        return frame


def _stage_order(column: pd.Series) -> pd.Series:
    if column.name == "stage":
        return column.map({s: i for i, s in enumerate((*STAGES, "all"))})
    return column


def _birth_models(projection: Projection) -> pd.DataFrame:
    report = projection.population.birth_models.copy()
    report.insert(1, "school_id", None)
    report.insert(2, "grade", None)
    report.insert(3, "kind", "births")
    return report


def _births_frame(panel: EnrolmentPanel, projection: Projection) -> pd.DataFrame:
    population = projection.population
    towns = panel.towns
    n_years = len(population.birth_years)
    frame = pd.DataFrame({
        "county_code": np.repeat(towns["county_code"].to_numpy(), n_years),
        "town_code": np.repeat(towns["town_code"].to_numpy(), n_years),
        "year": np.tile(population.birth_years, len(towns)),
        "births": np.round(population.births.ravel(), 1),
        "projected": population.births_projected.ravel(),
    })
    return frame.dropna(subset=["births"]).reset_index(drop=True)


# -- highlights ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ForecastHighlights:
    """What a leader reads first: when the county seat runs out of rooms, who empties out.

    ``seat`` has per year the county seat's (城区 111/112) compulsory schools' classes needed,
    classrooms and net shortfall (one school's idle rooms count against another's shortfall),
    the schools short and ``shortfall_by_school`` (their shortfalls added up, no such offset:
    the 达标路径's count of classrooms to build) and ``net_primary``, ``net_junior``,
    ``net_through`` (classes needed minus rooms of each :data:`SEAT_STAGE_GROUPS` group that has
    a school there: the stages are never netted against each other); ``seat_shortfall_years``
    the forecast years where the need exceeds the rooms. ``new_schools`` are the county seat's
    compulsory new schools (their rooms counted from their first year in use in ``classrooms``,
    ``new_school_rooms`` and the nets, :func:`with_new_rooms`; they have no forecast pupils). ``under_half`` lists schools whose utilisation falls below one half in a
    forecast year: the first such year, utilisation then, now and at the horizon.
    """

    seat: pd.DataFrame
    seat_shortfall_years: tuple[int, ...]
    under_half: pd.DataFrame
    new_schools: tuple[NewSchoolRooms, ...] = ()


def forecast_highlights(forecast: CountyForecast) -> ForecastHighlights:
    """County-seat classroom exhaustion years and schools falling under half capacity.

    Examples
    --------
    >>> grades = ["g1", "g2", "g3", "g4", "g5", "g6"]
    >>> data = CountyData.from_records(
    ...     {"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "S1", "name": "一小", "school_type": "primary_school",
    ...               "town_code": "410306001", "urban_rural_code": "111"}],
    ...     classes=[{"school_id": "S1", "grade": g, "class_no": "1", "students": 40}
    ...              for g in grades],
    ...     facilities=[{"school_id": "S1", "classrooms": 12}])  # 240 / 45 / 12 = 0.44
    >>> forecast_highlights(forecast_county(data, horizon=2)).under_half["school_id"].tolist()
    ['S1']
    """
    schools = forecast.schools
    seat = schools[county_seat(schools["urban_rural_code"])
                   & schools["school_type"].isin(COMPULSORY_SCHOOL_TYPES)
                   & schools["classrooms"].notna()]
    by_year = seat.groupby("year")[["students", "classes_needed", "classrooms"]].sum()
    by_year = by_year.reindex(forecast.years, fill_value=0)
    by_year["net_shortfall"] = by_year["classes_needed"] - by_year["classrooms"]
    by_year["schools_short"] = seat[seat["classroom_shortfall"] > 0].groupby("year").size() \
        .reindex(forecast.years, fill_value=0)
    by_year["shortfall_by_school"] = seat.groupby("year")["classroom_shortfall"].sum() \
        .reindex(forecast.years, fill_value=0)
    by_year = _stage_nets(by_year, seat, forecast.years)
    new = tuple(n for n in forecast.new_schools if n.stage_group is not None
                and bool(county_seat(pd.Series([n.urban_rural_code]))[0]))
    by_year = with_new_rooms(by_year, new).rename_axis("year").reset_index()
    short = by_year[(by_year["year"] > forecast.base_year) & (by_year["net_shortfall"] > 0)]
    return ForecastHighlights(by_year, tuple(int(y) for y in short["year"]),
                              _under_half(forecast), new)


def _stage_nets(by_year: pd.DataFrame, seat: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """``by_year`` with ``net_<group>``: classes needed minus rooms within each stage group."""
    for key, types in SEAT_STAGE_GROUPS:
        part = seat[seat["school_type"].isin(types)]
        if part.empty:
            continue
        sums = part.groupby("year")[["classes_needed", "classrooms"]].sum().reindex(
            years, fill_value=0)
        by_year[f"net_{key}"] = sums["classes_needed"] - sums["classrooms"]
    return by_year


def with_new_rooms(by_year: pd.DataFrame, new: tuple[NewSchoolRooms, ...]) -> pd.DataFrame:
    """``by_year`` (indexed by year) with the county seat's new schools' rooms counted from
    their first year in use: in ``classrooms``, ``new_school_rooms`` and against the net
    shortfalls of their stage group, never in ``shortfall_by_school`` (a school with no pupils
    of its own lacks no room). Review rv 15: the 48 rooms of a new primary school open in 2027
    were left out, so the county seat read 32 rooms spare in 2030 instead of 80.

    >>> frame = pd.DataFrame({"classrooms": [10, 10], "net_shortfall": [2, 1],
    ...                       "net_primary": [2, 1]}, index=[2026, 2027])
    >>> with_new_rooms(frame, (NewSchoolRooms("二小", "primary_school", "111", 6, 2027),)).to_dict("list")
    {'classrooms': [10, 16], 'net_shortfall': [2, -5], 'net_primary': [2, -5], 'new_school_rooms': [0, 6]}
    """
    if not new:
        return by_year
    out = by_year.copy()
    out["new_school_rooms"] = 0
    for n in new:
        rooms = pd.Series([int(n.rooms) if int(y) >= int(n.first_year) else 0 for y in out.index],
                          index=out.index)
        out["new_school_rooms"] += rooms
        out["classrooms"] += rooms
        out["net_shortfall"] -= rooms
        column = f"net_{n.stage_group}"
        out[column] = out.get(column, 0) - rooms
    return out


def _under_half(forecast: CountyForecast) -> pd.DataFrame:
    schools = forecast.schools[forecast.schools["utilisation"].notna()]
    columns = ["county_code", "school_id", "name", "school_type", "town_code", "first_year",
               "utilisation_then", "utilisation_now", "utilisation_end"]
    future = schools[(schools["horizon"] >= 1) & (schools["utilisation"] < UNDER_USED)]
    if future.empty:
        return pd.DataFrame(columns=columns)
    first = future.sort_values("year").drop_duplicates(["county_code", "school_id"])
    key = ["county_code", "school_id"]
    now = schools[schools["horizon"] == 0].set_index(key)["utilisation"]
    end = schools[schools["horizon"] == forecast.horizon].set_index(key)["utilisation"]
    index = pd.MultiIndex.from_frame(first[key])
    out = pd.DataFrame({
        "county_code": first["county_code"].to_numpy(),
        "school_id": first["school_id"].to_numpy(),
        "name": first["name"].to_numpy(),
        "school_type": first["school_type"].to_numpy(),
        "town_code": first["town_code"].to_numpy(),
        "first_year": first["year"].to_numpy(),
        "utilisation_then": first["utilisation"].to_numpy(),
        "utilisation_now": now.reindex(index).to_numpy(),
        "utilisation_end": end.reindex(index).to_numpy(),
    })
    # schools already under half in the base year after those the forecast brings under
    out["already"] = out["utilisation_now"].lt(UNDER_USED)
    out = out.sort_values(["already", "first_year", "utilisation_end"], ignore_index=True)
    return out.drop(columns="already")
