"""Stage projection: primary and junior entrants from births, each stage's method backtested.

* primary entrants in year ``y`` = primary ratio x births in ``y - 6``;
* junior entrants in year ``y`` = junior ratio x primary entrants in ``y - 6`` (observed, or
  projected once ``y - 6`` is past the last year);
* births after the last known year = last births x the forecast year-on-year birth ratio.

For each stage the candidates are the naive forecast (the stage's entrants carried forward,
"保持上年") and every ratio model (近3年均值, 指数平滑, 阻尼趋势 and the damped trend toward a
cap of :mod:`junheng.forecast.ets`). Each is backtested from every origin with at least
``min_train`` known ratios, over horizons ``1..selection_horizon``, on the stage's *entrants*
(not its ratio), and :func:`~junheng.forecast.choice.choose_method` keeps naive unless a ratio
model beats it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.choice import NAIVE, NAIVE_LABEL, MethodChoice, choose_method
from junheng.forecast.ets import EtsDampedRatio
from junheng.forecast.ratios import RatioModel, default_candidates
from junheng.forecast.selection import ModelSelector, absolute_percentage_errors

STAGE_NAMES: tuple[str, ...] = ("primary", "junior")
ENTRY_LAG = 6
METHOD_LABELS = {NAIVE: NAIVE_LABEL, "mean3": "近3年均值比率", "ses": "指数平滑比率",
                 "damped": "阻尼趋势比率", "ets": "趋向上限的阻尼趋势比率",
                 "mean_all": "历年均值比率"}


def stage_candidates(candidates: Mapping[str, RatioModel] | None = None
                     ) -> dict[str, RatioModel]:
    """The ratio models compared per stage: the three standard ones and the capped ETS trend."""
    if candidates is not None:
        return dict(candidates)
    return {**default_candidates(), "ets": EtsDampedRatio()}


@dataclass(frozen=True)
class StageArrays:
    """Births over ``birth_years`` and entrants (primary, junior) over ``years``."""

    birth_years: np.ndarray
    births: np.ndarray
    years: np.ndarray
    entrants: np.ndarray

    @classmethod
    def from_frames(cls, births: pd.DataFrame, entrants: pd.DataFrame) -> StageArrays:
        years = np.arange(int(entrants["year"].min()), int(entrants["year"].max()) + 1)
        first = min(int(births["year"].min()), int(years[0]) - 2 * ENTRY_LAG)
        birth_years = np.arange(first, max(int(births["year"].max()), int(years[-1])) + 1)
        b = np.full(len(birth_years), np.nan)
        b[births["year"].to_numpy() - first] = births["births"].to_numpy(dtype=float)
        e = np.full((len(STAGE_NAMES), len(years)), np.nan)
        for k, stage in enumerate(STAGE_NAMES):
            rows = entrants[entrants["stage"] == stage]
            e[k, rows["year"].to_numpy() - years[0]] = rows["entrants"].to_numpy(dtype=float)
        return cls(birth_years, b, years, e)

    @property
    def base_year(self) -> int:
        return int(self.years[-1])

    def until(self, year: int) -> StageArrays:
        keep = self.years <= year
        births = np.where(self.birth_years <= year, self.births, np.nan)
        return StageArrays(self.birth_years, births, self.years[keep], self.entrants[:, keep])

    def births_in(self, years: np.ndarray) -> np.ndarray:
        index = years - self.birth_years[0]
        inside = (index >= 0) & (index < len(self.births))
        return np.where(inside, self.births[np.clip(index, 0, len(self.births) - 1)], np.nan)

    def primary_in(self, years: np.ndarray) -> np.ndarray:
        index = years - self.years[0]
        inside = (index >= 0) & (index < self.entrants.shape[1])
        return np.where(inside, self.entrants[0, np.clip(index, 0, self.entrants.shape[1] - 1)],
                        np.nan)

    def ratios(self) -> np.ndarray:
        """Entry ratios (primary / births six years earlier, junior / primary six earlier)."""
        primary = _ratio(self.entrants[0], self.births_in(self.years - ENTRY_LAG))
        junior = _ratio(self.entrants[1], self.primary_in(self.years - ENTRY_LAG))
        return np.vstack([primary, junior])


def _ratio(numerator: np.ndarray, pool: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pool > 0, numerator / np.where(pool > 0, pool, 1.0), np.nan)


def _last(row: np.ndarray) -> float:
    known = row[~np.isnan(row)]
    return float(known[-1]) if known.size else np.nan


class BirthOutlook:
    """Known births, and later ones from the backtest-chosen model of the year-on-year ratio."""

    def fit(self, data: StageArrays) -> BirthOutlook:
        known = data.births[data.birth_years <= data.base_year]
        last = np.flatnonzero(~np.isnan(known))
        if last.size == 0:
            raise JunhengError("出生人数全部缺失：无法推算小学新生。")
        self.data_ = data
        self.last_year_ = int(data.birth_years[last[-1]])
        growth = _ratio(known[1:last[-1] + 1], known[:last[-1]])
        self.selector_ = ModelSelector(default_candidates(lower=0.5, upper=1.5)).fit(growth)
        return self

    def births(self, years: np.ndarray) -> np.ndarray:
        """Births in ``years``: observed up to the last known year, projected after it."""
        steps = max(int(np.max(years, initial=self.last_year_)) - self.last_year_, 1)
        growth = self.selector_.predict(steps)
        growth = np.where(np.isnan(growth), 1.0, growth)
        start = self.data_.births_in(np.array([self.last_year_]))[0]
        projected = start * np.cumprod(growth)
        step = years - self.last_year_
        later = projected[np.clip(step - 1, 0, len(projected) - 1)]
        return np.where(step >= 1, later, self.data_.births_in(years))

    @property
    def model(self) -> str:
        return str(self.selector_.chosen_[0])


def ratio_path(model: RatioModel, ratios: np.ndarray, steps: int) -> np.ndarray:
    """The next ``steps`` ratios of one series (NaN without any known ratio)."""
    if np.isnan(ratios).all():
        return np.full(steps, np.nan)
    return np.asarray(model.clone().fit(ratios).predict(steps), dtype=float)


def project(data: StageArrays, births: BirthOutlook, steps: int,
            methods: tuple[str, str], candidates: Mapping[str, RatioModel],
            ratios: np.ndarray | None = None) -> np.ndarray:
    """Entrants (primary, junior) for ``steps`` years past ``data``: (2, steps)."""
    ratios = data.ratios() if ratios is None else ratios
    future = np.arange(data.base_year + 1, data.base_year + steps + 1)
    primary = _stage_path(data, 0, methods[0], candidates, ratios, steps,
                          lambda: births.births(future - ENTRY_LAG))
    observed = data.primary_in(future - ENTRY_LAG)
    lagged = future - ENTRY_LAG - data.base_year - 1

    def junior_pool() -> np.ndarray:
        projected = np.where(lagged >= 0, primary[np.maximum(lagged, 0)], np.nan)
        return np.where(lagged >= 0, projected, observed)

    junior = _stage_path(data, 1, methods[1], candidates, ratios, steps, junior_pool)
    return np.vstack([primary, junior])


def _stage_path(data: StageArrays, k: int, method: str, candidates: Mapping[str, RatioModel],
                ratios: np.ndarray, steps: int, pool: Callable[[], np.ndarray]) -> np.ndarray:
    if method == NAIVE:
        return np.full(steps, _last(data.entrants[k]))
    return ratio_path(candidates[method], ratios[k], steps) * pool()


@dataclass(frozen=True)
class StageBacktest:
    """Forecasts of every method from every origin: (stages, origins, horizons) arrays."""

    origins: tuple[int, ...]
    predicted: Mapping[str, np.ndarray]
    actual: np.ndarray

    def ape(self, method: str, k: int) -> np.ndarray:
        """Absolute percentage errors (fractions) of ``method`` for stage ``k``: origins x h."""
        return absolute_percentage_errors(self.predicted[method][k], self.actual[k])


def backtest(data: StageArrays, horizon: int, candidates: Mapping[str, RatioModel], *,
             min_train: int = 3, max_origins: int | None = None) -> StageBacktest:
    """Forecast from every origin with ``min_train`` known ratios, naive and every candidate.

    A stage's origin counts only if that stage had at least ``min_train`` known ratios by then,
    so naive and the candidates are compared on the same origins.
    """
    methods = (NAIVE, *candidates)
    origins = [int(y) for y in data.years[:-1]]
    origins = origins[-max_origins:] if max_origins else origins
    ratios = data.ratios()
    shape = (len(STAGE_NAMES), len(origins), horizon)
    predicted = {m: np.full(shape, np.nan) for m in methods}
    actual = np.full(shape, np.nan)
    for i, origin in enumerate(origins):
        at = int(np.searchsorted(data.years, origin))
        counted = [(~np.isnan(ratios[k, :at + 1])).sum() >= min_train for k in range(2)]
        known = data.until(origin)
        if not any(counted) or np.isnan(known.entrants[0]).all():
            continue
        try:
            births = BirthOutlook().fit(known)
        except JunhengError:
            continue
        steps = min(horizon, data.base_year - origin)
        for method in methods:
            paths = project(known, births, steps, (method, method), candidates, ratios[:, :at + 1])
            for k in np.flatnonzero(counted):
                predicted[method][k, i, :steps] = paths[k]
        for k in np.flatnonzero(counted):
            actual[k, i, :steps] = data.entrants[k, at + 1:at + 1 + steps]
    return StageBacktest(tuple(origins), predicted, actual)


class StageProjection:
    """Stage entrants from births (fit/predict), see the module docstring.

    Parameters
    ----------
    candidates : mapping of name to RatioModel, optional
        Ratio models compared with naive per stage (default: :func:`stage_candidates`).
    selection_horizon : int
        Backtest horizons 1..selection_horizon the choice is judged on.
    min_train : int
        Known ratios a stage needs at an origin for that origin to count.
    max_origins : int, optional
        Only the latest origins (all by default).
    """

    def __init__(self, candidates: Mapping[str, RatioModel] | None = None,
                 selection_horizon: int = 6, min_train: int = 3,
                 max_origins: int | None = None):
        self.candidates = candidates
        self.selection_horizon = selection_horizon
        self.min_train = min_train
        self.max_origins = max_origins

    def fit(self, births: pd.DataFrame, entrants: pd.DataFrame) -> StageProjection:
        """Backtest naive and every ratio model per stage and choose (checked tables)."""
        return self._fit_arrays(StageArrays.from_frames(births, entrants))

    def _fit_arrays(self, data: StageArrays) -> StageProjection:
        if isinstance(self.selection_horizon, bool) or not isinstance(self.selection_horizon, int) \
                or self.selection_horizon < 1:
            raise JunhengError(f"选择方法的回测年数 {self.selection_horizon!r} 无效：须为正整数。")
        candidates = stage_candidates(self.candidates)
        self.data_ = data
        self.births_ = BirthOutlook().fit(data)
        self.candidates_ = candidates
        self.backtest_ = backtest(data, self.selection_horizon, candidates,
                                  min_train=self.min_train, max_origins=self.max_origins)
        first = next(iter(candidates))
        labels = {**METHOD_LABELS, **{n: m.label for n, m in candidates.items()
                                      if n not in METHOD_LABELS}}
        self.labels_ = labels
        self.choices_ = {
            stage: choose_method({m: self.backtest_.ape(m, k) for m in (NAIVE, *candidates)},
                                 labels, default=first, simple=(first,))
            for k, stage in enumerate(STAGE_NAMES)}
        return self

    def choices_label(self, method: str) -> str:
        """The Chinese name of a method of this fit."""
        self._check_fitted()
        return self.labels_.get(method, method)

    def _check_fitted(self) -> None:
        if not hasattr(self, "choices_"):
            raise NotFittedError("学段预测尚未拟合：请先调用 fit() 再调用 predict()。")

    @property
    def methods_(self) -> tuple[str, str]:
        self._check_fitted()
        return tuple(self.choices_[s].method for s in STAGE_NAMES)  # type: ignore[return-value]

    def predict(self, horizon: int) -> pd.DataFrame:
        """Entrants per future year and stage: ``year, stage, entrants, method``."""
        self._check_fitted()
        data = self.data_
        paths = project(data, self.births_, horizon, self.methods_, self.candidates_)
        future = np.arange(data.base_year + 1, data.base_year + horizon + 1)
        suffix = f"+births:{self.births_.model}"
        primary, junior = self.methods_
        births_used = [
            (primary != NAIVE) & (future - ENTRY_LAG > self.births_.last_year_),
            (junior != NAIVE) & (primary != NAIVE) & (future - ENTRY_LAG > data.base_year)
            & (future - 2 * ENTRY_LAG > self.births_.last_year_)]
        rows = []
        for k, stage in enumerate(STAGE_NAMES):
            for year, value, extra in zip(future, paths[k], births_used[k], strict=True):
                rows.append({"year": int(year), "stage": stage, "entrants": float(value),
                             "method": self.methods_[k] + (suffix if extra else "")})
        return pd.DataFrame(rows, columns=["year", "stage", "entrants", "method"])

    def chosen_errors(self, k: int, method: str | None = None
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Backtest pairs of stage ``k``'s chosen method (or ``method``): horizon, origin index,
        forecast, outcome."""
        self._check_fitted()
        method = self.methods_[k] if method is None else method
        predicted = self.backtest_.predicted[method][k]
        actual = self.backtest_.actual[k]
        origin, step = np.nonzero(~np.isnan(actual) & ~np.isnan(predicted))
        return step + 1, origin, predicted[origin, step], actual[origin, step]

    def model_report(self) -> pd.DataFrame:
        """Per series (primary ratio, junior ratio, birth ratio): chosen method, why, MAPEs."""
        self._check_fitted()
        frames = []
        for stage in STAGE_NAMES:
            choice: MethodChoice = self.choices_[stage]
            row = {"series": f"{stage}_ratio", "model": choice.method,
                   "n_errors": int(choice.n_origins)}
            row.update({f"mape_{m}": s for m, s in choice.score.items()})
            row["reason"] = choice.reason
            frames.append(pd.DataFrame([row]))
        births = self.births_.selector_.report()
        births.insert(0, "series", ["births_growth"])
        return pd.concat([*frames, births], ignore_index=True)


def mean_all_path(data: StageArrays, steps: int) -> np.ndarray:
    """The 固定历年均值比率 baseline: every ratio at its mean over all history."""
    from junheng.forecast.ratios import MeanRatio

    candidates = {"mean_all": MeanRatio(None)}
    return project(data, BirthOutlook().fit(data), steps, ("mean_all", "mean_all"), candidates)

