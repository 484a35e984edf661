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

:func:`backtest_with_choice` runs the projection and ``last`` (the naive forecast) from the same
origins and keeps, per county and stage, the projection only where its county total beat naive
(:func:`~junheng.forecast.choice.choose_method`); its ``chosen`` errors are those of the
forecast as made, and give the intervals and the reported accuracy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from junheng.errors import JunhengError
from junheng.forecast.choice import NAIVE, NAIVE_LABEL, choose_method
from junheng.forecast.cohort import CohortProjection
from junheng.forecast.intervals import DEFAULT_FLOOR, EmpiricalIntervals, coverage_flags
from junheng.forecast.panel import GRADE_STAGES, EnrolmentPanel
from junheng.forecast.ratios import MeanRatio, RatioModel, default_candidates
from junheng.forecast.selection import absolute_percentage_errors

LEVELS: tuple[str, ...] = ("school_grade", "school", "town_stage", "county_stage")
STAGES: tuple[str, ...] = ("preschool", "primary", "junior", "senior")
BASELINES: tuple[str, ...] = ("last", "mean_all")
STAGE_OF_GRADE = np.array([STAGES.index(s) for s in GRADE_STAGES])
_FIELDS = ("horizon", "stage", "predicted", "actual", "origin", "county")


@dataclass(frozen=True)
class LevelErrors:
    """Backtest pairs at one level: horizon, stage (``all`` for school totals), forecast,
    outcome, and the origin year and county (index into the panel's counties) of each pair."""

    horizon: np.ndarray
    stage: np.ndarray
    predicted: np.ndarray
    actual: np.ndarray
    origin: np.ndarray
    county: np.ndarray

    def where(self, keep: np.ndarray) -> LevelErrors:
        """The pairs where ``keep`` is true."""
        return LevelErrors(*(getattr(self, f)[keep] for f in _FIELDS))


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

    def intervals(self, coverage: float = 0.8, floor: float = DEFAULT_FLOOR
                  ) -> dict[str, EmpiricalIntervals]:
        """Empirical intervals per level, fitted on this backtest's errors."""
        return {level: interval_model(coverage, floor).fit(e.horizon, e.predicted, e.actual)
                for level, e in self.levels.items()}


def interval_model(coverage: float, floor: float = DEFAULT_FLOOR) -> EmpiricalIntervals:
    """The unfitted intervals of the county projection (finite-sample quantiles, a floor)."""
    return EmpiricalIntervals(coverage=coverage, floor=floor, quantiles="weibull")


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
        for level, errors in _level_errors(panel, predicted, actual, origin).items():
            collected[level].append(errors)
    return ProjectionBacktest(method, origins, {lvl: _concat(v) for lvl, v in collected.items()})


@dataclass(frozen=True)
class ChoiceBacktest:
    """The cohort projection against naive per county and stage, and the chosen mix.

    ``chosen`` holds the errors of the forecast as made (each county-stage by its chosen
    method), ``naive`` those of the last value carried forward; ``naive_stage`` (counties x
    stages) is true where naive was chosen; ``choices`` says per county and stage what was
    chosen and why.
    """

    chosen: ProjectionBacktest
    naive: ProjectionBacktest
    naive_stage: np.ndarray
    choices: pd.DataFrame
    counted: np.ndarray  # per county_stage pair: the stage was reported in its origin year


COHORT = "cohort"
METHOD_LABELS = {NAIVE: NAIVE_LABEL, COHORT: "逐级推移"}


def backtest_with_choice(panel: EnrolmentPanel, horizon: int, *, max_origins: int = 6,
                         options: Mapping[str, Any] | None = None) -> ChoiceBacktest:
    """Backtest the projection and naive from the same origins; choose per county and stage.

    A county-stage keeps the cohort projection only if its county total beat naive's on these
    backtests (:func:`~junheng.forecast.choice.choose_method`); elsewhere naive is chosen.
    """
    options = dict(options or {})
    years = panel.years
    first = max(1, len(years) - 1 - int(max_origins))
    origins = tuple(int(y) for y in years[first:-1])
    runs: dict[str, dict[str, list[LevelErrors]]] = {m: {lvl: [] for lvl in LEVELS}
                                                     for m in (COHORT, NAIVE)}
    sums: dict[str, list] = {COHORT: [], NAIVE: []}
    seen = np.zeros((len(origins), panel.n_counties, len(STAGES)), dtype=bool)
    for i, origin in enumerate(origins):
        known = panel.until(origin)
        steps = min(horizon, panel.base_year - origin)
        o = int(np.flatnonzero(years == origin)[0])
        seen[i] = _reported(panel, o)
        actual = panel.students[:, :, o + 1:o + 1 + steps]
        observed = panel.allowed[:, :, None] & ~np.isnan(actual)
        for method, name in ((COHORT, "auto"), (NAIVE, "last")):
            predicted = _predict(known, steps, name, options)
            for level, errors in _level_errors(panel, predicted, actual, origin).items():
                runs[method][level].append(errors)
            sums[method].append((origin, stage_sums(predicted, actual, observed)))
    levels = {m: {lvl: _concat(v) for lvl, v in runs[m].items()} for m in runs}
    counted = _counted(levels[COHORT]["county_stage"], dict(zip(origins, seen, strict=True)))
    naive_stage, choices = _choose_per_stage(panel, levels, counted)
    mixed = _mixed_levels(panel, levels, sums, naive_stage)
    return ChoiceBacktest(ProjectionBacktest("auto", origins, mixed),
                          ProjectionBacktest("last", origins, levels[NAIVE]), naive_stage,
                          choices, counted)


def _reported(panel: EnrolmentPanel, year_index: int) -> np.ndarray:
    """Counties x stages: whether any school reported pupils of the stage in that year."""
    known = ~np.isnan(panel.students[:, :, year_index]) & panel.allowed
    by_stage = np.stack([known[:, np.equal(STAGE_OF_GRADE, k)].any(axis=1)
                         for k in range(len(STAGES))], axis=1)
    out = np.zeros((panel.n_counties, len(STAGES)), dtype=bool)
    np.logical_or.at(out, panel.school_county, by_stage)
    return out


def _counted(errors: LevelErrors, seen: Mapping[int, np.ndarray]) -> np.ndarray:
    """Per county-stage pair: whether the stage was reported in the origin year (else naive
    had nothing to carry forward and the pair says nothing about either method)."""
    stage_index = np.array([STAGES.index(s) for s in errors.stage], dtype=int)
    return np.array([seen[o][c, k] for o, c, k in zip(errors.origin, errors.county, stage_index,
                                                       strict=True)], dtype=bool)


def _choose_per_stage(panel: EnrolmentPanel, levels: Mapping[str, Mapping[str, LevelErrors]],
                      counted: np.ndarray) -> tuple[np.ndarray, pd.DataFrame]:
    """Per county and stage, cohort or naive, judged on the counted county-stage pairs."""
    naive_stage = np.zeros((panel.n_counties, len(STAGES)), dtype=bool)
    rows = []
    cohort, naive = levels[COHORT]["county_stage"], levels[NAIVE]["county_stage"]
    for c in range(panel.n_counties):
        for k, stage in enumerate(STAGES):
            present = (cohort.county == c) & (cohort.stage == stage)
            if not present.any():
                continue
            keep = present & counted
            errors = {NAIVE: _ape_grid(naive.where(keep)), COHORT: _ape_grid(cohort.where(keep))}
            choice = choose_method(errors, METHOD_LABELS, default=COHORT, simple=(COHORT,))
            naive_stage[c, k] = choice.naive_chosen
            rows.append({"county_code": panel.counties["county_code"].iloc[c], "stage": stage,
                         "method": choice.method, "reason": choice.reason,
                         "n_origins": choice.n_origins})
    columns = ["county_code", "stage", "method", "reason", "n_origins"]
    return naive_stage, pd.DataFrame(rows, columns=columns)


def _ape_grid(errors: LevelErrors) -> np.ndarray:
    """APEs of one series as (origins x horizons)."""
    origins = np.unique(errors.origin)
    width = int(errors.horizon.max(initial=0))
    grid = np.full((len(origins), width), np.nan)
    rows = np.searchsorted(origins, errors.origin)
    grid[rows, errors.horizon - 1] = absolute_percentage_errors(errors.predicted, errors.actual)
    return grid


def _mixed_levels(panel: EnrolmentPanel, levels: Mapping[str, Mapping[str, LevelErrors]],
                  sums: Mapping[str, list], naive_stage: np.ndarray) -> dict[str, LevelErrors]:
    """The errors of the forecast as made: each county-stage from its chosen method."""
    stage_index = {s: k for k, s in enumerate(STAGES)}
    out = {}
    for level in ("school_grade", "town_stage", "county_stage"):
        cohort, naive = levels[COHORT][level], levels[NAIVE][level]
        k = np.array([stage_index[s] for s in cohort.stage], dtype=int)
        use_naive = naive_stage[cohort.county, k] if len(k) else np.zeros(0, dtype=bool)
        out[level] = LevelErrors(cohort.horizon, cohort.stage,
                                 np.where(use_naive, naive.predicted, cohort.predicted),
                                 cohort.actual, cohort.origin, cohort.county)
    per_school = naive_stage[panel.school_county][:, :, None]
    parts = []
    for (origin, (pred_c, act, has)), (_, (pred_n, _, _)) in zip(sums[COHORT], sums[NAIVE],
                                                                  strict=True):
        parts.append(school_errors(panel, np.where(per_school, pred_n, pred_c), act, has, origin))
    out["school"] = _concat(parts)
    return {level: out[level] for level in LEVELS}


def skill_frame(panel: EnrolmentPanel, backtest: ChoiceBacktest, intervals: EmpiricalIntervals
                ) -> pd.DataFrame:
    """Per county, stage and horizon: backtest MAPE (%) of the forecast as made and of naive,
    their ratio, the number of errors, and the share of outcomes inside the interval."""
    keep = backtest.counted
    chosen = backtest.chosen.levels["county_stage"].where(keep)
    naive = backtest.naive.levels["county_stage"].where(keep)
    flags = coverage_flags(chosen.horizon, chosen.origin, chosen.predicted, chosen.actual,
                           intervals)
    frame = pd.DataFrame({
        "county": chosen.county, "stage": chosen.stage, "horizon": chosen.horizon,
        "chosen": absolute_percentage_errors(chosen.predicted, chosen.actual),
        "naive": absolute_percentage_errors(naive.predicted, naive.actual), "inside": flags})
    columns = ["county_code", "stage", "horizon", "method", "mape_chosen", "mape_naive", "ratio",
               "n", "coverage"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    table = frame.groupby(["county", "stage", "horizon"], sort=False).agg(
        mape_chosen=("chosen", "mean"), mape_naive=("naive", "mean"), n=("chosen", "count"),
        coverage=("inside", "mean")).reset_index()
    table[["mape_chosen", "mape_naive"]] *= 100
    with np.errstate(invalid="ignore", divide="ignore"):
        table["ratio"] = table["mape_chosen"] / table["mape_naive"].where(table["mape_naive"] > 0)
    stage_index = {s: k for k, s in enumerate(STAGES)}
    k = table["stage"].map(stage_index).to_numpy()
    table["method"] = np.where(backtest.naive_stage[table["county"].to_numpy(), k], NAIVE, COHORT)
    table["county_code"] = panel.counties["county_code"].to_numpy()[table["county"].to_numpy()]
    table = table.sort_values(["county_code", "stage", "horizon"], key=lambda c: c.map(
        stage_index) if c.name == "stage" else c, ignore_index=True)
    return table[columns]


SCHOOL_SKILL_COLUMNS = ["county_code", "horizon", "mape_chosen", "median_chosen",
                        "mape_naive", "n", "hits", "counted"]


def school_skill_frame(county_codes: np.ndarray, backtest: ChoiceBacktest,
                       intervals: EmpiricalIntervals) -> pd.DataFrame:
    """The uncertainty of each school's forecast pupils, from the same backtest as the
    county's: per county and horizon the mean and median absolute percentage error (%) of
    the school totals as forecast (each stage by its chosen method) and naive's mean, the
    number of school-origin pairs, and how many of them (``hits`` of ``counted``) fell inside
    the school-level interval fitted without their own origin (:func:`coverage_flags`, as
    the county's 回测命中). ``county_codes``: the panel's counties in order."""
    chosen, naive = backtest.chosen.levels["school"], backtest.naive.levels["school"]
    if not len(chosen.horizon):
        return pd.DataFrame(columns=SCHOOL_SKILL_COLUMNS)
    flags = coverage_flags(chosen.horizon, chosen.origin, chosen.predicted, chosen.actual,
                           intervals)
    frame = pd.DataFrame({
        "county": chosen.county, "horizon": chosen.horizon,
        "chosen": absolute_percentage_errors(chosen.predicted, chosen.actual) * 100,
        "naive": absolute_percentage_errors(naive.predicted, naive.actual) * 100,
        "inside": flags})
    table = frame.groupby(["county", "horizon"], sort=True).agg(
        mape_chosen=("chosen", "mean"), median_chosen=("chosen", "median"),
        mape_naive=("naive", "mean"), n=("chosen", "count"), hits=("inside", "sum"),
        counted=("inside", "count")).reset_index()
    table[["hits", "counted"]] = table[["hits", "counted"]].astype(int)
    table["county_code"] = np.asarray(county_codes)[table["county"].to_numpy()]
    return table[SCHOOL_SKILL_COLUMNS]


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


def _level_errors(panel: EnrolmentPanel, predicted: np.ndarray, actual: np.ndarray,
                  origin: int) -> dict[str, LevelErrors]:
    """Errors of one origin at every level (school-grade, school, town-stage, county-stage)."""
    steps = predicted.shape[2]
    horizon = np.arange(1, steps + 1)
    known = panel.allowed[:, :, None] & ~np.isnan(actual)
    s, g, h = np.nonzero(known)
    stage_names = np.asarray(STAGES, dtype=object)
    out = {"school_grade": _pairs(horizon[h], stage_names[STAGE_OF_GRADE[g]], predicted[s, g, h],
                                  actual[s, g, h], origin, panel.school_county[s])}
    sums = stage_sums(predicted, actual, known)
    out["school"] = school_errors(panel, *sums, origin)
    pred_stage, act_stage, has_stage = sums
    for level, group, size, county_of in (
            ("town_stage", panel.school_town, panel.n_towns, panel.town_county),
            ("county_stage", panel.school_county, panel.n_counties, np.arange(panel.n_counties))):
        inside = group >= 0
        pred_g = np.zeros((size, len(STAGES), steps))
        act_g = np.zeros_like(pred_g)
        any_g = np.zeros(pred_g.shape, dtype=bool)
        np.add.at(pred_g, group[inside], pred_stage[inside])
        np.add.at(act_g, group[inside], act_stage[inside])
        np.logical_or.at(any_g, group[inside], has_stage[inside])
        i, k, hh = np.nonzero(any_g)
        out[level] = _pairs(horizon[hh], stage_names[k], pred_g[i, k, hh], act_g[i, k, hh],
                            origin, county_of[i])
    return out


def _pairs(horizon, stage, predicted, actual, origin: int, county) -> LevelErrors:
    return LevelErrors(horizon, stage, predicted, actual, np.full(len(horizon), origin),
                       np.asarray(county))


def stage_sums(predicted: np.ndarray, actual: np.ndarray, known: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per school, stage and horizon: forecast, outcome and whether any grade was reported."""
    one_hot = (STAGE_OF_GRADE[:, None] == np.arange(len(STAGES))[None, :]).astype(float)
    pred0 = np.where(known, predicted, 0.0)
    act0 = np.where(known, actual, 0.0)
    return (np.einsum("sgh,gk->skh", pred0, one_hot), np.einsum("sgh,gk->skh", act0, one_hot),
            np.einsum("sgh,gk->skh", known.astype(float), one_hot) > 0)


def school_errors(panel: EnrolmentPanel, pred_stage: np.ndarray, act_stage: np.ndarray,
                  has_stage: np.ndarray, origin: int) -> LevelErrors:
    """School totals (all stages) of one origin from the per-stage sums."""
    reported = has_stage.any(axis=1)  # school x horizon
    s, h = np.nonzero(reported)
    steps = pred_stage.shape[2]
    return _pairs(np.arange(1, steps + 1)[h], np.full(len(s), "all", dtype=object),
                  pred_stage.sum(axis=1)[s, h], act_stage.sum(axis=1)[s, h], origin,
                  panel.school_county[s])


def _concat(parts: list[LevelErrors]) -> LevelErrors:
    if not parts:
        empty = np.zeros(0)
        return LevelErrors(empty.astype(int), empty.astype(object), empty, empty,
                           empty.astype(int), empty.astype(int))
    return LevelErrors(*(np.concatenate([getattr(p, f) for p in parts]) for f in _FIELDS))
