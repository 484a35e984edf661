"""Town share trends (migration), births projection and children aged forward."""

from __future__ import annotations

import numpy as np
import pytest
from forecast_builders import TOWN, C

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.migration import TownShareTrend
from junheng.forecast.panel import build_panel
from junheng.forecast.population import PopulationProjection
from junheng.model.county import CountyData


def _seat_and_village(seat_share: np.ndarray) -> np.ndarray:
    return np.vstack([100 * seat_share, 100 * (1 - seat_share)])


def test_drift_is_the_slope_of_the_log_share():
    # the seat's share grows exactly 5% a year (log slope 0.05)
    shares = 0.4 * np.exp(0.05 * np.arange(4))
    trend = TownShareTrend().fit(_seat_and_village(shares))
    assert trend.drift_[0] == pytest.approx(0.05)
    assert trend.drift_[1] < 0


def test_projected_shares_keep_growing_for_the_seat_and_sum_to_one():
    shares = 0.4 * np.exp(0.05 * np.arange(4))
    projected = TownShareTrend().fit(_seat_and_village(shares)).predict(3)
    assert projected.sum(axis=0) == pytest.approx([1, 1, 1])
    assert np.all(np.diff(projected[0]) > 0)
    assert projected[0, 0] > shares[-1]


def test_drift_is_bounded():
    shares = np.array([0.1, 0.3, 0.6])
    trend = TownShareTrend(max_drift=0.1).fit(_seat_and_village(shares))
    assert trend.drift_[0] == pytest.approx(0.1)


def test_shares_are_taken_within_each_county():
    counts = np.array([[50.0, 60.0], [50.0, 40.0], [10.0, 10.0], [30.0, 30.0]])
    trend = TownShareTrend().fit(counts, groups=np.array([0, 0, 1, 1]))
    assert trend.share_ == pytest.approx([0.6, 0.4, 0.25, 0.75])
    assert trend.drift_[2:] == pytest.approx([0.0, 0.0])


def test_against_a_baseline_the_drift_is_movement_after_birth():
    # children's shares by age (0, 1, 2) equal their cohorts' birth shares: no movement
    births = np.array([[40.0, 45.0, 50.0], [60.0, 55.0, 50.0]])
    trend = TownShareTrend(window=None).fit(births, baseline=births)
    assert trend.drift_ == pytest.approx([0.0, 0.0])


def test_predict_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError, match="迁移趋势尚未拟合"):
        TownShareTrend().predict(1)


def test_window_must_cover_two_periods():
    with pytest.raises(JunhengError, match="window=1 无效"):
        TownShareTrend(window=1).fit(np.ones((2, 3)))


def _county(births: dict[str, dict[int, int]], villages: list[dict] | None = None) -> CountyData:
    return CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[{"school_id": C, "school_type": "primary_school", "town_code": TOWN}],
        classes=[{"school_id": C, "grade": "g1", "class_no": "1", "students": 40}],
        births=[{"town_code": t, "year": y, "births": n} for t, by in births.items()
                for y, n in by.items()],
        villages=villages or [])


def test_future_births_follow_a_steady_decline():
    # births fall by exactly 20% a year (4^k * 5^(10-k)): every ratio model says 0.8
    by_year = {y: 4 ** (y - 2015) * 5 ** (2025 - y) for y in range(2015, 2026)}
    panel = build_panel(_county({TOWN: by_year}))
    outlook = PopulationProjection().fit(panel).predict(2)
    column = {int(y): i for i, y in enumerate(outlook.birth_years)}
    assert outlook.births[0, column[2026]] == pytest.approx(0.8 * by_year[2025])
    assert outlook.births[0, column[2027]] == pytest.approx(0.64 * by_year[2025])
    assert outlook.births_projected[0, column[2026]]
    assert not outlook.births_projected[0, column[2025]]


def test_children_age_forward_one_year_at_a_time():
    # village children consistent with births (so no retention or migration adjustment)
    by_year = {y: 100 + 10 * (y - 2010) for y in range(2005, 2026)}
    ages = {f"age_{a}": by_year[2025 - a] for a in range(15)}
    village = {"village_code": "410306001001", "name": "东村", "town_code": TOWN,
               "urban_rural_code": "220", "lon": 112.0, "lat": 34.0, "crs": "WGS84", **ages}
    panel = build_panel(_county({TOWN: by_year}, [village]))
    outlook = PopulationProjection().fit(panel).predict(2)
    # the 4-year-olds of 2025 (born 2021: 210) are the 5-year-olds of 2026 and 6 in 2027
    assert outlook.children_at(2026)[0, 5] == pytest.approx(210)
    assert outlook.children_at(2027)[0, 6] == pytest.approx(210)


def test_the_seat_gains_children_as_cohorts_age():
    # two towns with equal births; in the 2025 village table the seat holds a larger share of
    # older cohorts (children move to the seat as they grow): the seat's share of each cohort
    # grows when it is aged forward
    seat, village_town = "410306001", "410306100"
    by_year = dict.fromkeys(range(2005, 2026), 100)

    def row(code, town, counts):
        return {"village_code": code, "name": code, "town_code": town, "urban_rural_code": "220",
                "lon": 112.0, "lat": 34.0, "crs": "WGS84",
                **{f"age_{a}": counts(a) for a in range(15)}}

    villages = [row("410306001001", seat, lambda a: 100 + 2 * a),
                row("410306100001", village_town, lambda a: 100 - 2 * a)]
    panel = build_panel(_county({seat: by_year, village_town: by_year}, villages))
    model = PopulationProjection().fit(panel)
    outlook = model.predict(1)
    now, later = outlook.children_at(2025), outlook.children_at(2026)
    seat_row = list(panel.towns["town_code"]).index(seat)
    share_now = now[seat_row, 3] / now[:, 3].sum()
    share_later = later[seat_row, 4] / later[:, 4].sum()
    assert share_later > share_now
    assert later[:, 4].sum() == pytest.approx(now[:, 3].sum(), rel=0.01)
    migration = outlook.migration.set_index("town_code")
    assert migration.loc[seat, "migration_factor"] > 1 > migration.loc[village_town,
                                                                     "migration_factor"]
