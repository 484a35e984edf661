"""Grade progression per school: the cohort-component projection of every school and grade.

Each grade of each school is one ratio series ``students / pool`` over the years, and the ratio
is forecast by the model its own backtest favours (:class:`~junheng.forecast.selection.
ModelSelector`). The pools:

* **Progression** (二至六年级, 八、九年级, 高二、高三): last year's previous grade of the
  school, plus, at a central school, last year's previous grade of its teaching points that do
  not teach this grade (their pupils move up to the central school).
* **一年级**: resident six-year-olds of the school's town (births six years earlier times the
  town's retention, or the village table aged forward), or with ``entry_pool="zone"`` the
  share of each town's young children living in the school's 划片 villages.
* **幼儿园**: resident children of the kindergarten's town aged 2 (托班), 3 (小班), 4 (中班),
  5 (大班), 3–5 (混合班).
* **七年级** (and 高一): last year's 六年级 (九年级) of the county, split across receiving
  schools by their history (the ratio is the school's share), or with
  ``junior_pool="zone"`` the 六年级 of the primary schools whose villages are zoned to it.

A series without any usable history gets a fallback: the county's pooled ratio of that grade
for progression, and no entrants for an entry grade; :attr:`CohortProjection.notes_` counts
them. A pool never known in history (no births, no villages) is taken as 1, so the entry grade's
own numbers are forecast directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.migration import group_sums
from junheng.forecast.panel import GRADE_INDEX, GRADE_ORDER, EnrolmentPanel
from junheng.forecast.population import PopulationOutlook, PopulationProjection
from junheng.forecast.ratios import RatioModel, default_candidates
from junheng.forecast.selection import ModelSelector
from junheng.model.choices import ENTRY_POOLS, JUNIOR_POOLS

PROGRESSION: dict[str, str] = {
    "g2": "g1", "g3": "g2", "g4": "g3", "g5": "g4", "g6": "g5",
    "g8": "g7", "g9": "g8", "s2": "s1", "s3": "s2",
}
CHILD_ENTRY_AGES: dict[str, tuple[int, ...]] = {
    "k0": (2,), "k1": (3,), "k2": (4,), "k3": (5,), "kmix": (3, 4, 5), "g1": (6,),
}
GRADUATE_ENTRY: dict[str, str] = {"g7": "g6", "s1": "g9"}
PROGRESSION_UPPER = 2.0
PRIMARY_TOP = ("g1", "g2", "g3", "g4", "g5", "g6")


@dataclass(frozen=True)
class Projection:
    """Projected students per school, grade and future year, with the pools behind them."""

    years: np.ndarray
    students: np.ndarray
    population: PopulationOutlook


@dataclass(frozen=True)
class _Series:
    """Which (school, grade) each row of a ratio matrix belongs to."""

    school: np.ndarray
    grade: np.ndarray
    ratios: np.ndarray
    active: np.ndarray  # the pool had pupils in some year (a grade that ever had a source)


class CohortProjection:
    """Grade-progression projection of every school of a panel (fit/predict).

    Parameters
    ----------
    candidates : mapping of name to RatioModel, optional
        Ratio models compared per series (default: 近3年均值, 指数平滑, 阻尼趋势). Progression
        ratios are additionally bounded to ``[0, 2]``.
    selection_horizon, min_train, min_errors : int
        Passed to :class:`~junheng.forecast.selection.ModelSelector`.
    entry_pool : {"town", "zone"}
        Pool of 一年级 entrants: the school's town, or its 划片 villages' share of each town.
    junior_pool : {"county", "zone"}
        Pool of 七年级 entrants: the county's 六年级 split by history, or the 划片 map.

    Examples
    --------
    >>> from junheng.model.county import CountyData
    >>> from junheng.forecast.panel import build_panel
    >>> def year(y, grades):
    ...     return CountyData.from_records(
    ...         {"county_code": "410306", "school_year": y},
    ...         schools=[{"school_id": "S1", "school_type": "primary_school",
    ...                   "town_code": "410306001"}],
    ...         classes=[{"school_id": "S1", "grade": g, "class_no": "1", "students": 40}
    ...                  for g in grades])
    >>> model = CohortProjection().fit(build_panel([year(2024, ["g1"]), year(2025, ["g1", "g2"])]))
    >>> model.predict(1).students[0, GRADE_INDEX["g3"], 0]  # every g2 pupil moves up
    np.float64(40.0)
    """

    def __init__(self, candidates: Mapping[str, RatioModel] | None = None,
                 selection_horizon: int = 3, min_train: int = 3, min_errors: int = 2,
                 entry_pool: str = "town", junior_pool: str = "county"):
        self.candidates = candidates
        self.selection_horizon = selection_horizon
        self.min_train = min_train
        self.min_errors = min_errors
        self.entry_pool = entry_pool
        self.junior_pool = junior_pool

    # -- fit ---------------------------------------------------------------------------
    def _validate_params(self) -> None:
        """The pools as codes, given as codes or in their words (「乡镇」, 「划片」, 「全县」)."""
        self.entry_pool = ENTRY_POOLS.code(self.entry_pool)
        self.junior_pool = JUNIOR_POOLS.code(self.junior_pool)

    def _selector(self, upper: float) -> ModelSelector:
        base = self.candidates or default_candidates()
        candidates = {name: type(m)(**{**m.get_params(), "upper": min(upper, m.upper)})
                      for name, m in base.items()}
        return ModelSelector(candidates, horizon=self.selection_horizon,
                             min_train=self.min_train, min_errors=self.min_errors)

    def fit(self, panel: EnrolmentPanel) -> CohortProjection:
        """Estimate every school-grade ratio series of ``panel`` and choose its model."""
        self._validate_params()
        if self.entry_pool == "zone" and panel.zone_primary is None:
            raise JunhengError("按划片估计一年级生源需要“村居”表的“划片小学”：当前数据没有，请改用“乡镇”口径。")
        if self.junior_pool == "zone" and panel.zone_junior is None:
            raise JunhengError("按划片分配七年级生源需要“村居”表的“划片小学”和“划片初中”：当前数据没有，请改用“全县”口径。")
        self.panel_ = panel
        self.population_model_ = PopulationProjection().fit(panel)
        history = self.population_model_.predict(0)
        self.feeders_ = _teaching_point_feeders(panel)
        progression = self._progression_series(panel)
        entry = self._entry_series(panel, history)
        self.progression_series_ = progression
        self.entry_series_ = entry
        self.progression_ = self._selector(PROGRESSION_UPPER).fit(progression.ratios)
        self.entry_ = self._selector(np.inf).fit(entry.ratios)
        self.fallback_ratio_ = _pooled_progression(panel, progression, self._progression_pool)
        return self

    def _progression_pool(self, previous: np.ndarray, grade: str) -> np.ndarray:
        """Pool of ``grade`` from the previous grade's students (schools x any trailing axes)."""
        feeders = self.feeders_.get(grade)
        if feeders is None:
            return previous
        source, central = feeders
        pool = previous.copy()
        np.add.at(pool, central, np.where(np.isnan(previous[source]), 0.0, previous[source]))
        return pool

    def _progression_series(self, panel: EnrolmentPanel) -> _Series:
        schools, grades, rows, active = [], [], [], []
        s = panel.students
        for grade, previous in PROGRESSION.items():
            g, p = GRADE_INDEX[grade], GRADE_INDEX[previous]
            which = np.flatnonzero(panel.allowed[:, g])
            pool = self._progression_pool(s[:, p, :-1], grade)[which]
            ratio = np.full((len(which), s.shape[2]), np.nan)
            ratio[:, 1:] = _ratio(s[which, g, 1:], pool)
            schools.append(which)
            grades.append(np.full(len(which), g))
            rows.append(ratio)
            active.append((np.nan_to_num(pool) > 0).any(axis=1))
        return _stack(schools, grades, rows, active, s.shape[2])

    def _entry_pools(self, panel: EnrolmentPanel, children: np.ndarray, grade: str,
                     graduates: np.ndarray | None = None) -> np.ndarray:
        """Pool of an entry grade for every school: (schools x years of ``children``)."""
        if grade in GRADUATE_ENTRY:
            assert graduates is not None
            if grade == "g7" and self.junior_pool == "zone":
                return _zone_or_county(panel, graduates)
            return group_sums(graduates, panel.school_county)
        by_town = children[:, :, list(CHILD_ENTRY_AGES[grade])].sum(axis=2)
        by_town = np.where(np.isnan(children[:, :, list(CHILD_ENTRY_AGES[grade])]).all(axis=2),
                           np.nan, by_town)
        if grade == "g1" and self.entry_pool == "zone":
            return _zone_weighted(panel, by_town)
        return _town_rows(by_town, panel.school_town)

    def _entry_series(self, panel: EnrolmentPanel, history: PopulationOutlook) -> _Series:
        schools, grades, rows, active = [], [], [], []
        s = panel.students
        children = history.children[:, -len(panel.years):, :]
        self.unit_pool_ = {}
        for grade in (*CHILD_ENTRY_AGES, *GRADUATE_ENTRY):
            g = GRADE_INDEX[grade]
            which = np.flatnonzero(panel.allowed[:, g])
            ratio = np.full((len(which), s.shape[2]), np.nan)
            if grade in GRADUATE_ENTRY:
                graduates = s[:, GRADE_INDEX[GRADUATE_ENTRY[grade]], :-1]
                pool = self._entry_pools(panel, children, grade, graduates)[which]
                pool = _unit_if_unknown(pool, self.unit_pool_, grade, which,
                                        panel.n_schools)
                ratio[:, 1:] = _ratio(s[which, g, 1:], pool)
            else:
                pool = self._entry_pools(panel, children, grade)[which]
                pool = _unit_if_unknown(pool, self.unit_pool_, grade, which,
                                        panel.n_schools)
                ratio[:] = _ratio(s[which, g, :], pool)
            schools.append(which)
            grades.append(np.full(len(which), g))
            rows.append(ratio)
            active.append((np.nan_to_num(pool) > 0).any(axis=1))
        return _stack(schools, grades, rows, active, s.shape[2])

    # -- predict ------------------------------------------------------------------------
    def predict(self, horizon: int) -> Projection:
        """Students per school, grade and year for the ``horizon`` years after the base year."""
        if not hasattr(self, "progression_"):
            raise NotFittedError("年级推移模型尚未拟合：请先调用 fit() 再调用 predict()。")
        panel = self.panel_
        population = self.population_model_.predict(horizon)
        progression = self._ratio_paths(self.progression_, self.progression_series_, horizon,
                                         fallback=self.fallback_ratio_)
        entry = self._ratio_paths(self.entry_, self.entry_series_, horizon, fallback=None)
        previous = np.where(panel.allowed, np.nan_to_num(panel.students[:, :, -1]), 0.0)
        out = np.zeros((panel.n_schools, len(GRADE_ORDER), horizon))
        for h in range(horizon):
            children = population.children_at(panel.base_year + h + 1)[:, None, :]
            previous = out[:, :, h] = self._step(previous, children, progression[:, :, h],
                                                 entry[:, :, h])
        years = np.arange(panel.base_year + 1, panel.base_year + horizon + 1)
        return Projection(years, out, population)

    def _step(self, previous: np.ndarray, children: np.ndarray, progression: np.ndarray,
              entry: np.ndarray) -> np.ndarray:
        """One year on: students per school and grade from last year's and this year's pools."""
        panel = self.panel_
        current = np.zeros_like(previous)
        for grade, source in PROGRESSION.items():
            pool = self._progression_pool(previous[:, GRADE_INDEX[source]], grade)
            current[:, GRADE_INDEX[grade]] = progression[:, GRADE_INDEX[grade]] * pool
        for grade in CHILD_ENTRY_AGES:
            pool = self._entry_pools(panel, children, grade)[:, 0]
            current[:, GRADE_INDEX[grade]] = entry[:, GRADE_INDEX[grade]] * self._unit(pool, grade)
        for grade, source in GRADUATE_ENTRY.items():
            graduates = previous[:, GRADE_INDEX[source]][:, None]
            pool = self._entry_pools(panel, children, grade, graduates)[:, 0]
            current[:, GRADE_INDEX[grade]] = entry[:, GRADE_INDEX[grade]] * self._unit(pool, grade)
        return np.where(panel.allowed, np.nan_to_num(current), 0.0)

    def _unit(self, pool: np.ndarray, grade: str) -> np.ndarray:
        unit = self.unit_pool_.get(grade)
        if unit is None or not unit.any():
            return pool
        return np.where(unit, 1.0, pool)

    def _ratio_paths(self, selector: ModelSelector, series: _Series, horizon: int,
                     fallback: np.ndarray | None) -> np.ndarray:
        """Forecast ratios as (schools x grades x horizon); fallbacks where a series has none."""
        paths = np.full((self.panel_.n_schools, len(GRADE_ORDER), horizon), np.nan)
        if series.school.size:
            paths[series.school, series.grade, :] = np.atleast_2d(selector.predict(horizon))
        missing = np.isnan(paths)
        if fallback is not None:
            county_ratio = fallback[self.panel_.school_county][:, :, None]
            paths = np.where(missing, np.broadcast_to(county_ratio, paths.shape), paths)
        return np.where(np.isnan(paths), 0.0, paths)

    # -- reports ------------------------------------------------------------------------
    def model_report(self) -> pd.DataFrame:
        """Per school-grade series: kind, chosen model, reason and MAPE of every candidate."""
        if not hasattr(self, "progression_"):
            raise NotFittedError("年级推移模型尚未拟合：请先调用 fit()。")
        frames = []
        for kind, selector, series in (("progression", self.progression_,
                                        self.progression_series_),
                                       ("entry", self.entry_, self.entry_series_)):
            report = selector.report()
            schools = self.panel_.schools.iloc[series.school]
            report.insert(0, "county_code", schools["county_code"].to_numpy())
            report.insert(1, "school_id", schools["school_id"].to_numpy())
            report.insert(2, "grade", np.asarray(GRADE_ORDER, dtype=object)[series.grade])
            report.insert(3, "kind", kind)
            frames.append(report)
        return pd.concat(frames, ignore_index=True)

    @property
    def notes_(self) -> tuple[str, ...]:
        """Chinese notes on fallbacks used in this fit."""
        if not hasattr(self, "progression_"):
            raise NotFittedError("年级推移模型尚未拟合：请先调用 fit()。")
        notes = []
        silent = int(np.isnan(self.panel_.students[:, :, -1]).all(axis=1).sum())
        if silent:
            notes.append(f"{silent} 所学校基年没有在校生数据，按 0 人起算。")
        series = self.progression_series_
        no_history = (np.isnan(series.ratios).all(axis=1) & series.active).sum()
        if no_history:
            notes.append(f"{no_history} 个学校年级没有可用的升级历史，按全县同年级合计升级比率推算。")
        series = self.entry_series_
        no_entry = (np.isnan(series.ratios).all(axis=1) & series.active).sum()
        if no_entry:
            notes.append(f"{no_entry} 个学校起始年级没有可用的招生历史，预测期内按无新生处理。")
        unit = sum(int(u.sum()) for u in self.unit_pool_.values())
        if unit:
            notes.append(f"{unit} 个学校起始年级缺少出生或村居儿童数据，直接按本年级人数的趋势预测。")
        return tuple(notes)


# -- helpers ---------------------------------------------------------------------------------

def _ratio(numerator: np.ndarray, pool: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pool > 0, numerator / np.where(pool > 0, pool, 1.0), np.nan)


def _stack(schools: list, grades: list, rows: list, active: list, width: int) -> _Series:
    if not schools:
        return _Series(np.zeros(0, int), np.zeros(0, int), np.zeros((0, width)),
                       np.zeros(0, bool))
    return _Series(np.concatenate(schools), np.concatenate(grades), np.vstack(rows),
                   np.concatenate(active))


def _unit_if_unknown(pool: np.ndarray, registry: dict[str, np.ndarray], grade: str,
                     which: np.ndarray, n_schools: int) -> np.ndarray:
    """Where a school's pool was never known, use 1 (the grade's own numbers are forecast)."""
    unknown = np.isnan(pool).all(axis=1)
    flags = np.zeros(n_schools, dtype=bool)
    flags[which[unknown]] = True
    registry[grade] = flags
    return np.where(unknown[:, None], 1.0, pool)


def _town_rows(by_town: np.ndarray, school_town: np.ndarray) -> np.ndarray:
    """Each school's row of a per-town array; NaN for a school without a known town."""
    rows = by_town[np.maximum(school_town, 0)]
    return np.where((school_town >= 0)[:, None], rows, np.nan)


def _teaching_point_feeders(panel: EnrolmentPanel) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per primary grade: teaching points whose top grade is below it, and their central school."""
    tp = np.flatnonzero(panel.central >= 0)
    if tp.size == 0:
        return {}
    primary = [GRADE_INDEX[g] for g in PRIMARY_TOP]
    latest = np.nan_to_num(panel.students[tp][:, primary, -1])
    taught = latest > 0
    top = np.where(taught.any(axis=1), len(primary) - 1 - np.argmax(taught[:, ::-1], axis=1), -1)
    feeders = {}
    for level, grade in enumerate(PRIMARY_TOP[1:], start=1):
        moving = tp[(top < level) & (top >= 0)]
        if moving.size:
            feeders[grade] = (moving, panel.central[moving])
    return feeders


def _pooled_progression(panel: EnrolmentPanel, series: _Series, pool_of) -> np.ndarray:
    """Per county and grade, the pooled progression ratio of the last three years (else 1)."""
    out = np.ones((panel.n_counties, len(GRADE_ORDER)))
    s = panel.students
    recent = slice(max(1, s.shape[2] - 3), s.shape[2])
    for grade, previous in PROGRESSION.items():
        g = GRADE_INDEX[grade]
        pool = pool_of(s[:, GRADE_INDEX[previous], :-1], grade)[:, recent.start - 1:]
        numerator = s[:, g, recent]
        known = panel.allowed[:, g][:, None] & ~np.isnan(pool) & ~np.isnan(numerator)
        num = np.bincount(panel.school_county, weights=np.where(known, numerator, 0).sum(axis=1),
                          minlength=panel.n_counties)
        den = np.bincount(panel.school_county, weights=np.where(known, pool, 0).sum(axis=1),
                          minlength=panel.n_counties)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[:, g] = np.where(den > 0, num / np.where(den > 0, den, 1.0), 1.0)
    return np.clip(out, 0.0, PROGRESSION_UPPER)


def _zone_weighted(panel: EnrolmentPanel, by_town: np.ndarray) -> np.ndarray:
    """Entry pools through the 划片 map; schools outside it take their whole town."""
    weights = panel.zone_primary
    zoned = np.asarray(weights.sum(axis=1)).ravel() > 0
    pool = weights @ np.nan_to_num(by_town)
    unknown = np.isnan(by_town).all(axis=0)
    pool = np.where(unknown[None, :], np.nan, pool)
    return np.where(zoned[:, None], pool, _town_rows(by_town, panel.school_town))


def _zone_or_county(panel: EnrolmentPanel, graduates: np.ndarray) -> np.ndarray:
    """七年级 pools through the 划片 map; schools outside it share the county's graduates."""
    weights = panel.zone_junior
    zoned = np.asarray(weights.sum(axis=1)).ravel() > 0
    covered = np.asarray(weights.sum(axis=0)).ravel() > 0
    via_zone = weights @ np.nan_to_num(graduates)
    rest = np.where(covered[:, None], np.nan, graduates)
    county = group_sums(rest, panel.school_county)
    return np.where(zoned[:, None], via_zone, county)
