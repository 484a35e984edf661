"""Choose a forecasting method only when it beats the naive forecast on rolling-origin backtests.

The naive forecast carries the last observed number forward ("保持上年"). Every candidate is
backtested from the same origins; its absolute percentage errors (APE) are averaged per horizon
and the horizons are averaged with equal weight, so a method cannot win on the many one-year
errors while losing the few long ones. Only horizons with at least ``min_origins`` errors count
(the longest horizons have one or two origins, too few to judge by). The rule:

1. With no backtest origin at all there is no evidence either way: the ``default`` method (the
   simplest cohort ratio) is used and the reason says it was not compared with naive.
2. With fewer than ``min_origins`` origins only the simplest candidates (``simple``) may compete:
   the small-sample guard.
3. A candidate is eligible only if its score is below naive's by the margin
   ``max(min_margin, 0.5 / origins)`` (relative): 17% with three origins, 5% with ten, so a
   short history needs a clear win.
4. Of the eligible candidates the simplest (earliest in ``candidates``) within the same margin
   of the best is chosen; without an eligible one, naive is chosen, and the reason says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import JunhengError

NAIVE = "naive"
NAIVE_LABEL = "保持上年"
MIN_ORIGINS = 3
MIN_MARGIN = 0.01


@dataclass(frozen=True)
class MethodChoice:
    """The chosen method of one series, why, and the backtest MAPE (%) it rests on.

    ``mape`` has one row per horizon (index ``horizon``) and one column per method (naive
    first); ``score`` is each method's mean over the horizons with enough errors.
    """

    method: str
    reason: str
    n_origins: int
    mape: pd.DataFrame
    score: Mapping[str, float]
    compared: bool

    @property
    def naive_chosen(self) -> bool:
        return self.method == NAIVE


def mape_by_horizon(ape: np.ndarray) -> np.ndarray:
    """Mean APE in % per horizon of an (origins x horizons) array (NaN where none)."""
    ape = np.asarray(ape, dtype=float)
    count = (~np.isnan(ape)).sum(axis=0)
    total = np.where(np.isnan(ape), 0.0, ape).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, 100 * total / np.maximum(count, 1), np.nan)


def margin_for(n_origins: int, min_margin: float = MIN_MARGIN) -> float:
    """How much better than naive (relative) a method must be with ``n_origins`` origins."""
    return max(min_margin, 0.5 / max(n_origins, 1))


def choose_method(errors: Mapping[str, np.ndarray], labels: Mapping[str, str], *,
                  default: str, simple: Sequence[str] = (), min_origins: int = MIN_ORIGINS
                  ) -> MethodChoice:
    """Choose among ``errors`` (method -> APE array origins x horizons; must include naive).

    Parameters
    ----------
    errors : mapping
        Backtest APEs (fractions) of naive and of every candidate, in order of simplicity.
    labels : mapping
        Chinese name of each method, for the reason.
    default : str
        The method used when there is no backtest origin at all.
    simple : sequence of str
        Candidates allowed to compete when there are fewer than ``min_origins`` origins.

    Examples
    --------
    >>> naive = np.array([[0.10], [0.10], [0.10]])
    >>> ratio = np.array([[0.02], [0.01], [0.03]])
    >>> choose_method({"naive": naive, "mean3": ratio}, {"naive": "保持上年", "mean3": "近3年均值"},
    ...               default="mean3").method
    'mean3'
    """
    if NAIVE not in errors:
        raise JunhengError("模型比较缺少“保持上年”基准的回测误差。")
    arrays = {name: np.atleast_2d(np.asarray(value, dtype=float)) for name, value in errors.items()}
    n_origins = int((~np.isnan(arrays[NAIVE])).any(axis=1).sum())
    table = _mape_table(arrays)
    judged = _judged_horizons(arrays[NAIVE], table.index, min_origins)
    score = {name: _score(table[name].loc[judged]) for name in table.columns}
    if n_origins == 0:
        reason = f"可回测的历史不足（没有回测起点），无法与“{NAIVE_LABEL}”比较，按{labels[default]}推算。"
        return MethodChoice(default, reason, 0, table, score, False)
    allowed = [n for n in arrays if n != NAIVE and (n_origins >= min_origins or n in simple)]
    method = _pick(score, allowed, margin_for(n_origins))
    return MethodChoice(method, _reason(method, score, labels, n_origins, allowed, min_origins),
                        n_origins, table, score, True)


def _mape_table(arrays: Mapping[str, np.ndarray]) -> pd.DataFrame:
    width = max(a.shape[1] for a in arrays.values())
    columns = {}
    for name, ape in arrays.items():
        padded = np.full((ape.shape[0], width), np.nan)
        padded[:, :ape.shape[1]] = ape
        columns[name] = mape_by_horizon(padded)
    return pd.DataFrame(columns, index=pd.Index(np.arange(1, width + 1), name="horizon"))


def _judged_horizons(naive: np.ndarray, horizons: pd.Index, min_origins: int) -> pd.Index:
    """Horizons with at least ``min_origins`` naive errors (all horizons if none has)."""
    counts = np.zeros(len(horizons), dtype=int)
    counts[:naive.shape[1]] = (~np.isnan(naive)).sum(axis=0)
    enough = horizons[counts >= min_origins]
    return enough if len(enough) else horizons


def _score(mape: pd.Series) -> float:
    known = mape.dropna()
    return float(known.mean()) if len(known) else float("nan")


def _pick(score: Mapping[str, float], allowed: list[str], margin: float) -> str:
    naive = score[NAIVE]
    eligible = [n for n in allowed if np.isfinite(score[n]) and score[n] < naive * (1 - margin)]
    if not eligible:
        return NAIVE
    best = min(score[n] for n in eligible)
    return next(n for n in eligible if score[n] <= best * (1 + margin) + 1e-12)


def _reason(method: str, score: Mapping[str, float], labels: Mapping[str, str], n_origins: int,
            allowed: list[str], min_origins: int) -> str:
    naive = f"“{NAIVE_LABEL}”{error_percent(score[NAIVE])}"
    guard = (f"回测起点只有 {n_origins} 个（少于 {min_origins} 个），只比较最简单的方法；"
             if n_origins < min_origins else "")
    if method != NAIVE:
        return (f"{guard}{n_origins} 个回测起点的平均绝对百分比误差：{_said(labels[method], score[method])}"
                f"，低于{naive}，选用{labels[method]}。")
    finite = [n for n in allowed if np.isfinite(score[n])]
    if not finite:
        return f"{guard}没有可与“{NAIVE_LABEL}”比较的方法，采用“{NAIVE_LABEL}”。"
    best = min(finite, key=lambda n: score[n])
    return (f"{guard}{n_origins} 个回测起点中没有方法明显胜过{naive}（最好的{_said(labels[best], score[best])}"
            f"），采用“{NAIVE_LABEL}”。")


def _said(label: str, value: float) -> str:
    """「逐级推移 0.7%」, 「逐级推移不到 0.1%」: a method and its error (review rvweb 12: 「逐级推移0.7%」)."""
    shown = error_percent(value)
    return f"{label}{shown}" if shown.startswith("不到") else f"{label} {shown}"


def error_percent(value: float | None) -> str:
    """A backtest error already in percent, to one place: 「0.7%」; 「不到 0.1%」 for an error
    above 0 that one place would show as 「0.0%」 (review rvweb 12: 高中 read 「0.0%」 beside 5 of 5
    intervals hit, as if there were no error); 「0%」 when none (float noise below 10⁻⁹ of a
    percent counts as none); 「—」 when unknown.

    >>> error_percent(0.71), error_percent(0.04), error_percent(1e-14), error_percent(float("nan")), error_percent(None)
    ('0.7%', '不到 0.1%', '0%', '—', '—')
    """
    if value is None or not np.isfinite(float(value)):
        return "—"
    value = float(value)
    if abs(value) < 1e-9:
        return "0%"
    return "不到 0.1%" if abs(value) < 0.05 else f"{value:.1f}%"
