"""Prediction intervals from the errors the forecast actually made in its backtests.

For each horizon ``h`` the backtest gives pairs (forecast, outcome). The error is taken on a log
scale, ``e = log((outcome + 1) / (forecast + 1))``, so it is relative for large numbers and stays
defined for a grade of zero pupils. The interval of a new forecast ``m`` at horizon ``h`` is
``(m + 1) * exp(q) - 1`` for the lower and upper error quantiles ``q`` at that horizon.

The bounds widen with the horizon: each quantile is made monotone (a later horizon is never
narrower than an earlier one), and horizons beyond the backtested ones grow with ``sqrt(h)``
from the last horizon that had enough errors. Without any usable backtest errors, a stated
fallback width ``±fallback_width * sqrt(h)`` (log scale) is used and ``source_`` says so.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from junheng.errors import JunhengError, NotFittedError

MAX_FACTOR = 3.0  # bounds never exceed [mid / 3, 3 × mid] (on the log(x + 1) scale)
DEFAULT_FLOOR = 0.005  # at least ±0.5% per year ahead (log scale), see the module docstring


def log_errors(predicted: Any, actual: Any) -> np.ndarray:
    """``log((actual + 1) / (predicted + 1))``; NaN where either is unknown or negative."""
    predicted = np.asarray(predicted, dtype=float)
    actual = np.asarray(actual, dtype=float)
    valid = (predicted >= 0) & (actual >= 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(valid, np.log1p(np.where(valid, actual, 0.0))
                        - np.log1p(np.where(valid, predicted, 0.0)), np.nan)


class EmpiricalIntervals:
    """Low/high bounds per horizon from empirical backtest errors.

    Parameters
    ----------
    coverage : float
        Share of outcomes the interval should hold, ``0 < coverage < 1`` (0.8 = 10th to 90th
        percentile of the errors).
    min_errors : int
        Errors a horizon needs for its own quantiles; horizons with fewer are extrapolated.
    fallback_width : float
        Log-scale half-width at horizon 1 when there are no usable errors at all.
    floor : float
        Smallest log-scale half-width per year of horizon (0 allows a zero-width interval).
    quantiles : str
        numpy quantile method. ``"weibull"`` (position ``p (n + 1)``) makes the interval hold a
        new error with probability ``coverage`` on average whatever the number of errors;
        ``"linear"`` (numpy's default) is narrower with few errors (80% nominal holds about
        64% of new errors when nine are known).

    Examples
    --------
    >>> horizons = [1] * 5 + [2] * 5
    >>> predicted = [100] * 10
    >>> actual = [95, 98, 100, 102, 105, 90, 96, 100, 104, 110]
    >>> model = EmpiricalIntervals(coverage=0.8, min_errors=5).fit(horizons, predicted, actual)
    >>> low, high = model.predict([100, 100], [1, 2])
    >>> bool(low[1] < low[0] < 100 < high[0] < high[1])
    True
    """

    def __init__(self, coverage: float = 0.8, min_errors: int = 5, fallback_width: float = 0.05,
                 floor: float = DEFAULT_FLOOR, quantiles: str = "linear"):
        self.coverage = coverage
        self.min_errors = min_errors
        self.fallback_width = fallback_width
        self.floor = floor
        self.quantiles = quantiles

    def _validate_params(self) -> None:
        if not 0.0 < float(self.coverage) < 1.0:
            raise JunhengError(f"区间覆盖率 coverage={self.coverage} 无效：须在 0 与 1 之间（如 0.8）。")
        if isinstance(self.min_errors, bool) or not isinstance(self.min_errors, int) \
                or self.min_errors < 1:
            raise JunhengError(f"每个预测步长所需误差数 min_errors={self.min_errors!r} 无效：须为正整数。")
        if not float(self.fallback_width) >= 0.0:
            raise JunhengError(f"缺省区间宽度 fallback_width={self.fallback_width} 无效：须为非负数。")
        if self.quantiles not in ("linear", "weibull"):
            raise JunhengError(f"分位数方法 quantiles={self.quantiles!r} 无效：须为 linear 或 weibull。")
        if not 0.0 <= float(self.floor) < 1.0:
            raise JunhengError(f"区间最小宽度 floor={self.floor} 无效：须在 0（含）与 1 之间，如 0.005。")

    def fit(self, horizons: Any, predicted: Any, actual: Any) -> EmpiricalIntervals:
        """Learn error quantiles per horizon from backtest pairs; returns ``self``."""
        self._validate_params()
        horizons = np.asarray(horizons, dtype=int).ravel()
        errors = log_errors(predicted, actual).ravel()
        if horizons.shape != errors.shape:
            raise JunhengError(f"回测误差的步长（{horizons.size} 个）与预测值（{errors.size} 个）数量不一致。")
        return self._fit_errors(horizons, errors)

    def _fit_errors(self, horizons: np.ndarray, errors: np.ndarray) -> EmpiricalIntervals:
        known = ~np.isnan(errors) & (horizons >= 1)
        horizons, errors = horizons[known], errors[known]
        max_h = int(horizons.max()) if horizons.size else 0
        tail = (1 - float(self.coverage)) / 2
        lower, upper = np.full(max_h, np.nan), np.full(max_h, np.nan)
        counts = np.bincount(horizons, minlength=max_h + 1)[1:]
        order = np.argsort(horizons, kind="stable")
        groups = np.split(errors[order], np.cumsum(counts)[:-1]) if max_h else []
        for h, group in enumerate(groups):
            if group.size >= self.min_errors:
                lower[h], upper[h] = np.quantile(group, [tail, 1 - tail],
                                                 method=self.quantiles)
        self._store(lower, upper, counts)
        return self

    def _store(self, lower: np.ndarray, upper: np.ndarray, counts: np.ndarray) -> None:
        fitted = np.flatnonzero(~np.isnan(lower))
        self.n_errors_ = counts
        if fitted.size == 0:
            self.source_ = "fallback"
            self.lower_ = np.array([-float(self.fallback_width)])
            self.upper_ = np.array([float(self.fallback_width)])
            return
        self.source_ = "backtest"
        last = int(fitted[-1]) + 1
        lower, upper = lower[:last], upper[:last]
        # a horizon without enough errors takes the previous horizon's bounds
        for h in range(1, last):
            if np.isnan(lower[h]):
                lower[h], upper[h] = lower[h - 1], upper[h - 1]
        if np.isnan(lower[0]):
            first = int(fitted[0])
            lower[:first], upper[:first] = lower[first], upper[first]
        # the interval holds the forecast itself and never narrows as the horizon grows
        self.lower_ = np.minimum.accumulate(np.minimum(lower, 0.0))
        self.upper_ = np.maximum.accumulate(np.maximum(upper, 0.0))

    def bounds(self, horizon: Any) -> tuple[np.ndarray, np.ndarray]:
        """Log-scale (lower, upper) error quantiles for each horizon in ``horizon``."""
        if not hasattr(self, "lower_"):
            raise NotFittedError("预测区间尚未拟合：请先用回测误差调用 fit()，再调用 predict()。")
        h = np.asarray(horizon, dtype=int)
        if (h < 1).any():
            raise JunhengError(f"预测步长须不小于 1，收到最小值 {int(h.min())}。")
        last = self.lower_.size
        inside = np.minimum(h, last) - 1
        growth = np.sqrt(np.maximum(h, last) / last)
        # A bound wider than a factor MAX_FACTOR says nothing a planner can use; short or
        # erratic histories (a series going from 0 to a class) would otherwise give absurd ones.
        cap = np.log(MAX_FACTOR)
        floor = float(self.floor) * h
        lower = np.minimum(self.lower_[inside] * growth, -floor)
        upper = np.maximum(self.upper_[inside] * growth, floor)
        return np.maximum(lower, -cap), np.minimum(upper, cap)

    def predict(self, mid: Any, horizon: Any) -> tuple[np.ndarray, np.ndarray]:
        """Lower and upper bounds around forecasts ``mid`` made ``horizon`` years ahead."""
        lower, upper = self.bounds(horizon)
        mid = np.asarray(mid, dtype=float)
        low = np.maximum((mid + 1) * np.exp(lower) - 1, 0.0)
        high = (mid + 1) * np.exp(upper) - 1
        return np.minimum(low, mid), np.maximum(high, mid)

    def width_table(self, horizon: int) -> np.ndarray:
        """Relative (lower, upper) factors for horizons 1..horizon: shape (horizon, 2)."""
        lower, upper = self.bounds(np.arange(1, horizon + 1))
        return np.column_stack([np.exp(lower), np.exp(upper)])


def round_outward(low: Any, mid: Any, high: Any) -> tuple[np.ndarray, np.ndarray]:
    """Bounds in whole pupils that keep a rounded forecast strictly inside a non-zero interval.

    Bounds round to the nearest pupil, but where the interval has any width they stay at least
    one pupil away from the rounded forecast (never below zero).

    Examples
    --------
    >>> round_outward([96.6, 99.8, 5.0], [100.0, 100.0, 5.0], [103.4, 100.3, 5.0])
    (array([97., 99.,  5.]), array([103., 101.,   5.]))
    """
    low, mid, high = (np.asarray(v, dtype=float) for v in (low, mid, high))
    centre = np.round(mid)
    wide = high > low
    lower = np.where(wide, np.minimum(np.round(low), centre - 1), np.round(low))
    upper = np.where(wide, np.maximum(np.round(high), centre + 1), np.round(high))
    return np.maximum(lower, 0.0), upper


def coverage_flags(horizon: Any, origin: Any, predicted: Any, actual: Any,
                   intervals: EmpiricalIntervals) -> np.ndarray:
    """Per backtest pair: 1 if inside the interval fitted without its origin, 0 if not, NaN.

    For each origin the ``intervals`` (same parameters, refitted) learn from the errors of every
    other origin; a pair is NaN where its error is unknown or there are fewer than two origins.
    """
    horizon = np.asarray(horizon, dtype=int).ravel()
    origin = np.asarray(origin).ravel()
    errors = log_errors(predicted, actual).ravel()
    inside = np.full(errors.shape, np.nan)
    origins = np.unique(origin)
    if origins.size < 2:
        return inside
    params = {k: getattr(intervals, k) for k in
              ("coverage", "min_errors", "fallback_width", "floor", "quantiles")}
    for o in origins:
        own = origin == o
        model = EmpiricalIntervals(**params)
        model._validate_params()
        model._fit_errors(horizon[~own], errors[~own])
        lower, upper = model.bounds(horizon[own])
        inside[own] = (errors[own] >= lower) & (errors[own] <= upper)
    return np.where(np.isnan(errors), np.nan, inside)


def backtest_coverage(horizon: Any, origin: Any, predicted: Any, actual: Any,
                      intervals: EmpiricalIntervals) -> tuple[np.ndarray, float]:
    """Share of backtest outcomes inside intervals fitted without their own origin.

    Returns the share per horizon ``1..max(horizon)`` (NaN where none) and overall (NaN with
    fewer than two origins); see :func:`coverage_flags`.

    Examples
    --------
    >>> h = [1] * 6
    >>> model = EmpiricalIntervals(coverage=0.8, min_errors=2, floor=0.0)
    >>> by_h, overall = backtest_coverage(h, range(6), [100] * 6,
    ...                                   [96, 98, 100, 101, 103, 130], model)
    >>> round(overall, 3)
    0.667
    """
    horizon = np.asarray(horizon, dtype=int).ravel()
    inside = coverage_flags(horizon, origin, predicted, actual, intervals)
    known = ~np.isnan(inside)
    width = int(horizon.max(initial=0))
    by_h = np.full(width, np.nan)
    for h in range(1, width + 1):
        sel = known & (horizon == h)
        if sel.any():
            by_h[h - 1] = inside[sel].mean()
    overall = float(inside[known].mean()) if known.any() else float("nan")
    return by_h, overall
