"""Ratio models: forecast a ratio series (progression, entry share, birth growth) ahead.

Every cohort projection in junheng multiplies a known pool (last year's grade, births six
years earlier, last year's primary graduates) by a ratio. These estimators forecast such
ratios. They work on many series at once: ``fit`` takes a 2-D array, one row per series and one
column per year (``NaN`` = unknown year), and ``predict(h)`` returns one row of ``h`` future
ratios per series. A 1-D array is treated as one series and gives a 1-D forecast.

Bounds keep forecasts sensible: every model clips to ``[lower, upper]`` (ratios are never
negative), and the damped trend also stays within ``reach`` of the range the series has shown,
so a short run of growth cannot extrapolate into absurd ratios.
"""

from __future__ import annotations

import inspect
import math
from typing import Any

import numpy as np

from junheng.errors import JunhengError, NotFittedError


def as_series_matrix(values: Any) -> tuple[np.ndarray, bool]:
    """Return ``values`` as a float 2-D array (series x years) and whether it was 1-D."""
    array = np.asarray(values, dtype=float)
    if not np.isfinite(array).all():
        array = np.where(np.isfinite(array), array, np.nan)
    if array.ndim == 1:
        return array[np.newaxis, :], True
    if array.ndim != 2:
        raise JunhengError(f"比率序列须为一维或二维数组，收到 {array.ndim} 维：请按“序列 × 年份”排列。")
    return array, False


def last_observed(values: np.ndarray) -> np.ndarray:
    """The last non-missing value of each row (``NaN`` for an empty row)."""
    observed = ~np.isnan(values)
    last_index = values.shape[1] - 1 - np.argmax(observed[:, ::-1], axis=1)
    out = values[np.arange(values.shape[0]), last_index]
    return np.where(observed.any(axis=1), out, np.nan)


def _nan_row_mean(values: np.ndarray) -> np.ndarray:
    count = (~np.isnan(values)).sum(axis=1)
    total = np.where(np.isnan(values), 0.0, values).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _check_horizon(horizon: int) -> int:
    if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 1:
        raise JunhengError(f"预测步数 {horizon!r} 无效：须为不小于 1 的整数。")
    return int(horizon)


class RatioModel:
    """Base of the ratio models: parameters, cloning, validation, bounds and the fitted check."""

    label = "比率模型"

    def __init__(self, *, lower: float = 0.0, upper: float = math.inf):
        self.lower = lower
        self.upper = upper

    # -- parameters ---------------------------------------------------------------------
    def get_params(self) -> dict[str, Any]:
        """The constructor arguments, as passed."""
        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {name: getattr(self, name) for name in names}

    def clone(self) -> RatioModel:
        """An unfitted copy with the same parameters."""
        return type(self)(**self.get_params())

    @property
    def name(self) -> str:
        """A short English code for tables, e.g. ``mean3``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"

    def _validate_params(self) -> None:
        lower, upper = float(self.lower), float(self.upper)
        if not lower < upper:
            raise JunhengError(f"比率下限 {self.lower} 须小于上限 {self.upper}。")

    # -- estimator protocol -------------------------------------------------------------
    def fit(self, ratios: Any) -> RatioModel:
        """Learn from a series (1-D) or many series (2-D, series x years); returns ``self``."""
        self._validate_params()
        values, one_series = as_series_matrix(ratios)
        (state,) = self._scan(values, [values.shape[1]])
        for key, value in state.items():
            setattr(self, f"{key}_", value)
        self.n_series_ = values.shape[0]
        self.n_observed_ = (~np.isnan(values)).sum(axis=1)
        self.one_series_ = one_series
        return self

    def predict(self, horizon: int) -> np.ndarray:
        """Ratios for the next ``horizon`` years: shape (series, horizon), or (horizon,)."""
        if not hasattr(self, "n_series_"):
            raise NotFittedError(f"{self.label}尚未拟合：请先调用 fit() 再调用 predict()。")
        horizon = _check_horizon(horizon)
        state = {key: getattr(self, f"{key}_") for key in self._state_keys}
        path = self._bounded(self._forecast(state, horizon))
        return path[0] if self.one_series_ else path

    def backtest_paths(self, ratios: Any, origins: list[int], horizon: int) -> np.ndarray:
        """Forecasts made at each origin from the years before it: (series, origins, horizon).

        Equivalent to ``clone().fit(ratios[:, :o]).predict(horizon)`` for every origin ``o``,
        computed in one pass over the years. The model itself is not fitted by this call.
        """
        self._validate_params()
        values, _ = as_series_matrix(ratios)
        horizon = _check_horizon(horizon)
        states = self._scan(values, origins)
        out = np.full((values.shape[0], len(origins), horizon), np.nan)
        for i, state in enumerate(states):
            out[:, i, :] = self._bounded(self._forecast(state, horizon))
        return out

    def _bounded(self, path: np.ndarray) -> np.ndarray:
        return np.clip(path, float(self.lower), float(self.upper))

    _state_keys: tuple[str, ...] = ("level",)

    def _scan(self, values: np.ndarray, stops: list[int]) -> list[dict[str, np.ndarray]]:
        """The learned state after the first ``stop`` years, for each stop (ascending)."""
        raise NotImplementedError

    def _forecast(self, state: dict[str, np.ndarray], horizon: int) -> np.ndarray:
        raise NotImplementedError


class MeanRatio(RatioModel):
    """Mean of the last ``k`` observed ratios, held flat (``k=None``: mean of all history).

    Parameters
    ----------
    k : int or None
        How many of the latest observed years to average; ``None`` averages every year (the
        "fixed mean ratio" baseline).
    lower, upper : float
        Bounds on forecast ratios.

    Examples
    --------
    >>> MeanRatio(k=2).fit([0.9, 1.0, 0.96]).predict(2)
    array([0.98, 0.98])
    """

    def __init__(self, k: int | None = 3, *, lower: float = 0.0, upper: float = math.inf):
        super().__init__(lower=lower, upper=upper)
        self.k = k

    @property
    def name(self) -> str:
        return "mean_all" if self.k is None else f"mean{self.k}"

    @property
    def label(self) -> str:  # type: ignore[override]
        return "历年均值" if self.k is None else f"近{self.k}年均值"

    def _validate_params(self) -> None:
        super()._validate_params()
        if self.k is not None and (isinstance(self.k, bool) or not isinstance(self.k, int)
                                   or self.k < 1):
            raise JunhengError(f"均值模型的年数 k={self.k!r} 无效：须为不小于 1 的整数，或 None 表示全部年份。")

    def _scan(self, values: np.ndarray, stops: list[int]) -> list[dict[str, np.ndarray]]:
        # the last k observed ratios of each series, oldest first (NaN while fewer are known)
        n, years = values.shape
        window = np.full((n, years if self.k is None else self.k), np.nan)
        levels = {0: np.full(n, np.nan)}
        for t, column in enumerate(values.T, start=1):
            observed = ~np.isnan(column)
            shifted = np.concatenate([window[:, 1:], column[:, None]], axis=1)
            window = np.where(observed[:, None], shifted, window)
            if t in stops:
                levels[t] = _nan_row_mean(window)
        return [{"level": levels[stop]} for stop in stops]

    def _forecast(self, state: dict[str, np.ndarray], horizon: int) -> np.ndarray:
        return np.repeat(state["level"][:, np.newaxis], horizon, axis=1)


class ExpSmoothingRatio(RatioModel):
    """Simple exponential smoothing of the ratio, held flat.

    ``level = alpha * ratio + (1 - alpha) * level``, starting at the first observed ratio;
    unknown years leave the level unchanged.

    Parameters
    ----------
    alpha : float
        Smoothing weight of the newest year, ``0 < alpha <= 1``.
    lower, upper : float
        Bounds on forecast ratios.

    Examples
    --------
    >>> ExpSmoothingRatio(alpha=0.5).fit([1.0, 2.0]).predict(1)
    array([1.5])
    """

    def __init__(self, alpha: float = 0.5, *, lower: float = 0.0, upper: float = math.inf):
        super().__init__(lower=lower, upper=upper)
        self.alpha = alpha

    name = "ses"

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"指数平滑（α={self.alpha}）"

    def _validate_params(self) -> None:
        super()._validate_params()
        if not 0.0 < float(self.alpha) <= 1.0:
            raise JunhengError(f"指数平滑系数 alpha={self.alpha} 无效：须满足 0 < alpha ≤ 1。")

    def _scan(self, values: np.ndarray, stops: list[int]) -> list[dict[str, np.ndarray]]:
        alpha = float(self.alpha)
        level = np.full(values.shape[0], np.nan)
        states = {0: level}
        for t, column in enumerate(values.T, start=1):
            smoothed = alpha * column + (1 - alpha) * level
            level = np.where(np.isnan(column), level, np.where(np.isnan(level), column, smoothed))
            states[t] = level
        return [{"level": states[stop]} for stop in stops]

    def _forecast(self, state: dict[str, np.ndarray], horizon: int) -> np.ndarray:
        return np.repeat(state["level"][:, np.newaxis], horizon, axis=1)


class DampedTrendRatio(RatioModel):
    """Holt's linear trend with a damped slope, bounded to the range the series has shown.

    Level and slope start from the first two observed ratios (slope per year across any gap),
    then ``level = alpha * r + (1 - alpha) * (level + phi * slope)`` and
    ``slope = beta * (level - previous level) + (1 - beta) * phi * slope``; an unknown year
    advances the level by ``phi * slope``. The forecast ``h`` years ahead is
    ``level + (phi + phi**2 + ... + phi**h) * slope``, clipped to
    ``[min * (1 - reach), max * (1 + reach)]`` of the observed ratios and to ``[lower, upper]``.

    Parameters
    ----------
    alpha, beta : float
        Level and slope smoothing weights, ``0 < alpha <= 1``, ``0 <= beta <= 1``.
    phi : float
        Damping of the slope per year, ``0 < phi <= 1`` (1 = undamped linear trend).
    reach : float or None
        How far beyond the observed range (as a fraction of it) a forecast may go; ``None``
        disables this bound.
    lower, upper : float
        Absolute bounds on forecast ratios.

    Examples
    --------
    >>> DampedTrendRatio(alpha=1.0, beta=1.0, phi=0.5).fit([1.0, 1.1, 1.2]).predict(2).round(3)
    array([1.25 , 1.275])
    """

    def __init__(self, alpha: float = 0.5, beta: float = 0.3, phi: float = 0.8,
                 reach: float | None = 0.5, *, lower: float = 0.0, upper: float = math.inf):
        super().__init__(lower=lower, upper=upper)
        self.alpha = alpha
        self.beta = beta
        self.phi = phi
        self.reach = reach

    name = "damped"

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"阻尼趋势（φ={self.phi}）"

    def _validate_params(self) -> None:
        super()._validate_params()
        if not 0.0 < float(self.alpha) <= 1.0:
            raise JunhengError(f"水平平滑系数 alpha={self.alpha} 无效：须满足 0 < alpha ≤ 1。")
        if not 0.0 <= float(self.beta) <= 1.0:
            raise JunhengError(f"趋势平滑系数 beta={self.beta} 无效：须满足 0 ≤ beta ≤ 1。")
        if not 0.0 < float(self.phi) <= 1.0:
            raise JunhengError(f"阻尼系数 phi={self.phi} 无效：须满足 0 < phi ≤ 1。")
        if self.reach is not None and not float(self.reach) >= 0.0:
            raise JunhengError(f"外推范围 reach={self.reach} 无效：须为非负数，或 None 表示不限。")

    _state_keys = ("level", "slope", "observed_min", "observed_max")

    def _scan(self, values: np.ndarray, stops: list[int]) -> list[dict[str, np.ndarray]]:
        n = values.shape[0]
        level, slope = np.full(n, np.nan), np.zeros(n)
        seen, gap = np.zeros(n, dtype=int), np.zeros(n)
        low, high = np.full(n, np.inf), np.full(n, -np.inf)
        a, b, phi = float(self.alpha), float(self.beta), float(self.phi)
        states = {0: (level, slope, low, high)}
        for t, column in enumerate(values.T, start=1):
            observed = ~np.isnan(column)
            gap = gap + (seen > 0)
            first = observed & (seen == 0)
            second = observed & (seen == 1)
            later = observed & (seen >= 2)
            skipped = ~observed & (seen >= 2)
            # (1) first ratio: the level; (2) second: the slope per year across any gap
            new_level = np.where(first, column, level)
            slope = np.where(second, (column - level) / np.maximum(gap, 1), slope)
            new_level = np.where(second, column, new_level)
            # (3) later ratios: Holt's damped update; unknown years: advance by phi * slope
            predicted = level + phi * slope
            updated = a * column + (1 - a) * predicted
            slope = np.where(later, b * (updated - level) + (1 - b) * phi * slope, slope)
            new_level = np.where(later, updated, new_level)
            new_level = np.where(skipped, predicted, new_level)
            slope = np.where(skipped, phi * slope, slope)
            level = new_level
            seen = seen + observed
            gap = np.where(observed, 0, gap)
            low = np.where(observed, np.minimum(low, column), low)
            high = np.where(observed, np.maximum(high, column), high)
            states[t] = (level, slope, low, high)
        keys = self._state_keys
        return [dict(zip(keys, states[stop], strict=True)) for stop in stops]

    def _forecast(self, state: dict[str, np.ndarray], horizon: int) -> np.ndarray:
        phi = float(self.phi)
        damping = np.cumsum(phi ** np.arange(1, horizon + 1))
        path = state["level"][:, None] + state["slope"][:, None] * damping[None, :]
        if self.reach is not None:
            reach = float(self.reach)
            low = state["observed_min"] * (1 - reach)
            high = state["observed_max"] * (1 + reach)
            path = np.clip(path, low[:, None], high[:, None])
        return path


def default_candidates(*, lower: float = 0.0, upper: float = math.inf) -> dict[str, RatioModel]:
    """The three ratio models every series is backtested with, keyed by name."""
    models: list[RatioModel] = [
        MeanRatio(3, lower=lower, upper=upper),
        ExpSmoothingRatio(0.5, lower=lower, upper=upper),
        DampedTrendRatio(lower=lower, upper=upper),
    ]
    return {m.name: m for m in models}
