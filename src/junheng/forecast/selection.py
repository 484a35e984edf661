"""Choose a ratio model per series by a rolling-origin backtest on that series' own history.

For every origin year ``o`` the candidate is fitted on the years before ``o`` and asked for the
next ``horizon`` ratios; each is compared with what happened. The absolute percentage errors
(APE) are pooled per series and candidate into a MAPE, and each series gets the candidate with
the lowest MAPE (the earlier candidate on a tie, so the simplest model wins when all are
equally good, up to rounding noise). A series with too few backtest errors gets the default model, and the reason
says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.ratios import RatioModel, as_series_matrix, default_candidates

TIE_TOLERANCE = 1e-9


def absolute_percentage_errors(predicted: np.ndarray, actual: np.ndarray) -> np.ndarray:
    """``|predicted - actual| / actual`` where ``actual > 0`` and both are known, else NaN."""
    valid = (actual > 0) & ~np.isnan(predicted) & ~np.isnan(actual)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(valid, np.abs(predicted - actual) / np.where(valid, actual, 1.0), np.nan)


def rolling_origin_errors(model: RatioModel, ratios: Any, horizon: int = 3,
                          min_train: int = 3) -> np.ndarray:
    """APE of ``model`` at every origin and horizon: shape (series, origins, horizon).

    Origin ``o`` trains on years ``[0, o)`` and is scored on years ``o .. o + horizon - 1``;
    origins run from ``min_train`` to the last year. Errors are NaN where the series had fewer
    than ``min_train`` observed ratios before the origin or the year is unknown.

    Examples
    --------
    >>> from junheng.forecast.ratios import MeanRatio
    >>> rolling_origin_errors(MeanRatio(1), [1.0, 1.0, 2.0], horizon=1, min_train=1)[0, :, 0]
    array([0. , 0.5])
    """
    values, _ = as_series_matrix(ratios)
    years = values.shape[1]
    origins = list(range(min_train, years))
    if not origins:
        return np.full((values.shape[0], 0, horizon), np.nan)
    predicted = model.backtest_paths(values, origins, horizon)
    actual = np.full(predicted.shape, np.nan)
    for i, origin in enumerate(origins):
        span = min(horizon, years - origin)
        actual[:, i, :span] = values[:, origin:origin + span]
    observed_before = np.cumsum(~np.isnan(values), axis=1)[:, np.asarray(origins) - 1]
    errors = absolute_percentage_errors(predicted, actual)
    return np.where((observed_before >= min_train)[:, :, None], errors, np.nan)


def _nan_mean(errors: np.ndarray, axis: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    count = (~np.isnan(errors)).sum(axis=axis)
    total = np.where(np.isnan(errors), 0.0, errors).sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan), count


class ModelSelector:
    """Per-series choice among ratio models by rolling-origin backtest MAPE.

    Parameters
    ----------
    candidates : mapping of name to RatioModel, optional
        Models to compare, in order of preference on ties; default
        :func:`~junheng.forecast.ratios.default_candidates`.
    horizon : int
        Backtest horizons pooled into each MAPE.
    min_train : int
        Observed ratios a series needs before an origin for that origin to count.
    min_errors : int
        Backtest errors a series needs to be judged; fewer gives the default model.
    default : str
        Name of the model used for series that cannot be judged.

    Examples
    --------
    >>> trend = [1.0 + 0.05 * t for t in range(8)]
    >>> selector = ModelSelector().fit(trend)
    >>> selector.chosen_[0]
    'damped'
    """

    def __init__(self, candidates: Mapping[str, RatioModel] | None = None, horizon: int = 3,
                 min_train: int = 3, min_errors: int = 2, default: str | None = None):
        self.candidates = candidates
        self.horizon = horizon
        self.min_train = min_train
        self.min_errors = min_errors
        self.default = default

    def _validated(self) -> tuple[dict[str, RatioModel], str]:
        candidates = dict(self.candidates) if self.candidates is not None else default_candidates()
        if not candidates:
            raise JunhengError("没有候选模型：请至少提供一个比率模型。")
        default = self.default if self.default is not None else next(iter(candidates))
        if default not in candidates:
            raise JunhengError(f"默认模型 {default!r} 不在候选模型 {sorted(candidates)} 中。")
        for name, value in (("horizon", self.horizon), ("min_train", self.min_train),
                            ("min_errors", self.min_errors)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise JunhengError(f"模型选择参数 {name}={value!r} 无效：须为不小于 1 的整数。")
        return candidates, default

    def fit(self, ratios: Any) -> ModelSelector:
        """Backtest every candidate on every series, choose, and refit on full history."""
        candidates, default = self._validated()
        values, one_series = as_series_matrix(ratios)
        names = list(candidates)
        mape = np.empty((values.shape[0], len(names)))
        counts = np.zeros(values.shape[0], dtype=int)
        for j, name in enumerate(names):
            errors = rolling_origin_errors(candidates[name], values, self.horizon, self.min_train)
            mape[:, j], count = _nan_mean(errors, axis=(1, 2))
            counts = np.maximum(counts, count)
        judged = counts >= self.min_errors
        scored = np.where(np.isnan(mape), np.inf, mape)
        # errors equal up to rounding noise count as a tie: the earlier (simpler) model wins
        best = np.argmax(scored <= scored.min(axis=1, keepdims=True) + TIE_TOLERANCE, axis=1)
        choice = np.where(judged, best, names.index(default))
        self.names_ = tuple(names)
        self.choice_ = choice
        self.mape_ = mape
        self.n_errors_ = counts
        self.judged_ = judged
        self.models_ = {name: candidates[name].clone().fit(values) for name in names}
        self.one_series_ = one_series
        return self

    @property
    def chosen_(self) -> np.ndarray:
        """The chosen model's name per series."""
        self._check_fitted()
        return np.asarray(self.names_, dtype=object)[self.choice_]

    def _check_fitted(self) -> None:
        if not hasattr(self, "choice_"):
            raise NotFittedError("模型选择尚未拟合：请先调用 fit() 再调用 predict()。")

    def predict(self, horizon: int) -> np.ndarray:
        """Each series' forecast ratios from its chosen model: (series, horizon) or (horizon,)."""
        self._check_fitted()
        paths = np.stack([np.atleast_2d(self.models_[name].predict(horizon))
                          for name in self.names_])
        out = paths[self.choice_, np.arange(paths.shape[1]), :]
        return out[0] if self.one_series_ else out

    def report(self) -> pd.DataFrame:
        """Per series: ``model``, ``reason`` (Chinese), ``n_errors`` and ``mape_<name>`` in %."""
        self._check_fitted()
        frame = pd.DataFrame({"model": self.chosen_, "n_errors": self.n_errors_})
        for j, name in enumerate(self.names_):
            frame[f"mape_{name}"] = self.mape_[:, j] * 100
        frame["reason"] = self._reasons()
        return frame

    def _reasons(self) -> np.ndarray:
        add = np.strings.add
        listed = np.full(len(self.choice_), "", dtype=str)
        shown, tied = shown_percents(self.mape_ * 100, self.choice_)
        for j, name in enumerate(self.names_):
            sep = "" if j == 0 else "，"
            listed = add(add(listed, f"{sep}{name} "), shown[:, j])
        counts = _COUNT_TEXT[np.minimum(self.n_errors_, len(_COUNT_TEXT) - 1)]
        head = np.where(tied, "回测 MAPE 并列最低（", "回测 MAPE 最低（")
        tail = np.where(tied, add(add(f" 个误差；相差不足 {TIE_SHOWN} 个百分点，并列时取候选顺序在前、较简单的模型：",
                                      self.chosen_.astype(str)), "）"), " 个误差）")
        judged = add(add(add(add(head, listed), "；共 "), counts), tail)
        unjudged = add(add(add("可回测的历史不足（", counts),
                           f" 个误差，少于 {self.min_errors}），采用默认模型 "),
                       self.chosen_.astype(str))
        return np.where(self.judged_, judged, unjudged).astype(object)


#: the most decimals a reason shows of a MAPE (%), and the difference below which the
#: printed figures cannot tell candidates apart (review rv 13: 「最低」 beside 0.1%, 0.1%, 0.1%)
MAX_DIGITS = 4
TIE_SHOWN = "0.0001"


def shown_percents(percents: np.ndarray, choice: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each series' MAPEs (%) as text with the fewest decimals (1 to :data:`MAX_DIGITS`) that
    show the chosen candidate below every other, and whether even :data:`MAX_DIGITS` cannot
    (a tie: the reason then says so and how a tie is broken). "—" where a MAPE is unknown.

    Hand-worked: 0.1412 vs 0.1381 read 0.1% / 0.1%, then 0.14% / 0.14%, then 0.141% / 0.138%;
    2.46 vs 3.0 differ at one decimal; 0.07 vs 0.07 (equal) tie at every one:

    >>> text, tied = shown_percents(np.array([[0.1412, 0.1381], [2.46, 3.0], [0.07, 0.07]]),
    ...                             np.array([1, 0, 0]))
    >>> text.tolist(), tied.tolist()
    ([['0.141%', '0.138%'], ['2.5%', '3.0%'], ['0.1%', '0.1%']], [False, False, True])

    A later candidate lower by less than the digits show is no tie (the earlier would win one):

    >>> text, tied = shown_percents(np.array([[0.07000002, 0.07]]), np.array([1]))
    >>> text.tolist(), tied.tolist()
    ([['0.0700%', '0.0700%']], [False])
    """
    values = np.asarray(percents, dtype=float)
    rows = np.arange(values.shape[0])
    known = np.isfinite(values) & (values >= 0)
    digits = np.zeros(values.shape[0], dtype=int)
    for d in range(1, MAX_DIGITS + 1):
        rounded = np.where(known, np.round(values, d), np.inf)
        mine = rounded[rows, choice]
        rounded[rows, choice] = np.inf
        apart = mine < rounded.min(axis=1)
        digits = np.where((digits == 0) & apart, d, digits)
    # a tie broken as the selector breaks it: no earlier candidate reads the same (one that
    # does lost by less than the digits show, and the chosen one is lowest, said at most digits)
    earlier = np.arange(values.shape[1])[None, :] < choice[:, None]
    lost = (earlier & (rounded == mine[:, None])).any(axis=1)
    tied = (digits == 0) & ~lost
    digits = np.where(tied, 1, np.where(digits == 0, MAX_DIGITS, digits))
    text = np.full(values.shape, "—", dtype=object)
    for d in range(1, MAX_DIGITS + 1):
        at = (digits == d)[:, None] & known
        text[at] = np.char.mod(f"%.{d}f%%", np.round(values[at], d))  # as compared above
    return text.astype(str), tied


_COUNT_TEXT = np.array([str(i) for i in range(1000)] + ["999+"])
_PERCENT_TEXT = np.array([f"{i / 10:.1f}%" for i in range(10000)] + [">999.9%"])


def format_percent(values: np.ndarray) -> np.ndarray:
    """Non-negative percentages as text with one decimal (``"2.5%"``, ``"—"`` if unknown).

    Vectorised through a lookup table, so a province's worth of series formats in milliseconds.
    """
    values = np.asarray(values, dtype=float)
    known = np.isfinite(values) & (values >= 0)
    tenths = np.round(np.where(known, values, 0.0) * 10)
    text = _PERCENT_TEXT[np.minimum(tenths, len(_PERCENT_TEXT) - 1).astype(np.int64)]
    return np.where(known, text, "—")
