"""Migration and urbanisation: the trend of each town's share of its county's children.

Children move from villages to the county seat. Two views of the same movement are fitted with
:class:`TownShareTrend`:

* over **years**: each town's share of the county's births (or children) year by year; the
  trend carries the split of future births between towns;
* over **ages** (by cohort): in one year's village table, the share a town holds of the
  county's children aged 0, 1, …, 14. A cohort's share at age ``a`` against its share at birth
  (births ``a`` years earlier) shows how the cohort moved while it aged; the slope per year of
  age is the town's migration factor used to age village children forward.

A drift is the slope of the log share per period (``0.02`` = the share grows about 2% a year).
Shares are renormalised within each county, so migration moves children between towns and
leaves the county's total to the other factors.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from junheng.errors import JunhengError, NotFittedError


def group_sums(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Sum the rows of ``values`` within each group and return them aligned with the rows."""
    n_groups = int(groups.max()) + 1 if groups.size else 0
    flat = np.where(np.isnan(values), 0.0, values)
    sums = np.zeros((n_groups,) + values.shape[1:])
    np.add.at(sums, groups, flat)
    return sums[groups]


def within_group_shares(counts: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each row's share of its group's total per column (NaN where the total is zero)."""
    totals = group_sums(counts, groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, counts / np.where(totals > 0, totals, 1.0), np.nan)


def _log_slopes(log_values: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Least-squares slope of each row against ``x`` over its known values (0 if < 2 known)."""
    known = ~np.isnan(log_values)
    count = known.sum(axis=1)
    xs = np.where(known, x[None, :], 0.0)
    ys = np.where(known, log_values, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_mean = xs.sum(axis=1) / np.maximum(count, 1)
        y_mean = ys.sum(axis=1) / np.maximum(count, 1)
        dx = np.where(known, x[None, :] - x_mean[:, None], 0.0)
        dy = np.where(known, log_values - y_mean[:, None], 0.0)
        denominator = (dx * dx).sum(axis=1)
        slope = (dx * dy).sum(axis=1) / denominator
    return np.where((count >= 2) & (denominator > 0), slope, 0.0)


class TownShareTrend:
    """Trend of each town's share of its county's children over periods (years or ages).

    Parameters
    ----------
    window : int or None
        Use only the last ``window`` periods (``None``: all).
    max_drift : float
        Bound on the absolute drift per period (log share), so a noisy town cannot run away.

    Attributes
    ----------
    drift_ : ndarray
        Slope of the log share per period, per town.
    share_ : ndarray
        Share in the last period (renormalised), per town.

    Examples
    --------
    >>> counts = np.array([[50.0, 55.0, 60.5], [50.0, 45.0, 39.5]])  # seat grows, village shrinks
    >>> trend = TownShareTrend().fit(counts, groups=np.array([0, 0]))
    >>> bool(trend.drift_[0] > 0 > trend.drift_[1])
    True
    >>> trend.predict(1).sum(axis=0).round(6).tolist()
    [1.0]
    """

    def __init__(self, window: int | None = 6, max_drift: float = 0.1):
        self.window = window
        self.max_drift = max_drift

    def _validate_params(self) -> None:
        if self.window is not None and (isinstance(self.window, bool)
                                        or not isinstance(self.window, int) or self.window < 2):
            raise JunhengError(f"迁移趋势窗口 window={self.window!r} 无效：须为不小于 2 的整数或 None。")
        if not float(self.max_drift) >= 0.0:
            raise JunhengError(f"迁移漂移上限 max_drift={self.max_drift} 无效：须为非负数。")

    def fit(self, counts: Any, groups: Any = None, baseline: Any = None) -> TownShareTrend:
        """Fit from children counts (towns x periods, oldest period first).

        ``groups`` gives each town's county (default: one county). ``baseline``, the same shape,
        holds counts the shares are compared against (the cohorts' births): the drift is then
        the trend of ``share / baseline share``, i.e. movement after birth.
        """
        self._validate_params()
        counts = np.asarray(counts, dtype=float)
        if counts.ndim != 2:
            raise JunhengError(f"迁移趋势的儿童数须为“乡镇 × 时期”二维数组，收到 {counts.ndim} 维。")
        groups = np.zeros(counts.shape[0], dtype=int) if groups is None \
            else np.asarray(groups, dtype=int)
        if self.window is not None:
            counts = counts[:, -self.window:]
            baseline = None if baseline is None else np.asarray(baseline, float)[:, -self.window:]
        shares = within_group_shares(counts, groups)
        relative = shares
        if baseline is not None:
            base_shares = within_group_shares(np.asarray(baseline, dtype=float), groups)
            with np.errstate(invalid="ignore", divide="ignore"):
                relative = np.where(base_shares > 0, shares / base_shares, np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            log_relative = np.where(relative > 0, np.log(np.where(relative > 0, relative, 1)),
                                    np.nan)
        drift = _log_slopes(log_relative, np.arange(counts.shape[1], dtype=float))
        self.drift_ = np.clip(drift, -float(self.max_drift), float(self.max_drift))
        self.groups_ = groups
        self.share_ = _last_known(shares)
        return self

    def predict(self, steps: int) -> np.ndarray:
        """Shares for the next ``steps`` periods (towns x steps), summing to 1 in each county."""
        if not hasattr(self, "drift_"):
            raise NotFittedError("迁移趋势尚未拟合：请先调用 fit() 再调用 predict()。")
        ahead = np.arange(1, int(steps) + 1, dtype=float)
        raw = self.share_[:, None] * np.exp(self.drift_[:, None] * ahead[None, :])
        return within_group_shares(raw, self.groups_)

    def factors(self) -> np.ndarray:
        """Per town, the factor by which one period of migration multiplies its children."""
        if not hasattr(self, "drift_"):
            raise NotFittedError("迁移趋势尚未拟合：请先调用 fit()。")
        return np.exp(self.drift_)


def _last_known(shares: np.ndarray) -> np.ndarray:
    known = ~np.isnan(shares)
    if shares.shape[1] == 0:
        return np.zeros(shares.shape[0])
    last = shares.shape[1] - 1 - np.argmax(known[:, ::-1], axis=1)
    out = shares[np.arange(shares.shape[0]), last]
    return np.where(known.any(axis=1), out, 0.0)
