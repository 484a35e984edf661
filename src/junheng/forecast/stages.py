"""Stage mode: a city or province with only births and stage entrants, no school data.

Inputs are two tables: ``year, births`` and ``year, stage, entrants`` with ``stage`` ``primary``
(一年级 new entrants) or ``junior`` (七年级 new entrants). The projection is

* primary entrants in year ``y`` = primary ratio × births in ``y - 6``;
* junior entrants in year ``y`` = junior ratio × primary entrants in ``y - 6``;
* births after the last known year = last births × the forecast year-on-year birth ratio.

For each stage, the naive forecast (entrants carried forward) and every ratio model are
backtested from every origin with enough history; a ratio model is used only when it beats naive
there (:mod:`junheng.forecast.stage_projection`, :mod:`junheng.forecast.choice`). The chosen
method's backtest errors give the intervals, their coverage and the MAPE reported next to
naive's, per stage and horizon.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from junheng.errors import JunhengError, Problem, ValidationError
from junheng.forecast.choice import NAIVE, mape_by_horizon
from junheng.forecast.intervals import (
    DEFAULT_FLOOR,
    EmpiricalIntervals,
    backtest_coverage,
    round_outward,
)
from junheng.forecast.ratios import RatioModel
from junheng.forecast.selection import absolute_percentage_errors
from junheng.forecast.stage_projection import (
    ENTRY_LAG,
    STAGE_NAMES,
    BirthOutlook,
    StageArrays,
    StageProjection,
    mean_all_path,
    project,
    stage_candidates,
)
from junheng.model.labels import STAGE_LABELS as STAGE_ZH

BASELINES: tuple[str, ...] = ("last", "mean_all")
POOL_CHANGE_NOTE = 0.10  # naive chosen, but the simplest ratio method differs this much: say so
__all__ = ["ENTRY_LAG", "STAGE_NAMES", "StageForecast", "StageProjection", "backtest_stages",
           "clean_births", "clean_entrants", "forecast_stages"]


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


# -- backtest, intervals and the public entry point ----------------------------------------

@dataclass(frozen=True)
class StageForecast:
    """Result of :func:`forecast_stages`: the table to write and what it rests on.

    ``skill`` has per stage and horizon the backtest MAPE (%) of the chosen method and of naive
    (保持上年), their ratio, the number of origins and the share of backtest outcomes the
    interval held (each origin judged by intervals fitted without it); ``coverage_observed``
    that share over all horizons, per stage.
    """

    table: pd.DataFrame
    models: pd.DataFrame
    accuracy: pd.DataFrame
    base_year: int
    coverage: float
    notes: tuple[str, ...] = ()
    skill: pd.DataFrame = field(default_factory=pd.DataFrame)
    coverage_observed: Mapping[str, float] = field(default_factory=dict)


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


def backtest_stages(births: pd.DataFrame, entrants: pd.DataFrame, horizon: int = 5, *,
                    methods: tuple[str, ...] | None = None, max_origins: int = 10,
                    candidates: Mapping[str, RatioModel] | None = None) -> pd.DataFrame:
    """Rolling-origin MAPE (%) by method, stage and horizon; ``stage`` ``all`` pools both.

    Methods: ``auto`` (the whole procedure, choice against naive included, refitted at every
    origin on what was known then), each candidate alone, and the baselines ``last`` (entrants
    stay at the last value, the naive forecast) and ``mean_all`` (ratios fixed at their mean).
    """
    data = StageArrays.from_frames(births, entrants)
    pool = stage_candidates(candidates)
    names = ("auto", *pool, *BASELINES)
    methods = methods or names
    unknown = [m for m in methods if m not in names]
    if unknown:
        raise JunhengError(f"回测方法 {'、'.join(unknown)} 不存在：可选 {'、'.join(names)}。")
    errors = _stage_errors(data, horizon, methods, max_origins, pool)
    return pd.concat([_accuracy(method, e) for method, e in errors.items()], ignore_index=True)


def _predict_at(known: StageArrays, steps: int, method: str, pool: Mapping[str, RatioModel],
                horizon: int) -> np.ndarray:
    if method == "mean_all":
        return mean_all_path(known, steps)
    if method == "auto":
        model = StageProjection(pool, selection_horizon=horizon)._fit_arrays(known)
        table = model.predict(steps)
        return np.vstack([table.loc[table["stage"] == s, "entrants"].to_numpy()
                          for s in STAGE_NAMES])
    name = NAIVE if method == "last" else method
    return project(known, BirthOutlook().fit(known), steps, (name, name), pool)


def _stage_errors(data: StageArrays, horizon: int, methods: tuple[str, ...], max_origins: int,
                  pool: Mapping[str, RatioModel]) -> dict[str, tuple]:
    origins = [int(y) for y in data.years[:-1]][-int(max_origins):]
    out: dict[str, list] = {m: [] for m in methods}
    for origin in origins:
        known = data.until(origin)
        if np.isnan(known.entrants[0]).all():
            continue
        steps = min(horizon, data.base_year - origin)
        at = int(np.searchsorted(data.years, origin))
        actual = data.entrants[:, at + 1:at + 1 + steps]
        for method in methods:
            try:
                predicted = _predict_at(known, steps, method, pool, horizon)
            except JunhengError:
                continue
            for k, stage in enumerate(STAGE_NAMES):
                out[method].append((np.full(steps, stage, dtype=object), np.arange(1, steps + 1),
                                    predicted[k], actual[k]))
    return {m: tuple(np.concatenate([p[i] for p in parts]) if parts else np.zeros(0)
                     for i in range(4)) for m, parts in out.items()}


def forecast_stages(births: pd.DataFrame, entrants: pd.DataFrame, horizon: int = 8, *,
                    coverage: float = 0.8, candidates: Mapping[str, RatioModel] | None = None,
                    interval_floor: float = DEFAULT_FLOOR) -> StageForecast:
    """Project primary and junior entrants ``horizon`` years past the last entrants year.

    Parameters
    ----------
    births, entrants : DataFrame
        Checked tables (:func:`clean_births`, :func:`clean_entrants`).
    horizon : int
        Years ahead, 1–10; the choice of method is judged on backtests of the same horizons.
    coverage : float
        Share of outcomes the lower–upper interval should hold.
    interval_floor : float
        Smallest interval half-width per year ahead (log scale; 0 allows zero width).

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
    data = StageArrays.from_frames(births, entrants)
    model = StageProjection(candidates, selection_horizon=horizon)._fit_arrays(data)
    table = model.predict(horizon)
    notes: list[str] = []
    table["lower"], table["upper"] = np.nan, np.nan
    skills, observed = [], {}
    for k, stage in enumerate(STAGE_NAMES):
        intervals = EmpiricalIntervals(coverage=coverage, min_errors=3, floor=interval_floor,
                                       quantiles="weibull")
        by_h, observed[stage] = _stage_band(model, k, table, intervals)
        if intervals.source_ == "fallback":
            notes.append(f"{STAGE_ZH[stage]}新生：学段 {stage} 回测误差不足，区间按缺省宽度 ±5%×√年数 给出。")
        skills.append(_skill(model, k, stage, by_h))
    table["entrants"] = table["entrants"].round()
    table = table[["year", "stage", "entrants", "lower", "upper", "method"]]
    if np.isnan(data.entrants[1]).all():
        notes.append("没有 junior（七年级）新生历史：初中新生比率无法估计，结果为空。")
    notes.extend(_naive_notes(model, horizon))
    accuracy = pd.concat([_accuracy("auto", _method_pairs(model, chosen=True)),
                          _accuracy("last", _method_pairs(model, chosen=False))],
                         ignore_index=True)
    return StageForecast(table, model.model_report(), accuracy, data.base_year, coverage,
                         tuple(notes), pd.concat(skills, ignore_index=True), observed)


def _stage_band(model: StageProjection, k: int, table: pd.DataFrame,
                intervals: EmpiricalIntervals) -> tuple[np.ndarray, float]:
    """Fit stage ``k``'s intervals on its chosen method's backtest errors, fill ``table``'s
    lower and upper for the stage, and return the backtest coverage per horizon and overall."""
    steps, origin, predicted, actual = model.chosen_errors(k)
    intervals.fit(steps, predicted, actual)
    rows = table["stage"] == STAGE_NAMES[k]
    ahead = table.loc[rows, "year"].to_numpy() - model.data_.base_year
    mid = table.loc[rows, "entrants"].to_numpy()
    low, high = intervals.predict(mid, ahead)
    table.loc[rows, "lower"], table.loc[rows, "upper"] = round_outward(low, mid, high)
    return backtest_coverage(steps, origin, predicted, actual, intervals)


def _method_pairs(model: StageProjection, *, chosen: bool) -> tuple:
    """Backtest pairs (stage, horizon, forecast, outcome) of the chosen method or of naive."""
    parts = []
    for k, stage in enumerate(STAGE_NAMES):
        steps, _, predicted, actual = model.chosen_errors(k, None if chosen else NAIVE)
        parts.append((np.full(len(steps), stage, dtype=object), steps, predicted, actual))
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(4))


def _skill(model: StageProjection, k: int, stage: str, coverage: np.ndarray) -> pd.DataFrame:
    """Per horizon: MAPE of the chosen method and of naive, their ratio, origins, coverage."""
    method = model.methods_[k]
    chosen = mape_by_horizon(model.backtest_.ape(method, k))
    naive = mape_by_horizon(model.backtest_.ape(NAIVE, k))
    counts = (~np.isnan(model.backtest_.ape(NAIVE, k))).sum(axis=0)
    width = len(naive)
    cover = np.full(width, np.nan)
    cover[:min(width, len(coverage))] = coverage[:width]
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(naive > 0, chosen / np.where(naive > 0, naive, 1.0), np.nan)
    frame = pd.DataFrame({"stage": stage, "horizon": np.arange(1, width + 1), "method": method,
                          "mape_chosen": chosen, "mape_naive": naive, "ratio": ratio,
                          "n": counts.astype(int), "coverage": cover})
    return frame[frame["n"] > 0].reset_index(drop=True)


def _naive_notes(model: StageProjection, horizon: int) -> list[str]:
    """Where naive was chosen but the cohorts ahead differ: what the simplest ratio method says."""
    first = next(iter(model.candidates_))
    data = model.data_
    alternative = project(data, model.births_, horizon, (first, first), model.candidates_)
    notes = []
    for k, stage in enumerate(STAGE_NAMES):
        choice = model.choices_[stage]
        naive = _last_known(data.entrants[k])
        other = alternative[k, -1]
        if not choice.naive_chosen or not np.isfinite(other) or not naive > 0:
            continue
        change = other / naive - 1
        if abs(change) <= POOL_CHANGE_NOTE:
            continue
        label = model.choices_label(first)
        year = data.base_year + horizon
        notes.append(f"{STAGE_ZH[stage]}新生按“保持上年”预测（回测中比率法未胜过它）；但生源变化后，"
                     f"按{label}推算 {year} 年约为 {other:,.0f} 人，比上年人数"
                     f"{'多' if change > 0 else '少'} {abs(change):.0%}，请结合生源判断。")
    return notes


def _last_known(row: np.ndarray) -> float:
    known = row[~np.isnan(row)]
    return float(known[-1]) if known.size else float("nan")
