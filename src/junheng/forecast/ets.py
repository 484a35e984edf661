"""A ratio that trends, damped toward a cap: Holt's damped trend on the logit of ratio / cap.

Entry and transition ratios drift for years (better registration of births, fewer dropouts,
children moving to town) and then settle; a ratio near 1 cannot keep growing by the same step.
The model transforms each ratio to ``z = logit(r / cap)`` with ``cap = cap_factor x`` the
highest ratio observed, fits statsmodels' ``ExponentialSmoothing`` with an additive damped trend
on ``z`` (smoothing, trend and damping parameters by maximum likelihood), and maps the forecast
back: ``r = cap / (1 + exp(-z))``. The trend flattens (damping) and the ratio can only approach
the cap, never cross it.

statsmodels fits one series at a time (milliseconds each), so this model serves the stage mode
(a few national or provincial series); the county projection keeps the vectorised models of
:mod:`junheng.forecast.ratios`. A series with fewer than ``min_observed`` known ratios, or one
the optimiser cannot fit, keeps its last ratio.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.ratios import RatioModel, _check_horizon, as_series_matrix


class EtsDampedRatio(RatioModel):
    """Damped-trend exponential smoothing (statsmodels) of logit(ratio / cap), per series.

    Parameters
    ----------
    cap_factor : float
        The cap is this multiple of the highest observed ratio (> 1).
    min_observed : int
        Known ratios a series needs to be fitted; fewer keep the last ratio.
    lower, upper : float
        Absolute bounds on forecast ratios.

    Examples
    --------
    >>> model = EtsDampedRatio().fit([0.80, 0.84, 0.88, 0.91, 0.93, 0.95])
    >>> path = model.predict(6)
    >>> bool(0.95 < path[0] and (path < 0.95 * 1.1).all() and (np.diff(path) >= 0).all())
    True
    """

    name = "ets"
    label = "阻尼趋势（趋向上限）"

    def __init__(self, cap_factor: float = 1.1, min_observed: int = 4, *, lower: float = 0.0,
                 upper: float = math.inf):
        super().__init__(lower=lower, upper=upper)
        self.cap_factor = cap_factor
        self.min_observed = min_observed

    def _validate_params(self) -> None:
        super()._validate_params()
        if not float(self.cap_factor) > 1.0:
            raise JunhengError(f"上限倍数 cap_factor={self.cap_factor} 无效：须大于 1。")
        if isinstance(self.min_observed, bool) or not isinstance(self.min_observed, int) \
                or self.min_observed < 3:
            raise JunhengError(f"最少观测数 min_observed={self.min_observed!r} 无效：须为不小于 3 的整数。")

    def fit(self, ratios: Any) -> EtsDampedRatio:
        """Fit every series (rows of a 2-D array, or one 1-D series); returns ``self``."""
        self._validate_params()
        values, one_series = as_series_matrix(ratios)
        self.series_ = [row[~np.isnan(row)] for row in values]
        self.n_series_ = values.shape[0]
        self.n_observed_ = np.array([len(s) for s in self.series_])
        self.one_series_ = one_series
        return self

    def predict(self, horizon: int) -> np.ndarray:
        """Ratios for the next ``horizon`` years: shape (series, horizon), or (horizon,)."""
        if not hasattr(self, "series_"):
            raise NotFittedError(f"{self.label}尚未拟合：请先调用 fit() 再调用 predict()。")
        horizon = _check_horizon(horizon)
        path = np.vstack([self._one(s, horizon) for s in self.series_])
        path = self._bounded(path)
        return path[0] if self.one_series_ else path

    def backtest_paths(self, ratios: Any, origins: list[int], horizon: int) -> np.ndarray:
        """Forecasts made at each origin from the years before it: (series, origins, horizon)."""
        self._validate_params()
        values, _ = as_series_matrix(ratios)
        horizon = _check_horizon(horizon)
        out = np.full((values.shape[0], len(origins), horizon), np.nan)
        for i, row in enumerate(values):
            for j, origin in enumerate(origins):
                known = row[:origin][~np.isnan(row[:origin])]
                out[i, j] = self._bounded(self._one(known, horizon)[None, :])[0]
        return out

    def _one(self, known: np.ndarray, horizon: int) -> np.ndarray:
        if known.size == 0:
            return np.full(horizon, np.nan)
        last = np.full(horizon, known[-1])
        if known.size < self.min_observed or not (known > 0).all():
            return last
        cap = float(self.cap_factor) * float(known.max())
        path = _damped_logit_path(known / cap, horizon)
        return last if path is None else cap * path


def _damped_logit_path(shares: np.ndarray, horizon: int) -> np.ndarray | None:
    """Forecast of shares in (0, 1) by damped Holt on their logits; None if it cannot be fitted."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    z = np.log(shares / (1 - shares))
    if np.ptp(z) < 1e-9:
        return np.full(horizon, shares[-1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # SLSQP: scipy's L-BFGS-B is ten times slower where BLAS threads compete for cores
            model = ExponentialSmoothing(z, trend="add", damped_trend=True,
                                         initialization_method="estimated")
            fitted = model.fit(use_brute=False, method="SLSQP")
            forecast = np.asarray(fitted.forecast(horizon), dtype=float)
        except (ValueError, np.linalg.LinAlgError):
            return None
    if not np.isfinite(forecast).all():
        return None
    return 1 / (1 + np.exp(-forecast))
