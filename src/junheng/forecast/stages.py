"""Stage mode: a city or province with only births and stage entrants, no school data.

Inputs are two tables: ``year, births`` and ``year, stage, entrants`` with ``stage`` ``primary``
(一年级 new entrants) or ``junior`` (七年级 new entrants). The projection is

* primary entrants in year ``y`` = primary ratio × births in ``y - 6``;
* junior entrants in year ``y`` = junior ratio × primary entrants in ``y - 6``;
* births after the last known year = last births × the forecast year-on-year birth ratio.

Each of the three ratio series gets the model its own rolling-origin backtest favours, and the
whole projection is backtested from past origins to give MAPE by horizon and empirical
intervals, exactly as the county projection does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import JunhengError, NotFittedError, Problem, ValidationError
from junheng.forecast.intervals import EmpiricalIntervals
from junheng.forecast.ratios import MeanRatio, RatioModel, default_candidates
from junheng.forecast.selection import ModelSelector, absolute_percentage_errors

STAGE_NAMES: tuple[str, ...] = ("primary", "junior")
ENTRY_LAG = 6
BASELINES: tuple[str, ...] = ("last", "mean_all")


# -- reading and checking the two tables ----------------------------------------------------

def _whole_number(value: object) -> int | None:
    text = str(value).strip()
    if text == "" or text.lower() == "nan":
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not np.isfinite(number) or number != int(number) or number < 0:
        return None
    return int(number)


def _check_columns(frame: pd.DataFrame, required: tuple[str, ...], source: str) -> None:
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValidationError([Problem(source, 1, c, None,
                                       f"缺少必需的列“{c}”：表头须为 {','.join(required)}。")
                               for c in missing])


def clean_births(frame: pd.DataFrame, source: str = "births.csv") -> pd.DataFrame:
    """Check a ``year,births`` table (cells as text or numbers) and return it typed.

    Every bad cell is reported with the file, its line (the header is line 1), the column and
    the value; duplicate years are errors too.

    Examples
    --------
    >>> clean_births(pd.DataFrame({"year": ["2019"], "births": ["820"]}))["births"].tolist()
    [820]
    """
    _check_columns(frame, ("year", "births"), source)
    problems, rows = [], []
    for i, (year, births) in enumerate(zip(frame["year"], frame["births"], strict=True)):
        line = i + 2
        y, b = _whole_number(year), _whole_number(births)
        if y is None or not 1900 <= y <= 2100:
            problems.append(Problem(source, line, "year", year, "年份须为 1900–2100 的整数。"))
        if b is None:
            problems.append(Problem(source, line, "births", births, "出生人数须为非负整数。"))
        rows.append((y, b))
    years = [y for y, _ in rows if y is not None]
    for year in sorted({y for y in years if years.count(y) > 1}):
        line = next(i + 2 for i, (y, _) in enumerate(rows) if y == year)
        problems.append(Problem(source, line, "year", year, f"{year} 年重复出现：每个年份只能有一行。"))
    if not rows:
        problems.append(Problem(source, None, None, None, "没有任何数据行：请至少提供一年的出生人数。"))
    if problems:
        raise ValidationError(problems)
    return pd.DataFrame(rows, columns=["year", "births"]).sort_values("year", ignore_index=True)


def clean_entrants(frame: pd.DataFrame, source: str = "entrants.csv") -> pd.DataFrame:
    """Check a ``year,stage,entrants`` table (stage ``primary`` or ``junior``), return it typed.

    Examples
    --------
    >>> table = pd.DataFrame({"year": [2024], "stage": ["primary"], "entrants": ["91"]})
    >>> clean_entrants(table).to_dict("records")
    [{'year': 2024, 'stage': 'primary', 'entrants': 91}]
    """
    _check_columns(frame, ("year", "stage", "entrants"), source)
    problems, rows = [], []
    for i, (year, stage, entrants) in enumerate(
            zip(frame["year"], frame["stage"], frame["entrants"], strict=True)):
        line = i + 2
        y, e = _whole_number(year), _whole_number(entrants)
        s = str(stage).strip().lower()
        if y is None or not 1900 <= y <= 2100:
            problems.append(Problem(source, line, "year", year, "年份须为 1900–2100 的整数。"))
        if s not in STAGE_NAMES:
            problems.append(Problem(source, line, "stage", stage,
                                    "学段须为 primary（小学一年级）或 junior（初中七年级）。"))
        if e is None:
            problems.append(Problem(source, line, "entrants", entrants, "新生数须为非负整数。"))
        rows.append((y, s, e))
    seen: dict[tuple, int] = {}
    for i, (y, s, _) in enumerate(rows):
        if y is not None and (y, s) in seen:
            problems.append(Problem(source, i + 2, "year", y,
                                    f"{y} 年 {s} 与第 {seen[(y, s)]} 行重复：每年每学段只能有一行。"))
        seen.setdefault((y, s), i + 2)
    if not any(s == "primary" for _, s, _ in rows):
        problems.append(Problem(source, None, "stage", None, "没有 primary（小学一年级）新生数据：至少需要一年。"))
    if problems:
        raise ValidationError(problems)
    return pd.DataFrame(rows, columns=["year", "stage", "entrants"]).sort_values(
        ["stage", "year"], ignore_index=True)


# -- the projection -------------------------------------------------------------------------

@dataclass(frozen=True)
class _StageArrays:
    """Births over ``birth_years`` and entrants (primary, junior) over ``years``."""

    birth_years: np.ndarray
    births: np.ndarray
    years: np.ndarray
    entrants: np.ndarray

    @classmethod
    def from_frames(cls, births: pd.DataFrame, entrants: pd.DataFrame) -> _StageArrays:
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

    def until(self, year: int) -> _StageArrays:
        keep = self.years <= year
        births = np.where(self.birth_years <= year, self.births, np.nan)
        return _StageArrays(self.birth_years, births, self.years[keep], self.entrants[:, keep])

    def births_in(self, years: np.ndarray) -> np.ndarray:
        index = years - self.birth_years[0]
        inside = (index >= 0) & (index < len(self.births))
        return np.where(inside, self.births[np.clip(index, 0, len(self.births) - 1)], np.nan)


def _ratio(numerator: np.ndarray, pool: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pool > 0, numerator / np.where(pool > 0, pool, 1.0), np.nan)


class StageProjection:
    """Stage entrants from births (fit/predict), see the module docstring.

    Parameters
    ----------
    candidates : mapping of name to RatioModel, optional
        Models compared for the entry ratios (and, bounded to ``[0.5, 1.5]``, for the birth
        ratio). Default: 近3年均值, 指数平滑, 阻尼趋势.
    selection_horizon, min_train, min_errors : int
        Passed to :class:`~junheng.forecast.selection.ModelSelector`.
    """

    def __init__(self, candidates: Mapping[str, RatioModel] | None = None,
                 selection_horizon: int = 3, min_train: int = 3, min_errors: int = 2):
        self.candidates = candidates
        self.selection_horizon = selection_horizon
        self.min_train = min_train
        self.min_errors = min_errors

    def _selector(self, lower: float, upper: float) -> ModelSelector:
        base = self.candidates or default_candidates()
        candidates = {name: type(m)(**{**m.get_params(), "lower": max(lower, m.lower),
                                       "upper": min(upper, m.upper)})
                      for name, m in base.items()}
        return ModelSelector(candidates, horizon=self.selection_horizon,
                             min_train=self.min_train, min_errors=self.min_errors)

    def fit(self, births: pd.DataFrame, entrants: pd.DataFrame) -> StageProjection:
        """Learn the three ratio series from checked tables (see :func:`clean_births`)."""
        return self._fit_arrays(_StageArrays.from_frames(births, entrants))

    def _fit_arrays(self, data: _StageArrays) -> StageProjection:
        self.data_ = data
        primary_pool = data.births_in(data.years - ENTRY_LAG)
        junior_pool = self._primary_at(data, data.years - ENTRY_LAG)
        ratios = np.vstack([_ratio(data.entrants[0], primary_pool),
                            _ratio(data.entrants[1], junior_pool)])
        self.ratios_ = ratios
        self.entry_ = self._selector(0.0, np.inf).fit(ratios)
        known = data.births[data.birth_years <= data.years[-1]]
        last = np.flatnonzero(~np.isnan(known))
        if last.size == 0:
            raise JunhengError("出生人数全部缺失：无法推算小学新生。")
        self.last_birth_year_ = int(data.birth_years[last[-1]])
        growth = _ratio(known[1:last[-1] + 1], known[:last[-1]])
        self.births_ = self._selector(0.5, 1.5).fit(growth)
        return self

    @staticmethod
    def _primary_at(data: _StageArrays, years: np.ndarray) -> np.ndarray:
        index = years - data.years[0]
        inside = (index >= 0) & (index < data.entrants.shape[1])
        return np.where(inside, data.entrants[0, np.clip(index, 0, data.entrants.shape[1] - 1)],
                        np.nan)

    def predict(self, horizon: int) -> pd.DataFrame:
        """Entrants per future year and stage: ``year, stage, entrants, method``."""
        if not hasattr(self, "entry_"):
            raise NotFittedError("学段预测尚未拟合：请先调用 fit() 再调用 predict()。")
        data = self.data_
        base = int(data.years[-1])
        future = np.arange(base + 1, base + horizon + 1)
        births_needed = future - ENTRY_LAG
        births = self._births_through(int(births_needed.max()))
        ratios = self.entry_.predict(horizon)
        primary = ratios[0] * births(births_needed)
        observed_primary = self._primary_at(data, future - ENTRY_LAG)
        lagged = future - ENTRY_LAG - base - 1  # index into this forecast's primary entrants
        from_projection = np.where(lagged >= 0, primary[np.maximum(lagged, 0)], np.nan)
        junior = ratios[1] * np.where(np.isnan(observed_primary), from_projection,
                                      observed_primary)
        chosen = self.entry_.chosen_
        births_method = f"+births:{self.births_.chosen_[0]}"
        uses_projected = births_needed > self.last_birth_year_
        junior_uses = (future - 2 * ENTRY_LAG) > self.last_birth_year_
        rows = []
        for k, (stage, values, projected) in enumerate(
                (("primary", primary, uses_projected), ("junior", junior, junior_uses))):
            for year, value, extra in zip(future, values, projected, strict=True):
                method = chosen[k] + (births_method if extra else "")
                rows.append({"year": int(year), "stage": stage, "entrants": float(value),
                             "method": method})
        return pd.DataFrame(rows, columns=["year", "stage", "entrants", "method"])

    def _births_through(self, last_year: int):
        data = self.data_
        steps = max(last_year - self.last_birth_year_, 1)
        growth = np.where(np.isnan(self.births_.predict(steps)), 1.0, self.births_.predict(steps))
        start = data.births_in(np.array([self.last_birth_year_]))[0]
        projected = start * np.cumprod(growth)

        def births(years: np.ndarray) -> np.ndarray:
            known = data.births_in(years)
            step = years - self.last_birth_year_
            later = projected[np.clip(step - 1, 0, len(projected) - 1)]
            return np.where(step >= 1, later, known)

        return births

    def model_report(self) -> pd.DataFrame:
        """The model of each series (primary ratio, junior ratio, birth ratio) and why."""
        if not hasattr(self, "entry_"):
            raise NotFittedError("学段预测尚未拟合：请先调用 fit()。")
        entry = self.entry_.report()
        entry.insert(0, "series", ["primary_ratio", "junior_ratio"])
        births = self.births_.report()
        births.insert(0, "series", ["births_growth"])
        return pd.concat([entry, births], ignore_index=True)


# -- backtest, intervals and the public entry point ----------------------------------------

@dataclass(frozen=True)
class StageForecast:
    """Result of :func:`forecast_stages`: the table to write and what it rests on."""

    table: pd.DataFrame
    models: pd.DataFrame
    accuracy: pd.DataFrame
    base_year: int
    coverage: float
    notes: tuple[str, ...] = ()


def _baseline(data: _StageArrays, steps: int, method: str) -> np.ndarray:
    if method == "last":
        last = np.array([_last(row) for row in data.entrants])
        return np.repeat(last[:, None], steps, axis=1)
    model = StageProjection({"mean_all": MeanRatio(None)})._fit_arrays(data)
    return _as_array(model.predict(steps))


def _last(row: np.ndarray) -> float:
    known = row[~np.isnan(row)]
    return float(known[-1]) if known.size else np.nan


def _as_array(table: pd.DataFrame) -> np.ndarray:
    return np.vstack([table.loc[table["stage"] == s, "entrants"].to_numpy()
                      for s in STAGE_NAMES])


def backtest_stages(births: pd.DataFrame, entrants: pd.DataFrame, horizon: int = 5, *,
                    methods: tuple[str, ...] | None = None, max_origins: int = 10,
                    candidates: Mapping[str, RatioModel] | None = None) -> pd.DataFrame:
    """Rolling-origin MAPE (%) by method, stage and horizon; ``stage`` ``all`` pools both.

    Methods: ``auto`` (backtest-chosen per series), each candidate alone, and the baselines
    ``last`` (entrants stay at the last value) and ``mean_all`` (ratios fixed at their mean).
    """
    data = _StageArrays.from_frames(births, entrants)
    methods = methods or ("auto", *(candidates or default_candidates()), *BASELINES)
    errors = _stage_errors(data, horizon, methods, max_origins, candidates)
    return pd.concat([_accuracy(method, e) for method, e in errors.items()], ignore_index=True)


def _accuracy(method: str, errors: tuple) -> pd.DataFrame:
    stage, step, predicted, actual = errors
    ape = absolute_percentage_errors(predicted.astype(float), actual.astype(float))
    frame = pd.DataFrame({"stage": stage, "horizon": step, "ape": ape}).dropna()
    frame = pd.concat([frame, frame.assign(stage="all")], ignore_index=True)
    table = frame.groupby(["stage", "horizon"])["ape"].agg(["mean", "size"]).reset_index()
    return pd.DataFrame({"method": method, "stage": table["stage"],
                         "horizon": table["horizon"].astype(int), "mape": 100 * table["mean"],
                         "n": table["size"].astype(int)},
                        columns=["method", "stage", "horizon", "mape", "n"])


def _stage_errors(data: _StageArrays, horizon: int, methods: tuple[str, ...], max_origins: int,
                  candidates: Mapping[str, RatioModel] | None) -> dict[str, tuple]:
    names = ("auto", *(candidates or default_candidates()), *BASELINES)
    unknown = [m for m in methods if m not in names]
    if unknown:
        raise JunhengError(f"回测方法 {'、'.join(unknown)} 不存在：可选 {'、'.join(names)}。")
    base = int(data.years[-1])
    origins = [int(y) for y in data.years[:-1]][-int(max_origins):]
    out: dict[str, list] = {m: [] for m in methods}
    for origin in origins:
        known = data.until(origin)
        if np.isnan(known.entrants[0]).all():
            continue
        steps = min(horizon, base - origin)
        actual = data.entrants[:, np.searchsorted(data.years, origin) + 1:][:, :steps]
        for method in methods:
            if method in BASELINES:
                predicted = _baseline(known, steps, method)
            else:
                chosen = candidates or default_candidates()
                pool = chosen if method == "auto" else {method: chosen[method]}
                try:
                    predicted = _as_array(StageProjection(pool)._fit_arrays(known).predict(steps))
                except JunhengError:
                    continue
            for k, stage in enumerate(STAGE_NAMES):
                out[method].append((np.full(steps, stage, dtype=object), np.arange(1, steps + 1),
                                    predicted[k], actual[k]))
    return {m: tuple(np.concatenate([p[i] for p in parts]) if parts else np.zeros(0)
                     for i in range(4)) for m, parts in out.items()}


def forecast_stages(births: pd.DataFrame, entrants: pd.DataFrame, horizon: int = 8, *,
                    coverage: float = 0.8, candidates: Mapping[str, RatioModel] | None = None,
                    max_origins: int = 10) -> StageForecast:
    """Project primary and junior entrants ``horizon`` years past the last entrants year.

    Parameters
    ----------
    births, entrants : DataFrame
        Checked tables (:func:`clean_births`, :func:`clean_entrants`).
    horizon : int
        Years ahead, 1–10.
    coverage : float
        Share of outcomes the lower–upper interval should hold.

    Returns
    -------
    StageForecast
        ``table`` has ``year, stage, entrants, lower, upper, method`` (entrants rounded).

    Examples
    --------
    >>> births = pd.DataFrame({"year": range(2010, 2020), "births": [100] * 10})
    >>> entrants = pd.DataFrame({"year": range(2016, 2020), "stage": "primary",
    ...                          "entrants": [90] * 4})
    >>> table = forecast_stages(births, entrants, horizon=2).table
    >>> table.loc[table["stage"] == "primary", "entrants"].tolist()
    [90.0, 90.0]
    """
    if isinstance(horizon, bool) or not isinstance(horizon, int) or not 1 <= horizon <= 10:
        raise JunhengError(f"预测年限 {horizon!r} 无效：须为 1–10 的整数。")
    data = _StageArrays.from_frames(births, entrants)
    model = StageProjection(candidates)._fit_arrays(data)
    table = model.predict(horizon)
    errors = _stage_errors(data, horizon, ("auto",), max_origins, candidates)["auto"]
    notes: list[str] = []
    table["lower"], table["upper"] = np.nan, np.nan
    for stage in STAGE_NAMES:
        picked = errors[0] == stage if len(errors[0]) else np.zeros(0, dtype=bool)
        intervals = EmpiricalIntervals(coverage=coverage, min_errors=3).fit(
            errors[1][picked], errors[2][picked], errors[3][picked])
        if intervals.source_ == "fallback":
            notes.append(f"{stage} 回测误差不足，区间按缺省宽度 ±5%×√年数 给出。")
        rows = table["stage"] == stage
        steps = table.loc[rows, "year"].to_numpy() - data.years[-1]
        low, high = intervals.predict(table.loc[rows, "entrants"].to_numpy(), steps)
        table.loc[rows, "lower"], table.loc[rows, "upper"] = low, high
    for column in ("entrants", "lower", "upper"):
        table[column] = table[column].round()
    table = table[["year", "stage", "entrants", "lower", "upper", "method"]]
    if np.isnan(data.entrants[1]).all():
        notes.append("没有 junior（七年级）新生历史：初中新生比率无法估计，结果为空。")
    accuracy = _accuracy("auto", errors)
    return StageForecast(table, model.model_report(), accuracy, int(data.years[-1]), coverage,
                         tuple(notes))
