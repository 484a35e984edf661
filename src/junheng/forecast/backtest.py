"""Rolling-origin backtest of the whole projection: how wrong it has been, per horizon.

For each origin year ``o`` in the history, the panel is cut back to what was known in ``o``
(:meth:`~junheng.forecast.panel.EnrolmentPanel.until`), the projection is fitted on that and run
forward, and its students are compared with what the schools then reported. Errors are kept at
four levels: each school and grade, each school's total, each town's and each county's total per
stage. They give the accuracy a user should expect (MAPE by horizon, as NCES publishes for its
own projections) and the empirical prediction intervals.

Methods: ``auto`` (each series' backtest-chosen model), the name of one candidate model used for
every series, and two baselines: ``last`` (every grade keeps its last known number) and
``mean_all`` (every ratio fixed at its mean over all history).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from junheng.errors import JunhengError
from junheng.forecast.cohort import CohortProjection
from junheng.forecast.intervals import EmpiricalIntervals
from junheng.forecast.panel import GRADE_STAGES, EnrolmentPanel
from junheng.forecast.ratios import MeanRatio, RatioModel, default_candidates
from junheng.forecast.selection import absolute_percentage_errors

LEVELS: tuple[str, ...] = ("school_grade", "school", "town_stage", "county_stage")
STAGES: tuple[str, ...] = ("preschool", "primary", "junior", "senior")
BASELINES: tuple[str, ...] = ("last", "mean_all")
STAGE_OF_GRADE = np.array([STAGES.index(s) for s in GRADE_STAGES])


@dataclass(frozen=True)
class LevelErrors:
    """Backtest pairs at one level: horizon, stage (``all`` for school totals), forecast, outcome."""

    horizon: np.ndarray
    stage: np.ndarray
    predicted: np.ndarray
    actual: np.ndarray


@dataclass(frozen=True)
class ProjectionBacktest:
    """The errors of one method over every origin, per level."""

    method: str
    origins: tuple[int, ...]
    levels: Mapping[str, LevelErrors]

    def accuracy(self) -> pd.DataFrame:
        """MAPE (%) and error count by level, stage (``all`` = pooled) and horizon."""
        frames = [_mape_table(self.method, level, errors) for level, errors in self.levels.items()]
        columns = ["method", "level", "stage", "horizon", "mape", "n"]
        frames = [f for f in frames if not f.empty]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)

    def intervals(self, coverage: float = 0.8) -> dict[str, EmpiricalIntervals]:
        """Empirical intervals per level, fitted on this backtest's errors."""
        return {level: EmpiricalIntervals(coverage=coverage).fit(e.horizon, e.predicted, e.actual)
                for level, e in self.levels.items()}


def _mape_table(method: str, level: str, errors: LevelErrors) -> pd.DataFrame:
    """Mean APE per stage and horizon, and pooled over stages as stage ``all``."""
    ape = absolute_percentage_errors(errors.predicted, errors.actual)
    known = ~np.isnan(ape)
    stages = np.asarray(errors.stage, dtype=object)[known]
    horizon = errors.horizon[known].astype(int)
    ape = ape[known]
    names, stage_code = np.unique(stages.astype(str), return_inverse=True)
    rows = []
    width = int(horizon.max(initial=0)) + 1
    for label, mask in [(n, stage_code == k) for k, n in enumerate(names) if n != "all"] + \
            [("all", np.ones(len(ape), dtype=bool))]:
        total = np.bincount(horizon[mask], weights=ape[mask], minlength=width)
        count = np.bincount(horizon[mask], minlength=width)
        for h in np.flatnonzero(count):
            rows.append((method, level, label, int(h), 100 * total[h] / count[h], int(count[h])))
    frame = pd.DataFrame(rows, columns=["method", "level", "stage", "horizon", "mape", "n"])
    order = {s: i for i, s in enumerate((*STAGES, "all"))}
    return frame.sort_values(["stage", "horizon"], key=lambda c: c.map(order) if c.name == "stage"
                             else c, ignore_index=True)


def method_names(candidates: Mapping[str, RatioModel] | None = None) -> tuple[str, ...]:
    """Every method :func:`backtest_projection` accepts: auto, each candidate, the baselines."""
    return ("auto", *(candidates or default_candidates()), *BASELINES)


def backtest_projection(panel: EnrolmentPanel, horizon: int, *, method: str = "auto",
                        max_origins: int = 6, options: Mapping[str, Any] | None = None
                        ) -> ProjectionBacktest:
    """Rolling-origin backtest of the projection of ``panel`` with ``method``.

    Parameters
    ----------
    panel : EnrolmentPanel
        Full history; origins are its years from the second to the second-last (at most
        ``max_origins`` of the latest).
    horizon : int
        Longest horizon scored (shorter where the history ends first).
    method : str
        ``auto``, a candidate model's name, ``last`` or ``mean_all``.
    options : mapping, optional
        Keyword arguments for :class:`~junheng.forecast.cohort.CohortProjection`.
    """
    options = dict(options or {})
    names = method_names(options.get("candidates"))
    if method not in names:
        raise JunhengError(f"回测方法 {method!r} 不存在：可选 {'、'.join(names)}。")
    years = panel.years
    first = max(1, len(years) - 1 - int(max_origins))
    origins = tuple(int(y) for y in years[first:-1])
    collected: dict[str, list[LevelErrors]] = {level: [] for level in LEVELS}
    for origin in origins:
        known = panel.until(origin)
        steps = min(horizon, panel.base_year - origin)
        predicted = _predict(known, steps, method, options)
        o = int(np.flatnonzero(years == origin)[0])
        actual = panel.students[:, :, o + 1:o + 1 + steps]
        for level, errors in _level_errors(panel, predicted, actual).items():
            collected[level].append(errors)
    return ProjectionBacktest(method, origins, {lvl: _concat(v) for lvl, v in collected.items()})


def _predict(panel: EnrolmentPanel, steps: int, method: str, options: dict[str, Any]
             ) -> np.ndarray:
    if method == "last":
        base = np.where(panel.allowed, np.nan_to_num(panel.students[:, :, -1]), 0.0)
        return np.repeat(base[:, :, None], steps, axis=2)
    if method == "mean_all":
        options = {**options, "candidates": {"mean_all": MeanRatio(None)}}
    elif method != "auto":
        candidates = options.get("candidates") or default_candidates()
        options = {**options, "candidates": {method: candidates[method]}}
    return CohortProjection(**options).fit(panel).predict(steps).students


def _level_errors(panel: EnrolmentPanel, predicted: np.ndarray, actual: np.ndarray
                  ) -> dict[str, LevelErrors]:
    """Errors of one origin at every level (school-grade, school, town-stage, county-stage)."""
    steps = predicted.shape[2]
    horizon = np.arange(1, steps + 1)
    known = panel.allowed[:, :, None] & ~np.isnan(actual)
    s, g, h = np.nonzero(known)
    stage_names = np.asarray(STAGES, dtype=object)
    out = {"school_grade": LevelErrors(horizon[h], stage_names[STAGE_OF_GRADE[g]],
                                       predicted[s, g, h], actual[s, g, h])}
    reported = known.any(axis=1)  # school x horizon
    pred0 = np.where(known, predicted, 0.0)
    act0 = np.where(known, actual, 0.0)
    s, h = np.nonzero(reported)
    out["school"] = LevelErrors(horizon[h], np.full(len(s), "all", dtype=object),
                                pred0.sum(axis=1)[s, h], act0.sum(axis=1)[s, h])
    one_hot = (STAGE_OF_GRADE[:, None] == np.arange(len(STAGES))[None, :]).astype(float)
    pred_stage = np.einsum("sgh,gk->skh", pred0, one_hot)
    act_stage = np.einsum("sgh,gk->skh", act0, one_hot)
    has_stage = np.einsum("sgh,gk->skh", known.astype(float), one_hot) > 0
    for level, group, size in (("town_stage", panel.school_town, panel.n_towns),
                               ("county_stage", panel.school_county, panel.n_counties)):
        inside = group >= 0
        pred_g = np.zeros((size, len(STAGES), steps))
        act_g = np.zeros_like(pred_g)
        any_g = np.zeros(pred_g.shape, dtype=bool)
        np.add.at(pred_g, group[inside], pred_stage[inside])
        np.add.at(act_g, group[inside], act_stage[inside])
        np.logical_or.at(any_g, group[inside], has_stage[inside])
        i, k, hh = np.nonzero(any_g)
        out[level] = LevelErrors(horizon[hh], stage_names[k], pred_g[i, k, hh], act_g[i, k, hh])
    return out


def _concat(parts: list[LevelErrors]) -> LevelErrors:
    if not parts:
        empty = np.zeros(0)
        return LevelErrors(empty.astype(int), empty.astype(object), empty, empty)
    return LevelErrors(*(np.concatenate([getattr(p, f) for p in parts])
                         for f in ("horizon", "stage", "predicted", "actual")))
