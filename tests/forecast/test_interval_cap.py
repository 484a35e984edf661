"""Intervals stay usable when the backtest errors are wild (short or erratic histories)."""

import numpy as np

from junheng.forecast.intervals import MAX_FACTOR, EmpiricalIntervals


def test_bounds_never_exceed_a_factor_of_three_around_the_forecast():
    # Five one-year-ahead backtests that missed by a factor of 50 both ways.
    horizons = np.ones(10, dtype=int)
    predicted = np.full(10, 10.0)
    actual = np.array([500.0, 0.1] * 5)
    model = EmpiricalIntervals(coverage=0.8, min_errors=5).fit(horizons, predicted, actual)
    low, high = model.predict(np.array([99.0, 99.0]), np.array([1, 8]))
    # (99 + 1) × 3 − 1 = 299 and (99 + 1) / 3 − 1 ≈ 32.33 on the log(x + 1) scale.
    assert MAX_FACTOR == 3.0
    np.testing.assert_allclose(high, [299.0, 299.0])
    np.testing.assert_allclose(low, [100 / 3 - 1, 100 / 3 - 1])
