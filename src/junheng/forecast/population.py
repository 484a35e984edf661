"""Births and resident children per town, observed and projected: the pools schools draw on.

* **Births.** Each county's total births are projected by a ratio model on the year-on-year
  birth ratio (chosen by backtest like every other ratio), and split between towns by the trend
  of each town's share (:class:`~junheng.forecast.migration.TownShareTrend` over years). A town
  with no birth records at all takes its village children by age as its cohorts (children aged
  ``a`` in year ``Y`` were born in ``Y - a``).
* **Resident children by age.** For past years: the village table where there is one, else
  births ``a`` years earlier times the town's retention ``kappa[a]`` (village children aged
  ``a`` per birth of their cohort, from the latest village table; 1 without one). For future
  years the children are aged forward one year at a time, moved between towns by the cohort
  migration factor (the trend of a town's share while cohorts age) and scaled by the county's
  net change per year of age; new cohorts are projected births times ``kappa[0]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.migration import TownShareTrend, _log_slopes, group_sums
from junheng.forecast.panel import MAX_AGE, EnrolmentPanel
from junheng.forecast.ratios import RatioModel, default_candidates
from junheng.forecast.selection import ModelSelector

AGES = np.arange(MAX_AGE + 1)


@dataclass(frozen=True)
class PopulationOutlook:
    """Births and resident children per town over history and the projection years."""

    birth_years: np.ndarray
    births: np.ndarray
    births_projected: np.ndarray
    years: np.ndarray
    children: np.ndarray
    birth_models: pd.DataFrame
    migration: pd.DataFrame

    def children_at(self, year: int) -> np.ndarray:
        """Resident children by town and age (towns x 15) in ``year``."""
        return self.children[:, int(year - self.years[0]), :]


def right_align(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shift each row so its last known value sits in the last column; returns (rows, shift)."""
    known = ~np.isnan(values)
    last = np.where(known.any(axis=1), values.shape[1] - 1 - np.argmax(known[:, ::-1], axis=1),
                    values.shape[1] - 1)
    shift = values.shape[1] - 1 - last
    columns = (np.arange(values.shape[1])[None, :] - shift[:, None])
    aligned = np.where(columns >= 0,
                       np.take_along_axis(values, np.maximum(columns, 0), axis=1), np.nan)
    return aligned, shift


class PopulationProjection:
    """Fit births and children pools on a panel; predict them ``horizon`` years past its base.

    Parameters
    ----------
    candidates : mapping of name to RatioModel, optional
        Models for the year-on-year birth ratio (default: the three standard ratio models,
        bounded to ``[0.5, 1.5]``).
    share_window : int
        Years of births used for the trend of each town's share.
    max_drift : float
        Bound on a town's share drift per year (log scale).
    max_net : float
        Bound on the county's net change of a cohort per year of age (log scale).
    """

    def __init__(self, candidates: Mapping[str, RatioModel] | None = None, share_window: int = 6,
                 max_drift: float = 0.1, max_net: float = 0.05):
        self.candidates = candidates
        self.share_window = share_window
        self.max_drift = max_drift
        self.max_net = max_net

    def fit(self, panel: EnrolmentPanel) -> PopulationProjection:
        """Learn births trends, town shares, retention and migration from ``panel``."""
        if not float(self.max_net) >= 0.0:
            raise JunhengError(f"净变化上限 max_net={self.max_net} 无效：须为非负数。")
        candidates = self.candidates or default_candidates(lower=0.5, upper=1.5)
        births = _births_with_village_cohorts(panel)
        self.panel_ = panel
        self.births_ = births
        totals = _county_totals(births, panel.town_county, panel.n_counties)
        aligned, self.shift_ = right_align(totals)
        self.last_total_ = aligned[:, -1]
        with np.errstate(invalid="ignore", divide="ignore"):
            growth = np.where(aligned[:, :-1] > 0, aligned[:, 1:] / aligned[:, :-1], np.nan)
        self.growth_ = ModelSelector(candidates).fit(growth)
        town_aligned = np.take_along_axis(
            births, _aligned_columns(births.shape[1], self.shift_[panel.town_county]), axis=1)
        self.shares_ = TownShareTrend(self.share_window, self.max_drift).fit(
            town_aligned, groups=panel.town_county)
        self.latest_children_year_ = max(panel.children, default=None)
        self.kappa_ = _retention(panel, births, self.latest_children_year_)
        self.cohort_ = _cohort_migration(panel, births, self.latest_children_year_,
                                         self.max_drift)
        self.net_ = _net_change(panel, births, self.latest_children_year_, float(self.max_net))
        return self

    def predict(self, horizon: int) -> PopulationOutlook:
        """Births and resident children from the panel's first year to ``base + horizon``."""
        if not hasattr(self, "growth_"):
            raise NotFittedError("人口预测尚未拟合：请先调用 fit() 再调用 predict()。")
        panel = self.panel_
        births, projected, birth_years = self._births_through(panel.base_year + horizon)
        years = np.arange(panel.years[0], panel.base_year + horizon + 1)
        children = self._children(births, birth_years, years)
        return PopulationOutlook(birth_years, births, projected, years, children,
                                 self._birth_report(), self._migration_report())

    # -- births ------------------------------------------------------------------------
    def _births_through(self, last_year: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        panel = self.panel_
        birth_years = np.arange(panel.birth_years[0], max(last_year, panel.birth_years[-1]) + 1)
        births = np.full((panel.n_towns, len(birth_years)), np.nan)
        births[:, :panel.births.shape[1]] = self.births_
        steps = len(birth_years) - 1 + int(self.shift_.max(initial=0))
        growth = np.atleast_2d(self.growth_.predict(max(steps, 1)))
        growth = np.where(np.isnan(growth), 1.0, growth)
        totals = self.last_total_[:, None] * np.cumprod(growth, axis=1)
        shares = self.shares_.predict(max(steps, 1))
        last_known = panel.births.shape[1] - 1 - self.shift_  # per county, column index
        town_last = last_known[panel.town_county]
        column = np.arange(len(birth_years))[None, :]
        step = column - town_last[:, None]  # 1 = the first year after the county's last births
        future = step >= 1
        index = np.clip(step - 1, 0, totals.shape[1] - 1)
        estimate = (np.take_along_axis(totals[panel.town_county], index, axis=1)
                    * np.take_along_axis(shares, index, axis=1))
        projected = future & np.isnan(births)
        births = np.where(projected, estimate, births)
        return births, projected & ~np.isnan(births), birth_years

    # -- children ------------------------------------------------------------------------
    def _children(self, births: np.ndarray, birth_years: np.ndarray, years: np.ndarray
                  ) -> np.ndarray:
        panel = self.panel_
        out = np.full((panel.n_towns, len(years), len(AGES)), np.nan)
        for i, year in enumerate(years[years <= panel.base_year]):
            observed = panel.children.get(int(year))
            cohorts = _cohorts_of(births, birth_years, int(year)) * self.kappa_
            out[:, i, :] = cohorts if observed is None else np.where(np.isnan(observed), cohorts,
                                                                     observed)
        factor = np.exp(self.cohort_)
        for i in np.flatnonzero(years > panel.base_year):
            previous = out[:, i - 1, :-1]
            moved = previous * factor[:, None]
            keep_total = group_sums(previous, panel.town_county)
            moved_total = group_sums(moved, panel.town_county)
            with np.errstate(invalid="ignore", divide="ignore"):
                scale = np.where(moved_total > 0, keep_total / moved_total, 1.0)
            net = np.exp(self.net_)[panel.town_county][:, None]
            out[:, i, 1:] = moved * scale * net
            out[:, i, 0] = _cohorts_of(births, birth_years, int(years[i]))[:, 0] * self.kappa_[:, 0]
        return out

    # -- reports ---------------------------------------------------------------------------
    def _birth_report(self) -> pd.DataFrame:
        report = self.growth_.report()
        report.insert(0, "county_code", self.panel_.counties["county_code"].to_numpy())
        return report

    def _migration_report(self) -> pd.DataFrame:
        towns = self.panel_.towns[["county_code", "town_code"]].copy()
        towns["births_share"] = self.shares_.share_
        towns["births_share_drift"] = self.shares_.drift_
        towns["cohort_drift"] = self.cohort_
        towns["migration_factor"] = np.exp(self.cohort_)
        return towns


def _aligned_columns(width: int, shift: np.ndarray) -> np.ndarray:
    return np.clip(np.arange(width)[None, :] - shift[:, None], 0, width - 1)


def _county_totals(births: np.ndarray, town_county: np.ndarray, n_counties: int) -> np.ndarray:
    totals = np.zeros((n_counties, births.shape[1]))
    known = np.zeros((n_counties, births.shape[1]), dtype=int)
    np.add.at(totals, town_county, np.where(np.isnan(births), 0.0, births))
    np.add.at(known, town_county, (~np.isnan(births)).astype(int))
    return np.where(known > 0, totals, np.nan)


def _cohorts_of(births: np.ndarray, birth_years: np.ndarray, year: int) -> np.ndarray:
    """Births of the cohorts aged 0..14 in ``year`` (towns x 15), NaN where unknown."""
    columns = year - AGES - birth_years[0]
    inside = (columns >= 0) & (columns < births.shape[1])
    out = np.full((births.shape[0], len(AGES)), np.nan)
    out[:, inside] = births[:, columns[inside]]
    return out


def _births_with_village_cohorts(panel: EnrolmentPanel) -> np.ndarray:
    """Births, with a town that has none taking its village children by age as cohorts."""
    births = panel.births.copy()
    if not panel.children:
        return births
    year = max(panel.children)
    children = panel.children[year]
    empty = np.isnan(births).all(axis=1) & ~np.isnan(children).all(axis=1)
    columns = year - AGES - panel.birth_years[0]
    inside = (columns >= 0) & (columns < births.shape[1])
    rows = np.flatnonzero(empty)
    births[np.ix_(rows, columns[inside])] = children[np.ix_(rows, np.flatnonzero(inside))]
    return births


def _retention(panel: EnrolmentPanel, births: np.ndarray, year: int | None) -> np.ndarray:
    """Village children aged ``a`` per birth of their cohort, per town (county value if unknown)."""
    kappa = np.ones((panel.n_towns, len(AGES)))
    if year is None:
        return kappa
    children = panel.children[year]
    cohorts = _cohorts_of(births, panel.birth_years, year)
    both = (children > 0) & (cohorts > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        own = np.where(both, children / np.where(both, cohorts, 1.0), np.nan)
        county = (group_sums(np.where(both, children, np.nan), panel.town_county)
                  / group_sums(np.where(both, cohorts, np.nan), panel.town_county))
    kappa = np.where(np.isnan(own), np.where(np.isfinite(county) & (county > 0), county, 1.0),
                     own)
    return np.clip(kappa, 0.2, 5.0)


def _cohort_migration(panel: EnrolmentPanel, births: np.ndarray, year: int | None,
                      max_drift: float) -> np.ndarray:
    """Per town, the drift of its share of a cohort per year of age (0 without villages)."""
    if year is None:
        return np.zeros(panel.n_towns)
    children = panel.children[year]
    cohorts = _cohorts_of(births, panel.birth_years, year)
    baseline = cohorts if (~np.isnan(cohorts)).any() else None
    trend = TownShareTrend(window=None, max_drift=max_drift).fit(
        np.where(np.isnan(children), np.nan, children), groups=panel.town_county,
        baseline=baseline)
    return trend.drift_


def _net_change(panel: EnrolmentPanel, births: np.ndarray, year: int | None,
                max_net: float) -> np.ndarray:
    """Per county, the drift per year of age of its children against their cohorts' births."""
    if year is None:
        return np.zeros(panel.n_counties)
    children = _county_totals(panel.children[year], panel.town_county, panel.n_counties)
    cohorts = _county_totals(_cohorts_of(births, panel.birth_years, year), panel.town_county,
                             panel.n_counties)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = children / cohorts
        logs = np.where(ratio > 0, np.log(np.where(ratio > 0, ratio, 1.0)), np.nan)
    return np.clip(_log_slopes(logs, AGES.astype(float)), -max_net, max_net)
